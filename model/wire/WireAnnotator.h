#pragma once

#include "model/wire/WireSpan.h"

#include <functional>

namespace google::protobuf {
class Descriptor;
}

namespace wirescope {

struct WireAnnotateOptions {
    bool grpcFrame = false; // the input is one or more gRPC length-prefixed messages
    int maxDepth = 64; // nesting beyond this is not decoded (clamped to 1..100)
    // At most this many fields, all levels together, get spans; the bytes after the limit
    // are one PastLimit span per open message. It bounds memory and time on hostile or huge
    // input. 0: no limit. When streaming, the limit applies to each top-level span.
    qint64 maxFields = 0;
};

// The wire inspector's model: turns a message's bytes into a tree of spans (tag, length,
// value; fields inside fields) with everything needed to explain them. With a message type
// the bytes are decoded exactly as a parser would; without one, each length-delimited value
// gets every reading that is valid (text, message, packed array) with the evidence for it.
// Plain functions over plain values: safe on any thread, bounded in depth, linear in size.
namespace WireAnnotator {

WireTree annotate(const QByteArray &bytes, const google::protobuf::Descriptor *type,
    const WireAnnotateOptions &options = {});
// The same, one top-level span at a time (a field, or a gRPC frame): each goes to `sink` as
// soon as it is decoded and is not kept, so a caller that prints and drops it holds one
// top-level span at a time. `sink` also sees the tree so far (bytes, type, the hard error
// once there is one). Returns the tree without spans: lints, absent fields, errors, limit.
using TopSpanSink = std::function<void(const WireTree &tree, WireSpan &&span)>;
WireTree annotateStreaming(const QByteArray &bytes, const google::protobuf::Descriptor *type,
    const WireAnnotateOptions &options, const TopSpanSink &sink);

// The innermost span holding the byte at `offset` ("click a byte, select its node"); null
// when the offset is outside the input. Follows the likeliest reading of ambiguous values.
const WireSpan *findSpanAt(const WireTree &tree, qint64 offset);
// The spans directly inside a span: its children, or those of its likeliest reading when
// the bytes were read several ways; null for a leaf. Everything that maps a byte to a span
// follows this, so a clicked byte, its color and its tree node always agree.
const QList<WireSpan> *innerSpans(const WireSpan &span);
// The spans from the top level down to findSpanAt's, outermost first.
QList<const WireSpan *> spanChainAt(const WireTree &tree, qint64 offset);

} // namespace WireAnnotator

} // namespace wirescope
