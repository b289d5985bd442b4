#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace wirescope {

using MetadataPair = QPair<QByteArray, QByteArray>;
// Metadata as it is on the wire: lower-case keys; keys ending in "-bin" carry raw bytes.
using Metadata = QList<MetadataPair>;

// The outcome of a call: a gRPC status code, its message and the raw
// grpc-status-details-bin payload (a serialized google.rpc.Status).
struct CallStatus {
    int code = -1; // -1 while the call runs
    QString message;
    QByteArray details;

    bool isOk() const { return code == 0; }
    QString codeName() const;
};

// One thing that happened on a call, as a plain value. The call engine produces these on
// gRPC's threads and hands them to the GUI thread in batches; nothing in here refers to gRPC.
struct CallEvent {
    enum class Type : quint8 {
        Sent, // a request message went out; payload holds its wire bytes
        Headers, // the server's initial metadata arrived
        Received, // a response message arrived; payload holds its wire bytes
        HalfClosed,
        Finished, // the call ended; status and trailers are set
    };

    Type type = Type::Sent;
    qint64 nanos = 0; // monotonic time since the call started
    QByteArray payload;
    Metadata metadata; // headers or trailers
    CallStatus status;
};

using CallEvents = QList<CallEvent>;

// "OK", "CANCELLED", ... for gRPC status codes; "CODE_42" for unknown ones.
QString statusCodeName(int code);
// Accepts names ("NOT_FOUND", case-insensitive) and numbers; -1 when unknown.
int statusCodeFromName(const QString &name);

} // namespace wirescope

Q_DECLARE_METATYPE(wirescope::CallEvents)
