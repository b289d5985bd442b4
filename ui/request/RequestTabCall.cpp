#include "ui/request/RequestTab.h"

#include "model/frames/FramesModel.h"
#include "rpc/call/CallRunner.h"
#include "ui/request/MetadataTable.h"
#include "ui/request/PreparedMessages.h"
#include "ui/request/RequestBodyEditor.h"
#include "ui/request/TestsEditor.h"
#include "ui/response/ResponseView.h"

#include <QTabWidget>

// A request tab's calls: what is sent is prepared by the tab's RequestDraft (variables
// resolved, metadata validated, the body's messages encoded) and goes out through its
// CallRunner, which records each message in the call's snapshot as it is sent.
namespace wirescope {

// Sends prepared messages into the open stream, or opens one for them; stops at the first
// that cannot go out, saying why, and tells the list how many went.
void RequestTab::sendPrepared(const QStringList &messages)
{
    QList<QByteArray> encoded;
    for (const QString &json : messages) {
        SavedRequest one = request();
        one.body = json;
        QList<QByteArray> binary;
        QStringList typed;
        RequestDraft::Problem problem;
        if (!RequestDraft(one, m_resolver).encodeBody(m_method, &binary, &typed, &problem)) {
            m_response->showLocalError(
                tr("Not sent: prepared message %1: %2").arg(encoded.size() + 1).arg(problem.message));
            break;
        }
        encoded.append(binary.first());
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
        startCall(spec);
    }
    int sent = 0;
    while (sent < encoded.size() && m_runner->send(encoded.at(sent), messages.at(sent)))
        ++sent;
    m_prepared->confirmSent(sent);
}

bool RequestTab::isRunning() const
{
    return m_runner->isRunning();
}

bool RequestTab::canSendNext() const
{
    return m_runner->canSendNext();
}

bool RequestTab::encodeBody(QList<QByteArray> *messages, QStringList *texts)
{
    SavedRequest body = request();
    body.body = m_body->text();
    const RequestDraft draft(body, m_resolver);
    QStringList unresolved;
    const QString wireText = draft.resolve(body.body, &unresolved);
    // The check already encoded this very text (a large body on a worker): no second pass.
    if (unresolved.isEmpty() && m_body->takeChecked(wireText, messages, texts))
        return true;
    RequestDraft::Problem problem;
    if (draft.encodeBody(m_method, messages, texts, &problem))
        return true;
    validate();
    m_response->showLocalError(tr("Not sent: %1").arg(problem.message));
    return false;
}

Metadata RequestTab::resolvedMetadata() const
{
    Metadata out;
    for (const SavedRequest::MetadataItem &entry : m_metadata->entries()) {
        SavedRequest one;
        one.metadata = {entry};
        Metadata valid;
        RequestDraft::Problem ignored;
        if (RequestDraft(one, m_resolver).resolveMetadata(&valid, &ignored))
            out.append(valid);
    }
    return out;
}

bool RequestTab::prepareSpec(CallSpec *spec)
{
    RequestDraft::Problem problem;
    if (!draft().resolveMetadata(&spec->metadata, &problem)) {
        m_response->showLocalError(tr("Not sent: %1").arg(problem.message));
        m_requestTabs->setCurrentWidget(m_metadata);
        return false;
    }
    spec->method = m_method.path();
    spec->kind = m_method.kind();
    spec->deadlineMs = request().deadlineMs;
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
    startCall(spec);
    for (int i = 0; i < messages.size() && m_runner->send(messages.at(i), texts.at(i)); ++i) { }
    updateButtons();
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

void RequestTab::startCall(const CallSpec &spec)
{
    std::shared_ptr<Connection> connection = m_provider ? m_provider() : nullptr;
    if (!connection) {
        m_response->showLocalError(tr("Not sent: no connection; enter a target first"));
        return;
    }
    m_frames->clear();
    m_frames->setMethod(m_method);
    m_runner->start(std::move(connection), spec, draft().snapshot({}));
    m_response->callStarted();
    m_tests->callStarted(m_method);
    Q_EMIT callStarted(); // the window adds where it goes
    updateButtons();
}

void RequestTab::cancel()
{
    m_runner->cancel();
}

void RequestTab::sendNext()
{
    if (!canSendNext())
        return;
    QList<QByteArray> messages;
    QStringList texts;
    if (!encodeBody(&messages, &texts))
        return;
    for (int i = 0; i < messages.size() && m_runner->send(messages.at(i), texts.at(i)); ++i) { }
}

void RequestTab::setLastCallConnection(const SavedRequest &context, const QString &resolvedTarget)
{
    m_runner->setLastCallConnection(context, resolvedTarget);
}

void RequestTab::halfClose()
{
    if (!canSendNext())
        return;
    m_runner->halfClose();
    updateButtons();
}

void RequestTab::onEvents(const CallEvents &batch)
{
    m_frames->apply(batch);
    m_response->eventsArrived();
    m_tests->eventsArrived(batch);
}

void RequestTab::onFinished(const CallStatus &status)
{
    m_response->callFinished();
    m_tests->callFinished();
    updateButtons();
    Q_EMIT callFinished(status);
}

} // namespace wirescope
