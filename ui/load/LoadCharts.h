// LoadCharts: a load run's throughput, latency percentiles and histogram, drawn live.

#pragma once

#include "model/load/LatencyHistogram.h"
#include "model/load/LoadSummary.h"

#include <QList>
#include <QPointF>
#include <QTabWidget>

class QChart;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace wirescope {

struct LoadReport;

// A load run's live charts, one tab each: calls per second over time, the latency
// percentiles p50, p90 and p99 over time (each point one interval between two reports, not
// the run so far, so a slow patch shows when it happened) and the latency histogram, with
// another run's histogram laid over it when two runs are compared. The GUI thread's work
// per report is fixed whatever the rate: one point per series and the histogram's few
// dozen bins replaced. A series keeps at most MaxPoints points; past that its older half
// thins to every second point, so a long run stays whole at a coarser grain. The charts are
// made when first shown or fed, so a request tab that never runs a load pays nothing.
class LoadCharts final : public QTabWidget {
    Q_OBJECT

public:
    static constexpr int MaxPoints = 2400; // 10 minutes of 250 ms reports at full grain

    explicit LoadCharts(QWidget *parent = nullptr);
    ~LoadCharts() override;
    Q_DISABLE_COPY_MOVE(LoadCharts)

    // Empties the run's series, for a run about to start; a compared histogram stays.
    void clear();
    // A report of the run (progress or final): the interval since the previous report adds
    // a point to each series over time, and `bins` (its compact histogram) replace the
    // histogram's.
    void addReport(const LoadReport &report, const QList<LoadSummary::Bin> &bins);
    // Another run's histogram over this one's; no bins: none.
    void setComparedHistogram(const QList<LoadSummary::Bin> &bins, const QString &label);

    int throughputPointCount() const { return int(m_throughput.points.size()); }
    int latencyPointCount() const { return int(m_p99.points.size()); }
    // The calls in the histogram shown for this run.
    qint64 histogramTotal() const { return m_histogramTotal; }
    bool hasComparedHistogram() const { return !m_comparedBins.isEmpty(); }

protected:
    void showEvent(QShowEvent *event) override;

private:
    // A series over time and its points (QLineSeries copies them out only on demand).
    struct Track {
        QLineSeries *series = nullptr;
        QList<QPointF> points;
    };

    void ensureCharts();
    QChart *newChart(const QString &objectName, const QString &title);
    void createThroughputChart();
    void createLatencyChart();
    void createHistogramChart();
    void append(Track *track, QPointF point);
    void fitTimeAxes(double seconds);
    void showHistogram(QLineSeries *series, const QList<LoadSummary::Bin> &bins);
    void fitHistogramAxes();

    Track m_throughput;
    Track m_p50;
    Track m_p90;
    Track m_p99;
    QValueAxis *m_throughputTime = nullptr;
    QValueAxis *m_throughputY = nullptr;
    QValueAxis *m_latencyTime = nullptr;
    QValueAxis *m_latencyY = nullptr;
    double m_maxThroughput = 0;
    double m_maxLatencyMs = 0;

    QLineSeries *m_histogram = nullptr;
    QLineSeries *m_compared = nullptr;
    QLogValueAxis *m_histogramX = nullptr;
    QValueAxis *m_histogramY = nullptr;
    QList<LoadSummary::Bin> m_bins;
    QList<LoadSummary::Bin> m_comparedBins;
    qint64 m_histogramTotal = 0;

    // The previous report, for the interval that ends at the next one.
    qint64 m_lastNanos = 0;
    qint64 m_lastCount = 0;
    LatencyHistogram m_lastLatency;
};

} // namespace wirescope
