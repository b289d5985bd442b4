#include "model/collection/Collection.h"
#include "model/collection/CollectionSession.h"
#include "model/collection/DraftStore.h"
#include "model/collection/History.h"
#include "model/core/Settings.h"
#include "model/frames/FramesModel.h"
#include "rpc/demo/DemoServer.h"
#include "support/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/collection/CollectionDock.h"
#include "ui/collection/HistoryDock.h"
#include "ui/request/PreparedMessages.h"
#include "ui/request/RequestTab.h"
#include "ui/request/RequestTabs.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace wirescope;
using namespace wirescope::GuiTest;

// The workbench with collections: the demo collection on first launch, saved requests
// opened, edited, saved and saved again byte for byte, variables resolved (and refused when
// unknown), every call in the history, drafts recovered after a "crash", files changed on
// disk reloaded, and requests copied and pasted as grpcurl commands. All against the real
// in-process demo server and real files.
class CollectionsGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void firstLaunchOpensTheDemoCollection();
    void savedRequestOpensResolvedAndSends();
    void editSaveAndSaveAsWriteTheFiles();
    void unresolvedVariablesAreNotSent();
    void anUnresolvedTargetIsNotSent();
    void savedStreamBecomesPreparedMessages();
    void draftsComeBackAfterACrash();
    void changedOnDiskReloadsACleanTab();
    void grpcurlCopyAndPaste();
    void collectionFolderFromTheCommandLine();
    void historyKeepsNoLargeBodies();
    void preparedMessagesOpenTheirOwnStream();
    void ctrlEnterInTheCollectionRunsTheRequest();
    void variablesTypedInTheTargetBarAreResolved();

private:
    std::unique_ptr<MainWindow> openWindow(const QString &collection = {});
    static RequestTab *currentRequest(const MainWindow &window);
    static bool waitForCall(RequestTab *tab);

    DemoServer m_demo;
};

void CollectionsGuiTest::initTestCase()
{
    Theme::applyApplicationStyle();
    QString error;
    QVERIFY2(m_demo.start(DemoServer::Options {}, &error), qPrintable(error));
}

void CollectionsGuiTest::init()
{
    isolateSettings();
}

void CollectionsGuiTest::cleanupTestCase()
{
    m_demo.stop();
}

std::unique_ptr<MainWindow> CollectionsGuiTest::openWindow(const QString &collection)
{
    MainWindow::Startup startup;
    startup.target = m_demo.address();
    startup.isDemo = true;
    startup.collection = collection;
    auto window = std::make_unique<MainWindow>(startup);
    window->resize(1280, 800);
    window->show();
    return window;
}

RequestTab *CollectionsGuiTest::currentRequest(const MainWindow &window)
{
    return qobject_cast<RequestTab *>(currentTab(window));
}

bool CollectionsGuiTest::waitForCall(RequestTab *tab)
{
    return QTest::qWaitFor([tab] { return tab->isResolved(); }, 10000) && (tab->send(), true)
        && QTest::qWaitFor(
            [tab] { return !tab->isRunning() && !tab->lastResponseSummary().isEmpty(); }, 10000);
}

void CollectionsGuiTest::firstLaunchOpensTheDemoCollection()
{
    auto window = openWindow();
    Collection *collection = window->collections()->collection();
    QVERIFY(collection);
    QCOMPARE(
        collection->directory(), QFileInfo(CollectionSession::demoCollectionDirectory()).canonicalFilePath());
    QVERIFY(collection->request(QStringLiteral("unary/echo-metadata.json")));
    QCOMPARE(window->collections()->activeEnvironment(), QStringLiteral("embedded"));
    QVERIFY(window->findChild<QDockWidget *>(QStringLiteral("collectionDock")));
    QVERIFY(window->findChild<QDockWidget *>(QStringLiteral("historyDock")));

    // Deleting the demo is respected: it does not come back at the next launch.
    window->collections()->close();
    window.reset();
    QVERIFY(QDir(CollectionSession::demoCollectionDirectory()).removeRecursively());
    auto again = openWindow();
    QVERIFY(!again->collections()->collection());
}

void CollectionsGuiTest::savedRequestOpensResolvedAndSends()
{
    auto window = openWindow();
    QVERIFY(QTest::qWaitFor([&] { return hasMethod(*window, EchoMethod); }, 10000));
    RequestTab *tab = window->openSavedRequest(QStringLiteral("unary/echo-metadata.json"));
    QVERIFY(tab);
    QCOMPARE(tab->originPath(), QStringLiteral("unary/echo-metadata.json"));
    QCOMPARE(tab->title(), QStringLiteral("Echo metadata"));
    QVERIFY(!tab->isModified());
    QCOMPARE(tab->request().metadata.size(), 4);
    // Opening it again switches to the same tab.
    QCOMPARE(window->openSavedRequest(QStringLiteral("unary/echo-metadata.json")), tab);

    QVERIFY(waitForCall(tab));
    // {{user}} went out as "ada" (the embedded environment); the disabled row did not.
    const QString response = tab->lastResponseSummary();
    QVERIFY2(response.contains(QStringLiteral("ada")), qPrintable(response));
    QVERIFY2(!response.contains(QStringLiteral("x-debug")), qPrintable(response));

    // The call is in the history, with the request as written (variables unresolved).
    History history(History::defaultDirectory());
    QString error;
    QVERIFY2(history.load(&error), qPrintable(error));
    QCOMPARE(history.entries().size(), 1);
    const HistoryEntry &entry = history.entries().first();
    QCOMPARE(entry.status, QStringLiteral("OK"));
    QCOMPARE(entry.resolvedTarget, m_demo.address());
    QCOMPARE(entry.request.target, QStringLiteral("{{demo}}"));
    QCOMPARE(entry.request.metadata.first().value, QStringLiteral("{{user}}"));
    QVERIFY2(entry.responseSummary.startsWith(u'{'), qPrintable(entry.responseSummary));
}

void CollectionsGuiTest::editSaveAndSaveAsWriteTheFiles()
{
    auto window = openWindow();
    Collection *collection = window->collections()->collection();
    const QString path = QStringLiteral("unary/echo-metadata.json");
    const QString file = collection->absolutePath(path);
    RequestTab *tab = window->openSavedRequest(path);
    QVERIFY(tab);

    // Saving an unchanged request leaves the file's bytes alone.
    const QByteArray before = test::readFile(file);
    QVERIFY(window->saveCurrentRequest());
    QCOMPARE(test::readFile(file), before);

    tab->setBody(QStringLiteral("{\"note\": \"edited\"}"));
    auto *tabs = window->findChild<RequestTabs *>(QStringLiteral("requestTabs"));
    QVERIFY(QTest::qWaitFor([&] { return tabs->tabText(tabs->indexOf(tab)).endsWith(u'*'); }, 2000));
    QVERIFY(tab->isModified());
    QVERIFY(window->saveCurrentRequest());
    QVERIFY(!tab->isModified());
    QVERIFY(test::readFile(file).contains("edited"));
    QVERIFY2(test::readFile(file).contains("{{demo}}"), "the target keeps its variable");
    QCOMPARE(collection->request(path)->body, QStringLiteral("{\"note\": \"edited\"}"));

    const QString copy
        = window->saveCurrentRequestAs(QStringLiteral("Echo metadata again"), QStringLiteral("unary"));
    QCOMPARE(copy, QStringLiteral("unary/echo-metadata-again.json"));
    QCOMPARE(tab->originPath(), copy);
    QCOMPARE(collection->request(copy)->metadata, collection->request(path)->metadata);
    QCOMPARE(collection->request(copy)->target, QStringLiteral("{{demo}}"));
}

void CollectionsGuiTest::unresolvedVariablesAreNotSent()
{
    auto window = openWindow();
    QVERIFY(QTest::qWaitFor([&] { return hasMethod(*window, EchoMethod); }, 10000));
    RequestTab *tab = window->openSavedRequest(QStringLiteral("unary/echo-metadata.json"));
    QVERIFY(tab);
    const auto flagged = [tab](const QString &name) {
        const QString text = tab->findChild<QLabel *>(QStringLiteral("validationLabel"))->text();
        return text.contains(QStringLiteral("Unresolved")) && text.contains(name);
    };
    QVERIFY(QTest::qWaitFor([tab] { return tab->isResolved(); }, 10000));
    QVERIFY(!flagged(QStringLiteral("{{user}}")));
    window->collections()->setActiveEnvironment({}); // "No environment": {{user}} is unknown
    QVERIFY(QTest::qWaitFor([&] { return flagged(QStringLiteral("{{user}}")); }, 2000));
    tab->send();
    QVERIFY(!tab->isRunning());
    QCOMPARE(tab->frames()->rowCount(), 0);

    // A body variable is flagged while typing and refused at send.
    tab->setBody(QStringLiteral("{\"text\": \"{{nowhere}}\"}"));
    window->collections()->setActiveEnvironment(QStringLiteral("embedded"));
    QVERIFY(QTest::qWaitFor([&] { return flagged(QStringLiteral("{{nowhere}}")); }, 2000));
    QVERIFY(!flagged(QStringLiteral("{{user}}")));
    tab->send();
    QVERIFY(!tab->isRunning());
    QCOMPARE(tab->frames()->rowCount(), 0);
}

// A target variable the environment lacks would send the call to whatever the window is
// connected to: the tab refuses until an environment defines it.
void CollectionsGuiTest::anUnresolvedTargetIsNotSent()
{
    auto window = openWindow();
    QVERIFY(QTest::qWaitFor([&] { return hasMethod(*window, EchoMethod); }, 10000));
    window->collections()->setActiveEnvironment({});
    SavedRequest request;
    request.method = EchoMethod;
    request.target = QStringLiteral("{{user}}.example:443");
    request.body = QStringLiteral("{\"fString\": \"{{user}}\"}");
    RequestTab *tab = window->openRequest(request);
    QVERIFY(tab);
    QVERIFY(QTest::qWaitFor([tab] { return tab->isResolved(); }, 10000));
    QVERIFY2(tab->connectionProblem().contains(QStringLiteral("user")), qPrintable(tab->connectionProblem()));
    QVERIFY(tab->noticeText().startsWith(QStringLiteral("Not sent until resolved")));
    tab->send();
    QVERIFY(!tab->isRunning());
    QCOMPARE(tab->frames()->rowCount(), 0);

    // Once the environment defines it, the tab may be sent again and the notice goes.
    window->collections()->setActiveEnvironment(QStringLiteral("embedded"));
    QVERIFY(QTest::qWaitFor([tab] { return tab->connectionProblem().isEmpty(); }, 2000));
    QVERIFY(tab->noticeText().isEmpty());

    // A body variable alone is not a connection problem (the body check flags it instead).
    window->collections()->setActiveEnvironment({});
    SavedRequest local = request;
    local.target.clear();
    RequestTab *plain = window->openRequest(local);
    QVERIFY(plain->connectionProblem().isEmpty());
}

// A client stream saved with three messages opens with the first in the editor and the
// other two prepared; all three go out, and the tab is unmodified until something changes.
void CollectionsGuiTest::savedStreamBecomesPreparedMessages()
{
    auto window = openWindow();
    RequestTab *tab = window->openSavedRequest(QStringLiteral("streaming/collect-items-client-stream.json"));
    QVERIFY(tab);
    auto *prepared = tab->findChild<PreparedMessages *>(QStringLiteral("preparedMessages"));
    QVERIFY(prepared);
    QCOMPARE(prepared->count(), 2);
    QVERIFY(tab->body().contains(QStringLiteral("apple")));
    QVERIFY(prepared->messages().last().contains(QStringLiteral("cheese")));
    QVERIFY(QTest::qWaitFor([tab] { return tab->isResolved(); }, 10000));
    QVERIFY(!tab->isModified());

    tab->send();
    QVERIFY(QTest::qWaitFor([tab] { return tab->canSendNext(); }, 5000));
    prepared->sendAll();
    tab->halfClose();
    QVERIFY(QTest::qWaitFor([tab] { return !tab->isRunning(); }, 10000));
    const auto &rows = tab->frames()->rows();
    const auto sent = std::count_if(rows.cbegin(), rows.cend(),
        [](const FramesModel::Row &row) { return row.kind == FramesModel::RowKind::Sent; });
    QCOMPARE(sent, 3);
    QCOMPARE(prepared->unsentCount(), 0);
    QVERIFY(!tab->isModified()); // sending is not editing

    prepared->addMessage(QStringLiteral("{ \"name\": \"dates\", \"price\": 3, \"quantity\": 2 }"));
    QVERIFY(tab->isModified());
    QVERIFY(tab->request().body.contains(QStringLiteral("dates")));
}

void CollectionsGuiTest::draftsComeBackAfterACrash()
{
    const QString path = QStringLiteral("unary/echo-metadata.json");
    {
        auto window = openWindow();
        RequestTab *tab = window->openSavedRequest(path);
        QVERIFY(tab);
        tab->setBody(QStringLiteral("{\"unsaved\": true}"));
        QVERIFY(QTest::qWaitFor([tab] { return tab->isModified(); }, 2000));
        window->saveDrafts();
        const QList<DraftStore::Draft> drafts = DraftStore(DraftStore::defaultDirectory()).drafts();
        QVERIFY(std::any_of(drafts.cbegin(), drafts.cend(), [&path](const DraftStore::Draft &draft) {
            return draft.key.endsWith(u'#' + path)
                && draft.request.body == QStringLiteral("{\"unsaved\": true}");
        }));
        // Destroyed without a close event: what a crash leaves behind.
    }
    auto window = openWindow();
    RequestTab *recovered = window->findChild<RequestTabs *>(QStringLiteral("requestTabs"))->findOrigin(path);
    QVERIFY(recovered);
    QCOMPARE(recovered->body(), QStringLiteral("{\"unsaved\": true}"));
    QVERIFY(recovered->isModified());
    QVERIFY(recovered->noticeText().contains(QStringLiteral("Recovered")));
    // The saved file was not touched by the recovery.
    QVERIFY(!test::readFile(window->collections()->collection()->absolutePath(path)).contains("unsaved"));

    // A clean exit leaves no drafts behind (the edit is dropped first, so no question is asked).
    recovered->setRequest(recovered->savedRequest());
    QVERIFY(QTest::qWaitFor([recovered] { return !recovered->isModified(); }, 2000));
    window->close();
    QCOMPARE(DraftStore(DraftStore::defaultDirectory()).drafts().size(), 0);
}

void CollectionsGuiTest::changedOnDiskReloadsACleanTab()
{
    auto window = openWindow();
    Collection *collection = window->collections()->collection();
    const QString path = QStringLiteral("unary/echo-metadata.json");
    RequestTab *tab = window->openSavedRequest(path);
    QVERIFY(tab);
    SavedRequest changed = *collection->request(path);
    changed.body = QStringLiteral("{\"fromGit\": 1}");
    QFile file(collection->absolutePath(path));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(changed.toBytes());
    file.close();
    QVERIFY(QTest::qWaitFor([tab] { return tab->body() == QStringLiteral("{\"fromGit\": 1}"); }, 5000));
    QVERIFY(!tab->isModified());

    // With edits of its own, the tab keeps them and says what happened.
    tab->setBody(QStringLiteral("{\"mine\": 1}"));
    QVERIFY(QTest::qWaitFor([tab] { return tab->isModified(); }, 2000));
    changed.body = QStringLiteral("{\"fromGit\": 2}");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(changed.toBytes());
    file.close();
    QVERIFY(QTest::qWaitFor(
        [tab] { return tab->noticeText().contains(QStringLiteral("changed on disk")); }, 5000));
    QCOMPARE(tab->body(), QStringLiteral("{\"mine\": 1}"));
}

void CollectionsGuiTest::grpcurlCopyAndPaste()
{
    auto window = openWindow();
    QVERIFY(window->openSavedRequest(QStringLiteral("unary/echo-metadata.json")));
    QAction *copy = nullptr;
    QAction *paste = nullptr;
    for (QAction *action : window->actions()) {
        if (action->text() == QStringLiteral("Copy as &grpcurl Command"))
            copy = action;
        if (action->text() == QStringLiteral("&Paste grpcurl Command"))
            paste = action;
    }
    QVERIFY(copy && paste);
    copy->trigger();
    const QString command = QGuiApplication::clipboard()->text();
    QVERIFY2(command.startsWith(QStringLiteral("grpcurl ")), qPrintable(command));
    QVERIFY2(command.contains(m_demo.address()), qPrintable(command)); // {{demo}} resolved
    QVERIFY2(command.contains(QStringLiteral("x-user: ada")), qPrintable(command));
    QVERIFY2(!command.contains(QStringLiteral("x-debug")), qPrintable(command));

    QGuiApplication::clipboard()->setText(
        QStringLiteral("grpcurl -plaintext -d '{\"text\":\"pasted\"}' -H 'k: v' %1 %2")
            .arg(m_demo.address(), QStringLiteral("wirescope.demo.v1.DemoService/Echo")));
    auto *tabs = window->findChild<RequestTabs *>(QStringLiteral("requestTabs"));
    const int before = tabs->count();
    paste->trigger();
    QCOMPARE(tabs->count(), before + 1);
    RequestTab *tab = currentRequest(*window);
    QCOMPARE(tab->methodName(), EchoMethod);
    QCOMPARE(tab->body(), QStringLiteral("{\"text\":\"pasted\"}"));
    QCOMPARE(tab->request().metadata.size(), 1);
    QVERIFY(tab->originPath().isEmpty());
}

void CollectionsGuiTest::collectionFolderFromTheCommandLine()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY2(Collection::create(dir.path(), QStringLiteral("Mine"), &error), qPrintable(error));
    {
        Collection collection;
        QVERIFY(collection.open(dir.path(), &error));
        SavedRequest request;
        request.name = QStringLiteral("Hello");
        request.method = EchoMethod;
        request.target = m_demo.address();
        request.body = QStringLiteral("{\"fString\": \"hi\"}");
        QVERIFY2(!collection.addRequest(request, {}, &error).isEmpty(), qPrintable(error));
    }
    auto window = openWindow(dir.path());
    QVERIFY(window->collections()->collection());
    QCOMPARE(window->collections()->collection()->settings().name, QStringLiteral("Mine"));
    QVERIFY(window->openSavedRequest(QStringLiteral("hello.json")));
    QCOMPARE(currentRequest(*window)->body(), QStringLiteral("{\"fString\": \"hi\"}"));

    // The same request, headless.
    const test::Run run = test::runWirescope(
        {QStringLiteral("call"), QStringLiteral("--collection"), dir.path(), QStringLiteral("Hello")});
    QVERIFY2(run.exitCode == 0, qPrintable(test::describeRun(run)));
    QVERIFY2(run.out.contains(QStringLiteral("\"hi\"")), qPrintable(run.out));
}

void CollectionsGuiTest::historyKeepsNoLargeBodies()
{
    auto window = openWindow();
    QVERIFY(QTest::qWaitFor([&] { return hasMethod(*window, EchoMethod); }, 10000));
    SavedRequest request;
    request.method = EchoMethod;
    request.body = QStringLiteral("{\"fString\": \"%1\"}").arg(QString(HistoryEntry::MaxBodyChars, u'x'));
    RequestTab *tab = window->openRequest(request);
    QVERIFY(tab);
    QVERIFY(waitForCall(tab));
    QString error;
    History history(History::defaultDirectory());
    QVERIFY2(history.load(&error), qPrintable(error));
    QCOMPARE(history.entries().size(), 1);
    const HistoryEntry entry = history.entries().first();
    QCOMPARE(entry.bodyOmittedChars, qint64(tab->body().size()));
    QVERIFY(entry.request.body.isEmpty());

    // Running it again opens it, says why the body is missing, and sends nothing.
    auto *dock = window->findChild<HistoryDock *>();
    QVERIFY(dock);
    Q_EMIT dock->rerunRequested(entry);
    auto *again = qobject_cast<RequestTab *>(currentTab(*window));
    QVERIFY(again && again != tab);
    QVERIFY2(again->noticeText().contains(QStringLiteral("too large to keep in history")),
        qPrintable(again->noticeText()));
    QTest::qWait(300);
    QVERIFY(!again->isRunning());
    History after(History::defaultDirectory());
    QVERIFY(after.load(&error));
    QCOMPARE(after.entries().size(), 1);
}

// With no call running, Send all opens a stream with only the prepared messages; one that
// does not encode stops the batch there, says why, and stays unsent.
void CollectionsGuiTest::preparedMessagesOpenTheirOwnStream()
{
    auto window = openWindow();
    RequestTab *tab = window->openSavedRequest(QStringLiteral("streaming/collect-items-client-stream.json"));
    QVERIFY(tab);
    auto *prepared = tab->findChild<PreparedMessages *>(QStringLiteral("preparedMessages"));
    QVERIFY(prepared);
    prepared->addMessage(QStringLiteral("{\"name\": \"figs\", \"price\": \"not a number\"}"));
    prepared->addMessage(QStringLiteral("{\"name\": \"grapes\"}"));
    QCOMPARE(prepared->count(), 4);
    QVERIFY(QTest::qWaitFor([tab] { return tab->isResolved(); }, 10000));
    QVERIFY(!tab->isRunning());
    QVERIFY(prepared->isSendEnabled());

    prepared->sendAll();
    QVERIFY(tab->isRunning());
    QCOMPARE(prepared->unsentCount(), 2);
    QVERIFY(prepared->isSent(1));
    QVERIFY(!prepared->isSent(2));
    tab->halfClose();
    QVERIFY(QTest::qWaitFor([tab] { return !tab->isRunning(); }, 10000));
    const auto &rows = tab->frames()->rows();
    const auto sent = std::count_if(rows.cbegin(), rows.cend(),
        [](const FramesModel::Row &row) { return row.kind == FramesModel::RowKind::Sent; });
    QCOMPARE(sent, 2); // the two before the bad one; not the editor's body
    QVERIFY2(tab->lastResponseSummary().contains(
                 QStringLiteral("\"total\": 10.15")) /* bread and cheese, no apples */,
        qPrintable(tab->lastResponseSummary()));
}

// Ctrl+Enter is the window's Send and the panel's Run: in the panel it runs the request
// (it used to be an ambiguous shortcut that did nothing).
void CollectionsGuiTest::ctrlEnterInTheCollectionRunsTheRequest()
{
    auto window = openWindow();
    auto *dock = window->findChild<CollectionDock *>();
    auto *tree = window->findChild<QTreeView *>(QStringLiteral("collectionTree"));
    QVERIFY(dock && tree);
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    dock->show();
    dock->raise();
    dock->selectRequest(QStringLiteral("unary/place-an-order.json"));
    tree->setFocus();
    QTRY_VERIFY(tree->hasFocus());
    QTest::keyClick(tree, Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(currentRequest(*window)
            && currentRequest(*window)->methodName().endsWith(QStringLiteral("PlaceOrder")),
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        currentRequest(*window)->lastResponseSummary().contains(QStringLiteral("total")), 10000);
}

// {{variables}} typed in the Target bar resolve through the active environment, as a saved
// request's target does; one the environment lacks is named, and nothing is dialled.
void CollectionsGuiTest::variablesTypedInTheTargetBarAreResolved()
{
    auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    auto *target = window->findChild<QComboBox *>(QStringLiteral("targetEdit"));
    auto *state = window->findChild<QLabel *>(QStringLiteral("channelState"));
    QVERIFY(target && state);
    target->setFocus();
    target->lineEdit()->selectAll();
    QTest::keyClicks(target->lineEdit(), QStringLiteral("{{user}}.invalid:1"));
    QTest::keyClick(target->lineEdit(), Qt::Key_Return);
    QTRY_COMPARE(
        target->currentText(), QStringLiteral("ada.invalid:1")); // "user" is "ada" in the default environment

    target->lineEdit()->selectAll();
    QTest::keyClicks(target->lineEdit(), QStringLiteral("{{nosuch}}:1"));
    QTest::keyClick(target->lineEdit(), Qt::Key_Return);
    QTRY_VERIFY2(state->toolTip().contains(QStringLiteral("{{nosuch}}")), qPrintable(state->toolTip()));
}

QTEST_MAIN(CollectionsGuiTest)
#include "CollectionsGuiTest.moc"
