#include "model/wire/WireAnnotator.h"

#include "model/wire/WireDecoder.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>

namespace wirescope {

bool WireTree::hasErrors() const
{
    return std::any_of(lints.cbegin(), lints.cend(), [](const WireLint &lint) { return lint.isError(); });
}

namespace WireAnnotator {

namespace {

// Protobuf's own parsers stop at 100 levels; deeper is never needed to explain bytes.
constexpr int kDepthCeiling = 100;

const WireSpan *spanAt(const QList<WireSpan> &spans, qint64 offset)
{
    // Spans of one level are sorted and do not overlap; take the last starting at or before.
    auto it = std::upper_bound(spans.cbegin(), spans.cend(), offset,
        [](qint64 at, const WireSpan &span) { return at < span.offset; });
    while (it != spans.cbegin()) {
        --it;
        if (it->contains(offset))
            return &*it;
        if (it->length > 0)
            return nullptr;
    }
    return nullptr;
}

} // namespace

const QList<WireSpan> *innerSpans(const WireSpan &span)
{
    if (!span.children.isEmpty())
        return &span.children;
    if (!span.readings.isEmpty() && !span.readings.constFirst().children.isEmpty())
        return &span.readings.constFirst().children;
    return nullptr;
}

namespace {

// Both entry points: with a sink the top level streams and the budget is renewed per
// top-level span; without one the spans are kept and the budget covers the whole input.
WireTree decode(const QByteArray &bytes, const google::protobuf::Descriptor *type,
    const WireAnnotateOptions &options, const TopSpanSink *topSink)
{
    WireTree tree;
    tree.bytes = bytes;
    tree.fieldLimit = options.maxFields;
    if (type)
        tree.typeName = QString::fromStdString(type->full_name());
    const int maxDepth = std::clamp(options.maxDepth, 1, kDepthCeiling);
    WireDecoder decoder(tree.bytes.constData(), tree.bytes.size(), maxDepth, &tree.lints);
    qint64 fieldsLeft = options.maxFields;
    if (options.maxFields > 0)
        decoder.setFieldBudget(&fieldsLeft);
    const WireDecoder::SpanSink sink = [&](WireSpan &&span) {
        tree.errorOffset = decoder.failureOffset();
        tree.error = decoder.failureMessage();
        (*topSink)(tree, std::move(span));
        fieldsLeft = options.maxFields;
    };
    const WireDecoder::SpanSink *sinkOrNull = topSink ? &sink : nullptr;
    if (options.grpcFrame) {
        tree.spans = decoder.parseFrames(type, sinkOrNull);
    } else {
        WireDecoder::Message message;
        message.sink = sinkOrNull;
        decoder.parseMessage(0, tree.bytes.size(), type, 0, 0, &message);
        tree.spans = std::move(message.fields);
        tree.absentFields = std::move(message.absent);
    }
    tree.errorOffset = decoder.failureOffset();
    tree.error = decoder.failureMessage();
    tree.limitOffset = decoder.limitOffset();
    std::stable_sort(tree.lints.begin(), tree.lints.end(),
        [](const WireLint &a, const WireLint &b) { return a.offset < b.offset; });
    return tree;
}

} // namespace

WireTree annotate(
    const QByteArray &bytes, const google::protobuf::Descriptor *type, const WireAnnotateOptions &options)
{
    return decode(bytes, type, options, nullptr);
}

WireTree annotateStreaming(const QByteArray &bytes, const google::protobuf::Descriptor *type,
    const WireAnnotateOptions &options, const TopSpanSink &sink)
{
    return decode(bytes, type, options, &sink);
}

QList<const WireSpan *> spanChainAt(const WireTree &tree, qint64 offset)
{
    QList<const WireSpan *> chain;
    const QList<WireSpan> *level = &tree.spans;
    while (level) {
        const WireSpan *hit = spanAt(*level, offset);
        if (!hit)
            break;
        chain.append(hit);
        level = innerSpans(*hit);
    }
    return chain;
}

const WireSpan *findSpanAt(const WireTree &tree, qint64 offset)
{
    const QList<const WireSpan *> chain = spanChainAt(tree, offset);
    return chain.isEmpty() ? nullptr : chain.constLast();
}

} // namespace WireAnnotator

} // namespace wirescope
