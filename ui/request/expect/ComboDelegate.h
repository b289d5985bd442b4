#pragma once

#include <QStringList>
#include <QStyledItemDelegate>

namespace wirescope {

// Edits a cell with a combo box: a fixed choice (an assertion's operator), or a list to
// pick from or type over (a JSON path from the response type's fields, a message
// selector). The choices can change while the table is shown (another response type).
class ComboDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    ComboDelegate(QStringList choices, bool editable, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ComboDelegate)

    void setChoices(const QStringList &choices) { m_choices = choices; }
    const QStringList &choices() const { return m_choices; }

    QWidget *createEditor(
        QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    QStringList m_choices;
    bool m_editable;
};

} // namespace wirescope
