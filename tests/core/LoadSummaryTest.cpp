// LoadSummary and LatencyHistogram::since: what the Load page and history keep of a run.

#include "model/load/LoadSummary.h"
#include "model/load/LatencyHistogram.h"
#include "model/load/LoadPlan.h"
#include "model/load/LoadReport.h"

#include <QJsonObject>
#include <QTest>

#include <algorithm>

using namespace wirescope;

// What the Load page and history keep of a run: an interval's latencies taken from two
// cumulative histograms, the compact histogram and the summary's texts and JSON.
class LoadSummaryTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sinceIsTheIntervalBetweenTwoCopies();
    void compactBinsKeepEveryCallWithinTheirBounds();
    void summaryNamesItsStatus();
    void jsonRoundTripsAndRefusesBadTypes();
    void streamFiguresComeFromTheReport();
    void unaryRunsKeepNoStreamFigures();
    void streamFiguresRoundTripAndOldLinesLoad();
};

namespace {

constexpr qint64 Milli = 1'000'000;

// A server-streaming run as `bench` would report it: 10 calls in 500 ms, one request and
// three ticks each, the first tick after 2 ms but once after 9 ms.
LoadReport streamReport()
{
    LoadReport report;
    report.streaming = true;
    report.concurrency = 2;
    report.plannedTotal = 10;
    report.count = 10;
    report.totalNanos = 500 * Milli;
    report.statusCodes = {{QStringLiteral("OK"), 10}};
    report.messagesSent = 10;
    report.messagesReceived = 30;
    for (int i = 0; i < 10; ++i) {
        report.latency.record(20 * Milli);
        report.firstMessage.record(i == 9 ? 9 * Milli : 2 * Milli);
    }
    return report;
}

} // namespace

void LoadSummaryTest::sinceIsTheIntervalBetweenTwoCopies()
{
    LatencyHistogram run;
    for (int i = 0; i < 1000; ++i)
        run.record(1 * Milli); // the first interval: fast
    const LatencyHistogram earlier = run;
    for (int i = 0; i < 100; ++i)
        run.record(50 * Milli); // the second: slow
    const LatencyHistogram interval = run.since(earlier);
    QCOMPARE(interval.count(), qint64(100));
    // Over the whole run the median is fast; in the interval it is the slow calls'.
    QVERIFY(run.valueAtPercentile(50) < 2 * Milli);
    QVERIFY(interval.valueAtPercentile(50) >= 50 * Milli);
    QVERIFY(interval.valueAtPercentile(50) <= 50 * Milli * 1.008);
    QVERIFY(interval.min() >= 49 * Milli);
    QCOMPARE(interval.max(), 50 * Milli);
    QCOMPARE(qint64(interval.mean()), 50 * Milli);
    QCOMPARE(run.since(run).count(), qint64(0));
    QCOMPARE(run.since(LatencyHistogram()).count(), run.count());
}

void LoadSummaryTest::compactBinsKeepEveryCallWithinTheirBounds()
{
    LatencyHistogram histogram;
    QList<qint64> values;
    for (qint64 v = 20'000; v < 20 * 1000 * Milli; v = v * 21 / 20) // 20 µs .. 20 s, 5 % apart
        values.append(v);
    for (const qint64 v : values)
        histogram.record(v);
    const QList<LoadSummary::Bin> bins = LoadSummary::compactHistogram(histogram);
    qint64 total = 0;
    qint64 previous = 0;
    for (const LoadSummary::Bin &bin : bins) {
        QVERIFY(bin.upperNanos > previous);
        QVERIFY(bin.count > 0);
        total += bin.count;
        previous = bin.upperNanos;
    }
    QCOMPARE(total, qint64(values.size()));
    // Eight bins per power of two: 20 octaves make at most 8 * 21.
    QVERIFY2(bins.size() <= 8 * 21, qPrintable(QString::number(bins.size())));
    // Each value lies in the first bin whose bound is at or above it: a bin spans a
    // sixteenth of its power of two, so its bound is within 12.5 % of any value in it.
    for (const qint64 v : values) {
        const auto bin = std::find_if(
            bins.cbegin(), bins.cend(), [v](const LoadSummary::Bin &b) { return b.upperNanos >= v; });
        QVERIFY(bin != bins.cend());
        QVERIFY2(double(bin->upperNanos) <= double(v) * 1.125, qPrintable(QString::number(v)));
    }
}

void LoadSummaryTest::summaryNamesItsStatus()
{
    LoadReport report;
    report.openModel = true;
    report.targetRps = 100;
    report.durationNanos = 10'000 * Milli;
    report.count = 1000;
    report.totalNanos = 10'000 * Milli;
    report.statusCodes = {{QStringLiteral("OK"), 1000}};
    for (int i = 0; i < 1000; ++i)
        report.latency.record(12 * Milli);
    LoadSummary summary = LoadSummary::fromReport(report);
    QCOMPARE(summary.statusName(), QStringLiteral("OK"));
    QVERIFY2(
        summary.label().contains(QStringLiteral("100.0 rps \u00b7 p99 12.")), qPrintable(summary.label()));
    QVERIFY2(
        summary.planText().startsWith(QStringLiteral("rate 100/s, 10.00 s")), qPrintable(summary.planText()));

    summary.statusCodes = {{QStringLiteral("OK"), 990}, {QStringLiteral("UNAVAILABLE"), 6},
        {QStringLiteral("DEADLINE_EXCEEDED"), 4}};
    QCOMPARE(summary.statusName(), QStringLiteral("UNAVAILABLE"));
    QVERIFY(summary.label().contains(QStringLiteral("10 errors")));
    summary.statusCodes = {{QStringLiteral("OK"), 990}}; // 10 could not start
    QCOMPARE(summary.statusName(), QStringLiteral("RESOURCE_EXHAUSTED"));
    summary.stopped = true;
    QCOMPARE(summary.statusName(), QStringLiteral("CANCELLED"));
    QVERIFY(summary.label().endsWith(QStringLiteral("stopped")));
    QVERIFY(summary.toText().contains(QStringLiteral("Stopped early")));
}

void LoadSummaryTest::jsonRoundTripsAndRefusesBadTypes()
{
    LoadReport report;
    report.openModel = true;
    report.targetRps = 250.5;
    report.rampNanos = 2000 * Milli;
    report.connections = 3;
    report.count = 10;
    report.totalNanos = 40 * Milli;
    report.cancelled = true;
    report.abandoned = 2;
    report.statusCodes = {{QStringLiteral("OK"), 9}, {QStringLiteral("INTERNAL"), 1}};
    report.errors = {{QStringLiteral("INTERNAL: boom"), 1}};
    for (int i = 1; i <= 8; ++i)
        report.latency.record(i * Milli);
    const LoadSummary summary = LoadSummary::fromReport(report);
    LoadSummary back;
    QString error;
    QVERIFY2(LoadSummary::fromJson(summary.toJson(), &back, &error), qPrintable(error));
    QCOMPARE(back, summary);

    QJsonObject bad = summary.toJson();
    bad.insert(QStringLiteral("count"), QStringLiteral("ten"));
    QVERIFY(!LoadSummary::fromJson(bad, &back, &error));
    QVERIFY2(error.contains(QStringLiteral("count")), qPrintable(error));
    bad = summary.toJson();
    bad.remove(QStringLiteral("plan"));
    QVERIFY(!LoadSummary::fromJson(bad, &back, &error));
}

void LoadSummaryTest::streamFiguresComeFromTheReport()
{
    const LoadReport report = streamReport();
    const LoadSummary summary = LoadSummary::fromReport(report);
    QVERIFY(summary.streaming);
    QCOMPARE(summary.messagesSent, qint64(10));
    QCOMPARE(summary.messagesReceived, qint64(30));
    QCOMPARE(summary.firstMessageCount, qint64(10));
    // The percentiles `bench` prints, read from the same histogram.
    QCOMPARE(summary.firstMessageP50Nanos, report.firstMessage.valueAtPercentile(50));
    QCOMPARE(summary.firstMessageP90Nanos, report.firstMessage.valueAtPercentile(90));
    QCOMPARE(summary.firstMessageP99Nanos, 9 * Milli); // the slowest: clamped to it exactly
    QVERIFY(summary.firstMessageP50Nanos >= 2 * Milli && summary.firstMessageP50Nanos <= 2 * Milli * 1.008);
    QCOMPARE(summary.perSecond(summary.messagesReceived), 60.0);
    QCOMPARE(summary.perCall(summary.messagesReceived), 3.0);
    QCOMPARE(summary.messagesText(summary.messagesReceived), QStringLiteral("30 (60.0/s, 3.00 per call)"));
    QCOMPARE(summary.messagesText(summary.messagesSent), QStringLiteral("10 (20.0/s, 1.00 per call)"));

    const QString text = summary.toText();
    QVERIFY2(
        text.contains(QStringLiteral("\nMessages sent: 10 (20.0/s, 1.00 per call)\n")), qPrintable(text));
    QVERIFY2(
        text.contains(QStringLiteral("\nMessages received: 30 (60.0/s, 3.00 per call)\n")), qPrintable(text));
    QVERIFY2(
        text.endsWith(QStringLiteral("p99 %1").arg(LoadPlan::durationText(9 * Milli))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\nTime to first message (10 calls): p50 ")), qPrintable(text));

    // Calls that never started sent nothing: per call counts the calls that did.
    LoadReport some = report;
    some.count = 12;
    some.notStarted = 2;
    QCOMPARE(LoadSummary::fromReport(some).perCall(30), 3.0);
}

void LoadSummaryTest::unaryRunsKeepNoStreamFigures()
{
    LoadReport report = streamReport();
    report.streaming = false; // the tally counts a unary call's two messages too
    const LoadSummary summary = LoadSummary::fromReport(report);
    QVERIFY(!summary.streaming);
    QCOMPARE(summary.messagesSent, qint64(0));
    QCOMPARE(summary.messagesReceived, qint64(0));
    QCOMPARE(summary.firstMessageCount, qint64(0));
    QCOMPARE(summary.firstMessageP99Nanos, qint64(0));
    QVERIFY(!summary.toJson().contains(QStringLiteral("streams")));
    QVERIFY2(!summary.toText().contains(QStringLiteral("Messages")), qPrintable(summary.toText()));
    QVERIFY(!summary.toText().contains(QStringLiteral("first message")));
}

void LoadSummaryTest::streamFiguresRoundTripAndOldLinesLoad()
{
    const LoadSummary summary = LoadSummary::fromReport(streamReport());
    const QJsonObject json = summary.toJson();
    const QJsonObject streams = json.value(QStringLiteral("streams")).toObject();
    QCOMPARE(streams.value(QStringLiteral("sent")).toInteger(), qint64(10));
    QCOMPARE(streams.value(QStringLiteral("received")).toInteger(), qint64(30));
    const QJsonObject first = streams.value(QStringLiteral("firstMessageNanos")).toObject();
    QCOMPARE(first.value(QStringLiteral("count")).toInteger(), qint64(10));
    QCOMPARE(first.value(QStringLiteral("p50")).toInteger(), summary.firstMessageP50Nanos);
    QCOMPARE(first.value(QStringLiteral("p90")).toInteger(), summary.firstMessageP90Nanos);
    QCOMPARE(first.value(QStringLiteral("p99")).toInteger(), 9 * Milli);
    LoadSummary back;
    QString error;
    QVERIFY2(LoadSummary::fromJson(json, &back, &error), qPrintable(error));
    QCOMPARE(back, summary);

    // A line written before streams were kept: the run loads, with no stream figures.
    QJsonObject old = json;
    old.remove(QStringLiteral("streams"));
    QVERIFY2(LoadSummary::fromJson(old, &back, &error), qPrintable(error));
    QVERIFY(!back.streaming);
    QCOMPARE(back.messagesReceived, qint64(0));
    QCOMPARE(back.firstMessageCount, qint64(0));
    QCOMPARE(back.count, qint64(10));

    QJsonObject bad = json;
    QJsonObject badStreams = streams;
    badStreams.insert(QStringLiteral("received"), QStringLiteral("thirty"));
    bad.insert(QStringLiteral("streams"), badStreams);
    QVERIFY(!LoadSummary::fromJson(bad, &back, &error));
    QVERIFY2(error.contains(QStringLiteral("received")), qPrintable(error));
    bad.insert(QStringLiteral("streams"), 30);
    QVERIFY(!LoadSummary::fromJson(bad, &back, &error));
    QVERIFY2(error.contains(QStringLiteral("streams")), qPrintable(error));
}

QTEST_GUILESS_MAIN(LoadSummaryTest)
#include "LoadSummaryTest.moc"
