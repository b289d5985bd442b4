#include "model/schema/SchemaSourcesModel.h"
#include "model/schema/SchemaWorkspace.h"
#include "support/TestSupport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace wirescope;

class WorkspaceTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void importsProtoFilesWithProgress();
    void mergesSourcesAndReportsDuplicates();
    void brokenImportKeepsTheEarlierSchema();
    void queuedLoadsRunInOrder();
    void sourcesAreListedWithTheirState();
    void removingASourceTakesItsSymbolsAndProblemsOut();
    void aFailedSourceIsReloadedOnceFixedOnDisk();
    void anEditOnDiskReloadsTheSource();
    void clearDuringALoadWins();
    void aReflectedCopyOfImportedFilesMergesWithThem();

private:
    static void writeFile(const QString &path, const QByteArray &text);
};

void WorkspaceTest::writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(text), text.size());
}

void WorkspaceTest::importsProtoFilesWithProgress()
{
    SchemaWorkspace workspace;
    QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
    QSignalSpy progress(&workspace, &SchemaWorkspace::progress);
    QSignalSpy changed(&workspace, &SchemaWorkspace::schemaChanged);
    workspace.addProtoFiles({QStringLiteral("shop/v1/shop.proto"), QStringLiteral("shop/v1/money.proto")},
        {test::dataPath(QStringLiteral("protos"))});
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(progress.last().at(1).toInt(), 2);
    QCOMPARE(progress.last().at(2).toInt(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(workspace.schema()->serviceNames(), QStringList {QStringLiteral("shop.v1.Catalog")});
}

void WorkspaceTest::mergesSourcesAndReportsDuplicates()
{
    SchemaWorkspace workspace;
    QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
    workspace.addProtoFiles(
        {QStringLiteral("shop/v1/shop.proto")}, {test::dataPath(QStringLiteral("protos"))});
    workspace.addProtoset(test::buildDataPath(QStringLiteral("demo.protoset")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
    QVERIFY(finished.at(1).at(0).toBool());
    QCOMPARE(workspace.schema()->serviceNames().size(), 2);

    workspace.addProtoFiles(
        {QStringLiteral("broken/duplicate_item.proto")}, {test::dataPath(QStringLiteral("protos"))});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 10000);
    QVERIFY(!finished.at(2).at(0).toBool());
    const QString text = joinDiagnostics(workspace.diagnostics());
    QVERIFY2(text.contains(QStringLiteral("duplicate symbol wirescope.demo.v1.Item")), qPrintable(text));
    // Both earlier sources are still usable.
    QCOMPARE(workspace.schema()->serviceNames().size(), 2);
}

void WorkspaceTest::brokenImportKeepsTheEarlierSchema()
{
    SchemaWorkspace workspace;
    QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
    workspace.addProtoset(test::buildDataPath(QStringLiteral("demo.protoset")));
    QVERIFY(finished.wait(10000));
    workspace.addProtoFiles(
        {QStringLiteral("broken/errors.proto")}, {test::dataPath(QStringLiteral("protos"))});
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.last().at(0).toBool());
    QVERIFY(workspace.diagnostics().first().line > 0);
    QVERIFY(workspace.schema()->findService(QStringLiteral("wirescope.demo.v1.DemoService")));
}

void WorkspaceTest::queuedLoadsRunInOrder()
{
    SchemaWorkspace workspace;
    QStringList order;
    connect(&workspace, &SchemaWorkspace::progress, this, [&order](const QString &what, int, int) {
        if (order.isEmpty() || order.last() != what)
            order.append(what);
    });
    QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
    for (int i = 0; i < 3; ++i) {
        const QString name = QStringLiteral("job%1").arg(i);
        workspace.load(name, [](const LoadControl &control) {
            control.progress(1, 1);
            return LoadResult {};
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 10000);
    QCOMPARE(order, (QStringList {QStringLiteral("job0"), QStringLiteral("job1"), QStringLiteral("job2")}));
}

void WorkspaceTest::sourcesAreListedWithTheirState()
{
    SchemaWorkspace workspace;
    SchemaSourcesModel model(&workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    workspace.addProtoFiles(
        {QStringLiteral("shop/v1/shop.proto")}, {test::dataPath(QStringLiteral("protos"))});
    workspace.addProtoset(QStringLiteral("/nonexistent/broken.protoset"));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(
        model.index(0, SchemaSourcesModel::StateColumn).data().toString(), QStringLiteral("loading\u2026"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
    const QList<SchemaSourceInfo> sources = workspace.sources();
    QCOMPARE(sources.size(), 2);
    QCOMPARE(sources.at(0).state, SchemaSourceInfo::State::Loaded);
    QCOMPARE(sources.at(0).kind, SchemaSource::Kind::ProtoFiles);
    QVERIFY(sources.at(0).fileCount >= 2);
    QCOMPARE(sources.at(1).state, SchemaSourceInfo::State::Failed);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, SchemaSourcesModel::StateColumn).data().toString(),
        QStringLiteral("failed (1 problem)"));
    QCOMPARE(model.index(1, SchemaSourcesModel::KindColumn).data().toString(), QStringLiteral("Protoset"));
    QVERIFY(model.index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("cannot open")));
}

void WorkspaceTest::removingASourceTakesItsSymbolsAndProblemsOut()
{
    SchemaWorkspace workspace;
    SchemaSourcesModel model(&workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
    const QString shop = QStringLiteral("shop/v1/shop.proto");
    workspace.addProtoFiles({shop}, {test::dataPath(QStringLiteral("protos"))});
    workspace.addProtoset(test::buildDataPath(QStringLiteral("demo.protoset")));
    const QString broken = QStringLiteral("/nonexistent/broken.protoset");
    workspace.addProtoset(broken);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 10000);
    QCOMPARE(workspace.schema()->serviceNames().size(), 2);
    QVERIFY(hasErrors(workspace.diagnostics()));

    QSignalSpy changed(&workspace, &SchemaWorkspace::schemaChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    workspace.removeSource(broken);
    QCOMPARE(removed.size(), 1);
    QVERIFY(workspace.diagnostics().isEmpty()); // its error goes with it
    workspace.removeSource(shop);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 10000);
    QCOMPARE(
        workspace.schema()->serviceNames(), QStringList {QStringLiteral("wirescope.demo.v1.DemoService")});
    QVERIFY(!workspace.schema()->findMessage(QStringLiteral("shop.v1.Product")));
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!workspace.hasSource(shop));
}

void WorkspaceTest::aFailedSourceIsReloadedOnceFixedOnDisk()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fixme.proto"));
    writeFile(path, "syntax = \"proto3\";\npackage fixme;\nmessage A { strin name = 1; }\n");
    SchemaWorkspace workspace;
    QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
    workspace.addProtoFiles({path}, {});
    QVERIFY(finished.wait(10000));
    QCOMPARE(workspace.sources().first().state, SchemaSourceInfo::State::Failed);
    QVERIFY(workspace.diagnostics().first().line == 3);

    writeFile(path,
        "syntax = \"proto3\";\npackage fixme;\nmessage A { string name = 1; }\n"
        "service S { rpc Get(A) returns (A); }\n");
    QTRY_VERIFY_WITH_TIMEOUT(workspace.schema()->findService(QStringLiteral("fixme.S")), 10000);
    QCOMPARE(workspace.sources().first().state, SchemaSourceInfo::State::Loaded);
    QVERIFY(workspace.diagnostics().isEmpty());
    QCOMPARE(finished.last().at(2).toString(), path);
}

void WorkspaceTest::anEditOnDiskReloadsTheSource()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("grow.proto"));
    writeFile(
        path, "syntax = \"proto3\";\npackage grow;\nmessage A {}\nservice S { rpc One(A) returns (A); }\n");
    SchemaWorkspace workspace;
    QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
    workspace.addProtoFiles({path}, {dir.path()});
    QVERIFY(finished.wait(10000));
    QVERIFY(workspace.schema()->findMethod(QStringLiteral("grow.S/One")));
    QVERIFY(!workspace.schema()->findMethod(QStringLiteral("grow.S/Two")));

    // Saved the way editors do: a new file renamed over the old one.
    const QString temporary = dir.filePath(QStringLiteral("grow.proto.tmp"));
    writeFile(temporary,
        "syntax = \"proto3\";\npackage grow;\nmessage A {}\n"
        "service S { rpc One(A) returns (A); rpc Two(A) returns (A); }\n");
    QVERIFY(QFile::remove(path));
    QVERIFY(QFile::rename(temporary, path));
    QTRY_VERIFY_WITH_TIMEOUT(workspace.schema()->findMethod(QStringLiteral("grow.S/Two")), 10000);
    QCOMPARE(workspace.sources().size(), 1);

    // Still watched after the rename: a second edit is seen too.
    writeFile(
        path, "syntax = \"proto3\";\npackage grow;\nmessage A {}\nservice S { rpc Three(A) returns (A); }\n");
    QTRY_VERIFY_WITH_TIMEOUT(workspace.schema()->findMethod(QStringLiteral("grow.S/Three")), 10000);
}

void WorkspaceTest::clearDuringALoadWins()
{
    SchemaWorkspace workspace;
    QSemaphore started;
    QSemaphore release;
    QSignalSpy finished(&workspace, &SchemaWorkspace::loadFinished);
    const QString protos = test::dataPath(QStringLiteral("protos"));
    workspace.load(QStringLiteral("slow"), [&, protos](const LoadControl &) {
        started.release();
        release.acquire();
        return SchemaLoader::loadProtoFiles({QStringLiteral("shop/v1/shop.proto")}, {protos});
    });
    started.acquire();
    workspace.clear();
    release.release();
    // The load that was running finishes and is dropped; the next one sees an empty schema.
    workspace.addProtoset(test::buildDataPath(QStringLiteral("demo.protoset")));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(
        workspace.schema()->serviceNames(), QStringList {QStringLiteral("wirescope.demo.v1.DemoService")});
    QCOMPARE(workspace.sources().size(), 1);
}

// A server's reflected copy of the files the user also imported defines the same symbols under
// another file name (grpc-js names its file "peer_v1.proto"): merged into one, said once.
void WorkspaceTest::aReflectedCopyOfImportedFilesMergesWithThem()
{
    const LoadResult imported = SchemaLoader::loadProtoFiles(
        {QStringLiteral("shop/v1/shop.proto")}, {test::dataPath(QStringLiteral("protos"))});
    QVERIFY(imported.ok());
    SchemaSource reflected;
    reflected.kind = SchemaSource::Kind::Reflection;
    reflected.label = QStringLiteral("server (reflection)");
    for (google::protobuf::FileDescriptorProto file : imported.source.files) {
        if (file.name().rfind("google/", 0) == 0)
            continue;
        std::string name = file.name();
        std::replace(name.begin(), name.end(), '/', '_');
        file.set_name(name);
        for (std::string &dependency : *file.mutable_dependency()) {
            if (dependency.rfind("google/", 0) != 0)
                std::replace(dependency.begin(), dependency.end(), '/', '_');
        }
        for (auto &message : *file.mutable_message_type()) {
            for (auto &field : *message.mutable_field())
                field.clear_json_name();
        }
        reflected.files.push_back(file);
    }
    QVERIFY(reflected.files.size() >= 2);
    SchemaSource user = imported.source;
    user.built.reset();
    Diagnostics diagnostics;
    // The reflected source first, as when reflection loaded before the import.
    const SchemaPtr schema = Schema::build({reflected, user}, &diagnostics);
    QVERIFY2(!hasErrors(diagnostics), qPrintable(joinDiagnostics(diagnostics)));
    QCOMPARE(diagnostics.size(), int(reflected.files.size())); // one line per merged file
    QVERIFY(joinDiagnostics(diagnostics).contains(QStringLiteral("shop_v1_shop.proto")));
    QVERIFY(schema->findMethod(QStringLiteral("shop.v1.Catalog/GetProduct")) != nullptr
        || !schema->serviceNames().isEmpty());
    QCOMPARE(schema->serviceNames(), QStringList {QStringLiteral("shop.v1.Catalog")});
    // The imported file is the one kept.
    QVERIFY(schema->fileNames().contains(QStringLiteral("shop/v1/shop.proto")));
    QVERIFY(!schema->fileNames().contains(QStringLiteral("shop_v1_shop.proto")));
}

QTEST_GUILESS_MAIN(WorkspaceTest)
#include "WorkspaceTest.moc"
