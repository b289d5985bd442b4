// SavedRequestsController: opening, saving and restoring requests, following the collection's
// edits and changes on disk, and recording finished calls in the history.

#include "ui/workbench/SavedRequestsController.h"

#include "model/collection/Collection.h"
#include "model/collection/CollectionSession.h"
#include "model/collection/History.h"
#include "model/core/Settings.h"
#include "model/load/LoadReport.h"
#include "model/request/GrpcurlCommand.h"
#include "ui/collection/CollectionDock.h"
#include "ui/collection/HistoryDock.h"
#include "ui/load/LoadPage.h"
#include "ui/request/RequestTab.h"
#include "ui/request/RequestTabs.h"
#include "ui/workbench/DraftKeeper.h"
#include "ui/workbench/SchemaController.h"
#include "ui/workbench/WorkbenchActions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>

#include <utility>

namespace wirescope {

namespace {

using SchemaKind = SavedRequest::SchemaSourceRef::Kind;

} // namespace

SavedRequestsController::SavedRequestsController(const Parts &parts, QWidget *parent)
    : QObject(parent)
    , m_parent(parent)
    , m_settings(parts.settings)
    , m_collections(parts.collections)
    , m_schema(parts.schema)
    , m_drafts(parts.drafts)
    , m_tabs(parts.tabs)
    , m_collectionDock(parts.collectionDock)
    , m_historyDock(parts.historyDock)
{
    WorkbenchActions *a = parts.actions;
    connect(a->saveRequest, &QAction::triggered, this, [this] {
        if (!saveCurrentRequest())
            showSaveRequestAs();
    });
    connect(a->saveRequestAs, &QAction::triggered, this, &SavedRequestsController::showSaveRequestAs);
    connect(a->copyAsGrpcurl, &QAction::triggered, this, &SavedRequestsController::copyAsGrpcurl);
    connect(a->pasteGrpcurl, &QAction::triggered, this, &SavedRequestsController::pasteGrpcurl);
    connect(
        m_collectionDock, &CollectionDock::openRequested, this, &SavedRequestsController::openSavedRequest);
    connect(m_collectionDock, &CollectionDock::runRequested, this,
        [this](const QString &path) { runWhenResolved(openSavedRequest(path)); });
    connect(m_historyDock, &HistoryDock::openRequested, this, &SavedRequestsController::openHistoryEntry);
    connect(m_historyDock, &HistoryDock::rerunRequested, this, &SavedRequestsController::runAgain);
    connect(m_tabs, &RequestTabs::callFinished, this, &SavedRequestsController::recordHistory);
    // A load run is kept with the calls of its request, and compared with the earlier ones.
    m_tabs->setHistory(m_collections->history());
    connect(m_tabs, &RequestTabs::loadFinished, this, &SavedRequestsController::recordLoad);
}

QList<SavedRequest::SchemaSourceRef> SavedRequestsController::restoreTabs()
{
    const QList<Settings::OpenTab> tabs = m_settings->openTabs();
    Collection *collection = m_collections->collection();
    QList<SavedRequest::SchemaSourceRef> schemas;
    for (const Settings::OpenTab &open : tabs) {
        RequestTab *tab = m_tabs->newTab(open.method);
        const auto saved
            = collection && !open.origin.isEmpty() ? collection->request(open.origin) : std::nullopt;
        SavedRequest request = saved.value_or(SavedRequest {});
        request.method = open.method;
        request.body = open.body;
        tab->setRequest(request);
        if (saved)
            tab->setOrigin(open.origin, *saved);
        // The tab's schema comes back with it (a method from imported files, not only ones
        // reflection brings).
        SavedRequest::SchemaSourceRef schema = saved
            ? saved->absoluteFrom(QDir(collection->directory())).schema
            : SavedRequest::SchemaSourceRef {};
        if (!saved) {
            schema.kind = open.protoset.isEmpty() ? SchemaKind::ProtoFiles : SchemaKind::Protoset;
            schema.protoFiles = open.protoFiles;
            schema.importPaths = open.importPaths;
            schema.protoset = open.protoset;
        }
        schemas.append(schema);
    }
    if (!tabs.isEmpty()) {
        Q_EMIT requestOpening();
        m_tabs->setCurrentIndex(qBound(0, m_settings->currentTab(), int(tabs.size()) - 1));
    }
    return schemas;
}

RequestTab *SavedRequestsController::openSavedRequest(const QString &path)
{
    Collection *collection = m_collections->collection();
    const auto saved = collection ? collection->request(path) : std::nullopt;
    if (!saved)
        return nullptr;
    if (RequestTab *open = m_tabs->findOrigin(path)) {
        m_tabs->setCurrentWidget(open);
        return open;
    }
    const SavedRequest absolute = saved->absoluteFrom(QDir(collection->directory()));
    QStringList unresolved;
    m_schema->applyRequestContext(m_collections->resolve(absolute, &unresolved));
    Q_EMIT requestOpening();
    RequestTab *tab = m_tabs->newTab(saved->method, saved->body);
    tab->setRequest(*saved);
    tab->setOrigin(path, *saved);
    tab->setConnectionTemplate(absolute);
    m_schema->checkConnectionVariables(tab);
    m_collectionDock->selectRequest(path);
    tab->focusEditor();
    return tab;
}

RequestTab *SavedRequestsController::openRequest(const SavedRequest &request)
{
    QStringList unresolved;
    m_schema->applyRequestContext(m_collections->resolve(request, &unresolved));
    Q_EMIT requestOpening();
    RequestTab *tab = m_tabs->newTab(request.method, request.body);
    tab->setRequest(request);
    tab->setConnectionTemplate(request);
    m_schema->checkConnectionVariables(tab);
    tab->focusEditor();
    return tab;
}

RequestTab *SavedRequestsController::openHistoryEntry(const HistoryEntry &entry)
{
    RequestTab *tab = openRequest(entry.request);
    if (tab && entry.bodyOmittedChars > 0)
        tab->showNotice(tr("This call's body (%1 characters) was too large to keep in history; the "
                           "request opens without it, and is not sent again.")
                            .arg(QLocale().toString(entry.bodyOmittedChars)));
    return tab;
}

bool SavedRequestsController::saveCurrentRequest()
{
    RequestTab *tab = m_tabs->current();
    Collection *collection = m_collections->collection();
    if (!tab || !collection || tab->originPath().isEmpty() || !collection->request(tab->originPath()))
        return false;
    const SavedRequest request = m_schema->requestFor(tab).relativeTo(QDir(collection->directory()));
    QString error;
    if (!collection->saveRequest(tab->originPath(), request, &error)) {
        QMessageBox::warning(m_parent, tr("Save Request"), error);
        return true; // handled: the error was shown
    }
    tab->setOrigin(tab->originPath(), request);
    Q_EMIT statusMessage(tr("Saved %1").arg(tab->originPath()), 4000);
    m_drafts->saveDrafts();
    return true;
}

QString SavedRequestsController::saveCurrentRequestAs(const QString &name, const QString &folder)
{
    RequestTab *tab = m_tabs->current();
    Collection *collection = m_collections->collection();
    if (!tab || !collection)
        return {};
    SavedRequest request = m_schema->requestFor(tab).relativeTo(QDir(collection->directory()));
    request.name = name.trimmed();
    QString error;
    const QString path = collection->addRequest(request, folder, &error);
    if (path.isEmpty()) {
        QMessageBox::warning(m_parent, tr("Save Request"), error);
        return {};
    }
    const QString oldKey = m_drafts->keyOf(tab);
    tab->setOrigin(path, *collection->request(path));
    m_drafts->forget(oldKey);
    m_collectionDock->selectRequest(path);
    Q_EMIT statusMessage(tr("Saved as %1").arg(path), 4000);
    m_drafts->saveDrafts();
    return path;
}

void SavedRequestsController::showSaveRequestAs()
{
    RequestTab *tab = m_tabs->current();
    if (!tab)
        return;
    if (!m_collections->collection()) {
        const auto answer = QMessageBox::question(m_parent, tr("Save Request"),
            tr("Requests are saved in a collection, and none is open. Create one now?"));
        if (answer != QMessageBox::Yes)
            return;
        Q_EMIT collectionNeeded();
        if (!m_collections->collection())
            return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(
        m_parent, tr("Save Request As"), tr("Name:"), QLineEdit::Normal, m_schema->requestFor(tab).name, &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    saveCurrentRequestAs(name, m_collectionDock->selectedFolder());
}

bool SavedRequestsController::confirmDiscardModified(const QList<RequestTab *> &tabs)
{
    QStringList names;
    for (RequestTab *tab : tabs)
        names.append(tab->title());
    const auto answer = QMessageBox::question(m_parent, tr("Unsaved Changes"),
        tr("Save the changes to %1?").arg(names.join(QStringLiteral(", "))),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    QWidget *current = m_tabs->currentWidget();
    for (RequestTab *tab : tabs) {
        if (answer == QMessageBox::Save) {
            m_tabs->setCurrentWidget(tab);
            saveCurrentRequest();
        } else {
            tab->setRequest(tab->savedRequest());
        }
    }
    m_tabs->setCurrentWidget(current);
    return true;
}

void SavedRequestsController::onCollectionChanged()
{
    Collection *collection = m_collections->collection();
    if (collection) {
        connect(collection, &Collection::edited, this, &SavedRequestsController::onCollectionEdited);
        connect(collection, &Collection::contentChanged, this,
            &SavedRequestsController::onCollectionContentChanged);
        connect(collection, &Collection::changedOnDisk, this, &SavedRequestsController::onChangedOnDisk);
        for (const CollectionProblem &problem : collection->problems())
            Q_EMIT statusMessage(problem.message, 10000);
    }
    // Tabs of the collection that was closed become scratch tabs; their edits stay.
    for (RequestTab *tab : m_tabs->requests()) {
        if (!tab->originPath().isEmpty() && (!collection || !collection->request(tab->originPath())))
            tab->setOrigin({}, {});
    }
}

// A rename or a move gives a tab's request a new path; a delete leaves the tab unsaved.
void SavedRequestsController::onCollectionEdited(const CollectionEdit &edit)
{
    for (const FileChange &change : edit.changes) {
        if (change.after || !change.before)
            continue;
        RequestTab *tab = m_tabs->findOrigin(change.path);
        if (!tab)
            continue;
        Collection *collection = m_collections->collection();
        const auto moved = edit.resultPath.isEmpty() ? std::nullopt : collection->request(edit.resultPath);
        if (moved) {
            SavedRequest saved = tab->savedRequest();
            saved.name = moved->name;
            tab->setOrigin(edit.resultPath, saved);
        } else {
            tab->setOrigin({}, {});
            tab->showNotice(tr("This request was deleted from the collection; save it again to keep it."));
        }
    }
}

void SavedRequestsController::onCollectionContentChanged()
{
    // Undo and redo replay files without an edit record: tabs whose file went away detach.
    Collection *collection = m_collections->collection();
    for (RequestTab *tab : m_tabs->requests()) {
        if (!tab->originPath().isEmpty() && !collection->request(tab->originPath()))
            tab->setOrigin({}, {});
    }
}

void SavedRequestsController::onChangedOnDisk(const QStringList &paths)
{
    Collection *collection = m_collections->collection();
    for (const QString &path : paths) {
        RequestTab *tab = m_tabs->findOrigin(path);
        const auto now = collection->request(path);
        if (!tab)
            continue;
        if (!now) {
            tab->setOrigin({}, {});
            tab->showNotice(tr("%1 was deleted on disk; save the request again to keep it.").arg(path));
        } else if (!tab->isModified()) {
            tab->setRequest(*now);
            tab->setOrigin(path, *now);
            Q_EMIT statusMessage(tr("Reloaded %1: it changed on disk").arg(path), 6000);
        } else {
            offerReload(tab, path);
        }
    }
    Q_EMIT statusMessage(tr("The collection changed on disk and was reloaded"), 6000);
}

// The file of a tab with unsaved edits changed on disk: the user chooses which to keep.
void SavedRequestsController::offerReload(RequestTab *tab, const QString &path)
{
    const QPointer<RequestTab> guard(tab);
    tab->showNotice(tr("%1 changed on disk while you were editing it.").arg(path),
        {{tr("Reload from Disk"),
             [guard, path, this] {
                 const auto latest = m_collections->collection()->request(path);
                 if (guard && latest) {
                     guard->setRequest(*latest);
                     guard->setOrigin(path, *latest);
                 }
             }},
            {tr("Keep My Edits"), [guard, path, this] {
                 const auto latest = m_collections->collection()->request(path);
                 if (guard && latest)
                     guard->setOrigin(path, *latest);
             }}});
}

void SavedRequestsController::recordHistory(RequestTab *tab, const CallStatus &status)
{
    HistoryEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    // What went on the wire, as it was when the call started: not what the tab holds now.
    entry.request = tab->lastCall().sentRequest();
    entry.resolvedTarget = tab->lastCall().resolvedTarget();
    entry.status = status.codeName();
    entry.elapsedMs = tab->lastElapsedMs();
    const QString response = tab->lastResponseSummary();
    entry.responseSummary = HistoryEntry::summarize(response);
    if (response.startsWith(u'{'))
        entry.response = response; // the message's JSON, not a note about it
    record(entry);
}

// A load run as history keeps it: the request it sent, as written, and what it measured.
void SavedRequestsController::recordLoad(RequestTab *tab, const LoadReport &report)
{
    HistoryEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    const CallSnapshot &run = tab->loadPage()->lastRun();
    entry.request = run.sentRequest();
    entry.resolvedTarget = run.resolvedTarget();
    entry.load = LoadSummary::fromReport(report);
    entry.status = entry.load->statusName();
    entry.elapsedMs = report.totalNanos / 1000000;
    entry.responseSummary = entry.load->label(); // what the list shows and search finds
    record(entry);
}

void SavedRequestsController::record(HistoryEntry entry)
{
    entry.redactSecrets(m_collections->activeSecrets());
    QString error;
    if (!m_historyDock->record(entry, &error))
        Q_EMIT statusMessage(tr("History not recorded: %1").arg(error), 10000);
}

// A person who runs a load run again expects the load again, not one call: the request
// opens on its Load page with the run's plan, and the new run is kept as any other.
void SavedRequestsController::runAgain(const HistoryEntry &entry)
{
    RequestTab *tab = openHistoryEntry(entry);
    if (!tab || entry.bodyOmittedChars > 0) // without its body it would send something else
        return;
    if (!entry.load) {
        runWhenResolved(tab, Run::Call);
        return;
    }
    LoadPage *page = tab->loadPage();
    page->setPlan(LoadPage::planOf(*entry.load));
    page->showPage();
    runWhenResolved(tab, Run::Load);
}

void SavedRequestsController::runWhenResolved(RequestTab *tab, Run run)
{
    if (!tab)
        return;
    if (!tab->isResolved()) {
        m_pendingRun = tab; // started once the schema that defines it arrives
        m_pendingKind = run;
    } else if (run == Run::Load) {
        tab->loadPage()->start();
    } else {
        tab->runWhole();
    }
}

void SavedRequestsController::runPendingIfResolved()
{
    if (m_pendingRun && m_pendingRun->isResolved())
        runWhenResolved(std::exchange(m_pendingRun, nullptr), m_pendingKind);
}

void SavedRequestsController::copyAsGrpcurl()
{
    RequestTab *tab = m_tabs->current();
    if (!tab)
        return;
    QStringList unresolved;
    SavedRequest request = m_collections->resolve(m_schema->requestFor(tab), &unresolved);
    if (Collection *collection = m_collections->collection())
        request = request.absoluteFrom(QDir(collection->directory()));
    QApplication::clipboard()->setText(GrpcurlCommand::toCommandLine(request));
    Q_EMIT statusMessage(unresolved.isEmpty()
            ? tr("Copied the request as a grpcurl command")
            : tr("Copied; unresolved: %1").arg(unresolved.join(QStringLiteral(", "))),
        6000);
}

void SavedRequestsController::pasteGrpcurl()
{
    const GrpcurlCommand::ParseResult result = GrpcurlCommand::parse(QApplication::clipboard()->text());
    if (!result.ok) {
        QMessageBox::warning(m_parent, tr("Paste grpcurl Command"),
            tr("The clipboard does not hold a grpcurl command this can use: %1").arg(result.error));
        return;
    }
    openRequest(result.request);
    if (!result.warnings.isEmpty())
        Q_EMIT statusMessage(result.warnings.join(QStringLiteral("; ")), 10000);
}

} // namespace wirescope
