#pragma once

#include "model/frames/PayloadSizer.h"

namespace google::protobuf {
class Message;
}

namespace wirescope::PayloadSizer {

// The per-field sizes of a parsed message, as FieldSize describes them, each with a note on
// where its two encodings differ. `punctuation` gets the braces and commas of the message's
// own JSON object, so the fields' JSON bytes plus it make the compact JSON's size.
QList<FieldSize> breakdown(
    const Schema &schema, const google::protobuf::Message &message, qint64 *punctuation);

} // namespace wirescope::PayloadSizer
