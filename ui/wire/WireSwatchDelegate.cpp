#include "ui/wire/WireSwatchDelegate.h"

#include "model/wire/WireSpan.h"
#include "model/wire/WireTreeModel.h"
#include "ui/wire/HexView.h"
#include "ui/workbench/Theme.h"

#include <QLineEdit>
#include <QPainter>
#include <QPixmap>

#include <limits>

namespace wirescope {

namespace {

// Past this a line edit crawls, and a value so long is read better as bytes anyway.
constexpr qint64 MaxEditLength = 64 * 1024;

} // namespace

WireSwatchDelegate::WireSwatchDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

bool WireSwatchDelegate::isTooLongToEdit(const QModelIndex &index)
{
    // The byte count first: a string of many megabytes is not decoded only to be refused.
    if (index.data(WireTreeModel::LengthRole).toLongLong() > MaxEditLength)
        return true;
    return index.data(Qt::EditRole).toString().size() > MaxEditLength;
}

QWidget *WireSwatchDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const
{
    // A wire tree's values are edited as text, whatever their kind (WireEdit::editText).
    if (isTooLongToEdit(index)) {
        Q_EMIT valueTooLong(index);
        return nullptr;
    }
    auto *editor = new QLineEdit(parent);
    editor->setFrame(false);
    editor->setMaxLength(std::numeric_limits<int>::max());
    return editor;
}

void WireSwatchDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *line = qobject_cast<QLineEdit *>(editor);
    if (!line) {
        QStyledItemDelegate::setEditorData(editor, index);
        return;
    }
    line->setMaxLength(std::numeric_limits<int>::max());
    line->setText(index.data(Qt::EditRole).toString());
}

void WireSwatchDelegate::setModelData(
    QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    const auto *line = qobject_cast<const QLineEdit *>(editor);
    if (!line) {
        QStyledItemDelegate::setModelData(editor, model, index);
        return;
    }
    if (line->text() != index.data(Qt::EditRole).toString())
        model->setData(index, line->text(), Qt::EditRole);
}

void WireSwatchDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() != WireTreeModel::FieldColumn)
        return;
    const int role = index.data(WireTreeModel::SpanRoleRole).toInt();
    if (role < 0)
        return; // a reading groups other spans; it has no color of its own
    // A field row shows its tag's color: the strongest shade of the field's hue.
    auto spanRole = WireSpan::Role(role);
    if (spanRole == WireSpan::Role::Field)
        spanRole = WireSpan::Role::Tag;
    const QColor color = HexView::runColor(spanRole, index.data(WireTreeModel::FieldNumberRole).toInt(),
        index.row(), Theme::isDark(option->palette));
    const int side = option->fontMetrics.height() - 4;
    QPixmap pixmap(side, side);
    pixmap.fill(color);
    QPainter painter(&pixmap);
    painter.setPen(option->palette.color(QPalette::Mid));
    painter.drawRect(0, 0, side - 1, side - 1);
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = QIcon(pixmap);
    option->decorationSize = QSize(side, side);
}

} // namespace wirescope
