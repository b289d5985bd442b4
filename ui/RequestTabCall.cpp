#include "ui/RequestTab.h"

#include "model/FramesModel.h"
#include "model/RequestBodyCheck.h"
#include "rpc/CallHandle.h"
#include "rpc/Connection.h"
#include "ui/JsonEditor.h"
#include "ui/MetadataTable.h"
#include "ui/PreparedMessages.h"
#include "ui/ResponseView.h"

#include <QDoubleSpinBox>
#include <QTabWidget>

// A request tab's calls: encoding what is sent, starting the call, sending into an open
// stream (from the editor or the prepared messages), half-close, cancel, and the events.
namespace wirescope {

// Sends prepared messages into the open stream, or opens one for them; stops at the first
// that cannot go out, saying why, and tells the list how many went.
void RequestTab::sendPrepared(const QStringList &messages)
{
    QList<QByteArray> encoded;
    for (const QString &json : messages) {
        QStringList unresolved;
        const QString text = resolved(json, &unresolved);
        QByteArray binary;
        JsonError error;
        if (!unresolved.isEmpty()) {
            m_response->showLocalError(tr("Not sent: prepared message %1: %2")
                                           .arg(encoded.size() + 1)
                                           .arg(unresolvedMessage(unresolved)));
            break;
        }
        if (!m_method.encodeRequest(text.toUtf8(), &binary, &error)) {
            m_response->showLocalError(
                tr("Not sent: prepared message %1: %2").arg(encoded.size() + 1).arg(error.toString()));
            break;
        }
        encoded.append(binary);
    }
    if (encoded.isEmpty())
        return;
    if (!isRunning()) {
        CallSpec spec;
        if (!m_connectionProblem.isEmpty()) {
            m_response->showLocalError(tr("Not sent: %1").arg(m_connectionProblem));
            return;
        }
        if (!clientStreams(m_method.kind()) || !prepareSpec(&spec))
            return;
        startCall(spec, std::nullopt);
    }
    int sent = 0;
    while (sent < encoded.size() && canSendNext() && m_handle->send(encoded.at(sent)))
        m_lastCall.addMessage(messages.at(sent++));
    m_prepared->confirmSent(sent);
}

bool RequestTab::isRunning() const
{
    return m_handle && !m_handle->isFinished();
}

bool RequestTab::canSendNext() const
{
    return isRunning() && clientStreams(m_method.kind()) && !m_halfClosed;
}

bool RequestTab::encodeBody(QList<QByteArray> *messages, QStringList *texts)
{
    QStringList unresolved;
    const QString typed = m_editor->text();
    const QString text = resolved(typed, &unresolved);
    if (!unresolved.isEmpty()) {
        m_response->showLocalError(tr("Not sent: %1").arg(unresolvedMessage(unresolved)));
        return false;
    }
    // The check already encoded this very text (a large body on a worker): no second pass.
    if (!m_checkedWireText.isNull() && text == m_checkedWireText
        && (m_checkedMessages.isEmpty() || m_checkedTexts.size() == m_checkedMessages.size())) {
        *messages = m_checkedMessages.isEmpty() ? QList<QByteArray> {m_checkedBinary} : m_checkedMessages;
        *texts = m_checkedMessages.isEmpty() ? QStringList {typed} : m_checkedTexts;
        return true;
    }
    const RequestBodyCheck check = RequestBodyCheck::run(m_method, typed, text);
    if (check.ok) {
        *messages = check.messages.isEmpty() ? QList<QByteArray> {check.binary} : check.messages;
        *texts = check.messages.isEmpty() ? QStringList {typed} : check.typedMessages;
        return true;
    }
    validate();
    m_response->showLocalError(tr("Not sent: %1").arg(check.error.toString()));
    return false;
}

Metadata RequestTab::resolvedMetadata() const
{
    Metadata out;
    for (SavedRequest::MetadataItem entry : m_metadata->entries()) {
        if (!entry.enabled)
            continue;
        QStringList unresolved;
        entry.key = resolved(entry.key, &unresolved);
        entry.value = resolved(entry.value, &unresolved);
        Metadata one;
        QString error;
        if (unresolved.isEmpty() && MetadataTable::toMetadata({entry}, &one, &error))
            out.append(one);
    }
    return out;
}

bool RequestTab::prepareSpec(CallSpec *spec)
{
    QStringList unresolved;
    QList<SavedRequest::MetadataItem> entries = m_metadata->entries();
    for (SavedRequest::MetadataItem &entry : entries) {
        if (!entry.enabled)
            continue;
        entry.key = resolved(entry.key, &unresolved);
        entry.value = resolved(entry.value, &unresolved);
    }
    QString error;
    if (!unresolved.isEmpty())
        error = unresolvedMessage(unresolved);
    else
        MetadataTable::toMetadata(entries, &spec->metadata, &error); // sets error on failure
    if (!error.isEmpty()) {
        m_response->showLocalError(tr("Not sent: %1").arg(error));
        m_requestTabs->setCurrentWidget(m_metadata);
        return false;
    }
    spec->method = m_method.path();
    spec->kind = m_method.kind();
    spec->deadlineMs = int(m_deadline->value() * 1000);
    return true;
}

void RequestTab::send()
{
    if (!m_method.isValid())
        return;
    // A conversation in progress goes on: Send (Ctrl+Enter) is its next message, never a
    // new call that would drop it. Cancel ends it first when a new call is wanted.
    if (canSendNext()) {
        sendNext();
        return;
    }
    if (!m_connectionProblem.isEmpty()) {
        m_response->showLocalError(tr("Not sent: %1").arg(m_connectionProblem));
        return;
    }
    QList<QByteArray> messages;
    QStringList texts;
    CallSpec spec;
    if (!encodeBody(&messages, &texts) || !prepareSpec(&spec))
        return;
    startCall(spec, messages.first(), texts.first());
    for (int i = 1; i < messages.size() && canSendNext() && m_handle->send(messages.at(i)); ++i)
        m_lastCall.addMessage(texts.at(i));
}

void RequestTab::runWhole()
{
    send();
    if (!canSendNext())
        return;
    if (m_prepared->unsentCount() > 0)
        m_prepared->sendAll();
    halfClose();
}

void RequestTab::startCall(
    const CallSpec &spec, const std::optional<QByteArray> &firstMessage, const QString &firstText)
{
    if (m_handle)
        m_handle->deleteLater(); // cancels it if it still runs
    m_callConnection = m_provider ? m_provider() : nullptr;
    if (!m_callConnection) {
        m_response->showLocalError(tr("Not sent: no connection; enter a target first"));
        return;
    }
    m_frames->clear();
    m_frames->setMethod(m_method);
    m_halfClosed = false;
    m_handle = m_callConnection->startCall(spec, this);
    connect(m_handle, &CallHandle::events, this, &RequestTab::onEvents);
    connect(m_handle, &CallHandle::finished, this, &RequestTab::onFinished);
    m_response->callStarted();
    m_lastCall = CallSnapshot(request(), {});
    Q_EMIT callStarted(); // the window adds where it goes
    if (firstMessage && m_handle->send(*firstMessage))
        m_lastCall.addMessage(firstText);
    if (!clientStreams(m_method.kind())) {
        m_handle->halfClose();
        m_halfClosed = true;
    }
    updateButtons();
}

void RequestTab::cancel()
{
    if (isRunning())
        m_handle->cancel();
}

void RequestTab::sendNext()
{
    if (!canSendNext())
        return;
    QList<QByteArray> messages;
    QStringList texts;
    if (!encodeBody(&messages, &texts))
        return;
    for (int i = 0; i < messages.size() && canSendNext() && m_handle->send(messages.at(i)); ++i)
        m_lastCall.addMessage(texts.at(i));
}

void RequestTab::setLastCallConnection(const SavedRequest &context, const QString &resolvedTarget)
{
    m_lastCall.setConnection(context, resolvedTarget);
}

void RequestTab::halfClose()
{
    if (!canSendNext())
        return;
    m_handle->halfClose();
    m_halfClosed = true;
    updateButtons();
}

void RequestTab::onEvents(const CallEvents &batch)
{
    if (sender() != m_handle)
        return; // a replaced call's last words
    m_frames->apply(batch);
    m_response->eventsArrived();
}

void RequestTab::onFinished(const CallStatus &status)
{
    if (sender() != m_handle)
        return;
    m_response->callFinished();
    m_lastStatus = status;
    m_callConnection.reset();
    updateButtons();
    Q_EMIT callFinished(status);
}

} // namespace wirescope
