#pragma once

#include "model/schema/Schema.h"

#include <QByteArray>
#include <QList>

#include <memory>

namespace wirescope {

// What one field costs in each encoding. Binary bytes are tag + length prefix + value for
// every occurrence; JSON bytes are its "key": part plus its value text in compact JSON.
//
// Children add up exactly. A message field's children are its fields: their binary bytes
// fill its binaryValue, and their JSON bytes plus its jsonPunctuation (braces, commas) fill
// its jsonValue. A repeated message field's children are its elements, named "[0]", "[1]",
// ... (the ones past the first ElementRows are one row, "[20…]"): their binary bytes, each
// with its own tag and length, make up the field's binary(), and their JSON plus the
// field's jsonPunctuation (brackets, commas) make up its jsonValue.
struct FieldSize {
    static constexpr int ElementRows = 20;

    QString name; // the JSON name, e.g. "items"; "[3]" for an element
    int number = 0; // field number; 0 for unknown fields taken together, -1 for an element
    qint64 binaryTag = 0;
    qint64 binaryLength = 0; // length prefixes (strings, bytes, messages, packed arrays)
    qint64 binaryValue = 0;
    qint64 jsonKey = 0; // "name":
    qint64 jsonValue = 0; // the value text
    qint64 jsonPunctuation = 0; // the part of jsonValue that is no child's (see above)
    // Where the two encodings differ for this field, in a sentence: field names repeated in
    // every element, base64, 64-bit integers as strings, a negative int32's ten bytes, ...
    QString note;
    QList<FieldSize> children;

    qint64 binary() const { return binaryTag + binaryLength + binaryValue; }
    qint64 json() const { return jsonKey + jsonValue; }
};

// The sizes of one message in binary and canonical JSON, compact and pretty, each also
// gzip-compressed, plus the per-field breakdown. The fields' binary bytes add up exactly to
// `binary`; their JSON bytes plus `jsonPunctuation` (braces and commas) add up exactly to
// `jsonCompact`.
struct PayloadSizes {
    bool valid = false;
    QString error;
    qint64 binary = 0;
    qint64 jsonCompact = 0;
    qint64 jsonPretty = 0;
    qint64 binaryGzip = 0;
    qint64 jsonCompactGzip = 0;
    qint64 jsonPrettyGzip = 0;
    qint64 jsonPunctuation = 0;
    QList<FieldSize> fields;

    // JSON compact bytes per binary byte; > 1 means JSON is bigger.
    double ratio() const { return binary > 0 ? double(jsonCompact) / double(binary) : 0.0; }
};

// What a run of messages (one direction of a call, or all of it) costs in each encoding.
// The plain sizes are sums over the messages. The gzip sizes are those of one gzip stream
// over the messages' bytes back to back, as a compressed log or transport would carry them,
// so what repeats from one message to the next compresses away. A whole call's gzip sizes
// are the sum of its two directions' streams.
struct SizeTotals {
    qint64 messages = 0; // every message counted
    qint64 binary = 0; // the wire bytes of all of them
    // Messages whose bytes were at hand and decoded; the sizes below cover only these, so
    // their ratios compare like with like.
    qint64 measured = 0;
    qint64 measuredBinary = 0;
    qint64 jsonCompact = 0;
    qint64 jsonPretty = 0;
    qint64 binaryGzip = 0;
    qint64 jsonCompactGzip = 0;
    qint64 jsonPrettyGzip = 0;
    qint64 notKept = 0; // counted by size only: the frames view had dropped their bytes
    qint64 undecodable = 0;

    SizeTotals &operator+=(const SizeTotals &other);
    friend SizeTotals operator+(SizeTotals left, const SizeTotals &right) { return left += right; }
    bool operator==(const SizeTotals &other) const = default;
};

// Adds up a call's sizes message by message, per direction. Each direction and encoding
// has its own streaming deflate, so a message costs only its own bytes to add, however long
// the stream; its memory is fixed (about 1.5 MB once both directions have messages). Use it
// from one thread at a time.
class CallSizeCounter final {
public:
    CallSizeCounter();
    ~CallSizeCounter();
    Q_DISABLE_COPY_MOVE(CallSizeCounter)

    // A message with its bytes; `type` is the request or response type that decodes them
    // (without a schema or type, it counts as undecodable).
    void add(bool received, const Schema *schema, const google::protobuf::Descriptor *type,
        const QByteArray &binary);
    // A message known only by its size.
    void addNotKept(bool received, qint64 size);
    // The gzip sizes are what the streams would be if they ended now.
    SizeTotals sent() const { return totals(false); }
    SizeTotals received() const { return totals(true); }

private:
    struct Direction;
    SizeTotals totals(bool received) const;

    std::unique_ptr<Direction> m_directions[2];
};

namespace PayloadSizer {

enum class Detail { Totals, Fields };
// Costs a few times the printing of the message to JSON; the field breakdown (Detail::Fields)
// adds a copy of the message per field set. Run it off the GUI thread for large messages.
PayloadSizes measure(const Schema &schema, const google::protobuf::Descriptor *type, const QByteArray &binary,
    Detail detail = Detail::Fields);
// Only the two headline numbers, cheap enough for every message of a long stream.
bool quickSizes(const Schema &schema, const google::protobuf::Descriptor *type, const QByteArray &binary,
    qint64 *jsonCompact);
qint64 gzipSize(const QByteArray &data);

} // namespace PayloadSizer

} // namespace wirescope
