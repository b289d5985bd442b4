#include "ui/RequestTab.h"

#include "model/FramesModel.h"
#include "model/JsonErrorLocation.h"
#include "model/MessageFormModel.h"
#include "rpc/CallHandle.h"
#include "rpc/Connection.h"
#include "ui/JsonEditor.h"
#include "ui/MessageFormView.h"
#include "ui/MetadataTable.h"
#include "ui/ResponseView.h"
#include "ui/Theme.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace wirescope {

namespace {
constexpr int ValidateDelayMs = 300;
} // namespace

RequestTab::RequestTab(const QString &methodName, ConnectionProvider provider, QWidget *parent)
    : QWidget(parent)
    , m_methodName(methodName)
    , m_provider(std::move(provider))
    , m_frames(new FramesModel(this))
    , m_form(new MessageFormModel(this))
    , m_validateTimer(new QTimer(this))
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
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(ValidateDelayMs);
    connect(m_validateTimer, &QTimer::timeout, this, &RequestTab::validate);
    connect(m_editor, &QsciScintilla::textChanged, m_validateTimer, qOverload<>(&QTimer::start));
    connect(m_form, &MessageFormModel::messageChanged, this, &RequestTab::onFormChanged);
    updateMethodRow();
    updateButtons();
}

RequestTab::~RequestTab() = default;

QWidget *RequestTab::createRequestPane()
{
    auto *pane = new QWidget(this);
    m_editor = new JsonEditor(pane);
    m_editor->setObjectName(QStringLiteral("requestEditor"));
    m_metadata = new MetadataTable(pane);
    m_metadata->setObjectName(QStringLiteral("metadataTable"));
    m_requestTabs = new QTabWidget(pane);
    m_requestTabs->setDocumentMode(true);
    m_requestTabs->addTab(createBodyTabs(pane), tr("Body"));
    m_requestTabs->addTab(m_metadata, tr("Metadata"));
    connect(m_metadata, &MetadataTable::entriesChanged, this, [this] {
        const int count = m_metadata->enabledCount();
        m_requestTabs->setTabText(1, count ? tr("Metadata (%1)").arg(count) : tr("Metadata"));
    });
    m_validation = new QLabel(pane);
    m_validation->setWordWrap(true);
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_validation->setContentsMargins(4, 0, 4, 0);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(createMethodRow());
    layout->addWidget(createActionRow());
    layout->addWidget(m_requestTabs, 1);
    layout->addWidget(m_validation);
    return pane;
}

// Form and JSON side by side as tabs: two views of one message, so switching loses nothing.
QWidget *RequestTab::createBodyTabs(QWidget *parent)
{
    m_bodyTabs = new QTabWidget(parent);
    m_bodyTabs->setObjectName(QStringLiteral("bodyModeTabs"));
    m_bodyTabs->setDocumentMode(true);
    m_bodyTabs->setTabPosition(QTabWidget::South);
    m_formView = new MessageFormView(m_form, m_bodyTabs);
    m_bodyTabs->addTab(m_formView, tr("Form"));
    m_bodyTabs->addTab(m_editor, tr("JSON"));
    m_bodyTabs->setCurrentWidget(m_editor);
    connect(m_bodyTabs, &QTabWidget::currentChanged, this, [this] {
        // The form must show what was typed a moment ago, not wait for the debounce.
        if (m_validateTimer->isActive())
            validate();
    });
    return m_bodyTabs;
}

QWidget *RequestTab::createMethodRow()
{
    auto *row = new QWidget(this);
    m_kindBadge = new QLabel(row);
    m_methodLabel = new QLabel(row);
    m_methodLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_methodLabel->setTextFormat(Qt::RichText);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(m_kindBadge);
    layout->addWidget(m_methodLabel, 1);
    return row;
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
    m_send->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_sendNext = button(QStringLiteral("sendNextButton"), tr("Send message"),
        tr("Send the body as the next message of the open stream (Ctrl+Shift+Enter)"));
    m_halfClose = button(QStringLiteral("halfCloseButton"), tr("Half-close"),
        tr("Tell the server no more messages follow (Ctrl+Shift+D)"));
    m_cancel = button(QStringLiteral("cancelButton"), tr("Cancel"), tr("Cancel the call (Esc)"));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
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
    return m_methodName.section(u'/', -1);
}

QString RequestTab::body() const
{
    return m_editor->text();
}

void RequestTab::setBody(const QString &body)
{
    m_editor->setText(body);
}

void RequestTab::resetBodyToExample()
{
    if (m_method.isValid())
        m_editor->setText(QString::fromUtf8(m_method.exampleRequest()));
}

void RequestTab::setSchema(const SchemaPtr &schema)
{
    const MethodRef resolved = MethodRef::resolve(schema, m_methodName);
    if (resolved.isValid())
        m_methodName = resolved.fullName();
    m_method = resolved;
    m_form->setType(m_method.schema(), m_method.requestType());
    m_formText.clear();
    // A running call keeps decoding against the snapshot it started with.
    if (!isRunning())
        m_frames->setMethod(m_method);
    m_editor->setCompletionWords(m_method.completionWords());
    if (m_method.isValid() && m_editor->text().trimmed().isEmpty())
        resetBodyToExample();
    m_response->setCallKind(m_method.kind());
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
    m_requestTabs->setCurrentWidget(m_bodyTabs);
    if (m_bodyTabs->currentWidget() == m_formView)
        m_formView->setFocus();
    else
        m_editor->setFocus();
}

bool RequestTab::isRunning() const
{
    return m_handle && !m_handle->isFinished();
}

bool RequestTab::canSendNext() const
{
    return isRunning() && clientStreams(m_method.kind()) && !m_halfClosed;
}

void RequestTab::updateMethodRow()
{
    const bool streaming = clientStreams(m_method.kind());
    m_sendNext->setVisible(streaming);
    m_halfClose->setVisible(streaming);
    if (!m_method.isValid()) {
        m_kindBadge->clear();
        m_methodLabel->setText(
            tr("<b>%1</b> <span style=\"color:%2\">\u2014 not in the loaded schema</span>")
                .arg(m_methodName.toHtmlEscaped(), Theme::mutedTextColor().name(QColor::HexArgb)));
        return;
    }
    m_kindBadge->setPixmap(Theme::callKindIcon(m_method.kind()).pixmap(Theme::badgeSize()));
    m_kindBadge->setToolTip(callKindName(m_method.kind()));
    m_methodLabel->setText(
        QStringLiteral("<b>%1</b> <span style=\"color:%2\">(%3) \u2192 %4</span>")
            .arg(m_methodName.toHtmlEscaped(), Theme::mutedTextColor().name(QColor::HexArgb),
                m_method.requestTypeName(), m_method.responseTypeName()));
}

void RequestTab::updateButtons()
{
    const bool running = isRunning();
    m_send->setEnabled(m_method.isValid());
    m_cancel->setEnabled(running);
    m_sendNext->setEnabled(canSendNext());
    m_halfClose->setEnabled(canSendNext());
    Q_EMIT stateChanged();
}

void RequestTab::validate()
{
    m_validateTimer->stop();
    if (!m_method.isValid()) {
        m_editor->clearError();
        m_validation->setText(tr("Waiting for a schema that defines %1\u2026").arg(m_methodName));
        return;
    }
    QByteArray binary;
    JsonError error;
    const QString text = m_editor->text();
    const QByteArray json = text.toUtf8();
    if (m_method.encodeRequest(json, &binary, &error)) {
        m_editor->clearError();
        m_requestBytes = binary;
        Q_EMIT requestBytesChanged(binary, m_method.requestTypeName());
        if (text != m_formText) {
            m_form->setBinary(binary);
            m_formText = text;
        }
        m_formView->setNotice({});
        m_validation->setText(
            QStringLiteral("<span style=\"color:%1\">\u2713</span> %2")
                .arg(Theme::statusColor(0).name(),
                    tr("Valid %1 (%2 on the wire)")
                        .arg(m_method.requestTypeName(), FramesModel::formatBytes(binary.size()))));
        return;
    }
    const JsonErrorLocation where = JsonErrorLocation::locate(json, error);
    m_editor->showError(where.line, where.column, where.length, error.toString());
    m_validation->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                              .arg(Theme::errorColor().name(), error.toString().toHtmlEscaped()));
    m_formView->setNotice(QStringLiteral("<span style=\"color:%1\">%2</span>")
                              .arg(Theme::errorColor().name(),
                                  tr("The JSON has an error (%1); the form shows the last valid body. "
                                     "Editing the form replaces the JSON.")
                                      .arg(error.toString().toHtmlEscaped())));
}

// A form edit rewrites the JSON; this is the one place the editor's text is replaced
// without the user typing it, so invalid JSON being typed is only lost to a form edit.
void RequestTab::onFormChanged()
{
    m_formText = QString::fromUtf8(m_form->toJson());
    m_editor->setText(m_formText);
    validate();
}

bool RequestTab::encodeBody(QByteArray *binary)
{
    JsonError error;
    if (m_method.encodeRequest(m_editor->text().toUtf8(), binary, &error))
        return true;
    validate();
    m_response->showLocalError(tr("Not sent: %1").arg(error.toString()));
    return false;
}

bool RequestTab::prepareSpec(CallSpec *spec)
{
    QString error;
    if (!m_metadata->metadata(&spec->metadata, &error)) {
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
    QByteArray message;
    CallSpec spec;
    if (!encodeBody(&message) || !prepareSpec(&spec))
        return;
    startCall(spec, message);
}

void RequestTab::startCall(const CallSpec &spec, const QByteArray &firstMessage)
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
    m_handle->send(firstMessage);
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
    QByteArray message;
    if (encodeBody(&message))
        m_handle->send(message);
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
    m_callConnection.reset();
    updateButtons();
    Q_EMIT callFinished(status);
}

} // namespace wirescope
