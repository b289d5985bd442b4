#pragma once

#include "model/request/CallEvent.h"
#include "model/schema/Schema.h"

namespace wirescope {

// The rich error model: grpc-status-details-bin decoded as google.rpc.Status, each detail
// shown as JSON (the standard google.rpc types are always known; others are looked up in
// the schema the call used).
struct StatusDetail {
    QString typeName; // e.g. "google.rpc.BadRequest"
    QByteArray json; // empty when the type is unknown
    QByteArray raw; // the detail's packed bytes
};

struct RichStatus {
    bool valid = false; // false when there were no details or they did not decode
    int code = 0;
    QString message;
    QList<StatusDetail> details;
};

RichStatus decodeStatusDetails(const QByteArray &details, const Schema *schema = nullptr);

// A readable multi-line rendering: "NOT_FOUND: message" then one block per detail.
QString formatStatus(const CallStatus &status, const Schema *schema = nullptr);

} // namespace wirescope
