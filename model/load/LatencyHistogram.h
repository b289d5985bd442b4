#pragma once

#include <QList>
#include <QtGlobal>

#include <vector>

namespace wirescope {

// Latencies in nanoseconds, kept in fixed memory however many are recorded: log-linear
// buckets, exact below 256 ns and then 128 buckets per power of two, so any value is kept to
// within 1/128 (0.8 %) of itself, better than two significant decimal digits, from 1 µs to
// past an hour (2^42 ns, 73 minutes; longer values share the top bucket). Percentiles
// are read at the top of the bucket they fall in, clamped to the largest value seen, so a
// reported percentile is never below the true one and at most 0.8 % above it.
class LatencyHistogram final {
public:
    // One bar of a text histogram: the values above the previous mark up to this one.
    struct Bar {
        qint64 mark = 0; // nanoseconds
        qint64 count = 0;
        double frequency = 0; // count / all values
    };

    static constexpr int SubBuckets = 128; // per power of two: the precision
    static constexpr int Octaves = 35; // 2^7 .. 2^42 ns
    static constexpr int BucketCount = SubBuckets * (Octaves + 1);
    static constexpr qint64 HighestTracked = (qint64(1) << 42) - 1; // ~73 minutes

    LatencyHistogram();

    void record(qint64 nanos);
    void merge(const LatencyHistogram &other);
    void clear();
    // The values recorded since `earlier`, an earlier copy of this histogram: a live chart's
    // latencies of one interval. Its smallest and largest values are known only to their
    // buckets' bounds (clamped to this histogram's own), so its percentiles keep the 0.8 %.
    LatencyHistogram since(const LatencyHistogram &earlier) const;

    qint64 count() const { return m_count; }
    qint64 min() const { return m_count > 0 ? m_min : 0; }
    qint64 max() const { return m_count > 0 ? m_max : 0; }
    double mean() const { return m_count > 0 ? m_sum / double(m_count) : 0.0; }
    // The value below which `percentile` % of the values fall (nearest rank): 50 is the median,
    // 100 the largest. 0 with no value.
    qint64 valueAtPercentile(double percentile) const;
    // `count` bars of equal width between the smallest and the largest value (one bar when
    // they are equal, none when empty); each value counts in the bar its bucket's middle is in.
    QList<Bar> bars(int count = 10) const;

    // What the histogram holds in memory: the same for one value and for a billion.
    qsizetype memoryBytes() const;

    // How many values fell in `bucket` (0 .. BucketCount - 1).
    qint64 inBucket(int bucket) const { return m_buckets[size_t(bucket)]; }
    static int bucketOf(qint64 nanos);
    static qint64 bucketLowest(int bucket);
    static qint64 bucketHighest(int bucket);

private:
    std::vector<qint64> m_buckets;
    qint64 m_count = 0;
    qint64 m_min = 0;
    qint64 m_max = 0;
    double m_sum = 0;
};

} // namespace wirescope
