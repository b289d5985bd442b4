#pragma once

#include <QString>
#include <QtContainerFwd>

#include <span>

class QJsonObject;
class QJsonValue;

namespace google::protobuf {
class MethodDescriptor;
}

namespace wirescope {

class Schema;
struct Stub;

// Reads one stub from its JSON and checks it against the schema it will serve (see Stub.h
// for the format). Every error names the field it is about: "respond.stream[1].delayMs:
// should be a whole number from 0".
class StubReader final {
public:
    StubReader(const Schema &schema, Stub *stub);

    bool read(const QJsonObject &object);
    const QString &error() const { return m_error; }

private:
    bool readMethod(const QJsonValue &value);
    bool readMatch(const QJsonValue &value);
    bool readBodyMatches(const QJsonValue &value);
    bool readRespond(const QJsonValue &value);
    bool readStream(const QJsonValue &value);
    bool readStatus(const QJsonValue &value);
    bool readDetails(const QJsonValue &value, QList<QJsonObject> *details);
    bool readAnswer(const QJsonValue &value);
    bool readMetadata(
        const QJsonValue &value, const QString &where, bool forWire, QMap<QString, QString> *map);
    bool readCount(const QJsonValue &value, const QString &where, int min, int *count);
    bool checkPlaceholders(const QJsonValue &body, const QString &where);
    bool checkAnswers();
    QString messageWhere(qsizetype index) const;
    bool object(const QJsonValue &value, const QString &where, std::span<const char *const> keys,
        QJsonObject *object);
    bool fail(const QString &where, const QString &what);

    const Schema &m_schema;
    Stub *m_stub;
    const google::protobuf::MethodDescriptor *m_method = nullptr;
    bool m_streamed = false; // "stream" rather than "body"
    QString m_error;
};

} // namespace wirescope
