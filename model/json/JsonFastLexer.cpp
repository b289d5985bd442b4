// The JSON both fast readers take: RFC 8259's, each value in the plainest spelling the
// converter reads it in (see JsonFastLexer.h).
#include "model/json/JsonFastLexer.h"

#include <QByteArray>

#include <charconv>
#include <limits>

namespace gp = google::protobuf;

namespace wirescope::JsonFastPath {

namespace {

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

} // namespace

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

bool Lexer::string(std::string *out)
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
bool Lexer::number(Number *number)
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

// One value of a scalar field: each type in the spelling the mapping prints it in, and the
// few others the converter reads the same way (a 64-bit integer unquoted, an enum by number).
bool Lexer::scalar(const gp::FieldDescriptor *field, Scalar *value)
{
    Number parsed;
    switch (field->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_STRING: {
        if (!string(&value->text))
            return false;
        if (field->type() == gp::FieldDescriptor::TYPE_BYTES) {
            std::string bytes;
            if (!decodeBase64(value->text, &bytes))
                return false;
            value->text.swap(bytes);
        }
        return true;
    }
    case gp::FieldDescriptor::CPPTYPE_BOOL:
        if (literal("true"))
            value->integer = 1;
        else if (literal("false"))
            value->integer = 0;
        else
            return false;
        return true;
    case gp::FieldDescriptor::CPPTYPE_ENUM: {
        const gp::EnumDescriptor *enumType = field->enum_type();
        if (enumType->full_name() == "google.protobuf.NullValue")
            return false;
        const gp::EnumValueDescriptor *named = nullptr;
        if (peek() == '"') {
            if (!string(&value->text))
                return false;
            named = enumType->FindValueByName(value->text);
        } else {
            int32_t number = 0;
            if (!this->number(&parsed) || !plainInteger(parsed.text) || !integerFrom(parsed.text, &number))
                return false;
            named = enumType->FindValueByNumber(number);
            // A field of a proto3 message keeps a number its enum does not name. Reflection
            // asks the field's file, not the enum's: a proto2 message files the number among
            // its unknown fields (written last), which is the converter's to do.
            if (!named && field->file()->syntax() == gp::FileDescriptor::SYNTAX_PROTO3) {
                value->integer = number;
                return true;
            }
        }
        if (!named)
            return false;
        value->integer = named->number();
        return true;
    }
    case gp::FieldDescriptor::CPPTYPE_INT64:
    case gp::FieldDescriptor::CPPTYPE_UINT64: {
        // Either a plain integer or one quoted, as the JSON mapping prints them.
        std::string_view text;
        if (peek() == '"') {
            if (!string(&value->text) || !plainInteger(value->text))
                return false;
            text = value->text;
            parsed.negative = text.front() == '-';
        } else if (!number(&parsed)) {
            return false;
        } else {
            text = parsed.text;
        }
        if (!plainInteger(text))
            return false;
        if (field->cpp_type() == gp::FieldDescriptor::CPPTYPE_INT64)
            return integerFrom(text, &value->integer);
        return !parsed.negative && integerFrom(text, &value->unsignedInteger);
    }
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
    case gp::FieldDescriptor::CPPTYPE_FLOAT:
        return floating(field, value);
    case gp::FieldDescriptor::CPPTYPE_INT32: {
        int32_t number = 0;
        if (!this->number(&parsed) || !plainInteger(parsed.text) || !integerFrom(parsed.text, &number))
            return false;
        value->integer = number;
        return true;
    }
    case gp::FieldDescriptor::CPPTYPE_UINT32: {
        uint32_t number = 0;
        if (!this->number(&parsed) || !plainInteger(parsed.text) || parsed.negative
            || !integerFrom(parsed.text, &number))
            return false;
        value->unsignedInteger = number;
        return true;
    }
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
        break;
    }
    return false;
}
// A double or a float: a number, or "NaN", "Infinity" or "-Infinity" as the mapping prints
// them. The converter keeps a number without fraction or exponent as an integer and
// refuses to convert one that the field's type cannot hold exactly; a "-0" so read is +0.
bool Lexer::floating(const gp::FieldDescriptor *field, Scalar *scalar)
{
    const bool isFloat = field->cpp_type() == gp::FieldDescriptor::CPPTYPE_FLOAT;
    double value = 0;
    Number parsed;
    if (peek() == '"') {
        if (!string(&scalar->text))
            return false;
        if (scalar->text == "NaN")
            value = std::numeric_limits<double>::quiet_NaN();
        else if (scalar->text == "Infinity" || scalar->text == "-Infinity")
            value = scalar->text.front() == '-' ? -std::numeric_limits<double>::infinity()
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
    if (isFloat)
        scalar->single = float(value);
    else
        scalar->real = value;
    return true;
}

const gp::FieldDescriptor *Lexer::fieldNamed(const gp::Descriptor *type, const std::string &key, int likely)
{
    // The converter looks a key up as a JSON name first, then as a field's own name. The
    // usual JSON name is the camelCase one, found without a look through every field. Proto3
    // refuses two fields with one camelCase name, so there the field declared where the key
    // is likely, with the key for both names, is the one that look-up finds.
    const gp::FieldDescriptor *field = nullptr;
    if (likely < type->field_count() && type->file()->syntax() == gp::FileDescriptor::SYNTAX_PROTO3) {
        const gp::FieldDescriptor *there = type->field(likely);
        if (there->camelcase_name() == key && there->json_name() == key)
            field = there;
    }
    if (!field) {
        field = type->FindFieldByCamelcaseName(key);
        if (field && field->json_name() != key)
            field = nullptr;
    }
    for (int i = 0; i < type->field_count() && !field; ++i) {
        if (type->field(i)->json_name() == key)
            field = type->field(i);
    }
    // A field's JSON name that is its own name too names no other field (names are unique).
    if (field && field->name() == key)
        return field;
    if (const gp::FieldDescriptor *named = type->FindFieldByName(key); named && named != field)
        return field ? nullptr : named; // one field's JSON name is another's name: the converter's call
    return field;
}

} // namespace wirescope::JsonFastPath
