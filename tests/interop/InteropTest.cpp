#include "InteropServer.h"
#include "support/TestSupport.h"

#include <google/protobuf/descriptor.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace wirescope;
using test::describeRun;
using test::Run;
using test::runWirescope;

// Wirescope against gRPC servers written by others: the CLI and the engine, by reflection,
// for every call kind and every well-known type. Which server is chosen by the environment
// CTest sets (see InteropServer).
class InteropTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsServicesByReflection();
    void listsMethodsAndDescribesTypes();
    void reflectionBuildsWithWarningsOnly();
    void unaryWithMetadataHeadersAndTrailers();
    void serverStream();
    void clientStream();
    void bidiStream();
    void richErrorDetails();
    void deadlineExceeded();
    void wellKnownTypesAndBigIntegersRoundTrip();
    void largeResponseNeedsMaxMessageSize();
    void tlsWithACustomCa();
    void collectionRunsAsTests();
    void benchHoldsItsRateAndReportsDelay();

private:
    QStringList plaintext(const QStringList &arguments) const;

    QString m_name;
    QString m_target;
    QTemporaryDir m_certs;
    test::InteropServer m_server;
    test::InteropServer m_tlsServer;
    int m_tlsPort = 0;
};

void InteropTest::initTestCase()
{
    m_name = test::InteropServer::name();
    if (const QString missing = test::InteropServer::missingReason(); !missing.isEmpty()) {
        if (test::InteropServer::mustRun())
            QFAIL(qPrintable(QStringLiteral("the %1 server is not available: %2").arg(m_name, missing)));
        QSKIP(qPrintable(QStringLiteral("the %1 server is not available: %2").arg(m_name, missing)));
    }
    QVERIFY2(m_server.start(), qPrintable(QStringLiteral("the %1 server did not start").arg(m_name)));
    m_target = m_server.target();

    QString error;
    QVERIFY2(test::makeCertificates(m_certs.path(), &error), qPrintable(error));
    QVERIFY2(m_tlsServer.start({QStringLiteral("--tls"), m_certs.filePath(QStringLiteral("server.pem")),
                 m_certs.filePath(QStringLiteral("server.key"))}),
        "the TLS server did not start");
    m_tlsPort = m_tlsServer.port();
}

QStringList InteropTest::plaintext(const QStringList &arguments) const
{
    QStringList out {arguments.first(), QStringLiteral("--plaintext"), m_target};
    out += arguments.mid(1);
    return out;
}

void InteropTest::listsServicesByReflection()
{
    const Run run = runWirescope(plaintext({QStringLiteral("list")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY2(
        run.out.split(u'\n').contains(QStringLiteral("peer.v1.PeerService")), qPrintable(describeRun(run)));
    QVERIFY2(run.err.isEmpty(), qPrintable(describeRun(run)));
}

void InteropTest::listsMethodsAndDescribesTypes()
{
    const Run methods
        = runWirescope(plaintext({QStringLiteral("list"), QStringLiteral("peer.v1.PeerService")}));
    QVERIFY2(methods.exitCode == 0, qPrintable(describeRun(methods)));
    for (const char *method : {"Echo", "Mirror", "Fail", "Slow", "Ticks", "Collect", "Chat", "Big"})
        QVERIFY2(methods.out.contains(QStringLiteral("peer.v1.PeerService.%1\n").arg(QLatin1String(method))),
            qPrintable(describeRun(methods)));
    QVERIFY2(!methods.err.contains(QStringLiteral("error"), Qt::CaseInsensitive),
        qPrintable(describeRun(methods)));

    const Run type
        = runWirescope(plaintext({QStringLiteral("describe"), QStringLiteral("peer.v1.Everything")}));
    QVERIFY2(type.exitCode == 0, qPrintable(describeRun(type)));
    QVERIFY2(
        type.out.contains(QStringLiteral("map<string, int64> counters = 9")), qPrintable(describeRun(type)));
    QVERIFY2(type.out.contains(QStringLiteral(".google.protobuf.Timestamp when = 12")),
        qPrintable(describeRun(type)));
    const Run wkt
        = runWirescope(plaintext({QStringLiteral("describe"), QStringLiteral("google.protobuf.Value")}));
    // The canonical definition, whatever names the server's copy used.
    QVERIFY2(wkt.out.contains(QStringLiteral("double number_value = 2")), qPrintable(describeRun(wkt)));
}

void InteropTest::reflectionBuildsWithWarningsOnly()
{
    ChannelOptions options;
    options.target = m_target;
    Connection connection(options);
    const LoadResult result = connection.reflectionJob({}, 10000)({});
    QVERIFY2(result.ok(), qPrintable(joinDiagnostics(result.diagnostics)));
    Diagnostics diagnostics;
    const SchemaPtr schema = Schema::build({result.source}, &diagnostics);
    QVERIFY2(!hasErrors(diagnostics), qPrintable(joinDiagnostics(diagnostics)));
    const auto *service = schema->findService(QStringLiteral("peer.v1.PeerService"));
    QVERIFY(service);
    QCOMPARE(service->method_count(), 8);
    for (const Diagnostic &d : result.diagnostics)
        QVERIFY2(d.message.startsWith(QStringLiteral("repaired: ")), qPrintable(d.toString()));
    qInfo("%s: %d repair(s): %s", qPrintable(m_name), int(result.diagnostics.size()),
        qPrintable(joinDiagnostics(result.diagnostics)));
}

void InteropTest::unaryWithMetadataHeadersAndTrailers()
{
    const Run run = runWirescope(plaintext({QStringLiteral("call"), QStringLiteral("-v"),
        QStringLiteral("-H"), QStringLiteral("x-echo: hello there"), QStringLiteral("-H"),
        QStringLiteral("authorization: Bearer t0k"), QStringLiteral("peer.v1.PeerService/Echo"),
        QStringLiteral("-d"), QStringLiteral(R"({"text": "ping"})")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY2(run.out.contains(QStringLiteral("\"text\": \"echo: ping\"")), qPrintable(describeRun(run)));
    QVERIFY2(run.out.contains(QStringLiteral("x-peer: %1").arg(m_name)), qPrintable(describeRun(run)));
    QVERIFY2(run.out.contains(QStringLiteral("x-echo: hello there")), qPrintable(describeRun(run)));
    const qsizetype trailers = run.out.indexOf(QStringLiteral("Response trailers received:"));
    QVERIFY2(trailers > 0 && run.out.indexOf(QStringLiteral("x-trailer: done")) > trailers,
        qPrintable(describeRun(run)));
    // Metadata reached the server: it lists the keys it saw.
    QVERIFY2(run.out.contains(QStringLiteral("\"authorization\""))
            && run.out.contains(QStringLiteral("\"x-echo\"")),
        qPrintable(describeRun(run)));
}

void InteropTest::serverStream()
{
    const Run run
        = runWirescope(plaintext({QStringLiteral("call"), QStringLiteral("peer.v1.PeerService/Ticks"),
            QStringLiteral("-d"), QStringLiteral(R"({"count": 5, "intervalMs": 5})")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QCOMPARE(run.out.count(QStringLiteral("\"seq\"")), 5);
    QVERIFY(run.out.indexOf(QStringLiteral("\"seq\": \"1\""))
        < run.out.indexOf(QStringLiteral("\"seq\": \"5\"")));
}

void InteropTest::clientStream()
{
    const QByteArray input
        = "{\"name\": \"pen\", \"quantity\": \"2\"}\n{\"name\": \"book\", \"quantity\": \"3\"}\n"
          "{\"name\": \"ink\", \"quantity\": \"9007199254740993\"}\n";
    const Run run = runWirescope(plaintext({QStringLiteral("call"), QStringLiteral("-d"), QStringLiteral("@"),
                                     QStringLiteral("peer.v1.PeerService/Collect")}),
        input);
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(summary.value(QStringLiteral("items")).toInt(), 3);
    QCOMPARE(summary.value(QStringLiteral("names")).toArray(),
        (QJsonArray {QStringLiteral("pen"), QStringLiteral("book"), QStringLiteral("ink")}));
    // 2 + 3 + 2^53 + 1: exact only if no side went through a double.
    QCOMPARE(summary.value(QStringLiteral("totalQuantity")).toString(), QStringLiteral("9007199254740998"));
}

void InteropTest::bidiStream()
{
    const Run run = runWirescope(plaintext({QStringLiteral("call"), QStringLiteral("-d"), QStringLiteral("@"),
                                     QStringLiteral("peer.v1.PeerService/Chat")}),
        "{\"text\": \"one\"}\n{\"text\": \"two\"}\n{\"text\": \"three\"}\n");
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    const qsizetype one = run.out.indexOf(QStringLiteral("re: one"));
    const qsizetype two = run.out.indexOf(QStringLiteral("re: two"));
    const qsizetype three = run.out.indexOf(QStringLiteral("re: three"));
    QVERIFY2(one >= 0 && one < two && two < three, qPrintable(describeRun(run)));
}

void InteropTest::richErrorDetails()
{
    const Run run = runWirescope(
        plaintext({QStringLiteral("call"), QStringLiteral("-v"), QStringLiteral("peer.v1.PeerService/Fail"),
            QStringLiteral("-d"), QStringLiteral(R"({"code": 5, "message": "no such thing"})")}));
    QCOMPARE(run.exitCode, 64 + 5);
    QVERIFY2(run.err.contains(QStringLiteral("NOT_FOUND: no such thing")), qPrintable(describeRun(run)));
    QVERIFY2(run.err.contains(QStringLiteral("google.rpc.ErrorInfo")), qPrintable(describeRun(run)));
    QVERIFY2(run.err.contains(QStringLiteral("\"reason\": \"PEER_FAILURE\"")), qPrintable(describeRun(run)));
    QVERIFY2(
        run.err.contains(QStringLiteral("\"server\": \"%1\"").arg(m_name)), qPrintable(describeRun(run)));
    QVERIFY2(run.err.contains(QStringLiteral("google.rpc.BadRequest")), qPrintable(describeRun(run)));
    QVERIFY2(run.out.contains(QStringLiteral("x-trailer: failed")), qPrintable(describeRun(run)));
}

void InteropTest::deadlineExceeded()
{
    const Run run = runWirescope(plaintext({QStringLiteral("call"), QStringLiteral("--max-time"),
        QStringLiteral("0.5"), QStringLiteral("peer.v1.PeerService/Slow"), QStringLiteral("-d"),
        QStringLiteral(R"({"delayMs": 20000})")}));
    QCOMPARE(run.exitCode, 64 + 4);
    QVERIFY2(run.err.contains(QStringLiteral("DEADLINE_EXCEEDED")), qPrintable(describeRun(run)));
    const Run inTime = runWirescope(plaintext({QStringLiteral("call"), QStringLiteral("--max-time"),
        QStringLiteral("10"), QStringLiteral("peer.v1.PeerService/Slow"), QStringLiteral("-d"),
        QStringLiteral(R"({"delayMs": 50})")}));
    QVERIFY2(inTime.exitCode == 0, qPrintable(describeRun(inTime)));
}

void InteropTest::wellKnownTypesAndBigIntegersRoundTrip()
{
    const QByteArray body = R"({
        "text": "every type",
        "bigSigned": "-9007199254740993",
        "bigUnsigned": "18446744073709551615",
        "zigzag": "-9223372036854775808",
        "fixed": "9007199254740993",
        "blob": "AAEC/w==",
        "kind": "KIND_LARGE",
        "inners": [{"label": "a", "weight": "9007199254740995"}, {"label": "b", "weight": "1"}],
        "counters": {"x": "9223372036854775807"},
        "name": "chosen",
        "when": "2024-02-29T12:34:56.789Z",
        "took": "3.000000001s",
        "attributes": {"nested": {"list": [1, "two", true, null]}, "n": 1.5},
        "value": {"k": [false]},
        "list": ["a", 2],
        "extra": {"@type": "type.googleapis.com/google.protobuf.Duration", "value": "1.500s"},
        "mask": "text,inners.label",
        "nothing": {},
        "maybeText": "",
        "maybeBig": "-9007199254740993",
        "maybeUnsigned": "18446744073709551615",
        "maybeInt": -5,
        "maybeUint": 4294967295,
        "maybeBool": false,
        "maybeDouble": 2.5,
        "maybeFloat": 0.5,
        "maybeBytes": "/w=="
    })";
    const Run run = runWirescope(plaintext({QStringLiteral("call"),
        QStringLiteral("peer.v1.PeerService/Mirror"), QStringLiteral("-d"), QString::fromUtf8(body)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QJsonParseError error;
    const QJsonObject sent = QJsonDocument::fromJson(body, &error).object();
    QVERIFY(error.error == QJsonParseError::NoError);
    const QJsonObject back = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(describeRun(run)));
    for (auto it = sent.begin(); it != sent.end(); ++it)
        QVERIFY2(back.value(it.key()) == it.value(),
            qPrintable(QStringLiteral("%1: sent %2, got %3")
                           .arg(it.key(),
                               QString::fromUtf8(
                                   QJsonDocument(QJsonArray {it.value()}).toJson(QJsonDocument::Compact)),
                               QString::fromUtf8(QJsonDocument(QJsonArray {back.value(it.key())})
                                                     .toJson(QJsonDocument::Compact)))));
    QCOMPARE(back.keys(), sent.keys());
}

void InteropTest::largeResponseNeedsMaxMessageSize()
{
    const QString body = QStringLiteral(R"({"size": 5000000})");
    const Run refused = runWirescope(plaintext(
        {QStringLiteral("call"), QStringLiteral("peer.v1.PeerService/Big"), QStringLiteral("-d"), body}));
    QCOMPARE(refused.exitCode, 64 + 8);
    QVERIFY2(refused.err.contains(QStringLiteral("RESOURCE_EXHAUSTED")), qPrintable(describeRun(refused)));
    QVERIFY2(refused.err.contains(QStringLiteral("--max-msg-sz")), qPrintable(describeRun(refused)));

    const Run accepted = runWirescope(plaintext({QStringLiteral("call"), QStringLiteral("--max-msg-sz"),
        QStringLiteral("8000000"), QStringLiteral("peer.v1.PeerService/Big"), QStringLiteral("-d"), body}));
    QVERIFY2(accepted.exitCode == 0, qPrintable(describeRun(accepted).left(2000)));
    const QByteArray data = QByteArray::fromBase64(QJsonDocument::fromJson(accepted.out.toUtf8())
                                                       .object()
                                                       .value(QStringLiteral("data"))
                                                       .toString()
                                                       .toLatin1());
    QCOMPARE(data.size(), 5000000);
    QCOMPARE(quint8(data.at(251)), quint8(0));
    QCOMPARE(quint8(data.at(4999999)), quint8(4999999 % 251));
}

void InteropTest::tlsWithACustomCa()
{
    const QString target = QStringLiteral("localhost:%1").arg(m_tlsPort);
    const Run trusted = runWirescope({QStringLiteral("call"), QStringLiteral("--cacert"),
        m_certs.filePath(QStringLiteral("ca.pem")), target, QStringLiteral("peer.v1.PeerService/Echo"),
        QStringLiteral("-d"), QStringLiteral(R"({"text": "secure"})")});
    QVERIFY2(trusted.exitCode == 0, qPrintable(describeRun(trusted)));
    QVERIFY2(trusted.out.contains(QStringLiteral("echo: secure")), qPrintable(describeRun(trusted)));
    const Run untrusted = runWirescope({QStringLiteral("list"), QStringLiteral("--cacert"),
        m_certs.filePath(QStringLiteral("other-ca.pem")), target});
    QCOMPARE(untrusted.exitCode, 1);
    QVERIFY2(untrusted.err.contains(QStringLiteral("UNAVAILABLE")), qPrintable(describeRun(untrusted)));
    // The CLI's words only: no raw gRPC log line ("E1204 ... ssl_transport_security.cc").
    QVERIFY2(!QRegularExpression(QStringLiteral("(^|\\n)[EWI]\\d{4} ")).match(untrusted.err).hasMatch(),
        qPrintable(describeRun(untrusted)));
}

// `wirescope run` against this server: every call kind, its headers and trailers, exact
// 64-bit values, rich error details, and a captured value chaining two calls.
void InteropTest::collectionRunsAsTests()
{
    QTemporaryDir dir;
    test::writeCollection(dir.path(), {{QStringLiteral("peer"), m_target}});
    const QString target = QStringLiteral("{{peer}}");
    const QString service = QStringLiteral("peer.v1.PeerService/");
    auto assertion = [](const QString &path, const QString &op, const QJsonValue &value) {
        return QJsonObject {{QStringLiteral("path"), path}, {op, value}};
    };
    auto expect = [](const QJsonObject &object) { return QJsonObject {{QStringLiteral("expect"), object}}; };
    const QString equals = QStringLiteral("equals");

    QJsonObject first = expect({{QStringLiteral("headers"), QJsonObject {{QStringLiteral("x-peer"), m_name}}},
        {QStringLiteral("trailers"), QJsonObject {{QStringLiteral("x-trailer"), QStringLiteral("done")}}},
        {QStringLiteral("asserts"),
            QJsonArray {assertion(QStringLiteral("$.text"), equals, QStringLiteral("echo: ping")),
                assertion(QStringLiteral("$.metadataKeys"), QStringLiteral("contains"),
                    QStringLiteral("x-echo"))}}});
    first.insert(QStringLiteral("capture"), QJsonObject {{QStringLiteral("said"), QStringLiteral("$.text")}});
    first.insert(QStringLiteral("metadata"),
        QJsonArray {QJsonObject {{QStringLiteral("key"), QStringLiteral("x-echo")},
            {QStringLiteral("value"), QStringLiteral("hi")}, {QStringLiteral("enabled"), true}}});
    test::writeRequest(dir.filePath(QStringLiteral("1-echo.json")), target, service + QStringLiteral("Echo"),
        QJsonObject {{QStringLiteral("text"), QStringLiteral("ping")}}, first);
    test::writeRequest(dir.filePath(QStringLiteral("2-echo-again.json")), target,
        service + QStringLiteral("Echo"), QJsonObject {{QStringLiteral("text"), QStringLiteral("{{said}}")}},
        expect({{QStringLiteral("asserts"),
            QJsonArray {assertion(QStringLiteral("$.text"), equals, QStringLiteral("echo: echo: ping"))}}}));
    test::writeRequest(dir.filePath(QStringLiteral("3-mirror.json")), target,
        service + QStringLiteral("Mirror"),
        QJsonObject {{QStringLiteral("bigSigned"), QStringLiteral("-9007199254740993")},
            {QStringLiteral("bigUnsigned"), QStringLiteral("18446744073709551615")},
            {QStringLiteral("inners"),
                QJsonArray {QJsonObject {{QStringLiteral("label"), QStringLiteral("a")},
                    {QStringLiteral("weight"), QStringLiteral("9007199254740995")}}}}},
        expect({{QStringLiteral("asserts"),
            QJsonArray {assertion(QStringLiteral("$.bigSigned"), equals, QStringLiteral("-9007199254740993")),
                assertion(QStringLiteral("$.bigUnsigned"), QStringLiteral("greaterThan"),
                    QStringLiteral("18446744073709551614")),
                assertion(QStringLiteral("$.inners[0].weight"), QStringLiteral("notEquals"),
                    QStringLiteral("9007199254740996"))}}}));
    test::writeRequest(dir.filePath(QStringLiteral("4-ticks.json")), target,
        service + QStringLiteral("Ticks"),
        QJsonObject {{QStringLiteral("count"), 3}, {QStringLiteral("intervalMs"), 5}},
        expect({{QStringLiteral("messages"), 3},
            {QStringLiteral("asserts"),
                QJsonArray {assertion(QStringLiteral("$.seq"), equals, QStringLiteral("3"))}}}));
    test::writeRequest(dir.filePath(QStringLiteral("5-collect.json")), target,
        service + QStringLiteral("Collect"),
        QStringLiteral("{\"name\": \"pen\", \"quantity\": \"2\"}\n{\"name\": \"ink\", \"quantity\": \"3\"}"),
        expect({{QStringLiteral("asserts"),
            QJsonArray {assertion(QStringLiteral("$.items"), equals, 2),
                assertion(QStringLiteral("$.totalQuantity"), equals, QStringLiteral("5"))}}}));
    test::writeRequest(dir.filePath(QStringLiteral("6-chat.json")), target, service + QStringLiteral("Chat"),
        QStringLiteral("{\"text\": \"one\"}\n{\"text\": \"two\"}"),
        expect({{QStringLiteral("messages"), 2},
            {QStringLiteral("asserts"),
                QJsonArray {assertion(
                    QStringLiteral("$.text"), QStringLiteral("contains"), QStringLiteral("two"))}}}));
    test::writeRequest(dir.filePath(QStringLiteral("7-fail.json")), target, service + QStringLiteral("Fail"),
        QJsonObject {
            {QStringLiteral("code"), 5}, {QStringLiteral("message"), QStringLiteral("no such thing")}},
        expect({{QStringLiteral("status"), QStringLiteral("NOT_FOUND")},
            {QStringLiteral("statusMessage"), QStringLiteral("^no such")},
            {QStringLiteral("trailers"),
                QJsonObject {{QStringLiteral("x-trailer"), QStringLiteral("failed")}}},
            {QStringLiteral("asserts"),
                QJsonArray {assertion(QStringLiteral("$error.details"), QStringLiteral("contains"),
                    QJsonObject {{QStringLiteral("reason"), QStringLiteral("PEER_FAILURE")}})}}}));

    const QString junit = dir.filePath(QStringLiteral("junit.xml"));
    const Run run = runWirescope({QStringLiteral("run"), dir.path(), QStringLiteral("--junit"), junit});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QCOMPARE(run.out.count(QStringLiteral("\u2713 ")), 7);
    QVERIFY2(test::readFile(junit).contains("tests=\"7\" failures=\"0\""), test::readFile(junit).constData());

    // The same collection fails, precisely, when the server's answer is not what it says.
    test::writeRequest(dir.filePath(QStringLiteral("2-echo-again.json")), target,
        service + QStringLiteral("Echo"), QJsonObject {{QStringLiteral("text"), QStringLiteral("{{said}}")}},
        expect({{QStringLiteral("asserts"),
            QJsonArray {assertion(QStringLiteral("$.text"), equals, QStringLiteral("echo: ping"))}}}));
    const Run failed = runWirescope({QStringLiteral("run"), dir.path()});
    QCOMPARE(failed.exitCode, 1);
    QVERIFY2(failed.out.contains(
                 QStringLiteral("\u2717 $.text equals: expected \"echo: ping\", got \"echo: echo: ping\"")),
        qPrintable(describeRun(failed)));
}

// `wirescope bench` against this server at a fixed rate: every scheduled call is made (the
// open model does not slow down with the server), and a server that takes 150 ms a call
// shows as latency, not as fewer calls.
void InteropTest::benchHoldsItsRateAndReportsDelay()
{
    auto bench = [this](const QString &method, const QString &body) {
        return runWirescope(plaintext(
            {QStringLiteral("bench"), QStringLiteral("peer.v1.PeerService/") + method, QStringLiteral("-d"),
                body, QStringLiteral("--rps"), QStringLiteral("100"), QStringLiteral("--duration"),
                QStringLiteral("2s"), QStringLiteral("--format"), QStringLiteral("json")}));
    };
    auto p50 = [](const QJsonObject &report) {
        for (const QJsonValue &row : report.value(QStringLiteral("latencyDistribution")).toArray()) {
            if (row.toObject().value(QStringLiteral("percentage")).toDouble() == 50)
                return row.toObject().value(QStringLiteral("latency")).toDouble();
        }
        return -1.0;
    };
    const Run fast = bench(QStringLiteral("Echo"), QStringLiteral(R"({"text": "load"})"));
    QVERIFY2(fast.exitCode == 0, qPrintable(describeRun(fast)));
    const QJsonObject quick = QJsonDocument::fromJson(fast.out.toUtf8()).object();
    // 100 a second for 2 s: the schedule holds 200 calls, all made, none failed.
    QCOMPARE(quick.value(QStringLiteral("count")).toInt(), 200);
    QVERIFY2(quick.value(QStringLiteral("errorDistribution")).toObject().isEmpty(), qPrintable(fast.out));

    const Run slow = bench(QStringLiteral("Slow"), QStringLiteral(R"({"delayMs": 150})"));
    QVERIFY2(slow.exitCode == 0, qPrintable(describeRun(slow)));
    const QJsonObject delayed = QJsonDocument::fromJson(slow.out.toUtf8()).object();
    QCOMPARE(delayed.value(QStringLiteral("count")).toInt(), 200);
    // Nanoseconds, as ghz writes them: the server's 150 ms is in every call's latency.
    QVERIFY2(p50(delayed) >= 150e6, qPrintable(slow.out));
    QVERIFY2(p50(delayed) > p50(quick), qPrintable(slow.out));
}

QTEST_GUILESS_MAIN(InteropTest)
#include "InteropTest.moc"
