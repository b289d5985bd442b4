#include "ui/collection/HistoryDock.h"

#include "model/collection/History.h"
#include "model/request/CallEvent.h"
#include "model/request/GrpcurlCommand.h"
#include "ui/response/ResponseDiffDialog.h"
#include "ui/workbench/Theme.h"

#include <QAbstractButton>
#include <QAction>
#include <QBoxLayout>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>

#include <algorithm>
#include <utility>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace wirescope {

namespace {

constexpr int LowPriorityNice = 10;

// The status column in the theme's status colours (green for OK, red for failures, as the
// response view shows them); the model stays free of QtGui.
class StatusColorProxy final : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role != Qt::ForegroundRole || index.column() != HistoryListModel::StatusColumn)
            return QIdentityProxyModel::data(index, role);
        const int code = statusCodeFromName(index.data(HistoryListModel::StatusRole).toString());
        return QBrush(code < 0 ? Theme::errorColor() : Theme::statusColor(code));
    }
};

} // namespace

HistoryDock::HistoryDock(History *history, QWidget *parent, Loading loading)
    : QDockWidget(tr("History"), parent)
    , m_history(history)
    , m_model(new HistoryListModel(this))
    , m_search(new QLineEdit)
    , m_notice(new QLabel)
    , m_table(new QTableView)
    , m_detail(new QPlainTextEdit)
    , m_openAction(new QAction(tr("Open"), this))
    , m_rerunAction(new QAction(tr("Run Again"), this))
    , m_copyAction(new QAction(tr("Copy as grpcurl"), this))
    , m_clearAction(new QAction(tr("Clear History…"), this))
    , m_compareAction(new QAction(tr("Compare Responses"), this))
{
    setObjectName(QStringLiteral("historyDock"));
    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Search method, target, status, body…"));
    m_search->setClearButtonEnabled(true);
    m_notice->setObjectName(QStringLiteral("historyNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();

    auto *proxy = new StatusColorProxy(this);
    proxy->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Two calls selected can be compared.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(HistoryListModel::MethodColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HistoryListModel::TargetColumn, QHeaderView::Interactive);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_openAction, m_rerunAction, m_copyAction, m_compareAction});

    m_detail->setObjectName(QStringLiteral("historyDetail"));
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a call to see it in full."));
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_notice);
    layout->addWidget(splitter, 1);
    layout->addWidget(buildToolBar());
    setWidget(content);

    connect(m_search, &QLineEdit::textChanged, m_model, &HistoryListModel::setFilterText);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_model->rowCount() == 0)
            return;
        m_table->selectRow(0);
        m_table->setFocus();
    });
    connect(m_table, &QAbstractItemView::activated, this, &HistoryDock::openCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &HistoryDock::updateSelection);
    connect(proxy, &QAbstractItemModel::modelReset, this, &HistoryDock::updateSelection);
    connect(proxy, &QAbstractItemModel::rowsInserted, this, &HistoryDock::updateSelection);
    connect(proxy, &QAbstractItemModel::rowsRemoved, this, &HistoryDock::updateSelection);

    m_model->setMaxEntries(m_history->maxEntries());
    if (loading == Loading::Now)
        load();
}

QWidget *HistoryDock::buildToolBar()
{
    m_openAction->setObjectName(QStringLiteral("historyOpenAction"));
    m_openAction->setToolTip(tr("Open the call in a request tab (double-click or Enter)"));
    m_rerunAction->setObjectName(QStringLiteral("historyRerunAction"));
    m_rerunAction->setToolTip(tr("Send the call again"));
    m_copyAction->setObjectName(QStringLiteral("historyCopyAction"));
    m_copyAction->setToolTip(tr("Copy the call as a grpcurl command line"));
    m_clearAction->setObjectName(QStringLiteral("historyClearAction"));
    m_compareAction->setObjectName(QStringLiteral("historyCompareAction"));
    m_compareAction->setToolTip(tr("Select two calls to compare their responses field by field"));
    connect(m_compareAction, &QAction::triggered, this, &HistoryDock::compareSelected);
    m_clearAction->setToolTip(tr("Forget every recorded call"));
    connect(m_openAction, &QAction::triggered, this, &HistoryDock::openCurrent);
    connect(m_rerunAction, &QAction::triggered, this, &HistoryDock::rerunCurrent);
    connect(m_copyAction, &QAction::triggered, this, &HistoryDock::copyCurrent);
    connect(m_clearAction, &QAction::triggered, this, &HistoryDock::confirmClear);

    // A tool bar, not a row of buttons: in a narrow dock the last ones fold into its
    // extension menu instead of widening the window.
    auto *bar = new QToolBar;
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    const auto add = [bar](QAction *action, const QString &objectName) {
        bar->addAction(action);
        bar->widgetForAction(action)->setObjectName(objectName);
    };
    add(m_openAction, QStringLiteral("historyOpen"));
    add(m_rerunAction, QStringLiteral("historyRerun"));
    add(m_copyAction, QStringLiteral("historyCopy"));
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    add(m_clearAction, QStringLiteral("historyClear"));
    return bar;
}

// A long history takes a while to parse (a thousand calls: about 30 ms, more than the rest
// of the window's constructor): a worker reads it while the window makes its first frame, at
// a low priority, so that it takes little of a core the first frame needs (the X server's
// included). Nice 10, not SCHED_IDLE: on a machine kept busy it still gets a tenth of a core
// and ends, where an idle-class thread could wait for as long as the machine is busy.
void HistoryDock::load()
{
    if (std::exchange(m_loadStarted, true))
        return;
    if (m_history->isLoaded() || !QFile::exists(m_history->filePath())) {
        QString error;
        if (!m_history->isLoaded() && !m_history->load(&error))
            showNotice(tr("The history could not be read: %1").arg(error));
        showLoaded();
        return;
    }
    m_readPool.setMaxThreadCount(1); // its own thread: the global pool's keep their priority
    m_loading.run(
        &m_readPool,
        [path = m_history->filePath(), bound = m_history->maxEntries()] {
#ifdef Q_OS_LINUX
            setpriority(PRIO_PROCESS, 0, LowPriorityNice); // 0: this thread, on Linux
#endif
            return History::read(path, bound);
        },
        [this](History::Contents contents) {
            // A call recorded meanwhile read the file first (or the history was cleared): the
            // list shows that already, and keeps its selection.
            if (m_history->isLoaded())
                return;
            QString error;
            if (!m_history->adopt(std::move(contents), &error))
                showNotice(tr("The history could not be read: %1").arg(error));
            showLoaded();
        });
}

void HistoryDock::showLoaded()
{
    if (const int skipped = m_history->skippedLines(); skipped > 0) {
        showNotice(tr("%n line(s) of %1 could not be read and were skipped.", nullptr, skipped)
                       .arg(QDir::toNativeSeparators(m_history->filePath())));
    }
    m_model->setEntries(m_history->entries());
}

bool HistoryDock::isLoading() const
{
    return m_loading.isRunning();
}

void HistoryDock::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

bool HistoryDock::record(const HistoryEntry &entry, QString *error)
{
    QString localError;
    QString *problem = error ? error : &localError;
    const bool saved = m_history->append(entry, problem);
    // History keeps the call in memory even when the file could not take it.
    const QList<HistoryEntry> &entries = m_history->entries();
    if (isLoading()) // History loaded the file itself to append: all of it is new to the list
        m_model->setEntries(entries);
    else if (!entries.isEmpty() && entries.constLast() == entry)
        m_model->append(entry);
    if (!saved)
        showNotice(tr("The call could not be saved to the history: %1").arg(*problem));
    return saved;
}

std::optional<HistoryEntry> HistoryDock::currentEntry() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->entry(rows.constFirst().row());
}

QList<HistoryEntry> HistoryDock::selectedEntries() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<HistoryEntry> entries;
    for (const QModelIndex &row : std::as_const(rows))
        entries.append(m_model->entry(row.row()));
    return entries;
}

ResponseDiffDialog *HistoryDock::compareSelected()
{
    const QList<HistoryEntry> entries = selectedEntries();
    if (entries.size() != 2)
        return nullptr;
    // Listed newest first: the older call goes on the left, as "before".
    const HistoryEntry &older = entries.at(1);
    const HistoryEntry &newer = entries.at(0);
    auto *dialog = new ResponseDiffDialog(this);
    dialog->setValues(responseValue(older), entryLabel(older), responseValue(newer), entryLabel(newer));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QJsonValue HistoryDock::responseValue(const HistoryEntry &entry)
{
    // The whole last message where the entry kept it; else its summary, as JSON when whole.
    const QString text = entry.response.isEmpty() ? entry.responseSummary : entry.response;
    QJsonValue response = text;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error == QJsonParseError::NoError && document.isObject())
        response = document.object();
    return QJsonObject {{QStringLiteral("status"), entry.status}, {QStringLiteral("response"), response}};
}

QString HistoryDock::entryLabel(const HistoryEntry &entry)
{
    const QString target = entry.resolvedTarget.isEmpty() ? entry.request.target : entry.resolvedTarget;
    return tr("%1 · %2 on %3 (%4)")
        .arg(HistoryListModel::timeText(entry.time), entry.request.method, target, entry.status);
}

void HistoryDock::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void HistoryDock::updateSelection()
{
    const std::optional<HistoryEntry> entry = currentEntry();
    m_openAction->setEnabled(entry.has_value());
    m_rerunAction->setEnabled(entry.has_value());
    // A load run is run again as a load run, not as one call; the tip says which it will be.
    m_rerunAction->setToolTip(entry && entry->load
            ? tr("Run the load again with the same plan, on the request's Load page")
            : tr("Send the call again"));
    m_copyAction->setEnabled(entry.has_value());
    m_compareAction->setEnabled(m_table->selectionModel()->selectedRows().size() == 2);
    m_clearAction->setEnabled(m_model->totalCount() > 0);
    m_detail->setPlainText(entry ? detailText(*entry) : QString());
}

void HistoryDock::openCurrent()
{
    if (const std::optional<HistoryEntry> entry = currentEntry())
        Q_EMIT openRequested(*entry);
}

void HistoryDock::rerunCurrent()
{
    if (const std::optional<HistoryEntry> entry = currentEntry())
        Q_EMIT rerunRequested(*entry);
}

QString HistoryDock::grpcurlCommand(const HistoryEntry &entry)
{
    SavedRequest request = entry.request;
    if (!entry.resolvedTarget.isEmpty())
        request.target = entry.resolvedTarget;
    const QString command = GrpcurlCommand::toCommandLine(request);
    if (entry.bodyOmittedChars == 0)
        return command;
    // Without its body the command would send an empty message; a shell comment says so.
    return tr("# The request body (%1 characters) was too large to keep in history: add it with -d.\n%2")
        .arg(entry.bodyOmittedChars)
        .arg(command);
}

void HistoryDock::copyCurrent()
{
    if (const std::optional<HistoryEntry> entry = currentEntry())
        QGuiApplication::clipboard()->setText(grpcurlCommand(*entry));
}

void HistoryDock::confirmClear()
{
    // open(), not exec(): no nested event loop, and a test can answer the box it finds.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Clear History"),
        tr("Forget all %n recorded call(s)? This cannot be undone.", nullptr, m_model->totalCount()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("historyClearConfirm"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("Clear History"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton *button) {
        if (box->standardButton(button) == QMessageBox::Yes)
            clearHistory();
    });
    box->open();
}

void HistoryDock::clearHistory()
{
    QString error;
    if (m_history->clear(&error))
        showNotice({});
    else
        showNotice(tr("The history file could not be deleted: %1").arg(error));
    m_model->clear();
    updateSelection();
}

QString HistoryDock::detailText(const HistoryEntry &entry)
{
    const SavedRequest &request = entry.request;
    QStringList lines;
    if (!request.name.isEmpty())
        lines << tr("Name: %1").arg(request.name);
    lines << tr("Method: %1").arg(request.method);
    if (!entry.resolvedTarget.isEmpty() && entry.resolvedTarget != request.target)
        lines << tr("Target: %1 (written as %2)").arg(entry.resolvedTarget, request.target);
    else
        lines << tr("Target: %1").arg(request.target);
    lines << tr("Time: %1").arg(HistoryListModel::timeText(entry.time));
    lines << tr("Status: %1").arg(entry.status);
    lines << tr("Elapsed: %1 ms").arg(entry.elapsedMs);
    if (request.deadlineMs > 0)
        lines << tr("Deadline: %1 ms").arg(request.deadlineMs);
    lines << QString() << tr("Metadata:");
    if (request.metadata.isEmpty())
        lines << tr("  (none)");
    for (const SavedRequest::MetadataItem &item : request.metadata) {
        const QString line = QStringLiteral("  %1: %2").arg(item.key, item.value);
        lines << (item.enabled ? line : tr("%1 (disabled)").arg(line));
    }
    lines << QString() << tr("Request:")
          << (entry.bodyOmittedChars > 0
                     ? tr("  (%1 characters, too large to keep in history)").arg(entry.bodyOmittedChars)
                     : request.body.trimmed());
    if (entry.load)
        lines << QString() << tr("Load run:") << entry.load->toText();
    else
        lines << QString() << tr("Response (start):") << entry.responseSummary;
    return lines.join(QLatin1Char('\n'));
}

} // namespace wirescope
