#include "model/form/MessageFormModel.h"
#include "model/schema/SchemaWorkspace.h"
#include "model/wire/WireLayout.h"
#include "rpc/demo/DemoServer.h"
#include "support/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/lab/CompareWindow.h"
#include "ui/lab/EvolutionWindow.h"
#include "ui/lab/LessonPanel.h"
#include "ui/lab/PresenterWindow.h"
#include "ui/load/LoadPage.h"
#include "ui/wire/WireInspector.h"
#include "ui/workbench/FirstRunTour.h"
#include "ui/workbench/MainWindow.h"
#include "ui/workbench/Theme.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QHash>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace wirescope;
using namespace wirescope::GuiTest;

namespace {

// What a picture of a view holds. An empty view is one flat colour, or two (a margin, a
// header row) with next to nothing drawn on them; a view with content has text or marks
// in colours of their own, antialiased into many shades.
struct ImageContent {
    int colours = 0; // distinct colours
    double dominant = 0; // share of the pixels in the most common colour
    double detail = 0; // share of the pixels in neither of the two most common colours

    QString describe() const
    {
        return QStringLiteral("%1 colours, %2% in one, %3% detail")
            .arg(colours)
            .arg(dominant * 100, 0, 'f', 1)
            .arg(detail * 100, 0, 'f', 2);
    }
    // Thresholds measured on the workbench's views: an empty editor (its margin and a "1")
    // has 16 colours, an empty list or table 1 or 2; the sparsest view with content, a
    // four-line request or a problems list with one entry, has over 250 colours, 0.3%
    // detail, and 98.9% in one colour.
    bool looksEmpty() const { return colours < 24 || dominant > 0.998 || detail < 0.001; }
};

ImageContent measure(const QImage &picture)
{
    const QImage image = picture.convertToFormat(QImage::Format_RGB32);
    QHash<QRgb, qsizetype> counts;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            ++counts[line[x]];
    }
    QList<qsizetype> sizes = counts.values();
    std::sort(sizes.begin(), sizes.end(), std::greater<>());
    const double total = std::max<qsizetype>(1, qsizetype(image.width()) * image.height());
    ImageContent content;
    content.colours = int(counts.size());
    content.dominant = sizes.value(0) / total;
    content.detail = (total - sizes.value(0) - sizes.value(1)) / total;
    return content;
}

// The shown widget of that name: each request tab has its own, only the current one shows.
QWidget *shownWidget(const QWidget &window, const QString &name)
{
    const QList<QWidget *> candidates = window.findChildren<QWidget *>(name);
    const auto shown = std::find_if(candidates.cbegin(), candidates.cend(),
        [](const QWidget *widget) { return widget->isVisible() && !widget->size().isEmpty(); });
    return shown == candidates.cend() ? nullptr : *shown;
}

// The mean grey of `image` over the pixels `where` picks, relative to `reference`'s.
template<typename Where> double brightness(const QImage &image, const QImage &reference, Where where)
{
    double sum = 0;
    double referenceSum = 0;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            if (!where(QPoint(x, y)))
                continue;
            sum += qGray(image.pixel(x, y));
            referenceSum += qGray(reference.pixel(x, y));
        }
    }
    return referenceSum > 0 ? sum / referenceSum : 0;
}

// What a view draws its content on: a scroll area's viewport, without its headers and
// frame (an empty table still has a header), else the whole widget (a chart).
QWidget *surface(QWidget *view)
{
    auto *area = qobject_cast<QAbstractScrollArea *>(view);
    return area ? area->viewport() : view;
}

} // namespace

// Grabs the workbench in the states people see most (after a unary call, during a bidi
// stream, after a long server stream, the form, the frames timeline, sizes, the wire
// inspector, import errors, the first-run tour, a lesson in presenter mode, encodings compared)
// into PNGs for the README and the manual.
// Every shot also grabs its main views one by one and fails when one of them rendered
// empty. Writes to $WIRESCOPE_SCREENSHOT_DIR, else next to the executable;
// packaging/screenshots.sh runs it under xvfb-run, as CI does.
class Screenshots final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void emptyViewsAreCaught();
    void unaryCall();
    void bidiStream();
    void longServerStream();
    void framesTimeline();
    void sizes();
    void form();
    void importErrors();
    void schemaSources();
    void darkPalette();
    void wireInspector();
    void tour();
    void collectionsAndHistory();
    void loadTab();
    void lessonPresenter();
    void compareEncodings();
    void schemaEvolution();

private:
    std::unique_ptr<MainWindow> openWindow();
    void save(QWidget *window, const QString &name, const QStringList &views);
    void expectContent(QWidget *window, const QString &shot, const QStringList &views);
    void sendAndWait(MainWindow *window, int timeoutMs = 10000);
    static void showPanel(MainWindow *window, const char *name);

    DemoServer m_demo;
    QDir m_out;
};

void Screenshots::initTestCase()
{
    Theme::applyApplicationStyle();
    isolateSettings();
    QString error;
    QVERIFY2(m_demo.start(DemoServer::Options {}, &error), qPrintable(error));
    const QString dir
        = qEnvironmentVariable("WIRESCOPE_SCREENSHOT_DIR", QCoreApplication::applicationDirPath());
    QVERIFY(QDir().mkpath(dir));
    m_out = QDir(dir);
    qInfo("platform %s, writing to %s", qPrintable(QGuiApplication::platformName()),
        qPrintable(m_out.absolutePath()));
}

void Screenshots::cleanupTestCase()
{
    m_demo.stop();
}

std::unique_ptr<MainWindow> Screenshots::openWindow()
{
    isolateSettings();
    return openDemoWindow(m_demo, QSize(1360, 820));
}

// Writes the PNG first, so a shot that fails the check can still be looked at.
void Screenshots::save(QWidget *window, const QString &name, const QStringList &views)
{
    QTest::qWait(200); // let the refresh timers and the layout settle
    const QString path = m_out.filePath(name);
    const QImage shot = window->grab().toImage();
    QVERIFY2(shot.save(path), qPrintable(path));
    qInfo("wrote %s", qPrintable(path));
    const ImageContent whole = measure(shot);
    QVERIFY2(!whole.looksEmpty(), qPrintable(name + QStringLiteral(" is empty: ") + whole.describe()));
    expectContent(window, name, views);
}

void Screenshots::expectContent(QWidget *window, const QString &shot, const QStringList &views)
{
    for (const QString &view : views) {
        QWidget *widget = shownWidget(*window, view);
        QVERIFY2(widget, qPrintable(shot + QStringLiteral(": ") + view + QStringLiteral(" is not shown")));
        const ImageContent content = measure(surface(widget)->grab().toImage());
        qInfo("  %s %s: %s", qPrintable(shot), qPrintable(view), qPrintable(content.describe()));
        QVERIFY2(!content.looksEmpty(),
            qPrintable(shot + QStringLiteral(": ") + view + QStringLiteral(" rendered empty (")
                + content.describe() + u')'));
    }
}

void Screenshots::sendAndWait(MainWindow *window, int timeoutMs)
{
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), timeoutMs);
}

void Screenshots::showPanel(MainWindow *window, const char *name)
{
    QWidget *panel = inCurrentTab<QWidget>(*window, name);
    qobject_cast<QTabWidget *>(panel->parentWidget()->parentWidget())->setCurrentWidget(panel);
}

// The check itself must be able to fail: views with nothing in them are caught. (The
// timeline is not among them: with no frames it still draws its axes and a hint.)
void Screenshots::emptyViewsAreCaught()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QTRY_VERIFY(editor(*window) != nullptr);
    window->findChild<QDockWidget *>(QStringLiteral("problemsDock"))->show();
    const auto expectEmpty = [&window](const char *name) {
        QTest::qWait(200);
        QWidget *widget = shownWidget(*window, QString::fromLatin1(name));
        QVERIFY2(widget, name);
        const ImageContent content = measure(surface(widget)->grab().toImage());
        qInfo("  empty %s: %s", name, qPrintable(content.describe()));
        QVERIFY2(content.looksEmpty(), qPrintable(QString::fromLatin1(name) + u' ' + content.describe()));
    };
    expectEmpty("responseBody");
    expectEmpty("problemsList");
    showPanel(window.get(), "framesPanel");
    expectEmpty("framesTable");
    QImage flat(400, 300, QImage::Format_RGB32);
    flat.fill(Qt::white);
    QVERIFY(measure(flat).looksEmpty());
}

void Screenshots::unaryCall()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QTRY_VERIFY(editor(*window) != nullptr);
    sendAndWait(window.get());
    save(window.get(), QStringLiteral("main-unary.png"),
        {QStringLiteral("serviceTree"), QStringLiteral("requestEditor"), QStringLiteral("responseBody")});
}

void Screenshots::bidiStream()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, ChatMethod), 15000);
    window->openMethod(ChatMethod);
    const QStringList lines {
        QStringLiteral("hello"), QStringLiteral("how are you?"), QStringLiteral("still there?")};
    editor(*window)->setText(
        QStringLiteral("{\n  \"from\": \"me\",\n  \"text\": \"%1\",\n  \"mood\": \"MOOD_CURIOUS\"\n}")
            .arg(lines.first()));
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    for (const QString &line : lines.mid(1)) {
        QTRY_VERIFY(inCurrentTab<QPushButton>(*window, "sendNextButton")->isEnabled());
        editor(*window)->setText(
            QStringLiteral("{\n  \"from\": \"me\",\n  \"text\": \"%1\",\n  \"mood\": \"MOOD_HAPPY\"\n}")
                .arg(line));
        QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendNextButton"), Qt::LeftButton);
    }
    QTRY_VERIFY_WITH_TIMEOUT(responseText(*window).contains(QStringLiteral("echo: still there?")), 10000);
    save(window.get(), QStringLiteral("bidi-stream.png"),
        {QStringLiteral("serviceTree"), QStringLiteral("requestEditor"), QStringLiteral("responseBody")});
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "cancelButton"), Qt::LeftButton);
}

void Screenshots::longServerStream()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, TicksMethod), 15000);
    window->openMethod(TicksMethod);
    editor(*window)->setText(QStringLiteral("{\n  \"count\": 100000,\n  \"payloadSize\": 32\n}"));
    // The window must stay responsive: measure the longest gap between 10 ms ticks.
    StallProbe probe;
    probe.start();
    sendAndWait(window.get(), 120000);
    probe.stop();
    qInfo("100000 ticks in %lld ms; longest event-loop gap %lld ms", probe.elapsedMs(), probe.longestGapMs());
    QVERIFY(inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("100000 received")));
    QVERIFY2(probe.longestGapMs() < 500,
        qPrintable(QStringLiteral("event loop stalled for %1 ms").arg(probe.longestGapMs())));
    save(window.get(), QStringLiteral("server-stream.png"),
        {QStringLiteral("serviceTree"), QStringLiteral("requestEditor"), QStringLiteral("responseBody")});
}

// The Frames tab after a finished 2,000-tick stream: the timeline and one frame selected.
void Screenshots::framesTimeline()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, TicksMethod), 15000);
    window->openMethod(TicksMethod);
    editor(*window)->setText(QStringLiteral("{\n  \"count\": 2000,\n  \"payloadSize\": 24\n}"));
    showPanel(window.get(), "framesPanel");
    sendAndWait(window.get(), 20000);
    auto *table = inCurrentTab<QTableView>(*window, "framesTable");
    table->setCurrentIndex(table->model()->index(1204, 0));
    save(window.get(), QStringLiteral("frames-timeline.png"),
        {QStringLiteral("serviceTree"), QStringLiteral("requestEditor"), QStringLiteral("timelineChart"),
            QStringLiteral("framesTable")});
}

// The Sizes tab of an Echo call: binary against JSON, per message and per field.
void Screenshots::sizes()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QTRY_VERIFY(editor(*window) != nullptr);
    sendAndWait(window.get());
    showPanel(window.get(), "sizesPanel");
    save(window.get(), QStringLiteral("sizes.png"),
        {QStringLiteral("serviceTree"), QStringLiteral("messageSizesChart"), QStringLiteral("sizesFields")});
}

// A nested request (an order with two items) in the body's Form tab, and its receipt.
void Screenshots::form()
{
    const auto window = openWindow();
    const QString method = QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder");
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, method), 15000);
    window->openMethod(method);
    QTRY_VERIFY(currentTabTitle(*window).startsWith(QStringLiteral("PlaceOrder")));
    editor(*window)->setText(
        QStringLiteral("{\n  \"customer\": \"Ada Lovelace\",\n  \"items\": [\n"
                       "    {\"name\": \"fountain pen\", \"price\": 24.5, \"quantity\": 1},\n"
                       "    {\"name\": \"notebook\", \"price\": 4.25, \"quantity\": 3}\n  ]\n}"));
    auto *modes = inCurrentTab<QTabWidget>(*window, "bodyModeTabs");
    modes->setCurrentWidget(inCurrentTab<QWidget>(*window, "formView"));
    auto *tree = inCurrentTab<QTreeView>(*window, "formTree");
    auto *model = qobject_cast<MessageFormModel *>(tree->model());
    QVERIFY(model);
    // The rows along a path are fetched as it is looked up: both items open fully.
    QTRY_VERIFY(model->indexOfPath(QStringLiteral("items[1].quantity")).isValid());
    QVERIFY(model->indexOfPath(QStringLiteral("items[0].quantity")).isValid());
    tree->expandAll();
    sendAndWait(window.get());
    save(window.get(), QStringLiteral("form.png"),
        {QStringLiteral("serviceTree"), QStringLiteral("formTree"), QStringLiteral("responseBody")});
}

void Screenshots::importErrors()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QTemporaryDir dir;
    const QString path = writeBrokenProto(dir);
    QVERIFY(!path.isEmpty());
    window->importProtoFiles({path}, {dir.path()});
    auto *problems = window->findChild<QListWidget *>(QStringLiteral("problemsList"));
    QTRY_VERIFY_WITH_TIMEOUT(problems->count() > 0, 15000);
    save(window.get(), QStringLiteral("import-errors.png"),
        {QStringLiteral("serviceTree"), QStringLiteral("problemsList")});
}

void Screenshots::schemaSources()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    window->importProtoFiles({test::dataPath(QStringLiteral("protos/shop/v1/shop.proto"))},
        {test::dataPath(QStringLiteral("protos"))});
    QTemporaryDir dir;
    const QString broken = writeBrokenProto(dir);
    window->importProtoFiles({broken}, {dir.path()});
    auto *dock = window->findChild<QDockWidget *>(QStringLiteral("schemaSourcesDock"));
    QVERIFY(dock);
    dock->show();
    dock->raise();
    window->resizeDocks({dock}, {190}, Qt::Vertical);
    auto *view = window->findChild<QTableView *>(QStringLiteral("schemaSourcesView"));
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!window->workspace()->isBusy(), 15000);
    view->selectRow(2);
    save(window.get(), QStringLiteral("schema-sources.png"), {QStringLiteral("schemaSourcesView")});
}

void Screenshots::darkPalette()
{
    const QPalette light = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xdc, 0xdc, 0xdc));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x27, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xdc, 0xdc, 0xdc));
    dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    dark.setColor(QPalette::ButtonText, QColor(0xdc, 0xdc, 0xdc));
    dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::ToolTipBase, QColor(0x35, 0x37, 0x3b));
    dark.setColor(QPalette::ToolTipText, QColor(0xdc, 0xdc, 0xdc));
    QApplication::setPalette(dark);
    {
        const auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
        QTRY_VERIFY(editor(*window) != nullptr);
        sendAndWait(window.get());
        save(window.get(), QStringLiteral("main-dark.png"),
            {QStringLiteral("serviceTree"), QStringLiteral("requestEditor"), QStringLiteral("responseBody")});
    }
    QApplication::setPalette(light);
}

void Screenshots::wireInspector()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QTRY_VERIFY(editor(*window) != nullptr);
    auto *dock = window->findChild<QDockWidget *>(QStringLiteral("wireInspectorDock"));
    dock->show();
    window->resizeDocks({dock}, {400}, Qt::Vertical);
    editor(*window)->setText(
        QStringLiteral("{\n  \"fInt32\": 150,\n  \"fSint32\": -1,\n  \"fString\": \"hi\",\n"
                       "  \"packedNumbers\": [1, 300]\n}"));
    auto *inspector = window->findChild<WireInspector *>(QStringLiteral("wireInspector"));
    // The typed body, not the example it replaced, once the tab's debounce has encoded it.
    QTRY_VERIFY(inspector->wireLayout() && inspector->wireLayout()->tree().bytes.size() == 15);
    inspector->selectOffset(2); // the value of f_int32: 96 01
    save(window.get(), QStringLiteral("wire-inspector.png"),
        {QStringLiteral("requestEditor"), QStringLiteral("hexView"), QStringLiteral("wireTree")});
}

// The first-run tour of the workbench on its second stop, the service tree, after a call.
void Screenshots::tour()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QTRY_VERIFY(editor(*window) != nullptr);
    sendAndWait(window.get());
    auto *tour = new FirstRunTour(window.get(), FirstRunTour::workbenchSteps(window.get(), m_demo.address()));
    QTest::qWait(200);
    const QImage before = window->grab().toImage();
    tour->start();
    tour->next();
    QCOMPARE(tour->currentStep(), 1);
    save(window.get(), QStringLiteral("tour.png"),
        {QStringLiteral("serviceTree"), QStringLiteral("tourCallout")});
    // Everything but the hole is dimmed; the hole shows the dock as it was.
    const QImage after = window->grab().toImage();
    const QRect hole = tour->highlightedRect();
    const QRect callout = tour->findChild<QWidget *>(QStringLiteral("tourCallout"))->geometry();
    const double inside
        = brightness(after, before, [&](QPoint p) { return hole.adjusted(4, 4, -4, -4).contains(p); });
    const double outside = brightness(after, before,
        [&](QPoint p) { return !hole.contains(p) && !callout.adjusted(-2, -2, 2, 2).contains(p); });
    qInfo("  tour.png brightness against the window without the tour: hole %.2f, elsewhere %.2f", inside,
        outside);
    QVERIFY2(inside > 0.97 && outside < 0.7, qPrintable(QStringLiteral("%1 %2").arg(inside).arg(outside)));
    tour->skip();
}

// The demo collection (opened on first launch) with a saved request sent, then the
// history that call left.
void Screenshots::collectionsAndHistory()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QVERIFY(window->openSavedRequest(QStringLiteral("unary/place-an-order.json")));
    auto *collections = window->findChild<QDockWidget *>(QStringLiteral("collectionDock"));
    collections->raise();
    window->findChild<QTreeView *>(QStringLiteral("collectionTree"))->expandAll();
    sendAndWait(window.get());
    save(window.get(), QStringLiteral("collections.png"),
        {QStringLiteral("collectionTree"), QStringLiteral("requestEditor"), QStringLiteral("responseBody")});
    window->findChild<QDockWidget *>(QStringLiteral("historyDock"))->raise();
    save(window.get(), QStringLiteral("history.png"),
        {QStringLiteral("historyTable"), QStringLiteral("historyDetail")});
}

// Two load runs of Echo at a fixed rate, the second compared with the first.
void Screenshots::loadTab()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QTRY_VERIFY(inCurrentTab<QWidget>(*window, "loadPage") != nullptr);
    showPanel(window.get(), "loadPage"); // as a click on its tab does: the page is made now
    auto *page = inCurrentTab<LoadPage>(*window, "loadPage");
    QVERIFY(page);
    auto *start = page->findChild<QPushButton *>(QStringLiteral("loadStartButton"));
    const auto run = [&](double rate) {
        page->findChild<QComboBox *>(QStringLiteral("loadMode"))->setCurrentIndex(LoadPage::RateMode);
        page->findChild<QDoubleSpinBox *>(QStringLiteral("loadRate"))->setValue(rate);
        page->findChild<QDoubleSpinBox *>(QStringLiteral("loadDuration"))->setValue(4);
        QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), 10000);
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && page->result().has_value(), 30000);
    };
    run(300);
    run(600);
    auto *compare = page->findChild<QComboBox *>(QStringLiteral("loadCompareCombo"));
    QTRY_VERIFY(compare->count() > 1);
    compare->setCurrentIndex(1);
    save(window.get(), QStringLiteral("load-tab.png"), {QStringLiteral("loadPage")});
}

// Presenter mode at a projector's 1280×720, on the third step of the varints lesson: 150's
// two varint bytes selected and explained.
void Screenshots::lessonPresenter()
{
    PresenterWindow presenter;
    presenter.setFixedPresentationSize(QSize(1280, 720));
    presenter.presentLesson(QStringLiteral("varints"), 2);
    presenter.present();
    QVERIFY(QTest::qWaitForWindowExposed(&presenter));
    QCOMPARE(presenter.size(), QSize(1280, 720));
    QCOMPARE(presenter.lessonPanel()->step(), 2);
    QTRY_VERIFY(presenter.inspector()->wireLayout() != nullptr);
    save(&presenter, QStringLiteral("lesson-presenter.png"),
        {QStringLiteral("hexView"), QStringLiteral("wireTree"), QStringLiteral("stepText")});
    presenter.close();
}

// −1 as int32, sint32 and sfixed32 side by side: 10, 1 and 4 bytes, aligned by field.
void Screenshots::compareEncodings()
{
    auto *window = new CompareWindow(Schema::empty(), nullptr); // deletes itself on close
    window->resize(1200, 560);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(window->showPreset(QStringLiteral("negative-int")));
    save(window, QStringLiteral("compare-encodings.png"),
        {QStringLiteral("sideHex0"), QStringLiteral("compareRows")});
    window->close();
}

// The evolution window's own example: a reader of the old User reading the new one's bytes.
void Screenshots::schemaEvolution()
{
    auto *window = new EvolutionWindow(Schema::empty(), nullptr); // deletes itself on close
    window->resize(1280, 860);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_VERIFY(window->reading() != nullptr);
    save(window, QStringLiteral("schema-evolution.png"),
        {QStringLiteral("changeList"), QStringLiteral("writtenTree"), QStringLiteral("readTree")});
    window->close();
}

QTEST_MAIN(Screenshots)
#include "Screenshots.moc"
