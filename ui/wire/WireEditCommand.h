#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUndoCommand>

#include <functional>

namespace wirescope {

// One change of a source's bytes, kept as what it replaced: `removed` bytes at `offset` became
// `inserted`. An undo step holds only these, not a copy of the whole input, so fifty Deletes
// in a 64 MB file cost fifty bytes, not three gigabytes.
struct WireSplice {
    qint64 offset = 0;
    QByteArray removed;
    QByteArray inserted;

    // The smallest splice turning `before` into `after`: from the first byte that differs to
    // the last one, so a value edit that also rewrote the lengths around it keeps only that run.
    static WireSplice between(const QByteArray &before, const QByteArray &after);
    void apply(QByteArray &bytes) const;
    void revert(QByteArray &bytes) const;
    // Becomes this splice followed by `next` (made on the bytes this one produced), when the
    // two touch; false, and unchanged, when bytes neither changed lie between them.
    bool absorb(const WireSplice &next);
    qint64 storedBytes() const { return removed.size() + inserted.size(); }
};

// What the wire inspector shows around one edit, before or after it: which source, where the
// caret and selection are, which bytes are marked changed, and what the edited source is
// called when the edit also renamed it.
struct WireEditState {
    int shown = 0; // the WireInspector::Source on display
    // Set when the edit also renames the edited source: a live source's bytes copied into the
    // pasted one before its first edit, that copy undone, or a display-only gRPC prefix made
    // into real bytes of it.
    bool setsIdentity = false;
    QString label;
    QString suppliedType;
    QString type;
    bool addsFrame = false; // the source is a bare message; the gRPC switch frames it for display
    qint64 caret = -1; // -1: no caret, select `path` instead
    bool lowNibble = false;
    QList<int> path; // rows from the top of the tree to the selected node
    QList<QPair<qint64, qint64>> highlights; // changed bytes, (offset, length)
};

// The inspector's side of an undo step: the bytes of a source, changed in place, and then the
// state to show with them.
struct WireEditTarget {
    std::function<QByteArray &(int source)> bytes;
    std::function<void(int source, const WireEditState &state)> show;
};

// One edit of the inspector's bytes on its undo stack: redo applies its splice to the edited
// source and shows the state after it, undo reverts the splice and shows the state before.
// Hex digits typed at neighbouring bytes merge into one step, the way typing a word is one
// step in a text editor.
class WireEditCommand final : public QUndoCommand {
public:
    using Ranges = QList<QPair<qint64, qint64>>;

    // typedAt >= 0: a hex digit typed into that byte, which may merge with typing next to it.
    WireEditCommand(const QString &text, int source, WireSplice splice, WireEditState before,
        WireEditState after, WireEditTarget target, qint64 typedAt = -1);
    Q_DISABLE_COPY_MOVE(WireEditCommand)

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    // The bytes this step keeps to undo and redo itself: proportional to the edit, not to the
    // input it was made in.
    qint64 storedBytes() const { return m_splice.storedBytes(); }

    // The changed-byte marks after `removed` bytes at `offset` became `inserted` bytes: the
    // run typed so far grows when the edit touches it; anywhere else it starts anew.
    static Ranges grownHighlights(const Ranges &current, qint64 offset, qint64 removed, qint64 inserted);

private:
    int m_source;
    WireSplice m_splice;
    WireEditState m_before;
    WireEditState m_after;
    WireEditTarget m_target;
    qint64 m_typedAt;
};

} // namespace wirescope
