#include "support/TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace wirescope;
using test::describeRun;
using test::Run;
using test::runWirescope;

namespace {

QStringList demoProto()
{
    return {QStringLiteral("--proto"), QStringLiteral("wirescope/demo/v1/demo.proto"), QStringLiteral("-I"),
        QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT)};
}

} // namespace

// `wirescope inspect` end to end: the annotated dump scripts and tests can rely on.
class InspectCliTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hexWithoutSchema();
    void protoFilesAndType();
    void protosetAndBase64();
    void fileBeforeOptions();
    void stdinInput();
    void grpcFrame();
    void hardErrorExitsOneAndStillPrints();
    void badArguments_data();
    void badArguments();
};

void InspectCliTest::hexWithoutSchema()
{
    const Run run = runWirescope(
        {QStringLiteral("inspect"), QStringLiteral("--hex"), QStringLiteral("08 96 01 12 02 68 69")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.startsWith(QStringLiteral("7 bytes, no schema")));
    QVERIFY(run.out.contains(QStringLiteral("#1 VARINT: 150")));
    QVERIFY(run.out.contains(QStringLiteral("(1 << 3) | 0")));
    QVERIFY(run.out.contains(QStringLiteral("reading 2 of 4, message: {13: 105}")));
    QVERIFY(run.out.contains(QStringLiteral("lints: none\ndecoded all 7 bytes\n")));
}

void InspectCliTest::protoFilesAndType()
{
    const Run run = runWirescope(QStringList {QStringLiteral("inspect"), QStringLiteral("--hex"),
                                     QStringLiteral("0x18 0x96 0x01 3801")}
        + demoProto()
        + QStringList {QStringLiteral("--type"), QStringLiteral("wirescope.demo.v1.Everything")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.startsWith(QStringLiteral("5 bytes as wirescope.demo.v1.Everything\n")));
    QVERIFY(run.out.contains(QStringLiteral("#3 f_int32 (int32) VARINT: 150")));
    QVERIFY(run.out.contains(QStringLiteral("#7 f_sint32 (sint32) VARINT: -1")));
    QVERIFY(run.out.contains(QStringLiteral("ZigZag")));
    QVERIFY(run.out.contains(QStringLiteral("Not in the bytes: f_double")));
}

void InspectCliTest::protosetAndBase64()
{
    const Run run
        = runWirescope({QStringLiteral("inspect"), QStringLiteral("--base64"), QStringLiteral("CJYB"),
            QStringLiteral("--protoset"), test::buildDataPath(QStringLiteral("demo.protoset")),
            QStringLiteral("--type=wirescope.demo.v1.TicksRequest")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("#1 count (int32) VARINT: 150")));
}

void InspectCliTest::fileBeforeOptions()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A ':' in the name must not turn the file into a target.
    const QString path = dir.filePath(QStringLiteral("chat:1.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromHex("120774657374696e67"));
    file.close();
    const Run run = runWirescope(QStringList {QStringLiteral("inspect"), path, QStringLiteral("--type"),
                                     QStringLiteral("wirescope.demo.v1.ChatMessage")}
        + demoProto());
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("#2 text (string) LEN: \"testing\"")));
    QVERIFY(run.out.contains(QStringLiteral("2-8           74 65 73 74 69 6e 67")));
}

void InspectCliTest::stdinInput()
{
    const Run run = runWirescope(
        {QStringLiteral("inspect"), QStringLiteral("-")}, QByteArray::fromHex("2206038e029ea705"));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("reading 1 of 2, packed varints: [3, 270, 86942]")));
}

void InspectCliTest::grpcFrame()
{
    const Run run
        = runWirescope(QStringList {QStringLiteral("inspect"), QStringLiteral("--grpc-frame"),
                           QStringLiteral("--hex"), QStringLiteral("00 00000003 089601"),
                           QStringLiteral("--type"), QStringLiteral("wirescope.demo.v1.TicksRequest")}
            + demoProto());
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("compressed flag: 0 (not compressed)")));
    QVERIFY(run.out.contains(QStringLiteral("message length: 3")));
    QVERIFY(run.out.contains(QStringLiteral("#1 count (int32) VARINT: 150")));
}

void InspectCliTest::hardErrorExitsOneAndStillPrints()
{
    const Run run
        = runWirescope({QStringLiteral("inspect"), QStringLiteral("--hex"), QStringLiteral("0801 0e01")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.contains(QStringLiteral("#1 VARINT: 1")));
    QVERIFY(run.out.contains(QStringLiteral("error at byte 2 [invalid-wire-type]")));
    QVERIFY(run.out.endsWith(QStringLiteral(
        "decoding stopped at byte 2: tag at byte 2 has wire type 6, which does not exist (valid: 0-5)\n")));
}

void InspectCliTest::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no input") << QStringList {QStringLiteral("inspect")} << QStringLiteral("exactly one of");
    QTest::newRow("two inputs") << QStringList {QStringLiteral("inspect"), QStringLiteral("--hex"),
        QStringLiteral("08"), QStringLiteral("--base64"), QStringLiteral("CA==")}
                                << QStringLiteral("exactly one of");
    QTest::newRow("odd hex") << QStringList {QStringLiteral("inspect"), QStringLiteral("--hex"),
        QStringLiteral("089")}
                             << QStringLiteral("hex digits");
    QTest::newRow("bad base64") << QStringList {QStringLiteral("inspect"), QStringLiteral("--base64"),
        QStringLiteral("!!")} << QStringLiteral("not valid base64");
    QTest::newRow("type without schema") << QStringList {QStringLiteral("inspect"), QStringLiteral("--hex"),
        QStringLiteral("08"), QStringLiteral("--type"), QStringLiteral("x.Y")}
                                         << QStringLiteral("--type needs a schema");
    QTest::newRow("unknown type") << (QStringList {QStringLiteral("inspect"), QStringLiteral("--hex"),
                                          QStringLiteral("08"), QStringLiteral("--type"),
                                          QStringLiteral("no.Such")}
        + demoProto()) << QStringLiteral("no message named no.Such");
    QTest::newRow("missing file") << QStringList {QStringLiteral("inspect"),
        QStringLiteral("/nonexistent/x.bin")}
                                  << QStringLiteral("cannot read /nonexistent/x.bin");
    QTest::newRow("two files") << QStringList {QStringLiteral("inspect"), QStringLiteral("a.bin"),
        QStringLiteral("b.bin")}
                               << QStringLiteral("unexpected argument");
}

void InspectCliTest::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = runWirescope(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(describeRun(run)));
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(InspectCliTest)
#include "InspectCliTest.moc"
