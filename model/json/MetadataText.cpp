#include "model/json/MetadataText.h"

namespace wirescope::MetadataText {

namespace {

bool isBinaryKey(const QByteArray &key)
{
    return key.endsWith("-bin");
}

} // namespace

bool validate(const MetadataPair &entry, QString *error)
{
    const QByteArray &key = entry.first;
    if (key.isEmpty()) {
        *error = QStringLiteral("metadata key is empty");
        return false;
    }
    for (const char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!ok) {
            *error = QStringLiteral("metadata key \"%1\" may only contain a-z, 0-9, '-', '_' and '.'")
                         .arg(QString::fromLatin1(key));
            return false;
        }
    }
    if (key.startsWith("grpc-")) {
        *error
            = QStringLiteral("metadata key \"%1\" is reserved for gRPC itself").arg(QString::fromLatin1(key));
        return false;
    }
    if (isBinaryKey(key))
        return true;
    for (const char c : entry.second) {
        if (c < 0x20 || c > 0x7e) {
            *error = QStringLiteral(
                "the value of \"%1\" must be printable ASCII; binary values need a key ending in -bin")
                         .arg(QString::fromLatin1(key));
            return false;
        }
    }
    return true;
}

bool parseLine(const QString &line, MetadataPair *entry, QString *error)
{
    const qsizetype colon = line.indexOf(u':');
    if (colon <= 0) {
        *error = QStringLiteral("metadata \"%1\" is not of the form \"key: value\"").arg(line);
        return false;
    }
    const QByteArray key = line.left(colon).trimmed().toLower().toLatin1();
    const QString value = line.mid(colon + 1).trimmed();
    QByteArray bytes = value.toUtf8();
    if (isBinaryKey(key)) {
        const auto decoded
            = QByteArray::fromBase64Encoding(value.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            *error = QStringLiteral("the value of \"%1\" must be base64 (keys ending in -bin carry bytes)")
                         .arg(QString::fromLatin1(key));
            return false;
        }
        bytes = *decoded;
    }
    *entry = {key, bytes};
    return validate(*entry, error);
}

QString displayValue(const MetadataPair &entry)
{
    return isBinaryKey(entry.first) ? QString::fromLatin1(entry.second.toBase64())
                                    : QString::fromUtf8(entry.second);
}

QString format(const Metadata &metadata)
{
    QStringList lines;
    for (const MetadataPair &entry : metadata)
        lines.append(QString::fromLatin1(entry.first) + QStringLiteral(": ") + displayValue(entry));
    return lines.join(u'\n');
}

} // namespace wirescope::MetadataText
