#pragma once

#include <QString>
#include <QStringList>

#include <functional>

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
// `map` applied to the text between the helpers, which stay as written: a saved request's
// {{variables}} resolve through its environment while {{seq}} is left for each call, not
// taken for a variable that no environment defines.
QString mapOutside(const QString &text, const std::function<QString(const QString &)> &map);

} // namespace LoadTemplate

} // namespace wirescope
