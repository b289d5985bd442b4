#pragma once

#include <QString>

namespace wirescope {

// The protobuf wire format's primitives: varints, ZigZag, little-endian fixed values and
// UTF-8 validation. Bounds-checked readers over raw bytes; nothing here allocates.
namespace WireFormat {

constexpr int kMaxVarintBytes = 10;
constexpr quint64 kMaxFieldNumber = (quint64(1) << 29) - 1;

struct Varint {
    enum class Status : quint8 { Ok, Truncated, TooLong };

    quint64 value = 0;
    int length = 0; // bytes read; on Truncated, how many were there
    Status status = Status::Ok;
};

// Reads a varint at data[pos] without reading at or beyond `end`. TooLong: a 10th byte
// above 1 (the value would not fit 64 bits) or an 11th byte.
Varint readVarint(const char *data, qint64 pos, qint64 end);
int varintSize(quint64 value);

quint32 readLittleEndian32(const char *data);
quint64 readLittleEndian64(const char *data);
quint32 readBigEndian32(const char *data);

qint32 zigZagDecode32(quint32 value);
qint64 zigZagDecode64(quint64 value);
float bitsToFloat(quint32 bits);
double bitsToDouble(quint64 bits);

bool isValidUtf8(const char *data, qint64 size);
// Valid UTF-8 without control characters other than tab, newline and carriage return.
bool isPrintableUtf8(const char *data, qint64 size);

// "VARINT", "I64", "LEN", "SGROUP", "EGROUP", "I32", or "invalid (6)".
QString wireTypeName(int wireType);

} // namespace WireFormat

} // namespace wirescope
