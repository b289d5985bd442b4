#pragma once

#include "model/wire/WireSpan.h"

namespace wirescope {

// Short display text for decoded wire values: numbers by their encoding, quoted and
// escaped string previews, hex previews. Shared by the annotator and the text dump.
namespace WireText {

constexpr int kPreviewChars = 80;
constexpr int kPreviewBytes = 24;
constexpr int kPreviewValues = 16;

// A varint or fixed value read as `kind` (Int32, SInt64, Float, Fixed64Bits, ...).
QString scalar(WireSpan::Kind kind, quint64 raw);
// A quoted, escaped preview of UTF-8 text, cut after kPreviewChars characters.
QString quoted(const char *data, qint64 size);
// "de ad be ef" for the first `maxBytes`, then "... (N bytes)".
QString hex(const char *data, qint64 size, int maxBytes = kPreviewBytes);
// "[1, 2, 3]" or "[1, 2, ... 16 shown of 900]".
QString list(const QStringList &shown, qint64 total);
// Byte count with its unit: "1 byte", "7 bytes".
QString bytes(qint64 count);

} // namespace WireText

} // namespace wirescope
