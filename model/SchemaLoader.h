#pragma once

#include "model/Schema.h"

#include <functional>

namespace wirescope {

// What one import produced: the files it read and every problem it found.
struct LoadResult {
    SchemaSource source;
    Diagnostics diagnostics;

    bool ok() const { return !hasErrors(diagnostics); }
};

// Called from the loading thread as work advances.
using ProgressFn = std::function<void(int done, int total)>;

// Schema loaders are plain functions: they run on any thread and touch no QObject.
namespace SchemaLoader {

// Parses .proto files. Import paths mean what protoc's -I means; a file outside every
// import path is found relative to its own folder. The well-known types always resolve.
// Every error is reported as file:line:column, not just the first.
LoadResult loadProtoFiles(
    const QStringList &files, const QStringList &importPaths, const ProgressFn &progress = {});

// Reads a serialized FileDescriptorSet (protoc --descriptor_set_out, buf build -o).
LoadResult loadProtoset(const QString &path);
LoadResult loadProtosetData(const QByteArray &data, const QString &label);

} // namespace SchemaLoader

} // namespace wirescope
