#include "ui/SizesPanel.h"

#include "model/FramesModel.h"
#include "ui/SizeBarChart.h"
#include "ui/Theme.h"
#include "ui/TimelineChart.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <vector>

namespace wirescope {

namespace {

constexpr int ChunkRows = 20'000; // ~0.1-0.2 s of work per chunk on a worker
constexpr int RefreshIntervalMs = 300;

enum FieldColumn {
    NameColumn,
    NumberColumn,
    BinaryColumn,
    BinaryPartsColumn,
    JsonColumn,
    JsonPartsColumn,
    RatioColumn
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
    QByteArray bytes;
    bool isRequest = false;
};

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
    connect(&m_watcher, &QFutureWatcher<Chunk>::finished, this, &SizesPanel::finishChunk);
    onReset();
}

SizesPanel::~SizesPanel() = default;

QWidget *SizesPanel::createTotals()
{
    auto *box = new QWidget(this);
    auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Whole call")), box);
    m_totalChart = new SizeBarChart(box);
    m_totalChart->setObjectName(QStringLiteral("callSizesChart"));
    m_totalsLabel = new QLabel(box);
    m_totalsLabel->setObjectName(QStringLiteral("sizesTotals"));
    m_totalsLabel->setWordWrap(true);
    m_totalsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_totalChart);
    layout->addWidget(m_totalsLabel);
    return box;
}

void SizesPanel::setupFields()
{
    m_fields->setObjectName(QStringLiteral("sizesFields"));
    m_fields->setColumnCount(RatioColumn + 1);
    m_fields->setHeaderLabels({tr("Field"), tr("#"), tr("Binary"), tr("tag+len+value"), tr("JSON"),
        tr("key+value"), tr("JSON \u00f7 binary")});
    m_fields->setAlternatingRowColors(true);
    m_fields->setUniformRowHeights(true);
    QHeaderView *header = m_fields->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    const int digit = fontMetrics().horizontalAdvance(u'0');
    header->resizeSection(NumberColumn, digit * 4);
    header->resizeSection(BinaryColumn, digit * 10);
    header->resizeSection(BinaryPartsColumn, digit * 15);
    header->resizeSection(JsonColumn, digit * 10);
    header->resizeSection(JsonPartsColumn, digit * 11);
    header->resizeSection(RatioColumn, digit * 11);
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
    ++m_generation;
    m_totals = Totals();
    m_accountedRows = 0;
    m_pinnedRow = -1;
    m_shownRow = -1;
    m_heading->setText(tr("No message yet"));
    m_messageChart->setPlaceholder(tr("Send a request to compare its binary and JSON sizes"));
    m_fields->clear();
    refreshTotals();
}

int SizesPanel::newestMessageRow() const
{
    const std::vector<FramesModel::Row> &rows = m_frames->rows();
    int newestSent = -1;
    for (int row = int(rows.size()) - 1; row >= 0; --row) {
        if (rows[size_t(row)].kind == FramesModel::RowKind::Received)
            return row;
        if (newestSent < 0 && rows[size_t(row)].kind == FramesModel::RowKind::Sent)
            newestSent = row;
    }
    return newestSent;
}

void SizesPanel::refreshMessage()
{
    const int row = m_pinnedRow >= 0 && m_pinnedRow < m_frames->rowCount() ? m_pinnedRow : newestMessageRow();
    if (row == m_shownRow || !isVisible())
        return;
    m_shownRow = row;
    if (row < 0)
        return;
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
    showSizes(PayloadSizer::measure(*method.schema(), type, m_frames->bytesAt(row)));
}

void SizesPanel::showSizes(const PayloadSizes &sizes)
{
    m_fields->clear();
    if (!sizes.valid) {
        m_messageChart->setPlaceholder(sizes.error);
        return;
    }
    const QColor binary = TimelineChart::receivedColor();
    const QColor json = TimelineChart::sentColor();
    m_messageChart->setBars(
        {{tr("binary"), sizes.binary, binary}, {tr("binary gzip"), sizes.binaryGzip, tint(binary, true)},
            {tr("JSON compact"), sizes.jsonCompact, json},
            {tr("JSON compact gzip"), sizes.jsonCompactGzip, tint(json, true)},
            {tr("JSON pretty"), sizes.jsonPretty, json.darker(125)},
            {tr("JSON pretty gzip"), sizes.jsonPrettyGzip, tint(json.darker(125), true)}},
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
    for (int column = 0; column <= RatioColumn; ++column) {
        total->setFont(column, bold);
        total->setTextAlignment(
            column, column >= BinaryColumn ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft);
        punctuation->setTextAlignment(
            column, column >= BinaryColumn ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft);
    }
    m_fields->expandToDepth(0);
}

void SizesPanel::addField(QTreeWidgetItem *parent, const FieldSize &field)
{
    const QStringList texts {
        field.number == 0 ? tr("(unknown fields)") : field.name,
        field.number == 0 ? QString() : QString::number(field.number),
        FramesModel::formatBytes(field.binary()),
        QStringLiteral("%1 + %2 + %3").arg(field.binaryTag).arg(field.binaryLength).arg(field.binaryValue),
        FramesModel::formatBytes(field.json()),
        QStringLiteral("%1 + %2").arg(field.jsonKey).arg(field.jsonValue),
        ratioText(field.json(), field.binary()),
    };
    auto *item = parent ? new QTreeWidgetItem(parent, texts) : new QTreeWidgetItem(m_fields, texts);
    for (int column = BinaryColumn; column <= RatioColumn; ++column)
        item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    for (const FieldSize &child : field.children)
        addField(item, child);
}

bool SizesPanel::totalsComplete() const
{
    return m_accountedRows >= m_frames->rowCount() && !m_watcher.isRunning();
}

void SizesPanel::startChunk()
{
    if (m_watcher.isRunning() || !isVisible() || m_accountedRows >= m_frames->rowCount())
        return;
    const int end = std::min(m_frames->rowCount(), m_accountedRows + ChunkRows);
    std::vector<Job> jobs;
    Chunk chunk;
    chunk.endRow = end;
    for (int row = m_accountedRows; row < end; ++row) {
        const FramesModel::Row &entry = m_frames->rows()[size_t(row)];
        if (!FramesModel::isMessage(entry.kind))
            continue;
        ++chunk.totals.messages;
        chunk.totals.binary += entry.size;
        if (m_frames->hasBytes(row))
            jobs.push_back({m_frames->bytesAt(row), entry.kind == FramesModel::RowKind::Sent});
        else
            ++chunk.totals.notKept;
    }
    m_chunkGeneration = m_generation;
    // The worker holds its own MethodRef (it keeps the schema alive) and shared bytes.
    m_watcher.setFuture(
        QtConcurrent::run([method = m_frames->method(), jobs = std::move(jobs), chunk]() mutable {
            for (const Job &job : jobs) {
                qint64 json = 0;
                const auto *type = job.isRequest ? method.requestType() : method.responseType();
                if (method.isValid() && PayloadSizer::quickSizes(*method.schema(), type, job.bytes, &json))
                    chunk.totals.json += json;
                else
                    ++chunk.totals.undecodable;
            }
            return chunk;
        }));
}

void SizesPanel::finishChunk()
{
    const Chunk chunk = m_watcher.result();
    if (m_chunkGeneration != m_generation)
        return startChunk(); // an old call's chunk: start over on the current one
    m_accountedRows = chunk.endRow;
    m_totals.messages += chunk.totals.messages;
    m_totals.binary += chunk.totals.binary;
    m_totals.json += chunk.totals.json;
    m_totals.undecodable += chunk.totals.undecodable;
    m_totals.notKept += chunk.totals.notKept;
    startChunk();
    refreshTotals();
}

void SizesPanel::refreshTotals()
{
    if (m_totals.messages == 0 && totalsComplete()) {
        m_totalChart->setPlaceholder(tr("No messages yet"));
        m_totalsLabel->clear();
        return;
    }
    // Binary is known for every message; JSON only for the ones decoded, so compare those.
    const qint64 decoded = m_totals.messages - m_totals.undecodable - m_totals.notKept;
    m_totalChart->setBars({{tr("binary"), m_totals.binary, TimelineChart::receivedColor()},
                              {tr("JSON compact"), m_totals.json, TimelineChart::sentColor()}},
        m_totals.binary);
    QString text
        = tr("%1 messages (%2 sent, %3 received); compact JSON is %4 the binary size")
              .arg(QLocale().toString(m_totals.messages), QLocale().toString(m_frames->record().sentCount()),
                  QLocale().toString(m_frames->record().receivedCount()),
                  ratioText(m_totals.json, m_totals.binary));
    if (m_totals.notKept + m_totals.undecodable > 0)
        text += tr(" \u00b7 JSON covers %1 messages (%2 had no kept bytes, %3 did not decode)")
                    .arg(QLocale().toString(decoded), QLocale().toString(m_totals.notKept),
                        QLocale().toString(m_totals.undecodable));
    if (!totalsComplete())
        text += tr(" \u00b7 counting\u2026");
    m_totalsLabel->setText(text);
}

} // namespace wirescope
