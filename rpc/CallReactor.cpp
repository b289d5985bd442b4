#include "rpc/CallReactor.h"

#include "rpc/CallHandle.h"

#include <QMetaObject>

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

} // namespace

qint64 CallShared::elapsed() const
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
        .count();
}

void CallShared::post(CallEvent event)
{
    std::lock_guard lock(mutex);
    pending.append(std::move(event));
    if (drainPosted || !sink)
        return;
    drainPosted = true;
    // Posting is thread-safe; the handle cannot be destroyed meanwhile because its
    // destructor takes this mutex first, and Qt drops events posted to deleted objects.
    CallHandle *handle = sink;
    QMetaObject::invokeMethod(handle, [handle] { handle->drain(); },
                              Qt::QueuedConnection);
}

CallReactor::CallReactor(std::shared_ptr<CallShared> shared)
    : m_shared(std::move(shared))
{
}

void CallReactor::start(grpc::GenericStub *stub, const std::string &method,
                        std::shared_ptr<CallShared> shared)
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
        reactor->StartWritesDone();
    }
}

void CallReactor::OnReadInitialMetadataDone(bool ok)
{
    if (!ok)
        return;
    CallEvent event;
    event.type = CallEvent::Type::Headers;
    event.nanos = m_shared->elapsed();
    event.metadata = toMetadata(m_shared->context.GetServerInitialMetadata());
    m_shared->post(std::move(event));
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
    m_shared->post(std::move(event));
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
    CallEvent event;
    event.type = CallEvent::Type::HalfClosed;
    event.nanos = m_shared->elapsed();
    m_shared->post(std::move(event));
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

void CallReactor::OnDone(const grpc::Status &status)
{
    CallEvent event;
    event.type = CallEvent::Type::Finished;
    event.nanos = m_shared->elapsed();
    event.metadata = toMetadata(m_shared->context.GetServerTrailingMetadata());
    event.status.code = int(status.error_code());
    event.status.message = QString::fromStdString(status.error_message());
    const std::string &details = status.error_details();
    event.status.details = QByteArray(details.data(), qsizetype(details.size()));
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->reactor = nullptr;
        m_shared->outbox.clear();
    }
    m_shared->post(std::move(event));
    delete this;
}

} // namespace wirescope
