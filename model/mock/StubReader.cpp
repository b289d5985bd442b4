#include "model/mock/StubReader.h"

#include "model/json/JsonPath.h"
#include "model/json/MetadataText.h"
#include "model/mock/ExampleResponse.h"
#include "model/mock/ResponseTemplate.h"
#include "model/mock/Stub.h"
#include "model/mock/StubCheck.h"

#include <google/protobuf/descriptor.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <array>
#include <cmath>
#include <limits>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

constexpr std::array topKeys {"method", "priority", "match", "respond"};
constexpr std::array matchKeys {"body", "bodyMatches", "metadata"};
constexpr std::array respondKeys {
    "body", "stream", "repeat", "status", "headers", "trailers", "delayMs", "answer"};
constexpr std::array messageKeys {"body", "delayMs"};
constexpr std::array statusKeys {"code", "message", "details"};

const QString BodyKey = QStringLiteral("body");
const QString DelayKey = QStringLiteral("delayMs");
const QString StreamKey = QStringLiteral("stream");

QString unknownKey(const QJsonObject &object, std::span<const char *const> known)
{
    QStringList names;
    for (const char *key : known)
        names.append(QLatin1String(key));
    for (const QString &key : object.keys()) {
        if (!names.contains(key))
            return QStringLiteral("unknown key \"%1\" (expected %2)")
                .arg(key, names.join(QStringLiteral(", ")));
    }
    return {};
}

QString prefixed(const QString &where, const QString &what)
{
    return where.isEmpty() ? what : where + QStringLiteral(": ") + what;
}

bool isWholeNumber(const QJsonValue &value, double min, double max)
{
    const double number = value.toDouble();
    return value.isDouble() && number >= min && number <= max && number == std::trunc(number);
}

} // namespace

StubReader::StubReader(const Schema &schema, Stub *stub)
    : m_schema(schema)
    , m_stub(stub)
{
}

bool StubReader::fail(const QString &where, const QString &what)
{
    m_error = prefixed(where, what);
    return false;
}

bool StubReader::object(
    const QJsonValue &value, const QString &where, std::span<const char *const> keys, QJsonObject *object)
{
    if (!value.isObject())
        return fail(where, QStringLiteral("should be an object"));
    *object = value.toObject();
    const QString unknown = unknownKey(*object, keys);
    return unknown.isEmpty() || fail(where, unknown);
}

bool StubReader::read(const QJsonObject &object)
{
    QJsonObject stub = object;
    stub.remove(QStringLiteral("formatVersion")); // written by CollectionFormat::toBytes
    if (const QString unknown = unknownKey(stub, topKeys); !unknown.isEmpty())
        return fail({}, unknown);
    const QJsonValue priority = stub.value(QStringLiteral("priority"));
    if (!priority.isUndefined()
        && !isWholeNumber(priority, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()))
        return fail(QStringLiteral("priority"), QStringLiteral("should be a whole number"));
    m_stub->priority = priority.toInt();
    const QJsonValue respond = stub.value(QStringLiteral("respond"));
    return readMethod(stub.value(QStringLiteral("method")))
        && (!stub.contains(QStringLiteral("match")) || readMatch(stub.value(QStringLiteral("match"))))
        && (respond.isUndefined() || readRespond(respond)) && checkAnswers();
}

bool StubReader::readMethod(const QJsonValue &value)
{
    const QString where = QStringLiteral("method");
    if (value.isUndefined())
        return fail(where, QStringLiteral("missing (\"pkg.Service/Method\")"));
    if (!value.isString())
        return fail(where, QStringLiteral("should be a string (\"pkg.Service/Method\")"));
    QString problem;
    m_method = StubCheck::method(m_schema, value.toString(), &problem);
    if (!m_method)
        return fail(where, problem);
    m_stub->method = StubCheck::methodName(m_method);
    return true;
}

bool StubReader::readMatch(const QJsonValue &value)
{
    QJsonObject match;
    if (!object(value, QStringLiteral("match"), matchKeys, &match))
        return false;
    QString problem;
    if (!match.value(BodyKey).isUndefined() && !match.value(BodyKey).isNull()) {
        QJsonValue body = match.value(BodyKey);
        if (!StubCheck::requestBody(
                m_schema, m_method->input_type(), QStringLiteral("match.body"), &body, &problem))
            return fail({}, problem);
        m_stub->match.body = body;
    }
    const QJsonValue metadata = match.value(QStringLiteral("metadata"));
    return readBodyMatches(match.value(QStringLiteral("bodyMatches")))
        && (metadata.isUndefined()
            || readMetadata(metadata, QStringLiteral("match.metadata"), false, &m_stub->match.metadata));
}

bool StubReader::readBodyMatches(const QJsonValue &value)
{
    if (value.isUndefined())
        return true;
    const QString where = QStringLiteral("match.bodyMatches");
    if (!value.isObject())
        return fail(where, QStringLiteral("should be an object of JSON paths and regular expressions"));
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString at = JsonPath::child(where, it.key());
        JsonPath path;
        QString problem;
        if (!JsonPath::parse(it.key(), &path, &problem))
            return fail(at, problem);
        if (!StubCheck::requestPath(m_method->input_type(), path, at, &problem))
            return fail({}, problem);
        if (!it.value().isString())
            return fail(at, QStringLiteral("should be a string (a regular expression)"));
        const QRegularExpression regex(it.value().toString());
        if (!regex.isValid())
            return fail(at,
                QStringLiteral("not a valid regular expression: %1 at offset %2")
                    .arg(regex.errorString())
                    .arg(regex.patternErrorOffset()));
        m_stub->match.bodyMatches.insert(it.key(), it.value().toString());
    }
    return true;
}

// Metadata the mock sends must be what gRPC lets on the wire; "-bin" values are base64.
bool StubReader::readMetadata(
    const QJsonValue &value, const QString &where, bool forWire, QMap<QString, QString> *map)
{
    if (!value.isObject())
        return fail(where, QStringLiteral("should be an object of keys and values"));
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString at = JsonPath::child(where, it.key());
        if (!it.value().isString())
            return fail(at, QStringLiteral("should be a string"));
        QByteArray bytes = it.value().toString().toUtf8();
        if (forWire && it.key().endsWith(QLatin1String("-bin"))) {
            const auto decoded
                = QByteArray::fromBase64Encoding(bytes, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return fail(at, QStringLiteral("should be base64 (keys ending in -bin carry bytes)"));
            bytes = *decoded;
        }
        QString problem;
        if (forWire && !MetadataText::validate({it.key().toUtf8(), bytes}, &problem))
            return fail(at, problem);
        map->insert(it.key(), it.value().toString());
    }
    return true;
}

bool StubReader::readCount(const QJsonValue &value, const QString &where, int min, int *count)
{
    if (value.isUndefined())
        return true;
    if (!isWholeNumber(value, min, std::numeric_limits<int>::max()))
        return fail(where, QStringLiteral("should be a whole number from %1").arg(min));
    *count = value.toInt();
    return true;
}

bool StubReader::readRespond(const QJsonValue &value)
{
    QJsonObject respond;
    if (!object(value, QStringLiteral("respond"), respondKeys, &respond))
        return false;
    if (respond.contains(BodyKey) && respond.contains(StreamKey))
        return fail(QStringLiteral("respond"), QStringLiteral("has both \"body\" and \"stream\": use one"));
    if (respond.contains(BodyKey))
        m_stub->messages = {Stub::Message {respond.value(BodyKey), 0}};
    const QJsonValue headers = respond.value(QStringLiteral("headers"));
    const QJsonValue trailers = respond.value(QStringLiteral("trailers"));
    const QJsonValue status = respond.value(QStringLiteral("status"));
    return (!respond.contains(StreamKey) || readStream(respond.value(StreamKey)))
        && readCount(
            respond.value(QStringLiteral("repeat")), QStringLiteral("respond.repeat"), 1, &m_stub->repeat)
        && readCount(respond.value(DelayKey), QStringLiteral("respond.delayMs"), 0, &m_stub->delayMs)
        && (status.isUndefined() || readStatus(status))
        && (headers.isUndefined()
            || readMetadata(headers, QStringLiteral("respond.headers"), true, &m_stub->headers))
        && (trailers.isUndefined()
            || readMetadata(trailers, QStringLiteral("respond.trailers"), true, &m_stub->trailers))
        && readAnswer(respond.value(QStringLiteral("answer")));
}

bool StubReader::readStream(const QJsonValue &value)
{
    if (!value.isArray())
        return fail(QStringLiteral("respond.stream"),
            QStringLiteral("should be an array of {\"body\", \"delayMs\"}"));
    m_streamed = true;
    const QJsonArray stream = value.toArray();
    for (qsizetype i = 0; i < stream.size(); ++i) {
        const QString where = JsonPath::element(QStringLiteral("respond.stream"), int(i));
        QJsonObject entry;
        if (!object(stream.at(i), where, messageKeys, &entry))
            return false;
        if (!entry.contains(BodyKey))
            return fail(where, QStringLiteral("\"body\" is missing"));
        Stub::Message message {entry.value(BodyKey), 0};
        if (!readCount(entry.value(DelayKey), where + QStringLiteral(".delayMs"), 0, &message.delayMs))
            return false;
        m_stub->messages.append(message);
    }
    return true;
}

bool StubReader::readStatus(const QJsonValue &value)
{
    const QString where = QStringLiteral("respond.status");
    QJsonObject object;
    if (!this->object(value, where, statusKeys, &object))
        return false;
    Stub::Status status;
    const QJsonValue code = object.value(QStringLiteral("code"));
    const QString codeText = code.isDouble() ? QString::number(code.toDouble()) : code.toString();
    status.code = code.isString() || isWholeNumber(code, 0, 16) ? statusCodeFromName(codeText) : -1;
    if (status.code < 0 || status.code > 16)
        return fail(where + QStringLiteral(".code"),
            (code.isUndefined() ? QStringLiteral("missing")
                                : QStringLiteral("\"%1\" is unknown").arg(codeText))
                + QStringLiteral(": a gRPC status code name (NOT_FOUND, ...) or a number from 0 to 16"));
    const QJsonValue message = object.value(QStringLiteral("message"));
    if (!message.isUndefined() && !message.isString())
        return fail(where + QStringLiteral(".message"), QStringLiteral("should be a string"));
    status.message = message.toString();
    if (!readDetails(object.value(QStringLiteral("details")), &status.details))
        return false;
    m_stub->status = status;
    return true;
}

bool StubReader::readDetails(const QJsonValue &value, QList<QJsonObject> *details)
{
    const QString where = QStringLiteral("respond.status.details");
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return fail(where, QStringLiteral("should be an array of Any messages as JSON"));
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = JsonPath::element(where, int(i));
        const QJsonValue type = array.at(i).toObject().value(QStringLiteral("@type"));
        if (!array.at(i).isObject() || !type.isString())
            return fail(at, QStringLiteral("should be an object with \"@type\" (an Any as JSON)"));
        QString problem;
        if (!StubCheck::detailType(m_schema, type.toString(), at, &problem))
            return fail({}, problem);
        details->append(array.at(i).toObject());
    }
    return true;
}

bool StubReader::readAnswer(const QJsonValue &value)
{
    if (value.isUndefined() || value == QJsonValue(QStringLiteral("end")))
        m_stub->answer = Stub::Answer::AtEnd;
    else if (value == QJsonValue(QStringLiteral("each")))
        m_stub->answer = Stub::Answer::EachMessage;
    else
        return fail(QStringLiteral("respond.answer"), QStringLiteral("should be \"end\" or \"each\""));
    return true;
}

QString StubReader::messageWhere(qsizetype index) const
{
    return m_streamed
        ? JsonPath::element(QStringLiteral("respond.stream"), int(index)) + QStringLiteral(".body")
        : QStringLiteral("respond.body");
}

// A template may only name what a request of the method can hold.
bool StubReader::checkPlaceholders(const QJsonValue &body, const QString &where)
{
    for (const QString &placeholder : ResponseTemplate::placeholders(body)) {
        const QString at = where + QStringLiteral(": {{request") + placeholder.mid(1) + QStringLiteral("}}");
        JsonPath path;
        QString problem;
        if (!JsonPath::parse(placeholder, &path, &problem))
            return fail(at, problem);
        if (!StubCheck::requestPath(m_method->input_type(), path, at, &problem))
            return fail({}, problem);
    }
    return true;
}

// Every answer must reach the client: as many messages as the method may return, each one
// (rendered with an example request) encoding as the response type.
bool StubReader::checkAnswers()
{
    const qsizetype count = m_stub->messages.size();
    if (!m_method->server_streaming() && count * m_stub->repeat > 1) {
        const QString name = m_stub->method;
        return count > 1
            ? fail({}, QStringLiteral("%1 returns one message; respond.stream has %2").arg(name).arg(count))
            : fail({},
                QStringLiteral("%1 returns one message; respond.repeat is %2").arg(name).arg(m_stub->repeat));
    }
    const QJsonValue request
        = QJsonDocument::fromJson(ExampleResponse::json(m_method->input_type(), 0)).object();
    for (qsizetype i = 0; i < count; ++i) {
        const QJsonValue &body = m_stub->messages.at(i).body;
        if (!checkPlaceholders(body, messageWhere(i)))
            return false;
        QString problem;
        const QJsonValue rendered = ResponseTemplate::render(body, request);
        if (!StubCheck::responseBody(m_schema, m_method->output_type(), messageWhere(i), rendered, &problem))
            return fail({}, problem);
    }
    return true;
}

} // namespace wirescope
