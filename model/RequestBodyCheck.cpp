#include "model/RequestBodyCheck.h"

#include "model/JsonStream.h"

namespace wirescope {

namespace {

// The 0-based line and column where byte `offset` of `text` is.
void positionOf(const QByteArray &text, qsizetype offset, int *line, int *column)
{
    const QByteArray before = text.left(offset);
    *line = int(before.count('\n'));
    *column = int(offset - (before.lastIndexOf('\n') + 1));
}

} // namespace

RequestBodyCheck RequestBodyCheck::run(const MethodRef &method, const QString &text, const QString &wireText)
{
    if (clientStreams(method.kind())) {
        const QList<QByteArray> values = JsonStream::split(text.toUtf8());
        if (values.size() > 1)
            return runSequence(method, text, wireText, values);
    }
    RequestBodyCheck check;
    check.wireText = wireText;
    check.typedDiffers = wireText != text;
    const QByteArray typed = text.toUtf8();
    check.ok
        = method.encodeRequest(check.typedDiffers ? wireText.toUtf8() : typed, &check.binary, &check.error);
    if (!check.typedDiffers) {
        check.typedOk = check.ok;
        check.typedBinary = check.binary;
        check.typedError = check.error;
    } else {
        check.typedOk = method.encodeRequest(typed, &check.typedBinary, &check.typedError);
    }
    if (!check.typedOk)
        check.where = JsonErrorLocation::locate(typed, check.typedError);
    return check;
}

// Each message on its own; the first that does not encode is the error, marked where it is
// in the whole text and named by its place in the stream.
RequestBodyCheck RequestBodyCheck::runSequence(const MethodRef &method, const QString &text,
    const QString &wireText, const QList<QByteArray> &typedValues)
{
    RequestBodyCheck check;
    check.wireText = wireText;
    check.typedDiffers = wireText != text;
    const QByteArray typed = text.toUtf8();
    const QList<QByteArray> wireValues
        = check.typedDiffers ? JsonStream::split(wireText.toUtf8()) : typedValues;
    qsizetype offset = 0;
    check.ok = check.typedOk = true;
    for (int i = 0; i < typedValues.size(); ++i) {
        const QByteArray &value = typedValues.at(i);
        const qsizetype at = typed.indexOf(value, offset);
        offset = at < 0 ? offset : at + value.size();
        check.typedMessages.append(QString::fromUtf8(value));
        QByteArray typedBinary;
        JsonError typedError;
        const bool typedOk = method.encodeRequest(value, &typedBinary, &typedError);
        QByteArray binary = typedBinary;
        JsonError error = typedError;
        bool ok = typedOk;
        if (check.typedDiffers) {
            ok = i < wireValues.size() && wireValues.size() == typedValues.size()
                && method.encodeRequest(wireValues.at(i), &binary, &error);
            if (!ok && error.message.isEmpty())
                error.message = QStringLiteral("a variable's value changes where one message ends");
        }
        if (i == 0) {
            check.binary = binary;
            check.typedBinary = typedBinary;
        }
        check.messages.append(binary);
        if (!typedOk && check.typedOk) {
            check.typedOk = false;
            typedError.message = QStringLiteral("message %1: %2").arg(i + 1).arg(typedError.message);
            check.typedError = typedError;
            JsonErrorLocation where = JsonErrorLocation::locate(value, typedError);
            int line = 0;
            int column = 0;
            positionOf(typed, at < 0 ? 0 : at, &line, &column);
            if (where.line >= 0) {
                where.column += where.line == 0 ? column : 0;
                where.line += line;
            } else {
                where = {line, column, int(value.size())};
            }
            check.where = where;
        }
        if (!ok && check.ok) {
            check.ok = false;
            error.message = QStringLiteral("message %1: %2").arg(i + 1).arg(error.message);
            check.error = error;
        }
    }
    if (!check.ok)
        check.messages.clear();
    return check;
}

} // namespace wirescope
