// LoadSummary: a finished load run kept small, for history and for comparing two runs.

#include "model/load/LoadSummary.h"

#include "model/load/LatencyHistogram.h"
#include "model/load/LoadPlan.h"
#include "model/load/LoadReport.h"
#include "model/request/CallEvent.h"

#include <QJsonArray>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace wirescope {

namespace {

const QString OkName = QStringLiteral("OK");
constexpr int CancelledCode = 1; // gRPC's status codes
constexpr int ResourceExhaustedCode = 8;

// The upper bound of the compact bin a LatencyHistogram bucket falls in. Below 128 ns every
// value is one bin (no call is that fast); above, the 128 buckets of a power of two make
// BinsPerOctave bins of 16.
qint64 compactUpper(int bucket)
{
    constexpr int sub = LatencyHistogram::SubBuckets;
    constexpr int perBin = sub / LoadSummary::BinsPerOctave;
    if (bucket < sub)
        return sub - 1;
    const int shift = std::max(0, bucket / sub - 1);
    const qint64 group = (bucket % sub) / perBin;
    return ((qint64(sub) + (group + 1) * perBin) << shift) - 1;
}

QJsonObject countsJson(const QMap<QString, qint64> &map)
{
    QJsonObject out;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

// Reads the "load" object leniently about missing keys (they stay 0) and strictly about
// types, so a hand-edited line is refused rather than misread.
class Reader final {
public:
    explicit Reader(QString *error)
        : m_error(error)
    {
    }
    bool ok() const { return m_ok; }
    void fail(const QString &message)
    {
        if (m_ok)
            *m_error = QStringLiteral("\"load\": ") + message;
        m_ok = false;
    }
    qint64 integer(const QJsonObject &object, const QString &key) { return qint64(number(object, key)); }
    double number(const QJsonObject &object, const QString &key)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return 0;
        if (!value.isDouble()) {
            fail(QStringLiteral("\"%1\" should be a number").arg(key));
            return 0;
        }
        return value.toDouble();
    }
    QJsonObject object(const QJsonObject &object, const QString &key)
    {
        const QJsonValue value = object.value(key);
        if (!value.isUndefined() && !value.isObject())
            fail(QStringLiteral("\"%1\" should be an object").arg(key));
        return value.toObject();
    }
    QMap<QString, qint64> counts(const QJsonObject &object, const QString &key)
    {
        QMap<QString, qint64> out;
        const QJsonObject map = this->object(object, key);
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            if (!it.value().isDouble())
                fail(QStringLiteral("\"%1\" should hold numbers").arg(key));
            out.insert(it.key(), it.value().toInteger());
        }
        return out;
    }
    QList<LoadSummary::Bin> bins(const QJsonObject &object, const QString &key)
    {
        QList<LoadSummary::Bin> out;
        const QJsonValue value = object.value(key);
        if (!value.isUndefined() && !value.isArray())
            fail(QStringLiteral("\"%1\" should be an array").arg(key));
        for (const QJsonValue &pair : value.toArray()) {
            const QJsonArray bin = pair.toArray();
            if (bin.size() != 2 || !bin.at(0).isDouble() || !bin.at(1).isDouble()) {
                fail(QStringLiteral("\"%1\" should hold [nanoseconds, count] pairs").arg(key));
                return {};
            }
            out.append({bin.at(0).toInteger(), bin.at(1).toInteger()});
        }
        return out;
    }

private:
    QString *m_error;
    bool m_ok = true;
};

QString calls(qint64 count)
{
    return count == 1 ? QStringLiteral("1 call") : QStringLiteral("%1 calls").arg(QLocale().toString(count));
}

// The "streams" object of a streaming method's run.
void readStreams(Reader *read, const QJsonObject &streams, LoadSummary *s)
{
    s->streaming = true;
    s->messagesSent = read->integer(streams, QStringLiteral("sent"));
    s->messagesReceived = read->integer(streams, QStringLiteral("received"));
    const QJsonObject first = read->object(streams, QStringLiteral("firstMessageNanos"));
    s->firstMessageCount = read->integer(first, QStringLiteral("count"));
    s->firstMessageP50Nanos = read->integer(first, QStringLiteral("p50"));
    s->firstMessageP90Nanos = read->integer(first, QStringLiteral("p90"));
    s->firstMessageP99Nanos = read->integer(first, QStringLiteral("p99"));
}

// The Streams lines of `bench`'s summary, kept short.
void appendStreams(const LoadSummary &s, QStringList *lines)
{
    *lines << QStringLiteral("Messages sent: %1").arg(s.messagesText(s.messagesSent));
    *lines << QStringLiteral("Messages received: %1").arg(s.messagesText(s.messagesReceived));
    if (s.firstMessageCount == 0)
        return;
    *lines << QStringLiteral("Time to first message (%1): p50 %2, p90 %3, p99 %4")
                  .arg(calls(s.firstMessageCount), LoadPlan::durationText(s.firstMessageP50Nanos),
                      LoadPlan::durationText(s.firstMessageP90Nanos),
                      LoadPlan::durationText(s.firstMessageP99Nanos));
}

QJsonObject streamsJson(const LoadSummary &s)
{
    return {{QStringLiteral("sent"), s.messagesSent}, {QStringLiteral("received"), s.messagesReceived},
        {QStringLiteral("firstMessageNanos"),
            QJsonObject {{QStringLiteral("count"), s.firstMessageCount},
                {QStringLiteral("p50"), s.firstMessageP50Nanos},
                {QStringLiteral("p90"), s.firstMessageP90Nanos},
                {QStringLiteral("p99"), s.firstMessageP99Nanos}}}};
}

} // namespace

QList<LoadSummary::Bin> LoadSummary::compactHistogram(const LatencyHistogram &histogram)
{
    QList<Bin> out;
    if (histogram.count() == 0)
        return out;
    for (int bucket = 0; bucket < LatencyHistogram::BucketCount; ++bucket) {
        const qint64 n = histogram.inBucket(bucket);
        if (n == 0)
            continue;
        const qint64 upper = compactUpper(bucket);
        if (!out.isEmpty() && out.last().upperNanos == upper)
            out.last().count += n;
        else
            out.append({upper, n});
    }
    return out;
}

LoadSummary LoadSummary::fromReport(const LoadReport &report)
{
    LoadSummary s;
    s.openModel = report.openModel;
    s.targetRps = report.openModel ? report.targetRps : 0;
    s.concurrency = report.openModel ? 0 : report.concurrency;
    s.connections = report.connections;
    s.plannedTotal = report.plannedTotal;
    s.durationNanos = report.durationNanos;
    s.rampNanos = report.openModel ? report.rampNanos : 0;
    s.count = report.count;
    s.totalNanos = report.totalNanos;
    s.notStarted = report.notStarted;
    s.abandoned = report.abandoned;
    s.stopped = report.cancelled;
    s.statusCodes = report.statusCodes;
    s.errors = report.errors;
    const LatencyHistogram &latency = report.latency;
    s.minNanos = latency.min();
    s.meanNanos = qint64(latency.mean());
    s.p50Nanos = latency.valueAtPercentile(50);
    s.p90Nanos = latency.valueAtPercentile(90);
    s.p99Nanos = latency.valueAtPercentile(99);
    s.p999Nanos = latency.valueAtPercentile(99.9);
    s.maxNanos = latency.max();
    s.histogram = compactHistogram(latency);
    if (report.streaming) {
        s.streaming = true;
        s.messagesSent = report.messagesSent;
        s.messagesReceived = report.messagesReceived;
        const LatencyHistogram &first = report.firstMessage;
        s.firstMessageCount = first.count();
        s.firstMessageP50Nanos = first.valueAtPercentile(50);
        s.firstMessageP90Nanos = first.valueAtPercentile(90);
        s.firstMessageP99Nanos = first.valueAtPercentile(99);
    }
    return s;
}

qint64 LoadSummary::errorCount() const
{
    return count - statusCodes.value(OkName);
}

double LoadSummary::achievedRps() const
{
    return perSecond(count);
}

double LoadSummary::perSecond(qint64 amount) const
{
    return totalNanos > 0 ? double(amount) * 1e9 / double(totalNanos) : 0.0;
}

// As `bench` divides: calls that could not start sent and received nothing.
double LoadSummary::perCall(qint64 amount) const
{
    return double(amount) / double(std::max<qint64>(1, count - notStarted));
}

QString LoadSummary::messagesText(qint64 amount) const
{
    const QLocale locale;
    return QStringLiteral("%1 (%2/s, %3 per call)")
        .arg(locale.toString(amount), locale.toString(perSecond(amount), 'f', 1),
            locale.toString(perCall(amount), 'f', 2));
}

QString LoadSummary::statusName() const
{
    if (stopped)
        return statusCodeName(CancelledCode);
    if (errorCount() == 0)
        return OkName;
    QString worst;
    qint64 most = 0;
    for (auto it = statusCodes.constBegin(); it != statusCodes.constEnd(); ++it) {
        if (it.key() != OkName && it.value() > most) {
            worst = it.key();
            most = it.value();
        }
    }
    // Only calls the client could not start failed: the client ran out of room for them.
    return worst.isEmpty() ? statusCodeName(ResourceExhaustedCode) : worst;
}

QString LoadSummary::label() const
{
    QString text
        = QStringLiteral("Load \u00b7 %1 \u00b7 %2 rps \u00b7 p99 %3")
              .arg(calls(count), QLocale().toString(achievedRps(), 'f', 1), LoadPlan::durationText(p99Nanos));
    if (const qint64 errors = errorCount(); errors > 0)
        text += QStringLiteral(" \u00b7 %1 %2")
                    .arg(errors)
                    .arg(errors == 1 ? QStringLiteral("error") : QStringLiteral("errors"));
    if (stopped)
        text += QStringLiteral(" \u00b7 stopped");
    return text;
}

QString LoadSummary::planText() const
{
    QStringList parts;
    if (openModel) {
        parts << QStringLiteral("rate %1/s").arg(targetRps, 0, 'g', 6);
        if (rampNanos > 0)
            parts << QStringLiteral("ramp %1").arg(LoadPlan::durationText(rampNanos));
    } else {
        parts << QStringLiteral("concurrency %1").arg(concurrency);
    }
    if (durationNanos > 0)
        parts << LoadPlan::durationText(durationNanos);
    if (plannedTotal > 0)
        parts << calls(plannedTotal);
    parts << (connections == 1 ? QStringLiteral("1 connection")
                               : QStringLiteral("%1 connections").arg(connections));
    return parts.join(QStringLiteral(", "));
}

QString LoadSummary::toText() const
{
    QStringList lines;
    lines << QStringLiteral("Load: %1").arg(planText());
    lines << QStringLiteral("Calls: %1 in %2 (%3/s)")
                 .arg(calls(count), LoadPlan::durationText(totalNanos))
                 .arg(achievedRps(), 0, 'f', 1);
    if (stopped)
        lines << QStringLiteral("Stopped early; %1 in flight then not counted").arg(calls(abandoned));
    lines << QStringLiteral("Errors: %1 (%2 %)")
                 .arg(errorCount())
                 .arg(count > 0 ? double(errorCount()) * 100 / double(count) : 0.0, 0, 'f', 2);
    lines << QStringLiteral("Status:");
    for (auto it = statusCodes.constBegin(); it != statusCodes.constEnd(); ++it)
        lines << QStringLiteral("  %1 %2").arg(it.key()).arg(it.value());
    if (!errors.isEmpty())
        lines << QStringLiteral("Errors by message:");
    for (auto it = errors.constBegin(); it != errors.constEnd(); ++it)
        lines << QStringLiteral("  [%1] %2").arg(it.value()).arg(it.key());
    lines << QStringLiteral("Latency: min %1, mean %2, p50 %3, p90 %4, p99 %5, p99.9 %6, max %7")
                 .arg(LoadPlan::durationText(minNanos), LoadPlan::durationText(meanNanos),
                     LoadPlan::durationText(p50Nanos), LoadPlan::durationText(p90Nanos),
                     LoadPlan::durationText(p99Nanos), LoadPlan::durationText(p999Nanos),
                     LoadPlan::durationText(maxNanos));
    if (streaming)
        appendStreams(*this, &lines);
    return lines.join(u'\n');
}

QJsonObject LoadSummary::toJson() const
{
    QJsonObject plan {
        {QStringLiteral("model"), openModel ? QStringLiteral("open") : QStringLiteral("closed")},
        {QStringLiteral("connections"), connections}, {QStringLiteral("total"), plannedTotal},
        {QStringLiteral("durationNanos"), durationNanos}};
    if (openModel) {
        plan.insert(QStringLiteral("rps"), targetRps);
        plan.insert(QStringLiteral("rampNanos"), rampNanos);
    } else {
        plan.insert(QStringLiteral("concurrency"), concurrency);
    }
    QJsonArray bins;
    for (const Bin &bin : histogram)
        bins.append(QJsonArray {bin.upperNanos, bin.count});
    QJsonObject out {{QStringLiteral("plan"), plan}, {QStringLiteral("count"), count},
        {QStringLiteral("totalNanos"), totalNanos}, {QStringLiteral("notStarted"), notStarted},
        {QStringLiteral("abandoned"), abandoned}, {QStringLiteral("stopped"), stopped},
        {QStringLiteral("statusCodes"), countsJson(statusCodes)},
        {QStringLiteral("errors"), countsJson(errors)},
        {QStringLiteral("latencyNanos"),
            QJsonObject {{QStringLiteral("min"), minNanos}, {QStringLiteral("mean"), meanNanos},
                {QStringLiteral("p50"), p50Nanos}, {QStringLiteral("p90"), p90Nanos},
                {QStringLiteral("p99"), p99Nanos}, {QStringLiteral("p99.9"), p999Nanos},
                {QStringLiteral("max"), maxNanos}}},
        {QStringLiteral("histogram"), bins}};
    // Only a streaming method's: a unary run's line stays as it was before streams counted.
    if (streaming)
        out.insert(QStringLiteral("streams"), streamsJson(*this));
    return out;
}

bool LoadSummary::fromJson(const QJsonObject &object, LoadSummary *summary, QString *error)
{
    Reader read(error);
    LoadSummary s;
    const QJsonObject plan = read.object(object, QStringLiteral("plan"));
    const QString model = plan.value(QStringLiteral("model")).toString();
    if (model != u"open" && model != u"closed")
        read.fail(QStringLiteral("\"plan\" should say \"model\": \"open\" or \"closed\""));
    s.openModel = model == u"open";
    s.targetRps = read.number(plan, QStringLiteral("rps"));
    s.concurrency = int(read.integer(plan, QStringLiteral("concurrency")));
    s.connections = int(read.integer(plan, QStringLiteral("connections")));
    s.plannedTotal = read.integer(plan, QStringLiteral("total"));
    s.durationNanos = read.integer(plan, QStringLiteral("durationNanos"));
    s.rampNanos = read.integer(plan, QStringLiteral("rampNanos"));
    s.count = read.integer(object, QStringLiteral("count"));
    s.totalNanos = read.integer(object, QStringLiteral("totalNanos"));
    s.notStarted = read.integer(object, QStringLiteral("notStarted"));
    s.abandoned = read.integer(object, QStringLiteral("abandoned"));
    s.stopped = object.value(QStringLiteral("stopped")).toBool();
    s.statusCodes = read.counts(object, QStringLiteral("statusCodes"));
    s.errors = read.counts(object, QStringLiteral("errors"));
    const QJsonObject latency = read.object(object, QStringLiteral("latencyNanos"));
    s.minNanos = read.integer(latency, QStringLiteral("min"));
    s.meanNanos = read.integer(latency, QStringLiteral("mean"));
    s.p50Nanos = read.integer(latency, QStringLiteral("p50"));
    s.p90Nanos = read.integer(latency, QStringLiteral("p90"));
    s.p99Nanos = read.integer(latency, QStringLiteral("p99"));
    s.p999Nanos = read.integer(latency, QStringLiteral("p99.9"));
    s.maxNanos = read.integer(latency, QStringLiteral("max"));
    s.histogram = read.bins(object, QStringLiteral("histogram"));
    // Absent from unary runs and from every line written before streams were counted.
    if (object.contains(QStringLiteral("streams")))
        readStreams(&read, read.object(object, QStringLiteral("streams")), &s);
    if (!read.ok())
        return false;
    *summary = s;
    return true;
}

} // namespace wirescope
