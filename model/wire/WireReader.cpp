// WireReader: bounds-checked varints, tags and fixed values, and the lint list they feed.
#include "model/wire/WireReader.h"

#include "model/wire/WireFormat.h"
#include "model/wire/WireText.h"

namespace wirescope {

namespace {

using Role = WireSpan::Role;
using Severity = WireLint::Severity;
using LintKind = WireLint::Kind;

// Warnings and notes past this many are dropped (one note says so): a 1 MB message of
// repeated singular fields must not produce a million lines about "last one wins".
constexpr int kMaxSoftLints = 200;

} // namespace

WireReader::WireReader(const char *data, qint64 size, QList<WireLint> *lints)
    : m_data(data)
    , m_size(size)
    , m_lints(lints)
{
}

WireSpan WireReader::span(Role role, qint64 offset, qint64 length, int wireType, int fieldNumber)
{
    WireSpan result;
    result.role = role;
    result.offset = offset;
    result.length = length;
    result.wireType = wireType;
    result.fieldNumber = fieldNumber;
    return result;
}

bool WireReader::fail(qint64 offset, LintKind kind, const QString &message)
{
    if (m_failureOffset < 0) {
        m_failureOffset = offset;
        m_failureMessage = message;
        if (m_lints)
            m_lints->append({Severity::Error, kind, offset, message});
    }
    return false;
}

void WireReader::lint(Severity severity, LintKind kind, qint64 offset, const QString &message)
{
    if (!m_lints)
        return;
    if (++m_softLints > kMaxSoftLints) {
        if (m_softLints == kMaxSoftLints + 1)
            m_lints->append({Severity::Note, kind, offset,
                QStringLiteral("more than %1 warnings and notes: the rest are not listed")
                    .arg(kMaxSoftLints)});
        return;
    }
    m_lints->append({severity, kind, offset, message});
}

WireSpan WireReader::unparsed(qint64 begin, qint64 end) const
{
    WireSpan unread = span(Role::Unparsed, begin, end - begin, -1, 0);
    unread.value = QStringLiteral("not decoded: %1 after the error").arg(WireText::bytes(end - begin));
    return unread;
}

bool WireReader::readVarint(qint64 pos, qint64 end, const char *what, quint64 *value, int *length)
{
    const WireFormat::Varint varint = WireFormat::readVarint(m_data, pos, end);
    *value = varint.value;
    *length = varint.length;
    switch (varint.status) {
    case WireFormat::Varint::Status::Ok:
        break;
    case WireFormat::Varint::Status::Truncated:
        return fail(pos, LintKind::Truncated,
            QStringLiteral("truncated %1 at byte %2: the data ends (at byte %3) while its last byte still "
                           "has the continuation bit set")
                .arg(QLatin1String(what))
                .arg(pos)
                .arg(end));
    case WireFormat::Varint::Status::TooLong:
        return fail(pos, LintKind::VarintTooLong,
            QStringLiteral(
                "%1 at byte %2 is not a valid varint: its 10th byte is above 1, so it would not fit 64 bits")
                .arg(QLatin1String(what))
                .arg(pos));
    }
    if (varint.length > WireFormat::varintSize(varint.value))
        lint(Severity::Warning, LintKind::OverlongVarint, pos,
            QStringLiteral(
                "%1 at byte %2 takes %3 where %4 would do (trailing zero groups); parsers accept it")
                .arg(QLatin1String(what))
                .arg(pos)
                .arg(WireText::bytes(varint.length), WireText::bytes(WireFormat::varintSize(varint.value))));
    return true;
}

bool WireReader::readTag(qint64 pos, qint64 end, WireSpan *tag)
{
    quint64 value = 0;
    int length = 0;
    if (!readVarint(pos, end, "tag", &value, &length))
        return false;
    *tag = span(Role::Tag, pos, length, int(value & 7), 0);
    tag->raw = value;
    const quint64 number = value >> 3;
    if (tag->wireType >= 6)
        return fail(pos, LintKind::InvalidWireType,
            QStringLiteral("tag at byte %1 has wire type %2, which does not exist (valid: 0-5)")
                .arg(pos)
                .arg(tag->wireType));
    if (number == 0)
        return fail(pos, LintKind::FieldNumberZero,
            QStringLiteral("tag at byte %1 has field number 0, which is never valid").arg(pos));
    if (number > WireFormat::kMaxFieldNumber)
        return fail(pos, LintKind::FieldNumberTooLarge,
            QStringLiteral("tag at byte %1 has field number %2, beyond the largest allowed, 2^29 - 1 = %3")
                .arg(pos)
                .arg(number)
                .arg(WireFormat::kMaxFieldNumber));
    tag->fieldNumber = int(number);
    return true;
}

bool WireReader::readFixed(qint64 pos, qint64 end, int size, quint64 *value)
{
    if (end - pos < size)
        return fail(pos, LintKind::Truncated,
            QStringLiteral("truncated %1-bit value at byte %2: it needs %3, only %4 remain")
                .arg(size * 8)
                .arg(pos)
                .arg(WireText::bytes(size), WireText::bytes(end - pos)));
    *value = fixedAt(pos, size);
    return true;
}

quint64 WireReader::fixedAt(qint64 pos, int size) const
{
    return size == 8 ? WireFormat::readLittleEndian64(m_data + pos)
                     : WireFormat::readLittleEndian32(m_data + pos);
}

} // namespace wirescope
