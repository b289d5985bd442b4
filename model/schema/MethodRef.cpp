#include "model/schema/MethodRef.h"

#include "model/json/ExampleJson.h"

#include <google/protobuf/descriptor.h>

#include <QSet>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

QString toQString(const std::string &text)
{
    return QString::fromStdString(text);
}

// Breadth-first over the message types reachable from `root`, so a recursive type is
// visited once.
void collectWords(const gp::Descriptor *root, QStringList *words)
{
    QSet<const gp::Descriptor *> seen;
    QSet<QString> unique;
    QList<const gp::Descriptor *> queue {root};
    while (!queue.isEmpty()) {
        const gp::Descriptor *type = queue.takeFirst();
        if (!type || seen.contains(type))
            continue;
        seen.insert(type);
        for (int i = 0; i < type->field_count(); ++i) {
            const gp::FieldDescriptor *field = type->field(i);
            unique.insert(toQString(field->json_name()));
            if (const gp::EnumDescriptor *enumType = field->enum_type()) {
                for (int v = 0; v < enumType->value_count(); ++v)
                    unique.insert(toQString(enumType->value(v)->name()));
            }
            if (field->message_type())
                queue.append(field->message_type());
        }
    }
    *words = QStringList(unique.cbegin(), unique.cend());
    words->sort(Qt::CaseInsensitive);
}

} // namespace

QString callKindBadge(CallKind kind)
{
    switch (kind) {
    case CallKind::Unary:
        return QStringLiteral("U");
    case CallKind::ServerStreaming:
        return QStringLiteral("SS");
    case CallKind::ClientStreaming:
        return QStringLiteral("CS");
    case CallKind::Bidi:
        return QStringLiteral("BIDI");
    }
    return {};
}

QString callKindName(CallKind kind)
{
    switch (kind) {
    case CallKind::Unary:
        return QStringLiteral("unary");
    case CallKind::ServerStreaming:
        return QStringLiteral("server streaming");
    case CallKind::ClientStreaming:
        return QStringLiteral("client streaming");
    case CallKind::Bidi:
        return QStringLiteral("bidirectional streaming");
    }
    return {};
}

MethodRef MethodRef::resolve(const SchemaPtr &schema, const QString &name)
{
    MethodRef ref;
    if (!schema)
        return ref;
    ref.m_method = schema->findMethod(name);
    if (ref.m_method)
        ref.m_schema = schema;
    return ref;
}

QString MethodRef::fullName() const
{
    if (!m_method)
        return {};
    return toQString(m_method->service()->full_name()) + u'/' + toQString(m_method->name());
}

QString MethodRef::path() const
{
    return m_method ? methodPath(m_method) : QString();
}

CallKind MethodRef::kind() const
{
    if (!m_method)
        return CallKind::Unary;
    if (m_method->client_streaming())
        return m_method->server_streaming() ? CallKind::Bidi : CallKind::ClientStreaming;
    return m_method->server_streaming() ? CallKind::ServerStreaming : CallKind::Unary;
}

const gp::Descriptor *MethodRef::requestType() const
{
    return m_method ? m_method->input_type() : nullptr;
}

const gp::Descriptor *MethodRef::responseType() const
{
    return m_method ? m_method->output_type() : nullptr;
}

QString MethodRef::requestTypeName() const
{
    return m_method ? toQString(m_method->input_type()->full_name()) : QString();
}

QString MethodRef::responseTypeName() const
{
    return m_method ? toQString(m_method->output_type()->full_name()) : QString();
}

QByteArray MethodRef::exampleRequest() const
{
    return m_method ? exampleJson(m_method->input_type()) : QByteArray("{}");
}

QStringList MethodRef::completionWords() const
{
    QStringList words;
    if (m_method)
        collectWords(m_method->input_type(), &words);
    return words;
}

bool MethodRef::encodeRequest(const QByteArray &json, QByteArray *binary, JsonError *error) const
{
    if (!m_method) {
        if (error)
            error->message = QStringLiteral("the method is not in the loaded schema");
        return false;
    }
    return JsonCodec::toBinary(*m_schema, m_method->input_type(), json, binary, error);
}

bool MethodRef::decode(const QByteArray &binary, bool isRequest, QByteArray *json, QString *error) const
{
    if (!m_method) {
        *error = QStringLiteral("the method is not in the loaded schema");
        return false;
    }
    const gp::Descriptor *type = isRequest ? m_method->input_type() : m_method->output_type();
    return JsonCodec::toJson(*m_schema, type, binary, json, JsonStyle {}, error);
}

} // namespace wirescope
