#include "app/CliArgs.h"

#include <QTest>

using namespace wirescope;

// The command line's grammar: wirescope's verbs, grpcurl's orderings and spellings, files.
class CliArgsTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nothingOpensTheGui();
    void targetAloneOpensTheGuiOnIt();
    void schemaFilesOpenTheGui();
    void grpcurlOrder();
    void wirescopeOrder();
    void singleAndDoubleDashes();
    void gluedShortOptions();
    void errors();
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

QTEST_GUILESS_MAIN(CliArgsTest)
#include "CliArgsTest.moc"
