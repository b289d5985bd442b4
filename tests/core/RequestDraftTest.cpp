#include "model/request/RequestDraft.h"
#include "model/collection/Environment.h"
#include "model/schema/MethodRef.h"
#include "rpc/call/CallRunner.h"
#include "support/TestSupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace wirescope;

// The one path of a request to the wire: RequestDraft prepares exactly what goes out
// (variables resolved, metadata checked, every message of a stream encoded), and CallRunner
// sends it against the real demo server, recording each message in the call's snapshot.
class RequestDraftTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_server = test::startDemo();
        m_schema = test::demoSchema();
        QVERIFY(m_server && m_schema);
    }

    void resolvesEverythingThatGoesOut()
    {
        Environment environment;
        environment.name = QStringLiteral("dev");
        environment.variables.insert(QStringLiteral("who"), QStringLiteral("ada"));
        environment.variables.insert(QStringLiteral("host"), QStringLiteral("localhost:1"));
        const VariableScope scope(environment, nullptr, {});
        RequestDraft::Variables variables {[scope](const QString &text, QStringList *unresolved) {
                                               return scope.substitute(text, unresolved);
                                           },
            {}};

        SavedRequest request;
        request.method = QStringLiteral("wirescope.demo.v1.DemoService/Collect");
        request.target = QStringLiteral("{{host}}");
        request.body = QStringLiteral(R"({"name": "{{who}}"} {"name": "pen"})");
        request.metadata = {{QStringLiteral("x-user"), QStringLiteral("{{who}}"), true},
            {QStringLiteral("x-off"), QStringLiteral("{{nobody}}"), false}};
        request.deadlineMs = 1500;
        const RequestDraft draft(request, variables);
        const MethodRef method = MethodRef::resolve(m_schema, request.method);
        QVERIFY(method.isValid());

        RequestDraft::Prepared prepared;
        RequestDraft::Problem problem;
        QVERIFY2(draft.prepare(method, &prepared, &problem), qPrintable(problem.message));
        QCOMPARE(prepared.messages.size(), 2);
        QCOMPARE(test::decode(*m_schema, QStringLiteral("wirescope.demo.v1.Item"), prepared.messages.first()),
            QByteArray(R"({"name":"ada"})"));
        QCOMPARE(prepared.typedMessages.first().trimmed(), QStringLiteral(R"({"name": "{{who}}"})"));
        QCOMPARE(prepared.metadata, (Metadata {{"x-user", "ada"}})); // the disabled row is not sent
        QCOMPARE(prepared.resolved.target, QStringLiteral("localhost:1"));
        QCOMPARE(prepared.deadlineMs, 1500);
        // What is recorded keeps the variables: no value of the environment in the snapshot.
        QCOMPARE(
            draft.snapshot(QStringLiteral("localhost:1")).sentRequest().target, QStringLiteral("{{host}}"));
    }

    void saysWhatAndWhereItCannotSend()
    {
        const MethodRef method
            = MethodRef::resolve(m_schema, QStringLiteral("wirescope.demo.v1.DemoService/Echo"));
        SavedRequest request;
        request.method = method.fullName();
        request.body = QStringLiteral("{}");
        request.metadata = {{QStringLiteral("Bad Key"), QStringLiteral("x"), true}};
        RequestDraft::Prepared prepared;
        RequestDraft::Problem problem;
        QVERIFY(!RequestDraft(request, {}).prepare(method, &prepared, &problem));
        QCOMPARE(problem.part, RequestDraft::Part::Metadata);
        QVERIFY2(problem.message.startsWith(QStringLiteral("Metadata row 1:")), qPrintable(problem.message));

        request.metadata.clear();
        request.body = QStringLiteral(R"({"fString": "{{missing}}"})");
        QVERIFY(!RequestDraft(request, {}).prepare(method, &prepared, &problem));
        QCOMPARE(problem.part, RequestDraft::Part::Body);
        QVERIFY2(problem.message.contains(QStringLiteral("{{missing}}")), qPrintable(problem.message));

        request.body = QStringLiteral(R"({"fString": "a", "nope": 1})");
        QVERIFY(!RequestDraft(request, {}).prepare(method, &prepared, &problem));
        QCOMPARE(problem.part, RequestDraft::Part::Body);

        request.target = QStringLiteral("{{host}}:{{port}}");
        SavedRequest resolved;
        QVERIFY(!RequestDraft(request, {}).resolveTarget(&resolved, &problem));
        QCOMPARE(problem.part, RequestDraft::Part::Target);
        QVERIFY2(problem.message.contains(QStringLiteral("{{port}}")), qPrintable(problem.message));
    }

    void theSnapshotHoldsEveryMessageSent()
    {
        auto connection = std::make_shared<Connection>(test::plaintextTo(*m_server));
        const MethodRef method
            = MethodRef::resolve(m_schema, QStringLiteral("wirescope.demo.v1.DemoService/Chat"));
        SavedRequest request;
        request.method = method.fullName();
        request.body = QStringLiteral(R"({"text": "pen"} {"text": "book"})");
        const RequestDraft draft(request, {});
        RequestDraft::Prepared prepared;
        RequestDraft::Problem problem;
        QVERIFY2(draft.prepare(method, &prepared, &problem), qPrintable(problem.message));

        CallRunner runner;
        QSignalSpy finished(&runner, &CallRunner::finished);
        int received = 0;
        connect(&runner, &CallRunner::events, this, [&received](const CallEvents &batch) {
            for (const CallEvent &event : batch)
                received += event.type == CallEvent::Type::Received;
        });
        CallSpec spec {method.path(), method.kind(), prepared.metadata, 0};
        QVERIFY(runner.start(connection, spec, draft.snapshot(QStringLiteral("here"))));
        for (int i = 0; i < prepared.messages.size(); ++i)
            QVERIFY(runner.send(prepared.messages.at(i), prepared.typedMessages.at(i)));
        QVERIFY(runner.canSendNext());
        // A message sent later into the open stream is part of the call too.
        const QByteArray ink = test::encode(
            *m_schema, QStringLiteral("wirescope.demo.v1.ChatMessage"), QByteArray(R"({"text": "ink"})"));
        QVERIFY(runner.send(ink, QStringLiteral(R"({"text": "ink"})")));
        runner.halfClose();
        QVERIFY(!runner.canSendNext());
        QVERIFY(!runner.send(ink, QStringLiteral("late")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(received, 3);
        QCOMPARE(runner.lastStatus().code, 0);
        QCOMPARE(runner.lastCall().messageCount(), 3);
        QCOMPARE(runner.lastCall().messages().last(), QStringLiteral(R"({"text": "ink"})"));
        QVERIFY(runner.lastCall().sentRequest().body.contains(QStringLiteral("book")));
    }

    void aUnaryCallHalfClosesAfterItsMessage()
    {
        auto connection = std::make_shared<Connection>(test::plaintextTo(*m_server));
        const MethodRef method
            = MethodRef::resolve(m_schema, QStringLiteral("wirescope.demo.v1.DemoService/Echo"));
        CallRunner runner;
        QSignalSpy finished(&runner, &CallRunner::finished);
        SavedRequest request;
        request.method = method.fullName();
        request.body = QStringLiteral(R"({"fString": "hi"})");
        QVERIFY(runner.start(
            connection, {method.path(), method.kind(), {}, 0}, RequestDraft(request, {}).snapshot({})));
        QVERIFY(runner.send(
            test::encode(*m_schema, method.requestTypeName(), request.body.toUtf8()), request.body));
        QVERIFY(!runner.canSendNext());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(runner.lastStatus().code, 0);
        QCOMPARE(runner.lastCall().messages(), QStringList {request.body});
    }

    void aNewCallSilencesTheOldOne()
    {
        auto connection = std::make_shared<Connection>(test::plaintextTo(*m_server));
        const MethodRef method
            = MethodRef::resolve(m_schema, QStringLiteral("wirescope.demo.v1.DemoService/Chat"));
        CallRunner runner;
        QList<CallStatus> statuses;
        connect(
            &runner, &CallRunner::finished, this, [&statuses](const CallStatus &s) { statuses.append(s); });
        SavedRequest request;
        request.method = method.fullName();
        QVERIFY(runner.start(
            connection, {method.path(), method.kind(), {}, 0}, RequestDraft(request, {}).snapshot({})));
        QVERIFY(runner.start(
            connection, {method.path(), method.kind(), {}, 0}, RequestDraft(request, {}).snapshot({})));
        runner.halfClose();
        QTRY_COMPARE_WITH_TIMEOUT(statuses.size(), 1, 20000);
        QCOMPARE(statuses.first().code, 0); // the second call's status, not the first's CANCELLED
        QTest::qWait(0);
        QCOMPARE(statuses.size(), 1);
        QVERIFY(!runner.start(nullptr, {}, {}));
    }

private:
    std::unique_ptr<DemoServer> m_server;
    SchemaPtr m_schema;
};

QTEST_GUILESS_MAIN(RequestDraftTest)
#include "RequestDraftTest.moc"
