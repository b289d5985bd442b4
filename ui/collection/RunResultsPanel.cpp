#include "ui/collection/RunResultsPanel.h"

#include "model/core/AtomicFile.h"
#include "model/json/JsonPath.h"
#include "model/runner/Snapshot.h"
#include "model/schema/MethodRef.h"
#include "ui/response/CallFramesDialog.h"
#include "ui/response/ResponseDiffDialog.h"
#include "ui/workbench/Theme.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace wirescope {

namespace {

QString mark(RunResultsPanel::State state)
{
    switch (state) {
    case RunResultsPanel::State::Waiting:
        return QStringLiteral("\u25cb"); // ○
    case RunResultsPanel::State::Running:
        return QStringLiteral("\u23f3"); // ⏳
    case RunResultsPanel::State::Passed:
        return QStringLiteral("\u2713");
    case RunResultsPanel::State::Failed:
        return QStringLiteral("\u2717");
    case RunResultsPanel::State::Skipped:
        break;
    }
    return QStringLiteral("\u2013"); // –
}

// A stored snapshot may predate one of today's ignored paths; the run compared it without
// them (Snapshot::compare), so the diff shows it that way too.
QJsonObject withoutIgnored(QJsonObject snapshot, const QStringList &ignore)
{
    QJsonArray messages = snapshot.value(QStringLiteral("messages")).toArray();
    QJsonValue error = snapshot.value(QStringLiteral("error"));
    for (const QString &text : ignore) {
        JsonPath path;
        QString ignored;
        if (!JsonPath::parse(text, &path, &ignored))
            continue;
        if (path.isError()) {
            path.remove(&error);
            continue;
        }
        for (qsizetype i = 0; i < messages.size(); ++i) {
            QJsonValue message = messages.at(i);
            path.remove(&message);
            messages.replace(i, message);
        }
    }
    if (snapshot.contains(QStringLiteral("messages")))
        snapshot.insert(QStringLiteral("messages"), messages);
    if (snapshot.contains(QStringLiteral("error")))
        snapshot.insert(QStringLiteral("error"), error);
    return snapshot;
}

} // namespace

RunResultsPanel::RunResultsPanel(QWidget *parent)
    : QDockWidget(tr("Run Results"), parent)
    , m_header(new QLabel)
    , m_summary(new QLabel)
    , m_tree(new QTreeWidget)
{
    setObjectName(QStringLiteral("runResultsDock"));
    m_header->setObjectName(QStringLiteral("runHeader"));
    m_header->setWordWrap(true);
    m_header->setText(tr("Runs the saved files: edits not saved in open tabs are not part of a run."));
    m_summary->setObjectName(QStringLiteral("runSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tree->setObjectName(QStringLiteral("runResultsTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels(
        {tr("Request / check"), tr("Status"), tr("Time"), tr("Expected"), tr("Actual"), tr("Note")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->resizeSection(NameColumn, 260);
    m_tree->header()->resizeSection(StatusColumn, 120);
    m_tree->header()->resizeSection(TimeColumn, 70);
    m_tree->header()->resizeSection(ExpectedColumn, 160);
    m_tree->header()->resizeSection(ActualColumn, 160);
    m_tree->setToolTip(tr("Double-click a request to see its frames"));
    connect(m_tree, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem *item) { openFrames(item->data(NameColumn, IndexRole).toInt()); });
    connect(m_tree, &QWidget::customContextMenuRequested, this, &RunResultsPanel::showContextMenu);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_header);
    layout->addWidget(createButtons());
    layout->addWidget(m_tree, 1);
    setWidget(content);
}

RunResultsPanel::~RunResultsPanel()
{
    // Nothing the run emits while it goes may reach a panel that is half destroyed.
    stopWatching();
}

QWidget *RunResultsPanel::createButtons()
{
    auto *row = new QWidget;
    const auto button = [row](const QString &name, const QString &text, const QString &tip) {
        auto *b = new QPushButton(text, row);
        b->setObjectName(name);
        b->setToolTip(tip);
        b->setAutoDefault(false);
        b->setEnabled(false);
        return b;
    };
    m_stop = button(QStringLiteral("runStop"), tr("Stop"), tr("Cancel the call in flight and run no more"));
    m_saveJUnit = button(QStringLiteral("runSaveJUnit"), tr("Save JUnit\u2026"),
        tr("Save the report as JUnit XML, as CI systems read it"));
    m_saveJson
        = button(QStringLiteral("runSaveJson"), tr("Save JSON\u2026"), tr("Save the whole report as JSON"));
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_run)
            m_run->cancel();
    });
    connect(m_saveJUnit, &QPushButton::clicked, this, [this] { chooseAndSave(true); });
    connect(m_saveJson, &QPushButton::clicked, this, [this] { chooseAndSave(false); });
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_stop);
    layout->addWidget(m_saveJUnit);
    layout->addWidget(m_saveJson);
    return row;
}

bool RunResultsPanel::startRun(const Collection &collection, const QStringList &paths,
    const QString &environment, const SecretStore *secrets, const QMap<QString, QString> &builtIns)
{
    QList<CollectionRun::Item> items;
    QString error;
    show();
    raise();
    if (!CollectionRun::select(collection, paths, &items, &error)) {
        m_summary->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                               .arg(Theme::errorColor().name(), error.toHtmlEscaped()));
        return false;
    }
    CollectionRun::Options options;
    options.environment = environment;
    options.builtIns = builtIns; // the embedded demo server's {{demo}}, as the tabs resolve it
    auto *run
        = new CollectionRun(collection.directory(), collection.settings(), items, options, secrets, this);
    watch(run, collection.directory());
    run->start();
    return true;
}

void RunResultsPanel::stopWatching()
{
    if (!m_run)
        return;
    disconnect(m_run, nullptr, this, nullptr);
    if (m_run->isRunning())
        m_run->cancel();
    m_run->deleteLater();
    m_run = nullptr;
}

void RunResultsPanel::watch(CollectionRun *run, const QString &directory)
{
    stopWatching();
    m_run = run;
    run->setParent(this);
    m_directory = directory;
    m_items = run->items();
    m_results.clear();
    m_events.clear();
    m_truncated.clear();
    m_report = RunReport();
    m_tree->clear();
    for (int index = 0; index < m_items.size(); ++index) {
        auto *row = new QTreeWidgetItem(m_tree);
        row->setData(NameColumn, IndexRole, index);
        row->setData(NameColumn, CheckRole, -1);
        row->setToolTip(NameColumn, m_items.at(index).path);
        setRowState(row, State::Waiting);
    }
    m_summary->setText(tr("Running %n request(s)\u2026", nullptr, int(m_items.size())));
    m_stop->setEnabled(true);
    m_saveJUnit->setEnabled(false);
    m_saveJson->setEnabled(false);
    connect(run, &CollectionRun::requestStarted, this, [this](int index) { onRequestStarted(index); });
    connect(run, &CollectionRun::callEvents, this, &RunResultsPanel::onCallEvents);
    connect(run, &CollectionRun::requestFinished, this, &RunResultsPanel::onRequestFinished);
    connect(run, &CollectionRun::finished, this, &RunResultsPanel::onFinished);
    show();
    raise();
}

bool RunResultsPanel::isRunning() const
{
    return m_run && m_run->isRunning();
}

QString RunResultsPanel::requestName(int index) const
{
    const CollectionRun::Item &item = m_items.at(index);
    return item.request.name.isEmpty() ? item.path : item.request.name;
}

QTreeWidgetItem *RunResultsPanel::requestRow(int index) const
{
    return index >= 0 && index < m_tree->topLevelItemCount() ? m_tree->topLevelItem(index) : nullptr;
}

void RunResultsPanel::setRowState(QTreeWidgetItem *row, State state)
{
    const int index = row->data(NameColumn, IndexRole).toInt();
    row->setData(NameColumn, StateRole, int(state));
    row->setText(NameColumn, mark(state) + u' ' + requestName(index));
    QColor color = palette().text().color();
    if (state == State::Passed)
        color = Theme::statusColor(0);
    else if (state == State::Failed)
        color = Theme::errorColor();
    else if (state != State::Running)
        color = Theme::mutedTextColor();
    row->setForeground(NameColumn, color);
    if (state == State::Waiting)
        row->setText(StatusColumn, tr("waiting"));
    else if (state == State::Running)
        row->setText(StatusColumn, tr("running\u2026"));
    else if (state == State::Skipped)
        row->setText(StatusColumn, tr("not run"));
}

void RunResultsPanel::onRequestStarted(int index)
{
    if (QTreeWidgetItem *row = requestRow(index)) {
        setRowState(row, State::Running);
        m_tree->scrollToItem(row);
    }
}

void RunResultsPanel::onCallEvents(int index, const CallEvents &events)
{
    CallEvents &kept = m_events[index];
    if (kept.size() + events.size() <= MaxKeptEvents) {
        kept.append(events);
        return;
    }
    // The end of the call (trailers, status) is kept even past the limit.
    for (const CallEvent &event : events) {
        if (kept.size() < MaxKeptEvents || event.type == CallEvent::Type::Finished)
            kept.append(event);
    }
    m_truncated.insert(index);
}

void RunResultsPanel::onRequestFinished(int index, const RequestResult &result)
{
    m_results.insert(index, result);
    QTreeWidgetItem *row = requestRow(index);
    if (!row)
        return;
    const bool passed = result.passed();
    setRowState(row, passed ? State::Passed : State::Failed);
    row->setText(StatusColumn, result.outcome.sent ? result.outcome.codeName() : tr("not sent"));
    row->setForeground(StatusColumn,
        result.outcome.sent ? Theme::statusColor(result.outcome.code) : QBrush(Theme::errorColor()));
    row->setText(TimeColumn, result.outcome.elapsedText());
    row->setTextAlignment(TimeColumn, Qt::AlignRight | Qt::AlignVCenter);
    addCheckRows(row, result);
    row->setExpanded(!passed);
}

void RunResultsPanel::addCheckRows(QTreeWidgetItem *row, const RequestResult &result)
{
    const int index = row->data(NameColumn, IndexRole).toInt();
    if (!result.outcome.sent) {
        auto *child = new QTreeWidgetItem(row);
        child->setText(NameColumn, tr("\u2717 not sent"));
        child->setText(NoteColumn, result.outcome.failure);
        child->setToolTip(NoteColumn, result.outcome.failure);
        child->setForeground(NameColumn, Theme::errorColor());
        child->setData(NameColumn, IndexRole, index);
        child->setData(NameColumn, CheckRole, -1);
    }
    for (int i = 0; i < result.checks.size(); ++i) {
        const CheckResult &check = result.checks.at(i);
        auto *child = new QTreeWidgetItem(row);
        child->setText(
            NameColumn, (check.passed ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) + check.name);
        child->setForeground(NameColumn, check.passed ? Theme::statusColor(0) : Theme::errorColor());
        child->setText(ExpectedColumn, check.expected);
        child->setText(ActualColumn, check.actual);
        // A snapshot's note lists its differences, one per line: the cell shows the first.
        child->setText(NoteColumn, check.note.section(u'\n', 0, 0));
        for (const int column : {ExpectedColumn, ActualColumn, NoteColumn})
            child->setToolTip(column, column == NoteColumn ? check.note : child->text(column));
        child->setData(NameColumn, IndexRole, index);
        child->setData(NameColumn, CheckRole, i);
    }
    for (auto it = result.captured.cbegin(); it != result.captured.cend(); ++it) {
        auto *child = new QTreeWidgetItem(row);
        child->setText(NameColumn, tr("\u2192 captured %1").arg(it.key()));
        child->setText(ActualColumn, it.value());
        child->setToolTip(ActualColumn, it.value());
        child->setForeground(NameColumn, Theme::mutedTextColor());
        child->setData(NameColumn, IndexRole, index);
        child->setData(NameColumn, CheckRole, -2);
    }
}

void RunResultsPanel::onFinished(const RunReport &report)
{
    m_report = report;
    for (int index = 0; index < m_tree->topLevelItemCount(); ++index) {
        if (!m_results.contains(index))
            setRowState(m_tree->topLevelItem(index), State::Skipped);
    }
    QString text = report.summary();
    if (report.cancelled)
        text += tr(" \u2014 stopped");
    const QColor color = report.passed() ? Theme::statusColor(0) : Theme::errorColor();
    m_summary->setText(
        QStringLiteral("<b style=\"color:%1\">%2</b>").arg(color.name(), text.toHtmlEscaped()));
    m_stop->setEnabled(false);
    m_saveJUnit->setEnabled(true);
    m_saveJson->setEnabled(true);
    Q_EMIT runFinished(report);
}

const RequestResult *RunResultsPanel::result(int index) const
{
    const auto found = m_results.constFind(index);
    return found == m_results.cend() ? nullptr : &found.value();
}

const CallEvents &RunResultsPanel::eventsOf(int index) const
{
    static const CallEvents none;
    const auto found = m_events.constFind(index);
    return found == m_events.cend() ? none : found.value();
}

bool RunResultsPanel::saveJUnit(const QString &path, QString *error) const
{
    return AtomicFile::write(path, m_report.toJUnit(), error);
}

bool RunResultsPanel::saveJson(const QString &path, QString *error) const
{
    return AtomicFile::write(path, m_report.toJson(), error);
}

void RunResultsPanel::chooseAndSave(bool junit)
{
    const QString path = junit ? QFileDialog::getSaveFileName(this, tr("Save JUnit Report"),
                             QStringLiteral("report.xml"), tr("JUnit XML (*.xml);;All files (*)"))
                               : QFileDialog::getSaveFileName(this, tr("Save JSON Report"),
                                   QStringLiteral("report.json"), tr("JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!(junit ? saveJUnit(path, &error) : saveJson(path, &error)))
        showError(error);
}

CallFramesDialog *RunResultsPanel::openFrames(int index)
{
    if (index < 0 || index >= m_items.size() || (!m_events.contains(index) && !m_results.contains(index)))
        return nullptr;
    const MethodRef method
        = m_schema ? MethodRef::resolve(m_schema, m_items.at(index).request.method) : MethodRef();
    QStringList notes;
    if (m_truncated.contains(index))
        notes << tr("Only the first %1 events of this call were kept.").arg(MaxKeptEvents);
    if (!method.isValid())
        notes << tr("The loaded schema lacks %1: the frames show their bytes; Messages has them as JSON.")
                     .arg(m_items.at(index).request.method);
    const RequestResult *finished = result(index);
    auto *dialog = new CallFramesDialog(tr("Frames \u2014 %1").arg(requestName(index)), method,
        eventsOf(index), finished ? finished->outcome.messages : QList<QJsonValue>(), notes.join(u' '), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

bool RunResultsPanel::isSnapshotCheck(const CheckResult &check)
{
    return check.name == QLatin1String("snapshot");
}

ResponseDiffDialog *RunResultsPanel::showSnapshotDiff(int index, QString *error)
{
    const RequestResult *finished = result(index);
    QString problem;
    QJsonObject stored;
    const QString file = index >= 0 && index < m_items.size()
        ? Snapshot::pathFor(QDir(m_directory).filePath(m_items.at(index).path))
        : QString();
    if (!finished || !finished->outcome.sent)
        problem = tr("The request has no response to compare.");
    else if (!Snapshot::read(file, &stored, &problem) && problem.isEmpty())
        problem = tr("%1 could not be read.").arg(QDir::toNativeSeparators(file));
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        else
            showError(problem);
        return nullptr;
    }
    const QStringList ignore = m_items.at(index).request.expect.snapshotIgnore;
    auto *dialog = new ResponseDiffDialog(this);
    dialog->setValues(withoutIgnored(stored, ignore),
        tr("the stored snapshot, %1").arg(QDir::toNativeSeparators(file)),
        Snapshot::of(finished->outcome, ignore), tr("this run's response to %1").arg(requestName(index)));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void RunResultsPanel::showContextMenu(const QPoint &position)
{
    QTreeWidgetItem *item = m_tree->itemAt(position);
    if (!item)
        return;
    const int index = item->data(NameColumn, IndexRole).toInt();
    const int check = item->data(NameColumn, CheckRole).toInt();
    const RequestResult *finished = result(index);
    QMenu menu(m_tree);
    menu.setObjectName(QStringLiteral("runResultsMenu"));
    QAction *frames = menu.addAction(tr("Open Frames"));
    frames->setObjectName(QStringLiteral("runOpenFramesAction"));
    frames->setEnabled(m_events.contains(index) || finished);
    connect(frames, &QAction::triggered, this, [this, index] { openFrames(index); });
    const bool failedSnapshot = finished && check >= 0 && check < finished->checks.size()
        && isSnapshotCheck(finished->checks.at(check)) && !finished->checks.at(check).passed;
    QAction *diff = menu.addAction(tr("Show Diff"));
    diff->setObjectName(QStringLiteral("runShowDiffAction"));
    diff->setToolTip(tr("The stored snapshot beside this run's response, field by field"));
    diff->setEnabled(failedSnapshot);
    connect(diff, &QAction::triggered, this, [this, index] { showSnapshotDiff(index); });
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

void RunResultsPanel::showError(const QString &message)
{
    // open(), not exec(): no nested event loop while a run goes on.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Run Results"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("runResultsError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace wirescope
