// The window's part that decides where a request goes: its target and TLS settings resolved
// through the active environment, and the schema source that defines its method.
// MainWindow.cpp keeps the connection itself; MainWindowRequests.cpp the collection.

#include "ui/MainWindow.h"

#include "model/Collection.h"
#include "model/SchemaWorkspace.h"
#include "ui/CollectionSession.h"
#include "ui/ConnectionBar.h"
#include "ui/RequestTabs.h"

#include <google/protobuf/descriptor.h>

#include <QDir>
#include <QStatusBar>

#include <algorithm>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

using Security = ChannelOptions::Security;
using TlsSecurity = SavedRequest::TlsProfile::Security;
using SchemaKind = SavedRequest::SchemaSourceRef::Kind;

ChannelOptions channelOptionsOf(const SavedRequest &request)
{
    ChannelOptions options;
    options.target = request.target.trimmed();
    options.security = request.tls.security == TlsSecurity::Plaintext ? Security::Plaintext
        : request.tls.security == TlsSecurity::Tls                    ? Security::Tls
                                                                      : Security::MutualTls;
    options.caFile = request.tls.caFile;
    options.certFile = request.tls.certFile;
    options.keyFile = request.tls.keyFile;
    options.authority = request.tls.authority;
    return options;
}

SavedRequest::TlsProfile tlsProfileOf(const ChannelOptions &options)
{
    SavedRequest::TlsProfile tls;
    tls.security = options.security == Security::Plaintext ? TlsSecurity::Plaintext
        : options.security == Security::Tls                ? TlsSecurity::Tls
                                                           : TlsSecurity::MutualTls;
    tls.caFile = options.caFile;
    tls.certFile = options.certFile;
    tls.keyFile = options.keyFile;
    tls.authority = options.authority;
    return tls;
}

} // namespace

// A tab whose target or TLS paths use variables the active environment lacks is not sent:
// it would go to whatever the window is connected to.
void MainWindow::checkConnectionVariables(RequestTab *tab)
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
void MainWindow::recheckConnectionVariables()
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

// What is typed in the Target bar may use the active environment's variables ({{host}}), as a
// saved request's target does: resolved the same way, or refused with the names missing.
void MainWindow::connectTyped(const ChannelOptions &typed)
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
        m_connectionBar->setState(ConnectionBar::State::Failed, why);
        statusBar()->showMessage(why, 10000);
        return;
    }
    ChannelOptions options = channelOptionsOf(resolved);
    options.maxReceiveBytes = typed.maxReceiveBytes;
    connectTo(options);
}

// Points the connection at the request's target and loads its schema source, unless the
// workbench already has them.
void MainWindow::applyRequestContext(const SavedRequest &resolved)
{
    importSchemaOnce(resolved.schema);
    ChannelOptions options = channelOptionsOf(resolved);
    const ChannelOptions current = m_connection ? m_connection->options() : m_connectionBar->options();
    options.maxReceiveBytes = current.maxReceiveBytes;
    if (!options.target.isEmpty() && !options.target.contains(QStringLiteral("{{")) && !(options == current))
        connectTo(options);
}

// Imports a request's proto files or protoset unless the workbench has them already.
void MainWindow::importSchemaOnce(const SavedRequest::SchemaSourceRef &schema)
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
SavedRequest MainWindow::requestFor(RequestTab *tab) const
{
    SavedRequest request = tab->request();
    const ChannelOptions options = m_connection ? m_connection->options() : m_connectionBar->options();
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
SavedRequest::SchemaSourceRef MainWindow::schemaRefFor(const QString &methodName) const
{
    SavedRequest::SchemaSourceRef ref;
    const SchemaPtr schema = m_workspace->schema();
    const gp::MethodDescriptor *method = schema->findMethod(methodName);
    if (!method)
        return ref;
    const std::string &fileName = method->file()->name();
    for (const SchemaSource &source : schema->sources()) {
        const bool defines = std::any_of(source.files.begin(), source.files.end(),
            [&](const gp::FileDescriptorProto &file) { return file.name() == fileName; });
        if (!defines)
            continue;
        for (const Import &import : m_imports) {
            const QString label = import.protoset.isEmpty() ? SchemaWorkspace::protoFilesLabel(import.files)
                                                            : import.protoset;
            if (label != source.label)
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
