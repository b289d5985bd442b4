#pragma once

#include "model/wire/WireSpan.h"

namespace wirescope {

// The teaching text of the wire inspector: for each span, why its bytes mean what they
// mean, with the arithmetic written out (tag = (field_number << 3) | wire_type, varint
// groups least-significant first, ZigZag, little-endian fixed values, length prefixes).
// Made on demand from a span's values, so annotating a large message stays cheap.
namespace WireExplain {

QString explain(const WireTree &tree, const WireSpan &span);
// Why fields of a decoded message are missing from its bytes (proto3 defaults, presence).
QString absentFields(const QStringList &absent);
// "96 01: 0x96 = 1|0010110 (more follows), 0x01 = 0|0000001 (last); 22 + (1 << 7) = 150"
QString varintGroups(const char *data, qint64 length);

} // namespace WireExplain

} // namespace wirescope
