#include "model/mock/ResponseTemplate.h"

#include "model/json/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

namespace wirescope {

namespace {

// {{request}}, {{request.a.b}}, {{ request.items[0] }}: group 1 is the path after "request",
// empty for the whole request. Other {{names}} are collection variables, not ours.
const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(\{\{\s*request((?:[.\[][^}]*?)?)\s*\}\})"));
    return pattern;
}

QString pathText(const QRegularExpressionMatch &match)
{
    return u'$' + match.captured(1);
}

// What the placeholder stands for; nothing when the path is not one or finds nothing.
std::optional<QJsonValue> lookUp(const QString &path, const QJsonValue &request)
{
    JsonPath parsed;
    QString error;
    if (!JsonPath::parse(path, &parsed, &error) || parsed.isError())
        return std::nullopt;
    return parsed.evaluate(request);
}

QJsonValue renderString(const QString &text, const QJsonValue &request)
{
    const QRegularExpression &pattern = placeholderPattern();
    const QRegularExpressionMatch whole = pattern.match(text);
    if (whole.hasMatch() && whole.capturedStart() == 0 && whole.capturedLength() == text.size())
        return lookUp(pathText(whole), request).value_or(QJsonValue(QString()));
    QString result;
    qsizetype from = 0;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        result += text.mid(from, match.capturedStart() - from);
        if (const std::optional<QJsonValue> value = lookUp(pathText(match), request))
            result += ResponseTemplate::text(*value);
        from = match.capturedEnd();
    }
    if (from == 0)
        return text;
    return QString(result + text.mid(from));
}

void collect(const QJsonValue &value, QStringList *paths)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            collect(it.value(), paths);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue element : array)
            collect(element, paths);
    } else if (value.isString()) {
        for (auto it = placeholderPattern().globalMatch(value.toString()); it.hasNext();) {
            const QString path = pathText(it.next());
            if (!paths->contains(path))
                paths->append(path);
        }
    }
}

} // namespace

namespace ResponseTemplate {

QJsonValue render(const QJsonValue &body, const QJsonValue &request)
{
    if (body.isObject()) {
        QJsonObject object = body.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = render(it.value(), request);
        return object;
    }
    if (body.isArray()) {
        QJsonArray array = body.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array.replace(i, render(array.at(i), request));
        return array;
    }
    if (body.isString())
        return renderString(body.toString(), request);
    return body;
}

QStringList placeholders(const QJsonValue &body)
{
    QStringList paths;
    collect(body, &paths);
    return paths;
}

QString text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

} // namespace ResponseTemplate

} // namespace wirescope
