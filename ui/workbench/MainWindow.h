#pragma once

#include "ui/workbench/CollectionFileActions.h"
#include "ui/workbench/DraftKeeper.h"
#include "ui/workbench/SavedRequestsController.h"
#include "ui/workbench/SchemaController.h"
#include "ui/workbench/ShortcutsOverview.h"

#include <QMainWindow>
#include <QPointer>

#include <optional>

class QLabel;
class QProgressBar;
class QStackedWidget;

namespace wirescope {

class CollectionDock;
class FirstRunTour;
class CollectionSession;
class ConnectionBar;
class HistoryDock;
class LabController;
class MockPanel;
class RequestTab;
class ProblemsPanel;
class RequestTabs;
class RunResultsPanel;
class SchemaSourcesDock;
class SchemaWorkspace;
class ServiceTreeDock;
class ServiceTreeModel;
class WireInspectorDock;
class Settings;
class WorkbenchActions;
struct HistoryEntry;

// The workbench window: the connection bar, the service tree, request tabs, the docks and
// the problems panel. It is a frame that hosts controllers by concept and draws what they
// report: SchemaController (schema and connection), SavedRequestsController (saved requests
// and history), DraftKeeper (autosave), CollectionFileActions (collection files) and
// LabController (lessons, the lab windows and presenter mode). Its public methods stay for
// callers and tests, forwarded to the controller that does the work.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    struct Startup {
        QString target;
        bool plaintext = true;
        bool isDemo = false;
        QStringList protoFiles;
        QStringList importPaths;
        QStringList protosets;
        QString caFile;
        QString certFile; // with keyFile: mutual TLS
        QString keyFile;
        QString authority;
        QString collection; // a collection folder to open instead of the last one
        bool offerTour = false; // the real app: start the tour after the first request opens, unless seen
        // The real app: the window's first frame is painted before the last session's tabs
        // are opened and before a schema that came first opens its first request; the frame
        // after that before the hidden panels are made (and the collection opened, when no tab
        // is restored).
        bool paintFirst = false;
    };

    explicit MainWindow(const Startup &startup, QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    // The schema and the connection, and where a request goes: see SchemaController.
    ServiceTreeModel *serviceTreeModel() const { return m_schema->treeModel(); }
    SchemaWorkspace *workspace() const { return m_schema->workspace(); }
    void connectTo(const ChannelOptions &options) { m_schema->connectTo(options); }
    void reloadReflection() { m_schema->reloadReflection(); }
    void importProtoFiles(const QStringList &files, const QStringList &importPaths)
    {
        m_schema->importProtoFiles(files, importPaths);
    }
    void openProtoset(const QString &path) { m_schema->openProtoset(path); }
    SavedRequest requestFor(RequestTab *tab) const { return m_schema->requestFor(tab); }
    SavedRequest::SchemaSourceRef schemaRefFor(const QString &methodName) const
    {
        return m_schema->schemaRefFor(methodName);
    }
    void openMethod(const QString &fullName);

    // Collections, saved requests, history and drafts: see SavedRequestsController,
    // CollectionFileActions and DraftKeeper.
    CollectionSession *collections() const { return m_collections; }
    bool openCollection(const QString &directory) { return m_files->openCollection(directory); }
    RequestTab *openSavedRequest(const QString &path) { return m_requests->openSavedRequest(path); }
    RequestTab *openRequest(const SavedRequest &request) { return m_requests->openRequest(request); }
    RequestTab *openHistoryEntry(const HistoryEntry &entry) { return m_requests->openHistoryEntry(entry); }
    bool saveCurrentRequest() { return m_requests->saveCurrentRequest(); }
    QString saveCurrentRequestAs(const QString &name, const QString &folder)
    {
        return m_requests->saveCurrentRequestAs(name, folder);
    }
    void saveDrafts() { m_drafts->saveDrafts(); }

    // Help > Keyboard Shortcuts, as an HTML table.
    QString shortcutsTable() const { return ShortcutsOverview::table(this); }
    // Until the window's first frame, with Startup::paintFirst.
    bool isWaitingForFirstFrame() const { return m_waitingForFirstFrame; }
    // The first-run tour over the workbench (Help → Take the Tour).
    void startTour();

protected:
    bool event(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createCentral();
    void createSchemaController();
    void createTreeDock();
    void createCollectionParts();
    void createHiddenPanels();
    void connectRunResults();
    void connectMockPanel();
    void showProblems(const Diagnostics &loaded);
    void createStatusBar();
    void connectActions();
    void restoreSession();
    void startSession(const Startup &startup);
    void openCollectionAndTabs(const QString &collection);
    void importRestoredSchemas();
    bool hasTabsToRestore() const;
    void openPendingCollection();
    void fitOnScreen();
    void saveSession();

    void onSchemaChanged();
    void onFirstFrame();
    void finishStartup();
    void onLoadFinished(bool ok, const Diagnostics &diagnostics, const QString &label);
    void onLoadsChanged();
    void onProgress(const QString &what, int done, int total);
    void onCollectionChanged();
    void showStatus(const QString &text, int timeoutMs);
    void updateActions();
    void updatePlaceholders();
    void newTabOfCurrentMethod();
    void showImportDialog(const QStringList &files = {});
    void showOpenProtoset();
    void showAbout();

    Settings *m_settings;
    WorkbenchActions *m_actions;
    CollectionSession *m_collections = nullptr;
    SchemaController *m_schema = nullptr;
    DraftKeeper *m_drafts = nullptr;
    SavedRequestsController *m_requests = nullptr;
    CollectionFileActions *m_files = nullptr;
    LabController *m_lab = nullptr;

    ConnectionBar *m_connectionBar = nullptr;
    ServiceTreeDock *m_treeDock = nullptr;
    WireInspectorDock *m_inspectorDock = nullptr;
    ProblemsPanel *m_problems = nullptr;
    SchemaSourcesDock *m_sourcesDock = nullptr;
    CollectionDock *m_collectionDock = nullptr;
    HistoryDock *m_historyDock = nullptr;
    RunResultsPanel *m_runResults = nullptr;
    MockPanel *m_mock = nullptr;
    RequestTabs *m_tabs = nullptr;
    QStackedWidget *m_central = nullptr;
    QLabel *m_emptyHint = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QLabel *m_schemaSummary = nullptr;

    bool m_waitingForFirstFrame = false; // see Startup::paintFirst
    bool m_schemaHeld = false; // a schema came while waiting
    bool m_panelsPending = false; // createHiddenPanels has not run
    std::optional<QString> m_pendingCollection; // opened after the first frame
    QList<SavedRequest::SchemaSourceRef> m_restoredSchemas; // what restored tabs need imported
    bool m_openedFirstMethod = false;
    QPointer<FirstRunTour> m_tour;
    bool m_offerTour = false;
};

} // namespace wirescope
