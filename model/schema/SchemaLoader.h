#pragma once

#include "model/schema/Schema.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace wirescope {

// What one import produced: the files it read and every problem it found.
struct LoadResult {
    SchemaSource source;
    Diagnostics diagnostics;

    bool ok() const { return !hasErrors(diagnostics); }
};

// Called from the loading thread as work advances.
using ProgressFn = std::function<void(int done, int total)>;

// A request to stop a load, made on one thread and seen on the loading one. The load checks
// it between steps; a blocking network read registers how to interrupt itself, so that a
// load waiting on a silent server ends at once, not at its deadline.
class LoadCancel final {
public:
    LoadCancel() = default;
    Q_DISABLE_COPY_MOVE(LoadCancel)

    void cancel();
    bool isCancelled() const { return m_cancelled.load(); }
    // Called by cancel() while set (at once if already cancelled); clear it before what it
    // interrupts goes away.
    void setInterrupt(std::function<void()> interrupt);

private:
    std::mutex m_mutex;
    std::atomic_bool m_cancelled {false};
    std::function<void()> m_interrupt;
};

// What a load job is handed: where to report progress, and whether to stop.
struct LoadControl {
    ProgressFn progress;
    std::shared_ptr<LoadCancel> cancel; // null: the load cannot be cancelled

    bool isCancelled() const { return cancel && cancel->isCancelled(); }
};

// Schema loaders are plain functions: they run on any thread and touch no QObject.
namespace SchemaLoader {

// Parses .proto files. Import paths mean what protoc's -I means; a file outside every
// import path is found relative to its own folder. The well-known types always resolve.
// Every error is reported as file:line:column, not just the first.
LoadResult loadProtoFiles(
    const QStringList &files, const QStringList &importPaths, const LoadControl &control = {});

// Reads a serialized FileDescriptorSet (protoc --descriptor_set_out, buf build -o).
LoadResult loadProtoset(const QString &path);
LoadResult loadProtosetData(const QByteArray &data, const QString &label);

} // namespace SchemaLoader

} // namespace wirescope
