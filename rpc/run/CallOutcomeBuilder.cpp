#include "rpc/run/CallOutcomeBuilder.h"

#include "model/json/JsonCodec.h"
#include "rpc/call/StatusDetails.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace wirescope {

namespace {

QJsonValue parsed(const QByteArray &json)
{
    // Wrapped in an array so that any JSON value parses, not only objects.
    const QJsonDocument document = QJsonDocument::fromJson("[" + json + "]");
    return document.isArray() && !document.array().isEmpty() ? document.array().first() : QJsonValue();
}

} // namespace

CallOutcomeBuilder::CallOutcomeBuilder(SchemaPtr schema, const google::protobuf::Descriptor *responseType)
    : m_schema(std::move(schema))
    , m_responseType(responseType)
{
    m_outcome.sent = true;
}

void CallOutcomeBuilder::add(const CallEvents &events)
{
    for (const CallEvent &event : events) {
        switch (event.type) {
        case CallEvent::Type::Headers:
            m_outcome.headers = event.metadata;
            break;
        case CallEvent::Type::Received: {
            QByteArray json;
            if (m_schema && m_responseType
                && JsonCodec::toJson(*m_schema, m_responseType, event.payload, &json, JsonStyle {}, nullptr))
                m_outcome.messages.append(parsed(json));
            else
                m_outcome.messages.append(QJsonValue(QJsonValue::Undefined));
            break;
        }
        case CallEvent::Type::Finished:
            m_outcome.code = event.status.code;
            m_outcome.statusMessage = event.status.message;
            m_outcome.trailers = event.metadata;
            m_outcome.error = errorJson(event.status, m_schema.get());
            m_outcome.elapsedMs = double(event.nanos) / 1e6;
            break;
        case CallEvent::Type::Sent:
        case CallEvent::Type::HalfClosed:
            break;
        }
    }
}

QJsonValue CallOutcomeBuilder::errorJson(const CallStatus &status, const Schema *schema)
{
    QJsonArray details;
    if (!status.details.isEmpty()) {
        const RichStatus rich = decodeStatusDetails(status.details, schema);
        for (const StatusDetail &detail : rich.details) {
            QJsonObject object = parsed(detail.json).toObject();
            // Any's JSON form: the type first, then the fields; an unknown type keeps its bytes.
            object.insert(
                QStringLiteral("@type"), QString(QStringLiteral("type.googleapis.com/") + detail.typeName));
            if (detail.json.isEmpty())
                object.insert(QStringLiteral("value"), QString::fromLatin1(detail.raw.toBase64()));
            details.append(object);
        }
    }
    return QJsonObject {{QStringLiteral("code"), status.code}, {QStringLiteral("message"), status.message},
        {QStringLiteral("details"), details}};
}

} // namespace wirescope
