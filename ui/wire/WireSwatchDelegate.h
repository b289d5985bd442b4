#pragma once

#include <QStyledItemDelegate>

namespace wirescope {

// Puts the hex view's color of a span in front of its row in the field tree, so a node
// and its bytes can be matched at a glance without selecting anything. Editable values are
// edited in a line edit that takes a value of any length the tree edits at all: the stock
// one stops at 32,767 characters and would cut a long string short without a word.
class WireSwatchDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit WireSwatchDelegate(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(WireSwatchDelegate)

    // Whether a value is too long to edit as a line of text (over 64 KiB of bytes or of
    // text): its bytes are edited in the hex view instead.
    static bool isTooLongToEdit(const QModelIndex &index);

    QWidget *createEditor(
        QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    // Commits only a changed text: focus leaving an untouched editor is no edit.
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

Q_SIGNALS:
    // An editor was asked for a value isTooLongToEdit, and none was opened.
    void valueTooLong(const QModelIndex &index) const;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace wirescope
