#include "model/frames/PayloadSizer.h"

#include "model/frames/PayloadBreakdown.h"
#include "model/json/JsonCodec.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <zlib.h>

#include <array>

namespace gp = google::protobuf;

namespace wirescope::PayloadSizer {

qint64 gzipSize(const QByteArray &data)
{
    z_stream stream {};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size())) + 32), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int status = deflate(&stream, Z_FINISH);
    const qint64 size = status == Z_STREAM_END ? qint64(stream.total_out) : -1;
    deflateEnd(&stream);
    return size;
}

bool quickSizes(
    const Schema &schema, const gp::Descriptor *type, const QByteArray &binary, qint64 *jsonCompact)
{
    QByteArray json;
    JsonStyle style;
    style.indent = false;
    if (!JsonCodec::toJson(schema, type, binary, &json, style, nullptr))
        return false;
    *jsonCompact = json.size();
    return true;
}

PayloadSizes measure(
    const Schema &schema, const gp::Descriptor *type, const QByteArray &binary, Detail detail)
{
    PayloadSizes sizes;
    std::unique_ptr<gp::Message> message = schema.newMessage(type);
    QByteArray compact;
    QByteArray pretty;
    JsonStyle style;
    if (!message || !message->ParseFromArray(binary.constData(), int(binary.size()))
        || !JsonCodec::toJson(schema, type, binary, &pretty, style, &sizes.error)) {
        if (sizes.error.isEmpty())
            sizes.error = QStringLiteral("the bytes are not a valid %1")
                              .arg(QString::fromStdString(type->full_name()));
        return sizes;
    }
    style.indent = false;
    JsonCodec::toJson(schema, type, binary, &compact, style, nullptr);
    sizes.valid = true;
    sizes.binary = binary.size();
    sizes.jsonCompact = compact.size();
    sizes.jsonPretty = pretty.size();
    sizes.binaryGzip = gzipSize(binary);
    sizes.jsonCompactGzip = gzipSize(compact);
    sizes.jsonPrettyGzip = gzipSize(pretty);
    if (detail == Detail::Fields)
        sizes.fields = breakdown(schema, *message, &sizes.jsonPunctuation);
    return sizes;
}

} // namespace wirescope::PayloadSizer

namespace wirescope {

namespace {

// A gzip stream whose output is only counted. Its size can be read at any time: a copy of
// the deflate state is finished, so the stream itself keeps going.
class GzipCounter final {
public:
    GzipCounter() = default;
    ~GzipCounter()
    {
        if (m_started)
            deflateEnd(&m_stream);
    }
    Q_DISABLE_COPY_MOVE(GzipCounter)

    void add(const QByteArray &data)
    {
        if (!m_started && !start())
            return;
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
        m_stream.avail_in = uInt(data.size());
        m_failed = m_failed || !drain(&m_stream, Z_NO_FLUSH);
    }

    // 0 before anything was added; -1 if zlib failed.
    qint64 size() const
    {
        if (!m_started || m_failed)
            return m_failed ? -1 : 0;
        z_stream copy {};
        if (deflateCopy(&copy, &m_stream) != Z_OK)
            return -1;
        copy.next_in = nullptr;
        copy.avail_in = 0;
        const qint64 total = drain(&copy, Z_FINISH) ? qint64(copy.total_out) : -1;
        deflateEnd(&copy);
        return total;
    }

private:
    bool start()
    {
        // The same parameters as gzipSize(), so a stream of one message measures the same.
        m_started = deflateInit2(&m_stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)
            == Z_OK;
        m_failed = !m_started;
        return m_started;
    }

    // Runs deflate until it has taken all input (and, finishing, written the trailer);
    // the output goes to a scratch buffer and is dropped.
    static bool drain(z_stream *stream, int flush)
    {
        std::array<Bytef, 16 * 1024> scratch;
        int status = Z_OK;
        do {
            stream->next_out = scratch.data();
            stream->avail_out = uInt(scratch.size());
            status = deflate(stream, flush);
            if (status == Z_STREAM_ERROR)
                return false;
        } while (stream->avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END));
        return true;
    }

    mutable z_stream m_stream {}; // deflateCopy takes a non-const source
    bool m_started = false;
    bool m_failed = false;
};

} // namespace

struct CallSizeCounter::Direction {
    SizeTotals totals;
    GzipCounter binary;
    GzipCounter jsonCompact;
    GzipCounter jsonPretty;
};

SizeTotals &SizeTotals::operator+=(const SizeTotals &other)
{
    messages += other.messages;
    binary += other.binary;
    measured += other.measured;
    measuredBinary += other.measuredBinary;
    jsonCompact += other.jsonCompact;
    jsonPretty += other.jsonPretty;
    binaryGzip += other.binaryGzip;
    jsonCompactGzip += other.jsonCompactGzip;
    jsonPrettyGzip += other.jsonPrettyGzip;
    notKept += other.notKept;
    undecodable += other.undecodable;
    return *this;
}

CallSizeCounter::CallSizeCounter() = default;
CallSizeCounter::~CallSizeCounter() = default;

void CallSizeCounter::add(
    bool received, const Schema *schema, const gp::Descriptor *type, const QByteArray &binary)
{
    std::unique_ptr<Direction> &side = m_directions[received ? 1 : 0];
    if (!side)
        side = std::make_unique<Direction>();
    ++side->totals.messages;
    side->totals.binary += binary.size();
    QByteArray pretty;
    QByteArray compact;
    JsonStyle style;
    if (!schema || !type || !JsonCodec::toJson(*schema, type, binary, &pretty, style, nullptr)) {
        ++side->totals.undecodable;
        return;
    }
    style.indent = false;
    JsonCodec::toJson(*schema, type, binary, &compact, style, nullptr);
    ++side->totals.measured;
    side->totals.measuredBinary += binary.size();
    side->totals.jsonCompact += compact.size();
    side->totals.jsonPretty += pretty.size();
    side->binary.add(binary);
    side->jsonCompact.add(compact);
    side->jsonPretty.add(pretty);
}

void CallSizeCounter::addNotKept(bool received, qint64 size)
{
    std::unique_ptr<Direction> &side = m_directions[received ? 1 : 0];
    if (!side)
        side = std::make_unique<Direction>();
    ++side->totals.messages;
    ++side->totals.notKept;
    side->totals.binary += size;
}

SizeTotals CallSizeCounter::totals(bool received) const
{
    const std::unique_ptr<Direction> &side = m_directions[received ? 1 : 0];
    if (!side)
        return {};
    SizeTotals totals = side->totals;
    totals.binaryGzip = side->binary.size();
    totals.jsonCompactGzip = side->jsonCompact.size();
    totals.jsonPrettyGzip = side->jsonPretty.size();
    return totals;
}

} // namespace wirescope
