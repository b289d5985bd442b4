#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace wirescope;
using test::describeRun;
using test::readJson;
using test::Run;
using test::runWirescope;
using test::writeJson;

// `wirescope run` against the demo server: a collection whose requests say what they
// expect, run as a CI job would run it, with its JUnit and JSON reports read back.
class RunCliTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void everyCheckHoldsAgainstTheDemoServer();
    void failsPreciselyWhenAnExpectedValueChanges();
    void junitValidatesAndJsonHoldsEveryResult();
    void capturedVariablesChainCalls();
    void snapshotsAreWrittenThenChecked();
    void requestsThatCannotBeSentFailWithTheirReason();
    void badInputExitsTwoNamingTheFile();
    void theDemoCollectionPasses();
    void tlsOptionsReplaceEveryRequestsOwn();

private:
    void writeRequest(const QString &path, const QString &method, const QJsonValue &body,
        const QJsonObject &expect, const QJsonObject &extra = {});
    void editRequest(const QString &path, const std::function<void(QJsonObject &)> &edit);
    Run run(QStringList arguments) const;

    std::unique_ptr<DemoServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

QJsonObject check(
    const QString &path, const QString &op, const QJsonValue &value, const QJsonValue &message = {})
{
    QJsonObject assertion {{QStringLiteral("path"), path}, {op, value}};
    if (!message.isUndefined() && !message.isNull())
        assertion.insert(QStringLiteral("message"), message);
    return assertion;
}

int countLines(const QString &text, const QString &prefix)
{
    int count = 0;
    for (const QString &line : text.split(u'\n'))
        count += line.startsWith(prefix) ? 1 : 0;
    return count;
}

} // namespace

void RunCliTest::initTestCase()
{
    m_server = test::startDemo();
    QVERIFY(m_server);
}

// Each test starts from the same collection: seven requests over every call kind, each
// with checks that hold against the demo server.
void RunCliTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    test::writeCollection(m_dir->path(), {{QStringLiteral("demo"), m_server->address()}});
    const QString demo = QStringLiteral("wirescope.demo.v1.DemoService/");

    writeRequest(QStringLiteral("a-orders/1-place.json"), demo + QStringLiteral("PlaceOrder"),
        QJsonObject {{QStringLiteral("customer"), QStringLiteral("Ada")},
            {QStringLiteral("items"),
                QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("notebook")},
                                {QStringLiteral("price"), 4.5}, {QStringLiteral("quantity"), 3}},
                    QJsonObject {{QStringLiteral("name"), QStringLiteral("pencil")},
                        {QStringLiteral("price"), 0.8}, {QStringLiteral("quantity"), 12}}}}},
        {{QStringLiteral("status"), QStringLiteral("OK")}, {QStringLiteral("messages"), 1},
            {QStringLiteral("maxMs"), 60000},
            {QStringLiteral("asserts"),
                QJsonArray {check(QStringLiteral("$.itemCount"), QStringLiteral("equals"), 15),
                    check(QStringLiteral("$.total"), QStringLiteral("greaterThan"), 23),
                    check(QStringLiteral("$.total"), QStringLiteral("lessThan"), 24),
                    check(QStringLiteral("$.issuedAt"), QStringLiteral("exists"), true),
                    check(QStringLiteral("$.refund"), QStringLiteral("exists"), false)}}},
        {{QStringLiteral("capture"),
            QJsonObject {{QStringLiteral("count"), QStringLiteral("$.itemCount")}}}});

    writeRequest(QStringLiteral("a-orders/2-echo-count.json"), demo + QStringLiteral("Echo"),
        QJsonObject {{QStringLiteral("fString"), QStringLiteral("count={{count}}")},
            {QStringLiteral("fInt64"), QStringLiteral("9007199254740993")},
            {QStringLiteral("tags"), QJsonArray {QStringLiteral("a"), QStringLiteral("b")}},
            {QStringLiteral("address"),
                QJsonObject {{QStringLiteral("city"), QStringLiteral("Oslo")},
                    {QStringLiteral("countryCode"), QStringLiteral("NO")}}},
            {QStringLiteral("counters"), QJsonObject {{QStringLiteral("x-y"), QStringLiteral("7")}}}},
        {{QStringLiteral("asserts"),
            QJsonArray {
                check(QStringLiteral("$.fString"), QStringLiteral("equals"), QStringLiteral("count=15")),
                check(QStringLiteral("$.fString"), QStringLiteral("matches"), QStringLiteral("^count=\\d+$")),
                check(
                    QStringLiteral("$.fInt64"), QStringLiteral("equals"), QStringLiteral("9007199254740993")),
                check(QStringLiteral("$.fInt64"), QStringLiteral("notEquals"),
                    QStringLiteral("9007199254740992")),
                check(QStringLiteral("$.fInt64"), QStringLiteral("greaterThan"),
                    QStringLiteral("9007199254740992")),
                check(QStringLiteral("$.tags"), QStringLiteral("length"), 2),
                check(QStringLiteral("$.tags"), QStringLiteral("contains"), QStringLiteral("b")),
                check(QStringLiteral("$.tags[1]"), QStringLiteral("equals"), QStringLiteral("b")),
                check(QStringLiteral("$.address"), QStringLiteral("contains"),
                    QJsonObject {{QStringLiteral("city"), QStringLiteral("Oslo")}}),
                check(QStringLiteral("$.counters['x-y']"), QStringLiteral("equals"), QStringLiteral("7"))}}});

    writeRequest(QStringLiteral("b-streams/chat.json"), demo + QStringLiteral("Chat"),
        QStringLiteral("{\"text\": \"one\"}\n{\"text\": \"two\"}"),
        {{QStringLiteral("messages"), 2},
            {QStringLiteral("asserts"),
                QJsonArray {check(QStringLiteral("$.text"), QStringLiteral("equals"),
                                QStringLiteral("echo: one"), QStringLiteral("first")),
                    check(QStringLiteral("$.text"), QStringLiteral("contains"), QStringLiteral("two")),
                    check(QStringLiteral("$.from"), QStringLiteral("equals"), QStringLiteral("demo"),
                        QStringLiteral("all"))}}});
    writeRequest(QStringLiteral("b-streams/collect.json"), demo + QStringLiteral("Collect"),
        QStringLiteral("{\"name\": \"a\", \"price\": 1, \"quantity\": 2}\n{\"name\": \"b\", \"price\": 2, "
                       "\"quantity\": 3}"),
        {{QStringLiteral("asserts"),
            QJsonArray {check(QStringLiteral("$.itemCount"), QStringLiteral("equals"), 5),
                check(QStringLiteral("$.total"), QStringLiteral("equals"), 8)}}});
    writeRequest(QStringLiteral("b-streams/ticks.json"), demo + QStringLiteral("StreamTicks"),
        QJsonObject {{QStringLiteral("count"), 3}},
        {{QStringLiteral("messages"), 3},
            {QStringLiteral("asserts"),
                QJsonArray {
                    check(QStringLiteral("$.seq"), QStringLiteral("lessThan"), 4, QStringLiteral("all")),
                    check(QStringLiteral("$.seq"), QStringLiteral("equals"), QStringLiteral("1"),
                        QStringLiteral("first")),
                    check(QStringLiteral("$.seq"), QStringLiteral("equals"), QStringLiteral("2"), 1),
                    check(QStringLiteral("$.seq"), QStringLiteral("equals"), QStringLiteral("3"))}}});

    writeRequest(QStringLiteral("c-errors/fail.json"), demo + QStringLiteral("Fail"),
        QJsonObject {
            {QStringLiteral("code"), 5}, {QStringLiteral("message"), QStringLiteral("order 42 is gone")}},
        {{QStringLiteral("status"), QStringLiteral("NOT_FOUND")},
            {QStringLiteral("statusMessage"), QStringLiteral("order \\d+")}, {QStringLiteral("messages"), 0},
            {QStringLiteral("asserts"),
                QJsonArray {check(QStringLiteral("$error.code"), QStringLiteral("equals"), 5),
                    check(QStringLiteral("$error.details[1].reason"), QStringLiteral("equals"),
                        QStringLiteral("DEMO_FAILURE")),
                    check(QStringLiteral("$error.details"), QStringLiteral("length"), 5)}}});
    writeRequest(QStringLiteral("c-errors/metadata.json"), demo + QStringLiteral("EchoMetadata"),
        QJsonObject {},
        {{QStringLiteral("headers"), QJsonObject {{QStringLiteral("echo-x-user"), QStringLiteral("ada")}}},
            {QStringLiteral("trailers"),
                QJsonObject {{QStringLiteral("trailer-echo-x-user"), QStringLiteral("ada")}}}},
        {{QStringLiteral("metadata"),
            QJsonArray {QJsonObject {{QStringLiteral("key"), QStringLiteral("x-user")},
                {QStringLiteral("value"), QStringLiteral("ada")}, {QStringLiteral("enabled"), true}}}}});
}

void RunCliTest::writeRequest(const QString &path, const QString &method, const QJsonValue &body,
    const QJsonObject &expect, const QJsonObject &extra)
{
    QJsonObject more = extra;
    more.insert(QStringLiteral("expect"), expect);
    test::writeRequest(m_dir->filePath(path), QStringLiteral("{{demo}}"), method, body, more);
}

void RunCliTest::editRequest(const QString &path, const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject request = readJson(m_dir->filePath(path));
    QVERIFY(!request.isEmpty());
    edit(request);
    writeJson(m_dir->filePath(path), request);
}

Run RunCliTest::run(QStringList arguments) const
{
    arguments.prepend(m_dir->path());
    arguments.prepend(QStringLiteral("run"));
    return runWirescope(arguments);
}

void RunCliTest::everyCheckHoldsAgainstTheDemoServer()
{
    const Run result = run({});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    QCOMPARE(countLines(result.out, QStringLiteral("\u2713 ")), 7);
    QCOMPARE(countLines(result.out, QStringLiteral("\u2717 ")), 0);
    // Path order: folders and files sorted, so the capture comes before its use.
    QVERIFY2(result.out.startsWith(QStringLiteral("\u2713 1-place (a-orders/1-place.json)  OK  ")),
        qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("\u2713 fail (c-errors/fail.json)  NOT_FOUND  ")),
        qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("7 requests: 7 passed, 0 failed")), qPrintable(result.out));
}

void RunCliTest::failsPreciselyWhenAnExpectedValueChanges()
{
    editRequest(QStringLiteral("a-orders/1-place.json"), [](QJsonObject &request) {
        QJsonObject expect = request.value(QStringLiteral("expect")).toObject();
        QJsonArray asserts = expect.value(QStringLiteral("asserts")).toArray();
        asserts[0] = check(QStringLiteral("$.itemCount"), QStringLiteral("equals"), 16);
        expect.insert(QStringLiteral("asserts"), asserts);
        request.insert(QStringLiteral("expect"), expect);
    });
    editRequest(QStringLiteral("b-streams/ticks.json"), [](QJsonObject &request) {
        QJsonObject expect = request.value(QStringLiteral("expect")).toObject();
        QJsonArray asserts = expect.value(QStringLiteral("asserts")).toArray();
        asserts[0] = check(QStringLiteral("$.seq"), QStringLiteral("lessThan"), 3, QStringLiteral("all"));
        expect.insert(QStringLiteral("asserts"), asserts);
        request.insert(QStringLiteral("expect"), expect);
    });
    const Run result = run({});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(countLines(result.out, QStringLiteral("\u2717 ")), 2);
    QCOMPARE(countLines(result.out, QStringLiteral("\u2713 ")), 5);
    QVERIFY2(result.out.contains(QStringLiteral("\u2717 1-place (a-orders/1-place.json)  OK")),
        qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("    \u2717 $.itemCount equals: expected 16, got 15")),
        qPrintable(result.out));
    // Only the message that broke "all" is named: the third tick.
    QVERIFY2(result.out.contains(QStringLiteral("$.seq lessThan [all]: expected 3")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("message 3 of 3")), qPrintable(result.out));
    // Every other check held: nothing else is listed.
    QCOMPARE(countLines(result.out, QStringLiteral("    \u2717 ")), 2);
    QVERIFY2(result.out.contains(QStringLiteral("7 requests: 5 passed, 2 failed")), qPrintable(result.out));
}

void RunCliTest::junitValidatesAndJsonHoldsEveryResult()
{
    editRequest(QStringLiteral("c-errors/fail.json"), [](QJsonObject &request) {
        QJsonObject expect = request.value(QStringLiteral("expect")).toObject();
        expect.insert(QStringLiteral("status"), QStringLiteral("UNAVAILABLE"));
        request.insert(QStringLiteral("expect"), expect);
    });
    const QString junit = m_dir->filePath(QStringLiteral("out/junit.xml"));
    const QString json = m_dir->filePath(QStringLiteral("out/results.json"));
    QDir().mkpath(m_dir->filePath(QStringLiteral("out")));
    const Run result = run({QStringLiteral("--junit"), junit, QStringLiteral("--json"), json});
    QCOMPARE(result.exitCode, 1);

    // A schema validator accepts it.
    const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
    if (xmllint.isEmpty() && qEnvironmentVariable("CI") == QStringLiteral("true"))
        QFAIL("xmllint is missing (libxml2-utils): CI validates the JUnit XML with it");
    if (!xmllint.isEmpty()) {
        QProcess lint;
        lint.start(xmllint,
            {QStringLiteral("--noout"), QStringLiteral("--schema"),
                test::dataPath(QStringLiteral("junit/junit.xsd")), junit});
        QVERIFY(lint.waitForFinished(30000));
        QVERIFY2(lint.exitCode() == 0, lint.readAllStandardError().constData());
    }

    QFile file(junit);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QStringList suites;
    int cases = 0;
    QStringList failures;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"testsuites") {
            QCOMPARE(xml.attributes().value(QStringLiteral("tests")).toString(), QStringLiteral("7"));
            QCOMPARE(xml.attributes().value(QStringLiteral("failures")).toString(), QStringLiteral("1"));
        } else if (xml.name() == u"testsuite") {
            suites.append(xml.attributes().value(QStringLiteral("name")).toString());
        } else if (xml.name() == u"testcase") {
            ++cases;
        } else if (xml.name() == u"failure") {
            failures.append(xml.attributes().value(QStringLiteral("message")).toString());
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(suites,
        (QStringList {QStringLiteral("a-orders"), QStringLiteral("b-streams"), QStringLiteral("c-errors")}));
    QCOMPARE(cases, 7);
    QCOMPARE(failures.size(), 1);
    QVERIFY2(failures.first().contains(QStringLiteral("UNAVAILABLE"))
            && failures.first().contains(QStringLiteral("NOT_FOUND")),
        qPrintable(failures.first()));

    const QJsonObject report = readJson(json);
    const QJsonArray requests = report.value(QStringLiteral("requests")).toArray();
    QCOMPARE(requests.size(), 7);
    const QJsonObject ticks = requests.at(4).toObject();
    QCOMPARE(ticks.value(QStringLiteral("path")).toString(), QStringLiteral("b-streams/ticks.json"));
    QCOMPARE(ticks.value(QStringLiteral("messages")).toArray().size(), 3);
    QCOMPARE(ticks.value(QStringLiteral("messages")).toArray().at(2).toObject().value(QStringLiteral("seq")),
        QJsonValue(QStringLiteral("3")));
    QCOMPARE(requests.at(5).toObject().value(QStringLiteral("passed")), QJsonValue(false));
    QCOMPARE(requests.at(0).toObject().value(QStringLiteral("captured")).toObject(),
        (QJsonObject {{QStringLiteral("count"), QStringLiteral("15")}}));
}

void RunCliTest::capturedVariablesChainCalls()
{
    // Alone, the second request has no {{count}}: it is not sent, and says why.
    const Run alone = run({QStringLiteral("a-orders/2-echo-count.json")});
    QCOMPARE(alone.exitCode, 1);
    QVERIFY2(alone.out.contains(QStringLiteral("\u2717 2-echo-count (a-orders/2-echo-count.json)  not sent")),
        qPrintable(alone.out));
    QVERIFY2(alone.out.contains(QStringLiteral("{{count}} not defined in environment \"local\"")),
        qPrintable(alone.out));

    // --var stands in for it; a capture of the same name wins over --var.
    const Run given
        = run({QStringLiteral("a-orders/2-echo-count"), QStringLiteral("--var"), QStringLiteral("count=15")});
    QVERIFY2(given.exitCode == 0, qPrintable(describeRun(given)));
    const Run chained
        = run({QStringLiteral("a-orders"), QStringLiteral("--var"), QStringLiteral("count=99")});
    QVERIFY2(chained.exitCode == 0, qPrintable(describeRun(chained)));
    QCOMPARE(countLines(chained.out, QStringLiteral("\u2713 ")), 2);
}

void RunCliTest::snapshotsAreWrittenThenChecked()
{
    editRequest(QStringLiteral("a-orders/1-place.json"), [](QJsonObject &request) {
        request.insert(QStringLiteral("expect"),
            QJsonObject {{QStringLiteral("snapshot"), true},
                {QStringLiteral("snapshotIgnore"), QJsonArray {QStringLiteral("$.issuedAt")}}});
    });
    const QString place = QStringLiteral("a-orders/1-place.json");
    const QString snapshot = m_dir->filePath(QStringLiteral("a-orders/1-place.snapshot.json"));
    const Run missing = run({place});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.out.contains(QStringLiteral("--update-snapshots")), qPrintable(missing.out));

    const Run update = run({place, QStringLiteral("--update-snapshots")});
    QVERIFY2(update.exitCode == 0, qPrintable(describeRun(update)));
    const QJsonObject stored = readJson(snapshot);
    QCOMPARE(stored.value(QStringLiteral("status")).toString(), QStringLiteral("OK"));
    const QJsonObject receipt = stored.value(QStringLiteral("messages")).toArray().at(0).toObject();
    QCOMPARE(receipt.value(QStringLiteral("itemCount")).toInt(), 15);
    QVERIFY2(!receipt.contains(QStringLiteral("issuedAt")), "an ignored path is not stored");

    // Checked again: the time differs on every call, and is ignored.
    const Run again = run({place});
    QVERIFY2(again.exitCode == 0, qPrintable(describeRun(again)));
    // The whole collection still opens: the snapshot beside the request is not a request.
    const Run all = run({});
    QVERIFY2(all.exitCode == 0, qPrintable(describeRun(all)));

    QJsonObject changed = stored;
    QJsonArray messages = changed.value(QStringLiteral("messages")).toArray();
    QJsonObject first = messages.at(0).toObject();
    first.insert(QStringLiteral("itemCount"), 14);
    first.insert(QStringLiteral("note"), QStringLiteral("gone"));
    messages[0] = first;
    changed.insert(QStringLiteral("messages"), messages);
    writeJson(snapshot, changed);
    const Run differs = run({place});
    QCOMPARE(differs.exitCode, 1);
    QVERIFY2(differs.out.contains(QStringLiteral("changed $.messages[0].itemCount: 14 -> 15")),
        qPrintable(differs.out));
    QVERIFY2(differs.out.contains(QStringLiteral("removed $.messages[0].note")), qPrintable(differs.out));
}

void RunCliTest::requestsThatCannotBeSentFailWithTheirReason()
{
    editRequest(QStringLiteral("a-orders/1-place.json"), [](QJsonObject &request) {
        request.insert(QStringLiteral("method"), QStringLiteral("wirescope.demo.v1.DemoService/NoSuch"));
    });
    const Run result = run({});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(
        result.out.contains(QStringLiteral("no method wirescope.demo.v1.DemoService/NoSuch in the schema")),
        qPrintable(result.out));
    // The run goes on: the capture is missing, so the next one fails too, and the rest pass.
    QCOMPARE(countLines(result.out, QStringLiteral("\u2713 ")), 5);

    const Run bail = run({QStringLiteral("--bail")});
    QCOMPARE(bail.exitCode, 1);
    QCOMPARE(countLines(bail.out, QStringLiteral("\u2717 ")), 1);
    QCOMPARE(countLines(bail.out, QStringLiteral("\u2713 ")), 0);
    QVERIFY2(bail.out.contains(QStringLiteral("stopped early")), qPrintable(bail.out));

    // An address nobody listens on.
    editRequest(QStringLiteral("c-errors/metadata.json"), [](QJsonObject &request) {
        request.insert(QStringLiteral("target"), QStringLiteral("127.0.0.1:1"));
        request.insert(QStringLiteral("deadlineMs"), 3000);
    });
    const Run unreachable = run({QStringLiteral("c-errors/metadata.json")});
    QCOMPARE(unreachable.exitCode, 1);
    QVERIFY2(unreachable.out.contains(QStringLiteral("\u2717 metadata (c-errors/metadata.json)")),
        qPrintable(unreachable.out));
}

void RunCliTest::badInputExitsTwoNamingTheFile()
{
    const Run nowhere = runWirescope({QStringLiteral("run"), m_dir->filePath(QStringLiteral("missing"))});
    QCOMPARE(nowhere.exitCode, 2);
    const Run noPath = run({QStringLiteral("d-nothing")});
    QCOMPARE(noPath.exitCode, 2);
    QVERIFY2(
        noPath.err.contains(QStringLiteral("no request or folder \"d-nothing\"")), qPrintable(noPath.err));
    const Run noEnv = run({QStringLiteral("--env"), QStringLiteral("prod")});
    QCOMPARE(noEnv.exitCode, 2);
    QVERIFY2(noEnv.err.contains(QStringLiteral("no environment \"prod\"")), qPrintable(noEnv.err));
    const Run noVar = run({QStringLiteral("--var"), QStringLiteral("novalue")});
    QCOMPARE(noVar.exitCode, 2);

    editRequest(QStringLiteral("b-streams/ticks.json"), [](QJsonObject &request) {
        request.insert(QStringLiteral("expect"),
            QJsonObject {{QStringLiteral("asserts"),
                QJsonArray {QJsonObject {
                    {QStringLiteral("path"), QStringLiteral("$.seq")}, {QStringLiteral("equal"), 1}}}}});
    });
    const Run badExpect = run({});
    QCOMPARE(badExpect.exitCode, 2);
    QVERIFY2(badExpect.err.contains(QStringLiteral("ticks.json"))
            && badExpect.err.contains(QStringLiteral("asserts[0]")),
        qPrintable(badExpect.err));
    QVERIFY2(badExpect.out.isEmpty(), "nothing runs when a file cannot be read");

    QFile broken(m_dir->filePath(QStringLiteral("b-streams/ticks.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write("{\n  \"formatVersion\": 1,\n  oops\n}\n");
    broken.close();
    const Run corrupt = run({});
    QCOMPARE(corrupt.exitCode, 2);
    QVERIFY2(corrupt.err.contains(QStringLiteral("ticks.json:3:")), qPrintable(corrupt.err));
}

// The collection the app ships, as the README runs it: its checks hold against the demo
// server, and running it writes nothing into it.
void RunCliTest::theDemoCollectionPasses()
{
    const QString demo = QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT "/../collections/demo");
    const Run result = runWirescope({QStringLiteral("run"), demo, QStringLiteral("--var"),
        QStringLiteral("demo=") + m_server->address()});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    QCOMPARE(countLines(result.out, QStringLiteral("\u2713 ")), 7);
    QVERIFY2(
        result.out.contains(QStringLiteral("\u2713 Fail with rich error details")), qPrintable(result.out));
}

// The saved requests say plaintext; a CI job points the run at a mutual-TLS server with
// the command line's TLS options, which replace every request's own.
void RunCliTest::tlsOptionsReplaceEveryRequestsOwn()
{
    QTemporaryDir certs;
    QString error;
    QVERIFY2(test::makeCertificates(certs.path(), &error), qPrintable(error));
    DemoServer::Options options;
    options.useTls = true;
    options.tls.certificatePem = test::readFile(certs.filePath(QStringLiteral("server.pem")));
    options.tls.privateKeyPem = test::readFile(certs.filePath(QStringLiteral("server.key")));
    options.tls.clientCaPem = test::readFile(certs.filePath(QStringLiteral("ca.pem")));
    const std::unique_ptr<DemoServer> mtls = test::startDemo(options);
    QVERIFY(mtls);
    const QStringList place {QStringLiteral("a-orders/1-place.json"), QStringLiteral("--var"),
        QStringLiteral("demo=localhost:%1").arg(mtls->address().section(u':', -1))};

    const Run plain = run(place);
    QVERIFY2(plain.exitCode == 1, qPrintable(test::describeRun(plain)));
    QVERIFY2(plain.out.contains(QStringLiteral("\u2717 1-place")), qPrintable(plain.out));

    const Run noClientCertificate
        = run(place + QStringList {QStringLiteral("--cacert"), certs.filePath(QStringLiteral("ca.pem"))});
    QVERIFY2(noClientCertificate.exitCode == 1, qPrintable(test::describeRun(noClientCertificate)));

    const Run mutual = run(place
        + QStringList {QStringLiteral("--cacert"), certs.filePath(QStringLiteral("ca.pem")),
            QStringLiteral("--cert"), certs.filePath(QStringLiteral("client.pem")), QStringLiteral("--key"),
            certs.filePath(QStringLiteral("client.key"))});
    QVERIFY2(mutual.exitCode == 0, qPrintable(describeRun(mutual)));
    QVERIFY2(mutual.out.contains(QStringLiteral("\u2713 1-place (a-orders/1-place.json)  OK")),
        qPrintable(mutual.out));
}

QTEST_GUILESS_MAIN(RunCliTest)
#include "RunCliTest.moc"
