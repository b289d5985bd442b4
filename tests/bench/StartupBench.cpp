// Cold start of the workbench against a bare Qt window, on a real X server. Each run
// launches this program with --bare (a QApplication and a QMainWindow, nothing else) and the
// real binary, in turn, each with a fresh HOME so the app starts as on a newcomer's first
// run: the demo server, the demo collection, the preferred method opened with its example
// body. The tour is offered but never reached: it starts 400 ms after that request opens and
// the app quits at `usable`. Both children report through StartupProbe; a time runs from
// just before QProcess::start to the milestone's frame on the screen. The targets (issue 19):
// the app's first paint at most 2x, its usable state at most 3x the bare first paint.
//
// With --history N the app starts as a returning user's does instead: N calls in its history
// (each an Echo with a short body and a response of about 1.5 KB), the bound being 1,000.
//
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/bench/wirescope_startup_bench [--runs N] [--app PATH]
//       [--history N]

#include "tests/support/FreshProfile.h"
#include "ui/workbench/StartupProbe.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMainWindow>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>

using namespace wirescope;

namespace {

constexpr int TimeoutMs = 30'000;

struct Options {
    int runs = 5;
    QString app = QStringLiteral(WIRESCOPE_BINARY);
    int history = 0;
    QString error;
};

// What one child reported: each milestone in ns after its launch.
struct Launch {
    std::map<QByteArray, qint64> milestones;
    QString error;
};

qint64 monotonicNs()
{
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
}

Options parseOptions(const QStringList &args)
{
    Options options;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args[i];
        const bool hasValue = i + 1 < args.size();
        if (arg == QStringLiteral("--runs") && hasValue)
            options.runs = args[++i].toInt();
        else if (arg == QStringLiteral("--app") && hasValue)
            options.app = args[++i];
        else if (arg == QStringLiteral("--history") && hasValue)
            options.history = args[++i].toInt();
        else
            options.error = QStringLiteral("unknown argument: %1").arg(arg);
    }
    if (options.runs < 1 && options.error.isEmpty())
        options.error = QStringLiteral("--runs takes a positive number");
    if (options.history < 0 && options.error.isEmpty())
        options.error = QStringLiteral("--history takes a number of calls");
    return options;
}

// `count` calls of the demo's Echo as the app's history file keeps them, one JSON object a
// line (HistoryEntry::toJson); written here with QtCore alone, so that this program (the
// bare window's too) links nothing of the app's.
QByteArray historyLines(int count)
{
    QJsonArray response;
    for (int i = 0; i < 24; ++i)
        response.append(QStringLiteral("  \"tag%1\": \"a value the server sent back, number %1\",").arg(i));
    const QJsonObject tls {{QStringLiteral("security"), QStringLiteral("plaintext")}};
    const QJsonObject schema {{QStringLiteral("kind"), QStringLiteral("reflection")}};
    QByteArray lines;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-7);
    for (int i = 0; i < count; ++i) {
        const QJsonObject request {{QStringLiteral("target"), QStringLiteral("127.0.0.1:50051")},
            {QStringLiteral("method"), QStringLiteral("wirescope.demo.v1.DemoService/Echo")},
            {QStringLiteral("body"),
                QJsonArray {QStringLiteral("{"), QStringLiteral("  \"text\": \"call %1\",").arg(i),
                    QStringLiteral("  \"count\": %1").arg(i), QStringLiteral("}")}},
            {QStringLiteral("metadata"), QJsonArray {}}, {QStringLiteral("deadlineMs"), 0},
            {QStringLiteral("tls"), tls}, {QStringLiteral("schema"), schema}};
        const QString body = QStringLiteral("{\n")
            + QString::fromUtf8(QJsonDocument(response).toJson(QJsonDocument::Compact))
            + QStringLiteral("\n}");
        const QJsonObject entry {{QStringLiteral("formatVersion"), 1},
            {QStringLiteral("time"), start.addSecs(i * 60).toString(Qt::ISODateWithMs)},
            {QStringLiteral("request"), request},
            {QStringLiteral("resolvedTarget"), QStringLiteral("127.0.0.1:50051")},
            {QStringLiteral("status"), QStringLiteral("OK")}, {QStringLiteral("elapsedMs"), 2},
            {QStringLiteral("responseSummary"), body.left(200)}, {QStringLiteral("response"), body}};
        lines += QJsonDocument(entry).toJson(QJsonDocument::Compact);
        lines += '\n';
    }
    return lines;
}

int runBare(int argc, char **argv)
{
    StartupProbe::mark("main");
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QWidget(&window));
    window.resize(1280, 800); // the size the workbench opens at on a first run
    window.show();
    StartupProbe::watch(&window);
    return QApplication::exec();
}

// A newcomer's account on the X server: empty config and data folders, the machine's caches
// (fonts) kept.
QProcessEnvironment childEnvironment(const QTemporaryDir &profile, const QString &probeFile)
{
    QProcessEnvironment env = test::freshProfileEnvironment(profile.path(), probeFile, QStringLiteral("xcb"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"),
        QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation));
    return env;
}

std::map<QByteArray, qint64> readProbe(const QString &path, qint64 launchedNs)
{
    std::map<QByteArray, qint64> milestones;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return milestones;
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split(' ');
        if (fields.size() == 2)
            milestones[fields[0]] = fields[1].toLongLong() - launchedNs;
    }
    return milestones;
}

// `history`: the lines of the history file the profile starts with (none: a first run).
Launch launch(const QString &program, const QStringList &arguments, const QList<QByteArray> &wanted,
    const QByteArray &history = {})
{
    QTemporaryDir profile;
    QDir(profile.path()).mkpath(QStringLiteral(".config"));
    QDir(profile.path()).mkpath(QStringLiteral(".local/share"));
    if (!history.isEmpty()) {
        const QString folder = test::profileDataFolder(profile.path()) + QStringLiteral("/history");
        QDir().mkpath(folder);
        QFile file(folder + QStringLiteral("/history.jsonl"));
        if (!file.open(QIODevice::WriteOnly) || file.write(history) != history.size())
            return Launch {{}, QStringLiteral("cannot write %1").arg(file.fileName())};
    }
    const QString probeFile = profile.filePath(QStringLiteral("startup-probe.txt"));
    QProcess process;
    process.setProcessEnvironment(childEnvironment(profile, probeFile));
    process.setProcessChannelMode(QProcess::MergedChannels);
    const qint64 launched = monotonicNs();
    process.start(program, arguments);
    if (!process.waitForFinished(TimeoutMs) && process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    Launch result;
    result.milestones = readProbe(probeFile, launched);
    for (const QByteArray &milestone : wanted) {
        if (result.milestones.count(milestone) == 0) {
            result.error = QStringLiteral("%1 gave no %2 within %3 s (%4, exit code %5). Its output:\n%6")
                               .arg(program, QString::fromLatin1(milestone))
                               .arg(TimeoutMs / 1000)
                               .arg(process.errorString())
                               .arg(process.exitCode())
                               .arg(QString::fromLocal8Bit(process.readAll().right(4000)));
            break;
        }
    }
    return result;
}

double medianMs(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    const double ns = values.size() % 2 ? double(values[mid]) : (double(values[mid - 1]) + values[mid]) / 2;
    return ns / 1e6;
}

void report(const QList<qint64> &bare, const QList<qint64> &paint, const QList<qint64> &usable,
    const std::map<QByteArray, QList<qint64>> &steps)
{
    const double base = medianMs(bare);
    std::printf("\nmedians of %lld runs\n", qint64(bare.size()));
    std::printf("%-28s %9.1f ms\n", "bare QMainWindow first paint", base);
    std::printf("%-28s %9.1f ms  %5.2fx bare  (target <= 2x)\n", "wirescope first paint", medianMs(paint),
        medianMs(paint) / base);
    std::printf("%-28s %9.1f ms  %5.2fx bare  (target <= 3x)\n", "wirescope usable", medianMs(usable),
        medianMs(usable) / base);
    std::printf("steps on the way (medians, ms after launch):");
    std::map<double, QByteArray> ordered;
    for (const auto &[step, times] : steps)
        ordered.emplace(medianMs(times), step);
    for (const auto &[ms, step] : ordered)
        std::printf(" %s %.1f", step.constData(), ms);
    std::printf("\n");
}

int runDriver(const Options &options)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        std::fputs("wirescope_startup_bench: no X display; run it under xvfb-run -a\n", stderr);
        return 2;
    }
    const QString self = QCoreApplication::applicationFilePath();
    const QByteArray paint("first-paint");
    const QByteArray usable("usable");
    QList<qint64> barePaints, appPaints, appUsables;
    std::map<QByteArray, QList<qint64>> appSteps;
    const QByteArray history = historyLines(options.history);
    // Run 0 warms the page cache for both and is not counted; then the order alternates, so
    // neither child always starts right after the other's exit.
    for (int run = 0; run <= options.runs; ++run) {
        Launch bare, app;
        if (run % 2 == 0)
            bare = launch(self, {QStringLiteral("--bare")}, {paint});
        app = launch(options.app, {}, {paint, usable}, history);
        if (run % 2 == 1)
            bare = launch(self, {QStringLiteral("--bare")}, {paint});
        for (const Launch *failed : {&bare, &app}) {
            if (!failed->error.isEmpty()) {
                std::fprintf(stderr, "wirescope_startup_bench: %s\n", qPrintable(failed->error));
                return 1;
            }
        }
        if (run == 0)
            continue;
        barePaints.append(bare.milestones[paint]);
        appPaints.append(app.milestones[paint]);
        appUsables.append(app.milestones[usable]);
        for (const auto &[step, ns] : app.milestones) {
            if (step != paint && step != usable)
                appSteps[step].append(ns);
        }
        for (const auto &[step, ns] : bare.milestones) {
            if (step != paint)
                appSteps["bare-" + step].append(ns);
        }
        std::printf("run %d: bare first paint %7.1f ms, wirescope first paint %7.1f ms, usable %7.1f ms\n",
            run, double(barePaints.last()) / 1e6, double(appPaints.last()) / 1e6,
            double(appUsables.last()) / 1e6);
        std::fflush(stdout);
    }
    if (options.history > 0)
        std::printf("\nthe app started with %d calls in its history", options.history);
    report(barePaints, appPaints, appUsables, appSteps);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--bare") == 0)
            return runBare(argc, argv);
    }
    QCoreApplication app(argc, argv);
    const Options options = parseOptions(QCoreApplication::arguments());
    if (!options.error.isEmpty()) {
        std::fprintf(stderr,
            "wirescope_startup_bench: %s\nusage: xvfb-run -a -s \"-screen 0 1600x1000x24\" "
            "wirescope_startup_bench [--runs N] [--app PATH] [--history N]\n",
            qPrintable(options.error));
        return 2;
    }
    return runDriver(options);
}
