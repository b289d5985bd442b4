#include "model/wire/WireDecoder.h"

#include "model/wire/WireFormat.h"
#include "model/wire/WireReadings.h"
#include "model/wire/WireText.h"

#include <google/protobuf/descriptor.h>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

using Kind = WireSpan::Kind;
using Role = WireSpan::Role;
using Severity = WireLint::Severity;
using LintKind = WireLint::Kind;

// Packed arrays longer than this get one span for the whole value, not one per element.
constexpr int kMaxElementSpans = 100000;

Kind kindOf(const gp::FieldDescriptor *fd)
{
    switch (fd->type()) {
    case gp::FieldDescriptor::TYPE_DOUBLE:
        return Kind::Double;
    case gp::FieldDescriptor::TYPE_FLOAT:
        return Kind::Float;
    case gp::FieldDescriptor::TYPE_INT64:
        return Kind::Int64;
    case gp::FieldDescriptor::TYPE_UINT64:
        return Kind::UInt64;
    case gp::FieldDescriptor::TYPE_INT32:
        return Kind::Int32;
    case gp::FieldDescriptor::TYPE_FIXED64:
        return Kind::Fixed64;
    case gp::FieldDescriptor::TYPE_FIXED32:
        return Kind::Fixed32;
    case gp::FieldDescriptor::TYPE_BOOL:
        return Kind::Bool;
    case gp::FieldDescriptor::TYPE_STRING:
        return Kind::String;
    case gp::FieldDescriptor::TYPE_GROUP:
        return Kind::Group;
    case gp::FieldDescriptor::TYPE_MESSAGE:
        return fd->is_map() ? Kind::MapEntry : Kind::Message;
    case gp::FieldDescriptor::TYPE_BYTES:
        return Kind::Bytes;
    case gp::FieldDescriptor::TYPE_UINT32:
        return Kind::UInt32;
    case gp::FieldDescriptor::TYPE_ENUM:
        return Kind::Enum;
    case gp::FieldDescriptor::TYPE_SFIXED32:
        return Kind::SFixed32;
    case gp::FieldDescriptor::TYPE_SFIXED64:
        return Kind::SFixed64;
    case gp::FieldDescriptor::TYPE_SINT32:
        return Kind::SInt32;
    case gp::FieldDescriptor::TYPE_SINT64:
        return Kind::SInt64;
    }
    return Kind::None;
}

int expectedWireType(const gp::FieldDescriptor *fd)
{
    switch (kindOf(fd)) {
    case Kind::Double:
    case Kind::Fixed64:
    case Kind::SFixed64:
        return 1;
    case Kind::Float:
    case Kind::Fixed32:
    case Kind::SFixed32:
        return 5;
    case Kind::String:
    case Kind::Bytes:
    case Kind::Message:
    case Kind::MapEntry:
        return 2;
    case Kind::Group:
        return 3;
    default:
        return 0;
    }
}

int fixedSize(Kind kind)
{
    switch (kind) {
    case Kind::Double:
    case Kind::Fixed64:
    case Kind::SFixed64:
    case Kind::Fixed64Bits:
        return 8;
    case Kind::Float:
    case Kind::Fixed32:
    case Kind::SFixed32:
    case Kind::Fixed32Bits:
        return 4;
    default:
        return 0;
    }
}

QString typeNameOf(const gp::FieldDescriptor *fd)
{
    if (fd->is_map()) {
        const gp::Descriptor *entry = fd->message_type();
        return QStringLiteral("map<%1, %2>").arg(typeNameOf(entry->field(0)), typeNameOf(entry->field(1)));
    }
    if (fd->message_type())
        return QString::fromStdString(fd->message_type()->full_name());
    if (fd->enum_type())
        return QString::fromStdString(fd->enum_type()->full_name());
    return QString::fromLatin1(fd->type_name());
}

// Hands a decoded span to the streaming sink when there is one, else keeps it in the list.
void keepSpan(const WireDecoder::SpanSink *sink, QList<WireSpan> *list, WireSpan &&span)
{
    if (sink)
        (*sink)(std::move(span));
    else
        list->append(std::move(span));
}

bool isMapEntryField(const gp::FieldDescriptor *fd)
{
    return fd->containing_type() && fd->containing_type()->map_key() != nullptr;
}

// The value of a map entry's key or value child, or the default a missing one stands for.
QString entryPart(const WireSpan &value, int number)
{
    QString text;
    for (const WireSpan &child : value.children)
        if (child.role == Role::Field && child.fieldNumber == number)
            text = child.value; // the last occurrence wins, as in any message
    return text.isNull() ? QStringLiteral("(default)") : text;
}

} // namespace

WireDecoder::WireDecoder(const char *data, qint64 size, int maxDepth, QList<WireLint> *lints)
    : m_reader(data, size, lints)
    , m_maxDepth(maxDepth)
    , m_quiet(lints == nullptr)
{
}

bool WireDecoder::budgetSpent(qint64 pos, qint64 end, Message *out)
{
    if (m_quiet)
        return m_reader.fail(pos, LintKind::DepthLimit,
            QStringLiteral("the inspector's field limit is reached before byte %1").arg(pos));
    if (m_limitOffset < 0 || pos < m_limitOffset)
        m_limitOffset = pos;
    WireSpan rest = WireReader::span(Role::PastLimit, pos, end - pos, -1, 0);
    rest.value = QStringLiteral("%1 not annotated: past the field limit").arg(WireText::bytes(end - pos));
    keepSpan(out->sink, &out->fields, std::move(rest));
    // What is past the limit is unknown, so no field is reported absent.
    out->absent.clear();
    return true;
}

bool WireDecoder::parseMessage(
    qint64 begin, qint64 end, const gp::Descriptor *type, int depth, int groupNumber, Message *out)
{
    Seen seen;
    qint64 pos = begin;
    out->end = end;
    const auto keep = [out](WireSpan &&span) { keepSpan(out->sink, &out->fields, std::move(span)); };
    while (pos < end) {
        if (m_fieldsLeft && *m_fieldsLeft <= 0)
            return budgetSpent(pos, end, out);
        if (m_fieldsLeft)
            --*m_fieldsLeft;
        WireSpan field;
        const gp::FieldDescriptor *fd = nullptr;
        Step step = parseField(pos, end, type, depth, &field, &fd);
        if (step == Step::EndGroup) {
            if (groupNumber == field.fieldNumber) {
                out->endTag = std::move(field);
                out->end = out->endTag.end();
                out->absent = absentFields(type, seen);
                return true;
            }
            m_reader.fail(pos, LintKind::GroupMismatch,
                groupNumber
                    ? QStringLiteral("end-group tag for field %1 at byte %2, but the open group is field %3")
                          .arg(field.fieldNumber)
                          .arg(pos)
                          .arg(groupNumber)
                    : QStringLiteral("end-group tag for field %1 at byte %2 without a start-group tag")
                          .arg(field.fieldNumber)
                          .arg(pos));
            step = Step::Failed;
            field.length = 0;
        }
        if (step == Step::Failed) {
            if (field.length > 0) {
                pos = field.end();
                keep(std::move(field));
            }
            if (pos < end)
                keep(m_reader.unparsed(pos, end));
            return false;
        }
        noteOccurrence(fd, field, &seen);
        pos = field.end();
        keep(std::move(field));
    }
    if (groupNumber)
        return m_reader.fail(end, LintKind::GroupMismatch,
            QStringLiteral("group field %1 has no end-group tag before byte %2").arg(groupNumber).arg(end));
    out->absent = absentFields(type, seen);
    return true;
}

WireDecoder::Step WireDecoder::parseField(qint64 pos, qint64 end, const gp::Descriptor *type, int depth,
    WireSpan *field, const gp::FieldDescriptor **descriptor)
{
    WireSpan tag;
    if (!m_reader.readTag(pos, end, &tag))
        return Step::Failed;
    field->offset = pos;
    field->fieldNumber = tag.fieldNumber;
    field->wireType = tag.wireType;
    field->typeName = WireFormat::wireTypeName(tag.wireType);
    if (tag.wireType == 4) {
        tag.role = Role::EndGroup;
        *field = tag;
        return Step::EndGroup;
    }
    const gp::FieldDescriptor *fd = fieldFor(type, tag);
    *descriptor = fd;
    nameField(field, fd);
    const qint64 valueAt = tag.end();
    field->children.append(std::move(tag));
    bool ok = false;
    switch (field->wireType) {
    case 0:
        ok = decodeVarint(valueAt, end, fd, field);
        break;
    case 1:
        ok = decodeFixed(valueAt, end, 8, fd, field);
        break;
    case 5:
        ok = decodeFixed(valueAt, end, 4, fd, field);
        break;
    case 2:
        ok = decodeDelimited(valueAt, end, fd, depth, field);
        break;
    default:
        ok = decodeGroup(valueAt, end, fd, depth, field);
        break;
    }
    // Spans of length-delimited values and groups are kept even when their inside fails.
    field->length = field->children.size() > 1 ? field->children.constLast().end() - pos : 0;
    return ok ? Step::Ok : Step::Failed;
}

const gp::FieldDescriptor *WireDecoder::fieldFor(const gp::Descriptor *type, const WireSpan &tag)
{
    if (!type)
        return nullptr;
    const gp::FieldDescriptor *fd = type->FindFieldByNumber(tag.fieldNumber);
    const QString typeName = QString::fromStdString(type->full_name());
    if (!fd) {
        m_reader.lint(Severity::Warning, LintKind::UnknownField, tag.offset,
            QStringLiteral("field %1 at byte %2 is not in %3: parsers keep it as an unknown field")
                .arg(tag.fieldNumber)
                .arg(tag.offset)
                .arg(typeName));
        return nullptr;
    }
    const int expected = expectedWireType(fd);
    if (tag.wireType != expected && !(tag.wireType == 2 && fd->is_packable())) {
        m_reader.lint(Severity::Warning, LintKind::WireTypeMismatch, tag.offset,
            QStringLiteral("field %1 (%2) at byte %3 has wire type %4 but %5 is written as %6: parsers keep "
                           "it as an unknown field")
                .arg(tag.fieldNumber)
                .arg(QString::fromStdString(fd->name()))
                .arg(tag.offset)
                .arg(WireFormat::wireTypeName(tag.wireType), typeNameOf(fd),
                    WireFormat::wireTypeName(expected)));
        return nullptr;
    }
    return fd;
}

void WireDecoder::nameField(WireSpan *field, const gp::FieldDescriptor *fd) const
{
    if (!fd)
        return;
    field->fieldName = QString::fromStdString(fd->name());
    field->typeName = typeNameOf(fd);
    if (fd->is_repeated() && !fd->is_map())
        field->typeName.prepend(QStringLiteral("repeated "));
}

void WireDecoder::setScalar(WireSpan *span, const gp::FieldDescriptor *fd)
{
    if (fd) {
        span->kind = kindOf(fd);
        span->value = WireText::scalar(span->kind, span->raw);
        if (span->kind == Kind::Enum) {
            if (const auto *value = fd->enum_type()->FindValueByNumber(qint32(quint32(span->raw))))
                span->value
                    = QStringLiteral("%1 (%2)").arg(QString::fromStdString(value->name()), span->value);
        }
        checkScalar(*span, fd);
        return;
    }
    span->kind = span->wireType == 0 ? Kind::Varint
        : span->wireType == 1        ? Kind::Fixed64Bits
                                     : Kind::Fixed32Bits;
    span->value = WireText::scalar(span->kind, span->raw);
}

void WireDecoder::checkScalar(const WireSpan &span, const gp::FieldDescriptor *fd)
{
    const auto asSigned = qint64(span.raw);
    const QString name = QString::fromStdString(fd->name());
    auto outOfRange = [&](const QString &why) {
        m_reader.lint(Severity::Warning, LintKind::ValueOutOfRange, span.offset,
            QStringLiteral("%1 at byte %2: %3").arg(name).arg(span.offset).arg(why));
    };
    switch (span.kind) {
    case Kind::Int32:
    case Kind::Enum:
        if (asSigned < std::numeric_limits<qint32>::min() || asSigned > std::numeric_limits<qint32>::max())
            outOfRange(QStringLiteral("%1 does not fit 32 bits; parsers keep the low 32 bits, %2")
                           .arg(span.raw)
                           .arg(qint32(quint32(span.raw))));
        break;
    case Kind::UInt32:
    case Kind::SInt32:
        if (span.raw > std::numeric_limits<quint32>::max())
            outOfRange(QStringLiteral("%1 does not fit 32 bits; parsers keep the low 32 bits").arg(span.raw));
        break;
    case Kind::Bool:
        if (span.raw > 1)
            outOfRange(
                QStringLiteral("bool written as %1; parsers read any non-zero value as true").arg(span.raw));
        break;
    default:
        break;
    }
    if (span.kind == Kind::Enum && !fd->enum_type()->FindValueByNumber(qint32(quint32(span.raw))))
        m_reader.lint(Severity::Note, LintKind::UnknownEnumValue, span.offset,
            QStringLiteral("%1 at byte %2: %3 has no value numbered %4; open (proto3) enums keep the number, "
                           "closed (proto2) ones make it an unknown field")
                .arg(name)
                .arg(span.offset)
                .arg(QString::fromStdString(fd->enum_type()->full_name()))
                .arg(qint32(quint32(span.raw))));
    const bool isDefault = span.kind == Kind::Float ? quint32(span.raw) == 0 : span.raw == 0;
    checkDefault(span, fd, isDefault);
}

void WireDecoder::checkDefault(const WireSpan &span, const gp::FieldDescriptor *fd, bool isDefault)
{
    if (!isDefault || fd->has_presence() || fd->is_repeated() || isMapEntryField(fd))
        return;
    m_reader.lint(Severity::Note, LintKind::DefaultEncoded, span.offset,
        QStringLiteral("%1 at byte %2 holds its default value; a proto3 field without presence that holds "
                       "its default is normally left out of the bytes")
            .arg(QString::fromStdString(fd->name()))
            .arg(span.offset));
}

bool WireDecoder::decodeVarint(qint64 pos, qint64 end, const gp::FieldDescriptor *fd, WireSpan *field)
{
    quint64 raw = 0;
    int length = 0;
    if (!m_reader.readVarint(pos, end, "varint", &raw, &length))
        return false;
    WireSpan value = WireReader::span(Role::Value, pos, length, 0, field->fieldNumber);
    value.raw = raw;
    setScalar(&value, fd);
    field->kind = value.kind;
    field->raw = raw;
    field->value = value.value;
    field->children.append(std::move(value));
    return true;
}

bool WireDecoder::decodeFixed(
    qint64 pos, qint64 end, int size, const gp::FieldDescriptor *fd, WireSpan *field)
{
    quint64 raw = 0;
    if (!m_reader.readFixed(pos, end, size, &raw))
        return false;
    WireSpan value = WireReader::span(Role::Value, pos, size, field->wireType, field->fieldNumber);
    value.raw = raw;
    setScalar(&value, fd);
    field->kind = value.kind;
    field->raw = value.raw;
    field->value = value.value;
    field->children.append(std::move(value));
    return true;
}

bool WireDecoder::decodeDelimited(
    qint64 pos, qint64 end, const gp::FieldDescriptor *fd, int depth, WireSpan *field)
{
    quint64 length = 0;
    int prefixLength = 0;
    if (!m_reader.readVarint(pos, end, "length prefix", &length, &prefixLength))
        return false;
    const qint64 valueAt = pos + prefixLength;
    if (length > quint64(end - valueAt))
        return m_reader.fail(pos, LintKind::Truncated,
            QStringLiteral(
                "truncated: the length prefix at byte %1 says %2, but only %3 remain before byte %4")
                .arg(pos)
                .arg(WireText::bytes(qint64(qMin<quint64>(length, quint64(1) << 62))),
                    WireText::bytes(end - valueAt))
                .arg(end));
    WireSpan prefix = WireReader::span(Role::Length, pos, prefixLength, 2, field->fieldNumber);
    prefix.raw = length;
    prefix.value = QString::number(length);
    field->children.append(std::move(prefix));
    WireSpan value = WireReader::span(Role::Value, valueAt, qint64(length), 2, field->fieldNumber);
    value.raw = length;
    bool ok = true;
    if (fd && fd->is_packable())
        ok = decodePacked(fd, &value);
    else if (fd
        && (fd->type() == gp::FieldDescriptor::TYPE_STRING || fd->type() == gp::FieldDescriptor::TYPE_BYTES))
        decodeText(fd, &value);
    else if (fd)
        ok = decodeNested(fd, depth, &value);
    else {
        value.kind = Kind::Delimited;
        value.readings = WireReadings::read(
            m_reader.data(), valueAt, qint64(length), depth, m_maxDepth, field->fieldNumber, m_fieldsLeft);
        value.value = value.readings.constFirst().value;
    }
    field->kind = value.kind;
    field->raw = length;
    field->value = value.value;
    field->elementCount = value.elementCount;
    field->children.append(std::move(value));
    return ok;
}

void WireDecoder::decodeText(const gp::FieldDescriptor *fd, WireSpan *value)
{
    const char *data = m_reader.data() + value->offset;
    if (fd->type() == gp::FieldDescriptor::TYPE_BYTES) {
        value->kind = Kind::Bytes;
        value->value = WireText::hex(data, value->length);
    } else {
        value->kind = Kind::String;
        value->value = WireText::quoted(data, value->length);
        if (!WireFormat::isValidUtf8(data, value->length)) {
            // proto3 parsers reject the message; proto2 ones only log.
            const bool proto3 = fd->file()->syntax() == gp::FileDescriptor::SYNTAX_PROTO3;
            m_reader.lint(proto3 ? Severity::Error : Severity::Warning, LintKind::InvalidUtf8, value->offset,
                QStringLiteral("%1 at byte %2 is a string field but its bytes are not valid UTF-8%3")
                    .arg(QString::fromStdString(fd->name()))
                    .arg(value->offset)
                    .arg(proto3 ? QStringLiteral(": proto3 parsers reject the message") : QString()));
        }
    }
    checkDefault(*value, fd, value->length == 0);
}

bool WireDecoder::decodeNested(const gp::FieldDescriptor *fd, int depth, WireSpan *value)
{
    value->kind = kindOf(fd);
    if (depth + 1 > m_maxDepth)
        return m_reader.fail(value->offset, LintKind::DepthLimit,
            QStringLiteral("message at byte %1 is nested more than %2 levels deep: not decoded")
                .arg(value->offset)
                .arg(m_maxDepth));
    Message nested;
    const bool ok = parseMessage(value->offset, value->end(), fd->message_type(), depth + 1, 0, &nested);
    value->children = std::move(nested.fields);
    value->absentFields = std::move(nested.absent);
    value->elementCount = int(value->children.size());
    value->typeName = typeNameOf(fd);
    if (value->kind == Kind::MapEntry)
        value->value = QStringLiteral("%1 -> %2").arg(entryPart(*value, 1), entryPart(*value, 2));
    else
        value->value = QStringLiteral("{%1}").arg(value->elementCount == 1
                ? QStringLiteral("1 field")
                : QStringLiteral("%1 fields").arg(value->elementCount));
    return ok;
}

bool WireDecoder::decodePacked(const gp::FieldDescriptor *fd, WireSpan *value)
{
    const Kind kind = kindOf(fd);
    const int size = fixedSize(kind);
    value->kind = Kind::Packed;
    if (size && value->length % size)
        return m_reader.fail(value->offset, LintKind::Truncated,
            QStringLiteral("packed %1 data at byte %2 is %3, not a whole number of %4-byte values")
                .arg(typeNameOf(fd))
                .arg(value->offset)
                .arg(WireText::bytes(value->length))
                .arg(size));
    QStringList shown;
    qint64 count = 0;
    for (qint64 pos = value->offset; pos < value->end(); ++count) {
        WireSpan element = WireReader::span(Role::Element, pos, size,
            size == 8       ? 1
                : size == 4 ? 5
                            : 0,
            value->fieldNumber);
        if (size) {
            element.raw = m_reader.fixedAt(pos, size);
        } else {
            int length = 0;
            if (!m_reader.readVarint(pos, value->end(), "packed varint", &element.raw, &length)) {
                value->children.append(m_reader.unparsed(pos, value->end()));
                return false;
            }
            element.length = length;
        }
        setScalar(&element, fd);
        pos = element.end();
        if (shown.size() < WireText::kPreviewValues)
            shown.append(element.value);
        if (value->children.size() < kMaxElementSpans)
            value->children.append(std::move(element));
    }
    value->elementCount = int(qMin<qint64>(count, std::numeric_limits<int>::max()));
    value->value = WireText::list(shown, count);
    return true;
}

bool WireDecoder::decodeGroup(
    qint64 pos, qint64 end, const gp::FieldDescriptor *fd, int depth, WireSpan *field)
{
    field->kind = Kind::Group;
    if (depth + 1 > m_maxDepth)
        return m_reader.fail(pos, LintKind::DepthLimit,
            QStringLiteral("group at byte %1 is nested more than %2 levels deep: not decoded")
                .arg(pos)
                .arg(m_maxDepth));
    Message nested;
    const bool ok
        = parseMessage(pos, end, fd ? fd->message_type() : nullptr, depth + 1, field->fieldNumber, &nested);
    WireSpan value
        = WireReader::span(Role::Value, pos, (ok ? nested.endTag.offset : end) - pos, 3, field->fieldNumber);
    value.kind = Kind::Group;
    value.children = std::move(nested.fields);
    value.absentFields = std::move(nested.absent);
    value.elementCount = int(value.children.size());
    value.value = QStringLiteral("{%1 fields}").arg(value.elementCount);
    field->value = value.value;
    field->elementCount = value.elementCount;
    field->children.append(std::move(value));
    if (ok)
        field->children.append(std::move(nested.endTag));
    return ok;
}

void WireDecoder::noteOccurrence(const gp::FieldDescriptor *fd, const WireSpan &field, Seen *seen)
{
    if (!fd)
        return;
    const QString name = QString::fromStdString(fd->name());
    if (seen->contains(fd)) {
        if (fd->is_repeated())
            return;
        const bool message = fd->message_type() != nullptr;
        m_reader.lint(Severity::Note, message ? LintKind::MergedMessage : LintKind::RepeatedScalar,
            field.offset,
            message ? QStringLiteral("%1 appears again at byte %2: occurrences of a singular message merge "
                                     "(its scalars: the last wins; its repeated fields: appended)")
                          .arg(name)
                          .arg(field.offset)
                    : QStringLiteral(
                        "%1 appears again at byte %2: for a singular scalar the last occurrence wins")
                          .arg(name)
                          .arg(field.offset));
        return;
    }
    if (const gp::OneofDescriptor *oneof = fd->real_containing_oneof()) {
        for (const gp::FieldDescriptor *earlier : std::as_const(*seen))
            if (earlier->real_containing_oneof() == oneof)
                m_reader.lint(Severity::Note, LintKind::OneofOverride, field.offset,
                    QStringLiteral(
                        "%1 at byte %2 replaces %3: both belong to oneof %4, and the last one set wins")
                        .arg(name)
                        .arg(field.offset)
                        .arg(QString::fromStdString(earlier->name()), QString::fromStdString(oneof->name())));
    }
    seen->append(fd);
}

QStringList WireDecoder::absentFields(const gp::Descriptor *type, const Seen &seen) const
{
    QStringList absent;
    if (!type)
        return absent;
    for (int i = 0; i < type->field_count(); ++i) {
        const gp::FieldDescriptor *fd = type->field(i);
        if (seen.contains(fd))
            continue;
        QString name = QString::fromStdString(fd->name());
        if (fd->is_repeated())
            name += QStringLiteral(" (empty)");
        else if (fd->has_presence())
            name += QStringLiteral(" (not set)");
        absent.append(name);
    }
    return absent;
}

QList<WireSpan> WireDecoder::parseFrames(const gp::Descriptor *type, const SpanSink *sink)
{
    QList<WireSpan> frames;
    const auto keep = [&frames, sink](WireSpan &&span) { keepSpan(sink, &frames, std::move(span)); };
    for (qint64 pos = 0; pos < m_reader.size();) {
        if (m_reader.size() - pos < 5) {
            m_reader.fail(pos, LintKind::GrpcFrame,
                QStringLiteral(
                    "a gRPC frame header at byte %1 needs 5 bytes (1 flag, 4 length), only %2 remain")
                    .arg(pos)
                    .arg(WireText::bytes(m_reader.size() - pos)));
            keep(m_reader.unparsed(pos, m_reader.size()));
            break;
        }
        WireSpan frame = WireReader::span(Role::GrpcFrame, pos, 5, -1, 0);
        const bool ok = parseFrame(type, &frame);
        pos = frame.end();
        keep(std::move(frame));
        if (!ok) {
            if (pos < m_reader.size())
                keep(m_reader.unparsed(pos, m_reader.size()));
            break;
        }
    }
    return frames;
}

bool WireDecoder::parseFrame(const gp::Descriptor *type, WireSpan *frame)
{
    const qint64 pos = frame->offset;
    WireSpan flag = WireReader::span(Role::GrpcFlag, pos, 1, -1, 0);
    flag.raw = quint8(m_reader.data()[pos]);
    flag.value = flag.raw == 0 ? QStringLiteral("0 (not compressed)")
        : flag.raw == 1        ? QStringLiteral("1 (compressed)")
                               : QString::number(flag.raw);
    WireSpan length = WireReader::span(Role::GrpcLength, pos + 1, 4, -1, 0);
    length.raw = WireFormat::readBigEndian32(m_reader.data() + pos + 1);
    length.value = QString::number(length.raw);
    frame->children = {flag, length};
    const qint64 payloadAt = pos + 5;
    bool ok = true;
    if (flag.raw > 1)
        ok = m_reader.fail(pos, LintKind::GrpcFrame,
            QStringLiteral("the gRPC compressed flag at byte %1 is %2; only 0 and 1 are valid")
                .arg(pos)
                .arg(flag.raw));
    else if (qint64(length.raw) > m_reader.size() - payloadAt)
        ok = m_reader.fail(pos + 1, LintKind::Truncated,
            QStringLiteral("truncated gRPC frame: the length at byte %1 says %2, only %3 follow")
                .arg(pos + 1)
                .arg(WireText::bytes(qint64(length.raw)), WireText::bytes(m_reader.size() - payloadAt)));
    if (!ok) {
        if (payloadAt < m_reader.size())
            frame->children.append(m_reader.unparsed(payloadAt, m_reader.size()));
        frame->length = frame->children.constLast().end() - pos;
        return false;
    }
    WireSpan payload = WireReader::span(Role::Value, payloadAt, qint64(length.raw), -1, 0);
    ok = decodePayload(type, flag.raw == 1, &payload);
    frame->children.append(std::move(payload));
    frame->length = 5 + qint64(length.raw);
    return ok;
}

bool WireDecoder::decodePayload(const gp::Descriptor *type, bool compressed, WireSpan *payload)
{
    if (compressed) {
        m_reader.lint(Severity::Warning, LintKind::GrpcFrame, payload->offset - 5,
            QStringLiteral("the frame at byte %1 is compressed with the grpc-encoding named in the headers; "
                           "its payload is shown undecoded")
                .arg(payload->offset - 5));
        payload->kind = Kind::Bytes;
        payload->value = WireText::hex(m_reader.data() + payload->offset, payload->length);
        return true;
    }
    Message message;
    const bool ok = parseMessage(payload->offset, payload->end(), type, 0, 0, &message);
    payload->kind = Kind::Message;
    payload->typeName = type ? QString::fromStdString(type->full_name()) : QString();
    payload->children = std::move(message.fields);
    payload->absentFields = std::move(message.absent);
    payload->elementCount = int(payload->children.size());
    payload->value = QStringLiteral("{%1 fields}").arg(payload->elementCount);
    return ok;
}

} // namespace wirescope
