#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace wirescope;
using test::describeRun;
using test::Run;
using test::runWirescope;

// `wirescope bench` against the demo server, as a terminal or a CI job runs it. Timing is
// never asserted: counts are, with bounds that follow from the schedule alone.
class BenchCliTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void totalAtAConcurrency();
    void rateForADuration();
    void errorsCountByStatusCode();
    void errorRateOverTheLimitExitsOne();
    void templatesVaryEachCall();
    void latencyOverTheLimitExitsOne();
    void csvHasItsHeader();
    void summaryAndOutputFile();
    void streamsCountMessagesEachWay();
    void clientStreamsSendEveryMessage();
    void badCommandLinesExitTwo();
    void aSignalEndsTheRunWithItsReport();
    void collectionRequestIsBenched();
    void collectionTemplatesVaryEachCall();
    void unresolvableCollectionRequestsExitTwo();

private:
    Run bench(const QString &method, const QStringList &options) const;
    static QJsonObject json(const Run &run);
    // The demo collection copied to `dir`, its "local" environment pointed at the test server.
    void copyDemoCollection(const QString &dir) const;

    std::unique_ptr<DemoServer> m_server;
};

void BenchCliTest::initTestCase()
{
    m_server = test::startDemo();
    QVERIFY(m_server);
}

Run BenchCliTest::bench(const QString &method, const QStringList &options) const
{
    QStringList arguments {QStringLiteral("bench"), QStringLiteral("--plaintext"), m_server->address(),
        QStringLiteral("wirescope.demo.v1.DemoService/") + method};
    return runWirescope(arguments + options);
}

QJsonObject BenchCliTest::json(const Run &run)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s\n%s", qPrintable(error.errorString()), qPrintable(describeRun(run)));
    return document.object();
}

void BenchCliTest::totalAtAConcurrency()
{
    const Run result = bench(QStringLiteral("Echo"),
        {QStringLiteral("-d"), QStringLiteral(R"({"fString": "load"})"), QStringLiteral("--total"),
            QStringLiteral("200"), QStringLiteral("--concurrency"), QStringLiteral("4"),
            QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    const QJsonObject report = json(result);
    QCOMPARE(report.value(QStringLiteral("count")).toInteger(), qint64(200));
    QCOMPARE(report.value(QStringLiteral("statusCodeDistribution")).toObject(),
        (QJsonObject {{QStringLiteral("OK"), 200}}));
    QVERIFY(report.value(QStringLiteral("errorDistribution")).toObject().isEmpty());
    QCOMPARE(
        report.value(QStringLiteral("options")).toObject().value(QStringLiteral("concurrency")).toInt(), 4);
    const qint64 fastest = report.value(QStringLiteral("fastest")).toInteger();
    const qint64 slowest = report.value(QStringLiteral("slowest")).toInteger();
    QVERIFY2(fastest > 0 && fastest <= slowest, qPrintable(result.out));
    QVERIFY(report.value(QStringLiteral("total")).toInteger() >= slowest); // nanoseconds both
}

// 200 a second for 1 s schedules 200 calls whatever the machine's speed; the bounds leave
// room for what a run may lose, not for timing.
void BenchCliTest::rateForADuration()
{
    const Run result = bench(QStringLiteral("Echo"),
        {QStringLiteral("--rps"), QStringLiteral("200"), QStringLiteral("--duration"), QStringLiteral("1s"),
            QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    const QJsonObject report = json(result);
    const qint64 count = report.value(QStringLiteral("count")).toInteger();
    QVERIFY2(count >= 150 && count <= 250, qPrintable(result.out));
    QCOMPARE(
        report.value(QStringLiteral("options")).toObject().value(QStringLiteral("rps")).toDouble(), 200.0);
}

void BenchCliTest::errorsCountByStatusCode()
{
    const Run result = bench(QStringLiteral("Fail"),
        {QStringLiteral("-d"), QStringLiteral(R"({"code": 5, "message": "order 42 is gone"})"),
            QStringLiteral("--total"), QStringLiteral("20"), QStringLiteral("--concurrency"),
            QStringLiteral("2"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result))); // no limit given
    const QJsonObject report = json(result);
    QCOMPARE(report.value(QStringLiteral("count")).toInteger(), qint64(20));
    QCOMPARE(report.value(QStringLiteral("statusCodeDistribution")).toObject(),
        (QJsonObject {{QStringLiteral("NOT_FOUND"), 20}}));
    QCOMPARE(report.value(QStringLiteral("errorDistribution")).toObject(),
        (QJsonObject {{QStringLiteral("NOT_FOUND: order 42 is gone"), 20}}));
    QCOMPARE(report.value(QStringLiteral("errorRate")).toDouble(), 1.0);
}

void BenchCliTest::errorRateOverTheLimitExitsOne()
{
    const QStringList options {QStringLiteral("-d"), QStringLiteral(R"({"code": 5})"),
        QStringLiteral("--total"), QStringLiteral("10"), QStringLiteral("--concurrency"),
        QStringLiteral("2")};
    const Run failing = bench(QStringLiteral("Fail"),
        options + QStringList {QStringLiteral("--fail-errors"), QStringLiteral("0.1")});
    QVERIFY2(failing.exitCode == 1, qPrintable(describeRun(failing)));
    QVERIFY2(failing.err.contains(QStringLiteral("--fail-errors")), qPrintable(failing.err));
    QVERIFY2(failing.out.contains(QStringLiteral("Summary:")), qPrintable(failing.out)); // still reported

    const Run passing = bench(QStringLiteral("Echo"),
        {QStringLiteral("--total"), QStringLiteral("10"), QStringLiteral("--fail-errors"),
            QStringLiteral("0")});
    QVERIFY2(passing.exitCode == 0, qPrintable(describeRun(passing)));
}

// A limit no call can meet (0 ms) fails; one every call meets (an hour) passes.
void BenchCliTest::latencyOverTheLimitExitsOne()
{
    const QStringList options {QStringLiteral("--total"), QStringLiteral("10"), QStringLiteral("--fail-p99")};
    const Run failing = bench(QStringLiteral("Echo"), options + QStringList {QStringLiteral("0")});
    QVERIFY2(failing.exitCode == 1, qPrintable(describeRun(failing)));
    QVERIFY2(failing.err.contains(QStringLiteral("--fail-p99")), qPrintable(failing.err));
    const Run passing = bench(QStringLiteral("Echo"), options + QStringList {QStringLiteral("3600000")});
    QVERIFY2(passing.exitCode == 0, qPrintable(describeRun(passing)));
}

void BenchCliTest::csvHasItsHeader()
{
    const Run result = bench(QStringLiteral("Echo"),
        {QStringLiteral("--total"), QStringLiteral("10"), QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), qsizetype(2));
    QVERIFY2(lines.first().startsWith(QStringLiteral("count,total_ns,rps,errors,error_rate")),
        qPrintable(result.out));
    QVERIFY2(lines.last().startsWith(QStringLiteral("10,")), qPrintable(result.out));
}

void BenchCliTest::summaryAndOutputFile()
{
    const Run summary = bench(QStringLiteral("Echo"), {QStringLiteral("--total"), QStringLiteral("20")});
    QVERIFY2(summary.exitCode == 0, qPrintable(describeRun(summary)));
    for (const char *part : {"Summary:", "Count:         20", "Latency distribution:", "99.9 ",
             "Response time histogram:", "Status code distribution:", "[OK] 20"})
        QVERIFY2(
            summary.out.contains(QLatin1String(part)), qPrintable(QLatin1String(part) + u'\n' + summary.out));

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("report.json"));
    const Run written = bench(QStringLiteral("Echo"),
        {QStringLiteral("--total"), QStringLiteral("5"), QStringLiteral("--format"), QStringLiteral("json"),
            QStringLiteral("-o"), file});
    QVERIFY2(written.exitCode == 0, qPrintable(describeRun(written)));
    QVERIFY(written.out.isEmpty());
    QCOMPARE(
        QJsonDocument::fromJson(test::readFile(file)).object().value(QStringLiteral("count")).toInteger(),
        qint64(5));
}

void BenchCliTest::streamsCountMessagesEachWay()
{
    const Run result = bench(QStringLiteral("StreamTicks"),
        {QStringLiteral("-d"), QStringLiteral(R"({"count": 3})"), QStringLiteral("--total"),
            QStringLiteral("20"), QStringLiteral("--concurrency"), QStringLiteral("2"),
            QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    const QJsonObject report = json(result);
    QCOMPARE(report.value(QStringLiteral("count")).toInteger(), qint64(20));
    const QJsonObject messages = report.value(QStringLiteral("messages")).toObject();
    QCOMPARE(messages.value(QStringLiteral("received")).toInteger(), qint64(60));
    QCOMPARE(messages.value(QStringLiteral("receivedPerCall")).toDouble(), 3.0);
    QCOMPARE(messages.value(QStringLiteral("sent")).toInteger(), qint64(20));
    const QJsonObject first = report.value(QStringLiteral("timeToFirstMessage")).toObject();
    QCOMPARE(first.value(QStringLiteral("count")).toInteger(), qint64(20));
    QVERIFY(first.value(QStringLiteral("slowest")).toInteger()
        <= report.value(QStringLiteral("slowest")).toInteger());
}

void BenchCliTest::clientStreamsSendEveryMessage()
{
    const Run result = bench(QStringLiteral("Chat"),
        {QStringLiteral("-d"), QStringLiteral(R"({"text": "one"} {"text": "two"})"),
            QStringLiteral("--total"), QStringLiteral("10"), QStringLiteral("--connections"),
            QStringLiteral("2"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    const QJsonObject report = json(result);
    QCOMPARE(report.value(QStringLiteral("statusCodeDistribution")).toObject(),
        (QJsonObject {{QStringLiteral("OK"), 10}}));
    const QJsonObject messages = report.value(QStringLiteral("messages")).toObject();
    QCOMPARE(messages.value(QStringLiteral("sent")).toInteger(), qint64(20));
    QCOMPARE(messages.value(QStringLiteral("received")).toInteger(), qint64(20)); // Chat answers each
    QCOMPARE(
        report.value(QStringLiteral("options")).toObject().value(QStringLiteral("connections")).toInt(), 2);
}

void BenchCliTest::badCommandLinesExitTwo()
{
    const Run duration = bench(QStringLiteral("Echo"), {QStringLiteral("--duration"), QStringLiteral("10x")});
    QCOMPARE(duration.exitCode, 2);
    QVERIFY2(
        duration.err.contains(QStringLiteral("--duration")) && duration.err.contains(QStringLiteral("10x")),
        qPrintable(duration.err));
    QVERIFY2(duration.err.contains(QStringLiteral("unknown unit")), qPrintable(duration.err));

    const Run ramp = bench(QStringLiteral("Echo"),
        {QStringLiteral("--total"), QStringLiteral("5"), QStringLiteral("--ramp"), QStringLiteral("1s")});
    QCOMPARE(ramp.exitCode, 2);
    QVERIFY2(ramp.err.contains(QStringLiteral("--rps")), qPrintable(ramp.err));

    const Run rate = bench(QStringLiteral("Echo"), {QStringLiteral("--rps"), QStringLiteral("fast")});
    QCOMPARE(rate.exitCode, 2);
    QVERIFY2(rate.err.contains(QStringLiteral("--rps")), qPrintable(rate.err));

    const Run format = bench(QStringLiteral("Echo"), {QStringLiteral("--format"), QStringLiteral("xml")});
    QCOMPARE(format.exitCode, 2);

    const Run twoRequests = bench(QStringLiteral("Echo"),
        {QStringLiteral("-d"), QStringLiteral("{} {}"), QStringLiteral("--total"), QStringLiteral("1")});
    QCOMPARE(twoRequests.exitCode, 2);
    QVERIFY2(twoRequests.err.contains(QStringLiteral("takes one request")), qPrintable(twoRequests.err));

    const Run noMethod
        = runWirescope({QStringLiteral("bench"), QStringLiteral("--plaintext"), m_server->address()});
    QCOMPARE(noMethod.exitCode, 2);
}

// SIGTERM here, as Ctrl+C's SIGINT: the run stops and reports what it measured. The signal
// goes once the run says it began; nothing depends on how far it got.
void BenchCliTest::aSignalEndsTheRunWithItsReport()
{
    QProcess process;
    process.start(QStringLiteral(WIRESCOPE_BINARY),
        {QStringLiteral("bench"), QStringLiteral("--plaintext"), m_server->address(),
            QStringLiteral("wirescope.demo.v1.DemoService/Echo"), QStringLiteral("--rps"),
            QStringLiteral("50"), QStringLiteral("--duration"), QStringLiteral("10m"),
            QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY(process.waitForStarted());
    QByteArray err;
    const bool began = QTest::qWaitFor(
        [&] {
            err += process.readAllStandardError();
            return err.contains("bench running") || process.state() == QProcess::NotRunning;
        },
        20000);
    QVERIFY2(began && process.state() == QProcess::Running, err.constData());
    process.terminate();
    QVERIFY(process.waitForFinished(20000));
    Run result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(err + process.readAllStandardError());
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    const QJsonObject report = json(result);
    QVERIFY2(report.value(QStringLiteral("cancelled")).toBool(), qPrintable(result.out));
    QVERIFY(report.value(QStringLiteral("count")).toInteger() < 50 * 600); // not the whole schedule
    QVERIFY(
        report.value(QStringLiteral("errorDistribution")).toObject().isEmpty()); // cancelled is not failed
}

// {{randomInt 5 6}} in the body: each call asks the demo to fail with its own code, so both
// codes come back; a helper written wrong is a bad command line.
void BenchCliTest::templatesVaryEachCall()
{
    const Run result = bench(QStringLiteral("Fail"),
        {QStringLiteral("-d"), QStringLiteral(R"({"code": {{randomInt 5 6}}, "message": "call {{seq}}"})"),
            QStringLiteral("-H"), QStringLiteral("x-call: {{seq}}"), QStringLiteral("--total"),
            QStringLiteral("40"), QStringLiteral("--concurrency"), QStringLiteral("4"),
            QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    const QJsonObject report = json(result);
    QCOMPARE(report.value(QStringLiteral("count")).toInteger(), qint64(40));
    const QJsonObject codes = report.value(QStringLiteral("statusCodeDistribution")).toObject();
    QCOMPARE(codes.keys(), (QStringList {QStringLiteral("ALREADY_EXISTS"), QStringLiteral("NOT_FOUND")}));
    QCOMPARE(codes.value(QStringLiteral("ALREADY_EXISTS")).toInt()
            + codes.value(QStringLiteral("NOT_FOUND")).toInt(),
        40);
    // The message differs per call too: 40 distinct errors.
    QCOMPARE(report.value(QStringLiteral("errorDistribution")).toObject().size(), 40);

    const Run bad = bench(QStringLiteral("Echo"),
        {QStringLiteral("-d"), QStringLiteral(R"({"fInt32": {{randomInt 9}}})"), QStringLiteral("--total"),
            QStringLiteral("1")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("{{randomInt 9}}")), qPrintable(bad.err));
}

void BenchCliTest::copyDemoCollection(const QString &dir) const
{
    test::copyTree(QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT "/../collections/demo"), dir);
    const QString file = QDir(dir).filePath(QStringLiteral("collection.json"));
    QByteArray settings = test::readFile(file);
    QVERIFY2(settings.contains("\"demo\": \"127.0.0.1:50051\""), settings.constData());
    settings.replace("127.0.0.1:50051", m_server->address().toUtf8());
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(settings);
}

// A saved request is benched as call runs it: target, method, metadata ({{user}} from the
// environment) and body all come from the request file.
void BenchCliTest::collectionRequestIsBenched()
{
    QTemporaryDir dir;
    copyDemoCollection(dir.path());
    const Run result = runWirescope({QStringLiteral("bench"), QStringLiteral("--collection"), dir.path(),
        QStringLiteral("--env"), QStringLiteral("local"), QStringLiteral("unary/echo-metadata"),
        QStringLiteral("--total"), QStringLiteral("20"), QStringLiteral("--concurrency"), QStringLiteral("2"),
        QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    const QJsonObject report = json(result);
    QCOMPARE(report.value(QStringLiteral("count")).toInteger(), qint64(20));
    QCOMPARE(report.value(QStringLiteral("statusCodeDistribution")).toObject(),
        (QJsonObject {{QStringLiteral("OK"), 20}}));
}

// {{seq}} and {{randomInt 5 6}} in a saved body and metadata survive the environment (which
// resolves {{user}} and {{demo}} around them) and vary each call; -d overrides the saved body
// as it does for call, templates and all.
void BenchCliTest::collectionTemplatesVaryEachCall()
{
    QTemporaryDir dir;
    copyDemoCollection(dir.path());
    test::writeRequest(dir.filePath(QStringLiteral("load/fail-each-call.json")), QStringLiteral("{{demo}}"),
        QStringLiteral("wirescope.demo.v1.DemoService/Fail"),
        QStringLiteral(R"({"code": {{randomInt 5 6}}, "message": "call {{seq}} by {{user}}"})"),
        {{QStringLiteral("metadata"),
            QJsonArray {QJsonObject {{QStringLiteral("enabled"), true},
                {QStringLiteral("key"), QStringLiteral("x-call")},
                {QStringLiteral("value"), QStringLiteral("{{seq}}")}}}}});
    const QStringList saved {QStringLiteral("bench"), QStringLiteral("--collection"), dir.path(),
        QStringLiteral("--env"), QStringLiteral("local"), QStringLiteral("load/fail-each-call")};
    const Run result = runWirescope(saved
        + QStringList {QStringLiteral("--total"), QStringLiteral("40"), QStringLiteral("--concurrency"),
            QStringLiteral("4"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(describeRun(result)));
    const QJsonObject report = json(result);
    QCOMPARE(report.value(QStringLiteral("count")).toInteger(), qint64(40));
    const QJsonObject codes = report.value(QStringLiteral("statusCodeDistribution")).toObject();
    QCOMPARE(codes.keys(), (QStringList {QStringLiteral("ALREADY_EXISTS"), QStringLiteral("NOT_FOUND")}));
    const QStringList errors = report.value(QStringLiteral("errorDistribution")).toObject().keys();
    QCOMPARE(errors.size(), 40);
    QVERIFY2(errors.filter(QStringLiteral(": call 1 by ada")).size() == 1, qPrintable(errors.join(u'\n')));
    QVERIFY2(errors.filter(QStringLiteral("{{")).isEmpty(), qPrintable(errors.join(u'\n')));

    const Run overridden = runWirescope(saved
        + QStringList {QStringLiteral("-d"),
            QStringLiteral(R"({"code": 5, "message": "cli {{seq}} {{user}}"})"), QStringLiteral("--total"),
            QStringLiteral("10"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(overridden.exitCode == 0, qPrintable(describeRun(overridden)));
    const QJsonObject fromCommandLine = json(overridden);
    QCOMPARE(fromCommandLine.value(QStringLiteral("statusCodeDistribution")).toObject(),
        (QJsonObject {{QStringLiteral("NOT_FOUND"), 10}}));
    const QJsonObject cliErrors = fromCommandLine.value(QStringLiteral("errorDistribution")).toObject();
    QCOMPARE(cliErrors.size(), 10);
    QVERIFY2(cliErrors.contains(QStringLiteral("NOT_FOUND: cli 10 ada")), qPrintable(overridden.out));

    // The default environment has no {{demo}}: that, and not the helpers, is what is missing.
    const Run unresolved = runWirescope({QStringLiteral("bench"), QStringLiteral("--collection"), dir.path(),
        QStringLiteral("load/fail-each-call"), QStringLiteral("--total"), QStringLiteral("1")});
    QCOMPARE(unresolved.exitCode, 2);
    QVERIFY2(unresolved.err.contains(QStringLiteral("unresolved variables in load/fail-each-call: demo (")),
        qPrintable(unresolved.err));
}

// What call --collection says, with call's exit status, and no run started.
void BenchCliTest::unresolvableCollectionRequestsExitTwo()
{
    QTemporaryDir dir;
    copyDemoCollection(dir.path());
    const QStringList start {QStringLiteral("bench"), QStringLiteral("--collection"), dir.path(),
        QStringLiteral("--env"), QStringLiteral("local"), QStringLiteral("--total"), QStringLiteral("1")};
    const Run missing = runWirescope(start + QStringList {QStringLiteral("nothing/here")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QStringLiteral("no request \"nothing/here\"")), qPrintable(missing.err));
    QVERIFY2(!missing.err.contains(QStringLiteral("bench running")), qPrintable(missing.err));

    const Run noRequest = runWirescope(start);
    QCOMPARE(noRequest.exitCode, 2);
    QVERIFY2(noRequest.err.contains(QStringLiteral("bench --collection needs the REQUEST")),
        qPrintable(noRequest.err));

    QFile broken(dir.filePath(QStringLiteral("unary/echo-metadata.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write("{\n  \"formatVersion\": 1,\n  oops\n}\n");
    broken.close();
    const Run corrupt = runWirescope(start + QStringList {QStringLiteral("unary/echo-metadata")});
    QCOMPARE(corrupt.exitCode, 2);
    QVERIFY2(corrupt.err.contains(QStringLiteral("no request \"unary/echo-metadata\""))
            && corrupt.err.contains(QStringLiteral("echo-metadata.json:3:")),
        qPrintable(corrupt.err));
}

QTEST_GUILESS_MAIN(BenchCliTest)
#include "BenchCliTest.moc"
