#pragma once

#include "model/schema/ServiceTreeModel.h"
#include "rpc/demo/DemoServer.h"
#include "ui/workbench/MainWindow.h"

#include <QAbstractItemView>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

#include "ui/request/QsciIncludes.h"

// Small helpers shared by the GUI tests: find the widgets of the current request tab by
// objectName and wait for the demo schema to arrive through reflection.
namespace wirescope::GuiTest {

inline const QString EchoMethod = QStringLiteral("wirescope.demo.v1.DemoService/Echo");
inline const QString ChatMethod = QStringLiteral("wirescope.demo.v1.DemoService/Chat");
inline const QString TicksMethod = QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks");

inline QWidget *currentTab(const MainWindow &window)
{
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("requestTabs"));
    return tabs ? tabs->currentWidget() : nullptr;
}

inline QString currentTabTitle(const MainWindow &window)
{
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("requestTabs"));
    return tabs ? tabs->tabText(tabs->currentIndex()) : QString();
}

template<typename T> T *inCurrentTab(const MainWindow &window, const char *name)
{
    QWidget *tab = currentTab(window);
    return tab ? tab->findChild<T *>(QString::fromLatin1(name)) : nullptr;
}

inline QsciScintilla *editor(const MainWindow &window)
{
    return inCurrentTab<QsciScintilla>(window, "requestEditor");
}

inline QString responseText(const MainWindow &window)
{
    auto *body = inCurrentTab<QsciScintilla>(window, "responseBody");
    return body ? body->text() : QString();
}

inline bool hasMethod(const MainWindow &window, const QString &method)
{
    return window.serviceTreeModel()->findMethod(method).isValid();
}

// The main window on the in-process demo server, shown at a given size.
inline std::unique_ptr<MainWindow> openDemoWindow(const DemoServer &demo, QSize size)
{
    MainWindow::Startup startup;
    startup.target = demo.address();
    startup.isDemo = true;
    auto window = std::make_unique<MainWindow>(startup);
    window->resize(size);
    window->show();
    return window;
}

// The longest time the event loop went without running a 10 ms timer: how long the
// window was unresponsive while the probe ran.
class StallProbe final {
public:
    StallProbe()
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_worst = std::max(m_worst, m_clock.elapsed() - m_last);
            m_last = m_clock.elapsed();
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_worst = 0;
        m_timer.start(10);
    }
    void stop() { m_timer.stop(); }
    qint64 longestGapMs() const { return m_worst; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

private:
    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_last = 0;
    qint64 m_worst = 0;
};

// Settings, history, drafts and secrets go to a home folder of this test process alone (so
// tests running in parallel never share them) and start empty, so no earlier test's tabs,
// drafts or collections come back.
inline void isolateSettings()
{
    static QTemporaryDir home;
    qputenv("HOME", home.path().toLocal8Bit());
    QStandardPaths::setTestModeEnabled(true);
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).removeRecursively();
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

inline const char *BrokenProto = "syntax = \"proto3\";\n"
                                 "package broken.v1;\n"
                                 "\n"
                                 "message Thing {\n"
                                 "  string name = 1\n"
                                 "  int32 id = 2;\n"
                                 "}\n"
                                 "\n"
                                 "service Things {\n"
                                 "  rpc Get(Missing) returns (Thing);\n"
                                 "}\n";

// BrokenProto written as "broken.proto" in `dir`; its path, or empty when it could not be.
inline QString writeBrokenProto(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("broken.proto"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(BrokenProto) < 0)
        return {};
    return path;
}

} // namespace wirescope::GuiTest
