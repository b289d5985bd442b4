#pragma once

#include "model/load/LatencyHistogram.h"

#include <QByteArray>
#include <QMap>
#include <QMetaType>
#include <QString>

namespace wirescope {

// What a load run measured, so far or in the end, as a plain value: counts, statuses,
// latencies (from each call's intended start in the open model) and, for streaming
// methods, messages each way and the time to the first response message. Printed as a
// summary for people, as JSON with ghz's field names (durations in nanoseconds, as ghz
// writes them) and as one CSV row.
struct LoadReport {
    // What ran: for the summary's heading and the JSON's "options".
    QString target;
    QString method;
    bool streaming = false; // the method streams requests or responses
    bool openModel = false;
    double targetRps = 0;
    int concurrency = 0;
    int connections = 1;
    qint64 plannedTotal = 0; // 0: bounded by the duration alone
    qint64 durationNanos = 0;
    qint64 rampNanos = 0;

    qint64 count = 0; // calls that ended, and calls due that could not start
    qint64 notStarted = 0; // open model: due while the in-flight cap was reached
    qint64 abandoned = 0; // in flight when the run was cancelled: not counted
    qint64 inFlight = 0; // while the run goes on
    qint64 totalNanos = 0; // from the start to the last call's end (or now, while running)
    bool cancelled = false;
    QMap<QString, qint64> statusCodes; // "OK" -> calls
    QMap<QString, qint64> errors; // "NOT_FOUND: order 42 is gone" -> calls; "client overload" too
    qint64 messagesSent = 0;
    qint64 messagesReceived = 0;
    LatencyHistogram latency;
    LatencyHistogram firstMessage; // streaming methods: to the first response message

    // Calls that did not end OK, those that could not start included.
    qint64 errorCount() const;
    double errorRate() const; // 0..1
    double achievedRps() const; // count / total
    double perSecond(qint64 amount) const;

    // For people: counts, latencies, a histogram, statuses and errors.
    QString toSummary() const;
    // ghz's report: count, total, average, fastest, slowest, rps, latencyDistribution,
    // statusCodeDistribution, errorDistribution, histogram, and Wirescope's additions.
    QByteArray toJson() const;
    // A header and one row of the main figures (durations in nanoseconds).
    QByteArray toCsv() const;
    // "12.0 s  2400 calls  200.0/s  3 errors  p99 1.20 ms  5 in flight": a live line.
    QString progressLine() const;

    // The percentiles every format lists.
    static const QList<double> &percentiles();
};

} // namespace wirescope

Q_DECLARE_METATYPE(wirescope::LoadReport)
