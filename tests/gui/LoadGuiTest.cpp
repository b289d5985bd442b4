// The Load page of a request tab, driven as a person would, against the demo server.

#include "model/collection/HistoryListModel.h"
#include "model/load/LoadPlan.h"
#include "rpc/demo/DemoServer.h"
#include "tests/gui/GuiTestSupport.h"
#include "tests/gui/LoadTestSupport.h"
#include "ui/collection/HistoryDock.h"
#include "ui/load/LoadCharts.h"
#include "ui/load/LoadPage.h"
#include "ui/load/LoadSummaryView.h"
#include "ui/request/RequestTab.h"
#include "ui/workbench/MainWindow.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QtTest>

using namespace wirescope;
using namespace wirescope::GuiTest;

// A request tab's Load page against the in-process demo server: a closed-model run charted
// live, summed up and kept in history; a second run set beside the first; Stop ending a
// long run at once with what it measured kept; per-call values in the body; Run Again on a
// load run in the history; the window answering throughout a run as fast as the engine
// goes; and a server stream's messages counted.
class LoadGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void startWaitsForTheMethodAndAnEnd();
    void closedRunIsChartedSummedUpAndKept();
    void twoRunsCompareSideBySide();
    void stopEndsALongRunAndKeepsWhatItMeasured();
    void perCallValuesVaryEachCall();
    void runAgainRunsTheLoadAgain();
    void windowStaysResponsiveUnderLoad();
    void serverStreamCountsItsMessages();

private:
    DemoServer m_demo;
};

namespace {

// The window with a tab of `method` open on its Load page; null when the demo never answered.
std::unique_ptr<MainWindow> openMethodLoad(const DemoServer &demo, const QString &method, LoadPage **page)
{
    auto window = openDemoWindow(demo, QSize(1400, 900));
    if (!QTest::qWaitFor([&] { return hasMethod(*window, method); }, 15000))
        return nullptr;
    window->openMethod(method);
    if (!QTest::qWaitFor([&] { return editor(*window) != nullptr; }, 5000))
        return nullptr;
    *page = showLoadPage(*window);
    if (!*page)
        return nullptr;
    return window;
}

std::unique_ptr<MainWindow> openEchoLoad(const DemoServer &demo, LoadPage **page)
{
    return openMethodLoad(demo, EchoMethod, page);
}

// The calls the summary counts so far.
qint64 liveCalls(const LoadPage *page)
{
    QString digits;
    for (const QChar c : page->summaryView()->text(QStringLiteral("Calls")))
        if (c.isDigit())
            digits += c;
    return digits.toLongLong();
}

} // namespace

void LoadGuiTest::initTestCase()
{
    Theme::applyApplicationStyle();
    QString error;
    QVERIFY2(m_demo.start(DemoServer::Options {}, &error), qPrintable(error));
}

void LoadGuiTest::init()
{
    isolateSettings();
}

void LoadGuiTest::startWaitsForTheMethodAndAnEnd()
{
    LoadPage lone;
    lone.show();
    QVERIFY(!startButton(&lone)->isEnabled());
    QVERIFY2(lone.statusText().contains(QStringLiteral("schema")), qPrintable(lone.statusText()));

    LoadPage *page = nullptr;
    const auto window = openEchoLoad(m_demo, &page);
    QVERIFY(window);
    QTRY_VERIFY(startButton(page)->isEnabled());
    setPlan(page, {LoadPage::ConcurrencyMode, 4, 0, 0}); // nothing would end it
    QVERIFY(!startButton(page)->isEnabled());
    QVERIFY2(page->statusText().contains(QStringLiteral("duration")), qPrintable(page->statusText()));
}

void LoadGuiTest::closedRunIsChartedSummedUpAndKept()
{
    LoadPage *page = nullptr;
    const auto window = openEchoLoad(m_demo, &page);
    QVERIFY(window);
    editor(*window)->setText(QStringLiteral(R"({"fString": "under load"})"));
    setPlan(page, {LoadPage::ConcurrencyMode, 4, 0, 200});
    QVERIFY(runToEnd(page));

    const LoadSummaryView *summary = page->summaryView();
    QCOMPARE(summary->text(QStringLiteral("Calls")), QStringLiteral("200"));
    QVERIFY2(summary->text(QStringLiteral("Status OK")).startsWith(QStringLiteral("200 ")),
        qPrintable(summary->text(QStringLiteral("Status OK"))));
    QCOMPARE(page->result()->statusCodes, (QMap<QString, qint64> {{QStringLiteral("OK"), 200}}));
    QVERIFY(!summary->text(QStringLiteral("p99")).isEmpty());
    QVERIFY(page->charts()->throughputPointCount() >= 1);
    QCOMPARE(page->charts()->histogramTotal(), qint64(200));

    auto *dock = window->findChild<HistoryDock *>();
    QVERIFY(dock);
    QTRY_COMPARE(loadEntries(*dock), 1);
    const HistoryEntry entry = dock->model()->entry(0);
    QVERIFY(entry.load.has_value());
    QCOMPARE(entry.load->count, qint64(200));
    QCOMPARE(entry.status, QStringLiteral("OK"));
    QCOMPARE(entry.request.method, EchoMethod);
    // The snapshot Send would take: the body as written, and where it went.
    QVERIFY2(entry.request.body.contains(QStringLiteral("under load")), qPrintable(entry.request.body));
    QCOMPARE(entry.resolvedTarget, m_demo.address());
    QVERIFY2(dock->model()
                 ->index(0, HistoryListModel::MethodColumn)
                 .data()
                 .toString()
                 .contains(QStringLiteral("Load \u00b7 200 calls")),
        qPrintable(dock->model()->index(0, HistoryListModel::MethodColumn).data().toString()));
}

void LoadGuiTest::twoRunsCompareSideBySide()
{
    LoadPage *page = nullptr;
    const auto window = openEchoLoad(m_demo, &page);
    QVERIFY(window);
    setPlan(page, {LoadPage::ConcurrencyMode, 4, 0, 200});
    QVERIFY(runToEnd(page));
    setPlan(page, {LoadPage::ConcurrencyMode, 8, 0, 300});
    QVERIFY(runToEnd(page));

    auto *compare = page->findChild<QComboBox *>(QStringLiteral("loadCompareCombo"));
    QCOMPARE(compare->count(), 2); // "Compare with…" and the first run
    LoadSummaryView *summary = page->summaryView();
    QVERIFY(!summary->isComparing());
    compare->setCurrentIndex(1);
    QVERIFY(summary->isComparing());
    QCOMPARE(summary->columnCount(), 3);
    QCOMPARE(summary->text(QStringLiteral("Calls"), LoadSummaryView::RunColumn), QStringLiteral("300"));
    QCOMPARE(summary->text(QStringLiteral("Calls"), LoadSummaryView::ComparedColumn), QStringLiteral("200"));
    QVERIFY2(summary->text(QStringLiteral("Calls"), LoadSummaryView::DifferenceColumn)
                 .startsWith(QStringLiteral("+100 (+50.0 %)")),
        qPrintable(summary->text(QStringLiteral("Calls"), LoadSummaryView::DifferenceColumn)));
    QVERIFY(!summary->text(QStringLiteral("p99"), LoadSummaryView::DifferenceColumn).isEmpty());
    QVERIFY(page->charts()->hasComparedHistogram());

    compare->setCurrentIndex(0);
    QVERIFY(!summary->isComparing());
    QCOMPARE(summary->columnCount(), 1);
    QVERIFY(!page->charts()->hasComparedHistogram());
}

void LoadGuiTest::stopEndsALongRunAndKeepsWhatItMeasured()
{
    LoadPage *page = nullptr;
    const auto window = openEchoLoad(m_demo, &page);
    QVERIFY(window);
    setPlan(page, {LoadPage::RateMode, 50, 60, 0});
    QTRY_VERIFY(startButton(page)->isEnabled());
    QTest::mouseClick(startButton(page), Qt::LeftButton);
    QVERIFY(page->isRunning());
    // Calls are going: the live figures say so.
    QTRY_VERIFY_WITH_TIMEOUT(liveCalls(page) > 0, 15000);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("loadStopButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 5000);

    QVERIFY(page->result().has_value());
    QVERIFY(page->result()->stopped);
    QVERIFY(page->result()->count > 0);
    QVERIFY(page->result()->count < 3000); // 60 s at 50/s were never reached
    QVERIFY2(page->summaryView()->text(QStringLiteral("Stopped")).startsWith(QStringLiteral("yes")),
        qPrintable(page->summaryView()->text(QStringLiteral("Stopped"))));
    QVERIFY2(page->statusText().startsWith(QStringLiteral("Stopped")), qPrintable(page->statusText()));

    auto *dock = window->findChild<HistoryDock *>();
    QTRY_COMPARE(loadEntries(*dock), 1);
    const HistoryEntry entry = dock->model()->entry(0);
    QVERIFY(entry.load && entry.load->stopped);
    QCOMPARE(entry.load->count, page->result()->count);
    QCOMPARE(entry.status, QStringLiteral("CANCELLED"));
    QVERIFY(entry.responseSummary.contains(QStringLiteral("stopped")));
}

// {{seq}} and {{randomInt A B}} are rendered per call, as `bench` renders them; the
// history keeps the body as written.
void LoadGuiTest::perCallValuesVaryEachCall()
{
    LoadPage *page = nullptr;
    const auto window = openEchoLoad(m_demo, &page);
    QVERIFY(window);
    const QString body = QStringLiteral(R"({"fString": "call {{seq}}", "fInt32": {{randomInt 1 9}}})");
    editor(*window)->setText(body);
    setPlan(page, {LoadPage::ConcurrencyMode, 2, 0, 20});
    QVERIFY2(runToEnd(page), qPrintable(page->statusText()));
    QCOMPARE(page->result()->statusCodes, (QMap<QString, qint64> {{QStringLiteral("OK"), 20}}));
    auto *dock = window->findChild<HistoryDock *>();
    QTRY_COMPARE(loadEntries(*dock), 1);
    QVERIFY2(dock->model()->entry(0).request.body.contains(QStringLiteral("{{seq}}")),
        qPrintable(dock->model()->entry(0).request.body));
}

// History's Run Again on a load run runs the load again, not one call: the request opens in
// a new tab on its Load page with the run's plan, runs it, and the new run is kept beside
// the first.
void LoadGuiTest::runAgainRunsTheLoadAgain()
{
    LoadPage *page = nullptr;
    const auto window = openEchoLoad(m_demo, &page);
    QVERIFY(window);
    editor(*window)->setText(QStringLiteral("{\"fString\": \"again\"}"));
    setPlan(page, {LoadPage::ConcurrencyMode, 2, 0, 20});
    QVERIFY2(runToEnd(page), qPrintable(page->statusText()));
    auto *dock = window->findChild<HistoryDock *>();
    QVERIFY(dock);
    QTRY_COMPARE(loadEntries(*dock), 1);
    QCOMPARE(dock->model()->rowCount(), 1);
    const HistoryEntry first = dock->model()->entry(0);
    QVERIFY(first.load);

    // The run selected in the list, and Run Again chosen (its tool button and context menu
    // item are this action).
    auto *table = dock->findChild<QTableView *>(QStringLiteral("historyTable"));
    QVERIFY(table);
    table->selectRow(0);
    auto *rerun = dock->findChild<QAction *>(QStringLiteral("historyRerunAction"));
    QVERIFY(rerun && rerun->isEnabled());
    QVERIFY2(rerun->toolTip().contains(QStringLiteral("Load page")), qPrintable(rerun->toolTip()));
    rerun->trigger();

    auto *tab = qobject_cast<RequestTab *>(currentTab(*window));
    QVERIFY(tab);
    LoadPage *again = tab->loadPage();
    QVERIFY(again != page);
    QTRY_VERIFY(again->isVisible()); // the Load page is the one in front
    const LoadPlan plan = again->plan();
    QVERIFY(!plan.isOpen());
    QCOMPARE(plan.concurrency, 2);
    QCOMPARE(plan.total, qint64(20));
    QCOMPARE(plan.durationNanos, qint64(0));
    QCOMPARE(plan.connections, 1);
    QTRY_COMPARE_WITH_TIMEOUT(loadEntries(*dock), 2, 60000);
    QVERIFY(!again->isRunning());

    const HistoryEntry second = dock->model()->entry(0);
    QVERIFY(second.load);
    QVERIFY(second.time >= first.time);
    QCOMPARE(second.load->count, qint64(20));
    QCOMPARE(second.load->statusCodes, (QMap<QString, qint64> {{QStringLiteral("OK"), 20}}));
    QCOMPARE(second.load->planText(), first.load->planText());
    QCOMPARE(second.load->openModel, first.load->openModel);
    QCOMPARE(second.load->concurrency, 2);
    QCOMPARE(second.load->plannedTotal, qint64(20));
    QCOMPARE(second.load->durationNanos, qint64(0));
    QCOMPARE(second.load->connections, first.load->connections);
    QCOMPARE(second.request.method, EchoMethod);
    QCOMPARE(second.request.body, first.request.body);
    // No single call went out: the history holds the two runs only, and the tab sent none.
    QCOMPARE(dock->model()->rowCount(), 2);
    QVERIFY(!tab->lastCall().isValid());
    QVERIFY(!tab->isRunning());
}

// As many calls as the engine can make against a server in the same process, with the
// GUI thread taking only a report every 250 ms, never a call at a time. (How long the event
// loop went without turning is printed, not asserted: a test asserts behaviour, not time.)
void LoadGuiTest::windowStaysResponsiveUnderLoad()
{
    LoadPage *page = nullptr;
    const auto window = openEchoLoad(m_demo, &page);
    QVERIFY(window);
    setPlan(page, {LoadPage::ConcurrencyMode, 32, 2, 0});
    StallProbe probe;
    probe.start();
    QVERIFY(runToEnd(page, 30000));
    probe.stop();
    qInfo("%lld calls in 2 s (%s); longest event-loop gap %lld ms", page->result()->count,
        qPrintable(page->summaryView()->text(QStringLiteral("Rate"))), probe.longestGapMs());
    // Reports come in batches: about one per 250 ms of the 2 s run, whatever the call count.
    const int reports = page->charts()->throughputPointCount();
    QVERIFY2(reports >= 4 && reports <= 12, qPrintable(QString::number(reports)));
    QVERIFY2(page->result()->count > 2 * reports, qPrintable(QString::number(page->result()->count)));
}

// A server stream counts its messages as `bench` does: ten calls of three ticks each are
// thirty messages received, with their rate, the share per call and the time to the first,
// kept in history; a unary run shows no such rows, and a compared run shows its own.
void LoadGuiTest::serverStreamCountsItsMessages()
{
    LoadPage *page = nullptr;
    const auto window = openMethodLoad(m_demo, TicksMethod, &page);
    QVERIFY(window);
    editor(*window)->setText(QStringLiteral("{\"count\": 3, \"intervalMs\": 1}"));
    setPlan(page, {LoadPage::ConcurrencyMode, 2, 0, 10});
    QVERIFY2(runToEnd(page), qPrintable(page->statusText()));
    QCOMPARE(page->result()->statusCodes, (QMap<QString, qint64> {{QStringLiteral("OK"), 10}}));
    QVERIFY(page->result()->streaming);
    QCOMPARE(page->result()->messagesReceived, qint64(30));
    QCOMPARE(page->result()->messagesSent, qint64(10));
    QCOMPARE(page->result()->firstMessageCount, qint64(10));

    LoadSummaryView *summary = page->summaryView();
    const QString received = summary->text(QStringLiteral("Messages received"));
    QVERIFY2(received.startsWith(QStringLiteral("30 (")), qPrintable(received));
    QVERIFY2(received.endsWith(QStringLiteral("/s, %1 per call)").arg(QLocale().toString(3.0, 'f', 2))),
        qPrintable(received));
    const QString sent = summary->text(QStringLiteral("Messages sent"));
    QVERIFY2(sent.startsWith(QStringLiteral("10 (")), qPrintable(sent));
    QCOMPARE(summary->text(QStringLiteral("Time to first message p50")),
        LoadPlan::durationText(page->result()->firstMessageP50Nanos));
    QVERIFY(page->result()->firstMessageP50Nanos > 0);
    QVERIFY(!summary->text(QStringLiteral("Time to first message p99")).isEmpty());

    auto *dock = window->findChild<HistoryDock *>();
    QVERIFY(dock);
    QTRY_COMPARE(loadEntries(*dock), 1);
    const HistoryEntry entry = dock->model()->entry(0);
    QVERIFY(entry.load && entry.load->streaming);
    QCOMPARE(entry.load->messagesReceived, qint64(30));
    QCOMPARE(entry.load->firstMessageP99Nanos, page->result()->firstMessageP99Nanos);

    // Beside a run that received half as many, both columns and the difference show.
    LoadSummary half = *page->result();
    half.messagesReceived = 15;
    summary->setCompared(half, QStringLiteral("Half"));
    QVERIFY2(summary->text(QStringLiteral("Messages received"), LoadSummaryView::ComparedColumn)
                 .startsWith(QStringLiteral("15 (")),
        qPrintable(summary->text(QStringLiteral("Messages received"), LoadSummaryView::ComparedColumn)));
    QVERIFY2(summary->text(QStringLiteral("Messages received"), LoadSummaryView::DifferenceColumn)
                 .endsWith(QStringLiteral("/s (+100.0 %)")),
        qPrintable(summary->text(QStringLiteral("Messages received"), LoadSummaryView::DifferenceColumn)));
    summary->setCompared(std::nullopt);

    LoadSummary unary;
    unary.count = 1;
    LoadSummaryView unaryView;
    unaryView.showRun(unary);
    QCOMPARE(unaryView.text(QStringLiteral("Calls")), QStringLiteral("1"));
    QVERIFY(unaryView.text(QStringLiteral("Messages received")).isEmpty());
    QVERIFY(unaryView.text(QStringLiteral("Time to first message p50")).isEmpty());
}

QTEST_MAIN(LoadGuiTest)
#include "LoadGuiTest.moc"
