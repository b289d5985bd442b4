#include "model/schema/SchemaWorkspace.h"
#include "rpc/reflection/ReflectionClient.h"
#include "support/TestSupport.h"

#include <google/protobuf/descriptor.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <thread>

using namespace wirescope;

class ReflectionTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void v1LoadsEveryServiceWithDependencies();
    void fallsBackToV1Alpha();
    void serverWithoutReflectionSaysToImportProtos();
    void unreachableServerIsAClearError();
    void repairsSloppyServers();
    void workspaceLoadsOffTheGuiThread();
    void aCancelledLoadStopsWaitingOnTheServer();
    void closingDoesNotWaitForASilentServer();

private:
    LoadResult load(const DemoServer::Options &options);
};

LoadResult ReflectionTest::load(const DemoServer::Options &options)
{
    auto server = test::startDemo(options);
    if (!server)
        return {};
    Connection connection(test::plaintextTo(*server));
    Metadata none;
    // Run the client directly (as the workspace job does on its worker thread).
    SchemaWorkspace::Job job = connection.reflectionJob(none, 10000);
    return job({});
}

void ReflectionTest::v1LoadsEveryServiceWithDependencies()
{
    DemoServer::Options options;
    options.reflectionV1Alpha = false;
    const LoadResult result = load(options);
    QVERIFY2(result.ok(), qPrintable(joinDiagnostics(result.diagnostics)));
    QCOMPARE(result.source.kind, SchemaSource::Kind::Reflection);
    Diagnostics diagnostics;
    const SchemaPtr schema = Schema::build({result.source}, &diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(joinDiagnostics(diagnostics)));
    QVERIFY(schema->findService(QStringLiteral("wirescope.demo.v1.DemoService")));
    // A type from the dependency common.proto, reached transitively.
    QVERIFY(schema->findMessage(QStringLiteral("wirescope.demo.v1.Address")));
    QVERIFY(schema->fileNames().contains(QStringLiteral("wirescope/demo/v1/common.proto")));
}

void ReflectionTest::fallsBackToV1Alpha()
{
    DemoServer::Options options;
    options.reflectionV1 = false;
    auto server = test::startDemo(options);
    QVERIFY(server);
    Connection connection(test::plaintextTo(*server));
    LoadResult result = connection.reflectionJob()({});
    QVERIFY2(result.ok(), qPrintable(joinDiagnostics(result.diagnostics)));
    const SchemaPtr schema = Schema::build({result.source}, nullptr);
    QVERIFY(schema->findMethod(QStringLiteral("wirescope.demo.v1.DemoService/Chat")));
}

void ReflectionTest::serverWithoutReflectionSaysToImportProtos()
{
    DemoServer::Options options;
    options.reflectionV1 = false;
    options.reflectionV1Alpha = false;
    const LoadResult result = load(options);
    QVERIFY(!result.ok());
    const QString text = joinDiagnostics(result.diagnostics);
    QVERIFY2(text.contains(QStringLiteral("does not offer server reflection")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(".proto")), qPrintable(text));
}

void ReflectionTest::unreachableServerIsAClearError()
{
    ChannelOptions options;
    options.target = QStringLiteral("127.0.0.1:1");
    Connection connection(options);
    const LoadResult result = connection.reflectionJob({}, 3000)({});
    QVERIFY(!result.ok());
    const QString text = joinDiagnostics(result.diagnostics);
    QVERIFY2(text.contains(QStringLiteral("127.0.0.1:1")) && text.contains(QStringLiteral("UNAVAILABLE")),
        qPrintable(text));
}

void ReflectionTest::repairsSloppyServers()
{
    DemoServer::Options options;
    options.sloppyReflection = true;
    options.reflectionV1Alpha = false;
    const LoadResult result = load(options);
    QVERIFY2(result.ok(), qPrintable(joinDiagnostics(result.diagnostics)));
    const QString text = joinDiagnostics(result.diagnostics);
    QVERIFY2(text.contains(QStringLiteral("repaired")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("wirescope.demo.v1.Address")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("common_renamed.proto")), qPrintable(text));
    Diagnostics diagnostics;
    const SchemaPtr schema = Schema::build({result.source}, &diagnostics);
    QVERIFY2(!hasErrors(diagnostics), qPrintable(joinDiagnostics(diagnostics)));
    const auto *everything = schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    QVERIFY(everything);
    QCOMPARE(everything->FindFieldByName("address")->message_type()->full_name(),
        std::string("wirescope.demo.v1.Address"));
}

void ReflectionTest::workspaceLoadsOffTheGuiThread()
{
    auto server = test::startDemo();
    QVERIFY(server);
    Connection connection(test::plaintextTo(*server));
    SchemaWorkspace workspace;
    QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
    QSignalSpy progress(&workspace, &SchemaWorkspace::progress);
    workspace.load(connection.reflectionLabel(), connection.reflectionJob());
    QVERIFY(workspace.isBusy());
    QVERIFY(finished.wait(15000));
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY(progress.size() >= 1);
    QVERIFY(!workspace.isBusy());
    QVERIFY(workspace.schema()->findService(QStringLiteral("wirescope.demo.v1.DemoService")));
    // Loading again from the same server replaces the source instead of duplicating it.
    workspace.load(connection.reflectionLabel(), connection.reflectionJob());
    QVERIFY(finished.wait(15000));
    QVERIFY(finished.last().at(0).toBool());
    QCOMPARE(int(workspace.schema()->sources().size()), 1);
}

namespace {

// A server that accepts TCP connections and never says a word: reflection against it would
// wait for its whole deadline.
ChannelOptions silentTarget(QTcpServer *silent)
{
    if (!silent->listen(QHostAddress::LocalHost))
        return {};
    ChannelOptions options;
    options.target = QStringLiteral("127.0.0.1:%1").arg(silent->serverPort());
    return options;
}

} // namespace

void ReflectionTest::aCancelledLoadStopsWaitingOnTheServer()
{
    QTcpServer silent;
    const ChannelOptions options = silentTarget(&silent);
    QVERIFY(!options.target.isEmpty());
    Connection connection(options);
    const SchemaWorkspace::Job job = connection.reflectionJob({}, 600000); // ten minutes
    const auto cancel = std::make_shared<LoadCancel>();
    LoadResult result;
    std::atomic_bool done = false;
    std::thread worker([&] {
        result = job({{}, cancel});
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 20000); // it waits on the server now
    QVERIFY(!done);
    cancel->cancel();
    // Interrupted, not left to gRPC's 20-second handshake timeout nor to the deadline.
    QTRY_VERIFY_WITH_TIMEOUT(done.load(), 10000);
    worker.join();
    QVERIFY(!result.ok());
    QVERIFY2(joinDiagnostics(result.diagnostics).contains(QStringLiteral("cancel"), Qt::CaseInsensitive),
        qPrintable(joinDiagnostics(result.diagnostics)));
}

// Closing the window while reflection waits on a server that never answers returns without
// waiting for the load's ten-minute deadline.
void ReflectionTest::closingDoesNotWaitForASilentServer()
{
    QTcpServer silent;
    const ChannelOptions options = silentTarget(&silent);
    QVERIFY(!options.target.isEmpty());
    Connection connection(options);
    QElapsedTimer clock;
    clock.start();
    {
        SchemaWorkspace workspace;
        QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
        workspace.load(connection.reflectionLabel(), connection.reflectionJob({}, 600000));
        QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 20000);
        workspace.clear(); // a target switch: the load is cancelled and its result dropped
        QVERIFY(!workspace.isBusy() || finished.isEmpty());
        workspace.load(connection.reflectionLabel(), connection.reflectionJob({}, 600000));
    } // the workspace goes while its second load waits on the server
    // Not after gRPC's 20-second handshake timeout, let alone the load's deadline.
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
}

QTEST_GUILESS_MAIN(ReflectionTest)
#include "ReflectionTest.moc"
