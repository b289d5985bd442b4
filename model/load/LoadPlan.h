#pragma once

#include <QString>

namespace wirescope {

// How a load run sends its calls. The open model (a rate: --rps) gives every call the time
// it is meant to start, whatever the server does, so a slow server cannot slow the load
// down and hide its own slowness (coordinated omission); an optional ramp raises the rate
// linearly from 0 to `rps` over `rampNanos`. The closed model (--concurrency) keeps that many
// calls in flight, each starting when one ends, and has no schedule. A duration, a total or
// both (whichever comes first) end the run.
struct LoadPlan {
    static constexpr int DefaultConcurrency = 50;
    static constexpr int DefaultMaxInFlight = 10000;

    double rps = 0; // > 0: the open model
    int concurrency = DefaultConcurrency; // the closed model's calls in flight
    qint64 durationNanos = 0; // 0: no limit
    qint64 total = 0; // 0: no limit
    qint64 rampNanos = 0;
    int connections = 1;
    // Open model: a call due while this many are in flight is not started but counted as a
    // client overload, so a stalled server never makes the client queue without bound.
    int maxInFlight = DefaultMaxInFlight;

    bool isOpen() const { return rps > 0; }
    // Open model: when call `index` (from 0) is meant to start, in nanoseconds from the start.
    qint64 intendedStart(qint64 index) const;
    // How many calls the plan starts at most: the open model's schedule up to the duration,
    // or the total; -1 when only a duration (closed model) bounds it.
    qint64 plannedCalls() const;
    // Why the plan cannot run ("give --duration or --total"), or empty.
    QString problem() const;

    // "10s", "500ms", "2m", "1h", "1.5s", "250us", "1m30s". False with *error saying what is
    // wrong with the text.
    static bool parseDuration(const QString &text, qint64 *nanos, QString *error);
    // "1.25 s", "3.40 ms", "812 µs", "950 ns": for people.
    static QString durationText(qint64 nanos);

private:
    // Open model: how many calls are due by `nanos` from the start, before any bound.
    double scheduledBy(qint64 nanos) const;
};

} // namespace wirescope
