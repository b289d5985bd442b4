#include "rpc/call/CallReactor.h"

#include "rpc/call/CallHandle.h"

#include <QMetaObject>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <thread>
#include <utility>
#include <vector>

namespace wirescope {

namespace {

QByteArray toBytes(const grpc::ByteBuffer &buffer)
{
    grpc::Slice slice;
    if (!buffer.DumpToSingleSlice(&slice).ok())
        return {};
    return QByteArray(reinterpret_cast<const char *>(slice.begin()), qsizetype(slice.size()));
}

Metadata toMetadata(const std::multimap<grpc::string_ref, grpc::string_ref> &map)
{
    Metadata out;
    out.reserve(qsizetype(map.size()));
    for (const auto &[key, value] : map)
        out.append({QByteArray(key.data(), qsizetype(key.size())),
            QByteArray(value.data(), qsizetype(value.size()))});
    return out;
}

// Set while a reactor finishes, so a call state freed there is counted.
thread_local bool t_finishingReactor = false;
std::atomic<int> g_freedOnGrpcThreads {0};

// One thread that frees what reactors hand it. It is started on first use and, at exit,
// frees whatever is left before it ends.
class Releaser {
public:
    static Releaser &instance()
    {
        static Releaser releaser;
        return releaser;
    }

    void release(std::shared_ptr<CallShared> shared)
    {
        {
            std::lock_guard lock(m_mutex);
            m_queue.push_back(std::move(shared));
        }
        m_wake.notify_one();
    }

    ~Releaser()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }

private:
    Releaser()
        : m_thread([this] { run(); })
    {
    }

    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            std::vector<std::shared_ptr<CallShared>> batch = std::exchange(m_queue, {});
            if (batch.empty() && m_stopping)
                return;
            lock.unlock();
            batch.clear();
            lock.lock();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<std::shared_ptr<CallShared>> m_queue;
    bool m_stopping = false;
    std::thread m_thread; // last: started once everything above exists
};

} // namespace

CallShared::~CallShared()
{
    if (t_finishingReactor)
        ++g_freedOnGrpcThreads;
}

int CallShared::freedOnGrpcThreads()
{
    return g_freedOnGrpcThreads.load();
}

void releaseOffGrpcThreads(std::shared_ptr<CallShared> shared)
{
    {
        CallShared *state = shared.get();
        std::lock_guard lock(state->mutex);
        if (state->sink) {
            state->finishedShare = std::move(shared);
            return;
        }
    }
    Releaser::instance().release(std::move(shared));
}

qint64 CallShared::elapsed() const
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
        .count();
}

void CallShared::post(CallEvent event)
{
    CallEvents one;
    one.append(std::move(event));
    post(std::move(one));
}

void CallShared::post(CallEvents events)
{
    std::lock_guard lock(mutex);
    postLocked(std::move(events));
}

void CallShared::queueLocked(CallEvents events)
{
    if (pending.isEmpty())
        pending.swap(events);
    else
        pending.append(events);
}

void CallShared::announce()
{
    std::lock_guard lock(mutex);
    postLocked({});
}

void CallShared::postLocked(CallEvents events)
{
    queueLocked(std::move(events));
    if (drainPosted || !sink || pending.isEmpty())
        return;
    drainPosted = true;
    // Posting is thread-safe; the handle cannot be destroyed meanwhile because its
    // destructor takes this mutex first, and Qt drops events posted to deleted objects.
    CallHandle *handle = sink;
    QMetaObject::invokeMethod(
        handle, [handle] { handle->drain(); }, Qt::QueuedConnection);
}

CallReactor::CallReactor(std::shared_ptr<CallShared> shared)
    : m_shared(std::move(shared))
{
}

void CallReactor::start(
    grpc::GenericStub *stub, const std::string &method, std::shared_ptr<CallShared> shared)
{
    auto *reactor = new CallReactor(shared);
    {
        std::lock_guard lock(shared->mutex);
        shared->reactor = reactor;
    }
    stub->PrepareBidiStreamingCall(&shared->context, method, grpc::StubOptions(), reactor);
    reactor->AddHold();
    reactor->StartRead(&reactor->m_read);
    reactor->StartCall();
    pump(shared);
}

void CallReactor::pump(const std::shared_ptr<CallShared> &shared)
{
    std::unique_lock lock(shared->mutex);
    CallReactor *reactor = shared->reactor;
    if (!reactor || !shared->sendingOpen || shared->busyWriting)
        return;
    if (!shared->outbox.empty()) {
        QByteArray message = std::move(shared->outbox.front());
        shared->outbox.pop_front();
        shared->busyWriting = true;
        lock.unlock();
        grpc::Slice slice(message.constData(), size_t(message.size()));
        reactor->m_write = grpc::ByteBuffer(&slice, 1);
        CallEvent sent;
        sent.type = CallEvent::Type::Sent;
        sent.nanos = shared->elapsed();
        sent.payload = std::move(message);
        shared->post(std::move(sent));
        reactor->StartWrite(&reactor->m_write);
        return;
    }
    if (shared->halfCloseRequested && !shared->writesDoneStarted) {
        shared->writesDoneStarted = true;
        shared->busyWriting = true;
        lock.unlock();
        // Reported as it goes out, as a message is: its completion can come after the
        // server's answer, which the server could only send once it saw the half-close.
        CallEvent halfClosed;
        halfClosed.type = CallEvent::Type::HalfClosed;
        halfClosed.nanos = shared->elapsed();
        shared->post(std::move(halfClosed));
        reactor->StartWritesDone();
    }
}

void CallReactor::OnReadInitialMetadataDone(bool ok)
{
    CallEvents events;
    if (ok) {
        CallEvent event;
        event.type = CallEvent::Type::Headers;
        event.nanos = m_shared->elapsed();
        event.metadata = toMetadata(m_shared->context.GetServerInitialMetadata());
        events.append(std::move(event));
    }
    std::lock_guard lock(m_shared->mutex);
    m_shared->headersReported = true;
    if (m_shared->heldBack.isEmpty()) {
        if (!events.isEmpty())
            m_shared->postLocked(std::move(events));
        return;
    }
    // The headers came before those messages on the wire; only the callbacks swapped.
    if (!events.isEmpty())
        events.first().nanos = std::min(events.first().nanos, m_shared->heldBack.first().nanos);
    events.append(std::exchange(m_shared->heldBack, {}));
    m_shared->postLocked(std::move(events));
}

void CallReactor::OnReadDone(bool ok)
{
    if (!ok) {
        closeSending();
        return;
    }
    CallEvent event;
    event.type = CallEvent::Type::Received;
    event.nanos = m_shared->elapsed();
    event.payload = toBytes(m_read);
    {
        std::lock_guard lock(m_shared->mutex);
        if (m_shared->headersReported)
            m_shared->postLocked({std::move(event)});
        else
            m_shared->heldBack.append(std::move(event));
    }
    StartRead(&m_read);
}

void CallReactor::OnWriteDone(bool ok)
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->busyWriting = false;
        if (!ok)
            m_shared->sendingOpen = false;
    }
    if (ok)
        pump(m_shared);
    releaseHoldIfIdle();
}

void CallReactor::OnWritesDoneDone(bool)
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->busyWriting = false;
    }
    closeSending();
}

void CallReactor::closeSending()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->sendingOpen = false;
    }
    releaseHoldIfIdle();
}

void CallReactor::releaseHoldIfIdle()
{
    {
        std::lock_guard lock(m_shared->mutex);
        if (m_shared->sendingOpen || m_shared->busyWriting || m_shared->holdRemoved)
            return;
        m_shared->holdRemoved = true;
    }
    RemoveHold();
}

CallEvent finishedEvent(CallShared &shared, const grpc::Status &status)
{
    CallEvent event;
    event.type = CallEvent::Type::Finished;
    event.nanos = shared.elapsed();
    event.metadata = toMetadata(shared.context.GetServerTrailingMetadata());
    event.status.code = int(status.error_code());
    event.status.message = QString::fromStdString(status.error_message());
    const std::string &details = status.error_details();
    event.status.details = QByteArray(details.data(), qsizetype(details.size()));
    return event;
}

void CallReactor::OnDone(const grpc::Status &status)
{
    CallEvent event = finishedEvent(*m_shared, status);
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->reactor = nullptr;
        m_shared->outbox.clear();
        // Messages still waiting for headers that never came go out before the status.
        CallEvents events = std::exchange(m_shared->heldBack, {});
        events.append(std::move(event));
        m_shared->postLocked(std::move(events));
    }
    releaseOffGrpcThreads(std::move(m_shared));
    t_finishingReactor = true;
    delete this;
    t_finishingReactor = false;
}

void CallReactor::startSingle(grpc::GenericStub *stub, const std::string &method,
    std::shared_ptr<CallShared> shared, const QByteArray &request)
{
    auto *reactor = new CallReactor(shared);
    {
        std::lock_guard lock(shared->mutex);
        shared->reactor = reactor;
        shared->sendingOpen = false;
        shared->halfCloseRequested = true;
        shared->writesDoneStarted = true;
        shared->busyWriting = true;
        shared->holdRemoved = true; // no hold: nothing can be sent later
    }
    shared->context.set_initial_metadata_corked(true);
    stub->PrepareBidiStreamingCall(&shared->context, method, grpc::StubOptions(), reactor);
    grpc::Slice slice(request.constData(), size_t(request.size()));
    reactor->m_write = grpc::ByteBuffer(&slice, 1);
    reactor->StartWriteLast(&reactor->m_write, grpc::WriteOptions());
    reactor->StartRead(&reactor->m_read);
    reactor->StartCall();
}

bool startDeferred(const std::shared_ptr<CallShared> &shared, const QByteArray &request)
{
    CallShared::DeferredStart start;
    {
        std::lock_guard lock(shared->mutex);
        if (!shared->deferred)
            return false;
        start = std::move(*shared->deferred);
        shared->deferred.reset();
    }
    // The one request travels with the end-of-stream flag (a unary batch or a corked
    // WriteLast), so the request side is closed as it is sent: report both, in that order,
    // before the reactor can report anything from the server.
    CallEvents events(2);
    events[0].type = CallEvent::Type::Sent;
    events[0].nanos = shared->elapsed();
    events[0].payload = request;
    events[1].type = CallEvent::Type::HalfClosed;
    events[1].nanos = events[0].nanos;
    {
        std::lock_guard lock(shared->mutex);
        shared->queueLocked(std::move(events));
    }
    if (start.unary)
        UnaryCall::start(start.stub.get(), start.method, shared, request);
    else
        CallReactor::startSingle(start.stub.get(), start.method, shared, request);
    // Announced once the request is on its way: waking the handle's thread for them costs
    // the request nothing.
    shared->announce();
    return true;
}

UnaryCall::UnaryCall(std::shared_ptr<CallShared> shared)
    : m_shared(std::move(shared))
{
}

void UnaryCall::start(grpc::GenericStub *stub, const std::string &method, std::shared_ptr<CallShared> shared,
    const QByteArray &request)
{
    auto *call = new UnaryCall(shared);
    grpc::Slice slice(request.constData(), size_t(request.size()));
    call->m_request = grpc::ByteBuffer(&slice, 1);
    stub->UnaryCall(&shared->context, method, grpc::StubOptions(), &call->m_request, &call->m_response,
        [call](const grpc::Status &status) { call->done(status); });
}

void UnaryCall::done(const grpc::Status &status)
{
    CallEvents events;
    const qint64 now = m_shared->elapsed();
    const Metadata headers = toMetadata(m_shared->context.GetServerInitialMetadata());
    if (!headers.isEmpty() || status.ok()) {
        CallEvent event;
        event.type = CallEvent::Type::Headers;
        event.nanos = now;
        event.metadata = headers;
        events.append(std::move(event));
    }
    if (status.ok()) {
        CallEvent event;
        event.type = CallEvent::Type::Received;
        event.nanos = now;
        event.payload = toBytes(m_response);
        events.append(std::move(event));
    }
    events.append(finishedEvent(*m_shared, status));
    m_shared->post(std::move(events));
    releaseOffGrpcThreads(std::move(m_shared));
    t_finishingReactor = true;
    delete this;
    t_finishingReactor = false;
}

} // namespace wirescope
