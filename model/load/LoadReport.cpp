#include "model/load/LoadReport.h"

#include "model/load/LoadPlan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>

namespace wirescope {

namespace {

QString percentText(double percentile)
{
    return QString::number(percentile, 'g', 4);
}

QString plural(qint64 count, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? one : many);
}

QJsonArray distribution(const LatencyHistogram &histogram)
{
    QJsonArray out;
    for (const double p : LoadReport::percentiles())
        out.append(QJsonObject {
            {QStringLiteral("percentage"), p}, {QStringLiteral("latency"), histogram.valueAtPercentile(p)}});
    return out;
}

QJsonObject counts(const QMap<QString, qint64> &map)
{
    QJsonObject out;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

// What ran, under ghz's "options" names where ghz has them.
QJsonObject optionsJson(const LoadReport &report)
{
    QJsonObject options {{QStringLiteral("host"), report.target}, {QStringLiteral("call"), report.method},
        {QStringLiteral("connections"), report.connections}, {QStringLiteral("total"), report.plannedTotal},
        {QStringLiteral("duration"), report.durationNanos}};
    if (report.openModel) {
        options.insert(QStringLiteral("rps"), report.targetRps);
        options.insert(QStringLiteral("ramp"), report.rampNanos);
    } else {
        options.insert(QStringLiteral("concurrency"), report.concurrency);
    }
    return options;
}

// ghz's histogram: marks in seconds.
QJsonArray histogramJson(const LatencyHistogram &histogram)
{
    QJsonArray out;
    for (const LatencyHistogram::Bar &bar : histogram.bars(10))
        out.append(QJsonObject {{QStringLiteral("mark"), double(bar.mark) / 1e9},
            {QStringLiteral("count"), bar.count}, {QStringLiteral("frequency"), bar.frequency}});
    return out;
}

QJsonObject messagesJson(const LoadReport &report)
{
    const double calls = double(std::max<qint64>(1, report.count - report.notStarted));
    return {{QStringLiteral("sent"), report.messagesSent},
        {QStringLiteral("received"), report.messagesReceived},
        {QStringLiteral("sentPerSecond"), report.perSecond(report.messagesSent)},
        {QStringLiteral("receivedPerSecond"), report.perSecond(report.messagesReceived)},
        {QStringLiteral("sentPerCall"), double(report.messagesSent) / calls},
        {QStringLiteral("receivedPerCall"), double(report.messagesReceived) / calls}};
}

QString loadLine(const LoadReport &report)
{
    QString line = report.openModel
        ? QStringLiteral("open, %1 calls/s").arg(report.targetRps, 0, 'g', 6)
        : QStringLiteral("closed, %1 in flight")
              .arg(plural(report.concurrency, QStringLiteral("call"), QStringLiteral("calls")));
    if (report.openModel && report.rampNanos > 0)
        line += QStringLiteral(" (ramp %1)").arg(LoadPlan::durationText(report.rampNanos));
    return line + QStringLiteral(", ")
        + plural(report.connections, QStringLiteral("connection"), QStringLiteral("connections"));
}

void appendLatencies(QStringList *lines, const LatencyHistogram &histogram)
{
    for (const double p : LoadReport::percentiles())
        lines->append(QStringLiteral("  %1 % in %2")
                          .arg(percentText(p), -5)
                          .arg(LoadPlan::durationText(histogram.valueAtPercentile(p))));
}

void appendHistogram(QStringList *lines, const LatencyHistogram &histogram)
{
    const QList<LatencyHistogram::Bar> bars = histogram.bars(10);
    qint64 most = 1;
    for (const LatencyHistogram::Bar &bar : bars)
        most = std::max(most, bar.count);
    constexpr int width = 40;
    for (const LatencyHistogram::Bar &bar : bars) {
        const int length = int(bar.count * width / most);
        lines->append(QStringLiteral("  %1 [%2] |%3")
                          .arg(LoadPlan::durationText(bar.mark), 10)
                          .arg(bar.count)
                          .arg(QString(length, u'\u220e')));
    }
}

void appendStreams(QStringList *lines, const LoadReport &report)
{
    const qint64 calls = std::max<qint64>(1, report.count - report.notStarted);
    lines->append(QStringLiteral("Streams:"));
    lines->append(QStringLiteral("  Messages sent:     %1 (%2/s, %3 per call)")
                      .arg(report.messagesSent)
                      .arg(report.perSecond(report.messagesSent), 0, 'f', 1)
                      .arg(double(report.messagesSent) / double(calls), 0, 'f', 2));
    lines->append(QStringLiteral("  Messages received: %1 (%2/s, %3 per call)")
                      .arg(report.messagesReceived)
                      .arg(report.perSecond(report.messagesReceived), 0, 'f', 1)
                      .arg(double(report.messagesReceived) / double(calls), 0, 'f', 2));
    if (report.firstMessage.count() == 0)
        return;
    lines->append(
        QStringLiteral("  Time to first message (%1):")
            .arg(plural(report.firstMessage.count(), QStringLiteral("call"), QStringLiteral("calls"))));
    appendLatencies(lines, report.firstMessage);
}

void appendStatuses(QStringList *lines, const LoadReport &report)
{
    lines->append(QString());
    lines->append(QStringLiteral("Status code distribution:"));
    for (auto it = report.statusCodes.constBegin(); it != report.statusCodes.constEnd(); ++it)
        lines->append(QStringLiteral("  [%1] %2").arg(it.key()).arg(it.value()));
    if (report.errors.isEmpty())
        return;
    lines->append(QString());
    lines->append(QStringLiteral("Error distribution:"));
    for (auto it = report.errors.constBegin(); it != report.errors.constEnd(); ++it)
        lines->append(QStringLiteral("  [%1] %2").arg(it.value()).arg(it.key()));
}

} // namespace

const QList<double> &LoadReport::percentiles()
{
    static const QList<double> list = {10, 25, 50, 75, 90, 95, 99, 99.9};
    return list;
}

qint64 LoadReport::errorCount() const
{
    return count - statusCodes.value(QStringLiteral("OK"));
}

double LoadReport::errorRate() const
{
    return count > 0 ? double(errorCount()) / double(count) : 0.0;
}

double LoadReport::perSecond(qint64 amount) const
{
    return totalNanos > 0 ? double(amount) * 1e9 / double(totalNanos) : 0.0;
}

double LoadReport::achievedRps() const
{
    return perSecond(count);
}

QString LoadReport::toSummary() const
{
    QStringList lines;
    lines.append(QStringLiteral("Summary:"));
    if (!target.isEmpty() || !method.isEmpty())
        lines.append(QStringLiteral("  Call:          %1 %2").arg(target, method));
    lines.append(QStringLiteral("  Load:          ") + loadLine(*this));
    lines.append(QStringLiteral("  Count:         %1").arg(count));
    lines.append(QStringLiteral("  Total:         %1").arg(LoadPlan::durationText(totalNanos)));
    lines.append(QStringLiteral("  Slowest:       %1").arg(LoadPlan::durationText(latency.max())));
    lines.append(QStringLiteral("  Fastest:       %1").arg(LoadPlan::durationText(latency.min())));
    lines.append(QStringLiteral("  Average:       %1").arg(LoadPlan::durationText(qint64(latency.mean()))));
    lines.append(QStringLiteral("  Requests/sec:  %1").arg(achievedRps(), 0, 'f', 2));
    lines.append(
        QStringLiteral("  Errors:        %1 (%2 %)").arg(errorCount()).arg(errorRate() * 100, 0, 'f', 2));
    if (cancelled)
        lines.append(QStringLiteral("  Cancelled:     stopped early; %1 in flight then not counted")
                         .arg(plural(abandoned, QStringLiteral("call"), QStringLiteral("calls"))));
    if (latency.count() > 0) {
        lines.append(QString());
        lines.append(openModel ? QStringLiteral("Latency distribution (from each call's scheduled start):")
                               : QStringLiteral("Latency distribution:"));
        appendLatencies(&lines, latency);
        lines.append(QString());
        lines.append(QStringLiteral("Response time histogram:"));
        appendHistogram(&lines, latency);
    }
    if (streaming) {
        lines.append(QString());
        appendStreams(&lines, *this);
    }
    appendStatuses(&lines, *this);
    return lines.join(u'\n') + u'\n';
}

QByteArray LoadReport::toJson() const
{
    QJsonObject json {
        {QStringLiteral("options"), optionsJson(*this)},
        {QStringLiteral("count"), count},
        {QStringLiteral("total"), totalNanos},
        {QStringLiteral("average"), qint64(latency.mean())},
        {QStringLiteral("fastest"), latency.min()},
        {QStringLiteral("slowest"), latency.max()},
        {QStringLiteral("rps"), achievedRps()},
        {QStringLiteral("errorRate"), errorRate()},
        {QStringLiteral("notStarted"), notStarted},
        {QStringLiteral("cancelled"), cancelled},
        {QStringLiteral("latencyDistribution"), distribution(latency)},
        {QStringLiteral("statusCodeDistribution"), counts(statusCodes)},
        {QStringLiteral("errorDistribution"), counts(errors)},
        {QStringLiteral("histogram"), histogramJson(latency)},
    };
    if (cancelled)
        json.insert(QStringLiteral("abandoned"), abandoned);
    if (streaming) {
        json.insert(QStringLiteral("messages"), messagesJson(*this));
        json.insert(QStringLiteral("timeToFirstMessage"),
            QJsonObject {{QStringLiteral("count"), firstMessage.count()},
                {QStringLiteral("average"), qint64(firstMessage.mean())},
                {QStringLiteral("fastest"), firstMessage.min()},
                {QStringLiteral("slowest"), firstMessage.max()},
                {QStringLiteral("latencyDistribution"), distribution(firstMessage)}});
    }
    return QJsonDocument(json).toJson(QJsonDocument::Indented);
}

QByteArray LoadReport::toCsv() const
{
    QStringList header = {QStringLiteral("count"), QStringLiteral("total_ns"), QStringLiteral("rps"),
        QStringLiteral("errors"), QStringLiteral("error_rate"), QStringLiteral("not_started"),
        QStringLiteral("average_ns"), QStringLiteral("fastest_ns")};
    QStringList row
        = {QString::number(count), QString::number(totalNanos), QString::number(achievedRps(), 'f', 2),
            QString::number(errorCount()), QString::number(errorRate(), 'f', 4), QString::number(notStarted),
            QString::number(qint64(latency.mean())), QString::number(latency.min())};
    for (const double p : percentiles()) {
        header.append(QStringLiteral("p%1_ns").arg(percentText(p).replace(u'.', u'_')));
        row.append(QString::number(latency.valueAtPercentile(p)));
    }
    header << QStringLiteral("slowest_ns") << QStringLiteral("messages_sent")
           << QStringLiteral("messages_received");
    row << QString::number(latency.max()) << QString::number(messagesSent)
        << QString::number(messagesReceived);
    return (header.join(u',') + u'\n' + row.join(u',') + u'\n').toUtf8();
}

QString LoadReport::progressLine() const
{
    return QStringLiteral("%1  %2  %3/s  %4  p99 %5  %6 in flight")
        .arg(LoadPlan::durationText(totalNanos),
            plural(count, QStringLiteral("call"), QStringLiteral("calls")))
        .arg(achievedRps(), 0, 'f', 1)
        .arg(plural(errorCount(), QStringLiteral("error"), QStringLiteral("errors")),
            LoadPlan::durationText(latency.valueAtPercentile(99)))
        .arg(inFlight);
}

} // namespace wirescope
