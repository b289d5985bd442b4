#include "model/JsonErrorLocation.h"

#include <QRegularExpression>

namespace wirescope {

namespace {

QString lastFieldName(const QString &path)
{
    QString field = path.section(u'.', -1);
    const qsizetype bracket = field.indexOf(u'[');
    if (bracket >= 0)
        field.truncate(bracket);
    return field;
}

} // namespace

JsonErrorLocation JsonErrorLocation::locate(const QByteArray &json, const JsonError &error)
{
    JsonErrorLocation location;
    if (error.line > 0) {
        location.line = error.line - 1;
        location.column = qMax(0, error.column - 1);
        return location;
    }
    const QString field = lastFieldName(error.path);
    const QString text = QString::fromUtf8(json);
    if (field.isEmpty()) {
        location.line = -1;
        return location;
    }
    const QRegularExpression key(u'"' + QRegularExpression::escape(field) + QStringLiteral("\"\\s*:"));
    const QRegularExpressionMatch match = key.match(text);
    if (!match.hasMatch()) {
        location.line = -1;
        return location;
    }
    const qsizetype offset = match.capturedStart();
    const qsizetype lineStart = text.lastIndexOf(u'\n', offset - 1) + 1;
    location.line = int(text.left(offset).count(u'\n'));
    location.column = int(offset - lineStart);
    location.length = int(field.size()) + 2;
    return location;
}

} // namespace wirescope
