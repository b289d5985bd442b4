// Fuzz target for protosets: any bytes, read as a serialized FileDescriptorSet by
// SchemaLoader::loadProtosetData and built by Schema::build, alone and together with the
// demo schema's files (the merge a workbench with two sources does), must give a schema
// or diagnostics, never a crash. Every schema that comes out must pass fuzz::checkSchema.
#include "FuzzSupport.h"

#include "model/schema/SchemaLoader.h"

using namespace wirescope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Real protosets of large APIs reach megabytes, but every structure in them shows up
    // in a few kilobytes; a larger input only makes the run slow.
    if (size > 256 * 1024)
        return 0;
    const QByteArray input = fuzz::bytesOf(data, size);
    const LoadResult loaded = SchemaLoader::loadProtosetData(input, QStringLiteral("fuzz.protoset"));
    if (loaded.source.files.empty()) {
        if (!hasErrors(loaded.diagnostics))
            fuzz::fail("SchemaLoader::loadProtosetData read no files and reported no error", input);
        return 0;
    }
    Diagnostics alone;
    const SchemaPtr schema = Schema::build({loaded.source}, &alone);
    fuzz::checkSchema(*schema, input);

    // Beside other files, as the workbench merges its sources: files and symbols the demo
    // defines too take the other paths of Schema::build. Only for protosets that build,
    // which is where a clash can be subtle; garbage stays a fast run.
    if (hasErrors(alone))
        return 0;
    std::vector<SchemaSource> sources = fuzz::demoSources();
    sources.push_back(loaded.source);
    Diagnostics merged;
    const SchemaPtr both = Schema::build(std::move(sources), &merged);
    fuzz::checkSchema(*both, input);
    return 0;
}
