#include "model/load/LatencyHistogram.h"
#include "model/load/LoadPlan.h"
#include "model/load/LoadReport.h"
#include "model/load/LoadTally.h"
#include "model/load/LoadTemplate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace wirescope;

// A load test's headless parts: the histogram against exact percentiles, the schedule of
// the open model, duration texts, and the report's formats as other tools read them.
class LoadModelTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bucketsTileTheRangeWithinThePrecision();
    void percentilesMatchASortedArray();
    void mergeIsRecordingEverything();
    void memoryIsFixed();
    void barsSpanMinToMax();
    void rateGivesEachCallItsStart();
    void rampRisesLinearly();
    void closedPlanHasNoSchedule();
    void durationsParse();
    void badDurationsSayWhy();
    void tallyCountsStatusesAndOverload();
    void jsonUsesGhzNamesInNanoseconds();
    void csvHasAHeaderAndOneRow();
    void templatesVaryEachCall();
};

namespace {

constexpr qint64 Micro = 1000;
constexpr qint64 Milli = 1000 * Micro;
constexpr qint64 Second = 1000 * Milli;

// Log-uniform between 1 µs and 10 s: every bucket size of the range gets used.
std::vector<qint64> samples(int count, quint32 seed)
{
    QRandomGenerator random(seed);
    std::vector<qint64> values;
    values.reserve(size_t(count));
    const double low = std::log(double(Micro));
    const double high = std::log(double(10 * Second));
    for (int i = 0; i < count; ++i)
        values.push_back(qint64(std::exp(low + random.generateDouble() * (high - low))));
    return values;
}

qint64 nearestRank(const std::vector<qint64> &sorted, double percentile)
{
    const auto rank = qint64(std::ceil(percentile / 100.0 * double(sorted.size()) - 1e-9));
    return sorted[size_t(std::clamp<qint64>(rank, 1, qint64(sorted.size())) - 1)];
}

LoadTally::Call okCall(qint64 latency)
{
    LoadTally::Call call;
    call.latencyNanos = latency;
    call.sent = 1;
    call.received = 1;
    return call;
}

LoadReport reportOf(const LoadTally &tally, qint64 totalNanos)
{
    LoadReport report;
    report.target = QStringLiteral("localhost:50051");
    report.method = QStringLiteral("pkg.Service/Method");
    report.concurrency = 4;
    tally.fill(&report);
    report.totalNanos = totalNanos;
    return report;
}

} // namespace

void LoadModelTest::bucketsTileTheRangeWithinThePrecision()
{
    QVERIFY(LatencyHistogram::HighestTracked >= 3600 * Second);
    for (int bucket = 0; bucket < LatencyHistogram::BucketCount; ++bucket) {
        const qint64 low = LatencyHistogram::bucketLowest(bucket);
        const qint64 high = LatencyHistogram::bucketHighest(bucket);
        QCOMPARE(LatencyHistogram::bucketOf(low), bucket);
        QCOMPARE(LatencyHistogram::bucketOf(high), bucket);
        if (bucket + 1 < LatencyHistogram::BucketCount)
            QCOMPARE(LatencyHistogram::bucketLowest(bucket + 1), high + 1);
        // Two significant digits or better: a bucket is at most 1/128 of its values wide.
        QVERIFY2(low < 2 * LatencyHistogram::SubBuckets
                ? high == low
                : (high - low + 1) * LatencyHistogram::SubBuckets <= low,
            qPrintable(QStringLiteral("bucket %1: %2..%3").arg(bucket).arg(low).arg(high)));
    }
    QCOMPARE(
        LatencyHistogram::bucketHighest(LatencyHistogram::BucketCount - 1), LatencyHistogram::HighestTracked);
}

void LoadModelTest::percentilesMatchASortedArray()
{
    std::vector<qint64> values = samples(100000, 42);
    LatencyHistogram histogram;
    for (const qint64 value : values)
        histogram.record(value);
    std::sort(values.begin(), values.end());
    QCOMPARE(histogram.count(), qint64(values.size()));
    QCOMPARE(histogram.min(), values.front());
    QCOMPARE(histogram.max(), values.back());
    double sum = 0;
    for (const qint64 value : values)
        sum += double(value);
    QVERIFY(std::abs(histogram.mean() - sum / double(values.size())) < 1.0);
    for (const double p : {0.0, 0.1, 1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9, 99.99, 100.0}) {
        const qint64 truth = nearestRank(values, p);
        const qint64 reported = histogram.valueAtPercentile(p);
        const QString what = QStringLiteral("p%1: true %2, reported %3").arg(p).arg(truth).arg(reported);
        QVERIFY2(reported >= truth, qPrintable(what)); // never below the true value
        QVERIFY2(LatencyHistogram::bucketOf(reported) == LatencyHistogram::bucketOf(truth), qPrintable(what));
        QVERIFY2(double(reported - truth) <= double(truth) / LatencyHistogram::SubBuckets, qPrintable(what));
    }
    QCOMPARE(histogram.valueAtPercentile(100), values.back());
    QCOMPARE(LatencyHistogram().valueAtPercentile(50), qint64(0));
}

void LoadModelTest::mergeIsRecordingEverything()
{
    LatencyHistogram all;
    LatencyHistogram first;
    LatencyHistogram second;
    const std::vector<qint64> a = samples(5000, 1);
    const std::vector<qint64> b = samples(7000, 2);
    for (const qint64 value : a) {
        first.record(value);
        all.record(value);
    }
    for (const qint64 value : b) {
        second.record(value * 3);
        all.record(value * 3);
    }
    first.merge(second);
    QCOMPARE(first.count(), all.count());
    QCOMPARE(first.min(), all.min());
    QCOMPARE(first.max(), all.max());
    QVERIFY(std::abs(first.mean() - all.mean()) < 1e-6 * all.mean());
    for (const double p : LoadReport::percentiles())
        QCOMPARE(first.valueAtPercentile(p), all.valueAtPercentile(p));
    LatencyHistogram empty;
    empty.merge(second);
    QCOMPARE(empty.min(), second.min());
    QCOMPARE(empty.valueAtPercentile(50), second.valueAtPercentile(50));
}

void LoadModelTest::memoryIsFixed()
{
    LatencyHistogram small;
    for (int i = 0; i < 10; ++i)
        small.record(i * Milli);
    LatencyHistogram large;
    QRandomGenerator random(7);
    for (int i = 0; i < 1000000; ++i)
        large.record(qint64(random.bounded(3600.0) * double(Second)));
    QCOMPARE(large.memoryBytes(), small.memoryBytes());
    QCOMPARE(large.memoryBytes(), LatencyHistogram().memoryBytes());
    QVERIFY(large.memoryBytes() < 64 * 1024);
    // Past the range, values share the top bucket but the largest is still known.
    large.record(5 * 3600 * Second);
    QCOMPARE(large.max(), 5 * 3600 * Second);
    QCOMPARE(large.valueAtPercentile(100), 5 * 3600 * Second);
}

void LoadModelTest::barsSpanMinToMax()
{
    LatencyHistogram histogram;
    for (const qint64 value : samples(10000, 3))
        histogram.record(value);
    const QList<LatencyHistogram::Bar> bars = histogram.bars(10);
    QCOMPARE(bars.size(), qsizetype(10));
    QCOMPARE(bars.last().mark, histogram.max());
    qint64 counted = 0;
    double frequencies = 0;
    for (qsizetype i = 0; i < bars.size(); ++i) {
        QVERIFY(bars.at(i).mark > histogram.min());
        if (i > 0)
            QVERIFY(bars.at(i).mark > bars.at(i - 1).mark);
        counted += bars.at(i).count;
        frequencies += bars.at(i).frequency;
    }
    QCOMPARE(counted, histogram.count());
    QVERIFY(std::abs(frequencies - 1.0) < 1e-9);

    LatencyHistogram one;
    one.record(5 * Milli);
    one.record(5 * Milli);
    QCOMPARE(one.bars(10).size(), qsizetype(1));
    QCOMPARE(one.bars(10).first().count, qint64(2));
    QVERIFY(LatencyHistogram().bars(10).isEmpty());
}

void LoadModelTest::rateGivesEachCallItsStart()
{
    LoadPlan plan;
    plan.rps = 200;
    plan.durationNanos = Second;
    QVERIFY(plan.isOpen());
    QVERIFY(plan.problem().isEmpty());
    QCOMPARE(plan.intendedStart(0), qint64(0));
    QCOMPARE(plan.intendedStart(1), 5 * Milli);
    QCOMPARE(plan.intendedStart(199), 995 * Milli);
    QCOMPARE(plan.plannedCalls(), qint64(200)); // the call due at 1 s is past the end
    plan.total = 50;
    QCOMPARE(plan.plannedCalls(), qint64(50));
    plan.durationNanos = 0;
    plan.total = 1000;
    QCOMPARE(plan.plannedCalls(), qint64(1000));
    QCOMPARE(plan.intendedStart(999), 4995 * Milli);
}

void LoadModelTest::rampRisesLinearly()
{
    LoadPlan plan;
    plan.rps = 100;
    plan.rampNanos = 2 * Second; // the ramp holds 100 * 2 / 2 = 100 calls
    plan.durationNanos = 3 * Second;
    QVERIFY(plan.problem().isEmpty());
    QCOMPARE(plan.intendedStart(0), qint64(0));
    QCOMPARE(plan.intendedStart(25), Second); // 100 t^2 / (2 * 2) = 25 at t = 1 s
    QCOMPARE(plan.intendedStart(100), 2 * Second); // the end of the ramp
    QCOMPARE(plan.intendedStart(200), 3 * Second); // then 100 a second
    QCOMPARE(plan.intendedStart(101), 2 * Second + 10 * Milli);
    // Gaps shrink along the ramp, then hold at 1 / rps.
    qint64 previousGap = std::numeric_limits<qint64>::max();
    for (qint64 i = 1; i < 100; ++i) {
        const qint64 gap = plan.intendedStart(i + 1) - plan.intendedStart(i);
        QVERIFY2(i == 1 || gap <= previousGap + 1, qPrintable(QString::number(i)));
        QVERIFY(gap >= 10 * Milli - 1);
        previousGap = gap;
    }
    QCOMPARE(plan.plannedCalls(), qint64(200));
}

void LoadModelTest::closedPlanHasNoSchedule()
{
    LoadPlan plan;
    plan.concurrency = 4;
    QVERIFY(!plan.isOpen());
    QVERIFY(plan.problem().contains(QStringLiteral("--duration")));
    plan.total = 200;
    QVERIFY(plan.problem().isEmpty());
    QCOMPARE(plan.plannedCalls(), qint64(200));
    plan.total = 0;
    plan.durationNanos = Second;
    QCOMPARE(plan.plannedCalls(), qint64(-1));
    plan.rampNanos = Second;
    QVERIFY(plan.problem().contains(QStringLiteral("--rps")));
}

void LoadModelTest::durationsParse()
{
    const QList<QPair<QString, qint64>> cases = {
        {QStringLiteral("10s"), 10 * Second},
        {QStringLiteral("500ms"), 500 * Milli},
        {QStringLiteral("2m"), 120 * Second},
        {QStringLiteral("1h"), 3600 * Second},
        {QStringLiteral("1.5s"), 1500 * Milli},
        {QStringLiteral("250us"), 250 * Micro},
        {QStringLiteral("250\u00b5s"), 250 * Micro},
        {QStringLiteral("100ns"), 100},
        {QStringLiteral("1m30s"), 90 * Second},
        {QStringLiteral(" 10s "), 10 * Second},
        {QStringLiteral("0s"), 0},
    };
    for (const auto &[text, nanos] : cases) {
        qint64 parsed = -1;
        QString error;
        QVERIFY2(
            LoadPlan::parseDuration(text, &parsed, &error), qPrintable(text + QStringLiteral(": ") + error));
        QCOMPARE(parsed, nanos);
    }
    QCOMPARE(LoadPlan::durationText(950), QStringLiteral("950 ns"));
    QCOMPARE(LoadPlan::durationText(3400 * Micro), QStringLiteral("3.40 ms"));
    QCOMPARE(LoadPlan::durationText(1250 * Milli), QStringLiteral("1.25 s"));
}

void LoadModelTest::badDurationsSayWhy()
{
    // Each bad text and a word its error must hold.
    const QList<QPair<QString, QString>> cases = {
        {QString(), QStringLiteral("no duration")},
        {QStringLiteral("10"), QStringLiteral("no unit")},
        {QStringLiteral("10x"), QStringLiteral("unknown unit \"x\"")},
        {QStringLiteral("10 sec"), QStringLiteral("unknown unit \"sec\"")},
        {QStringLiteral("-1s"), QStringLiteral("negative")},
        {QStringLiteral("s"), QStringLiteral("not a duration")},
        {QStringLiteral("soon"), QStringLiteral("not a duration")},
        {QStringLiteral("1m30"), QStringLiteral("no unit after 30")},
    };
    for (const auto &[text, expected] : cases) {
        qint64 parsed = -1;
        QString error;
        QVERIFY2(!LoadPlan::parseDuration(text, &parsed, &error), qPrintable(text));
        QVERIFY2(error.contains(expected), qPrintable(text + QStringLiteral(": ") + error));
        QCOMPARE(parsed, qint64(-1));
    }
}

void LoadModelTest::tallyCountsStatusesAndOverload()
{
    LoadTally tally;
    for (int i = 0; i < 8; ++i)
        tally.record(okCall((i + 1) * Milli));
    LoadTally::Call failed = okCall(Milli);
    failed.code = 5;
    failed.message = "order 42 is gone";
    failed.received = 0;
    tally.record(failed);
    tally.recordNotStarted();
    tally.recordAbandoned();
    const LoadReport report = reportOf(tally, Second);
    QCOMPARE(report.count, qint64(10)); // 8 OK, 1 NOT_FOUND, 1 not started; the abandoned one is not counted
    QCOMPARE(report.statusCodes.value(QStringLiteral("OK")), qint64(8));
    QCOMPARE(report.statusCodes.value(QStringLiteral("NOT_FOUND")), qint64(1));
    QCOMPARE(report.errors.value(QStringLiteral("NOT_FOUND: order 42 is gone")), qint64(1));
    QCOMPARE(report.errors.value(QStringLiteral("client overload")), qint64(1));
    QCOMPARE(report.errorCount(), qint64(2));
    QCOMPARE(report.errorRate(), 0.2);
    QCOMPARE(report.abandoned, qint64(1));
    QCOMPARE(report.messagesSent, qint64(9));
    QCOMPARE(report.messagesReceived, qint64(8));
    QCOMPARE(report.latency.count(), qint64(9));

    // Error texts that never repeat cannot grow the tally past its bound.
    LoadTally varied;
    for (int i = 0; i < 1000; ++i) {
        LoadTally::Call call = okCall(Milli);
        call.code = 13;
        call.message = "request " + std::to_string(i);
        varied.record(call);
    }
    const LoadReport variedReport = reportOf(varied, Second);
    QCOMPARE(variedReport.errors.size(), qsizetype(LoadTally::MaxErrorKinds + 1));
    QCOMPARE(
        variedReport.errors.value(QStringLiteral("(other errors)")), qint64(1000 - LoadTally::MaxErrorKinds));
}

void LoadModelTest::jsonUsesGhzNamesInNanoseconds()
{
    LoadTally tally;
    tally.record(okCall(2 * Milli));
    tally.record(okCall(4 * Milli));
    LoadTally::Call failed = okCall(3 * Milli);
    failed.code = 5;
    failed.message = "gone";
    tally.record(failed);
    LoadReport report = reportOf(tally, Second);
    const QJsonObject json = QJsonDocument::fromJson(report.toJson()).object();
    for (const char *key : {"count", "total", "average", "fastest", "slowest", "rps", "latencyDistribution",
             "statusCodeDistribution", "errorDistribution", "histogram", "options"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(QStringLiteral("count")).toInteger(), qint64(3));
    QCOMPARE(json.value(QStringLiteral("total")).toInteger(), Second); // nanoseconds, as ghz
    QCOMPARE(json.value(QStringLiteral("fastest")).toInteger(), 2 * Milli);
    QCOMPARE(json.value(QStringLiteral("slowest")).toInteger(), 4 * Milli);
    QCOMPARE(json.value(QStringLiteral("average")).toInteger(), 3 * Milli);
    QCOMPARE(json.value(QStringLiteral("rps")).toDouble(), 3.0);
    const QJsonArray latencies = json.value(QStringLiteral("latencyDistribution")).toArray();
    QCOMPARE(latencies.size(), LoadReport::percentiles().size());
    for (const QJsonValue &entry : latencies) {
        const QJsonObject row = entry.toObject();
        QVERIFY(row.contains(QStringLiteral("percentage")));
        const qint64 latency = row.value(QStringLiteral("latency")).toInteger();
        QVERIFY2(latency >= 2 * Milli && latency <= 4 * Milli, qPrintable(QString::number(latency)));
    }
    QCOMPARE(json.value(QStringLiteral("statusCodeDistribution")).toObject(),
        (QJsonObject {{QStringLiteral("OK"), 2}, {QStringLiteral("NOT_FOUND"), 1}}));
    QCOMPARE(json.value(QStringLiteral("errorDistribution")).toObject(),
        (QJsonObject {{QStringLiteral("NOT_FOUND: gone"), 1}}));
    const QJsonArray histogram = json.value(QStringLiteral("histogram")).toArray();
    QVERIFY(!histogram.isEmpty());
    qint64 counted = 0;
    for (const QJsonValue &entry : histogram) {
        const QJsonObject bar = entry.toObject();
        // ghz's marks are seconds.
        QVERIFY(bar.value(QStringLiteral("mark")).toDouble() > 0.001);
        QVERIFY(bar.value(QStringLiteral("mark")).toDouble() < 0.005);
        QVERIFY(bar.contains(QStringLiteral("frequency")));
        counted += bar.value(QStringLiteral("count")).toInteger();
    }
    QCOMPARE(counted, qint64(3));
    QVERIFY(!json.contains(QStringLiteral("messages"))); // unary: no stream figures

    report.streaming = true;
    const QJsonObject streaming = QJsonDocument::fromJson(report.toJson()).object();
    QCOMPARE(
        streaming.value(QStringLiteral("messages")).toObject().value(QStringLiteral("received")).toInteger(),
        qint64(3));
    QVERIFY(streaming.contains(QStringLiteral("timeToFirstMessage")));
    QVERIFY(report.toSummary().contains(QStringLiteral("Status code distribution:")));
    QVERIFY(report.toSummary().contains(QStringLiteral("[1] NOT_FOUND: gone")));
}

void LoadModelTest::csvHasAHeaderAndOneRow()
{
    LoadTally tally;
    tally.record(okCall(2 * Milli));
    const QStringList lines
        = QString::fromUtf8(reportOf(tally, Second).toCsv()).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), qsizetype(2));
    QVERIFY2(lines.first().startsWith(QStringLiteral("count,total_ns,rps,errors,error_rate")),
        qPrintable(lines.first()));
    QVERIFY(lines.first().contains(QStringLiteral("p99_ns")));
    QVERIFY(lines.first().contains(QStringLiteral("p99_9_ns")));
    const QStringList header = lines.first().split(u',');
    const QStringList row = lines.last().split(u',');
    QCOMPARE(row.size(), header.size());
    QCOMPARE(row.at(header.indexOf(QStringLiteral("count"))), QStringLiteral("1"));
    QCOMPARE(row.at(header.indexOf(QStringLiteral("total_ns"))), QString::number(Second));
}

void LoadModelTest::templatesVaryEachCall()
{
    const QString body
        = QStringLiteral(R"({"id": "order-{{seq}}", "n": {{ randomInt 1 6 }}, "k": "{{other}}"})");
    QVERIFY(LoadTemplate::holdsTemplates(body));
    QVERIFY(!LoadTemplate::holdsTemplates(QStringLiteral(R"({"k": "{{other}}"})")));
    QString error;
    QVERIFY2(LoadTemplate::check(body, &error), qPrintable(error));
    QCOMPARE(LoadTemplate::render(QStringLiteral("{{seq}}/{{seq}}"), 7), QStringLiteral("7/7"));
    // Unknown names stay as written.
    QVERIFY(LoadTemplate::render(body, 1).contains(QStringLiteral("\"{{other}}\"")));
    // Every value in range, every value reached, and the same call draws the same numbers.
    QSet<qint64> seen;
    for (qint64 seq = 1; seq <= 600; ++seq) {
        const qint64 n = LoadTemplate::render(QStringLiteral("{{randomInt 1 6}}"), seq).toLongLong();
        QVERIFY(n >= 1 && n <= 6);
        seen.insert(n);
    }
    QCOMPARE(seen.size(), 6);
    QCOMPARE(LoadTemplate::render(body, 42), LoadTemplate::render(body, 42));
    QCOMPARE(LoadTemplate::render(QStringLiteral("{{randomInt -3 -3}}"), 9), QStringLiteral("-3"));
    for (const char *bad : {"{{randomInt 5}}", "{{randomInt 6 1}}", "{{seq 2}}"}) {
        QVERIFY2(!LoadTemplate::check(QLatin1String(bad), &error), bad);
        QVERIFY2(error.contains(QLatin1String(bad)), qPrintable(error));
    }
    // A collection's variables resolve around the helpers, which reach each call as written:
    // the map never sees them.
    QCOMPARE(LoadTemplate::mapOutside(body, [](const QString &part) { return part.toUpper(); }),
        QStringLiteral(R"({"ID": "ORDER-{{seq}}", "N": {{ randomInt 1 6 }}, "K": "{{OTHER}}"})"));
}

QTEST_GUILESS_MAIN(LoadModelTest)
#include "LoadModelTest.moc"
