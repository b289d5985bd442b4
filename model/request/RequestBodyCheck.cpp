#include "model/request/RequestBodyCheck.h"

#include "model/json/JsonStream.h"

namespace wirescope {

namespace {

// The 0-based line and column where byte `offset` of `text` is.
void positionOf(const QByteArray &text, qsizetype offset, int *line, int *column)
{
    const QByteArray before = text.left(offset);
    *line = int(before.count('\n'));
    *column = int(offset - (before.lastIndexOf('\n') + 1));
}

// `first`, then the errors that encoding finds once each erroneous field is left out in
// turn: a document with three bad fields shows three marks, not one at a time.
QList<MarkedJsonError> everyError(
    const MethodRef &method, const QByteArray &json, const JsonError &first, int limit)
{
    QList<MarkedJsonError> errors {{first, JsonErrorLocation::locate(json, first)}};
    QByteArray rest = json;
    JsonError error = first;
    while (errors.size() < limit && error.line <= 0) {
        rest = JsonErrorLocation::withoutField(rest, error.path);
        QByteArray ignored;
        if (rest.isEmpty() || method.encodeRequest(rest, &ignored, &error))
            break;
        errors.append({error, JsonErrorLocation::locate(json, error)});
    }
    return errors;
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
    if (!check.typedOk) {
        check.typedErrors = everyError(method, typed, check.typedError, MaxMarkedErrors);
        check.where = check.typedErrors.first().where;
    }
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
        if (!typedOk) {
            // Each message's errors, marked in the whole text and named by the message's place.
            int line = 0;
            int column = 0;
            positionOf(typed, at < 0 ? 0 : at, &line, &column);
            const int room = MaxMarkedErrors - int(check.typedErrors.size());
            for (MarkedJsonError marked :
                room > 0 ? everyError(method, value, typedError, room) : QList<MarkedJsonError> {}) {
                marked.error.message = QStringLiteral("message %1: %2").arg(i + 1).arg(marked.error.message);
                if (marked.where.line >= 0) {
                    marked.where.column += marked.where.line == 0 ? column : 0;
                    marked.where.line += line;
                } else {
                    marked.where = {line, column, int(value.size())};
                }
                check.typedErrors.append(marked);
            }
            if (check.typedOk) {
                check.typedOk = false;
                check.typedError = check.typedErrors.first().error;
                check.where = check.typedErrors.first().where;
            }
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
