#pragma once

#include "model/Diagnostic.h"
#include "model/SavedRequest.h"
#include "rpc/ChannelOptions.h"
#include "rpc/Connection.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <deque>
#include <memory>

class QLabel;
class QProgressBar;
class QStackedWidget;
class QTimer;

namespace wirescope {

class CollectionDock;
class FirstRunTour;
class CollectionSession;
class Connection;
class ConnectionBar;
class HistoryDock;
class RequestTab;
class ProblemsPanel;
class RequestTabs;
class SchemaSourcesDock;
class SchemaWorkspace;
class ServiceTreeDock;
class ServiceTreeModel;
class WireInspectorDock;
class Settings;
class WorkbenchActions;
struct CallStatus;
struct CollectionEdit;
struct HistoryEntry;

// The workbench window: the connection bar, the service tree, request tabs and the
// problems panel, wired to one SchemaWorkspace and one Connection. It owns the session's
// flow (connect, load schemas, open methods, save and restore); the parts draw themselves.
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
    };

    explicit MainWindow(const Startup &startup, QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    ServiceTreeModel *serviceTreeModel() const { return m_treeModel; }
    SchemaWorkspace *workspace() const { return m_workspace; }

    void connectTo(const ChannelOptions &options);
    void reloadReflection();
    void importProtoFiles(const QStringList &files, const QStringList &importPaths);
    void openProtoset(const QString &path);
    void openMethod(const QString &fullName);

    // Collections, history and drafts (MainWindowRequests.cpp).
    CollectionSession *collections() const { return m_collections; }
    bool openCollection(const QString &directory);
    // The saved request at `path` of the open collection, in its tab (opened if needed);
    // the connection is pointed at its target and its schema source is loaded.
    RequestTab *openSavedRequest(const QString &path);
    // A request from elsewhere (history, a pasted grpcurl command) in a new scratch tab.
    RequestTab *openRequest(const SavedRequest &request);
    RequestTab *openHistoryEntry(const HistoryEntry &entry);
    // Help > Keyboard Shortcuts, as an HTML table.
    QString shortcutsTable() const;
    // The tab's request with the target, TLS and schema the window would save with it.
    SavedRequest requestFor(RequestTab *tab) const;
    SavedRequest::SchemaSourceRef schemaRefFor(const QString &methodName) const;
    // Saves the current tab to the request it came from; false when it has none.
    bool saveCurrentRequest();
    // Saves the current tab as a new request; its path, or empty (the error was shown).
    QString saveCurrentRequestAs(const QString &name, const QString &folder);
    // What the autosave timer does: every unsaved edit into the draft store.
    void saveDrafts();

    // The first-run tour over the workbench (Help → Take the Tour).
    void startTour();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // A queued schema load, remembered so its result can be attributed to its source.
    struct PendingLoad {
        QString label;
        bool reflection = false;
    };
    // An import to repeat when the workspace is rebuilt for another target.
    struct Import {
        QStringList files;
        QStringList importPaths;
        QString protoset;
    };

    void createCentral();
    void createDocks();
    void createStatusBar();
    void connectActions();
    void restoreSession();
    void fitOnScreen();
    void saveSession();
    void queueImport(const Import &import);

    void onSchemaChanged();
    void onLoadFinished(bool ok, const Diagnostics &diagnostics, const QString &label);
    void reloadSource(const QString &label);
    void removeSource(const QString &label);
    void onProgress(const QString &what, int done, int total);
    void onCallFinished(RequestTab *tab, const CallStatus &status);
    void onChannelState(Connection::State state);
    void updateActions();
    void updatePlaceholders();
    void newTabOfCurrentMethod();
    void showImportDialog(const QStringList &files = {});
    void showOpenProtoset();
    void showShortcuts();
    void showAbout();

    void createCollectionParts();
    void connectCollectionActions();
    void openStartupCollection(const QString &requested);
    void restoreTabs();
    void applyRequestContext(const SavedRequest &resolved);
    void connectTyped(const ChannelOptions &typed);
    void importSchemaOnce(const SavedRequest::SchemaSourceRef &schema);
    void checkConnectionVariables(RequestTab *tab);
    void recheckConnectionVariables();
    void recoverDrafts();
    void discardDrafts();
    bool confirmDiscardModified(const QList<RequestTab *> &tabs);
    void onCollectionChanged();
    void onCollectionEdited(const CollectionEdit &edit);
    void onCollectionContentChanged();
    void onChangedOnDisk(const QStringList &paths);
    void recordHistory(RequestTab *tab, const CallStatus &status);
    void runWhenResolved(RequestTab *tab);
    void updateRecentCollections();
    void updateCollectionActions();
    void showNewCollection();
    void showOpenCollection();
    void showSaveRequestAs();
    void showImportCollection();
    void showExportCollection();
    void copyAsGrpcurl();
    void pasteGrpcurl();

    Settings *m_settings;
    SchemaWorkspace *m_workspace;
    ServiceTreeModel *m_treeModel;
    WorkbenchActions *m_actions;
    std::shared_ptr<Connection> m_connection;
    ConnectionBar *m_connectionBar = nullptr;
    ServiceTreeDock *m_treeDock = nullptr;
    WireInspectorDock *m_inspectorDock = nullptr;
    ProblemsPanel *m_problems = nullptr;
    SchemaSourcesDock *m_sourcesDock = nullptr;
    RequestTabs *m_tabs = nullptr;
    QStackedWidget *m_central = nullptr;
    QLabel *m_emptyHint = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QLabel *m_schemaSummary = nullptr;

    std::deque<PendingLoad> m_pendingLoads;
    QList<Import> m_imports;
    QList<SavedRequest::SchemaSourceRef> m_restoredSchemas; // of tabs restored at startup
    QString m_reflectionLabel;
    QString m_lastFailure;
    bool m_openedFirstMethod = false;

    CollectionSession *m_collections = nullptr;
    CollectionDock *m_collectionDock = nullptr;
    HistoryDock *m_historyDock = nullptr;
    QTimer *m_draftTimer = nullptr;
    QHash<QString, SavedRequest> m_draftsWritten; // by draft key: what the store holds now
    QString m_demoTarget;
    QPointer<RequestTab> m_pendingRun; // "Run" waits for its schema
    QPointer<FirstRunTour> m_tour;
    bool m_offerTour = false;
};

} // namespace wirescope
