#include "model/SchemaWorkspace.h"
#include "support/TestSupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace wirescope;

class WorkspaceTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void importsProtoFilesWithProgress();
    void mergesSourcesAndReportsDuplicates();
    void brokenImportKeepsTheEarlierSchema();
    void queuedLoadsRunInOrder();
};

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
        workspace.load(name, [](const ProgressFn &progress) {
            progress(1, 1);
            return LoadResult {};
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 10000);
    QCOMPARE(order, (QStringList {QStringLiteral("job0"), QStringLiteral("job1"), QStringLiteral("job2")}));
}

QTEST_GUILESS_MAIN(WorkspaceTest)
#include "WorkspaceTest.moc"
