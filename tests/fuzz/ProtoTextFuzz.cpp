// Fuzz target for .proto files: any text, written as input.proto into a folder that also
// holds two fixed files it may import (dep.proto, and cycle.proto, which imports
// input.proto back), is loaded by SchemaLoader::loadProtoFiles and built by Schema::build
// twice: as loaded, and from its file descriptors, as when it is merged with another
// source. Problems must come back as diagnostics, never as a crash; and what loads without
// an error must also build from its descriptors without one.
#include "FuzzSupport.h"

#include "model/schema/SchemaLoader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

using namespace wirescope;

namespace {

const char DependencyText[] = R"(syntax = "proto3";
package fuzz.dep;
import public "google/protobuf/timestamp.proto";

message Shared {
  string name = 1;
  map<string, Shared> children = 2;
  google.protobuf.Timestamp at = 3;
}
enum Level {
  LEVEL_UNSPECIFIED = 0;
  LEVEL_HIGH = 1;
}
service Helper {
  rpc Help(Shared) returns (stream Shared);
}
)";

const char CycleText[] = R"(syntax = "proto3";
package fuzz.cycle;
import "input.proto";

message Loop {
  string name = 1;
}
)";

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "fuzz: cannot write %s\n", qPrintable(path));
        std::abort();
    }
}

// One folder for the process, removed at exit; only input.proto changes between runs.
QString folder()
{
    static QTemporaryDir dir;
    static const bool written = [] {
        if (!dir.isValid()) {
            std::fputs("fuzz: cannot create a temporary folder\n", stderr);
            std::abort();
        }
        writeFile(dir.filePath(QStringLiteral("dep.proto")), DependencyText);
        writeFile(dir.filePath(QStringLiteral("cycle.proto")), CycleText);
        return true;
    }();
    (void)written;
    return dir.path();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Larger than any hand-written file needs to be to reach every part of the parser.
    if (size > 64 * 1024)
        return 0;
    const QByteArray input = fuzz::bytesOf(data, size);
    const QString root = folder();
    const QString path = QDir(root).filePath(QStringLiteral("input.proto"));
    writeFile(path, input);

    LoadResult loaded = SchemaLoader::loadProtoFiles({path}, {root});
    const bool clean = loaded.ok();
    Diagnostics diagnostics;
    const SchemaPtr asLoaded = Schema::build({loaded.source}, &diagnostics);
    fuzz::checkSchema(*asLoaded, input);

    SchemaSource descriptors = std::move(loaded.source);
    descriptors.built.reset();
    Diagnostics rebuilt;
    const SchemaPtr merged = Schema::build({std::move(descriptors)}, &rebuilt);
    if (clean && hasErrors(rebuilt))
        fuzz::fail(
            "files SchemaLoader::loadProtoFiles loads cleanly fail to build from their descriptors", input);
    fuzz::checkSchema(*merged, input);
    return 0;
}
