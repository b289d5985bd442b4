#pragma once

#include "model/schema/Schema.h"

#include <QByteArray>

namespace wirescope {

// Why a JSON body does not fit its message type, and where.
struct JsonError {
    QString path; // e.g. "items[2].price"; empty when the problem is the whole document
    QString message; // why
    int line = 0; // 1-based, for syntax errors
    int column = 0;

    QString toString() const;
};

struct JsonStyle {
    bool indent = true;
    bool includeDefaults = false; // print fields that hold their default value
    bool protoFieldNames = false; // snake_case names instead of the canonical lowerCamelCase
};

// Converts between the canonical proto3 JSON mapping and protobuf's binary wire format for
// any message type in a schema: Any (resolved in the schema), Struct/Value, wrappers,
// Timestamp, Duration, FieldMask, int64 as strings, bytes as base64, enums by name or number.
// Safe to use from any thread.
namespace JsonCodec {

bool toBinary(const Schema &schema, const google::protobuf::Descriptor *type, const QByteArray &json,
    QByteArray *binary, JsonError *error);

bool toJson(const Schema &schema, const google::protobuf::Descriptor *type, const QByteArray &binary,
    QByteArray *json, const JsonStyle &style, QString *error);

} // namespace JsonCodec

} // namespace wirescope
