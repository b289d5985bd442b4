#include "ui/response/FramesPanel.h"

#include "model/core/Settings.h"
#include "model/frames/FramesExport.h"
#include "model/frames/FramesModel.h"
#include "model/frames/PayloadSizer.h"
#include "ui/request/JsonEditor.h"
#include "ui/response/TimelineChart.h"
#include "ui/workbench/Theme.h"

#include <QFileDialog>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace wirescope {

namespace {
constexpr int RefreshIntervalMs = 200;
constexpr qsizetype MaxDumpBytes = 64 * 1024; // a longer dump is slower to show than to read

QString messages(qint64 value)
{
    return QLocale().toString(value) + (value == 1 ? QStringLiteral(" msg") : QStringLiteral(" msgs"));
}

QString rate(double perSecond, bool bytes)
{
    return bytes ? FramesModel::formatBytes(qint64(perSecond)) + QStringLiteral("/s")
                 : QLocale().toString(perSecond, 'f', perSecond < 100 ? 1 : 0) + QStringLiteral(" msg/s");
}
} // namespace

FramesPanel::FramesPanel(FramesModel *frames, QWidget *parent)
    : QWidget(parent)
    , m_frames(frames)
    , m_refreshTimer(new QTimer(this))
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_chart = new TimelineChart(m_frames, splitter);
    m_chart->setObjectName(QStringLiteral("timelineChart"));
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("framesTable"));
    setupTable();
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    splitter->addWidget(createDetail());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createToolBar());
    layout->addWidget(splitter, 1);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(RefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &FramesPanel::refreshStats);
    connect(m_frames, &QAbstractItemModel::rowsInserted, this, &FramesPanel::onRowsInserted);
    connect(m_frames, &QAbstractItemModel::modelReset, this, &FramesPanel::onReset);
    connect(m_chart, &TimelineChart::rowClicked, this, &FramesPanel::selectRow);
    refreshStats();
}

QWidget *FramesPanel::createToolBar()
{
    auto *bar = new QWidget(this);
    m_stats = new QLabel(bar);
    m_stats->setObjectName(QStringLiteral("streamStats"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stats->setWordWrap(true);
    m_follow = new QToolButton(bar);
    m_follow->setObjectName(QStringLiteral("followFrames"));
    m_follow->setText(tr("Follow"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest frame in view while the call runs"));
    m_keep = new QSpinBox(bar);
    m_keep->setObjectName(QStringLiteral("keepFramesSpin"));
    m_keep->setRange(0, 100'000'000);
    m_keep->setSingleStep(10'000);
    m_keep->setSpecialValueText(tr("all messages"));
    m_keep->setSuffix(tr(" newest"));
    m_keep->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    // Dropping bytes cannot be undone: apply a typed number once, not digit by digit.
    m_keep->setKeyboardTracking(false);
    m_keep->setToolTip(
        tr("Older messages keep their row, time, size and statistics; only their bytes are dropped"));
    const auto button = [bar](const QString &name, const QString &text, const QString &tip) {
        auto *tool = new QToolButton(bar);
        tool->setObjectName(name);
        tool->setText(text);
        tool->setToolTip(tip);
        return tool;
    };
    auto *fit
        = button(QStringLiteral("fitChartButton"), tr("Fit"), tr("Show the whole call on the timeline"));
    auto *jsonl = button(
        QStringLiteral("exportFramesButton"), tr("Export JSONL\u2026"), tr("Every frame as JSON Lines"));
    auto *png
        = button(QStringLiteral("exportChartButton"), tr("Export PNG\u2026"), tr("The timeline as an image"));
    // The buttons sit in a tool bar so that a narrow response pane folds them into its
    // extension menu instead of widening the window.
    auto *tools = new QToolBar(bar);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (QWidget *widget : std::initializer_list<QWidget *> {m_follow, fit, jsonl, png})
        tools->addWidget(widget);
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Keep bytes of"), bar));
    controls->addWidget(m_keep);
    controls->addStretch(1);
    controls->addWidget(tools, 0, Qt::AlignRight);
    auto *layout = new QVBoxLayout(bar);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addLayout(controls);
    layout->addWidget(m_stats);
    connect(m_keep, &QSpinBox::valueChanged, m_frames, &FramesModel::setKeepFullFrames);
    connect(fit, &QToolButton::clicked, m_chart, &TimelineChart::fitAll);
    connect(jsonl, &QToolButton::clicked, this, &FramesPanel::chooseExportJsonLines);
    connect(png, &QToolButton::clicked, this, &FramesPanel::chooseExportChart);
    return bar;
}

void FramesPanel::setupTable()
{
    // A table, not a tree: QTreeView lays out every row again after each insert, which
    // costs tens of ms once a stream has 200,000 rows.
    m_table->setModel(m_frames);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Fixed widths: measuring contents would walk rows on every insert of a long stream.
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    const int digit = fontMetrics().horizontalAdvance(u'0');
    header->resizeSection(FramesModel::SeqColumn, digit * 9);
    header->resizeSection(FramesModel::DirectionColumn, digit * 13);
    header->resizeSection(FramesModel::TimeColumn, digit * 11);
    header->resizeSection(FramesModel::GapColumn, digit * 11);
    header->resizeSection(FramesModel::SizeColumn, digit * 10);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (!current.isValid())
                return;
            m_follow->setChecked(false);
            showFrame(current.row());
        });
}

QWidget *FramesPanel::createDetail()
{
    auto *detail = new QWidget(this);
    m_frameHeading = new QLabel(tr("Select a frame in the table or on the timeline"), detail);
    m_frameHeading->setObjectName(QStringLiteral("frameHeading"));
    m_frameHeading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_frameHeading->setContentsMargins(4, 2, 4, 2);
    m_json = new JsonEditor(detail);
    m_json->setObjectName(QStringLiteral("frameJson"));
    m_json->setViewer(true);
    m_bytes = new QPlainTextEdit(detail);
    m_bytes->setObjectName(QStringLiteral("frameBytes"));
    m_bytes->setReadOnly(true);
    m_bytes->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_bytes->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detailTabs = new QTabWidget(detail);
    m_detailTabs->setDocumentMode(true);
    m_detailTabs->addTab(m_json, tr("JSON"));
    m_detailTabs->addTab(m_bytes, tr("Bytes"));
    auto *layout = new QVBoxLayout(detail);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_frameHeading);
    layout->addWidget(m_detailTabs, 1);
    return detail;
}

void FramesPanel::selectRow(int row)
{
    if (row < 0 || row >= m_frames->rowCount())
        return;
    m_follow->setChecked(false);
    m_table->scrollTo(m_frames->index(row, 0), QAbstractItemView::PositionAtCenter);
    if (selectedRow() == row)
        showFrame(row);
    else
        m_table->setCurrentIndex(m_frames->index(row, 0)); // shows it through currentRowChanged
}

int FramesPanel::selectedRow() const
{
    return m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
}

namespace {

// The frame's heading followed by its sizes in each encoding (no per-field breakdown).
QString sizeSummary(const QString &heading, const MethodRef &method, const QByteArray &bytes, bool isRequest)
{
    const PayloadSizes sizes = PayloadSizer::measure(*method.schema(),
        isRequest ? method.requestType() : method.responseType(), bytes, PayloadSizer::Detail::Totals);
    if (!sizes.valid)
        return heading + QStringLiteral(" \u00b7 ") + sizes.error;
    return heading
        + FramesPanel::tr(
            " \u00b7 binary %1 (gzip %2) \u00b7 JSON %3 (gzip %4, pretty %5) \u00b7 JSON is %6\u00d7 binary")
              .arg(FramesModel::formatBytes(sizes.binary), FramesModel::formatBytes(sizes.binaryGzip),
                  FramesModel::formatBytes(sizes.jsonCompact),
                  FramesModel::formatBytes(sizes.jsonCompactGzip), FramesModel::formatBytes(sizes.jsonPretty),
                  QLocale().toString(sizes.ratio(), 'f', 2));
}

struct FrameDetail {
    QString json;
    QString summary;
};

} // namespace

void FramesPanel::showFrame(int row)
{
    m_detail.reset();
    m_chart->setSelectedRow(row);
    const QByteArray bytes = m_frames->bytesAt(row);
    m_bytes->setPlainText(bytes.isEmpty() ? tr("(no message bytes in this frame)") : hexDump(bytes));
    const QString heading = m_frames->index(row, 0).data(FramesModel::HeadingRole).toString();
    const FramesModel::Row &entry = m_frames->rows()[size_t(row)];
    const MethodRef &method = m_frames->method();
    if (!FramesModel::isMessage(entry.kind) || bytes.isEmpty() || !method.isValid()) {
        m_frameHeading->setText(heading);
        m_json->setText(m_frames->jsonAt(row));
    } else if (m_frames->isLargeMessage(row)) {
        showLargeFrame(row);
    } else {
        m_frameHeading->setText(
            sizeSummary(heading, method, bytes, entry.kind == FramesModel::RowKind::Sent));
        m_json->setText(m_frames->jsonAt(row));
    }
    Q_EMIT frameSelected(row);
}

// Printing and measuring a message of FramesModel::LargeMessageBytes or more takes long
// enough to be felt, so a worker does both; a newer selection makes its result moot.
void FramesPanel::showLargeFrame(int row)
{
    const auto job = m_frames->printJob(row);
    const QString heading = m_frames->index(row, 0).data(FramesModel::HeadingRole).toString();
    if (!job) {
        m_frameHeading->setText(heading);
        m_json->setText(m_frames->jsonAt(row));
        return;
    }
    m_frameHeading->setText(heading + tr(" \u00b7 measuring\u2026"));
    m_json->setText(
        tr("// printing the %1 message as JSON\u2026").arg(FramesModel::formatBytes(job->bytes.size())));
    const QString known = m_frames->knownJson(row);
    m_detail.run(
        [job = *job, heading, known] {
            return FrameDetail {known.isNull() ? job.print() : known,
                sizeSummary(heading, job.method, job.bytes, job.isRequest)};
        },
        [this, row](const FrameDetail &detail) {
            if (row >= m_frames->rowCount())
                return;
            m_frames->setJson(row, detail.json);
            m_frameHeading->setText(detail.summary);
            m_json->setText(detail.json);
        });
}

void FramesPanel::onRowsInserted()
{
    // The final numbers show at once; while the call runs, a few times a second is enough.
    if (m_frames->record().isFinished()) {
        m_refreshTimer->stop();
        refreshStats();
    } else if (!m_refreshTimer->isActive()) {
        m_refreshTimer->start();
    }
}

void FramesPanel::onReset()
{
    m_detail.reset(); // a large frame still printing belongs to the last call, not this one
    m_follow->setChecked(true);
    m_frameHeading->setText(tr("Select a frame in the table or on the timeline"));
    m_json->clear();
    m_bytes->clear();
    refreshStats();
}

void FramesPanel::refreshStats()
{
    m_stats->setText(statsText());
    if (m_follow->isChecked() && m_frames->rowCount() > 0 && isVisible())
        m_table->scrollToBottom();
}

QString FramesPanel::statsText() const
{
    const StreamStats &stats = m_frames->stats();
    const StreamStats::Direction received = stats.received();
    const StreamStats::Direction sent = stats.sent();
    // A running call shows its last second; a finished one its average over the stream.
    const bool finished = m_frames->record().isFinished();
    const auto rates = [finished](const StreamStats::Direction &d) {
        if (!finished)
            return tr("%1 \u00b7 %2").arg(rate(d.messagesPerSecond, false), rate(d.bytesPerSecond, true));
        return tr("%1 \u00b7 %2 on average")
            .arg(rate(d.averageMessagesPerSecond, false), rate(d.averageBytesPerSecond, true));
    };
    QStringList parts;
    parts << tr("\u2193 %1 \u00b7 %2 \u00b7 %3")
                 .arg(messages(received.messages), FramesModel::formatBytes(received.bytes), rates(received));
    parts << tr("\u2191 %1 \u00b7 %2 \u00b7 %3")
                 .arg(messages(sent.messages), FramesModel::formatBytes(sent.bytes), rates(sent));
    QString text = parts.join(QStringLiteral("    ")) + u'\n';
    parts.clear();
    const StreamStats::Latency gaps = stats.receiveGaps();
    if (gaps.samples > 0) {
        parts << tr("inter-arrival min %1 \u00b7 median %2 \u00b7 p99 %3 \u00b7 max %4")
                     .arg(FramesModel::formatNanos(gaps.min), FramesModel::formatNanos(gaps.median),
                         FramesModel::formatNanos(gaps.p99), FramesModel::formatNanos(gaps.max));
    }
    parts << tr("memory %1 (%2 B/frame + bytes)")
                 .arg(FramesModel::formatBytes(m_frames->memoryBytes()))
                 .arg(FramesModel::bytesPerRowOverhead());
    return text + parts.join(QStringLiteral("    "));
}

bool FramesPanel::exportJsonLines(const QString &path, QString *error)
{
    return FramesExport::write(FramesExport::snapshot(*m_frames), path, error);
}

bool FramesPanel::exportChart(const QString &path)
{
    return m_chart->exportPng(path);
}

void FramesPanel::setSettings(Settings *settings)
{
    if (m_settings) {
        disconnect(m_settings, nullptr, this, nullptr);
        disconnect(m_keep, nullptr, m_settings, nullptr);
    }
    m_settings = settings;
    if (!settings)
        return;
    m_keep->setValue(settings->keepFullFrames());
    connect(m_keep, &QSpinBox::valueChanged, settings, &Settings::setKeepFullFrames);
    connect(settings, &Settings::changed, this, [this] {
        if (m_settings)
            m_keep->setValue(m_settings->keepFullFrames());
    });
}

void FramesPanel::chooseExportJsonLines()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export frames"),
        Settings::documentsDirectory() + QStringLiteral("/frames.jsonl"),
        tr("JSON Lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    // Decoding every message of a long stream takes seconds: do it on a worker.
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        const QString error = watcher->result();
        m_stats->setText(error.isEmpty() ? tr("Exported %1 frames to %2").arg(m_frames->rowCount()).arg(path)
                                         : tr("Export failed: %1").arg(error));
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([snapshot = FramesExport::snapshot(*m_frames), path] {
        QString error;
        FramesExport::write(snapshot, path, &error);
        return error;
    }));
}

void FramesPanel::chooseExportChart()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export timeline"),
        Settings::documentsDirectory() + QStringLiteral("/timeline.png"), tr("PNG images (*.png)"));
    if (!path.isEmpty() && !exportChart(path))
        m_stats->setText(tr("Could not write %1").arg(path));
}

QString FramesPanel::hexDump(const QByteArray &bytes)
{
    QString text;
    const qsizetype shown = std::min(bytes.size(), MaxDumpBytes);
    for (qsizetype offset = 0; offset < shown; offset += 16) {
        const QByteArray line = bytes.mid(offset, 16);
        QString ascii;
        for (const char byte : line)
            ascii += (byte >= 0x20 && byte < 0x7f) ? QChar::fromLatin1(byte) : QChar(u'.');
        text += QStringLiteral("%1  %2  %3\n")
                    .arg(offset, 8, 16, QChar(u'0'))
                    .arg(QString::fromLatin1(line.toHex(' ')), -47)
                    .arg(ascii);
    }
    if (shown < bytes.size())
        text += tr("\u2026 %1 more bytes").arg(bytes.size() - shown);
    return text;
}

} // namespace wirescope
