#pragma once

#include "model/load/LatencyHistogram.h"

#include <QHash>
#include <QString>

#include <array>
#include <mutex>
#include <string>

namespace wirescope {

struct LoadReport;

// Where a load run's calls leave what they measured, from any thread (gRPC's own): one
// short lock per call, nothing allocated for a call that ends OK, and fixed memory
// however long the run (at most MaxErrorKinds distinct error messages are told apart).
class LoadTally final {
public:
    static constexpr int MaxErrorKinds = 100;

    struct Call {
        qint64 latencyNanos = 0; // from the call's intended start to its status
        qint64 firstMessageNanos = -1; // from the intended start; -1: none, or not a stream
        int code = 0;
        std::string message; // the status message, read only for errors
        int sent = 0;
        int received = 0;
    };

    LoadTally() = default;
    Q_DISABLE_COPY_MOVE(LoadTally)

    void record(const Call &call);
    // A call that was due while too many were in flight, so it never started.
    void recordNotStarted();
    // A call in flight when the run was cancelled: its latency means nothing.
    void recordAbandoned();

    // Counts, statuses, errors, messages and histograms into `report` (the rest is left).
    void fill(LoadReport *report) const;

private:
    mutable std::mutex m_mutex;
    LatencyHistogram m_latency;
    LatencyHistogram m_firstMessage;
    std::array<qint64, 17> m_codes {}; // by gRPC status code
    QHash<int, qint64> m_otherCodes;
    QHash<QString, qint64> m_errors;
    qint64 m_otherErrors = 0; // past MaxErrorKinds
    qint64 m_notStarted = 0;
    qint64 m_abandoned = 0;
    qint64 m_sent = 0;
    qint64 m_received = 0;
};

} // namespace wirescope
