#pragma once

#include "model/json/JsonDiff.h"
#include "model/runner/CallOutcome.h"

#include <QJsonObject>
#include <QStringList>

namespace wirescope {

// A response kept beside its request as NAME.snapshot.json: the status and every message,
// so a later run can tell what changed. Paths to ignore (a timestamp, a generated id) are
// removed from each message on both sides before comparing.
namespace Snapshot {

// "dir/unary/echo.json" -> "dir/unary/echo.snapshot.json"
QString pathFor(const QString &requestFile);

// {"status": "OK", "statusMessage": "...", "messages": [...]}, ignored paths left out.
QJsonObject of(const CallOutcome &outcome, const QStringList &ignore);

bool read(const QString &file, QJsonObject *snapshot, QString *error);
bool write(const QString &file, const QJsonObject &snapshot, QString *error);

// The differences between a stored snapshot and a new one, ignored paths left out of both.
QList<JsonDiff::Change> compare(
    const QJsonObject &stored, const QJsonObject &current, const QStringList &ignore);

} // namespace Snapshot

} // namespace wirescope
