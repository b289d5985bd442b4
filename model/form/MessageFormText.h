// MessageFormText: the text a message form's rows show besides their values' own spelling.
#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QStringList>

#include <optional>

namespace wirescope {

struct MessageFormNode;
class MessageFormTree;

// What a MessageFormModel's rows show, read from its MessageFormTree: values, summaries of
// messages, lists and maps, placeholders for what is unset, types, tool tips, the choices
// an editor offers, and which map entries repeat a key. Keeps what is costly to work out
// (duplicate keys per map, the schema's message types) until the model says it is stale.
class MessageFormText final {
    Q_DECLARE_TR_FUNCTIONS(MessageFormText)

public:
    using Node = MessageFormNode;

    explicit MessageFormText(const MessageFormTree &tree);
    Q_DISABLE_COPY_MOVE(MessageFormText)

    // After a change of the message: map keys may repeat elsewhere now.
    void forgetDuplicates() { m_duplicates.clear(); }
    // After a change of type, and with it perhaps of the schema.
    void forgetSchema();

    QString valueText(const Node *node) const;
    QString summary(const Node *node) const;
    QString placeholder(const Node *node) const;
    QString typeText(const Node *node) const;
    // The row's tool tip, ending with `error`, the row's problem if it has one.
    QString toolTip(const Node *node, const QString &error) const;
    bool isDuplicateKey(const Node *entry) const;
    QStringList choices(const Node *node) const;
    QStringList messageTypeNames() const;
    QStringList maskTargets(const Node *node) const;

private:
    QString anySummary(const Node *node) const;

    const MessageFormTree &m_tree;
    mutable QHash<const Node *, QSet<int>> m_duplicates; // per map: rows whose key repeats
    mutable std::optional<QStringList> m_typeNames;
};

} // namespace wirescope
