#include "rpc/run/CollectionRun.h"

#include "model/collection/Environment.h"
#include "model/request/RequestDraft.h"
#include "model/runner/Snapshot.h"
#include "model/schema/MethodRef.h"
#include "model/schema/SchemaLoader.h"
#include "rpc/call/CallRunner.h"
#include "rpc/call/Connection.h"
#include "rpc/run/CallOutcomeBuilder.h"

#include <google/protobuf/descriptor.h>

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent>

namespace wirescope {

namespace {

using Security = SavedRequest::TlsProfile::Security;
using Kind = SavedRequest::SchemaSourceRef::Kind;

// Requests that share a schema source share its loaded schema; reflection depends on the
// server asked, so its key holds where the server is and how it is reached.
QString schemaKey(const SavedRequest &request)
{
    const SavedRequest::SchemaSourceRef &schema = request.schema;
    switch (schema.kind) {
    case Kind::ProtoFiles:
        return QStringLiteral("files:%1|%2").arg(schema.protoFiles.join(u';'), schema.importPaths.join(u';'));
    case Kind::Protoset:
        return QStringLiteral("protoset:") + schema.protoset;
    case Kind::Reflection:
        break;
    }
    return QStringLiteral("reflection:%1|%2|%3|%4")
        .arg(request.target, SavedRequest::securityName(request.tls.security), request.tls.caFile,
            request.tls.authority);
}

struct Loaded {
    SchemaPtr schema;
    QString error;
};

Loaded loadSchema(
    const SavedRequest &request, SchemaWorkspace::Job reflection, std::shared_ptr<LoadCancel> cancel)
{
    std::vector<SchemaSource> sources;
    Diagnostics diagnostics;
    LoadResult result;
    switch (request.schema.kind) {
    case Kind::ProtoFiles:
        result = SchemaLoader::loadProtoFiles(request.schema.protoFiles, request.schema.importPaths);
        break;
    case Kind::Protoset:
        result = SchemaLoader::loadProtoset(request.schema.protoset);
        break;
    case Kind::Reflection:
        result = reflection(LoadControl {{}, std::move(cancel)});
        break;
    }
    diagnostics.append(result.diagnostics);
    if (!result.source.files.empty())
        sources.push_back(std::move(result.source));
    Loaded loaded;
    loaded.schema = Schema::build(std::move(sources), &diagnostics);
    QStringList errors;
    for (const Diagnostic &diagnostic : std::as_const(diagnostics)) {
        if (diagnostic.severity == Diagnostic::Severity::Error)
            errors.append(diagnostic.toString());
    }
    // A server's schema is not the user's to fix: what could be built is used, and a method
    // that is missing from it is reported by name.
    const bool usable = request.schema.kind == Kind::Reflection && !loaded.schema->serviceNames().isEmpty();
    if (!errors.isEmpty() && !usable)
        loaded.error = QStringLiteral("the schema could not be loaded: ") + errors.join(QStringLiteral("; "));
    return loaded;
}

} // namespace

CollectionRun::CollectionRun(const QString &directory, const CollectionSettings &settings, QList<Item> items,
    Options options, const SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_settings(settings)
    , m_items(std::move(items))
    , m_options(std::move(options))
    , m_secrets(secrets)
{
    qRegisterMetaType<RequestResult>();
    qRegisterMetaType<RunReport>();
    qRegisterMetaType<CallEvents>();
}

CollectionRun::~CollectionRun()
{
    if (m_loadCancel)
        m_loadCancel->cancel(); // a reflection still loading ends now, not at its timeout
}

bool CollectionRun::select(
    const Collection &collection, const QStringList &paths, QList<Item> *items, QString *error)
{
    const QMap<QString, SavedRequest> &requests = collection.requests();
    QStringList chosen;
    const QDir root(collection.directory());
    for (QString path : paths) {
        // A path the shell completed ("coll/orders/create.json") or one inside the collection.
        const QFileInfo onDisk(path);
        if (onDisk.exists()) {
            const QString relative = root.relativeFilePath(onDisk.absoluteFilePath());
            if (!relative.startsWith(QStringLiteral("..")))
                path = relative == QStringLiteral(".") ? QString() : relative;
        }
        while (path.endsWith(u'/'))
            path.chop(1);
        if (path.isEmpty()) {
            chosen = requests.keys();
            continue;
        }
        QStringList found;
        for (const QString &candidate : QStringList {path, path + QStringLiteral(".json")}) {
            if (requests.contains(candidate))
                found.append(candidate);
        }
        if (found.isEmpty()) {
            const QString prefix = path + u'/';
            for (auto it = requests.cbegin(); it != requests.cend(); ++it) {
                if (it.key().startsWith(prefix))
                    found.append(it.key());
            }
        }
        if (found.isEmpty()) {
            *error = QStringLiteral("no request or folder \"%1\" in %2").arg(path, collection.directory());
            return false;
        }
        chosen += found;
    }
    if (paths.isEmpty())
        chosen = requests.keys();
    chosen.removeDuplicates();
    std::sort(chosen.begin(), chosen.end());
    items->clear();
    for (const QString &path : std::as_const(chosen))
        items->append({path, requests.value(path)});
    return true;
}

void CollectionRun::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancelled = false;
    m_index = -1;
    m_captured.clear();
    m_report = RunReport();
    m_report.collection = m_settings.name.isEmpty() ? QDir(m_directory).dirName() : m_settings.name;
    m_report.environment
        = m_options.environment.isEmpty() ? m_settings.defaultEnvironment : m_options.environment;
    m_clock.start();
    QTimer::singleShot(0, this, &CollectionRun::next);
}

void CollectionRun::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_loadCancel)
        m_loadCancel->cancel();
    if (m_runner && m_runner->isRunning())
        m_runner->cancel(); // its end finishes the request, and the run with it
}

QMap<QString, QString> CollectionRun::variablesNow() const
{
    const Environment *environment = m_settings.environment(m_report.environment);
    QMap<QString, QString> values = environment ? environment->variables : QMap<QString, QString> {};
    // The command line's --var over the environment, and what earlier requests captured over
    // both.
    for (auto it = m_options.variables.cbegin(); it != m_options.variables.cend(); ++it)
        values.insert(it.key(), it.value());
    for (auto it = m_captured.cbegin(); it != m_captured.cend(); ++it)
        values.insert(it.key(), it.value());
    return values;
}

RequestDraft CollectionRun::draftFor(const SavedRequest &request) const
{
    Environment environment;
    if (const Environment *known = m_settings.environment(m_report.environment))
        environment = *known;
    environment.variables = variablesNow();
    VariableScope scope(environment, m_secrets, m_settings.id);
    scope.setBuiltIns(m_options.builtIns);
    const QString environmentName = m_report.environment;
    return RequestDraft(request,
        {[scope](const QString &text, QStringList *unresolved) { return scope.substitute(text, unresolved); },
            [environmentName](const QStringList &names) {
                QStringList braced;
                for (const QString &name : names)
                    braced.append(QStringLiteral("{{%1}}").arg(name));
                return QStringLiteral("%1 not defined in %2 nor captured by an earlier request")
                    .arg(braced.join(QStringLiteral(", ")),
                        environmentName.isEmpty()
                            ? QStringLiteral("any environment")
                            : QStringLiteral("environment \"%1\"").arg(environmentName));
            }});
}

void CollectionRun::next()
{
    ++m_index;
    if (m_cancelled || m_index >= m_items.size()) {
        finishRun();
        return;
    }
    const Item &item = m_items.at(m_index);
    Q_EMIT requestStarted(m_index, item.path);

    RequestResult result;
    result.path = item.path;
    result.name = item.request.name;
    result.method = item.request.method;
    m_current = result;

    const RequestDraft draft = draftFor(item.request);
    SavedRequest resolved;
    RequestDraft::Problem problem;
    if (!draft.resolveTarget(&resolved, &problem)) {
        fail(result, problem.message);
        return;
    }
    resolved = resolved.absoluteFrom(QDir(m_directory));
    if (m_options.tls)
        resolved.tls = *m_options.tls;
    if (resolved.target.isEmpty()) {
        fail(result, QStringLiteral("the request has no target"));
        return;
    }

    const QString key = schemaKey(resolved);
    if (const SchemaPtr cached = m_schemas.value(key)) {
        runItem(m_index, resolved, cached, {});
        return;
    }
    SchemaWorkspace::Job reflection;
    if (resolved.schema.kind == Kind::Reflection) {
        QString error;
        const std::shared_ptr<Connection> connection = connectionFor(resolved, &error);
        if (!connection) {
            fail(result, error);
            return;
        }
        Metadata metadata;
        draft.resolveMetadata(&metadata, &problem); // a bad row is reported when the call is prepared
        reflection = connection->reflectionJob(metadata, m_options.reflectionTimeoutMs);
    }
    // Loading parses files or asks a server: never on this thread.
    auto *watcher = new QFutureWatcher<Loaded>(this);
    const int index = m_index;
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, index, key, resolved] {
        watcher->deleteLater();
        const Loaded loaded = watcher->result();
        if (loaded.error.isEmpty())
            m_schemas.insert(key, loaded.schema);
        runItem(index, resolved, loaded.schema, loaded.error);
    });
    // Stopping the run stops waiting on a server that does not answer its reflection.
    m_loadCancel = std::make_shared<LoadCancel>();
    watcher->setFuture(QtConcurrent::run(loadSchema, resolved, reflection, m_loadCancel));
}

std::shared_ptr<Connection> CollectionRun::connectionFor(const SavedRequest &resolved, QString *error)
{
    ChannelOptions options = channelOptionsOf(resolved);
    options.maxReceiveBytes = m_options.maxReceiveBytes;
    for (const std::shared_ptr<Connection> &connection : std::as_const(m_connections)) {
        if (connection->options() == options)
            return connection;
    }
    auto connection = std::make_shared<Connection>(options);
    if (!connection->isValid()) {
        *error = connection->errorString();
        return {};
    }
    m_connections.append(connection);
    return connection;
}

void CollectionRun::runItem(int index, SavedRequest resolved, SchemaPtr schema, const QString &schemaError)
{
    if (index != m_index)
        return;
    const Item &item = m_items.at(index);
    RequestResult result = m_current;
    if (m_cancelled) {
        fail(result, QStringLiteral("the run was stopped"));
        return;
    }
    if (!schemaError.isEmpty()) {
        fail(result, schemaError);
        return;
    }
    const MethodRef method = MethodRef::resolve(schema, item.request.method);
    if (!method.isValid()) {
        fail(result, QStringLiteral("no method %1 in the schema").arg(item.request.method));
        return;
    }
    const RequestDraft draft = draftFor(item.request);
    RequestDraft::Prepared prepared;
    RequestDraft::Problem problem;
    if (!draft.prepare(method, &prepared, &problem)) {
        fail(result, problem.message);
        return;
    }
    QString error;
    const std::shared_ptr<Connection> connection = connectionFor(resolved, &error);
    if (!connection) {
        fail(result, error);
        return;
    }

    CallSpec spec;
    spec.method = method.path();
    spec.kind = method.kind();
    spec.metadata = prepared.metadata;
    spec.deadlineMs = prepared.deadlineMs;

    delete m_callContext; // and the runner of the call before, which has ended
    m_callContext = new QObject(this);
    m_runner = new CallRunner(m_callContext);
    m_currentSchema = schema;
    m_responseType = method.responseType();
    auto builder = std::make_shared<CallOutcomeBuilder>(schema, m_responseType);
    m_current = result;
    connect(m_runner, &CallRunner::events, m_callContext, [this, builder, index](const CallEvents &events) {
        builder->add(events);
        Q_EMIT callEvents(index, events);
    });
    connect(m_runner, &CallRunner::finished, m_callContext, [this, builder](const CallStatus &status) {
        RequestResult finished = m_current;
        finished.outcome = builder->outcome();
        if (finished.outcome.code < 0) { // the status came without its event
            finished.outcome.code = status.code;
            finished.outcome.statusMessage = status.message;
            finished.outcome.error = CallOutcomeBuilder::errorJson(status, m_currentSchema.get());
        }
        // The runner is deleted with its context, after it has finished emitting.
        m_callContext->deleteLater();
        m_callContext = nullptr;
        m_runner = nullptr;
        finishItem(finished);
    });
    m_runner->start(connection, spec, draft.snapshot(resolved.target));
    for (qsizetype i = 0; i < prepared.messages.size(); ++i)
        m_runner->send(prepared.messages.at(i), prepared.typedMessages.value(i));
    m_runner->halfClose();
}

void CollectionRun::checkSnapshot(const Item &item, RequestResult *result) const
{
    const Expectations &expect = item.request.expect;
    if (!expect.snapshot || !result->outcome.sent)
        return;
    const QString file = Snapshot::pathFor(QDir(m_directory).filePath(item.path));
    const QString shown = Snapshot::pathFor(item.path);
    const QJsonObject current = Snapshot::of(result->outcome, expect.snapshotIgnore);
    CheckResult check;
    check.name = QStringLiteral("snapshot");
    check.expected = shown;
    QString error;
    if (m_options.updateSnapshots) {
        check.passed = Snapshot::write(file, current, &error);
        check.actual = check.passed ? QStringLiteral("written") : error;
        result->checks.append(check);
        return;
    }
    QJsonObject stored;
    if (!QFileInfo::exists(file)) {
        check.actual = QStringLiteral("(no snapshot)");
        check.note
            = QStringLiteral("%1 does not exist yet; run with --update-snapshots to write it").arg(shown);
    } else if (!Snapshot::read(file, &stored, &error)) {
        check.actual = QStringLiteral("(unreadable)");
        check.note = error;
    } else {
        const QList<JsonDiff::Change> changes = Snapshot::compare(stored, current, expect.snapshotIgnore);
        check.passed = changes.isEmpty();
        check.actual = check.passed ? QStringLiteral("the same")
                                    : QStringLiteral("%1 difference%2")
                                          .arg(changes.size())
                                          .arg(changes.size() == 1 ? QString() : QStringLiteral("s"));
        QStringList lines;
        for (const JsonDiff::Change &change : changes.mid(0, 20))
            lines.append(QStringLiteral("%1 %2: %3 -> %4")
                             .arg(JsonDiff::kindName(change.kind), change.path, JsonDiff::text(change.before),
                                 JsonDiff::text(change.after)));
        if (changes.size() > 20)
            lines.append(QStringLiteral("... and %1 more").arg(changes.size() - 20));
        check.note = lines.join(u'\n');
    }
    result->checks.append(check);
}

void CollectionRun::fail(RequestResult result, const QString &why)
{
    result.outcome.failure = why;
    finishItem(std::move(result));
}

void CollectionRun::finishItem(RequestResult result)
{
    const Item &item = m_items.at(m_index);
    result.checks = ExpectCheck::check(item.request.expect, result.outcome);
    if (result.outcome.sent) {
        QList<CheckResult> failures;
        result.captured = ExpectCheck::capture(item.request.capture, result.outcome, &failures);
        result.checks += failures;
        for (auto it = result.captured.cbegin(); it != result.captured.cend(); ++it)
            m_captured.insert(it.key(), it.value());
        checkSnapshot(item, &result);
    }
    m_report.results.append(result);
    Q_EMIT requestFinished(m_index, result);
    if (m_options.bail && !result.passed())
        m_cancelled = true;
    QTimer::singleShot(0, this, &CollectionRun::next);
}

void CollectionRun::finishRun()
{
    m_running = false;
    m_report.elapsedMs = m_clock.elapsed();
    m_report.cancelled = m_report.results.size() < m_items.size();
    m_connections.clear();
    Q_EMIT finished(m_report);
}

} // namespace wirescope
