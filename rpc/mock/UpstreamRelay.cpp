#include "rpc/mock/UpstreamRelay.h"

#include "model/json/MetadataText.h"
#include "rpc/mock/ServerStream.h"

#include <array>
#include <utility>

namespace wirescope {

namespace {

// Set by the transport for each hop, never forwarded.
bool isHopMetadata(const QByteArray &key)
{
    static const std::array<QByteArray, 4> keys {"user-agent", "content-type", "te", "host"};
    for (const QByteArray &hop : keys) {
        if (key == hop)
            return true;
    }
    return false;
}

} // namespace

std::shared_ptr<UpstreamCall> UpstreamRelay::prepare(
    const Metadata &metadata, std::chrono::system_clock::time_point deadline)
{
    auto call = std::make_shared<UpstreamCall>();
    for (const MetadataPair &entry : metadata) {
        QString ignored;
        if (!isHopMetadata(entry.first) && MetadataText::validate(entry, &ignored))
            call->context.AddMetadata(entry.first.toStdString(), entry.second.toStdString());
    }
    if (deadline != std::chrono::system_clock::time_point::max())
        call->context.set_deadline(deadline);
    return call;
}

UpstreamRelay::UpstreamRelay(std::shared_ptr<UpstreamCall> call, Listener *listener)
    : m_call(std::move(call))
    , m_listener(listener)
{
}

void UpstreamRelay::start(grpc::GenericStub *stub, const std::string &method,
    const std::shared_ptr<UpstreamCall> &call, Listener *listener)
{
    auto *reactor = new UpstreamRelay(call, listener);
    {
        std::lock_guard lock(call->mutex);
        call->reactor = reactor;
    }
    stub->PrepareBidiStreamingCall(&call->context, method, grpc::StubOptions(), reactor);
    reactor->AddHold();
    reactor->StartCall();
    pump(call);
}

void UpstreamRelay::send(const std::shared_ptr<UpstreamCall> &call, const QByteArray &message)
{
    {
        std::lock_guard lock(call->mutex);
        if (!call->sendingOpen || call->halfCloseRequested)
            return;
        call->outbox.push_back(message);
    }
    pump(call);
}

void UpstreamRelay::halfClose(const std::shared_ptr<UpstreamCall> &call)
{
    {
        std::lock_guard lock(call->mutex);
        call->halfCloseRequested = true;
    }
    pump(call);
}

// The reactor is alive while sendingOpen: its hold is only removed after that is cleared.
void UpstreamRelay::pump(const std::shared_ptr<UpstreamCall> &call)
{
    std::unique_lock lock(call->mutex);
    UpstreamRelay *reactor = call->reactor;
    if (!reactor || !call->sendingOpen || call->busyWriting)
        return;
    if (!call->outbox.empty()) {
        reactor->m_write = toByteBuffer(call->outbox.front());
        call->outbox.pop_front();
        call->busyWriting = true;
        lock.unlock();
        reactor->StartWrite(&reactor->m_write);
        return;
    }
    if (call->halfCloseRequested && !call->writesDoneStarted) {
        call->writesDoneStarted = true;
        call->busyWriting = true;
        lock.unlock();
        reactor->StartWritesDone();
    }
}

// Responses are read only once the headers are in, so they always reach the listener first.
void UpstreamRelay::OnReadInitialMetadataDone(bool ok)
{
    if (!ok) {
        closeSending();
        return;
    }
    m_listener->upstreamHeaders(toMetadata(m_call->context.GetServerInitialMetadata()));
    StartRead(&m_read);
}

void UpstreamRelay::OnReadDone(bool ok)
{
    if (!ok) {
        // The upstream has ended the call: nothing sent from now on would be read.
        closeSending();
        return;
    }
    m_listener->upstreamMessage(byteBufferBytes(m_read));
    StartRead(&m_read);
}

void UpstreamRelay::OnWriteDone(bool ok)
{
    {
        std::lock_guard lock(m_call->mutex);
        m_call->busyWriting = false;
        if (!ok)
            m_call->sendingOpen = false;
    }
    if (ok)
        pump(m_call);
    releaseHoldIfIdle();
}

void UpstreamRelay::OnWritesDoneDone(bool)
{
    {
        std::lock_guard lock(m_call->mutex);
        m_call->busyWriting = false;
    }
    closeSending();
}

void UpstreamRelay::closeSending()
{
    {
        std::lock_guard lock(m_call->mutex);
        m_call->sendingOpen = false;
    }
    releaseHoldIfIdle();
}

void UpstreamRelay::releaseHoldIfIdle()
{
    {
        std::lock_guard lock(m_call->mutex);
        if (m_call->sendingOpen || m_call->busyWriting || m_call->holdRemoved)
            return;
        m_call->holdRemoved = true;
    }
    RemoveHold();
}

void UpstreamRelay::OnDone(const grpc::Status &status)
{
    CallStatus outcome;
    outcome.code = int(status.error_code());
    outcome.message = QString::fromStdString(status.error_message());
    const std::string &details = status.error_details();
    outcome.details = QByteArray(details.data(), qsizetype(details.size()));
    const Metadata trailers = toMetadata(m_call->context.GetServerTrailingMetadata());
    {
        std::lock_guard lock(m_call->mutex);
        m_call->reactor = nullptr;
        m_call->outbox.clear();
    }
    Listener *listener = m_listener;
    delete this;
    listener->upstreamFinished(outcome, trailers);
}

} // namespace wirescope
