// The Load page of a request tab, driven as a person would, against the demo server.

#include "model/collection/HistoryListModel.h"
#include "rpc/demo/DemoServer.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/collection/HistoryDock.h"
#include "ui/load/LoadCharts.h"
#include "ui/load/LoadPage.h"
#include "ui/load/LoadSummaryView.h"
#include "ui/request/RequestTab.h"
#include "ui/workbench/MainWindow.h"
#include "ui/workbench/Theme.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

using namespace wirescope;
using namespace wirescope::GuiTest;

// A request tab's Load page against the in-process demo server: a closed-model run charted
// live, summed up and kept in history; a second run set beside the first; Stop ending a
// long run at once with what it measured kept; per-call values in the body; and the window
// answering throughout a run as fast as the engine goes.
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
    void windowStaysResponsiveUnderLoad();

private:
    DemoServer m_demo;
};

namespace {

struct Plan {
    LoadPage::Mode mode = LoadPage::ConcurrencyMode;
    double rateOrConcurrency = 4;
    double seconds = 0; // 0: no limit
    int total = 0; // 0: no limit
};

// The window with an Echo tab open on its Load page; null when the demo never answered.
std::unique_ptr<MainWindow> openEchoLoad(const DemoServer &demo, LoadPage **page)
{
    auto window = openDemoWindow(demo, QSize(1400, 900));
    if (!QTest::qWaitFor([&] { return hasMethod(*window, EchoMethod); }, 15000))
        return nullptr;
    window->openMethod(EchoMethod);
    if (!QTest::qWaitFor(
            [&] { return editor(*window) && inCurrentTab<LoadPage>(*window, "loadPage"); }, 5000))
        return nullptr;
    *page = inCurrentTab<LoadPage>(*window, "loadPage");
    for (QWidget *w = (*page)->parentWidget(); w; w = w->parentWidget()) {
        if (auto *pages = qobject_cast<QTabWidget *>(w)) {
            pages->setCurrentWidget(*page);
            break;
        }
    }
    return window;
}

void setPlan(LoadPage *page, const Plan &plan)
{
    page->findChild<QComboBox *>(QStringLiteral("loadMode"))->setCurrentIndex(plan.mode);
    if (plan.mode == LoadPage::RateMode)
        page->findChild<QDoubleSpinBox *>(QStringLiteral("loadRate"))->setValue(plan.rateOrConcurrency);
    else
        page->findChild<QSpinBox *>(QStringLiteral("loadConcurrency"))->setValue(int(plan.rateOrConcurrency));
    page->findChild<QDoubleSpinBox *>(QStringLiteral("loadDuration"))->setValue(plan.seconds);
    page->findChild<QSpinBox *>(QStringLiteral("loadTotal"))->setValue(plan.total);
}

QPushButton *startButton(LoadPage *page)
{
    return page->findChild<QPushButton *>(QStringLiteral("loadStartButton"));
}

// Starts a run from the page's Start button and waits for it to end.
bool runToEnd(LoadPage *page, int timeoutMs = 60000)
{
    if (!QTest::qWaitFor([page] { return startButton(page)->isEnabled(); }, 10000))
        return false;
    QTest::mouseClick(startButton(page), Qt::LeftButton);
    return page->isRunning()
        && QTest::qWaitFor([page] { return !page->isRunning() && page->result().has_value(); }, timeoutMs);
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

int loadEntries(const HistoryDock &dock)
{
    int count = 0;
    for (int row = 0; row < dock.model()->rowCount(); ++row)
        count += dock.model()->index(row, 0).data(HistoryListModel::IsLoadRole).toBool() ? 1 : 0;
    return count;
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

QTEST_MAIN(LoadGuiTest)
#include "LoadGuiTest.moc"
