#include "app/CliCommands.h"

#include "app/CliArgs.h"
#include "app/CliSession.h"
#include "rpc/DemoServer.h"

#include <google/protobuf/descriptor.h>

#include <csignal>
#include <cstdio>
#include <pthread.h>

namespace wirescope::CliCommands {

int list(const CliArgs &args)
{
    CliSession session(args);
    if (!session.checkHeaders())
        return 2;
    if (!session.loadSchema())
        return 1;
    const SchemaPtr schema = session.schema();
    if (args.symbol.isEmpty()) {
        for (const QString &service : schema->serviceNames())
            session.out(service);
        return 0;
    }
    const auto *service = schema->findService(args.symbol);
    if (!service) {
        session.err(QStringLiteral("no service named %1").arg(args.symbol));
        return 1;
    }
    for (int i = 0; i < service->method_count(); ++i)
        session.out(QString::fromStdString(service->method(i)->full_name()));
    return 0;
}

int describe(const CliArgs &args)
{
    CliSession session(args);
    if (!session.checkHeaders())
        return 2;
    if (!session.loadSchema())
        return 1;
    const SchemaPtr schema = session.schema();
    const QStringList symbols = args.symbol.isEmpty() ? schema->serviceNames() : QStringList{args.symbol};
    for (const QString &symbol : symbols) {
        QString kind;
        const QString text = schema->describe(symbol, &kind);
        if (text.isEmpty()) {
            session.err(QStringLiteral("no symbol named %1 in the schema").arg(symbol));
            return 1;
        }
        QString name = symbol;
        if (name.startsWith(u'.'))
            name.remove(0, 1);
        session.out(QStringLiteral("%1 is a %2:").arg(name, kind));
        session.out(text.trimmed());
    }
    return 0;
}

int call(const CliArgs &args)
{
    CliSession session(args);
    if (args.target.isEmpty() || args.symbol.isEmpty()) {
        session.err(QStringLiteral("call needs a TARGET and a METHOD, e.g. wirescope call localhost:50051 pkg.Service/Method"));
        return 2;
    }
    if (!session.checkHeaders())
        return 2;
    if (!session.loadSchema())
        return 1;
    return session.runCall();
}

int serveDemo(const CliArgs &args)
{
    // Wait for SIGINT/SIGTERM synchronously: block them before gRPC starts its threads.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    DemoServer server;
    DemoServer::Options options;
    if (!args.host.isEmpty())
        options.host = args.host;
    options.port = args.port;
    QString error;
    if (!server.start(options, &error)) {
        std::fprintf(stderr, "wirescope: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("Wirescope demo server listening on %s (reflection on; Ctrl+C stops it)\n",
                qPrintable(server.address()));
    std::fflush(stdout);
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
    return 0;
}

} // namespace wirescope::CliCommands
