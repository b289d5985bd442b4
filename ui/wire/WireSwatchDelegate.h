#pragma once

#include <QStyledItemDelegate>

namespace wirescope {

// Puts the hex view's color of a span in front of its row in the field tree, so a node
// and its bytes can be matched at a glance without selecting anything.
class WireSwatchDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit WireSwatchDelegate(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(WireSwatchDelegate)

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace wirescope
