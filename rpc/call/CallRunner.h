#pragma once

#include "model/request/CallEvent.h"
#include "model/request/CallSnapshot.h"
#include "rpc/call/Connection.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace wirescope {

class CallHandle;

// One request's calls, one at a time, as they went on the wire: a call keeps its connection
// alive until it ends, and each message sent is added to the call's snapshot the moment it
// goes out, so History, Run Again and Copy as grpcurl see exactly what was sent. Starting a
// call cancels the one before it; that one's late events are not passed on.
class CallRunner final : public QObject {
    Q_OBJECT

public:
    explicit CallRunner(QObject *parent = nullptr);
    ~CallRunner() override;
    Q_DISABLE_COPY_MOVE(CallRunner)

    // Starts `spec` on `connection` (false when there is none); `snapshot` is the request as
    // written, with no message yet. A unary or server-streaming call is half-closed after
    // its first message.
    bool start(std::shared_ptr<Connection> connection, const CallSpec &spec, CallSnapshot snapshot);
    // The next message of the open call; false when it cannot go out (half-closed, ended).
    bool send(const QByteArray &message, const QString &typedText);
    void halfClose();
    void cancel();

    bool isRunning() const;
    // Running, streaming requests, and not half-closed.
    bool canSendNext() const;
    CallKind kind() const { return m_kind; }
    const CallSnapshot &lastCall() const { return m_lastCall; }
    // Where the call that is starting goes (target, TLS, schema), as the window knows it.
    void setLastCallConnection(const SavedRequest &context, const QString &resolvedTarget);
    const CallStatus &lastStatus() const { return m_lastStatus; }

Q_SIGNALS:
    void events(const wirescope::CallEvents &batch);
    void finished(const wirescope::CallStatus &status);

private:
    void onEvents(const CallEvents &batch);
    void onFinished(const CallStatus &status);

    QPointer<CallHandle> m_handle;
    std::shared_ptr<Connection> m_connection;
    CallKind m_kind = CallKind::Unary;
    bool m_halfClosed = false;
    bool m_awaitingFirst = false; // a unary or server-streaming call half-closes after it
    CallSnapshot m_lastCall;
    CallStatus m_lastStatus;
};

} // namespace wirescope
