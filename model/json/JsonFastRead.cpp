// JsonFastPath::read: JSON text straight into a message through reflection. It reads the
// strict JSON of RFC 8259 and the plainest form of each value; every other spelling the
// converter takes (or refuses, with its reason) is declined and left to it.
#include "model/json/JsonFastPath.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <QByteArray>

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace gp = google::protobuf;

namespace wirescope::JsonFastPath {

namespace {

// Well inside JsonCodec::MaxNesting (JsonCodec checks the text against it first): deeper
// messages are the converter's.
constexpr int MaxDepth = 60;

// A JSON number as written: its text, and whether it has a fraction or an exponent.
struct Number {
    std::string_view text;
    bool integral = true;
    bool negative = false;
};

bool isWrapper(const gp::Descriptor *type)
{
    static constexpr std::string_view wrappers[]
        = {"google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue"};
    for (const std::string_view wrapper : wrappers) {
        if (type->full_name() == wrapper)
            return true;
    }
    return false;
}

// Types the converter reads in a form of their own (a Timestamp from a string, a Struct from
// any object): not read here. Empty is an ordinary message; the wrappers are handled apart.
bool isSpecial(const gp::Descriptor *type)
{
    return type->full_name().compare(0, 16, "google.protobuf.") == 0
        && type->full_name() != "google.protobuf.Empty" && !isWrapper(type);
}

// Standard base64 with its padding, and nothing but zero in the bits the padding leaves:
// the one spelling that encodes back to itself.
bool decodeBase64(std::string_view text, std::string *bytes)
{
    const QByteArray encoded = QByteArray::fromRawData(text.data(), qsizetype(text.size()));
    const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64() != encoded)
        return false;
    bytes->assign(decoded.decoded.constData(), size_t(decoded.decoded.size()));
    return true;
}

void appendUtf8(std::string *out, uint32_t c)
{
    if (c < 0x80) {
        out->push_back(char(c));
    } else if (c < 0x800) {
        out->push_back(char(0xc0 | c >> 6));
        out->push_back(char(0x80 | (c & 0x3f)));
    } else if (c < 0x10000) {
        out->push_back(char(0xe0 | c >> 12));
        out->push_back(char(0x80 | (c >> 6 & 0x3f)));
        out->push_back(char(0x80 | (c & 0x3f)));
    } else {
        out->push_back(char(0xf0 | c >> 18));
        out->push_back(char(0x80 | (c >> 12 & 0x3f)));
        out->push_back(char(0x80 | (c >> 6 & 0x3f)));
        out->push_back(char(0x80 | (c & 0x3f)));
    }
}

// -?(0|[1-9][0-9]*) but not "-0": an integer as the JSON mapping prints one.
bool plainInteger(std::string_view text)
{
    const size_t sign = !text.empty() && text.front() == '-' ? 1 : 0;
    const std::string_view digits = text.substr(sign);
    if (digits.empty() || (digits.front() == '0' && (digits.size() > 1 || sign)))
        return false;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

template<typename T> bool integerFrom(std::string_view text, T *value)
{
    const auto result = std::from_chars(text.data(), text.data() + text.size(), *value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

class Reader {
public:
    explicit Reader(std::string_view text)
        : m_text(text)
    {
    }

    bool document(gp::Message *message)
    {
        skipSpace();
        if (!object(message, 0))
            return false;
        skipSpace();
        return m_at == m_text.size();
    }

private:
    void skipSpace()
    {
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_at;
        }
    }
    bool take(char c)
    {
        skipSpace();
        if (m_at < m_text.size() && m_text[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    char peek()
    {
        skipSpace();
        return m_at < m_text.size() ? m_text[m_at] : '\0';
    }
    bool literal(std::string_view word)
    {
        skipSpace();
        if (m_text.substr(m_at, word.size()) != word)
            return false;
        m_at += word.size();
        return true;
    }

    bool string(std::string *out);
    bool number(Number *number);
    bool object(gp::Message *message, int depth);
    bool field(gp::Message *message, const gp::FieldDescriptor *field, int depth);
    bool mapEntries(gp::Message *message, const gp::FieldDescriptor *field, int depth);
    bool element(gp::Message *message, const gp::FieldDescriptor *field, int depth);
    bool messageValue(gp::Message *message, int depth);
    bool floating(gp::Message *message, const gp::FieldDescriptor *field);

    std::string_view m_text;
    size_t m_at = 0;
    std::string m_scratch;
};

bool Reader::string(std::string *out)
{
    if (!take('"'))
        return false;
    out->clear();
    while (m_at < m_text.size()) {
        const char c = m_text[m_at];
        if (c == '"') {
            ++m_at;
            return true;
        }
        if (uint8_t(c) < 0x20)
            return false;
        if (uint8_t(c) >= 0x80) {
            const size_t start = m_at;
            uint32_t code = 0;
            if (!nextCodePoint(m_text, &m_at, &code))
                return false;
            out->append(m_text.substr(start, m_at - start));
            continue;
        }
        ++m_at;
        if (c != '\\') {
            out->push_back(c);
            continue;
        }
        if (m_at >= m_text.size())
            return false;
        const char escaped = m_text[m_at++];
        switch (escaped) {
        case '"':
        case '\\':
        case '/':
            out->push_back(escaped);
            continue;
        case 'b':
            out->push_back('\b');
            continue;
        case 'f':
            out->push_back('\f');
            continue;
        case 'n':
            out->push_back('\n');
            continue;
        case 'r':
            out->push_back('\r');
            continue;
        case 't':
            out->push_back('\t');
            continue;
        case 'u':
            break;
        default:
            return false;
        }
        const auto hex4 = [&](uint32_t *unit) {
            if (m_at + 4 > m_text.size())
                return false;
            const auto result = std::from_chars(m_text.data() + m_at, m_text.data() + m_at + 4, *unit, 16);
            if (result.ec != std::errc() || result.ptr != m_text.data() + m_at + 4)
                return false;
            m_at += 4;
            return true;
        };
        uint32_t unit = 0;
        if (!hex4(&unit) || (unit >= 0xdc00 && unit <= 0xdfff))
            return false;
        if (unit >= 0xd800 && unit <= 0xdbff) {
            uint32_t low = 0;
            if (m_text.substr(m_at, 2) != "\\u")
                return false;
            m_at += 2;
            if (!hex4(&low) || low < 0xdc00 || low > 0xdfff)
                return false;
            unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        }
        appendUtf8(out, unit);
    }
    return false;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool Reader::number(Number *number)
{
    skipSpace();
    const size_t start = m_at;
    const auto digits = [&] {
        const size_t from = m_at;
        while (m_at < m_text.size() && m_text[m_at] >= '0' && m_text[m_at] <= '9')
            ++m_at;
        return m_at - from;
    };
    number->negative = m_at < m_text.size() && m_text[m_at] == '-';
    if (number->negative)
        ++m_at;
    const size_t firstDigit = m_at;
    const size_t whole = digits();
    if (whole == 0 || (whole > 1 && m_text[firstDigit] == '0'))
        return false;
    number->integral = true;
    if (m_at < m_text.size() && m_text[m_at] == '.') {
        ++m_at;
        number->integral = false;
        if (digits() == 0)
            return false;
    }
    if (m_at < m_text.size() && (m_text[m_at] == 'e' || m_text[m_at] == 'E')) {
        ++m_at;
        number->integral = false;
        if (m_at < m_text.size() && (m_text[m_at] == '+' || m_text[m_at] == '-'))
            ++m_at;
        if (digits() == 0)
            return false;
    }
    number->text = m_text.substr(start, m_at - start);
    return true;
}

bool Reader::object(gp::Message *message, int depth)
{
    const gp::Descriptor *type = message->GetDescriptor();
    if (depth > MaxDepth || isSpecial(type) || isWrapper(type) || hasRequiredFields(type) || !take('{'))
        return false;
    SeenOnce<const gp::FieldDescriptor *> seenFields;
    SeenOnce<const gp::OneofDescriptor *> seenOneofs;
    if (take('}'))
        return true;
    std::string key;
    do {
        if (!string(&key) || !take(':'))
            return false;
        // The converter looks a key up as a JSON name first, then as a field's own name.
        // The usual JSON name is the camelCase one, found without a look through every field.
        const gp::FieldDescriptor *field = type->FindFieldByCamelcaseName(key);
        if (field && field->json_name() != key)
            field = nullptr;
        for (int i = 0; i < type->field_count() && !field; ++i) {
            if (type->field(i)->json_name() == key)
                field = type->field(i);
        }
        if (const gp::FieldDescriptor *named = type->FindFieldByName(key); named && named != field) {
            if (field)
                return false; // one field's JSON name is another's name: the converter's call
            field = named;
        }
        if (!field)
            return false;
        if (!seenFields.insert(field)
            || (field->containing_oneof() && !seenOneofs.insert(field->containing_oneof())))
            return false;
        if (!this->field(message, field, depth))
            return false;
    } while (take(','));
    return take('}');
}

bool Reader::field(gp::Message *message, const gp::FieldDescriptor *field, int depth)
{
    if (field->type() == gp::FieldDescriptor::TYPE_GROUP)
        return false;
    if (field->is_map())
        return mapEntries(message, field, depth);
    if (!field->is_repeated())
        return element(message, field, depth);
    if (!take('['))
        return false;
    if (take(']'))
        return true;
    do {
        if (!element(message, field, depth))
            return false;
    } while (take(','));
    return take(']');
}

bool Reader::mapEntries(gp::Message *message, const gp::FieldDescriptor *field, int depth)
{
    const gp::Reflection *reflection = message->GetReflection();
    const gp::FieldDescriptor *keyField = field->message_type()->map_key();
    const gp::FieldDescriptor *valueField = field->message_type()->map_value();
    if (!take('{'))
        return false;
    if (take('}'))
        return true;
    SeenOnce<std::string> keys;
    std::string key;
    do {
        if (!string(&key) || !take(':'))
            return false;
        if (!keys.insert(key))
            return false;
        gp::Message *entry = reflection->AddMessage(message, field);
        const gp::Reflection *entryReflection = entry->GetReflection();
        // Keys as the converter reads them: the plain decimal text of an integer, or
        // "true" and "false".
        const bool numeric = keyField->cpp_type() != gp::FieldDescriptor::CPPTYPE_STRING
            && keyField->cpp_type() != gp::FieldDescriptor::CPPTYPE_BOOL;
        if (numeric && !plainInteger(key))
            return false;
        const bool sign = !key.empty() && key.front() == '-';
        switch (keyField->cpp_type()) {
        case gp::FieldDescriptor::CPPTYPE_STRING:
            entryReflection->SetString(entry, keyField, key);
            break;
        case gp::FieldDescriptor::CPPTYPE_BOOL:
            if (key != "true" && key != "false")
                return false;
            entryReflection->SetBool(entry, keyField, key == "true");
            break;
        case gp::FieldDescriptor::CPPTYPE_INT32: {
            int32_t value = 0;
            if (!integerFrom(key, &value))
                return false;
            entryReflection->SetInt32(entry, keyField, value);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_INT64: {
            int64_t value = 0;
            if (!integerFrom(key, &value))
                return false;
            entryReflection->SetInt64(entry, keyField, value);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_UINT32: {
            uint32_t value = 0;
            if (sign || !integerFrom(key, &value))
                return false;
            entryReflection->SetUInt32(entry, keyField, value);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_UINT64: {
            uint64_t value = 0;
            if (sign || !integerFrom(key, &value))
                return false;
            entryReflection->SetUInt64(entry, keyField, value);
            break;
        }
        default:
            return false;
        }
        if (!element(entry, valueField, depth + 1))
            return false;
    } while (take(','));
    return take('}');
}

// One value of a field: the field's own when it is singular, one more element when repeated.
bool Reader::element(gp::Message *message, const gp::FieldDescriptor *field, int depth)
{
    const gp::Reflection *reflection = message->GetReflection();
    const bool repeated = field->is_repeated();
    if (field->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE) {
        gp::Message *inner
            = repeated ? reflection->AddMessage(message, field) : reflection->MutableMessage(message, field);
        return messageValue(inner, depth + 1);
    }
    Number parsed;
    switch (field->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_STRING: {
        if (!string(&m_scratch))
            return false;
        if (field->type() == gp::FieldDescriptor::TYPE_BYTES) {
            std::string bytes;
            if (!decodeBase64(m_scratch, &bytes))
                return false;
            m_scratch.swap(bytes);
        }
        repeated ? reflection->AddString(message, field, m_scratch)
                 : reflection->SetString(message, field, m_scratch);
        return true;
    }
    case gp::FieldDescriptor::CPPTYPE_BOOL: {
        bool value = false;
        if (literal("true"))
            value = true;
        else if (!literal("false"))
            return false;
        repeated ? reflection->AddBool(message, field, value) : reflection->SetBool(message, field, value);
        return true;
    }
    case gp::FieldDescriptor::CPPTYPE_ENUM: {
        const gp::EnumDescriptor *enumType = field->enum_type();
        if (enumType->full_name() == "google.protobuf.NullValue")
            return false;
        const gp::EnumValueDescriptor *value = nullptr;
        if (peek() == '"') {
            if (!string(&m_scratch))
                return false;
            value = enumType->FindValueByName(m_scratch);
        } else {
            int32_t number = 0;
            if (!this->number(&parsed) || !plainInteger(parsed.text) || !integerFrom(parsed.text, &number))
                return false;
            value = enumType->FindValueByNumber(number);
            // An open enum keeps a number it does not name.
            if (!value && enumType->file()->syntax() == gp::FileDescriptor::SYNTAX_PROTO3) {
                repeated ? reflection->AddEnumValue(message, field, number)
                         : reflection->SetEnumValue(message, field, number);
                return true;
            }
        }
        if (!value)
            return false;
        repeated ? reflection->AddEnum(message, field, value) : reflection->SetEnum(message, field, value);
        return true;
    }
    case gp::FieldDescriptor::CPPTYPE_INT64:
    case gp::FieldDescriptor::CPPTYPE_UINT64: {
        // Either a plain integer or one quoted, as the JSON mapping prints them.
        std::string_view text;
        if (peek() == '"') {
            if (!string(&m_scratch) || !plainInteger(m_scratch))
                return false;
            text = m_scratch;
            parsed.negative = text.front() == '-';
        } else if (!number(&parsed)) {
            return false;
        } else {
            text = parsed.text;
        }
        if (!plainInteger(text))
            return false;
        if (field->cpp_type() == gp::FieldDescriptor::CPPTYPE_INT64) {
            int64_t value = 0;
            if (!integerFrom(text, &value))
                return false;
            repeated ? reflection->AddInt64(message, field, value)
                     : reflection->SetInt64(message, field, value);
        } else {
            uint64_t value = 0;
            if (parsed.negative || !integerFrom(text, &value))
                return false;
            repeated ? reflection->AddUInt64(message, field, value)
                     : reflection->SetUInt64(message, field, value);
        }
        return true;
    }
    default:
        break;
    }
    if (field->cpp_type() == gp::FieldDescriptor::CPPTYPE_DOUBLE
        || field->cpp_type() == gp::FieldDescriptor::CPPTYPE_FLOAT)
        return floating(message, field);
    if (!number(&parsed))
        return false;
    switch (field->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_INT32: {
        int32_t value = 0;
        if (!plainInteger(parsed.text) || !integerFrom(parsed.text, &value))
            return false;
        repeated ? reflection->AddInt32(message, field, value) : reflection->SetInt32(message, field, value);
        return true;
    }
    case gp::FieldDescriptor::CPPTYPE_UINT32: {
        uint32_t value = 0;
        if (!plainInteger(parsed.text) || parsed.negative || !integerFrom(parsed.text, &value))
            return false;
        repeated ? reflection->AddUInt32(message, field, value)
                 : reflection->SetUInt32(message, field, value);
        return true;
    }
    default:
        return false;
    }
}

// A double or a float: a number, or "NaN", "Infinity" or "-Infinity" as the mapping prints
// them. The converter keeps a number without fraction or exponent as an integer and
// refuses to convert one that the field's type cannot hold exactly; a "-0" so read is +0.
bool Reader::floating(gp::Message *message, const gp::FieldDescriptor *field)
{
    const bool isFloat = field->cpp_type() == gp::FieldDescriptor::CPPTYPE_FLOAT;
    double value = 0;
    Number parsed;
    if (peek() == '"') {
        if (!string(&m_scratch))
            return false;
        if (m_scratch == "NaN")
            value = std::numeric_limits<double>::quiet_NaN();
        else if (m_scratch == "Infinity" || m_scratch == "-Infinity")
            value = m_scratch.front() == '-' ? -std::numeric_limits<double>::infinity()
                                             : std::numeric_limits<double>::infinity();
        else
            return false;
    } else if (!number(&parsed)) {
        return false;
    } else if (parsed.integral) {
        // Exact when the integer converts to the field's type and back unchanged; the
        // bounds keep the conversion back defined.
        int64_t integer = 0;
        if (!integerFrom(parsed.text, &integer) || integer < -(int64_t(1) << 62)
            || integer > int64_t(1) << 62)
            return false;
        value = isFloat ? double(float(integer)) : double(integer);
        if (int64_t(value) != integer)
            return false;
        value = double(integer) + 0.0;
    } else {
        const auto result
            = std::from_chars(parsed.text.data(), parsed.text.data() + parsed.text.size(), value);
        if (result.ec != std::errc() || result.ptr != parsed.text.data() + parsed.text.size())
            return false;
        // Past the largest float by less than half its last step rounds to it, which is
        // how the mapping prints the largest float (3.40282347e+38); beyond that, the
        // converter's range error.
        constexpr double floatLimit = 3.4028235677973366e+38;
        if (isFloat && (value >= floatLimit || value <= -floatLimit))
            return false;
    }
    const gp::Reflection *reflection = message->GetReflection();
    if (isFloat) {
        const auto narrow = float(value);
        field->is_repeated() ? reflection->AddFloat(message, field, narrow)
                             : reflection->SetFloat(message, field, narrow);
    } else {
        field->is_repeated() ? reflection->AddDouble(message, field, value)
                             : reflection->SetDouble(message, field, value);
    }
    return true;
}

// A message field's value: an object, or a wrapper's bare value.
bool Reader::messageValue(gp::Message *message, int depth)
{
    const gp::Descriptor *type = message->GetDescriptor();
    if (depth > MaxDepth || isSpecial(type))
        return false;
    if (isWrapper(type)) {
        const char next = peek();
        if (next == '{' || next == 'n' || next == '[')
            return false;
        return element(message, type->FindFieldByNumber(1), depth);
    }
    return object(message, depth);
}

} // namespace

bool hasRequiredFields(const gp::Descriptor *type)
{
    if (type->file()->syntax() == gp::FileDescriptor::SYNTAX_PROTO3)
        return false;
    for (int i = 0; i < type->field_count(); ++i) {
        if (type->field(i)->is_required())
            return true;
    }
    return false;
}

bool read(std::string_view json, gp::Message *message)
{
    Reader reader(json);
    return reader.document(message);
}

} // namespace wirescope::JsonFastPath
