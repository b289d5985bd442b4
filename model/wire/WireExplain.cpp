#include "model/wire/WireExplain.h"

#include "model/wire/WireFormat.h"
#include "model/wire/WireText.h"

namespace wirescope::WireExplain {

namespace {

using Kind = WireSpan::Kind;
using Role = WireSpan::Role;

const char *at(const WireTree &tree, const WireSpan &span)
{
    return tree.bytes.constData() + span.offset;
}

QString bitsOf(quint8 byte)
{
    return QStringLiteral("%1|%2").arg(byte >> 7).arg(byte & 0x7f, 7, 2, QLatin1Char('0'));
}

QString zigZag(const WireSpan &span, bool wide)
{
    const qint64 decoded
        = wide ? WireFormat::zigZagDecode64(span.raw) : WireFormat::zigZagDecode32(quint32(span.raw));
    return QStringLiteral("ZigZag: (n >> 1) ^ -(n & 1) = (%1 >> 1) ^ -(%1 & 1) = %2. ZigZag maps 0, -1, 1, "
                          "-2, 2 to 0, 1, 2, 3, 4, "
                          "so numbers near zero stay short whatever their sign")
        .arg(span.raw)
        .arg(decoded);
}

QString negativeNote(const WireSpan &span)
{
    if (qint64(span.raw) >= 0)
        return {};
    const quint64 zigzag = (span.raw << 1) ^ quint64(qint64(span.raw) >> 63);
    return QStringLiteral(
        ". A negative %1 is written as its 64-bit two's complement, so it always takes 10 bytes; "
        "as sint with ZigZag it would take %2")
        .arg(span.kind == Kind::Int32 ? QStringLiteral("int32 (sign-extended to 64 bits)")
                                      : QStringLiteral("int64"),
            WireText::bytes(WireFormat::varintSize(zigzag)));
}

QString varintValue(const WireTree &tree, const WireSpan &span)
{
    const QString groups = varintGroups(at(tree, span), span.length);
    switch (span.kind) {
    case Kind::Varint:
        return groups
            + QStringLiteral(". Without a schema it may be int32/int64/uint32/uint64 %1, sint32/sint64 %2 "
                             "(ZigZag), a bool or an enum number")
                  .arg(WireText::scalar(Kind::UInt64, span.raw), WireText::scalar(Kind::SInt64, span.raw));
    case Kind::Int32:
    case Kind::Int64:
        return groups + negativeNote(span);
    case Kind::SInt32:
    case Kind::SInt64:
        return groups + QStringLiteral(". ") + zigZag(span, span.kind == Kind::SInt64);
    case Kind::Bool:
        return groups + QStringLiteral(". A bool is the varint 0 (false) or 1 (true)");
    case Kind::Enum:
        return groups + QStringLiteral(". An enum value is written as its number, an int32 varint");
    default:
        return groups;
    }
}

QString fixedValue(const WireTree &tree, const WireSpan &span)
{
    const int size = int(span.length);
    const QString hexDigits = QStringLiteral("0x%1").arg(span.raw, size * 2, 16, QLatin1Char('0'));
    QString text = QStringLiteral("little-endian %1-bit: the bytes %2 read from last to first give %3")
                       .arg(size * 8)
                       .arg(WireText::hex(at(tree, span), size), hexDigits);
    switch (span.kind) {
    case Kind::Float:
        return text + QStringLiteral(", the IEEE 754 single-precision bits of %1").arg(span.value);
    case Kind::Double:
        return text + QStringLiteral(", the IEEE 754 double-precision bits of %1").arg(span.value);
    case Kind::Fixed32Bits:
        return text
            + QStringLiteral(". Without a schema: fixed32 %1, sfixed32 %2 or float %3")
                  .arg(quint32(span.raw))
                  .arg(qint32(quint32(span.raw)))
                  .arg(WireText::scalar(Kind::Float, span.raw));
    case Kind::Fixed64Bits:
        return text
            + QStringLiteral(". Without a schema: fixed64 %1, sfixed64 %2 or double %3")
                  .arg(span.raw)
                  .arg(qint64(span.raw))
                  .arg(WireText::scalar(Kind::Double, span.raw));
    default:
        return text + QStringLiteral(" = %1").arg(span.value);
    }
}

QString delimitedValue(const WireSpan &span)
{
    switch (span.kind) {
    case Kind::String:
        return QStringLiteral("length-delimited: %1 of UTF-8 text (the length counts bytes, not characters)")
            .arg(WireText::bytes(span.length));
    case Kind::Bytes:
        return QStringLiteral("length-delimited: %1 taken as they are").arg(WireText::bytes(span.length));
    case Kind::MapEntry:
        return QStringLiteral(
            "a map is written as a repeated message of entries, key = field 1 and value = field 2; "
            "a key or value holding its default may be left out. This entry: %1")
            .arg(span.value);
    case Kind::Packed:
        return QStringLiteral(
            "packed repeated: one tag and one length, then %1 back to back with no tags of their own "
            "(proto3 packs repeated scalars by default); parsers accept the unpacked form, one tag per "
            "element, too")
            .arg(span.elementCount == 1 ? QStringLiteral("1 element")
                                        : QStringLiteral("%1 elements").arg(span.elementCount));
    case Kind::Delimited:
        return QStringLiteral(
            "length-delimited without a schema: a string, bytes, a nested message or a packed array are all "
            "written this way; %1 valid reading(s) follow, likeliest first")
            .arg(span.readings.size());
    default: {
        QString text = QStringLiteral(
            "a nested message: its fields are encoded exactly like a top-level message's, and the whole "
            "is written as one length-delimited value");
        if (!span.absentFields.isEmpty())
            text += QStringLiteral(". ") + absentFields(span.absentFields);
        return text;
    }
    }
}

QString tag(const WireTree &tree, const WireSpan &span)
{
    QString text = QStringLiteral(
        "tag %1 = (field_number << 3) | wire_type = (%2 << 3) | %3: field %2, wire type %3 (%4)")
                       .arg(span.raw)
                       .arg(span.fieldNumber)
                       .arg(span.wireType)
                       .arg(WireFormat::wireTypeName(span.wireType));
    if (span.length > 1)
        text += QStringLiteral(". The tag is a varint: %1. Field numbers from 16 up take two or more tag "
                               "bytes, because the first "
                               "byte has room for only 4 bits of field number beside the 3 wire-type bits "
                               "and the continuation bit")
                    .arg(varintGroups(at(tree, span), span.length));
    if (span.wireType == 3)
        text += QStringLiteral(". Wire type 3 starts a group (deprecated); an end-group tag, wire type 4 "
                               "with the same field number, closes it");
    return text;
}

QString field(const WireSpan &span)
{
    QString text = QStringLiteral("field %1").arg(span.fieldNumber);
    if (!span.fieldName.isEmpty())
        text += QStringLiteral(" (%1, %2)").arg(span.fieldName, span.typeName);
    text += QStringLiteral(" with wire type %1 (%2)")
                .arg(span.wireType)
                .arg(WireFormat::wireTypeName(span.wireType));
    if (span.typeName.startsWith(QStringLiteral("repeated ")) && span.kind != Kind::Packed
        && span.kind != Kind::Message && span.kind != Kind::String && span.kind != Kind::Bytes)
        text += QStringLiteral(": one element of an unpacked repeated field, each element with its own tag; "
                               "parsers accept this and the packed form");
    else if (span.typeName.startsWith(QStringLiteral("repeated ")))
        text += QStringLiteral(": each element of a repeated field is one occurrence of the field");
    if (span.kind == Kind::Group)
        text += QStringLiteral(": a group (deprecated, proto2) holds fields between a start-group tag (wire "
                               "type 3) and an end-group tag "
                               "(wire type 4) with the same field number, with no length prefix");
    return text;
}

QString frameParts(const WireTree &tree, const WireSpan &span)
{
    switch (span.role) {
    case Role::GrpcFrame:
        return QStringLiteral("a gRPC frame: every message on the HTTP/2 stream is preceded by 1 "
                              "compressed-flag byte and a 4-byte length");
    case Role::GrpcFlag:
        return QStringLiteral("compressed flag %1: 0 = the message follows as is, 1 = it is compressed with "
                              "the grpc-encoding named in the headers")
            .arg(span.raw);
    default:
        return QStringLiteral("message length, 4 bytes big-endian (most significant first): %1 = %2")
            .arg(WireText::hex(at(tree, span), span.length))
            .arg(span.raw);
    }
}

QString value(const WireTree &tree, const WireSpan &span)
{
    if (span.kind == Kind::Group)
        return QStringLiteral("the fields of the group, up to its end-group tag");
    if (span.wireType == 0 || (span.role == Role::Element && span.wireType == 0))
        return varintValue(tree, span);
    if (span.wireType == 1 || span.wireType == 5)
        return fixedValue(tree, span);
    return delimitedValue(span);
}

} // namespace

QString varintGroups(const char *data, qint64 length)
{
    QStringList groups;
    QStringList terms;
    quint64 value = 0;
    for (qint64 i = 0; i < length && i < WireFormat::kMaxVarintBytes; ++i) {
        const auto byte = quint8(data[i]);
        groups.append(
            QStringLiteral("%1 = %2 (%3)")
                .arg(byte, 2, 16, QLatin1Char('0'))
                .arg(bitsOf(byte), byte & 0x80 ? QStringLiteral("more follows") : QStringLiteral("last")));
        const quint64 group = byte & 0x7f;
        value |= group << (7 * i);
        if (group)
            terms.append(
                i == 0 ? QString::number(group) : QStringLiteral("(%1 << %2)").arg(group).arg(7 * i));
    }
    const QString sum = terms.size() > 1
        ? QStringLiteral("%1 = %2").arg(terms.join(QStringLiteral(" + "))).arg(value)
        : QString::number(value);
    return QStringLiteral(
        "varint %1 (7-bit groups, least-significant first; the top bit says whether another byte follows): "
        "%2; %3")
        .arg(
            WireText::hex(data, length, WireFormat::kMaxVarintBytes), groups.join(QStringLiteral(", ")), sum);
}

QString absentFields(const QStringList &absent)
{
    if (absent.isEmpty())
        return {};
    return QStringLiteral(
        "Not in the bytes: %1. A proto3 field without presence that holds its default (0, false, \"\", "
        "empty) is not written, so its absence means the default; a field with presence (optional, "
        "message, oneof member) is absent when not set")
        .arg(absent.join(QStringLiteral(", ")));
}

QString explain(const WireTree &tree, const WireSpan &span)
{
    if (span.offset < 0 || span.end() > tree.bytes.size())
        return {};
    switch (span.role) {
    case Role::Field:
        return field(span);
    case Role::Tag:
        return tag(tree, span);
    case Role::Length:
        return QStringLiteral("length prefix %1: the next %2 are the value%3")
            .arg(span.raw)
            .arg(WireText::bytes(qint64(span.raw)))
            .arg(span.length > 1 ? QStringLiteral(". ") + varintGroups(at(tree, span), span.length)
                                 : QString());
    case Role::EndGroup:
        return QStringLiteral("end-group tag %1 = (%2 << 3) | 4: closes group field %2")
            .arg(span.raw)
            .arg(span.fieldNumber);
    case Role::GrpcFrame:
    case Role::GrpcFlag:
    case Role::GrpcLength:
        return frameParts(tree, span);
    case Role::Unparsed:
        return QStringLiteral("not decoded: decoding stopped at the error at byte %1 (%2)")
            .arg(tree.errorOffset)
            .arg(tree.error);
    case Role::PastLimit:
        return QStringLiteral(
            "not annotated: the inspector annotates at most %1 fields, so that memory and "
            "time stay bounded whatever the input; these bytes are neither decoded nor checked")
            .arg(tree.fieldLimit);
    case Role::Value:
    case Role::Element:
        if (span.wireType < 0) // a gRPC frame's payload
            return span.kind == Kind::Bytes
                ? QStringLiteral("the compressed message, shown undecoded")
                : QStringLiteral("the message the frame carries. %1").arg(absentFields(span.absentFields));
        return value(tree, span);
    }
    return {};
}

} // namespace wirescope::WireExplain
