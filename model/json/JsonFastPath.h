#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

namespace google::protobuf {
class Descriptor;
class Message;
} // namespace google::protobuf

namespace wirescope {

// JsonCodec's fast path: the proto3 JSON mapping written and read straight from descriptors,
// without protobuf's type resolver and stream converter (which build a google.protobuf.Type
// and a chain of writers per call; most of a unary call's time on the window's thread).
//
// Each function handles the ordinary case and declines anything else by returning false:
// JsonCodec then asks protobuf's converter, which stays the reference for odd input and the
// source of every error message. What a function accepts, it converts exactly as protobuf
// 3.21 does: the JsonFastPath tests and the json_fast_path fuzz target compare the two.
namespace JsonFastPath {

// One UTF-8 sequence at text[*i]: its code point, and *i past it. False on anything
// malformed (overlong forms, surrogates, past U+10FFFF, cut short), which both sides
// leave to the converter.
bool nextCodePoint(std::string_view text, size_t *i, uint32_t *code);

// Whether `type` has proto2 required fields, which both sides leave to the converter (it
// refuses a message missing one). Proto3 types have none and are not looked through.
bool hasRequiredFields(const google::protobuf::Descriptor *type);

// The fields or keys met so far in one object: a short list looked through while it is
// short (the usual message), a hash set once it is not (a map of 10^5 entries).
template<typename T> class SeenOnce {
public:
    // False when `value` was met before.
    bool insert(const T &value)
    {
        if (m_set.empty()) {
            for (size_t i = 0; i < m_count; ++i) {
                if (m_list[i] == value)
                    return false;
            }
            if (m_count < m_list.size()) {
                m_list[m_count++] = value;
                return true;
            }
            m_set.insert(m_list.begin(), m_list.end());
        }
        return m_set.insert(value).second;
    }

private:
    std::array<T, 16> m_list {};
    size_t m_count = 0;
    std::unordered_set<T> m_set;
};

// Prints wire bytes of `type` as the converter does (fields in wire order, names as given,
// indented by two spaces or compact), leaving out no field. Declines, among others: unknown
// fields, a field met twice, groups, invalid UTF-8, messages nested past 60 levels, types
// with required fields, and Any, Struct, Value, ListValue and FieldMask anywhere inside.
bool print(const google::protobuf::Descriptor *type, std::string_view wire, bool indent, bool protoNames,
    std::string *json);

// Reads a JSON object into `message` (empty, of the type to read), as the converter and a
// re-encode would. Declines, among others: JSON outside RFC 8259, a key that names no field
// or names one twice, two members of a oneof, null, numbers in any but their plain form,
// strings for numbers other than 64-bit integers, enum values by unknown name, and every
// well-known type but the wrappers and Empty.
bool read(std::string_view json, google::protobuf::Message *message);

// Writes the wire bytes of the JSON object `read` would take for `type`, without a message in
// between: the bytes protobuf serializes that message to. Declines what `read` declines, and
// maps too (their order on the wire is the message's own) and a map's entry type read on its
// own, setting *mapMet when one of those was the reason, so that JsonCodec asks `read`.
bool encode(const google::protobuf::Descriptor *type, std::string_view json, std::string *wire,
    bool *mapMet = nullptr);

} // namespace JsonFastPath

} // namespace wirescope
