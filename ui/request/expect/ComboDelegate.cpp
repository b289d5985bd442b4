#include "ui/request/expect/ComboDelegate.h"

#include <QComboBox>
#include <QCompleter>

namespace wirescope {

ComboDelegate::ComboDelegate(QStringList choices, bool editable, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_choices(std::move(choices))
    , m_editable(editable)
{
}

QWidget *ComboDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("cellCombo"));
    combo->setEditable(m_editable);
    combo->addItems(m_choices);
    combo->setMaxVisibleItems(20);
    if (m_editable) {
        // A long path list is found by typing any part of a name, not only its start.
        combo->completer()->setFilterMode(Qt::MatchContains);
        combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
        combo->setInsertPolicy(QComboBox::NoInsert);
    }
    return combo;
}

void ComboDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = qobject_cast<QComboBox *>(editor);
    if (!combo)
        return;
    const QString text = index.data(Qt::EditRole).toString();
    const int found = combo->findText(text);
    if (found >= 0)
        combo->setCurrentIndex(found);
    else if (m_editable)
        combo->setEditText(text);
}

void ComboDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (const auto *combo = qobject_cast<QComboBox *>(editor))
        model->setData(index, combo->currentText().trimmed(), Qt::EditRole);
}

} // namespace wirescope
