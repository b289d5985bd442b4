#pragma once

#include <QObject>

#include <functional>

class QLineEdit;
class QModelIndex;
class QTreeView;

namespace wirescope {

// The keys of a filter field above a tree, as the service and collection panels use them:
// Down moves into the tree (onto its first row when none is current), Return and Enter
// activate the first visible row that `accepts` (a method, a saved request). Installs
// itself on the field, which owns it.
class TreeFilterKeys final : public QObject {
    Q_OBJECT

public:
    using RowTest = std::function<bool(const QModelIndex &)>;
    using RowAction = std::function<void(const QModelIndex &)>;

    TreeFilterKeys(QLineEdit *filter, QTreeView *tree, RowTest accepts, RowAction activate);
    Q_DISABLE_COPY_MOVE(TreeFilterKeys)

    // Makes the first visible accepted row current and activates it; false when there is none.
    bool activateFirstVisible();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTreeView *m_tree;
    RowTest m_accepts;
    RowAction m_activate;
};

} // namespace wirescope
