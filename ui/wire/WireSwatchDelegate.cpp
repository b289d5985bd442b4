#include "ui/wire/WireSwatchDelegate.h"

#include "model/wire/WireSpan.h"
#include "model/wire/WireTreeModel.h"
#include "ui/wire/HexView.h"
#include "ui/workbench/Theme.h"

#include <QPainter>
#include <QPixmap>

namespace wirescope {

WireSwatchDelegate::WireSwatchDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
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
