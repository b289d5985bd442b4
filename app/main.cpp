#include "app/CliArgs.h"
#include "app/CliCommands.h"

#include <grpc/support/log.h>

#include <QCoreApplication>

#include <cstdio>

#ifdef WIRESCOPE_WITH_GUI
#include "ui/workbench/GuiMain.h"
#endif

namespace {

void dropGrpcLogLine(gpr_log_func_args *)
{
}

int runHeadless(int argc, char **argv, const wirescope::CliArgs &args)
{
    // gRPC's own log lines ("E1204 ... ssl_transport_security.cc ...") are not for a CLI's
    // user: the status a command ends with says what went wrong, in the CLI's words.
    // GRPC_VERBOSITY (gRPC's own variable) brings them back for debugging.
    if (qEnvironmentVariableIsEmpty("GRPC_VERBOSITY"))
        gpr_set_log_function(dropGrpcLogLine);
    QCoreApplication app(argc, argv);
    // The same names as the GUI, so both find the same config folder (secrets, settings).
    QCoreApplication::setApplicationName(QStringLiteral("Wirescope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Wirescope"));
    using Command = wirescope::CliArgs::Command;
    switch (args.command) {
    case Command::List:
        return wirescope::CliCommands::list(args);
    case Command::Describe:
        return wirescope::CliCommands::describe(args);
    case Command::Call:
        return wirescope::CliCommands::call(args);
    case Command::ServeDemo:
        return wirescope::CliCommands::serveDemo(args);
    case Command::Inspect:
        return wirescope::CliCommands::inspect(args);
    case Command::Run:
        return wirescope::CliCommands::run(args);
    case Command::Encode:
        return wirescope::CliCommands::encode(args);
    case Command::Evolve:
        return wirescope::CliCommands::evolve(args);
    case Command::Mock:
        return wirescope::CliCommands::mock(args);
    case Command::Bench:
        return wirescope::CliCommands::bench(args);
    case Command::Gui:
    case Command::Help:
    case Command::Version:
        break;
    }
    return 0;
}

#ifdef WIRESCOPE_WITH_GUI
wirescope::MainWindow::Startup guiStartup(const wirescope::CliArgs &args)
{
    wirescope::MainWindow::Startup startup;
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
    return startup;
}
#endif

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const wirescope::CliArgs args = wirescope::CliArgs::parse(arguments);
    if (!args.error.isEmpty()) {
        std::fprintf(
            stderr, "wirescope: %s\n\n%s", qPrintable(args.error), qPrintable(wirescope::CliArgs::usage()));
        return 2;
    }
    if (args.command == wirescope::CliArgs::Command::Help) {
        std::fputs(qPrintable(wirescope::CliArgs::usage()), stdout);
        return 0;
    }
    if (args.command == wirescope::CliArgs::Command::Version) {
        std::puts("wirescope " WIRESCOPE_VERSION);
        return 0;
    }
    if (args.command != wirescope::CliArgs::Command::Gui)
        return runHeadless(argc, argv, args);
#ifdef WIRESCOPE_WITH_GUI
    return wirescope::runGui(argc, argv, guiStartup(args));
#else
    std::fputs("wirescope: built without the GUI; use a subcommand.\n\n", stderr);
    std::fputs(qPrintable(wirescope::CliArgs::usage()), stderr);
    return 2;
#endif
}
