// The window's second half: saved requests, collections, environments, history and drafts.
// MainWindow.cpp keeps the workbench itself (connection, schemas, tabs, menus), and
// MainWindowRequestContext.cpp where a request goes (target, TLS, schema source).

#include "ui/MainWindow.h"

#include "model/Collection.h"
#include "model/CollectionArchive.h"
#include "model/CollectionUndo.h"
#include "model/DraftStore.h"
#include "model/GrpcurlCommand.h"
#include "model/History.h"
#include "model/SecretStore.h"
#include "model/Settings.h"
#include "ui/AsyncSecretStore.h"
#include "ui/CollectionDock.h"
#include "ui/CollectionSession.h"
#include "ui/HistoryDock.h"
#include "ui/KeychainSecretStore.h"
#include "ui/RequestTabs.h"
#include "ui/ServiceTreeDock.h"
#include "ui/WorkbenchActions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSet>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>

namespace wirescope {

namespace {

constexpr int DraftIntervalMs = 3000;

using SchemaKind = SavedRequest::SchemaSourceRef::Kind;

QString draftScratchPrefix()
{
    return QStringLiteral("scratch#");
}

} // namespace

void MainWindow::createCollectionParts()
{
    CollectionSession::Stores stores;
    stores.secrets = std::make_unique<KeychainSecretStore>(FileSecretStore::defaultDirectory());
    stores.historyDirectory = History::defaultDirectory();
    stores.draftDirectory = DraftStore::defaultDirectory();
    m_collections = new CollectionSession(m_settings, std::move(stores), this);

    m_collectionDock = new CollectionDock(this);
    m_collectionDock->setSecretStore(m_collections->secrets());
    addDockWidget(Qt::LeftDockWidgetArea, m_collectionDock);
    tabifyDockWidget(m_treeDock, m_collectionDock);
    m_treeDock->raise();
    m_collectionDock->addActions({m_actions->undoCollection, m_actions->redoCollection});

    m_historyDock = new HistoryDock(m_collections->history(), this);
    addDockWidget(Qt::LeftDockWidgetArea, m_historyDock);
    tabifyDockWidget(m_collectionDock, m_historyDock);
    m_treeDock->raise();

    const RequestTab::VariableResolver resolver {[this](const QString &text, QStringList *unresolved) {
                                                     return m_collections->resolve(text, unresolved);
                                                 },
        [this](const QStringList &names) { return m_collections->explainUnresolved(names); }};
    m_tabs->setVariableResolver(resolver);
    // Bodies are checked again whenever a variable may have become known, or unknown.
    connect(m_collections, &CollectionSession::valuesChanged, this, [this, resolver] {
        m_tabs->setVariableResolver(resolver);
        recheckConnectionVariables();
    });
    connect(m_collections->secrets(), &AsyncSecretStore::failed, this,
        [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    m_draftTimer = new QTimer(this);
    m_draftTimer->setInterval(DraftIntervalMs);
    connect(m_draftTimer, &QTimer::timeout, this, &MainWindow::saveDrafts);
    m_draftTimer->start();
    connect(m_tabs, &RequestTabs::closing, this, [this](RequestTab *tab) {
        const QString key = m_collections->draftKey(tab->originPath(), tab->scratchKey());
        QString error;
        if (m_draftsWritten.remove(key))
            m_collections->drafts()->remove(key, &error);
    });

    connect(m_collections, &CollectionSession::collectionChanged, this, &MainWindow::onCollectionChanged);
    connect(m_collections, &CollectionSession::environmentChanged, this,
        [this] { m_collectionDock->setActiveEnvironment(m_collections->activeEnvironment()); });
    connect(m_collectionDock, &CollectionDock::activeEnvironmentChanged, m_collections,
        &CollectionSession::setActiveEnvironment);
    connect(m_collectionDock, &CollectionDock::openRequested, this, &MainWindow::openSavedRequest);
    connect(m_collectionDock, &CollectionDock::runRequested, this,
        [this](const QString &path) { runWhenResolved(openSavedRequest(path)); });
    connect(m_collectionDock, &CollectionDock::newCollectionRequested, this, &MainWindow::showNewCollection);
    connect(
        m_collectionDock, &CollectionDock::openCollectionRequested, this, &MainWindow::showOpenCollection);
    connect(m_historyDock, &HistoryDock::openRequested, this, &MainWindow::openHistoryEntry);
    connect(m_historyDock, &HistoryDock::rerunRequested, this, [this](const HistoryEntry &entry) {
        RequestTab *tab = openHistoryEntry(entry);
        if (entry.bodyOmittedChars == 0) // without its body it would send something else
            runWhenResolved(tab);
    });
}

void MainWindow::connectCollectionActions()
{
    WorkbenchActions *a = m_actions;
    connect(a->newCollection, &QAction::triggered, this, &MainWindow::showNewCollection);
    connect(a->openCollection, &QAction::triggered, this, &MainWindow::showOpenCollection);
    connect(a->closeCollection, &QAction::triggered, m_collections, &CollectionSession::close);
    connect(a->importCollection, &QAction::triggered, this, &MainWindow::showImportCollection);
    connect(a->exportCollection, &QAction::triggered, this, &MainWindow::showExportCollection);
    connect(a->saveRequest, &QAction::triggered, this, [this] {
        if (!saveCurrentRequest())
            showSaveRequestAs();
    });
    connect(a->saveRequestAs, &QAction::triggered, this, &MainWindow::showSaveRequestAs);
    connect(a->copyAsGrpcurl, &QAction::triggered, this, &MainWindow::copyAsGrpcurl);
    connect(a->pasteGrpcurl, &QAction::triggered, this, &MainWindow::pasteGrpcurl);
    connect(a->editEnvironments, &QAction::triggered, this, [this] {
        m_collectionDock->show();
        m_collectionDock->raise();
        m_collectionDock->editEnvironments();
    });
    const auto step = [this](bool undo) {
        CollectionUndo *stack = m_collections->undo();
        QString error;
        if (stack && !(undo ? stack->undo(&error) : stack->redo(&error)))
            QMessageBox::warning(this, undo ? tr("Undo") : tr("Redo"), error);
    };
    connect(a->undoCollection, &QAction::triggered, this, [step] { step(true); });
    connect(a->redoCollection, &QAction::triggered, this, [step] { step(false); });
    connect(m_tabs, &RequestTabs::currentStateChanged, this, &MainWindow::updateCollectionActions);
    updateRecentCollections();
    updateCollectionActions();
}

// The folder given on the command line, else the one open at the last exit, else (the
// very first time) the demo collection.
void MainWindow::openStartupCollection(const QString &requested)
{
    QMap<QString, QString> builtIns;
    if (!m_demoTarget.isEmpty())
        builtIns.insert(QStringLiteral("demo"), m_demoTarget);
    m_collections->setBuiltIns(builtIns);
    QString directory = requested;
    if (directory.isEmpty())
        directory = m_settings->openCollection();
    QString error;
    if (directory.isEmpty() && !m_settings->demoCollectionInstalled())
        directory = m_collections->installDemoCollection(&error);
    if (!directory.isEmpty() && !m_collections->open(directory, &error) && !requested.isEmpty())
        QMessageBox::warning(this, tr("Open Collection"), error);
    else if (!error.isEmpty())
        statusBar()->showMessage(error, 10000);
    if (!m_collections->collection())
        onCollectionChanged();
}

void MainWindow::restoreTabs()
{
    const QList<Settings::OpenTab> tabs = m_settings->openTabs();
    Collection *collection = m_collections->collection();
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
        m_restoredSchemas.append(schema); // imported once the window has connected
    }
    if (!tabs.isEmpty()) {
        m_openedFirstMethod = true;
        m_tabs->setCurrentIndex(qBound(0, m_settings->currentTab(), int(tabs.size()) - 1));
    }
}

bool MainWindow::openCollection(const QString &directory)
{
    QString error;
    if (m_collections->open(directory, &error))
        return true;
    QMessageBox::warning(this, tr("Open Collection"), error);
    updateRecentCollections();
    return false;
}

void MainWindow::onCollectionChanged()
{
    Collection *collection = m_collections->collection();
    m_collectionDock->setCollection(collection);
    m_collectionDock->setActiveEnvironment(m_collections->activeEnvironment());
    if (collection) {
        connect(collection, &Collection::edited, this, &MainWindow::onCollectionEdited);
        connect(collection, &Collection::contentChanged, this, &MainWindow::onCollectionContentChanged);
        connect(collection, &Collection::changedOnDisk, this, &MainWindow::onChangedOnDisk);
        connect(m_collections->undo(), &CollectionUndo::changed, this, &MainWindow::updateCollectionActions);
        for (const CollectionProblem &problem : collection->problems())
            statusBar()->showMessage(problem.message, 10000);
    }
    // Tabs of the collection that was closed become scratch tabs; their edits stay.
    for (RequestTab *tab : m_tabs->requests()) {
        if (!tab->originPath().isEmpty() && (!collection || !collection->request(tab->originPath())))
            tab->setOrigin({}, {});
    }
    updateRecentCollections();
    updateCollectionActions();
}

RequestTab *MainWindow::openSavedRequest(const QString &path)
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
    applyRequestContext(m_collections->resolve(absolute, &unresolved));
    m_openedFirstMethod = true; // the schema's arrival must not open another tab over it
    RequestTab *tab = m_tabs->newTab(saved->method, saved->body);
    tab->setRequest(*saved);
    tab->setOrigin(path, *saved);
    tab->setConnectionTemplate(absolute);
    checkConnectionVariables(tab);
    m_collectionDock->selectRequest(path);
    tab->focusEditor();
    return tab;
}

RequestTab *MainWindow::openRequest(const SavedRequest &request)
{
    QStringList unresolved;
    applyRequestContext(m_collections->resolve(request, &unresolved));
    m_openedFirstMethod = true;
    RequestTab *tab = m_tabs->newTab(request.method, request.body);
    tab->setRequest(request);
    tab->setConnectionTemplate(request);
    checkConnectionVariables(tab);
    tab->focusEditor();
    return tab;
}

RequestTab *MainWindow::openHistoryEntry(const HistoryEntry &entry)
{
    RequestTab *tab = openRequest(entry.request);
    if (tab && entry.bodyOmittedChars > 0)
        tab->showNotice(tr("This call's body (%1 characters) was too large to keep in history; the "
                           "request opens without it, and is not sent again.")
                            .arg(QLocale().toString(entry.bodyOmittedChars)));
    return tab;
}

bool MainWindow::saveCurrentRequest()
{
    RequestTab *tab = m_tabs->current();
    Collection *collection = m_collections->collection();
    if (!tab || !collection || tab->originPath().isEmpty() || !collection->request(tab->originPath()))
        return false;
    const SavedRequest request = requestFor(tab).relativeTo(QDir(collection->directory()));
    QString error;
    if (!collection->saveRequest(tab->originPath(), request, &error)) {
        QMessageBox::warning(this, tr("Save Request"), error);
        return true; // handled: the error was shown
    }
    tab->setOrigin(tab->originPath(), request);
    statusBar()->showMessage(tr("Saved %1").arg(tab->originPath()), 4000);
    saveDrafts();
    return true;
}

QString MainWindow::saveCurrentRequestAs(const QString &name, const QString &folder)
{
    RequestTab *tab = m_tabs->current();
    Collection *collection = m_collections->collection();
    if (!tab || !collection)
        return {};
    SavedRequest request = requestFor(tab).relativeTo(QDir(collection->directory()));
    request.name = name.trimmed();
    QString error;
    const QString path = collection->addRequest(request, folder, &error);
    if (path.isEmpty()) {
        QMessageBox::warning(this, tr("Save Request"), error);
        return {};
    }
    const QString oldKey = m_collections->draftKey(tab->originPath(), tab->scratchKey());
    tab->setOrigin(path, *collection->request(path));
    if (m_draftsWritten.remove(oldKey))
        m_collections->drafts()->remove(oldKey, &error);
    m_collectionDock->selectRequest(path);
    statusBar()->showMessage(tr("Saved as %1").arg(path), 4000);
    saveDrafts();
    return path;
}

void MainWindow::showSaveRequestAs()
{
    RequestTab *tab = m_tabs->current();
    if (!tab)
        return;
    if (!m_collections->collection()) {
        const auto answer = QMessageBox::question(this, tr("Save Request"),
            tr("Requests are saved in a collection, and none is open. Create one now?"));
        if (answer != QMessageBox::Yes)
            return;
        showNewCollection();
        if (!m_collections->collection())
            return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Save Request As"), tr("Name:"), QLineEdit::Normal, requestFor(tab).name, &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    saveCurrentRequestAs(name, m_collectionDock->selectedFolder());
}

void MainWindow::saveDrafts()
{
    QSet<QString> live;
    QString error;
    for (RequestTab *tab : m_tabs->requests()) {
        const bool saved = !tab->originPath().isEmpty();
        if (saved && !tab->isModified())
            continue; // the collection's file holds it
        const QString key = m_collections->draftKey(tab->originPath(), tab->scratchKey());
        live.insert(key);
        const SavedRequest request = requestFor(tab);
        const auto written = m_draftsWritten.constFind(key);
        if (written != m_draftsWritten.cend() && *written == request)
            continue;
        if (m_collections->drafts()->save(key, request, &error))
            m_draftsWritten.insert(key, request);
        else
            statusBar()->showMessage(tr("Could not autosave: %1").arg(error), 10000);
    }
    for (auto it = m_draftsWritten.begin(); it != m_draftsWritten.end();) {
        if (live.contains(it.key())) {
            ++it;
            continue;
        }
        m_collections->drafts()->remove(it.key(), &error);
        it = m_draftsWritten.erase(it);
    }
}

void MainWindow::discardDrafts()
{
    QString error;
    for (auto it = m_draftsWritten.cbegin(); it != m_draftsWritten.cend(); ++it)
        m_collections->drafts()->remove(it.key(), &error);
    m_draftsWritten.clear();
}

// Drafts still on disk at launch are edits from a session that did not end cleanly: each
// comes back in a tab, marked, with a way to drop it.
void MainWindow::recoverDrafts()
{
    QStringList problems;
    const QList<DraftStore::Draft> drafts = m_collections->drafts()->drafts(&problems);
    for (const QString &problem : problems)
        statusBar()->showMessage(problem, 10000);
    const QString ownPrefix = m_collections->directory() + u'#';
    QString error;
    for (const DraftStore::Draft &draft : drafts) {
        m_collections->drafts()->remove(draft.key, &error);
        const QString origin = m_collections->collection() && draft.key.startsWith(ownPrefix)
            ? draft.key.mid(ownPrefix.size())
            : QString();
        RequestTab *tab = origin.isEmpty() ? nullptr : openSavedRequest(origin);
        if (!tab && draft.key.startsWith(draftScratchPrefix())) {
            // The session may have restored this very tab already.
            for (RequestTab *open : m_tabs->requests()) {
                if (open->originPath().isEmpty() && open->methodName() == draft.request.method
                    && open->body() == draft.request.body)
                    tab = open;
            }
        }
        if (!tab)
            tab = m_tabs->newTab(draft.request.method, draft.request.body);
        const SavedRequest before = tab->request();
        tab->setRequest(draft.request);
        tab->showNotice(tr("Recovered unsaved edits from a session that ended unexpectedly."),
            {{tr("Discard Them"),
                 [this, tab = QPointer<RequestTab>(tab), before] {
                     if (!tab)
                         return;
                     if (tab->originPath().isEmpty() && before.body.isEmpty())
                         m_tabs->closeRequest(m_tabs->indexOf(tab));
                     else
                         tab->setRequest(tab->originPath().isEmpty() ? before : tab->savedRequest());
                 }},
                {tr("Keep"), {}}});
    }
    if (!drafts.isEmpty()) {
        statusBar()->showMessage(tr("Recovered %n unsaved request(s)", nullptr, int(drafts.size())), 10000);
        saveDrafts();
    }
}

bool MainWindow::confirmDiscardModified(const QList<RequestTab *> &tabs)
{
    QStringList names;
    for (RequestTab *tab : tabs)
        names.append(tab->title());
    const auto answer = QMessageBox::question(this, tr("Unsaved Changes"),
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

// A rename or a move gives a tab's request a new path; a delete leaves the tab unsaved.
void MainWindow::onCollectionEdited(const CollectionEdit &edit)
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

void MainWindow::onCollectionContentChanged()
{
    // Undo and redo replay files without an edit record: tabs whose file went away detach.
    Collection *collection = m_collections->collection();
    for (RequestTab *tab : m_tabs->requests()) {
        if (!tab->originPath().isEmpty() && !collection->request(tab->originPath()))
            tab->setOrigin({}, {});
    }
    updateCollectionActions();
}

void MainWindow::onChangedOnDisk(const QStringList &paths)
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
            statusBar()->showMessage(tr("Reloaded %1: it changed on disk").arg(path), 6000);
        } else {
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
    }
    statusBar()->showMessage(tr("The collection changed on disk and was reloaded"), 6000);
}

void MainWindow::recordHistory(RequestTab *tab, const CallStatus &status)
{
    HistoryEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    // What went on the wire, as it was when the call started: not what the tab holds now.
    entry.request = tab->lastCall().sentRequest();
    entry.resolvedTarget = tab->lastCall().resolvedTarget();
    entry.status = status.codeName();
    entry.elapsedMs = tab->lastElapsedMs();
    entry.responseSummary = HistoryEntry::summarize(tab->lastResponseSummary());
    entry.redactSecrets(m_collections->activeSecrets());
    QString error;
    if (!m_historyDock->record(entry, &error))
        statusBar()->showMessage(tr("History not recorded: %1").arg(error), 10000);
}

void MainWindow::runWhenResolved(RequestTab *tab)
{
    if (!tab)
        return;
    if (tab->isResolved())
        tab->runWhole();
    else
        m_pendingRun = tab; // sent once the schema that defines it arrives
}

void MainWindow::updateRecentCollections()
{
    QMenu *menu = m_actions->recentCollections;
    if (!menu)
        return;
    menu->clear();
    for (const QString &directory : m_settings->recentCollections()) {
        QAction *action = menu->addAction(directory);
        connect(action, &QAction::triggered, this, [this, directory] {
            if (!QFileInfo::exists(directory)) {
                m_settings->removeRecentCollection(directory);
                updateRecentCollections();
            }
            openCollection(directory);
        });
    }
    menu->setEnabled(!menu->isEmpty());
}

void MainWindow::updateCollectionActions()
{
    WorkbenchActions *a = m_actions;
    const bool open = m_collections->collection() != nullptr;
    RequestTab *tab = m_tabs->current();
    a->closeCollection->setEnabled(open);
    a->exportCollection->setEnabled(open);
    a->editEnvironments->setEnabled(open);
    a->saveRequest->setEnabled(tab != nullptr);
    a->saveRequestAs->setEnabled(tab != nullptr);
    a->copyAsGrpcurl->setEnabled(tab != nullptr);
    CollectionUndo *undo = m_collections->undo();
    a->undoCollection->setEnabled(undo && undo->canUndo());
    a->redoCollection->setEnabled(undo && undo->canRedo());
    a->undoCollection->setText(undo && undo->canUndo() ? tr("&Undo %1").arg(undo->undoText()) : tr("&Undo"));
    a->redoCollection->setText(undo && undo->canRedo() ? tr("&Redo %1").arg(undo->redoText()) : tr("&Redo"));
}

void MainWindow::showNewCollection()
{
    const QString directory = QFileDialog::getExistingDirectory(
        this, tr("New Collection: Choose an Empty Folder"), m_settings->lastDirectory());
    if (directory.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("New Collection"), tr("Name:"), QLineEdit::Normal, QFileInfo(directory).fileName(), &ok);
    if (!ok)
        return;
    QString error;
    if (!m_collections->create(directory, name.trimmed(), &error))
        QMessageBox::warning(this, tr("New Collection"), error);
}

void MainWindow::showOpenCollection()
{
    const QString directory
        = QFileDialog::getExistingDirectory(this, tr("Open Collection"), m_settings->lastDirectory());
    if (!directory.isEmpty())
        openCollection(directory);
}

void MainWindow::showImportCollection()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import Collection"),
        m_settings->lastDirectory(), tr("Wirescope collections (*.wirescope.json *.json);;All files (*)"));
    if (file.isEmpty())
        return;
    const QString directory = QFileDialog::getExistingDirectory(
        this, tr("Import Collection: Choose an Empty Folder"), QFileInfo(file).path());
    if (directory.isEmpty())
        return;
    QString error;
    if (!CollectionArchive::importFromFile(file, directory, &error)) {
        QMessageBox::warning(this, tr("Import Collection"), error);
        return;
    }
    openCollection(directory);
}

void MainWindow::showExportCollection()
{
    Collection *collection = m_collections->collection();
    if (!collection)
        return;
    const QString suggested
        = QDir(m_settings->lastDirectory())
              .filePath(QFileInfo(collection->directory()).fileName() + QStringLiteral(".wirescope.json"));
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export Collection"), suggested, tr("Wirescope collections (*.wirescope.json)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!CollectionArchive::exportToFile(*collection, file, &error))
        QMessageBox::warning(this, tr("Export Collection"), error);
    else
        statusBar()->showMessage(tr("Exported the collection to %1").arg(file), 6000);
}

void MainWindow::copyAsGrpcurl()
{
    RequestTab *tab = m_tabs->current();
    if (!tab)
        return;
    QStringList unresolved;
    SavedRequest request = m_collections->resolve(requestFor(tab), &unresolved);
    if (Collection *collection = m_collections->collection())
        request = request.absoluteFrom(QDir(collection->directory()));
    QApplication::clipboard()->setText(GrpcurlCommand::toCommandLine(request));
    statusBar()->showMessage(unresolved.isEmpty()
            ? tr("Copied the request as a grpcurl command")
            : tr("Copied; unresolved: %1").arg(unresolved.join(QStringLiteral(", "))),
        6000);
}

void MainWindow::pasteGrpcurl()
{
    const GrpcurlCommand::ParseResult result = GrpcurlCommand::parse(QApplication::clipboard()->text());
    if (!result.ok) {
        QMessageBox::warning(this, tr("Paste grpcurl Command"),
            tr("The clipboard does not hold a grpcurl command this can use: %1").arg(result.error));
        return;
    }
    openRequest(result.request);
    if (!result.warnings.isEmpty())
        statusBar()->showMessage(result.warnings.join(QStringLiteral("; ")), 10000);
}

} // namespace wirescope
