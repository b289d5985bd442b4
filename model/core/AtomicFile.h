#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

class QIODevice;

namespace wirescope {

// Saves files so that a crash, a kill or a full disk at any moment leaves either the old
// file or the new one, never a mix: the data goes to a temporary file in the same folder
// (QSaveFile) that replaces the target only once it is complete and flushed.
namespace AtomicFile {

struct Options {
    bool ownerOnly = false; // mode 0600, for files holding secrets
    bool skipIfUnchanged = true; // leave the file (and its mtime) alone when the bytes match
};

// Streams the content: the writer fills the temporary file; returning false abandons it.
using Writer = std::function<bool(QIODevice &device, QString *error)>;

bool write(const QString &path, const Writer &writer, QString *error, const Options &options = {});
bool write(const QString &path, const QByteArray &data, QString *error, const Options &options = {});
// Files read whole are at most this large: a schema, a collection file or a body, not a disk.
constexpr qint64 MaxReadBytes = 256 * 1024 * 1024;
// Reads a whole regular file; errors name it. A folder, a device (/dev/zero) or a file past
// maxBytes is refused, so nothing hostile can make a read run out of memory.
bool read(const QString &path, QByteArray *data, QString *error, qint64 maxBytes = MaxReadBytes);

} // namespace AtomicFile

} // namespace wirescope
