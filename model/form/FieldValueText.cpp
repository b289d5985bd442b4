#include "model/form/FieldValueText.h"

#include "model/json/BytesText.h"

#include <QDate>
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

constexpr qint64 NanosPerSecond = 1000000000;
constexpr qint64 SecondsPerDay = 86400;
constexpr qint64 UnixEpochJulianDay = 2440588;
constexpr qint64 MinTimestamp = -62135596800; // 0001-01-01T00:00:00Z
constexpr qint64 MaxTimestamp = 253402300799; // 9999-12-31T23:59:59Z
constexpr qint64 MaxDuration = 315576000000; // about 10,000 years, the type's limit

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// The fraction as the JSON mapping prints it: none, or 3, 6 or 9 digits.
QString fractionText(int nanos)
{
    if (nanos == 0)
        return {};
    if (nanos % 1000000 == 0)
        return QStringLiteral(".%1").arg(nanos / 1000000, 3, 10, QLatin1Char('0'));
    if (nanos % 1000 == 0)
        return QStringLiteral(".%1").arg(nanos / 1000, 6, 10, QLatin1Char('0'));
    return QStringLiteral(".%1").arg(nanos, 9, 10, QLatin1Char('0'));
}

int fractionNanos(const QString &digits)
{
    return digits.isEmpty() ? 0 : digits.leftJustified(9, u'0').toInt();
}

QString checkTimeFields(int hour, int minute, int second)
{
    if (hour > 23)
        return QStringLiteral("hour %1 is out of range (00 to 23)").arg(hour);
    if (minute > 59)
        return QStringLiteral("minute %1 is out of range (00 to 59)").arg(minute);
    if (second == 60)
        return QStringLiteral("leap seconds (:60) cannot be stored in a Timestamp");
    if (second > 59)
        return QStringLiteral("second %1 is out of range (00 to 59)").arg(second);
    return {};
}

// One term of a duration with units, e.g. "1.5" "h": adds it to seconds and nanoseconds.
bool addDurationTerm(
    const QString &number, const QString &unit, qint64 *seconds, qint64 *nanos, QString *error)
{
    const qsizetype dot = number.indexOf(u'.');
    const QString whole = dot < 0 ? number : number.left(dot);
    const QString fraction = dot < 0 ? QString() : number.mid(dot + 1);
    if (whole.size() > 12)
        return fail(error, QStringLiteral("%1%2 is out of range for a duration").arg(number, unit));
    if (fraction.size() > 9)
        return fail(error, QStringLiteral("%1%2 has more than 9 decimal places").arg(number, unit));
    qint64 unitSeconds = 0; // the unit as seconds plus nanoseconds, so nothing overflows
    qint64 unitNanos = 0;
    if (unit == u"h")
        unitSeconds = 3600;
    else if (unit == u"m")
        unitSeconds = 60;
    else if (unit == u"s")
        unitSeconds = 1;
    else if (unit == u"ms")
        unitNanos = 1000000;
    else if (unit == u"us" || unit == u"\u00b5s")
        unitNanos = 1000;
    else
        unitNanos = 1;
    const qint64 w = whole.isEmpty() ? 0 : whole.toLongLong();
    const qint64 f = fraction.isEmpty() ? 0 : fraction.toLongLong();
    qint64 scale = 1;
    for (qsizetype i = 0; i < fraction.size(); ++i)
        scale *= 10;
    *seconds += w * unitSeconds + (f * unitSeconds) / scale;
    *nanos += w * unitNanos + ((f * unitSeconds) % scale) * (NanosPerSecond / scale);
    if ((f * unitNanos) % scale != 0)
        return fail(error, QStringLiteral("%1%2 is not a whole number of nanoseconds").arg(number, unit));
    *nanos += (f * unitNanos) / scale;
    *seconds += *nanos / NanosPerSecond;
    *nanos %= NanosPerSecond;
    return true;
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
    case BytesMode::Hex:
        return BytesText::parseHex(text, value, error);
    case BytesMode::Base64:
        return BytesText::parseBase64(text, value, error);
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

bool parseTimestamp(const QString &text, qint64 *seconds, int *nanos, QString *error)
{
    static const QRegularExpression shape(
        QStringLiteral("^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})"
                       "(?:\\.([0-9]+))?(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))$"));
    const QRegularExpressionMatch m = shape.match(text.trimmed());
    if (!m.hasMatch())
        return fail(error, QStringLiteral("an RFC 3339 time is required, e.g. 2024-05-01T12:00:00Z"));
    const auto number = [&m](int group) { return m.captured(group).toInt(); };
    if (m.captured(7).size() > 9)
        return fail(error, QStringLiteral("at most 9 decimal places: a Timestamp counts nanoseconds"));
    const int year = number(1);
    const int month = number(2);
    if (year == 0)
        return fail(error, QStringLiteral("year 0000 is out of range (0001 to 9999)"));
    if (month < 1 || month > 12)
        return fail(error, QStringLiteral("month %1 does not exist").arg(m.captured(2)));
    const QDate date(year, month, number(3));
    if (!date.isValid())
        return fail(
            error, QStringLiteral("%1-%2 has no day %3").arg(m.captured(1), m.captured(2), m.captured(3)));
    if (const QString why = checkTimeFields(number(4), number(5), number(6)); !why.isEmpty())
        return fail(error, why);
    qint64 offset = 0;
    if (m.captured(8).isEmpty()) {
        if (number(10) > 23 || number(11) > 59)
            return fail(error,
                QStringLiteral("the offset %1%2:%3 is out of range")
                    .arg(m.captured(9), m.captured(10), m.captured(11)));
        offset = (number(10) * 3600 + number(11) * 60) * (m.captured(9) == u"-" ? -1 : 1);
    }
    const qint64 value = (date.toJulianDay() - UnixEpochJulianDay) * SecondsPerDay + number(4) * 3600
        + number(5) * 60 + number(6) - offset;
    if (value < MinTimestamp || value > MaxTimestamp)
        return fail(error,
            QStringLiteral("out of range: a Timestamp is 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z"));
    *seconds = value;
    *nanos = fractionNanos(m.captured(7));
    return true;
}

QString formatTimestamp(qint64 seconds, int nanos)
{
    const qint64 days = floorDiv(seconds, SecondsPerDay);
    const qint64 inDay = seconds - days * SecondsPerDay;
    const QDate date = QDate::fromJulianDay(days + UnixEpochJulianDay);
    return QStringLiteral("%1-%2-%3T%4:%5:%6%7Z")
        .arg(date.year(), 4, 10, QLatin1Char('0'))
        .arg(date.month(), 2, 10, QLatin1Char('0'))
        .arg(date.day(), 2, 10, QLatin1Char('0'))
        .arg(inDay / 3600, 2, 10, QLatin1Char('0'))
        .arg(inDay / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(inDay % 60, 2, 10, QLatin1Char('0'))
        .arg(fractionText(nanos));
}

bool parseDuration(const QString &text, qint64 *seconds, int *nanos, QString *error)
{
    static const QRegularExpression shape(
        QStringLiteral("^([+-]?)((?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:ms|us|\u00b5s|ns|h|m|s))+)$"));
    static const QRegularExpression term(
        QStringLiteral("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ms|us|\u00b5s|ns|h|m|s)"));
    QString trimmed = text.trimmed();
    trimmed.remove(u' ');
    const QRegularExpressionMatch m = shape.match(trimmed);
    if (!m.hasMatch())
        return fail(error, QStringLiteral("a duration is required, e.g. 1.5s, 90s or 1h30m"));
    qint64 total = 0;
    qint64 fraction = 0;
    for (auto it = term.globalMatch(m.captured(2)); it.hasNext();) {
        const QRegularExpressionMatch part = it.next();
        if (!addDurationTerm(part.captured(1), part.captured(2), &total, &fraction, error))
            return false;
        if (total > MaxDuration)
            break;
    }
    if (total > MaxDuration || (total == MaxDuration && fraction > 0))
        return fail(error,
            QStringLiteral("out of range: a Duration is at most %1s (about 10,000 years)").arg(MaxDuration));
    const int sign = m.captured(1) == u"-" ? -1 : 1;
    *seconds = sign * total;
    *nanos = int(sign * fraction);
    return true;
}

QString formatDuration(qint64 seconds, int nanos)
{
    const bool negative = seconds < 0 || nanos < 0;
    return QStringLiteral("%1%2%3s")
        .arg(negative ? QStringLiteral("-") : QString())
        .arg(negative ? -seconds : seconds)
        .arg(fractionText(negative ? -nanos : nanos));
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
        int nanos = 0;
        parseTimestamp(text, &s, &nanos, &error);
        return error;
    }
    case ValueKind::Duration: {
        int nanos = 0;
        parseDuration(text, &s, &nanos, &error);
        return error;
    }
    case ValueKind::FieldMask: {
        // Spaces after the commas are forgiven; the path is what has to be right.
        static const QRegularExpression path(
            QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"));
        const QString trimmed = text.trimmed();
        for (const QString &part : trimmed.split(u',')) {
            if (!trimmed.isEmpty() && !path.match(part.trimmed()).hasMatch())
                return QStringLiteral("\"%1\" is not a field path: comma-separated paths are required, e.g. "
                                      "name,address.city")
                    .arg(part.trimmed());
        }
        return {};
    }
    case ValueKind::None:
    case ValueKind::String:
    case ValueKind::Enum:
    case ValueKind::Message:
    case ValueKind::Json:
    case ValueKind::Any:
        break;
    }
    return {};
}

} // namespace wirescope::FieldValueText
