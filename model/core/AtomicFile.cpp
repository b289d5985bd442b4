#include "model/core/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace wirescope::AtomicFile {

namespace {

bool sameContent(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (file.size() != data.size() || !file.open(QIODevice::ReadOnly))
        return false;
    return file.readAll() == data;
}

QString describe(const QString &path, const QString &what)
{
    return QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), what);
}

} // namespace

bool write(const QString &path, const Writer &writer, QString *error, const Options &options)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = describe(folder, QStringLiteral("cannot create the folder"));
        return false;
    }
    QSaveFile file(path);
    // Never fall back to writing in place: that is exactly the half-written file we avoid.
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = describe(path, file.errorString());
        return false;
    }
    // Set on the open temporary file, so the secret is never readable by others, not even
    // for the moment between writing and renaming.
    if (options.ownerOnly && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = describe(path, QStringLiteral("cannot restrict permissions: %1").arg(file.errorString()));
        return false;
    }
    QString writeError;
    if (!writer(file, &writeError)) {
        file.cancelWriting();
        *error = describe(path, writeError.isEmpty() ? file.errorString() : writeError);
        return false;
    }
    if (!file.commit()) {
        *error = describe(path, file.errorString());
        return false;
    }
    return true;
}

bool write(const QString &path, const QByteArray &data, QString *error, const Options &options)
{
    if (options.skipIfUnchanged && sameContent(path, data)) {
        if (!options.ownerOnly)
            return true;
        // Still tighten a file someone loosened.
        constexpr QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
            | QFileDevice::ExeOther;
        if (!(QFile::permissions(path) & others))
            return true;
    }
    return write(
        path, [&data](QIODevice &device, QString *) { return device.write(data) == data.size(); }, error,
        options);
}

bool read(const QString &path, QByteArray *data, QString *error, qint64 maxBytes)
{
    const QFileInfo info(path);
    if (info.exists() && info.isDir()) {
        *error = describe(path, QStringLiteral("is a folder, not a file"));
        return false;
    }
    if (info.exists() && !info.isFile()) {
        *error = describe(path, QStringLiteral("is not a regular file (a device or a pipe); not read"));
        return false;
    }
    if (info.size() > maxBytes) {
        *error = describe(path,
            QStringLiteral("is %1 bytes, more than the %2 read at most").arg(info.size()).arg(maxBytes));
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = describe(path, file.errorString());
        return false;
    }
    // Bounded even if the file grows while it is read.
    *data = file.read(maxBytes + 1);
    if (data->size() > maxBytes) {
        data->clear();
        *error = describe(path, QStringLiteral("grew past %1 bytes while it was read").arg(maxBytes));
        return false;
    }
    return true;
}

} // namespace wirescope::AtomicFile
