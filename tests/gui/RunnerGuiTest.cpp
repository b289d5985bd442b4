#include "model/collection/Collection.h"
#include "rpc/demo/DemoServer.h"
#include "support/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/collection/HistoryDock.h"
#include "ui/collection/RunResultsPanel.h"
#include "ui/request/RequestTab.h"
#include "ui/request/TestsEditor.h"
#include "ui/request/expect/AssertionTable.h"
#include "ui/response/ResponseDiffDialog.h"
#include "ui/response/ResponseView.h"
#include "ui/workbench/MainWindow.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QCoreApplication>
#include <QJsonArray>
#include <QPushButton>
#include <QTreeWidget>
#include <QtTest>

using namespace wirescope;
using namespace wirescope::GuiTest;

// The app's side of collections that test themselves: a request's Tests page checks each
// call, "Assert This" turns a response field into a check, the Collection panel runs a
// folder into the Run Results panel, and a failed snapshot opens as a field-by-field diff.
class RunnerGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void testsPageChecksEveryCall();
    void testsReadTheSameBeforeAndAfterThePageIsMade();
    void assertThisAddsTheFieldUnderTheCursor();
    void runCollectionFromThePanelChecksTheDemo();
    void runResultsShowEveryRequestAndCheck();
    void aFailedSnapshotOpensAsADiff();
    void diffShowsAddedRemovedAndChangedFields();
    void historyEntriesCompareTheirWholeResponses();

private:
    static void save(QWidget *widget, const QString &name);

    DemoServer m_demo;
};

namespace {

const QString PlaceOrder = QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder");
const QString OrderBody = QStringLiteral(
    R"({"items": [{"name": "notebook", "price": 4.5, "quantity": 3}, {"name": "pencil", "price": 0.8, "quantity": 12}]})");

Assertion assertion(const QString &path, Assertion::Op op, const QJsonValue &value)
{
    Assertion a;
    a.path = path;
    a.op = op;
    a.value = value;
    return a;
}

RequestTab *currentRequest(const MainWindow &window)
{
    return qobject_cast<RequestTab *>(currentTab(window));
}

std::unique_ptr<MainWindow> openOrderTab(const DemoServer &demo)
{
    auto window = openDemoWindow(demo, QSize(1280, 800));
    if (!QTest::qWaitFor([&] { return hasMethod(*window, PlaceOrder); }, 15000))
        return nullptr;
    window->openMethod(PlaceOrder);
    if (!QTest::qWaitFor([&] { return editor(*window) != nullptr; }, 5000))
        return nullptr;
    editor(*window)->setText(OrderBody);
    return window;
}

} // namespace

void RunnerGuiTest::initTestCase()
{
    Theme::applyApplicationStyle();
    QString error;
    QVERIFY2(m_demo.start(DemoServer::Options {}, &error), qPrintable(error));
}

void RunnerGuiTest::init()
{
    isolateSettings();
}

// Screenshots to look at, as the other GUI tests leave them.
void RunnerGuiTest::save(QWidget *widget, const QString &name)
{
    const QString dir
        = qEnvironmentVariable("WIRESCOPE_SCREENSHOT_DIR", QCoreApplication::applicationDirPath());
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

void RunnerGuiTest::testsPageChecksEveryCall()
{
    const auto window = openOrderTab(m_demo);
    QVERIFY(window);
    auto *tests = inCurrentTab<TestsEditor>(*window, "testsEditor");
    QVERIFY(tests);
    Expectations expect;
    expect.messages = 1;
    expect.asserts = {assertion(QStringLiteral("$.itemCount"), Assertion::Op::Equals, 15),
        assertion(QStringLiteral("$.total"), Assertion::Op::Equals, 1)};
    tests->setExpectations(expect, {{QStringLiteral("count"), QStringLiteral("$.itemCount")}});
    // The request the tab saves carries what its Tests page says.
    QCOMPARE(currentRequest(*window)->request().expect, expect);
    QCOMPARE(currentRequest(*window)->request().capture.size(), 1);
    // Its paths are offered from the response type.
    QVERIFY2(tests->fieldPaths().contains(QStringLiteral("$.issuedAt")),
        qPrintable(tests->fieldPaths().join(u' ')));

    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tests->hasOutcome(), 10000);
    QCOMPARE(tests->failedChecks(), 1);
    QVERIFY2(tests->tabTitle().contains(QStringLiteral("\u2717 1")), qPrintable(tests->tabTitle()));
    // The page was never shown, so it has no rows yet; shown after the call, its rows say
    // which checks held.
    QVERIFY(!tests->findChild<AssertionTable *>(QStringLiteral("testsAssertions")));
    for (QWidget *w = tests->parentWidget(); w; w = w->parentWidget()) {
        if (auto *pages = qobject_cast<QTabWidget *>(w)) {
            pages->setCurrentIndex(pages->indexOf(tests));
            break;
        }
    }
    auto *table = tests->findChild<AssertionTable *>(QStringLiteral("testsAssertions"));
    QVERIFY(table);
    QVERIFY(table->isVisible());
    QVERIFY2(table->width() > tests->width() / 2, "the page's fields are laid out as it shows");
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, AssertionTable::ResultColumn)->data(AssertionTable::PassedRole).toBool(), true);
    QCOMPARE(table->item(1, AssertionTable::ResultColumn)->data(AssertionTable::PassedRole).toBool(), false);
    QVERIFY2(table->item(1, AssertionTable::ResultColumn)->text().contains(QStringLiteral("23.1")),
        qPrintable(table->item(1, AssertionTable::ResultColumn)->text()));
    QCOMPARE(currentRequest(*window)->request().expect, expect); // the same tests, now in fields
    QCOMPARE(tests->tabTitle(), QStringLiteral("Tests \u2717 1"));
    save(currentTab(*window), QStringLiteral("tests-page.png"));

    // Fixed, and sent again: every check holds.
    expect.asserts[1] = assertion(QStringLiteral("$.total"), Assertion::Op::GreaterThan, 23);
    tests->setExpectations(expect, {});
    QTRY_VERIFY_WITH_TIMEOUT(inCurrentTab<QPushButton>(*window, "sendButton")->isEnabled(), 5000);
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tests->failedChecks() == 0, 10000);
    QVERIFY2(tests->tabTitle().contains(QStringLiteral("\u2713")), qPrintable(tests->tabTitle()));
}

// The Tests page makes its fields when first shown. Until then it keeps the tests as values,
// and they must read as its fields would give them back, or a saved request would turn
// modified (and save differently) just by being looked at.
void RunnerGuiTest::testsReadTheSameBeforeAndAfterThePageIsMade()
{
    Expectations expect;
    expect.status = QStringLiteral("NOT_FOUND");
    expect.statusMessage = QStringLiteral(" no such order ");
    expect.messages = -3; // the field's "any"
    expect.maxMs = 0; // the field's "none"
    expect.headers = {
        {QStringLiteral(" x-trace "), QStringLiteral(" abc ")}, {QStringLiteral(" "), QStringLiteral("x")}};
    expect.trailers = {{QStringLiteral("x-done"), QStringLiteral("yes")}};
    Assertion untrimmed = assertion(QStringLiteral(" $.itemCount "), Assertion::Op::GreaterThan, 2);
    untrimmed.message = QStringLiteral(" ");
    Assertion pathless = assertion(QString(), Assertion::Op::Equals, 1);
    expect.asserts = {untrimmed, pathless, assertion(QStringLiteral("$.id"), Assertion::Op::Exists, true)};
    expect.snapshot = true;
    expect.snapshotIgnore = {QStringLiteral(" $.id, $.issuedAt"), QStringLiteral(" ")};
    const Captures captures {
        {QStringLiteral(" order "), QStringLiteral(" $.id ")}, {QStringLiteral("half"), QString()}};

    TestsEditor editor;
    editor.setExpectations(expect, captures);
    QVERIFY(editor.findChildren<QWidget *>().isEmpty()); // nothing made before it is shown
    const Expectations before = editor.expectations();
    const Captures capturesBefore = editor.captures();
    const QString titleBefore = editor.tabTitle();
    QCOMPARE(before.asserts.size(), 2);
    QCOMPARE(before.asserts.first().path, QStringLiteral("$.itemCount"));
    QCOMPARE(before.asserts.first().message, QStringLiteral("last"));
    QVERIFY(!before.messages.has_value());
    QVERIFY(!before.maxMs.has_value());
    QCOMPARE(before.headers.value(QStringLiteral("x-trace")), QStringLiteral("abc"));
    QCOMPARE(before.snapshotIgnore, (QStringList {QStringLiteral("$.id"), QStringLiteral("$.issuedAt")}));
    QCOMPARE(capturesBefore.size(), 1);
    QCOMPARE(titleBefore, QStringLiteral("Tests (2)"));

    editor.show();
    QVERIFY(editor.findChild<AssertionTable *>(QStringLiteral("testsAssertions")));
    QVERIFY(editor.findChild<AssertionTable *>(QStringLiteral("testsAssertions"))->isVisible());
    QCOMPARE(editor.expectations(), before);
    QCOMPARE(editor.captures(), capturesBefore);
    QCOMPARE(editor.tabTitle(), titleBefore);
}

void RunnerGuiTest::assertThisAddsTheFieldUnderTheCursor()
{
    const auto window = openOrderTab(m_demo);
    QVERIFY(window);
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(responseText(*window).contains(QStringLiteral("\"itemCount\": 15")), 10000);
    auto *view = currentTab(*window)->findChild<ResponseView *>();
    QVERIFY(view);
    const QString text = responseText(*window);
    const int offset = int(text.indexOf(QStringLiteral("\"itemCount\": 15")) + 13); // on the 15
    QVERIFY(view->assertAt(offset));
    auto *tests = inCurrentTab<TestsEditor>(*window, "testsEditor");
    const QList<Assertion> asserts = tests->expectations().asserts;
    QCOMPARE(asserts.size(), 1);
    QCOMPARE(asserts.first().path, QStringLiteral("$.itemCount"));
    QCOMPARE(asserts.first().op, Assertion::Op::Equals);
    QCOMPARE(asserts.first().value, QJsonValue(15));
    // The tab now has unsaved tests.
    QCOMPARE(currentRequest(*window)->request().expect.asserts.size(), 1);
}

// The first launch opens the demo collection; Run Collection checks all of it against the
// embedded server, whose address is the built-in {{demo}}.
void RunnerGuiTest::runCollectionFromThePanelChecksTheDemo()
{
    const auto window = openDemoWindow(m_demo, QSize(1280, 800));
    QTRY_VERIFY_WITH_TIMEOUT(
        window->findChild<QAction *>(QStringLiteral("runCollectionAction"))->isEnabled(), 10000);
    window->findChild<QAction *>(QStringLiteral("runCollectionAction"))->trigger();
    auto *panel = window->findChild<RunResultsPanel *>();
    QVERIFY(panel);
    QTRY_VERIFY(panel->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning() && panel->report().results.size() == 7, 30000);
    for (const RequestResult &result : panel->report().results)
        QVERIFY2(result.passed(),
            qPrintable(result.path + QStringLiteral(": ")
                + (result.outcome.sent ? QString::number(result.failedChecks()) + QStringLiteral(" failed")
                                       : result.outcome.failure)));
    save(window.get(), QStringLiteral("run-results.png"));
}

void RunnerGuiTest::runResultsShowEveryRequestAndCheck()
{
    QTemporaryDir dir;
    test::writeCollection(dir.path(), {{QStringLiteral("demo"), m_demo.address()}});
    QJsonObject place {
        {QStringLiteral("expect"),
            QJsonObject {{QStringLiteral("asserts"),
                QJsonArray {QJsonObject {{QStringLiteral("path"), QStringLiteral("$.itemCount")},
                    {QStringLiteral("equals"), 15}}}}}},
        {QStringLiteral("capture"), QJsonObject {{QStringLiteral("count"), QStringLiteral("$.itemCount")}}}};
    test::writeRequest(dir.filePath(QStringLiteral("orders/1-place.json")), QStringLiteral("{{demo}}"),
        PlaceOrder, QJsonDocument::fromJson(OrderBody.toUtf8()).object(), place);
    test::writeRequest(dir.filePath(QStringLiteral("orders/2-echo.json")), QStringLiteral("{{demo}}"),
        EchoMethod, QJsonObject {{QStringLiteral("fString"), QStringLiteral("{{count}}")}},
        {{QStringLiteral("expect"),
            QJsonObject {{QStringLiteral("asserts"),
                QJsonArray {QJsonObject {{QStringLiteral("path"), QStringLiteral("$.fString")},
                    {QStringLiteral("equals"), QStringLiteral("16")}}}}}}});
    Collection collection;
    QString error;
    QVERIFY2(collection.open(dir.path(), &error), qPrintable(error));

    RunResultsPanel panel;
    panel.resize(900, 400);
    panel.show();
    QVERIFY(panel.startRun(collection, {QStringLiteral("orders")}, {}, nullptr));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning() && panel.report().results.size() == 2, 15000);
    using State = RunResultsPanel::State;
    QCOMPARE(State(panel.requestRow(0)->data(0, RunResultsPanel::StateRole).toInt()), State::Passed);
    QCOMPARE(State(panel.requestRow(1)->data(0, RunResultsPanel::StateRole).toInt()), State::Failed);
    // The capture chained: the echo got 15 and said so, against the 16 it expected.
    QTreeWidgetItem *failed = panel.requestRow(1);
    bool shown = false;
    for (int i = 0; i < failed->childCount(); ++i)
        shown = shown
            || (failed->child(i)->text(0).contains(QStringLiteral("$.fString"))
                && failed->child(i)->text(4).contains(QStringLiteral("15")));
    QVERIFY2(shown, "the failed check shows its actual value");
    QVERIFY(panel.eventsOf(0).size() > 0);

    const QString junit = dir.filePath(QStringLiteral("junit.xml"));
    QVERIFY2(panel.saveJUnit(junit, &error), qPrintable(error));
    QVERIFY(test::readFile(junit).contains("failures=\"1\""));
    save(&panel, QStringLiteral("run-results-panel.png"));
}

void RunnerGuiTest::aFailedSnapshotOpensAsADiff()
{
    QTemporaryDir dir;
    test::writeCollection(dir.path(), {{QStringLiteral("demo"), m_demo.address()}});
    test::writeRequest(dir.filePath(QStringLiteral("place.json")), QStringLiteral("{{demo}}"), PlaceOrder,
        QJsonDocument::fromJson(OrderBody.toUtf8()).object(),
        {{QStringLiteral("expect"),
            QJsonObject {{QStringLiteral("snapshot"), true},
                {QStringLiteral("snapshotIgnore"), QJsonArray {QStringLiteral("$.issuedAt")}}}}});
    test::writeJson(dir.filePath(QStringLiteral("place.snapshot.json")),
        {{QStringLiteral("status"), QStringLiteral("OK")},
            {QStringLiteral("messages"),
                QJsonArray {
                    QJsonObject {{QStringLiteral("itemCount"), 14}, {QStringLiteral("total"), 23.1}}}}});
    Collection collection;
    QString error;
    QVERIFY2(collection.open(dir.path(), &error), qPrintable(error));
    RunResultsPanel panel;
    panel.show();
    QVERIFY(panel.startRun(collection, {}, {}, nullptr));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning() && panel.report().results.size() == 1, 15000);
    QVERIFY(!panel.report().results.first().passed());
    ResponseDiffDialog *diff = panel.showSnapshotDiff(0, &error);
    QVERIFY2(diff, qPrintable(error));
    bool found = false;
    for (const JsonDiff::Change &change : diff->changes())
        found = found
            || (change.path == QStringLiteral("$.messages[0].itemCount") && change.before == QJsonValue(14)
                && change.after == QJsonValue(15));
    QVERIFY2(found, qPrintable(diff->summary()));
    diff->close();
}

void RunnerGuiTest::diffShowsAddedRemovedAndChangedFields()
{
    ResponseDiffDialog dialog;
    const QJsonObject left {{QStringLiteral("id"), QStringLiteral("9007199254740993")},
        {QStringLiteral("name"), QStringLiteral("pen")},
        {QStringLiteral("tags"), QJsonArray {QStringLiteral("a"), QStringLiteral("b")}},
        {QStringLiteral("same"), 1}};
    const QJsonObject right {{QStringLiteral("id"), QStringLiteral("9007199254740992")},
        {QStringLiteral("price"), 2}, {QStringLiteral("tags"), QJsonArray {QStringLiteral("a")}},
        {QStringLiteral("same"), 1}};
    dialog.setValues(left, QStringLiteral("staging"), right, QStringLiteral("production"));
    dialog.resize(800, 400);
    dialog.show();
    using Kind = JsonDiff::Change::Kind;
    QMap<QString, Kind> kinds;
    for (const JsonDiff::Change &change : dialog.changes())
        kinds.insert(change.path, change.kind);
    // 64-bit values differ by one: exact, not rounded to the same double.
    QCOMPARE(kinds.value(QStringLiteral("$.id")), Kind::Changed);
    QCOMPARE(kinds.value(QStringLiteral("$.name")), Kind::Removed);
    QCOMPARE(kinds.value(QStringLiteral("$.price")), Kind::Added);
    QCOMPARE(kinds.value(QStringLiteral("$.tags[1]")), Kind::Removed);
    QCOMPARE(kinds.size(), 4);
    auto *tree = dialog.findChild<QTreeWidget *>(QStringLiteral("diffTree"));
    QVERIFY(tree);
    auto rows = [tree] {
        int count = 0;
        for (QTreeWidgetItemIterator it(tree); *it; ++it)
            ++count;
        return count;
    };
    const int differences = rows();
    QVERIFY(differences >= 4);
    dialog.setOnlyDifferences(false);
    QVERIFY2(rows() > differences, "unchanged fields show when asked");
    save(&dialog, QStringLiteral("response-diff.png"));
}

// History keeps each call's last response message whole (under its bound), so two calls
// of a request, say against two environments, compare field by field, not by summary.
void RunnerGuiTest::historyEntriesCompareTheirWholeResponses()
{
    HistoryEntry staging;
    staging.status = QStringLiteral("OK");
    staging.response = QStringLiteral(
        R"({"order": {"id": "9007199254740993", "lines": [{"sku": "a"}, {"sku": "b"}]}, "note": "x"})");
    staging.responseSummary = HistoryEntry::summarize(staging.response);
    HistoryEntry production = staging;
    production.response = QStringLiteral(R"({"order": {"id": "9007199254740992", "lines": [{"sku": "a"}]}})");
    ResponseDiffDialog dialog;
    dialog.setValues(HistoryDock::responseValue(staging), QStringLiteral("staging"),
        HistoryDock::responseValue(production), QStringLiteral("production"));
    QStringList paths;
    for (const JsonDiff::Change &change : dialog.changes())
        paths.append(change.path);
    paths.sort();
    QCOMPARE(paths,
        (QStringList {QStringLiteral("$.response.note"), QStringLiteral("$.response.order.id"),
            QStringLiteral("$.response.order.lines[1]")}));
}

QTEST_MAIN(RunnerGuiTest)
#include "RunnerGuiTest.moc"
