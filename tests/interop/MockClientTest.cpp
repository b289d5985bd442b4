#include "InteropServer.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace wirescope;

// `wirescope mock` as a third-party client sees it: grpc-js (tests/interop/node/client.js)
// lists the mock's services by reflection and gets example answers, stubbed and templated
// answers, streams with their delays, rich errors, and, in record mode, a real server's
// answers replayed from the stubs they became.
class MockClientTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void reflectionListsTheSchema();
    void examplesAnswerWithoutStubs();
    void stubsAndTemplatesAnswer();
    void streamsKeepTheirDelays();
    void errorsCarryRichDetails();
    void clientAndBidiStreamsAreAnswered();
    void editedStubsAreReloaded();
    void aBrokenStubStopsTheStart();
    void recordModeReplaysARealServer();
    void aCollectionServesItsSchemaAndStubs();
    void tlsServesWithTheGivenCertificate();

private:
    struct Answer {
        QJsonObject headers;
        QList<QJsonObject> messages;
        QList<int> atMs;
        QJsonObject status;
        QString raw;
    };
    bool startMock(const QStringList &extra);
    Answer call(
        const QString &method, const QList<QByteArray> &requests, const QStringList &headers = {}) const;
    void writeStub(const QString &name, const QByteArray &json) const;
    QString mockOutput();

    std::unique_ptr<QTemporaryDir> m_stubs;
    std::unique_ptr<QProcess> m_mock;
    QString m_target;
    QString m_output;
};

namespace {

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

const QString Demo = QStringLiteral("wirescope.demo.v1.DemoService/");

} // namespace

void MockClientTest::initTestCase()
{
    if (const QString missing = test::InteropServer::missingReason(); !missing.isEmpty()) {
        if (test::InteropServer::mustRun())
            QFAIL(qPrintable(QStringLiteral("the grpc-js client is not available: %1").arg(missing)));
        QSKIP(qPrintable(QStringLiteral("the grpc-js client is not available: %1").arg(missing)));
    }
}

void MockClientTest::init()
{
    m_stubs = std::make_unique<QTemporaryDir>();
    m_output.clear();
}

void MockClientTest::cleanup()
{
    if (m_mock && m_mock->state() != QProcess::NotRunning) {
        m_mock->terminate();
        QVERIFY(m_mock->waitForFinished(10000));
        QCOMPARE(m_mock->exitCode(), 0); // SIGTERM ends it cleanly
    }
    m_mock.reset();
}

void MockClientTest::writeStub(const QString &name, const QByteArray &json) const
{
    QFile file(m_stubs->filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(json);
}

QString MockClientTest::mockOutput()
{
    if (m_mock)
        m_output += QString::fromUtf8(m_mock->readAllStandardOutput() + m_mock->readAllStandardError());
    return m_output;
}

// Starts the mock on the demo's .proto files and the stubs folder; waits for its address.
bool MockClientTest::startMock(const QStringList &extra)
{
    m_mock = std::make_unique<QProcess>();
    QStringList arguments {QStringLiteral("mock"), QStringLiteral("--port"), QStringLiteral("0")};
    arguments += extra;
    m_mock->start(QStringLiteral(WIRESCOPE_BINARY), arguments);
    if (!m_mock->waitForStarted(10000))
        return false;
    if (!QTest::qWaitFor(
            [this] {
                return mockOutput().contains(QStringLiteral("(reflection on;"))
                    || m_mock->state() == QProcess::NotRunning;
            },
            15000))
        return false;
    const qsizetype at = m_output.indexOf(QStringLiteral(" on 127.0.0.1:"));
    if (at < 0)
        return false;
    m_target = m_output.mid(at + 4).section(u' ', 0, 0);
    return true;
}

MockClientTest::Answer MockClientTest::call(
    const QString &method, const QList<QByteArray> &requests, const QStringList &headers) const
{
    QStringList arguments {env("WIRESCOPE_CLIENT_JS"), m_target, method, QStringLiteral("--proto"),
        QStringLiteral("wirescope/demo/v1/demo.proto"), QStringLiteral("-I"),
        QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT)};
    for (const QByteArray &request : requests)
        arguments += {QStringLiteral("-d"), QString::fromUtf8(request)};
    for (const QString &header : headers)
        arguments += {QStringLiteral("-H"), header};
    QProcess client;
    client.start(env("WIRESCOPE_NODE"), arguments);
    client.waitForFinished(30000);
    Answer answer;
    answer.raw = QString::fromUtf8(client.readAllStandardOutput() + client.readAllStandardError());
    for (const QString &line : answer.raw.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
        if (object.contains(QStringLiteral("headers")))
            answer.headers = object.value(QStringLiteral("headers")).toObject();
        else if (object.contains(QStringLiteral("message"))) {
            answer.messages.append(object.value(QStringLiteral("message")).toObject());
            answer.atMs.append(object.value(QStringLiteral("atMs")).toInt());
        } else if (object.contains(QStringLiteral("code")))
            answer.status = object;
    }
    return answer;
}

void MockClientTest::reflectionListsTheSchema()
{
    QVERIFY2(startMock({QStringLiteral("--proto"), QStringLiteral("wirescope/demo/v1/demo.proto"),
                 QStringLiteral("-I"), QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT)}),
        qPrintable(m_output));
    for (const char *version : {"v1", "v1alpha"}) {
        QProcess client;
        client.start(env("WIRESCOPE_NODE"),
            {env("WIRESCOPE_CLIENT_JS"), m_target, QStringLiteral("--reflect"), QLatin1String(version),
                QStringLiteral("--symbol"), QStringLiteral("wirescope.demo.v1.DemoService")});
        QVERIFY(client.waitForFinished(30000));
        const QString out = QString::fromUtf8(client.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("\"wirescope.demo.v1.DemoService\"")), qPrintable(out));
        QVERIFY2(
            out.contains(QStringLiteral("\"grpc.reflection.v1alpha.ServerReflection\"")), qPrintable(out));
        // The service's file with its imports, so the client can build it.
        QVERIFY2(
            out.contains(QStringLiteral("{\"files\":")) && !out.contains(QStringLiteral("{\"files\":0}")),
            qPrintable(out));
    }
    // And Wirescope's own CLI describes it by reflection, as any server.
    const test::Run listed = test::runWirescope({QStringLiteral("list"), QStringLiteral("--plaintext"),
        m_target, QStringLiteral("wirescope.demo.v1.DemoService")});
    QVERIFY2(
        listed.exitCode == 0 && listed.out.contains(QStringLiteral("wirescope.demo.v1.DemoService.Chat")),
        qPrintable(test::describeRun(listed)));
}

void MockClientTest::examplesAnswerWithoutStubs()
{
    QVERIFY2(startMock({QStringLiteral("--proto"), QStringLiteral("wirescope/demo/v1/demo.proto"),
                 QStringLiteral("-I"), QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT)}),
        qPrintable(m_output));
    const Answer first = call(Demo + QStringLiteral("Echo"), {"{\"fString\": \"a\"}"});
    QCOMPARE(first.status.value(QStringLiteral("code")).toInt(), 0);
    QCOMPARE(first.messages.size(), 1);
    const QJsonObject echo = first.messages.first();
    QVERIFY2(echo.value(QStringLiteral("email")).toString().contains(u'@'), qPrintable(first.raw));
    QVERIFY2(!echo.value(QStringLiteral("createdAt")).toObject().isEmpty(), qPrintable(first.raw));
    QVERIFY2(echo.value(QStringLiteral("tags")).toArray().size() == 1, qPrintable(first.raw));
    QCOMPARE(first.headers.value(QStringLiteral("x-wirescope-mock")).toString(), QStringLiteral("example"));
    // The same request, the same answer.
    QCOMPARE(call(Demo + QStringLiteral("Echo"), {"{\"fString\": \"a\"}"}).messages, first.messages);
    const Answer ticks = call(Demo + QStringLiteral("StreamTicks"), {"{\"count\": 2}"});
    QVERIFY2(ticks.messages.size() >= 1, qPrintable(ticks.raw));
    QTRY_VERIFY(mockOutput().contains(QStringLiteral("wirescope.demo.v1.DemoService/Echo  example  OK")));
}

void MockClientTest::stubsAndTemplatesAnswer()
{
    writeStub(QStringLiteral("echo-hello.json"), R"({
        "method": "wirescope.demo.v1.DemoService/Echo",
        "match": {"body": {"fString": "hello"}, "metadata": {"x-user": "ada"}},
        "respond": {"body": {"fString": "hi {{request.fString}}", "fInt32": "{{request.fInt32}}"},
                    "headers": {"x-mock": "1"}, "trailers": {"x-done": "yes"}}
    })");
    QVERIFY2(startMock({QStringLiteral("--proto"), QStringLiteral("wirescope/demo/v1/demo.proto"),
                 QStringLiteral("-I"), QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), QStringLiteral("--stubs"),
                 m_stubs->path()}),
        qPrintable(m_output));
    const Answer stubbed = call(Demo + QStringLiteral("Echo"), {"{\"fString\": \"hello\", \"fInt32\": 7}"},
        {QStringLiteral("x-user=ada")});
    QCOMPARE(stubbed.messages.size(), 1);
    QCOMPARE(
        stubbed.messages.first().value(QStringLiteral("fString")).toString(), QStringLiteral("hi hello"));
    QCOMPARE(stubbed.messages.first().value(QStringLiteral("fInt32")).toInt(), 7);
    QCOMPARE(stubbed.headers.value(QStringLiteral("x-mock")).toString(), QStringLiteral("1"));
    QCOMPARE(stubbed.status.value(QStringLiteral("trailers"))
                 .toObject()
                 .value(QStringLiteral("x-done"))
                 .toString(),
        QStringLiteral("yes"));
    // Without the metadata the stub asks for, the example answers.
    const Answer other = call(Demo + QStringLiteral("Echo"), {"{\"fString\": \"hello\"}"});
    QCOMPARE(other.headers.value(QStringLiteral("x-wirescope-mock")).toString(), QStringLiteral("example"));
    QVERIFY(other.messages.first().value(QStringLiteral("fString")).toString() != QStringLiteral("hi hello"));
}

void MockClientTest::streamsKeepTheirDelays()
{
    writeStub(QStringLiteral("ticks.json"), R"({
        "method": "wirescope.demo.v1.DemoService/StreamTicks",
        "respond": {"stream": [{"body": {"seq": "1"}}, {"body": {"seq": "2"}, "delayMs": 150},
                               {"body": {"seq": "3"}, "delayMs": 150}], "repeat": 2}
    })");
    QVERIFY2(startMock({QStringLiteral("--proto"), QStringLiteral("wirescope/demo/v1/demo.proto"),
                 QStringLiteral("-I"), QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), QStringLiteral("--stubs"),
                 m_stubs->path()}),
        qPrintable(m_output));
    const Answer ticks = call(Demo + QStringLiteral("StreamTicks"), {"{\"count\": 1}"});
    QCOMPARE(ticks.status.value(QStringLiteral("code")).toInt(), 0);
    QStringList seqs;
    for (const QJsonObject &tick : ticks.messages)
        seqs.append(tick.value(QStringLiteral("seq")).toString());
    QCOMPARE(seqs,
        (QStringList {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("1"),
            QStringLiteral("2"), QStringLiteral("3")}));
    // Four delays of 150 ms lie between the first message and the last: never less.
    QVERIFY2(ticks.atMs.last() - ticks.atMs.first() >= 4 * 150 - 20, qPrintable(ticks.raw));
}

void MockClientTest::errorsCarryRichDetails()
{
    writeStub(QStringLiteral("fail.json"), R"({
        "method": "wirescope.demo.v1.DemoService/Fail",
        "respond": {"status": {"code": "NOT_FOUND", "message": "no order 42",
            "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "MOCK_REASON",
                         "domain": "mock.wirescope"}]}}
    })");
    QVERIFY2(startMock({QStringLiteral("--proto"), QStringLiteral("wirescope/demo/v1/demo.proto"),
                 QStringLiteral("-I"), QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), QStringLiteral("--stubs"),
                 m_stubs->path()}),
        qPrintable(m_output));
    const Answer failed = call(Demo + QStringLiteral("Fail"), {"{}"});
    QCOMPARE(failed.status.value(QStringLiteral("code")).toInt(), 5);
    QCOMPARE(failed.status.value(QStringLiteral("details")).toString(), QStringLiteral("no order 42"));
    QVERIFY2(failed.status.value(QStringLiteral("statusDetailsText"))
                 .toString()
                 .contains(QStringLiteral("MOCK_REASON")),
        qPrintable(failed.raw));
    // Wirescope's own CLI decodes the same details.
    const test::Run decoded = test::runWirescope({QStringLiteral("call"), QStringLiteral("--plaintext"),
        m_target, Demo + QStringLiteral("Fail"), QStringLiteral("-d"), QStringLiteral("{}")});
    QCOMPARE(decoded.exitCode, 64 + 5);
    QVERIFY2(decoded.err.contains(QStringLiteral("\"reason\": \"MOCK_REASON\"")),
        qPrintable(test::describeRun(decoded)));
}

void MockClientTest::clientAndBidiStreamsAreAnswered()
{
    writeStub(QStringLiteral("collect.json"), R"({
        "method": "wirescope.demo.v1.DemoService/Collect",
        "respond": {"body": {"itemCount": "{{request.quantity}}"}}
    })");
    writeStub(QStringLiteral("chat.json"), R"({
        "method": "wirescope.demo.v1.DemoService/Chat",
        "match": {"bodyMatches": {"$.text": "^q"}},
        "respond": {"answer": "each", "body": {"from": "mock", "text": "re {{request.text}}"}}
    })");
    QVERIFY2(startMock({QStringLiteral("--proto"), QStringLiteral("wirescope/demo/v1/demo.proto"),
                 QStringLiteral("-I"), QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), QStringLiteral("--stubs"),
                 m_stubs->path()}),
        qPrintable(m_output));
    // Answered at the end, from the last message.
    const Answer collected
        = call(Demo + QStringLiteral("Collect"), {"{\"quantity\": 2}", "{\"quantity\": 9}"});
    QCOMPARE(collected.messages.size(), 1);
    QCOMPARE(collected.messages.first().value(QStringLiteral("itemCount")).toInt(), 9);
    // Each matching message answered as it comes.
    const Answer chat = call(Demo + QStringLiteral("Chat"), {"{\"text\": \"q1\"}", "{\"text\": \"q2\"}"});
    QCOMPARE(chat.messages.size(), 2);
    QCOMPARE(chat.messages.at(1).value(QStringLiteral("text")).toString(), QStringLiteral("re q2"));
}

void MockClientTest::editedStubsAreReloaded()
{
    QVERIFY2(startMock({QStringLiteral("--proto"), QStringLiteral("wirescope/demo/v1/demo.proto"),
                 QStringLiteral("-I"), QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), QStringLiteral("--stubs"),
                 m_stubs->path()}),
        qPrintable(m_output));
    QCOMPARE(call(Demo + QStringLiteral("Echo"), {"{}"})
                 .headers.value(QStringLiteral("x-wirescope-mock"))
                 .toString(),
        QStringLiteral("example"));
    writeStub(QStringLiteral("echo.json"),
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {"fString": "fresh"}}})");
    QTRY_VERIFY_WITH_TIMEOUT(mockOutput().contains(QStringLiteral("stubs reloaded: 1")), 10000);
    QCOMPARE(call(Demo + QStringLiteral("Echo"), {"{}"})
                 .messages.first()
                 .value(QStringLiteral("fString"))
                 .toString(),
        QStringLiteral("fresh"));
    // A broken edit is refused and the stubs before it keep answering.
    writeStub(QStringLiteral("echo.json"),
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {"fStrin": "x"}}})");
    QTRY_VERIFY_WITH_TIMEOUT(mockOutput().contains(QStringLiteral("stubs not reloaded")), 10000);
    QCOMPARE(call(Demo + QStringLiteral("Echo"), {"{}"})
                 .messages.first()
                 .value(QStringLiteral("fString"))
                 .toString(),
        QStringLiteral("fresh"));
}

void MockClientTest::aBrokenStubStopsTheStart()
{
    writeStub(QStringLiteral("bad.json"),
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {"fStrin": "x"}}})");
    const test::Run run = test::runWirescope({QStringLiteral("mock"), QStringLiteral("--proto"),
        QStringLiteral("wirescope/demo/v1/demo.proto"), QStringLiteral("-I"),
        QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), QStringLiteral("--stubs"), m_stubs->path()});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("bad.json")) && run.err.contains(QStringLiteral("fStrin")),
        qPrintable(test::describeRun(run)));
}

void MockClientTest::recordModeReplaysARealServer()
{
    std::unique_ptr<DemoServer> upstream = test::startDemo();
    QVERIFY(upstream);
    QTemporaryDir recorded;
    QVERIFY2(startMock({QStringLiteral("--upstream"), upstream->address(), QStringLiteral("--record"),
                 recorded.path()}),
        qPrintable(m_output));
    const QByteArray order = R"({"items": [{"name": "pen", "price": 2, "quantity": 3}]})";
    const Answer live = call(Demo + QStringLiteral("PlaceOrder"), {order});
    QCOMPARE(live.messages.size(), 1);
    QCOMPARE(live.messages.first().value(QStringLiteral("itemCount")).toInt(), 3);
    QCOMPARE(live.headers.value(QStringLiteral("x-wirescope-mock")).toString(), QStringLiteral("upstream"));
    QTRY_VERIFY_WITH_TIMEOUT(mockOutput().contains(QStringLiteral("recorded ")), 10000);
    QCOMPARE(QDir(recorded.path()).entryList({QStringLiteral("*.json")}, QDir::Files).size(), 1);

    // The real server is gone; the recording answers the same call the same way.
    upstream.reset();
    const Answer replayed = call(Demo + QStringLiteral("PlaceOrder"), {order});
    QCOMPARE(replayed.status.value(QStringLiteral("code")).toInt(), 0);
    QCOMPARE(replayed.messages.size(), 1);
    QCOMPARE(replayed.messages.first().value(QStringLiteral("itemCount")).toInt(), 3);
    QCOMPARE(replayed.messages.first().value(QStringLiteral("total")),
        live.messages.first().value(QStringLiteral("total")));
    QVERIFY2(replayed.headers.value(QStringLiteral("x-wirescope-mock"))
                 .toString()
                 .endsWith(QStringLiteral(".json")),
        qPrintable(replayed.raw));
}

// `mock --collection DIR`: the schema its requests load from files, the stubs in its mocks/.
void MockClientTest::aCollectionServesItsSchemaAndStubs()
{
    QTemporaryDir collection;
    test::writeCollection(collection.path(), {});
    test::writeRequest(collection.filePath(QStringLiteral("echo.json")), QStringLiteral("localhost:1"),
        Demo + QStringLiteral("Echo"), QJsonObject {},
        {{QStringLiteral("schema"),
            QJsonObject {{QStringLiteral("kind"), QStringLiteral("protoFiles")},
                {QStringLiteral("protoFiles"), QJsonArray {QStringLiteral("wirescope/demo/v1/demo.proto")}},
                {QStringLiteral("importPaths"), QJsonArray {QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT)}}}}});
    QDir(collection.path()).mkpath(QStringLiteral("mocks"));
    QFile stub(collection.filePath(QStringLiteral("mocks/echo.json")));
    QVERIFY(stub.open(QIODevice::WriteOnly));
    stub.write(
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {"fString": "from mocks/"}}})");
    stub.close();
    QVERIFY2(startMock({QStringLiteral("--collection"), collection.path()}), qPrintable(m_output));
    QVERIFY2(m_output.contains(QStringLiteral("with 1 stub ")), qPrintable(m_output));
    const Answer answer = call(Demo + QStringLiteral("Echo"), {"{}"});
    QCOMPARE(answer.messages.size(), 1);
    QCOMPARE(
        answer.messages.first().value(QStringLiteral("fString")).toString(), QStringLiteral("from mocks/"));
    QCOMPARE(
        answer.headers.value(QStringLiteral("x-wirescope-mock")).toString(), QStringLiteral("echo.json"));
}

void MockClientTest::tlsServesWithTheGivenCertificate()
{
    QTemporaryDir certs;
    QString error;
    QVERIFY2(test::makeCertificates(certs.path(), &error), qPrintable(error));
    QVERIFY2(startMock({QStringLiteral("--proto"), QStringLiteral("wirescope/demo/v1/demo.proto"),
                 QStringLiteral("-I"), QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), QStringLiteral("--tls"),
                 certs.filePath(QStringLiteral("server.pem")), certs.filePath(QStringLiteral("server.key"))}),
        qPrintable(m_output));
    const QString target = QStringLiteral("localhost:") + m_target.section(u':', -1);
    const test::Run secure = test::runWirescope(
        {QStringLiteral("call"), QStringLiteral("--cacert"), certs.filePath(QStringLiteral("ca.pem")), target,
            Demo + QStringLiteral("Echo"), QStringLiteral("-d"), QStringLiteral("{}")});
    QVERIFY2(secure.exitCode == 0, qPrintable(test::describeRun(secure)));
    const test::Run plain = test::runWirescope(
        {QStringLiteral("call"), QStringLiteral("--plaintext"), target, Demo + QStringLiteral("Echo"),
            QStringLiteral("-d"), QStringLiteral("{}"), QStringLiteral("--max-time"), QStringLiteral("5")});
    QVERIFY2(plain.exitCode != 0, "a TLS mock refuses plaintext");
}

QTEST_GUILESS_MAIN(MockClientTest)
#include "MockClientTest.moc"
