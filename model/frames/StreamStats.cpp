#include "model/frames/StreamStats.h"

#include <algorithm>

namespace wirescope {

StreamStats::StreamStats()
    : m_random(20240611) // fixed seed: the same stream gives the same percentiles
{
}

void StreamStats::apply(const CallEvents &events)
{
    for (const CallEvent &event : events) {
        m_lastNanos = std::max(m_lastNanos, event.nanos);
        if (event.type == CallEvent::Type::Sent)
            addMessage(false, event.nanos, event.payload.size());
        else if (event.type == CallEvent::Type::Received)
            addMessage(true, event.nanos, event.payload.size());
    }
}

void StreamStats::clear()
{
    *this = StreamStats();
}

void StreamStats::addMessage(bool received, qint64 nanos, qint64 bytes)
{
    const int side = received ? 1 : 0;
    ++m_messages[side];
    m_bytes[side] += bytes;
    if (m_firstMessageNanos[side] < 0)
        m_firstMessageNanos[side] = nanos;
    m_lastMessageNanos[side] = nanos;
    const qint64 tag = nanos / BucketNanos;
    Bucket &bucket = m_buckets[size_t(tag % BucketCount)];
    if (bucket.tag != tag)
        bucket = Bucket {tag, {0, 0}, {0, 0}};
    ++bucket.messages[side];
    bucket.bytes[side] += bytes;
    if (!received)
        return;
    if (m_lastReceivedNanos >= 0)
        addGap(std::max<qint64>(0, nanos - m_lastReceivedNanos));
    m_lastReceivedNanos = nanos;
}

void StreamStats::addGap(qint64 gap)
{
    m_gapMin = m_gapCount == 0 ? gap : std::min(m_gapMin, gap);
    m_gapMax = std::max(m_gapMax, gap);
    ++m_gapCount;
    m_latencyDirty = true;
    if (m_gaps.size() < size_t(MaxGapSamples)) {
        m_gaps.push_back(gap);
        return;
    }
    // Reservoir sampling (Algorithm R): every gap so far has the same chance to be kept.
    std::uniform_int_distribution<qint64> pick(0, m_gapCount - 1);
    const qint64 slot = pick(m_random);
    if (slot < MaxGapSamples)
        m_gaps[size_t(slot)] = gap;
}

StreamStats::Direction StreamStats::direction(bool received) const
{
    const int side = received ? 1 : 0;
    Direction result;
    result.messages = m_messages[side];
    result.bytes = m_bytes[side];
    const qint64 newest = m_lastNanos / BucketNanos;
    qint64 messages = 0;
    qint64 bytes = 0;
    for (const Bucket &bucket : m_buckets) {
        if (bucket.tag >= 0 && bucket.tag > newest - BucketCount) {
            messages += bucket.messages[side];
            bytes += bucket.bytes[side];
        }
    }
    // From the start of the oldest bucket still in the window to the newest event, so a
    // call younger than a second, or a half-filled newest bucket, is not under-counted.
    const qint64 windowStart = std::max<qint64>(0, (newest - BucketCount + 1) * BucketNanos);
    const qint64 window = m_lastNanos - windowStart;
    const double seconds = double(std::max<qint64>(window, 1'000'000)) / 1e9; // at least 1 ms
    result.messagesPerSecond = double(messages) / seconds;
    result.bytesPerSecond = double(bytes) / seconds;
    if (result.messages > 1) {
        // n messages span n - 1 gaps: the rate at which they came, not counting the wait for the first.
        const qint64 span = std::max<qint64>(m_lastMessageNanos[side] - m_firstMessageNanos[side], 1'000);
        result.averageMessagesPerSecond = double(result.messages - 1) * 1e9 / double(span);
        result.averageBytesPerSecond = double(result.bytes) * double(result.messages - 1)
            / double(result.messages) * 1e9 / double(span);
    }
    return result;
}

StreamStats::Latency StreamStats::receiveGaps() const
{
    if (!m_latencyDirty)
        return m_latency;
    m_latencyDirty = false;
    m_latency = Latency {m_gapCount, m_gapMin, 0, 0, m_gapMax};
    if (m_gaps.empty())
        return m_latency;
    std::vector<qint64> sorted = m_gaps;
    const auto at = [&sorted](double quantile) {
        const size_t index = std::min(sorted.size() - 1, size_t(quantile * double(sorted.size())));
        std::nth_element(sorted.begin(), sorted.begin() + qsizetype(index), sorted.end());
        return sorted[index];
    };
    m_latency.median = at(0.5);
    m_latency.p99 = at(0.99);
    return m_latency;
}

} // namespace wirescope
