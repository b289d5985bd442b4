#include "model/load/LatencyHistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace wirescope {

namespace {

constexpr int SubBits = 7; // SubBuckets == 1 << SubBits

} // namespace

LatencyHistogram::LatencyHistogram()
    : m_buckets(size_t(BucketCount), 0)
{
}

// Values below 2 * SubBuckets have a bucket each. Above, a value whose highest bit is bit k
// (k >= 8) drops its k - 7 lowest bits: what is left, between 128 and 255, picks one of the
// 128 buckets of its power of two. shift * 128 + (v >> shift) numbers them without a gap.
int LatencyHistogram::bucketOf(qint64 nanos)
{
    const quint64 value = quint64(std::clamp<qint64>(nanos, 0, HighestTracked));
    const int shift = std::max(0, int(std::bit_width(value)) - (SubBits + 1));
    return shift * SubBuckets + int(value >> shift);
}

qint64 LatencyHistogram::bucketLowest(int bucket)
{
    if (bucket < 2 * SubBuckets)
        return bucket;
    const int shift = bucket / SubBuckets - 1;
    return qint64(bucket % SubBuckets + SubBuckets) << shift;
}

qint64 LatencyHistogram::bucketHighest(int bucket)
{
    const int shift = bucket < 2 * SubBuckets ? 0 : bucket / SubBuckets - 1;
    return bucketLowest(bucket) + (qint64(1) << shift) - 1;
}

void LatencyHistogram::record(qint64 nanos)
{
    nanos = std::max<qint64>(nanos, 0);
    ++m_buckets[size_t(bucketOf(nanos))];
    if (m_count == 0 || nanos < m_min)
        m_min = nanos;
    if (m_count == 0 || nanos > m_max)
        m_max = nanos;
    ++m_count;
    m_sum += double(nanos);
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_count == 0)
        return;
    for (size_t i = 0; i < m_buckets.size(); ++i)
        m_buckets[i] += other.m_buckets[i];
    m_min = m_count == 0 ? other.m_min : std::min(m_min, other.m_min);
    m_max = m_count == 0 ? other.m_max : std::max(m_max, other.m_max);
    m_count += other.m_count;
    m_sum += other.m_sum;
}

LatencyHistogram LatencyHistogram::since(const LatencyHistogram &earlier) const
{
    LatencyHistogram out;
    int first = -1;
    int last = -1;
    for (int bucket = 0; bucket < BucketCount; ++bucket) {
        const qint64 n = m_buckets[size_t(bucket)] - earlier.m_buckets[size_t(bucket)];
        if (n <= 0)
            continue;
        out.m_buckets[size_t(bucket)] = n;
        out.m_count += n;
        first = first < 0 ? bucket : first;
        last = bucket;
    }
    if (out.m_count == 0)
        return out;
    out.m_sum = std::max(0.0, m_sum - earlier.m_sum);
    out.m_min = std::clamp(bucketLowest(first), m_min, m_max);
    out.m_max = std::clamp(bucketHighest(last), out.m_min, m_max);
    return out;
}

void LatencyHistogram::clear()
{
    std::fill(m_buckets.begin(), m_buckets.end(), 0);
    m_count = 0;
    m_min = m_max = 0;
    m_sum = 0;
}

qint64 LatencyHistogram::valueAtPercentile(double percentile) const
{
    if (m_count == 0)
        return 0;
    const double wanted = std::clamp(percentile, 0.0, 100.0) / 100.0 * double(m_count);
    // Nearest rank: the smallest value with at least `rank` values at or below it.
    const qint64 rank = std::clamp<qint64>(qint64(std::ceil(wanted - 1e-9)), 1, m_count);
    qint64 seen = 0;
    for (int bucket = 0; bucket < BucketCount; ++bucket) {
        seen += m_buckets[size_t(bucket)];
        if (seen < rank)
            continue;
        if (bucket == BucketCount - 1)
            return m_max; // the top bucket also holds everything past HighestTracked
        return std::clamp(bucketHighest(bucket), m_min, m_max);
    }
    return m_max;
}

QList<LatencyHistogram::Bar> LatencyHistogram::bars(int count) const
{
    QList<Bar> out;
    if (m_count == 0 || count < 1)
        return out;
    const qint64 span = m_max - m_min;
    const int barCount = span == 0 ? 1 : count;
    for (int i = 1; i <= barCount; ++i)
        out.append({m_min + qint64(double(span) * i / barCount), 0, 0.0});
    out.last().mark = m_max;
    for (int bucket = 0; bucket < BucketCount; ++bucket) {
        const qint64 n = m_buckets[size_t(bucket)];
        if (n == 0)
            continue;
        const qint64 low = std::max(bucketLowest(bucket), m_min);
        const qint64 high = std::min(bucketHighest(bucket), m_max);
        const qint64 middle = low + (std::max(high, low) - low) / 2;
        // The first bar whose mark is at or above the middle.
        const auto bar = std::lower_bound(
            out.begin(), out.end(), middle, [](const Bar &b, qint64 value) { return b.mark < value; });
        (bar == out.end() ? out.last() : *bar).count += n;
    }
    for (Bar &bar : out)
        bar.frequency = double(bar.count) / double(m_count);
    return out;
}

qsizetype LatencyHistogram::memoryBytes() const
{
    return qsizetype(sizeof(*this) + m_buckets.capacity() * sizeof(qint64));
}

} // namespace wirescope
