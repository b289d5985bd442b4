#include "rpc/call/CallRunner.h"

#include "rpc/call/CallHandle.h"

namespace wirescope {

CallRunner::CallRunner(QObject *parent)
    : QObject(parent)
{
}

CallRunner::~CallRunner() = default;

bool CallRunner::start(std::shared_ptr<Connection> connection, const CallSpec &spec, CallSnapshot snapshot)
{
    if (m_handle)
        m_handle->deleteLater(); // cancels it if it still runs
    m_handle.clear();
    if (!connection)
        return false;
    m_connection = std::move(connection);
    m_kind = spec.kind;
    m_halfClosed = false;
    m_awaitingFirst = !clientStreams(spec.kind);
    m_lastCall = std::move(snapshot);
    m_lastStatus = CallStatus();
    m_handle = m_connection->startCall(spec, this);
    connect(m_handle, &CallHandle::events, this, &CallRunner::onEvents);
    connect(m_handle, &CallHandle::finished, this, &CallRunner::onFinished);
    return true;
}

bool CallRunner::send(const QByteArray &message, const QString &typedText)
{
    if (!isRunning() || m_halfClosed || !m_handle->send(message))
        return false;
    m_lastCall.addMessage(typedText);
    if (std::exchange(m_awaitingFirst, false))
        halfClose();
    return true;
}

void CallRunner::halfClose()
{
    if (!isRunning() || m_halfClosed)
        return;
    m_handle->halfClose();
    m_halfClosed = true;
}

void CallRunner::cancel()
{
    if (isRunning())
        m_handle->cancel();
}

bool CallRunner::isRunning() const
{
    return m_handle && !m_handle->isFinished();
}

bool CallRunner::canSendNext() const
{
    return isRunning() && clientStreams(m_kind) && !m_halfClosed;
}

void CallRunner::setLastCallConnection(const SavedRequest &context, const QString &resolvedTarget)
{
    m_lastCall.setConnection(context, resolvedTarget);
}

void CallRunner::onEvents(const CallEvents &batch)
{
    if (sender() == m_handle)
        Q_EMIT events(batch);
}

void CallRunner::onFinished(const CallStatus &status)
{
    if (sender() != m_handle)
        return; // a replaced call's last words
    m_lastStatus = status;
    m_connection.reset();
    Q_EMIT finished(status);
}

} // namespace wirescope
