#include "InteropServer.h"
#include "model/load/LoadReport.h"
#include "model/schema/SchemaWorkspace.h"
#include "support/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "tests/gui/LoadTestSupport.h"
#include "ui/collection/HistoryDock.h"
#include "ui/load/LoadPage.h"
#include "ui/request/RequestTab.h"
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
// reflection loaded, a source is removed from the Schema Sources panel, and a call goes out;
// and the Load tab runs the server's unary and server-streaming methods under load.
class InteropGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void reflectionThenTheServicesOwnProtos();
    void loadTabRunsAUnaryMethod();
    void loadTabRunsAServerStream();
    void theAppStartsOnTheServer();

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

// Each test opens a window of its own: no tab, schema source or history of the one before.
void InteropGuiTest::init()
{
    isolateSettings();
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

namespace {

const QString PeerService = QStringLiteral("peer.v1.PeerService/");

// A window on the server with `method` open on its Load page and `body` in its editor; null
// when the server's schema never arrived.
std::unique_ptr<MainWindow> openLoad(
    const test::InteropServer &server, const QString &method, const QString &body, LoadPage **page)
{
    MainWindow::Startup startup;
    startup.target = server.target();
    auto window = std::make_unique<MainWindow>(startup);
    window->resize(1400, 900);
    window->show();
    const auto ready = [&] { return hasMethod(*window, method) && !window->workspace()->isBusy(); };
    if (!QTest::qWaitFor(ready, 15000))
        return nullptr;
    window->openMethod(method);
    const auto opened = [&] {
        auto *tab = qobject_cast<RequestTab *>(currentTab(*window));
        return tab && tab->methodName() == method && editor(*window);
    };
    if (!QTest::qWaitFor(opened, 5000))
        return nullptr;
    editor(*window)->setText(body);
    *page = showLoadPage(*window);
    if (!*page)
        return nullptr;
    return window;
}

} // namespace

// The Load tab on a server the project did not write, as on the demo server: a unary method
// at four calls in flight, every call OK, the run kept in the history.
void InteropGuiTest::loadTabRunsAUnaryMethod()
{
    const QString echo = PeerService + QStringLiteral("Echo");
    LoadPage *page = nullptr;
    const auto window = openLoad(m_server, echo, QStringLiteral("{\"text\": \"under load\"}"), &page);
    QVERIFY(window);
    setPlan(page, {LoadPage::ConcurrencyMode, 4, 0, 200});
    QVERIFY2(runToEnd(page), qPrintable(page->statusText()));
    QCOMPARE(page->result()->count, qint64(200));
    QCOMPARE(page->result()->statusCodes, (QMap<QString, qint64> {{QStringLiteral("OK"), 200}}));

    auto *dock = window->findChild<HistoryDock *>();
    QVERIFY(dock);
    QTRY_COMPARE(loadEntries(*dock), 1);
    const HistoryEntry entry = dock->model()->entry(0);
    QVERIFY(entry.load);
    QCOMPARE(entry.load->count, qint64(200));
    QCOMPARE(entry.status, QStringLiteral("OK"));
    QCOMPARE(entry.request.method, echo);
    QCOMPARE(entry.resolvedTarget, m_server.target());
}

// A server stream under load: every call reads all its ticks before the server ends it.
void InteropGuiTest::loadTabRunsAServerStream()
{
    const QString ticks = PeerService + QStringLiteral("Ticks");
    LoadPage *page = nullptr;
    const auto window = openLoad(m_server, ticks, QStringLiteral("{\"count\": 3, \"intervalMs\": 1}"), &page);
    QVERIFY(window);
    LoadReport report; // the message counts are the report's, not the page's
    connect(page, &LoadPage::finished, this, [&report](const LoadReport &last) { report = last; });
    setPlan(page, {LoadPage::ConcurrencyMode, 4, 0, 20});
    QVERIFY2(runToEnd(page), qPrintable(page->statusText()));
    QCOMPARE(page->result()->statusCodes, (QMap<QString, qint64> {{QStringLiteral("OK"), 20}}));
    QVERIFY(report.streaming);
    QCOMPARE(report.count, qint64(20));
    QCOMPARE(report.messagesReceived, qint64(60));
    QCOMPARE(report.firstMessage.count(), qint64(20));

    auto *dock = window->findChild<HistoryDock *>();
    QVERIFY(dock);
    QTRY_COMPARE(loadEntries(*dock), 1);
    const HistoryEntry entry = dock->model()->entry(0);
    QVERIFY(entry.load);
    QCOMPARE(entry.load->count, qint64(20));
    QCOMPARE(entry.status, QStringLiteral("OK"));
    QCOMPARE(entry.request.method, ticks);
}

// The binary opened on the server as a user opens it ("wirescope --plaintext HOST:PORT"):
// the window is painted first, then reflection's first method opens, ready to send.
void InteropGuiTest::theAppStartsOnTheServer()
{
    test::Run run;
    const QStringList order = test::launchWorkbench({QStringLiteral("--plaintext"), m_server.target()}, &run);
    QVERIFY2(run.exitCode == 0, qPrintable(test::describeRun(run)));
    const qsizetype paint = order.indexOf(QStringLiteral("first-paint"));
    const qsizetype usable = order.indexOf(QStringLiteral("usable"));
    QVERIFY2(paint >= 0 && usable > paint, qPrintable(order.join(u' ')));
}

QTEST_MAIN(InteropGuiTest)
#include "InteropGuiTest.moc"
