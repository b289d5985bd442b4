#include "model/json/JsonErrorLocation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

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

// The line and column (0-based) of a character offset in the text.
JsonErrorLocation at(const QString &text, qsizetype offset, int length)
{
    JsonErrorLocation location;
    location.line = int(text.left(offset).count(u'\n'));
    location.column = int(offset - (text.lastIndexOf(u'\n', offset - 1) + 1));
    location.length = length;
    return location;
}

// A field is written by its JSON name (fInt32) or its proto name (f_int32), and protobuf's
// errors name it either way: both spellings are the same field.
bool sameField(const QString &key, const QString &name)
{
    if (key == name)
        return true;
    QString a = key;
    QString b = name;
    return a.remove(u'_').compare(b.remove(u'_'), Qt::CaseInsensitive) == 0;
}

// One step of an error's path: a field name, or an element's index ("inners[1].label").
struct Step {
    QString name;
    int index = -1;
};

QList<Step> parsePath(const QString &path)
{
    QList<Step> steps;
    static const QRegularExpression part(
        QStringLiteral("([^.\\[\\]]+)|\\[(\\d+)\\]|\\[\"?([^\\]\"]*)\"?\\]"));
    for (auto it = part.globalMatch(path); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (!m.captured(1).isEmpty())
            steps.append({m.captured(1), -1});
        else if (!m.captured(2).isEmpty())
            steps.append({QString(), m.captured(2).toInt()});
        else
            steps.append({m.captured(3), -1}); // a map key
    }
    return steps;
}

// Walks JSON text along a path to where its last step is written: the key of a field, or
// the start of an element. A small scanner, not a parser: the text already parsed once.
class PathWalker {
public:
    explicit PathWalker(const QString &text)
        : m_text(text)
    {
    }

    // The offset and length of what the path names, or -1.
    qsizetype find(const QList<Step> &steps, int *length)
    {
        m_pos = 0;
        return walk(steps, 0, length);
    }

private:
    qsizetype walk(const QList<Step> &steps, int at, int *length)
    {
        skipSpace();
        if (m_pos >= m_text.size() || at >= steps.size())
            return -1;
        const Step &step = steps.at(at);
        const QChar open = m_text.at(m_pos);
        if (open == u'{' && step.index < 0)
            return walkObject(steps, at, length);
        if (open == u'[' && step.index >= 0)
            return walkArray(steps, at, length);
        return -1;
    }

    qsizetype walkObject(const QList<Step> &steps, int at, int *length)
    {
        ++m_pos; // {
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text.at(m_pos) != u'"')
                return -1;
            const qsizetype keyStart = m_pos;
            const QString key = readString();
            skipSpace();
            if (m_pos >= m_text.size() || m_text.at(m_pos) != u':')
                return -1;
            ++m_pos;
            if (sameField(key, steps.at(at).name)) {
                if (at + 1 == steps.size()) {
                    *length = int(key.size()) + 2;
                    return keyStart;
                }
                return walk(steps, at + 1, length);
            }
            if (!skipToNextItem())
                return -1;
        }
    }

    qsizetype walkArray(const QList<Step> &steps, int at, int *length)
    {
        ++m_pos; // [
        for (int i = 0;; ++i) {
            skipSpace();
            if (i == steps.at(at).index) {
                if (at + 1 == steps.size()) {
                    const qsizetype start = m_pos;
                    skipValue();
                    *length = int(std::max<qsizetype>(1, m_pos - start));
                    return start;
                }
                return walk(steps, at + 1, length);
            }
            if (!skipToNextItem())
                return -1;
        }
    }

    // Past the value here and its comma; false at the end of the object or array.
    bool skipToNextItem()
    {
        skipValue();
        skipSpace();
        if (m_pos >= m_text.size() || m_text.at(m_pos) != u',')
            return false;
        ++m_pos;
        return true;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }

    QString readString()
    {
        QString out;
        ++m_pos; // opening quote
        while (m_pos < m_text.size() && m_text.at(m_pos) != u'"') {
            if (m_text.at(m_pos) == u'\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            out += m_text.at(m_pos++);
        }
        ++m_pos; // closing quote
        return out;
    }

    void skipValue()
    {
        skipSpace();
        if (m_pos >= m_text.size())
            return;
        if (m_text.at(m_pos) == u'"') {
            readString();
            return;
        }
        int depth = 0;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (c == u'"') {
                readString();
                continue;
            }
            if (c == u'{' || c == u'[')
                ++depth;
            else if (c == u'}' || c == u']') {
                if (depth == 0)
                    return;
                --depth;
            } else if (c == u',' && depth == 0) {
                return;
            }
            ++m_pos;
            if (depth == 0 && (c == u'}' || c == u']'))
                return;
        }
    }

    const QString &m_text;
    qsizetype m_pos = 0;
};

} // namespace

namespace {

// Removes the field at steps[i...] from `value`; false when the path does not lead to one.
bool removeField(QJsonValue *value, const QList<Step> &steps, qsizetype i)
{
    const Step &step = steps.at(i);
    const bool last = i == steps.size() - 1;
    if (step.index >= 0) {
        QJsonArray array = value->toArray();
        if (last || !value->isArray() || step.index >= array.size())
            return false;
        QJsonValue element = array.at(step.index);
        if (!removeField(&element, steps, i + 1))
            return false;
        array.replace(step.index, element);
        *value = array;
        return true;
    }
    QJsonObject object = value->toObject();
    const QStringList keys = object.keys();
    const auto key = std::find_if(
        keys.cbegin(), keys.cend(), [&step](const QString &k) { return sameField(k, step.name); });
    if (!value->isObject() || key == keys.cend())
        return false;
    if (last) {
        object.remove(*key);
    } else {
        QJsonValue child = object.value(*key);
        if (!removeField(&child, steps, i + 1))
            return false;
        object.insert(*key, child);
    }
    *value = object;
    return true;
}

} // namespace

QByteArray JsonErrorLocation::withoutField(const QByteArray &json, const QString &path)
{
    const QList<Step> steps = parsePath(path);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (steps.isEmpty() || parseError.error != QJsonParseError::NoError || !document.isObject())
        return {};
    QJsonValue root = document.object();
    if (!removeField(&root, steps, 0))
        return {};
    return QJsonDocument(root.toObject()).toJson(QJsonDocument::Compact);
}

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
    // Where the path leads (inners[1].label is in the second element, not the first)...
    int length = 0;
    if (const qsizetype offset = PathWalker(text).find(parsePath(error.path), &length); offset >= 0)
        return at(text, offset, length);
    // ... else the first key of that name, when the path cannot be followed.
    static const QRegularExpression key(QStringLiteral("\"([^\"\\\\]*)\"\\s*:"));
    for (auto it = key.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (sameField(match.captured(1), field))
            return at(text, match.capturedStart(), int(match.capturedLength(1)) + 2);
    }
    location.line = -1;
    return location;
}

} // namespace wirescope
