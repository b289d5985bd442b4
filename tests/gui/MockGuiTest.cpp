#include "model/mock/Stub.h"
#include "rpc/demo/DemoServer.h"
#include "support/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/mock/MockCallLog.h"
#include "ui/mock/MockPanel.h"
#include "ui/mock/StubEditorDialog.h"
#include "ui/request/RequestTab.h"
#include "ui/workbench/MainWindow.h"
#include "ui/workbench/Theme.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QJsonObject>
#include <QPushButton>
#include <QtTest>

using namespace wirescope;
using namespace wirescope::GuiTest;

// The Mock panel: a mock of the loaded schema started from the app, a request tab pointed
// at it in one click, its stubs answering and its call log filling as calls arrive, and a
// received response saved as a stub the mock accepts.
class MockGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void mockAnswersATabPointedAtIt();
    void aResponseSavedAsAStubIsAccepted();
    void brokenStubsAreShownAndNothingStarts();
    void aNewStubStartsFromAnExampleAndSaves();

private:
    DemoServer m_demo;
};

void MockGuiTest::initTestCase()
{
    Theme::applyApplicationStyle();
    QString error;
    QVERIFY2(m_demo.start(DemoServer::Options {}, &error), qPrintable(error));
}

void MockGuiTest::init()
{
    isolateSettings();
}

void MockGuiTest::mockAnswersATabPointedAtIt()
{
    QTemporaryDir stubs;
    QFile stub(stubs.filePath(QStringLiteral("echo.json")));
    QVERIFY(stub.open(QIODevice::WriteOnly));
    stub.write(R"({"method": "wirescope.demo.v1.DemoService/Echo",
                   "respond": {"body": {"fString": "from the mock: {{request.fString}}"}}})");
    stub.close();

    const auto window = openDemoWindow(m_demo, QSize(1280, 860));
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    auto *panel = window->findChild<MockPanel *>();
    QVERIFY(panel);
    QTRY_VERIFY(panel->schema() && !panel->schema()->serviceNames().isEmpty());
    panel->present();
    panel->setStubsFolder(stubs.path());
    panel->setPort(0);
    QVERIFY2(panel->start(), qPrintable(panel->statusText()));
    QVERIFY(panel->isRunning());
    QVERIFY2(panel->statusText().contains(panel->address()), qPrintable(panel->statusText()));

    window->openMethod(EchoMethod);
    QTRY_VERIFY(editor(*window) != nullptr);
    QVERIFY(panel->pointCurrentTabAtMock());
    auto *tab = qobject_cast<RequestTab *>(currentTab(*window));
    QTRY_VERIFY_WITH_TIMEOUT(tab->isResolved(), 15000);
    editor(*window)->setText(QStringLiteral(R"({"fString": "hi"})"));
    tab->send();
    QTRY_VERIFY_WITH_TIMEOUT(responseText(*window).contains(QStringLiteral("from the mock: hi")), 15000);
    // A row appears when the call starts and is completed when it ends.
    auto row = [panel] { return panel->callLog()->topLevelItem(0); };
    QTRY_VERIFY_WITH_TIMEOUT(row() && row()->text(MockCallLog::StatusColumn) == QStringLiteral("OK"), 10000);
    QVERIFY2(row()->text(MockCallLog::AnsweredByColumn) == QStringLiteral("echo.json"),
        qPrintable(row()->text(MockCallLog::AnsweredByColumn)));
    const QString dir
        = qEnvironmentVariable("WIRESCOPE_SCREENSHOT_DIR", QCoreApplication::applicationDirPath());
    QVERIFY(window->grab().save(QDir(dir).filePath(QStringLiteral("mock-panel.png"))));

    panel->stop();
    QVERIFY(!panel->isRunning());
}

void MockGuiTest::aResponseSavedAsAStubIsAccepted()
{
    QTemporaryDir stubs;
    MockPanel panel;
    panel.setSchema(test::demoSchema());
    QString error;
    const QString file = panel.saveStubFromResponse(
        QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"), QStringLiteral(R"({"customer": "Ada"})"),
        {QJsonObject {{QStringLiteral("itemCount"), 3}, {QStringLiteral("total"), 13.5}}}, stubs.path(), {},
        &error);
    QVERIFY2(!file.isEmpty(), qPrintable(error));
    StubSet set;
    QStringList errors;
    QVERIFY2(StubSet::load(stubs.path(), *test::demoSchema(), &set, &errors), qPrintable(errors.join(u'\n')));
    QCOMPARE(set.stubs().size(), 1);
    QCOMPARE(set.stubs().first().method, QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"));
    QCOMPARE(
        set.stubs().first().messages.first().body.toObject().value(QStringLiteral("itemCount")).toInt(), 3);
}

void MockGuiTest::brokenStubsAreShownAndNothingStarts()
{
    QTemporaryDir stubs;
    QFile stub(stubs.filePath(QStringLiteral("bad.json")));
    QVERIFY(stub.open(QIODevice::WriteOnly));
    stub.write(R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {"fStrin": "x"}}})");
    stub.close();
    MockPanel panel;
    panel.setSchema(test::demoSchema());
    panel.setStubsFolder(stubs.path());
    QVERIFY(!panel.start());
    QVERIFY(!panel.isRunning());
    QVERIFY2(panel.stubErrors().join(u'\n').contains(QStringLiteral("bad.json")),
        qPrintable(panel.stubErrors().join(u'\n')));
}

// New Stub… opens the editor on an example answer of the method's response type; saving
// writes a stub the mock accepts.
void MockGuiTest::aNewStubStartsFromAnExampleAndSaves()
{
    QTemporaryDir stubs;
    MockPanel panel;
    panel.setSchema(test::demoSchema());
    panel.setStubsFolder(stubs.path());
    StubEditorDialog *editor = panel.newStub(QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"));
    QVERIFY(editor);
    editor->resize(900, 640);
    editor->show();
    const QString dir
        = qEnvironmentVariable("WIRESCOPE_SCREENSHOT_DIR", QCoreApplication::applicationDirPath());
    QVERIFY(editor->grab().save(QDir(dir).filePath(QStringLiteral("stub-editor.png"))));
    QVERIFY2(editor->save(), qPrintable(editor->errorText()));
    StubSet set;
    QStringList errors;
    QVERIFY2(StubSet::load(stubs.path(), *test::demoSchema(), &set, &errors), qPrintable(errors.join(u'\n')));
    QCOMPARE(set.stubs().size(), 1);
    QCOMPARE(set.stubs().first().method, QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"));
    editor->close();
}

QTEST_MAIN(MockGuiTest)
#include "MockGuiTest.moc"
