#include "model/lab/SchemaEvolution.h"

#include "model/lab/EvolutionRules.h"
#include "model/wire/WireAnnotator.h"
#include "model/wire/WireLayout.h"

#include <google/protobuf/descriptor.h>

#include <QSet>

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

using FD = gp::FieldDescriptor;
using Verdict = EvolutionChange::Verdict;
using Kind = EvolutionChange::Kind;

using namespace EvolutionRules;
using TypePair = std::pair<const gp::Descriptor *, const gp::Descriptor *>;

// Each pair of message types is compared once, however many paths lead to it, so this
// stops only schemas with thousands of distinct message types.
constexpr int kMaxTypePairs = 4096;
// Changes listed and nested fields walked in one call: a type nested in many fields has its
// changes listed under every path, and the paths multiply from level to level.
constexpr int kMaxListed = 20000;
// protobuf's parsers reject messages nested deeper than their default recursion limit, 100,
// so changes further down concern no bytes a reader accepts.
constexpr qsizetype kMaxDepth = 100;

// When a change matters to the bytes being read.
enum class Trigger : quint8 {
    Present, // its field is in the bytes
    Absent, // its message is in the bytes, without the field
    Never, // a field the writer never writes, which the reader takes as its default
    Always, // the comparison was cut short, so nothing can be ruled out
};

// One result of comparing a pair of types: a change to one of their fields, or a message
// field whose own types are compared as a pair (nested).
struct Entry {
    Judgement judgement;
    Kind kind = Kind::TypeChanged;
    Trigger trigger = Trigger::Present;
    const FD *writer = nullptr;
    const FD *reader = nullptr;
    bool nested = false;
};

struct PairResult {
    QList<Entry> entries; // by field number; a field's own changes before its nested ones
    bool changing = false; // it has a change, or a pair nested in it has
};

// One change and where its field sits: the field numbers from the top-level message down.
struct Located {
    EvolutionChange change;
    QList<int> numbers;
    Trigger trigger = Trigger::Present;
};

TypePair nestedPair(const Entry &entry)
{
    return {entry.writer->message_type(), entry.reader->message_type()};
}

QString nameOf(const FD *fd)
{
    return QString::fromStdString(fd->name());
}

// Compares every pair of message types reachable from the top-level pair once, then lists
// the changes under each path that leads to them.
class Comparison final {
public:
    QList<Located> run(const gp::Descriptor *writer, const gp::Descriptor *reader)
    {
        if (!writer || !reader)
            return {};
        compareAll({writer, reader});
        markChanging();
        list({writer, reader}, Where {});
        if (m_typesStopped || m_listStopped)
            m_out.append(stoppedNote());
        return std::move(m_out);
    }

private:
    struct Where {
        QString writerPrefix; // "address." inside a nested message
        QString readerPrefix;
        QList<int> numbers;
    };

    // Breadth first, so a schema too large to compare in full loses its deepest types.
    void compareAll(const TypePair &root)
    {
        std::vector<TypePair> queue {root};
        for (std::size_t next = 0; next < queue.size(); ++next) {
            const TypePair pair = queue[next];
            if (m_results.count(pair))
                continue;
            if (m_results.size() >= std::size_t(kMaxTypePairs)) {
                m_typesStopped = true;
                return;
            }
            QList<Entry> &entries = m_results[pair].entries;
            compareMessages(pair.first, pair.second, &entries);
            for (const Entry &entry : std::as_const(entries))
                if (entry.nested && !m_results.count(nestedPair(entry)))
                    queue.push_back(nestedPair(entry));
        }
    }

    static void compareMessages(
        const gp::Descriptor *writer, const gp::Descriptor *reader, QList<Entry> *entries)
    {
        std::set<int> numbers;
        for (int i = 0; i < writer->field_count(); ++i)
            numbers.insert(writer->field(i)->number());
        for (int i = 0; i < reader->field_count(); ++i)
            numbers.insert(reader->field(i)->number());
        for (const int number : numbers)
            compareField(writer->FindFieldByNumber(number), reader->FindFieldByNumber(number), entries);
    }

    static void compareField(const FD *writer, const FD *reader, QList<Entry> *entries)
    {
        if (!reader) {
            add(entries, Kind::Added, judgeAdded(writer), writer, reader);
            return;
        }
        if (!writer) {
            const Judgement removed = judgeRemoved(reader);
            add(entries, Kind::Removed, removed, writer, reader,
                removed.verdict == Verdict::Breaking ? Trigger::Absent : Trigger::Never);
            return;
        }
        add(entries, Kind::Renamed, judgeName(writer, reader), writer, reader);
        add(entries, Kind::CardinalityChanged, judgeRequired(writer, reader), writer, reader,
            Trigger::Absent);
        if (!sameWire(writer, reader)) {
            const bool sameElement = writer->type() == reader->type();
            add(entries, sameElement ? Kind::CardinalityChanged : Kind::TypeChanged,
                judgeWire(writer, reader), writer, reader);
            return;
        }
        add(entries, Kind::TypeChanged, judgeType(writer, reader), writer, reader);
        add(entries, Kind::CardinalityChanged, judgeCardinality(writer, reader), writer, reader);
        add(entries, Kind::OneofChanged, judgeOneof(writer, reader), writer, reader);
        if (writer->message_type() && reader->message_type())
            entries->append(Entry {{}, Kind::TypeChanged, Trigger::Present, writer, reader, true});
    }

    static void add(QList<Entry> *entries, Kind kind, const Judgement &judgement, const FD *writer,
        const FD *reader, Trigger trigger = Trigger::Present)
    {
        if (judgement.verdict != Verdict::Same)
            entries->append(Entry {judgement, kind, trigger, writer, reader, false});
    }

    // A pair is worth walking into only when it or a pair nested in it has a change: from
    // the pairs with changes of their own, up through the pairs that nest them.
    void markChanging()
    {
        std::map<TypePair, std::vector<TypePair>> nestedIn;
        std::vector<TypePair> pending;
        for (auto &[pair, result] : m_results) {
            for (const Entry &entry : std::as_const(result.entries)) {
                if (entry.nested)
                    nestedIn[nestedPair(entry)].push_back(pair);
                else if (!result.changing) {
                    result.changing = true;
                    pending.push_back(pair);
                }
            }
        }
        while (!pending.empty()) {
            const TypePair pair = pending.back();
            pending.pop_back();
            for (const TypePair &outer : nestedIn[pair]) {
                PairResult &result = m_results[outer];
                if (!result.changing) {
                    result.changing = true;
                    pending.push_back(outer);
                }
            }
        }
    }

    void list(const TypePair &pair, const Where &where)
    {
        const auto found = m_results.find(pair);
        if (found == m_results.end() || !found->second.changing || where.numbers.size() > kMaxDepth
            || std::find(m_open.begin(), m_open.end(), pair) != m_open.end())
            return; // not compared, nothing to list, or a recursive type already listed further up
        m_open.push_back(pair);
        for (const Entry &entry : std::as_const(found->second.entries)) {
            if (++m_listed > kMaxListed) {
                m_listStopped = true;
                break;
            }
            if (!entry.nested)
                m_out.append(locate(entry, where));
            else
                list(nestedPair(entry),
                    Where {where.writerPrefix + nameOf(entry.writer) + u'.',
                        where.readerPrefix + nameOf(entry.reader) + u'.',
                        where.numbers + QList<int> {entry.writer->number()}});
        }
        m_open.pop_back();
    }

    static Located locate(const Entry &entry, const Where &where)
    {
        Located located;
        located.trigger = entry.trigger;
        EvolutionChange &change = located.change;
        change.verdict = entry.judgement.verdict;
        change.kind = entry.kind;
        change.fieldNumber = entry.writer ? entry.writer->number() : entry.reader->number();
        if (entry.writer)
            change.writerField = declaration(entry.writer, where.writerPrefix + nameOf(entry.writer));
        if (entry.reader)
            change.readerField = declaration(entry.reader, where.readerPrefix + nameOf(entry.reader));
        change.reason = entry.judgement.reason;
        located.numbers = where.numbers;
        located.numbers.append(change.fieldNumber);
        return located;
    }

    // Said rather than implied: a list cut short would otherwise read as "nothing else changed".
    Located stoppedNote() const
    {
        Located located;
        located.trigger = Trigger::Always;
        located.change.verdict = Verdict::Lossy;
        located.change.kind = Kind::TypeChanged;
        located.change.reason = m_typesStopped
            ? QStringLiteral(
                "These versions have too many message types to compare in full: the comparison stopped "
                "after %1 message types; the rest is not judged.")
                  .arg(kMaxTypePairs)
            : QStringLiteral(
                "These types nest the same messages under too many paths to list them all: the list "
                "stopped after %1 entries; the rest is not judged.")
                  .arg(kMaxListed);
        return located;
    }

    std::map<TypePair, PairResult> m_results;
    std::vector<TypePair> m_open; // the pairs being listed, outermost first
    int m_listed = 0;
    bool m_typesStopped = false;
    bool m_listStopped = false;
    QList<Located> m_out;
};

// Whether a field occurs in the bytes at this path of field numbers, looking into the
// nested messages as the writer's type decoded them.
bool occurs(const QList<WireSpan> &fields, const QList<int> &numbers, qsizetype at = 0)
{
    if (at >= numbers.size())
        return true;
    for (const WireSpan &field : fields) {
        if (field.role != WireSpan::Role::Field || field.fieldNumber != numbers.at(at))
            continue;
        if (at + 1 == numbers.size())
            return true;
        for (const WireSpan &part : field.children)
            if (part.role == WireSpan::Role::Value && occurs(part.children, numbers, at + 1))
                return true;
    }
    return false;
}

// Whether some occurrence of the field's message lacks the field. Each occurrence counts on
// its own: exact for the elements of a repeated message, and on the safe side for a singular
// one written in parts, which a parser merges.
bool lacks(const QList<WireSpan> &fields, const QList<int> &numbers, qsizetype at = 0)
{
    const int number = numbers.at(at);
    const auto isIt = [number](const WireSpan &span) {
        return span.role == WireSpan::Role::Field && span.fieldNumber == number;
    };
    if (at + 1 == numbers.size())
        return std::none_of(fields.begin(), fields.end(), isIt);
    for (const WireSpan &field : fields) {
        if (!isIt(field))
            continue;
        for (const WireSpan &part : field.children)
            if (part.role == WireSpan::Role::Value && lacks(part.children, numbers, at + 1))
                return true;
    }
    return false;
}

// A change matters to these bytes when its field is in them. A field the reader requires
// matters where its message is in them without it: the reader rejects that message.
bool concerns(const Located &located, const WireTree &written)
{
    switch (located.trigger) {
    case Trigger::Present:
        return occurs(written.spans, located.numbers);
    case Trigger::Never:
        return false;
    case Trigger::Always:
        return true;
    case Trigger::Absent:
        break;
    }
    // Bytes the annotation did not reach may hold the field, or may not.
    if (written.hasHardError() || written.limitOffset >= 0)
        return occurs(written.spans, located.numbers.mid(0, located.numbers.size() - 1));
    return lacks(written.spans, located.numbers);
}

// The decoder lints an unknown or mistyped field at its tag, which is where its span starts.
QList<int> unknownTopLevel(const WireTree &read)
{
    QSet<qint64> unknownAt;
    for (const WireLint &lint : read.lints)
        if (lint.kind == WireLint::Kind::UnknownField || lint.kind == WireLint::Kind::WireTypeMismatch)
            unknownAt.insert(lint.offset);
    QList<int> numbers;
    for (const WireSpan &span : read.spans)
        if (span.role == WireSpan::Role::Field && unknownAt.contains(span.offset)
            && !numbers.contains(span.fieldNumber))
            numbers.append(span.fieldNumber);
    return numbers;
}

} // namespace

namespace SchemaEvolution {

QList<EvolutionChange> compare(const gp::Descriptor *writer, const gp::Descriptor *reader)
{
    QList<EvolutionChange> changes;
    for (Located &located : Comparison().run(writer, reader))
        changes.append(std::move(located.change));
    return changes;
}

EvolutionReading read(const QByteArray &bytes, const gp::Descriptor *writer, const gp::Descriptor *reader)
{
    EvolutionReading reading;
    // The views' limit: the bytes may come from anywhere, and two trees of them are kept.
    WireAnnotateOptions options;
    options.maxFields = WireLayout::MaxFields;
    reading.asWritten = WireAnnotator::annotate(bytes, writer, options);
    reading.asRead = WireAnnotator::annotate(bytes, reader, options);
    reading.unknownToReader = unknownTopLevel(reading.asRead);
    for (Located &located : Comparison().run(writer, reader)) {
        if (concerns(located, reading.asWritten))
            reading.worst = std::max(reading.worst, located.change.verdict);
        reading.changes.append(std::move(located.change));
    }
    return reading;
}

QString verdictName(EvolutionChange::Verdict verdict)
{
    switch (verdict) {
    case Verdict::Same:
        return QStringLiteral("same");
    case Verdict::Compatible:
        return QStringLiteral("compatible");
    case Verdict::Lossy:
        return QStringLiteral("lossy");
    case Verdict::Breaking:
        return QStringLiteral("breaking");
    }
    return QString();
}

} // namespace SchemaEvolution

} // namespace wirescope
