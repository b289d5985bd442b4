#include "ui/response/ResponseView.h"

#include "model/core/Settings.h"
#include "model/frames/FramesModel.h"
#include "model/json/MetadataText.h"
#include "rpc/call/StatusDetails.h"
#include "ui/request/JsonEditor.h"
#include "ui/response/FramesPanel.h"
#include "ui/response/JsonPathAtCursor.h"
#include "ui/response/SizesPanel.h"
#include "ui/workbench/DeferredPage.h"
#include "ui/workbench/Theme.h"

#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace wirescope {

namespace {
// Rendering more than this into the viewer costs more than anybody reads.
constexpr qsizetype MaxRenderedChars = 2 * 1024 * 1024;
constexpr int RefreshIntervalMs = 80;
} // namespace

ResponseView::ResponseView(FramesModel *frames, QWidget *parent)
    : QWidget(parent)
    , m_frames(frames)
    , m_statusLine(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_refreshTimer(new QTimer(this))
{
    m_statusLine->setObjectName(QStringLiteral("statusLabel"));
    m_statusLine->setTextFormat(Qt::RichText);
    m_statusLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusLine->setContentsMargins(4, 2, 4, 2);
    // A long status message wraps; it never widens the window.
    m_statusLine->setWordWrap(true);
    m_statusLine->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_statusLine->setMinimumWidth(1);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createBodyPage(), tr("Body"));
    m_headers = createMetadataTable(QStringLiteral("responseHeaders"));
    m_trailers = createMetadataTable(QStringLiteral("responseTrailers"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_trailers, tr("Trailers"));
    m_status = new QPlainTextEdit(this);
    m_status->setObjectName(QStringLiteral("responseStatus"));
    m_status->setReadOnly(true);
    m_status->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_status, tr("Status"));
    // Frames and sizes follow the model on their own timers, and are made when first shown
    // (they read the model as it stands then); appended so tab indexes stay.
    m_framesPage = new DeferredPage(
        QStringLiteral("framesPanel"), [this](QWidget *page) { return createFramesPanel(page); }, this);
    m_sizesPage = new DeferredPage(
        QStringLiteral("sizesPanel"), [this](QWidget *page) { return createSizesPanel(page); }, this);
    m_tabs->addTab(m_framesPage, tr("Frames"));
    m_tabs->addTab(m_sizesPage, tr("Sizes"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_statusLine);
    layout->addWidget(m_tabs, 1);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(RefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &ResponseView::refresh);
    refreshStatusLine();
}

QWidget *ResponseView::createBodyPage()
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_frameList = new QWidget(splitter);
    m_followButton = new QToolButton(m_frameList);
    m_followButton->setText(tr("Follow latest"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setAutoRaise(true);
    m_followButton->setToolTip(tr("Show the newest messages as they arrive"));
    m_frameCount = new QLabel(m_frameList);
    m_frameView = new QTreeView(m_frameList);
    m_frameView->setObjectName(QStringLiteral("responseFrames"));
    m_frameView->setModel(m_frames);
    m_frameView->setRootIsDecorated(false);
    m_frameView->setUniformRowHeights(true);
    m_frameView->setAlternatingRowColors(true);
    m_frameView->header()->setStretchLastSection(false);
    // Fixed widths: measuring contents would walk rows on every insert of a long stream.
    m_frameView->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_frameView->header()->setSectionResizeMode(FramesModel::DirectionColumn, QHeaderView::Stretch);
    const int digit = fontMetrics().horizontalAdvance(u'0');
    m_frameView->header()->resizeSection(FramesModel::SeqColumn, digit * 9);
    m_frameView->header()->resizeSection(FramesModel::TimeColumn, digit * 11);
    m_frameView->header()->resizeSection(FramesModel::SizeColumn, digit * 10);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 0, 4, 0);
    bar->addWidget(m_frameCount, 1);
    bar->addWidget(m_followButton);
    auto *listLayout = new QVBoxLayout(m_frameList);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(0);
    listLayout->addLayout(bar);
    listLayout->addWidget(m_frameView);

    m_body = new JsonEditor(splitter);
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setViewer(true);
    m_body->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_body, &QWidget::customContextMenuRequested, this, &ResponseView::showBodyMenu);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    m_frameList->hide();

    connect(m_followButton, &QToolButton::toggled, this, &ResponseView::setFollow);
    connect(m_frameView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (m_frameView->currentIndex().isValid() && QWidget::focusWidget() == m_frameView) {
            m_followButton->setChecked(false);
            showSelectedFrame();
        }
    });
    connect(m_frameView, &QTreeView::clicked, this, [this] {
        m_followButton->setChecked(false);
        showSelectedFrame();
    });
    return splitter;
}

QTableWidget *ResponseView::createMetadataTable(const QString &objectName)
{
    auto *table = new QTableWidget(0, 2, this);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->resizeSection(0, 200);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    return table;
}

void ResponseView::setCallKind(CallKind kind)
{
    m_kind = kind;
    m_frameList->setVisible(kind != CallKind::Unary);
}

void ResponseView::setRenderLimit(int messages)
{
    m_renderLimit = qMax(1, messages);
}

FramesPanel *ResponseView::createFramesPanel(QWidget *page)
{
    auto *panel = new FramesPanel(m_frames, page);
    panel->setObjectName(QStringLiteral("framesPanel"));
    panel->setSettings(m_settings);
    connect(panel, &FramesPanel::frameSelected, this, [this](int row) {
        sizesPanel()->showRow(row);
        // A frame picked on the timeline or in the frames table goes to the wire inspector too.
        const QModelIndex index = m_frames->index(row, 0);
        const QByteArray bytes = index.data(FramesModel::BytesRole).toByteArray();
        if (!bytes.isEmpty())
            Q_EMIT frameSelected(bytes, index.data(FramesModel::IsReceivedRole).toBool());
    });
    return panel;
}

SizesPanel *ResponseView::createSizesPanel(QWidget *page)
{
    auto *panel = new SizesPanel(m_frames, page);
    panel->setObjectName(QStringLiteral("sizesPanel"));
    if (m_draftMethod.isValid())
        panel->setDraft(m_draftMethod, m_draft);
    return panel;
}

FramesPanel *ResponseView::framesPanel() const
{
    return static_cast<FramesPanel *>(m_framesPage->content());
}

SizesPanel *ResponseView::sizesPanel() const
{
    return static_cast<SizesPanel *>(m_sizesPage->content());
}

void ResponseView::setSettings(Settings *settings)
{
    m_settings = settings;
    if (m_framesPage->isMade())
        framesPanel()->setSettings(settings);
}

void ResponseView::setDraftRequest(const MethodRef &method, const QByteArray &binary)
{
    m_draftMethod = method;
    m_draft = binary;
    if (m_sizesPage->isMade())
        sizesPanel()->setDraft(method, binary);
}

void ResponseView::callStarted()
{
    m_print.reset(); // a print still running belongs to the last call
    m_printingRow = -1;
    m_running = true;
    m_headersShown = false;
    m_localError.clear();
    m_clock.start();
    m_followButton->setChecked(true);
    m_body->clear();
    m_status->clear();
    fillTable(m_headers, {});
    fillTable(m_trailers, {});
    m_tabs->setTabText(1, tr("Headers"));
    m_tabs->setTabText(2, tr("Trailers"));
    refresh();
    m_refreshTimer->start();
}

void ResponseView::eventsArrived()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void ResponseView::callFinished()
{
    m_running = false;
    m_refreshTimer->stop();
    refresh();
    const CallStatus &status = m_frames->record().status();
    const Schema *schema = m_frames->method().schema().get();
    m_status->setPlainText(formatStatus(status, schema));
    if (!status.isOk() && m_frames->record().receivedCount() == 0)
        m_tabs->setCurrentWidget(m_status);
    else if (m_tabs->currentWidget() == m_status)
        m_tabs->setCurrentIndex(0);
}

void ResponseView::showLocalError(const QString &message)
{
    m_localError = message;
    refreshStatusLine();
}

void ResponseView::refresh()
{
    refreshStatusLine();
    refreshMetadata();
    refreshBody();
    // While a stream runs the elapsed time keeps moving, so keep ticking.
    if (m_running)
        m_refreshTimer->start(m_frames->record().receivedCount() > 0 ? RefreshIntervalMs : 250);
}

void ResponseView::refreshStatusLine()
{
    const CallRecord &record = m_frames->record();
    if (!m_localError.isEmpty()) {
        m_statusLine->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                                  .arg(Theme::errorColor().name(), m_localError.toHtmlEscaped()));
        return;
    }
    if (!m_running && !record.isFinished()) {
        m_statusLine->setText(tr("No response yet \u2014 press Send (Ctrl+Enter)"));
        return;
    }
    QString head;
    qint64 nanos = record.elapsedNanos();
    if (m_running) {
        head = QStringLiteral("<b>%1</b>").arg(tr("Running\u2026"));
        nanos = m_clock.nsecsElapsed();
    } else {
        head = QStringLiteral("<b style=\"color:%1\">%2</b>")
                   .arg(Theme::statusColor(record.status().code).name(), record.status().codeName());
    }
    QString text = head + QStringLiteral(" \u00b7 ") + FramesModel::formatNanos(nanos);
    text += QStringLiteral(" \u00b7 ") + tr("%n received", nullptr, record.receivedCount());
    if (record.receivedBytes() > 0)
        text += QStringLiteral(" (%1)").arg(FramesModel::formatBytes(record.receivedBytes()));
    if (m_kind == CallKind::ClientStreaming || m_kind == CallKind::Bidi)
        text += QStringLiteral(" \u00b7 ") + tr("%n sent", nullptr, record.sentCount());
    // gRPC's message for a cancel is the code's own name ("CANCELLED"): said once.
    const QString message = record.status().message;
    if (!m_running && !record.status().isOk() && !message.isEmpty()
        && message.compare(record.status().codeName(), Qt::CaseInsensitive) != 0
        && message.compare(QStringLiteral("Cancelled"), Qt::CaseInsensitive) != 0)
        text += QStringLiteral(" \u00b7 ") + message.toHtmlEscaped();
    m_statusLine->setText(text);
}

void ResponseView::refreshMetadata()
{
    const CallRecord &record = m_frames->record();
    if (record.hasHeaders() && !m_headersShown) {
        m_headersShown = true;
        fillTable(m_headers, record.headers());
        m_tabs->setTabText(1, tr("Headers (%1)").arg(record.headers().size()));
    }
    if (record.isFinished()) {
        fillTable(m_trailers, record.trailers());
        m_tabs->setTabText(2, tr("Trailers (%1)").arg(record.trailers().size()));
    }
}

void ResponseView::refreshBody()
{
    const int total = m_frames->rowCount();
    const CallRecord &record = m_frames->record();
    m_frameCount->setText(
        tr("%1 frames: %2 sent, %3 received").arg(total).arg(record.sentCount()).arg(record.receivedCount()));
    if (!m_follow)
        return;
    const QString text = renderLatest();
    if (text == m_body->text())
        return;
    m_body->setText(text);
    if (m_kind == CallKind::Unary)
        return;
    m_body->setCursorPosition(qMax(0, m_body->lines() - 1), 0);
    m_body->ensureLineVisible(m_body->lines() - 1);
    if (total > 0)
        m_frameView->scrollToBottom();
}

// A large message's JSON is printed on a worker (FramesModel::LargeMessageBytes); `shown`
// runs with it once it is at hand, at once when it already is. Only one print runs at a
// time: asking for another row replaces the wish, not the running print.
QString ResponseView::jsonOrPrint(int row, const std::function<void()> &shown)
{
    if (!m_frames->isLargeMessage(row))
        return m_frames->jsonAt(row);
    if (const QString known = m_frames->knownJson(row); !known.isNull())
        return known;
    const auto job = m_frames->printJob(row);
    if (!job)
        return m_frames->jsonAt(row); // its bytes are gone: only a note to print
    m_whenPrinted = shown;
    const QString waiting
        = tr("// printing the %1 message as JSON\u2026").arg(FramesModel::formatBytes(job->bytes.size()));
    if (m_printingRow == row)
        return waiting;
    m_printingRow = row;
    m_print.runLatest([job = *job] { return job.print(); },
        [this, row](const QString &json) {
            m_printingRow = -1;
            m_frames->setJson(row, json);
            if (const auto then = std::exchange(m_whenPrinted, {}))
                then();
        });
    return waiting;
}

QString ResponseView::renderLatest()
{
    const QList<int> rows = m_frames->lastReceivedRows(m_renderLimit);
    const int received = m_frames->record().receivedCount();
    // The rows are the newest received messages, so their numbers count back from the last.
    const auto numberOf = [&rows, received](qsizetype i) { return received - int(rows.size() - i); };
    m_shownMessages.clear();
    if (m_kind == CallKind::Unary || (m_kind == CallKind::ClientStreaming && rows.size() == 1)) {
        if (rows.isEmpty())
            return {};
        m_shownMessages.append(numberOf(0));
        return jsonOrPrint(rows.first(), [this] { refreshBody(); });
    }
    QStringList parts;
    qsizetype size = 0;
    if (received > rows.size())
        parts.append(tr("// showing the newest %1 of %2 messages").arg(rows.size()).arg(received));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const int row = rows.at(i);
        const QModelIndex index = m_frames->index(row, 0);
        // A large message in a stream is printed when its row is selected, not on every batch.
        const QString json = m_frames->isLargeMessage(row) && m_frames->knownJson(row).isNull()
            ? tr("// %1 message: select its row in Frames to see it")
                  .arg(FramesModel::formatBytes(m_frames->bytesAt(row).size()))
            : m_frames->jsonAt(row);
        QString part = QStringLiteral("// ") + index.data(FramesModel::HeadingRole).toString() + u'\n' + json;
        size += part.size();
        if (size > MaxRenderedChars)
            break;
        parts.append(part);
        // Only a message shown as JSON is a value in the text ("//" lines are notes).
        if (!json.startsWith(QStringLiteral("//")))
            m_shownMessages.append(numberOf(i));
    }
    return parts.join(QStringLiteral("\n\n"));
}

void ResponseView::showSelectedFrame()
{
    const QModelIndex index = m_frameView->currentIndex();
    if (!index.isValid())
        return;
    const QModelIndex first = index.siblingAtColumn(0);
    m_shownMessages = {-1};
    if (FramesModel::RowKind(first.data(FramesModel::KindRole).toInt()) == FramesModel::RowKind::Received) {
        // Its number among the received messages: the received frames before it in the call.
        const auto &frames = m_frames->record().frames();
        const qint32 frame = m_frames->rows()[size_t(first.row())].frame;
        int number = 0;
        for (qint32 i = 0; i < frame && size_t(i) < frames.size(); ++i)
            number += frames[size_t(i)].direction == CallRecord::Direction::Received ? 1 : 0;
        m_shownMessages = {number};
    }
    m_body->setText(QStringLiteral("// ") + first.data(FramesModel::HeadingRole).toString() + u'\n'
        + jsonOrPrint(first.row(), [this] { showSelectedFrame(); }));
    Q_EMIT frameSelected(
        first.data(FramesModel::BytesRole).toByteArray(), first.data(FramesModel::IsReceivedRole).toBool());
}

void ResponseView::showBodyMenu(const QPoint &position)
{
    const std::unique_ptr<QMenu> menu(m_body->createStandardContextMenu());
    if (!menu)
        return;
    // Scintilla counts UTF-8 bytes; the scanner counts the text's characters.
    long byte = m_body->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMPOINTCLOSE,
        static_cast<unsigned long>(position.x()), long(position.y()));
    if (byte < 0)
        byte = m_body->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS);
    const int offset = int(QString::fromUtf8(m_body->bytes(0, int(byte))).size());
    const JsonPathAtCursor::Location location = JsonPathAtCursor::at(m_body->text(), offset);
    menu->addSeparator();
    QAction *assertThis = menu->addAction(tr("Assert This"));
    assertThis->setObjectName(QStringLiteral("assertThisAction"));
    assertThis->setEnabled(location.found && m_shownMessages.value(location.valueIndex, -1) >= 0);
    assertThis->setToolTip(
        location.found ? tr("Expect %1 to equal what it holds now").arg(location.path) : QString());
    connect(assertThis, &QAction::triggered, this, [this, offset] { assertAt(offset); });
    QAction *saveStub = menu->addAction(tr("Save Response as Stub\u2026"));
    saveStub->setObjectName(QStringLiteral("saveAsStubAction"));
    saveStub->setToolTip(tr("A mock stub that answers this request with this response"));
    saveStub->setEnabled(m_frames->record().receivedCount() > 0 || m_frames->record().isFinished());
    connect(saveStub, &QAction::triggered, this, &ResponseView::saveAsStubRequested);
    menu->exec(m_body->viewport()->mapToGlobal(position));
}

bool ResponseView::assertAt(int offset)
{
    const JsonPathAtCursor::Location location = JsonPathAtCursor::at(m_body->text(), offset);
    const int number = m_shownMessages.value(location.valueIndex, -1);
    if (!location.found || number < 0)
        return false;
    // The newest message is "last", so the check follows the response as it is sent again.
    const bool newest = number == m_frames->record().receivedCount() - 1;
    Q_EMIT assertRequested(
        location.path, location.value, newest ? QStringLiteral("last") : QString::number(number));
    return true;
}

void ResponseView::setFollow(bool follow)
{
    m_follow = follow;
    if (follow) {
        m_frameView->clearSelection();
        refreshBody();
    }
}

void ResponseView::fillTable(QTableWidget *table, const Metadata &metadata)
{
    table->setRowCount(int(metadata.size()));
    for (int row = 0; row < metadata.size(); ++row) {
        const MetadataPair &entry = metadata[row];
        table->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(entry.first)));
        auto *value = new QTableWidgetItem(MetadataText::displayValue(entry));
        value->setToolTip(value->text());
        table->setItem(row, 1, value);
    }
}

} // namespace wirescope
