#pragma once

#include "model/mock/Stub.h"
#include "model/request/CallEvent.h"
#include "model/schema/Schema.h"

#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace google::protobuf {
class MethodDescriptor;
}

namespace wirescope {

// Record mode's writer: one exchange with the real server becomes a stub file that answers
// the same request the same way next time.
namespace StubRecorder {

struct Exchange {
    QJsonValue request; // the (last) request message; Undefined when there was none
    QList<QByteArray> responses; // wire bytes
    Metadata headers;
    Metadata trailers;
    CallStatus status;
};

// Whether the exchange shows the server's own answer, not a failure to reach it.
bool worthRecording(const Exchange &exchange);

// Builds the stub and writes it into `directory` as "<Method>-<hash of the request>.json";
// an identical file is left alone (*file is then empty), a different one of that name is
// kept and the new stub takes the next free "-2", "-3", ... name. *notes says what could not
// be recorded (a status detail of an unknown type).
bool record(const Schema &schema, const google::protobuf::MethodDescriptor *method, const Exchange &exchange,
    const QString &directory, Stub *stub, QString *file, QStringList *notes, QString *error);

} // namespace StubRecorder

} // namespace wirescope
