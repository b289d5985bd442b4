#include "model/json/JsonPath.h"

#include <QJsonArray>
#include <QJsonObject>

#include <limits>

namespace wirescope {

namespace {

const QString ErrorRoot = QStringLiteral("$error");

bool isIdentifierStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isIdentifierPart(QChar c)
{
    return isIdentifierStart(c) || (c >= u'0' && c <= u'9');
}

bool isIdentifier(const QString &key)
{
    if (key.isEmpty() || !isIdentifierStart(key.front()))
        return false;
    for (const QChar c : key) {
        if (!isIdentifierPart(c))
            return false;
    }
    return true;
}

// Reads a path one step at a time; every error names the 1-based column where the text
// stops making sense, since a path sits inside a longer JSON file and is easiest to fix there.
class PathReader {
public:
    explicit PathReader(const QString &text)
        : m_text(text)
    {
    }

    bool read(bool *isError, QList<JsonPath::Step> *steps)
    {
        if (m_text.startsWith(ErrorRoot)
            && (m_text.size() == ErrorRoot.size() || !isIdentifierPart(m_text.at(ErrorRoot.size())))) {
            *isError = true;
            m_pos = ErrorRoot.size();
        } else if (m_text.startsWith(u'$')) {
            *isError = false;
            m_pos = 1;
        } else {
            return fail(QStringLiteral("a path starts with $ (a response message) or $error"));
        }
        while (m_pos < m_text.size()) {
            JsonPath::Step step;
            if (!readStep(&step))
                return false;
            steps->append(step);
        }
        return true;
    }

    const QString &error() const { return m_error; }

private:
    bool readStep(JsonPath::Step *step)
    {
        const QChar c = m_text.at(m_pos);
        if (c == u'.') {
            ++m_pos;
            return readIdentifier(&step->key);
        }
        if (c == u'[') {
            ++m_pos;
            return readBracket(step) && expect(u']');
        }
        return fail(QStringLiteral("expected . or ["));
    }

    bool readIdentifier(QString *key)
    {
        const qsizetype start = m_pos;
        if (m_pos >= m_text.size() || !isIdentifierStart(m_text.at(m_pos)))
            return fail(QStringLiteral("expected a field name (other names go in ['...'])"));
        while (m_pos < m_text.size() && isIdentifierPart(m_text.at(m_pos)))
            ++m_pos;
        *key = m_text.mid(start, m_pos - start);
        return true;
    }

    bool readBracket(JsonPath::Step *step)
    {
        if (m_pos >= m_text.size())
            return fail(QStringLiteral("expected a number or a quoted key"));
        const QChar c = m_text.at(m_pos);
        if (c.isDigit())
            return readIndex(&step->index);
        if (c == u'\'' || c == u'"')
            return readQuoted(&step->key);
        return fail(QStringLiteral("expected a number or a quoted key"));
    }

    bool readIndex(int *index)
    {
        const qsizetype start = m_pos;
        qint64 value = 0;
        while (m_pos < m_text.size() && m_text.at(m_pos).isDigit()) {
            value = value * 10 + m_text.at(m_pos).digitValue();
            if (value > std::numeric_limits<int>::max()) {
                m_pos = start;
                return fail(QStringLiteral("index too large"));
            }
            ++m_pos;
        }
        *index = int(value);
        return true;
    }

    bool readQuoted(QString *key)
    {
        const QChar quote = m_text.at(m_pos);
        const qsizetype open = m_pos++;
        while (m_pos < m_text.size()) {
            QChar c = m_text.at(m_pos++);
            if (c == quote)
                return true;
            if (c == u'\\') {
                if (m_pos >= m_text.size())
                    break;
                c = m_text.at(m_pos++);
                if (c != quote && c != u'\\') {
                    --m_pos;
                    return fail(QStringLiteral("only \\%1 and \\\\ are escapes in a quoted key").arg(quote));
                }
            }
            key->append(c);
        }
        m_pos = open;
        return fail(QStringLiteral("the quoted key is not closed"));
    }

    bool expect(QChar c)
    {
        if (m_pos < m_text.size() && m_text.at(m_pos) == c) {
            ++m_pos;
            return true;
        }
        return fail(QStringLiteral("expected %1").arg(c));
    }

    bool fail(const QString &what)
    {
        m_error = QStringLiteral("\"%1\": %2 at column %3").arg(m_text, what).arg(m_pos + 1);
        return false;
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

// QJsonValue holds its containers by value, so removing something deep inside means
// rebuilding every container on the way down.
bool removeAt(QJsonValue *value, const QList<JsonPath::Step> &steps, qsizetype at)
{
    const JsonPath::Step &step = steps.at(at);
    const bool last = at + 1 == steps.size();
    if (step.index >= 0) {
        if (!value->isArray())
            return false;
        QJsonArray array = value->toArray();
        if (step.index >= array.size())
            return false;
        if (last) {
            array.removeAt(step.index);
        } else {
            QJsonValue element = array.at(step.index);
            if (!removeAt(&element, steps, at + 1))
                return false;
            array.replace(step.index, element);
        }
        *value = array;
        return true;
    }
    if (!value->isObject())
        return false;
    QJsonObject object = value->toObject();
    if (!object.contains(step.key))
        return false;
    if (last) {
        object.remove(step.key);
    } else {
        QJsonValue child = object.value(step.key);
        if (!removeAt(&child, steps, at + 1))
            return false;
        object.insert(step.key, child);
    }
    *value = object;
    return true;
}

} // namespace

bool JsonPath::parse(const QString &text, JsonPath *path, QString *error)
{
    PathReader reader(text);
    JsonPath result;
    if (!reader.read(&result.m_error, &result.m_steps)) {
        *error = reader.error();
        return false;
    }
    *path = result;
    return true;
}

QString JsonPath::toString() const
{
    QString text = m_error ? ErrorRoot : QStringLiteral("$");
    for (const Step &step : m_steps)
        text = step.index >= 0 ? element(text, step.index) : child(text, step.key);
    return text;
}

std::optional<QJsonValue> JsonPath::evaluate(const QJsonValue &root) const
{
    QJsonValue value = root;
    if (value.isUndefined())
        return std::nullopt;
    for (const Step &step : m_steps) {
        if (step.index >= 0) {
            const QJsonArray array = value.toArray();
            if (!value.isArray() || step.index >= array.size())
                return std::nullopt;
            value = array.at(step.index);
        } else {
            const QJsonObject object = value.toObject();
            if (!value.isObject() || !object.contains(step.key))
                return std::nullopt;
            value = object.value(step.key);
        }
    }
    return value;
}

void JsonPath::remove(QJsonValue *root) const
{
    // "$" alone names the whole value, which has no container to be removed from.
    if (!m_steps.isEmpty())
        removeAt(root, m_steps, 0);
}

QString JsonPath::child(const QString &parent, const QString &key)
{
    if (isIdentifier(key))
        return parent + u'.' + key;
    QString escaped = key;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return parent + QStringLiteral("['") + escaped + QStringLiteral("']");
}

QString JsonPath::element(const QString &parent, int index)
{
    return parent + u'[' + QString::number(index) + u']';
}

} // namespace wirescope
