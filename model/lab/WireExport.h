#pragma once

#include "model/wire/WireSpan.h"

namespace wirescope {

// An annotated dump as a standalone document for slides and handouts: the hex, 16 bytes a
// row with every byte on its span's colour (WirePalette, as the inspector draws it), the
// field tree with each value, and the arithmetic of each field (WireExplain), followed by
// the lints. No scripts, no external resources: it opens anywhere and prints as shown.
namespace WireExport {

struct Options {
    QString title; // shown at the top; defaults to the type name, or "Protobuf bytes"
    bool dark = false; // the dark palette
    qint64 maxBytes = 4096; // longer inputs are cut here, and the document says so
};

QString html(const WireTree &tree, const Options &options = {});
QString svg(const WireTree &tree, const Options &options = {});

} // namespace WireExport

} // namespace wirescope
