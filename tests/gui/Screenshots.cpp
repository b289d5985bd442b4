#include "model/WireLayout.h"
#include "rpc/DemoServer.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"
#include "ui/WireInspector.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace wirescope;
using namespace wirescope::GuiTest;

// Grabs the workbench in the states people see most (after a unary call, during a bidi
// stream, after a long server stream, with import errors) into PNGs, to look at the
// finished product. Writes to $WIRESCOPE_SCREENSHOT_DIR, else next to the executable.
class Screenshots final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void unaryCall();
    void bidiStream();
    void longServerStream();
    void framesAndSizes();
    void importErrors();
    void darkPalette();
    void wireInspector();

private:
    std::unique_ptr<MainWindow> openWindow();
    void save(MainWindow *window, const QString &name);

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

void Screenshots::save(MainWindow *window, const QString &name)
{
    QTest::qWait(200); // let the refresh timers and the layout settle
    const QString path = m_out.filePath(name);
    QVERIFY2(window->grab().save(path), qPrintable(path));
    qInfo("wrote %s", qPrintable(path));
}

void Screenshots::unaryCall()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QTRY_VERIFY(editor(*window) != nullptr);
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), 10000);
    save(window.get(), QStringLiteral("main-unary.png"));
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
    save(window.get(), QStringLiteral("bidi-stream.png"));
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
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), 120000);
    probe.stop();
    qInfo("100000 ticks in %lld ms; longest event-loop gap %lld ms", probe.elapsedMs(), probe.longestGapMs());
    QVERIFY(inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("100000 received")));
    QVERIFY2(probe.longestGapMs() < 500,
        qPrintable(QStringLiteral("event loop stalled for %1 ms").arg(probe.longestGapMs())));
    save(window.get(), QStringLiteral("server-stream.png"));
}

void Screenshots::importErrors()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.proto"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(BrokenProto);
    file.close();
    window->importProtoFiles({path}, {dir.path()});
    auto *problems = window->findChild<QListWidget *>(QStringLiteral("problemsList"));
    QTRY_VERIFY_WITH_TIMEOUT(problems->count() > 0, 15000);
    save(window.get(), QStringLiteral("import-errors.png"));
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
        QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), 10000);
        save(window.get(), QStringLiteral("main-dark.png"));
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
    save(window.get(), QStringLiteral("wire-inspector.png"));
}

// The Frames tab after a finished 2,000-tick stream, one frame selected; the Sizes tab of
// an Echo call.
void Screenshots::framesAndSizes()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, TicksMethod), 15000);
    const auto showPanel = [&window](const char *name) {
        QWidget *panel = inCurrentTab<QWidget>(*window, name);
        qobject_cast<QTabWidget *>(panel->parentWidget()->parentWidget())->setCurrentWidget(panel);
    };
    window->openMethod(TicksMethod);
    editor(*window)->setText(QStringLiteral("{\n  \"count\": 2000,\n  \"payloadSize\": 24\n}"));
    showPanel("framesPanel");
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), 20000);
    auto *table = inCurrentTab<QTableView>(*window, "framesTable");
    table->setCurrentIndex(table->model()->index(1204, 0));
    save(window.get(), QStringLiteral("frames-tab.png"));

    window->openMethod(EchoMethod);
    QTRY_VERIFY(editor(*window) != nullptr);
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), 10000);
    showPanel("sizesPanel");
    save(window.get(), QStringLiteral("sizes-tab.png"));
}

QTEST_MAIN(Screenshots)
#include "Screenshots.moc"
