#include "model/runner/Snapshot.h"

#include "RunnerTestData.h"
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <QTest>

using namespace wirescope;
using namespace wirescope::RunnerTestData;

// Every check a request file can ask for, against outcomes built by hand; snapshots on disk.
class ExpectCheckTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void metadataValueMatchesKeysCaseInsensitively();
    void everyOperator_data();
    void everyOperator();
    void int64StringsCompareExactly_data();
    void int64StringsCompareExactly();
    void messageSelectors();
    void errorPathsReadTheStatusDetails();
    void checkCoversStatusTimeCountAndMetadata();
    void captureTakesValuesFromTheLastMessage();
    void snapshotLeavesOutIgnoredPaths();
    void snapshotWriteReadRoundTrip();
};

void ExpectCheckTest::metadataValueMatchesKeysCaseInsensitively()
{
    const Metadata metadata {
        {"x-peer", "a"}, {"other", "z"}, {"x-peer", "b"}, {"trace-bin", QByteArray("\x01\x02\xff", 3)}};
    QString value = QStringLiteral("stale");
    QVERIFY(CallOutcome::metadataValue(metadata, QStringLiteral("X-Peer"), &value));
    QCOMPARE(value, QStringLiteral("a, b"));
    QVERIFY(CallOutcome::metadataValue(metadata, QStringLiteral("trace-bin"), &value));
    QCOMPARE(value, QStringLiteral("AQL/"));
    QVERIFY(!CallOutcome::metadataValue(metadata, QStringLiteral("x-pee"), &value));
    QCOMPARE(value, QString());
}

void ExpectCheckTest::everyOperator_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("passes");
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("note");

    const auto row = [](const char *name, const char *path, const char *op, const QByteArray &expected,
                         bool passes, const char *actual, const char *note = "") {
        QTest::newRow(name) << QString::fromUtf8(path) << QString::fromUtf8(op) << expected << passes
                            << QString::fromUtf8(actual) << QString::fromUtf8(note);
    };
    row("equals", "$.text", "equals", "\"hello\"", true, "\"hello\"");
    row("equals fails", "$.text", "equals", "\"world\"", false, "\"hello\"");
    row("equals object", "$.labels", "equals", R"({"n": {"m": 1.0}, "k": "v"})", true,
        R"({"k":"v","n":{"m":1}})");
    row("equals object fails", "$.labels", "equals", R"({"k": "w", "n": {"m": 1}, "z": 0})", false,
        R"({"k":"v","n":{"m":1}})", ".k differs; .z missing");
    row("equals missing", "$.absent", "equals", "1", false, "(missing)", "nothing at this path");
    row("notEquals", "$.count", "notEquals", "4", true, "3");
    row("notEquals fails", "$.count", "notEquals", "3", false, "3",
        "equal to the value it should differ from");
    row("notEquals missing", "$.absent", "notEquals", "3", false, "(missing)", "nothing at this path");
    row("matches", "$.text", "matches", "\"^hel\"", true, "\"hello\"");
    row("matches unanchored", "$.text", "matches", "\"ll\"", true, "\"hello\"");
    row("matches fails", "$.text", "matches", "\"^world\"", false, "\"hello\"", "does not match");
    row("matches a number", "$.count", "matches", "\"^3$\"", true, "3");
    row("matches a bool", "$.flag", "matches", "\"^true$\"", true, "true");
    row("matches an object", "$.labels", "matches", "\"k\"", false, R"({"k":"v","n":{"m":1}})",
        "not a string, number or bool");
    row("exists", "$.text", "exists", "true", true, "\"hello\"");
    row("exists null", "$.nothing", "exists", "true", true, "null");
    row("exists fails", "$.absent", "exists", "true", false, "(missing)", "nothing at this path");
    row("absent", "$.absent", "exists", "false", true, "(missing)");
    row("absent fails", "$.text", "exists", "false", false, "\"hello\"", "found, but it should be absent");
    row("length array", "$.tags", "length", "2", true, "2");
    row("length fails", "$.inners", "length", "3", false, "2", "2 elements");
    row("length string", "$.text", "length", "5", true, "5");
    row("length counts characters", "$.emoji", "length", "2", true, "2");
    row("length object", "$.labels", "length", "2", true, "2");
    row("length object fails", "$.labels", "length", "1", false, "2", "2 fields");
    row("length number", "$.count", "length", "1", false, "3",
        "has no length (not an array, string or object)");
    row("length missing", "$.absent", "length", "0", false, "(missing)", "nothing at this path");
    row("greaterThan", "$.count", "greaterThan", "2", true, "3");
    row("greaterThan fails", "$.count", "greaterThan", "3", false, "3", "not greater");
    row("greaterThan fraction", "$.ratio", "greaterThan", "0.25", true, "0.5");
    row("greaterThan not a number", "$.text", "greaterThan", "1", false, "\"hello\"", "not a number");
    row("lessThan", "$.ratio", "lessThan", "1", true, "0.5");
    row("lessThan fails", "$.ratio", "lessThan", "0.5", false, "0.5", "not less");
    row("lessThan missing", "$.absent", "lessThan", "1", false, "(missing)", "nothing at this path");
    row("contains substring", "$.text", "contains", "\"ell\"", true, "\"hello\"");
    row("contains substring fails", "$.text", "contains", "\"xyz\"", false, "\"hello\"", "not a substring");
    row("contains element", "$.tags", "contains", "\"b\"", true, R"(["a","b"])");
    row("contains element fails", "$.tags", "contains", "\"c\"", false, R"(["a","b"])",
        "no element is equal to it");
    row("contains element subset", "$.inners", "contains", R"({"id": 2})", true,
        R"([{"id":1,"name":"x"},{"id":2}])");
    row("contains element subset fails", "$.inners", "contains", R"({"id": 1, "name": "y"})", false,
        R"([{"id":1,"name":"x"},{"id":2}])", "no element holds these fields");
    row("contains subset", "$.labels", "contains", R"({"n": {"m": 1}})", true, R"({"k":"v","n":{"m":1}})");
    row("contains subset fails", "$.labels", "contains", R"({"k": "v", "n": {"m": 2}})", false,
        R"({"k":"v","n":{"m":1}})", ".n.m is missing or different");
    row("contains subset missing key", "$.labels", "contains", R"({"q": 1})", false,
        R"({"k":"v","n":{"m":1}})", ".q is missing or different");
    row("contains in a number", "$.count", "contains", "3", false, "3", "not a string, array or object");
    row("contains missing", "$.absent", "contains", "\"a\"", false, "(missing)", "nothing at this path");
}

void ExpectCheckTest::everyOperator()
{
    QFETCH(QString, path);
    QFETCH(QString, op);
    QFETCH(QByteArray, expected);
    QFETCH(bool, passes);
    QFETCH(QString, actual);
    QFETCH(QString, note);

    const std::optional<Assertion::Op> parsedOp = Assertion::opFromName(op);
    QVERIFY(parsedOp);
    QCOMPARE(Assertion::opName(*parsedOp), op);
    const CheckResult result = ExpectCheck::checkAssertion(
        assertion(path, *parsedOp, json(expected)), outcomeWith({echoMessage()}));
    QCOMPARE(result.name, QString(path + u' ' + op));
    QCOMPARE(result.passed, passes);
    QCOMPARE(result.expected, JsonDiff::text(json(expected)));
    QCOMPARE(result.actual, actual);
    if (!passes)
        QCOMPARE(result.note, note);
}

void ExpectCheckTest::int64StringsCompareExactly_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("passes");
    const auto row
        = [](const char *name, const char *path, const char *op, const char *expected, bool passes) {
              QTest::newRow(name) << QString::fromUtf8(path) << QString::fromUtf8(op) << QByteArray(expected)
                                  << passes;
          };
    row("same string", "$.id", "equals", "\"9007199254740993\"", true);
    row("next string", "$.id", "equals", "\"9007199254740992\"", false);
    row("notEquals next", "$.id", "notEquals", "\"9007199254740992\"", true);
    // A number past 2^53 is not trusted to stand for an int64 string.
    row("big number", "$.id", "equals", "9007199254740993", false);
    row("small number", "$.neg", "equals", "-5", true);
    row("small number differs", "$.neg", "equals", "5", false);
    row("fraction never", "$.neg", "equals", "-5.5", false);
    row("number vs string", "$.count", "equals", "\"3\"", true);
    row("inside an object", "$", "contains", R"({"neg": -5, "count": 3})", true);
    row("text not a number", "$.word", "equals", "12", false);
    row("greaterThan by one", "$.id", "greaterThan", "\"9007199254740992\"", true);
    row("greaterThan itself", "$.id", "greaterThan", "\"9007199254740993\"", false);
    row("lessThan by one", "$.id", "lessThan", "\"9007199254740994\"", true);
    row("uint64 greaterThan", "$.huge", "greaterThan", "\"18446744073709551614\"", true);
    row("uint64 lessThan itself", "$.huge", "lessThan", "\"18446744073709551615\"", false);
    row("uint64 above negative", "$.huge", "greaterThan", "-1", true);
    row("negative lessThan", "$.neg", "lessThan", "0", true);
    row("negative greaterThan", "$.neg", "greaterThan", "\"-6\"", true);
    row("int64 min", "$.min", "lessThan", "\"-9223372036854775807\"", true);
    row("string vs number", "$.id", "greaterThan", "9007199254740992", true);
    row("word not a number", "$.word", "lessThan", "1", false);
}

void ExpectCheckTest::int64StringsCompareExactly()
{
    QFETCH(QString, path);
    QFETCH(QString, op);
    QFETCH(QByteArray, expected);
    QFETCH(bool, passes);
    const QJsonValue message = json(R"({"id": "9007199254740993", "neg": "-5", "huge": "18446744073709551615",
        "min": "-9223372036854775808", "count": 3, "word": "12a"})");
    const CheckResult result = ExpectCheck::checkAssertion(
        assertion(path, *Assertion::opFromName(op), json(expected)), outcomeWith({message}));
    QVERIFY2(result.passed == passes, qPrintable(checksText({result})));
}

void ExpectCheckTest::messageSelectors()
{
    const CallOutcome outcome
        = outcomeWith({json(R"({"seq": "1"})"), json(R"({"seq": "2"})"), json(R"({"seq": "3"})")});
    const auto check = [&outcome](Assertion::Op op, const QByteArray &value, const QString &message) {
        return ExpectCheck::checkAssertion(
            assertion(QStringLiteral("$.seq"), op, json(value), message), outcome);
    };
    CheckResult result = check(Assertion::Op::Equals, "\"3\"", QStringLiteral("last"));
    QVERIFY(result.passed);
    QCOMPARE(result.name, QStringLiteral("$.seq equals"));
    QVERIFY(!check(Assertion::Op::Equals, "\"1\"", QStringLiteral("last")).passed);

    result = check(Assertion::Op::Equals, "\"1\"", QStringLiteral("first"));
    QVERIFY(result.passed);
    QCOMPARE(result.name, QStringLiteral("$.seq equals [first]"));
    result = check(Assertion::Op::Equals, "\"3\"", QStringLiteral("first"));
    QVERIFY(!result.passed);
    QCOMPARE(result.actual, QStringLiteral("\"1\""));

    result = check(Assertion::Op::Equals, "\"2\"", QStringLiteral("1"));
    QVERIFY(result.passed);
    QCOMPARE(result.name, QStringLiteral("$.seq equals [message 1]"));
    QVERIFY(!check(Assertion::Op::Equals, "\"1\"", QStringLiteral("1")).passed);

    result = check(Assertion::Op::Equals, "\"2\"", QStringLiteral("5"));
    QVERIFY(!result.passed);
    QCOMPARE(result.actual, QStringLiteral("(missing)"));
    QCOMPARE(result.note, QStringLiteral("there are only 3 messages"));
    result = ExpectCheck::checkAssertion(
        assertion(QStringLiteral("$.seq"), Assertion::Op::Exists, json("false"), QStringLiteral("1")),
        outcomeWith({json(R"({"seq": "1"})")}));
    QVERIFY(!result.passed);
    QCOMPARE(result.note, QStringLiteral("there is only 1 message"));

    // "all": every message must hold, and the first that does not is named (counted from 1).
    result = check(Assertion::Op::LessThan, "3", QStringLiteral("all"));
    QVERIFY(!result.passed);
    QCOMPARE(result.name, QStringLiteral("$.seq lessThan [all]"));
    QCOMPARE(result.actual, QStringLiteral("\"3\""));
    QCOMPARE(result.note, QStringLiteral("message 3 of 3: not less"));
    result = check(Assertion::Op::NotEquals, "\"2\"", QStringLiteral("all"));
    QCOMPARE(result.note, QStringLiteral("message 2 of 3: equal to the value it should differ from"));
    QVERIFY(check(Assertion::Op::LessThan, "4", QStringLiteral("all")).passed);
    QVERIFY(check(Assertion::Op::Matches, "\"^[123]$\"", QStringLiteral("all")).passed);

    // No message at all, or one that could not be decoded.
    result = ExpectCheck::checkAssertion(
        assertion(QStringLiteral("$.seq"), Assertion::Op::Exists, json("false")), outcomeWith({}));
    QVERIFY(!result.passed);
    QCOMPARE(result.note, QStringLiteral("no response message"));
    QCOMPARE(result.actual, QStringLiteral("(missing)"));
    result = ExpectCheck::checkAssertion(
        assertion(QStringLiteral("$.seq"), Assertion::Op::Exists, json("false")),
        outcomeWith({QJsonValue(QJsonValue::Undefined)}));
    QVERIFY(!result.passed);
    QCOMPARE(result.note, QStringLiteral("the message could not be decoded to JSON"));
}

void ExpectCheckTest::errorPathsReadTheStatusDetails()
{
    CallOutcome outcome = outcomeWith({});
    outcome.code = 5;
    outcome.statusMessage = QStringLiteral("nope");
    outcome.error = json(R"({"code": 5, "message": "nope", "details": [
        {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "DEMO_FAILURE", "metadata": {"id": "7"}}]})");
    const auto check = [&outcome](const char *path, Assertion::Op op, const QByteArray &value) {
        return ExpectCheck::checkAssertion(assertion(QString::fromUtf8(path), op, json(value)), outcome);
    };
    // Without any response message: "$error" does not read messages.
    CheckResult result = check("$error.details[0].reason", Assertion::Op::Equals, "\"DEMO_FAILURE\"");
    QVERIFY2(result.passed, qPrintable(checksText({result})));
    QCOMPARE(result.name, QStringLiteral("$error.details[0].reason equals"));
    QVERIFY(check("$error.code", Assertion::Op::Equals, "5").passed);
    QVERIFY(check("$error.details[0]['@type']", Assertion::Op::Matches, "\"ErrorInfo$\"").passed);
    QVERIFY(check("$error.details[0].metadata", Assertion::Op::Contains, R"({"id": 7})").passed);
    QVERIFY(check("$error.details[1]", Assertion::Op::Exists, "false").passed);
    result = check("$error.details[0].reason", Assertion::Op::Equals, "\"OTHER\"");
    QVERIFY(!result.passed);
    QCOMPARE(result.actual, QStringLiteral("\"DEMO_FAILURE\""));

    // No status details at all: nothing is found under "$error".
    outcome.error = QJsonValue(QJsonValue::Null);
    result = check("$error.code", Assertion::Op::Exists, "true");
    QVERIFY(!result.passed);
    QCOMPARE(result.actual, QStringLiteral("(missing)"));
    QVERIFY(check("$error", Assertion::Op::Exists, "false").passed);
    outcome.error = QJsonValue(QJsonValue::Undefined);
    QVERIFY(check("$error", Assertion::Op::Exists, "false").passed);
    QVERIFY(!check("$error.message", Assertion::Op::Equals, "\"nope\"").passed);
}

void ExpectCheckTest::checkCoversStatusTimeCountAndMetadata()
{
    Expectations expect;
    expect.status = QStringLiteral("NOT_FOUND");
    expect.statusMessage = QStringLiteral("order \\d+");
    expect.messages = 0;
    expect.maxMs = 100;
    expect.headers = {{QStringLiteral("x-peer"), QStringLiteral("grpc-js")}};
    expect.trailers = {{QStringLiteral("x-trailer"), QStringLiteral("failed")},
        {QStringLiteral("x-absent"), QStringLiteral("1")}};
    expect.asserts = {assertion(QStringLiteral("$error.code"), Assertion::Op::Equals, json("5"))};

    CallOutcome outcome = outcomeWith({});
    outcome.code = 5;
    outcome.statusMessage = QStringLiteral("order 7 does not exist");
    outcome.elapsedMs = 40;
    outcome.headers = {{"x-peer", "grpc-js"}};
    outcome.trailers = {{"X-Trailer", "failed"}};
    outcome.error = json(R"({"code": 5, "message": "order 7 does not exist", "details": []})");
    QCOMPARE(checksText(ExpectCheck::check(expect, outcome)),
        QStringLiteral("+ status [NOT_FOUND] [NOT_FOUND] \n"
                       "+ status message [order \\d+] [order 7 does not exist] \n"
                       "+ messages [0] [0] \n"
                       "+ time [<= 100 ms] [40 ms] \n"
                       "+ header x-peer [grpc-js] [grpc-js] \n"
                       "- trailer x-absent [1] [(missing)] \n"
                       "+ trailer x-trailer [failed] [failed] \n"
                       "+ $error.code equals [5] [5] "));

    outcome.code = 0;
    outcome.statusMessage = QStringLiteral("fine");
    outcome.elapsedMs = 101;
    outcome.messages = {json("{}")};
    outcome.headers = {{"x-peer", "grpc-go"}};
    expect.trailers.remove(QStringLiteral("x-absent"));
    expect.asserts.clear();
    QCOMPARE(checksText(ExpectCheck::check(expect, outcome)),
        QStringLiteral("- status [NOT_FOUND] [OK] fine\n"
                       "- status message [order \\d+] [fine] \n"
                       "- messages [0] [1] \n"
                       "- time [<= 100 ms] [101 ms] \n"
                       "- header x-peer [grpc-js] [grpc-go] \n"
                       "+ trailer x-trailer [failed] [failed] "));

    // Nothing said: OK is expected, and only the status is checked.
    QCOMPARE(checksText(ExpectCheck::check(Expectations {}, outcome)), QStringLiteral("+ status [OK] [OK] "));
    outcome.code = 14;
    outcome.statusMessage = QStringLiteral("connection refused");
    QCOMPARE(checksText(ExpectCheck::check(Expectations {}, outcome)),
        QStringLiteral("- status [OK] [UNAVAILABLE] connection refused"));

    // A call that never went out has one result: why.
    CallOutcome unsent;
    unsent.failure = QStringLiteral("{{host}} not defined");
    QCOMPARE(checksText(ExpectCheck::check(expect, unsent)),
        QStringLiteral("- sent [sent] [{{host}} not defined] "));
}

void ExpectCheckTest::captureTakesValuesFromTheLastMessage()
{
    CallOutcome outcome = outcomeWith({json(R"({"id": "first"})"),
        json(R"({"id": "o-17", "count": 3, "obj": {"b": [1, 2], "a": "x"}, "none": null})")});
    outcome.error = json(R"({"code": 0, "message": "", "details": [{"reason": "DEMO"}]})");
    const Captures captures {{QStringLiteral("orderId"), QStringLiteral("$.id")},
        {QStringLiteral("count"), QStringLiteral("$.count")},
        {QStringLiteral("obj"), QStringLiteral("$.obj")}, {QStringLiteral("none"), QStringLiteral("$.none")},
        {QStringLiteral("reason"), QStringLiteral("$error.details[0].reason")},
        {QStringLiteral("missing"), QStringLiteral("$.nope")}};
    QList<CheckResult> failures;
    const QMap<QString, QString> values = ExpectCheck::capture(captures, outcome, &failures);
    const QMap<QString, QString> expected {{QStringLiteral("orderId"), QStringLiteral("o-17")},
        {QStringLiteral("count"), QStringLiteral("3")},
        {QStringLiteral("obj"), QStringLiteral(R"({"a":"x","b":[1,2]})")},
        {QStringLiteral("none"), QStringLiteral("null")}, {QStringLiteral("reason"), QStringLiteral("DEMO")}};
    QCOMPARE(values, expected);
    QCOMPARE(
        checksText(failures), QStringLiteral("- capture missing [$.nope] [(missing)] nothing at this path"));

    // Long values are captured whole, never shortened as texts for people are.
    const QString longText(500, u'y');
    QCOMPARE(ExpectCheck::capture(
                 {{QStringLiteral("v"), QStringLiteral("$")}}, outcomeWith({QJsonArray {longText}}), nullptr)
                 .value(QStringLiteral("v"))
                 .size(),
        504);

    failures.clear();
    QVERIFY(ExpectCheck::capture(captures.mid(0, 1), outcomeWith({}), &failures).isEmpty());
    QCOMPARE(
        checksText(failures), QStringLiteral("- capture orderId [$.id] [(missing)] no response message"));
}

void ExpectCheckTest::snapshotLeavesOutIgnoredPaths()
{
    QCOMPARE(Snapshot::pathFor(QStringLiteral("dir/unary/echo.json")),
        QStringLiteral("dir/unary/echo.snapshot.json"));
    QCOMPARE(Snapshot::pathFor(QStringLiteral("noext")), QStringLiteral("noext.snapshot.json"));

    const QStringList ignore {QStringLiteral("$.issuedAt"), QStringLiteral("$.items[0].at"),
        QStringLiteral("$error.details[0].debug")};
    CallOutcome outcome
        = outcomeWith({json(R"({"id": "1", "issuedAt": "t1", "items": [{"x": 1, "at": "a"}]})"),
            QJsonValue(QJsonValue::Undefined)});
    // No status details: no "error" key, and an empty status message is left out too.
    QCOMPARE(Snapshot::of(outcome, ignore),
        object(R"({"status": "OK", "messages": [{"id": "1", "items": [{"x": 1}]}, null]})"));

    outcome.code = 9;
    outcome.statusMessage = QStringLiteral("not now");
    outcome.error = json(R"({"code": 9, "message": "not now",
        "details": [{"reason": "LATER", "debug": "stack"}]})");
    const QJsonObject current = Snapshot::of(outcome, ignore);
    QCOMPARE(current, object(R"({"status": "FAILED_PRECONDITION", "statusMessage": "not now",
            "messages": [{"id": "1", "items": [{"x": 1}]}, null],
            "error": {"code": 9, "message": "not now", "details": [{"reason": "LATER"}]}})"));

    // An older snapshot may still hold an ignored field: it is left out of it as well.
    QJsonObject stored = object(R"({"status": "FAILED_PRECONDITION", "statusMessage": "not now",
        "messages": [{"id": "1", "issuedAt": "t0", "items": [{"x": 1, "at": "b"}]}, null],
        "error": {"code": 9, "message": "not now", "details": [{"reason": "LATER", "debug": "old"}]}})");
    QVERIFY(Snapshot::compare(stored, current, ignore).isEmpty());
    QCOMPARE(changeList(Snapshot::compare(stored, current, {})),
        (QStringList {QStringLiteral("removed $.error.details[0].debug"),
            QStringLiteral("removed $.messages[0].issuedAt"),
            QStringLiteral("removed $.messages[0].items[0].at")}));

    stored = object(R"({"status": "OK", "messages": [{"id": "2", "note": "n", "items": [{"x": 1}]}]})");
    const QList<JsonDiff::Change> changes = Snapshot::compare(stored, current, ignore);
    QCOMPARE(changeList(changes),
        (QStringList {QStringLiteral("added $.error"), QStringLiteral("changed $.messages[0].id"),
            QStringLiteral("removed $.messages[0].note"), QStringLiteral("added $.messages[1]"),
            QStringLiteral("changed $.status"), QStringLiteral("added $.statusMessage")}));
    QCOMPARE(changes.at(1).before, QJsonValue(QStringLiteral("2")));
    QCOMPARE(changes.at(1).after, QJsonValue(QStringLiteral("1")));
}

void ExpectCheckTest::snapshotWriteReadRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = Snapshot::pathFor(dir.filePath(QStringLiteral("unary/echo.json")));
    const QJsonObject snapshot
        = object(R"({"status": "OK", "messages": [{"text": "héllo ✓", "n": "9007199254740993"}]})");
    QString error;
    QVERIFY2(Snapshot::write(file, snapshot, &error), qPrintable(error));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("unary/echo.snapshot.json"))));

    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray bytes = raw.readAll();
    raw.close();
    QVERIFY(bytes.endsWith("}\n"));
    QVERIFY2(bytes.contains("\n    \"status\": \"OK\""), bytes.constData());

    QJsonObject read;
    QVERIFY2(Snapshot::read(file, &read, &error), qPrintable(error));
    QCOMPARE(read, snapshot);
    // Writing it again leaves the same bytes.
    QVERIFY(Snapshot::write(file, read, &error));
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QCOMPARE(raw.readAll(), bytes);
    raw.close();

    QVERIFY(raw.open(QIODevice::WriteOnly | QIODevice::Truncate));
    raw.write("{\n  \"status\": \n}");
    raw.close();
    QVERIFY(!Snapshot::read(file, &read, &error));
    QVERIFY2(error.startsWith(QDir::toNativeSeparators(file) + QStringLiteral(":3:")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("not valid JSON")), qPrintable(error));

    QVERIFY(raw.open(QIODevice::WriteOnly | QIODevice::Truncate));
    raw.write("[1, 2]\n");
    raw.close();
    QVERIFY(!Snapshot::read(file, &read, &error));
    QCOMPARE(error, QDir::toNativeSeparators(file) + QStringLiteral(": expected a JSON object"));

    QVERIFY(!Snapshot::read(dir.filePath(QStringLiteral("none.snapshot.json")), &read, &error));
    QVERIFY2(error.contains(QStringLiteral("none.snapshot.json")), qPrintable(error));
}

QTEST_GUILESS_MAIN(ExpectCheckTest)
#include "ExpectCheckTest.moc"
