// MainWindow: the workbench frame (docks, menus, status bar) and the wiring of the
// controllers it hosts to what it shows.

#include "ui/workbench/MainWindow.h"

#include "model/collection/AsyncSecretStore.h"
#include "model/collection/Collection.h"
#include "model/collection/CollectionSession.h"
#include "model/collection/DraftStore.h"
#include "model/collection/History.h"
#include "model/collection/KeychainSecretStore.h"
#include "model/collection/SecretStore.h"
#include "model/core/Settings.h"
#include "model/schema/SchemaSourcesModel.h"
#include "model/schema/SchemaWorkspace.h"
#include "model/schema/ServiceTreeModel.h"
#include "ui/collection/CollectionDock.h"
#include "ui/collection/HistoryDock.h"
#include "ui/collection/RunResultsPanel.h"
#include "ui/lab/LabController.h"
#include "ui/mock/MockPanel.h"
#include "ui/request/RequestTab.h"
#include "ui/request/RequestTabs.h"
#include "ui/schema/ImportDialog.h"
#include "ui/schema/ProblemsPanel.h"
#include "ui/schema/SchemaSourcesDock.h"
#include "ui/schema/ServiceTreeDock.h"
#include "ui/wire/WireInspectorDock.h"
#include "ui/workbench/ConnectionBar.h"
#include "ui/workbench/FirstRunTour.h"
#include "ui/workbench/ShortcutsOverview.h"
#include "ui/workbench/StartupProbe.h"
#include "ui/workbench/WorkbenchActions.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace wirescope {

namespace {

// How long a window that is not painted (started minimized) holds back the rest of its start.
constexpr int FirstFrameWaitMs = 300;

ChannelOptions channelOptions(const MainWindow::Startup &startup)
{
    using Security = ChannelOptions::Security;
    ChannelOptions options;
    options.target = startup.target;
    options.caFile = startup.caFile;
    options.certFile = startup.certFile;
    options.keyFile = startup.keyFile;
    options.authority = startup.authority;
    if (startup.plaintext)
        options.security = Security::Plaintext;
    else
        options.security = startup.certFile.isEmpty() ? Security::Tls : Security::MutualTls;
    return options;
}

ConnectionBar::State barState(SchemaController::ChannelState state)
{
    using Bar = ConnectionBar::State;
    static const QHash<SchemaController::ChannelState, Bar> bar = {
        {SchemaController::ChannelState::Idle, Bar::Idle},
        {SchemaController::ChannelState::Connecting, Bar::Connecting},
        {SchemaController::ChannelState::Ready, Bar::Ready},
        {SchemaController::ChannelState::TransientFailure, Bar::TransientFailure},
        {SchemaController::ChannelState::Failed, Bar::Failed},
    };
    return bar.value(state);
}

} // namespace

MainWindow::MainWindow(const Startup &startup, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(new Settings(this))
    , m_actions(new WorkbenchActions(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Wirescope"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    m_connectionBar = new ConnectionBar(this);
    addToolBar(m_connectionBar);
    m_connectionBar->addActions(
        {m_actions->reloadReflection, m_actions->importProtos, m_actions->openProtoset});
    createCentral();
    createSchemaController();
    createTreeDock();
    createCollectionParts();
    createStatusBar();
    m_actions->buildMenus(menuBar(),
        {m_treeDock->toggleViewAction(), m_collectionDock->toggleViewAction(),
            m_historyDock->toggleViewAction(), m_connectionBar->toggleViewAction()});
    connectActions();
    m_files->refresh(); // the recent collections menu is made with the menus
    restoreSession();
    m_offerTour = startup.offerTour && !m_settings->tourShown();
    if (startup.paintFirst) {
        m_waitingForFirstFrame = true;
        m_panelsPending = true;
        // Should no frame come (a window started minimized), the rest comes all the same.
        QTimer::singleShot(FirstFrameWaitMs, this, &MainWindow::finishStartup);
    } else {
        m_panelsPending = true;
        m_historyDock->load();
        createHiddenPanels();
    }
    startSession(startup);
    updatePlaceholders();
    updateActions();
}

bool MainWindow::event(QEvent *event)
{
    // Queued: each runs once the frame being painted is on the screen. The hidden panels come
    // after the frame that shows the first request, when the window is painted again.
    if (event->type() == QEvent::Paint && m_waitingForFirstFrame)
        QMetaObject::invokeMethod(this, &MainWindow::onFirstFrame, Qt::QueuedConnection);
    else if (event->type() == QEvent::Paint && m_panelsPending)
        QMetaObject::invokeMethod(this, &MainWindow::createHiddenPanels, Qt::QueuedConnection);
    return QMainWindow::event(event);
}

// The first request tab took about as long as the rest of the window together, and the
// hidden panels a fifth of it; made before the first frame, they held it back
// (wirescope_startup_bench).
void MainWindow::onFirstFrame()
{
    if (!std::exchange(m_waitingForFirstFrame, false))
        return;
    StartupProbe::mark("first-frame-done");
    m_historyDock->load();
    // Tabs to restore come before the schema is shown: they are its first requests, not the
    // example. Without any (a first run), the collection waits for the hidden panels.
    if (m_pendingCollection && hasTabsToRestore())
        openPendingCollection();
    if (std::exchange(m_schemaHeld, false))
        onSchemaChanged();
    else
        updatePlaceholders();
}

bool MainWindow::hasTabsToRestore() const
{
    return !m_settings->openTabs().isEmpty() || !m_collections->drafts()->isEmpty();
}

void MainWindow::openPendingCollection()
{
    if (!m_pendingCollection)
        return;
    openCollectionAndTabs(*std::exchange(m_pendingCollection, std::nullopt));
    importRestoredSchemas();
}

// Everything the first frames put off, now.
void MainWindow::finishStartup()
{
    onFirstFrame();
    createHiddenPanels();
}

// The schemas and target given on the command line, and the collection, tabs and drafts of
// the last session. Painted first, the window connects at once and opens the collection (a
// first run copies the demo collection) once its first frame is on the screen.
void MainWindow::startSession(const Startup &startup)
{
    const ChannelOptions options = channelOptions(startup);
    if (startup.isDemo)
        m_schema->setDemoTarget(options.target);
    if (!startup.paintFirst)
        openCollectionAndTabs(startup.collection);
    m_connectionBar->setOptions(options);
    for (const QString &protoset : startup.protosets)
        m_schema->openProtoset(protoset);
    if (!startup.protoFiles.isEmpty())
        m_schema->importProtoFiles(startup.protoFiles, startup.importPaths);
    if (!options.target.isEmpty())
        m_schema->connectTo(options);
    // After connecting: imports a restored tab needs do not stop reflection of the target.
    importRestoredSchemas();
    if (startup.paintFirst)
        m_pendingCollection = startup.collection;
    if (startup.isDemo)
        statusBar()->showMessage(tr("Started the demo server on %1").arg(options.target), 8000);
}

void MainWindow::openCollectionAndTabs(const QString &collection)
{
    m_files->openStartupCollection(collection, m_schema->demoTarget());
    if (!m_collections->collection())
        onCollectionChanged();
    m_restoredSchemas = m_requests->restoreTabs();
    m_drafts->recoverDrafts([this](const QString &path) { return m_requests->openSavedRequest(path); });
}

void MainWindow::importRestoredSchemas()
{
    for (const SavedRequest::SchemaSourceRef &schema : std::exchange(m_restoredSchemas, {}))
        m_schema->importSchemaOnce(schema);
}

MainWindow::~MainWindow()
{
    // The session (and its collection) goes before the dock that shows it: unhook the dock
    // first, so it does not report back to a session that is half gone.
    QObject::disconnect(m_collectionDock, nullptr, m_collections, nullptr);
    m_collectionDock->setCollection(nullptr);
}

void MainWindow::createCentral()
{
    m_tabs = new RequestTabs([this] { return m_schema->connection(); }, this);
    m_emptyHint = new QLabel(this);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setTextFormat(Qt::RichText);
    m_central = new QStackedWidget(this);
    m_central->addWidget(m_emptyHint);
    m_central->addWidget(m_tabs);
    setCentralWidget(m_central);
    connect(m_tabs, &RequestTabs::emptyChanged, this, &MainWindow::updatePlaceholders);
    connect(m_tabs, &RequestTabs::currentStateChanged, this, &MainWindow::updateActions);
    m_tabs->setCloseGuard(
        [this](RequestTab *tab) { return !tab->isModified() || m_requests->confirmDiscardModified({tab}); });
}

// The collection session the window works in (it resolves {{variables}} for the schema
// controller) and the schema controller, whose workspace and tree model the docks show.
void MainWindow::createSchemaController()
{
    CollectionSession::Stores stores;
    stores.secrets = std::make_unique<KeychainSecretStore>(FileSecretStore::defaultDirectory());
    stores.historyDirectory = History::defaultDirectory();
    stores.draftDirectory = DraftStore::defaultDirectory();
    m_collections = new CollectionSession(m_settings, std::move(stores), this);
    m_schema = new SchemaController(m_settings, m_collections, m_tabs, this);
    SchemaController *s = m_schema;
    s->setTypedOptions([this] { return m_connectionBar->options(); });
    connect(m_connectionBar, &ConnectionBar::connectRequested, s, &SchemaController::connectTyped);
    connect(s, &SchemaController::connectionReplaced, this, [this](const ChannelOptions &options) {
        m_connectionBar->setOptions(options);
        m_connectionBar->setRecentTargets(m_settings->recentTargets());
        setWindowTitle(tr("%1 \u2014 Wirescope").arg(options.target));
    });
    connect(s, &SchemaController::channelStateChanged, this,
        [this](SchemaController::ChannelState state, const QString &detail) {
            m_connectionBar->setState(barState(state), detail);
        });
    connect(s, &SchemaController::targetNeeded, m_connectionBar, &ConnectionBar::focusTarget);
    connect(s, &SchemaController::progress, this, &MainWindow::onProgress);
    connect(s, &SchemaController::loadFinished, this, &MainWindow::onLoadFinished);
    connect(s, &SchemaController::sourceRemoved, this, &MainWindow::onLoadsChanged);
    connect(s, &SchemaController::schemaChanged, this, &MainWindow::onSchemaChanged);
    connect(s, &SchemaController::statusMessage, this, &MainWindow::showStatus);
}

void MainWindow::createTreeDock()
{
    m_treeDock = new ServiceTreeDock(m_schema->treeModel(), this);
    addDockWidget(Qt::LeftDockWidgetArea, m_treeDock);
    resizeDocks({m_treeDock}, {300}, Qt::Horizontal);
    connect(m_treeDock, &ServiceTreeDock::methodActivated, this, &MainWindow::openMethod);
}

// The panels hidden at first: problems, schema sources, the wire inspector, collection runs
// and the mock server. Made after the first frame when the window is painted first
// (Startup::paintFirst), so each goes where the saved layout had it, or hidden at the bottom.
void MainWindow::createHiddenPanels()
{
    if (!std::exchange(m_panelsPending, false))
        return;
    openPendingCollection();
    m_problems = new ProblemsPanel(this);
    m_sourcesDock = new SchemaSourcesDock(new SchemaSourcesModel(m_schema->workspace(), this), this);
    m_inspectorDock = new WireInspectorDock(this);
    m_runResults = new RunResultsPanel(this);
    m_mock = new MockPanel(this);
    const QList<QDockWidget *> panels = {m_runResults, m_mock, m_problems, m_sourcesDock, m_inspectorDock};
    bool placed = true;
    for (QDockWidget *panel : panels) {
        if (!restoreDockWidget(panel)) {
            placed = false;
            addDockWidget(Qt::BottomDockWidgetArea, panel);
            panel->hide();
        }
    }
    if (!placed) {
        tabifyDockWidget(m_problems, m_sourcesDock);
        resizeDocks({m_problems}, {140}, Qt::Vertical);
    }
    QList<QAction *> toggles;
    for (QDockWidget *panel : panels)
        toggles.append(panel->toggleViewAction());
    m_actions->viewMenu->insertActions(m_connectionBar->toggleViewAction(), toggles);

    connect(m_sourcesDock, &SchemaSourcesDock::reloadRequested, m_schema, &SchemaController::reloadSource);
    connect(m_sourcesDock, &SchemaSourcesDock::removeRequested, m_schema, &SchemaController::removeSource);
    connect(m_schema->workspace(), &SchemaWorkspace::sourcesChanged, this,
        [this] { m_problems->setDiagnostics(m_schema->workspace()->diagnostics()); });
    connect(m_schema, &SchemaController::searchPathsChanged, m_problems, &ProblemsPanel::setSearchPaths);
    m_problems->setSearchPaths(m_schema->searchPaths());
    showProblems(m_schema->workspace()->diagnostics());
    m_inspectorDock->followRequests(m_tabs);
    m_lab = new LabController(this, m_inspectorDock); // lessons borrow the inspector
    WorkbenchActions *a = m_actions;
    m_lab->connectActions(a->lessons, a->compareEncodings, a->schemaEvolution, a->presenterMode);
    m_lab->setAppSchema(m_schema->workspace()->schema());
    connectRunResults();
    connectMockPanel();
}

// The collection and history docks, and the controllers of drafts, saved requests and
// collection files that work on them.
void MainWindow::createCollectionParts()
{
    m_collectionDock = new CollectionDock(this);
    m_collectionDock->setSecretStore(m_collections->secrets());
    addDockWidget(Qt::LeftDockWidgetArea, m_collectionDock);
    tabifyDockWidget(m_treeDock, m_collectionDock);
    m_treeDock->raise();
    m_collectionDock->addActions({m_actions->undoCollection, m_actions->redoCollection});
    // Read once the first frame is on the screen (at once when the window is not painted first).
    m_historyDock = new HistoryDock(m_collections->history(), this, HistoryDock::Loading::WhenAsked);
    addDockWidget(Qt::LeftDockWidgetArea, m_historyDock);
    tabifyDockWidget(m_collectionDock, m_historyDock);
    m_treeDock->raise();

    connect(m_collections->secrets(), &AsyncSecretStore::failed, this,
        [this](const QString &message) { statusBar()->showMessage(message, 15000); });

    m_drafts = new DraftKeeper(
        m_collections, m_tabs, [this](RequestTab *tab) { return m_schema->requestFor(tab); }, this);
    m_requests = new SavedRequestsController(
        {m_settings, m_collections, m_schema, m_drafts, m_actions, m_tabs, m_collectionDock, m_historyDock},
        this);
    m_files = new CollectionFileActions(m_settings, m_collections, m_actions, m_tabs, this);
    connect(m_drafts, &DraftKeeper::statusMessage, this, &MainWindow::showStatus);
    connect(m_requests, &SavedRequestsController::statusMessage, this, &MainWindow::showStatus);
    connect(
        m_requests, &SavedRequestsController::requestOpening, this, [this] { m_openedFirstMethod = true; });
    connect(m_requests, &SavedRequestsController::collectionNeeded, m_files,
        &CollectionFileActions::showNewCollection);
    connect(m_files, &CollectionFileActions::statusMessage, this, &MainWindow::showStatus);

    connect(m_collections, &CollectionSession::collectionChanged, this, &MainWindow::onCollectionChanged);
    connect(m_collections, &CollectionSession::environmentChanged, this,
        [this] { m_collectionDock->setActiveEnvironment(m_collections->activeEnvironment()); });
    connect(m_collectionDock, &CollectionDock::activeEnvironmentChanged, m_collections,
        &CollectionSession::setActiveEnvironment);
    connect(m_collectionDock, &CollectionDock::newCollectionRequested, m_files,
        &CollectionFileActions::showNewCollection);
    connect(m_collectionDock, &CollectionDock::openCollectionRequested, m_files,
        &CollectionFileActions::showOpenCollection);
}

// Collection runs from the collection dock, shown in a dock of their own once one starts.
void MainWindow::connectRunResults()
{
    connect(m_collectionDock, &CollectionDock::runTestsRequested, this, [this](const QStringList &paths) {
        if (Collection *collection = m_collections->collection()) {
            m_runResults->setSchema(m_schema->workspace()->schema());
            m_runResults->startRun(*collection, paths, m_collectionDock->activeEnvironment(),
                m_collections->secrets(), m_collections->builtIns());
        }
    });
}

// The mock server of the loaded schema, hidden until asked for; pointing a tab at it
// connects the window there, as a request's own target does.
void MainWindow::connectMockPanel()
{
    m_mock->setRequestTabs(m_tabs);
    m_mock->setSchema(m_schema->workspace()->schema());
    const Collection *collection = m_collections->collection();
    m_mock->setCollectionDirectory(collection ? collection->directory() : QString());
    connect(m_mock, &MockPanel::targetChosen, m_schema, &SchemaController::applyRequestContext);
    connect(m_tabs, &RequestTabs::saveAsStubRequested, m_mock, &MockPanel::editStubFromResponse);
    connect(m_actions->startMock, &QAction::triggered, m_mock, &MockPanel::present);
}

void MainWindow::onCollectionChanged()
{
    const Collection *collection = m_collections->collection();
    if (m_mock) // made after the first frame, it reads the collection then
        m_mock->setCollectionDirectory(collection ? collection->directory() : QString());
    m_collectionDock->setCollection(m_collections->collection());
    m_collectionDock->setActiveEnvironment(m_collections->activeEnvironment());
    m_requests->onCollectionChanged();
    m_files->onCollectionChanged();
}

void MainWindow::createStatusBar()
{
    m_progressLabel = new QLabel(this);
    m_progressBar = new QProgressBar(this);
    m_progressBar->setMaximumWidth(160);
    m_progressBar->setMaximumHeight(14);
    m_progressBar->setTextVisible(false);
    m_schemaSummary = new QLabel(this);
    statusBar()->addPermanentWidget(m_progressLabel);
    statusBar()->addPermanentWidget(m_progressBar);
    statusBar()->addPermanentWidget(m_schemaSummary);
    m_progressLabel->hide();
    m_progressBar->hide();
}

void MainWindow::showStatus(const QString &text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::connectActions()
{
    WorkbenchActions *a = m_actions;
    const auto onTab = [this](void (RequestTab::*method)()) {
        return [this, method] {
            if (RequestTab *tab = m_tabs->current())
                (tab->*method)();
        };
    };
    connect(a->importProtos, &QAction::triggered, this, [this] { showImportDialog(); });
    connect(a->openProtoset, &QAction::triggered, this, &MainWindow::showOpenProtoset);
    connect(a->reloadReflection, &QAction::triggered, m_schema, &SchemaController::reloadReflection);
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->focusTarget, &QAction::triggered, m_connectionBar, &ConnectionBar::focusTarget);
    connect(a->focusFilter, &QAction::triggered, m_treeDock, &ServiceTreeDock::focusFilter);
    connect(a->resetBody, &QAction::triggered, this, onTab(&RequestTab::resetBodyToExample));
    connect(a->send, &QAction::triggered, this, onTab(&RequestTab::send));
    connect(a->cancel, &QAction::triggered, this, onTab(&RequestTab::cancel));
    connect(a->sendNext, &QAction::triggered, this, onTab(&RequestTab::sendNext));
    connect(a->halfClose, &QAction::triggered, this, onTab(&RequestTab::halfClose));
    connect(a->newTab, &QAction::triggered, this, &MainWindow::newTabOfCurrentMethod);
    connect(a->closeTab, &QAction::triggered, this, [this] { m_tabs->closeRequest(m_tabs->currentIndex()); });
    connect(a->nextTab, &QAction::triggered, this, [this] {
        if (m_tabs->count() > 0)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
    });
    connect(a->previousTab, &QAction::triggered, this, [this] {
        if (m_tabs->count() > 0)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    });
    connect(a->editEnvironments, &QAction::triggered, this, [this] {
        m_collectionDock->show();
        m_collectionDock->raise();
        m_collectionDock->editEnvironments();
    });
    connect(a->shortcuts, &QAction::triggered, this, [this] { ShortcutsOverview::show(this); });
    connect(a->tour, &QAction::triggered, this, &MainWindow::startTour);
    connect(a->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(a->aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::restoreSession()
{
    resize(1280, 800);
    restoreGeometry(m_settings->windowGeometry());
    restoreState(m_settings->windowState());
    fitOnScreen();
    m_connectionBar->setRecentTargets(m_settings->recentTargets());
    m_tabs->setRenderLimit(m_settings->responseRenderLimit());
    m_tabs->setSettings(m_settings);
}

// A window is never restored larger than its screen, nor off it (a geometry saved on a larger
// monitor, or grown by a bug, would otherwise come back every launch).
void MainWindow::fitOnScreen()
{
    const QScreen *screen = this->screen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    const QSize size(std::min(width(), available.width()), std::min(height(), available.height()));
    if (size != this->size())
        resize(size);
    if (!available.intersects(frameGeometry()))
        move(available.topLeft());
}

void MainWindow::saveSession()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    QList<Settings::OpenTab> tabs = m_tabs->openTabs();
    for (Settings::OpenTab &open : tabs) {
        if (!open.origin.isEmpty())
            continue; // the saved request names its own schema
        const SavedRequest::SchemaSourceRef schema = m_schema->schemaRefFor(open.method);
        open.protoFiles = schema.protoFiles;
        open.importPaths = schema.importPaths;
        open.protoset = schema.protoset;
    }
    m_settings->setOpenTabs(tabs);
    m_settings->setCurrentTab(m_tabs->currentIndex());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QList<RequestTab *> modified;
    for (RequestTab *tab : m_tabs->requests()) {
        if (tab->isModified())
            modified.append(tab);
    }
    if (!modified.isEmpty() && !m_requests->confirmDiscardModified(modified)) {
        event->ignore();
        return;
    }
    finishStartup(); // closed before the panels came: placed as saved, they are saved again
    saveSession();
    m_drafts->discardDrafts(); // a clean exit: the session keeps the tabs
    event->accept();
}

void MainWindow::onProgress(const QString &what, int done, int total)
{
    m_progressLabel->setText(
        tr("Loading %1\u2026").arg(QFileInfo(what).fileName().isEmpty() ? what : what.section(u'/', -1)));
    m_progressBar->setRange(0, total); // 0..0 shows a busy indicator
    m_progressBar->setValue(done);
    m_progressLabel->show();
    m_progressBar->show();
    updatePlaceholders();
}

void MainWindow::onLoadFinished(bool ok, const Diagnostics &diagnostics, const QString &label)
{
    if (m_problems) // made after the first frame, it shows what came before then
        showProblems(diagnostics);
    statusBar()->showMessage(
        ok ? tr("Loaded %1").arg(label) : tr("Problems loading %1 \u2014 see Problems").arg(label), 6000);
    onLoadsChanged();
}

// The workspace's diagnostics in the problems panel, which opens when `loaded` (what one
// load reported, or all of them) has an error.
void MainWindow::showProblems(const Diagnostics &loaded)
{
    m_problems->setDiagnostics(m_schema->workspace()->diagnostics());
    if (hasErrors(loaded))
        m_problems->show();
}

void MainWindow::onLoadsChanged()
{
    if (!m_schema->isLoading()) {
        m_progressLabel->hide();
        m_progressBar->hide();
    }
    updatePlaceholders();
}

void MainWindow::onSchemaChanged()
{
    if (m_waitingForFirstFrame) {
        m_schemaHeld = true;
        return;
    }
    const SchemaPtr schema = m_schema->workspace()->schema();
    const ServiceTreeModel *tree = m_schema->treeModel();
    m_tabs->setSchema(schema);
    if (m_lab) { // made after the first request, they are given the schema then
        m_lab->setAppSchema(schema); // the inspector's, unless a lesson has it
        m_mock->setSchema(schema);
    }
    m_requests->runPendingIfResolved();
    m_schemaSummary->setText(tr("%n service(s)", nullptr, int(schema->serviceNames().size()))
        + QStringLiteral(" \u00b7 ") + tr("%n method(s)", nullptr, tree->methodCount()));
    if (!m_openedFirstMethod && tree->methodCount() > 0) {
        m_openedFirstMethod = true;
        openMethod(tree->preferredMethod().data(ServiceTreeModel::FullNameRole).toString());
        if (std::exchange(m_offerTour, false))
            QTimer::singleShot(400, this, &MainWindow::startTour);
    } else if (RequestTab *tab = m_tabs->current()) {
        m_treeDock->selectMethod(tab->methodName());
    }
    updatePlaceholders();
    updateActions();
}

void MainWindow::openMethod(const QString &fullName)
{
    if (fullName.isEmpty())
        return;
    RequestTab *tab = m_tabs->openMethod(fullName);
    m_treeDock->selectMethod(fullName);
    tab->focusEditor();
}

void MainWindow::newTabOfCurrentMethod()
{
    QString method = m_treeDock->currentMethod();
    if (RequestTab *tab = m_tabs->current(); method.isEmpty() && tab)
        method = tab->methodName();
    if (!method.isEmpty())
        m_tabs->newTab(method)->focusEditor();
}

void MainWindow::updateActions()
{
    RequestTab *tab = m_tabs->current();
    m_actions->send->setEnabled(tab && tab->isResolved());
    m_actions->cancel->setEnabled(tab && tab->isRunning());
    m_actions->sendNext->setEnabled(tab && tab->canSendNext());
    m_actions->halfClose->setEnabled(tab && tab->canSendNext());
    m_actions->resetBody->setEnabled(tab && tab->isResolved());
    m_actions->closeTab->setEnabled(tab != nullptr);
    m_actions->reloadReflection->setEnabled(m_schema->connection() && m_schema->connection()->isValid());
    if (tab)
        m_treeDock->selectMethod(tab->methodName());
}

void MainWindow::updatePlaceholders()
{
    const bool busy = m_schema->isLoading();
    // Before the first frame a schema may be a moment away: no hint that says otherwise.
    if (m_waitingForFirstFrame || m_schema->treeModel()->methodCount() > 0)
        m_treeDock->setPlaceholder({});
    else
        m_treeDock->setPlaceholder(busy
                ? tr("Loading the schema\u2026")
                : tr("No services yet.\nImport .proto files (Ctrl+I), open a protoset "
                     "(Ctrl+O) or reload reflection (F5)."));
    if (m_waitingForFirstFrame)
        m_emptyHint->clear();
    else
        m_emptyHint->setText(
            tr("<h3>No request open</h3><p>Double-click a method in the service tree, "
               "or press Ctrl+F to find one.</p><p>Drop .proto or protoset files here to import them.</p>"));
    m_central->setCurrentWidget(m_tabs->count() > 0 ? static_cast<QWidget *>(m_tabs) : m_emptyHint);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!SchemaController::schemaFiles(event->mimeData()->urls()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    m_schema->importFiles(
        SchemaController::schemaFiles(event->mimeData()->urls()), m_settings->importPaths());
    event->acceptProposedAction();
}

void MainWindow::showImportDialog(const QStringList &files)
{
    ImportDialog dialog(m_settings, files, this);
    if (dialog.exec() == QDialog::Accepted)
        m_schema->importProtoFiles(dialog.files(), dialog.importPaths());
}

void MainWindow::showOpenProtoset()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Protoset"), m_settings->lastDirectory(),
        tr("Descriptor sets (*.protoset *.pb *.binpb *.desc *.bin);;All files (*)"));
    if (path.isEmpty())
        return;
    m_settings->setLastDirectory(QFileInfo(path).path());
    m_schema->openProtoset(path);
}

void MainWindow::startTour()
{
    if (m_tour)
        return;
    finishStartup(); // the tour points at panels made after the first frames
    const bool inspectorShown = m_inspectorDock->isVisible();
    m_tour = new FirstRunTour(this, FirstRunTour::workbenchSteps(this, m_schema->demoTarget()));
    connect(m_tour, &FirstRunTour::finished, this, [this, inspectorShown] {
        m_settings->setTourShown(true);
        m_inspectorDock->setVisible(inspectorShown); // the tour opened it to point at it
        m_treeDock->raise(); // the collections step raised its dock over the services
    });
    m_tour->start();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Wirescope"),
        tr("<h3>Wirescope %1</h3><p>A native desktop gRPC explorer.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace wirescope
