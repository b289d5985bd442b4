#include "app/CliArgs.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace wirescope;

// The command line's grammar: wirescope's verbs, grpcurl's orderings and spellings, files.
class CliArgsTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readmeShowsTheHelpAsItIs();
    void nothingOpensTheGui();
    void targetAloneOpensTheGuiOnIt();
    void schemaFilesOpenTheGui();
    void collectionFolderOpensTheGui();
    void grpcurlOrder();
    void wirescopeOrder();
    void singleAndDoubleDashes();
    void gluedShortOptions();
    void errors();
    void runTakesACollectionAndPaths();
    void benchTakesItsOptions();
    void evolveTakesTwoSchemas();
};

static QStringList words(const char *line)
{
    return QString::fromUtf8(line).split(u' ', Qt::SkipEmptyParts);
}

void CliArgsTest::nothingOpensTheGui()
{
    const CliArgs args = CliArgs::parse({});
    QCOMPARE(args.command, CliArgs::Command::Gui);
    QVERIFY(args.target.isEmpty() && args.error.isEmpty());
}

void CliArgsTest::targetAloneOpensTheGuiOnIt()
{
    const CliArgs args = CliArgs::parse(words("--proto a.proto -I dir localhost:50051"));
    QCOMPARE(args.command, CliArgs::Command::Gui);
    QCOMPARE(args.target, QStringLiteral("localhost:50051"));
    QCOMPARE(args.protoFiles, QStringList {QStringLiteral("a.proto")});
    QCOMPARE(args.importPaths, QStringList {QStringLiteral("dir")});
}

void CliArgsTest::schemaFilesOpenTheGui()
{
    const CliArgs args = CliArgs::parse(words("/home/u/api.proto /tmp/x.protoset /tmp/y.binpb localhost:1"));
    QCOMPARE(args.command, CliArgs::Command::Gui);
    QVERIFY2(args.error.isEmpty(), qPrintable(args.error));
    QCOMPARE(args.protoFiles, QStringList {QStringLiteral("/home/u/api.proto")});
    QCOMPARE(
        args.protosets, (QStringList {QStringLiteral("/tmp/x.protoset"), QStringLiteral("/tmp/y.binpb")}));
    QCOMPARE(args.target, QStringLiteral("localhost:1"));
}

// A collection's folder (or its collection.json, as a file manager hands it over) opens
// the GUI on it; "call --collection DIR REQUEST" runs a saved request; a plain folder is
// not mistaken for one.
void CliArgsTest::collectionFolderOpensTheGui()
{
    QTemporaryDir dir;
    QFile settings(dir.filePath(QStringLiteral("collection.json")));
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write("{}");
    settings.close();
    const CliArgs folder = CliArgs::parse({dir.path(), QStringLiteral("localhost:1")});
    QCOMPARE(folder.command, CliArgs::Command::Gui);
    QVERIFY2(folder.error.isEmpty(), qPrintable(folder.error));
    QCOMPARE(folder.collection, dir.path());
    QCOMPARE(folder.target, QStringLiteral("localhost:1"));
    const CliArgs file = CliArgs::parse({settings.fileName()});
    QCOMPARE(file.collection, dir.path());

    const CliArgs call = CliArgs::parse({QStringLiteral("call"), QStringLiteral("--collection"), dir.path(),
        QStringLiteral("--env"), QStringLiteral("dev"), QStringLiteral("orders/place.json")});
    QCOMPARE(call.command, CliArgs::Command::Call);
    QCOMPARE(call.collection, dir.path());
    QCOMPARE(call.environment, QStringLiteral("dev"));
    QCOMPARE(call.symbol, QStringLiteral("orders/place.json"));
    QVERIFY(call.target.isEmpty());

    QTemporaryDir plain;
    const CliArgs notOne = CliArgs::parse({plain.path()});
    QVERIFY(notOne.collection.isEmpty());
    QVERIFY(!notOne.error.isEmpty()); // an unknown word, as before
}

void CliArgsTest::grpcurlOrder()
{
    CliArgs args = CliArgs::parse(words("-plaintext -d {} -max-time 2.5 localhost:1 pkg.S/M"));
    QCOMPARE(args.command, CliArgs::Command::Call);
    QCOMPARE(args.target, QStringLiteral("localhost:1"));
    QCOMPARE(args.symbol, QStringLiteral("pkg.S/M"));
    QVERIFY(args.plaintext);
    QCOMPARE(args.maxTimeSeconds, 2.5);
    args = CliArgs::parse(words("-plaintext localhost:1 describe pkg.Msg"));
    QCOMPARE(args.command, CliArgs::Command::Describe);
    QCOMPARE(args.symbol, QStringLiteral("pkg.Msg"));
    args = CliArgs::parse(words("-import-path protos -proto a.proto list"));
    QCOMPARE(args.command, CliArgs::Command::List);
    QVERIFY(args.target.isEmpty());
}

void CliArgsTest::wirescopeOrder()
{
    const CliArgs args
        = CliArgs::parse(words("call localhost:1 pkg.S/M --plaintext -H k:v -H x-bin:AA== --sizes"));
    QCOMPARE(args.command, CliArgs::Command::Call);
    QCOMPARE(args.headers, (QStringList {QStringLiteral("k:v"), QStringLiteral("x-bin:AA==")}));
    QVERIFY(args.sizes);
    const CliArgs serve = CliArgs::parse(words("serve-demo --port 9000 --host 0.0.0.0"));
    QCOMPARE(serve.command, CliArgs::Command::ServeDemo);
    QCOMPARE(serve.port, 9000);
    QCOMPARE(serve.host, QStringLiteral("0.0.0.0"));
}

void CliArgsTest::singleAndDoubleDashes()
{
    const CliArgs a = CliArgs::parse(words("list --protoset=x.pb --cacert c.pem"));
    const CliArgs b = CliArgs::parse(words("list -protoset x.pb -cacert=c.pem"));
    QCOMPARE(a.protosets, b.protosets);
    QCOMPARE(a.caFile, b.caFile);
    QVERIFY(a.useTls && b.useTls);
}

void CliArgsTest::gluedShortOptions()
{
    const CliArgs args = CliArgs::parse(words("list -Iprotos -proto a.proto"));
    QCOMPARE(args.importPaths, QStringList {QStringLiteral("protos")});
}

void CliArgsTest::errors()
{
    QVERIFY(!CliArgs::parse(words("frobnicate")).error.isEmpty());
    QVERIFY(!CliArgs::parse(words("list --nope")).error.isEmpty());
    QVERIFY(!CliArgs::parse(words("call -d")).error.isEmpty());
    QVERIFY(!CliArgs::parse(words("serve-demo --port 70000")).error.isEmpty());
    QVERIFY(!CliArgs::parse(words("call --max-time soon localhost:1 a.B/C")).error.isEmpty());
    QVERIFY(!CliArgs::parse(words("api.proto list")).error.isEmpty());
}

void CliArgsTest::runTakesACollectionAndPaths()
{
    const CliArgs args
        = CliArgs::parse(words("run coll orders streaming/chat.json --env staging --junit j.xml "
                               "--json r.json --update-snapshots --bail --var a=1 --var b=x=y "
                               "--plaintext"));
    QVERIFY2(args.error.isEmpty(), qPrintable(args.error));
    QCOMPARE(args.command, CliArgs::Command::Run);
    QCOMPARE(args.collection, QStringLiteral("coll"));
    QCOMPARE(args.runPaths, (QStringList {QStringLiteral("orders"), QStringLiteral("streaming/chat.json")}));
    QCOMPARE(args.environment, QStringLiteral("staging"));
    QCOMPARE(args.junitFile, QStringLiteral("j.xml"));
    QCOMPARE(args.jsonFile, QStringLiteral("r.json"));
    QVERIFY(args.updateSnapshots && args.bail && args.plaintext);
    QCOMPARE(args.variables, (QStringList {QStringLiteral("a=1"), QStringLiteral("b=x=y")}));
    // A path may hold ':' like a target does; after run, nothing is a target.
    QCOMPARE(CliArgs::parse(words("run coll a:b")).runPaths, QStringList {QStringLiteral("a:b")});
    QVERIFY(!CliArgs::parse(words("run")).error.isEmpty());
    QVERIFY(!CliArgs::parse(words("run coll --var novalue")).error.isEmpty());
    QCOMPARE(CliArgs::parse(words("run coll/collection.json")).collection, QStringLiteral("coll"));
}

void CliArgsTest::benchTakesItsOptions()
{
    const CliArgs args = CliArgs::parse(
        words("bench localhost:50051 pkg.S/M --rps 250.5 --duration 1m30s --connections 3 --ramp 5s "
              "--format csv -o out.csv --fail-p99 12.5 --fail-errors 0.01 --concurrency 100 --total 9"));
    QVERIFY2(args.error.isEmpty(), qPrintable(args.error));
    QCOMPARE(args.command, CliArgs::Command::Bench);
    QCOMPARE(args.target, QStringLiteral("localhost:50051"));
    QCOMPARE(args.symbol, QStringLiteral("pkg.S/M"));
    QCOMPARE(args.rps, 250.5);
    QCOMPARE(args.durationText, QStringLiteral("1m30s"));
    QCOMPARE(args.connections, 3);
    QCOMPARE(args.rampText, QStringLiteral("5s"));
    QCOMPARE(args.format, QStringLiteral("csv"));
    QCOMPARE(args.outputFile, QStringLiteral("out.csv"));
    QCOMPARE(args.failP99Ms, 12.5);
    QCOMPARE(args.failErrors, 0.01);
    QCOMPARE(args.concurrency, 100);
    QCOMPARE(args.total, qint64(9));
    // grpcurl's order, and a target without a port, as call takes them.
    QCOMPARE(CliArgs::parse(words("localhost:1 bench a.B/C")).command, CliArgs::Command::Bench);
    QCOMPARE(CliArgs::parse(words("bench localhost a.B/C")).target, QStringLiteral("localhost"));
    // A saved request, as call takes it: REQUEST is the symbol, a TARGET optional.
    const CliArgs saved
        = CliArgs::parse(words("bench --collection coll --env local unary/echo --rps 50 --duration 5s"));
    QVERIFY2(saved.error.isEmpty(), qPrintable(saved.error));
    QCOMPARE(saved.command, CliArgs::Command::Bench);
    QCOMPARE(saved.collection, QStringLiteral("coll"));
    QCOMPARE(saved.environment, QStringLiteral("local"));
    QCOMPARE(saved.symbol, QStringLiteral("unary/echo"));
    QVERIFY(saved.target.isEmpty());
    QCOMPARE(saved.rps, 50.0);
    const CliArgs savedWithTarget = CliArgs::parse(words("bench --collection coll localhost:1 unary/echo"));
    QCOMPARE(savedWithTarget.target, QStringLiteral("localhost:1"));
    QCOMPARE(savedWithTarget.symbol, QStringLiteral("unary/echo"));

    QVERIFY(!CliArgs::parse(words("bench localhost:1 a.B/C --rps 0")).error.isEmpty());
    QVERIFY(!CliArgs::parse(words("bench localhost:1 a.B/C --concurrency 0")).error.isEmpty());
    QVERIFY(!CliArgs::parse(words("bench localhost:1 a.B/C --fail-errors 1.5")).error.isEmpty());
    QVERIFY(!CliArgs::parse(words("bench localhost:1 a.B/C --format xml")).error.isEmpty());
    // The other commands print JSON only.
    QVERIFY(!CliArgs::parse(words("call localhost:1 a.B/C --format csv")).error.isEmpty());
    QVERIFY(CliArgs::parse(words("call localhost:1 a.B/C --format json")).error.isEmpty());
}

// evolve's two versions are options: a file name with ':' is not a target, and a file
// given as an argument is refused rather than guessed to be the writer or the reader.
void CliArgsTest::evolveTakesTwoSchemas()
{
    const CliArgs args = CliArgs::parse(words("evolve --writer v2/user.proto --reader old:v1.binpb -I protos "
                                              "--type lab.User --reader-type old.User -d {} --format json"));
    QVERIFY2(args.error.isEmpty(), qPrintable(args.error));
    QCOMPARE(args.command, CliArgs::Command::Evolve);
    QCOMPARE(args.writerFile, QStringLiteral("v2/user.proto"));
    QCOMPARE(args.readerFile, QStringLiteral("old:v1.binpb"));
    QCOMPARE(args.importPaths, QStringList {QStringLiteral("protos")});
    QCOMPARE(args.messageType, QStringLiteral("lab.User"));
    QCOMPARE(args.readerType, QStringLiteral("old.User"));
    QVERIFY(args.hasData);
    QCOMPARE(args.data, QStringLiteral("{}"));
    QCOMPARE(args.format, QStringLiteral("json"));
    QVERIFY(args.target.isEmpty() && args.protoFiles.isEmpty() && args.protosets.isEmpty());

    const CliArgs bytes = CliArgs::parse(words("evolve -writer=a.proto -reader b.proto -type x.Y -hex 0801"));
    QVERIFY2(bytes.error.isEmpty(), qPrintable(bytes.error));
    QCOMPARE(bytes.writerFile, QStringLiteral("a.proto"));
    QVERIFY(bytes.hasHex && !bytes.hasData);
    QVERIFY(bytes.readerType.isEmpty());
    QCOMPARE(CliArgs::parse(words("evolve --format text")).error, QString());

    QCOMPARE(CliArgs::parse(words("evolve --writer a.proto --reader b.proto a.proto")).error,
        QStringLiteral("unexpected argument \"a.proto\" (evolve takes --writer FILE and --reader FILE)"));
    QCOMPARE(CliArgs::parse(words("evolve --format html")).error,
        QStringLiteral("--format html: evolve prints text (the default) or json"));
    QVERIFY(!CliArgs::parse(words("evolve --writer")).error.isEmpty());
    QVERIFY(!CliArgs::parse(words("evolve --reader-type=")).error.isEmpty());
}

// The README's CLI reference is the --help text, indented four spaces; a change to either
// without the other fails here.
void CliArgsTest::readmeShowsTheHelpAsItIs()
{
    QFile readme(QStringLiteral(WIRESCOPE_README));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(readme.readAll()).split(u'\n');
    const qsizetype start = lines.indexOf(QStringLiteral("    Usage:"));
    QVERIFY2(start >= 0, "README.md has no reference block starting with \"    Usage:\"");
    QStringList block;
    for (qsizetype i = start; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (!line.isEmpty() && !line.startsWith(QStringLiteral("    ")))
            break;
        block.append(line.mid(4));
    }
    while (!block.isEmpty() && block.last().isEmpty())
        block.removeLast();
    QCOMPARE(block.join(u'\n') + u'\n', CliArgs::usage());
}

QTEST_GUILESS_MAIN(CliArgsTest)
#include "CliArgsTest.moc"
