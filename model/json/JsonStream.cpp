#include "model/json/JsonStream.h"

namespace wirescope {

void JsonStream::feed(const QByteArray &chunk)
{
    for (const char c : chunk) {
        const bool blank = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (m_depth == 0 && !m_inString && m_current.trimmed().isEmpty() && blank)
            continue;
        m_current.append(c);
        if (m_inString) {
            if (m_escaped)
                m_escaped = false;
            else if (c == '\\')
                m_escaped = true;
            else if (c == '"')
                m_inString = false;
            if (!m_inString && m_depth == 0) {
                m_done.append(m_current);
                m_current.clear();
            }
            continue;
        }
        if (c == '"') {
            m_inString = true;
        } else if (c == '{' || c == '[') {
            ++m_depth;
        } else if (c == '}' || c == ']') {
            if (--m_depth <= 0) {
                m_depth = 0;
                m_done.append(m_current);
                m_current.clear();
            }
        } else if (m_depth == 0 && blank) {
            // A bare scalar (a top-level number or literal) ends at whitespace.
            m_done.append(m_current.trimmed());
            m_current.clear();
        }
    }
}

QList<QByteArray> JsonStream::take()
{
    QList<QByteArray> out;
    out.swap(m_done);
    return out;
}

QList<QByteArray> JsonStream::split(const QByteArray &text, QByteArray *leftover)
{
    JsonStream stream;
    stream.feed(text);
    stream.feed(QByteArrayLiteral("\n"));
    if (leftover)
        *leftover = stream.pending();
    return stream.take();
}

QString JsonStream::join(const QString &first, const QStringList &rest)
{
    if (rest.isEmpty())
        return first;
    QStringList values {first.trimmed()};
    for (const QString &message : rest)
        values.append(message.trimmed());
    return values.join(u'\n');
}

QString JsonStream::normalized(const QString &body)
{
    QByteArray leftover;
    const QList<QByteArray> values = split(body.toUtf8(), &leftover);
    if (values.size() < 2 || !leftover.trimmed().isEmpty())
        return body;
    QStringList texts;
    for (const QByteArray &value : values)
        texts.append(QString::fromUtf8(value).trimmed());
    return texts.join(u'\n');
}

} // namespace wirescope
