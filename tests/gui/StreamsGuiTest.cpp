#include "model/core/Settings.h"
#include "model/frames/FramesModel.h"
#include "model/frames/PayloadSizer.h"
#include "rpc/call/CallHandle.h"
#include "rpc/demo/DemoServer.h"
#include "support/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/load/LoadPage.h"
#include "ui/response/FramesPanel.h"
#include "ui/response/SizeBarChart.h"
#include "ui/response/SizesPanel.h"
#include "ui/response/TimelineChart.h"
#include "ui/workbench/MainWindow.h"
#include "ui/workbench/Theme.h"

#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>
#include <QToolTip>
#include <QTreeWidget>
#include <QWheelEvent>
#include <QtTest>

#include <memory>

using namespace wirescope;
using namespace wirescope::GuiTest;

// Streams you can see, against a real in-process demo server: 200,000 ticks arrive while
// the Frames tab is on screen without stalling the window (and are then totalled on the
// Sizes tab), and a bidi chat is driven by hand, its frames appearing row by row,
// selectable in the table and on the timeline. Standalone panels check the persisted
// keep-bytes setting, whole-call size totals against hand sums, and the timeline's zoom,
// pan, hover and PNG export.
class StreamsGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void longStreamStaysResponsive();
    void chatFramesAppearAsTheyHappen();
    void pagesOpenedAfterAStreamShowAllOfIt();
    void keepBytesSettingPersists();
    void callTotalsAddUpByHand();
    void labelsAndReasonsAreReadable();
    void timelineZoomPanHoverAndExport();
    void sizesOfTheRequestBeforeSending();
    void aLargeFramesPrintStaysWithItsCall();

private:
    std::unique_ptr<MainWindow> openWindow();
    // Runs one call on a fresh connection to the demo server, every event into `model`.
    void runInto(FramesModel *model, const QString &method, const QList<QByteArray> &messages);
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
    // request, half-close (the request carried the end-of-stream flag), headers, 200,000
    // ticks, trailers.
    QCOMPARE(frames->rowCount(), 200004);
    QCOMPARE(FramesModel::RowKind(frames->index(1, 0).data(FramesModel::KindRole).toInt()),
        FramesModel::RowKind::HalfClosed);
    QTRY_VERIFY(
        inCurrentTab<QLabel>(*window, "streamStats")->text().contains(QStringLiteral("inter-arrival min")));
    // Every frame stays inspectable, the middle one included.
    auto *panel = inCurrentTab<FramesPanel>(*window, "framesPanel");
    panel->selectRow(100'003);
    QCOMPARE(panel->selectedRow(), 100'003);
    const QString json = inCurrentTab<QsciScintilla>(*window, "frameJson")->text();
    QVERIFY2(json.contains(QStringLiteral("\"seq\": \"10000")), qPrintable(json));
    QCOMPARE(json, frames->jsonAt(100'003));

    // The Sizes tab totals all 200,001 messages on a worker: JSON twice and three streaming
    // gzips per direction, while the window stays responsive.
    StallProbe sizesProbe;
    sizesProbe.start();
    showResponseTab(*window, "sizesPanel");
    auto *sizes = inCurrentTab<SizesPanel>(*window, "sizesPanel");
    QTRY_VERIFY_WITH_TIMEOUT(sizes->totalsComplete(), 240000);
    sizesProbe.stop();
    const SizeTotals received = sizes->totals().received;
    qInfo("whole-call sizes of 200001 messages in %lld ms; longest event-loop gap %lld ms; "
          "received: binary %lld (gzip %lld), JSON compact %lld (gzip %lld), pretty %lld (gzip %lld)",
        sizesProbe.elapsedMs(), sizesProbe.longestGapMs(), received.measuredBinary, received.binaryGzip,
        received.jsonCompact, received.jsonCompactGzip, received.jsonPretty, received.jsonPrettyGzip);
    QCOMPARE(received.messages, 200000);
    QCOMPARE(received.measured, 200000);
    QCOMPARE(sizes->totals().call().measured, 200001);
    QCOMPARE(received.binary, frames->stats().received().bytes);
    QVERIFY(received.jsonPrettyGzip > 0 && received.jsonPrettyGzip < received.jsonPretty / 3);
    QVERIFY2(sizesProbe.longestGapMs() < 500,
        qPrintable(QStringLiteral("event loop stalled for %1 ms").arg(sizesProbe.longestGapMs())));
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
    QCOMPARE(sizes->totals().call().messages, 4);
    QCOMPARE(sizes->totals().sent.measured, 2);
    QVERIFY(sizes->totals().call().jsonCompact > sizes->totals().call().binary);
}

// A client stream ends with its half-close, headers and status within a moment: their labels
// on the timeline are stacked, not printed over one another ("half-closeOK"); and the Sizes
// table's reasons are as wide as their text, not clipped.
void StreamsGuiTest::labelsAndReasonsAreReadable()
{
    const SchemaPtr schema = test::demoSchema();
    const QString collect = QStringLiteral("wirescope.demo.v1.DemoService/Collect");
    FramesModel frames;
    frames.setMethod(MethodRef::resolve(schema, collect));
    TimelineChart chart(&frames);
    chart.resize(500, 200);
    chart.show();
    SizesPanel sizes(&frames);
    sizes.resize(900, 700);
    sizes.show();
    const QByteArray pen = test::encode(
        *schema, QStringLiteral("wirescope.demo.v1.Item"), R"({"name":"pen","price":1.5,"quantity":2})");
    // As a client stream ends: the half-close, the headers, the reply and the status within
    // half a millisecond, a tenth of a second after the call began.
    CallEvents events;
    const auto event = [](CallEvent::Type type, qint64 micros, const QByteArray &payload = {}) {
        CallEvent e;
        e.type = type;
        e.nanos = micros * 1000;
        e.payload = payload;
        return e;
    };
    events.append(event(CallEvent::Type::Sent, 0, pen));
    events.append(event(CallEvent::Type::Sent, 1000, pen));
    events.append(event(CallEvent::Type::HalfClosed, 100000));
    events.append(event(CallEvent::Type::Headers, 100200));
    events.append(event(CallEvent::Type::Received, 100300, pen));
    CallEvent finished = event(CallEvent::Type::Finished, 100400);
    finished.status.code = 0;
    events.append(finished);
    frames.apply(events);
    QVERIFY(frames.record().status().isOk());
    QTRY_VERIFY(chart.visibleEnd() >= 100400 * 1000.0); // the chart follows the call
    chart.grab(); // paints
    const QList<QRect> labels = chart.markerLabels();
    QCOMPARE(labels.size(), 3); // half-close, headers, OK
    for (int i = 0; i < labels.size(); ++i) {
        for (int j = i + 1; j < labels.size(); ++j)
            QVERIFY2(!labels.at(i).intersects(labels.at(j)),
                qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j)));
    }

    sizes.showRow(0); // the first item sent
    auto *fields = sizes.findChild<QTreeWidget *>(QStringLiteral("sizesFields"));
    QVERIFY(fields && fields->topLevelItemCount() > 2);
    int noteColumn = -1;
    for (int column = 0; column < fields->columnCount(); ++column) {
        if (fields->headerItem()->text(column) == QStringLiteral("Why they differ"))
            noteColumn = column;
    }
    QVERIFY(noteColumn >= 0);
    int widest = 0;
    for (int row = 0; row < fields->topLevelItemCount(); ++row)
        widest = std::max(
            widest, fields->fontMetrics().horizontalAdvance(fields->topLevelItem(row)->text(noteColumn)));
    QVERIFY2(fields->header()->sectionSize(noteColumn) >= widest,
        qPrintable(QStringLiteral("%1 < %2").arg(fields->header()->sectionSize(noteColumn)).arg(widest)));
}

void StreamsGuiTest::runInto(FramesModel *model, const QString &method, const QList<QByteArray> &messages)
{
    Connection connection(test::plaintextTo(m_demo));
    CallSpec spec;
    spec.method = model->method().path();
    spec.kind = model->method().kind();
    QVERIFY(model->method().fullName() == method);
    CallHandle *handle = connection.startCall(spec);
    connect(handle, &CallHandle::events, model, &FramesModel::apply);
    QSignalSpy finished(handle, &CallHandle::finished);
    for (const QByteArray &message : messages)
        handle->send(message);
    handle->halfClose();
    QVERIFY(finished.wait(20000));
    delete handle;
}

// The keep-bytes-of-N choice is a setting: a panel writes it, a panel on a new Settings
// object over the same file starts with it, and open panels follow a change.
// The Frames and Sizes tabs are made when first opened: opened after a stream ended, they
// show all of it, and the keep-bytes setting they were handed before.
void StreamsGuiTest::pagesOpenedAfterAStreamShowAllOfIt()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, TicksMethod), 15000);
    window->openMethod(TicksMethod);
    QTRY_VERIFY(editor(*window) != nullptr);
    QWidget *tab = currentTab(*window);
    QVERIFY(!tab->findChild<FramesPanel *>());
    QVERIFY(!tab->findChild<SizesPanel *>());
    QVERIFY(!tab->findChild<LoadPage *>());
    editor(*window)->setText(QStringLiteral("{\"count\": 40, \"payloadSize\": 8}"));
    QTRY_VERIFY_WITH_TIMEOUT(inCurrentTab<QPushButton>(*window, "sendButton")->isEnabled(), 5000);
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(responseText(*window).contains(QStringLiteral("\"seq\": \"40\"")), 10000);
    QVERIFY(!tab->findChild<FramesPanel *>());

    showResponseTab(*window, "framesPanel");
    auto *panel = inCurrentTab<FramesPanel>(*window, "framesPanel");
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    QCOMPARE(panel->geometry(), panel->parentWidget()->rect()); // laid out as it shows
    auto *table = inCurrentTab<QTableView>(*window, "framesTable");
    const auto *frames = qobject_cast<FramesModel *>(table->model());
    QVERIFY(frames && frames->record().isFinished());
    QCOMPARE(table->model()->rowCount(), 44); // request, half-close, headers, 40 ticks, trailers
    QVERIFY2(panel->statsText().contains(QStringLiteral("40 msgs")), qPrintable(panel->statsText()));
    QCOMPARE(inCurrentTab<QLabel>(*window, "streamStats")->text(), panel->statsText());
    auto *chart = inCurrentTab<TimelineChart>(*window, "timelineChart");
    QTRY_VERIFY(chart->rowAt(chart->positionOf(42).toPoint()) >= 0);
    QCOMPARE(inCurrentTab<QSpinBox>(*window, "keepFramesSpin")->value(), Settings().keepFullFrames());

    panel->selectRow(20);
    showResponseTab(*window, "sizesPanel");
    auto *sizes = inCurrentTab<SizesPanel>(*window, "sizesPanel");
    QVERIFY(sizes);
    QCOMPARE(sizes->shownRow(), 20);
    QTRY_VERIFY(sizes->totalsComplete());
    QCOMPARE(sizes->totals().received.messages, 40);
}

void StreamsGuiTest::keepBytesSettingPersists()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("wirescope.ini"));
    FramesModel frames;
    {
        Settings settings(file);
        QCOMPARE(settings.keepFullFrames(), 0); // keeps every message by default
        FramesPanel panel(&frames);
        panel.setSettings(&settings);
        auto *spin = panel.findChild<QSpinBox *>(QStringLiteral("keepFramesSpin"));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 0);
        panel.show();
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, QStringLiteral("2500"));
        QCOMPARE(settings.keepFullFrames(), 0); // typing alone drops nothing yet
        QTest::keyClick(spin, Qt::Key_Return);
        QCOMPARE(settings.keepFullFrames(), 2500);
        QCOMPARE(frames.keepFullFrames(), 2500);
        settings.sync();
    }
    Settings reopened(file);
    QCOMPARE(reopened.keepFullFrames(), 2500);
    FramesModel otherFrames;
    FramesPanel restored(&otherFrames);
    restored.setSettings(&reopened);
    auto *spin = restored.findChild<QSpinBox *>(QStringLiteral("keepFramesSpin"));
    QCOMPARE(spin->value(), 2500);
    QCOMPARE(otherFrames.keepFullFrames(), 2500);
    // Another tab's panel changes it: this one follows.
    FramesModel thirdFrames;
    FramesPanel another(&thirdFrames);
    another.setSettings(&reopened);
    another.findChild<QSpinBox *>(QStringLiteral("keepFramesSpin"))->setValue(0);
    QCOMPARE(reopened.keepFullFrames(), 0);
    QCOMPARE(spin->value(), 0);
    QCOMPARE(otherFrames.keepFullFrames(), 0);
    restored.setSettings(nullptr);
    spin->setValue(7);
    QCOMPARE(reopened.keepFullFrames(), 0); // no longer persisted
}

// A client stream of three identical items and its receipt: the Sizes tab's totals for each
// direction and for the call, against sums worked out by hand.
void StreamsGuiTest::callTotalsAddUpByHand()
{
    const SchemaPtr schema = test::demoSchema();
    const QString collect = QStringLiteral("wirescope.demo.v1.DemoService/Collect");
    FramesModel frames;
    frames.setMethod(MethodRef::resolve(schema, collect));
    SizesPanel sizes(&frames);
    sizes.resize(900, 700);
    sizes.show();
    const QByteArray penJson = R"({"name":"pen","price":1.5,"quantity":2})"; // 39 bytes
    const QByteArray pen = test::encode(*schema, QStringLiteral("wirescope.demo.v1.Item"), penJson);
    QCOMPARE(pen.size(), 16); // 0a 03 'pen' | 11 + 8 bytes of double | 18 02
    runInto(&frames, collect, {pen, pen, pen});
    QVERIFY(frames.record().status().isOk());
    QTRY_VERIFY(sizes.totalsComplete());

    const SizeTotals sent = sizes.totals().sent;
    QCOMPARE(sent.messages, 3);
    QCOMPARE(sent.binary, 48);
    QCOMPARE(sent.measuredBinary, 48);
    QCOMPARE(sent.jsonCompact, 117);
    QCOMPARE(sent.binaryGzip, PayloadSizer::gzipSize(pen + pen + pen));
    QCOMPARE(sent.jsonCompactGzip, PayloadSizer::gzipSize(penJson + penJson + penJson));
    const PayloadSizes one
        = PayloadSizer::measure(*schema, schema->findMessage(QStringLiteral("wirescope.demo.v1.Item")), pen);
    QCOMPARE(sent.jsonPretty, 3 * one.jsonPretty);

    // The receipt: 6 items at 1.5 is 9, plus the time it was issued.
    const QByteArray receiptBytes = frames.record().frames().back().bytes;
    const PayloadSizes receipt = PayloadSizer::measure(
        *schema, schema->findMessage(QStringLiteral("wirescope.demo.v1.Receipt")), receiptBytes);
    QVERIFY(receipt.valid);
    const QByteArray receiptJson
        = test::decode(*schema, QStringLiteral("wirescope.demo.v1.Receipt"), receiptBytes);
    QVERIFY2(receiptJson.startsWith(R"({"itemCount":6,"total":9,"issuedAt":)"), receiptJson.constData());
    const SizeTotals received = sizes.totals().received;
    QCOMPARE(received.messages, 1);
    QCOMPARE(received.binary, receiptBytes.size());
    QCOMPARE(received.jsonCompact, receipt.jsonCompact);
    QCOMPARE(received.jsonPretty, receipt.jsonPretty);
    QCOMPARE(received.binaryGzip, receipt.binaryGzip); // a stream of one message is that message
    QCOMPARE(received.jsonPrettyGzip, receipt.jsonPrettyGzip);

    const SizeTotals call = sizes.totals().call();
    QCOMPARE(call.messages, 4);
    QCOMPARE(call.binary, 48 + receiptBytes.size());
    QCOMPARE(call.jsonCompact, 117 + receipt.jsonCompact);
    QCOMPARE(call.jsonCompactGzip, sent.jsonCompactGzip + receipt.jsonCompactGzip);

    // The chart shows the chosen scope, ratios against that scope's binary.
    auto *chart = sizes.findChild<SizeBarChart *>(QStringLiteral("callSizesChart"));
    auto *scope = sizes.findChild<QTabBar *>(QStringLiteral("totalsScope"));
    QVERIFY(chart && scope);
    QCOMPARE(chart->bars().size(), 6);
    QCOMPARE(chart->bars().at(0).value, call.binary);
    QCOMPARE(chart->bars().at(5).value, call.jsonPrettyGzip);
    QTest::mouseClick(scope, Qt::LeftButton, {}, scope->tabRect(int(SizesPanel::Scope::Sent)).center());
    QCOMPARE(sizes.totalsScope(), SizesPanel::Scope::Sent);
    QCOMPARE(chart->bars().at(0).value, 48);
    QCOMPARE(chart->bars().at(2).value, 117);
    QCOMPARE(chart->bars().at(3).value, sent.jsonCompactGzip);
    sizes.setTotalsScope(SizesPanel::Scope::Received);
    QCOMPARE(chart->bars().at(2).value, receipt.jsonCompact);
    const QString text = sizes.findChild<QLabel *>(QStringLiteral("sizesTotals"))->text();
    QVERIFY2(text.contains(QStringLiteral("Whole call: 4 messages")), qPrintable(text));
    QVERIFY2(text.contains(
                 QStringLiteral("JSON compact %1").arg(QLocale().toString(117.0 / 48.0, 'f', 2) + u'\u00d7')),
        qPrintable(text));

    // A new call starts the totals over.
    frames.clear();
    QCOMPARE(sizes.totals().call().messages, 0);
}

// The timeline of a real server stream: the wheel zooms around the cursor, dragging pans,
// hovering names the frame under the mouse, and the chart exports as a PNG.
void StreamsGuiTest::timelineZoomPanHoverAndExport()
{
    const QString ticks = QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks");
    const SchemaPtr schema = test::demoSchema();
    FramesModel frames;
    frames.setMethod(MethodRef::resolve(schema, ticks));
    FramesPanel panel(&frames);
    panel.resize(1000, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    runInto(&frames, ticks,
        {test::encode(*schema, QStringLiteral("wirescope.demo.v1.TicksRequest"),
            R"({"count": 12, "payloadSize": 40, "intervalMs": 10})")});
    QCOMPARE(frames.rowCount(), 16); // request, half-close, headers, 12 ticks, trailers
    QCOMPARE(FramesModel::RowKind(frames.index(1, 0).data(FramesModel::KindRole).toInt()),
        FramesModel::RowKind::HalfClosed);
    auto *chart = panel.findChild<TimelineChart *>(QStringLiteral("timelineChart"));
    QVERIFY(chart);
    const double callEnd = double(frames.record().elapsedNanos());
    QTRY_VERIFY(chart->visibleEnd() >= callEnd);
    QCOMPARE(chart->visibleStart(), 0.0);

    // Zoom in around the middle: the range shrinks, the time under the cursor stays put.
    const QPoint middle = chart->rect().center();
    const double range = chart->visibleEnd() - chart->visibleStart();
    const double anchorBefore = chart->timeAt(middle.x());
    QWheelEvent wheel(QPointF(middle), QPointF(chart->mapToGlobal(middle)), QPoint(), QPoint(0, 480),
        Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(chart, &wheel);
    const double zoomed = chart->visibleEnd() - chart->visibleStart();
    QVERIFY2(zoomed < range * 0.7, qPrintable(QStringLiteral("%1 -> %2").arg(range).arg(zoomed)));
    QVERIFY(qAbs(chart->timeAt(middle.x()) - anchorBefore) < range * 1e-6);
    QVERIFY(!chart->isFollowing());

    // Drag 100 px to the right: earlier times come into view, the range is unchanged.
    const double startBefore = chart->visibleStart();
    QTest::mousePress(chart, Qt::LeftButton, {}, middle);
    QTest::mouseMove(chart, middle + QPoint(50, 0));
    QTest::mouseMove(chart, middle + QPoint(100, 0));
    QTest::mouseRelease(chart, Qt::LeftButton, {}, middle + QPoint(100, 0));
    QVERIFY2(chart->visibleStart() < startBefore,
        qPrintable(QStringLiteral("%1 -> %2").arg(startBefore).arg(chart->visibleStart())));
    QVERIFY(qAbs((chart->visibleEnd() - chart->visibleStart()) - zoomed) < zoomed * 1e-9);
    QVERIFY(qAbs(chart->timeAt(middle.x() + 100) - chart->timeAt(middle.x())
                - (startBefore - chart->visibleStart()))
        < zoomed * 1e-6);
    QCOMPARE(panel.selectedRow(), -1); // a drag is not a click

    // Double-click fits the whole call again.
    QTest::mouseDClick(chart, Qt::LeftButton, {}, middle);
    QVERIFY(chart->isFollowing());
    QCOMPARE(chart->visibleStart(), 0.0);

    // Hovering a tick shows it; empty space shows nothing.
    const int tick = 8;
    QCOMPARE(FramesModel::RowKind(frames.index(tick, 0).data(FramesModel::KindRole).toInt()),
        FramesModel::RowKind::Received);
    // The mouse moving with no button held, as the window system delivers it.
    const auto hover = [chart](const QPoint &at) {
        QMouseEvent move(QEvent::MouseMove, QPointF(at), QPointF(chart->mapToGlobal(at)), Qt::NoButton,
            Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(chart, &move);
    };
    const QPoint over = chart->positionOf(tick).toPoint();
    hover(over);
    QTRY_COMPARE(chart->hoveredRow(), chart->rowAt(over));
    QVERIFY(chart->hoveredRow() >= 0);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(
                 frames.index(chart->hoveredRow(), 0).data(FramesModel::HeadingRole).toString()),
        qPrintable(QToolTip::text()));
    QPoint empty(chart->width() - 20, chart->height() / 2);
    while (chart->rowAt(empty) >= 0 && empty.x() > 0)
        empty.rx() -= 7;
    QVERIFY(chart->rowAt(empty) < 0);
    hover(empty);
    QCOMPARE(chart->hoveredRow(), -1);
    QTRY_VERIFY(!QToolTip::isVisible());

    // PNG export through a path, no dialog.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("timeline.png"));
    QVERIFY(panel.exportChart(path));
    const QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), chart->size() * chart->devicePixelRatio());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 4, qPrintable(QString::number(colours.size()))); // more than a blank fill
    const QColor received = TimelineChart::receivedColor();
    const QPoint dot = chart->positionOf(tick).toPoint() * chart->devicePixelRatio();
    QCOMPARE(QColor(image.pixel(dot)).rgb(), received.rgb()); // the tick's dot is in the image
    QVERIFY(!panel.exportChart(dir.filePath(QStringLiteral("no/such/folder/timeline.png"))));
}

// Before any call the Sizes tab measures the request in the editor, following each edit;
// once messages flow it shows them instead.
void StreamsGuiTest::sizesOfTheRequestBeforeSending()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    window->openMethod(EchoMethod);
    showResponseTab(*window, "sizesPanel");
    auto *heading = inCurrentTab<QLabel>(*window, "sizesHeading");
    auto *fields = inCurrentTab<QTreeWidget>(*window, "sizesFields");
    const auto total = [fields] {
        const int count = fields->topLevelItemCount();
        return count > 0 ? fields->topLevelItem(count - 1)->text(2) : QString();
    };
    editor(*window)->setText(QStringLiteral("{\"fString\": \"hello\", \"fBytes\": \"AAEC\"}"));
    QTRY_VERIFY(heading->text().contains(QStringLiteral("not sent yet")));
    // 72 05 'hello' is 7 bytes; 7a 03 00 01 02 is 5.
    QTRY_COMPARE(total(), FramesModel::formatBytes(12));
    QVERIFY(!fields->findItems(QStringLiteral("fBytes"), Qt::MatchExactly).isEmpty());

    editor(*window)->setText(QStringLiteral("{\"fString\": \"hello\"}"));
    QTRY_COMPARE(total(), FramesModel::formatBytes(7));
    QVERIFY(fields->findItems(QStringLiteral("fBytes"), Qt::MatchExactly).isEmpty());

    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(heading->text().contains(QStringLiteral("newest message")), 10000);
    QVERIFY(!heading->text().contains(QStringLiteral("not sent yet")));
}

// A large frame is printed on a worker. When a new call starts before it answers, the answer
// is dropped: it used to land in the row of the same number in the new call.
void StreamsGuiTest::aLargeFramesPrintStaysWithItsCall()
{
    const QString ticks = QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks");
    const SchemaPtr schema = test::demoSchema();
    FramesModel frames;
    frames.setMethod(MethodRef::resolve(schema, ticks));
    FramesPanel panel(&frames);
    panel.resize(1000, 800);
    panel.show();
    runInto(&frames, ticks,
        {test::encode(*schema, QStringLiteral("wirescope.demo.v1.TicksRequest"),
            R"({"count": 1, "payloadSize": 400000})")});
    const int large = 3; // request, half-close, headers, the tick
    QVERIFY(frames.isLargeMessage(large));
    panel.selectRow(large); // its print starts on a worker

    // The next call, before the event loop runs again (so before the worker can answer).
    frames.clear();
    frames.setMethod(MethodRef::resolve(schema, ticks));
    CallEvents next(4);
    next[0].type = CallEvent::Type::Sent;
    next[0].payload
        = test::encode(*schema, QStringLiteral("wirescope.demo.v1.TicksRequest"), R"({"count": 1})");
    next[1].type = CallEvent::Type::HalfClosed;
    next[2].type = CallEvent::Type::Headers;
    next[3].type = CallEvent::Type::Received;
    next[3].payload = test::encode(*schema, QStringLiteral("wirescope.demo.v1.Tick"), R"({"seq": "7"})");
    frames.apply(next);
    QVERIFY(QThreadPool::globalInstance()->waitForDone(20000));
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    const QString json = frames.jsonAt(large);
    QVERIFY2(json.size() < 200 && json.contains(QStringLiteral("\"7\"")), qPrintable(json.left(200)));
}

QTEST_MAIN(StreamsGuiTest)
#include "StreamsGuiTest.moc"
