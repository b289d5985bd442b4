#pragma once

#include "model/request/CallEvent.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace wirescope {

// What one call returned, in the form assertions read: each response message as canonical
// proto3 JSON, the status with its details as JSON, headers, trailers and how long it took.
struct CallOutcome {
    bool sent = false; // false when the call never went out (see failure)
    QString failure; // why it could not be sent: an unresolved variable, a schema error...
    int code = -1; // the gRPC status code
    QString statusMessage;
    // {"code": N, "message": "...", "details": [ {"@type": ..., ...}, ... ]}: what "$error"
    // addresses.
    QJsonValue error;
    Metadata headers;
    Metadata trailers;
    QList<QJsonValue> messages; // each response message; Undefined where one did not decode
    double elapsedMs = 0; // from the start of the call to its trailers (a loopback call takes < 1)

    QString codeName() const { return statusCodeName(code); }
    // "0.42 ms", "3.1 ms", "250 ms": precise enough to tell fast calls apart, short for slow ones.
    QString elapsedText() const;
    // The value of a header or trailer ("" and false when absent); several values are
    // joined with ", ".
    static bool metadataValue(const Metadata &metadata, const QString &key, QString *value);
};

} // namespace wirescope
