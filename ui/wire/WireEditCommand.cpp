#include "ui/wire/WireEditCommand.h"

#include <algorithm>

namespace wirescope {

namespace {

constexpr int TypingId = 0x57495245; // any constant: only typing commands merge

} // namespace

WireSplice WireSplice::between(const QByteArray &before, const QByteArray &after)
{
    const qsizetype common = qMin(before.size(), after.size());
    const qsizetype head
        = std::mismatch(before.cbegin(), before.cbegin() + common, after.cbegin()).first - before.cbegin();
    // The common tail may not reach into the common head: "aa" → "aaa" is one byte inserted.
    const qsizetype room = common - head;
    const qsizetype tail
        = std::mismatch(before.crbegin(), before.crbegin() + room, after.crbegin()).first - before.crbegin();
    return {head, before.mid(head, before.size() - head - tail), after.mid(head, after.size() - head - tail)};
}

void WireSplice::apply(QByteArray &bytes) const
{
    bytes.replace(offset, removed.size(), inserted);
}

void WireSplice::revert(QByteArray &bytes) const
{
    bytes.replace(offset, inserted.size(), removed);
}

bool WireSplice::absorb(const WireSplice &next)
{
    // Both are placed in the bytes between the two edits: this one's inserted run and the
    // next one's removed run. Together they cover one stretch of those bytes when they touch.
    const qint64 insertedEnd = offset + inserted.size();
    const qint64 removedEnd = next.offset + next.removed.size();
    if (next.offset > insertedEnd || removedEnd < offset)
        return false;
    const qint64 start = qMin(offset, next.offset);
    QByteArray middle(qMax(insertedEnd, removedEnd) - start, '\0');
    middle.replace(next.offset - start, next.removed.size(), next.removed);
    middle.replace(offset - start, inserted.size(), inserted);
    QByteArray first = middle;
    first.replace(offset - start, inserted.size(), removed);
    QByteArray last = std::move(middle);
    last.replace(next.offset - start, next.removed.size(), next.inserted);
    offset = start;
    removed = std::move(first);
    inserted = std::move(last);
    return true;
}

WireEditCommand::WireEditCommand(const QString &text, int source, WireSplice splice, WireEditState before,
    WireEditState after, WireEditTarget target, qint64 typedAt)
    : QUndoCommand(text)
    , m_source(source)
    , m_splice(std::move(splice))
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_target(std::move(target))
    , m_typedAt(typedAt)
{
}

void WireEditCommand::undo()
{
    m_splice.revert(m_target.bytes(m_source));
    m_target.show(m_source, m_before);
}

void WireEditCommand::redo()
{
    m_splice.apply(m_target.bytes(m_source));
    m_target.show(m_source, m_after);
}

int WireEditCommand::id() const
{
    return m_typedAt >= 0 ? TypingId : -1;
}

bool WireEditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = dynamic_cast<const WireEditCommand *>(other);
    if (!next || next->m_typedAt < 0 || next->m_source != m_source || next->m_after.setsIdentity)
        return false;
    if (next->m_typedAt != m_typedAt && next->m_typedAt != m_typedAt + 1)
        return false;
    if (!m_splice.absorb(next->m_splice))
        return false;
    // The first edit of a live source also made the copy: redoing the run must make it again.
    WireEditState after = next->m_after;
    if (m_after.setsIdentity) {
        after.setsIdentity = true;
        after.label = m_after.label;
        after.suppliedType = m_after.suppliedType;
        after.type = m_after.type;
        after.addsFrame = m_after.addsFrame;
    }
    m_after = std::move(after);
    m_typedAt = next->m_typedAt;
    return true;
}

WireEditCommand::Ranges WireEditCommand::grownHighlights(
    const Ranges &current, qint64 offset, qint64 removed, qint64 inserted)
{
    if (inserted <= 0)
        return {};
    const Ranges fresh {{offset, inserted}};
    if (current.size() != 1)
        return fresh;
    const qint64 start = current.first().first;
    const qint64 end = start + current.first().second;
    if (offset < start || offset > end)
        return fresh;
    // Bytes after the edited ones moved by what it inserted less what it removed.
    const qint64 movedEnd = end <= offset ? end : qMax(offset + inserted, end + inserted - removed);
    return {{start, qMax(movedEnd, offset + inserted) - start}};
}

} // namespace wirescope
