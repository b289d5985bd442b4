// LoadSummary and LatencyHistogram::since: what the Load page and history keep of a run.

#include "model/load/LoadSummary.h"
#include "model/load/LatencyHistogram.h"
#include "model/load/LoadReport.h"

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
};

namespace {

constexpr qint64 Milli = 1'000'000;

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

QTEST_GUILESS_MAIN(LoadSummaryTest)
#include "LoadSummaryTest.moc"
