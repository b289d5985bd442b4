#pragma once

#include "model/request/CallEvent.h"
#include "model/schema/MethodRef.h"
#include "model/schema/SchemaWorkspace.h"
#include "rpc/call/ChannelOptions.h"

#include <QObject>

namespace wirescope {

class CallHandle;

// What to call and how: the method's wire path, request metadata and a deadline.
struct CallSpec {
    QString method; // "/pkg.Service/Method"
    // Unary and server-streaming calls start on their one send(), so the request travels
    // with the call's headers in a single write, as generated stubs do.
    CallKind kind = CallKind::Bidi;
    Metadata metadata;
    int deadlineMs = 0; // 0: no deadline
};

// One channel to one server and everything that runs over it: calls of all four kinds and
// schema loading through server reflection. Creating it never blocks; gRPC connects lazily.
class Connection final : public QObject {
    Q_OBJECT

public:
    // gRPC's connectivity state of the channel.
    enum class State { Idle, Connecting, Ready, TransientFailure, Shutdown };
    Q_ENUM(State)

    explicit Connection(const ChannelOptions &options, QObject *parent = nullptr);
    ~Connection() override;
    Q_DISABLE_COPY_MOVE(Connection)

    bool isValid() const;
    QString errorString() const { return m_error; }
    const ChannelOptions &options() const { return m_options; }
    // Never blocks. With tryToConnect, an idle channel starts connecting.
    State state(bool tryToConnect = false) const;
    // Connects and waits until the channel is ready (true) or `timeoutMs` passes (false);
    // blocks the calling thread, so only for the CLI, before work that must not include
    // the handshake.
    bool waitForConnected(int timeoutMs) const;
    static QString stateName(State state);

    // Starts a call; the handle (parented to `parent`) reports everything that happens.
    // Messages are sent with CallHandle::send(); unary and server-streaming callers send one
    // message and half-close.
    CallHandle *startCall(const CallSpec &spec, QObject *parent = nullptr);

    // A workspace job that loads every service's schema through server reflection
    // (grpc.reflection.v1, falling back to v1alpha). It runs on a worker thread.
    SchemaWorkspace::Job reflectionJob(const Metadata &metadata = {}, int timeoutMs = 10000) const;
    QString reflectionLabel() const;
    // Blocking: the services the server lists through reflection, without fetching a file.
    bool reflectionServices(
        const Metadata &metadata, int timeoutMs, QStringList *services, QString *error) const;

Q_SIGNALS:
    // Checked a few times a second on the connection's thread (the check never blocks).
    void stateChanged(wirescope::Connection::State state);

private:
    friend class LoadCaller; // starts its lean calls on the channel itself
    std::shared_ptr<grpc::Channel> channel() const;
    void pollState();

    struct Private;
    ChannelOptions m_options;
    std::unique_ptr<Private> d;
    QString m_error;
    State m_lastState = State::Idle;
};

} // namespace wirescope
