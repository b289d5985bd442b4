#pragma once

#include <QByteArray>
#include <QString>

namespace wirescope {

// Which editor a field's value needs, as a plain value the views can switch on without
// looking at descriptors. Timestamp, Duration and FieldMask are edited as their JSON text;
// Json covers Struct, Value and ListValue (inline JSON); Any is a type picked from the
// schema with the packed message as a nested form.
enum class ValueKind : quint8 {
    None,
    Int32,
    Int64,
    UInt32,
    UInt64,
    Float,
    Double,
    Bool,
    String,
    Bytes,
    Enum,
    Message,
    Timestamp,
    Duration,
    FieldMask,
    Json,
    Any,
};

// How a bytes value is shown and typed.
enum class BytesMode : quint8 { Text, Hex, Base64 };

// Text <-> value conversion for the scalar kinds, with the ranges and spellings of the
// proto3 JSON mapping (int64 in full, NaN and ±Infinity for floating point). Every parser
// returns false and says why in *error when the text does not fit.
namespace FieldValueText {

// A check the editors can run on every keystroke: an empty string when `text` is a valid
// value of `kind`. Kinds whose check needs the schema (Enum, Json) accept any text here.
QString check(ValueKind kind, const QString &text, BytesMode mode = BytesMode::Text);

bool parseSigned(const QString &text, qint64 min, qint64 max, qint64 *value, QString *error);
bool parseUnsigned(const QString &text, quint64 max, quint64 *value, QString *error);
bool parseDouble(const QString &text, double *value, QString *error);
bool parseFloat(const QString &text, float *value, QString *error);
bool parseBool(const QString &text, bool *value, QString *error);
bool parseBytes(const QString &text, BytesMode mode, QByteArray *value, QString *error);

// Shortest text that reads back as the same value; NaN and infinities as JSON spells them.
QString formatDouble(double value);
QString formatFloat(float value);
QString formatBytes(const QByteArray &value, BytesMode mode);
// True when the bytes are UTF-8 a person can read (no control characters but \t \n \r).
bool isReadableText(const QByteArray &value);

QString bytesModeName(BytesMode mode);

// google.protobuf.Timestamp as RFC 3339 text: any offset is read ("+01:00", "Z", "z", and
// a space for the "T"), the result is seconds since 1970 in UTC and the nanoseconds. The
// error says what is wrong: the shape, a month or day that does not exist, the range.
bool parseTimestamp(const QString &text, qint64 *seconds, int *nanos, QString *error);
// The JSON mapping's spelling: UTC with "Z", fractions of 0, 3, 6 or 9 digits.
QString formatTimestamp(qint64 seconds, int nanos);
// google.protobuf.Duration: "1.5s" as the JSON mapping writes it, or with units as people
// type them ("1h30m", "250ms", "-2m3.5s", units h, m, s, ms, us, ns).
bool parseDuration(const QString &text, qint64 *seconds, int *nanos, QString *error);
QString formatDuration(qint64 seconds, int nanos); // "-1.500s"

} // namespace FieldValueText

} // namespace wirescope
