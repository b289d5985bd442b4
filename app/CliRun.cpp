#include "app/CliArgs.h"
#include "app/CliCollection.h"
#include "app/CliCommands.h"
#include "model/collection/Collection.h"
#include "model/collection/SecretStore.h"
#include "model/core/AtomicFile.h"
#include "rpc/run/CollectionRun.h"

#include <QEventLoop>

#include <cstdio>

// `wirescope run`: a collection's requests as tests, for a terminal and for CI.
namespace wirescope::CliCommands {

namespace {

void print(FILE *stream, const QString &line)
{
    std::fputs(line.toUtf8().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

// The command line's TLS options replace every request's own: all of them when one
// security option is given, only the authority when that is all there is.
std::optional<SavedRequest::TlsProfile> tlsOverride(const CliArgs &args)
{
    using Security = SavedRequest::TlsProfile::Security;
    if (!args.plaintext && !args.useTls)
        return std::nullopt;
    SavedRequest::TlsProfile tls;
    tls.security = args.plaintext                             ? Security::Plaintext
        : !args.certFile.isEmpty() || !args.keyFile.isEmpty() ? Security::MutualTls
                                                              : Security::Tls;
    tls.caFile = args.caFile;
    tls.certFile = args.certFile;
    tls.keyFile = args.keyFile;
    tls.authority = args.authority;
    return tls;
}

QString resultLine(const RequestResult &result)
{
    const QString mark = result.passed() ? QStringLiteral("\u2713") : QStringLiteral("\u2717");
    const QString name = result.name.isEmpty() ? result.path : result.name;
    if (!result.outcome.sent)
        return QStringLiteral("%1 %2 (%3)  not sent").arg(mark, name, result.path);
    return QStringLiteral("%1 %2 (%3)  %4  %5")
        .arg(mark, name, result.path, result.outcome.codeName(), result.outcome.elapsedText());
}

void printFailures(const RequestResult &result)
{
    if (!result.outcome.sent)
        print(stdout, QStringLiteral("    %1").arg(result.outcome.failure));
    for (const CheckResult &check : result.checks) {
        if (check.passed || (!result.outcome.sent && check.name == QStringLiteral("sent")))
            continue;
        print(stdout,
            QStringLiteral("    \u2717 %1: expected %2, got %3")
                .arg(check.name, check.expected, check.actual));
        for (const QString &line : check.note.split(u'\n', Qt::SkipEmptyParts))
            print(stdout, QStringLiteral("        ") + line);
    }
}

bool writeReport(const QString &file, const QByteArray &bytes)
{
    QString error;
    if (AtomicFile::write(file, bytes, &error))
        return true;
    print(stderr, QStringLiteral("wirescope: cannot write %1: %2").arg(file, error));
    return false;
}

} // namespace

int run(const CliArgs &args)
{
    Collection collection;
    QString error;
    if (!collection.open(args.collection, &error)) {
        print(stderr, QStringLiteral("wirescope: %1").arg(error));
        return 2;
    }
    // A file the run cannot read is never skipped quietly: the run does not start.
    if (!collection.problems().isEmpty()) {
        print(stderr, QStringLiteral("wirescope: the collection has files that could not be read:"));
        for (const CollectionProblem &problem : collection.problems())
            print(stderr, QStringLiteral("  ") + problem.message);
        return 2;
    }
    CollectionRun::Options options;
    options.environment = args.environment;
    if (!args.environment.isEmpty() && !collection.settings().environment(args.environment)) {
        QStringList names;
        for (const Environment &known : collection.settings().environments)
            names.append(known.name);
        print(stderr,
            QStringLiteral("wirescope: no environment \"%1\" in the collection (it has: %2)")
                .arg(args.environment,
                    names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
        return 2;
    }
    for (const QString &variable : args.variables) {
        const qsizetype eq = variable.indexOf(u'=');
        options.variables.insert(variable.left(eq).trimmed(), variable.mid(eq + 1));
    }
    options.updateSnapshots = args.updateSnapshots;
    options.bail = args.bail;
    options.tls = tlsOverride(args);
    if (args.maxMessageBytes > 0)
        options.maxReceiveBytes = args.maxMessageBytes;

    QList<CollectionRun::Item> items;
    if (!CollectionRun::select(collection, args.runPaths, &items, &error)) {
        print(stderr, QStringLiteral("wirescope: %1").arg(error));
        return 2;
    }
    if (items.isEmpty()) {
        print(stderr, QStringLiteral("wirescope: %1 holds no request to run").arg(collection.directory()));
        return 2;
    }
    if (!options.tls && !args.authority.isEmpty()) {
        for (CollectionRun::Item &item : items)
            item.request.tls.authority = args.authority;
    }

    const std::unique_ptr<SecretStore> secrets = CliCollection::secretStore();
    CollectionRun run(collection.directory(), collection.settings(), items, options, secrets.get());
    QEventLoop loop;
    QObject::connect(&run, &CollectionRun::requestFinished, &loop, [](int, const RequestResult &result) {
        print(stdout, resultLine(result));
        if (!result.passed())
            printFailures(result);
    });
    QObject::connect(&run, &CollectionRun::finished, &loop, &QEventLoop::quit);
    run.start();
    loop.exec();

    const RunReport &report = run.report();
    print(stdout, report.summary());
    bool written = true;
    if (!args.junitFile.isEmpty())
        written = writeReport(args.junitFile, report.toJUnit()) && written;
    if (!args.jsonFile.isEmpty())
        written = writeReport(args.jsonFile, report.toJson()) && written;
    if (!written)
        return 2;
    return report.passed() && !report.cancelled ? 0 : 1;
}

} // namespace wirescope::CliCommands
