// Fuzz target for value edits (WireEdit): arbitrary bytes are annotated as the demo's
// Everything message and without a schema, and the first editable values are set to texts
// that probe each kind's limits. An edit must be refused with a reason or give bytes whose
// every rewritten length holds: where the input decoded without a hard error, so must the
// result, with the same number of top-level fields.
#include "FuzzSupport.h"

#include "model/lab/WireEdit.h"
#include "model/wire/WireAnnotator.h"

#include <google/protobuf/descriptor.h>

using namespace wirescope;

namespace {

const google::protobuf::Descriptor *everything()
{
    static const auto *type = fuzz::demoSchema().findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    return type;
}

// The editable spans in byte order, at most `limit`, nested ones included.
void collectEditable(const QList<WireSpan> &spans, QList<const WireSpan *> *out, int limit)
{
    for (const WireSpan &span : spans) {
        if (out->size() >= limit)
            return;
        if (WireEdit::isEditable(span))
            out->append(&span);
        if (const QList<WireSpan> *inner = WireAnnotator::innerSpans(span))
            collectEditable(*inner, out, limit);
    }
}

void editAll(const QByteArray &bytes, const google::protobuf::Descriptor *type)
{
    WireAnnotateOptions options;
    options.maxFields = 2000;
    const WireTree tree = WireAnnotator::annotate(bytes, type, options);
    QList<const WireSpan *> editable;
    collectEditable(tree.spans, &editable, 6);
    static const QStringList texts = {QStringLiteral("0"), QStringLiteral("-1"),
        QStringLiteral("18446744073709551615"), QStringLiteral("2147483648"), QStringLiteral("1e39"),
        QStringLiteral("nan"), QStringLiteral("true"), QStringLiteral("ff 00"), QStringLiteral("x"),
        QString(200, QLatin1Char('a'))};
    for (const WireSpan *span : std::as_const(editable)) {
        QList<const WireSpan *> chain = WireAnnotator::spanChainAt(tree, span->offset);
        while (!chain.isEmpty() && chain.last() != span)
            chain.removeLast();
        if (chain.isEmpty())
            continue; // a span the byte lookup does not reach (an unlikelier reading's)
        QStringList tries = texts;
        tries.append(WireEdit::editText(tree, *span));
        for (const QString &text : std::as_const(tries)) {
            const WireEditResult result = WireEdit::setValue(tree, chain, text, type);
            if (!result.ok())
                continue;
            if (result.bytes.isEmpty() && !bytes.isEmpty())
                fuzz::fail("an accepted edit gave no bytes", bytes);
            if (tree.hasHardError())
                continue;
            const WireTree after = WireAnnotator::annotate(result.bytes, type, options);
            if (after.hasHardError())
                fuzz::fail("an accepted edit broke bytes that decoded", bytes);
            if (after.spans.size() != tree.spans.size())
                fuzz::fail("an accepted edit changed the number of top-level fields", bytes);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16 * 1024)
        return 0;
    const QByteArray bytes = fuzz::bytesOf(data, size);
    editAll(bytes, nullptr);
    if (everything())
        editAll(bytes, everything());
    return 0;
}
