#pragma once

#include "model/wire/WireSpan.h"

namespace wirescope {

// The colours of the wire inspector, shared by the hex view and the exported documents: the
// hue names the field, the shade its role (tag darkest, then length, then value; gRPC
// prefix bytes grey). Index alternates the shade of neighbouring packed elements.
namespace WirePalette {

// 0xAARRGGBB, as QRgb holds it, so this stays free of QtGui.
quint32 rgb(WireSpan::Role role, int fieldNumber, int index, bool dark);
// "#rrggbb"
QString cssColor(quint32 rgb);

} // namespace WirePalette

} // namespace wirescope
