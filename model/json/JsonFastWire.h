#pragma once

// The wire types JsonFastPath prints from and encodes to. Private to model/json.

#include <google/protobuf/descriptor.h>

#include <cstdint>

namespace wirescope::JsonFastPath {

enum WireType : uint32_t { Varint = 0, Fixed64 = 1, Delimited = 2, Fixed32 = 5 };

// The wire type a field's values travel as, one by one (not packed). Groups, which both sides
// leave to the converter, count as delimited.
inline WireType wireTypeOf(const google::protobuf::FieldDescriptor *field)
{
    using Field = google::protobuf::FieldDescriptor;
    switch (field->type()) {
    case Field::TYPE_DOUBLE:
    case Field::TYPE_FIXED64:
    case Field::TYPE_SFIXED64:
        return Fixed64;
    case Field::TYPE_FLOAT:
    case Field::TYPE_FIXED32:
    case Field::TYPE_SFIXED32:
        return Fixed32;
    case Field::TYPE_STRING:
    case Field::TYPE_BYTES:
    case Field::TYPE_MESSAGE:
    case Field::TYPE_GROUP:
        return Delimited;
    default:
        return Varint;
    }
}

} // namespace wirescope::JsonFastPath
