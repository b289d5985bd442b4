#include "model/wire/WireFormat.h"

#include <bit>
#include <cstring>

namespace wirescope::WireFormat {

Varint readVarint(const char *data, qint64 pos, qint64 end)
{
    Varint varint;
    int shift = 0;
    while (pos < end) {
        const auto byte = quint8(data[pos++]);
        ++varint.length;
        if (varint.length == kMaxVarintBytes && byte > 1) {
            // Bit 63 is the only one a 10th byte may carry; more cannot be a 64-bit value.
            varint.status = Varint::Status::TooLong;
            return varint;
        }
        varint.value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return varint;
        shift += 7;
    }
    varint.status = Varint::Status::Truncated;
    return varint;
}

int varintSize(quint64 value)
{
    int size = 1;
    while (value >= 0x80) {
        value >>= 7;
        ++size;
    }
    return size;
}

quint32 readLittleEndian32(const char *data)
{
    quint32 value = 0;
    for (int i = 3; i >= 0; --i)
        value = (value << 8) | quint8(data[i]);
    return value;
}

quint64 readLittleEndian64(const char *data)
{
    quint64 value = 0;
    for (int i = 7; i >= 0; --i)
        value = (value << 8) | quint8(data[i]);
    return value;
}

quint32 readBigEndian32(const char *data)
{
    quint32 value = 0;
    for (int i = 0; i < 4; ++i)
        value = (value << 8) | quint8(data[i]);
    return value;
}

qint32 zigZagDecode32(quint32 value)
{
    return qint32((value >> 1) ^ (~(value & 1) + 1));
}

qint64 zigZagDecode64(quint64 value)
{
    return qint64((value >> 1) ^ (~(value & 1) + 1));
}

float bitsToFloat(quint32 bits)
{
    return std::bit_cast<float>(bits);
}

double bitsToDouble(quint64 bits)
{
    return std::bit_cast<double>(bits);
}

namespace {

// Decodes one UTF-8 sequence at data[i]; returns its length, 0 when invalid.
int utf8Sequence(const quint8 *data, qint64 i, qint64 size, char32_t *codePoint)
{
    const quint8 lead = data[i];
    if (lead < 0x80) {
        *codePoint = lead;
        return 1;
    }
    int length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xe0) == 0xc0) {
        length = 2;
        value = lead & 0x1f;
        minimum = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3;
        value = lead & 0x0f;
        minimum = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4;
        value = lead & 0x07;
        minimum = 0x10000;
    } else
        return 0;
    if (i + length > size)
        return 0;
    for (int k = 1; k < length; ++k) {
        if ((data[i + k] & 0xc0) != 0x80)
            return 0;
        value = (value << 6) | (data[i + k] & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if (value < minimum || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        return 0;
    *codePoint = value;
    return length;
}

bool scanUtf8(const char *data, qint64 size, bool printableOnly)
{
    const auto *bytes = reinterpret_cast<const quint8 *>(data);
    for (qint64 i = 0; i < size;) {
        char32_t codePoint = 0;
        const int length = utf8Sequence(bytes, i, size, &codePoint);
        if (length == 0)
            return false;
        if (printableOnly && (codePoint < 0x20 || codePoint == 0x7f) && codePoint != u'\t'
            && codePoint != u'\n' && codePoint != u'\r')
            return false;
        i += length;
    }
    return true;
}

} // namespace

bool isValidUtf8(const char *data, qint64 size)
{
    return scanUtf8(data, size, false);
}

bool isPrintableUtf8(const char *data, qint64 size)
{
    return scanUtf8(data, size, true);
}

QString wireTypeName(int wireType)
{
    switch (wireType) {
    case 0:
        return QStringLiteral("VARINT");
    case 1:
        return QStringLiteral("I64");
    case 2:
        return QStringLiteral("LEN");
    case 3:
        return QStringLiteral("SGROUP");
    case 4:
        return QStringLiteral("EGROUP");
    case 5:
        return QStringLiteral("I32");
    default:
        return QStringLiteral("invalid (%1)").arg(wireType);
    }
}

} // namespace wirescope::WireFormat
