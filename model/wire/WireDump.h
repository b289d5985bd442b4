#pragma once

#include "model/wire/WireSpan.h"

namespace wirescope {

struct WireDumpOptions {
    bool explain = true; // the explanation lines under each span
};

// The annotated dump as plain text: one line per span with its byte range (decimal,
// inclusive), its first bytes in hex and its decoded value; the explanation under it;
// then the lints. What `wirescope inspect` prints and what the GUI copies.
namespace WireDump {

QString dumpText(const WireTree &tree, const WireDumpOptions &options = {});
QString lintLine(const WireLint &lint);
QString lintKindName(WireLint::Kind kind);

} // namespace WireDump

} // namespace wirescope
