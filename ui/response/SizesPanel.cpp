#include "ui/response/SizesPanel.h"

#include "model/frames/FramesModel.h"
#include "ui/response/SizeBarChart.h"
#include "ui/response/TimelineChart.h"
#include "ui/workbench/Theme.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTabBar>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <vector>

namespace wirescope {

namespace {

constexpr int ChunkRows = 20'000; // ~0.1-0.2 s of work per chunk on a worker
constexpr int RefreshIntervalMs = 300;
// The breakdown copies the message once per field it has set, so from this size on it runs
// on a worker.
constexpr qsizetype WorkerMeasureBytes = 32 * 1024;

enum FieldColumn {
    NameColumn,
    NumberColumn,
    BinaryColumn,
    BinaryPartsColumn,
    JsonColumn,
    JsonPartsColumn,
    RatioColumn,
    NoteColumn
};

QString ratioText(qint64 json, qint64 binary)
{
    return binary > 0 ? QLocale().toString(double(json) / double(binary), 'f', 2) + u'\u00d7' : QString();
}

QColor tint(const QColor &color, bool light)
{
    return light ? color.lighter(Theme::isDark() ? 140 : 150) : color;
}

struct Job {
    QByteArray bytes; // empty when not kept
    qint64 size = 0;
    bool received = false;
    bool kept = false;
};

// The six sizes as bars, binary first; ratios are against binary.
QList<SizeBarChart::Bar> sizeBars(
    qint64 binary, qint64 binaryGzip, qint64 compact, qint64 compactGzip, qint64 pretty, qint64 prettyGzip)
{
    const QColor binaryColor = TimelineChart::receivedColor();
    const QColor json = TimelineChart::sentColor();
    return {{SizesPanel::tr("binary"), binary, binaryColor},
        {SizesPanel::tr("binary gzip"), binaryGzip, tint(binaryColor, true)},
        {SizesPanel::tr("JSON compact"), compact, json},
        {SizesPanel::tr("JSON compact gzip"), compactGzip, tint(json, true)},
        {SizesPanel::tr("JSON pretty"), pretty, json.darker(125)},
        {SizesPanel::tr("JSON pretty gzip"), prettyGzip, tint(json.darker(125), true)}};
}

} // namespace

SizesPanel::SizesPanel(FramesModel *frames, QWidget *parent)
    : QWidget(parent)
    , m_frames(frames)
    , m_heading(new QLabel(this))
    , m_messageChart(new SizeBarChart(this))
    , m_fields(new QTreeWidget(this))
    , m_refreshTimer(new QTimer(this))
{
    m_heading->setObjectName(QStringLiteral("sizesHeading"));
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_heading->setWordWrap(true);
    m_messageChart->setObjectName(QStringLiteral("messageSizesChart"));
    setupFields();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_heading);
    layout->addWidget(m_messageChart);
    layout->addWidget(m_fields, 1);
    layout->addWidget(createTotals());

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(RefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        if (m_pinnedRow < 0)
            refreshMessage();
        startChunk();
        refreshTotals();
    });
    connect(m_frames, &QAbstractItemModel::rowsInserted, this, &SizesPanel::onRowsChanged);
    connect(m_frames, &QAbstractItemModel::modelReset, this, &SizesPanel::onReset);
    onReset();
}

SizesPanel::~SizesPanel() = default;

QWidget *SizesPanel::createTotals()
{
    auto *box = new QWidget(this);
    auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Whole call")), box);
    m_totalsScope = new QTabBar(box);
    m_totalsScope->setObjectName(QStringLiteral("totalsScope"));
    m_totalsScope->setDrawBase(false);
    m_totalsScope->setExpanding(false);
    // Tab indexes are Scope values.
    m_totalsScope->addTab(tr("Sent and received"));
    m_totalsScope->addTab(tr("\u2191 Sent"));
    m_totalsScope->addTab(tr("\u2193 Received"));
    m_totalChart = new SizeBarChart(box);
    m_totalChart->setObjectName(QStringLiteral("callSizesChart"));
    m_totalsLabel = new QLabel(box);
    m_totalsLabel->setObjectName(QStringLiteral("sizesTotals"));
    m_totalsLabel->setWordWrap(true);
    m_totalsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *heading = new QHBoxLayout;
    heading->addWidget(title);
    heading->addWidget(m_totalsScope);
    heading->addStretch(1);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(heading);
    layout->addWidget(m_totalChart);
    layout->addWidget(m_totalsLabel);
    connect(m_totalsScope, &QTabBar::currentChanged, this, &SizesPanel::refreshTotals);
    return box;
}

SizeTotals SizesPanel::Totals::of(Scope scope) const
{
    switch (scope) {
    case Scope::Sent:
        return sent;
    case Scope::Received:
        return received;
    case Scope::Call:
        break;
    }
    return call();
}

void SizesPanel::setTotalsScope(Scope scope)
{
    m_totalsScope->setCurrentIndex(int(scope));
}

SizesPanel::Scope SizesPanel::totalsScope() const
{
    return Scope(std::max(0, m_totalsScope->currentIndex()));
}

void SizesPanel::setupFields()
{
    m_fields->setObjectName(QStringLiteral("sizesFields"));
    m_fields->setColumnCount(NoteColumn + 1);
    m_fields->setHeaderLabels({tr("Field"), tr("#"), tr("Binary"), tr("tag+len+value"), tr("JSON"),
        tr("key+value"), tr("JSON \u00f7 binary"), tr("Why they differ")});
    m_fields->setAlternatingRowColors(true);
    m_fields->setUniformRowHeights(true);
    QHeaderView *header = m_fields->header();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    const int digit = fontMetrics().horizontalAdvance(u'0');
    header->resizeSection(NameColumn, digit * 16);
    header->resizeSection(NumberColumn, digit * 4);
    header->resizeSection(BinaryColumn, digit * 9);
    header->resizeSection(JsonColumn, digit * 9);
    header->resizeSection(RatioColumn, digit * 12);
    header->resizeSection(NoteColumn, digit * 48);
    header->resizeSection(BinaryPartsColumn, digit * 14);
    header->resizeSection(JsonPartsColumn, digit * 11);
    // Read left to right: the sizes, their ratio and why they differ; the parts come last.
    header->moveSection(header->visualIndex(JsonColumn), header->visualIndex(BinaryPartsColumn));
    header->moveSection(header->visualIndex(RatioColumn), header->visualIndex(BinaryPartsColumn));
    header->moveSection(header->visualIndex(NoteColumn), header->visualIndex(BinaryPartsColumn));
}

void SizesPanel::showRow(int row)
{
    m_pinnedRow = row;
    refreshMessage();
}

void SizesPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshMessage();
    startChunk();
    refreshTotals();
}

void SizesPanel::onRowsChanged()
{
    if (isVisible() && !m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void SizesPanel::onReset()
{
    m_chunks.reset();
    m_measure.reset();
    m_totals = Totals();
    m_counter = std::make_shared<CallSizeCounter>();
    m_accountedRows = 0;
    m_pinnedRow = -1;
    m_shownRow = -2; // nothing shown: the draft, if any, shows when visible
    showDraft();
    refreshTotals();
}

int SizesPanel::newestMessageRow() const
{
    const auto &rows = m_frames->rows();
    int newestSent = -1;
    for (int row = int(rows.size()) - 1; row >= 0; --row) {
        if (rows[size_t(row)].kind == FramesModel::RowKind::Received)
            return row;
        if (newestSent < 0 && rows[size_t(row)].kind == FramesModel::RowKind::Sent)
            newestSent = row;
    }
    return newestSent;
}

void SizesPanel::setDraft(const MethodRef &method, const QByteArray &binary)
{
    m_draftMethod = method;
    m_draft = binary;
    if (m_pinnedRow < 0 && newestMessageRow() < 0) {
        m_shownRow = -2; // shown again, though still no row
        refreshMessage();
    }
}

void SizesPanel::refreshMessage()
{
    const int row = m_pinnedRow >= 0 && m_pinnedRow < m_frames->rowCount() ? m_pinnedRow : newestMessageRow();
    if (row == m_shownRow || !isVisible())
        return;
    m_shownRow = row;
    m_measure.reset();
    if (row < 0)
        return showDraft();
    const FramesModel::Row &entry = m_frames->rows()[size_t(row)];
    const QString heading = m_frames->index(row, 0).data(FramesModel::HeadingRole).toString();
    const MethodRef &method = m_frames->method();
    if (!FramesModel::isMessage(entry.kind) || !m_frames->hasBytes(row) || !method.isValid()) {
        m_heading->setText(heading);
        m_messageChart->setPlaceholder(FramesModel::isMessage(entry.kind)
                ? tr("The bytes of this message were not kept")
                : tr("Not a message: no payload to measure"));
        m_fields->clear();
        return;
    }
    const bool isRequest = entry.kind == FramesModel::RowKind::Sent;
    const auto *type = isRequest ? method.requestType() : method.responseType();
    m_heading->setText(
        QStringLiteral("<b>%1</b> \u00b7 %2%3")
            .arg(heading.toHtmlEscaped(), QString::fromStdString(std::string(type->full_name())),
                m_pinnedRow < 0 ? tr(" \u00b7 the newest message (select a frame to pin another)")
                                : QString()));
    measureMessage(method, isRequest, m_frames->bytesAt(row));
}

// Before any message went either way, the request in the editor is what there is to measure.
void SizesPanel::showDraft()
{
    if (m_draft.isNull() || !m_draftMethod.isValid()) {
        m_heading->setText(tr("No message yet"));
        m_messageChart->setPlaceholder(tr("Send a request to compare its binary and JSON sizes"));
        m_fields->clear();
        return;
    }
    m_heading->setText(tr("<b>The request in the editor</b> \u00b7 %1 \u00b7 not sent yet")
                           .arg(m_draftMethod.requestTypeName().toHtmlEscaped()));
    measureMessage(m_draftMethod, true, m_draft);
}

void SizesPanel::measureMessage(const MethodRef &method, bool isRequest, const QByteArray &bytes)
{
    const auto *type = isRequest ? method.requestType() : method.responseType();
    if (bytes.size() < WorkerMeasureBytes)
        return showSizes(PayloadSizer::measure(*method.schema(), type, bytes));
    m_fields->clear();
    m_messageChart->setPlaceholder(
        tr("Measuring the %1 message\u2026").arg(FramesModel::formatBytes(bytes.size())));
    m_measure.run([method, type, bytes] { return PayloadSizer::measure(*method.schema(), type, bytes); },
        [this](const PayloadSizes &sizes) { showSizes(sizes); });
}

void SizesPanel::showSizes(const PayloadSizes &sizes)
{
    m_fields->clear();
    if (!sizes.valid) {
        m_messageChart->setPlaceholder(sizes.error);
        return;
    }
    m_messageChart->setBars(sizeBars(sizes.binary, sizes.binaryGzip, sizes.jsonCompact, sizes.jsonCompactGzip,
                                sizes.jsonPretty, sizes.jsonPrettyGzip),
        sizes.binary);
    for (const FieldSize &field : sizes.fields)
        addField(nullptr, field);
    auto *punctuation = new QTreeWidgetItem(m_fields,
        {tr("{ } , (JSON punctuation)"), QString(), QString(), QString(),
            FramesModel::formatBytes(sizes.jsonPunctuation)});
    auto *total = new QTreeWidgetItem(m_fields,
        {tr("Total"), QString(), FramesModel::formatBytes(sizes.binary), QString(),
            FramesModel::formatBytes(sizes.jsonCompact), QString(),
            ratioText(sizes.jsonCompact, sizes.binary)});
    QFont bold = total->font(0);
    bold.setBold(true);
    for (int column = 0; column <= NoteColumn; ++column) {
        total->setFont(column, bold);
        total->setTextAlignment(
            column, column >= BinaryColumn ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft);
        punctuation->setTextAlignment(
            column, column >= BinaryColumn ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft);
    }
    m_fields->expandToDepth(0);
    // The reasons are read, not skimmed: the column is as wide as the longest one it shows
    // (never narrower than it starts), and the tree scrolls sideways past it.
    const int least = fontMetrics().horizontalAdvance(u'0') * 48;
    m_fields->resizeColumnToContents(NoteColumn);
    m_fields->header()->resizeSection(
        NoteColumn, std::max(least, m_fields->header()->sectionSize(NoteColumn)));
}

void SizesPanel::addField(QTreeWidgetItem *parent, const FieldSize &field)
{
    const bool element = field.number < 0;
    const QStringList texts {
        field.number == 0 ? tr("(unknown fields)") : field.name,
        field.number > 0 ? QString::number(field.number) : QString(),
        FramesModel::formatBytes(field.binary()),
        QStringLiteral("%1 + %2 + %3").arg(field.binaryTag).arg(field.binaryLength).arg(field.binaryValue),
        FramesModel::formatBytes(field.json()),
        element ? QString::number(field.jsonValue)
                : QStringLiteral("%1 + %2").arg(field.jsonKey).arg(field.jsonValue),
        ratioText(field.json(), field.binary()),
        field.note,
    };
    auto *item = parent ? new QTreeWidgetItem(parent, texts) : new QTreeWidgetItem(m_fields, texts);
    for (int column = BinaryColumn; column <= RatioColumn; ++column)
        item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    for (int column = 0; column <= NoteColumn; ++column)
        item->setToolTip(column, field.note); // the reason is one hover away wherever one points
    for (const FieldSize &child : field.children)
        addField(item, child);
    if (!field.children.isEmpty() && field.jsonPunctuation > 0) {
        const bool array = field.children.first().number < 0;
        auto *punctuation = new QTreeWidgetItem(item,
            {array ? tr("[ ] , (array punctuation)") : tr("{ } , (object punctuation)"), QString(), QString(),
                QString(), FramesModel::formatBytes(field.jsonPunctuation)});
        punctuation->setTextAlignment(JsonColumn, Qt::AlignRight | Qt::AlignVCenter);
    }
}

bool SizesPanel::totalsComplete() const
{
    return m_accountedRows >= m_frames->rowCount() && !m_chunks.isRunning();
}

void SizesPanel::startChunk()
{
    if (m_chunks.isRunning() || !isVisible() || m_accountedRows >= m_frames->rowCount())
        return;
    const int end = std::min(m_frames->rowCount(), m_accountedRows + ChunkRows);
    std::vector<Job> jobs;
    for (int row = m_accountedRows; row < end; ++row) {
        const FramesModel::Row &entry = m_frames->rows()[size_t(row)];
        if (!FramesModel::isMessage(entry.kind))
            continue;
        const bool kept = m_frames->hasBytes(row);
        jobs.push_back({kept ? m_frames->bytesAt(row) : QByteArray(), entry.size,
            entry.kind == FramesModel::RowKind::Received, kept});
    }
    // The worker holds its own MethodRef (it keeps the schema alive), shared bytes and the
    // counter, which nothing else touches until the chunk is done.
    m_chunks.run(
        [method = m_frames->method(), jobs = std::move(jobs), counter = m_counter, end]() {
            for (const Job &job : jobs) {
                if (!job.kept) {
                    counter->addNotKept(job.received, job.size);
                    continue;
                }
                const auto *type = !method.isValid() ? nullptr
                    : job.received                   ? method.responseType()
                                                     : method.requestType();
                counter->add(job.received, method.schema().get(), type, job.bytes);
            }
            return Chunk {end, Totals {counter->sent(), counter->received()}};
        },
        [this](const Chunk &chunk) { finishChunk(chunk); });
}

// An old call's chunk never arrives here: reset() dropped it and the new call starts over.
void SizesPanel::finishChunk(const Chunk &chunk)
{
    m_accountedRows = chunk.endRow;
    m_totals = chunk.totals;
    startChunk();
    refreshTotals();
}

QString SizesPanel::totalsLine(Scope scope) const
{
    const SizeTotals totals = m_totals.of(scope);
    const QString name = scope == Scope::Sent ? tr("\u2191 Sent")
        : scope == Scope::Received            ? tr("\u2193 Received")
                                              : tr("Whole call");
    QString line = totals.messages == 1
        ? tr("%1: 1 message, %2 binary").arg(name, FramesModel::formatBytes(totals.binary))
        : tr("%1: %2 messages, %3 binary")
              .arg(name, QLocale().toString(totals.messages), FramesModel::formatBytes(totals.binary));
    if (totals.measured > 0)
        line += tr(" \u00b7 JSON compact %1 (%2 gzipped), pretty %3 (%4 gzipped) the binary size")
                    .arg(ratioText(totals.jsonCompact, totals.measuredBinary),
                        ratioText(totals.jsonCompactGzip, totals.binaryGzip),
                        ratioText(totals.jsonPretty, totals.measuredBinary),
                        ratioText(totals.jsonPrettyGzip, totals.binaryGzip));
    if (totals.measured < totals.messages)
        line += tr(" \u00b7 JSON and gzip cover %1 messages (%2 had no kept bytes, %3 did not decode)")
                    .arg(QLocale().toString(totals.measured), QLocale().toString(totals.notKept),
                        QLocale().toString(totals.undecodable));
    return line;
}

void SizesPanel::refreshTotals()
{
    const SizeTotals call = m_totals.call();
    if (call.messages == 0) {
        m_totalChart->setPlaceholder(totalsComplete() ? tr("No messages yet") : tr("Counting\u2026"));
        m_totalsLabel->clear();
        return;
    }
    // Binary is known for every message, JSON only for the ones decoded: the bars compare
    // those, so the binary bar is theirs.
    const SizeTotals shown = m_totals.of(totalsScope());
    if (shown.messages == 0)
        m_totalChart->setPlaceholder(tr("No messages this way"));
    else
        m_totalChart->setBars(sizeBars(shown.measuredBinary, shown.binaryGzip, shown.jsonCompact,
                                  shown.jsonCompactGzip, shown.jsonPretty, shown.jsonPrettyGzip),
            shown.measuredBinary);
    QStringList lines {totalsLine(Scope::Call), totalsLine(Scope::Sent), totalsLine(Scope::Received)};
    if (!totalsComplete())
        lines.last() += tr(" \u00b7 counting\u2026");
    m_totalsLabel->setText(lines.join(u'\n'));
}

} // namespace wirescope
