#pragma once

#include "model/request/CallEvent.h"

#include <QtGlobal>

#include <array>
#include <random>
#include <vector>

namespace wirescope {

// Live statistics of one call, updated once per batch of events: messages and bytes each
// way, rates over the last second of the call's own clock, and the inter-arrival times of
// received messages (min, median, p99, max). Its memory is bounded: the gaps are kept
// exactly up to MaxGapSamples, then as a uniform reservoir of that size.
class StreamStats final {
public:
    static constexpr int MaxGapSamples = 1 << 20;

    struct Direction {
        qint64 messages = 0;
        qint64 bytes = 0;
        double messagesPerSecond = 0; // over the last RateWindowNanos
        double bytesPerSecond = 0;
        // From this direction's first message to its last: the rate a finished call had
        // (200,000 messages in 4.98 s is 40,161 msg/s, whatever its last second did).
        double averageMessagesPerSecond = 0;
        double averageBytesPerSecond = 0;
    };

    struct Latency {
        qint64 samples = 0; // gaps seen (received messages minus one)
        qint64 min = 0;
        qint64 median = 0;
        qint64 p99 = 0;
        qint64 max = 0;
    };

    StreamStats();

    void apply(const CallEvents &events);
    void clear();

    // Rates are computed when asked, for the window ending at the newest event.
    Direction sent() const { return direction(false); }
    Direction received() const { return direction(true); }
    // Sorts a copy of the samples when new ones arrived since the last call.
    Latency receiveGaps() const;
    qint64 lastNanos() const { return m_lastNanos; }
    qint64 memoryBytes() const { return qint64(m_gaps.capacity() * sizeof(qint64)); }

private:
    static constexpr qint64 BucketNanos = 100'000'000; // 100 ms
    static constexpr int BucketCount = 10; // a 1 s window

    struct Bucket {
        qint64 tag = -1; // nanos / BucketNanos of the slot's current period
        qint64 messages[2] = {0, 0};
        qint64 bytes[2] = {0, 0};
    };

    void addMessage(bool received, qint64 nanos, qint64 bytes);
    void addGap(qint64 gap);
    Direction direction(bool received) const;

    qint64 m_messages[2] = {0, 0};
    qint64 m_firstMessageNanos[2] = {-1, -1};
    qint64 m_lastMessageNanos[2] = {0, 0};
    qint64 m_bytes[2] = {0, 0};
    std::array<Bucket, BucketCount> m_buckets;
    qint64 m_lastNanos = 0;
    qint64 m_lastReceivedNanos = -1;
    qint64 m_gapCount = 0;
    qint64 m_gapMin = 0;
    qint64 m_gapMax = 0;
    std::vector<qint64> m_gaps;
    std::minstd_rand m_random;
    mutable bool m_latencyDirty = false;
    mutable Latency m_latency;
};

} // namespace wirescope
