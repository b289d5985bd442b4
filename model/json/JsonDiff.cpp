#include "model/json/JsonDiff.h"

#include "model/json/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>

namespace wirescope::JsonDiff {

namespace {

// Beyond 2^53 a double no longer holds every integer, and Qt keeps integers that big
// exactly: two of them may share a double yet differ.
constexpr double ExactDoubleLimit = 9007199254740992.0;

bool numbersEqual(const QJsonValue &a, const QJsonValue &b)
{
    const double x = a.toDouble();
    if (x != b.toDouble())
        return false;
    if (std::fabs(x) < ExactDoubleLimit)
        return true;
    constexpr qint64 none = std::numeric_limits<qint64>::min();
    return a.toInteger(none) == b.toInteger(none);
}

void diffInto(const QJsonValue &before, const QJsonValue &after, const QString &path, QList<Change> *changes)
{
    if (before.isUndefined() && after.isUndefined())
        return;
    if (before.isUndefined()) {
        changes->append({Change::Kind::Added, path, before, after});
        return;
    }
    if (after.isUndefined()) {
        changes->append({Change::Kind::Removed, path, before, after});
        return;
    }
    if (before.isObject() && after.isObject()) {
        const QJsonObject a = before.toObject();
        const QJsonObject b = after.toObject();
        QStringList keys = a.keys() + b.keys();
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        for (const QString &key : std::as_const(keys))
            diffInto(a.value(key), b.value(key), JsonPath::child(path, key), changes);
        return;
    }
    if (before.isArray() && after.isArray()) {
        const QJsonArray a = before.toArray();
        const QJsonArray b = after.toArray();
        const qsizetype count = std::max(a.size(), b.size());
        for (qsizetype i = 0; i < count; ++i) {
            const QJsonValue x = i < a.size() ? a.at(i) : QJsonValue(QJsonValue::Undefined);
            const QJsonValue y = i < b.size() ? b.at(i) : QJsonValue(QJsonValue::Undefined);
            diffInto(x, y, JsonPath::element(path, int(i)), changes);
        }
        return;
    }
    if (!equal(before, after))
        changes->append({Change::Kind::Changed, path, before, after});
}

} // namespace

QList<Change> diff(const QJsonValue &before, const QJsonValue &after, const QString &root)
{
    QList<Change> changes;
    diffInto(before, after, root, &changes);
    return changes;
}

bool equal(const QJsonValue &a, const QJsonValue &b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QJsonValue::Double:
        return numbersEqual(a, b);
    case QJsonValue::Array: {
        const QJsonArray x = a.toArray();
        const QJsonArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!equal(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.constBegin(); it != x.constEnd(); ++it) {
            if (!y.contains(it.key()) || !equal(it.value(), y.value(it.key())))
                return false;
        }
        return true;
    }
    default:
        return a == b;
    }
}

QString text(const QJsonValue &value, int maxLength)
{
    QString result;
    if (value.isUndefined())
        return QStringLiteral("(missing)");
    if (value.isObject())
        result = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    else if (value.isArray())
        result = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    else // a document holds only containers: the scalar goes in an array, its brackets come off
        result = QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact))
                     .mid(1)
                     .chopped(1);
    if (maxLength > 0 && result.size() > maxLength)
        result = result.left(maxLength - 1) + QChar(0x2026); // …
    return result;
}

QString kindName(Change::Kind kind)
{
    switch (kind) {
    case Change::Kind::Added:
        return QStringLiteral("added");
    case Change::Kind::Removed:
        return QStringLiteral("removed");
    case Change::Kind::Changed:
        break;
    }
    return QStringLiteral("changed");
}

} // namespace wirescope::JsonDiff
