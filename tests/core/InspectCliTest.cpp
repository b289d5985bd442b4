#include "support/TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

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

// The largest resident set of any child this process has waited for, in KB.
long childrenPeakKb()
{
    rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_maxrss;
}

bool underAddressSanitizer()
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
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
    void exportsHtmlAndSvg();
    void outputFileHoldsTheTextDump();
    void encodeWritesWhatProtocWrites();
    void bigInputStreamsInBoundedMemory();
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
    QTest::newRow("bad format") << QStringList {QStringLiteral("inspect"), QStringLiteral("--hex"),
        QStringLiteral("08"), QStringLiteral("--format"), QStringLiteral("bogus")}
                                << QStringLiteral(
                                       "--format bogus: inspect prints text (the default), html or svg");
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

// --format html and svg write the annotated dump as a standalone document, to -o FILE or
// standard output; a hard error still gives a document that says where decoding stopped.
void InspectCliTest::exportsHtmlAndSvg()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("dump.html"));
    const Run html
        = runWirescope({QStringLiteral("inspect"), QStringLiteral("--hex"), QStringLiteral("08 96 01"),
            QStringLiteral("--format"), QStringLiteral("html"), QStringLiteral("-o"), file});
    QVERIFY2(html.exitCode == 0, qPrintable(describeRun(html)));
    QVERIFY(html.out.isEmpty());
    const QString document = QString::fromUtf8(test::readFile(file));
    QVERIFY2(document.contains(QStringLiteral("<html")), qPrintable(document));
    QVERIFY(document.contains(QStringLiteral("<span class=\"val\">150</span>")));
    QVERIFY(document.contains(QStringLiteral(">96</span>")));
    QVERIFY(document.endsWith(QStringLiteral("</html>\n")));

    const Run svg = runWirescope({QStringLiteral("inspect"), QStringLiteral("--hex"),
        QStringLiteral("08 96 01"), QStringLiteral("--format"), QStringLiteral("svg")});
    QVERIFY2(svg.exitCode == 0, qPrintable(describeRun(svg)));
    QVERIFY(svg.out.startsWith(QStringLiteral("<?xml")) || svg.out.startsWith(QStringLiteral("<svg")));
    QVERIFY(svg.out.endsWith(QStringLiteral("</svg>\n")));
    QCOMPARE(svg.out.count(QStringLiteral("<rect class=\"byte\"")), 3);

    const Run broken = runWirescope({QStringLiteral("inspect"), QStringLiteral("--hex"),
        QStringLiteral("0801 0e01"), QStringLiteral("--format"), QStringLiteral("html")});
    QCOMPARE(broken.exitCode, 1);
    QVERIFY2(broken.out.contains(QStringLiteral("Decoding stopped at byte 2: tag at byte 2 has wire type 6")),
        qPrintable(describeRun(broken)));

    // A folder that cannot be made: a file stands where it should be.
    QFile blocker(dir.filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const Run unwritable = runWirescope({QStringLiteral("inspect"), QStringLiteral("--hex"),
        QStringLiteral("08 96 01"), QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("-o"),
        dir.filePath(QStringLiteral("blocker/dump.svg"))});
    QCOMPARE(unwritable.exitCode, 2);
    QVERIFY2(unwritable.err.contains(QStringLiteral("cannot write")), qPrintable(describeRun(unwritable)));
    QVERIFY(unwritable.out.isEmpty());
}

// -o with the default format: the file holds exactly what standard output would have.
void InspectCliTest::outputFileHoldsTheTextDump()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("dump.txt"));
    const QStringList inspect {
        QStringLiteral("inspect"), QStringLiteral("--hex"), QStringLiteral("08 96 01 12 02 68 69")};
    const Run printed = runWirescope(inspect);
    QVERIFY2(printed.exitCode == 0, qPrintable(describeRun(printed)));
    const Run written = runWirescope(inspect
        + QStringList {QStringLiteral("--format"), QStringLiteral("text"), QStringLiteral("--output"), file});
    QVERIFY2(written.exitCode == 0, qPrintable(describeRun(written)));
    QVERIFY(written.out.isEmpty());
    QCOMPARE(QString::fromUtf8(test::readFile(file)), printed.out);
    QVERIFY(printed.out.contains(QStringLiteral("#1 VARINT: 150")));
}

// encode's bytes are protoc --encode's for the same message, over every field kind: each
// scalar type, enums, nested and repeated messages, packed numbers, maps, a oneof, proto3
// optional (set to its default), well-known types and bytes.
void InspectCliTest::encodeWritesWhatProtocWrites()
{
    const QString protoc = QStandardPaths::findExecutable(QStringLiteral("protoc"));
    QVERIFY2(!protoc.isEmpty(), "protoc is missing (protobuf-compiler)");
    const QByteArray text = R"(f_double: 1.5 f_float: 2.5 f_int32: -3 f_int64: -9007199254740993 f_uint32: 5
        f_uint64: 18446744073709551615 f_sint32: -7 f_sint64: -8 f_fixed32: 9 f_fixed64: 10 f_sfixed32: -11
        f_sfixed64: -12 f_bool: true f_string: "h\303\251llo" f_bytes: "\000\001\377" mood: MOOD_GRUMPY
        address { street: "Main" lines: "a" lines: "b" } packed_numbers: [1, 300, -2] tags: "x" tags: "y"
        addresses { city: "Oslo" } addresses { city: "Kyoto" } moods: [MOOD_HAPPY, MOOD_CURIOUS]
        counters { key: "requests" value: 12 } places { key: 2 value { city: "Quito" } }
        phone: "+1-555-0100" maybe_count: 0 created_at { seconds: 1714566600 nanos: 250000000 }
        ttl { seconds: 90 nanos: 500000000 } nickname { value: "Countess" } big_number { value: 123456789012 }
        flag { } nothing { } tree { label: "root" children { label: "leaf" } })";
    const QByteArray json = R"({"fDouble": 1.5, "fFloat": 2.5, "fInt32": -3, "fInt64": "-9007199254740993",
        "fUint32": 5, "fUint64": "18446744073709551615", "fSint32": -7, "fSint64": "-8", "fFixed32": 9,
        "fFixed64": "10", "fSfixed32": -11, "fSfixed64": "-12", "fBool": true, "fString": "héllo",
        "fBytes": "AAH/", "mood": "MOOD_GRUMPY", "address": {"street": "Main", "lines": ["a", "b"]},
        "packedNumbers": [1, 300, -2], "tags": ["x", "y"], "addresses": [{"city": "Oslo"}, {"city": "Kyoto"}],
        "moods": ["MOOD_HAPPY", "MOOD_CURIOUS"], "counters": {"requests": "12"}, "places": {"2": {"city": "Quito"}},
        "phone": "+1-555-0100", "maybeCount": 0, "createdAt": "2024-05-01T12:30:00.250Z", "ttl": "90.5s",
        "nickname": "Countess", "bigNumber": "123456789012", "flag": false, "nothing": {},
        "tree": {"label": "root", "children": [{"label": "leaf"}]}})";
    QProcess reference;
    reference.start(protoc,
        {QStringLiteral("--encode=wirescope.demo.v1.Everything"), QStringLiteral("-I"),
            QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), QStringLiteral("wirescope/demo/v1/demo.proto")});
    QVERIFY(reference.waitForStarted());
    reference.write(text);
    reference.closeWriteChannel();
    QVERIFY(reference.waitForFinished(30000));
    QVERIFY2(reference.exitCode() == 0, reference.readAllStandardError().constData());
    const QByteArray expected = reference.readAllStandardOutput();
    QVERIFY(expected.size() > 100);

    const QStringList schema {QStringLiteral("--proto"), QStringLiteral("wirescope/demo/v1/demo.proto"),
        QStringLiteral("-I"), QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), QStringLiteral("--type"),
        QStringLiteral("wirescope.demo.v1.Everything"), QStringLiteral("-d"), QString::fromUtf8(json)};
    const Run hex = runWirescope(QStringList {QStringLiteral("encode")} + schema);
    QVERIFY2(hex.exitCode == 0, qPrintable(describeRun(hex)));
    QCOMPARE(hex.out.trimmed(), QString::fromLatin1(expected.toHex(' ')));
    const Run base64 = runWirescope(QStringList {QStringLiteral("encode")} + schema
        + QStringList {QStringLiteral("--format"), QStringLiteral("base64")});
    QCOMPARE(QByteArray::fromBase64(base64.out.trimmed().toLatin1()), expected);
    // Framed for gRPC, and annotated as inspect annotates.
    const Run framed = runWirescope(QStringList {QStringLiteral("encode")} + schema
        + QStringList {QStringLiteral("--grpc-frame"), QStringLiteral("--annotate")});
    QVERIFY2(framed.exitCode == 0 && framed.out.contains(QStringLiteral("gRPC frame"))
            && framed.out.contains(QStringLiteral("f_fixed64")),
        qPrintable(describeRun(framed)));

    const Run wrong = runWirescope(QStringList {QStringLiteral("encode")} + schema.mid(0, 6)
        + QStringList {QStringLiteral("-d"), QStringLiteral(R"({"fInt32": "many"})")});
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(wrong.err.contains(QStringLiteral("fInt32")) || wrong.err.contains(QStringLiteral("f_int32")),
        qPrintable(describeRun(wrong)));
    QCOMPARE(runWirescope({QStringLiteral("encode"), QStringLiteral("--type"), QStringLiteral("x.Y"),
                              QStringLiteral("-d"), QStringLiteral("{}")})
                 .exitCode,
        2);
}

// A megabyte of `08 01` used to print 346 MB held in memory at once (1.38 GB resident), and
// 10 MB ended in std::bad_alloc. The dump now streams: eight times the input costs no more
// memory, and the text is whole, from the first field to the last line.
void InspectCliTest::bigInputStreamsInBoundedMemory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto inspect = [&dir](qsizetype bytes, QString *tail) {
        QByteArray input;
        input.reserve(bytes);
        while (input.size() < bytes)
            input += QByteArray::fromHex("0801");
        const QString in = dir.filePath(QStringLiteral("in.bin"));
        const QString out = dir.filePath(QStringLiteral("out.txt"));
        QFile file(in);
        if (!file.open(QIODevice::WriteOnly) || file.write(input) != input.size())
            return -2;
        file.close();
        QProcess process;
        process.setStandardOutputFile(out);
        process.start(QStringLiteral(WIRESCOPE_BINARY), {QStringLiteral("inspect"), in});
        if (!process.waitForFinished(240000))
            return -3;
        QFile text(out);
        if (!text.open(QIODevice::ReadOnly))
            return -4;
        text.seek(qMax<qint64>(0, text.size() - 2000));
        *tail = QString::fromUtf8(text.readAll());
        text.close();
        QFile::remove(out);
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    };
    QString tail;
    QCOMPARE(inspect(64 * 1024, &tail), 0);
    QVERIFY2(tail.endsWith(QStringLiteral("decoded all 65536 bytes\n")), qPrintable(tail));
    const long small = childrenPeakKb();
    QCOMPARE(inspect(512 * 1024, &tail), 0);
    // The last field and the summary made it out: nothing was cut short.
    QVERIFY2(tail.contains(QStringLiteral("524286-524287")), qPrintable(tail));
    QVERIFY2(tail.endsWith(QStringLiteral("decoded all 524288 bytes\n")), qPrintable(tail));
    const long big = childrenPeakKb();
    qInfo("peak resident set: %ld KB for 64 KB of input, %ld KB for 512 KB", small, big);
    if (underAddressSanitizer())
        qInfo("not compared under AddressSanitizer: its quarantine keeps freed memory resident");
    else
        QVERIFY2(
            big < small + 32 * 1024, qPrintable(QStringLiteral("%1 KB, then %2 KB").arg(small).arg(big)));
}

QTEST_GUILESS_MAIN(InspectCliTest)
#include "InspectCliTest.moc"
