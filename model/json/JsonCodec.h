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

// The same conversions by protobuf's converter alone. toBinary and toJson take a faster way
// (JsonFastPath) for the usual message and fall back on these for the rest; they are the
// reference that way is tested against.
bool toBinaryByConverter(const Schema &schema, const google::protobuf::Descriptor *type,
    const QByteArray &json, QByteArray *binary, JsonError *error);
bool toJsonByConverter(const Schema &schema, const google::protobuf::Descriptor *type,
    const QByteArray &binary, QByteArray *json, const JsonStyle &style, QString *error);

// toBinary refuses JSON whose objects and arrays nest deeper than this, before protobuf's
// converter (quadratic in nesting inside google.protobuf.Value) sees it.
constexpr int MaxNesting = 100;
// How deep the JSON's arrays and objects nest (strings skipped), stopping at the first
// bracket past `limit`, whose offset goes to *tooDeepAt when given. A linear scan.
int nestingDepth(const QByteArray &json, int limit = MaxNesting, qsizetype *tooDeepAt = nullptr);

} // namespace JsonCodec

} // namespace wirescope
