#pragma once

#include <QJsonValue>

namespace wirescope {

// The body of a stub's answer with {{request.PATH}} filled in from the request message
// ({{request.text}}, {{request.items[0].name}}; PATH as model/json/JsonPath reads it after
// "$."), and {{request}} for the whole request as JSON. A string that is exactly one
// placeholder takes the value's own JSON type (a number stays a number); one inside other
// text is replaced by the value as text. A path that finds nothing renders as "".
namespace ResponseTemplate {

QJsonValue render(const QJsonValue &body, const QJsonValue &request);

// The placeholders a body uses as JSON paths ("$.text"; "$" for {{request}}), each once,
// for checking them against the request type.
QStringList placeholders(const QJsonValue &body);

// A value as a placeholder inside text shows it: a string as it is, anything else as compact
// JSON. Stub matching reads values the same way, so a regex sees what a template would write.
QString text(const QJsonValue &value);

} // namespace ResponseTemplate

} // namespace wirescope
