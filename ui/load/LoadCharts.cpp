// LoadCharts: a load run's throughput, latency percentiles and histogram, drawn live.

#include "ui/load/LoadCharts.h"

#include "model/load/LoadReport.h"
#include "ui/workbench/Theme.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <utility>

namespace wirescope {

namespace {

QValueAxis *valueAxis(QChart *chart, Qt::Alignment alignment, const QString &title)
{
    auto *axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%g"));
    axis->setRange(0, 1);
    chart->addAxis(axis, alignment);
    return axis;
}

QLineSeries *lineSeries(QChart *chart, const QString &name, QAbstractAxis *x, QAbstractAxis *y)
{
    auto *series = new QLineSeries;
    series->setName(name);
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    return series;
}

// Room above the highest point, in round numbers, so the line never touches the top.
void fitFromZero(QValueAxis *axis, double highest)
{
    axis->setRange(0, std::max(highest * 1.1, 1e-3));
    axis->applyNiceNumbers();
}

qint64 totalOf(const QList<LoadSummary::Bin> &bins)
{
    qint64 total = 0;
    for (const LoadSummary::Bin &bin : bins)
        total += bin.count;
    return total;
}

} // namespace

LoadCharts::LoadCharts(QWidget *parent)
    : QTabWidget(parent)
{
    setObjectName(QStringLiteral("loadCharts"));
    setDocumentMode(true);
}

LoadCharts::~LoadCharts() = default;

void LoadCharts::showEvent(QShowEvent *event)
{
    ensureCharts();
    QTabWidget::showEvent(event);
}

void LoadCharts::ensureCharts()
{
    if (m_histogram)
        return;
    createThroughputChart();
    createLatencyChart();
    createHistogramChart();
}

QChart *LoadCharts::newChart(const QString &objectName, const QString &title)
{
    auto *chart = new QChart;
    chart->setTheme(Theme::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *view = new QChartView(chart, this); // the view owns the chart
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    addTab(view, title);
    return chart;
}

void LoadCharts::createThroughputChart()
{
    QChart *chart = newChart(QStringLiteral("throughputChart"), tr("Throughput"));
    m_throughputTime = valueAxis(chart, Qt::AlignBottom, tr("seconds"));
    m_throughputY = valueAxis(chart, Qt::AlignLeft, tr("calls/s"));
    m_throughput.series = lineSeries(chart, tr("calls/s"), m_throughputTime, m_throughputY);
    chart->legend()->hide();
}

void LoadCharts::createLatencyChart()
{
    QChart *chart = newChart(QStringLiteral("latencyChart"), tr("Latency"));
    m_latencyTime = valueAxis(chart, Qt::AlignBottom, tr("seconds"));
    m_latencyY = valueAxis(chart, Qt::AlignLeft, tr("ms"));
    m_p50.series = lineSeries(chart, tr("p50"), m_latencyTime, m_latencyY);
    m_p90.series = lineSeries(chart, tr("p90"), m_latencyTime, m_latencyY);
    m_p99.series = lineSeries(chart, tr("p99"), m_latencyTime, m_latencyY);
}

// Latencies spread over decades, so the x axis is logarithmic; each bin is the same share
// of a power of two, and the y axis is the share of calls in it, so two runs of different
// lengths compare by shape.
void LoadCharts::createHistogramChart()
{
    QChart *chart = newChart(QStringLiteral("histogramChart"), tr("Histogram"));
    m_histogramX = new QLogValueAxis;
    m_histogramX->setBase(10);
    m_histogramX->setLabelFormat(QStringLiteral("%g"));
    m_histogramX->setTitleText(tr("latency (ms)"));
    m_histogramX->setMinorTickCount(-1);
    chart->addAxis(m_histogramX, Qt::AlignBottom);
    m_histogramY = valueAxis(chart, Qt::AlignLeft, tr("% of calls"));
    m_histogram = lineSeries(chart, tr("This run"), m_histogramX, m_histogramY);
    m_compared = lineSeries(chart, tr("Compared"), m_histogramX, m_histogramY);
    m_compared->setVisible(false);
    fitHistogramAxes();
}

void LoadCharts::clear()
{
    ensureCharts();
    for (Track *track : {&m_throughput, &m_p50, &m_p90, &m_p99}) {
        track->points.clear();
        track->series->clear();
    }
    m_maxThroughput = 0;
    m_maxLatencyMs = 0;
    m_lastNanos = 0;
    m_lastCount = 0;
    m_lastLatency.clear();
    fitTimeAxes(0);
    m_bins.clear();
    m_histogramTotal = 0;
    m_histogram->clear();
    fitHistogramAxes();
}

void LoadCharts::addReport(const LoadReport &report, const QList<LoadSummary::Bin> &bins)
{
    ensureCharts();
    const qint64 interval = report.totalNanos - m_lastNanos;
    if (interval > 0 && report.count >= m_lastCount) {
        const double seconds = double(report.totalNanos) / 1e9;
        const double rate = double(report.count - m_lastCount) * 1e9 / double(interval);
        append(&m_throughput, {seconds, rate});
        m_maxThroughput = std::max(m_maxThroughput, rate);
        const LatencyHistogram latest = report.latency.since(m_lastLatency);
        if (latest.count() > 0) { // an interval in which no call ended has no latency
            for (const auto &[track, percentile] :
                {std::pair {&m_p50, 50.0}, std::pair {&m_p90, 90.0}, std::pair {&m_p99, 99.0}}) {
                const double ms = double(latest.valueAtPercentile(percentile)) / 1e6;
                append(track, {seconds, ms});
                m_maxLatencyMs = std::max(m_maxLatencyMs, ms);
            }
        }
        m_lastNanos = report.totalNanos;
        m_lastCount = report.count;
        m_lastLatency = report.latency;
        fitTimeAxes(seconds);
    }
    m_bins = bins;
    m_histogramTotal = totalOf(bins);
    showHistogram(m_histogram, m_bins);
    fitHistogramAxes();
}

void LoadCharts::setComparedHistogram(const QList<LoadSummary::Bin> &bins, const QString &label)
{
    ensureCharts();
    m_comparedBins = bins;
    m_compared->setName(label.isEmpty() ? tr("Compared") : label);
    m_compared->setVisible(!bins.isEmpty());
    showHistogram(m_compared, bins);
    fitHistogramAxes();
}

void LoadCharts::append(Track *track, QPointF point)
{
    track->points.append(point);
    if (track->points.size() <= MaxPoints) {
        track->series->append(point);
        return;
    }
    // Every second point of the older half goes: a few hundred points dropped at once, so
    // this full replace happens once per few hundred reports.
    const qsizetype half = track->points.size() / 2;
    QList<QPointF> kept;
    kept.reserve(MaxPoints);
    for (qsizetype i = 0; i < half; i += 2)
        kept.append(track->points.at(i));
    kept.append(track->points.mid(half));
    track->points = kept;
    track->series->replace(track->points);
}

void LoadCharts::fitTimeAxes(double seconds)
{
    // Whole seconds on the time axes: "1.99939" says nothing a "2" does not.
    const double end = std::max(1.0, std::ceil(seconds));
    for (QValueAxis *axis : {m_throughputTime, m_latencyTime}) {
        axis->setRange(0, end);
        axis->applyNiceNumbers();
    }
    fitFromZero(m_throughputY, m_maxThroughput);
    fitFromZero(m_latencyY, m_maxLatencyMs);
}

void LoadCharts::showHistogram(QLineSeries *series, const QList<LoadSummary::Bin> &bins)
{
    const double total = double(std::max<qint64>(1, totalOf(bins)));
    QList<QPointF> points;
    points.reserve(bins.size());
    for (const LoadSummary::Bin &bin : bins)
        points.append({double(bin.upperNanos) / 1e6, double(bin.count) * 100.0 / total});
    series->replace(points);
}

void LoadCharts::fitHistogramAxes()
{
    double lowest = 0;
    double highest = 0;
    double tallest = 0;
    for (const QLineSeries *series : {m_histogram, m_compared}) {
        if (!series->isVisible())
            continue;
        for (const QPointF &point : series->points()) {
            lowest = lowest == 0 ? point.x() : std::min(lowest, point.x());
            highest = std::max(highest, point.x());
            tallest = std::max(tallest, point.y());
        }
    }
    if (highest <= 0) {
        m_histogramX->setRange(0.01, 100); // no run yet: 10 µs to 100 ms
        m_histogramY->setRange(0, 100);
        return;
    }
    m_histogramX->setRange(lowest / 1.5, highest * 1.5);
    fitFromZero(m_histogramY, tallest);
}

} // namespace wirescope
