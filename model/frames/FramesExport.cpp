#include "model/frames/FramesExport.h"

#include "model/json/JsonCodec.h"
#include "model/json/MetadataText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace wirescope::FramesExport {

namespace {

QString kindKey(FramesModel::RowKind kind)
{
    switch (kind) {
    case FramesModel::RowKind::Headers:
        return QStringLiteral("headers");
    case FramesModel::RowKind::Sent:
        return QStringLiteral("sent");
    case FramesModel::RowKind::Received:
        return QStringLiteral("received");
    case FramesModel::RowKind::HalfClosed:
        return QStringLiteral("half-close");
    case FramesModel::RowKind::Trailers:
        return QStringLiteral("trailers");
    }
    return {};
}

QJsonArray metadataArray(const Metadata &metadata)
{
    QJsonArray array;
    for (const MetadataPair &entry : metadata)
        array.append(QJsonArray {QString::fromLatin1(entry.first), MetadataText::displayValue(entry)});
    return array;
}

// The message's canonical JSON spliced in as an object, so a reader gets a value, not a
// string to parse again; undecodable or dropped bytes say why instead.
QByteArray messageMember(const Snapshot &snapshot, const FramesModel::Row &row, const QByteArray &bytes)
{
    if (bytes.isEmpty() && row.size > 0)
        return QByteArrayLiteral(",\"error\":\"bytes not kept\"");
    QString error = QStringLiteral("no schema for this method");
    if (snapshot.method.isValid()) {
        const bool isRequest = row.kind == FramesModel::RowKind::Sent;
        const auto *type = isRequest ? snapshot.method.requestType() : snapshot.method.responseType();
        JsonStyle style;
        style.indent = false;
        QByteArray json;
        if (JsonCodec::toJson(*snapshot.method.schema(), type, bytes, &json, style, &error))
            return ",\"json\":" + json;
    }
    QJsonObject failure {
        {QStringLiteral("error"), error}, {QStringLiteral("base64"), QString::fromLatin1(bytes.toBase64())}};
    const QByteArray text = QJsonDocument(failure).toJson(QJsonDocument::Compact);
    return ',' + text.mid(1, text.size() - 2);
}

} // namespace

Snapshot snapshot(const FramesModel &model)
{
    Snapshot result;
    result.method = model.method();
    result.rows.assign(model.rows().cbegin(), model.rows().cend());
    result.bytes.reserve(result.rows.size());
    for (size_t row = 0; row < result.rows.size(); ++row)
        result.bytes.push_back(model.bytesAt(int(row)));
    result.headers = model.record().headers();
    result.trailers = model.record().trailers();
    result.status = model.record().status();
    return result;
}

QByteArray line(const Snapshot &snapshot, size_t index)
{
    const FramesModel::Row &row = snapshot.rows[index];
    QJsonObject head {{QStringLiteral("seq"), qint64(index + 1)}, {QStringLiteral("kind"), kindKey(row.kind)},
        {QStringLiteral("direction"),
            FramesModel::isFromServer(row.kind) ? QStringLiteral("received") : QStringLiteral("sent")},
        {QStringLiteral("nanos"), row.nanos}, {QStringLiteral("size"), row.size}};
    if (row.kind == FramesModel::RowKind::Headers)
        head.insert(QStringLiteral("metadata"), metadataArray(snapshot.headers));
    if (row.kind == FramesModel::RowKind::Trailers) {
        head.insert(QStringLiteral("status"), snapshot.status.codeName());
        head.insert(QStringLiteral("message"), snapshot.status.message);
        head.insert(QStringLiteral("metadata"), metadataArray(snapshot.trailers));
    }
    QByteArray text = QJsonDocument(head).toJson(QJsonDocument::Compact);
    if (FramesModel::isMessage(row.kind)) {
        text.chop(1); // the closing brace, to append the message after the head fields
        text += messageMember(snapshot, row, snapshot.bytes[index]) + '}';
    }
    return text;
}

bool write(const Snapshot &snapshot, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    for (size_t row = 0; row < snapshot.rows.size(); ++row) {
        if (file.write(line(snapshot, row) + '\n') < 0)
            break;
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace wirescope::FramesExport
