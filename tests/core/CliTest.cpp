#include "support/TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace wirescope;
using test::copyTree;
using test::describeRun;
using test::Run;
using test::runWirescope;

class CliTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listServicesAndMethods();
    void describeSymbols();
    void unaryCallPrintsJson();
    void grpcurlCommandLineWorks();
    void optionsAfterPositionals();
    void clientStreamFromStdin();
    void bidiStreamFromStdin();
    void metadataAndVerboseOutput();
    void failedCallPrintsStatusAndDetails();
    void deadlineFromMaxTime();
    void protoFilesNeedNoTarget();
    void protosetNeedsNoTarget();
    void everyWellKnownFileIsBuiltIn();
    void badJsonNamesTheField();
    void badCommandLines();
    void hostileInputIsRefusedWithAReason();
    void maxTimeIsNeverUndefinedOrZero();
    void unreachableTarget();
    void serveDemoRunsUntilStopped();
    void sizesCompareBinaryAndJson();
    void sizesOfAStreamAndOfWhatDoesNotDecode();
    void savedRequestFromACollection();
    void collectionProblemsAreShown();

private:
    std::unique_ptr<DemoServer> m_server;
    QString m_target;
};

void CliTest::initTestCase()
{
    m_server = test::startDemo();
    QVERIFY(m_server);
    m_target = m_server->address();
}

void CliTest::listServicesAndMethods()
{
    const Run services = runWirescope({QStringLiteral("list"), QStringLiteral("--plaintext"), m_target});
    QVERIFY2(services.exitCode == 0, qPrintable(describeRun(services)));
    QVERIFY(services.out.split(u'\n').contains(QStringLiteral("wirescope.demo.v1.DemoService")));
    const Run methods = runWirescope({QStringLiteral("list"), QStringLiteral("--plaintext"), m_target,
        QStringLiteral("wirescope.demo.v1.DemoService")});
    QVERIFY2(methods.exitCode == 0, qPrintable(describeRun(methods)));
    QVERIFY(methods.out.startsWith(QStringLiteral("wirescope.demo.v1.DemoService.Echo\n")));
    QCOMPARE(methods.out.count(u'\n'), 7);
}

void CliTest::describeSymbols()
{
    const Run message = runWirescope({QStringLiteral("describe"), QStringLiteral("--plaintext"), m_target,
        QStringLiteral("wirescope.demo.v1.Item")});
    QVERIFY2(message.exitCode == 0, qPrintable(describeRun(message)));
    QVERIFY(message.out.startsWith(QStringLiteral("wirescope.demo.v1.Item is a message:\nmessage Item {")));
    QVERIFY(message.out.contains(QStringLiteral("double price = 2;")));
    const Run method = runWirescope({QStringLiteral("describe"), QStringLiteral("--plaintext"), m_target,
        QStringLiteral("wirescope.demo.v1.DemoService.Chat")});
    QVERIFY2(method.out.contains(QStringLiteral("is a method:")), qPrintable(describeRun(method)));
    const Run missing = runWirescope(
        {QStringLiteral("describe"), QStringLiteral("--plaintext"), m_target, QStringLiteral("no.Such")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains(QStringLiteral("no symbol named no.Such")));
}

void CliTest::unaryCallPrintsJson()
{
    const Run run = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"), m_target,
        QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"), QStringLiteral("-d"),
        QStringLiteral(R"({"items": [{"name": "pen", "price": 2, "quantity": 3}]})")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    const QJsonObject reply = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(reply.value(QStringLiteral("itemCount")).toInt(), 3);
    QCOMPARE(reply.value(QStringLiteral("total")).toDouble(), 6.0);
    QVERIFY(run.out.contains(QStringLiteral("\n  \"itemCount\": 3"))); // two-space indentation
}

void CliTest::grpcurlCommandLineWorks()
{
    // A grpcurl line with only its first word changed.
    const Run run = runWirescope({QStringLiteral("-plaintext"), QStringLiteral("-d"),
        QStringLiteral(R"({"count": 3})"), QStringLiteral("-max-time"), QStringLiteral("10"), m_target,
        QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QCOMPARE(run.out.count(QStringLiteral("\"seq\"")), 3);
    const Run list = runWirescope({QStringLiteral("-plaintext"), m_target, QStringLiteral("list")});
    QVERIFY2(
        list.out.contains(QStringLiteral("wirescope.demo.v1.DemoService")), qPrintable(describeRun(list)));
    const Run describe = runWirescope({QStringLiteral("-plaintext"), m_target, QStringLiteral("describe"),
        QStringLiteral("wirescope.demo.v1.Mood")});
    QVERIFY2(describe.out.startsWith(QStringLiteral("wirescope.demo.v1.Mood is a enum:"))
            || describe.out.startsWith(QStringLiteral("wirescope.demo.v1.Mood is an enum:")),
        qPrintable(describeRun(describe)));
}

void CliTest::optionsAfterPositionals()
{
    const Run run = runWirescope(
        {QStringLiteral("call"), m_target, QStringLiteral("wirescope.demo.v1.DemoService.Echo"),
            QStringLiteral("--data={\"fString\": \"x\"}"), QStringLiteral("--plaintext")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("\"fString\": \"x\"")));
}

void CliTest::clientStreamFromStdin()
{
    const Run run = runWirescope(
        {QStringLiteral("call"), QStringLiteral("-plaintext"), QStringLiteral("-d"), QStringLiteral("@"),
            m_target, QStringLiteral("wirescope.demo.v1.DemoService/Collect")},
        "{\"price\": 1, \"quantity\": 2}\n{\"price\": 10, \"quantity\": 1}\n");
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    const QJsonObject reply = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(reply.value(QStringLiteral("itemCount")).toInt(), 3);
    QCOMPARE(reply.value(QStringLiteral("total")).toDouble(), 12.0);
}

void CliTest::bidiStreamFromStdin()
{
    const Run run = runWirescope(
        {QStringLiteral("call"), QStringLiteral("--plaintext"), QStringLiteral("-d"), QStringLiteral("@"),
            m_target, QStringLiteral("wirescope.demo.v1.DemoService/Chat")},
        "{\"text\": \"hi\"}\n{\"text\": \"there\", \"mood\": \"MOOD_HAPPY\"}\n");
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("\"text\": \"echo: hi\"")));
    QVERIFY(run.out.indexOf(QStringLiteral("echo: hi")) < run.out.indexOf(QStringLiteral("echo: there")));
}

void CliTest::metadataAndVerboseOutput()
{
    const Run run = runWirescope(
        {QStringLiteral("call"), QStringLiteral("-v"), QStringLiteral("--plaintext"), QStringLiteral("-H"),
            QStringLiteral("X-Team: core"), QStringLiteral("-H"), QStringLiteral("blob-bin: AAH/"), m_target,
            QStringLiteral("wirescope.demo.v1.DemoService/EchoMetadata")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("Response headers received:")));
    QVERIFY(run.out.contains(QStringLiteral("echo-x-team: core")));
    QVERIFY(run.out.contains(QStringLiteral("echo-blob-bin: AAH/")));
    QVERIFY(run.out.contains(QStringLiteral("Response trailers received:\ntrailer-echo-")));
    QVERIFY(run.out.contains(QStringLiteral("Sent 1 request and received 1 response")));
    const Run bad = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"), QStringLiteral("-H"),
        QStringLiteral("blob-bin: not base64!"), m_target,
        QStringLiteral("wirescope.demo.v1.DemoService/EchoMetadata")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains(QStringLiteral("base64")));
}

void CliTest::failedCallPrintsStatusAndDetails()
{
    const Run run = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"), m_target,
        QStringLiteral("wirescope.demo.v1.DemoService/Fail"), QStringLiteral("-d"),
        QStringLiteral(R"({"code": 5, "message": "gone"})")});
    QCOMPARE(run.exitCode, 64 + 5);
    QVERIFY2(run.err.contains(QStringLiteral("NOT_FOUND: gone")), qPrintable(describeRun(run)));
    QVERIFY(run.err.contains(QStringLiteral("google.rpc.BadRequest")));
    QVERIFY(run.err.contains(QStringLiteral("\"reason\": \"DEMO_FAILURE\"")));
}

void CliTest::deadlineFromMaxTime()
{
    const Run run
        = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"), QStringLiteral("--max-time"),
            QStringLiteral("0.3"), m_target, QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks"),
            QStringLiteral("-d"), QStringLiteral(R"({"count": 50, "intervalMs": 100})")});
    QCOMPARE(run.exitCode, 64 + 4);
    QVERIFY(run.err.contains(QStringLiteral("DEADLINE_EXCEEDED")));
    QVERIFY(run.out.count(QStringLiteral("\"seq\"")) >= 1);
}

void CliTest::protoFilesNeedNoTarget()
{
    const QString root = test::dataPath(QStringLiteral("protos"));
    const Run list = runWirescope({QStringLiteral("list"), QStringLiteral("-import-path"), root,
        QStringLiteral("-proto"), QStringLiteral("shop/v1/shop.proto")});
    QVERIFY2(list.exitCode == 0, qPrintable(describeRun(list)));
    QCOMPARE(list.out, QStringLiteral("shop.v1.Catalog\n"));
    const Run describe = runWirescope({QStringLiteral("describe"), QStringLiteral("--proto"),
        QStringLiteral("shop/v1/shop.proto"), QStringLiteral("-I"), root, QStringLiteral("shop.v1.Money")});
    QVERIFY2(describe.out.contains(QStringLiteral("int64 units = 2;")), qPrintable(describeRun(describe)));
    const Run broken = runWirescope({QStringLiteral("list"), QStringLiteral("--proto"),
        QStringLiteral("broken/errors.proto"), QStringLiteral("-I"), root});
    QCOMPARE(broken.exitCode, 1);
    QVERIFY2(broken.err.contains(QStringLiteral("errors.proto:7:3:")), qPrintable(describeRun(broken)));
}

// The binary serves every well-known file and the google.rpc error model from what it holds
// (linked statically, it holds only what something in it names), with no import path.
void CliTest::everyWellKnownFileIsBuiltIn()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList files = {QStringLiteral("any"), QStringLiteral("api"), QStringLiteral("descriptor"),
        QStringLiteral("duration"), QStringLiteral("empty"), QStringLiteral("field_mask"),
        QStringLiteral("source_context"), QStringLiteral("struct"), QStringLiteral("timestamp"),
        QStringLiteral("type"), QStringLiteral("wrappers")};
    QByteArray text = "syntax = \"proto3\";\npackage every;\n";
    for (const QString &file : files)
        text += "import \"google/protobuf/" + file.toUtf8() + ".proto\";\n";
    text += "import \"google/rpc/status.proto\";\nimport \"google/rpc/error_details.proto\";\n"
            "message All {\n  google.protobuf.Any any = 1;\n  google.protobuf.Api api = 2;\n"
            "  google.protobuf.FileDescriptorProto file = 3;\n  google.protobuf.Duration duration = 4;\n"
            "  google.protobuf.Empty empty = 5;\n  google.protobuf.FieldMask mask = 6;\n"
            "  google.protobuf.SourceContext context = 7;\n  google.protobuf.Struct struct = 8;\n"
            "  google.protobuf.Timestamp at = 9;\n  google.protobuf.Type type = 10;\n"
            "  google.protobuf.Int64Value wrapped = 11;\n  google.rpc.Status status = 12;\n"
            "  google.rpc.BadRequest bad = 13;\n}\n";
    QFile proto(dir.filePath(QStringLiteral("every.proto")));
    QVERIFY(proto.open(QIODevice::WriteOnly));
    proto.write(text);
    proto.close();
    const Run run = runWirescope({QStringLiteral("describe"), QStringLiteral("--proto"),
        QStringLiteral("every.proto"), QStringLiteral("-I"), dir.path(), QStringLiteral("every.All")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    for (const char *field : {".google.protobuf.Api api = 2;", ".google.protobuf.SourceContext context = 7;",
             ".google.rpc.BadRequest bad = 13;"})
        QVERIFY2(run.out.contains(QLatin1String(field)), qPrintable(describeRun(run)));
}

void CliTest::protosetNeedsNoTarget()
{
    const Run run = runWirescope({QStringLiteral("list"), QStringLiteral("--protoset"),
        test::buildDataPath(QStringLiteral("demo.protoset")),
        QStringLiteral("wirescope.demo.v1.DemoService")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("wirescope.demo.v1.DemoService.Collect")));
    // And a call through a protoset schema instead of reflection.
    const Run call = runWirescope({QStringLiteral("call"), QStringLiteral("--protoset"),
        test::buildDataPath(QStringLiteral("demo.protoset")), QStringLiteral("--plaintext"), m_target,
        QStringLiteral("wirescope.demo.v1.DemoService/Echo"), QStringLiteral("-d"),
        QStringLiteral(R"({"mood": "MOOD_CURIOUS"})")});
    QVERIFY2(call.out.contains(QStringLiteral("MOOD_CURIOUS")), qPrintable(describeRun(call)));
}

void CliTest::badJsonNamesTheField()
{
    const Run run = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"), m_target,
        QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"), QStringLiteral("-d"),
        QStringLiteral(R"({"items": [{}, {}, {"price": "free"}]})")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("items[2].price")), qPrintable(describeRun(run)));
}

void CliTest::badCommandLines()
{
    QCOMPARE(runWirescope({QStringLiteral("frobnicate"), QStringLiteral("x")}).exitCode, 2);
    QCOMPARE(runWirescope({QStringLiteral("list"), QStringLiteral("--no-such-flag")}).exitCode, 2);
    QCOMPARE(runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"), m_target}).exitCode, 2);
    // -o on a command that would ignore it is refused, not silently printed to the terminal.
    const Run output = runWirescope({QStringLiteral("list"), QStringLiteral("--plaintext"), m_target,
        QStringLiteral("-o"), QStringLiteral("services.txt")});
    QCOMPARE(output.exitCode, 2);
    QVERIFY2(output.err.contains(QStringLiteral("-o/--output is for bench and inspect")),
        qPrintable(describeRun(output)));
    QVERIFY(output.out.isEmpty());
    const Run help = runWirescope({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QStringLiteral("wirescope call TARGET")));
}

// Special files, folders and extra bodies get a reason, not a crash or a silent success.
void CliTest::hostileInputIsRefusedWithAReason()
{
    const Run zeroProtoset
        = runWirescope({QStringLiteral("list"), QStringLiteral("--protoset"), QStringLiteral("/dev/zero")});
    QCOMPARE(zeroProtoset.exitCode, 1);
    QVERIFY2(zeroProtoset.err.contains(QStringLiteral("not a regular file")),
        qPrintable(describeRun(zeroProtoset)));
    const Run zeroInspect = runWirescope({QStringLiteral("inspect"), QStringLiteral("/dev/zero")});
    QVERIFY(zeroInspect.exitCode > 0);
    QVERIFY2(
        zeroInspect.err.contains(QStringLiteral("not a regular file")), qPrintable(describeRun(zeroInspect)));
    const QString protos = test::dataPath(QStringLiteral("protos"));
    const Run folder = runWirescope({QStringLiteral("list"), QStringLiteral("--proto"), protos});
    QCOMPARE(folder.exitCode, 1);
    QVERIFY2(folder.err.contains(QStringLiteral("is a folder")), qPrintable(describeRun(folder)));
    const Run devNull
        = runWirescope({QStringLiteral("list"), QStringLiteral("--proto"), QStringLiteral("/dev/null")});
    QCOMPARE(devNull.exitCode, 1);
    QVERIFY2(!devNull.err.contains(QStringLiteral("[libprotobuf")), qPrintable(describeRun(devNull)));
    const Run negative = runWirescope({QStringLiteral("call"), QStringLiteral("--max-msg-sz"),
        QStringLiteral("-5"), m_target, QStringLiteral("x.Y/Z")});
    QCOMPARE(negative.exitCode, 2);
    // Two bodies to a method that takes one: refused, not "Sent 2 requests" with one sent.
    const Run two = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"), m_target,
        QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"), QStringLiteral("-d"),
        QStringLiteral(R"({"customer": "a"} {"customer": "b"})")});
    QCOMPARE(two.exitCode, 2);
    QVERIFY2(two.err.contains(QStringLiteral("takes one request")), qPrintable(describeRun(two)));
}

// --max-time past what an int holds in milliseconds was undefined; below a millisecond it
// meant no deadline at all.
void CliTest::maxTimeIsNeverUndefinedOrZero()
{
    // From the .proto files: reflection would use the same deadline and end the command first.
    const Run tiny = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"),
        QStringLiteral("--max-time"), QStringLiteral("0.0004"), QStringLiteral("--proto"),
        QStringLiteral("wirescope/demo/v1/demo.proto"), QStringLiteral("-I"),
        QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), m_target,
        QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks"), QStringLiteral("-d"),
        QStringLiteral(R"({"count": 50, "intervalMs": 100})")});
    QCOMPARE(tiny.exitCode, 64 + 4);
    const Run reflected
        = runWirescope({QStringLiteral("list"), QStringLiteral("--plaintext"), QStringLiteral("--max-time"),
            QStringLiteral("0.0004"), m_target, QStringLiteral("wirescope.demo.v1.DemoService")});
    // A local server may answer reflection within the millisecond: then it lists the methods.
    // Otherwise the command ends within its deadline, saying why (gRPC names the deadline by
    // its code or in words, depending on where it caught it). Never a hang, never no deadline.
    QVERIFY2(reflected.exitCode == 0 || reflected.exitCode == 1, qPrintable(describeRun(reflected)));
    if (reflected.exitCode == 0)
        QVERIFY2(reflected.out.contains(QStringLiteral("wirescope.demo.v1.DemoService.Echo")),
            qPrintable(describeRun(reflected)));
    else
        QVERIFY2(reflected.err.contains(QStringLiteral("DEADLINE_EXCEEDED"))
                || reflected.err.contains(QStringLiteral("Deadline Exceeded")),
            qPrintable(describeRun(reflected)));
    const Run huge
        = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"), QStringLiteral("--max-time"),
            QStringLiteral("3000000"), m_target, QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"),
            QStringLiteral("-d"), QStringLiteral(R"({"customer": "a"})")});
    QVERIFY2(huge.exitCode == 0, qPrintable(describeRun(huge)));
}

void CliTest::unreachableTarget()
{
    const Run run = runWirescope(
        {QStringLiteral("list"), QStringLiteral("--plaintext"), QStringLiteral("127.0.0.1:1")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("UNAVAILABLE")), qPrintable(describeRun(run)));
}

void CliTest::serveDemoRunsUntilStopped()
{
    QProcess process;
    process.start(QStringLiteral(WIRESCOPE_BINARY),
        {QStringLiteral("serve-demo"), QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(process.waitForReadyRead(10000));
    const QString banner = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(banner.startsWith(QStringLiteral("Wirescope demo server listening on 127.0.0.1:")),
        qPrintable(banner));
    const QString address = banner.section(u' ', 5, 5);
    const Run list = runWirescope({QStringLiteral("list"), QStringLiteral("--plaintext"), address});
    QVERIFY2(
        list.out.contains(QStringLiteral("wirescope.demo.v1.DemoService")), qPrintable(describeRun(list)));
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
}

void CliTest::sizesCompareBinaryAndJson()
{
    const Run run
        = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"), QStringLiteral("--sizes"),
            m_target, QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"), QStringLiteral("-d"),
            QStringLiteral(R"({"items": [{"name": "pen", "price": 1.5, "quantity": 2}]})")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    // Item{pen, 1.5, 2} is 16 bytes; inside Order it is 0x12 0x10 + 16 = 18. Its compact JSON is
    // {"items":[{"name":"pen","price":1.5,"quantity":2}]} = 51 bytes.
    QVERIFY2(run.err.contains(QStringLiteral("sizes: sent #1: binary 18 B, JSON 51 B (JSON/binary 2.83)")),
        qPrintable(describeRun(run)));
    QVERIFY(run.err.contains(QStringLiteral("sizes: received #1: binary ")));
    QVERIFY(run.err.contains(QStringLiteral("sizes: total sent 1 message: binary 18 B, JSON 51 B")));
    QVERIFY(!run.out.contains(QStringLiteral("sizes:"))); // stdout stays pure JSON
}

void CliTest::sizesOfAStreamAndOfWhatDoesNotDecode()
{
    const Run stream = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"),
        QStringLiteral("--sizes"), m_target, QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks"),
        QStringLiteral("-d"), QStringLiteral(R"({"count": 3, "payloadSize": 5})")});
    QVERIFY2(stream.exitCode == 0, qPrintable(describeRun(stream)));
    for (const char *line : {"sizes: received #1: binary ", "sizes: received #3: binary "})
        QVERIFY2(stream.err.contains(QLatin1String(line)), qPrintable(describeRun(stream)));
    QVERIFY(stream.err.contains(QStringLiteral("; received 3 messages: binary ")));
    QVERIFY(!stream.err.contains(QStringLiteral("not decodable")));

    // A schema that says the echoed bytes are a message: they are not, and --sizes says so
    // instead of leaving the message out.
    QTemporaryDir dir;
    QFile proto(dir.filePath(QStringLiteral("twisted.proto")));
    QVERIFY(proto.open(QIODevice::WriteOnly));
    proto.write("syntax = \"proto3\";\npackage wirescope.demo.v1;\n"
                "message Everything { bytes f_bytes = 15; }\n"
                "message Inner { string text = 1; }\n"
                "message Twisted { Inner f_bytes = 15; }\n"
                "service DemoService { rpc Echo(Everything) returns (Twisted); }\n");
    proto.close();
    const Run twisted = runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"),
        QStringLiteral("--sizes"), QStringLiteral("--proto"), QStringLiteral("twisted.proto"),
        QStringLiteral("-I"), dir.path(), m_target, QStringLiteral("wirescope.demo.v1.DemoService/Echo"),
        QStringLiteral("-d"), QStringLiteral(R"({"fBytes": "/w=="})")});
    // 7a 01 ff both ways; {"fBytes":"/w=="} is 17 bytes.
    QVERIFY2(twisted.err.contains(QStringLiteral("sizes: sent #1: binary 3 B, JSON 17 B")),
        qPrintable(describeRun(twisted)));
    QVERIFY2(twisted.err.contains(QStringLiteral(
                 "sizes: received #1: binary 3 B, JSON - (not a valid wirescope.demo.v1.Twisted)")),
        qPrintable(describeRun(twisted)));
    QVERIFY2(twisted.err.contains(QStringLiteral("received 1 message: binary 0 B, JSON 0 B (JSON/binary "
                                                 "0.00), 1 not decodable (binary 3 B)")),
        qPrintable(describeRun(twisted)));
}

// "call --collection": a request saved in the demo collection, run headless, its variables
// resolved through the collection's environments.
void CliTest::savedRequestFromACollection()
{
    const QString demo = QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT "/../collections/demo");
    const QString call = QStringLiteral("call");
    const QString collection = QStringLiteral("--collection");
    const Run run = runWirescope({call, collection, demo, m_target, QStringLiteral("unary/echo-metadata")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY2(
        run.out.contains(QStringLiteral("\"ada\"")), qPrintable(run.out)); // {{user}}, default environment
    QVERIFY2(run.out.contains(QStringLiteral("demo-0001")), qPrintable(run.out));
    QVERIFY2(!run.out.contains(QStringLiteral("x-debug")), qPrintable(run.out)); // a disabled row

    // By name, with an explicit environment and body.
    const Run named = runWirescope({call, collection, demo, QStringLiteral("--env"), QStringLiteral("local"),
        m_target, QStringLiteral("Echo metadata"), QStringLiteral("-d"), QStringLiteral("{}")});
    QVERIFY2(named.exitCode == 0, qPrintable(describeRun(named)));

    // {{demo}} is the GUI's embedded server: headless, it needs a TARGET.
    const Run unresolved = runWirescope({call, collection, demo, QStringLiteral("unary/echo-metadata.json")});
    QCOMPARE(unresolved.exitCode, 2);
    QVERIFY2(unresolved.err.contains(QStringLiteral("unresolved variables"))
            && unresolved.err.contains(QStringLiteral("demo")),
        qPrintable(unresolved.err));
    const Run noEnv = runWirescope({call, collection, demo, QStringLiteral("--env"), QStringLiteral("prod"),
        m_target, QStringLiteral("unary/echo-metadata")});
    QCOMPARE(noEnv.exitCode, 2);
    QVERIFY2(noEnv.err.contains(QStringLiteral("no environment \"prod\""))
            && noEnv.err.contains(QStringLiteral("embedded, local")),
        qPrintable(noEnv.err));
    const Run missing = runWirescope({call, collection, demo, m_target, QStringLiteral("nothing/here")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QStringLiteral("no request \"nothing/here\"")), qPrintable(missing.err));
}

namespace {

void overwrite(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

} // namespace

// A broken file in a collection is named with its line, column and reason, never hidden
// behind its consequence ("no request", "unresolved variables").
void CliTest::collectionProblemsAreShown()
{
    QTemporaryDir dir;
    copyTree(QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT "/../collections/demo"), dir.path());
    const QString call = QStringLiteral("call");
    const QString collection = QStringLiteral("--collection");
    overwrite(
        dir.filePath(QStringLiteral("unary/echo-metadata.json")), "{\n  \"formatVersion\": 1,\n  oops\n}\n");
    const Run request
        = runWirescope({call, collection, dir.path(), m_target, QStringLiteral("unary/echo-metadata")});
    QCOMPARE(request.exitCode, 2);
    QVERIFY2(
        request.err.contains(QStringLiteral("no request \"unary/echo-metadata\"")), qPrintable(request.err));
    QVERIFY2(request.err.contains(QStringLiteral("echo-metadata.json:3:")), qPrintable(request.err));

    // Without its settings the collection has no environment: {{user}} cannot resolve, and
    // the reason is the broken collection.json, which is named.
    QFile::remove(dir.filePath(QStringLiteral("unary/echo-metadata.json")));
    copyTree(QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT "/../collections/demo"), dir.path());
    overwrite(dir.filePath(QStringLiteral("collection.json")), "{ \"formatVersion\": 1, ");
    const Run settings
        = runWirescope({call, collection, dir.path(), m_target, QStringLiteral("unary/echo-metadata")});
    QCOMPARE(settings.exitCode, 2);
    QVERIFY2(settings.err.contains(QStringLiteral("unresolved variables")), qPrintable(settings.err));
    QVERIFY2(settings.err.contains(QStringLiteral("collection.json:1:"))
            && settings.err.contains(QStringLiteral("not valid JSON")),
        qPrintable(describeRun(settings)));
    // A request that needs nothing from the broken file still runs, with the problem said.
    const Run order
        = runWirescope({call, collection, dir.path(), m_target, QStringLiteral("unary/place-an-order")});
    QVERIFY2(order.exitCode == 0, qPrintable(describeRun(order)));
    QVERIFY2(order.err.contains(QStringLiteral("collection.json:1:")), qPrintable(describeRun(order)));
}

QTEST_GUILESS_MAIN(CliTest)
#include "CliTest.moc"
