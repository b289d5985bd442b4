#include "ui/request/RequestTab.h"

#include "model/frames/FramesModel.h"
#include "model/json/JsonStream.h"
#include "rpc/call/CallRunner.h"
#include "ui/load/LoadPage.h"
#include "ui/request/MetadataTable.h"
#include "ui/request/MethodRow.h"
#include "ui/request/NoticeBar.h"
#include "ui/request/PreparedMessages.h"
#include "ui/request/RequestBodyEditor.h"
#include "ui/request/TestsEditor.h"
#include "ui/response/ResponseView.h"
#include "ui/workbench/DeferredPage.h"
#include "ui/workbench/Theme.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace wirescope {

RequestTab::RequestTab(const QString &methodName, ConnectionProvider provider, QWidget *parent)
    : QWidget(parent)
    , m_methodName(methodName)
    , m_provider(std::move(provider))
    , m_frames(new FramesModel(this))
    , m_runner(new CallRunner(this))
    , m_scratchKey(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createRequestPane());
    m_response = new ResponseView(m_frames, splitter);
    splitter->addWidget(m_response);
    connect(m_response, &ResponseView::frameSelected, this, [this](const QByteArray &bytes, bool received) {
        const MethodRef &method = m_frames->method();
        Q_EMIT frameSelected(bytes, received ? method.responseTypeName() : method.requestTypeName());
    });
    connect(m_response, &ResponseView::assertRequested, this,
        [this](const QString &path, const QJsonValue &value, const QString &message) {
            m_tests->addAssertion(path, value, message);
            m_requestTabs->setCurrentWidget(m_tests);
        });
    connect(m_response, &ResponseView::saveAsStubRequested, this, &RequestTab::saveAsStubRequested);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_body, &RequestBodyEditor::edited, this, &RequestTab::updateModified);
    connect(m_body, &RequestBodyEditor::checked, this, [this](const QByteArray &binary) {
        Q_EMIT requestBytesChanged(binary, m_method.requestTypeName());
        m_response->setDraftRequest(m_method, binary);
    });
    m_body->setOtherUnresolved([this] { return metadataUnresolved(); });
    connect(m_metadata, &MetadataTable::entriesChanged, m_body, &RequestBodyEditor::validateSoon);
    connect(m_runner, &CallRunner::events, this, &RequestTab::onEvents);
    connect(m_runner, &CallRunner::finished, this, &RequestTab::onFinished);
    connect(m_deadline, &QDoubleSpinBox::valueChanged, this, &RequestTab::updateModified);
    updateMethodRow();
    updateButtons();
}

RequestTab::~RequestTab() = default;

QWidget *RequestTab::createRequestPane()
{
    auto *pane = new QWidget(this);
    m_body = new RequestBodyEditor(pane);
    m_metadata = new MetadataTable(pane);
    m_metadata->setObjectName(QStringLiteral("metadataTable"));
    m_requestTabs = new QTabWidget(pane);
    m_requestTabs->setDocumentMode(true);
    m_requestTabs->addTab(m_body, tr("Body"));
    m_requestTabs->addTab(m_metadata, tr("Metadata"));
    connect(m_metadata, &MetadataTable::entriesChanged, this, [this] {
        const int count = m_metadata->enabledCount();
        m_requestTabs->setTabText(1, count ? tr("Metadata (%1)").arg(count) : tr("Metadata"));
    });
    // Messages prepared in advance for client and bidi streams, sent one by one or all at once.
    m_prepared = new PreparedMessages(pane);
    m_requestTabs->addTab(m_prepared, tr("Prepared"));
    connect(m_prepared, &PreparedMessages::addCurrentRequested, this,
        [this] { m_prepared->addMessage(m_body->text()); });
    connect(m_prepared, &PreparedMessages::loadRequested, this, [this](const QString &json) {
        m_body->setText(json);
        m_requestTabs->setCurrentWidget(m_body);
        m_body->showJson();
        validate();
    });
    connect(m_prepared, &PreparedMessages::sendRequested, this, &RequestTab::sendPrepared);
    // What the response must hold: checked after each call, saved with the request.
    m_tests = new TestsEditor(pane);
    m_tests->setObjectName(QStringLiteral("testsEditor"));
    m_requestTabs->addTab(m_tests, m_tests->tabTitle());
    connect(m_tests, &TestsEditor::changed, this, &RequestTab::updateModified);
    connect(m_tests, &TestsEditor::titleChanged, this,
        [this](const QString &title) { m_requestTabs->setTabText(m_requestTabs->indexOf(m_tests), title); });
    // The same request under load: a run starts from what Send would send.
    m_loadPage = new DeferredPage(
        QStringLiteral("loadPage"), [this](QWidget *page) { return createLoadPage(page); }, pane);
    m_requestTabs->addTab(m_loadPage, tr("Load"));
    connect(m_prepared, &PreparedMessages::messagesChanged, this, [this] {
        const int count = m_prepared->count();
        m_requestTabs->setTabText(
            m_requestTabs->indexOf(m_prepared), count ? tr("Prepared (%1)").arg(count) : tr("Prepared"));
        updateModified();
    });

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_notice = new NoticeBar(pane);
    layout->addWidget(m_notice);
    m_methodRow = new MethodRow(pane);
    layout->addWidget(m_methodRow);
    layout->addWidget(createActionRow());
    layout->addWidget(m_requestTabs, 1);
    layout->addWidget(m_body->validationLabel());
    return pane;
}

void RequestTab::showNotice(const QString &text, const QList<NoticeAction> &actions)
{
    m_notice->showMessage(text, actions);
}

QString RequestTab::noticeText() const
{
    return m_notice->text();
}

LoadPage *RequestTab::createLoadPage(QWidget *page)
{
    auto *load = new LoadPage(page);
    load->setObjectName(QStringLiteral("loadPage"));
    load->setMethod(m_method);
    load->setHistory(m_loadHistory);
    load->setSource([this] {
        return LoadPage::Source {
            request(), m_resolver, m_method, m_provider ? m_provider() : nullptr, m_connectionProblem};
    });
    connect(load, &LoadPage::runningChanged, this, [this](bool running) {
        m_requestTabs->setTabText(
            m_requestTabs->indexOf(m_loadPage), running ? tr("Load \u25cf") : tr("Load"));
    });
    connect(load, &LoadPage::started, this, &RequestTab::loadStarted);
    connect(load, &LoadPage::finished, this, &RequestTab::loadFinished);
    return load;
}

LoadPage *RequestTab::loadPage() const
{
    return static_cast<LoadPage *>(m_loadPage->content());
}

void RequestTab::setLoadHistory(const History *history)
{
    m_loadHistory = history;
    if (m_loadPage->isMade())
        loadPage()->setHistory(history);
}

QWidget *RequestTab::createActionRow()
{
    auto *row = new QWidget(this);
    const auto button = [row](const QString &name, const QString &text, const QString &tip) {
        auto *b = new QPushButton(text, row);
        b->setObjectName(name);
        b->setToolTip(tip);
        b->setAutoDefault(false);
        return b;
    };
    m_send = button(QStringLiteral("sendButton"), tr("Send"), tr("Start the call (Ctrl+Enter)"));
    m_send->setIcon(Theme::glyphIcon(Theme::Glyph::Send));
    m_sendNext = button(QStringLiteral("sendNextButton"), tr("Send message"),
        tr("Send the body as the next message of the open stream (Ctrl+Shift+Enter)"));
    m_halfClose = button(QStringLiteral("halfCloseButton"), tr("Half-close"),
        tr("Tell the server no more messages follow (Ctrl+Shift+D)"));
    m_cancel = button(QStringLiteral("cancelButton"), tr("Cancel"), tr("Cancel the call (Esc)"));
    m_cancel->setIcon(Theme::glyphIcon(Theme::Glyph::Stop));
    m_deadline = new QDoubleSpinBox(row);
    m_deadline->setObjectName(QStringLiteral("deadlineSpin"));
    m_deadline->setRange(0, 24 * 3600);
    m_deadline->setDecimals(1);
    m_deadline->setSuffix(tr(" s"));
    m_deadline->setSpecialValueText(tr("No deadline"));
    m_deadline->setToolTip(tr("Deadline in seconds; 0 means none"));
    connect(m_send, &QPushButton::clicked, this, &RequestTab::send);
    connect(m_sendNext, &QPushButton::clicked, this, &RequestTab::sendNext);
    connect(m_halfClose, &QPushButton::clicked, this, &RequestTab::halfClose);
    connect(m_cancel, &QPushButton::clicked, this, &RequestTab::cancel);

    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(4, 0, 4, 0);
    for (QPushButton *b : {m_send, m_sendNext, m_halfClose, m_cancel})
        layout->addWidget(b);
    layout->addStretch(1);
    layout->addWidget(new QLabel(tr("Deadline:"), row));
    layout->addWidget(m_deadline);
    return row;
}

QString RequestTab::title() const
{
    if (!m_originPath.isEmpty() && !m_saved.name.isEmpty())
        return m_saved.name;
    return m_methodName.section(u'/', -1);
}

void RequestTab::setVariableResolver(VariableResolver resolver)
{
    m_resolver = std::move(resolver);
    m_body->setVariables(m_resolver);
    validate();
}

RequestDraft RequestTab::draft() const
{
    return RequestDraft(request(), m_resolver);
}

const CallSnapshot &RequestTab::lastCall() const
{
    return m_runner->lastCall();
}

bool RequestTab::isChecking() const
{
    return m_body->isChecking();
}

QByteArray RequestTab::requestBytes() const
{
    return m_body->requestBytes();
}

SavedRequest RequestTab::request() const
{
    SavedRequest request;
    request.name = m_saved.name;
    request.method = m_methodName;
    request.body = JsonStream::join(m_body->text(), m_prepared->messages());
    request.metadata = m_metadata->entries();
    request.deadlineMs = int(qRound(m_deadline->value() * 1000));
    request.expect = m_tests->expectations();
    request.capture = m_tests->captures();
    return request;
}

// A saved stream's body holds several JSON values: the first goes to the editor, the rest
// become prepared messages, and request() joins them back.
void RequestTab::setRequest(const SavedRequest &request)
{
    QByteArray leftover;
    const QList<QByteArray> values = JsonStream::split(request.body.toUtf8(), &leftover);
    QString editorText = request.body;
    QStringList prepared;
    if (values.size() > 1 && leftover.trimmed().isEmpty()) {
        editorText = QString::fromUtf8(values.first());
        for (qsizetype i = 1; i < values.size(); ++i)
            prepared.append(QString::fromUtf8(values[i]));
    }
    m_prepared->setMessages(prepared);
    if (editorText != m_body->text())
        m_body->setText(editorText);
    m_metadata->setEntries(request.metadata);
    m_deadline->setValue(request.deadlineMs / 1000.0);
    m_tests->setExpectations(request.expect, request.capture);
    validate();
}

void RequestTab::setConnectionTemplate(const SavedRequest &request)
{
    m_connectionTemplate = SavedRequest();
    m_connectionTemplate.target = request.target;
    m_connectionTemplate.tls = request.tls;
}

void RequestTab::setConnectionProblem(const QString &problem)
{
    if (problem == m_connectionProblem)
        return;
    m_connectionProblem = problem;
    if (!problem.isEmpty())
        showNotice(tr("Not sent until resolved: %1").arg(problem));
    else if (noticeText().startsWith(tr("Not sent until resolved: ")))
        showNotice(QString());
}

void RequestTab::setOrigin(const QString &path, const SavedRequest &saved)
{
    m_originPath = path;
    m_saved = saved;
    m_wasModified = isModified();
    Q_EMIT stateChanged();
}

bool RequestTab::isModified() const
{
    if (m_originPath.isEmpty())
        return false;
    const SavedRequest now = request();
    return now.method != m_saved.method
        || JsonStream::normalized(now.body) != JsonStream::normalized(m_saved.body)
        || now.metadata != m_saved.metadata || now.deadlineMs != m_saved.deadlineMs
        || now.expect != m_saved.expect || now.capture != m_saved.capture;
}

void RequestTab::setSettings(Settings *settings)
{
    m_response->setSettings(settings);
}

void RequestTab::updateModified()
{
    const bool modified = isModified();
    if (modified == m_wasModified)
        return;
    m_wasModified = modified;
    Q_EMIT stateChanged();
}

qint64 RequestTab::lastElapsedMs() const
{
    const auto &rows = m_frames->rows();
    return rows.empty() ? 0 : rows.back().nanos / 1000000;
}

QString RequestTab::lastResponseSummary() const
{
    const QList<int> last = m_frames->lastReceivedRows(1);
    if (!last.isEmpty()) {
        const int row = last.first();
        // A large message is not printed again for a summary: its JSON if at hand, else its size.
        if (m_frames->isLargeMessage(row) && m_frames->knownJson(row).isNull())
            return tr("%1 message").arg(FramesModel::formatBytes(m_frames->bytesAt(row).size()));
        return m_frames->jsonAt(row);
    }
    const CallStatus &status = m_runner->lastStatus();
    if (status.code < 0)
        return {};
    return status.message.isEmpty() ? status.codeName()
                                    : status.codeName() + QStringLiteral(": ") + status.message;
}

QString RequestTab::body() const
{
    return m_body->text();
}

void RequestTab::setBody(const QString &body)
{
    m_body->setText(body);
}

void RequestTab::resetBodyToExample()
{
    if (m_method.isValid())
        m_body->setText(QString::fromUtf8(m_method.exampleRequest()));
}

void RequestTab::setSchema(const SchemaPtr &schema)
{
    const MethodRef resolved = MethodRef::resolve(schema, m_methodName);
    if (resolved.isValid())
        m_methodName = resolved.fullName();
    m_method = resolved;
    m_body->setMethod(m_method, m_methodName);
    // A running call keeps decoding against the snapshot it started with.
    if (!isRunning())
        m_frames->setMethod(m_method);
    if (m_method.isValid() && m_body->text().trimmed().isEmpty())
        resetBodyToExample();
    m_response->setCallKind(m_method.kind());
    m_tests->setResponseType(m_method.responseType());
    if (m_loadPage->isMade())
        loadPage()->setMethod(m_method);
    updateMethodRow();
    updateButtons();
    validate();
}

void RequestTab::setRenderLimit(int messages)
{
    m_response->setRenderLimit(messages);
}

void RequestTab::focusEditor()
{
    m_requestTabs->setCurrentWidget(m_body);
    m_body->focusBody();
}

void RequestTab::updateMethodRow()
{
    const bool streaming = clientStreams(m_method.kind());
    m_sendNext->setVisible(streaming);
    m_halfClose->setVisible(streaming);
    m_requestTabs->setTabVisible(m_requestTabs->indexOf(m_prepared), streaming || m_prepared->count() > 0);
    m_methodRow->setMethod(m_method, m_methodName);
}

void RequestTab::updateButtons()
{
    const bool running = isRunning();
    m_send->setEnabled(m_method.isValid());
    m_cancel->setEnabled(running);
    m_sendNext->setEnabled(canSendNext());
    m_halfClose->setEnabled(canSendNext());
    // With no call running, the prepared messages open a stream of their own.
    m_prepared->setSendEnabled(
        canSendNext() || (!running && m_method.isValid() && clientStreams(m_method.kind())));
    Q_EMIT stateChanged();
}

void RequestTab::validate()
{
    m_body->validate();
}

QStringList RequestTab::metadataUnresolved() const
{
    const RequestDraft variables({}, m_resolver);
    QStringList unresolved;
    for (const SavedRequest::MetadataItem &entry : m_metadata->entries()) {
        if (entry.enabled) {
            variables.resolve(entry.key, &unresolved);
            variables.resolve(entry.value, &unresolved);
        }
    }
    unresolved.removeDuplicates();
    return unresolved;
}

} // namespace wirescope
