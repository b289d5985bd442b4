#include "model/core/Diagnostic.h"

#include <algorithm>

namespace wirescope {

QString Diagnostic::toString() const
{
    QString where = file;
    if (line > 0) {
        where += u':' + QString::number(line);
        if (column > 0)
            where += u':' + QString::number(column);
    }
    const QString prefix = severity == Severity::Warning ? QStringLiteral("warning: ") : QString();
    if (where.isEmpty())
        return prefix + message;
    return where + QStringLiteral(": ") + prefix + message;
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(
        diagnostics.cbegin(), diagnostics.cend(), [](const Diagnostic &d) { return d.isError(); });
}

QString joinDiagnostics(const Diagnostics &diagnostics)
{
    QStringList lines;
    lines.reserve(diagnostics.size());
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(u'\n');
}

} // namespace wirescope
