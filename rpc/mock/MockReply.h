#pragma once

#include "model/mock/Stub.h"
#include "model/request/CallEvent.h"
#include "model/schema/Schema.h"

#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace google::protobuf {
class Descriptor;
class MethodDescriptor;
} // namespace google::protobuf

namespace wirescope {

// What a mock sends for one answer, ready for the wire: a stub rendered against the request
// (templates filled in, bodies encoded, status details packed as google.rpc.Status) or an
// example message. Building one never touches gRPC; the call only plays it back.
struct MockReply {
    struct Message {
        int delayMs = 0;
        QByteArray bytes;
    };

    QString source; // the stub's file or "example"
    Metadata headers; // the stub's own, without x-wirescope-mock
    int delayMs = 0; // before the first message, or before the status when there is none
    QList<Message> messages;
    CallStatus status {0, {}, {}}; // details: a serialized google.rpc.Status, or empty
    Metadata trailers;
    QStringList notes; // what had to be left out, and why

    // A unary or client-streaming method answers with exactly one message, or none with an
    // error; a streaming one sends the stub's stream `repeat` times.
    static MockReply fromStub(const Schema &schema, const google::protobuf::MethodDescriptor *method,
        const Stub &stub, const QJsonValue &request);
    // `count` example messages of the method's response type, each with its own seed.
    static MockReply example(
        const Schema &schema, const google::protobuf::MethodDescriptor *method, quint64 seed, int count);
};

// A google.rpc.Status with each detail (an Any in JSON, with "@type") encoded through the
// schema, or through the types compiled in (the google.rpc ones); empty without details.
QByteArray encodeStatusDetails(const Schema &schema, int code, const QString &message,
    const QList<QJsonObject> &details, QStringList *notes);

// A stub's headers or trailers as they go on the wire: "-bin" values decoded from base64,
// invalid or reserved entries left out (and noted); and the other way round.
Metadata stubMetadata(const QMap<QString, QString> &entries, QStringList *notes);
QMap<QString, QString> metadataForStub(const Metadata &metadata);

// Compact JSON text of any value (a message body may be a bare string or number), and back.
QByteArray jsonText(const QJsonValue &value);
QJsonValue jsonValue(const QByteArray &text, bool *ok = nullptr);

// A stable hash of a request's bytes: the seed of its example answer.
quint64 requestSeed(const QByteArray &bytes);

} // namespace wirescope
