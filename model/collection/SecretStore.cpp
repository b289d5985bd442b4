#include "model/collection/SecretStore.h"

#include "model/collection/CollectionFormat.h"
#include "model/core/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace wirescope {

namespace {
const QString SecretsKey = QStringLiteral("secrets");
}

QString SecretStore::secretKey(const QString &collectionId, const QString &environment, const QString &name)
{
    return collectionId + QLatin1Char('/') + environment + QLatin1Char('/') + name;
}

FileSecretStore::FileSecretStore(const QString &directory)
    : m_directory(directory)
    , m_filePath(QDir(directory).filePath(QStringLiteral("secrets.json")))
{
}

QString FileSecretStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
}

bool FileSecretStore::load(QJsonObject *secrets, QString *error) const
{
    if (!QFile::exists(m_filePath)) {
        *secrets = {};
        return true;
    }
    QByteArray bytes;
    QJsonObject object;
    if (!AtomicFile::read(m_filePath, &bytes, error)
        || !CollectionFormat::parse(bytes, m_filePath, &object, error))
        return false;
    JsonFields fields(object, QDir::toNativeSeparators(m_filePath));
    *secrets = fields.object(SecretsKey);
    if (!fields.ok())
        *error = fields.error();
    return fields.ok();
}

bool FileSecretStore::store(const QJsonObject &secrets, QString *error)
{
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(m_directory));
        return false;
    }
    AtomicFile::Options options;
    options.ownerOnly = true;
    return AtomicFile::write(m_filePath, CollectionFormat::toBytes({{SecretsKey, secrets}}), error, options);
}

std::optional<QString> FileSecretStore::read(const QString &key, QString *error) const
{
    QJsonObject secrets;
    if (!load(&secrets, error))
        return std::nullopt;
    const QJsonValue value = secrets.value(key);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

bool FileSecretStore::write(const QString &key, const QString &value, QString *error)
{
    QJsonObject secrets;
    if (!load(&secrets, error))
        return false;
    secrets.insert(key, value);
    return store(secrets, error);
}

bool FileSecretStore::remove(const QString &key, QString *error)
{
    QJsonObject secrets;
    if (!load(&secrets, error))
        return false;
    if (!secrets.contains(key))
        return true;
    secrets.remove(key);
    return store(secrets, error);
}

} // namespace wirescope
