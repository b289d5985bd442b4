#include "app/CliArgs.h"
#include "app/CliCollection.h"
#include "app/CliCommands.h"
#include "app/CliSession.h"
#include "model/core/AtomicFile.h"
#include "model/load/LoadPlan.h"
#include "model/load/LoadReport.h"
#include "model/load/LoadTemplate.h"
#include "model/schema/MethodRef.h"
#include "rpc/load/LoadRequest.h"
#include "rpc/load/LoadRun.h"

#include <google/protobuf/descriptor.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QPointer>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <pthread.h>
#include <thread>
#include <unistd.h>

// `wirescope bench`: one method under load, at a rate or a concurrency, for a terminal and
// for CI (thresholds make the exit status).
namespace wirescope::CliCommands {

namespace {

constexpr qint64 DefaultDurationNanos = 10'000'000'000; // when neither --duration nor --total

void print(FILE *stream, const QString &line)
{
    std::fputs(line.toUtf8().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

bool readDuration(const QString &option, const QString &text, qint64 *nanos)
{
    QString error;
    if (!LoadPlan::parseDuration(text, nanos, &error)) {
        print(stderr, QStringLiteral("wirescope: %1: %2").arg(option, error));
        return false;
    }
    return true;
}

// The plan the command line asks for; false (said on stderr) when it cannot run.
bool readPlan(const CliArgs &args, LoadPlan *plan)
{
    if (args.rps > 0) {
        plan->rps = args.rps;
        if (args.concurrency > 0)
            plan->maxInFlight = args.concurrency; // with a rate, the most in flight
    } else if (args.concurrency > 0) {
        plan->concurrency = args.concurrency;
    }
    plan->connections = args.connections;
    plan->total = args.total;
    if (!args.durationText.isEmpty()) {
        if (!readDuration(QStringLiteral("--duration"), args.durationText, &plan->durationNanos))
            return false;
        if (plan->durationNanos <= 0) {
            print(stderr,
                QStringLiteral("wirescope: --duration: \"%1\" is no time at all").arg(args.durationText));
            return false;
        }
    } else if (args.total <= 0) {
        plan->durationNanos = DefaultDurationNanos;
    }
    if (!args.rampText.isEmpty() && !readDuration(QStringLiteral("--ramp"), args.rampText, &plan->rampNanos))
        return false;
    if (const QString problem = plan->problem(); !problem.isEmpty()) {
        print(stderr, QStringLiteral("wirescope: ") + problem);
        return false;
    }
    return true;
}

// -d's text; "@" reads every message from standard input before the run starts.
QByteArray dataText(const CliArgs &args)
{
    if (args.data.trimmed() != QStringLiteral("@"))
        return args.data.toUtf8();
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return in.readAll();
}

// Every message sent on each call, encoded: 0, or the exit status. With per-call values in
// them, call 1's messages are encoded (and so checked); `bodies` gets the messages as written.
int encodeMessages(const CliSession &session, const google::protobuf::MethodDescriptor *method,
    const QByteArray &text, bool templated, QList<QByteArray> *encoded, QList<QByteArray> *bodies = nullptr)
{
    const QList<QByteArray> written = session.dataBodies(method, text);
    if (!method->client_streaming() && written.size() > 1) {
        print(stderr,
            QStringLiteral("wirescope: %1 takes one request; -d holds %2")
                .arg(QString::fromStdString(method->full_name()))
                .arg(written.size()));
        return 2;
    }
    for (qsizetype i = 0; i < written.size(); ++i) {
        const QByteArray json
            = templated ? LoadTemplate::render(QString::fromUtf8(written.at(i)), 1).toUtf8() : written.at(i);
        QByteArray bytes;
        if (!session.encodeRequest(method, json, int(i + 1), &bytes))
            return 1;
        encoded->append(bytes);
    }
    if (bodies)
        *bodies = written;
    return 0;
}

// What every call sends, and where: 0, or the exit status (the schema is loaded like call's).
struct Prepared {
    CallSpec spec;
    QList<QByteArray> messages;
    ChannelOptions options;
    LoadCaller::Vary vary; // set when the body or metadata hold {{seq}} or {{randomInt A B}}
};

// Bodies and -H lines with per-call values: each call renders and encodes its own, from its
// number. Checked once here with call 1, so a run never starts with requests that fail.
bool varies(const QString &text, const QStringList &headers)
{
    bool any = LoadTemplate::holdsTemplates(text);
    for (const QString &line : headers)
        any = any || LoadTemplate::holdsTemplates(line);
    return any;
}

int prepareVary(const CliSession &session, const CliArgs &args,
    const google::protobuf::MethodDescriptor *method, const QString &text, Prepared *prepared)
{
    QString error;
    QStringList parts = args.headers;
    parts.append(text);
    for (const QString &part : std::as_const(parts)) {
        if (!LoadTemplate::check(part, &error)) {
            print(stderr, QStringLiteral("wirescope: %1").arg(error));
            return 2;
        }
    }
    // The braces of {{...}} balance, so the messages split as they are written. Call 1's are
    // checked here, and stand in for a later call's that would not encode.
    QList<QByteArray> bodies;
    if (const int status = encodeMessages(session, method, text.toUtf8(), true, &prepared->messages, &bodies);
        status != 0)
        return status;
    prepared->vary = LoadRequest::perCall(
        MethodRef::resolve(session.schema(), QString::fromStdString(method->full_name())), bodies,
        args.headers, prepared->messages);
    return 0;
}

int prepare(const CliArgs &args, Prepared *prepared)
{
    CliSession session(args);
    if (!session.checkHeaders())
        return 2;
    if (!session.loadSchema())
        return 1;
    const google::protobuf::MethodDescriptor *method = session.callMethod();
    if (!method)
        return 1;
    if (!session.callSpec(method, &prepared->spec))
        return 2;
    prepared->options = session.channelOptions();
    const QString text = QString::fromUtf8(dataText(args));
    if (varies(text, args.headers))
        return prepareVary(session, args, method, text, prepared);
    return encodeMessages(session, method, text.toUtf8(), false, &prepared->messages);
}

// Connects before the clock starts, so the first calls' latencies do not hold the TCP and
// TLS handshakes. A connection that fails is left to fail its calls, which the report counts.
std::vector<std::shared_ptr<Connection>> openConnections(const ChannelOptions &options, int count)
{
    std::vector<std::shared_ptr<Connection>> connections = LoadRequest::connections(options, count);
    QElapsedTimer clock;
    clock.start();
    constexpr qint64 patienceMs = 10000;
    for (const std::shared_ptr<Connection> &connection : connections)
        connection->waitForConnected(int(std::max<qint64>(0, patienceMs - clock.elapsed())));
    return connections;
}

bool outputWritable(const QString &file)
{
    const QFileInfo info(file);
    if (info.exists() ? info.isFile() && info.isWritable() : QFileInfo(info.absolutePath()).isWritable())
        return true;
    print(stderr, QStringLiteral("wirescope: -o: cannot write %1").arg(QDir::toNativeSeparators(file)));
    return false;
}

QByteArray formatted(const CliArgs &args, const LoadReport &report)
{
    if (args.format == u"json")
        return report.toJson();
    if (args.format == u"csv")
        return report.toCsv();
    return report.toSummary().toUtf8();
}

// The thresholds that make the exit status: 1 when one is exceeded.
int judge(const CliArgs &args, const LoadReport &report)
{
    int status = 0;
    if (args.failP99Ms >= 0) {
        const qint64 p99 = report.latency.valueAtPercentile(99);
        if (report.latency.count() == 0) {
            print(stderr, QStringLiteral("wirescope: no call ended, so --fail-p99 cannot hold"));
            status = 1;
        } else if (double(p99) > args.failP99Ms * 1e6) {
            print(stderr,
                QStringLiteral("wirescope: the 99th percentile latency, %1, is over --fail-p99 %2 ms")
                    .arg(LoadPlan::durationText(p99))
                    .arg(args.failP99Ms));
            status = 1;
        }
    }
    if (args.failErrors >= 0 && report.errorRate() > args.failErrors) {
        print(stderr,
            QStringLiteral("wirescope: %1 % of the calls failed, over --fail-errors %2")
                .arg(report.errorRate() * 100, 0, 'f', 2)
                .arg(args.failErrors));
        status = 1;
    }
    return status;
}

// Ctrl+C (or SIGTERM) cancels the run, which then ends with the report so far; a second
// one ends the process at once. The signals were blocked before gRPC started its threads,
// so only this thread receives them.
void cancelOnSignal(const sigset_t &signals, LoadRun *run)
{
    auto cancel = [guard = QPointer<LoadRun>(run)] {
        if (guard)
            guard->cancel();
    };
    std::thread([signals, cancel] {
        int received = 0;
        sigwait(&signals, &received);
        QMetaObject::invokeMethod(QCoreApplication::instance(), cancel, Qt::QueuedConnection);
        sigwait(&signals, &received);
        std::_Exit(128 + received);
    }).detach();
}

// Runs to the end (or to Ctrl+C), with a progress line a second on a terminal.
LoadReport runToEnd(LoadRun &run, const sigset_t &signals, QString *error)
{
    const bool live = isatty(fileno(stderr)) != 0;
    int ticks = 0;
    QObject::connect(&run, &LoadRun::progress, &run, [&](const LoadReport &report) {
        if (live && ++ticks % 4 == 0) // progress comes every 250 ms
            std::fprintf(stderr, "\r%s\x1b[K", report.progressLine().toUtf8().constData());
    });
    QEventLoop loop;
    QObject::connect(&run, &LoadRun::finished, &loop, &QEventLoop::quit);
    if (!run.start(error))
        return {};
    cancelOnSignal(signals, &run);
    // Said once, on stderr: scripts read the report on stdout; people and tests see it began.
    print(stderr, QStringLiteral("wirescope: bench running (Ctrl+C ends it with the report so far)"));
    if (run.isRunning())
        loop.exec();
    if (ticks >= 4)
        std::fputs("\r\x1b[K", stderr);
    return run.report();
}

// The report in its format, to -o FILE or standard output: 0, or 2 when the file cannot
// be written (the report then goes to standard output).
int writeReport(const CliArgs &args, const LoadReport &report)
{
    const QByteArray text = formatted(args, report);
    QString error;
    if (!args.outputFile.isEmpty() && AtomicFile::write(args.outputFile, text, &error))
        return 0;
    if (!args.outputFile.isEmpty())
        print(stderr, QStringLiteral("wirescope: cannot write %1: %2").arg(args.outputFile, error));
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
    return args.outputFile.isEmpty() ? 0 : 2;
}

} // namespace

int bench(const CliArgs &given)
{
    // A saved request is resolved as call resolves it; its {{seq}} and {{randomInt A B}}
    // are left for each call to render.
    CliArgs args;
    if (!CliCollection::resolveArguments(given, CliCollection::Helpers::Load, &args))
        return 2;
    if (args.target.isEmpty() || args.symbol.isEmpty()) {
        print(stderr,
            QStringLiteral("wirescope: bench needs a TARGET and a METHOD, e.g. wirescope bench "
                           "localhost:50051 pkg.Service/Method --rps 100 --duration 10s (or --collection "
                           "DIR REQUEST)"));
        return 2;
    }
    LoadPlan plan;
    if (!readPlan(args, &plan))
        return 2;
    if (!args.outputFile.isEmpty() && !outputWritable(args.outputFile))
        return 2;
    // Ctrl+C is waited for on a thread of its own: blocked before gRPC starts its threads.
    const sigset_t signals = blockStopSignals();

    Prepared prepared;
    if (const int status = prepare(args, &prepared); status != 0)
        return status;
    LoadRun run(openConnections(prepared.options, plan.connections), prepared.spec, prepared.messages, plan);
    run.setVary(prepared.vary);
    QString error;
    const LoadReport report = runToEnd(run, signals, &error);
    if (!error.isEmpty()) {
        print(stderr, QStringLiteral("wirescope: %1").arg(error));
        return 1;
    }
    if (const int status = writeReport(args, report); status != 0)
        return status;
    return judge(args, report);
}

} // namespace wirescope::CliCommands
