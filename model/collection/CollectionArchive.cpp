#include "model/collection/CollectionArchive.h"

#include "model/collection/Collection.h"
#include "model/collection/CollectionFormat.h"
#include "model/core/AtomicFile.h"

#include <QDir>
#include <QJsonArray>

namespace wirescope::CollectionArchive {

namespace {

const QString Kind = QStringLiteral("wirescope.collection");

struct Contents {
    QByteArray settings;
    QStringList folders;
    QList<std::pair<QString, QByteArray>> requests;
};

bool isSafeFile(const QString &path)
{
    return path.endsWith(QLatin1String(".json")) && path != Collection::SettingsFile
        && Collection::isValidFolder(path);
}

bool readRequests(JsonFields &fields, Contents *contents)
{
    const QJsonArray requests = fields.array(QStringLiteral("requests"));
    for (int i = 0; i < requests.size(); ++i) {
        JsonFields entry(requests.at(i).toObject(), QStringLiteral("requests[%1]").arg(i));
        const QString path = entry.string(QStringLiteral("path"));
        if (entry.ok() && !isSafeFile(path))
            entry.fail(QStringLiteral("bad request path \"%1\"").arg(path));
        SavedRequest request;
        QString error;
        if (entry.ok()
            && !SavedRequest::fromJson(entry.object(QStringLiteral("request")), path, &request, &error))
            entry.fail(error);
        if (!entry.ok()) {
            fields.fail(entry.error());
            return false;
        }
        contents->requests.append({path, request.toBytes()});
    }
    return true;
}

bool readContents(const QByteArray &bytes, const QString &fileName, Contents *contents, QString *error)
{
    QJsonObject object;
    if (!CollectionFormat::parse(bytes, fileName, &object, error))
        return false;
    JsonFields fields(object, QDir::toNativeSeparators(fileName));
    if (fields.string(QStringLiteral("kind")) != Kind)
        fields.fail(QStringLiteral("not an exported Wirescope collection"));
    CollectionSettings settings;
    QString settingsError;
    if (fields.ok()
        && !CollectionSettings::fromJson(
            fields.object(QStringLiteral("settings")), QStringLiteral("settings"), &settings, &settingsError))
        fields.fail(settingsError);
    contents->settings = CollectionFormat::toBytes(settings.toJson());
    contents->folders = fields.strings(QStringLiteral("folders"));
    for (const QString &folder : std::as_const(contents->folders)) {
        if (folder.isEmpty() || !Collection::isValidFolder(folder))
            fields.fail(QStringLiteral("bad folder name \"%1\"").arg(folder));
    }
    if (fields.ok())
        readRequests(fields, contents);
    *error = fields.error();
    return fields.ok();
}

bool writeContents(const Contents &contents, const QString &directory, QString *error)
{
    const QDir dir(directory);
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        *error = QStringLiteral("%1 is not empty; import into a new folder")
                     .arg(QDir::toNativeSeparators(directory));
        return false;
    }
    for (const QString &folder : contents.folders) {
        if (!QDir().mkpath(dir.filePath(folder))) {
            *error = QStringLiteral("%1: cannot create the folder")
                         .arg(QDir::toNativeSeparators(dir.filePath(folder)));
            return false;
        }
    }
    for (const auto &[path, bytes] : contents.requests) {
        if (!AtomicFile::write(dir.filePath(path), bytes, error))
            return false;
    }
    // The settings file last: until it exists the folder is not a collection, so an
    // interrupted import is never mistaken for a complete one.
    return AtomicFile::write(dir.filePath(Collection::SettingsFile), contents.settings, error);
}

} // namespace

QByteArray exportCollection(const Collection &collection)
{
    QJsonArray requests;
    const auto &all = collection.requests();
    for (auto it = all.cbegin(); it != all.cend(); ++it)
        requests.append(
            QJsonObject {{QStringLiteral("path"), it.key()}, {QStringLiteral("request"), it->toJson()}});
    return CollectionFormat::toBytes(
        {{QStringLiteral("kind"), Kind}, {QStringLiteral("settings"), collection.settings().toJson()},
            {QStringLiteral("folders"), QJsonArray::fromStringList(collection.folders())},
            {QStringLiteral("requests"), requests}});
}

bool exportToFile(const Collection &collection, const QString &filePath, QString *error)
{
    return AtomicFile::write(filePath, exportCollection(collection), error);
}

bool importCollection(
    const QByteArray &bytes, const QString &fileName, const QString &directory, QString *error)
{
    Contents contents;
    return readContents(bytes, fileName, &contents, error) && writeContents(contents, directory, error);
}

bool importFromFile(const QString &filePath, const QString &directory, QString *error)
{
    QByteArray bytes;
    return AtomicFile::read(filePath, &bytes, error) && importCollection(bytes, filePath, directory, error);
}

} // namespace wirescope::CollectionArchive
