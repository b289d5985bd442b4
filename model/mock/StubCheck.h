#pragma once

#include <QJsonValue>
#include <QString>

namespace google::protobuf {
class Descriptor;
class MethodDescriptor;
} // namespace google::protobuf

namespace wirescope {

class JsonPath;
class Schema;

// The parts of a stub checked against the schema it will serve, so that a stub that could
// never match or never encode is refused when it is read, not when a call reaches it. Each
// error starts with `where` (the stub's field: "match.body", "respond.stream[2].body").
namespace StubCheck {

// The method a stub names ("pkg.Service/Method", "/pkg.Service/Method" or
// "pkg.Service.Method"); null with *error naming a near method when there is one.
const google::protobuf::MethodDescriptor *method(const Schema &schema, const QString &name, QString *error);
// "pkg.Service/Method"
QString methodName(const google::protobuf::MethodDescriptor *method);

// A subset of a request: every key a field of `type` (by JSON or proto name, at any depth) and
// every value one the field can hold. Rewrites keys to their JSON names and enum numbers to
// names, as the canonical JSON the matcher compares with writes them.
bool requestBody(const Schema &schema, const google::protobuf::Descriptor *type, const QString &where,
    QJsonValue *body, QString *error);
// A path into a request message (a bodyMatches key, a template's placeholder): every step a
// field by its JSON name, an index into a repeated field or a key of a map.
bool requestPath(
    const google::protobuf::Descriptor *type, const JsonPath &path, const QString &where, QString *error);
// An answer, templates already rendered: it must encode as `type`.
bool responseBody(const Schema &schema, const google::protobuf::Descriptor *type, const QString &where,
    const QJsonValue &body, QString *error);
// A status detail's "@type": a type URL naming a message of the schema or a google.rpc type.
bool detailType(const Schema &schema, const QString &typeUrl, const QString &where, QString *error);

} // namespace StubCheck

} // namespace wirescope
