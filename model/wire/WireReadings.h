#pragma once

#include "model/wire/WireSpan.h"

namespace wirescope {

// Without a schema a length-delimited value may be text, a nested message, a packed array
// or plain bytes, and the bytes alone often allow more than one. These functions list
// every reading that is valid, each with the evidence for it, likeliest first, instead of
// silently guessing.
namespace WireReadings {

// Readings of data[pos, pos + length), a value nested `depth` levels deep. A message
// reading is only tried below maxDepth, and spends the annotation's field budget (null: no
// limit; see WireDecoder::setFieldBudget); packed readings get element spans when short.
QList<WireReading> read(const char *data, qint64 pos, qint64 length, int depth, int maxDepth, int fieldNumber,
    qint64 *fieldsLeft = nullptr);

QString kindName(WireReading::Kind kind);

} // namespace WireReadings

} // namespace wirescope
