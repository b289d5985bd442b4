#include "model/FieldValueText.h"

#include <QRegularExpression>
#include <QStringDecoder>

#include <charconv>
#include <cmath>
#include <limits>

namespace wirescope::FieldValueText {

namespace {

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

// "NaN", "Infinity" and "-Infinity" are the JSON mapping's spellings; the lower-case and
// short forms people type are accepted too.
bool parseSpecialFloat(const QString &text, double *value)
{
    const QString lower = text.toLower();
    if (lower == u"nan" || lower == u"+nan" || lower == u"-nan") {
        *value = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (lower == u"infinity" || lower == u"+infinity" || lower == u"inf" || lower == u"+inf") {
        *value = std::numeric_limits<double>::infinity();
        return true;
    }
    if (lower == u"-infinity" || lower == u"-inf") {
        *value = -std::numeric_limits<double>::infinity();
        return true;
    }
    return false;
}

template<typename T> QString shortest(T value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QString::fromLatin1(buffer, result.ptr - buffer);
}

QString checkWithRegex(const QString &text, const QRegularExpression &pattern, const QString &why)
{
    return pattern.match(text.trimmed()).hasMatch() ? QString() : why;
}

} // namespace

bool parseSigned(const QString &text, qint64 min, qint64 max, qint64 *value, QString *error)
{
    const QString trimmed = text.trimmed();
    static const QRegularExpression digits(QStringLiteral("^[+-]?[0-9]+$"));
    if (trimmed.isEmpty())
        return fail(error, QStringLiteral("a whole number is required"));
    if (!digits.match(trimmed).hasMatch())
        return fail(error, QStringLiteral("\"%1\" is not a whole number").arg(trimmed));
    bool ok = false;
    const qint64 parsed = trimmed.toLongLong(&ok);
    if (!ok || parsed < min || parsed > max)
        return fail(error, QStringLiteral("%1 is out of range (%2 to %3)").arg(trimmed).arg(min).arg(max));
    *value = parsed;
    return true;
}

bool parseUnsigned(const QString &text, quint64 max, quint64 *value, QString *error)
{
    const QString trimmed = text.trimmed();
    static const QRegularExpression digits(QStringLiteral("^\\+?[0-9]+$"));
    if (trimmed.isEmpty())
        return fail(error, QStringLiteral("a whole number is required"));
    if (trimmed.startsWith(u'-'))
        return fail(error, QStringLiteral("%1 is out of range (0 to %2)").arg(trimmed).arg(max));
    if (!digits.match(trimmed).hasMatch())
        return fail(error, QStringLiteral("\"%1\" is not a whole number").arg(trimmed));
    bool ok = false;
    const quint64 parsed = trimmed.toULongLong(&ok);
    if (!ok || parsed > max)
        return fail(error, QStringLiteral("%1 is out of range (0 to %2)").arg(trimmed).arg(max));
    *value = parsed;
    return true;
}

bool parseDouble(const QString &text, double *value, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(error, QStringLiteral("a number is required"));
    if (parseSpecialFloat(trimmed, value))
        return true;
    static const QRegularExpression number(
        QStringLiteral("^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$"));
    if (!number.match(trimmed).hasMatch())
        return fail(
            error, QStringLiteral("\"%1\" is not a number (NaN, Infinity and -Infinity are)").arg(trimmed));
    bool ok = false;
    const double parsed = trimmed.toDouble(&ok);
    if (!ok || std::isinf(parsed))
        return fail(error, QStringLiteral("%1 is out of range for a double").arg(trimmed));
    *value = parsed;
    return true;
}

bool parseFloat(const QString &text, float *value, QString *error)
{
    double parsed = 0;
    if (!parseDouble(text, &parsed, error))
        return false;
    if (std::isfinite(parsed) && std::abs(parsed) > double(std::numeric_limits<float>::max()))
        return fail(error, QStringLiteral("%1 is out of range for a float").arg(text.trimmed()));
    *value = float(parsed);
    return true;
}

bool parseBool(const QString &text, bool *value, QString *error)
{
    const QString lower = text.trimmed().toLower();
    if (lower == u"true" || lower == u"1") {
        *value = true;
        return true;
    }
    if (lower == u"false" || lower == u"0") {
        *value = false;
        return true;
    }
    return fail(error, QStringLiteral("\"%1\" is not true or false").arg(text.trimmed()));
}

bool parseBytes(const QString &text, BytesMode mode, QByteArray *value, QString *error)
{
    switch (mode) {
    case BytesMode::Text:
        *value = text.toUtf8();
        return true;
    case BytesMode::Hex: {
        QString hex = text;
        hex.remove(QRegularExpression(QStringLiteral("\\s")));
        if (hex.startsWith(QStringLiteral("0x"), Qt::CaseInsensitive))
            hex = hex.mid(2);
        static const QRegularExpression hexDigits(QStringLiteral("^([0-9a-fA-F]{2})*$"));
        if (!hexDigits.match(hex).hasMatch())
            return fail(error, QStringLiteral("hex needs pairs of the digits 0-9 and a-f"));
        *value = QByteArray::fromHex(hex.toLatin1());
        return true;
    }
    case BytesMode::Base64: {
        const QByteArray data = text.trimmed().toLatin1();
        auto decoded = QByteArray::fromBase64Encoding(data, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            decoded = QByteArray::fromBase64Encoding(
                data, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(error, QStringLiteral("not valid base64"));
        *value = *decoded;
        return true;
    }
    }
    return false;
}

QString formatDouble(double value)
{
    return shortest(value);
}

QString formatFloat(float value)
{
    return shortest(value);
}

QString formatBytes(const QByteArray &value, BytesMode mode)
{
    switch (mode) {
    case BytesMode::Text:
        return QString::fromUtf8(value);
    case BytesMode::Hex:
        return QString::fromLatin1(value.toHex(' '));
    case BytesMode::Base64:
        return QString::fromLatin1(value.toBase64());
    }
    return {};
}

bool isReadableText(const QByteArray &value)
{
    for (const char c : value) {
        if (uchar(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(value);
    return !decoder.hasError();
}

QString bytesModeName(BytesMode mode)
{
    switch (mode) {
    case BytesMode::Text:
        return QStringLiteral("Text");
    case BytesMode::Hex:
        return QStringLiteral("Hex");
    case BytesMode::Base64:
        return QStringLiteral("Base64");
    }
    return {};
}

QString check(ValueKind kind, const QString &text, BytesMode mode)
{
    QString error;
    qint64 s = 0;
    quint64 u = 0;
    double d = 0;
    float f = 0;
    bool b = false;
    QByteArray bytes;
    switch (kind) {
    case ValueKind::Int32:
        parseSigned(text, std::numeric_limits<qint32>::min(), std::numeric_limits<qint32>::max(), &s, &error);
        return error;
    case ValueKind::Int64:
        parseSigned(text, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), &s, &error);
        return error;
    case ValueKind::UInt32:
        parseUnsigned(text, std::numeric_limits<quint32>::max(), &u, &error);
        return error;
    case ValueKind::UInt64:
        parseUnsigned(text, std::numeric_limits<quint64>::max(), &u, &error);
        return error;
    case ValueKind::Double:
        parseDouble(text, &d, &error);
        return error;
    case ValueKind::Float:
        parseFloat(text, &f, &error);
        return error;
    case ValueKind::Bool:
        parseBool(text, &b, &error);
        return error;
    case ValueKind::Bytes:
        parseBytes(text, mode, &bytes, &error);
        return error;
    case ValueKind::Timestamp: {
        static const QRegularExpression rfc3339(
            QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+"
                           "-][0-9]{2}:[0-9]{2})$"));
        return checkWithRegex(
            text, rfc3339, QStringLiteral("an RFC 3339 time is required, e.g. 2024-05-01T12:00:00Z"));
    }
    case ValueKind::Duration: {
        static const QRegularExpression seconds(QStringLiteral("^-?[0-9]+(\\.[0-9]{1,9})?s$"));
        return checkWithRegex(text, seconds, QStringLiteral("a duration in seconds is required, e.g. 1.5s"));
    }
    case ValueKind::FieldMask: {
        static const QRegularExpression paths(
            QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*(,[A-Za-z_][A-Za-z0-9_]*(\\.["
                           "A-Za-z_][A-Za-z0-9_]*)*)*)?$"));
        return checkWithRegex(
            text, paths, QStringLiteral("comma-separated field paths are required, e.g. name,address.city"));
    }
    case ValueKind::None:
    case ValueKind::String:
    case ValueKind::Enum:
    case ValueKind::Message:
    case ValueKind::Json:
        break;
    }
    return {};
}

} // namespace wirescope::FieldValueText
