#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

struct QJsonParseError;

namespace wirescope {

// The on-disk shape shared by every collection file: one JSON object, pretty-printed with
// keys in alphabetical order (QJsonDocument's order, which never changes between saves),
// carrying "formatVersion". Nothing volatile goes in, so saving unchanged data rewrites
// the same bytes and git sees no change.
namespace CollectionFormat {

inline constexpr int Version = 1;

// The object with "formatVersion" added, as indented UTF-8 ending in a newline.
QByteArray toBytes(QJsonObject object);
// Parses a versioned file; errors name the file and say what is wrong with it: not JSON
// (with the offset), not an object, no version, or written by a newer Wirescope.
bool parse(const QByteArray &bytes, const QString &fileName, QJsonObject *object, QString *error);
// "file:line:column: not valid JSON: reason" for a parse error in `bytes`; shared with the
// other JSON files Wirescope reads (snapshots), so every one reports its errors the same way.
QString describeJsonError(const QByteArray &bytes, const QString &fileName, const QJsonParseError &error);

} // namespace CollectionFormat

// Reads typed fields from a JSON object, remembering the first field of the wrong type.
// Missing fields read as their default, so files may leave out empty values.
class JsonFields final {
public:
    explicit JsonFields(const QJsonObject &object, const QString &context = {});

    QString string(const QString &key);
    QStringList strings(const QString &key);
    int integer(const QString &key, int fallback = 0);
    bool boolean(const QString &key, bool fallback);
    QJsonObject object(const QString &key);
    QJsonArray array(const QString &key);
    // Stores a problem found by the caller (a bad enum name, say).
    void fail(const QString &message);

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

private:
    bool typeIs(const QString &key, QJsonValue::Type type, const char *expected);

    QJsonObject m_object;
    QString m_context;
    QString m_error;
};

} // namespace wirescope
