// JsonFastPath::encode: JSON text straight to wire bytes, with no message in between. The
// bytes are those protobuf writes for the message JsonFastPath::read fills from the same
// text (fields in number order, packed lists packed, defaults of fields without presence
// left out), so the two ways agree byte for byte; the JsonFastPath tests compare them.
#include "model/json/JsonFastLexer.h"
#include "model/json/JsonFastWire.h"

#include <google/protobuf/descriptor.pb.h>

#include <algorithm>
#include <cstring>

namespace gp = google::protobuf;

namespace wirescope::JsonFastPath {

namespace {

void appendVarint(std::string *out, uint64_t value)
{
    while (value >= 0x80) {
        out->push_back(char(value | 0x80));
        value >>= 7;
    }
    out->push_back(char(value));
}

void appendTag(std::string *out, int number, WireType type)
{
    appendVarint(out, (uint64_t(uint32_t(number)) << 3) | type);
}

template<typename T> void appendLittleEndian(std::string *out, T value)
{
    static_assert(std::is_integral_v<T> && std::is_unsigned_v<T>);
    for (size_t i = 0; i < sizeof(T); ++i)
        out->push_back(char(uint8_t(value >> (8 * i))));
}

void appendDelimited(std::string *out, int number, std::string_view bytes)
{
    appendTag(out, number, Delimited);
    appendVarint(out, bytes.size());
    out->append(bytes);
}

// A scalar's value as its declared type encodes it, without a tag.
void appendValue(std::string *out, gp::FieldDescriptor::Type type, const Scalar &value)
{
    switch (type) {
    case gp::FieldDescriptor::TYPE_DOUBLE: {
        uint64_t bits = 0;
        std::memcpy(&bits, &value.real, sizeof bits);
        appendLittleEndian(out, bits);
        return;
    }
    case gp::FieldDescriptor::TYPE_FLOAT: {
        uint32_t bits = 0;
        std::memcpy(&bits, &value.single, sizeof bits);
        appendLittleEndian(out, bits);
        return;
    }
    case gp::FieldDescriptor::TYPE_FIXED64:
        appendLittleEndian(out, value.unsignedInteger);
        return;
    case gp::FieldDescriptor::TYPE_SFIXED64:
        appendLittleEndian(out, uint64_t(value.integer));
        return;
    case gp::FieldDescriptor::TYPE_FIXED32:
        appendLittleEndian(out, uint32_t(value.unsignedInteger));
        return;
    case gp::FieldDescriptor::TYPE_SFIXED32:
        appendLittleEndian(out, uint32_t(value.integer));
        return;
    case gp::FieldDescriptor::TYPE_UINT32:
    case gp::FieldDescriptor::TYPE_UINT64:
        appendVarint(out, value.unsignedInteger);
        return;
    case gp::FieldDescriptor::TYPE_SINT32: {
        const auto n = int32_t(value.integer);
        appendVarint(out, (uint32_t(n) << 1) ^ uint32_t(n >> 31));
        return;
    }
    case gp::FieldDescriptor::TYPE_SINT64:
        appendVarint(out, (uint64_t(value.integer) << 1) ^ uint64_t(value.integer >> 63));
        return;
    case gp::FieldDescriptor::TYPE_STRING:
    case gp::FieldDescriptor::TYPE_BYTES:
        appendVarint(out, value.text.size());
        out->append(value.text);
        return;
    default: // int32 and enums sign-extended to ten bytes when negative, int64, bool
        appendVarint(out, uint64_t(value.integer));
        return;
    }
}

// Whether a field without presence holds its default, which protobuf leaves off the wire. A
// floating-point zero counts only with its sign bit clear: -0.0 is written.
bool isDefault(const gp::FieldDescriptor *field, const Scalar &value)
{
    switch (field->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_STRING:
        return value.text.empty();
    case gp::FieldDescriptor::CPPTYPE_UINT32:
    case gp::FieldDescriptor::CPPTYPE_UINT64:
        return value.unsignedInteger == 0;
    case gp::FieldDescriptor::CPPTYPE_DOUBLE: {
        uint64_t bits = 0;
        std::memcpy(&bits, &value.real, sizeof bits);
        return bits == 0;
    }
    case gp::FieldDescriptor::CPPTYPE_FLOAT: {
        uint32_t bits = 0;
        std::memcpy(&bits, &value.single, sizeof bits);
        return bits == 0;
    }
    default:
        return value.integer == 0;
    }
}

class Encoder : Lexer {
public:
    using Lexer::Lexer;

    // False with *mapMet set when a map (or a map's entry type) was the reason:
    // JsonFastPath::read takes those.
    bool document(const gp::Descriptor *type, std::string *wire, bool *mapMet)
    {
        const bool encoded = object(type, 0, wire) && atEnd();
        if (mapMet)
            *mapMet = m_mapMet;
        return encoded;
    }

private:
    // Where one field's bytes are in an object's buffer.
    struct Span {
        int number;
        size_t begin;
        size_t end;
    };

    bool object(const gp::Descriptor *type, int depth, std::string *out);
    bool field(const gp::FieldDescriptor *field, int depth, std::string *out);
    bool message(const gp::Descriptor *type, int depth, std::string *out);

    Scalar m_value;
    bool m_mapMet = false;
};

// The members in the order written, then copied out in field-number order when that differs.
bool Encoder::object(const gp::Descriptor *type, int depth, std::string *out)
{
    // A map's entry type read on its own: protobuf writes an entry's key and value even when
    // they hold their defaults, as read's message does.
    if (type->options().map_entry()) {
        m_mapMet = true;
        return false;
    }
    std::string fields;
    std::vector<Span> spans;
    bool ordered = true;
    const bool read = members(type, depth, [&](const gp::FieldDescriptor *field) {
        const size_t begin = fields.size();
        if (!this->field(field, depth, &fields))
            return false;
        if (!spans.empty() && spans.back().number > field->number())
            ordered = false;
        spans.push_back({field->number(), begin, fields.size()});
        return true;
    });
    if (!read)
        return false;
    if (ordered) {
        out->append(fields);
        return true;
    }
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.number < b.number; });
    for (const Span &span : spans)
        out->append(fields, span.begin, span.end - span.begin);
    return true;
}

bool Encoder::field(const gp::FieldDescriptor *field, int depth, std::string *out)
{
    if (field->type() == gp::FieldDescriptor::TYPE_GROUP)
        return false;
    if (field->is_map()) {
        m_mapMet = true;
        return false;
    }
    const int number = field->number();
    if (field->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE) {
        const gp::Descriptor *type = field->message_type();
        std::string inner;
        const auto one = [&] {
            inner.clear();
            if (!message(type, depth + 1, &inner))
                return false;
            appendDelimited(out, number, inner);
            return true;
        };
        return field->is_repeated() ? elements(one) : one();
    }
    if (!field->is_repeated()) {
        if (!scalar(field, &m_value))
            return false;
        if (field->has_presence() || !isDefault(field, m_value)) {
            appendTag(out, number, wireTypeOf(field));
            appendValue(out, field->type(), m_value);
        }
        return true;
    }
    if (!field->is_packed()) {
        return elements([&] {
            if (!scalar(field, &m_value))
                return false;
            appendTag(out, number, wireTypeOf(field));
            appendValue(out, field->type(), m_value);
            return true;
        });
    }
    std::string packed;
    const bool read = elements([&] {
        if (!scalar(field, &m_value))
            return false;
        appendValue(&packed, field->type(), m_value);
        return true;
    });
    if (read && !packed.empty())
        appendDelimited(out, number, packed);
    return read;
}

// A message field's value: an object, or a wrapper's bare value (its one field, left off
// when it holds the default, as in any proto3 message).
bool Encoder::message(const gp::Descriptor *type, int depth, std::string *out)
{
    if (depth > MaxReadDepth || isSpecial(type))
        return false;
    if (!isWrapper(type))
        return object(type, depth, out);
    const char next = peek();
    if (next == '{' || next == 'n' || next == '[')
        return false;
    return field(type->FindFieldByNumber(1), depth, out);
}

} // namespace

bool encode(const gp::Descriptor *type, std::string_view json, std::string *wire, bool *mapMet)
{
    Encoder encoder(json);
    wire->clear();
    return encoder.document(type, wire, mapMet);
}

} // namespace wirescope::JsonFastPath
