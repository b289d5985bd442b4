#include "support/TestSupport.h"

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

private:
    Run bench(const QString &method, const QStringList &options) const;
    static QJsonObject json(const Run &run);

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

QTEST_GUILESS_MAIN(BenchCliTest)
#include "BenchCliTest.moc"
