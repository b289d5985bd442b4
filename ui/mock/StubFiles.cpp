#include "ui/mock/StubFiles.h"

#include "model/collection/CollectionFormat.h"
#include "model/core/AtomicFile.h"
#include "model/request/CallRecord.h"
#include "model/schema/MethodRef.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace wirescope {

namespace StubFiles {

QStringList list(const QString &folder)
{
    if (folder.isEmpty())
        return {};
    const QDir base(folder);
    QStringList files;
    QDirIterator it(folder, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = base.relativeFilePath(it.next());
        // QDir::Hidden is off, but a hidden folder's files still come through the iterator.
        const bool hidden = relative.startsWith(u'.') || relative.contains(QStringLiteral("/."));
        if (!hidden)
            files.append(relative);
    }
    files.sort();
    return files;
}

QString freeName(const QString &folder, const QString &method)
{
    QString stem = method.section(u'/', -1).section(u'.', -1).toLower();
    if (stem.isEmpty())
        stem = QStringLiteral("stub");
    const QDir base(folder);
    QString name = stem + QStringLiteral(".json");
    for (int n = 2; base.exists(name); ++n)
        name = QStringLiteral("%1-%2.json").arg(stem).arg(n);
    return name;
}

bool read(const QString &path, const QString &folder, const Schema &schema, Stub *stub, QString *error)
{
    const QString name = QDir(folder).relativeFilePath(path);
    QByteArray bytes;
    if (!AtomicFile::read(path, &bytes, error))
        return false;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (!document.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
            ? CollectionFormat::describeJsonError(bytes, name, parseError)
            : QObject::tr("%1: a stub is one JSON object").arg(name);
        return false;
    }
    // The version is the file's, not the stub's: a stub written by Save carries it.
    QJsonObject object = document.object();
    object.remove(QStringLiteral("formatVersion"));
    if (!Stub::fromJson(object, name, schema, stub, error))
        return false;
    stub->file = name;
    return true;
}

bool write(const Stub &stub, const QString &path, const QString &folder, const Schema &schema, QString *error)
{
    const QString name = QDir(folder).relativeFilePath(path);
    const QJsonObject json = stub.toJson();
    Stub checked;
    if (!Stub::fromJson(json, name, schema, &checked, error))
        return false;
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QObject::tr("Could not create the folder %1")
                     .arg(QDir::toNativeSeparators(QFileInfo(path).path()));
        return false;
    }
    return AtomicFile::write(path, CollectionFormat::toBytes(json), error);
}

Stub fromResponse(const QString &method, bool clientStreams, const QString &requestJson,
    const QList<QJsonValue> &responses, const CallStatus &status)
{
    Stub stub;
    stub.method = method;
    const QJsonValue request = parseValue(requestJson.toUtf8());
    if (!clientStreams && request.isObject() && !request.toObject().isEmpty())
        stub.match.body = request;
    for (const QJsonValue &response : responses)
        stub.messages.append({response, 0});
    if (status.code > 0)
        stub.status = Stub::Status {status.code, status.message, {}};
    return stub;
}

QList<QJsonValue> receivedMessages(const MethodRef &method, const CallRecord &record)
{
    QList<QJsonValue> messages;
    if (!method.isValid())
        return messages;
    for (const CallRecord::Frame &frame : record.frames()) {
        if (frame.direction != CallRecord::Direction::Received || frame.bytes.isEmpty())
            continue;
        QByteArray json;
        QString error;
        if (!method.decode(frame.bytes, false, &json, &error))
            continue;
        const QJsonValue value = parseValue(json);
        if (!value.isUndefined())
            messages.append(value);
    }
    return messages;
}

QJsonValue parseValue(const QByteArray &json)
{
    // A wrapper type's message is a bare string or number in JSON: read it inside an array.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson('[' + json + ']', &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return document.array().first();
}

QString print(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isUndefined())
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

} // namespace StubFiles

} // namespace wirescope
