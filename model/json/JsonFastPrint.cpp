// JsonFastPath::print: wire bytes to the proto3 JSON mapping, walking the bytes in the order
// they came the way protobuf's converter does, so that the text is the same. Whatever the
// converter would render in a way of its own (a field twice, an unknown field, a map entry
// without its key) is declined rather than imitated.
#include "model/json/JsonFastPath.h"
#include "model/json/JsonFastWire.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <QByteArray>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace gp = google::protobuf;

namespace wirescope::JsonFastPath {

namespace {

// protobuf's converter refuses messages nested deeper than 64; stay clear of its limit so
// that the refusal, with its message, stays its own.
constexpr int MaxDepth = 60;

// Bytes of one message (or of a packed field, or a map entry), read front to back.
struct WireReader {
    const uint8_t *at;
    const uint8_t *end;

    bool atEnd() const { return at == end; }

    bool varint(uint64_t *value)
    {
        uint64_t result = 0;
        for (int shift = 0; shift < 64 && at != end; shift += 7) {
            const uint8_t byte = *at++;
            result |= uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80)) {
                *value = result;
                return true;
            }
        }
        return false; // truncated, or longer than ten bytes
    }

    // Tags and lengths: protobuf reads at most five bytes of either, and a length must fit
    // in an int. A longer spelling of the same number fails its parse.
    bool shortVarint(uint64_t *value, uint64_t limit)
    {
        const uint8_t *start = at;
        return varint(value) && at - start <= 5 && *value <= limit;
    }
    bool tag(uint64_t *value) { return shortVarint(value, UINT32_MAX); }

    template<typename T> bool fixed(T *value)
    {
        if (size_t(end - at) < sizeof(T))
            return false;
        std::memcpy(value, at, sizeof(T)); // the wire is little-endian, as is every target
        at += sizeof(T);
        return true;
    }

    bool delimited(WireReader *inner)
    {
        uint64_t length = 0;
        if (!shortVarint(&length, INT32_MAX) || length > uint64_t(end - at))
            return false;
        *inner = {at, at + length};
        at += length;
        return true;
    }

    // The next tag without taking it; 0 at the end.
    uint32_t peekTag() const
    {
        WireReader copy = *this;
        uint64_t tag = 0;
        return copy.tag(&tag) ? uint32_t(tag) : 0;
    }
};

bool isPackable(const gp::FieldDescriptor *field)
{
    return field->is_repeated() && wireTypeOf(field) != Delimited;
}

// Code points the converter writes as \u escapes besides the ASCII controls, '"', '\\',
// '<', '>' and DEL: the C1 controls and the invisible formatting characters.
bool escapedAbove127(uint32_t c)
{
    struct Range {
        uint32_t first, last;
    };
    static constexpr Range ranges[]
        = {{0x80, 0x9f}, {0xad, 0xad}, {0x600, 0x603}, {0x6dd, 0x6dd}, {0x70f, 0x70f}, {0x17b4, 0x17b5},
            {0x200b, 0x200f}, {0x2028, 0x202e}, {0x2060, 0x2064}, {0x206a, 0x206f}, {0xfeff, 0xfeff},
            {0xfff9, 0xfffb}, {0x1d173, 0x1d17a}, {0xe0001, 0xe0001}, {0xe0020, 0xe007f}};
    if (c < 0x80)
        return false;
    for (const Range &range : ranges) {
        if (c < range.first)
            return false;
        if (c <= range.last)
            return true;
    }
    return false;
}

void appendHex4(std::string *out, uint32_t unit)
{
    static constexpr char digits[] = "0123456789abcdef";
    out->append("\\u");
    for (int shift = 12; shift >= 0; shift -= 4)
        out->push_back(digits[(unit >> shift) & 0xf]);
}

// A JSON string, quoted and escaped as the converter escapes it. False on invalid UTF-8.
bool appendString(std::string *out, std::string_view text)
{
    out->push_back('"');
    size_t i = 0;
    while (i < text.size()) {
        const size_t start = i;
        uint32_t c = 0;
        if (!nextCodePoint(text, &i, &c))
            return false;
        switch (c) {
        case '"':
            out->append("\\\"");
            continue;
        case '\\':
            out->append("\\\\");
            continue;
        case '\b':
            out->append("\\b");
            continue;
        case '\f':
            out->append("\\f");
            continue;
        case '\n':
            out->append("\\n");
            continue;
        case '\r':
            out->append("\\r");
            continue;
        case '\t':
            out->append("\\t");
            continue;
        default:
            break;
        }
        if (c < 0x20 || c == '<' || c == '>' || c == 0x7f || escapedAbove127(c)) {
            if (c >= 0x10000) {
                appendHex4(out, 0xd800 + ((c - 0x10000) >> 10));
                appendHex4(out, 0xdc00 + ((c - 0x10000) & 0x3ff));
            } else {
                appendHex4(out, c);
            }
        } else {
            out->append(text.substr(start, i - start));
        }
    }
    out->push_back('"');
    return true;
}

void appendBase64(std::string *out, std::string_view bytes)
{
    const QByteArray encoded = QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())).toBase64();
    out->push_back('"');
    out->append(encoded.constData(), size_t(encoded.size()));
    out->push_back('"');
}

template<typename T> void appendInteger(std::string *out, T value, bool quoted)
{
    std::array<char, 24> buffer;
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    if (quoted)
        out->push_back('"');
    out->append(buffer.data(), result.ptr);
    if (quoted)
        out->push_back('"');
}

// A non-negative number in decimal, zero-padded to at least `width` digits.
void appendPadded(std::string *out, int64_t value, int width)
{
    std::array<char, 24> buffer;
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    for (auto digits = int(result.ptr - buffer.data()); digits < width; ++digits)
        out->push_back('0');
    out->append(buffer.data(), result.ptr);
}

// The shortest of 6 (float) or 15 (double) significant digits that reads back as the same
// value, else 9 or 17: protobuf's SimpleFtoa and SimpleDtoa, which its converter prints
// with. Not-a-number and the infinities are strings in the JSON mapping.
template<typename T> void appendFloating(std::string *out, T value)
{
    if (value != value) {
        out->append("\"NaN\"");
        return;
    }
    if (value == std::numeric_limits<T>::infinity() || value == -std::numeric_limits<T>::infinity()) {
        out->append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        return;
    }
    constexpr int shortDigits = sizeof(T) == 4 ? 6 : 15;
    constexpr int longDigits = sizeof(T) == 4 ? 9 : 17;
    std::array<char, 40> buffer;
    // Printed as a double either way, as printf's %g prints a float.
    auto result = std::to_chars(
        buffer.data(), buffer.data() + buffer.size(), double(value), std::chars_format::general, shortDigits);
    T back {};
    const auto read = std::from_chars(buffer.data(), result.ptr, back);
    // protobuf reads a float back with strtof and takes its range error on a subnormal
    // value for a mismatch: those get the long form too.
    const bool subnormalFloat
        = sizeof(T) == 4 && value != 0 && std::fabs(value) < std::numeric_limits<T>::min();
    if (read.ec != std::errc() || back != value || subnormalFloat)
        result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), double(value),
            std::chars_format::general, longDigits);
    out->append(buffer.data(), result.ptr);
}

class Printer {
public:
    Printer(bool indent, bool protoNames, std::string *out)
        : m_indent(indent)
        , m_protoNames(protoNames)
        , m_out(out)
    {
    }

    bool message(const gp::Descriptor *type, WireReader in, int depth);

private:
    enum class WellKnown { None, Unsupported, Timestamp, Duration, Wrapper };

    static WellKnown wellKnown(const gp::Descriptor *type);

    // Punctuation: each object or list remembers whether it has an element yet.
    void open(char bracket)
    {
        m_out->push_back(bracket);
        m_first.push_back(true);
    }
    void close(char bracket)
    {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (!empty)
            newLine();
        m_out->push_back(bracket);
    }
    void element()
    {
        if (!m_first.back())
            m_out->push_back(',');
        m_first.back() = false;
        newLine();
    }
    void newLine()
    {
        if (m_indent) {
            m_out->push_back('\n');
            m_out->append(2 * m_first.size(), ' ');
        }
    }
    bool key(std::string_view name)
    {
        element();
        if (!appendString(m_out, name))
            return false;
        m_out->append(m_indent ? ": " : ":");
        return true;
    }

    bool value(const gp::FieldDescriptor *field, WireReader *in, int depth);
    bool scalar(gp::FieldDescriptor::Type type, const gp::EnumDescriptor *enumType, WireReader *in);
    bool mapEntries(const gp::FieldDescriptor *field, uint32_t tag, WireReader *in, int depth);
    bool wellKnownValue(WellKnown kind, const gp::Descriptor *type, WireReader in);

    const bool m_indent;
    const bool m_protoNames;
    std::string *m_out;
    std::vector<bool> m_first;
};

Printer::WellKnown Printer::wellKnown(const gp::Descriptor *type)
{
    const std::string &name = type->full_name();
    if (name.compare(0, 16, "google.protobuf.") != 0)
        return WellKnown::None;
    const std::string_view local = std::string_view(name).substr(16);
    if (local == "Timestamp")
        return WellKnown::Timestamp;
    if (local == "Duration")
        return WellKnown::Duration;
    static constexpr std::string_view wrappers[] = {"DoubleValue", "FloatValue", "Int64Value", "UInt64Value",
        "Int32Value", "UInt32Value", "BoolValue", "StringValue", "BytesValue"};
    for (const std::string_view wrapper : wrappers) {
        if (local == wrapper)
            return WellKnown::Wrapper;
    }
    if (local == "Empty")
        return WellKnown::None;
    // Any, Struct, Value, ListValue, FieldMask and whatever else: the converter's.
    return WellKnown::Unsupported;
}

bool Printer::message(const gp::Descriptor *type, WireReader in, int depth)
{
    if (depth > MaxDepth || type->options().message_set_wire_format())
        return false;
    if (hasRequiredFields(type))
        return false; // a missing one fails the parse the converter's caller makes first
    if (const WellKnown kind = wellKnown(type); kind != WellKnown::None)
        return depth > 0 && kind != WellKnown::Unsupported && wellKnownValue(kind, type, in);
    SeenOnce<int> seen;
    open('{');
    int next = 0; // fields mostly come in the order they are declared: try there first
    while (!in.atEnd()) {
        uint64_t tag = 0;
        if (!in.tag(&tag) || (tag >> 3) == 0)
            return false;
        const int number = int(tag >> 3);
        const gp::FieldDescriptor *field = next < type->field_count() && type->field(next)->number() == number
            ? type->field(next)
            : type->FindFieldByNumber(number);
        if (field)
            next = field->index() + 1;
        if (!field || !seen.insert(field->number()))
            return false;
        const auto wireType = WireType(tag & 7);
        if (field->type() == gp::FieldDescriptor::TYPE_GROUP)
            return false;
        const std::string &name = m_protoNames ? field->name() : field->json_name();
        if (field->is_map()) {
            if (wireType != Delimited || !key(name) || !mapEntries(field, uint32_t(tag), &in, depth))
                return false;
        } else if (field->is_repeated()) {
            if (!key(name))
                return false;
            open('[');
            if (wireType == Delimited && isPackable(field)) {
                WireReader packed;
                if (!in.delimited(&packed) || packed.atEnd())
                    return false;
                while (!packed.atEnd()) {
                    element();
                    if (!scalar(field->type(), field->enum_type(), &packed))
                        return false;
                }
            } else {
                if (wireType != wireTypeOf(field))
                    return false;
                for (;;) {
                    element();
                    if (!value(field, &in, depth))
                        return false;
                    if (in.peekTag() != tag)
                        break;
                    uint64_t same = 0;
                    in.tag(&same);
                }
            }
            close(']');
        } else {
            if (wireType != wireTypeOf(field) || !key(name) || !value(field, &in, depth))
                return false;
        }
    }
    close('}');
    return true;
}

bool Printer::value(const gp::FieldDescriptor *field, WireReader *in, int depth)
{
    if (field->type() != gp::FieldDescriptor::TYPE_MESSAGE)
        return scalar(field->type(), field->enum_type(), in);
    WireReader inner;
    return in->delimited(&inner) && message(field->message_type(), inner, depth + 1);
}

bool Printer::scalar(gp::FieldDescriptor::Type type, const gp::EnumDescriptor *enumType, WireReader *in)
{
    uint64_t varint = 0;
    switch (type) {
    case gp::FieldDescriptor::TYPE_DOUBLE: {
        double value = 0;
        if (!in->fixed(&value))
            return false;
        appendFloating(m_out, value);
        return true;
    }
    case gp::FieldDescriptor::TYPE_FLOAT: {
        float value = 0;
        if (!in->fixed(&value))
            return false;
        appendFloating(m_out, value);
        return true;
    }
    case gp::FieldDescriptor::TYPE_FIXED64:
    case gp::FieldDescriptor::TYPE_SFIXED64: {
        uint64_t value = 0;
        if (!in->fixed(&value))
            return false;
        if (type == gp::FieldDescriptor::TYPE_FIXED64)
            appendInteger(m_out, value, true);
        else
            appendInteger(m_out, int64_t(value), true);
        return true;
    }
    case gp::FieldDescriptor::TYPE_FIXED32:
    case gp::FieldDescriptor::TYPE_SFIXED32: {
        uint32_t value = 0;
        if (!in->fixed(&value))
            return false;
        if (type == gp::FieldDescriptor::TYPE_FIXED32)
            appendInteger(m_out, value, false);
        else
            appendInteger(m_out, int32_t(value), false);
        return true;
    }
    case gp::FieldDescriptor::TYPE_STRING:
    case gp::FieldDescriptor::TYPE_BYTES: {
        WireReader bytes;
        if (!in->delimited(&bytes))
            return false;
        const std::string_view text(reinterpret_cast<const char *>(bytes.at), size_t(bytes.end - bytes.at));
        if (type == gp::FieldDescriptor::TYPE_BYTES) {
            appendBase64(m_out, text);
            return true;
        }
        return appendString(m_out, text);
    }
    case gp::FieldDescriptor::TYPE_MESSAGE:
    case gp::FieldDescriptor::TYPE_GROUP:
        return false;
    default:
        break;
    }
    if (!in->varint(&varint))
        return false;
    switch (type) {
    case gp::FieldDescriptor::TYPE_INT64:
        appendInteger(m_out, int64_t(varint), true);
        return true;
    case gp::FieldDescriptor::TYPE_UINT64:
        appendInteger(m_out, varint, true);
        return true;
    case gp::FieldDescriptor::TYPE_SINT64:
        appendInteger(m_out, int64_t(varint >> 1) ^ -int64_t(varint & 1), true);
        return true;
    case gp::FieldDescriptor::TYPE_INT32:
        appendInteger(m_out, int32_t(uint32_t(varint)), false);
        return true;
    case gp::FieldDescriptor::TYPE_UINT32:
        appendInteger(m_out, uint32_t(varint), false);
        return true;
    case gp::FieldDescriptor::TYPE_SINT32: {
        const auto bits = uint32_t(varint);
        appendInteger(m_out, int32_t(bits >> 1) ^ -int32_t(bits & 1), false);
        return true;
    }
    case gp::FieldDescriptor::TYPE_BOOL:
        m_out->append(varint ? "true" : "false");
        return true;
    case gp::FieldDescriptor::TYPE_ENUM: {
        const auto number = int32_t(uint32_t(varint));
        // NullValue prints as null, and a closed enum keeps an unknown number elsewhere.
        if (enumType->full_name() == "google.protobuf.NullValue")
            return false;
        if (const gp::EnumValueDescriptor *named = enumType->FindValueByNumber(number))
            return appendString(m_out, named->name());
        if (enumType->file()->syntax() != gp::FileDescriptor::SYNTAX_PROTO3)
            return false;
        appendInteger(m_out, number, false);
        return true;
    }
    default:
        return false;
    }
}

bool Printer::mapEntries(const gp::FieldDescriptor *field, uint32_t tag, WireReader *in, int depth)
{
    const gp::FieldDescriptor *keyField = field->message_type()->map_key();
    const gp::FieldDescriptor *valueField = field->message_type()->map_value();
    const auto keyTag = uint64_t(1 << 3 | wireTypeOf(keyField));
    const auto valueTag = uint64_t(2 << 3 | wireTypeOf(valueField));
    std::string keyText;
    open('{');
    for (;;) {
        // Only the usual entry: its key, then its value. The converter skips an entry
        // without a value, refuses one with an empty key, and takes them in either order.
        WireReader entry;
        uint64_t entryTag = 0;
        if (!in->delimited(&entry) || !entry.tag(&entryTag) || entryTag != keyTag)
            return false;
        keyText.clear();
        std::swap(*m_out, keyText);
        const bool keyRead = scalar(keyField->type(), nullptr, &entry);
        std::swap(*m_out, keyText);
        if (!keyRead)
            return false;
        // Printed as a JSON value (a string escaped as any other); the key is its text
        // inside the quotes.
        if (keyText.size() >= 2 && keyText.front() == '"')
            keyText = keyText.substr(1, keyText.size() - 2);
        element();
        m_out->push_back('"');
        m_out->append(keyText);
        m_out->append(m_indent ? "\": " : "\":");
        if (!entry.tag(&entryTag) || entryTag != valueTag || !value(valueField, &entry, depth + 1)
            || !entry.atEnd())
            return false;
        if (in->peekTag() != tag)
            break;
        uint64_t same = 0;
        in->tag(&same);
    }
    close('}');
    return true;
}

// Timestamp, Duration and the wrappers: each printed as one JSON value, from a message
// holding exactly its two (or one) fields in order.
bool Printer::wellKnownValue(WellKnown kind, const gp::Descriptor *type, WireReader in)
{
    if (kind == WellKnown::Wrapper) {
        const gp::FieldDescriptor *field = type->FindFieldByNumber(1);
        if (!field)
            return false;
        if (in.atEnd()) {
            // No value on the wire: the converter prints the value type's default.
            switch (field->cpp_type()) {
            case gp::FieldDescriptor::CPPTYPE_STRING:
                m_out->append("\"\"");
                return true;
            case gp::FieldDescriptor::CPPTYPE_BOOL:
                m_out->append("false");
                return true;
            case gp::FieldDescriptor::CPPTYPE_INT64:
            case gp::FieldDescriptor::CPPTYPE_UINT64:
                m_out->append("\"0\"");
                return true;
            default:
                m_out->push_back('0');
                return true;
            }
        }
        uint64_t tag = 0;
        return in.tag(&tag) && tag == uint64_t(1 << 3 | wireTypeOf(field))
            && scalar(field->type(), nullptr, &in) && in.atEnd();
    }
    int64_t seconds = 0;
    int32_t nanos = 0;
    uint64_t tag = 0;
    uint64_t value = 0;
    if (!in.atEnd() && in.peekTag() == (1 << 3 | Varint)) {
        in.tag(&tag);
        if (!in.varint(&value))
            return false;
        seconds = int64_t(value);
    }
    if (!in.atEnd() && in.peekTag() == (2 << 3 | Varint)) {
        in.tag(&tag);
        if (!in.varint(&value))
            return false;
        nanos = int32_t(uint32_t(value));
    }
    if (!in.atEnd() || nanos <= -1000000000 || nanos >= 1000000000)
        return false;
    // A negative duration has both parts negative (or one zero); a timestamp's nanos are
    // never negative. Anything else the converter refuses, with its reason.
    const bool negative = seconds < 0 || nanos < 0;
    if (kind == WellKnown::Timestamp ? nanos < 0 : negative && (seconds > 0 || nanos > 0))
        return false;
    const int32_t absoluteNanos = nanos < 0 ? -nanos : nanos;
    // The fraction in groups of three digits, as many as it needs.
    const auto appendFraction = [&] {
        if (absoluteNanos == 0)
            return;
        m_out->push_back('.');
        if (absoluteNanos % 1000000 == 0)
            appendPadded(m_out, absoluteNanos / 1000000, 3);
        else if (absoluteNanos % 1000 == 0)
            appendPadded(m_out, absoluteNanos / 1000, 6);
        else
            appendPadded(m_out, absoluteNanos, 9);
    };
    if (kind == WellKnown::Duration) {
        if (seconds < -315576000000 || seconds > 315576000000)
            return false;
        m_out->append(negative ? "\"-" : "\"");
        appendPadded(m_out, seconds < 0 ? -seconds : seconds, 1);
        appendFraction();
        m_out->append("s\"");
        return true;
    }
    // 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the range RFC 3339 allows.
    if (seconds < -62135596800 || seconds > 253402300799)
        return false;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    const int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const int64_t secondOfDay = seconds - days * 86400;
    const int64_t shifted = days + 719468;
    const int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
    const int64_t dayOfEra = shifted - era * 146097;
    const int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const int64_t monthIndex = (5 * dayOfYear + 2) / 153;
    const int64_t day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    const int64_t month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    const int64_t year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    m_out->push_back('"');
    appendPadded(m_out, year, 4);
    m_out->push_back('-');
    appendPadded(m_out, month, 2);
    m_out->push_back('-');
    appendPadded(m_out, day, 2);
    m_out->push_back('T');
    appendPadded(m_out, secondOfDay / 3600, 2);
    m_out->push_back(':');
    appendPadded(m_out, secondOfDay / 60 % 60, 2);
    m_out->push_back(':');
    appendPadded(m_out, secondOfDay % 60, 2);
    appendFraction();
    m_out->append("Z\"");
    return true;
}

} // namespace

bool nextCodePoint(std::string_view text, size_t *i, uint32_t *code)
{
    const auto byte = [&](size_t k) { return uint8_t(text[k]); };
    const uint8_t lead = byte(*i);
    int extra = 0;
    uint32_t value = 0;
    if (lead < 0x80) {
        *code = lead;
        ++*i;
        return true;
    } else if ((lead & 0xe0) == 0xc0) {
        extra = 1;
        value = lead & 0x1f;
    } else if ((lead & 0xf0) == 0xe0) {
        extra = 2;
        value = lead & 0x0f;
    } else if ((lead & 0xf8) == 0xf0) {
        extra = 3;
        value = lead & 0x07;
    } else {
        return false;
    }
    if (*i + size_t(extra) >= text.size())
        return false;
    for (int k = 1; k <= extra; ++k) {
        if ((byte(*i + k) & 0xc0) != 0x80)
            return false;
        value = (value << 6) | (byte(*i + k) & 0x3f);
    }
    static constexpr uint32_t smallest[] = {0, 0x80, 0x800, 0x10000};
    if (value < smallest[extra] || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        return false;
    *code = value;
    *i += size_t(extra) + 1;
    return true;
}

bool print(const gp::Descriptor *type, std::string_view wire, bool indent, bool protoNames, std::string *json)
{
    json->clear();
    const auto *bytes = reinterpret_cast<const uint8_t *>(wire.data());
    Printer printer(indent, protoNames, json);
    if (printer.message(type, WireReader {bytes, bytes + wire.size()}, 0))
        return true;
    json->clear();
    return false;
}

} // namespace wirescope::JsonFastPath
