#pragma once

#include "model/runner/CallOutcome.h"
#include "model/schema/Schema.h"

namespace google::protobuf {
class Descriptor;
}

namespace wirescope {

// Turns a call's events into the CallOutcome that assertions read: each response message
// decoded to canonical proto3 JSON with the call's schema, the status details decoded to
// JSON, headers, trailers and the time to the trailers. Used by CollectionRun and by the
// request tab's Tests view, so both check the same thing.
class CallOutcomeBuilder final {
public:
    CallOutcomeBuilder() = default;
    CallOutcomeBuilder(SchemaPtr schema, const google::protobuf::Descriptor *responseType);

    void add(const CallEvents &events);
    const CallOutcome &outcome() const { return m_outcome; }

    // The status details ("grpc-status-details-bin") as {"code", "message", "details"}.
    static QJsonValue errorJson(const CallStatus &status, const Schema *schema);

private:
    SchemaPtr m_schema;
    const google::protobuf::Descriptor *m_responseType = nullptr;
    CallOutcome m_outcome;
};

} // namespace wirescope
