// SchemaController: the schema and the connection the workbench works with, and where a
// request goes (its target, TLS settings and schema source).

#pragma once

#include "model/core/Diagnostic.h"
#include "model/request/SavedRequest.h"
#include "rpc/call/ChannelOptions.h"
#include "rpc/call/Connection.h"

#include <QObject>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>

namespace wirescope {

class CollectionSession;
class RequestTab;
class RequestTabs;
class SchemaWorkspace;
class ServiceTreeModel;
class Settings;

// One SchemaWorkspace fed by imports and by reflection of the connected target, and the one
// Connection calls go over. A request's {{variables}} (in its body, target and TLS settings)
// resolve through the collection session's active environment, and are checked again when
// their values change; its schema source is imported once. It holds no widgets but works on
// the request tabs it is given; the window turns its signals into the connection bar's
// state, the progress bar, the problems panel and status messages.
class SchemaController final : public QObject {
    Q_OBJECT

public:
    // What the connection bar shows: gRPC's connectivity state, plus Failed when no channel
    // could be made.
    enum class ChannelState { Idle, Connecting, Ready, TransientFailure, Failed };

    SchemaController(
        Settings *settings, CollectionSession *collections, RequestTabs *tabs, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SchemaController)

    SchemaWorkspace *workspace() const { return m_workspace; }
    ServiceTreeModel *treeModel() const { return m_treeModel; }
    std::shared_ptr<Connection> connection() const { return m_connection; }
    bool isLoading() const { return !m_pendingLoads.empty(); }
    // What the user has typed for a target, used while nothing is connected.
    void setTypedOptions(std::function<ChannelOptions()> typed) { m_typed = std::move(typed); }
    // The embedded demo server's target; saved requests name it {{demo}}.
    QString demoTarget() const { return m_demoTarget; }
    void setDemoTarget(const QString &target) { m_demoTarget = target; }

    void connectTo(const ChannelOptions &options);
    void connectTyped(const ChannelOptions &typed);
    void reloadReflection();
    void importProtoFiles(const QStringList &files, const QStringList &importPaths);
    void openProtoset(const QString &path);
    // Dropped files: each protoset opened, the .proto files imported together.
    void importFiles(const QStringList &files, const QStringList &importPaths);
    // The local .proto and protoset files among dropped urls.
    static QStringList schemaFiles(const QList<QUrl> &urls);
    // Where the last import's problems are looked up (see searchPathsChanged).
    QStringList searchPaths() const { return m_searchPaths; }
    void reloadSource(const QString &label);
    void removeSource(const QString &label);

    void applyRequestContext(const SavedRequest &resolved);
    void importSchemaOnce(const SavedRequest::SchemaSourceRef &schema);
    void checkConnectionVariables(RequestTab *tab);
    void recheckConnectionVariables();
    // The tab's request with the target, TLS and schema the window would save with it.
    SavedRequest requestFor(RequestTab *tab) const;
    SavedRequest::SchemaSourceRef schemaRefFor(const QString &methodName) const;

Q_SIGNALS:
    void connectionReplaced(const wirescope::ChannelOptions &options);
    void channelStateChanged(wirescope::SchemaController::ChannelState state, const QString &detail);
    void targetNeeded(); // reflection was asked for without a valid connection
    void searchPathsChanged(const QStringList &paths); // where problems' files are looked up
    void progress(const QString &what, int done, int total); // only while a load is pending
    void loadFinished(bool ok, const wirescope::Diagnostics &diagnostics, const QString &label);
    void sourceRemoved(const QString &label);
    void schemaChanged(); // after the tree model has the new schema
    void statusMessage(const QString &text, int timeoutMs);

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

    static QString labelOf(const Import &import);
    ChannelOptions currentOptions() const;
    void queueImport(const Import &import);
    void onSchemaChanged();
    void onProgress(const QString &what, int done, int total);
    void onLoadFinished(bool ok, const Diagnostics &diagnostics, const QString &label);
    void onChannelState(Connection::State state);

    Settings *m_settings;
    CollectionSession *m_collections;
    RequestTabs *m_tabs;
    SchemaWorkspace *m_workspace;
    ServiceTreeModel *m_treeModel;
    std::shared_ptr<Connection> m_connection;
    std::function<ChannelOptions()> m_typed;
    std::deque<PendingLoad> m_pendingLoads;
    QList<Import> m_imports;
    QString m_reflectionLabel;
    QString m_lastFailure;
    QString m_demoTarget;
    QStringList m_searchPaths;
};

} // namespace wirescope
