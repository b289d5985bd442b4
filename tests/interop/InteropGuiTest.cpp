#include "InteropServer.h"
#include "model/schema/SchemaWorkspace.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/workbench/MainWindow.h"
#include "ui/workbench/Theme.h"

#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using namespace wirescope;
using namespace wirescope::GuiTest;

// The workbench on a third-party server, as a user meets it: reflection fills the tree with
// warnings only, importing the service's own .proto files afterwards merges with what
// reflection loaded, a source is removed from the Schema Sources panel, and a call goes out.
class InteropGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reflectionThenTheServicesOwnProtos();

private:
    test::InteropServer m_server;
};

void InteropGuiTest::initTestCase()
{
    Theme::applyApplicationStyle();
    isolateSettings();
    if (const QString missing = test::InteropServer::missingReason(); !missing.isEmpty()) {
        if (test::InteropServer::mustRun())
            QFAIL(qPrintable(missing));
        QSKIP(qPrintable(missing));
    }
    QVERIFY(m_server.start());
}

void InteropGuiTest::reflectionThenTheServicesOwnProtos()
{
    MainWindow::Startup startup;
    startup.target = m_server.target();
    MainWindow window(startup);
    window.resize(1280, 800);
    window.show();
    const QString echo = QStringLiteral("peer.v1.PeerService/Echo");
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(window, echo), 15000);
    SchemaWorkspace *workspace = window.workspace();
    QTRY_VERIFY(!workspace->isBusy());
    QVERIFY2(!hasErrors(workspace->diagnostics()), qPrintable(joinDiagnostics(workspace->diagnostics())));

    // The user imports the service's own files on top: one schema, no duplicate-symbol flood.
    const QString root = QStringLiteral(WIRESCOPE_INTEROP_PROTO);
    window.importProtoFiles({root + QStringLiteral("/peer/v1/peer.proto")}, {root});
    QTRY_COMPARE_WITH_TIMEOUT(int(workspace->sources().size()), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!workspace->isBusy(), 10000);
    QVERIFY2(!hasErrors(workspace->diagnostics()), qPrintable(joinDiagnostics(workspace->diagnostics())));
    QCOMPARE(workspace->schema()->serviceNames().count(QStringLiteral("peer.v1.PeerService")), 1);
    QVERIFY(workspace->schema()->fileNames().contains(QStringLiteral("peer/v1/peer.proto")));

    // The panel lists both; removing the reflected one leaves the imported files working.
    auto *view = window.findChild<QTableView *>(QStringLiteral("schemaSourcesView"));
    QVERIFY(view);
    QCOMPARE(view->model()->rowCount(), 2);
    int reflectionRow = -1;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, 1).data().toString() == QStringLiteral("Reflection"))
            reflectionRow = row;
    }
    QVERIFY(reflectionRow >= 0);
    view->selectRow(reflectionRow);
    auto *remove = window.findChild<QToolButton *>(QStringLiteral("removeSourceButton"));
    QVERIFY(remove && remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!workspace->isBusy(), 10000);
    QVERIFY(workspace->schema()->findMethod(echo));
    QCOMPARE(workspace->schema()->sources().front().kind, SchemaSource::Kind::ProtoFiles);

    window.openMethod(echo);
    QTRY_VERIFY(editor(window) != nullptr);
    editor(window)->setText(QStringLiteral("{\"text\": \"from the workbench\"}"));
    QTest::mouseClick(inCurrentTab<QPushButton>(window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        responseText(window).contains(QStringLiteral("echo: from the workbench")), 10000);
}

QTEST_MAIN(InteropGuiTest)
#include "InteropGuiTest.moc"
