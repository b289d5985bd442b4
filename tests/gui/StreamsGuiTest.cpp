#include "model/FramesModel.h"
#include "rpc/DemoServer.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/FramesPanel.h"
#include "ui/MainWindow.h"
#include "ui/SizesPanel.h"
#include "ui/Theme.h"
#include "ui/TimelineChart.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace wirescope;
using namespace wirescope::GuiTest;

// Streams you can see, against a real in-process demo server: 200,000 ticks arrive while
// the Frames tab is on screen without stalling the window, and a bidi chat is driven by
// hand, its frames appearing row by row, selectable in the table and on the timeline.
class StreamsGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void longStreamStaysResponsive();
    void chatFramesAppearAsTheyHappen();

private:
    std::unique_ptr<MainWindow> openWindow();
    static void showResponseTab(const MainWindow &window, const char *panelName);
    static int rowWithPreview(const FramesModel &model, const QString &text);

    DemoServer m_demo;
};

void StreamsGuiTest::initTestCase()
{
    Theme::applyApplicationStyle();
    QString error;
    QVERIFY2(m_demo.start(DemoServer::Options {}, &error), qPrintable(error));
}

void StreamsGuiTest::init()
{
    isolateSettings();
}

void StreamsGuiTest::cleanupTestCase()
{
    m_demo.stop();
}

std::unique_ptr<MainWindow> StreamsGuiTest::openWindow()
{
    return openDemoWindow(m_demo, QSize(1280, 860));
}

void StreamsGuiTest::showResponseTab(const MainWindow &window, const char *panelName)
{
    auto *panel = inCurrentTab<QWidget>(window, panelName);
    QVERIFY(panel);
    auto *tabs = qobject_cast<QTabWidget *>(panel->parentWidget()->parentWidget());
    QVERIFY(tabs);
    tabs->setCurrentWidget(panel);
    QTRY_VERIFY(panel->isVisible());
}

int StreamsGuiTest::rowWithPreview(const FramesModel &model, const QString &text)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, FramesModel::PreviewColumn).data().toString().contains(text))
            return row;
    }
    return -1;
}

void StreamsGuiTest::longStreamStaysResponsive()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, TicksMethod), 15000);
    window->openMethod(TicksMethod);
    showResponseTab(*window, "framesPanel");
    auto *table = inCurrentTab<QTableView>(*window, "framesTable");
    auto *frames = qobject_cast<FramesModel *>(table->model());
    QVERIFY(frames);
    editor(*window)->setText(QStringLiteral("{\"count\": 200000, \"payloadSize\": 8}"));
    // The longest gap between 10 ms ticks is the longest the event loop was blocked.
    StallProbe probe;
    probe.start();
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(frames->record().isFinished(), 240000);
    probe.stop();
    qInfo("200000 ticks in %lld ms; longest event-loop gap %lld ms; model memory %s", probe.elapsedMs(),
        probe.longestGapMs(), qPrintable(FramesModel::formatBytes(frames->memoryBytes())));
    QCOMPARE(frames->record().status().code, 0);
    QVERIFY2(probe.longestGapMs() < 500,
        qPrintable(QStringLiteral("event loop stalled for %1 ms").arg(probe.longestGapMs())));
    QCOMPARE(frames->stats().received().messages, 200000);
    // request, headers, 200,000 ticks, trailers: a single-request call writes its message
    // with the end-of-stream flag, so the engine reports no separate half-close.
    QCOMPARE(frames->rowCount(), 200003);
    QTRY_VERIFY(
        inCurrentTab<QLabel>(*window, "streamStats")->text().contains(QStringLiteral("inter-arrival min")));
    // Every frame stays inspectable, the middle one included.
    auto *panel = inCurrentTab<FramesPanel>(*window, "framesPanel");
    panel->selectRow(100'003);
    QCOMPARE(panel->selectedRow(), 100'003);
    const QString json = inCurrentTab<QsciScintilla>(*window, "frameJson")->text();
    QVERIFY2(json.contains(QStringLiteral("\"seq\": \"10000")), qPrintable(json));
    QCOMPARE(json, frames->jsonAt(100'003));
}

void StreamsGuiTest::chatFramesAppearAsTheyHappen()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, ChatMethod), 15000);
    window->openMethod(ChatMethod);
    showResponseTab(*window, "framesPanel");
    auto *frames = qobject_cast<FramesModel *>(inCurrentTab<QTableView>(*window, "framesTable")->model());
    QVERIFY(frames);

    editor(*window)->setText(QStringLiteral("{\"from\": \"test\", \"text\": \"first\"}"));
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowWithPreview(*frames, QStringLiteral("echo: first")) >= 0, 10000);
    auto *sendNext = inCurrentTab<QPushButton>(*window, "sendNextButton");
    QTRY_VERIFY(sendNext->isEnabled());
    editor(*window)->setText(QStringLiteral("{\"from\": \"test\", \"text\": \"second\"}"));
    QTest::mouseClick(sendNext, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowWithPreview(*frames, QStringLiteral("echo: second")) >= 0, 10000);
    QCOMPARE(frames->stats().sent().messages, 2);
    QVERIFY(frames->record().hasHeaders());

    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "halfCloseButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(frames->record().isFinished(), 10000);
    QVERIFY(rowWithPreview(*frames, QStringLiteral("request side closed")) >= 0);
    const int last = frames->rowCount() - 1;
    QCOMPARE(FramesModel::RowKind(frames->index(last, 0).data(FramesModel::KindRole).toInt()),
        FramesModel::RowKind::Trailers);

    // Clicking a point on the timeline shows that frame.
    auto *chart = inCurrentTab<TimelineChart>(*window, "timelineChart");
    const int reply = rowWithPreview(*frames, QStringLiteral("echo: second"));
    QTRY_VERIFY(chart->rowAt(chart->positionOf(reply).toPoint()) >= 0);
    const QPoint at = chart->positionOf(reply).toPoint();
    QTest::mouseClick(chart, Qt::LeftButton, {}, at);
    const int clicked = chart->rowAt(at);
    QCOMPARE(inCurrentTab<FramesPanel>(*window, "framesPanel")->selectedRow(), clicked);
    QVERIFY(inCurrentTab<QsciScintilla>(*window, "frameJson")->text().contains(QStringLiteral("\"text\"")));

    // The Sizes tab follows the selection and totals the call.
    showResponseTab(*window, "sizesPanel");
    auto *sizes = inCurrentTab<SizesPanel>(*window, "sizesPanel");
    QCOMPARE(sizes->shownRow(), clicked);
    QVERIFY(inCurrentTab<QTreeWidget>(*window, "sizesFields")->topLevelItemCount() > 2);
    QTRY_VERIFY(sizes->totalsComplete());
    QCOMPARE(sizes->totals().messages, 4);
    QVERIFY(sizes->totals().json > sizes->totals().binary);
}

QTEST_MAIN(StreamsGuiTest)
#include "StreamsGuiTest.moc"
