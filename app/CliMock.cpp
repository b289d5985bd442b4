#include "app/CliArgs.h"
#include "app/CliCommands.h"
#include "app/CliSession.h"
#include "model/collection/Collection.h"
#include "model/core/AtomicFile.h"
#include "model/mock/Stub.h"
#include "model/schema/SchemaLoader.h"
#include "rpc/mock/MockServer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <csignal>
#include <cstdio>
#include <pthread.h>
#include <thread>

// `wirescope mock`: a local mock of a schema's services, for a terminal and for scripts.
namespace wirescope::CliCommands {

namespace {

void print(FILE *stream, const QString &line)
{
    std::fputs(line.toUtf8().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

// The schema files a collection's requests use (reflected ones need a server: give TARGET).
bool loadCollectionSchema(const QString &directory, SchemaPtr *schema, QString *error)
{
    Collection collection;
    if (!collection.open(directory, error))
        return false;
    using Kind = SavedRequest::SchemaSourceRef::Kind;
    std::vector<SchemaSource> sources;
    Diagnostics diagnostics;
    QSet<QString> seen;
    for (const SavedRequest &saved : collection.requests()) {
        const SavedRequest request = saved.absoluteFrom(QDir(directory));
        const SavedRequest::SchemaSourceRef &ref = request.schema;
        if (ref.kind == Kind::Reflection)
            continue;
        const QString key = ref.kind == Kind::Protoset
            ? ref.protoset
            : ref.protoFiles.join(u';') + u'|' + ref.importPaths.join(u';');
        if (seen.contains(key))
            continue;
        seen.insert(key);
        LoadResult result = ref.kind == Kind::Protoset
            ? SchemaLoader::loadProtoset(ref.protoset)
            : SchemaLoader::loadProtoFiles(ref.protoFiles, ref.importPaths);
        diagnostics.append(result.diagnostics);
        if (!result.source.files.empty())
            sources.push_back(std::move(result.source));
    }
    if (sources.empty()) {
        *error = QStringLiteral(
            "the requests of %1 load their schema by reflection: give the TARGET to reflect, "
            "or --proto/--protoset")
                     .arg(directory);
        return false;
    }
    *schema = Schema::build(std::move(sources), &diagnostics);
    if (hasErrors(diagnostics)) {
        *error = joinDiagnostics(diagnostics);
        return false;
    }
    return true;
}

QString callLine(const MockServer::CallLog &call)
{
    return QStringLiteral("%1  %2  %3  %4  %5 ms")
        .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz")), call.method,
            call.answeredBy, statusCodeName(call.code))
        .arg(call.elapsedMs);
}

} // namespace

int mock(const CliArgs &given)
{
    CliArgs args = given;
    if (!args.symbol.isEmpty()) {
        print(stderr,
            QStringLiteral("wirescope: unexpected argument \"%1\" (mock serves every method)")
                .arg(args.symbol));
        return 2;
    }
    if (!args.recordDirectory.isEmpty() && args.upstream.isEmpty()) {
        print(stderr, QStringLiteral("wirescope: --record needs --upstream TARGET, the server to record"));
        return 2;
    }
    if (args.serveCertFile.isEmpty() != args.serveKeyFile.isEmpty()) {
        print(stderr, QStringLiteral("wirescope: --tls needs a certificate and a key file"));
        return 2;
    }
    // Wait for SIGINT/SIGTERM on a thread of its own: block them before gRPC starts its threads.
    const sigset_t signals = blockStopSignals();

    // The schema: files, a collection's files, or what a server (the upstream, when
    // recording) answers by reflection.
    SchemaPtr schema;
    QString error;
    const bool fromFiles = !args.protoFiles.isEmpty() || !args.protosets.isEmpty();
    if (!fromFiles && args.target.isEmpty() && !args.collection.isEmpty()) {
        if (!loadCollectionSchema(args.collection, &schema, &error)) {
            print(stderr, QStringLiteral("wirescope: %1").arg(error));
            return 1;
        }
    } else {
        if (!fromFiles && args.target.isEmpty()) {
            if (args.upstream.isEmpty()) {
                print(stderr,
                    QStringLiteral("wirescope: mock needs a schema: --proto FILE (with -I DIR), --protoset "
                                   "FILE, --collection DIR, or a TARGET to reflect"));
                return 2;
            }
            args.target = args.upstream;
            args.plaintext = true;
        }
        if (!fromFiles && !args.useTls)
            args.plaintext = true; // a server reflected for a local mock is, as a rule, a local one
        CliSession session(args);
        if (!session.loadSchema())
            return 1;
        schema = session.schema();
    }
    if (schema->serviceNames().isEmpty()) {
        print(stderr, QStringLiteral("wirescope: the schema has no service to mock"));
        return 1;
    }

    QString stubsDirectory = args.stubsDirectory;
    if (stubsDirectory.isEmpty() && !args.collection.isEmpty())
        stubsDirectory = QDir(args.collection).filePath(QStringLiteral("mocks"));
    StubSet stubs;
    if (!args.stubsDirectory.isEmpty() && !QFileInfo(args.stubsDirectory).isDir()) {
        print(stderr, QStringLiteral("wirescope: --stubs: %1 is not a folder").arg(args.stubsDirectory));
        return 2;
    }
    if (!stubsDirectory.isEmpty()) {
        QStringList errors;
        // An empty folder is a mock with no stubs yet: every method answers with examples.
        if (!StubSet::load(stubsDirectory, *schema, &stubs, &errors, false)) {
            print(stderr, QStringLiteral("wirescope: the stubs cannot be used:"));
            for (const QString &line : std::as_const(errors))
                print(stderr, QStringLiteral("  ") + line);
            return 1;
        }
    }

    MockServer::Options options;
    if (!args.host.isEmpty())
        options.host = args.host;
    options.port = args.port;
    if (!args.serveCertFile.isEmpty()
        && (!AtomicFile::read(args.serveCertFile, &options.certificatePem, &error)
            || !AtomicFile::read(args.serveKeyFile, &options.privateKeyPem, &error))) {
        print(stderr, QStringLiteral("wirescope: --tls: %1").arg(error));
        return 1;
    }
    options.upstream = args.upstream;
    options.recordDirectory = args.recordDirectory;

    MockServer server;
    if (!server.start(schema, stubs, options, &error)) {
        print(stderr, QStringLiteral("wirescope: %1").arg(error));
        return 1;
    }
    if (!stubsDirectory.isEmpty() && QFileInfo(stubsDirectory).isDir())
        server.watchStubs(stubsDirectory);
    QObject::connect(&server, &MockServer::callFinished, &server,
        [](const MockServer::CallLog &call) { print(stdout, callLine(call)); });
    QObject::connect(&server, &MockServer::stubsReloaded, &server,
        [](int count) { print(stdout, QStringLiteral("stubs reloaded: %1").arg(count)); });
    QObject::connect(&server, &MockServer::stubsRejected, &server, [](const QStringList &errors) {
        print(stderr, QStringLiteral("stubs not reloaded (the previous ones still answer):"));
        for (const QString &line : errors)
            print(stderr, QStringLiteral("  ") + line);
    });
    QObject::connect(&server, &MockServer::recorded, &server,
        [](const QString &file) { print(stdout, QStringLiteral("recorded %1").arg(file)); });

    const QStringList services = schema->serviceNames();
    print(stdout,
        QStringLiteral(
            "Wirescope mock serving %1 service%2 on %3 with %4 stub%5 (reflection on; Ctrl+C stops it)")
            .arg(services.size())
            .arg(services.size() == 1 ? QString() : QStringLiteral("s"))
            .arg(server.address())
            .arg(stubs.stubs().size())
            .arg(stubs.stubs().size() == 1 ? QString() : QStringLiteral("s")));
    std::thread([signals] {
        int received = 0;
        sigwait(&signals, &received);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), &QCoreApplication::quit, Qt::QueuedConnection);
    }).detach();
    QCoreApplication::exec();
    server.stop();
    return 0;
}

} // namespace wirescope::CliCommands
