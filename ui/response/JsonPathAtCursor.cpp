#include "ui/response/JsonPathAtCursor.h"

#include "model/json/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace wirescope::JsonPathAtCursor {

namespace {

// A JSON scalar or key as written, read by Qt's own parser (escapes and all).
std::optional<QJsonValue> parseFragment(QStringView text)
{
    QByteArray wrapped = text.toUtf8();
    wrapped.prepend('[');
    wrapped.append(']');
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        return std::nullopt;
    return document.array().first();
}

// A small recursive reader that only follows structure: it remembers the narrowest span
// holding the target and stops once one value that holds it is complete, since every value
// around it is wider.
class Scanner final {
public:
    Scanner(const QString &text, qsizetype target)
        : m_text(text)
        , m_target(target)
    {
    }

    Location run()
    {
        Location location;
        for (int index = 0; !m_done; ++index) {
            skipSpace();
            if (m_pos >= m_text.size() || m_pos > m_target || !value(QStringLiteral("$")))
                break;
            if (m_done)
                location.valueIndex = index;
        }
        if (location.valueIndex < 0)
            return location;
        const std::optional<QJsonValue> found
            = parseFragment(QStringView(m_text).mid(m_valueStart, m_valueEnd - m_valueStart));
        if (!found)
            return location;
        location.found = true;
        location.path = m_path;
        location.value = *found;
        return location;
    }

private:
    QChar peek() const { return m_pos < m_text.size() ? m_text.at(m_pos) : QChar(); }

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (c.isSpace()) {
                ++m_pos;
            } else if (c == u'/' && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == u'/') {
                const qsizetype end = m_text.indexOf(u'\n', m_pos);
                m_pos = end < 0 ? m_text.size() : end + 1;
            } else {
                return;
            }
        }
    }

    // Records [spanStart, spanEnd] as holding the target if it does; the value is what a
    // key or value there stands for.
    void consider(qsizetype spanStart, qsizetype spanEnd, qsizetype valueStart, const QString &path)
    {
        if (m_target < spanStart || m_target > spanEnd)
            return;
        m_done = true;
        m_path = path;
        m_valueStart = valueStart;
        m_valueEnd = spanEnd;
    }

    bool value(const QString &path)
    {
        skipSpace();
        const qsizetype start = m_pos;
        bool ok = false;
        if (peek() == u'{')
            ok = object(path);
        else if (peek() == u'[')
            ok = array(path);
        else if (peek() == u'"')
            ok = string(nullptr);
        else
            ok = literal();
        if (ok && !m_done)
            consider(start, m_pos, start, path);
        return ok;
    }

    bool object(const QString &path)
    {
        ++m_pos; // {
        skipSpace();
        if (peek() == u'}')
            return ++m_pos, true;
        while (!m_done) {
            skipSpace();
            const qsizetype keyStart = m_pos;
            QString key;
            if (peek() != u'"' || !string(&key))
                return false;
            const qsizetype keyEnd = m_pos;
            skipSpace();
            if (peek() != u':')
                return false;
            ++m_pos;
            skipSpace();
            const qsizetype valueStart = m_pos;
            const QString child = JsonPath::child(path, key);
            // On the key itself: the member's value is meant.
            if (m_target >= keyStart && m_target <= keyEnd) {
                if (!value(child))
                    return false;
                m_done = false;
                consider(keyStart, m_pos, valueStart, child);
                return true;
            }
            if (!value(child))
                return false;
            if (m_done)
                return true;
            if (!separator(u'}'))
                return false;
            if (m_text.at(m_pos - 1) == u'}')
                return true;
        }
        return true;
    }

    bool array(const QString &path)
    {
        ++m_pos; // [
        skipSpace();
        if (peek() == u']')
            return ++m_pos, true;
        for (int index = 0; !m_done; ++index) {
            if (!value(JsonPath::element(path, index)))
                return false;
            if (m_done)
                return true;
            if (!separator(u']'))
                return false;
            if (m_text.at(m_pos - 1) == u']')
                return true;
        }
        return true;
    }

    // After a member or element: a comma, or the closing bracket (consumed either way).
    bool separator(QChar close)
    {
        skipSpace();
        if (peek() == u',' || peek() == close)
            return ++m_pos, true;
        return false;
    }

    bool string(QString *decoded)
    {
        const qsizetype start = m_pos++;
        bool escaped = false;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (escaped) {
                escaped = false;
            } else if (c == u'\\') {
                escaped = true;
            } else if (c == u'"') {
                if (!decoded)
                    return true;
                const QStringView token = QStringView(m_text).mid(start, m_pos - start);
                // Most keys have no escapes: read them as they are.
                if (!token.contains(u'\\')) {
                    *decoded = token.mid(1, token.size() - 2).toString();
                    return true;
                }
                const std::optional<QJsonValue> key = parseFragment(token);
                *decoded = key ? key->toString() : QString();
                return key.has_value();
            }
        }
        return false;
    }

    bool literal()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (!(c.isLetterOrNumber() || c == u'-' || c == u'+' || c == u'.'))
                break;
            ++m_pos;
        }
        return m_pos > start;
    }

    const QString &m_text;
    qsizetype m_target;
    qsizetype m_pos = 0;
    bool m_done = false;
    QString m_path;
    qsizetype m_valueStart = 0;
    qsizetype m_valueEnd = 0;
};

} // namespace

Location at(const QString &text, qsizetype offset)
{
    if (offset < 0 || offset > text.size())
        return {};
    return Scanner(text, offset).run();
}

} // namespace wirescope::JsonPathAtCursor
