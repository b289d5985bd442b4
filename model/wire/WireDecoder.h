#pragma once

#include "model/wire/WireReader.h"
#include "model/wire/WireSpan.h"

#include <QHash>
#include <QVarLengthArray>

#include <functional>

namespace google::protobuf {
class Descriptor;
class FieldDescriptor;
} // namespace google::protobuf

namespace wirescope {

// The annotator's engine (internal to model/): walks bytes field by field, reading the wire
// primitives through a WireReader, and builds spans. One decoder reports lints; the throwaway
// decoders that try a schema-less reading report none: a problem there only rules that
// reading out. Depth is capped by the caller's limit, so recursion is bounded whatever the
// input.
class WireDecoder final {
public:
    // Takes each top-level span as soon as it is decoded instead of keeping it (streaming).
    using SpanSink = std::function<void(WireSpan &&span)>;

    // What parsing one message range produced.
    struct Message {
        const SpanSink *sink = nullptr; // set: the fields go there, not into `fields`
        QList<WireSpan> fields;
        QStringList absent;
        WireSpan endTag; // inside a group: its end-group tag
        qint64 end = 0;
    };

    // `data` must outlive the decoder; lints == null makes a quiet decoder for trying readings.
    WireDecoder(const char *data, qint64 size, int maxDepth, QList<WireLint> *lints);
    Q_DISABLE_COPY_MOVE(WireDecoder)

    // Decodes [begin, end) as the fields of `type` (null: no schema). Inside a group
    // (groupNumber != 0) it stops after that group's end tag. False on a hard error; the
    // fields then end with an Unparsed span up to `end`.
    bool parseMessage(qint64 begin, qint64 end, const google::protobuf::Descriptor *type, int depth,
        int groupNumber, Message *out);
    // Decodes the whole input as gRPC length-prefixed frames; with a sink, each frame goes
    // there as soon as it is decoded and the list comes back empty.
    QList<WireSpan> parseFrames(const google::protobuf::Descriptor *type, const SpanSink *sink = nullptr);

    // A count of fields still to annotate, shared with the decoders that try schema-less
    // readings (null: no limit). At zero the rest of each message becomes one PastLimit span,
    // so memory follows the limit and not the input; a reading that reaches it is ruled out.
    void setFieldBudget(qint64 *fieldsLeft) { m_fieldsLeft = fieldsLeft; }
    // The first byte the budget left unannotated, or -1.
    qint64 limitOffset() const { return m_limitOffset; }

    qint64 failureOffset() const { return m_reader.failureOffset(); }
    int maxDepth() const { return m_maxDepth; }
    QString failureMessage() const { return m_reader.failureMessage(); }

private:
    enum class Step { Ok, EndGroup, Failed };
    using Seen = QVarLengthArray<const google::protobuf::FieldDescriptor *, 16>;

    bool parseFrame(const google::protobuf::Descriptor *type, WireSpan *frame);
    bool decodePayload(const google::protobuf::Descriptor *type, bool compressed, WireSpan *payload);
    Step parseField(qint64 pos, qint64 end, const google::protobuf::Descriptor *type, int depth,
        WireSpan *field, const google::protobuf::FieldDescriptor **descriptor);
    const google::protobuf::FieldDescriptor *fieldFor(
        const google::protobuf::Descriptor *type, const WireSpan &tag);
    void nameField(WireSpan *field, const google::protobuf::FieldDescriptor *descriptor) const;
    bool decodeVarint(qint64 pos, qint64 end, const google::protobuf::FieldDescriptor *fd, WireSpan *field);
    bool decodeFixed(
        qint64 pos, qint64 end, int size, const google::protobuf::FieldDescriptor *fd, WireSpan *field);
    bool decodeDelimited(
        qint64 pos, qint64 end, const google::protobuf::FieldDescriptor *fd, int depth, WireSpan *field);
    bool decodeGroup(
        qint64 pos, qint64 end, const google::protobuf::FieldDescriptor *fd, int depth, WireSpan *field);
    bool decodeNested(const google::protobuf::FieldDescriptor *fd, int depth, WireSpan *value);
    bool decodePacked(const google::protobuf::FieldDescriptor *fd, WireSpan *value);
    void decodeText(const google::protobuf::FieldDescriptor *fd, WireSpan *value);
    void setScalar(WireSpan *span, const google::protobuf::FieldDescriptor *fd);
    void checkScalar(const WireSpan &span, const google::protobuf::FieldDescriptor *fd);
    void checkDefault(const WireSpan &span, const google::protobuf::FieldDescriptor *fd, bool isDefault);
    void noteOccurrence(const google::protobuf::FieldDescriptor *fd, const WireSpan &field, Seen *seen);
    QStringList absentFields(const google::protobuf::Descriptor *type, const Seen &seen) const;

    bool budgetSpent(qint64 pos, qint64 end, Message *out);

    WireReader m_reader;
    int m_maxDepth;
    bool m_quiet;
    qint64 *m_fieldsLeft = nullptr;
    qint64 m_limitOffset = -1;
};

} // namespace wirescope
