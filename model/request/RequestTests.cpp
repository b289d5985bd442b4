#include "model/request/RequestTests.h"

#include "model/collection/CollectionFormat.h"
#include "model/collection/Environment.h"
#include "model/json/JsonPath.h"
#include "model/request/CallEvent.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <array>
#include <cmath>
#include <limits>
#include <utility>

namespace wirescope {

namespace {

using Op = Assertion::Op;

constexpr std::array opNames {
    std::pair {Op::Equals, "equals"},
    std::pair {Op::NotEquals, "notEquals"},
    std::pair {Op::Matches, "matches"},
    std::pair {Op::Exists, "exists"},
    std::pair {Op::Length, "length"},
    std::pair {Op::GreaterThan, "greaterThan"},
    std::pair {Op::LessThan, "lessThan"},
    std::pair {Op::Contains, "contains"},
};

// The keys "expect" may hold, in the order the error lists them.
constexpr std::array expectKeys {"status", "statusMessage", "messages", "maxMs", "headers", "trailers",
    "asserts", "snapshot", "snapshotIgnore"};

const QString PathKey = QStringLiteral("path");
const QString MessageKey = QStringLiteral("message");
const QString DefaultMessage = QStringLiteral("last");

QString opList()
{
    QStringList names;
    for (const auto &[op, name] : opNames)
        names.append(QLatin1String(name));
    return names.join(QStringLiteral(", "));
}

bool isWholeNumber(const QJsonValue &value, double min, double max)
{
    const double number = value.toDouble();
    return value.isDouble() && number >= min && number <= max && number == std::trunc(number);
}

bool isNonNegativeInt(const QJsonValue &value)
{
    return isWholeNumber(value, 0, std::numeric_limits<int>::max());
}

// A decimal integer as canonical proto3 JSON writes 64-bit fields: "-12", "18446744073709551615".
bool holdsInteger(const QString &text)
{
    static const QRegularExpression integer(QStringLiteral("^-?[0-9]+$"));
    if (!integer.match(text).hasMatch())
        return false;
    bool ok = false;
    if (text.startsWith(u'-'))
        text.toLongLong(&ok);
    else
        text.toULongLong(&ok);
    return ok;
}

bool checkRegex(const QString &pattern, const QString &what, QString *error)
{
    const QRegularExpression regex(pattern);
    if (regex.isValid())
        return true;
    *error = QStringLiteral("%1 is not a valid regular expression: %2 at offset %3")
                 .arg(what, regex.errorString())
                 .arg(regex.patternErrorOffset());
    return false;
}

// Whether the value suits the operator; *error says why not, naming the operator.
bool checkOperand(Op op, const QJsonValue &value, QString *error)
{
    const QString name = QStringLiteral("\"%1\"").arg(Assertion::opName(op));
    switch (op) {
    case Op::Matches:
        if (!value.isString()) {
            *error = name + QStringLiteral(" should be a string (a regular expression)");
            return false;
        }
        return checkRegex(value.toString(), name, error);
    case Op::Exists:
        if (!value.isBool()) {
            *error = name + QStringLiteral(" should be true or false");
            return false;
        }
        return true;
    case Op::Length:
        if (!isNonNegativeInt(value)) {
            *error = name + QStringLiteral(" should be a whole number, not negative");
            return false;
        }
        return true;
    case Op::GreaterThan:
    case Op::LessThan:
        if (!value.isDouble() && !(value.isString() && holdsInteger(value.toString()))) {
            *error = name + QStringLiteral(" should be a number, or a string holding an integer");
            return false;
        }
        return true;
    case Op::Equals:
    case Op::NotEquals:
    case Op::Contains:
        break;
    }
    return true;
}

// "last", "first", "all", or a 0-based index written as a JSON number.
bool messageFromJson(const QJsonValue &value, QString *message, QString *error)
{
    if (isNonNegativeInt(value)) {
        *message = QString::number(value.toInt());
        return true;
    }
    const QString text = value.toString();
    if (value.isString()
        && (text == QLatin1String("last") || text == QLatin1String("first")
            || text == QLatin1String("all"))) {
        *message = text;
        return true;
    }
    *error = QStringLiteral("\"message\" should be \"last\", \"first\", \"all\" or a message's index from 0");
    return false;
}

QJsonValue messageToJson(const QString &message)
{
    bool isIndex = false;
    const int index = message.toInt(&isIndex);
    return isIndex ? QJsonValue(index) : QJsonValue(message);
}

// `what` names the path in errors: "\"path\"" in an assertion, "the path" in a capture.
bool pathFromJson(const QJsonValue &value, const QString &what, QString *path, QString *error)
{
    if (!value.isString()) {
        *error = what
            + (value.isUndefined() ? QStringLiteral(" is missing") : QStringLiteral(" should be a string"));
        return false;
    }
    JsonPath parsed;
    if (!JsonPath::parse(value.toString(), &parsed, error))
        return false;
    *path = value.toString();
    return true;
}

bool assertionFromJson(const QJsonObject &object, Assertion *assertion, QString *error)
{
    Assertion result;
    std::optional<Op> found;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key() == PathKey || it.key() == MessageKey)
            continue;
        const std::optional<Op> op = Assertion::opFromName(it.key());
        if (!op) {
            *error = QStringLiteral("unknown operator \"%1\" (expected %2)").arg(it.key(), opList());
            return false;
        }
        if (found) {
            *error = QStringLiteral("two operators, \"%1\" and \"%2\": an assertion checks one thing")
                         .arg(Assertion::opName(*found), it.key());
            return false;
        }
        found = op;
        result.value = it.value();
    }
    if (!found) {
        *error = QStringLiteral("no operator (expected one of %1)").arg(opList());
        return false;
    }
    result.op = *found;
    if (!pathFromJson(object.value(PathKey), QStringLiteral("\"path\""), &result.path, error)
        || !checkOperand(result.op, result.value, error))
        return false;
    if (object.contains(MessageKey) && !messageFromJson(object.value(MessageKey), &result.message, error))
        return false;
    *assertion = result;
    return true;
}

QJsonObject assertionToJson(const Assertion &assertion)
{
    QJsonObject object {{PathKey, assertion.path}, {Assertion::opName(assertion.op), assertion.value}};
    if (assertion.message != DefaultMessage)
        object.insert(MessageKey, messageToJson(assertion.message));
    return object;
}

bool assertsFromJson(const QJsonArray &array, QList<Assertion> *asserts, QString *error)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        Assertion assertion;
        QString problem;
        if (!array.at(i).isObject())
            problem = QStringLiteral("should be an object");
        else
            assertionFromJson(array.at(i).toObject(), &assertion, &problem);
        if (!problem.isEmpty()) {
            *error = QStringLiteral("expect.asserts[%1]: %2").arg(i).arg(problem);
            return false;
        }
        asserts->append(assertion);
    }
    return true;
}

QJsonObject mapToJson(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QMap<QString, QString> mapFromJson(JsonFields &fields, const QString &key)
{
    QMap<QString, QString> map;
    const QJsonObject object = fields.object(key);
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it.value().isString()) {
            fields.fail(QStringLiteral("\"%1\": \"%2\" should be a string").arg(key, it.key()));
            return {};
        }
        map.insert(it.key(), it.value().toString());
    }
    return map;
}

// A status as a name ("NOT_FOUND", any case) or a number, kept as the name checks compare.
QString statusFromJson(JsonFields &fields, const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return {};
    const QString text = value.isDouble() ? QString::number(value.toDouble()) : value.toString();
    const int code = value.isString() || isWholeNumber(value, 0, 16) ? statusCodeFromName(text) : -1;
    if (code < 0 || code > 16) {
        QString problem
            = QStringLiteral("\"status\" should be a gRPC status code name (OK, NOT_FOUND...) or a "
                             "number from 0 to 16");
        if (value.isString())
            problem += QStringLiteral(", not \"%1\"").arg(text);
        else if (value.isDouble())
            problem += QStringLiteral(", not %1").arg(text);
        fields.fail(problem);
        return {};
    }
    return statusCodeName(code);
}

std::optional<int> optionalCount(JsonFields &fields, const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const int count = fields.integer(key, -1);
    if (count < 0) {
        fields.fail(QStringLiteral("\"%1\" should be a whole number, not negative").arg(key));
        return std::nullopt;
    }
    return count;
}

bool unknownKey(const QJsonObject &object, QString *error)
{
    QStringList known;
    for (const char *key : expectKeys)
        known.append(QLatin1String(key));
    for (const QString &key : object.keys()) {
        if (!known.contains(key)) {
            *error = QStringLiteral("expect: unknown key \"%1\" (expected %2)")
                         .arg(key, known.join(QStringLiteral(", ")));
            return true;
        }
    }
    return false;
}

bool ignoresFromJson(const QStringList &paths, QString *error)
{
    for (qsizetype i = 0; i < paths.size(); ++i) {
        JsonPath path;
        QString problem;
        if (!JsonPath::parse(paths.at(i), &path, &problem)) {
            *error = QStringLiteral("expect.snapshotIgnore[%1]: %2").arg(i).arg(problem);
            return false;
        }
    }
    return true;
}

} // namespace

QString Assertion::opName(Op op)
{
    for (const auto &[candidate, name] : opNames) {
        if (candidate == op)
            return QLatin1String(name);
    }
    return {};
}

std::optional<Assertion::Op> Assertion::opFromName(const QString &name)
{
    for (const auto &[op, text] : opNames) {
        if (name == QLatin1String(text))
            return op;
    }
    return std::nullopt;
}

const QList<Assertion::Op> &Assertion::allOps()
{
    static const QList<Op> ops = [] {
        QList<Op> list;
        for (const auto &[op, name] : opNames)
            list.append(op);
        return list;
    }();
    return ops;
}

QJsonObject Expectations::toJson() const
{
    QJsonObject object;
    if (!status.isEmpty())
        object.insert(QStringLiteral("status"), status);
    if (!statusMessage.isEmpty())
        object.insert(QStringLiteral("statusMessage"), statusMessage);
    if (messages)
        object.insert(QStringLiteral("messages"), *messages);
    if (maxMs)
        object.insert(QStringLiteral("maxMs"), *maxMs);
    if (!headers.isEmpty())
        object.insert(QStringLiteral("headers"), mapToJson(headers));
    if (!trailers.isEmpty())
        object.insert(QStringLiteral("trailers"), mapToJson(trailers));
    if (!asserts.isEmpty()) {
        QJsonArray array;
        for (const Assertion &assertion : asserts)
            array.append(assertionToJson(assertion));
        object.insert(QStringLiteral("asserts"), array);
    }
    if (snapshot)
        object.insert(QStringLiteral("snapshot"), true);
    if (!snapshotIgnore.isEmpty())
        object.insert(QStringLiteral("snapshotIgnore"), QJsonArray::fromStringList(snapshotIgnore));
    return object;
}

bool Expectations::fromJson(const QJsonObject &object, Expectations *expect, QString *error)
{
    if (unknownKey(object, error))
        return false;
    JsonFields fields(object, QStringLiteral("expect"));
    Expectations result;
    result.status = statusFromJson(fields, object.value(QStringLiteral("status")));
    result.statusMessage = fields.string(QStringLiteral("statusMessage"));
    QString problem;
    if (!checkRegex(result.statusMessage, QStringLiteral("\"statusMessage\""), &problem))
        fields.fail(problem);
    result.messages = optionalCount(fields, object, QStringLiteral("messages"));
    result.maxMs = optionalCount(fields, object, QStringLiteral("maxMs"));
    result.headers = mapFromJson(fields, QStringLiteral("headers"));
    result.trailers = mapFromJson(fields, QStringLiteral("trailers"));
    const QJsonArray asserts = fields.array(QStringLiteral("asserts"));
    result.snapshot = fields.boolean(QStringLiteral("snapshot"), false);
    result.snapshotIgnore = fields.strings(QStringLiteral("snapshotIgnore"));
    if (!fields.ok()) {
        *error = fields.error();
        return false;
    }
    if (!assertsFromJson(asserts, &result.asserts, error) || !ignoresFromJson(result.snapshotIgnore, error))
        return false;
    *expect = result;
    return true;
}

QJsonObject capturesToJson(const Captures &captures)
{
    QJsonObject object;
    for (const CaptureRule &rule : captures)
        object.insert(rule.variable, rule.path);
    return object;
}

bool capturesFromJson(const QJsonObject &object, Captures *captures, QString *error)
{
    Captures result;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        QString problem;
        QString path;
        // Only names that {{name}} can refer to: anything else could never be used.
        if (VariableScope::referencedNames(QStringLiteral("{{%1}}").arg(it.key())) != QStringList {it.key()})
            problem = QStringLiteral("not a variable name (letters, digits, _, . and -)");
        else
            pathFromJson(it.value(), QStringLiteral("the path"), &path, &problem);
        if (!problem.isEmpty()) {
            *error = JsonPath::child(QStringLiteral("capture"), it.key()) + QStringLiteral(": ") + problem;
            return false;
        }
        result.append({it.key(), path});
    }
    *captures = result;
    return true;
}

} // namespace wirescope
