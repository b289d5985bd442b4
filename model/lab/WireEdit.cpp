#include "model/lab/WireEdit.h"

#include "model/json/BytesText.h"
#include "model/wire/WireText.h"

#include <google/protobuf/descriptor.h>

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace gp = google::protobuf;

namespace wirescope::WireEdit {

namespace {

using Kind = WireSpan::Kind;
using Role = WireSpan::Role;
using Range = QPair<qint64, qint64>;

constexpr quint64 kInt32Magnitude = quint64(1) << 31; // |INT32_MIN|
constexpr quint64 kInt64Magnitude = quint64(1) << 63; // |INT64_MIN|
constexpr quint64 kUInt32Max = std::numeric_limits<quint32>::max();
constexpr quint64 kUInt64Max = std::numeric_limits<quint64>::max();
// The smallest magnitude that rounds to infinity as a float: FLT_MAX plus half its last
// place (2^128 - 2^103), where round-half-to-even goes up because FLT_MAX is odd.
constexpr double kFloatOverflow = 0x1.ffffffp127;
// Past this a decimal exponent decides alone whether a number is huge or tiny.
constexpr qint64 kHugeExponent = qint64(1) << 40;

QByteArray varintBytes(quint64 value)
{
    QByteArray out;
    for (; value >= 0x80; value >>= 7)
        out += char(0x80 | (value & 0x7f));
    return out + char(value);
}

QByteArray littleEndian(quint64 bits, int size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i, bits >>= 8)
        out[i] = char(bits & 0xff);
    return out;
}

bool isNumberKind(Kind kind)
{
    switch (kind) {
    case Kind::Varint:
    case Kind::Fixed32Bits:
    case Kind::Fixed64Bits:
    case Kind::Int32:
    case Kind::Int64:
    case Kind::UInt32:
    case Kind::UInt64:
    case Kind::SInt32:
    case Kind::SInt64:
    case Kind::Bool:
    case Kind::Enum:
    case Kind::Fixed32:
    case Kind::Fixed64:
    case Kind::SFixed32:
    case Kind::SFixed64:
    case Kind::Float:
    case Kind::Double:
        return true;
    default:
        return false;
    }
}

bool isDelimitedKind(Kind kind)
{
    return kind == Kind::String || kind == Kind::Bytes || kind == Kind::Delimited;
}

// The type as the end of "does not fit …" names it.
QString kindNoun(Kind kind)
{
    switch (kind) {
    case Kind::Int32:
        return QStringLiteral("an int32");
    case Kind::Int64:
        return QStringLiteral("an int64");
    case Kind::UInt32:
        return QStringLiteral("a uint32");
    case Kind::UInt64:
        return QStringLiteral("a uint64");
    case Kind::SInt32:
        return QStringLiteral("an sint32");
    case Kind::SInt64:
        return QStringLiteral("an sint64");
    case Kind::Enum:
        return QStringLiteral("an enum (an int32)");
    case Kind::Fixed32:
        return QStringLiteral("a fixed32");
    case Kind::Fixed64:
        return QStringLiteral("a fixed64");
    case Kind::SFixed32:
        return QStringLiteral("an sfixed32");
    case Kind::SFixed64:
        return QStringLiteral("an sfixed64");
    case Kind::Float:
        return QStringLiteral("a float");
    case Kind::Double:
        return QStringLiteral("a double");
    case Kind::Fixed32Bits:
        return QStringLiteral("32 bits");
    default:
        return QStringLiteral("64 bits");
    }
}

// The magnitudes an integer kind holds: below zero (as |minimum|) and above it. Schema-less
// values take either reading of their bits, unsigned or two's complement.
struct Limits {
    quint64 negative = 0;
    quint64 positive = 0;
};

Limits limitsOf(Kind kind)
{
    switch (kind) {
    case Kind::Int32:
    case Kind::SInt32:
    case Kind::SFixed32:
    case Kind::Enum:
        return {kInt32Magnitude, kInt32Magnitude - 1};
    case Kind::Int64:
    case Kind::SInt64:
    case Kind::SFixed64:
        return {kInt64Magnitude, kInt64Magnitude - 1};
    case Kind::UInt32:
    case Kind::Fixed32:
        return {0, kUInt32Max};
    case Kind::Fixed32Bits:
        return {kInt32Magnitude, kUInt32Max};
    case Kind::UInt64:
    case Kind::Fixed64:
        return {0, kUInt64Max};
    default: // Varint, Fixed64Bits
        return {kInt64Magnitude, kUInt64Max};
    }
}

enum class Parsed { Ok, NotANumber, TooLarge };

// The value of an ASCII digit in `base` (10 or 16), or -1.
int digitValue(QChar c, int base)
{
    const char16_t u = c.unicode();
    int digit = -1;
    if (u >= u'0' && u <= u'9')
        digit = u - u'0';
    else if (u >= u'a' && u <= u'f')
        digit = u - u'a' + 10;
    else if (u >= u'A' && u <= u'F')
        digit = u - u'A' + 10;
    return digit < base ? digit : -1;
}

// An optionally signed integer in decimal or after 0x in hex, as sign and magnitude.
Parsed parseInteger(const QString &text, bool *negative, quint64 *magnitude)
{
    QStringView digits(text);
    *negative = digits.startsWith(u'-');
    if (*negative || digits.startsWith(u'+'))
        digits = digits.mid(1);
    int base = 10;
    if (digits.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) {
        base = 16;
        digits = digits.mid(2);
    }
    if (digits.isEmpty())
        return Parsed::NotANumber;
    quint64 value = 0;
    for (const QChar c : digits) {
        const int digit = digitValue(c, base);
        if (digit < 0)
            return Parsed::NotANumber;
        if (value > (kUInt64Max - quint64(digit)) / quint64(base))
            return Parsed::TooLarge;
        value = value * quint64(base) + quint64(digit);
    }
    *magnitude = value;
    return Parsed::Ok;
}

// The integer as 64 bits (negative values in two's complement), when `kind` holds it.
bool readInteger(const QString &text, Kind kind, quint64 *bits, QString *error)
{
    bool negative = false;
    quint64 magnitude = 0;
    const Parsed parsed = parseInteger(text, &negative, &magnitude);
    if (parsed == Parsed::NotANumber) {
        *error
            = QStringLiteral("\"%1\" is not an integer: write it in decimal, or in hex after 0x").arg(text);
        return false;
    }
    const Limits limits = limitsOf(kind);
    if (parsed == Parsed::TooLarge || magnitude > (negative ? limits.negative : limits.positive)) {
        *error = QStringLiteral("%1 does not fit %2").arg(text, kindNoun(kind));
        return false;
    }
    *bits = negative ? quint64(0) - magnitude : magnitude;
    return true;
}

// A decimal number read the same whatever the process locale (Qt sets LC_NUMERIC).
bool parseDecimal(const QString &text, double *value, bool *outOfRange)
{
    static const QRegularExpression decimal(QStringLiteral("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$"));
    if (!decimal.match(text).hasMatch())
        return false;
    const QByteArray latin = text.toLatin1();
    const char *begin = latin.constData() + (latin.startsWith('+') ? 1 : 0);
    const auto [end, ec] = std::from_chars(begin, latin.constData() + latin.size(), *value);
    *outOfRange = ec == std::errc::result_out_of_range;
    return ec == std::errc() || *outOfRange;
}

// Which way a decimal past double's range went. Such a number is either below 1e-300 or
// above 1e300, so the sign of its decimal order of magnitude tells underflow from overflow.
// `text` matches parseDecimal's pattern.
bool underflows(const QString &text)
{
    const qsizetype e = text.indexOf(u'e', 0, Qt::CaseInsensitive);
    const QStringView mantissa = QStringView(text).left(e < 0 ? text.size() : e);
    qint64 exponent = 0;
    if (e >= 0) {
        const QStringView digits = QStringView(text).mid(e + 1);
        bool ok = false;
        exponent = digits.toLongLong(&ok);
        if (!ok || std::abs(exponent) > kHugeExponent) // only the sign of such an exponent matters
            return digits.startsWith(u'-');
    }
    const qsizetype point = mantissa.indexOf(u'.');
    const qsizetype units = point < 0 ? mantissa.size() : point; // where the units digit ends
    for (qsizetype i = 0; i < mantissa.size(); ++i) {
        if (mantissa[i] < u'1' || mantissa[i] > u'9')
            continue; // a sign, a leading zero or the point
        const qint64 order = i < units ? units - i - 1 : units - i;
        return exponent + order < 0;
    }
    return true; // all zeros
}

// A decimal, "inf" or "nan" as a double; false with *error set when it is none of them or
// lies past double's range. A value too small for a double reads as 0, as parsers read it.
bool readDouble(const QString &text, Kind kind, double *value, QString *error)
{
    const QString lower = text.toLower();
    bool outOfRange = false;
    if (lower == QLatin1String("nan"))
        *value = std::numeric_limits<double>::quiet_NaN();
    else if (lower == QLatin1String("inf") || lower == QLatin1String("+inf")
        || lower == QLatin1String("infinity"))
        *value = std::numeric_limits<double>::infinity();
    else if (lower == QLatin1String("-inf") || lower == QLatin1String("-infinity"))
        *value = -std::numeric_limits<double>::infinity();
    else if (!parseDecimal(text, value, &outOfRange)) {
        *error = QStringLiteral("\"%1\" is not a number: write it like 3.5, -1e-3, inf or nan").arg(text);
        return false;
    } else if (outOfRange && !underflows(text)) {
        *error = QStringLiteral("%1 does not fit %2").arg(text, kindNoun(kind));
        return false;
    } else if (outOfRange) {
        *value = text.startsWith(u'-') ? -0.0 : 0.0;
    }
    return true;
}

bool readFloat(const QString &text, Kind kind, quint64 *bits, QString *error)
{
    double value = 0;
    if (!readDouble(text, kind, &value, error))
        return false;
    if (kind != Kind::Float) {
        *bits = std::bit_cast<quint64>(value);
        return true;
    }
    // A finite number rounds to the nearest float, so FLT_MAX's own text, a hair above it as a
    // double, is FLT_MAX. Only a number that rounds past FLT_MAX does not fit; checked before
    // converting because such a conversion is not defined in C++.
    if (std::isfinite(value) && std::fabs(value) >= kFloatOverflow) {
        *error = QStringLiteral("%1 does not fit %2").arg(text, kindNoun(kind));
        return false;
    }
    constexpr float largest = std::numeric_limits<float>::max();
    // Infinity and NaN convert as they are; a finite value between FLT_MAX and the overflow
    // point rounds down to FLT_MAX.
    const float single = std::isfinite(value) && std::fabs(value) > double(largest)
        ? (value > 0 ? largest : -largest)
        : float(value);
    *bits = std::bit_cast<quint32>(single);
    return true;
}

bool readBool(const QString &text, quint64 *bits, QString *error)
{
    const QString lower = text.toLower();
    if (lower == QLatin1String("true") || lower == QLatin1String("1")) {
        *bits = 1;
        return true;
    }
    if (lower == QLatin1String("false") || lower == QLatin1String("0")) {
        *bits = 0;
        return true;
    }
    bool negative = false;
    quint64 magnitude = 0;
    *error = parseInteger(text, &negative, &magnitude) == Parsed::NotANumber
        ? QStringLiteral("\"%1\" is not a bool: use true, false, 1 or 0").arg(text)
        : QStringLiteral("%1 does not fit a bool: use true, false, 1 or 0").arg(text);
    return false;
}

bool readEnum(const QString &text, const gp::EnumDescriptor *enumType, quint64 *bits, QString *error)
{
    bool negative = false;
    quint64 magnitude = 0;
    if (parseInteger(text, &negative, &magnitude) != Parsed::NotANumber)
        return readInteger(text, Kind::Enum, bits, error);
    if (!enumType) {
        *error = QStringLiteral(
            "\"%1\" is not a number, and the enum's names are not known here: use its number")
                     .arg(text);
        return false;
    }
    const gp::EnumValueDescriptor *value = enumType->FindValueByName(text.toStdString());
    if (!value) {
        *error = QStringLiteral("no value named %1 in enum %2; use a name or a number")
                     .arg(text, QString::fromStdString(enumType->full_name()));
        return false;
    }
    *bits = quint64(qint64(value->number())); // negative numbers sign-extend like an int32
    return true;
}

// The bits of a scalar, encoded as its kind is on the wire.
QByteArray encodeBits(Kind kind, quint64 bits)
{
    switch (kind) {
    case Kind::SInt32: {
        const auto value = qint32(quint32(bits));
        return varintBytes((quint32(value) << 1) ^ quint32(value >> 31));
    }
    case Kind::SInt64: {
        const auto value = qint64(bits);
        return varintBytes((quint64(value) << 1) ^ quint64(value >> 63));
    }
    case Kind::Fixed32:
    case Kind::SFixed32:
    case Kind::Float:
    case Kind::Fixed32Bits:
        return littleEndian(bits, 4);
    case Kind::Fixed64:
    case Kind::SFixed64:
    case Kind::Double:
    case Kind::Fixed64Bits:
        return littleEndian(bits, 8);
    default: // varints; a negative int32 or enum is already sign-extended to 64 bits
        return varintBytes(bits);
    }
}

bool encodeScalar(
    Kind kind, const QString &text, const gp::EnumDescriptor *enumType, QByteArray *out, QString *error)
{
    quint64 bits = 0;
    bool ok = false;
    if (kind == Kind::Bool)
        ok = readBool(text, &bits, error);
    else if (kind == Kind::Enum)
        ok = readEnum(text, enumType, &bits, error);
    else if (kind == Kind::Float || kind == Kind::Double)
        ok = readFloat(text, kind, &bits, error);
    else
        ok = readInteger(text, kind, &bits, error);
    if (ok)
        *out = encodeBits(kind, bits);
    return ok;
}

bool encodeValue(const WireSpan &span, const QString &text, const gp::EnumDescriptor *enumType,
    QByteArray *out, QString *error)
{
    if (span.kind == Kind::String) {
        *out = text.toUtf8();
        return true;
    }
    if (isDelimitedKind(span.kind)) {
        QString why;
        if (BytesText::parseHex(text, out, &why))
            return true;
        *error = QStringLiteral("\"%1\" is not bytes: %2").arg(text, why);
        return false;
    }
    return encodeScalar(span.kind, text.trimmed(), enumType, out, error);
}

QString whyNotEditable(const WireSpan &span)
{
    switch (span.role) {
    case Role::Field:
        return QStringLiteral("a field is edited through its value");
    case Role::Tag:
    case Role::EndGroup:
        return QStringLiteral("a tag holds a field number and a wire type, not a value: edit it in the hex");
    case Role::Length:
    case Role::GrpcLength:
        return QStringLiteral("a length follows its value: edit the value and the length is rewritten");
    case Role::GrpcFrame:
    case Role::GrpcFlag:
        return QStringLiteral("a gRPC frame prefix is not a value: edit a value inside the frame");
    case Role::Unparsed:
        return QStringLiteral("these bytes could not be decoded, so they hold no value to edit");
    case Role::PastLimit:
        return QStringLiteral("these bytes are past the inspector's field limit and were not decoded");
    default:
        break;
    }
    if (span.kind == Kind::Packed)
        return QStringLiteral("a packed array is edited one element at a time");
    if (span.kind == Kind::Message || span.kind == Kind::MapEntry || span.kind == Kind::Group)
        return QStringLiteral("a message is edited one field at a time");
    if (span.wireType < 0)
        return QStringLiteral("a compressed gRPC payload cannot be edited as values");
    return QStringLiteral("this span holds no value to edit");
}

// The schema field holding the chain's last value: each Field span's number looked up in
// the message type of the one above it (a map entry is a nested message like any other).
const gp::FieldDescriptor *fieldOf(const QList<const WireSpan *> &chain, const gp::Descriptor *type)
{
    const gp::FieldDescriptor *field = nullptr;
    const gp::Descriptor *message = type;
    for (const WireSpan *span : chain) {
        if (span->role != Role::Field)
            continue;
        if (!message)
            return nullptr;
        field = message->FindFieldByNumber(span->fieldNumber);
        if (!field)
            return nullptr;
        message = field->message_type();
    }
    return field;
}

const WireSpan *childWithRole(const WireSpan &span, Role role)
{
    for (const WireSpan &child : span.children)
        if (child.role == role)
            return &child;
    return nullptr;
}

// Each span of the chain inside the one before it, and all inside the bytes.
bool chainFits(const WireTree &tree, const QList<const WireSpan *> &chain)
{
    qint64 begin = 0;
    qint64 end = tree.bytes.size();
    for (const WireSpan *span : chain) {
        if (!span || span->offset < begin || span->length < 0 || span->end() > end)
            return false;
        begin = span->offset;
        end = span->end();
    }
    return true;
}

// The bytes after the value changed, and what changed in them.
struct Edit {
    QByteArray bytes;
    QList<Range> changed;
    qint64 delta = 0; // how much longer the innermost enclosing value has become so far
};

// Replaces a varint length prefix before the edit; every range recorded so far lies after
// it and moves by the prefix's change of size.
void rewriteVarintLength(const WireSpan &length, quint64 newLength, Edit *edit)
{
    const QByteArray prefix = varintBytes(newLength);
    const qint64 shift = prefix.size() - length.length;
    edit->bytes.replace(length.offset, length.length, prefix);
    for (Range &range : edit->changed)
        range.first += shift;
    edit->changed.append({length.offset, prefix.size()});
    edit->delta += shift;
}

// Rewrites the length one enclosing span gives its value, if it gives one.
bool rewriteEnclosing(const WireSpan &span, const WireSpan &inner, Edit *edit, QString *error)
{
    const bool frame = span.role == Role::GrpcFrame;
    if (span.role != Role::Field && !frame)
        return true; // a value span: its field, next in the chain, holds the length
    const WireSpan *length = childWithRole(span, frame ? Role::GrpcLength : Role::Length);
    const WireSpan *value = childWithRole(span, Role::Value);
    if (!length || !value)
        return true; // a varint, fixed or group field: nothing says its size
    if (inner.offset < value->offset || inner.end() > value->end()) {
        *error = QStringLiteral("the span chain does not match the bytes");
        return false;
    }
    const qint64 newLength = value->length + edit->delta;
    if (!frame) {
        rewriteVarintLength(*length, quint64(newLength), edit);
        return true;
    }
    if (quint64(newLength) > kUInt32Max) {
        *error = QStringLiteral("the gRPC frame would hold %1, more than its 4-byte length can say")
                     .arg(WireText::bytes(newLength));
        return false;
    }
    for (int i = 0; i < 4; ++i)
        edit->bytes[length->offset + i] = char((quint64(newLength) >> (8 * (3 - i))) & 0xff);
    edit->changed.append({length->offset, 4});
    return true;
}

WireEditResult refused(const QString &why)
{
    WireEditResult result;
    result.error = why;
    return result;
}

// Whether the text reads back as exactly this float. Not QString::toFloat: it refuses a text
// a hair above FLT_MAX that a parser rounds to FLT_MAX, so FLT_MAX would take 9 digits.
bool readsAs(const QString &text, float value)
{
    const QByteArray latin = text.toLatin1();
    float parsed = 0;
    const auto [end, ec] = std::from_chars(latin.constData(), latin.constData() + latin.size(), parsed);
    return ec == std::errc() && end == latin.constData() + latin.size() && parsed == value;
}

// Shortest text that reads back as the same float.
QString floatText(float value)
{
    for (int precision = 1; precision < 9; ++precision) {
        const QString text = QString::number(double(value), 'g', precision);
        if (readsAs(text, value))
            return text;
    }
    return QString::number(double(value), 'g', 9);
}

QString floatingText(Kind kind, quint64 raw)
{
    const double value
        = kind == Kind::Float ? double(std::bit_cast<float>(quint32(raw))) : std::bit_cast<double>(raw);
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value < 0 ? QStringLiteral("-inf") : QStringLiteral("inf");
    if (kind == Kind::Float)
        return floatText(std::bit_cast<float>(quint32(raw)));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// The annotator shows a named enum value as "NAME (1)": the name is what a user edits.
QString enumText(const WireSpan &span)
{
    const QString number = WireText::scalar(Kind::Enum, span.raw);
    const QString suffix = QStringLiteral(" (%1)").arg(number);
    if (span.value.endsWith(suffix) && span.value.size() > suffix.size())
        return span.value.chopped(suffix.size());
    return number;
}

QString scalarText(const WireSpan &span)
{
    switch (span.kind) {
    case Kind::Bool:
        return span.raw ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Enum:
        return enumText(span);
    case Kind::Float:
    case Kind::Double:
        return floatingText(span.kind, span.raw);
    case Kind::Varint:
        // Bits that are a negative int64 were most likely written as one.
        return span.raw > quint64(std::numeric_limits<qint64>::max()) ? QString::number(qint64(span.raw))
                                                                      : QString::number(span.raw);
    case Kind::Fixed32Bits:
        return QString::number(quint32(span.raw));
    case Kind::Fixed64Bits:
        return QString::number(span.raw);
    default:
        return WireText::scalar(span.kind, span.raw);
    }
}

} // namespace

bool isEditable(const WireSpan &span)
{
    if (span.role != Role::Value && span.role != Role::Element)
        return false;
    if (span.wireType < 0) // a gRPC payload, not a field's value
        return false;
    return isNumberKind(span.kind) || (span.role == Role::Value && isDelimitedKind(span.kind));
}

QString editText(const WireTree &tree, const WireSpan &span)
{
    if (!isEditable(span) || span.end() > tree.bytes.size())
        return {};
    const QByteArray bytes = tree.bytes.mid(span.offset, span.length);
    if (span.kind == Kind::String)
        return QString::fromUtf8(bytes);
    if (isDelimitedKind(span.kind))
        return QString::fromLatin1(bytes.toHex(' '));
    return scalarText(span);
}

WireEditResult setValue(const WireTree &tree, const QList<const WireSpan *> &chain, const QString &text,
    const gp::Descriptor *type)
{
    if (chain.isEmpty() || !chainFits(tree, chain))
        return refused(QStringLiteral("the span chain does not match the bytes"));
    const WireSpan &target = *chain.constLast();
    if (!isEditable(target))
        return refused(whyNotEditable(target));
    // Names come from the type the tree was decoded with, not from some other one.
    if (type && QString::fromStdString(type->full_name()) != tree.typeName)
        type = nullptr;
    const gp::FieldDescriptor *field = target.kind == Kind::Enum ? fieldOf(chain, type) : nullptr;
    Edit edit;
    QString error;
    QByteArray value;
    if (!encodeValue(target, text, field ? field->enum_type() : nullptr, &value, &error))
        return refused(error);
    edit.bytes = tree.bytes;
    edit.bytes.replace(target.offset, target.length, value);
    if (!value.isEmpty())
        edit.changed.append({target.offset, value.size()});
    edit.delta = value.size() - target.length;
    // Innermost first: each prefix lies before everything already rewritten, so only the
    // ranges recorded so far move when a prefix changes size.
    for (qsizetype i = chain.size() - 2; i >= 0 && edit.delta != 0; --i)
        if (!rewriteEnclosing(*chain.at(i), *chain.at(i + 1), &edit, &error))
            return refused(error);
    std::sort(edit.changed.begin(), edit.changed.end());
    WireEditResult result;
    result.bytes = std::move(edit.bytes);
    result.changed = std::move(edit.changed);
    return result;
}

} // namespace wirescope::WireEdit
