#pragma once

#include "model/schema/Schema.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace wirescope {

// Picks the paths of a google.protobuf.FieldMask: the fields of the message type the mask
// most likely refers to as a checkable tree (nested ones as "author.name", a recursive
// type only a few levels deep), the type chosen among the candidates the form offers,
// and the paths as text that stays editable, so a path the tree does not list can be
// typed. Checking a field adds its path to the text; typing a path checks its field.
class FieldMaskPicker final : public QDialog {
    Q_OBJECT

public:
    // `targets`: message types by full name, the likeliest first; `text`: the paths so far.
    FieldMaskPicker(
        const SchemaPtr &schema, const QStringList &targets, const QString &text, QWidget *parent = nullptr);
    ~FieldMaskPicker() override;
    Q_DISABLE_COPY_MOVE(FieldMaskPicker)

    // The paths as the mask's JSON writes them: "title,author.displayName".
    QString text() const;
    QString target() const;
    void setTarget(const QString &typeName);
    // The tree's row of a path in the JSON spelling, or nullptr when the tree lacks it.
    QTreeWidgetItem *itemOf(const QString &path) const { return m_items.value(path); }

private:
    void fillTree();
    void onItemChanged(QTreeWidgetItem *item, int column);
    void checkFromText();
    void applyFilter(const QString &filter);
    void updateProblem();

    SchemaPtr m_schema;
    QComboBox *m_targets;
    QLineEdit *m_filter;
    QTreeWidget *m_tree;
    QLineEdit *m_text;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QHash<QString, QTreeWidgetItem *> m_items;
    bool m_updating = false;
};

} // namespace wirescope
