#include "rpc/call/CallHandle.h"
#include "rpc/call/CallReactor.h"
#include "rpc/call/StatusDetails.h"
#include "support/TestSupport.h"

#include <QHash>
#include <QSignalSpy>
#include <QTest>

using namespace wirescope;

namespace {

const QString demoService = QStringLiteral("/wirescope.demo.v1.DemoService/");

// Each method with the kind the schema gives it, so every engine path is exercised:
// one-batch unary, corked server streaming, and the open bidi reactor.
CallSpec spec(const char *method)
{
    static const QHash<QString, CallKind> kinds = {
        {QStringLiteral("StreamTicks"), CallKind::ServerStreaming},
        {QStringLiteral("Collect"), CallKind::ClientStreaming},
        {QStringLiteral("Chat"), CallKind::Bidi},
    };
    CallSpec s;
    s.method = demoService + QLatin1String(method);
    s.kind = kinds.value(QLatin1String(method), CallKind::Unary);
    return s;
}

// Every event a finished call reported, in delivery order.
QList<CallEvent::Type> eventTypes(
    Connection &connection, const CallSpec &spec, const QList<QByteArray> &messages)
{
    QList<CallEvent::Type> types;
    CallHandle *handle = connection.startCall(spec);
    QSignalSpy finished(handle, &CallHandle::finished);
    QObject::connect(handle, &CallHandle::events, handle, [&types](const CallEvents &events) {
        for (const CallEvent &event : events)
            types.append(event.type);
    });
    for (const QByteArray &message : messages)
        handle->send(message);
    handle->halfClose();
    if (!handle->isFinished())
        finished.wait(20000);
    delete handle;
    return types;
}

// "sent half-close headers recv×3 trailers": runs of one type collapsed, for comparisons.
QString describe(const QList<CallEvent::Type> &types)
{
    const auto name = [](CallEvent::Type type) {
        switch (type) {
        case CallEvent::Type::Sent:
            return QStringLiteral("sent");
        case CallEvent::Type::HalfClosed:
            return QStringLiteral("half-close");
        case CallEvent::Type::Headers:
            return QStringLiteral("headers");
        case CallEvent::Type::Received:
            return QStringLiteral("recv");
        case CallEvent::Type::Finished:
            return QStringLiteral("trailers");
        }
        return QString();
    };
    QStringList parts;
    for (qsizetype i = 0; i < types.size();) {
        qsizetype run = 1;
        while (i + run < types.size() && types[i + run] == types[i])
            ++run;
        parts.append(run == 1 ? name(types[i]) : name(types[i]) + u'\u00d7' + QString::number(run));
        i += run;
    }
    return parts.join(u' ');
}

} // namespace

class CallEngineTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unaryCall();
    void serverStreamArrivesInBatchesWithEveryFrame();
    void clientStream();
    void bidiSendsWhileReceiving();
    void metadataBothWays();
    void deadlineExceeded();
    void cancelMidStream();
    void serverKilledMidStream();
    void richErrorDetails();
    void unreachableServer();
    void unknownMethod();
    void deletingTheHandleCancels();
    void unaryOverTheStreamingPath();
    void cancelBeforeTheRequestIsSent();
    void sendAfterFinishIsRefused();
    void channelStateFollowsTheConnection();
    void everyKindReportsItsHalfClose();
    void theLastChannelMayGoWhileItsCallEnds();

private:
    SchemaPtr m_schema;
    std::unique_ptr<DemoServer> m_server;
    std::unique_ptr<Connection> m_connection;
};

void CallEngineTest::initTestCase()
{
    m_schema = test::demoSchema();
    m_server = test::startDemo();
    QVERIFY(m_server);
    m_connection = std::make_unique<Connection>(test::plaintextTo(*m_server));
    QVERIFY(m_connection->isValid());
}

void CallEngineTest::unaryCall()
{
    const QByteArray request = test::encode(*m_schema, QStringLiteral("wirescope.demo.v1.Order"),
        R"({"customer": "ada", "items": [{"name": "pen", "price": 1.5, "quantity": 4}]})");
    const CallRecord record = test::runCall(*m_connection, spec("PlaceOrder"), {request});
    QVERIFY2(record.status().isOk(), qPrintable(record.status().message));
    QCOMPARE(record.sentCount(), 1);
    QCOMPARE(record.receivedCount(), 1);
    QVERIFY(record.hasHeaders());
    QCOMPARE(record.frames().front().direction, CallRecord::Direction::Sent);
    QCOMPARE(record.frames().front().bytes, request);
    const QByteArray reply
        = test::decode(*m_schema, QStringLiteral("wirescope.demo.v1.Receipt"), record.frames().back().bytes);
    QVERIFY2(reply.contains(R"("itemCount":4)") && reply.contains(R"("total":6)"), reply.constData());
    QVERIFY(record.frames().back().nanos >= record.frames().front().nanos);
    QVERIFY(record.elapsedNanos() > 0);
}

void CallEngineTest::serverStreamArrivesInBatchesWithEveryFrame()
{
    const int count = 5000;
    const QByteArray request = test::encode(*m_schema, QStringLiteral("wirescope.demo.v1.TicksRequest"),
        QByteArray("{\"count\": ") + QByteArray::number(count) + ", \"payloadSize\": 16}");
    CallHandle *handle = m_connection->startCall(spec("StreamTicks"));
    QSignalSpy batches(handle, &CallHandle::events);
    QSignalSpy finished(handle, &CallHandle::finished);
    handle->send(request);
    handle->halfClose();
    QVERIFY(finished.wait(20000));
    CallRecord record;
    for (const auto &args : batches)
        record.apply(args.at(0).value<CallEvents>());
    QVERIFY(record.status().isOk());
    QCOMPARE(record.receivedCount(), count);
    // Fewer deliveries than events: they were batched.
    QVERIFY2(batches.size() < count, qPrintable(QString::number(batches.size())));
    qint64 previous = -1;
    for (const CallRecord::Frame &frame : record.frames()) {
        QVERIFY(frame.nanos >= previous);
        previous = frame.nanos;
    }
    const QByteArray last
        = test::decode(*m_schema, QStringLiteral("wirescope.demo.v1.Tick"), record.frames().back().bytes);
    QVERIFY2(last.contains("\"seq\":\"5000\""), last.constData());
    QCOMPARE(record.frames().back().bytes.size(), 3 + 2 + 16); // seq varint + payload tag/len + 16 bytes
    delete handle;
}

void CallEngineTest::clientStream()
{
    QList<QByteArray> items;
    for (int i = 1; i <= 3; ++i)
        items.append(test::encode(*m_schema, QStringLiteral("wirescope.demo.v1.Item"),
            QByteArray("{\"name\": \"n\", \"price\": 2, \"quantity\": ") + QByteArray::number(i) + "}"));
    const CallRecord record = test::runCall(*m_connection, spec("Collect"), items);
    QVERIFY(record.status().isOk());
    QCOMPARE(record.sentCount(), 3);
    const QByteArray reply
        = test::decode(*m_schema, QStringLiteral("wirescope.demo.v1.Receipt"), record.frames().back().bytes);
    QVERIFY2(reply.contains(R"("itemCount":6)") && reply.contains(R"("total":12)"), reply.constData());
}

void CallEngineTest::bidiSendsWhileReceiving()
{
    CallHandle *handle = m_connection->startCall(spec("Chat"));
    CallRecord record;
    connect(handle, &CallHandle::events, this, [&record](const CallEvents &events) { record.apply(events); });
    const QString type = QStringLiteral("wirescope.demo.v1.ChatMessage");
    QVERIFY(handle->send(test::encode(*m_schema, type, R"({"text": "one"})")));
    QTRY_COMPARE_WITH_TIMEOUT(record.receivedCount(), 1, 10000);
    // The first answer arrived while the request side is still open.
    QVERIFY(!record.isFinished());
    QVERIFY(handle->send(test::encode(*m_schema, type, R"({"text": "two"})")));
    QTRY_COMPARE_WITH_TIMEOUT(record.receivedCount(), 2, 10000);
    handle->halfClose();
    QVERIFY(!handle->send(test::encode(*m_schema, type, R"({"text": "late"})")));
    QTRY_VERIFY_WITH_TIMEOUT(record.isFinished(), 10000);
    QVERIFY(record.status().isOk());
    QVERIFY(test::decode(*m_schema, type, record.frames().back().bytes).contains("echo: two"));
    delete handle;
}

void CallEngineTest::metadataBothWays()
{
    CallSpec s = spec("EchoMetadata");
    s.metadata = {{"x-user", "ada"}, {"trace-bin", QByteArray("\x00\x01\xfe", 3)}};
    const CallRecord record = test::runCall(*m_connection, s, {QByteArray()});
    QVERIFY(record.status().isOk());
    QVERIFY(record.headers().contains(MetadataPair {"echo-x-user", "ada"}));
    QVERIFY(record.headers().contains(MetadataPair {"echo-trace-bin", QByteArray("\x00\x01\xfe", 3)}));
    QVERIFY(record.trailers().contains(MetadataPair {"trailer-echo-x-user", "ada"}));
    const QByteArray body = test::decode(
        *m_schema, QStringLiteral("wirescope.demo.v1.MetadataEcho"), record.frames().back().bytes);
    QVERIFY2(body.contains(R"({"key":"trace-bin","value":"AAH+","binary":true})"), body.constData());
}

void CallEngineTest::deadlineExceeded()
{
    CallSpec s = spec("StreamTicks");
    s.deadlineMs = 300;
    const QByteArray request = test::encode(
        *m_schema, QStringLiteral("wirescope.demo.v1.TicksRequest"), R"({"count": 100, "intervalMs": 100})");
    const CallRecord record = test::runCall(*m_connection, s, {request});
    QCOMPARE(record.status().codeName(), QStringLiteral("DEADLINE_EXCEEDED"));
    QVERIFY(record.receivedCount() >= 1 && record.receivedCount() < 10);
}

void CallEngineTest::cancelMidStream()
{
    const QByteArray request = test::encode(
        *m_schema, QStringLiteral("wirescope.demo.v1.TicksRequest"), R"({"count": 1000, "intervalMs": 20})");
    CallHandle *handle = m_connection->startCall(spec("StreamTicks"));
    CallRecord record;
    connect(handle, &CallHandle::events, this, [&record](const CallEvents &events) { record.apply(events); });
    handle->send(request);
    handle->halfClose();
    QTRY_VERIFY_WITH_TIMEOUT(record.receivedCount() >= 3, 10000);
    handle->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(record.isFinished(), 10000);
    QCOMPARE(record.status().codeName(), QStringLiteral("CANCELLED"));
    QVERIFY(record.receivedCount() < 1000);
    delete handle;
}

void CallEngineTest::serverKilledMidStream()
{
    auto server = test::startDemo();
    QVERIFY(server);
    Connection connection(test::plaintextTo(*server));
    const QByteArray request = test::encode(
        *m_schema, QStringLiteral("wirescope.demo.v1.TicksRequest"), R"({"count": 1000, "intervalMs": 20})");
    CallHandle *handle = connection.startCall(spec("StreamTicks"));
    CallRecord record;
    connect(handle, &CallHandle::events, this, [&record](const CallEvents &events) { record.apply(events); });
    handle->send(request);
    handle->halfClose();
    QTRY_VERIFY_WITH_TIMEOUT(record.receivedCount() >= 2, 10000);
    server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(record.isFinished(), 10000);
    QVERIFY2(!record.status().isOk(), qPrintable(record.status().codeName()));
    QVERIFY(record.status().codeName() == QStringLiteral("UNAVAILABLE")
        || record.status().codeName() == QStringLiteral("CANCELLED"));
    QVERIFY(record.receivedCount() >= 2);
    delete handle;
}

void CallEngineTest::richErrorDetails()
{
    const QByteArray request = test::encode(*m_schema, QStringLiteral("wirescope.demo.v1.FailRequest"),
        R"({"code": 9, "message": "out of stock"})");
    const CallRecord record = test::runCall(*m_connection, spec("Fail"), {request});
    QCOMPARE(record.status().codeName(), QStringLiteral("FAILED_PRECONDITION"));
    QCOMPARE(record.status().message, QStringLiteral("out of stock"));
    const RichStatus rich = decodeStatusDetails(record.status().details, m_schema.get());
    QVERIFY(rich.valid);
    QCOMPARE(rich.code, 9);
    QStringList types;
    for (const StatusDetail &detail : rich.details) {
        types.append(detail.typeName);
        QVERIFY2(!detail.json.isEmpty(), qPrintable(detail.typeName));
    }
    QVERIFY(types.contains(QStringLiteral("google.rpc.BadRequest")));
    QVERIFY(types.contains(QStringLiteral("google.rpc.RetryInfo")));
    const QString text = formatStatus(record.status(), m_schema.get());
    QVERIFY2(text.startsWith(QStringLiteral("FAILED_PRECONDITION: out of stock")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\"retryDelay\": \"1.500s\"")), qPrintable(text));
}

void CallEngineTest::unreachableServer()
{
    ChannelOptions options;
    options.target = QStringLiteral("127.0.0.1:1");
    Connection connection(options);
    CallSpec s = spec("PlaceOrder");
    s.deadlineMs = 5000;
    const CallRecord record = test::runCall(connection, s, {QByteArray()});
    QCOMPARE(record.status().codeName(), QStringLiteral("UNAVAILABLE"));
    QCOMPARE(record.receivedCount(), 0);
}

void CallEngineTest::unknownMethod()
{
    const CallRecord record = test::runCall(*m_connection, spec("NoSuchMethod"), {QByteArray()});
    QCOMPARE(record.status().codeName(), QStringLiteral("UNIMPLEMENTED"));
}

void CallEngineTest::deletingTheHandleCancels()
{
    const QByteArray request = test::encode(
        *m_schema, QStringLiteral("wirescope.demo.v1.TicksRequest"), R"({"count": 100000, "intervalMs": 0})");
    for (int i = 0; i < 20; ++i) {
        CallHandle *handle = m_connection->startCall(spec("StreamTicks"));
        handle->send(request);
        handle->halfClose();
        QTest::qWait(i % 5);
        delete handle; // must not crash while gRPC threads are still delivering
    }
    QTest::qWait(200);
    // The connection still works afterwards.
    const CallRecord record = test::runCall(*m_connection, spec("Echo"), {QByteArray()});
    QVERIFY(record.status().isOk());
}

void CallEngineTest::unaryOverTheStreamingPath()
{
    // A caller that does not know the kind gets the general reactor; same result.
    CallSpec s = spec("PlaceOrder");
    s.kind = CallKind::Bidi;
    const QByteArray request = test::encode(
        *m_schema, QStringLiteral("wirescope.demo.v1.Order"), R"({"items": [{"price": 2, "quantity": 2}]})");
    const CallRecord record = test::runCall(*m_connection, s, {request});
    QVERIFY(record.status().isOk());
    QCOMPARE(record.receivedCount(), 1);
    QVERIFY(test::decode(*m_schema, QStringLiteral("wirescope.demo.v1.Receipt"), record.frames().back().bytes)
                .contains("\"total\":4"));
}

void CallEngineTest::cancelBeforeTheRequestIsSent()
{
    CallHandle *handle = m_connection->startCall(spec("Echo"));
    QSignalSpy finished(handle, &CallHandle::finished);
    handle->cancel();
    QVERIFY(finished.wait(5000));
    QCOMPARE(handle->status().codeName(), QStringLiteral("CANCELLED"));
    delete handle;
}

void CallEngineTest::sendAfterFinishIsRefused()
{
    CallHandle *handle = m_connection->startCall(spec("Chat"));
    QSignalSpy finished(handle, &CallHandle::finished);
    handle->halfClose();
    QVERIFY(finished.wait(5000));
    QVERIFY(handle->status().isOk());
    QVERIFY(!handle->send(QByteArray("x")));
    delete handle;
}

void CallEngineTest::channelStateFollowsTheConnection()
{
    Connection fresh(test::plaintextTo(*m_server));
    QCOMPARE(fresh.state(), Connection::State::Idle);
    QSignalSpy changes(&fresh, &Connection::stateChanged);
    QVERIFY(test::runCall(fresh, spec("Echo"), {QByteArray()}).status().isOk());
    QTRY_COMPARE_WITH_TIMEOUT(fresh.state(), Connection::State::Ready, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!changes.isEmpty(), 5000);
    QCOMPARE(changes.last().at(0).value<Connection::State>(), Connection::State::Ready);

    ChannelOptions nowhere;
    nowhere.target = QStringLiteral("127.0.0.1:1");
    Connection broken(nowhere);
    broken.state(true);
    QTRY_COMPARE_WITH_TIMEOUT(broken.state(), Connection::State::TransientFailure, 10000);
}

// Every kind shows the same story in its frames: the requests, the half-close, then the
// server's headers, responses and trailers. Unary and server-streaming calls send their one
// request with the end-of-stream flag, and report the half-close right after it.
void CallEngineTest::everyKindReportsItsHalfClose()
{
    const QByteArray order = test::encode(
        *m_schema, QStringLiteral("wirescope.demo.v1.Order"), R"({"items": [{"price": 2, "quantity": 2}]})");
    QCOMPARE(describe(eventTypes(*m_connection, spec("PlaceOrder"), {order})),
        QStringLiteral("sent half-close headers recv trailers"));

    const QByteArray ticks
        = test::encode(*m_schema, QStringLiteral("wirescope.demo.v1.TicksRequest"), R"({"count": 3})");
    QCOMPARE(describe(eventTypes(*m_connection, spec("StreamTicks"), {ticks})),
        QStringLiteral("sent half-close headers recv\u00d73 trailers"));

    // A failed unary call still sent its request and closed its side.
    const QByteArray fail = test::encode(
        *m_schema, QStringLiteral("wirescope.demo.v1.FailRequest"), R"({"code": 5, "message": "gone"})");
    QCOMPARE(describe(eventTypes(*m_connection, spec("Fail"), {fail})).left(15),
        QStringLiteral("sent half-close"));

    // Client and bidi streams: the request side (sends, then one half-close) and the server
    // side (headers, responses, trailers) each in order; the two may interleave.
    QList<QByteArray> items;
    for (int i = 1; i <= 3; ++i)
        items.append(test::encode(*m_schema, QStringLiteral("wirescope.demo.v1.Item"),
            QByteArray("{\"price\": 1, \"quantity\": ") + QByteArray::number(i) + "}"));
    QList<QByteArray> chat;
    for (const char *text : {"one", "two", "three"})
        chat.append(test::encode(*m_schema, QStringLiteral("wirescope.demo.v1.ChatMessage"),
            QByteArray("{\"text\": \"") + text + "\"}"));
    const QList<QPair<const char *, QList<QByteArray>>> streams = {{"Collect", items}, {"Chat", chat}};
    for (const auto &[method, messages] : streams) {
        const QList<CallEvent::Type> types = eventTypes(*m_connection, spec(method), messages);
        const QString story = describe(types);
        QList<CallEvent::Type> requestSide;
        QList<CallEvent::Type> serverSide;
        for (const CallEvent::Type type : types) {
            const bool request = type == CallEvent::Type::Sent || type == CallEvent::Type::HalfClosed;
            (request ? requestSide : serverSide).append(type);
        }
        QVERIFY2(describe(requestSide) == QStringLiteral("sent\u00d73 half-close"), qPrintable(story));
        const int responses = QLatin1String(method) == QLatin1String("Chat") ? 3 : 1;
        QVERIFY2(describe(serverSide)
                == (responses == 1 ? QStringLiteral("headers recv trailers")
                                   : QStringLiteral("headers recv\u00d73 trailers")),
            qPrintable(story));
        QVERIFY2(types.indexOf(CallEvent::Type::HalfClosed) < types.indexOf(CallEvent::Type::Finished),
            qPrintable(story));
        // The server answers a client stream only once it saw the half-close: the order on
        // the wire, whatever order the completions came in.
        if (responses == 1)
            QVERIFY2(types.indexOf(CallEvent::Type::HalfClosed) < types.indexOf(CallEvent::Type::Received),
                qPrintable(story));
    }
}

// Closing a tab and then its connection leaves the call's end to a gRPC thread. If the
// channel's last reference went away there, gRPC 1.51 would shut down the callback queue
// from one of its own threads and crash (the CI failure of stop 10). Nothing else in this
// process may hold a channel for that to happen, so the shared connection is set aside.
void CallEngineTest::theLastChannelMayGoWhileItsCallEnds()
{
    m_connection.reset();
    const QByteArray request = test::encode(
        *m_schema, QStringLiteral("wirescope.demo.v1.TicksRequest"), R"({"count": 100000, "intervalMs": 1})");
    for (int i = 0; i < 30; ++i) {
        auto connection = std::make_unique<Connection>(test::plaintextTo(*m_server));
        CallHandle *handle = connection->startCall(spec(i % 2 ? "StreamTicks" : "Chat"));
        handle->send(request);
        QSignalSpy events(handle, &CallHandle::events);
        QVERIFY(events.wait(5000));
        delete handle; // cancels; the reactor finishes later on a gRPC thread
        connection.reset();
        QTest::qWait(i % 3);
    }
    QTest::qWait(300);
    QCOMPARE(CallShared::freedOnGrpcThreads(), 0);
    m_connection = std::make_unique<Connection>(test::plaintextTo(*m_server));
    const CallRecord record = test::runCall(*m_connection, spec("Echo"), {QByteArray()});
    QVERIFY(record.status().isOk());
}

QTEST_GUILESS_MAIN(CallEngineTest)
#include "CallEngineTest.moc"
