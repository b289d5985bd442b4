#include "model/mock/StubCheck.h"

#include "model/json/JsonCodec.h"
#include "model/json/JsonPath.h"
#include "model/schema/Schema.h"

#include <google/protobuf/descriptor.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <limits>
#include <vector>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

// Well-known types whose JSON is not an object of their fields; the codec judges them.
bool isSpecial(const gp::Descriptor *type)
{
    static const QSet<QByteArray> special {"google.protobuf.Any", "google.protobuf.Timestamp",
        "google.protobuf.Duration", "google.protobuf.FieldMask", "google.protobuf.Struct",
        "google.protobuf.Value", "google.protobuf.ListValue", "google.protobuf.DoubleValue",
        "google.protobuf.FloatValue", "google.protobuf.Int64Value", "google.protobuf.UInt64Value",
        "google.protobuf.Int32Value", "google.protobuf.UInt32Value", "google.protobuf.BoolValue",
        "google.protobuf.StringValue", "google.protobuf.BytesValue"};
    return special.contains(QByteArray::fromStdString(type->full_name()));
}

// Anything may sit below these: a path into them is not checked further.
bool isOpen(const gp::Descriptor *type)
{
    const std::string &name = type->full_name();
    return name == "google.protobuf.Any" || name == "google.protobuf.Struct"
        || name == "google.protobuf.Value" || name == "google.protobuf.ListValue";
}

QString typeName(const gp::Descriptor *type)
{
    return QString::fromStdString(type->full_name());
}

const gp::FieldDescriptor *fieldByJsonName(const gp::Descriptor *type, const QString &name)
{
    const std::string wanted = name.toStdString();
    for (int i = 0; i < type->field_count(); ++i) {
        if (type->field(i)->json_name() == wanted)
            return type->field(i);
    }
    return nullptr;
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> previous(size_t(b.size()) + 1);
    std::vector<int> current(previous.size());
    for (size_t j = 0; j < previous.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitute = previous[size_t(j - 1)] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            current[size_t(j)] = std::min({previous[size_t(j)] + 1, current[size_t(j - 1)] + 1, substitute});
        }
        std::swap(previous, current);
    }
    return previous.back();
}

// "pkg.Svc.Method" and "/pkg.Svc/Method" written as "pkg.Svc/Method", so spellings compare.
QString normalisedName(const QString &name)
{
    QString clean = name.trimmed();
    if (clean.startsWith(u'/'))
        clean.remove(0, 1);
    if (!clean.contains(u'/')) {
        const qsizetype dot = clean.lastIndexOf(u'.');
        if (dot > 0)
            clean[dot] = u'/';
    }
    return clean;
}

// The schema's method closest to `name`: the same method name in another service, or a few
// letters off.
QString nearMethod(const Schema &schema, const QString &name)
{
    const QString wanted = normalisedName(name).toLower();
    const QString wantedMethod = wanted.mid(wanted.lastIndexOf(u'/') + 1);
    QString best;
    int bestDistance = std::max<int>(2, int(wanted.size() / 4)) + 1;
    for (const QString &serviceName : schema.serviceNames()) {
        const gp::ServiceDescriptor *service = schema.findService(serviceName);
        for (int i = 0; service && i < service->method_count(); ++i) {
            const QString candidate = StubCheck::methodName(service->method(i));
            int distance = editDistance(wanted, candidate.toLower());
            if (QString::fromStdString(service->method(i)->name()).toLower() == wantedMethod)
                distance = std::min(distance, 1);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
    }
    return best;
}

QByteArray jsonBytes(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

bool encodes(const Schema &schema, const gp::Descriptor *type, const QString &where, const QJsonValue &body,
    QString *error)
{
    QByteArray binary;
    JsonError problem;
    if (JsonCodec::toBinary(schema, type, jsonBytes(body), &binary, &problem))
        return true;
    *error = where + QStringLiteral(": ") + problem.toString();
    return false;
}

// Checks (and, when `normalise` is set, rewrites) the field names of a body against its type.
// Values are left to the codec, which knows every rule of the JSON mapping.
class FieldNames final {
public:
    explicit FieldNames(bool normalise)
        : m_normalise(normalise)
    {
    }

    bool message(QJsonValue *value, const gp::Descriptor *type, const QString &where);
    const QString &error() const { return m_error; }

private:
    bool field(QJsonValue *value, const gp::FieldDescriptor *field, const QString &where);
    bool element(QJsonValue *value, const gp::FieldDescriptor *field, const QString &where);

    bool m_normalise;
    QString m_error;
};

bool FieldNames::message(QJsonValue *value, const gp::Descriptor *type, const QString &where)
{
    if (isSpecial(type) || !value->isObject())
        return true;
    const QJsonObject object = value->toObject();
    QJsonObject result;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString at = JsonPath::child(where, it.key());
        const gp::FieldDescriptor *member = fieldByJsonName(type, it.key());
        if (!member)
            member = type->FindFieldByName(it.key().toStdString());
        if (!member) {
            m_error = QStringLiteral("%1: no field \"%2\" in %3").arg(at, it.key(), typeName(type));
            return false;
        }
        QJsonValue child = it.value();
        if (!field(&child, member, at))
            return false;
        result.insert(m_normalise ? QString::fromStdString(member->json_name()) : it.key(), child);
    }
    *value = result;
    return true;
}

bool FieldNames::field(QJsonValue *value, const gp::FieldDescriptor *member, const QString &where)
{
    if (member->is_map() && value->isObject()) {
        QJsonObject entries = value->toObject();
        for (auto it = entries.begin(); it != entries.end(); ++it) {
            QJsonValue entry = it.value();
            if (!element(&entry, member->message_type()->map_value(), JsonPath::child(where, it.key())))
                return false;
            it.value() = entry;
        }
        *value = entries;
    } else if (member->is_repeated() && !member->is_map() && value->isArray()) {
        QJsonArray elements = value->toArray();
        for (qsizetype i = 0; i < elements.size(); ++i) {
            QJsonValue entry = elements.at(i);
            if (!element(&entry, member, JsonPath::element(where, int(i))))
                return false;
            elements.replace(i, entry);
        }
        *value = elements;
    } else if (!member->is_repeated()) {
        return element(value, member, where);
    }
    return true;
}

bool FieldNames::element(QJsonValue *value, const gp::FieldDescriptor *member, const QString &where)
{
    if (member->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE)
        return message(value, member->message_type(), where);
    // Canonical JSON names enum values; a number written in a stub would never equal one.
    if (m_normalise && member->cpp_type() == gp::FieldDescriptor::CPPTYPE_ENUM && value->isDouble()) {
        const double number = value->toDouble();
        const bool whole = number >= std::numeric_limits<int>::min()
            && number <= std::numeric_limits<int>::max() && number == double(int(number));
        if (const gp::EnumValueDescriptor *named
            = whole ? member->enum_type()->FindValueByNumber(int(number)) : nullptr)
            *value = QString::fromStdString(named->name());
    }
    return true;
}

// Where a path has got to in a request type.
struct Position {
    const gp::Descriptor *message = nullptr; // at a message, before one of its fields
    const gp::FieldDescriptor *container = nullptr; // at a repeated or map field, before [N] or ['key']
    bool open = false; // inside a Struct, Value, ListValue or Any, where anything may be

    // The field itself (`whole`) or one of its elements.
    static Position of(const gp::FieldDescriptor *field, bool whole)
    {
        if (whole && field->is_repeated())
            return {nullptr, field, false};
        const gp::FieldDescriptor *value = field->is_map() ? field->message_type()->map_value() : field;
        if (value->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE)
            return {};
        const gp::Descriptor *type = value->message_type();
        if (isSpecial(type))
            return {nullptr, nullptr, isOpen(type)};
        return {type, nullptr, false};
    }
};

// One step of a request path; false with *problem when the type has nothing there.
bool advance(Position *position, const JsonPath::Step &step, const QString &walked, QString *problem)
{
    if (position->container) {
        const bool isMap = position->container->is_map();
        if (isMap == (step.index >= 0)) {
            *problem = isMap ? QStringLiteral("\"%1\" is a map: its entries are ['key']").arg(walked)
                             : QStringLiteral("\"%1\" is a list: its elements are [N]").arg(walked);
            return false;
        }
        *position = Position::of(position->container, false);
        return true;
    }
    if (!position->message) {
        *problem = QStringLiteral("\"%1\" holds a single value, with nothing under it").arg(walked);
        return false;
    }
    if (step.index >= 0) {
        *problem = QStringLiteral("\"%1\" is a message, not a list").arg(walked);
        return false;
    }
    const gp::FieldDescriptor *member = fieldByJsonName(position->message, step.key);
    if (!member) {
        *problem = QStringLiteral("no field \"%1\" in %2").arg(step.key, typeName(position->message));
        if (const gp::FieldDescriptor *byName = position->message->FindFieldByName(step.key.toStdString()))
            *problem += QStringLiteral(" (the request's JSON calls \"%1\" \"%2\")")
                            .arg(step.key, QString::fromStdString(byName->json_name()));
        return false;
    }
    *position = Position::of(member, true);
    return true;
}

} // namespace

namespace StubCheck {

QString methodName(const gp::MethodDescriptor *method)
{
    return QString::fromStdString(method->service()->full_name()) + u'/'
        + QString::fromStdString(method->name());
}

const gp::MethodDescriptor *method(const Schema &schema, const QString &name, QString *error)
{
    if (const gp::MethodDescriptor *found = schema.findMethod(name))
        return found;
    *error = QStringLiteral("no method \"%1\" in the schema").arg(name);
    const QString near = nearMethod(schema, name);
    if (!near.isEmpty())
        *error += QStringLiteral(" (did you mean \"%1\"?)").arg(near);
    return nullptr;
}

bool requestBody(
    const Schema &schema, const gp::Descriptor *type, const QString &where, QJsonValue *body, QString *error)
{
    FieldNames names(true);
    if (!names.message(body, type, where)) {
        *error = names.error();
        return false;
    }
    return encodes(schema, type, where, *body, error);
}

bool requestPath(const gp::Descriptor *type, const JsonPath &path, const QString &where, QString *error)
{
    if (path.isError()) {
        *error = where + QStringLiteral(": a request has no status: its paths start with $");
        return false;
    }
    Position position {type, nullptr, false};
    QString walked = QStringLiteral("$");
    for (const JsonPath::Step &step : path.steps()) {
        if (position.open)
            return true;
        QString problem;
        if (!advance(&position, step, walked, &problem)) {
            *error = where + QStringLiteral(": ") + problem;
            return false;
        }
        walked = step.index >= 0 ? JsonPath::element(walked, step.index) : JsonPath::child(walked, step.key);
    }
    return true;
}

bool responseBody(const Schema &schema, const gp::Descriptor *type, const QString &where,
    const QJsonValue &body, QString *error)
{
    FieldNames names(false);
    QJsonValue checked = body;
    if (!names.message(&checked, type, where)) {
        *error = names.error();
        return false;
    }
    return encodes(schema, type, where, body, error);
}

bool detailType(const Schema &schema, const QString &typeUrl, const QString &where, QString *error)
{
    const qsizetype slash = typeUrl.lastIndexOf(u'/');
    if (slash < 0) {
        *error = QStringLiteral("%1: \"@type\" should be a type URL such as "
                                "\"type.googleapis.com/google.rpc.ErrorInfo\", not \"%2\"")
                     .arg(where, typeUrl);
        return false;
    }
    // google.rpc's details are known to every client whether the schema imports them or not.
    if (typeUrl.startsWith(QLatin1String("type.googleapis.com/google.rpc."))
        || schema.findMessage(typeUrl.mid(slash + 1)))
        return true;
    *error = QStringLiteral("%1: no message type \"%2\" in the schema (details are google.rpc types or the "
                            "schema's own)")
                 .arg(where, typeUrl.mid(slash + 1));
    return false;
}

} // namespace StubCheck

} // namespace wirescope
