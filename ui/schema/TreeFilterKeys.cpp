#include "ui/schema/TreeFilterKeys.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QTreeView>

namespace wirescope {

TreeFilterKeys::TreeFilterKeys(QLineEdit *filter, QTreeView *tree, RowTest accepts, RowAction activate)
    : QObject(filter)
    , m_tree(tree)
    , m_accepts(std::move(accepts))
    , m_activate(std::move(activate))
{
    filter->installEventFilter(this);
}

bool TreeFilterKeys::activateFirstVisible()
{
    QAbstractItemModel *model = m_tree->model();
    for (QModelIndex index = model->index(0, 0); index.isValid(); index = m_tree->indexBelow(index)) {
        if (m_accepts(index)) {
            m_tree->setCurrentIndex(index);
            m_activate(index);
            return true;
        }
    }
    return false;
}

bool TreeFilterKeys::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down) {
            m_tree->setFocus();
            if (!m_tree->currentIndex().isValid())
                m_tree->setCurrentIndex(m_tree->model()->index(0, 0));
            return true;
        }
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            activateFirstVisible();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace wirescope
