#include "model/json/BytesText.h"

#include <QRegularExpression>

namespace wirescope::BytesText {

namespace {

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

// The hex digits alone: "0x" prefixes and the separators people paste (spaces, line breaks,
// colons, commas) taken out. Empty when something else is in the text.
bool hexDigits(const QString &text, QByteArray *digits)
{
    QString clean = text.trimmed();
    static const QRegularExpression prefix(QStringLiteral("(^|[\\s,:])0[xX]"));
    clean.replace(prefix, QStringLiteral("\\1"));
    static const QRegularExpression separators(QStringLiteral("[\\s,:]"));
    clean.remove(separators);
    static const QRegularExpression onlyHex(QStringLiteral("^[0-9a-fA-F]*$"));
    if (!onlyHex.match(clean).hasMatch())
        return false;
    *digits = clean.toLatin1();
    return true;
}

} // namespace

bool parseHex(const QString &text, QByteArray *bytes, QString *error)
{
    QByteArray digits;
    if (!hexDigits(text, &digits))
        return fail(error, QStringLiteral("hex needs pairs of the digits 0-9 and a-f"));
    if (digits.size() % 2)
        return fail(error,
            QStringLiteral("hex needs pairs of the digits 0-9 and a-f (%1 digits is odd)")
                .arg(digits.size()));
    *bytes = QByteArray::fromHex(digits);
    return true;
}

bool parseBase64(const QString &text, QByteArray *bytes, QString *error)
{
    QString clean = text;
    static const QRegularExpression space(QStringLiteral("\\s"));
    clean.remove(space);
    const QByteArray input = clean.toLatin1();
    for (auto encoding : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
        auto decoded
            = QByteArray::fromBase64Encoding(input, encoding | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded) {
            *bytes = std::move(*decoded);
            return true;
        }
    }
    return fail(error, QStringLiteral("not valid base64"));
}

bool parseHexOrBase64(const QString &text, QByteArray *bytes, QString *error)
{
    QByteArray digits;
    if (hexDigits(text, &digits) && digits.size() % 2 == 0) {
        *bytes = QByteArray::fromHex(digits);
        return true;
    }
    if (parseBase64(text, bytes))
        return true;
    return fail(error, QStringLiteral("neither hex (pairs of 0-9 and a-f) nor base64"));
}

} // namespace wirescope::BytesText
