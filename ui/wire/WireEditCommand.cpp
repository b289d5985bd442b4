#include "ui/wire/WireEditCommand.h"

namespace wirescope {

namespace {

constexpr int TypingId = 0x57495245; // any constant: only typing commands merge

} // namespace

WireEditCommand::WireEditCommand(
    const QString &text, WireEditState before, WireEditState after, Apply apply, qint64 typedAt)
    : QUndoCommand(text)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_apply(std::move(apply))
    , m_typedAt(typedAt)
{
}

void WireEditCommand::undo()
{
    m_apply(m_before);
}

void WireEditCommand::redo()
{
    m_apply(m_after);
}

int WireEditCommand::id() const
{
    return m_typedAt >= 0 ? TypingId : -1;
}

bool WireEditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = dynamic_cast<const WireEditCommand *>(other);
    if (!next || next->m_typedAt < 0 || next->m_after.source != m_after.source || next->m_before.setsIdentity)
        return false;
    if (next->m_typedAt != m_typedAt && next->m_typedAt != m_typedAt + 1)
        return false;
    // The first edit of a live source also made the copy: redoing the run must make it again.
    WireEditState after = next->m_after;
    if (m_after.setsIdentity) {
        after.setsIdentity = true;
        after.label = m_after.label;
        after.suppliedType = m_after.suppliedType;
        after.type = m_after.type;
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
