#pragma once

#include <QByteArray>
#include <QString>

namespace wirescope {

// Bytes as people type or paste them, read by one set of rules for the CLI (inspect --hex,
// --base64), the form's bytes fields and the wire inspector:
//   hex     "08 96 01", "08:96:01", "08,96,01", "0x08 0x96 0x01", "0x089601", "089601"
//   base64  standard or URL-safe, padded or not, whitespace and line breaks ignored
namespace BytesText {

bool parseHex(const QString &text, QByteArray *bytes, QString *error = nullptr);
bool parseBase64(const QString &text, QByteArray *bytes, QString *error = nullptr);
// Hex when the text reads as hex (an even number of hex digits), else base64: "AAEC" is
// two hex bytes, "AAE=" one base64 byte.
bool parseHexOrBase64(const QString &text, QByteArray *bytes, QString *error = nullptr);

} // namespace BytesText

} // namespace wirescope
