#pragma once

#include "model/wire/WireAnnotator.h"
#include "model/wire/WireSpan.h"

#include <functional>

namespace wirescope {

struct WireDumpOptions {
    bool explain = true; // the explanation lines under each span
};

// The annotated dump as plain text: one line per span with its byte range (decimal,
// inclusive), its first bytes in hex and its decoded value; the explanation under it;
// then the lints. What `wirescope inspect` prints and what the GUI copies.
namespace WireDump {

QString dumpText(const WireTree &tree, const WireDumpOptions &options = {});
// The same text for bytes of any size, written as it is decoded: `write` gets UTF-8 chunks
// of about 64 KB and nothing is kept but one top-level span at a time (the annotation's
// maxFields bounds that span). Returns the tree without its spans, for the exit status.
WireTree streamText(const QByteArray &bytes, const google::protobuf::Descriptor *type,
    const WireAnnotateOptions &annotate, const std::function<void(const QByteArray &utf8)> &write,
    const WireDumpOptions &options = {});
QString lintLine(const WireLint &lint);
QString lintKindName(WireLint::Kind kind);

} // namespace WireDump

} // namespace wirescope
