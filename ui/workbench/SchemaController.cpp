// SchemaController: connecting, loading schemas (imports, protosets, reflection) and their
// bookkeeping, and where a request goes: its target and TLS settings resolved through the
// active environment, and the schema source that defines its method.

#include "ui/workbench/SchemaController.h"

#include "model/collection/Collection.h"
#include "model/collection/CollectionSession.h"
#include "model/core/Settings.h"
#include "model/schema/SchemaWorkspace.h"
#include "model/schema/ServiceTreeModel.h"
#include "ui/load/LoadPage.h"
#include "ui/request/RequestTab.h"
#include "ui/request/RequestTabs.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace wirescope {

namespace {

constexpr int UnavailableCode = 14;

using SchemaKind = SavedRequest::SchemaSourceRef::Kind;

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

} // namespace

SchemaController::SchemaController(
    Settings *settings, CollectionSession *collections, RequestTabs *tabs, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_collections(collections)
    , m_tabs(tabs)
    , m_workspace(new SchemaWorkspace(this))
    , m_treeModel(new ServiceTreeModel(this))
{
    connect(m_workspace, &SchemaWorkspace::schemaChanged, this, &SchemaController::onSchemaChanged);
    connect(m_workspace, &SchemaWorkspace::loadFinished, this, &SchemaController::onLoadFinished);
    connect(m_workspace, &SchemaWorkspace::progress, this, &SchemaController::onProgress);
    connect(m_tabs, &RequestTabs::callStarted, this, [this](RequestTab *tab) {
        tab->setLastCallConnection(
            requestFor(tab), m_connection ? m_connection->options().target : QString());
    });
    // A load run's connections are its own, opened with this connection's options.
    connect(m_tabs, &RequestTabs::loadStarted, this, [this](RequestTab *tab) {
        tab->loadPage()->setLastRunConnection(
            requestFor(tab), m_connection ? m_connection->options().target : QString());
    });
    connect(m_tabs, &RequestTabs::callFinished, this, [this](RequestTab *, const CallStatus &status) {
        if (status.code != UnavailableCode)
            return;
        m_lastFailure = status.message;
        onChannelState(m_connection ? m_connection->state() : Connection::State::TransientFailure);
    });
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
}

QStringList SchemaController::schemaFiles(const QList<QUrl> &urls)
{
    QStringList files;
    for (const QUrl &url : urls) {
        const QString path = url.toLocalFile();
        if (!path.isEmpty() && (isProto(path) || isProtoset(path)))
            files.append(path);
    }
    return files;
}

QString SchemaController::labelOf(const Import &import)
{
    return import.protoset.isEmpty() ? SchemaWorkspace::protoFilesLabel(import.files) : import.protoset;
}

ChannelOptions SchemaController::currentOptions() const
{
    if (m_connection)
        return m_connection->options();
    return m_typed ? m_typed() : ChannelOptions {};
}

void SchemaController::connectTo(const ChannelOptions &options)
{
    const bool sameTarget = m_connection && m_connection->options().target == options.target;
    m_connection = std::make_shared<Connection>(options);
    m_settings->addRecentTarget(options.target);
    Q_EMIT connectionReplaced(options);
    if (!m_connection->isValid()) {
        Q_EMIT channelStateChanged(ChannelState::Failed, m_connection->errorString());
        Q_EMIT statusMessage(m_connection->errorString(), 10000);
        return;
    }
    Q_EMIT channelStateChanged(ChannelState::Idle, {});
    connect(m_connection.get(), &Connection::stateChanged, this, &SchemaController::onChannelState);
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

// What is typed in the Target bar may use the active environment's variables ({{host}}), as a
// saved request's target does: resolved the same way, or refused with the names missing.
void SchemaController::connectTyped(const ChannelOptions &typed)
{
    SavedRequest probe;
    probe.target = typed.target;
    probe.tls = tlsProfileOf(typed);
    QStringList unresolved;
    const SavedRequest resolved = m_collections->resolve(probe, &unresolved);
    if (!unresolved.isEmpty()) {
        QStringList braced;
        for (const QString &name : std::as_const(unresolved))
            braced.append(QStringLiteral("{{%1}}").arg(name));
        const QString why = tr("Not connected: %1 not defined in the active environment")
                                .arg(braced.join(QStringLiteral(", ")));
        Q_EMIT channelStateChanged(ChannelState::Failed, why);
        Q_EMIT statusMessage(why, 10000);
        return;
    }
    ChannelOptions options = channelOptionsOf(resolved);
    options.maxReceiveBytes = typed.maxReceiveBytes;
    connectTo(options);
}

void SchemaController::reloadReflection()
{
    if (!m_connection || !m_connection->isValid()) {
        Q_EMIT targetNeeded();
        return;
    }
    m_reflectionLabel = m_connection->reflectionLabel();
    Q_EMIT channelStateChanged(ChannelState::Connecting, {});
    m_pendingLoads.push_back({m_reflectionLabel, true});
    onProgress(m_reflectionLabel, 0, 0);
    // Servers that want authorization on calls usually want it on reflection too.
    const RequestTab *tab = m_tabs->current();
    m_workspace->load(
        m_reflectionLabel, m_connection->reflectionJob(tab ? tab->resolvedMetadata() : Metadata {}));
}

void SchemaController::importProtoFiles(const QStringList &files, const QStringList &importPaths)
{
    if (files.isEmpty())
        return;
    const Import import {files, importPaths, {}};
    m_imports.append(import);
    queueImport(import);
}

void SchemaController::openProtoset(const QString &path)
{
    const Import import {{}, {}, path};
    m_imports.append(import);
    queueImport(import);
}

void SchemaController::importFiles(const QStringList &files, const QStringList &importPaths)
{
    QStringList protos;
    for (const QString &file : files) {
        if (isProtoset(file))
            openProtoset(file);
        else
            protos.append(file);
    }
    importProtoFiles(protos, importPaths);
}

void SchemaController::queueImport(const Import &import)
{
    QStringList searchPaths = import.importPaths;
    for (const QString &file : import.files)
        searchPaths.append(QFileInfo(file).absolutePath());
    m_searchPaths = searchPaths;
    Q_EMIT searchPathsChanged(searchPaths);
    const QString label = labelOf(import);
    m_pendingLoads.push_back({label, false});
    onProgress(label, 0, 0);
    if (import.protoset.isEmpty())
        m_workspace->addProtoFiles(import.files, import.importPaths);
    else
        m_workspace->addProtoset(import.protoset);
}

void SchemaController::reloadSource(const QString &label)
{
    if (label == m_reflectionLabel) {
        reloadReflection();
        return;
    }
    m_pendingLoads.push_back({label, false});
    onProgress(label, 0, 0);
    m_workspace->reloadSource(label);
}

void SchemaController::removeSource(const QString &label)
{
    if (label == m_reflectionLabel)
        m_reflectionLabel.clear();
    m_imports.erase(std::remove_if(m_imports.begin(), m_imports.end(),
                        [&](const Import &import) { return labelOf(import) == label; }),
        m_imports.end());
    m_pendingLoads.erase(std::remove_if(m_pendingLoads.begin(), m_pendingLoads.end(),
                             [&](const PendingLoad &p) { return p.label == label; }),
        m_pendingLoads.end());
    m_workspace->removeSource(label);
    Q_EMIT statusMessage(tr("Removed %1 from the schema").arg(label), 6000);
    Q_EMIT sourceRemoved(label);
}

void SchemaController::onSchemaChanged()
{
    m_treeModel->setSchema(m_workspace->schema());
    Q_EMIT schemaChanged();
}

void SchemaController::onProgress(const QString &what, int done, int total)
{
    // Progress is queued from the worker and can trail the load's own finish.
    if (!m_pendingLoads.empty())
        Q_EMIT progress(what, done, total);
}

void SchemaController::onLoadFinished(bool ok, const Diagnostics &diagnostics, const QString &label)
{
    // A reload after an edit on disk was not queued here; it is reported all the same.
    const bool reflection = label == m_reflectionLabel;
    auto pending = std::find_if(
        m_pendingLoads.begin(), m_pendingLoads.end(), [&](const PendingLoad &p) { return p.label == label; });
    if (pending != m_pendingLoads.end())
        m_pendingLoads.erase(pending);
    if (reflection && !ok) {
        m_lastFailure = diagnostics.isEmpty() ? QString() : diagnostics.first().toString();
        onChannelState(m_connection ? m_connection->state() : Connection::State::TransientFailure);
    }
    Q_EMIT loadFinished(ok, diagnostics, label);
}

void SchemaController::onChannelState(Connection::State state)
{
    // The dot follows gRPC's own connectivity state; the tooltip says why it last failed.
    static const QHash<Connection::State, ChannelState> shown = {
        {Connection::State::Idle, ChannelState::Idle},
        {Connection::State::Connecting, ChannelState::Connecting},
        {Connection::State::Ready, ChannelState::Ready},
        {Connection::State::TransientFailure, ChannelState::TransientFailure},
        {Connection::State::Shutdown, ChannelState::Failed},
    };
    const bool failing = state == Connection::State::TransientFailure || state == Connection::State::Shutdown;
    if (state == Connection::State::Ready)
        m_lastFailure.clear();
    Q_EMIT channelStateChanged(shown.value(state), failing ? m_lastFailure : Connection::stateName(state));
}

// A tab whose target or TLS paths use variables the active environment lacks is not sent:
// it would go to whatever the window is connected to.
void SchemaController::checkConnectionVariables(RequestTab *tab)
{
    QStringList unresolved;
    m_collections->resolve(tab->connectionTemplate(), &unresolved);
    tab->setConnectionProblem(unresolved.isEmpty()
            ? QString()
            : tr("the target or TLS settings use variables the active environment does not define: %1")
                  .arg(unresolved.join(QStringLiteral(", "))));
}

// After the environment or its values change, every tab's target is checked again, and the
// current tab's resolved target is connected to.
void SchemaController::recheckConnectionVariables()
{
    for (RequestTab *tab : m_tabs->requests())
        checkConnectionVariables(tab);
    RequestTab *current = m_tabs->current();
    if (current && !current->connectionTemplate().target.isEmpty()
        && current->connectionProblem().isEmpty()) {
        QStringList ignored;
        applyRequestContext(m_collections->resolve(current->connectionTemplate(), &ignored));
    }
}

// Points the connection at the request's target and loads its schema source, unless the
// workbench already has them.
void SchemaController::applyRequestContext(const SavedRequest &resolved)
{
    importSchemaOnce(resolved.schema);
    ChannelOptions options = channelOptionsOf(resolved);
    const ChannelOptions current = currentOptions();
    options.maxReceiveBytes = current.maxReceiveBytes;
    if (!options.target.isEmpty() && !options.target.contains(QStringLiteral("{{")) && !(options == current))
        connectTo(options);
}

// Imports a request's proto files or protoset unless the workbench has them already.
void SchemaController::importSchemaOnce(const SavedRequest::SchemaSourceRef &schema)
{
    if (schema.kind == SchemaKind::ProtoFiles && !schema.protoFiles.isEmpty()) {
        const bool loaded = std::any_of(m_imports.cbegin(), m_imports.cend(),
            [&schema](const Import &import) { return import.files == schema.protoFiles; });
        if (!loaded)
            importProtoFiles(schema.protoFiles, schema.importPaths);
    } else if (schema.kind == SchemaKind::Protoset && !schema.protoset.isEmpty()) {
        const bool loaded = std::any_of(m_imports.cbegin(), m_imports.cend(),
            [&schema](const Import &import) { return import.protoset == schema.protoset; });
        if (!loaded)
            openProtoset(schema.protoset);
    }
}

// What the collection stores for a tab: its method, body, metadata and deadline, and the
// connection and schema it is used with. Where the tab's saved request wrote a target or a
// TLS path with {{variables}} that still resolve to what is in use, the variables are kept.
SavedRequest SchemaController::requestFor(RequestTab *tab) const
{
    SavedRequest request = tab->request();
    const ChannelOptions options = currentOptions();
    const bool fromCollection = !tab->originPath().isEmpty();
    const SavedRequest &saved = tab->savedRequest();
    if (request.name.isEmpty())
        request.name = tab->title();
    QStringList ignored;
    const SavedRequest savedResolved = m_collections->resolve(saved, &ignored);
    request.target = fromCollection && channelOptionsOf(savedResolved).target == options.target
        ? saved.target
        : (!m_demoTarget.isEmpty() && options.target == m_demoTarget ? QStringLiteral("{{demo}}")
                                                                     : options.target);
    Collection *collection = m_collections->collection();
    const QDir base(collection ? collection->directory() : QDir::currentPath());
    const SavedRequest absoluteSaved = savedResolved.absoluteFrom(base);
    request.tls
        = fromCollection && absoluteSaved.tls == tlsProfileOf(options) ? saved.tls : tlsProfileOf(options);

    if (fromCollection)
        request.schema = saved.schema;
    else
        request.schema = schemaRefFor(tab->methodName());
    return request;
}

// The import that defines a method (not the last one imported), so a saved request or a
// grpcurl command names the files that have it; reflection when the server described it.
SavedRequest::SchemaSourceRef SchemaController::schemaRefFor(const QString &methodName) const
{
    SavedRequest::SchemaSourceRef ref;
    for (const QString &label : m_workspace->schema()->sourcesDefining(methodName)) {
        for (const Import &import : m_imports) {
            if (labelOf(import) != label)
                continue;
            ref.kind = import.protoset.isEmpty() ? SchemaKind::ProtoFiles : SchemaKind::Protoset;
            ref.protoFiles = import.files;
            ref.importPaths = import.importPaths;
            ref.protoset = import.protoset;
            return ref;
        }
    }
    return ref; // reflection
}

} // namespace wirescope
