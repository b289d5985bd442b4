#pragma once

#include "model/Diagnostic.h"
#include "rpc/ChannelOptions.h"
#include "rpc/Connection.h"

#include <QHash>
#include <QMainWindow>

#include <deque>
#include <memory>

class QLabel;
class QProgressBar;
class QStackedWidget;

namespace wirescope {

class Connection;
class ConnectionBar;
class ProblemsPanel;
class RequestTabs;
class SchemaWorkspace;
class ServiceTreeDock;
class ServiceTreeModel;
class WireInspectorDock;
class Settings;
class WorkbenchActions;
struct CallStatus;

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
    void saveSession();
    void queueImport(const Import &import);

    void onSchemaChanged();
    void onLoadFinished(bool ok, const Diagnostics &diagnostics);
    void onProgress(const QString &what, int done, int total);
    void onCallFinished(const CallStatus &status);
    void onChannelState(Connection::State state);
    void updateActions();
    void updatePlaceholders();
    void newTabOfCurrentMethod();
    void showImportDialog(const QStringList &files = {});
    void showOpenProtoset();
    void showShortcuts();
    void showAbout();

    Settings *m_settings;
    SchemaWorkspace *m_workspace;
    ServiceTreeModel *m_treeModel;
    WorkbenchActions *m_actions;
    std::shared_ptr<Connection> m_connection;
    ConnectionBar *m_connectionBar = nullptr;
    ServiceTreeDock *m_treeDock = nullptr;
    WireInspectorDock *m_inspectorDock = nullptr;
    ProblemsPanel *m_problems = nullptr;
    RequestTabs *m_tabs = nullptr;
    QStackedWidget *m_central = nullptr;
    QLabel *m_emptyHint = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QLabel *m_schemaSummary = nullptr;

    std::deque<PendingLoad> m_pendingLoads;
    QHash<QString, Diagnostics> m_problemsBySource;
    QList<Import> m_imports;
    QString m_reflectionLabel;
    QString m_lastFailure;
    bool m_openedFirstMethod = false;
};

} // namespace wirescope
