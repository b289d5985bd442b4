#include "rpc/mock/ServerStream.h"

#include <grpcpp/alarm.h>

#include <utility>

namespace wirescope {

StreamTracker::Token::Token(std::shared_ptr<StreamTracker> tracker)
    : m_tracker(std::move(tracker))
{
    std::lock_guard lock(m_tracker->m_mutex);
    ++m_tracker->m_live;
}

StreamTracker::Token::~Token()
{
    std::lock_guard lock(m_tracker->m_mutex);
    if (--m_tracker->m_live == 0)
        m_tracker->m_idle.notify_all();
}

void StreamTracker::waitIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_live == 0; });
}

QByteArray byteBufferBytes(const grpc::ByteBuffer &buffer)
{
    grpc::Slice slice;
    if (!buffer.DumpToSingleSlice(&slice).ok())
        return {};
    return QByteArray(reinterpret_cast<const char *>(slice.begin()), qsizetype(slice.size()));
}

grpc::ByteBuffer toByteBuffer(const QByteArray &bytes)
{
    grpc::Slice slice(bytes.constData(), size_t(bytes.size()));
    return grpc::ByteBuffer(&slice, 1);
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

ServerStream::ServerStream(grpc::CallbackServerContext *context, std::shared_ptr<StreamTracker> tracker)
    : m_token(std::move(tracker))
    , m_context(context)
{
}

ServerStream::~ServerStream() = default;

void ServerStream::begin()
{
    StartRead(&m_read);
}

void ServerStream::setHeaders(const Metadata &headers)
{
    std::lock_guard lock(m_mutex);
    if (!m_headersSent)
        m_headers = headers;
}

void ServerStream::queueMessage(const QByteArray &bytes, int delayMs)
{
    Next next;
    {
        std::lock_guard lock(m_mutex);
        if (m_finishQueued)
            return;
        Step step;
        step.delayMs = delayMs;
        step.bytes = bytes;
        m_steps.push_back(std::move(step));
        next = nextLocked();
    }
    perform(next);
}

void ServerStream::queueFinish(const grpc::Status &status, const Metadata &trailers, int delayMs)
{
    Next next;
    {
        std::lock_guard lock(m_mutex);
        if (m_finishQueued)
            return;
        m_finishQueued = true;
        Step step;
        step.finish = true;
        step.delayMs = delayMs;
        step.status = status;
        step.trailers = trailers;
        m_steps.push_back(std::move(step));
        next = nextLocked();
    }
    perform(next);
}

bool ServerStream::finishQueued() const
{
    std::lock_guard lock(m_mutex);
    return m_finishQueued;
}

void ServerStream::addHold()
{
    std::lock_guard lock(m_mutex);
    ++m_holds;
}

void ServerStream::releaseHold()
{
    Next next;
    {
        std::lock_guard lock(m_mutex);
        --m_holds;
        next = nextLocked();
    }
    perform(next);
}

// Decides what to start next and marks it as started, so exactly one thread performs it.
ServerStream::Next ServerStream::nextLocked()
{
    Next next;
    if (m_finishCalled || m_busy || m_waiting || m_arming)
        return next;
    const bool sending = !m_cancelled && !m_writeFailed;
    while (!sending && !m_steps.empty() && !m_steps.front().finish)
        m_steps.pop_front();
    if (m_steps.empty())
        return next;
    Step &step = m_steps.front();
    if (step.finish && m_holds > 0)
        return next;
    if (sending && step.delayMs > 0) {
        next.action = Action::Wait;
        next.deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(step.delayMs);
        step.delayMs = 0;
        m_waiting = true;
        m_arming = true;
        m_alarm = std::make_unique<grpc::Alarm>();
        return next;
    }
    if (sending && !m_headersSent) {
        m_headersSent = true;
        for (const MetadataPair &entry : m_headers)
            m_context->AddInitialMetadata(entry.first.toStdString(), entry.second.toStdString());
        next.headers = m_headers;
        // Sent on their own, so a status without messages still has headers apart from trailers.
        if (step.finish && !m_headers.isEmpty()) {
            next.action = Action::SendHeaders;
            m_busy = true;
            return next;
        }
    }
    if (!step.finish) {
        next.action = Action::Write;
        next.message = std::move(step.bytes);
        m_write = toByteBuffer(next.message);
        m_steps.pop_front();
        m_busy = true;
        return next;
    }
    next.action = Action::Finish;
    next.status = finishLocked(step);
    return next;
}

grpc::Status ServerStream::finishLocked(const Step &step)
{
    m_finishCalled = true;
    if (m_cancelled) {
        m_finalStatus = grpc::Status(grpc::StatusCode::CANCELLED, "the call was cancelled");
    } else {
        m_finalStatus = step.status;
        m_finalTrailers = step.trailers;
        for (const MetadataPair &entry : step.trailers)
            m_context->AddTrailingMetadata(entry.first.toStdString(), entry.second.toStdString());
    }
    m_steps.clear(); // `step` is gone from here on
    return m_finalStatus;
}

void ServerStream::perform(const Next &next)
{
    switch (next.action) {
    case Action::None:
        return;
    case Action::Wait:
        armAlarm(next.deadline);
        return;
    case Action::SendHeaders:
        onHeadersSent(next.headers);
        StartSendInitialMetadata();
        return;
    case Action::Write:
        if (!next.headers.isEmpty())
            onHeadersSent(next.headers);
        onMessageSent(next.message);
        StartWrite(&m_write);
        return;
    case Action::Finish:
        // Last: OnDone may run and delete the stream as soon as this returns.
        Finish(next.status);
        return;
    }
}

// While arming, nothing else starts: the alarm is not replaced under Set() and the stream
// cannot finish. A cancellation that came in meanwhile found nothing to cancel yet.
void ServerStream::armAlarm(std::chrono::system_clock::time_point deadline)
{
    m_alarm->Set(deadline, [this](bool) { onAlarm(); });
    Next next;
    bool cancel = false;
    {
        std::lock_guard lock(m_mutex);
        m_arming = false;
        cancel = m_cancelled && m_waiting;
        if (cancel)
            ++m_holds; // keeps the stream (and the alarm, never replaced once cancelled) alive
        else
            next = nextLocked();
    }
    if (cancel) {
        m_alarm->Cancel();
        releaseHold();
        return;
    }
    perform(next);
}

void ServerStream::onAlarm()
{
    Next next;
    {
        std::lock_guard lock(m_mutex);
        m_waiting = false;
        next = nextLocked();
    }
    perform(next);
}

void ServerStream::OnSendInitialMetadataDone(bool ok)
{
    OnWriteDone(ok); // the headers are one more write in the queue
}

void ServerStream::OnWriteDone(bool ok)
{
    Next next;
    {
        std::lock_guard lock(m_mutex);
        m_busy = false;
        if (!ok)
            m_writeFailed = true;
        next = nextLocked();
    }
    perform(next);
}

void ServerStream::OnReadDone(bool ok)
{
    bool cancelled = false;
    {
        std::lock_guard lock(m_mutex);
        cancelled = m_cancelled;
        ++m_holds;
    }
    if (!ok) {
        // A client that cancels often fails its read before OnCancel arrives: that is not
        // the end of its stream (gRPC marks the context cancelled before this callback).
        if (!cancelled && !context()->IsCancelled())
            onHalfClose();
        releaseHold();
        return;
    }
    onMessage(byteBufferBytes(m_read));
    bool readAgain = false;
    {
        std::lock_guard lock(m_mutex);
        readAgain = !m_finishCalled && !m_cancelled;
    }
    if (readAgain)
        StartRead(&m_read);
    releaseHold();
}

void ServerStream::OnCancel()
{
    grpc::Alarm *alarm = nullptr;
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        if (!m_finishQueued) {
            m_finishQueued = true;
            Step step;
            step.finish = true;
            m_steps.push_back(std::move(step));
        }
        // While it is being armed, armAlarm() cancels it once Set() has returned.
        if (m_waiting && !m_arming)
            alarm = m_alarm.get();
    }
    // OnDone never runs during OnCancel, and no new alarm is set once cancelled.
    if (alarm)
        alarm->Cancel();
    onCancelled();
    Next next;
    {
        std::lock_guard lock(m_mutex);
        next = nextLocked();
    }
    perform(next);
}

void ServerStream::OnDone()
{
    bool cancelled = false;
    {
        std::lock_guard lock(m_mutex);
        cancelled = m_cancelled;
    }
    onFinished(m_finalStatus, m_finalTrailers, cancelled);
    delete this;
}

} // namespace wirescope
