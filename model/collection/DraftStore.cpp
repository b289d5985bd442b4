#include "model/collection/DraftStore.h"

#include "model/collection/CollectionFormat.h"
#include "model/core/AtomicFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace wirescope {

DraftStore::DraftStore(const QString &directory)
    : m_directory(directory)
{
}

QString DraftStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts");
}

QString DraftStore::fileFor(const QString &key) const
{
    // Keys hold paths and '#'; a hash makes a safe, fixed-length file name.
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QDir(m_directory).filePath(QString::fromLatin1(hash) + QStringLiteral(".json"));
}

bool DraftStore::save(const QString &key, const SavedRequest &request, QString *error)
{
    const QJsonObject object {{QStringLiteral("key"), key}, {QStringLiteral("request"), request.toJson()}};
    return AtomicFile::write(fileFor(key), CollectionFormat::toBytes(object), error);
}

bool DraftStore::remove(const QString &key, QString *error)
{
    const QString path = fileFor(key);
    if (!QFile::exists(path) || QFile::remove(path))
        return true;
    *error = QStringLiteral("%1: cannot delete").arg(QDir::toNativeSeparators(path));
    return false;
}

bool DraftStore::isEmpty() const
{
    return QDir(m_directory).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty();
}

QList<DraftStore::Draft> DraftStore::drafts(QStringList *problems) const
{
    QList<Draft> found;
    const QDir dir(m_directory);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        const QString path = dir.filePath(name);
        QByteArray bytes;
        QJsonObject object;
        QString error;
        Draft draft;
        if (AtomicFile::read(path, &bytes, &error) && CollectionFormat::parse(bytes, path, &object, &error)) {
            JsonFields fields(object, QDir::toNativeSeparators(path));
            draft.key = fields.string(QStringLiteral("key"));
            if (fields.ok()
                && SavedRequest::fromJson(
                    fields.object(QStringLiteral("request")), path, &draft.request, &error)) {
                found.append(draft);
                continue;
            }
            error = fields.ok() ? error : fields.error();
        }
        if (problems)
            problems->append(error);
    }
    std::sort(found.begin(), found.end(), [](const Draft &a, const Draft &b) { return a.key < b.key; });
    return found;
}

} // namespace wirescope
