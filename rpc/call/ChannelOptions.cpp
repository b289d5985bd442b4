#include "rpc/call/ChannelOptions.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <QFile>

namespace wirescope {

namespace {

bool readPem(const QString &path, const char *what, std::string *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error
            = QStringLiteral("cannot read the %1 %2: %3").arg(QLatin1String(what), path, file.errorString());
        return false;
    }
    *out = file.readAll().toStdString();
    if (out->find("-----BEGIN") == std::string::npos) {
        *error = QStringLiteral("the %1 %2 is not a PEM file").arg(QLatin1String(what), path);
        return false;
    }
    return true;
}

} // namespace

ChannelOptions channelOptionsOf(const SavedRequest &request)
{
    using Security = ChannelOptions::Security;
    using TlsSecurity = SavedRequest::TlsProfile::Security;
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
    using Security = ChannelOptions::Security;
    using TlsSecurity = SavedRequest::TlsProfile::Security;
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

std::shared_ptr<grpc::Channel> createChannel(const ChannelOptions &options, QString *error)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    if (options.target.trimmed().isEmpty()) {
        why = QStringLiteral("no target address given (expected host:port)");
        return nullptr;
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(options.maxReceiveBytes);
    args.SetMaxSendMessageSize(-1);
    // gRPC waits up to two minutes between attempts to reach a server that went away; a
    // desktop tool is mostly pointed at servers that are being restarted (often on the same
    // machine), and its calls should work again within a second or so of the server's return.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 250);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
    if (options.ownConnection)
        args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    std::shared_ptr<grpc::ChannelCredentials> credentials;
    if (options.security == ChannelOptions::Security::Plaintext) {
        credentials = grpc::InsecureChannelCredentials();
        if (!options.authority.isEmpty())
            args.SetString(GRPC_ARG_DEFAULT_AUTHORITY, options.authority.toStdString());
    } else {
        grpc::SslCredentialsOptions ssl;
        if (!options.caFile.isEmpty()
            && !readPem(options.caFile, "CA certificate", &ssl.pem_root_certs, &why))
            return nullptr;
        if (options.security == ChannelOptions::Security::MutualTls) {
            if (options.certFile.isEmpty() || options.keyFile.isEmpty()) {
                why = QStringLiteral("mutual TLS needs both a client certificate and its private key");
                return nullptr;
            }
            if (!readPem(options.certFile, "client certificate", &ssl.pem_cert_chain, &why)
                || !readPem(options.keyFile, "private key", &ssl.pem_private_key, &why))
                return nullptr;
        }
        credentials = grpc::SslCredentials(ssl);
        if (!options.authority.isEmpty())
            args.SetSslTargetNameOverride(options.authority.toStdString());
    }
    return grpc::CreateCustomChannel(options.target.trimmed().toStdString(), credentials, args);
}

} // namespace wirescope
