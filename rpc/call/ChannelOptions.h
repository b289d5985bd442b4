#pragma once

#include "model/request/SavedRequest.h"

#include <QString>

#include <memory>

namespace grpc {
class Channel;
}

namespace wirescope {

// How to reach a server: address, transport security and limits. A plain value that the
// UI and the CLI fill in; only rpc/ turns it into a gRPC channel.
struct ChannelOptions {
    enum class Security { Plaintext, Tls, MutualTls };

    QString target; // "host:port"
    Security security = Security::Plaintext;
    QString caFile; // PEM; empty means the system's roots
    QString certFile; // PEM client certificate, for mutual TLS
    QString keyFile; // PEM private key, for mutual TLS
    QString authority; // overrides :authority and the name checked against the certificate
    int maxReceiveBytes = 64 * 1024 * 1024;
    // A TCP connection of its own: gRPC otherwise shares one among channels to the same
    // server with the same options, and a load run's K connections would be one.
    bool ownConnection = false;

    bool operator==(const ChannelOptions &other) const = default;
};

// Where a saved request goes (target and TLS profile, its variables already resolved), and
// back: the request tabs, the schema controller and a collection run all turn one into the
// other here.
ChannelOptions channelOptionsOf(const SavedRequest &request);
SavedRequest::TlsProfile tlsProfileOf(const ChannelOptions &options);

// Creates the channel, or explains in *error why it cannot (an unreadable key file, say).
std::shared_ptr<grpc::Channel> createChannel(const ChannelOptions &options, QString *error);

} // namespace wirescope
