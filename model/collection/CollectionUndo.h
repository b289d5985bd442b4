#pragma once

#include "model/collection/Collection.h"

#include <QObject>

namespace wirescope {

// Undo and redo for a collection's file operations (save, rename, duplicate, move,
// delete). It records what each operation did to the files and replays that backwards or
// forwards, so it needs no knowledge of the operations themselves. QUndoStack would
// pull QtGui into model/; a UI can wrap this in QActions. A step whose files were changed
// on disk since is refused with an error instead of overwriting them.
class CollectionUndo final : public QObject {
    Q_OBJECT

public:
    explicit CollectionUndo(Collection *collection, int limit = 100, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(CollectionUndo)

    bool canUndo() const { return !m_done.isEmpty(); }
    bool canRedo() const { return !m_undone.isEmpty(); }
    QString undoText() const { return canUndo() ? m_done.last().description : QString(); }
    QString redoText() const { return canRedo() ? m_undone.last().description : QString(); }

    bool undo(QString *error);
    bool redo(QString *error);
    void clear();

Q_SIGNALS:
    void changed();

private:
    void record(const CollectionEdit &edit);

    Collection *m_collection;
    int m_limit;
    QList<CollectionEdit> m_done;
    QList<CollectionEdit> m_undone;
};

} // namespace wirescope
