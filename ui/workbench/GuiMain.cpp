#include "ui/workbench/GuiMain.h"

#include "model/schema/SchemaWorkspace.h"
#include "rpc/demo/DemoServer.h"
#include "ui/request/RequestTab.h"
#include "ui/request/RequestTabs.h"
#include "ui/workbench/StartupProbe.h"
#include "ui/workbench/Theme.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>

namespace wirescope {

namespace {

// Usable, for the startup probe: the schema is loaded and the current request tab has its
// method, a body and an enabled Send button. (The demo server listens before the window is
// made: DemoServer::start returns once it does.)
bool requestReady(const MainWindow &window)
{
    const auto *tabs = window.findChild<RequestTabs *>(QStringLiteral("requestTabs"));
    const RequestTab *tab = tabs ? tabs->current() : nullptr;
    if (!tab || !tab->isResolved() || window.workspace()->isBusy() || tab->body().trimmed().isEmpty())
        return false;
    const auto *send = tab->findChild<QPushButton *>(QStringLiteral("sendButton"));
    return send && send->isEnabled();
}

} // namespace

int runGui(int argc, char **argv, MainWindow::Startup startup)
{
    StartupProbe::mark("main");
    QApplication app(argc, argv);
    StartupProbe::mark("qapplication");
    QApplication::setApplicationName(QStringLiteral("Wirescope"));
    QApplication::setOrganizationName(QStringLiteral("Wirescope"));
    QApplication::setApplicationVersion(QStringLiteral(WIRESCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.wirescope.Wirescope"));

    Theme::applyApplicationStyle();

    DemoServer demo;
    if (startup.target.isEmpty()) {
        QString error;
        if (demo.start(DemoServer::Options {}, &error)) {
            startup.target = demo.address();
            startup.plaintext = true;
            startup.isDemo = true;
        } else {
            QMessageBox::warning(nullptr, QStringLiteral("Wirescope"),
                QStringLiteral("The demo server could not start: %1").arg(error));
        }
    }
    startup.offerTour = true; // only the real app: tests never get a tour over their widgets
    startup.paintFirst = true;
    StartupProbe::mark("demo-server");
    MainWindow window(startup);
    StartupProbe::mark("main-window");
    window.show();
    StartupProbe::mark("shown");
    StartupProbe::watch(&window, [&window] { return requestReady(window); });
    const int status = QApplication::exec();
    demo.stop();
    return status;
}

} // namespace wirescope
