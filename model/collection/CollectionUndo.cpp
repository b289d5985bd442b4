#include "model/collection/CollectionUndo.h"

namespace wirescope {

CollectionUndo::CollectionUndo(Collection *collection, int limit, QObject *parent)
    : QObject(parent)
    , m_collection(collection)
    , m_limit(qMax(1, limit))
{
    connect(collection, &Collection::edited, this, &CollectionUndo::record);
}

void CollectionUndo::record(const CollectionEdit &edit)
{
    m_done.append(edit);
    while (m_done.size() > m_limit)
        m_done.removeFirst();
    m_undone.clear();
    Q_EMIT changed();
}

bool CollectionUndo::undo(QString *error)
{
    if (!canUndo()) {
        *error = QStringLiteral("nothing to undo");
        return false;
    }
    if (!m_collection->apply(m_done.last(), false, error))
        return false;
    m_undone.append(m_done.takeLast());
    Q_EMIT changed();
    return true;
}

bool CollectionUndo::redo(QString *error)
{
    if (!canRedo()) {
        *error = QStringLiteral("nothing to redo");
        return false;
    }
    if (!m_collection->apply(m_undone.last(), true, error))
        return false;
    m_done.append(m_undone.takeLast());
    Q_EMIT changed();
    return true;
}

void CollectionUndo::clear()
{
    m_done.clear();
    m_undone.clear();
    Q_EMIT changed();
}

} // namespace wirescope
