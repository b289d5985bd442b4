// MessageFormEditor: how a message form's edits change the message, and its rows with it.
#pragma once

#include "model/form/MessageFormTree.h"

#include <QCoreApplication>

#include <memory>
#include <optional>

namespace wirescope {

// The edits a MessageFormModel offers, made on the rows of a MessageFormTree: values and
// map keys from text, presence, oneof choices, list and map elements added, removed and
// moved, bytes, and the type an Any packs. A refused edit changes nothing. After an edit
// the rows below it are brought in line with the message (lists and maps grow or shrink,
// Any rows show what they now pack), and every change of rows goes to a Rows listener,
// which the model turns into its notifications.
class MessageFormEditor final {
    Q_DECLARE_TR_FUNCTIONS(MessageFormEditor)

public:
    using Node = MessageFormNode;
    using Slot = MessageFormTree::Slot;

    // What the editor tells its model. Rows are added, removed and moved between a begin
    // and an end call, while the rows they name still exist in the message.
    class Rows {
    public:
        virtual ~Rows() = default;
        virtual void beginInsert(const Node *parent, int first, int last) = 0;
        virtual void endInsert() = 0;
        virtual void beginRemove(const Node *parent, int first, int last) = 0;
        virtual void endRemove() = 0;
        // `to` as QAbstractItemModel::beginMoveRows takes it; false: the move cannot be made.
        virtual bool beginMove(const Node *parent, int from, int to) = 0;
        virtual void endMove() = 0;
        // The rows first .. last, siblings, show something else.
        virtual void changed(const Node *first, const Node *last) = 0;
        // Makes the children of a row not yet expanded.
        virtual void fetch(Node *node) = 0;
        // An edit at `node` is in the message; the rows follow once this returns.
        virtual void editing(const Node *node) = 0;
        // The edit is complete: rows and message agree again.
        virtual void edited() = 0;
        // `text` is the refused input, given back to the next editor; empty when none.
        virtual void rejected(const Node *node, const QString &why, const QString &text) = 0;
        virtual void anyTypeChanged(const Node *node) = 0;
    };

    MessageFormEditor(MessageFormTree &tree, Rows &rows);
    Q_DISABLE_COPY_MOVE(MessageFormEditor)

    // The model's edits, on rows it has checked are of the kind each takes (a map entry, a
    // oneof, an element, an Any, a bytes row). Each returns false (and changes nothing)
    // where it does not apply; an edit refused for a reason the user should see also goes
    // to Rows::rejected.
    bool setValueText(Node *node, const QString &text);
    bool setKeyText(Node *node, const QString &text);
    bool setPresent(Node *node, bool present);
    bool chooseOneof(Node *node, const QString &memberName);
    // On a list or map (at `row`; -1: at the end), or after an element of one; returns the
    // row added, or null.
    Node *addElement(Node *node, int row);
    bool removeElement(Node *node);
    bool moveElement(Node *node, int toRow);
    bool setBytes(Node *node, const QByteArray &bytes);
    bool setAnyType(Node *node, const QString &typeName);

    // Removes the rows that `next` no longer has, before it replaces the message.
    void trim(Node *node, std::unique_ptr<google::protobuf::Message> &next);
    // Brings the rows under `node` in line with the message after it changed underneath them.
    void sync(Node *node);

private:
    bool setAnyText(Node *node, const QString &text);
    bool dryRun(const Slot &slot, const QString &text, BytesMode mode, QString *error) const;
    std::optional<QString> unusedKey(const Node *map) const;
    void dropChildren(Node *node);
    void dropClearedSiblings(Node *node);
    void dropAnyRows(Node *node);
    bool reject(Node *node, const QString &why, const QString &text = {});
    void edited(Node *node);
    void rowChanged(const Node *node);

    MessageFormTree &m_tree;
    Rows &m_rows;
};

} // namespace wirescope
