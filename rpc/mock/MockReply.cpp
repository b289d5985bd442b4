#include "rpc/mock/MockReply.h"

#include "model/json/JsonCodec.h"
#include "model/json/MetadataText.h"
#include "model/mock/ExampleResponse.h"
#include "model/mock/ResponseTemplate.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <array>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

constexpr char TypeUrlPrefix[] = "type.googleapis.com/";

// Well-known types whose JSON is not an object: inside an Any they sit under "value".
bool hasValueJson(const QString &typeName)
{
    static const std::array<QLatin1String, 16> names {QLatin1String("google.protobuf.Any"),
        QLatin1String("google.protobuf.Duration"), QLatin1String("google.protobuf.Timestamp"),
        QLatin1String("google.protobuf.FieldMask"), QLatin1String("google.protobuf.Struct"),
        QLatin1String("google.protobuf.Value"), QLatin1String("google.protobuf.ListValue"),
        QLatin1String("google.protobuf.DoubleValue"), QLatin1String("google.protobuf.FloatValue"),
        QLatin1String("google.protobuf.Int64Value"), QLatin1String("google.protobuf.UInt64Value"),
        QLatin1String("google.protobuf.Int32Value"), QLatin1String("google.protobuf.UInt32Value"),
        QLatin1String("google.protobuf.BoolValue"), QLatin1String("google.protobuf.StringValue"),
        QLatin1String("google.protobuf.BytesValue")};
    for (const QLatin1String &name : names) {
        if (typeName == name)
            return true;
    }
    return false;
}

// The google.rpc types this binary was built with; touching one keeps their file linked in.
bool encodeCompiledIn(const std::string &typeName, const QByteArray &json, QByteArray *binary, QString *error)
{
    static const gp::FileDescriptor *linked = google::rpc::ErrorInfo::descriptor()->file();
    Q_UNUSED(linked);
    static const std::unique_ptr<gp::util::TypeResolver> resolver(gp::util::NewTypeResolverForDescriptorPool(
        "type.googleapis.com", gp::DescriptorPool::generated_pool()));
    if (!gp::DescriptorPool::generated_pool()->FindMessageTypeByName(typeName)) {
        *error = QStringLiteral("the type is in neither the schema nor the standard error model");
        return false;
    }
    std::string out;
    const auto status = gp::util::JsonToBinaryString(
        resolver.get(), TypeUrlPrefix + typeName, json.toStdString(), &out, gp::util::JsonParseOptions());
    if (!status.ok()) {
        *error = QString::fromStdString(std::string(status.message()));
        return false;
    }
    *binary = QByteArray::fromStdString(out);
    return true;
}

bool encodeDetail(const Schema &schema, const QString &typeName, const QJsonObject &detail,
    QByteArray *binary, QString *error)
{
    QJsonObject fields = detail;
    fields.remove(QStringLiteral("@type"));
    const QJsonValue body = hasValueJson(typeName) && fields.contains(QStringLiteral("value"))
        ? fields.value(QStringLiteral("value"))
        : QJsonValue(fields);
    const QByteArray json = jsonText(body);
    if (const gp::Descriptor *type = schema.findMessage(typeName)) {
        JsonError why;
        if (JsonCodec::toBinary(schema, type, json, binary, &why))
            return true;
        *error = why.toString();
        return false;
    }
    return encodeCompiledIn(typeName.toStdString(), json, binary, error);
}

// An answer body as the response type's wire bytes; an absent body is the empty message.
bool encodeBody(const Schema &schema, const gp::Descriptor *type, const QJsonValue &body, QByteArray *binary,
    QString *error)
{
    binary->clear();
    if (body.isUndefined() || body.isNull())
        return true;
    JsonError why;
    if (JsonCodec::toBinary(schema, type, jsonText(body), binary, &why))
        return true;
    *error = why.toString();
    return false;
}

QString renderText(const QString &text, const QJsonValue &request)
{
    if (!text.contains(QLatin1String("{{")))
        return text;
    const QJsonValue rendered = ResponseTemplate::render(text, request);
    return rendered.isString() ? rendered.toString() : QString::fromUtf8(jsonText(rendered));
}

MockReply failed(MockReply reply, const QString &message)
{
    reply.messages.clear();
    reply.delayMs = 0;
    reply.status = CallStatus {13, QStringLiteral("mock: ") + message, {}}; // INTERNAL
    return reply;
}

} // namespace

MockReply MockReply::fromStub(
    const Schema &schema, const gp::MethodDescriptor *method, const Stub &stub, const QJsonValue &request)
{
    MockReply reply;
    reply.source = stub.file;
    reply.delayMs = stub.delayMs;
    reply.headers = stubMetadata(stub.headers, &reply.notes);
    reply.trailers = stubMetadata(stub.trailers, &reply.notes);
    if (stub.status && stub.status->code != 0) {
        reply.status.code = stub.status->code;
        reply.status.message = renderText(stub.status->message, request);
        reply.status.details = encodeStatusDetails(
            schema, stub.status->code, reply.status.message, stub.status->details, &reply.notes);
    }
    const bool streams = method->server_streaming();
    // A unary answer is one message, or none when it fails.
    if (!streams && !reply.status.isOk())
        return reply;
    const int rounds = streams ? qMax(1, stub.repeat) : 1;
    for (int round = 0; round < rounds; ++round) {
        for (qsizetype i = 0; i < stub.messages.size(); ++i) {
            const Stub::Message &message = stub.messages.at(i);
            MockReply::Message out;
            out.delayMs = message.delayMs;
            QString error;
            if (!encodeBody(schema, method->output_type(), ResponseTemplate::render(message.body, request),
                    &out.bytes, &error))
                return failed(reply,
                    QStringLiteral("%1: message %2 does not fit %3: %4")
                        .arg(stub.file)
                        .arg(i + 1)
                        .arg(QString::fromStdString(method->output_type()->full_name()), error));
            reply.messages.append(out);
            if (!streams)
                return reply;
        }
    }
    if (!streams && reply.messages.isEmpty())
        reply.messages.append(Message {}); // the empty message: a unary call needs one
    return reply;
}

MockReply MockReply::example(
    const Schema &schema, const gp::MethodDescriptor *method, quint64 seed, int count)
{
    MockReply reply;
    reply.source = QStringLiteral("example");
    for (int i = 0; i < count; ++i) {
        Message out;
        QString error;
        const QByteArray json = ExampleResponse::json(method->output_type(), seed + quint64(i));
        if (!encodeBody(schema, method->output_type(), jsonValue(json), &out.bytes, &error))
            return failed(reply,
                QStringLiteral("the example %1 does not encode: %2")
                    .arg(QString::fromStdString(method->output_type()->full_name()), error));
        reply.messages.append(out);
    }
    return reply;
}

QByteArray encodeStatusDetails(const Schema &schema, int code, const QString &message,
    const QList<QJsonObject> &details, QStringList *notes)
{
    google::rpc::Status status;
    status.set_code(code);
    status.set_message(message.toStdString());
    for (const QJsonObject &detail : details) {
        QString url = detail.value(QStringLiteral("@type")).toString();
        const QString typeName = url.mid(url.lastIndexOf(u'/') + 1);
        if (!url.contains(u'/'))
            url = QLatin1String(TypeUrlPrefix) + url;
        QByteArray binary;
        QString error;
        if (typeName.isEmpty())
            error = QStringLiteral("it has no \"@type\"");
        if (typeName.isEmpty() || !encodeDetail(schema, typeName, detail, &binary, &error)) {
            notes->append(QStringLiteral("status detail %1 left out: %2")
                              .arg(typeName.isEmpty() ? QStringLiteral("(untyped)") : typeName, error));
            continue;
        }
        auto *any = status.add_details();
        any->set_type_url(url.toStdString());
        any->set_value(binary.toStdString());
    }
    if (status.details_size() == 0)
        return {};
    return QByteArray::fromStdString(status.SerializeAsString());
}

Metadata stubMetadata(const QMap<QString, QString> &entries, QStringList *notes)
{
    Metadata out;
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        const QByteArray key = it.key().trimmed().toLower().toLatin1();
        const QByteArray value
            = key.endsWith("-bin") ? QByteArray::fromBase64(it.value().toLatin1()) : it.value().toUtf8();
        const MetadataPair entry {key, value};
        QString error;
        if (!MetadataText::validate(entry, &error)) {
            notes->append(error + QStringLiteral(": left out"));
            continue;
        }
        out.append(entry);
    }
    return out;
}

QMap<QString, QString> metadataForStub(const Metadata &metadata)
{
    QMap<QString, QString> out;
    for (const MetadataPair &entry : metadata) {
        QString ignored;
        if (entry.first == "content-type" || !MetadataText::validate(entry, &ignored))
            continue;
        out.insert(QString::fromLatin1(entry.first), MetadataText::displayValue(entry));
    }
    return out;
}

QByteArray jsonText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QJsonValue jsonValue(const QByteArray &text, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson('[' + text + ']', &error);
    const bool parsed = error.error == QJsonParseError::NoError && document.array().size() == 1;
    if (ok)
        *ok = parsed;
    return parsed ? document.array().first() : QJsonValue(QJsonValue::Undefined);
}

quint64 requestSeed(const QByteArray &bytes)
{
    const QByteArray digest = QCryptographicHash::hash(bytes, QCryptographicHash::Sha1);
    return qFromBigEndian<quint64>(digest.constData());
}

} // namespace wirescope
