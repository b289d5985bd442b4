#include "model/wire/WireText.h"

#include "model/wire/WireFormat.h"

#include <limits>

namespace wirescope::WireText {

namespace {

QString floatText(double value, int precision)
{
    return QString::number(value, 'g', precision);
}

} // namespace

QString scalar(WireSpan::Kind kind, quint64 raw)
{
    using Kind = WireSpan::Kind;
    switch (kind) {
    case Kind::Varint:
        if (raw > quint64(std::numeric_limits<qint64>::max()))
            return QStringLiteral("%1 (as int64: %2)").arg(raw).arg(qint64(raw));
        return QString::number(raw);
    case Kind::Int32:
        return QString::number(qint32(quint32(raw)));
    case Kind::Int64:
    case Kind::SFixed64:
        return QString::number(qint64(raw));
    case Kind::UInt32:
    case Kind::Fixed32:
        return QString::number(quint32(raw));
    case Kind::UInt64:
    case Kind::Fixed64:
        return QString::number(raw);
    case Kind::SInt32:
        return QString::number(WireFormat::zigZagDecode32(quint32(raw)));
    case Kind::SInt64:
        return QString::number(WireFormat::zigZagDecode64(raw));
    case Kind::Bool:
        return raw ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Enum:
        return QString::number(qint32(quint32(raw)));
    case Kind::SFixed32:
        return QString::number(qint32(quint32(raw)));
    case Kind::Float:
        return floatText(WireFormat::bitsToFloat(quint32(raw)), 9);
    case Kind::Double:
        return floatText(WireFormat::bitsToDouble(raw), 17);
    case Kind::Fixed32Bits:
        return QStringLiteral("%1 (as float: %2)")
            .arg(quint32(raw))
            .arg(floatText(WireFormat::bitsToFloat(quint32(raw)), 9));
    case Kind::Fixed64Bits:
        return QStringLiteral("%1 (as double: %2)")
            .arg(raw)
            .arg(floatText(WireFormat::bitsToDouble(raw), 17));
    default:
        return QString::number(raw);
    }
}

QString quoted(const char *data, qint64 size)
{
    // Decode only what the preview can show: a 1 MB string costs no more than a short one.
    const qint64 take = qMin<qint64>(size, qint64(kPreviewChars) * 4);
    const QString text = QString::fromUtf8(data, take);
    QString out = QStringLiteral("\"");
    int shown = 0;
    for (const QChar c : text) {
        if (shown++ == kPreviewChars)
            break;
        if (c == u'"' || c == u'\\')
            out += u'\\' + QString(c);
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    out += u'"';
    if (shown > kPreviewChars || take < size)
        out += QStringLiteral("... (%1)").arg(bytes(size));
    return out;
}

QString hex(const char *data, qint64 size, int maxBytes)
{
    const qint64 shown = qMin<qint64>(size, maxBytes);
    QString out = QString::fromLatin1(QByteArray(data, shown).toHex(' '));
    if (shown < size)
        out += QStringLiteral(" ... (%1)").arg(bytes(size));
    return out;
}

QString list(const QStringList &shown, qint64 total)
{
    QString out = u'[' + shown.join(QStringLiteral(", "));
    if (total > shown.size())
        out += QStringLiteral(", ... %1 shown of %2").arg(shown.size()).arg(total);
    return out + u']';
}

QString bytes(qint64 count)
{
    return count == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(count);
}

} // namespace wirescope::WireText
