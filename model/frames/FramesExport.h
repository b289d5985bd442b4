#pragma once

#include "model/frames/FramesModel.h"

#include <vector>

namespace wirescope {

// A call's frames written as JSON Lines, one object per frame: seq, kind, direction, nanos,
// size, and the message as JSON (or the headers / status and trailers). The model is copied
// into a snapshot first (rows plus implicitly shared bytes, a few ms for 200,000 frames) so
// the slow part, decoding every message, can run on a worker thread.
namespace FramesExport {

struct Snapshot {
    MethodRef method;
    std::vector<FramesModel::Row> rows;
    std::vector<QByteArray> bytes; // per row; empty for non-messages and dropped bytes
    Metadata headers;
    Metadata trailers;
    CallStatus status;
};

Snapshot snapshot(const FramesModel &model);
// One line without its newline.
QByteArray line(const Snapshot &snapshot, size_t row);
// Writes atomically enough for an export: to the file, reporting the first error.
bool write(const Snapshot &snapshot, const QString &path, QString *error);

} // namespace FramesExport

} // namespace wirescope
