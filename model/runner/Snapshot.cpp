#include "model/runner/Snapshot.h"

#include "model/collection/CollectionFormat.h"
#include "model/core/AtomicFile.h"
#include "model/json/JsonPath.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace wirescope::Snapshot {

namespace {

const QString ErrorKey = QStringLiteral("error");
const QString MessagesKey = QStringLiteral("messages");

// Ignore paths were checked when the request file was read; one that does not parse here
// (an Expectations built in code) removes nothing rather than failing the snapshot.
QList<JsonPath> parsedPaths(const QStringList &ignore)
{
    QList<JsonPath> paths;
    for (const QString &text : ignore) {
        JsonPath path;
        QString ignored;
        if (JsonPath::parse(text, &path, &ignored))
            paths.append(path);
    }
    return paths;
}

// Message paths apply to every message, "$error" paths to the status details.
QJsonObject withoutIgnored(QJsonObject snapshot, const QList<JsonPath> &ignore)
{
    if (ignore.isEmpty())
        return snapshot;
    QJsonArray messages = snapshot.value(MessagesKey).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        QJsonValue message = messages.at(i);
        for (const JsonPath &path : ignore) {
            if (!path.isError())
                path.remove(&message);
        }
        messages.replace(i, message);
    }
    if (snapshot.contains(MessagesKey))
        snapshot.insert(MessagesKey, messages);
    if (snapshot.contains(ErrorKey)) {
        QJsonValue error = snapshot.value(ErrorKey);
        for (const JsonPath &path : ignore) {
            if (path.isError())
                path.remove(&error);
        }
        snapshot.insert(ErrorKey, error);
    }
    return snapshot;
}

bool hasDetails(const QJsonValue &error)
{
    return error.isObject() && !error.toObject().value(QStringLiteral("details")).toArray().isEmpty();
}

} // namespace

QString pathFor(const QString &requestFile)
{
    QString base = requestFile;
    if (base.endsWith(QLatin1String(".json")))
        base.chop(5);
    return base + QStringLiteral(".snapshot.json");
}

QJsonObject of(const CallOutcome &outcome, const QStringList &ignore)
{
    QJsonObject snapshot {{QStringLiteral("status"), outcome.codeName()}};
    if (!outcome.statusMessage.isEmpty())
        snapshot.insert(QStringLiteral("statusMessage"), outcome.statusMessage);
    QJsonArray messages;
    for (const QJsonValue &message : outcome.messages)
        messages.append(message.isUndefined() ? QJsonValue(QJsonValue::Null) : message);
    snapshot.insert(MessagesKey, messages);
    // Without details the error holds only the code and message, which are there already.
    if (hasDetails(outcome.error))
        snapshot.insert(ErrorKey, outcome.error);
    return withoutIgnored(snapshot, parsedPaths(ignore));
}

bool read(const QString &file, QJsonObject *snapshot, QString *error)
{
    QByteArray bytes;
    if (!AtomicFile::read(file, &bytes, error))
        return false;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = CollectionFormat::describeJsonError(bytes, file, parseError);
        return false;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("%1: expected a JSON object").arg(QDir::toNativeSeparators(file));
        return false;
    }
    *snapshot = document.object();
    return true;
}

bool write(const QString &file, const QJsonObject &snapshot, QString *error)
{
    // Indented, ending in a newline, keys in QJsonDocument's fixed order: a snapshot that
    // did not change is rewritten byte for byte (AtomicFile then leaves it alone), and a
    // change shows in git as the lines that changed.
    QByteArray bytes = QJsonDocument(snapshot).toJson(QJsonDocument::Indented);
    if (!bytes.endsWith('\n'))
        bytes.append('\n');
    return AtomicFile::write(file, bytes, error);
}

QList<JsonDiff::Change> compare(
    const QJsonObject &stored, const QJsonObject &current, const QStringList &ignore)
{
    // The stored side too: it may have been written before the path was ignored.
    const QList<JsonPath> paths = parsedPaths(ignore);
    return JsonDiff::diff(withoutIgnored(stored, paths), withoutIgnored(current, paths));
}

} // namespace wirescope::Snapshot
