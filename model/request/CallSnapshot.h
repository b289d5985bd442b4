#pragma once

#include "model/request/SavedRequest.h"

namespace wirescope {

// What one call put on the wire, frozen when it started and extended by each message sent
// into the open stream: the request as it was written (variables unresolved, so no secret
// value is kept) and every message in the order it went out. History, Run Again and Copy as
// grpcurl read this, never the widgets, which may have changed since.
class CallSnapshot final {
public:
    CallSnapshot() = default;
    // `request` as the tab and the window held it when the call started: method, metadata,
    // deadline, target, TLS and schema. Its body is replaced by the messages sent.
    CallSnapshot(const SavedRequest &request, const QString &resolvedTarget);

    bool isValid() const { return !m_request.method.isEmpty(); }
    void addMessage(const QString &typedText);
    int messageCount() const { return int(m_messages.size()); }
    const QStringList &messages() const { return m_messages; }
    QString resolvedTarget() const { return m_resolvedTarget; }

    // The request that was sent: its body is every message, one JSON value after another
    // (a stream's several values, as `call -d @` and grpcurl's -d read them).
    SavedRequest sentRequest() const;
    // Where it went: target, TLS and schema, filled in by the window when the call starts.
    void setConnection(const SavedRequest &context, const QString &resolvedTarget);

private:
    SavedRequest m_request;
    QString m_resolvedTarget;
    QStringList m_messages;
};

} // namespace wirescope
