#include "model/json/JsonPath.h"
#include "model/request/RequestTests.h"
#include "model/request/SavedRequest.h"

#include "RunnerTestData.h"
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <QTest>

using namespace wirescope;
using namespace wirescope::RunnerTestData;

// "expect" and "capture" in a request file, and a run's reports (JUnit XML, JSON, summary).
class RunnerFormatTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void savedRequestRoundTripsExpectAndCapture();
    void requestWithoutTestsWritesNoKeys();
    void formatErrorsNameThePart_data();
    void formatErrorsNameThePart();
    void captureErrorsNameTheVariable();
    void junitReportCountsEveryRequest();
    void jsonReportAndSummary();
};

void RunnerFormatTest::savedRequestRoundTripsExpectAndCapture()
{
    SavedRequest request;
    request.name = QStringLiteral("Place");
    request.target = QStringLiteral("{{host}}:50051");
    request.method = QStringLiteral("demo.Demo/Place");
    request.expect.status = QStringLiteral("NOT_FOUND");
    request.expect.statusMessage = QStringLiteral("order \\d+");
    request.expect.messages = 3;
    request.expect.maxMs = 500;
    request.expect.headers = {{QStringLiteral("x-peer"), QStringLiteral("grpc-js")}};
    request.expect.trailers = {{QStringLiteral("x-trailer"), QStringLiteral("failed")}};
    request.expect.asserts = {assertion(QStringLiteral("$.text"), Assertion::Op::Equals, json("\"hello\"")),
        assertion(QStringLiteral("$.a"), Assertion::Op::NotEquals, json("1"), QStringLiteral("first")),
        assertion(QStringLiteral("$.text"), Assertion::Op::Matches, json("\"^hel\"")),
        assertion(QStringLiteral("$.when"), Assertion::Op::Exists, json("true")),
        assertion(QStringLiteral("$.inners"), Assertion::Op::Length, json("2"), QStringLiteral("2")),
        assertion(QStringLiteral("$.total"), Assertion::Op::GreaterThan, json("\"9007199254740993\"")),
        assertion(QStringLiteral("$.seq"), Assertion::Op::LessThan, json("5"), QStringLiteral("all")),
        assertion(QStringLiteral("$['x-y']"), Assertion::Op::Contains, json(R"({"a": [1, {"b": null}]})"))};
    request.expect.snapshot = true;
    request.expect.snapshotIgnore = {QStringLiteral("$.issuedAt"), QStringLiteral("$error.details[0].debug")};
    request.capture = {{QStringLiteral("orderId"), QStringLiteral("$.id")},
        {QStringLiteral("reason"), QStringLiteral("$error.details[0].reason")}};
    QCOMPARE(Assertion::allOps().size(), 8);

    const QByteArray bytes = request.toBytes();
    SavedRequest read;
    QString error;
    QVERIFY2(SavedRequest::fromBytes(bytes, QStringLiteral("place.json"), &read, &error), qPrintable(error));
    QCOMPARE(read.expect, request.expect);
    QCOMPARE(read.capture, request.capture);
    QCOMPARE(read, request);
    QCOMPARE(read.toBytes(), bytes);

    const QJsonObject written = QJsonDocument::fromJson(bytes).object();
    const QJsonObject expect = written.value(QStringLiteral("expect")).toObject();
    QCOMPARE(expect.keys(),
        (QStringList {QStringLiteral("asserts"), QStringLiteral("headers"), QStringLiteral("maxMs"),
            QStringLiteral("messages"), QStringLiteral("snapshot"), QStringLiteral("snapshotIgnore"),
            QStringLiteral("status"), QStringLiteral("statusMessage"), QStringLiteral("trailers")}));
    const QJsonArray asserts = expect.value(QStringLiteral("asserts")).toArray();
    // The default "last" is not written; an index is written as a number.
    QCOMPARE(asserts.at(0).toObject(), object(R"({"path": "$.text", "equals": "hello"})"));
    QCOMPARE(asserts.at(1).toObject(), object(R"({"path": "$.a", "notEquals": 1, "message": "first"})"));
    QCOMPARE(asserts.at(4).toObject(), object(R"({"path": "$.inners", "length": 2, "message": 2})"));
    QCOMPARE(written.value(QStringLiteral("capture")).toObject(),
        object(R"({"orderId": "$.id", "reason": "$error.details[0].reason"})"));

    // A status may be written as a number or in any case; it is kept as the name.
    SavedRequest numbered;
    QJsonObject changed = written;
    changed.insert(QStringLiteral("expect"), object(R"({"status": 5})"));
    QVERIFY2(SavedRequest::fromJson(changed, QStringLiteral("x.json"), &numbered, &error), qPrintable(error));
    QCOMPARE(numbered.expect.status, QStringLiteral("NOT_FOUND"));
    changed.insert(QStringLiteral("expect"), object(R"({"status": "unavailable"})"));
    QVERIFY(SavedRequest::fromJson(changed, QStringLiteral("x.json"), &numbered, &error));
    QCOMPARE(numbered.expect.status, QStringLiteral("UNAVAILABLE"));

    QCOMPARE(Expectations {}.toJson(), QJsonObject());
    QVERIFY(Expectations {}.isEmpty());
    QVERIFY(!request.expect.isEmpty());
}

void RunnerFormatTest::requestWithoutTestsWritesNoKeys()
{
    SavedRequest request;
    request.name = QStringLiteral("Plain");
    request.method = QStringLiteral("demo.Demo/Echo");
    request.body = QStringLiteral("{}");
    const QByteArray bytes = request.toBytes();
    QVERIFY(!bytes.contains("\"expect\""));
    QVERIFY(!bytes.contains("\"capture\""));
    QCOMPARE(QJsonDocument::fromJson(bytes).object().keys(),
        (QStringList {QStringLiteral("body"), QStringLiteral("deadlineMs"), QStringLiteral("formatVersion"),
            QStringLiteral("metadata"), QStringLiteral("method"), QStringLiteral("name"),
            QStringLiteral("schema"), QStringLiteral("target"), QStringLiteral("tls")}));

    // An empty "expect" or "capture" in a file reads as none, and is not written back.
    QJsonObject withEmpty = QJsonDocument::fromJson(bytes).object();
    withEmpty.insert(QStringLiteral("expect"), QJsonObject());
    withEmpty.insert(QStringLiteral("capture"), QJsonObject());
    SavedRequest read;
    QString error;
    QVERIFY2(
        SavedRequest::fromJson(withEmpty, QStringLiteral("plain.json"), &read, &error), qPrintable(error));
    QCOMPARE(read, request);
    QCOMPARE(read.toBytes(), bytes);
}

void RunnerFormatTest::formatErrorsNameThePart_data()
{
    QTest::addColumn<QByteArray>("expect");
    QTest::addColumn<QString>("error");
    const auto row = [](const char *name, const char *expect, const char *error) {
        QTest::newRow(name) << QByteArray(expect) << QString::fromUtf8(error);
    };
    const auto assertRow = [](const char *name, const char *assertion, const char *error) {
        QTest::newRow(name) << QByteArray(R"({"asserts": [)") + assertion + "]}"
                            << QStringLiteral("expect.asserts[0]: ") + QString::fromUtf8(error);
    };
    row("unknown operator",
        R"({"asserts": [{"path": "$.a", "equals": 1}, {"path": "$.a", "equals": 2}, {"path": "$.b", "equal": 1}]})",
        "expect.asserts[2]: unknown operator \"equal\" (expected equals, notEquals, matches, exists, length, "
        "greaterThan, lessThan, contains)");
    assertRow("two operators", R"({"path": "$.a", "matches": "x", "equals": 1})",
        "two operators, \"equals\" and \"matches\"");
    assertRow("no operator", R"({"path": "$.a"})", "no operator (expected one of equals, ");
    assertRow("bad regex", R"({"path": "$.a", "matches": "(x"})",
        "\"matches\" is not a valid regular expression: ");
    assertRow("matches a number", R"({"path": "$.a", "matches": 1})", "\"matches\" should be a string");
    assertRow("bad path", R"({"path": "$.a[x]", "equals": 1})",
        "\"$.a[x]\": expected a number or a quoted key at column 5");
    assertRow("no path", R"({"equals": 1})", "\"path\" is missing");
    assertRow("path not text", R"({"path": 1, "equals": 1})", "\"path\" should be a string");
    assertRow("exists not bool", R"({"path": "$.a", "exists": "yes"})", "\"exists\" should be true or false");
    assertRow("negative length", R"({"path": "$.a", "length": -1})",
        "\"length\" should be a whole number, not negative");
    assertRow(
        "fractional length", R"({"path": "$.a", "length": 1.5})", "\"length\" should be a whole number");
    assertRow("greaterThan word", R"({"path": "$.a", "greaterThan": "ten"})",
        "\"greaterThan\" should be a number, or a string holding an integer");
    assertRow("lessThan bool", R"({"path": "$.a", "lessThan": true})", "\"lessThan\" should be a number");
    assertRow("bad message", R"({"path": "$.a", "equals": 1, "message": "middle"})",
        "\"message\" should be \"last\", \"first\", \"all\" or");
    assertRow("negative message", R"({"path": "$.a", "equals": 1, "message": -1})", "\"message\" should be");
    assertRow("message as text", R"({"path": "$.a", "equals": 1, "message": "2"})", "\"message\" should be");
    assertRow("assert not object", "1", "should be an object");
    row("asserts not array", R"({"asserts": {}})", "expect: \"asserts\" should be an array");
    row("unknown key", R"({"statu": "OK"})",
        "expect: unknown key \"statu\" (expected status, statusMessage, ");
    row("unknown status", R"({"status": "OKAY"})",
        "expect: \"status\" should be a gRPC status code name (OK, NOT_FOUND...) or a number from 0 to 16, "
        "not \"OKAY\"");
    row("status out of range", R"({"status": 42})", ", not 42");
    row("status bool", R"({"status": true})", "expect: \"status\" should be a gRPC status code name");
    row("status regex", R"({"statusMessage": "("})",
        "expect: \"statusMessage\" is not a valid regular expression");
    row("negative messages", R"({"messages": -1})",
        "expect: \"messages\" should be a whole number, not negative");
    row("messages text", R"({"messages": "3"})", "expect: \"messages\" should be a number");
    row("maxMs fraction", R"({"maxMs": 1.5})", "expect: \"maxMs\" should be a whole number");
    row("header number", R"({"headers": {"x-a": 1}})", "expect: \"headers\": \"x-a\" should be a string");
    row("trailers array", R"({"trailers": []})", "expect: \"trailers\" should be an object");
    row("snapshot text", R"({"snapshot": "yes"})", "expect: \"snapshot\" should be true or false");
    row("bad ignore", R"({"snapshotIgnore": ["$.a", "issuedAt"]})",
        "expect.snapshotIgnore[1]: \"issuedAt\": a path starts with $");
}

void RunnerFormatTest::formatErrorsNameThePart()
{
    QFETCH(QByteArray, expect);
    QFETCH(QString, error);
    Expectations read;
    read.maxMs = 7; // left alone on failure
    QString actual;
    QVERIFY(!Expectations::fromJson(object(expect), &read, &actual));
    QVERIFY2(
        actual.startsWith(error) || (error.startsWith(u',') && actual.contains(error)), qPrintable(actual));
    QCOMPARE(read.maxMs, std::optional<int>(7));

    // In a request file, the file's name comes first.
    QJsonObject file {
        {QStringLiteral("method"), QStringLiteral("a.B/C")}, {QStringLiteral("expect"), object(expect)}};
    SavedRequest request;
    QVERIFY(!SavedRequest::fromBytes(
        QJsonDocument(file).toJson(), QStringLiteral("orders/get.json"), &request, &actual));
    QVERIFY2(actual.contains(QStringLiteral("no valid \"formatVersion\"")), qPrintable(actual));
    file.insert(QStringLiteral("formatVersion"), 1);
    QVERIFY(!SavedRequest::fromBytes(
        QJsonDocument(file).toJson(), QStringLiteral("orders/get.json"), &request, &actual));
    QVERIFY2(actual.startsWith(
                 QDir::toNativeSeparators(QStringLiteral("orders/get.json")) + QStringLiteral(": expect"))
            && actual.contains(error),
        qPrintable(actual));
}

void RunnerFormatTest::captureErrorsNameTheVariable()
{
    Captures captures;
    QString error;
    QVERIFY(!capturesFromJson(object(R"({"order id": "$.id"})"), &captures, &error));
    QCOMPARE(error, QStringLiteral("capture['order id']: not a variable name (letters, digits, _, . and -)"));
    QVERIFY(!capturesFromJson(object(R"({"x": 1})"), &captures, &error));
    QCOMPARE(error, QStringLiteral("capture.x: the path should be a string"));
    QVERIFY(!capturesFromJson(object(R"({"x": "$.a["})"), &captures, &error));
    QCOMPARE(error, QStringLiteral("capture.x: \"$.a[\": expected a number or a quoted key at column 5"));
    QVERIFY(captures.isEmpty());

    QVERIFY2(capturesFromJson(object(R"({"order.id-2": "$.id", "_x": "$error.code"})"), &captures, &error),
        qPrintable(error));
    QCOMPARE(captures,
        (Captures {{QStringLiteral("_x"), QStringLiteral("$error.code")},
            {QStringLiteral("order.id-2"), QStringLiteral("$.id")}}));
    QCOMPARE(capturesToJson(captures), object(R"({"order.id-2": "$.id", "_x": "$error.code"})"));

    SavedRequest request;
    QVERIFY(!SavedRequest::fromJson(
        object(R"({"capture": ["$.id"]})"), QStringLiteral("a.json"), &request, &error));
    QCOMPARE(error, QStringLiteral("a.json: \"capture\" should be an object"));
    QVERIFY(!SavedRequest::fromJson(
        object(R"({"capture": {"x": "id"}})"), QStringLiteral("a.json"), &request, &error));
    QCOMPARE(error,
        QStringLiteral(
            "a.json: capture.x: \"id\": a path starts with $ (a response message) or $error at column 1"));
}

void RunnerFormatTest::junitReportCountsEveryRequest()
{
    const RunReport report = sampleReport();
    const QByteArray xml = report.toJUnit();

    // The schema CI tools read, where a validator is at hand.
    const QString xsd = QFINDTESTDATA("../data/junit/junit.xsd");
    const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
    if (!xsd.isEmpty() && !xmllint.isEmpty()) {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("junit.xml"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(xml);
        out.close();
        QProcess lint;
        lint.start(xmllint, {QStringLiteral("--noout"), QStringLiteral("--schema"), xsd, file});
        QVERIFY(lint.waitForFinished(30000));
        QVERIFY2(lint.exitCode() == 0, lint.readAllStandardError().constData());
    }

    QXmlStreamReader reader(xml);
    QStringList suites;
    QStringList cases;
    QStringList failures;
    QStringList failureTexts;
    QStringList errors;
    QStringList outputs;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes a = reader.attributes();
        const auto attribute = [&a](const char *name) { return a.value(QLatin1String(name)).toString(); };
        if (reader.name() == u"testsuites") {
            QCOMPARE(attribute("name"), QStringLiteral("Demo"));
            QCOMPARE(attribute("tests"), QStringLiteral("4"));
            QCOMPARE(attribute("failures"), QStringLiteral("1"));
            QCOMPARE(attribute("errors"), QStringLiteral("1"));
            QCOMPARE(attribute("time"), QStringLiteral("1.234"));
        } else if (reader.name() == u"testsuite") {
            suites.append(QStringLiteral("%1 %2/%3/%4 %5")
                              .arg(attribute("name"), attribute("tests"), attribute("failures"),
                                  attribute("errors"), attribute("time")));
        } else if (reader.name() == u"testcase") {
            cases.append(
                QStringLiteral("%1|%2|%3|%4")
                    .arg(attribute("name"), attribute("classname"), attribute("file"), attribute("time")));
        } else if (reader.name() == u"failure") {
            QCOMPARE(attribute("type"), QStringLiteral("assertion"));
            failures.append(attribute("message"));
            failureTexts.append(reader.readElementText());
        } else if (reader.name() == u"error") {
            QCOMPARE(attribute("type"), QStringLiteral("not sent"));
            errors.append(attribute("message"));
        } else if (reader.name() == u"system-out") {
            outputs.append(reader.readElementText());
        }
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    // One suite per folder, in the order the folders first ran.
    QCOMPARE(suites,
        (QStringList {QStringLiteral("unary 2/1/0 0.017"), QStringLiteral("(root) 1/0/1 0.000"),
            QStringLiteral("streams/deep 1/0/0 0.030")}));
    QCOMPARE(cases,
        (QStringList {QStringLiteral("Echo|unary|unary/echo.json|0.012"),
            QStringLiteral("Fail <&> \"quoted\"|unary|unary/fail.json|0.005"),
            QStringLiteral("Root|Demo|root.json|0.000"),
            QStringLiteral("Ticks|streams.deep|streams/deep/ticks.json|0.030")}));
    QCOMPARE(failures,
        (QStringList {QStringLiteral("status: expected OK, got NOT_FOUND"),
            QStringLiteral("$.a equals: expected 1, got (missing)")}));
    QCOMPARE(
        failureTexts.at(0), QStringLiteral("status: expected OK, got NOT_FOUND\norder 7 does not exist"));
    QCOMPARE(errors, QStringList {QStringLiteral("{{host}} not defined")});
    QCOMPARE(outputs,
        (QStringList {QStringLiteral("OK (12 ms, 1 message)"),
            QStringLiteral("NOT_FOUND: order 7 does not exist (5.0 ms, 0 messages)"),
            QStringLiteral("OK (30 ms, 2 messages)")}));
}

void RunnerFormatTest::jsonReportAndSummary()
{
    RunReport report = sampleReport();
    QCOMPARE(report.passedCount(), 2);
    QCOMPARE(report.failedCount(), 2);
    QVERIFY(!report.passed());
    QCOMPARE(report.results.at(3).folder(), QStringLiteral("streams/deep"));
    QCOMPARE(report.results.at(2).folder(), QString());
    QCOMPARE(report.results.at(1).failedChecks(), 2);
    QVERIFY(!report.results.at(2).passed()); // never sent
    RequestResult noChecks;
    noChecks.outcome.sent = true;
    QVERIFY(noChecks.passed());

    const QJsonObject json = QJsonDocument::fromJson(report.toJson()).object();
    QCOMPARE(json.value(QStringLiteral("collection")).toString(), QStringLiteral("Demo"));
    QCOMPARE(json.value(QStringLiteral("environment")).toString(), QStringLiteral("local"));
    QCOMPARE(json.value(QStringLiteral("elapsedMs")).toInt(), 1234);
    QCOMPARE(json.value(QStringLiteral("passed")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("failed")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("cancelled")), QJsonValue(false));
    const QJsonArray requests = json.value(QStringLiteral("requests")).toArray();
    QCOMPARE(requests.size(), 4);
    const QJsonObject echo = requests.at(0).toObject();
    QCOMPARE(echo.keys(),
        (QStringList {QStringLiteral("captured"), QStringLiteral("checks"), QStringLiteral("elapsedMs"),
            QStringLiteral("failure"), QStringLiteral("messages"), QStringLiteral("method"),
            QStringLiteral("name"), QStringLiteral("passed"), QStringLiteral("path"), QStringLiteral("sent"),
            QStringLiteral("status"), QStringLiteral("statusMessage")}));
    QCOMPARE(echo.value(QStringLiteral("messages")).toArray(), QJsonArray {object(R"({"text": "hi"})")});
    QCOMPARE(echo.value(QStringLiteral("captured")).toObject(), object(R"({"id": "7"})"));
    QCOMPARE(echo.value(QStringLiteral("passed")), QJsonValue(true));
    QCOMPARE(echo.value(QStringLiteral("elapsedMs")).toInt(), 12);
    const QJsonObject fail = requests.at(1).toObject();
    QCOMPARE(fail.value(QStringLiteral("status")).toString(), QStringLiteral("NOT_FOUND"));
    QCOMPARE(
        fail.value(QStringLiteral("statusMessage")).toString(), QStringLiteral("order 7 does not exist"));
    QCOMPARE(fail.value(QStringLiteral("checks")).toArray().at(0).toObject(),
        object(R"({"name": "status", "passed": false, "expected": "OK", "actual": "NOT_FOUND",
            "note": "order 7 does not exist"})"));
    const QJsonObject unsent = requests.at(2).toObject();
    QCOMPARE(unsent.value(QStringLiteral("sent")), QJsonValue(false));
    QCOMPARE(unsent.value(QStringLiteral("failure")).toString(), QStringLiteral("{{host}} not defined"));
    QCOMPARE(unsent.value(QStringLiteral("passed")), QJsonValue(false));

    QCOMPARE(report.summary(), QStringLiteral("4 requests: 2 passed, 2 failed; 2 of 5 checks held; 1234 ms"));
    report.cancelled = true;
    QCOMPARE(report.summary(),
        QStringLiteral("4 requests: 2 passed, 2 failed; 2 of 5 checks held; 1234 ms (stopped early)"));
    QCOMPARE(QJsonDocument::fromJson(report.toJson()).object().value(QStringLiteral("cancelled")),
        QJsonValue(true));

    RunReport one;
    one.elapsedMs = 5;
    one.results = {report.results.at(0)};
    QVERIFY(one.passed());
    QCOMPARE(one.summary(), QStringLiteral("1 request: 1 passed, 0 failed; 1 of 1 check held; 5 ms"));
    one.results.first().checks.clear();
    QCOMPARE(one.summary(), QStringLiteral("1 request: 1 passed, 0 failed; no checks; 5 ms"));

    // A call's time is as precise as it needs to be to tell fast calls apart.
    CallOutcome timed;
    timed.elapsedMs = 0.4213;
    QCOMPARE(timed.elapsedText(), QStringLiteral("0.42 ms"));
    timed.elapsedMs = 3.14;
    QCOMPARE(timed.elapsedText(), QStringLiteral("3.1 ms"));
    timed.elapsedMs = 250.4;
    QCOMPARE(timed.elapsedText(), QStringLiteral("250 ms"));
    QVERIFY(!RunReport {}.passed());
}

QTEST_GUILESS_MAIN(RunnerFormatTest)
#include "RunnerFormatTest.moc"
