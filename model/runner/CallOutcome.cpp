#include "model/runner/CallOutcome.h"

#include <QStringList>

namespace wirescope {

bool CallOutcome::metadataValue(const Metadata &metadata, const QString &key, QString *value)
{
    // Keys arrive lower-case from the wire, while a request file may say "X-Peer".
    QStringList values;
    for (const MetadataPair &pair : metadata) {
        const QString name = QString::fromLatin1(pair.first);
        if (name.compare(key, Qt::CaseInsensitive) != 0)
            continue;
        values.append(name.endsWith(QLatin1String("-bin"), Qt::CaseInsensitive)
                ? QString::fromLatin1(pair.second.toBase64())
                : QString::fromUtf8(pair.second));
    }
    *value = values.join(QStringLiteral(", "));
    return !values.isEmpty();
}

QString CallOutcome::elapsedText() const
{
    const int decimals = elapsedMs < 1 ? 2 : elapsedMs < 10 ? 1 : 0;
    return QStringLiteral("%1 ms").arg(elapsedMs, 0, 'f', decimals);
}

} // namespace wirescope
