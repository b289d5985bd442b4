#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace wirescope {

// Cuts a stream of concatenated JSON values ("{...}\n{...}" or one per line) into single
// values as their text arrives, so streamed requests can be sent as soon as each is whole.
class JsonStream final {
public:
    void feed(const QByteArray &chunk);
    // Complete values seen so far, oldest first; they are removed from the stream.
    QList<QByteArray> take();
    // Text that started a value but did not finish it (an error at end of input).
    QByteArray pending() const { return m_current.trimmed(); }

    static QList<QByteArray> split(const QByteArray &text, QByteArray *leftover = nullptr);
    // A stream's body as a request keeps it: the values one per line.
    static QString join(const QString &first, const QStringList &rest);
    // Several values compare by their text, not by the blanks between them.
    static QString normalized(const QString &body);

private:
    QByteArray m_current;
    QList<QByteArray> m_done;
    int m_depth = 0;
    bool m_inString = false;
    bool m_escaped = false;
};

} // namespace wirescope
