#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QUndoCommand>

#include <functional>

namespace wirescope {

// What the wire inspector shows of one source's bytes at one moment: enough to go back to
// it exactly, bytes, caret, selected node and changed-byte marks included.
struct WireEditState {
    int source = 0; // the WireInspector::Source whose bytes these are
    int shown = 0; // the source on display afterwards
    QByteArray bytes;
    // Set when the edit also renames the source: a live source's bytes copied into the
    // pasted one before its first edit, and that copy undone.
    bool setsIdentity = false;
    QString label;
    QString suppliedType;
    QString type;
    qint64 caret = -1; // -1: no caret, select `path` instead
    bool lowNibble = false;
    QList<int> path; // rows from the top of the tree to the selected node
    QList<QPair<qint64, qint64>> highlights; // changed bytes, (offset, length)
};

// One edit of the inspector's bytes on its undo stack: undo and redo hand the state before
// or after it to the inspector, which shows it. Hex digits typed at neighbouring bytes merge
// into one step, the way typing a word is one step in a text editor.
class WireEditCommand final : public QUndoCommand {
public:
    using Apply = std::function<void(const WireEditState &state)>;
    using Ranges = QList<QPair<qint64, qint64>>;

    // typedAt >= 0: a hex digit typed into that byte, which may merge with typing next to it.
    WireEditCommand(
        const QString &text, WireEditState before, WireEditState after, Apply apply, qint64 typedAt = -1);
    Q_DISABLE_COPY_MOVE(WireEditCommand)

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    // The changed-byte marks after `removed` bytes at `offset` became `inserted` bytes: the
    // run typed so far grows when the edit touches it; anywhere else it starts anew.
    static Ranges grownHighlights(const Ranges &current, qint64 offset, qint64 removed, qint64 inserted);

private:
    WireEditState m_before;
    WireEditState m_after;
    Apply m_apply;
    qint64 m_typedAt;
};

} // namespace wirescope
