// Fuzz target for the wire annotator: arbitrary bytes, with and without a schema, plain
// and as gRPC frames, must never crash, hang or recurse without bound, and the top-level
// spans must always tile the input. A libFuzzer binary in the sanitizer build with clang;
// elsewhere linked with the standalone driver in FuzzMain.cpp.
#include "FuzzSupport.h"

#include "model/wire/WireAnnotator.h"
#include "model/wire/WireDump.h"

#include <google/protobuf/descriptor.h>

#include <cstdio>
#include <cstdlib>

using namespace wirescope;

namespace {

const google::protobuf::Descriptor *everything()
{
    static const auto *type = fuzz::demoSchema().findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    if (!type) {
        std::fputs("fuzz: wirescope.demo.v1.Everything not found in the demo schema\n", stderr);
        std::abort();
    }
    return type;
}

[[noreturn]] void failOn(const WireTree &tree, const char *why)
{
    fuzz::fail(why, tree.bytes);
}

void checkTiles(const WireTree &tree)
{
    qint64 pos = 0;
    for (const WireSpan &span : tree.spans) {
        if (span.offset != pos || span.length <= 0)
            failOn(tree, "top-level spans leave a gap or overlap");
        pos = span.end();
    }
    if (pos != tree.bytes.size())
        failOn(tree, "top-level spans do not reach the end");
}

void annotateAll(const QByteArray &bytes)
{
    for (const bool framed : {false, true}) {
        for (const auto *type : {static_cast<const google::protobuf::Descriptor *>(nullptr), everything()}) {
            WireAnnotateOptions options;
            options.grpcFrame = framed;
            const WireTree tree = WireAnnotator::annotate(bytes, type, options);
            checkTiles(tree);
            if (tree.hasHardError() && !tree.hasErrors())
                failOn(tree, "a hard error without an error lint");
            for (qint64 at = 0; at < bytes.size(); at += 7)
                if (!WireAnnotator::findSpanAt(tree, at))
                    failOn(tree, "a byte without a span");
            if (bytes.size() < 4096)
                (void)WireDump::dumpText(tree);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Four annotations of every input; larger ones only make runs slow, not new.
    if (size > 256 * 1024)
        return 0;
    annotateAll(fuzz::bytesOf(data, size));
    return 0;
}
