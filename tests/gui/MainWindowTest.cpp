#include "ui/workbench/MainWindow.h"
#include "model/collection/CollectionSession.h"
#include "model/collection/History.h"
#include "model/core/Settings.h"
#include "model/schema/SchemaWorkspace.h"
#include "model/schema/ServiceTreeModel.h"
#include "rpc/demo/DemoServer.h"
#include "support/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/collection/HistoryDock.h"
#include "ui/request/RequestTab.h"
#include "ui/workbench/Theme.h"

#include <google/protobuf/descriptor.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace wirescope;
using namespace wirescope::GuiTest;

// The workbench against a real in-process demo server: reflection fills the tree, a unary
// call echoes, a bidi stream stays open for more messages, a broken import is reported.
class MainWindowTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void firstLaunchOpensAReadyRequest();
    void shortcutOverviewListsPanelsToo();
    void unaryCallShowsTheEcho();
    void bidiStreamStaysOpen();
    void brokenImportIsListed();
    void filterKeepsParentsOfMatches();
    void longErrorTextWrapsAndTheWindowFitsTheScreen();
    void restoredTabsKeepTheirSchema_data();
    void restoredTabsKeepTheirSchema();
    void aProtoEditedOnDiskReloadsAndKeepsTheBody();
    void aSchemaBeforeTheFirstFrameWaitsForIt();
    void anUnpaintedWindowShowsTheSchemaAllTheSame();
    void theHistoryIsReadAfterTheFirstFrame();
    void panelsMadeAfterTheFirstFramesComeAsLeft();

private:
    std::unique_ptr<MainWindow> openWindow();
    static MainWindow::Startup firstFrameStartup(const DemoServer &demo);
    QModelIndex treeIndexOf(QTreeView *tree, const QString &method);
    static QStringList viewMenuEntries(const MainWindow &window);

    DemoServer m_demo;
};

void MainWindowTest::initTestCase()
{
    Theme::applyApplicationStyle();
    QString error;
    QVERIFY2(m_demo.start(DemoServer::Options {}, &error), qPrintable(error));
}

void MainWindowTest::init()
{
    isolateSettings();
}

void MainWindowTest::cleanupTestCase()
{
    m_demo.stop();
}

std::unique_ptr<MainWindow> MainWindowTest::openWindow()
{
    return openDemoWindow(m_demo, QSize(1280, 800));
}

QModelIndex MainWindowTest::treeIndexOf(QTreeView *tree, const QString &method)
{
    for (QModelIndex index = tree->model()->index(0, 0); index.isValid(); index = tree->indexBelow(index)) {
        if (index.data(ServiceTreeModel::FullNameRole).toString() == method)
            return index;
    }
    return {};
}

void MainWindowTest::firstLaunchOpensAReadyRequest()
{
    const auto window = openWindow();
    QAbstractItemModelTester tester(
        window->serviceTreeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QTRY_VERIFY(editor(*window) != nullptr);
    QVERIFY(editor(*window)->text().contains(QStringLiteral("fString")));
    // The example body is sent as it is: Ctrl+Enter straight from the editor.
    editor(*window)->setFocus();
    QTest::keyClick(editor(*window), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), 10000);
    QVERIFY(!responseText(*window).isEmpty());
}

void MainWindowTest::unaryCallShowsTheEcho()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    auto *tree = window->findChild<QTreeView *>(QStringLiteral("serviceTree"));
    QVERIFY(tree);
    const QModelIndex echo = treeIndexOf(tree, EchoMethod);
    QVERIFY(echo.isValid());
    tree->setFocus();
    tree->setCurrentIndex(echo);
    QTest::keyClick(tree, Qt::Key_Return);
    QTRY_VERIFY(currentTabTitle(*window).startsWith(QStringLiteral("Echo")));
    editor(*window)->clear();
    editor(*window)->setFocus();
    QTest::keyClicks(editor(*window), QStringLiteral("{\"fString\": \"hello wirescope\", \"fInt32\": 42}"));
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(responseText(*window).contains(QStringLiteral("hello wirescope")), 10000);
    QVERIFY(responseText(*window).contains(QStringLiteral("42")));
    QTRY_VERIFY(inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")));
    QVERIFY(!inCurrentTab<QPushButton>(*window, "cancelButton")->isEnabled());

    // A body that does not fit the type is refused before anything is sent.
    editor(*window)->setText(QStringLiteral("{\"fInt32\": \"not a number\"}"));
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY(inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("Not sent")));
}

void MainWindowTest::bidiStreamStaysOpen()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, ChatMethod), 15000);
    window->openMethod(ChatMethod);
    auto *sendNext = inCurrentTab<QPushButton>(*window, "sendNextButton");
    auto *halfClose = inCurrentTab<QPushButton>(*window, "halfCloseButton");
    auto *cancel = inCurrentTab<QPushButton>(*window, "cancelButton");
    QVERIFY(sendNext && halfClose && cancel);
    QVERIFY(sendNext->isVisible());

    editor(*window)->setText(QStringLiteral("{\"from\": \"test\", \"text\": \"first\"}"));
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY(sendNext->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(responseText(*window).contains(QStringLiteral("echo: first")), 10000);

    editor(*window)->setText(QStringLiteral("{\"from\": \"test\", \"text\": \"second\"}"));
    QTest::mouseClick(sendNext, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(responseText(*window).contains(QStringLiteral("echo: second")), 10000);
    QVERIFY(responseText(*window).contains(QStringLiteral("echo: first")));
    QTRY_VERIFY(inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("2 received")));
    QVERIFY(cancel->isEnabled());

    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("CANCELLED")), 10000);
    QVERIFY(!cancel->isEnabled());
    QVERIFY(!sendNext->isEnabled());
}

void MainWindowTest::brokenImportIsListed()
{
    const auto window = openWindow();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeBrokenProto(dir);
    QVERIFY(!path.isEmpty());

    window->importProtoFiles({path}, {dir.path()});
    auto *problems = window->findChild<QListWidget *>(QStringLiteral("problemsList"));
    QVERIFY(problems);
    QTRY_VERIFY_WITH_TIMEOUT(problems->count() > 0, 15000);
    static const QRegularExpression located(QStringLiteral("broken\\.proto:\\d+:\\d+: "));
    QVERIFY2(located.match(problems->item(0)->text()).hasMatch(), qPrintable(problems->item(0)->text()));
    QTRY_VERIFY(problems->isVisible());

    // Double-clicking a problem opens the file at its line.
    QTRY_VERIFY(problems->visualItemRect(problems->item(0)).isValid());
    const QRect rect = problems->visualItemRect(problems->item(0));
    // A real double-click is a click followed by a double-click event.
    QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(problems->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_VERIFY(window->findChild<QDialog *>(QStringLiteral("sourceViewer")) != nullptr);
    auto *source = window->findChild<QDialog *>(QStringLiteral("sourceViewer"))
                       ->findChild<QsciScintilla *>(QStringLiteral("sourceView"));
    QVERIFY(source->text().contains(QStringLiteral("message Thing")));
}

void MainWindowTest::filterKeepsParentsOfMatches()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, ChatMethod), 15000);
    auto *tree = window->findChild<QTreeView *>(QStringLiteral("serviceTree"));
    auto *filter = window->findChild<QLineEdit *>(QStringLiteral("serviceFilter"));
    QVERIFY(tree && filter);
    QTest::keyClicks(filter, QStringLiteral("chat"));
    QTRY_VERIFY(treeIndexOf(tree, ChatMethod).isValid());
    QVERIFY(!treeIndexOf(tree, EchoMethod).isValid());
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_VERIFY(currentTabTitle(*window).startsWith(QStringLiteral("Chat")));
    QTRY_VERIFY(inCurrentTab<QPushButton>(*window, "sendNextButton")->isVisible());
}

// Help > Keyboard Shortcuts lists the window's actions and the ones that only work in a
// panel, under that panel's name, and opens without a nested event loop.
void MainWindowTest::shortcutOverviewListsPanelsToo()
{
    auto window = openWindow();
    const QString table = window->shortcutsTable();
    for (const QString &part : {QStringLiteral("<i>Window</i>"), QStringLiteral("<i>Collection</i>"),
             QStringLiteral("<b>F2</b></td><td>Rename"), QStringLiteral("Duplicate"),
             QStringLiteral("<i>JSON editor</i>"), QStringLiteral("Ctrl+Space")})
        QVERIFY2(table.contains(part), qPrintable(part));
    QAction *overview = nullptr;
    for (QAction *action : window->findChildren<QAction *>())
        if (action->text().remove(u'&').startsWith(QStringLiteral("Keyboard Shortcuts")))
            overview = action;
    QVERIFY(overview);
    overview->trigger();
    auto *box = window->findChild<QMessageBox *>(QStringLiteral("shortcutsDialog"));
    QVERIFY(box && box->isVisible());
    box->close();
}

// A long status message wraps instead of widening the window past the screen, and a window
// saved larger than the screen comes back fitting it.
void MainWindowTest::longErrorTextWrapsAndTheWindowFitsTheScreen()
{
    {
        const auto window = openWindow();
        const QString fail = QStringLiteral("wirescope.demo.v1.DemoService/Fail");
        QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, fail), 15000);
        window->openMethod(fail);
        QTRY_VERIFY(editor(*window) != nullptr);
        const QString words = QStringLiteral("very long failure text ").repeated(60);
        editor(*window)->setText(QStringLiteral(R"({"code": 9, "message": "%1"})").arg(words.trimmed()));
        QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(inCurrentTab<QLabel>(*window, "statusLabel")
                                     ->text()
                                     .contains(QStringLiteral("FAILED_PRECONDITION")),
            10000);
        QCoreApplication::processEvents();
        QCOMPARE(window->width(), 1280);
        QVERIFY2(window->minimumSizeHint().width() <= 1280,
            qPrintable(QString::number(window->minimumSizeHint().width())));
        window->close(); // saves the session
    }
    Settings settings;
    QWidget probe;
    const QRect available = probe.screen()->availableGeometry();
    QMainWindow huge;
    huge.resize(available.width() + 900, available.height() + 500);
    settings.setWindowGeometry(huge.saveGeometry());
    settings.sync();
    MainWindow::Startup startup;
    MainWindow restored(startup);
    QVERIFY2(restored.width() <= available.width() && restored.height() <= available.height(),
        qPrintable(QStringLiteral("%1x%2 on %3x%4")
                       .arg(restored.width())
                       .arg(restored.height())
                       .arg(available.width())
                       .arg(available.height())));
}

// A tab whose method came from imported files is usable after a restart: its files are
// imported again (it used to say "not in the loaded schema" with Send disabled).
void MainWindowTest::restoredTabsKeepTheirSchema_data()
{
    QTest::addColumn<bool>("paintFirst");
    QTest::newRow("made at once") << false;
    QTest::newRow("painted first, as the app starts") << true;
}

void MainWindowTest::restoredTabsKeepTheirSchema()
{
    QFETCH(bool, paintFirst);
    const QString getProduct = QStringLiteral("shop.v1.Catalog/GetProduct");
    qsizetype saved = 0;
    {
        const auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
        window->importProtoFiles(
            {QStringLiteral("shop/v1/shop.proto")}, {test::dataPath(QStringLiteral("protos"))});
        QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, getProduct), 15000);
        window->openMethod(getProduct);
        QTRY_VERIFY(currentTabTitle(*window).startsWith(QStringLiteral("GetProduct")));
        saved = window->findChildren<RequestTab *>().size();
        window->close(); // saves the session
    }
    std::unique_ptr<MainWindow> again;
    if (paintFirst) {
        again = std::make_unique<MainWindow>(firstFrameStartup(m_demo));
        // The demo's schema comes before the first frame (as it does in the app), so it waits
        // for the restored tabs.
        QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*again, EchoMethod), 15000);
        again->show();
    } else {
        again = openWindow();
    }
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*again, getProduct), 15000);
    RequestTab *restored = nullptr;
    for (RequestTab *tab : again->findChildren<RequestTab *>()) {
        if (tab->methodName() == getProduct)
            restored = tab;
    }
    QVERIFY(restored);
    QTRY_VERIFY_WITH_TIMEOUT(restored->isResolved(), 15000);
    // The demo's own services still come by reflection beside it.
    QVERIFY(hasMethod(*again, EchoMethod));
    // The restored tabs are the session's requests: no example request opens beside them.
    QCOMPARE(again->findChildren<RequestTab *>().size(), saved);
    QVERIFY(again->collections()->collection() != nullptr);
}

// A .proto saved on disk reloads by itself; the open request keeps its body, and a field
// that disappeared from the message is reported where it is, not dropped.
void MainWindowTest::aProtoEditedOnDiskReloadsAndKeepsTheBody()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("evolve.proto"));
    auto write = [&path](const QByteArray &fields) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("syntax = \"proto3\";\npackage evolve.v1;\nmessage A {\n" + fields
            + "}\nservice S { rpc Get(A) returns (A); }\n");
    };
    write("  string keep = 1;\n  string gone = 2;\n");
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    window->importProtoFiles({path}, {dir.path()});
    const QString get = QStringLiteral("evolve.v1.S/Get");
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, get), 15000);
    window->openMethod(get);
    QTRY_VERIFY(editor(*window) != nullptr);
    const QString body = QStringLiteral("{\"keep\": \"k\", \"gone\": \"g\"}");
    editor(*window)->setText(body);
    auto *validation = inCurrentTab<QLabel>(*window, "validationLabel");
    QTRY_VERIFY2(validation->text().contains(QStringLiteral("Valid")), qPrintable(validation->text()));

    write("  string keep = 1;\n");
    QTRY_VERIFY_WITH_TIMEOUT(
        !window->workspace()->schema()->findMessage(QStringLiteral("evolve.v1.A"))->FindFieldByName("gone"),
        10000);
    QCOMPARE(editor(*window)->text(), body);
    QTRY_VERIFY2(validation->text().contains(QStringLiteral("gone")), qPrintable(validation->text()));
}

MainWindow::Startup MainWindowTest::firstFrameStartup(const DemoServer &demo)
{
    MainWindow::Startup startup;
    startup.target = demo.address();
    startup.isDemo = true;
    startup.paintFirst = true; // as the app starts (GuiMain)
    return startup;
}

// The app paints its window before it opens the first request: a schema that comes first
// waits for that frame, then opens its request as it would have.
void MainWindowTest::aSchemaBeforeTheFirstFrameWaitsForIt()
{
    MainWindow window(firstFrameStartup(m_demo));
    window.resize(1280, 800);
    int arrivedWhileWaiting = 0;
    int tabsMadeWhileWaiting = 0;
    connect(window.workspace(), &SchemaWorkspace::schemaChanged, &window, [&] {
        // Runs after the window's own handler. Unpainted for long (a slow machine), the window
        // stops waiting on its own; only what came while it waited is counted.
        if (!window.isWaitingForFirstFrame())
            return;
        ++arrivedWhileWaiting;
        tabsMadeWhileWaiting += int(window.findChildren<RequestTab *>().size());
    });
    QTRY_VERIFY_WITH_TIMEOUT(!window.workspace()->isBusy() && window.workspace()->schema(), 15000);
    QCOMPARE(tabsMadeWhileWaiting, 0);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(window, EchoMethod), 15000);
    QTRY_VERIFY(editor(window) != nullptr);
    QVERIFY(editor(window)->text().contains(QStringLiteral("fString")));
    QVERIFY(!window.isWaitingForFirstFrame());
    // A first run restores no tab: the demo collection opens after the first request shows.
    QTRY_VERIFY(window.collections()->collection() != nullptr);
    QCOMPARE(window.findChildren<RequestTab *>().size(), 1);
    qInfo("schema changes while waiting for the first frame: %d", arrivedWhileWaiting);
}

// A window that is never painted (started minimized) does not wait for ever.
void MainWindowTest::anUnpaintedWindowShowsTheSchemaAllTheSame()
{
    MainWindow window(firstFrameStartup(m_demo));
    QVERIFY(window.isWaitingForFirstFrame());
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(window, EchoMethod), 15000);
    QTRY_VERIFY(editor(window) != nullptr);
    QVERIFY(!window.isVisible());
}

// A long history takes a while to parse: painted first, the window reads it (on a worker)
// once its first frame is on the screen, and the list then holds all of it.
void MainWindowTest::theHistoryIsReadAfterTheFirstFrame()
{
    {
        History history(History::defaultDirectory());
        for (int i = 0; i < 3; ++i) {
            HistoryEntry entry;
            entry.time = QDateTime::currentDateTimeUtc().addSecs(i);
            entry.request.method = EchoMethod;
            entry.status = QStringLiteral("OK");
            QString error;
            QVERIFY2(history.append(entry, &error), qPrintable(error));
        }
    }
    MainWindow window(firstFrameStartup(m_demo));
    auto *dock = window.findChild<HistoryDock *>(QStringLiteral("historyDock"));
    QVERIFY(dock);
    QVERIFY(window.isWaitingForFirstFrame());
    QVERIFY(!dock->isLoading());
    QCOMPARE(dock->model()->rowCount(), 0);
    window.show();
    QTRY_VERIFY(!window.isWaitingForFirstFrame());
    QTRY_COMPARE(dock->model()->rowCount(), 3);
}

QStringList MainWindowTest::viewMenuEntries(const MainWindow &window)
{
    QStringList entries;
    for (const QAction *menu : window.menuBar()->actions()) {
        if (menu->text() == QStringLiteral("&View")) {
            for (const QAction *entry : menu->menu()->actions())
                entries.append(entry->text().section(QStringLiteral(" ("), 0, 0)); // no counts
        }
    }
    return entries;
}

// Painted first, the window makes its hidden panels after the frame that shows the first
// request: each comes where the last session left it, the View menu lists them as it always
// did, and a problem found before they came is shown.
void MainWindowTest::panelsMadeAfterTheFirstFramesComeAsLeft()
{
    QStringList entries;
    {
        const auto last = openWindow(); // the last session left the wire inspector open
        entries = viewMenuEntries(*last);
        auto *inspector = last->findChild<QDockWidget *>(QStringLiteral("wireInspectorDock"));
        QVERIFY(inspector);
        inspector->show();
        QTRY_VERIFY(inspector->isVisible());
        QVERIFY(last->close());
    }
    QCOMPARE(entries.size(), 9);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MainWindow::Startup startup = firstFrameStartup(m_demo);
    startup.protoFiles = {writeBrokenProto(dir)};
    startup.importPaths = {dir.path()};
    MainWindow window(startup);
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("wireInspectorDock")) == nullptr);
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("problemsDock")) == nullptr);
    window.resize(1280, 800);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QDockWidget *>(QStringLiteral("wireInspectorDock")), 15000);
    auto *inspector = window.findChild<QDockWidget *>(QStringLiteral("wireInspectorDock"));
    QTRY_VERIFY(inspector->isVisible());
    QCOMPARE(window.dockWidgetArea(inspector), Qt::BottomDockWidgetArea);
    QVERIFY(!window.findChild<QDockWidget *>(QStringLiteral("mockDock"))->isVisible());
    QCOMPARE(viewMenuEntries(window), entries);
    auto *problems = window.findChild<QListWidget *>(QStringLiteral("problemsList"));
    QTRY_VERIFY_WITH_TIMEOUT(problems->count() > 0, 15000);
    QVERIFY2(problems->item(0)->text().contains(QStringLiteral("broken.proto")),
        qPrintable(problems->item(0)->text()));
    QTRY_VERIFY(problems->isVisible());
}

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
