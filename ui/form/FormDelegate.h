#pragma once

#include <QStyledItemDelegate>

class QLineEdit;

namespace wirescope {

// Draws and edits the rows of a MessageFormModel: defaults as muted placeholders, rejected
// edits and duplicate map keys in the error colour, field numbers on demand; and for each
// kind of value the editor that fits it (a validated line edit for numbers and bytes, a
// combo box for enums, bools and oneof members, a searchable type list for an Any, a
// calendar for a Timestamp, a field picker for a FieldMask). It reads only the model's
// roles.
class FormDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit FormDelegate(QObject *parent = nullptr);
    ~FormDelegate() override;
    Q_DISABLE_COPY_MOVE(FormDelegate)

    void setShowFieldNumbers(bool show) { m_showFieldNumbers = show; }
    bool showFieldNumbers() const { return m_showFieldNumbers; }

    QWidget *createEditor(
        QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QWidget *createCombo(QWidget *parent, const QModelIndex &index) const;
    QLineEdit *createLineEdit(QWidget *parent, const QModelIndex &index) const;

    bool m_showFieldNumbers = false;
};

} // namespace wirescope
