#pragma once

#include "model/json/JsonDiff.h"
#include "model/runner/CallOutcome.h"
#include "model/runner/ExpectCheck.h"
#include "model/runner/RunReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtGlobal>

// Values the runner tests share: JSON from text, outcomes, a sample report.
namespace wirescope::RunnerTestData {

// Any JSON value from its text ("\"hello\"", "3", "{...}"): a document holds only
// containers, so it is parsed inside an array.
inline QJsonValue json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        qFatal("bad JSON in the test: %s", text.constData());
    return document.array().first();
}

inline QJsonObject object(const QByteArray &text)
{
    return json(text).toObject();
}

inline CallOutcome outcomeWith(const QList<QJsonValue> &messages)
{
    CallOutcome outcome;
    outcome.sent = true;
    outcome.code = 0;
    outcome.messages = messages;
    outcome.error = json(R"({"code": 0, "message": "", "details": []})");
    return outcome;
}

Assertion assertion(const QString &path, Assertion::Op op, const QJsonValue &value,
    const QString &message = QStringLiteral("last"))
{
    Assertion result;
    result.path = path;
    result.op = op;
    result.value = value;
    result.message = message;
    return result;
}

inline QJsonObject echoMessage()
{
    return object(R"({"text": "hello", "count": 3, "ratio": 0.5, "tags": ["a", "b"],
        "inners": [{"id": 1, "name": "x"}, {"id": 2}], "labels": {"k": "v", "n": {"m": 1}},
        "flag": true, "nothing": null, "emoji": "a😀"})");
}

inline QStringList changeList(const QList<JsonDiff::Change> &changes)
{
    QStringList list;
    for (const JsonDiff::Change &change : changes)
        list.append(JsonDiff::kindName(change.kind) + u' ' + change.path);
    return list;
}

inline QString checksText(const QList<CheckResult> &checks)
{
    QStringList lines;
    for (const CheckResult &check : checks) {
        lines.append(QStringLiteral("%1 %2 [%3] [%4] %5")
                         .arg(check.passed ? QStringLiteral("+") : QStringLiteral("-"), check.name,
                             check.expected, check.actual, check.note));
    }
    return lines.join(u'\n');
}

// A report with a request in each state: passed, failed checks, not sent, and in a nested folder.
inline RunReport sampleReport()
{
    RunReport report;
    report.collection = QStringLiteral("Demo");
    report.environment = QStringLiteral("local");
    report.elapsedMs = 1234;

    RequestResult echo;
    echo.path = QStringLiteral("unary/echo.json");
    echo.name = QStringLiteral("Echo");
    echo.method = QStringLiteral("demo.Demo/Echo");
    echo.outcome = outcomeWith({json(R"({"text": "hi"})")});
    echo.outcome.elapsedMs = 12;
    echo.checks = {{QStringLiteral("status"), true, QStringLiteral("OK"), QStringLiteral("OK"), {}}};
    echo.captured = {{QStringLiteral("id"), QStringLiteral("7")}};

    RequestResult fail;
    fail.path = QStringLiteral("unary/fail.json");
    fail.name = QStringLiteral("Fail <&> \"quoted\"");
    fail.method = QStringLiteral("demo.Demo/Fail");
    fail.outcome = outcomeWith({});
    fail.outcome.code = 5;
    fail.outcome.statusMessage = QStringLiteral("order 7 does not exist");
    fail.outcome.elapsedMs = 5;
    fail.checks = {{QStringLiteral("status"), false, QStringLiteral("OK"), QStringLiteral("NOT_FOUND"),
                       QStringLiteral("order 7 does not exist")},
        {QStringLiteral("$.a equals"), false, QStringLiteral("1"), QStringLiteral("(missing)"),
            QStringLiteral("no response message")}};

    RequestResult unsent;
    unsent.path = QStringLiteral("root.json");
    unsent.name = QStringLiteral("Root");
    unsent.method = QStringLiteral("demo.Demo/Echo");
    unsent.outcome.failure = QStringLiteral("{{host}} not defined");
    unsent.checks = {{QStringLiteral("sent"), false, QStringLiteral("sent"), unsent.outcome.failure, {}}};

    RequestResult ticks;
    ticks.path = QStringLiteral("streams/deep/ticks.json");
    ticks.name = QStringLiteral("Ticks");
    ticks.outcome = outcomeWith({json(R"({"seq": "1"})"), json(R"({"seq": "2"})")});
    ticks.outcome.elapsedMs = 30;
    ticks.checks = {{QStringLiteral("status"), true, QStringLiteral("OK"), QStringLiteral("OK"), {}}};

    report.results = {echo, fail, unsent, ticks};
    return report;
}

} // namespace wirescope::RunnerTestData
