#pragma once

#include "model/schema/Schema.h"
#include "model/wire/WireSpan.h"

namespace wirescope {

// One field of a message in both forms: where its "name": value is in the JSON text and
// where its bytes (tag, length and value) are in the binary encoding.
struct JsonByteLink {
    int jsonOffset = 0; // QString index of the field's name (its opening quote)
    int jsonLength = 0; // up to the end of its value
    qint64 byteOffset = 0;
    qint64 byteLength = 0; // the Field span; for a packed array, the whole field
    QString path; // "items[1].name", as JsonPath writes paths
    int depth = 0; // 0 for top-level fields
};

// A message's JSON text beside its bytes, each field's JSON linked to its byte span.
struct JsonByteView {
    QString json; // the JSON mapping, indented as the request editor shows it
    QList<JsonByteLink> links; // in JSON text order, nested fields after their parent
    QString error; // when the bytes do not parse as the type

    int jsonBytes() const; // UTF-8 size of json, compact (what it costs on the wire)
};

namespace JsonByteLinks {

// Prints the bytes as JSON (JsonCodec) and links every field, nested ones and repeated
// elements too, to its span in `tree` (the same bytes annotated with `type`).
JsonByteView build(const Schema &schema, const google::protobuf::Descriptor *type, const WireTree &tree);

// The innermost link holding a JSON position or a byte; -1 when none does.
int linkAtJson(const JsonByteView &view, int jsonOffset);
int linkAtByte(const JsonByteView &view, qint64 byteOffset);

} // namespace JsonByteLinks

} // namespace wirescope
