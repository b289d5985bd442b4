#pragma once

#include <QString>
#include <QStringList>

#include <memory>

namespace wirescope {

// The embedded demo: a real gRPC server (DemoService plus server reflection) that the app
// starts in-process when it is given nothing else to explore, and that `wirescope
// serve-demo` runs standalone. Tests start it too, with the options below.
class DemoServer final {
public:
    struct Tls {
        QByteArray certificatePem;
        QByteArray privateKeyPem;
        // When set, clients must present a certificate signed by this CA (mutual TLS).
        QByteArray clientCaPem;
    };

    struct Options {
        QString host = QStringLiteral("127.0.0.1");
        int port = 0; // 0 picks a free port
        bool reflectionV1 = true; // grpc.reflection.v1, served by Wirescope's own code
        bool reflectionV1Alpha = true; // grpc.reflection.v1alpha, served by gRPC's library
        // Mimics sloppy reflection servers: files are served without the dependency on
        // common.proto and common.proto is served under another name.
        bool sloppyReflection = false;
        bool useTls = false;
        Tls tls;
    };

    DemoServer();
    ~DemoServer();
    Q_DISABLE_COPY_MOVE(DemoServer)

    bool start(const Options &options, QString *error);
    int port() const;
    QString address() const; // "host:port"
    QStringList serviceNames() const;
    // Stops accepting calls and cancels running ones after a short grace period.
    void stop();
    // Blocks until the server has shut down (for serve-demo).
    void wait();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wirescope
