#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

namespace wirescope {

// Two JSON values compared field by field: what was added, removed and changed, each at
// its path. Arrays (repeated fields) are matched by index; numbers are compared as JSON
// holds them and 64-bit integers, which canonical proto3 JSON writes as strings, exactly.
namespace JsonDiff {

struct Change {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path; // "$.items[2].id"
    QJsonValue before; // Undefined when added
    QJsonValue after; // Undefined when removed
};

QList<Change> diff(
    const QJsonValue &before, const QJsonValue &after, const QString &root = QStringLiteral("$"));

// Deep equality, with numbers compared by value (1 and 1.0 are equal).
bool equal(const QJsonValue &a, const QJsonValue &b);

// A value as compact JSON text, for messages ("\"hello\"", "3", "{\"a\":1}"); "(missing)"
// for an undefined value. Longer than maxLength, it ends in "…"; 0 keeps it whole.
QString text(const QJsonValue &value, int maxLength = 200);

QString kindName(Change::Kind kind);

} // namespace JsonDiff

} // namespace wirescope
