#include "rpc/mock/MockServer.h"

#include "rpc/call/ChannelOptions.h"
#include "rpc/mock/MockCall.h"
#include "rpc/mock/MockReflection.h"

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/impl/server_builder_option.h>
#include <grpcpp/impl/server_builder_plugin.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <QDir>
#include <QDirIterator>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <functional>
#include <mutex>

namespace wirescope {

namespace {

constexpr int MaxMessageSize = 64 * 1024 * 1024;
// Long enough for a call in flight to finish, short enough that nobody waits on an endless
// stream; past it gRPC cancels what still runs.
constexpr auto ShutdownGrace = std::chrono::milliseconds(200);
// Editors save in several steps; the folder is read once they are done.
constexpr int ReloadDelayMs = 200;
// ProtoServerReflectionPlugin::name() in gRPC.
constexpr char LibraryReflectionPlugin[] = "proto_server_reflection";

// Loading libgrpc++_reflection registers its v1alpha service for every ServerBuilder; a mock
// answers reflection from its own schema, so the library's is taken out.
class WithoutLibraryReflection final : public grpc::ServerBuilderOption {
public:
    WithoutLibraryReflection() = default;
    Q_DISABLE_COPY_MOVE(WithoutLibraryReflection)

    void UpdateArguments(grpc::ChannelArguments * /*args*/) override { }
    void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>> *plugins) override
    {
        std::erase_if(*plugins, [](const std::unique_ptr<grpc::ServerBuilderPlugin> &plugin) {
            return plugin->name() == LibraryReflectionPlugin;
        });
    }
};

// Every method of the server, reflection included, lands here.
class MockService final : public grpc::CallbackGenericService {
public:
    explicit MockService(std::shared_ptr<MockEnvironment> env)
        : m_env(std::move(env))
    {
    }
    Q_DISABLE_COPY_MOVE(MockService)

    grpc::ServerGenericBidiReactor *CreateReactor(grpc::GenericCallbackServerContext *context) override
    {
        if (MockReflection::handles(context->method()))
            return MockReflection::start(context, m_env->schema(), m_env->tracker());
        return MockCall::start(context, m_env);
    }

private:
    std::shared_ptr<MockEnvironment> m_env;
};

// A stub folder read on a worker thread, with the paths to watch for the next change.
struct StubLoad {
    bool ok = false;
    StubSet stubs;
    QStringList errors;
    QStringList paths;
};

// The folder, its sub-folders and its stub files: what a change to the stubs touches.
QStringList watchablePaths(const QString &directory)
{
    QStringList paths;
    if (!QFileInfo(directory).isDir())
        return paths;
    paths.append(directory);
    QDirIterator it(directory, QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        if (info.isDir() || info.suffix() == QLatin1String("json"))
            paths.append(info.filePath());
    }
    return paths;
}

StubLoad loadStubs(const QString &directory, const SchemaPtr &schema)
{
    StubLoad load;
    // Deleting the last stub empties the set rather than keeping stubs that are gone.
    load.ok = StubSet::load(directory, *schema, &load.stubs, &load.errors, false);
    load.paths = watchablePaths(directory);
    return load;
}

// Watches a stub folder, its sub-folders and files, and reloads it off this thread once
// changes have settled. Results of a reload overtaken by a newer one are dropped.
class StubWatcher final : public QObject {
public:
    using Schemas = std::function<SchemaPtr()>;
    using Loaded = std::function<void(const StubLoad &load)>;

    StubWatcher(const QString &directory, Schemas schema, Loaded loaded, QObject *parent)
        : QObject(parent)
        , m_directory(directory)
        , m_schema(std::move(schema))
        , m_loaded(std::move(loaded))
    {
        m_timer.setSingleShot(true);
        m_timer.setInterval(ReloadDelayMs);
        connect(&m_timer, &QTimer::timeout, this, &StubWatcher::reload);
        connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &StubWatcher::changed);
        connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &StubWatcher::changed);
        watch(watchablePaths(directory));
    }
    Q_DISABLE_COPY_MOVE(StubWatcher)

private:
    void changed(const QString & /*path*/) { m_timer.start(); }

    void watch(const QStringList &paths)
    {
        QStringList watched = m_watcher.files() + m_watcher.directories();
        QStringList added;
        for (const QString &path : paths) {
            if (!watched.removeOne(path))
                added.append(path);
        }
        if (!watched.isEmpty())
            m_watcher.removePaths(watched);
        if (!added.isEmpty())
            m_watcher.addPaths(added);
    }

    void reload()
    {
        const SchemaPtr schema = m_schema();
        if (!schema)
            return;
        const quint64 generation = ++m_generation;
        auto *future = new QFutureWatcher<StubLoad>(this);
        connect(future, &QFutureWatcher<StubLoad>::finished, this, [this, future, generation] {
            future->deleteLater();
            if (generation != m_generation)
                return;
            const StubLoad load = future->result();
            watch(load.paths);
            m_loaded(load);
        });
        future->setFuture(QtConcurrent::run(loadStubs, m_directory, schema));
    }

    QString m_directory;
    Schemas m_schema;
    Loaded m_loaded;
    QFileSystemWatcher m_watcher;
    QTimer m_timer;
    quint64 m_generation = 0;
};

QString hostPort(const QString &host, int port)
{
    const bool bareIpv6 = host.contains(u':') && !host.startsWith(u'[');
    const QString shownHost = bareIpv6 ? u'[' + host + u']' : host;
    return shownHost + u':' + QString::number(port);
}

void setError(QString *error, const QString &message)
{
    if (error != nullptr)
        *error = message;
}

std::shared_ptr<grpc::ServerCredentials> makeCredentials(const MockServer::Options &options, QString *error)
{
    if (options.certificatePem.isEmpty() && options.privateKeyPem.isEmpty())
        return grpc::InsecureServerCredentials();
    if (options.certificatePem.isEmpty() || options.privateKeyPem.isEmpty()) {
        setError(error, QStringLiteral("TLS needs both a certificate and a private key"));
        return nullptr;
    }
    grpc::SslServerCredentialsOptions ssl(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    ssl.pem_key_cert_pairs.push_back(
        {options.privateKeyPem.toStdString(), options.certificatePem.toStdString()});
    return grpc::SslServerCredentials(ssl);
}

// Record mode's way to the real server; null without an upstream, or with *error.
bool makeUpstream(
    const MockServer::Options &options, std::shared_ptr<grpc::GenericStub> *stub, QString *error)
{
    if (options.upstream.isEmpty())
        return true;
    if (options.recordDirectory.isEmpty()) {
        setError(error, QStringLiteral("record mode needs a folder to write the recorded stubs into"));
        return false;
    }
    if (!QDir().mkpath(options.recordDirectory)) {
        setError(
            error, QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(options.recordDirectory)));
        return false;
    }
    ChannelOptions channelOptions;
    channelOptions.target = options.upstream;
    channelOptions.security
        = options.upstreamPlaintext ? ChannelOptions::Security::Plaintext : ChannelOptions::Security::Tls;
    QString why;
    const std::shared_ptr<grpc::Channel> channel = createChannel(channelOptions, &why);
    if (!channel) {
        setError(error, QStringLiteral("upstream %1: %2").arg(options.upstream, why));
        return false;
    }
    *stub = std::make_shared<grpc::GenericStub>(channel);
    return true;
}

// Hands a call's log to the server's thread, as the signals promise.
MockEnvironment::Reporter reporterFor(MockServer *server)
{
    MockEnvironment::Reporter reporter;
    reporter.started = [server](const MockServer::CallLog &call) {
        QMetaObject::invokeMethod(
            server, [server, call] { Q_EMIT server->callStarted(call); }, Qt::QueuedConnection);
    };
    reporter.finished = [server](const MockServer::CallLog &call) {
        QMetaObject::invokeMethod(
            server, [server, call] { Q_EMIT server->callFinished(call); }, Qt::QueuedConnection);
    };
    reporter.recorded = [server](const QString &file) {
        QMetaObject::invokeMethod(
            server, [server, file] { Q_EMIT server->recorded(file); }, Qt::QueuedConnection);
    };
    return reporter;
}

std::unique_ptr<grpc::Server> buildServer(const QString &listenAddress,
    const std::shared_ptr<grpc::ServerCredentials> &credentials, MockService *service, int *selectedPort)
{
    grpc::ServerBuilder builder;
    builder.AddListeningPort(listenAddress.toStdString(), credentials, selectedPort);
    builder.SetMaxReceiveMessageSize(MaxMessageSize);
    builder.SetMaxSendMessageSize(MaxMessageSize);
    // gRPC sets SO_REUSEPORT by default, which would let a second server share a port
    // that is already taken instead of reporting it.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.SetOption(std::make_unique<WithoutLibraryReflection>());
    builder.RegisterCallbackGenericService(service);
    return builder.BuildAndStart();
}

} // namespace

struct MockServer::Private {
    std::mutex mutex; // env and stubs: setStubs() may come from any thread
    std::shared_ptr<MockEnvironment> env;
    StubSet stubs;
    std::unique_ptr<MockService> service;
    // Declared after the service it points to, so it is destroyed before it.
    std::unique_ptr<grpc::Server> server;
    SchemaPtr schema;
    QString host;
    int port = 0;
    StubWatcher *watcher = nullptr;
};

MockServer::MockServer(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    qRegisterMetaType<MockServer::CallLog>();
}

MockServer::~MockServer()
{
    delete d->watcher; // its reloads read d->schema
    stop();
}

bool MockServer::start(SchemaPtr schema, const StubSet &stubs, const Options &options, QString *error)
{
    if (d->server) {
        setError(error, QStringLiteral("the mock server is already running on %1").arg(address()));
        return false;
    }
    if (!schema || schema->serviceNames().isEmpty()) {
        setError(error, QStringLiteral("the schema has no services to mock"));
        return false;
    }
    const std::shared_ptr<grpc::ServerCredentials> credentials = makeCredentials(options, error);
    std::shared_ptr<grpc::GenericStub> upstream;
    if (!credentials || !makeUpstream(options, &upstream, error))
        return false;

    auto env = std::make_shared<MockEnvironment>(schema, options, std::move(upstream), reporterFor(this));
    env->setStubs(stubs);
    auto service = std::make_unique<MockService>(env);

    const QString listenAddress = hostPort(options.host, options.port);
    int selectedPort = 0;
    std::unique_ptr<grpc::Server> server
        = buildServer(listenAddress, credentials, service.get(), &selectedPort);
    if (!server || selectedPort == 0) {
        const QString why = options.certificatePem.isEmpty()
            ? QStringLiteral("address in use or not permitted")
            : QStringLiteral("address in use or not permitted, or the TLS certificate or key is invalid");
        setError(error, QStringLiteral("cannot listen on %1: %2").arg(listenAddress, why));
        return false;
    }
    {
        std::lock_guard lock(d->mutex);
        d->stubs = stubs;
        d->env = std::move(env);
    }
    d->service = std::move(service);
    d->server = std::move(server);
    d->schema = std::move(schema);
    d->host = options.host;
    d->port = selectedPort;
    return true;
}

void MockServer::stop()
{
    if (!d->server)
        return;
    d->server->Shutdown(std::chrono::system_clock::now() + ShutdownGrace);
    d->server->Wait();
    // Streams may still be unwinding after their last callback; the environment they share
    // (and the upstream channel in it) is released here, never on one of gRPC's threads.
    std::shared_ptr<MockEnvironment> env;
    {
        std::lock_guard lock(d->mutex);
        env = std::move(d->env);
    }
    env->tracker()->waitIdle();
    d->server.reset();
    d->service.reset();
    env.reset();
    d->port = 0;
}

bool MockServer::isRunning() const
{
    return d->server != nullptr;
}

QString MockServer::address() const
{
    return hostPort(d->host, d->port);
}

int MockServer::port() const
{
    return d->port;
}

void MockServer::setStubs(const StubSet &stubs)
{
    std::shared_ptr<MockEnvironment> env;
    {
        std::lock_guard lock(d->mutex);
        d->stubs = stubs;
        env = d->env;
    }
    if (env)
        env->setStubs(stubs);
}

void MockServer::watchStubs(const QString &directory)
{
    delete d->watcher;
    d->watcher = nullptr;
    if (directory.isEmpty())
        return;
    const auto schema = [this] { return d->schema; };
    const auto loaded = [this](const StubLoad &load) {
        if (!load.ok) {
            Q_EMIT stubsRejected(load.errors);
            return;
        }
        setStubs(load.stubs);
        Q_EMIT stubsReloaded(int(load.stubs.stubs().size()));
    };
    d->watcher = new StubWatcher(directory, schema, loaded, this);
}

} // namespace wirescope
