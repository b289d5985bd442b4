#pragma once

#include "model/request/CallEvent.h"

namespace wirescope {

// Metadata as people type and read it: "key: value" lines, with "-bin" values in base64.
namespace MetadataText {

// Parses "key: value"; keys are lower-cased; "-bin" values are decoded from base64.
bool parseLine(const QString &line, MetadataPair *entry, QString *error);
// Checks a key/value pair against what gRPC allows on the wire.
bool validate(const MetadataPair &entry, QString *error);
// The value as shown to a person: base64 for "-bin" keys, the text otherwise.
QString displayValue(const MetadataPair &entry);
QString format(const Metadata &metadata);

} // namespace MetadataText

} // namespace wirescope
