#include "model/lab/WireCompare.h"

#include "model/wire/WireAnnotator.h"
#include "model/wire/WireText.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace wirescope {

namespace {

using Kind = WireSpan::Kind;
using Role = WireSpan::Role;

// One message's fields in one encoding; null fields when that encoding has no message here.
struct Level {
    const QList<WireSpan> *fields = nullptr;
    const QStringList *absent = nullptr; // the schema's fields missing from these bytes
};

// The occurrences of one field in every encoding: the unit that becomes one or more rows.
struct Group {
    QString name;
    QList<QList<const WireSpan *>> cells; // per encoding, its occurrences in byte order
    bool emitted = false;
};

const WireSpan *partOf(const WireSpan &field, Role role)
{
    for (const WireSpan &child : field.children)
        if (child.role == role)
            return &child;
    return nullptr;
}

qint64 partLength(const WireSpan &field, Role role)
{
    const WireSpan *part = partOf(field, role);
    return part ? part->length : 0;
}

// The fields inside a field's value when it holds a message: decoded with a schema, or
// the likeliest reading of schema-less bytes (the one the inspector shows).
Level messageLevel(const WireSpan *field)
{
    const WireSpan *value = field ? partOf(*field, Role::Value) : nullptr;
    if (!value)
        return {};
    if (value->kind == Kind::Message || value->kind == Kind::MapEntry || value->kind == Kind::Group)
        return {&value->children, &value->absentFields};
    if (value->kind == Kind::Delimited && !value->readings.isEmpty()
        && value->readings.constFirst().kind == WireReading::Kind::Message)
        return {WireAnnotator::innerSpans(*value), nullptr};
    return {};
}

bool hasNumber(const Group &group, int number)
{
    return std::any_of(
        group.cells.cbegin(), group.cells.cend(), [number](const QList<const WireSpan *> &cells) {
            return !cells.isEmpty() && cells.constFirst()->fieldNumber == number;
        });
}

// Where a field of encoding `side` joins the groups made so far. By number first; a field
// whose number none of the others use but whose schema name matches a field of theirs
// (field 15 renamed to 16, say) joins that field by name, so a renumbering reads as one
// row with two tag sizes rather than two half-empty rows.
int findGroup(const QList<Group> &groups, int side, const WireSpan &field, const QSet<int> &sideNumbers)
{
    for (int i = 0; i < groups.size(); ++i)
        if (groups.at(i).cells.at(side).isEmpty() && hasNumber(groups.at(i), field.fieldNumber))
            return i;
    if (field.fieldName.isEmpty())
        return -1;
    for (int i = 0; i < groups.size(); ++i) {
        const Group &group = groups.at(i);
        if (group.name != field.fieldName || !group.cells.at(side).isEmpty())
            continue;
        const bool numberTaken = std::any_of(
            group.cells.cbegin(), group.cells.cend(), [&](const QList<const WireSpan *> &cells) {
                return !cells.isEmpty() && sideNumbers.contains(cells.constFirst()->fieldNumber);
            });
        if (!numberTaken)
            return i;
    }
    return -1;
}

void addSide(QList<Group> *groups, const Level &level, int side, int sides)
{
    QSet<int> numbers;
    for (const WireSpan &span : *level.fields)
        if (span.role == Role::Field)
            numbers.insert(span.fieldNumber);
    QHash<int, int> groupOf; // this encoding's field number -> group
    for (const WireSpan &span : *level.fields) {
        if (span.role != Role::Field)
            continue;
        int index = groupOf.value(span.fieldNumber, -1);
        if (index < 0)
            index = findGroup(*groups, side, span, numbers);
        if (index < 0) {
            index = int(groups->size());
            Group group;
            group.cells.resize(sides);
            groups->append(group);
        }
        groupOf.insert(span.fieldNumber, index);
        Group &group = (*groups)[index];
        group.cells[side].append(&span);
        if (group.name.isEmpty())
            group.name = span.fieldName;
    }
}

// Groups in the first encoding's byte order, then the fields only later encodings have.
QList<Group> buildGroups(const QList<Level> &levels)
{
    QList<Group> groups;
    for (int side = 0; side < levels.size(); ++side)
        if (levels.at(side).fields)
            addSide(&groups, levels.at(side), side, int(levels.size()));
    return groups;
}

QString typeLabel(const WireSpan &field)
{
    QString type = field.typeName;
    type.remove(QStringLiteral("repeated "));
    return type;
}

// Why one encoding's value takes the bytes it takes.
QString valueReason(const WireSpan &field)
{
    const QString size = WireText::bytes(partLength(field, Role::Value));
    const QString head = QStringLiteral("%1 as %2 takes %3").arg(field.value, typeLabel(field), size);
    switch (field.kind) {
    case Kind::Int32:
    case Kind::Int64:
    case Kind::Enum:
        if (qint64(field.raw) < 0)
            return head
                + QStringLiteral(" (a negative is sign-extended to 64 bits, so its varint is 10 bytes)");
        return head + QStringLiteral(" (a varint holds 7 bits per byte)");
    case Kind::SInt32:
    case Kind::SInt64:
        return head + QStringLiteral(" (ZigZag turns it into %1 before the varint)").arg(field.raw);
    case Kind::Fixed32:
    case Kind::SFixed32:
    case Kind::Float:
    case Kind::Fixed64:
    case Kind::SFixed64:
    case Kind::Double:
    case Kind::Fixed32Bits:
    case Kind::Fixed64Bits:
        return head + QStringLiteral(" (fixed width, whatever the value)");
    case Kind::Varint:
    case Kind::UInt32:
    case Kind::UInt64:
    case Kind::Bool:
        return head + QStringLiteral(" (a varint holds 7 bits per byte)");
    default:
        return QStringLiteral("%1: %2 of data").arg(typeLabel(field), size);
    }
}

bool partsDiffer(const QList<const WireSpan *> &cells, Role role)
{
    for (const WireSpan *cell : cells)
        if (partLength(*cell, role) != partLength(*cells.constFirst(), role))
            return true;
    return false;
}

// Which parts of the present cells differ in size, and why.
QString sizeNote(const QList<const WireSpan *> &cells)
{
    QStringList parts;
    if (partsDiffer(cells, Role::Tag)) {
        QStringList tags;
        for (const WireSpan *cell : cells)
            tags.append(QStringLiteral("%1 for field %2")
                            .arg(WireText::bytes(partLength(*cell, Role::Tag)))
                            .arg(cell->fieldNumber));
        parts.append(QStringLiteral("tag: %1 (one tag byte holds field numbers 1 to 15 beside the wire "
                                    "type; 16 to 2047 take two)")
                         .arg(tags.join(QStringLiteral(", "))));
    }
    if (partsDiffer(cells, Role::Length)) {
        QStringList lengths;
        for (const WireSpan *cell : cells)
            lengths.append(WireText::bytes(partLength(*cell, Role::Length)));
        parts.append(QStringLiteral("length prefix: %1 (a length from 128 up needs a second byte)")
                         .arg(lengths.join(QStringLiteral(" against "))));
    }
    if (partsDiffer(cells, Role::Value)) {
        QStringList values;
        for (const WireSpan *cell : cells)
            values.append(valueReason(*cell));
        parts.append(values.join(QStringLiteral("; ")));
    }
    return parts.join(QStringLiteral("; "));
}

// A packed field against the same values written one tag each: the row pairing the packed
// Field with the first unpacked occurrence explains the whole difference.
QString packedNote(const Group &group)
{
    const WireSpan *packed = nullptr;
    const QList<const WireSpan *> *unpacked = nullptr;
    for (const QList<const WireSpan *> &cells : group.cells) {
        if (cells.size() == 1 && cells.constFirst()->kind == Kind::Packed)
            packed = cells.constFirst();
        else if (!cells.isEmpty() && cells.constFirst()->kind != Kind::Packed)
            unpacked = &cells;
    }
    if (!packed || !unpacked)
        return {};
    qint64 unpackedBytes = 0;
    for (const WireSpan *cell : *unpacked)
        unpackedBytes += cell->length;
    return QStringLiteral(
        "packed: one tag and one length for %1 values (%2) against %3 tags, one per value (%4)")
        .arg(packed->elementCount)
        .arg(WireText::bytes(packed->length))
        .arg(unpacked->size())
        .arg(WireText::bytes(unpackedBytes));
}

// Why an encoding that decodes the same type has no bytes for the field.
QString absentNote(const Group &group, const QList<Level> &levels)
{
    for (int side = 0; side < levels.size(); ++side) {
        const QStringList *absent = levels.at(side).absent;
        if (!group.cells.at(side).isEmpty() || !absent || group.name.isEmpty())
            continue;
        if (absent->contains(group.name))
            return QStringLiteral("absent: a proto3 field without presence is not written when it holds its "
                                  "default");
        if (absent->contains(group.name + QStringLiteral(" (not set)")))
            return QStringLiteral("absent: a field with presence is written only when set");
        if (absent->contains(group.name + QStringLiteral(" (empty)")))
            return QStringLiteral("absent: an empty repeated field writes no bytes");
    }
    return {};
}

QString rowNote(const Group &group, const QList<Level> &levels, const QList<const WireSpan *> &cells, int row)
{
    if (row == 0) {
        if (QString note = packedNote(group); !note.isEmpty())
            return note;
    }
    QList<const WireSpan *> present;
    for (const WireSpan *cell : cells)
        if (cell)
            present.append(cell);
    QStringList notes;
    if (row == 0)
        notes.append(absentNote(group, levels));
    if (present.size() > 1)
        notes.append(sizeNote(present));
    notes.removeAll(QString());
    return notes.join(QStringLiteral("; "));
}

QString nestedNote(const QList<const WireSpan *> &cells)
{
    for (const WireSpan *cell : cells) {
        if (cell && messageLevel(cell).fields)
            return QStringLiteral("nested: the message's tag and length prefix (%1) wrap its fields; "
                                  "written inline, the fields need neither")
                .arg(WireText::bytes(partLength(*cell, Role::Tag) + partLength(*cell, Role::Length)));
    }
    return {};
}

// A nested message on some sides against the same fields written inline on the others: the
// inline fields (outer groups only those sides have) join the nested ones by name. Returns
// how many joined.
int pullInline(QList<Group> *groups, QList<Group> *outer, const QList<bool> &inlineSides)
{
    int pulled = 0;
    for (Group &group : *groups) {
        for (Group &candidate : *outer) {
            if (candidate.emitted || candidate.name.isEmpty() || candidate.name != group.name)
                continue;
            bool fits = true;
            for (int side = 0; side < candidate.cells.size(); ++side)
                if (!candidate.cells.at(side).isEmpty()
                    && (!inlineSides.at(side) || !group.cells.at(side).isEmpty()))
                    fits = false;
            if (!fits)
                continue;
            for (int side = 0; side < candidate.cells.size(); ++side)
                if (!candidate.cells.at(side).isEmpty())
                    group.cells[side] = candidate.cells.at(side);
            candidate.emitted = true;
            ++pulled;
            break;
        }
    }
    return pulled;
}

int alignLevel(const QList<Level> &levels, int depth, QList<WireCompareRow> *rows, QList<Group> *outer,
    const QList<bool> &inlineSides);

void emitGroup(const Group &group, const QList<Level> &levels, QList<Group> *siblings, int depth,
    QList<WireCompareRow> *rows)
{
    qsizetype count = 0;
    for (const QList<const WireSpan *> &cells : group.cells)
        count = std::max(count, cells.size());
    for (int row = 0; row < count; ++row) {
        WireCompareRow out;
        out.depth = depth;
        QList<Level> inner;
        QList<bool> inlineSides;
        bool nested = false;
        for (const QList<const WireSpan *> &cells : group.cells) {
            const WireSpan *cell = row < cells.size() ? cells.at(row) : nullptr;
            out.cells.append(cell);
            if (cell && !out.fieldNumber)
                out.fieldNumber = cell->fieldNumber;
            if (cell && out.fieldName.isEmpty())
                out.fieldName = cell->fieldName;
            inner.append(messageLevel(cell));
            nested = nested || inner.constLast().fields != nullptr;
            inlineSides.append(cells.isEmpty());
        }
        out.note = rowNote(group, levels, out.cells, row);
        rows->append(out);
        const qsizetype at = rows->size() - 1;
        if (nested && alignLevel(inner, depth + 1, rows, row == 0 ? siblings : nullptr, inlineSides) > 0
            && (*rows)[at].note.isEmpty())
            (*rows)[at].note = nestedNote((*rows)[at].cells);
    }
}

int alignLevel(const QList<Level> &levels, int depth, QList<WireCompareRow> *rows, QList<Group> *outer,
    const QList<bool> &inlineSides)
{
    QList<Group> groups = buildGroups(levels);
    const int pulled = outer ? pullInline(&groups, outer, inlineSides) : 0;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        if (groups.at(i).emitted)
            continue;
        groups[i].emitted = true;
        const Group group = groups.at(i); // a copy: the recursion may mark later groups emitted
        emitGroup(group, levels, &groups, depth, rows);
    }
    return pulled;
}

// The header every preset's schema starts with.
QString protoHead()
{
    return QStringLiteral("syntax = \"proto3\";\n\npackage lab.compare;\n\n");
}

WireComparison::Side side(const QString &label, const QString &message, const QString &json)
{
    return {label, QStringLiteral("lab.compare.") + message, json};
}

WireComparison negativeInt()
{
    WireComparison c;
    c.id = QStringLiteral("negative-int");
    c.title = QStringLiteral("\u22121 as int32, sint32 and sfixed32");
    c.explanation = QStringLiteral(
        "The same value, \u22121, in three field types. As int32 it is sign-extended to 64 bits, so its "
        "varint takes all 10 bytes; sint32 ZigZag-encodes it to 1, one byte; sfixed32 always takes 4.");
    c.protoText = protoHead()
        + QStringLiteral(
            "message AsInt32 {\n  int32 value = 1;\n}\n\nmessage AsSInt32 {\n  sint32 value = 1;\n}\n\n"
            "message AsSFixed32 {\n  sfixed32 value = 1;\n}\n");
    const QString json = QStringLiteral("{\"value\": -1}");
    c.sides = {side(QStringLiteral("int32"), QStringLiteral("AsInt32"), json),
        side(QStringLiteral("sint32"), QStringLiteral("AsSInt32"), json),
        side(QStringLiteral("sfixed32"), QStringLiteral("AsSFixed32"), json)};
    return c;
}

WireComparison tagSize()
{
    WireComparison c;
    c.id = QStringLiteral("field-16");
    c.title = QStringLiteral("Field 15 against field 16");
    c.explanation = QStringLiteral(
        "The same value under field number 15 and 16. A tag is (field_number << 3) | wire_type written as "
        "a varint: up to field 15 it fits one byte, from 16 it needs two. Give the fields you send most "
        "the numbers 1 to 15.");
    c.protoText = protoHead()
        + QStringLiteral(
            "message Field15 {\n  int32 value = 15;\n}\n\nmessage Field16 {\n  int32 value = 16;\n}\n");
    const QString json = QStringLiteral("{\"value\": 150}");
    c.sides = {side(QStringLiteral("field 15"), QStringLiteral("Field15"), json),
        side(QStringLiteral("field 16"), QStringLiteral("Field16"), json)};
    return c;
}

WireComparison packed()
{
    WireComparison c;
    c.id = QStringLiteral("packed");
    c.title = QStringLiteral("Packed against unpacked");
    c.explanation = QStringLiteral(
        "A repeated int32 holding 1, 2 and 3. Packed (the proto3 default) writes one tag and one length, "
        "then the three varints; unpacked ([packed = false]) writes a tag before every value. Parsers "
        "accept both forms for either declaration.");
    c.protoText = protoHead()
        + QStringLiteral("message Packed {\n  repeated int32 values = 1;\n}\n\n"
                         "message Unpacked {\n  repeated int32 values = 1 [packed = false];\n}\n");
    const QString json = QStringLiteral("{\"values\": [1, 2, 3]}");
    c.sides = {side(QStringLiteral("packed"), QStringLiteral("Packed"), json),
        side(QStringLiteral("unpacked"), QStringLiteral("Unpacked"), json)};
    return c;
}

WireComparison presence()
{
    WireComparison c;
    c.id = QStringLiteral("default-presence");
    c.title = QStringLiteral("A proto3 default omitted against set");
    c.explanation = QStringLiteral(
        "count = 0 in two messages. Without presence a proto3 field holding its default is not written at "
        "all, so the message is empty; declared optional, the field remembers that it was set and its 0 "
        "is written: a tag and a one-byte varint.");
    c.protoText = protoHead()
        + QStringLiteral("message Implicit {\n  int32 count = 1;\n}\n\n"
                         "message Explicit {\n  optional int32 count = 1;\n}\n");
    const QString json = QStringLiteral("{\"count\": 0}");
    c.sides = {side(QStringLiteral("no presence"), QStringLiteral("Implicit"), json),
        side(QStringLiteral("optional"), QStringLiteral("Explicit"), json)};
    return c;
}

WireComparison stringBytes()
{
    WireComparison c;
    c.id = QStringLiteral("string-bytes");
    c.title = QStringLiteral("A string against the same text as bytes");
    c.explanation = QStringLiteral(
        "\"hello\" as a string and as bytes. The encodings are identical: both are a length and the raw "
        "bytes, so the wire cannot tell them apart. Only the schema does, and a string must be valid "
        "UTF-8.");
    c.protoText = protoHead()
        + QStringLiteral(
            "message AsString {\n  string data = 1;\n}\n\nmessage AsBytes {\n  bytes data = 1;\n}\n");
    // The JSON mapping writes bytes as base64: aGVsbG8= is "hello".
    c.sides = {
        side(QStringLiteral("string"), QStringLiteral("AsString"), QStringLiteral("{\"data\": \"hello\"}")),
        side(QStringLiteral("bytes"), QStringLiteral("AsBytes"), QStringLiteral("{\"data\": \"aGVsbG8=\"}"))};
    return c;
}

WireComparison nestedInline()
{
    WireComparison c;
    c.id = QStringLiteral("nested-inline");
    c.title = QStringLiteral("A nested message against its fields inline");
    c.explanation = QStringLiteral(
        "The same city and zip, once inside a nested Address and once as fields of the outer message. The "
        "nested message is a length-delimited field: its fields are written exactly as inline, wrapped in "
        "one more tag and a length prefix.");
    c.protoText = protoHead()
        + QStringLiteral("message Address {\n  string city = 1;\n  int32 zip = 2;\n}\n\n"
                         "message Nested {\n  Address address = 3;\n}\n\n"
                         "message Inline {\n  string city = 1;\n  int32 zip = 2;\n}\n");
    c.sides = {side(QStringLiteral("nested"), QStringLiteral("Nested"),
                   QStringLiteral("{\"address\": {\"city\": \"Oslo\", \"zip\": 150}}")),
        side(QStringLiteral("inline"), QStringLiteral("Inline"),
            QStringLiteral("{\"city\": \"Oslo\", \"zip\": 150}"))};
    return c;
}

} // namespace

namespace WireCompare {

QList<WireCompareRow> align(const QList<const WireTree *> &trees)
{
    QList<Level> levels;
    for (const WireTree *tree : trees)
        levels.append(
            tree ? Level {&tree->spans, tree->typeName.isEmpty() ? nullptr : &tree->absentFields} : Level {});
    QList<WireCompareRow> rows;
    alignLevel(levels, 0, &rows, nullptr, {});
    return rows;
}

const QList<WireComparison> &presets()
{
    static const QList<WireComparison> all
        = {negativeInt(), tagSize(), packed(), presence(), stringBytes(), nestedInline()};
    return all;
}

} // namespace WireCompare

} // namespace wirescope
