#pragma once

#include "model/ServiceTreeModel.h"
#include "ui/MainWindow.h"

#include <QAbstractItemView>
#include <QFile>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include "ui/QsciIncludes.h"

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

// Settings go to a test folder and start empty, so no earlier run's tabs come back.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/wirescope.ini"));
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

} // namespace wirescope::GuiTest
