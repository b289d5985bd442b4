#include "model/runner/ExpectCheck.h"

#include "model/json/JsonDiff.h"
#include "model/json/JsonPath.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <limits>
#include <optional>

namespace wirescope::ExpectCheck {

namespace {

using Op = Assertion::Op;

// Below 2^53 every integer is exact as a double, so a number from the file can stand for
// an int64 field that proto3 JSON writes as a string.
constexpr double ExactDoubleLimit = 9007199254740992.0;
constexpr double SignedLimit = 9223372036854775808.0; // 2^63

const QString Missing = QStringLiteral("(missing)");
const QString NoMessage = QStringLiteral("no response message");

// A number as an assertion compares it: 64-bit integers exactly (they come as strings in
// proto3 JSON, or as integers Qt kept whole), anything else as a double.
struct Number {
    bool integral = false;
    bool fitsSigned = false;
    bool nonNegative = false;
    qint64 signedValue = 0;
    quint64 unsignedValue = 0;
    double real = 0;
};

bool isIntegerText(const QString &text)
{
    static const QRegularExpression integer(QStringLiteral("^-?[0-9]+$"));
    return integer.match(text).hasMatch();
}

std::optional<Number> numberOf(const QJsonValue &value)
{
    Number number;
    if (value.isDouble()) {
        number.real = value.toDouble();
        if (number.real == std::trunc(number.real) && std::fabs(number.real) < SignedLimit) {
            number.integral = number.fitsSigned = true;
            number.signedValue = value.toInteger();
            number.nonNegative = number.signedValue >= 0;
            number.unsignedValue = number.nonNegative ? quint64(number.signedValue) : 0;
        }
        return number;
    }
    const QString text = value.toString();
    if (!value.isString() || !isIntegerText(text))
        return std::nullopt;
    bool ok = false;
    number.integral = true;
    number.real = text.toDouble();
    if (text.startsWith(u'-')) {
        number.signedValue = text.toLongLong(&ok);
        number.fitsSigned = ok;
        number.nonNegative = number.signedValue == 0;
    } else {
        number.unsignedValue = text.toULongLong(&ok);
        number.nonNegative = ok;
        number.fitsSigned = ok && number.unsignedValue <= quint64(std::numeric_limits<qint64>::max());
        number.signedValue = number.fitsSigned ? qint64(number.unsignedValue) : 0;
    }
    // Past 64 bits only the double is left to compare.
    number.integral = ok;
    return number;
}

template<typename T> int order(T a, T b)
{
    return (a > b) - (a < b);
}

int compareNumbers(const Number &a, const Number &b)
{
    if (a.integral && b.integral) {
        if (a.fitsSigned && b.fitsSigned)
            return order(a.signedValue, b.signedValue);
        if (a.nonNegative && b.nonNegative)
            return order(a.unsignedValue, b.unsignedValue);
    }
    return order(a.real, b.real);
}

// "9007199254740993" (an int64 field) against 9007199254740993 typed in the file: equal
// only when the number is a whole one small enough to be exact.
bool integerTextEquals(const QString &text, const QJsonValue &number)
{
    const double x = number.toDouble();
    if (x != std::trunc(x) || std::fabs(x) >= ExactDoubleLimit)
        return false;
    const std::optional<Number> parsed = numberOf(QJsonValue(text));
    return parsed && parsed->integral && parsed->fitsSigned && parsed->signedValue == qint64(x);
}

// JsonDiff::equal, except that an integer string and the same integer as a number are
// equal at any depth: files write int64 values as numbers, proto3 JSON as strings.
bool sameValue(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isString() && b.isDouble())
        return integerTextEquals(a.toString(), b);
    if (a.isDouble() && b.isString())
        return integerTextEquals(b.toString(), a);
    if (a.isArray() && b.isArray()) {
        const QJsonArray x = a.toArray();
        const QJsonArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!sameValue(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    if (a.isObject() && b.isObject()) {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.constBegin(); it != x.constEnd(); ++it) {
            if (!y.contains(it.key()) || !sameValue(it.value(), y.value(it.key())))
                return false;
        }
        return true;
    }
    return JsonDiff::equal(a, b);
}

// Whether every field of `part` is in `whole` with the same value; objects inside are
// subsets in turn. *where names the first field that is not (".a.b").
bool isSubset(const QJsonObject &whole, const QJsonObject &part, const QString &path, QString *where)
{
    for (auto it = part.constBegin(); it != part.constEnd(); ++it) {
        const QString at = JsonPath::child(path, it.key());
        const QJsonValue actual = whole.value(it.key());
        const bool held = actual.isObject() && it.value().isObject()
            ? isSubset(actual.toObject(), it.value().toObject(), at, where)
            : !actual.isUndefined() && sameValue(actual, it.value());
        if (!held) {
            if (where->isEmpty())
                *where = at;
            return false;
        }
    }
    return true;
}

// Where two values differ, relative to the asserted value (".name", "[2].id"), in short.
QString differences(const QJsonValue &actual, const QJsonValue &expected)
{
    if (!(actual.isObject() && expected.isObject()) && !(actual.isArray() && expected.isArray()))
        return {};
    const QList<JsonDiff::Change> changes = JsonDiff::diff(expected, actual, QString());
    QStringList parts;
    for (const JsonDiff::Change &change : changes) {
        if (parts.size() == 3) {
            parts.append(QStringLiteral("%1 more").arg(changes.size() - 3));
            break;
        }
        const QString what = change.kind == JsonDiff::Change::Kind::Added
            ? QStringLiteral("unexpected")
            : (change.kind == JsonDiff::Change::Kind::Removed ? QStringLiteral("missing")
                                                              : QStringLiteral("differs"));
        parts.append(change.path + u' ' + what);
    }
    return parts.join(QStringLiteral("; "));
}

bool contains(const QJsonValue &actual, const QJsonValue &expected, QString *why)
{
    if (actual.isString()) {
        if (expected.isString() && actual.toString().contains(expected.toString()))
            return true;
        *why = expected.isString() ? QStringLiteral("not a substring")
                                   : QStringLiteral("a string can only contain a string");
        return false;
    }
    if (actual.isArray()) {
        const QJsonArray array = actual.toArray();
        for (const QJsonValue &element : array) {
            QString ignored;
            if (sameValue(element, expected)
                || (element.isObject() && expected.isObject()
                    && isSubset(element.toObject(), expected.toObject(), QString(), &ignored)))
                return true;
        }
        *why = expected.isObject() ? QStringLiteral("no element holds these fields")
                                   : QStringLiteral("no element is equal to it");
        return false;
    }
    if (actual.isObject()) {
        QString where;
        if (!expected.isObject()) {
            *why = QStringLiteral("an object can only contain an object (some of its fields)");
            return false;
        }
        if (isSubset(actual.toObject(), expected.toObject(), QString(), &where))
            return true;
        *why = QStringLiteral("%1 is missing or different").arg(where);
        return false;
    }
    *why = QStringLiteral("not a string, array or object");
    return false;
}

bool matches(const QJsonValue &actual, const QJsonValue &expected, QString *why)
{
    if (!actual.isString() && !actual.isDouble() && !actual.isBool()) {
        *why = QStringLiteral("not a string, number or bool");
        return false;
    }
    const QRegularExpression regex(expected.toString());
    if (!regex.isValid()) {
        *why = QStringLiteral("not a valid regular expression: %1").arg(regex.errorString());
        return false;
    }
    const QString text = actual.isString() ? actual.toString() : JsonDiff::text(actual, 0);
    if (regex.match(text).hasMatch())
        return true;
    *why = QStringLiteral("does not match");
    return false;
}

// Lengths count characters, not UTF-16 units, so an emoji is one.
std::optional<qint64> lengthOf(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray().size();
    if (value.isString())
        return value.toString().toUcs4().size();
    if (value.isObject())
        return value.toObject().size();
    return std::nullopt;
}

bool hasLength(const QJsonValue &actual, const QJsonValue &expected, QString *why)
{
    const std::optional<qint64> length = lengthOf(actual);
    if (!length) {
        *why = QStringLiteral("has no length (not an array, string or object)");
        return false;
    }
    if (double(*length) == expected.toDouble())
        return true;
    const QString unit = actual.isArray()
        ? QStringLiteral("elements")
        : (actual.isString() ? QStringLiteral("characters") : QStringLiteral("fields"));
    *why = QStringLiteral("%1 %2").arg(*length).arg(unit);
    return false;
}

bool ordered(Op op, const QJsonValue &actual, const QJsonValue &expected, QString *why)
{
    const std::optional<Number> a = numberOf(actual);
    const std::optional<Number> b = numberOf(expected);
    if (!a || !b) {
        *why = !a ? QStringLiteral("not a number") : QStringLiteral("the expected value is not a number");
        return false;
    }
    const int sign = compareNumbers(*a, *b);
    if (op == Op::GreaterThan ? sign > 0 : sign < 0)
        return true;
    *why = op == Op::GreaterThan ? QStringLiteral("not greater") : QStringLiteral("not less");
    return false;
}

QString selectorSuffix(const QString &message)
{
    if (message == QLatin1String("last"))
        return {};
    if (message == QLatin1String("all") || message == QLatin1String("first"))
        return QStringLiteral(" [%1]").arg(message);
    return QStringLiteral(" [message %1]").arg(message);
}

// What the assertion saw, in words: the value, or for "length" the length it measured.
QString actualText(const Assertion &assertion, const QJsonValue &actual)
{
    if (assertion.op == Op::Length && !actual.isUndefined()) {
        if (const std::optional<qint64> length = lengthOf(actual))
            return QString::number(*length);
    }
    return JsonDiff::text(actual);
}

// The root "$error" paths read: nothing when the call carried no status details.
QJsonValue errorRoot(const CallOutcome &outcome)
{
    return outcome.error.isNull() ? QJsonValue(QJsonValue::Undefined) : outcome.error;
}

QJsonValue valueAt(const JsonPath &path, const QJsonValue &root)
{
    return path.evaluate(root).value_or(QJsonValue(QJsonValue::Undefined));
}

// Judges one message; false with result's actual and note set when it does not hold.
bool judgeMessage(
    const Assertion &assertion, const JsonPath &path, const QJsonValue &message, CheckResult *result)
{
    if (message.isUndefined()) {
        result->actual = Missing;
        result->note = QStringLiteral("the message could not be decoded to JSON");
        return false;
    }
    const QJsonValue actual = valueAt(path, message);
    result->actual = actualText(assertion, actual);
    QString why;
    if (compare(assertion.op, actual, assertion.value, &why))
        return true;
    result->note = why;
    return false;
}

// The message "first", "last" or "N" selects; -1 with *note set when there is none.
int selectedMessage(const QString &selector, qsizetype count, QString *note)
{
    if (selector == QLatin1String("first"))
        return 0;
    if (selector == QLatin1String("last"))
        return int(count - 1);
    bool isIndex = false;
    const int index = selector.toInt(&isIndex);
    if (!isIndex || index < 0) {
        *note = QStringLiteral("\"%1\" selects no message (last, first, all or an index)").arg(selector);
        return -1;
    }
    if (index >= count) {
        *note = count == 1 ? QStringLiteral("there is only 1 message")
                           : QStringLiteral("there are only %1 messages").arg(count);
        return -1;
    }
    return index;
}

CheckResult checkMessages(
    const Assertion &assertion, const JsonPath &path, const CallOutcome &outcome, CheckResult result)
{
    const QList<QJsonValue> &messages = outcome.messages;
    if (messages.isEmpty()) {
        result.actual = Missing;
        result.note = NoMessage;
        return result;
    }
    if (assertion.message == QLatin1String("all")) {
        // Counted from 1 in words ("message 3 of 3" is the last), unlike "message": N, an index.
        for (qsizetype i = 0; i < messages.size(); ++i) {
            if (!judgeMessage(assertion, path, messages.at(i), &result)) {
                result.note
                    = QStringLiteral("message %1 of %2: %3").arg(i + 1).arg(messages.size()).arg(result.note);
                return result;
            }
        }
        result.passed = true;
        return result;
    }
    const int index = selectedMessage(assertion.message, messages.size(), &result.note);
    if (index < 0) {
        result.actual = Missing;
        return result;
    }
    result.passed = judgeMessage(assertion, path, messages.at(index), &result);
    return result;
}

CheckResult textCheck(const QString &name, bool passed, const QString &expected, const QString &actual)
{
    return {name, passed, expected, actual, {}};
}

CheckResult statusCheck(const Expectations &expect, const CallOutcome &outcome)
{
    const QString expected = expect.status.isEmpty() ? QStringLiteral("OK") : expect.status;
    const int code = statusCodeFromName(expected);
    CheckResult result = textCheck(
        QStringLiteral("status"), code >= 0 && code == outcome.code, expected, outcome.codeName());
    if (!result.passed)
        result.note = outcome.statusMessage;
    return result;
}

CheckResult statusMessageCheck(const QString &pattern, const CallOutcome &outcome)
{
    const QRegularExpression regex(pattern);
    CheckResult result = textCheck(QStringLiteral("status message"),
        regex.isValid() && regex.match(outcome.statusMessage).hasMatch(), pattern, outcome.statusMessage);
    if (!regex.isValid())
        result.note = QStringLiteral("not a valid regular expression: %1").arg(regex.errorString());
    return result;
}

void metadataChecks(const QString &kind, const QMap<QString, QString> &expected, const Metadata &metadata,
    QList<CheckResult> *results)
{
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QString value;
        const bool present = CallOutcome::metadataValue(metadata, it.key(), &value);
        results->append(textCheck(
            kind + u' ' + it.key(), present && value == it.value(), it.value(), present ? value : Missing));
    }
}

} // namespace

QList<CheckResult> check(const Expectations &expect, const CallOutcome &outcome)
{
    if (!outcome.sent)
        return {textCheck(QStringLiteral("sent"), false, QStringLiteral("sent"), outcome.failure)};
    QList<CheckResult> results {statusCheck(expect, outcome)};
    if (!expect.statusMessage.isEmpty())
        results.append(statusMessageCheck(expect.statusMessage, outcome));
    if (expect.messages) {
        const qsizetype count = outcome.messages.size();
        results.append(textCheck(QStringLiteral("messages"), count == *expect.messages,
            QString::number(*expect.messages), QString::number(count)));
    }
    if (expect.maxMs) {
        results.append(textCheck(QStringLiteral("time"), outcome.elapsedMs <= *expect.maxMs,
            QStringLiteral("<= %1 ms").arg(*expect.maxMs), outcome.elapsedText()));
    }
    metadataChecks(QStringLiteral("header"), expect.headers, outcome.headers, &results);
    metadataChecks(QStringLiteral("trailer"), expect.trailers, outcome.trailers, &results);
    for (const Assertion &assertion : expect.asserts)
        results.append(checkAssertion(assertion, outcome));
    return results;
}

CheckResult checkAssertion(const Assertion &assertion, const CallOutcome &outcome)
{
    CheckResult result;
    result.name = assertion.path + u' ' + Assertion::opName(assertion.op) + selectorSuffix(assertion.message);
    result.expected = JsonDiff::text(assertion.value);
    JsonPath path;
    QString error;
    if (!JsonPath::parse(assertion.path, &path, &error)) {
        result.actual = Missing;
        result.note = error;
        return result;
    }
    if (!path.isError())
        return checkMessages(assertion, path, outcome, result);
    // The status details are one value, whichever message the assertion names.
    const QJsonValue actual = valueAt(path, errorRoot(outcome));
    result.actual = actualText(assertion, actual);
    result.passed = compare(assertion.op, actual, assertion.value, &result.note);
    return result;
}

QMap<QString, QString> capture(
    const Captures &captures, const CallOutcome &outcome, QList<CheckResult> *failures)
{
    QMap<QString, QString> values;
    for (const CaptureRule &rule : captures) {
        CheckResult failure
            = textCheck(QStringLiteral("capture ") + rule.variable, false, rule.path, Missing);
        JsonPath path;
        QJsonValue root;
        if (!JsonPath::parse(rule.path, &path, &failure.note))
            root = QJsonValue(QJsonValue::Undefined);
        else if (path.isError())
            root = errorRoot(outcome);
        else if (outcome.messages.isEmpty())
            failure.note = NoMessage;
        else
            root = outcome.messages.last();
        const std::optional<QJsonValue> value = failure.note.isEmpty() ? path.evaluate(root) : std::nullopt;
        if (!value) {
            if (failure.note.isEmpty())
                failure.note = QStringLiteral("nothing at this path");
            if (failures)
                failures->append(failure);
            continue;
        }
        // Whole, not shortened: the value is sent on in later requests.
        values.insert(rule.variable, value->isString() ? value->toString() : JsonDiff::text(*value, 0));
    }
    return values;
}

bool compare(Assertion::Op op, const QJsonValue &actual, const QJsonValue &expected, QString *why)
{
    if (op == Op::Exists) {
        const bool found = !actual.isUndefined();
        if (found == expected.toBool())
            return true;
        *why = found ? QStringLiteral("found, but it should be absent")
                     : QStringLiteral("nothing at this path");
        return false;
    }
    if (actual.isUndefined()) {
        *why = QStringLiteral("nothing at this path");
        return false;
    }
    switch (op) {
    case Op::Equals:
        if (sameValue(actual, expected))
            return true;
        *why = differences(actual, expected);
        return false;
    case Op::NotEquals:
        if (!sameValue(actual, expected))
            return true;
        *why = QStringLiteral("equal to the value it should differ from");
        return false;
    case Op::Matches:
        return matches(actual, expected, why);
    case Op::Length:
        return hasLength(actual, expected, why);
    case Op::GreaterThan:
    case Op::LessThan:
        return ordered(op, actual, expected, why);
    case Op::Contains:
        return contains(actual, expected, why);
    case Op::Exists:
        break;
    }
    return false;
}

} // namespace wirescope::ExpectCheck
