#include "rpc/call/LoadCaller.h"

#include "model/load/LoadTally.h"
#include "rpc/call/Connection.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/client_callback.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wirescope {

class LoadCall;

// What every call of one LoadCaller shares. Calls keep it alive while they finish, so it
// holds no reference to the channel: the last one may be dropped on a gRPC thread.
struct LoadCallerShared {
    grpc::Channel *channel = nullptr;
    std::string method;
    std::optional<grpc::internal::RpcMethod> registered; // on the channel, as generated stubs do
    bool unary = true;
    std::vector<std::pair<std::string, std::string>> metadata;
    int deadlineMs = 0;
    std::vector<grpc::ByteBuffer> messages;
    LoadCaller::Vary vary;
    std::shared_ptr<LoadTally> tally;
    LoadCaller::Clock::time_point origin;
    std::function<void()> ended;

    std::atomic<bool> cancelling {false};
    std::mutex mutex; // guards the list of live calls
    LoadCall *live = nullptr;

    qint64 nanosNow() const
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(LoadCaller::Clock::now() - origin)
            .count();
    }
    void link(LoadCall *call);
    void unlink(LoadCall *call);
};

// One call's state, freed when it ends. It is on its caller's list of live calls while it
// runs; cancelAll() holds a reference while it cancels, so a call that ends meanwhile is
// freed by whichever lets go last.
class LoadCall {
public:
    LoadCall(std::shared_ptr<LoadCallerShared> shared, qint64 intendedNanos);
    virtual ~LoadCall() = default;
    LoadCall(const LoadCall &) = delete;
    LoadCall &operator=(const LoadCall &) = delete;

    virtual void go() = 0;
    void hold() { m_refs.fetch_add(1, std::memory_order_relaxed); }
    void release()
    {
        if (m_refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
            delete this;
    }

    grpc::ClientContext context;
    LoadCall *previous = nullptr;
    LoadCall *next = nullptr;

protected:
    void finish(const grpc::Status &status, int sent, int received, qint64 firstMessageNanos);
    // This call's messages: its own when requests vary, else the shared ones.
    const std::vector<grpc::ByteBuffer> &messages() const
    {
        return m_own.empty() ? m_shared->messages : m_own;
    }
    qint64 sinceIntended() const { return m_shared->nanosNow() - m_intended; }

    std::shared_ptr<LoadCallerShared> m_shared;

private:
    qint64 m_intended = 0;
    std::atomic<int> m_refs {1};
    std::vector<grpc::ByteBuffer> m_own;
};

namespace {

grpc::ByteBuffer byteBuffer(const QByteArray &bytes)
{
    grpc::Slice slice(bytes.constData(), size_t(bytes.size()));
    return grpc::ByteBuffer(&slice, 1);
}

} // namespace

void LoadCallerShared::link(LoadCall *call)
{
    std::lock_guard lock(mutex);
    if (cancelling)
        call->context.TryCancel(); // not started yet: it is cancelled as it starts
    call->next = live;
    if (live)
        live->previous = call;
    live = call;
}

void LoadCallerShared::unlink(LoadCall *call)
{
    std::lock_guard lock(mutex);
    if (call->previous)
        call->previous->next = call->next;
    else
        live = call->next;
    if (call->next)
        call->next->previous = call->previous;
    call->previous = call->next = nullptr;
}

LoadCall::LoadCall(std::shared_ptr<LoadCallerShared> shared, qint64 intendedNanos)
    : m_shared(std::move(shared))
    , m_intended(intendedNanos)
{
    if (m_shared->vary) {
        QList<QByteArray> encoded;
        Metadata metadata;
        m_shared->vary(&encoded, &metadata);
        for (const QByteArray &message : std::as_const(encoded))
            m_own.push_back(byteBuffer(message));
        for (const MetadataPair &entry : std::as_const(metadata))
            context.AddMetadata(entry.first.toLower().toStdString(), entry.second.toStdString());
    } else {
        for (const auto &[key, value] : m_shared->metadata)
            context.AddMetadata(key, value);
    }
    if (m_shared->deadlineMs > 0)
        context.set_deadline(
            std::chrono::system_clock::now() + std::chrono::milliseconds(m_shared->deadlineMs));
}

// The result goes into the tally, then the call's gRPC state (which references the channel)
// is freed, and only then is the caller's owner told: once it has heard of every call it
// may drop the connection, whose channel must not be released on a gRPC thread.
void LoadCall::finish(const grpc::Status &status, int sent, int received, qint64 firstMessageNanos)
{
    const qint64 latency = sinceIntended();
    const std::shared_ptr<LoadCallerShared> shared = std::move(m_shared);
    if (shared->cancelling && status.error_code() == grpc::StatusCode::CANCELLED) {
        shared->tally->recordAbandoned();
    } else {
        LoadTally::Call call;
        call.latencyNanos = latency;
        call.firstMessageNanos = firstMessageNanos;
        call.code = int(status.error_code());
        if (!status.ok())
            call.message = status.error_message();
        call.sent = sent;
        call.received = received;
        shared->tally->record(call);
    }
    shared->unlink(this);
    release();
    shared->ended();
}

namespace {

class UnaryLoadCall final : public grpc::ClientUnaryReactor, public LoadCall {
public:
    using LoadCall::LoadCall;

    void go() override
    {
        LoadCallerShared &shared = *m_shared;
        grpc::internal::ClientCallbackUnaryFactory::Create<grpc::ByteBuffer, grpc::ByteBuffer>(
            shared.channel, *shared.registered, &context, &messages().front(), &m_response, this);
        StartCall(); // `this` may be gone once it returns
    }

    void OnDone(const grpc::Status &status) override { finish(status, 1, status.ok() ? 1 : 0, -1); }

private:
    grpc::ByteBuffer m_response;
};

// Client, server and bidi streams alike: every message written in turn (the last one with
// the half-close), every response read and counted.
class StreamLoadCall final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>,
                             public LoadCall {
public:
    using LoadCall::LoadCall;

    void go() override
    {
        LoadCallerShared &shared = *m_shared;
        // Headers travel with the first message, as a generated stub sends a server stream's.
        if (!messages().empty())
            context.set_initial_metadata_corked(true);
        grpc::internal::ClientCallbackReaderWriterFactory<grpc::ByteBuffer, grpc::ByteBuffer>::Create(
            shared.channel, *shared.registered, &context, this);
        if (messages().empty())
            StartWritesDone();
        else
            writeNext();
        StartRead(&m_read);
        StartCall(); // `this` may be gone once it returns
    }

    void OnWriteDone(bool ok) override
    {
        if (!ok)
            return; // the call is over; OnDone says how
        ++m_sent;
        writeNext();
    }

    void OnReadDone(bool ok) override
    {
        if (!ok)
            return;
        if (m_received++ == 0)
            m_firstMessage = sinceIntended();
        StartRead(&m_read);
    }

    void OnDone(const grpc::Status &status) override { finish(status, m_sent, m_received, m_firstMessage); }

private:
    // Writes are chained from OnWriteDone, inside the reactor's own callbacks, so no hold is
    // needed to keep the call open for them.
    void writeNext()
    {
        const std::vector<grpc::ByteBuffer> &all = messages();
        if (m_next >= all.size())
            return;
        const grpc::ByteBuffer *message = &all[m_next++];
        if (m_next == all.size())
            StartWriteLast(message, grpc::WriteOptions());
        else
            StartWrite(message);
    }

    grpc::ByteBuffer m_read;
    size_t m_next = 0;
    int m_sent = 0;
    int m_received = 0;
    qint64 m_firstMessage = -1;
};

} // namespace

LoadCaller::LoadCaller(const Connection &connection, const CallSpec &spec, const QList<QByteArray> &messages,
    std::shared_ptr<LoadTally> tally, Clock::time_point origin, std::function<void()> ended)
    : m_channel(connection.channel())
    , d(std::make_shared<LoadCallerShared>())
{
    d->channel = m_channel.get();
    d->method = spec.method.toStdString();
    d->unary = spec.kind == CallKind::Unary;
    for (const MetadataPair &entry : spec.metadata)
        d->metadata.emplace_back(entry.first.toLower().toStdString(), entry.second.toStdString());
    d->deadlineMs = spec.deadlineMs;
    for (const QByteArray &message : messages) {
        grpc::Slice slice(message.constData(), size_t(message.size()));
        d->messages.emplace_back(&slice, 1);
    }
    if (d->messages.empty() && !clientStreams(spec.kind)) {
        grpc::Slice empty; // an empty message is a valid request of any type
        d->messages.emplace_back(&empty, 1);
    }
    d->tally = std::move(tally);
    d->origin = origin;
    d->ended = std::move(ended);
    if (m_channel)
        d->registered.emplace(d->method.c_str(),
            d->unary ? grpc::internal::RpcMethod::NORMAL_RPC : grpc::internal::RpcMethod::BIDI_STREAMING,
            m_channel);
}

LoadCaller::~LoadCaller() = default;

void LoadCaller::setVary(Vary vary)
{
    d->vary = std::move(vary);
}

bool LoadCaller::isValid() const
{
    return m_channel != nullptr;
}

qint64 LoadCaller::nanosSinceOrigin() const
{
    return d->nanosNow();
}

void LoadCaller::start(qint64 intendedNanos)
{
    if (!m_channel) {
        LoadTally::Call call;
        call.latencyNanos = std::max<qint64>(0, d->nanosNow() - intendedNanos);
        call.code = int(grpc::StatusCode::UNAVAILABLE);
        call.message = "no channel";
        d->tally->record(call);
        d->ended();
        return;
    }
    LoadCall *call = nullptr;
    if (d->unary)
        call = new UnaryLoadCall(d, intendedNanos);
    else
        call = new StreamLoadCall(d, intendedNanos);
    d->link(call);
    call->go();
}

void LoadCaller::cancelAll()
{
    std::vector<LoadCall *> held;
    {
        std::lock_guard lock(d->mutex);
        d->cancelling = true;
        for (LoadCall *call = d->live; call; call = call->next) {
            call->hold();
            held.push_back(call);
        }
    }
    // Without the lock: cancelling may run the call's OnDone right here, which unlinks it.
    for (LoadCall *call : held)
        call->context.TryCancel();
    for (LoadCall *call : held)
        call->release();
}

} // namespace wirescope
