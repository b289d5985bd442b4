#pragma once

#include <QString>
#include <QStringList>

namespace wirescope {

// A load run's per-call values in a request's body or metadata: {{seq}} is the call's number
// (from 1, in the order calls start) and {{randomInt A B}} a whole number from A to B, drawn
// from the call's number so a run can be repeated exactly. Anything else in braces is left as
// it is.
namespace LoadTemplate {

bool holdsTemplates(const QString &text);
// False with *error naming a helper that is not known or not well formed ("{{randomInt 5}}").
bool check(const QString &text, QString *error);
QString render(const QString &text, qint64 seq);

} // namespace LoadTemplate

} // namespace wirescope
