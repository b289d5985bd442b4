#include "rpc/mock/StubRecorder.h"

#include "model/collection/CollectionFormat.h"
#include "model/core/AtomicFile.h"
#include "model/json/JsonCodec.h"
#include "rpc/call/StatusDetails.h"
#include "rpc/mock/MockReply.h"

#include <google/protobuf/descriptor.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

namespace gp = google::protobuf;

namespace wirescope::StubRecorder {

namespace {

constexpr int Unavailable = 14;
constexpr int DeadlineExceeded = 4;
constexpr int Cancelled = 1;
// Different recordings that share a name get "-2" ... up to this.
constexpr int MaxSuffix = 1000;

Stub::Status recordedStatus(const Schema &schema, const CallStatus &status, QStringList *notes)
{
    Stub::Status out;
    out.code = status.code;
    out.message = status.message;
    const RichStatus rich = decodeStatusDetails(status.details, &schema);
    for (const StatusDetail &detail : rich.details) {
        bool ok = false;
        const QJsonValue value = detail.json.isEmpty() ? QJsonValue() : jsonValue(detail.json, &ok);
        if (!ok) {
            notes->append(
                QStringLiteral("status detail %1 not recorded: its type is unknown").arg(detail.typeName));
            continue;
        }
        QJsonObject object
            = value.isObject() ? value.toObject() : QJsonObject {{QStringLiteral("value"), value}};
        object.insert(
            QStringLiteral("@type"), QString(QStringLiteral("type.googleapis.com/") + detail.typeName));
        out.details.append(object);
    }
    return out;
}

bool buildStub(const Schema &schema, const gp::MethodDescriptor *method, const Exchange &exchange, Stub *stub,
    QStringList *notes, QString *error)
{
    stub->method = QString::fromStdString(method->service()->full_name() + '/' + method->name());
    stub->match.body = exchange.request;
    JsonStyle compact;
    compact.indent = false;
    for (qsizetype i = 0; i < exchange.responses.size(); ++i) {
        QByteArray json;
        QString why;
        if (!JsonCodec::toJson(
                schema, method->output_type(), exchange.responses.at(i), &json, compact, &why)) {
            *error = QStringLiteral("response %1 does not decode as %2: %3")
                         .arg(i + 1)
                         .arg(QString::fromStdString(method->output_type()->full_name()), why);
            return false;
        }
        Stub::Message message;
        message.body = jsonValue(json);
        stub->messages.append(message);
    }
    if (exchange.status.code != 0)
        stub->status = recordedStatus(schema, exchange.status, notes);
    stub->headers = metadataForStub(exchange.headers);
    stub->trailers = metadataForStub(exchange.trailers);
    return true;
}

QString baseName(const gp::MethodDescriptor *method, const QJsonValue &request)
{
    const QByteArray text = request.isUndefined() ? QByteArray() : jsonText(request);
    const QByteArray hash = QCryptographicHash::hash(text, QCryptographicHash::Sha1).toHex().left(8);
    return QString::fromStdString(method->name()) + u'-' + QString::fromLatin1(hash);
}

} // namespace

bool worthRecording(const Exchange &exchange)
{
    const int code = exchange.status.code;
    const bool unreached = code == Unavailable || code == DeadlineExceeded || code == Cancelled;
    return !(unreached && exchange.responses.isEmpty() && exchange.headers.isEmpty());
}

bool record(const Schema &schema, const gp::MethodDescriptor *method, const Exchange &exchange,
    const QString &directory, Stub *stub, QString *file, QStringList *notes, QString *error)
{
    file->clear();
    if (!buildStub(schema, method, exchange, stub, notes, error))
        return false;
    const QByteArray bytes = CollectionFormat::toBytes(stub->toJson());
    const QDir dir(directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        *error = QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(directory));
        return false;
    }
    const QString base = baseName(method, exchange.request);
    for (int suffix = 1; suffix <= MaxSuffix; ++suffix) {
        const QString name = suffix == 1 ? base : base + u'-' + QString::number(suffix);
        const QString path = dir.filePath(name + QStringLiteral(".json"));
        stub->file = path;
        if (QFileInfo::exists(path)) {
            QByteArray existing;
            QString ignored;
            if (AtomicFile::read(path, &existing, &ignored) && existing == bytes)
                return true; // recorded before
            continue;
        }
        if (!AtomicFile::write(path, bytes, error))
            return false;
        *file = path;
        return true;
    }
    *error
        = QStringLiteral("too many recordings named %1 in %2").arg(base, QDir::toNativeSeparators(directory));
    return false;
}

} // namespace wirescope::StubRecorder
