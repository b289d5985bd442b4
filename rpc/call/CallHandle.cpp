#include "rpc/call/CallHandle.h"

#include "rpc/call/CallReactor.h"

namespace wirescope {

CallHandle::CallHandle(std::shared_ptr<CallShared> shared, QObject *parent)
    : QObject(parent)
    , m_shared(std::move(shared))
{
    std::lock_guard lock(m_shared->mutex);
    m_shared->sink = this;
    // Events may have been queued before the handle existed.
    if (!m_shared->pending.isEmpty() && !m_shared->drainPosted) {
        m_shared->drainPosted = true;
        QMetaObject::invokeMethod(this, &CallHandle::drain, Qt::QueuedConnection);
    }
}

CallHandle::~CallHandle()
{
    std::shared_ptr<CallShared> finishedShare; // dropped here, on the handle's thread
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->sink = nullptr;
        finishedShare = std::move(m_shared->finishedShare);
    }
    if (!m_finished)
        m_shared->context.TryCancel();
}

bool CallHandle::send(const QByteArray &message)
{
    {
        std::unique_lock lock(m_shared->mutex);
        if (m_shared->deferred) {
            lock.unlock();
            return startDeferred(m_shared, message);
        }
        if (!m_shared->reactor || !m_shared->sendingOpen || m_shared->halfCloseRequested)
            return false;
        m_shared->outbox.push_back(message);
    }
    CallReactor::pump(m_shared);
    return true;
}

void CallHandle::halfClose()
{
    {
        std::lock_guard lock(m_shared->mutex);
        if (m_shared->halfCloseRequested)
            return;
        m_shared->halfCloseRequested = true;
    }
    CallReactor::pump(m_shared);
}

void CallHandle::cancel()
{
    {
        std::lock_guard lock(m_shared->mutex);
        if (m_shared->deferred) {
            // Never started: there is no call for gRPC to cancel, so end it here.
            m_shared->deferred.reset();
            CallEvent event;
            event.type = CallEvent::Type::Finished;
            event.status.code = 1; // CANCELLED
            event.status.message = QStringLiteral("cancelled before the request was sent");
            m_shared->pending.append(event);
            if (!m_shared->drainPosted) {
                m_shared->drainPosted = true;
                QMetaObject::invokeMethod(this, &CallHandle::drain, Qt::QueuedConnection);
            }
            return;
        }
    }
    m_shared->context.TryCancel();
}

void CallHandle::drain()
{
    CallEvents batch;
    {
        std::lock_guard lock(m_shared->mutex);
        batch.swap(m_shared->pending);
        m_shared->drainPosted = false;
    }
    if (batch.isEmpty())
        return;
    for (const CallEvent &event : std::as_const(batch)) {
        if (event.type == CallEvent::Type::Finished) {
            m_status = event.status;
            m_finished = true;
        }
    }
    Q_EMIT events(batch);
    if (m_finished && batch.last().type == CallEvent::Type::Finished)
        Q_EMIT finished(m_status);
}

} // namespace wirescope
