// A bounded soak of the call engine against a server that dies: the demo server (the
// wirescope binary's serve-demo) is killed with SIGKILL and restarted on the same port, round
// after round, while server streams and loops of unary calls run over one long-lived
// Connection, as the app keeps one per target. Each round proves that every frame received
// before the kill is kept (unchanged, in order, none missing), that every call ends with a
// clear status, that calls started while the server is down end too, and that the same
// connection works again once the server is back. Resident memory after the last round must
// be within 10% of what it was after the first.

#include "model/frames/FramesModel.h"
#include "model/schema/MethodRef.h"
#include "rpc/call/CallRunner.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <malloc.h>
#include <unistd.h>

#include <deque>
#include <memory>
#include <vector>

using namespace wirescope;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool underAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool underAddressSanitizer = true;
#else
constexpr bool underAddressSanitizer = false;
#endif
#else
constexpr bool underAddressSanitizer = false;
#endif

constexpr int Rounds = 7;
constexpr int Streams = 3;
constexpr int FramesBeforeKill = 100; // each stream, every round
constexpr int UnaryOkBeforeKill = 20; // each loop, every round
constexpr int CallsWhileDown = 3;
constexpr int DeadlineWhileDownMs = 3000;
constexpr int ServerStartMs = 20000; // an ASan build of the binary starts slowly
constexpr int ReconnectMs = 5000; // from the server's banner to a ready channel
constexpr int UnderwayMs = 30000;
constexpr int CallEndMs = 15000;

// A call cut off by the server's death: gRPC reports a transport that closed under it
// ("Socket closed", "Connection reset by peer") as UNAVAILABLE.
const QStringList cutOffCodes = {QStringLiteral("UNAVAILABLE")};
// A call started while nothing listens: refused at once, or its deadline passes while the
// channel is still trying.
const QStringList whileDownCodes = {QStringLiteral("UNAVAILABLE"), QStringLiteral("DEADLINE_EXCEEDED")};

QString describe(const CallStatus &status)
{
    return status.codeName() + QStringLiteral(": ") + status.message;
}

bool isClear(const CallStatus &status, const QStringList &codes)
{
    return !status.isOk() && codes.contains(status.codeName()) && !status.message.trimmed().isEmpty();
}

std::deque<QByteArray> receivedBytes(const CallRecord &record)
{
    std::deque<QByteArray> received;
    for (const CallRecord::Frame &frame : record.frames()) {
        if (frame.direction == CallRecord::Direction::Received)
            received.push_back(frame.bytes);
    }
    return received;
}

int freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const int port = probe.serverPort();
    probe.close();
    return port;
}

// Resident set size, after handing free heap pages back so the allocator's caching does
// not count as growth.
qint64 residentBytes()
{
    malloc_trim(0);
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

// One method as a request tab holds it: where it goes and its request, encoded.
struct Request {
    MethodRef method;
    QByteArray body;
    QString text;
};

// A request tab showing a server stream: its runner and the frames the user sees.
struct StreamTab {
    CallRunner *runner = nullptr;
    FramesModel *frames = nullptr;
    std::deque<QByteArray> beforeKill; // the bytes of every frame received before the kill
};

// A request tab whose user sends the same unary call again as soon as one ends.
struct UnaryLoop {
    const Request *request = nullptr;
    CallRunner *runner = nullptr;
    FramesModel *frames = nullptr;
    bool looping = true;
    int ok = 0;
    int refused = 0; // send() said no
    QStringList failedWhileUp;
    QList<CallStatus> cutOff; // ended once the kill had begun
};

} // namespace

class SoakTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serverKilledAndRestartedWhileCallsRun();
    void cleanupTestCase();

private:
    void runRound(int round);
    void startServer();
    void killServer();
    void startCalls();
    void startCallsWhileDown();
    void startUnary(UnaryLoop &loop);
    void onUnaryFinished(UnaryLoop &loop, const CallStatus &status);
    void noteFramesBeforeKill();
    bool everyCallUnderway() const;
    bool everyCallEnded() const;
    QString progress() const;
    void checkStreams();
    void checkUnaryLoops();
    void checkCallsWhileDown();
    void releaseRound();
    CallRunner *newTab(const Request &request, FramesModel **frames);
    Request request(const QString &method, const QByteArray &json) const;

    SchemaPtr m_schema;
    Request m_ticks;
    Request m_echo;
    Request m_order;
    int m_port = 0;
    std::unique_ptr<QProcess> m_server;
    QByteArray m_banner;
    std::shared_ptr<Connection> m_connection;
    bool m_killed = false;

    // One round's tabs; closing them (deleting m_tabs) releases their runners, calls and
    // frames the way closing request tabs does in the app.
    std::unique_ptr<QObject> m_tabs;
    std::vector<StreamTab> m_streams;
    std::vector<std::unique_ptr<UnaryLoop>> m_loops;
    std::vector<StreamTab> m_whileDown;
};

void SoakTest::initTestCase()
{
    // From the .proto on disk: reflection would race with the kills.
    m_schema = test::demoSchema();
    QVERIFY(m_schema);
    m_ticks = request(
        QStringLiteral("StreamTicks"), R"({"count": 1000000, "intervalMs": 5, "payloadSize": 256})");
    m_echo = request(QStringLiteral("Echo"), R"({"fString": "soak", "tags": ["a", "b"], "fInt64": "42"})");
    m_order = request(QStringLiteral("PlaceOrder"),
        R"({"customer": "ada", "items": [{"name": "pen", "price": 1.5, "quantity": 4}]})");
    QVERIFY(m_ticks.method.isValid() && m_echo.method.isValid() && m_order.method.isValid());
    QVERIFY(!m_ticks.body.isEmpty() && !m_echo.body.isEmpty() && !m_order.body.isEmpty());
    m_port = freeLoopbackPort();
    QVERIFY(m_port > 0);
    ChannelOptions options;
    options.target = QStringLiteral("127.0.0.1:%1").arg(m_port);
    m_connection = std::make_shared<Connection>(options);
    QVERIFY(m_connection->isValid());
}

Request SoakTest::request(const QString &method, const QByteArray &json) const
{
    Request out;
    out.method = MethodRef::resolve(m_schema, QStringLiteral("wirescope.demo.v1.DemoService/") + method);
    out.text = QString::fromUtf8(json);
    JsonError error;
    if (out.method.isValid() && !out.method.encodeRequest(json, &out.body, &error))
        qWarning("%s: %s", qPrintable(method), qPrintable(error.toString()));
    return out;
}

void SoakTest::serverKilledAndRestartedWhileCallsRun()
{
    qint64 afterFirst = 0;
    qint64 afterLast = 0;
    for (int round = 1; round <= Rounds; ++round) {
        runRound(round);
        if (QTest::currentTestFailed())
            return;
        releaseRound();
        afterLast = residentBytes();
        qInfo("round %d: resident memory %lld KiB", round, afterLast / 1024);
        if (round == 1)
            afterFirst = afterLast;
    }
    qInfo("resident memory after round 1: %lld KiB, after round %d: %lld KiB (limit %lld KiB)",
        afterFirst / 1024, Rounds, afterLast / 1024, afterFirst * 11 / 10 / 1024);
    if (underAddressSanitizer) {
        qInfo("the memory limit is not asserted under AddressSanitizer: its quarantine dominates the "
              "resident set");
        return;
    }
    QVERIFY(afterFirst > 0);
    QVERIFY2(afterLast * 10 <= afterFirst * 11,
        qPrintable(QStringLiteral("resident memory grew from %1 KiB to %2 KiB")
                       .arg(afterFirst / 1024)
                       .arg(afterLast / 1024)));
}

void SoakTest::runRound(int round)
{
    qInfo("round %d", round);
    startServer();
    if (QTest::currentTestFailed())
        return;
    // The same channel as the round before: it must find the new server by itself, soon.
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(true), Connection::State::Ready, ReconnectMs);
    startCalls();
    QTRY_VERIFY2_WITH_TIMEOUT(everyCallUnderway(), qPrintable(progress()), UnderwayMs);
    noteFramesBeforeKill();
    killServer();
    if (QTest::currentTestFailed())
        return;
    startCallsWhileDown();
    QTRY_VERIFY2_WITH_TIMEOUT(everyCallEnded(), qPrintable(progress()), CallEndMs);
    checkStreams();
    checkUnaryLoops();
    checkCallsWhileDown();
}

void SoakTest::startServer()
{
    m_killed = false;
    m_banner.clear();
    m_server = std::make_unique<QProcess>();
    m_server->setProcessChannelMode(QProcess::ForwardedErrorChannel); // its complaints, in the log
    connect(m_server.get(), &QProcess::readyReadStandardOutput, this,
        [this] { m_banner += m_server->readAllStandardOutput(); });
    m_server->start(QStringLiteral(WIRESCOPE_BINARY),
        {QStringLiteral("serve-demo"), QStringLiteral("--port"), QString::number(m_port)});
    QTRY_VERIFY2_WITH_TIMEOUT(m_banner.contains("listening on"),
        qPrintable(QStringLiteral("serve-demo on port %1 did not start: %2")
                       .arg(m_port)
                       .arg(QString::fromUtf8(m_banner))),
        ServerStartMs);
    const QByteArray address = QByteArray("127.0.0.1:") + QByteArray::number(m_port);
    QVERIFY2(m_banner.contains(address), m_banner.constData());
}

void SoakTest::killServer()
{
    m_killed = true;
    m_server->kill(); // SIGKILL: no goodbye on any connection
    for (std::unique_ptr<UnaryLoop> &loop : m_loops)
        loop->looping = false; // the call each loop has in flight is cut off
    QTRY_COMPARE_WITH_TIMEOUT(m_server->state(), QProcess::NotRunning, 10000);
    QCOMPARE(m_server->exitStatus(), QProcess::CrashExit);
}

CallRunner *SoakTest::newTab(const Request &request, FramesModel **frames)
{
    auto *runner = new CallRunner(m_tabs.get());
    *frames = new FramesModel(m_tabs.get());
    (*frames)->setMethod(request.method);
    connect(runner, &CallRunner::events, *frames, &FramesModel::apply);
    return runner;
}

void SoakTest::startCalls()
{
    m_tabs = std::make_unique<QObject>();
    for (int i = 0; i < Streams; ++i) {
        StreamTab tab;
        tab.runner = newTab(m_ticks, &tab.frames);
        CallSpec spec;
        spec.method = m_ticks.method.path();
        spec.kind = m_ticks.method.kind();
        QVERIFY(tab.runner->start(m_connection, spec, CallSnapshot()));
        QVERIFY(tab.runner->send(m_ticks.body, m_ticks.text));
        m_streams.push_back(std::move(tab));
    }
    for (const Request *request : {&m_echo, &m_order}) {
        auto loop = std::make_unique<UnaryLoop>();
        loop->request = request;
        loop->runner = newTab(*request, &loop->frames);
        UnaryLoop *raw = loop.get();
        connect(loop->runner, &CallRunner::finished, loop->runner,
            [this, raw](const CallStatus &status) { onUnaryFinished(*raw, status); });
        m_loops.push_back(std::move(loop));
        startUnary(*raw);
    }
}

void SoakTest::startUnary(UnaryLoop &loop)
{
    CallSpec spec;
    spec.method = loop.request->method.path();
    spec.kind = loop.request->method.kind();
    loop.frames->clear(); // each call shows only its own frames, as in a request tab
    // Starting the next call releases the one before it (deleteLater), as Send does.
    if (!loop.runner->start(m_connection, spec, CallSnapshot())
        || !loop.runner->send(loop.request->body, loop.request->text))
        ++loop.refused;
}

void SoakTest::onUnaryFinished(UnaryLoop &loop, const CallStatus &status)
{
    // The frames model got this call's events, the status included, before this signal.
    if (status.isOk() && loop.frames->record().receivedCount() == 1)
        ++loop.ok;
    else if (!m_killed)
        loop.failedWhileUp.append(describe(status));
    else
        loop.cutOff.append(status);
    if (loop.looping)
        startUnary(loop);
}

void SoakTest::startCallsWhileDown()
{
    CallSpec spec;
    spec.method = m_echo.method.path();
    spec.kind = m_echo.method.kind();
    spec.deadlineMs = DeadlineWhileDownMs;
    for (int i = 0; i < CallsWhileDown; ++i) {
        StreamTab tab;
        tab.runner = newTab(m_echo, &tab.frames);
        QVERIFY(tab.runner->start(m_connection, spec, CallSnapshot()));
        QVERIFY(tab.runner->send(m_echo.body, m_echo.text));
        m_whileDown.push_back(std::move(tab));
    }
}

bool SoakTest::everyCallUnderway() const
{
    for (const StreamTab &tab : m_streams) {
        if (tab.frames->record().receivedCount() < FramesBeforeKill)
            return false;
    }
    for (const std::unique_ptr<UnaryLoop> &loop : m_loops) {
        if (loop->ok < UnaryOkBeforeKill)
            return false;
    }
    return true;
}

bool SoakTest::everyCallEnded() const
{
    for (const std::vector<StreamTab> *tabs : {&m_streams, &m_whileDown}) {
        for (const StreamTab &tab : *tabs) {
            if (tab.runner->isRunning())
                return false;
        }
    }
    for (const std::unique_ptr<UnaryLoop> &loop : m_loops) {
        if (loop->looping || loop->runner->isRunning())
            return false;
    }
    return true;
}

QString SoakTest::progress() const
{
    QStringList parts;
    for (const StreamTab &tab : m_streams) {
        const CallRecord &record = tab.frames->record();
        parts.append(QStringLiteral("stream: %1 frames, %2")
                         .arg(record.receivedCount())
                         .arg(record.isFinished() ? describe(record.status()) : QStringLiteral("running")));
    }
    for (const std::unique_ptr<UnaryLoop> &loop : m_loops) {
        parts.append(
            QStringLiteral("%1 loop: %2 ok, failed while up: [%3], %4")
                .arg(loop->request->method.fullName())
                .arg(loop->ok)
                .arg(loop->failedWhileUp.join(QStringLiteral("; ")))
                .arg(loop->runner->isRunning() ? QStringLiteral("running") : QStringLiteral("idle")));
    }
    for (const StreamTab &tab : m_whileDown)
        parts.append(QStringLiteral("while down: %1")
                         .arg(tab.runner->isRunning() ? QStringLiteral("running")
                                                      : describe(tab.runner->lastStatus())));
    return parts.join(u'\n');
}

void SoakTest::noteFramesBeforeKill()
{
    for (StreamTab &tab : m_streams)
        tab.beforeKill = receivedBytes(tab.frames->record());
}

void SoakTest::checkStreams()
{
    for (const StreamTab &tab : m_streams) {
        const CallRecord &record = tab.frames->record();
        QVERIFY2(isClear(record.status(), cutOffCodes), qPrintable(describe(record.status())));
        const std::deque<QByteArray> received = receivedBytes(record);
        QVERIFY2(received.size() >= tab.beforeKill.size(),
            qPrintable(QStringLiteral("%1 frames before the kill, %2 after")
                           .arg(tab.beforeKill.size())
                           .arg(received.size())));
        for (size_t i = 0; i < tab.beforeKill.size(); ++i)
            QVERIFY2(received[i] == tab.beforeKill[i], qPrintable(QStringLiteral("frame %1 changed").arg(i)));
        // In order and none missing: the server numbers its ticks from 1.
        for (size_t i = 0; i < received.size(); ++i) {
            QByteArray json;
            QString error;
            QVERIFY2(m_ticks.method.decode(received[i], false, &json, &error), qPrintable(error));
            const qint64 seq
                = QJsonDocument::fromJson(json).object().value(QLatin1String("seq")).toString().toLongLong();
            QCOMPARE(seq, qint64(i + 1));
        }
    }
}

void SoakTest::checkUnaryLoops()
{
    for (const std::unique_ptr<UnaryLoop> &loop : m_loops) {
        QVERIFY2(loop->failedWhileUp.isEmpty(), qPrintable(loop->failedWhileUp.join(u'\n')));
        QCOMPARE(loop->refused, 0);
        for (const CallStatus &status : std::as_const(loop->cutOff))
            QVERIFY2(isClear(status, cutOffCodes), qPrintable(describe(status)));
    }
}

void SoakTest::checkCallsWhileDown()
{
    for (const StreamTab &tab : m_whileDown) {
        const CallRecord &record = tab.frames->record();
        QVERIFY2(isClear(record.status(), whileDownCodes), qPrintable(describe(record.status())));
        QCOMPARE(record.receivedCount(), 0);
        QCOMPARE(tab.runner->lastStatus().code, record.status().code);
    }
}

// Closes the round's tabs: their runners, calls and frames go, and only what the engine
// itself keeps between calls is left for the memory reading.
void SoakTest::releaseRound()
{
    m_streams.clear();
    m_loops.clear();
    m_whileDown.clear();
    m_tabs.release()->deleteLater();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    m_server.reset();
}

void SoakTest::cleanupTestCase()
{
    if (m_server && m_server->state() != QProcess::NotRunning) {
        m_server->kill();
        m_server->waitForFinished(10000);
    }
    m_tabs.reset();
    m_connection.reset();
}

QTEST_GUILESS_MAIN(SoakTest)
#include "SoakTest.moc"
