#include "ui/MainWindow.h"

#include "model/SchemaSourcesModel.h"
#include "model/SchemaWorkspace.h"
#include "model/ServiceTreeModel.h"
#include "model/Settings.h"
#include "rpc/Connection.h"
#include "ui/CollectionDock.h"
#include "ui/CollectionSession.h"
#include "ui/ConnectionBar.h"
#include "ui/FirstRunTour.h"
#include "ui/HistoryDock.h"
#include "ui/ImportDialog.h"
#include "ui/ProblemsPanel.h"
#include "ui/RequestTab.h"
#include "ui/RequestTabs.h"
#include "ui/SchemaSourcesDock.h"
#include "ui/ServiceTreeDock.h"
#include "ui/WireInspectorDock.h"
#include "ui/WorkbenchActions.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMap>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSet>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace wirescope {

namespace {

constexpr int UnavailableCode = 14;

bool isProtoset(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == u"protoset" || suffix == u"pb" || suffix == u"binpb" || suffix == u"desc"
        || suffix == u"bin";
}

bool isProto(const QString &path)
{
    return QFileInfo(path).suffix().compare(u"proto", Qt::CaseInsensitive) == 0;
}

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

QStringList droppedSchemaFiles(const QMimeData *mime)
{
    QStringList files;
    for (const QUrl &url : mime->urls()) {
        const QString path = url.toLocalFile();
        if (!path.isEmpty() && (isProto(path) || isProtoset(path)))
            files.append(path);
    }
    return files;
}

} // namespace

MainWindow::MainWindow(const Startup &startup, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(new Settings(this))
    , m_workspace(new SchemaWorkspace(this))
    , m_treeModel(new ServiceTreeModel(this))
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
    createDocks();
    createCollectionParts();
    createStatusBar();
    m_actions->buildMenus(menuBar(),
        {m_treeDock->toggleViewAction(), m_collectionDock->toggleViewAction(),
            m_historyDock->toggleViewAction(), m_problems->toggleViewAction(),
            m_sourcesDock->toggleViewAction(), m_inspectorDock->toggleViewAction(),
            m_connectionBar->toggleViewAction()});
    connectActions();
    connectCollectionActions();
    restoreSession();
    m_offerTour = startup.offerTour && !m_settings->tourShown();

    const ChannelOptions options = channelOptions(startup);
    if (startup.isDemo)
        m_demoTarget = options.target;
    openStartupCollection(startup.collection);
    restoreTabs();
    recoverDrafts();
    m_connectionBar->setOptions(options);
    for (const QString &protoset : startup.protosets)
        openProtoset(protoset);
    if (!startup.protoFiles.isEmpty())
        importProtoFiles(startup.protoFiles, startup.importPaths);
    if (!options.target.isEmpty())
        connectTo(options);
    // After connecting: imports a restored tab needs do not stop reflection of the target.
    for (const SavedRequest::SchemaSourceRef &schema : std::exchange(m_restoredSchemas, {}))
        importSchemaOnce(schema);
    if (startup.isDemo)
        statusBar()->showMessage(tr("Started the demo server on %1").arg(options.target), 8000);
    updatePlaceholders();
    updateActions();
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
    m_tabs = new RequestTabs([this] { return m_connection; }, this);
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
    connect(m_tabs, &RequestTabs::callStarted, this, [this](RequestTab *tab) {
        tab->setLastCallConnection(
            requestFor(tab), m_connection ? m_connection->options().target : QString());
    });
    connect(m_tabs, &RequestTabs::callFinished, this, &MainWindow::onCallFinished);
    m_tabs->setCloseGuard(
        [this](RequestTab *tab) { return !tab->isModified() || confirmDiscardModified({tab}); });
}

void MainWindow::createDocks()
{
    m_treeDock = new ServiceTreeDock(m_treeModel, this);
    addDockWidget(Qt::LeftDockWidgetArea, m_treeDock);
    m_problems = new ProblemsPanel(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_problems);
    m_problems->hide();
    m_sourcesDock = new SchemaSourcesDock(new SchemaSourcesModel(m_workspace, this), this);
    addDockWidget(Qt::BottomDockWidgetArea, m_sourcesDock);
    tabifyDockWidget(m_problems, m_sourcesDock);
    m_sourcesDock->hide();
    connect(m_sourcesDock, &SchemaSourcesDock::reloadRequested, this, &MainWindow::reloadSource);
    connect(m_sourcesDock, &SchemaSourcesDock::removeRequested, this, &MainWindow::removeSource);
    connect(m_workspace, &SchemaWorkspace::sourcesChanged, this,
        [this] { m_problems->setDiagnostics(m_workspace->diagnostics()); });
    m_inspectorDock = new WireInspectorDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_inspectorDock);
    m_inspectorDock->hide();
    m_inspectorDock->followRequests(m_tabs);
    resizeDocks({m_treeDock}, {300}, Qt::Horizontal);
    resizeDocks({m_problems}, {140}, Qt::Vertical);
    connect(m_treeDock, &ServiceTreeDock::methodActivated, this, &MainWindow::openMethod);
    connect(m_workspace, &SchemaWorkspace::schemaChanged, this, &MainWindow::onSchemaChanged);
    connect(m_workspace, &SchemaWorkspace::loadFinished, this, &MainWindow::onLoadFinished);
    connect(m_workspace, &SchemaWorkspace::progress, this, &MainWindow::onProgress);
    connect(m_connectionBar, &ConnectionBar::connectRequested, this, &MainWindow::connectTyped);
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
    connect(a->reloadReflection, &QAction::triggered, this, &MainWindow::reloadReflection);
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
    connect(a->shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
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
        const SavedRequest::SchemaSourceRef schema = schemaRefFor(open.method);
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
    if (!modified.isEmpty() && !confirmDiscardModified(modified)) {
        event->ignore();
        return;
    }
    saveSession();
    discardDrafts(); // a clean exit: the session keeps the tabs
    event->accept();
}

void MainWindow::connectTo(const ChannelOptions &options)
{
    const bool sameTarget = m_connection && m_connection->options().target == options.target;
    m_connection = std::make_shared<Connection>(options);
    m_connectionBar->setOptions(options);
    m_settings->addRecentTarget(options.target);
    m_connectionBar->setRecentTargets(m_settings->recentTargets());
    setWindowTitle(tr("%1 \u2014 Wirescope").arg(options.target));
    if (!m_connection->isValid()) {
        m_connectionBar->setState(ConnectionBar::State::Failed, m_connection->errorString());
        statusBar()->showMessage(m_connection->errorString(), 10000);
        return;
    }
    m_connectionBar->setState(ConnectionBar::State::Idle);
    connect(m_connection.get(), &Connection::stateChanged, this, &MainWindow::onChannelState);
    // Another server's reflected schema must not linger: rebuild from the imports alone.
    if (!sameTarget && !m_reflectionLabel.isEmpty()) {
        m_reflectionLabel.clear();
        m_pendingLoads.clear(); // a load running now is dropped by the workspace
        m_workspace->clear();
        for (const Import &import : std::as_const(m_imports))
            queueImport(import);
    }
    if (m_imports.isEmpty() || sameTarget)
        reloadReflection();
}

void MainWindow::reloadReflection()
{
    if (!m_connection || !m_connection->isValid()) {
        m_connectionBar->focusTarget();
        return;
    }
    m_reflectionLabel = m_connection->reflectionLabel();
    m_connectionBar->setState(ConnectionBar::State::Connecting);
    m_pendingLoads.push_back({m_reflectionLabel, true});
    onProgress(m_reflectionLabel, 0, 0);
    // Servers that want authorization on calls usually want it on reflection too.
    const RequestTab *tab = m_tabs->current();
    m_workspace->load(
        m_reflectionLabel, m_connection->reflectionJob(tab ? tab->resolvedMetadata() : Metadata {}));
}

void MainWindow::importProtoFiles(const QStringList &files, const QStringList &importPaths)
{
    if (files.isEmpty())
        return;
    const Import import {files, importPaths, {}};
    m_imports.append(import);
    queueImport(import);
}

void MainWindow::openProtoset(const QString &path)
{
    const Import import {{}, {}, path};
    m_imports.append(import);
    queueImport(import);
}

void MainWindow::queueImport(const Import &import)
{
    QStringList searchPaths = import.importPaths;
    for (const QString &file : import.files)
        searchPaths.append(QFileInfo(file).absolutePath());
    m_problems->setSearchPaths(searchPaths);
    const QString label
        = import.protoset.isEmpty() ? SchemaWorkspace::protoFilesLabel(import.files) : import.protoset;
    m_pendingLoads.push_back({label, false});
    onProgress(label, 0, 0);
    if (import.protoset.isEmpty())
        m_workspace->addProtoFiles(import.files, import.importPaths);
    else
        m_workspace->addProtoset(import.protoset);
}

void MainWindow::reloadSource(const QString &label)
{
    if (label == m_reflectionLabel) {
        reloadReflection();
        return;
    }
    m_pendingLoads.push_back({label, false});
    onProgress(label, 0, 0);
    m_workspace->reloadSource(label);
}

void MainWindow::removeSource(const QString &label)
{
    if (label == m_reflectionLabel)
        m_reflectionLabel.clear();
    m_imports.erase(std::remove_if(m_imports.begin(), m_imports.end(),
                        [&](const Import &import) {
                            return (import.protoset.isEmpty() ? SchemaWorkspace::protoFilesLabel(import.files)
                                                              : import.protoset)
                                == label;
                        }),
        m_imports.end());
    m_pendingLoads.erase(std::remove_if(m_pendingLoads.begin(), m_pendingLoads.end(),
                             [&](const PendingLoad &p) { return p.label == label; }),
        m_pendingLoads.end());
    m_workspace->removeSource(label);
    statusBar()->showMessage(tr("Removed %1 from the schema").arg(label), 6000);
    if (m_pendingLoads.empty()) {
        m_progressLabel->hide();
        m_progressBar->hide();
    }
    updatePlaceholders();
}

void MainWindow::onProgress(const QString &what, int done, int total)
{
    // Progress is queued from the worker and can trail the load's own finish.
    if (m_pendingLoads.empty())
        return;
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
    // A reload after an edit on disk was not queued here; it is reported all the same.
    PendingLoad load {label, label == m_reflectionLabel};
    auto pending = std::find_if(
        m_pendingLoads.begin(), m_pendingLoads.end(), [&](const PendingLoad &p) { return p.label == label; });
    if (pending != m_pendingLoads.end())
        m_pendingLoads.erase(pending);
    m_problems->setDiagnostics(m_workspace->diagnostics());
    if (hasErrors(diagnostics))
        m_problems->show();
    if (load.reflection && !ok) {
        m_lastFailure = diagnostics.isEmpty() ? QString() : diagnostics.first().toString();
        onChannelState(m_connection ? m_connection->state() : Connection::State::TransientFailure);
    }
    statusBar()->showMessage(
        ok ? tr("Loaded %1").arg(load.label) : tr("Problems loading %1 \u2014 see Problems").arg(load.label),
        6000);
    if (m_pendingLoads.empty()) {
        m_progressLabel->hide();
        m_progressBar->hide();
    }
    updatePlaceholders();
}

void MainWindow::onSchemaChanged()
{
    const SchemaPtr schema = m_workspace->schema();
    m_treeModel->setSchema(schema);
    m_tabs->setSchema(schema);
    m_inspectorDock->setSchema(schema);
    if (m_pendingRun && m_pendingRun->isResolved())
        runWhenResolved(std::exchange(m_pendingRun, nullptr));
    m_schemaSummary->setText(tr("%n service(s)", nullptr, int(schema->serviceNames().size()))
        + QStringLiteral(" \u00b7 ") + tr("%n method(s)", nullptr, m_treeModel->methodCount()));
    if (!m_openedFirstMethod && m_treeModel->methodCount() > 0) {
        m_openedFirstMethod = true;
        openMethod(m_treeModel->preferredMethod().data(ServiceTreeModel::FullNameRole).toString());
        if (std::exchange(m_offerTour, false))
            QTimer::singleShot(400, this, &MainWindow::startTour);
    } else if (RequestTab *tab = m_tabs->current()) {
        m_treeDock->selectMethod(tab->methodName());
    }
    updatePlaceholders();
    updateActions();
}

void MainWindow::onCallFinished(RequestTab *tab, const CallStatus &status)
{
    recordHistory(tab, status);
    if (status.code == UnavailableCode) {
        m_lastFailure = status.message;
        onChannelState(m_connection ? m_connection->state() : Connection::State::TransientFailure);
    }
}

void MainWindow::onChannelState(Connection::State state)
{
    // The dot follows gRPC's own connectivity state; the tooltip says why it last failed.
    using Bar = ConnectionBar::State;
    static const QHash<Connection::State, Bar> bar = {
        {Connection::State::Idle, Bar::Idle},
        {Connection::State::Connecting, Bar::Connecting},
        {Connection::State::Ready, Bar::Ready},
        {Connection::State::TransientFailure, Bar::TransientFailure},
        {Connection::State::Shutdown, Bar::Failed},
    };
    const bool failing = state == Connection::State::TransientFailure || state == Connection::State::Shutdown;
    if (state == Connection::State::Ready)
        m_lastFailure.clear();
    m_connectionBar->setState(bar.value(state), failing ? m_lastFailure : Connection::stateName(state));
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
    m_actions->reloadReflection->setEnabled(m_connection && m_connection->isValid());
    if (tab)
        m_treeDock->selectMethod(tab->methodName());
}

void MainWindow::updatePlaceholders()
{
    const bool busy = !m_pendingLoads.empty();
    if (m_treeModel->methodCount() > 0)
        m_treeDock->setPlaceholder({});
    else
        m_treeDock->setPlaceholder(busy
                ? tr("Loading the schema\u2026")
                : tr("No services yet.\nImport .proto files (Ctrl+I), open a protoset "
                     "(Ctrl+O) or reload reflection (F5)."));
    m_emptyHint->setText(
        tr("<h3>No request open</h3><p>Double-click a method in the service tree, "
           "or press Ctrl+F to find one.</p><p>Drop .proto or protoset files here to import them.</p>"));
    m_central->setCurrentWidget(m_tabs->count() > 0 ? static_cast<QWidget *>(m_tabs) : m_emptyHint);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedSchemaFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList protos;
    for (const QString &file : droppedSchemaFiles(event->mimeData())) {
        if (isProtoset(file))
            openProtoset(file);
        else
            protos.append(file);
    }
    importProtoFiles(protos, m_settings->importPaths());
    event->acceptProposedAction();
}

void MainWindow::showImportDialog(const QStringList &files)
{
    ImportDialog dialog(m_settings, files, this);
    if (dialog.exec() == QDialog::Accepted)
        importProtoFiles(dialog.files(), dialog.importPaths());
}

void MainWindow::showOpenProtoset()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Protoset"), m_settings->lastDirectory(),
        tr("Descriptor sets (*.protoset *.pb *.binpb *.desc *.bin);;All files (*)"));
    if (path.isEmpty())
        return;
    m_settings->setLastDirectory(QFileInfo(path).path());
    openProtoset(path);
}

void MainWindow::startTour()
{
    if (m_tour)
        return;
    const bool inspectorShown = m_inspectorDock->isVisible();
    m_tour = new FirstRunTour(this, FirstRunTour::workbenchSteps(this, m_demoTarget));
    connect(m_tour, &FirstRunTour::finished, this, [this, inspectorShown] {
        m_settings->setTourShown(true);
        m_inspectorDock->setVisible(inspectorShown); // the tour opened it to point at it
        m_treeDock->raise(); // the collections step raised its dock over the services
    });
    m_tour->start();
}

// Every shortcut of the window and its panels, grouped by where it works: window-wide, in a
// panel (the collection tree's F2, Delete, ...) and in the JSON editor.
QString MainWindow::shortcutsTable() const
{
    QMap<QString, QStringList> groups;
    QSet<QString> seen;
    const QList<QAction *> all = findChildren<QAction *>();
    for (const QAction *action : all) {
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys.append(key.toString(QKeySequence::NativeText));
        const QString text = action->text().remove(u'&').remove(QStringLiteral("\u2026"));
        if (keys.isEmpty() || text.isEmpty() || seen.contains(keys.join(u',') + text))
            continue;
        seen.insert(keys.join(u',') + text);
        QString where = tr("Window");
        for (const QObject *up = action->parent(); up && up != this; up = up->parent()) {
            if (const auto *dock = qobject_cast<const QDockWidget *>(up)) {
                where = dock->windowTitle();
                break;
            }
        }
        groups[where].append(QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                                 .arg(keys.join(QStringLiteral(", ")).toHtmlEscaped(), text.toHtmlEscaped()));
    }
    groups[tr("JSON editor")].append(
        QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
            .arg(QKeySequence(Qt::CTRL | Qt::Key_Space).toString(QKeySequence::NativeText),
                tr("Complete field names and enum values")));
    QString html;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        html += QStringLiteral("<tr><td colspan=2><br><i>%1</i></td></tr>").arg(it.key().toHtmlEscaped())
            + it->join(QString());
    return QStringLiteral("<table cellspacing=4>%1</table>").arg(html);
}

void MainWindow::showShortcuts()
{
    // open(), not exec(): no nested event loop, and a test can find the box.
    auto *box = new QMessageBox(
        QMessageBox::Information, tr("Keyboard Shortcuts"), shortcutsTable(), QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("shortcutsDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Wirescope"),
        tr("<h3>Wirescope %1</h3><p>A native desktop gRPC explorer.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace wirescope
