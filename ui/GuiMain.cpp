#include "ui/GuiMain.h"

#include "app/CliArgs.h"
#include "rpc/DemoServer.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QMessageBox>

namespace wirescope {

int runGui(int argc, char **argv, const CliArgs &args)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Wirescope"));
    QApplication::setOrganizationName(QStringLiteral("Wirescope"));
    QApplication::setApplicationVersion(QStringLiteral(WIRESCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.wirescope.Wirescope"));

    Theme::applyApplicationStyle();

    DemoServer demo;
    MainWindow::Startup startup;
    startup.protoFiles = args.protoFiles;
    startup.importPaths = args.importPaths;
    startup.protosets = args.protosets;
    startup.target = args.target;
    startup.plaintext = args.plaintext || (!args.useTls && args.target.isEmpty());
    startup.caFile = args.caFile;
    startup.certFile = args.certFile;
    startup.keyFile = args.keyFile;
    startup.authority = args.authority;
    startup.collection = args.collection;
    if (args.target.isEmpty()) {
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
