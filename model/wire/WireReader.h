// WireReader: the wire format's primitives read out of one input, and the problems found.
#pragma once

#include "model/wire/WireSpan.h"

namespace wirescope {

// The byte reader under WireDecoder (internal to model/): reads varints, tags and fixed-size
// values with bounds checks, and collects what is wrong with the bytes. The first hard error
// is kept (later ones only follow from it); warnings and notes go to the lint list, capped so
// that a pathological input cannot flood it. A quiet reader (no lint list) keeps the failure
// alone: a schema-less reading tried with it is ruled out, not reported.
class WireReader final {
public:
    // `data` must outlive the reader; lints == null makes a quiet reader.
    WireReader(const char *data, qint64 size, QList<WireLint> *lints);
    Q_DISABLE_COPY_MOVE(WireReader)

    const char *data() const { return m_data; }
    qint64 size() const { return m_size; }

    // Each reads at `pos` without reaching `end`, and fails (false) on bytes that hold no
    // valid one. `what` names the varint in messages: "tag", "length prefix".
    bool readVarint(qint64 pos, qint64 end, const char *what, quint64 *value, int *length);
    // A Tag span; its wire type is 0-5 and its field number within 1 .. 2^29 - 1.
    bool readTag(qint64 pos, qint64 end, WireSpan *tag);
    // A little-endian value of `size` 4 or 8 bytes.
    bool readFixed(qint64 pos, qint64 end, int size, quint64 *value);
    // The same where the caller knows the bytes are there.
    quint64 fixedAt(qint64 pos, int size) const;

    static WireSpan span(WireSpan::Role role, qint64 offset, qint64 length, int wireType, int fieldNumber);
    // The bytes from `begin` to `end` left undecoded after an error.
    WireSpan unparsed(qint64 begin, qint64 end) const;

    // Keeps the first hard error and returns false, so a caller can `return fail(...)`.
    bool fail(qint64 offset, WireLint::Kind kind, const QString &message);
    void lint(WireLint::Severity severity, WireLint::Kind kind, qint64 offset, const QString &message);
    qint64 failureOffset() const { return m_failureOffset; }
    QString failureMessage() const { return m_failureMessage; }

private:
    const char *m_data;
    qint64 m_size;
    QList<WireLint> *m_lints; // null while trying a reading
    int m_softLints = 0;
    qint64 m_failureOffset = -1;
    QString m_failureMessage;
};

} // namespace wirescope
