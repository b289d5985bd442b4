#include "ui/workbench/GuiMain.h"

#include "rpc/demo/DemoServer.h"
#include "ui/workbench/Theme.h"

#include <QApplication>
#include <QMessageBox>

namespace wirescope {

int runGui(int argc, char **argv, MainWindow::Startup startup)
{
    QApplication app(argc, argv);
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
    MainWindow window(startup);
    window.show();
    const int status = QApplication::exec();
    demo.stop();
    return status;
}

} // namespace wirescope
