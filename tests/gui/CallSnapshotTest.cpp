#include "model/collection/HistoryListModel.h"
#include "model/request/RequestBodyCheck.h"
#include "rpc/demo/DemoServer.h"
#include "support/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/collection/HistoryDock.h"
#include "ui/request/PreparedMessages.h"
#include "ui/workbench/MainWindow.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace wirescope;
using namespace wirescope::GuiTest;

// What was sent is what is recorded: a call's history entry holds the messages that went on
// the wire, in order, taken when they went, whatever the editor holds by the time it ends.
class CallSnapshotTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void clientStreamRecordsEveryMessageSent();
    void preparedMessagesAreRecordedWithoutTheBody();
    void aBodyOfSeveralMessagesIsSentAsAStream();
    void aBrokenMessageInASequenceIsMarkedWhereItIs();
    void copyAsGrpcurlNamesTheFileThatDefinesTheMethod();
    void ctrlEnterInAnOpenStreamSendsTheNextMessage();

private:
    HistoryEntry lastEntry(const MainWindow &window) const;
    void finishAndWait(MainWindow *window);

    DemoServer m_demo;
};

namespace {
const QString CollectMethod = QStringLiteral("wirescope.demo.v1.DemoService/Collect");
} // namespace

void CallSnapshotTest::initTestCase()
{
    Theme::applyApplicationStyle();
    QString error;
    QVERIFY2(m_demo.start(DemoServer::Options {}, &error), qPrintable(error));
}

void CallSnapshotTest::init()
{
    isolateSettings();
}

HistoryEntry CallSnapshotTest::lastEntry(const MainWindow &window) const
{
    auto *dock = window.findChild<HistoryDock *>();
    return dock && dock->model()->rowCount() > 0 ? dock->model()->entry(0) : HistoryEntry {};
}

void CallSnapshotTest::finishAndWait(MainWindow *window)
{
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "halfCloseButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), 10000);
    QTRY_VERIFY(!lastEntry(*window).request.method.isEmpty());
}

void CallSnapshotTest::clientStreamRecordsEveryMessageSent()
{
    const auto window = openDemoWindow(m_demo, QSize(1280, 800));
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, CollectMethod), 15000);
    window->openMethod(CollectMethod);
    QTRY_VERIFY(editor(*window) != nullptr);
    auto *sendNext = inCurrentTab<QPushButton>(*window, "sendNextButton");
    editor(*window)->setText(QStringLiteral(R"({"name": "pen", "price": 1, "quantity": 1})"));
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY(sendNext->isEnabled());
    for (const char *name : {"book", "ink"}) {
        editor(*window)->setText(
            QStringLiteral(R"({"name": "%1", "price": 1, "quantity": 1})").arg(QLatin1String(name)));
        QTest::mouseClick(sendNext, Qt::LeftButton);
    }
    // Edited after the last send: not what went on the wire.
    editor(*window)->setText(QStringLiteral(R"({"name": "never sent"})"));
    finishAndWait(window.get());
    const HistoryEntry entry = lastEntry(*window);
    QCOMPARE(entry.request.method, CollectMethod);
    const QString body = entry.request.body;
    QVERIFY2(!body.contains(QStringLiteral("never sent")), qPrintable(body));
    const qsizetype pen = body.indexOf(QStringLiteral("pen"));
    const qsizetype book = body.indexOf(QStringLiteral("book"));
    const qsizetype ink = body.indexOf(QStringLiteral("ink"));
    QVERIFY2(pen >= 0 && pen < book && book < ink, qPrintable(body));
    QCOMPARE(entry.resolvedTarget, m_demo.address());
    QVERIFY(responseText(*window).contains(QStringLiteral("\"itemCount\": 3")));
}

void CallSnapshotTest::preparedMessagesAreRecordedWithoutTheBody()
{
    const auto window = openDemoWindow(m_demo, QSize(1280, 800));
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, CollectMethod), 15000);
    window->openMethod(CollectMethod);
    QTRY_VERIFY(editor(*window) != nullptr);
    editor(*window)->setText(QStringLiteral(R"({"name": "in the editor"})"));
    auto *prepared = inCurrentTab<PreparedMessages>(*window, "preparedMessages");
    QVERIFY(prepared);
    prepared->setMessages({QStringLiteral(R"({"name": "first"})"), QStringLiteral(R"({"name": "second"})")});
    prepared->sendAll();
    QTRY_COMPARE(prepared->unsentCount(), 0);
    finishAndWait(window.get());
    const QString body = lastEntry(*window).request.body;
    QVERIFY2(!body.contains(QStringLiteral("in the editor")), qPrintable(body));
    QCOMPARE(body.count(QStringLiteral("\"name\"")), 2);
    QVERIFY(body.indexOf(QStringLiteral("first")) < body.indexOf(QStringLiteral("second")));
}

void CallSnapshotTest::aBodyOfSeveralMessagesIsSentAsAStream()
{
    const auto window = openDemoWindow(m_demo, QSize(1280, 800));
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, CollectMethod), 15000);
    window->openMethod(CollectMethod);
    QTRY_VERIFY(editor(*window) != nullptr);
    editor(*window)->setText(QStringLiteral("{\"name\": \"a\", \"price\": 2, \"quantity\": 1}\n"
                                            "{\"name\": \"b\", \"price\": 3, \"quantity\": 2}\n"));
    auto *validation = inCurrentTab<QLabel>(*window, "validationLabel");
    QTRY_VERIFY2(validation->text().contains(QStringLiteral("2 messages")), qPrintable(validation->text()));
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    finishAndWait(window.get());
    // 2 + 3 * 2: both items reached the server.
    QVERIFY2(
        responseText(*window).contains(QStringLiteral("\"total\": 8")), qPrintable(responseText(*window)));
    const QString body = lastEntry(*window).request.body;
    QCOMPARE(body.count(QStringLiteral("\"name\"")), 2);

    // Run again from the history: the same two messages go out, and the stream ends.
    auto *dock = window->findChild<HistoryDock *>();
    QVERIFY(dock);
    const int before = dock->model()->rowCount();
    Q_EMIT dock->rerunRequested(lastEntry(*window));
    QTRY_COMPARE_WITH_TIMEOUT(dock->model()->rowCount(), before + 1, 10000);
    QVERIFY2(
        responseText(*window).contains(QStringLiteral("\"total\": 8")), qPrintable(responseText(*window)));
    QCOMPARE(lastEntry(*window).request.body.count(QStringLiteral("\"name\"")), 2);
}

void CallSnapshotTest::aBrokenMessageInASequenceIsMarkedWhereItIs()
{
    const SchemaPtr schema = test::demoSchema();
    const MethodRef method = MethodRef::resolve(schema, CollectMethod);
    const QString text = QStringLiteral("{\"name\": \"a\"}\n{\"name\": \"b\",\n \"price\": \"cheap\"}\n");
    const RequestBodyCheck check = RequestBodyCheck::run(method, text, text);
    QVERIFY(!check.ok);
    QVERIFY2(
        check.error.toString().contains(QStringLiteral("message 2")), qPrintable(check.error.toString()));
    QCOMPARE(check.where.line, 2); // 0-based: the third line, where "price" is
    QVERIFY(check.messages.isEmpty());
    // A unary method's body is one message: a second value is an error, as before.
    const MethodRef echo = MethodRef::resolve(schema, EchoMethod);
    QVERIFY(!RequestBodyCheck::run(echo, QStringLiteral("{}{}"), QStringLiteral("{}{}")).ok);
    const RequestBodyCheck two
        = RequestBodyCheck::run(method, QStringLiteral("{}{}"), QStringLiteral("{}{}"));
    QVERIFY(two.ok);
    QCOMPARE(two.messages.size(), 2);
}

// Two imports, the method from the first: the command names the first's file and import
// path, not the file imported last.
void CallSnapshotTest::copyAsGrpcurlNamesTheFileThatDefinesTheMethod()
{
    const auto window = openDemoWindow(m_demo, QSize(1280, 800));
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    const QString protos = test::dataPath(QStringLiteral("protos"));
    window->importProtoFiles({QStringLiteral("shop/v1/shop.proto")}, {protos});
    QTemporaryDir dir;
    QFile later(dir.filePath(QStringLiteral("later.proto")));
    QVERIFY(later.open(QIODevice::WriteOnly));
    later.write(
        "syntax = \"proto3\";\npackage later.v1;\nmessage M {}\nservice Later { rpc Get(M) returns (M); }\n");
    later.close();
    window->importProtoFiles({later.fileName()}, {dir.path()});
    const QString getProduct = QStringLiteral("shop.v1.Catalog/GetProduct");
    QTRY_VERIFY_WITH_TIMEOUT(
        hasMethod(*window, getProduct) && hasMethod(*window, QStringLiteral("later.v1.Later/Get")), 15000);
    window->openMethod(getProduct);
    QTRY_VERIFY(editor(*window) != nullptr);
    QGuiApplication::clipboard()->clear();
    auto *copy = window->findChild<QAction *>(QStringLiteral("copyAsGrpcurlAction"));
    QVERIFY(copy);
    copy->trigger();
    const QString command = QGuiApplication::clipboard()->text();
    QVERIFY2(command.contains(QStringLiteral("shop/v1/shop.proto")), qPrintable(command));
    QVERIFY2(command.contains(protos), qPrintable(command));
    QVERIFY2(!command.contains(QStringLiteral("later.proto")), qPrintable(command));
    QVERIFY2(command.contains(QStringLiteral("shop.v1.Catalog/GetProduct")), qPrintable(command));
}

// Ctrl+Enter while a bidi stream is open goes on with the conversation: the next message,
// not a new call that drops the open one from the view and from History.
void CallSnapshotTest::ctrlEnterInAnOpenStreamSendsTheNextMessage()
{
    const auto window = openDemoWindow(m_demo, QSize(1280, 800));
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, ChatMethod), 15000);
    window->openMethod(ChatMethod);
    QTRY_VERIFY(editor(*window) != nullptr);
    editor(*window)->setText(QStringLiteral(R"({"from": "test", "text": "first"})"));
    editor(*window)->setFocus();
    QTest::keyClick(editor(*window), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(responseText(*window).contains(QStringLiteral("echo: first")), 10000);
    editor(*window)->setText(QStringLiteral(R"({"from": "test", "text": "second"})"));
    QTest::keyClick(editor(*window), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(responseText(*window).contains(QStringLiteral("echo: second")), 10000);
    QVERIFY2(
        responseText(*window).contains(QStringLiteral("echo: first")), qPrintable(responseText(*window)));
    finishAndWait(window.get());
    const QString body = lastEntry(*window).request.body;
    QVERIFY2(body.indexOf(QStringLiteral("first")) >= 0
            && body.indexOf(QStringLiteral("first")) < body.indexOf(QStringLiteral("second")),
        qPrintable(body));
    auto *dock = window->findChild<HistoryDock *>();
    QCOMPARE(dock->model()->rowCount(), 1); // one conversation, one entry
}

QTEST_MAIN(CallSnapshotTest)
#include "CallSnapshotTest.moc"
