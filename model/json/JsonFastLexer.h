#pragma once

// What JsonFastPath's two readers share (JsonFastRead.cpp fills a message through reflection,
// JsonFastEncode.cpp writes wire bytes): the strict JSON of RFC 8259, one value of a scalar
// field in its plainest spelling, and how a key names a field. Private to model/json.

#include "model/json/JsonFastPath.h"

#include <google/protobuf/descriptor.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace wirescope::JsonFastPath {

// Well inside JsonCodec::MaxNesting (JsonCodec checks the text against it first): deeper
// messages are the converter's.
constexpr int MaxReadDepth = 60;

// A JSON number as written: its text, and whether it has a fraction or an exponent.
struct Number {
    std::string_view text;
    bool integral = true;
    bool negative = false;
};

// One value of a scalar field as read, in the member its C++ type uses.
struct Scalar {
    int64_t integer = 0; // int32, int64, enum numbers and bool
    uint64_t unsignedInteger = 0; // uint32, uint64
    double real = 0; // double
    float single = 0; // float
    std::string text; // string, and bytes decoded from base64
};

bool isWrapper(const google::protobuf::Descriptor *type);

// -?(0|[1-9][0-9]*) but not "-0": an integer as the JSON mapping prints one.
bool plainInteger(std::string_view text);

template<typename T> bool integerFrom(std::string_view text, T *value)
{
    const auto result = std::from_chars(text.data(), text.data() + text.size(), *value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

// Types the converter reads in a form of their own (a Timestamp from a string, a Struct from
// any object): not read here. Empty is an ordinary message; the wrappers are handled apart.
bool isSpecial(const google::protobuf::Descriptor *type);

class Lexer {
public:
    explicit Lexer(std::string_view text)
        : m_text(text)
    {
    }

protected:
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
    bool atEnd()
    {
        skipSpace();
        return m_at == m_text.size();
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

    // One value of a scalar (not message) field, as the converter reads it.
    bool scalar(const google::protobuf::FieldDescriptor *field, Scalar *value);

    // The members of an object of `type`, each handed to each(field) once the key and its
    // colon are read; false on a key that names no field or a field already met, two members
    // of one oneof, or a type read in a form of its own.
    template<typename Each> bool members(const google::protobuf::Descriptor *type, int depth, Each each)
    {
        if (depth > MaxReadDepth || isSpecial(type) || isWrapper(type) || hasRequiredFields(type)
            || !take('{'))
            return false;
        if (take('}'))
            return true;
        SeenOnce<const google::protobuf::FieldDescriptor *> seenFields;
        SeenOnce<const google::protobuf::OneofDescriptor *> seenOneofs;
        int next = 0; // where the key after the last is likely declared
        do {
            if (!string(&m_key) || !take(':'))
                return false;
            const google::protobuf::FieldDescriptor *field = fieldNamed(type, m_key, next);
            if (field)
                next = field->index() + 1;
            if (!field || !seenFields.insert(field)
                || (field->containing_oneof() && !seenOneofs.insert(field->containing_oneof())))
                return false;
            if (!each(field))
                return false;
        } while (take(','));
        return take('}');
    }

    // The elements of a JSON array, each handed to each().
    template<typename Each> bool elements(Each each)
    {
        if (!take('['))
            return false;
        if (take(']'))
            return true;
        do {
            if (!each())
                return false;
        } while (take(','));
        return take(']');
    }

private:
    // The field a key names, as the converter finds it; `likely` is the index to try first
    // (keys mostly come in the order their fields are declared).
    static const google::protobuf::FieldDescriptor *fieldNamed(
        const google::protobuf::Descriptor *type, const std::string &key, int likely);
    bool floating(const google::protobuf::FieldDescriptor *field, Scalar *value);

    std::string_view m_text;
    size_t m_at = 0;
    std::string m_key;
};

} // namespace wirescope::JsonFastPath
