// Fuzz target for .proto text compiled in memory (ProtoSnippet), as the schema evolution
// window compiles whatever a user types: any text must come back as a schema or as
// diagnostics with a place, never as a crash, a hang or a stack overflow; and a schema that
// compiles must pass what the app does with any schema right after loading it.
#include "FuzzSupport.h"

#include "model/lab/ProtoSnippet.h"

using namespace wirescope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const QByteArray input = fuzz::bytesOf(data, size);
    const ProtoSnippetResult result = ProtoSnippet::compile(QString::fromUtf8(input));
    if (!result.schema)
        fuzz::fail("compile gave no schema (not even an empty one)", input);
    if (!result.ok()) {
        for (const Diagnostic &diagnostic : result.diagnostics)
            if (diagnostic.isError() && diagnostic.message.isEmpty())
                fuzz::fail("an error without a message", input);
        return 0;
    }
    fuzz::checkSchema(*result.schema, input);
    return 0;
}
