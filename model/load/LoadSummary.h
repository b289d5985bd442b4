// LoadSummary: a finished load run kept small, for history and for comparing two runs.

#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace wirescope {

class LatencyHistogram;
struct LoadReport;

// What is kept of a load run once it has ended: the plan, the counts, the statuses and
// errors, the latency percentiles and a coarse histogram (and for a streaming method the
// messages each way and the time to the first message), small enough to go into a history
// line (a few kilobytes at most) and to set two runs side by side. A LoadReport holds a
// 37 KB histogram per run; this keeps eight bins per power of two (a bin's bound at most
// 12.5 % above the latencies in it), which is as much as a chart can show.
struct LoadSummary {
    static constexpr int BinsPerOctave = 8;

    // The calls whose latency was at most `upperNanos` and above the previous bin's.
    struct Bin {
        qint64 upperNanos = 0;
        qint64 count = 0;
        bool operator==(const Bin &other) const = default;
    };

    // The plan.
    bool openModel = false;
    double targetRps = 0;
    int concurrency = 0; // closed model: calls in flight
    int connections = 1;
    qint64 plannedTotal = 0; // 0: no bound
    qint64 durationNanos = 0; // 0: no bound
    qint64 rampNanos = 0;

    // What happened.
    qint64 count = 0;
    qint64 totalNanos = 0;
    qint64 notStarted = 0;
    qint64 abandoned = 0;
    bool stopped = false; // cancelled before its plan was done
    QMap<QString, qint64> statusCodes; // "OK" -> calls
    QMap<QString, qint64> errors; // message -> calls

    // Latencies in nanoseconds.
    qint64 minNanos = 0;
    qint64 meanNanos = 0;
    qint64 p50Nanos = 0;
    qint64 p90Nanos = 0;
    qint64 p99Nanos = 0;
    qint64 p999Nanos = 0;
    qint64 maxNanos = 0;
    QList<Bin> histogram; // non-empty bins, fastest first

    // Server, client and bidi streaming methods only, as `wirescope bench` reports them; for
    // a unary method all stay 0 and none is written to history (nor read from older lines).
    bool streaming = false;
    qint64 messagesSent = 0;
    qint64 messagesReceived = 0;
    qint64 firstMessageCount = 0; // calls that received a message; 0: no first-message times
    qint64 firstMessageP50Nanos = 0; // from each call's intended start, as its latency
    qint64 firstMessageP90Nanos = 0;
    qint64 firstMessageP99Nanos = 0;

    bool operator==(const LoadSummary &other) const = default;

    static LoadSummary fromReport(const LoadReport &report);
    // The histogram's non-empty buckets merged into BinsPerOctave bins per power of two.
    static QList<Bin> compactHistogram(const LatencyHistogram &histogram);

    qint64 errorCount() const;
    double achievedRps() const;
    // `amount` over the run's time, and over the calls that started (at least one).
    double perSecond(qint64 amount) const;
    double perCall(qint64 amount) const;
    // "1,200 (240.0/s, 3.00 per call)": messages one way, worded as `bench` prints them.
    QString messagesText(qint64 amount) const;
    // The history's status: CANCELLED when stopped, OK when every call was, else the
    // status most calls failed with.
    QString statusName() const;
    // "Load · 2,000 calls · 99.8 rps · p99 12.0 ms": one line for lists and search.
    QString label() const;
    // "open, 100 calls/s, 10 s, 1 connection": what was asked for.
    QString planText() const;
    // Several lines for people: the plan, counts, statuses, errors, latencies and streams.
    QString toText() const;

    // History's "load" object; fromJson is false with *error on a malformed one.
    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &object, LoadSummary *summary, QString *error);
};

} // namespace wirescope
