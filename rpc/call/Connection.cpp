#include "rpc/call/Connection.h"

#include "rpc/call/CallHandle.h"
#include "rpc/call/CallReactor.h"
#include "rpc/reflection/ReflectionClient.h"

#include <grpcpp/channel.h>
#include <grpcpp/generic/generic_stub.h>

#include <QTimer>

#include <chrono>

namespace wirescope {

struct Connection::Private {
    std::shared_ptr<grpc::Channel> channel;
    std::shared_ptr<grpc::GenericStub> stub;
};

Connection::Connection(const ChannelOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , d(std::make_unique<Private>())
{
    d->channel = createChannel(options, &m_error);
    if (!d->channel)
        return;
    d->stub = std::make_shared<grpc::GenericStub>(d->channel);
    auto *timer = new QTimer(this);
    timer->setInterval(250);
    connect(timer, &QTimer::timeout, this, &Connection::pollState);
    timer->start();
}

bool Connection::waitForConnected(int timeoutMs) const
{
    // WaitForConnected drives the connection itself; polling GetState alone does not.
    return d->channel
        && d->channel->WaitForConnected(
            std::chrono::system_clock::now() + std::chrono::milliseconds(timeoutMs));
}

Connection::State Connection::state(bool tryToConnect) const
{
    if (!d->channel)
        return State::Shutdown;
    switch (d->channel->GetState(tryToConnect)) {
    case GRPC_CHANNEL_IDLE:
        return State::Idle;
    case GRPC_CHANNEL_CONNECTING:
        return State::Connecting;
    case GRPC_CHANNEL_READY:
        return State::Ready;
    case GRPC_CHANNEL_TRANSIENT_FAILURE:
        return State::TransientFailure;
    case GRPC_CHANNEL_SHUTDOWN:
        return State::Shutdown;
    }
    return State::Shutdown;
}

QString Connection::stateName(State state)
{
    switch (state) {
    case State::Idle:
        return QStringLiteral("idle");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Ready:
        return QStringLiteral("ready");
    case State::TransientFailure:
        return QStringLiteral("transient failure");
    case State::Shutdown:
        return QStringLiteral("shut down");
    }
    return {};
}

void Connection::pollState()
{
    const State now = state();
    if (now == m_lastState)
        return;
    m_lastState = now;
    Q_EMIT stateChanged(now);
}

bool Connection::isValid() const
{
    return d->channel != nullptr;
}

Connection::~Connection() = default;

std::shared_ptr<grpc::Channel> Connection::channel() const
{
    return d->channel;
}

CallHandle *Connection::startCall(const CallSpec &spec, QObject *parent)
{
    auto shared = std::make_shared<CallShared>();
    for (const MetadataPair &entry : spec.metadata)
        shared->context.AddMetadata(entry.first.toLower().toStdString(), entry.second.toStdString());
    if (spec.deadlineMs > 0)
        shared->context.set_deadline(
            std::chrono::system_clock::now() + std::chrono::milliseconds(spec.deadlineMs));
    auto *handle = new CallHandle(shared, parent);
    if (!d->stub) {
        CallEvent failed;
        failed.type = CallEvent::Type::Finished;
        failed.status.code = 14; // UNAVAILABLE
        failed.status.message = m_error;
        shared->post(std::move(failed));
        return handle;
    }
    if (spec.kind == CallKind::Unary || spec.kind == CallKind::ServerStreaming) {
        std::lock_guard lock(shared->mutex);
        shared->deferred
            = CallShared::DeferredStart {d->stub, spec.method.toStdString(), spec.kind == CallKind::Unary};
        return handle;
    }
    CallReactor::start(d->stub.get(), spec.method.toStdString(), shared);
    return handle;
}

QString Connection::reflectionLabel() const
{
    return m_options.target + QStringLiteral(" (reflection)");
}

SchemaWorkspace::Job Connection::reflectionJob(const Metadata &metadata, int timeoutMs) const
{
    const std::shared_ptr<grpc::Channel> channel = d->channel;
    const QString label = reflectionLabel();
    const QString target = m_options.target;
    const QString error = m_error;
    return [=](const LoadControl &control) {
        if (!channel) {
            LoadResult failed;
            failed.source.kind = SchemaSource::Kind::Reflection;
            failed.source.label = label;
            failed.diagnostics.append({Diagnostic::Severity::Error, target, 0, 0, error});
            return failed;
        }
        ReflectionClient client(channel, target, metadata, timeoutMs);
        client.setCancel(control.cancel);
        LoadResult result = client.loadAll(control.progress);
        result.source.label = label;
        return result;
    };
}

bool Connection::reflectionServices(
    const Metadata &metadata, int timeoutMs, QStringList *services, QString *error) const
{
    if (!d->channel) {
        *error = m_error;
        return false;
    }
    ReflectionClient client(d->channel, m_options.target, metadata, timeoutMs);
    return client.listServices(services, error);
}

} // namespace wirescope
