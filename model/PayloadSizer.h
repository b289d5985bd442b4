#pragma once

#include "model/Schema.h"

#include <QByteArray>
#include <QList>

namespace wirescope {

// What one field costs in each encoding. Binary bytes are tag + length prefix + value for
// every occurrence; JSON bytes are its "key": part plus its value text in compact JSON.
struct FieldSize {
    QString name; // the JSON name, e.g. "items"
    int number = 0; // field number; 0 for unknown fields taken together
    qint64 binaryTag = 0;
    qint64 binaryLength = 0; // length prefixes (strings, bytes, messages, packed arrays)
    qint64 binaryValue = 0;
    qint64 jsonKey = 0; // "name":
    qint64 jsonValue = 0; // the value text
    QList<FieldSize> children; // for message fields (one level per nesting, first element of repeats)

    qint64 binary() const { return binaryTag + binaryLength + binaryValue; }
    qint64 json() const { return jsonKey + jsonValue; }
};

// The sizes of one message in binary and canonical JSON, compact and pretty, each also
// gzip-compressed, plus the per-field breakdown. The fields' binary bytes add up exactly to
// `binary`; their JSON bytes plus `jsonPunctuation` (braces and commas) add up exactly to
// `jsonCompact`.
struct PayloadSizes {
    bool valid = false;
    QString error;
    qint64 binary = 0;
    qint64 jsonCompact = 0;
    qint64 jsonPretty = 0;
    qint64 binaryGzip = 0;
    qint64 jsonCompactGzip = 0;
    qint64 jsonPrettyGzip = 0;
    qint64 jsonPunctuation = 0;
    QList<FieldSize> fields;

    // JSON compact bytes per binary byte; > 1 means JSON is bigger.
    double ratio() const { return binary > 0 ? double(jsonCompact) / double(binary) : 0.0; }
};

namespace PayloadSizer {

PayloadSizes measure(
    const Schema &schema, const google::protobuf::Descriptor *type, const QByteArray &binary);
// Only the two headline numbers, cheap enough for every message of a long stream.
bool quickSizes(const Schema &schema, const google::protobuf::Descriptor *type, const QByteArray &binary,
    qint64 *jsonCompact);
qint64 gzipSize(const QByteArray &data);

} // namespace PayloadSizer

} // namespace wirescope
