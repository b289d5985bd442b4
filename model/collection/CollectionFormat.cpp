#include "model/collection/CollectionFormat.h"

#include <QDir>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace wirescope {

namespace CollectionFormat {

QByteArray toBytes(QJsonObject object)
{
    object.insert(QStringLiteral("formatVersion"), Version);
    QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Indented);
    // Qt spreads empty arrays and objects over two lines. A newline never occurs inside a
    // JSON string (it is escaped there), so this only touches structure.
    static const QRegularExpression emptyContainer(QStringLiteral(R"(([\[{])\n *([\]}]))"));
    return QString::fromUtf8(bytes).replace(emptyContainer, QStringLiteral("\\1\\2")).toUtf8();
}

QString describeJsonError(const QByteArray &bytes, const QString &fileName, const QJsonParseError &error)
{
    // file:line:column, as compilers say it, so editors and terminals can jump there.
    const QByteArray before = bytes.left(error.offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    return QStringLiteral("%1:%2:%3: not valid JSON: %4")
        .arg(QDir::toNativeSeparators(fileName))
        .arg(before.count('\n') + 1)
        .arg(QString::fromUtf8(before.mid(lineStart)).size() + 1)
        .arg(error.errorString());
}

bool parse(const QByteArray &bytes, const QString &fileName, QJsonObject *object, QString *error)
{
    const QString file = QDir::toNativeSeparators(fileName);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = describeJsonError(bytes, fileName, parseError);
        return false;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("%1: expected a JSON object").arg(file);
        return false;
    }
    *object = document.object();
    const QJsonValue version = object->value(QStringLiteral("formatVersion"));
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != version.toInt()) {
        *error = QStringLiteral("%1: not a Wirescope file (no valid \"formatVersion\")").arg(file);
        return false;
    }
    if (version.toInt() > Version) {
        *error = QStringLiteral(
            "%1: written by a newer Wirescope (format version %2; this version reads up to %3)")
                     .arg(file)
                     .arg(version.toInt())
                     .arg(Version);
        return false;
    }
    return true;
}

} // namespace CollectionFormat

JsonFields::JsonFields(const QJsonObject &object, const QString &context)
    : m_object(object)
    , m_context(context)
{
}

bool JsonFields::typeIs(const QString &key, QJsonValue::Type type, const char *expected)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return false;
    if (value.type() == type)
        return true;
    fail(QStringLiteral("\"%1\" should be %2").arg(key, QLatin1String(expected)));
    return false;
}

void JsonFields::fail(const QString &message)
{
    if (!m_error.isEmpty())
        return;
    m_error = m_context.isEmpty() ? message : m_context + QStringLiteral(": ") + message;
}

QString JsonFields::string(const QString &key)
{
    return typeIs(key, QJsonValue::String, "a string") ? m_object.value(key).toString() : QString();
}

QStringList JsonFields::strings(const QString &key)
{
    QStringList result;
    const QJsonArray values = array(key);
    for (const QJsonValue &value : values) {
        if (!value.isString()) {
            fail(QStringLiteral("\"%1\" should hold only strings").arg(key));
            return {};
        }
        result.append(value.toString());
    }
    return result;
}

int JsonFields::integer(const QString &key, int fallback)
{
    if (!typeIs(key, QJsonValue::Double, "a number"))
        return fallback;
    const double value = m_object.value(key).toDouble();
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()
        || value != std::trunc(value)) {
        fail(QStringLiteral("\"%1\" should be a whole number").arg(key));
        return fallback;
    }
    return int(value);
}

bool JsonFields::boolean(const QString &key, bool fallback)
{
    return typeIs(key, QJsonValue::Bool, "true or false") ? m_object.value(key).toBool() : fallback;
}

QJsonObject JsonFields::object(const QString &key)
{
    return typeIs(key, QJsonValue::Object, "an object") ? m_object.value(key).toObject() : QJsonObject();
}

QJsonArray JsonFields::array(const QString &key)
{
    return typeIs(key, QJsonValue::Array, "an array") ? m_object.value(key).toArray() : QJsonArray();
}

} // namespace wirescope
