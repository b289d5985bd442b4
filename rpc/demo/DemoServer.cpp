#include "rpc/demo/DemoServer.h"

#include "rpc/demo/DemoService.h"
#include "rpc/reflection/ReflectionV1Service.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/impl/server_builder_option.h>
#include <grpcpp/impl/server_builder_plugin.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

namespace wirescope {

namespace {

constexpr int MaxMessageSize = 64 * 1024 * 1024;
// Long enough for a unary call in flight to finish, short enough that nobody waits on
// an endless stream.
constexpr auto ShutdownGrace = std::chrono::milliseconds(200);
// ProtoServerReflectionPlugin::name() in gRPC.
constexpr char AlphaReflectionPluginName[] = "proto_server_reflection";
constexpr char AlphaReflectionServiceName[] = "grpc.reflection.v1alpha.ServerReflection";

// Decides per server whether gRPC's own v1alpha reflection is served. Loading
// libgrpc++_reflection registers its plugin globally for every ServerBuilder, so the
// global one is always taken out and, when wanted, replaced by a fresh instance.
class AlphaReflectionOption final : public grpc::ServerBuilderOption {
public:
    explicit AlphaReflectionOption(bool enabled)
        : m_enabled(enabled)
    {
    }
    Q_DISABLE_COPY_MOVE(AlphaReflectionOption)

    void UpdateArguments(grpc::ChannelArguments * /*args*/) override { }
    void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>> *plugins) override;

private:
    bool m_enabled = false;
};

void AlphaReflectionOption::UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>> *plugins)
{
    std::erase_if(*plugins, [](const std::unique_ptr<grpc::ServerBuilderPlugin> &plugin) {
        return plugin->name() == AlphaReflectionPluginName;
    });
    if (m_enabled)
        plugins->push_back(std::make_unique<grpc::reflection::ProtoServerReflectionPlugin>());
}

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

std::shared_ptr<grpc::ServerCredentials> makeCredentials(const DemoServer::Options &options, QString *error)
{
    if (!options.useTls)
        return grpc::InsecureServerCredentials();
    const DemoServer::Tls &tls = options.tls;
    if (tls.certificatePem.isEmpty() || tls.privateKeyPem.isEmpty()) {
        setError(error, QStringLiteral("TLS needs both a certificate and a private key"));
        return nullptr;
    }
    const bool mutual = !tls.clientCaPem.isEmpty();
    grpc::SslServerCredentialsOptions ssl(mutual ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                                 : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    ssl.pem_root_certs = tls.clientCaPem.toStdString();
    ssl.pem_key_cert_pairs.push_back({tls.privateKeyPem.toStdString(), tls.certificatePem.toStdString()});
    return grpc::SslServerCredentials(ssl);
}

QStringList servedServiceNames(const DemoServer::Options &options)
{
    QStringList names {QString::fromUtf8(demo::v1::DemoService::service_full_name())};
    if (options.reflectionV1)
        names.append(QString::fromUtf8(grpc::reflection::v1::ServerReflection::service_full_name()));
    if (options.reflectionV1Alpha)
        names.append(QString::fromUtf8(AlphaReflectionServiceName));
    return names;
}

} // namespace

struct DemoServer::Private {
    DemoService demoService;
    std::unique_ptr<ReflectionV1Service> reflectionV1;
    // Declared after the services it points to, so it is destroyed before them.
    std::unique_ptr<grpc::Server> server;
    QString host;
    int port = 0;
    QStringList serviceNames;
    std::mutex stopMutex;
    bool stopped = false;
};

DemoServer::DemoServer()
    : d(std::make_unique<Private>())
{
}

DemoServer::~DemoServer()
{
    stop();
}

bool DemoServer::start(const Options &options, QString *error)
{
    if (d->server && !d->stopped) {
        setError(error, QStringLiteral("the demo server is already running on %1").arg(address()));
        return false;
    }
    d->server.reset();
    const QString listenAddress = hostPort(options.host, options.port);
    const std::shared_ptr<grpc::ServerCredentials> credentials = makeCredentials(options, error);
    if (!credentials)
        return false;

    d->serviceNames = servedServiceNames(options);
    d->reflectionV1.reset();
    if (options.reflectionV1)
        d->reflectionV1 = std::make_unique<ReflectionV1Service>(d->serviceNames, options.sloppyReflection);

    grpc::ServerBuilder builder;
    int selectedPort = 0;
    builder.AddListeningPort(listenAddress.toStdString(), credentials, &selectedPort);
    builder.SetMaxReceiveMessageSize(MaxMessageSize);
    builder.SetMaxSendMessageSize(MaxMessageSize);
    // gRPC sets SO_REUSEPORT by default, which would let a second server share a port
    // that is already taken instead of reporting it.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.SetOption(std::make_unique<AlphaReflectionOption>(options.reflectionV1Alpha));
    builder.RegisterService(&d->demoService);
    if (d->reflectionV1)
        builder.RegisterService(d->reflectionV1.get());

    d->server = builder.BuildAndStart();
    if (!d->server || selectedPort == 0) {
        d->server.reset();
        d->serviceNames.clear();
        const QString why = options.useTls
            ? QStringLiteral("address in use or not permitted, or the TLS certificate or key is invalid")
            : QStringLiteral("address in use or not permitted");
        setError(error, QStringLiteral("cannot listen on %1: %2").arg(listenAddress, why));
        return false;
    }
    d->host = options.host;
    d->port = selectedPort;
    d->stopped = false;
    return true;
}

int DemoServer::port() const
{
    return d->port;
}

QString DemoServer::address() const
{
    return hostPort(d->host, d->port);
}

QStringList DemoServer::serviceNames() const
{
    return d->serviceNames;
}

void DemoServer::stop()
{
    const std::lock_guard lock(d->stopMutex);
    if (!d->server || d->stopped)
        return;
    d->stopped = true;
    // Past the deadline gRPC cancels whatever still runs, which ends open streams.
    d->server->Shutdown(std::chrono::system_clock::now() + ShutdownGrace);
}

void DemoServer::wait()
{
    if (d->server)
        d->server->Wait();
}

} // namespace wirescope
