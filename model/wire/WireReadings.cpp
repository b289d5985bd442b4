#include "model/wire/WireReadings.h"

#include "model/wire/WireDecoder.h"
#include "model/wire/WireFormat.h"
#include "model/wire/WireText.h"

#include <QSet>

namespace wirescope::WireReadings {

namespace {

using Kind = WireReading::Kind;

// Keep a reading's element spans few so that a long schema-less array does not cost a span
// per byte at every nesting level.
constexpr int kMaxReadingElements = 1024;
constexpr int kPreviewFields = 4;

QString messagePreview(const QList<WireSpan> &fields)
{
    QStringList parts;
    for (const WireSpan &field : fields) {
        if (parts.size() == kPreviewFields) {
            parts.append(QStringLiteral("..."));
            break;
        }
        QString value = field.value;
        if (value.size() > WireText::kPreviewChars / 2)
            value = value.left(WireText::kPreviewChars / 2) + QStringLiteral("...");
        parts.append(QStringLiteral("%1: %2").arg(field.fieldNumber).arg(value));
    }
    return u'{' + parts.join(QStringLiteral(", ")) + u'}';
}

bool readAsMessage(const char *data, qint64 pos, qint64 length, int depth, int maxDepth, qint64 *fieldsLeft,
    WireReading *reading, QString *whyNot)
{
    if (depth + 1 > maxDepth) {
        *whyNot
            = QStringLiteral("not tried as a message: the nesting cap of %1 levels is reached").arg(maxDepth);
        return false;
    }
    WireDecoder quiet(data, pos + length, maxDepth, nullptr);
    quiet.setFieldBudget(fieldsLeft);
    WireDecoder::Message message;
    if (!quiet.parseMessage(pos, pos + length, nullptr, depth + 1, 0, &message)) {
        *whyNot = QStringLiteral("not a message: %1").arg(quiet.failureMessage());
        return false;
    }
    QList<int> numbers;
    for (const WireSpan &field : std::as_const(message.fields))
        if (!numbers.contains(field.fieldNumber) && numbers.size() < 8)
            numbers.append(field.fieldNumber);
    QStringList numberText;
    for (int number : std::as_const(numbers))
        numberText.append(QString::number(number));
    reading->kind = Kind::Message;
    reading->value = messagePreview(message.fields);
    reading->evidence
        = QStringLiteral(
            "parses as %1 with valid tags (field numbers %2) and ends exactly at the length boundary")
              .arg(message.fields.size() == 1 ? QStringLiteral("1 field")
                                              : QStringLiteral("%1 fields").arg(message.fields.size()),
                  numberText.join(QStringLiteral(", ")));
    reading->children = std::move(message.fields);
    return true;
}

WireSpan element(
    qint64 offset, qint64 length, int wireType, int fieldNumber, WireSpan::Kind kind, quint64 raw)
{
    WireSpan span;
    span.role = WireSpan::Role::Element;
    span.offset = offset;
    span.length = length;
    span.wireType = wireType;
    span.fieldNumber = fieldNumber;
    span.kind = kind;
    span.raw = raw;
    span.value = WireText::scalar(kind, raw);
    return span;
}

bool readAsPackedVarints(
    const char *data, qint64 pos, qint64 length, int fieldNumber, bool withElements, WireReading *reading)
{
    QList<WireSpan> elements;
    QStringList shown;
    qint64 count = 0;
    const qint64 end = pos + length;
    for (qint64 at = pos; at < end; ++count) {
        const WireFormat::Varint varint = WireFormat::readVarint(data, at, end);
        if (varint.status != WireFormat::Varint::Status::Ok)
            return false;
        if (shown.size() < WireText::kPreviewValues)
            shown.append(WireText::scalar(WireSpan::Kind::Varint, varint.value));
        if (withElements && count < kMaxReadingElements)
            elements.append(element(at, varint.length, 0, fieldNumber, WireSpan::Kind::Varint, varint.value));
        at += varint.length;
    }
    reading->kind = Kind::PackedVarint;
    reading->value = WireText::list(shown, count);
    reading->evidence
        = QStringLiteral("all %1 split into %2 with nothing left over: a packed repeated "
                         "int32/int64/uint/sint/bool/enum field")
              .arg(WireText::bytes(length),
                  count == 1 ? QStringLiteral("1 varint") : QStringLiteral("%1 varints").arg(count));
    if (count <= kMaxReadingElements)
        reading->children = std::move(elements);
    return true;
}

void readAsPackedFixed(const char *data, qint64 pos, qint64 length, int size, int fieldNumber,
    bool withElements, WireReading *reading)
{
    const qint64 count = length / size;
    const auto kind = size == 4 ? WireSpan::Kind::Fixed32Bits : WireSpan::Kind::Fixed64Bits;
    QStringList shown;
    for (qint64 i = 0; i < count; ++i) {
        const qint64 at = pos + i * size;
        const quint64 raw = size == 4 ? WireFormat::readLittleEndian32(data + at)
                                      : WireFormat::readLittleEndian64(data + at);
        if (shown.size() < WireText::kPreviewValues)
            shown.append(WireText::scalar(kind, raw));
        if (withElements && count <= kMaxReadingElements)
            reading->children.append(element(at, size, size == 4 ? 5 : 1, fieldNumber, kind, raw));
        else if (shown.size() == WireText::kPreviewValues)
            break;
    }
    reading->kind = size == 4 ? Kind::PackedFixed32 : Kind::PackedFixed64;
    reading->value = WireText::list(shown, count);
    reading->evidence = QStringLiteral("%1 is %2 x %3 bytes: a packed fixed%4/sfixed%4/%5 field (weak "
                                       "evidence: any length divisible by %3 reads this way)")
                            .arg(WireText::bytes(length))
                            .arg(count)
                            .arg(size)
                            .arg(size * 8)
                            .arg(size == 4 ? QStringLiteral("float") : QStringLiteral("double"));
}

WireReading stringReading(const char *data, qint64 pos, qint64 length, bool printable)
{
    WireReading reading;
    reading.kind = Kind::String;
    reading.value = WireText::quoted(data + pos, length);
    reading.evidence = printable
        ? QStringLiteral("valid UTF-8 and all printable: likely text")
        : QStringLiteral("valid UTF-8, but with control characters: text is unlikely");
    return reading;
}

WireReading bytesReading(const char *data, qint64 pos, qint64 length, const QStringList &whyNot)
{
    WireReading reading;
    reading.kind = Kind::Bytes;
    reading.value = WireText::hex(data + pos, length);
    reading.evidence = QStringLiteral("any bytes are valid bytes");
    if (!whyNot.isEmpty())
        reading.evidence += QStringLiteral("; ") + whyNot.join(QStringLiteral("; "));
    return reading;
}

} // namespace

QList<WireReading> read(
    const char *data, qint64 pos, qint64 length, int depth, int maxDepth, int fieldNumber, qint64 *fieldsLeft)
{
    if (length == 0) {
        WireReading empty;
        empty.kind = Kind::Empty;
        empty.value = QStringLiteral("(empty)");
        empty.evidence = QStringLiteral("an empty string, empty bytes, a message with no fields set and an "
                                        "empty packed array all encode as length 0");
        return {empty};
    }
    QList<WireReading> readings;
    QStringList whyNot;
    const bool utf8 = WireFormat::isValidUtf8(data + pos, length);
    const bool printable = utf8 && WireFormat::isPrintableUtf8(data + pos, length);
    if (printable)
        readings.append(stringReading(data, pos, length, true));
    WireReading reading;
    QString notMessage;
    if (readAsMessage(data, pos, length, depth, maxDepth, fieldsLeft, &reading, &notMessage))
        readings.append(std::move(reading));
    else
        whyNot.append(notMessage);
    reading = {};
    // Only the likeliest reading gets element spans: the others are alternatives to read
    // about, and spans for each of them would multiply the memory of a schema-less tree.
    if (readAsPackedVarints(data, pos, length, fieldNumber, readings.isEmpty(), &reading))
        readings.append(std::move(reading));
    if (utf8 && !printable)
        readings.append(stringReading(data, pos, length, false));
    if (!utf8)
        whyNot.append(QStringLiteral("not text: invalid UTF-8"));
    for (int size : {4, 8}) {
        if (length % size == 0) {
            reading = {};
            readAsPackedFixed(data, pos, length, size, fieldNumber, readings.isEmpty(), &reading);
            readings.append(std::move(reading));
        }
    }
    readings.append(bytesReading(data, pos, length, whyNot));
    return readings;
}

QString kindName(WireReading::Kind kind)
{
    switch (kind) {
    case Kind::String:
        return QStringLiteral("string");
    case Kind::Message:
        return QStringLiteral("message");
    case Kind::PackedVarint:
        return QStringLiteral("packed varints");
    case Kind::PackedFixed32:
        return QStringLiteral("packed 32-bit");
    case Kind::PackedFixed64:
        return QStringLiteral("packed 64-bit");
    case Kind::Bytes:
        return QStringLiteral("bytes");
    case Kind::Empty:
        return QStringLiteral("empty");
    }
    return {};
}

} // namespace wirescope::WireReadings
