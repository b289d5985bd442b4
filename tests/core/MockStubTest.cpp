#include "model/json/JsonCodec.h"
#include "model/mock/ExampleResponse.h"
#include "model/mock/ResponseTemplate.h"
#include "model/mock/Stub.h"
#include "model/schema/SchemaLoader.h"

#include "support/TestSupport.h"

#include <google/protobuf/descriptor.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace wirescope;

namespace gp = google::protobuf;

namespace {

const QString EchoFile = QStringLiteral("mocks/echo.json");

QJsonObject object(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("bad test JSON: %s in %s", qPrintable(error.errorString()), json);
    return document.object();
}

QJsonValue value(const char *json)
{
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().at(0);
}

SchemaPtr loadProto(const QString &file, const QString &root)
{
    LoadResult loaded = SchemaLoader::loadProtoFiles({file}, {root});
    if (!loaded.ok())
        qWarning("%s: %d diagnostics", qPrintable(file), int(loaded.diagnostics.size()));
    std::vector<SchemaSource> sources;
    sources.push_back(std::move(loaded.source));
    return Schema::build(std::move(sources), nullptr);
}

void writeText(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    file.write(text);
}

// Every message type a file defines, nested ones too.
void collectTypes(const gp::Descriptor *type, QList<const gp::Descriptor *> *types)
{
    types->append(type);
    for (int i = 0; i < type->nested_type_count(); ++i) {
        if (!type->nested_type(i)->options().map_entry())
            collectTypes(type->nested_type(i), types);
    }
}

QJsonObject exampleOf(const Schema &schema, const QString &type, quint64 seed)
{
    return QJsonDocument::fromJson(ExampleResponse::json(schema.findMessage(type), seed)).object();
}

} // namespace

// Stubs of a mock server: their file format checked against a schema, a folder of them,
// which one answers a message, templates in answers and the example answer of any type.
class MockStubTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsEveryPartAndWritesItBack();
    void acceptsWhatASchemaAllows();
    void errorsNameFileAndField_data();
    void errorsNameFileAndField();
    void codecErrorsNameTheBody();
    void loadsAFolderAndListsEveryBrokenFile();
    void loadReportsMissingAndEmptyFolders();
    void matchesSubsetsAndInt64Strings();
    void matchesRegexPathsAndMetadata();
    void endOfClientStreamMatchesOnlyStubsWithoutBodyConstraints();
    void picksByPrioritySpecificityAndFileName();
    void rendersTemplates();
    void exampleIsDeterministicPerSeed();
    void exampleLooksLikeItsFields();
    void exampleFlavoursFollowFieldNames();
    void exampleEncodesForEveryMessageType();

private:
    Stub read(const char *json, const QString &file = EchoFile);
    QString error(const char *json);

    SchemaPtr m_demo;
    SchemaPtr m_peer;
};

void MockStubTest::initTestCase()
{
    m_demo = test::demoSchema();
    QVERIFY(m_demo->findMethod(QStringLiteral("wirescope.demo.v1.DemoService/Echo")));
    m_peer = loadProto(QStringLiteral("peer/v1/peer.proto"),
        QDir::cleanPath(QStringLiteral(WIRESCOPE_TEST_DATA) + QStringLiteral("/../interop/proto")));
    QVERIFY(m_peer->findMethod(QStringLiteral("peer.v1.PeerService/Echo")));
}

Stub MockStubTest::read(const char *json, const QString &file)
{
    Stub stub;
    QString problem;
    if (!Stub::fromJson(object(json), file, *m_demo, &stub, &problem))
        qWarning("%s", qPrintable(problem));
    return stub;
}

QString MockStubTest::error(const char *json)
{
    Stub stub;
    QString problem;
    if (Stub::fromJson(object(json), EchoFile, *m_demo, &stub, &problem))
        return QStringLiteral("(accepted)");
    return problem;
}

void MockStubTest::readsEveryPartAndWritesItBack()
{
    const QJsonObject written = object(R"({
        "method": "wirescope.demo.v1.DemoService/StreamTicks",
        "priority": 3,
        "match": {"body": {"count": 5},
                  "bodyMatches": {"$.payloadSize": "^[0-9]+$"},
                  "metadata": {"x-user": "ada"}},
        "respond": {"stream": [{"body": {"seq": "1"}, "delayMs": 10}, {"body": {"seq": "{{request.count}}"}}],
                    "repeat": 2,
                    "status": {"code": "NOT_FOUND", "message": "no more ticks",
                               "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "DONE"}]},
                    "headers": {"x-mock": "yes"},
                    "trailers": {"x-trailer": "done"},
                    "delayMs": 20,
                    "answer": "each"}})");
    Stub stub;
    QString problem;
    QVERIFY2(Stub::fromJson(written, QStringLiteral("mocks/ticks.json"), *m_demo, &stub, &problem),
        qPrintable(problem));
    QCOMPARE(stub.file, QStringLiteral("mocks/ticks.json"));
    QCOMPARE(stub.method, QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks"));
    QCOMPARE(stub.priority, 3);
    QCOMPARE(stub.match.body, value(R"({"count": 5})"));
    QCOMPARE(stub.match.bodyMatches.value(QStringLiteral("$.payloadSize")), QStringLiteral("^[0-9]+$"));
    QCOMPARE(stub.match.metadata.value(QStringLiteral("x-user")), QStringLiteral("ada"));
    QCOMPARE(stub.messages.size(), 2);
    QCOMPARE(stub.messages.at(0).body, value(R"({"seq": "1"})"));
    QCOMPARE(stub.messages.at(0).delayMs, 10);
    QCOMPARE(stub.messages.at(1).body, value(R"({"seq": "{{request.count}}"})"));
    QCOMPARE(stub.messages.at(1).delayMs, 0);
    QCOMPARE(stub.repeat, 2);
    QVERIFY(stub.status.has_value());
    QCOMPARE(stub.status->code, 5);
    QCOMPARE(stub.status->message, QStringLiteral("no more ticks"));
    QCOMPARE(stub.status->details.size(), 1);
    QCOMPARE(stub.status->details.at(0).value(QStringLiteral("reason")).toString(), QStringLiteral("DONE"));
    QCOMPARE(stub.headers.value(QStringLiteral("x-mock")), QStringLiteral("yes"));
    QCOMPARE(stub.trailers.value(QStringLiteral("x-trailer")), QStringLiteral("done"));
    QCOMPARE(stub.delayMs, 20);
    QCOMPARE(stub.answer, Stub::Answer::EachMessage);
    QCOMPARE(stub.match.specificity(), 3);

    QCOMPARE(stub.toJson(), written);
    Stub again;
    QVERIFY2(Stub::fromJson(stub.toJson(), stub.file, *m_demo, &again, &problem), qPrintable(problem));
    QCOMPARE(again, stub);

    // Only the parts that are set are written; other spellings of the method are normalised.
    const Stub small = read(R"({"method": "/wirescope.demo.v1.DemoService/Echo", "respond": {"body": {}}})");
    QCOMPARE(small.method, QStringLiteral("wirescope.demo.v1.DemoService/Echo"));
    QCOMPARE(small.toJson(),
        object(R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {}}})"));
    QCOMPARE(read(R"({"method": "wirescope.demo.v1.DemoService.Echo"})").method, small.method);
    QCOMPARE(read(R"({"method": "wirescope.demo.v1.DemoService.Echo"})").toJson(),
        object(R"({"method": "wirescope.demo.v1.DemoService/Echo"})"));
    // A status given as a number is written back by name.
    const Stub failing = read(R"({"method": "wirescope.demo.v1.DemoService/Fail",
        "respond": {"status": {"code": 7}}})");
    QCOMPARE(failing.status->code, 7);
    QCOMPARE(failing.toJson().value(QStringLiteral("respond")).toObject(),
        object(R"({"status": {"code": "PERMISSION_DENIED"}})"));
}

void MockStubTest::acceptsWhatASchemaAllows()
{
    // Proto names and enum numbers in a match body become what canonical JSON writes.
    const Stub chat = read(R"({"method": "wirescope.demo.v1.DemoService/Chat",
        "match": {"body": {"from": "ada", "mood": 2}}, "respond": {"answer": "each"}})");
    QCOMPARE(chat.match.body, value(R"({"from": "ada", "mood": "MOOD_CURIOUS"})"));
    const Stub echo = read(R"({"method": "wirescope.demo.v1.DemoService/Echo",
        "match": {"body": {"f_string": "x", "address": {"country_code": "PT"}, "addresses": [{"city": "Lisbon"}]}},
        "respond": {"body": {"fInt32": "{{request.fInt32}}", "f_string": "hello {{request.fString}}",
                             "tags": ["{{request.tags[0]}}"], "counters": {"k": "{{request.counters.key}}"}}}})");
    QCOMPARE(echo.match.body,
        value(R"({"fString": "x", "address": {"countryCode": "PT"}, "addresses": [{"city": "Lisbon"}]})"));
    // The answer keeps its templates; only the check renders them.
    QCOMPARE(echo.messages.at(0).body.toObject().value(QStringLiteral("fInt32")).toString(),
        QStringLiteral("{{request.fInt32}}"));
    // Several messages for a server stream; details of the schema's own types; status only.
    QCOMPARE(read(R"({"method": "wirescope.demo.v1.DemoService/StreamTicks",
        "respond": {"stream": [{"body": {"seq": "1"}}, {"body": {"seq": "2"}}, {"body": {}}], "repeat": 3}})")
                 .messages.size(),
        3);
    QCOMPARE(
        read(R"({"method": "wirescope.demo.v1.DemoService/Fail", "respond": {"status": {"code": "INTERNAL",
        "details": [{"@type": "type.googleapis.com/wirescope.demo.v1.Address", "city": "Lisbon"}]}}})")
            .status->details.size(),
        1);
    QCOMPARE(
        error(R"({"method": "wirescope.demo.v1.DemoService/Fail", "respond": {"status": {"code": "ok"}}})"),
        QStringLiteral("(accepted)"));
}

void MockStubTest::errorsNameFileAndField_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const char *json, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(json)
                            << QStringLiteral("mocks/echo.json: ") + QString::fromUtf8(expected);
    };
    row("unknown method, near one", R"({"method": "wirescope.demo.v1.DemoService/Ech"})",
        R"(method: no method "wirescope.demo.v1.DemoService/Ech" in the schema (did you mean "wirescope.demo.v1.DemoService/Echo"?))");
    row("method of another service", R"({"method": "other.Service/PlaceOrder"})",
        R"(method: no method "other.Service/PlaceOrder" in the schema (did you mean "wirescope.demo.v1.DemoService/PlaceOrder"?))");
    row("unknown method, nothing near", R"({"method": "nothing.Here/Foo"})",
        R"(method: no method "nothing.Here/Foo" in the schema)");
    row("no method", R"({"respond": {}})", R"(method: missing ("pkg.Service/Method"))");
    row("unknown key", R"({"method": "wirescope.demo.v1.DemoService/Echo", "respnd": {}})",
        R"(unknown key "respnd" (expected method, priority, match, respond))");
    row("unknown key in respond",
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"header": {}}})",
        R"(respond: unknown key "header" (expected body, stream, repeat, status, headers, trailers, delayMs, answer))");
    row("unknown key in match",
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "match": {"bodies": {}}})",
        R"(match: unknown key "bodies" (expected body, bodyMatches, metadata))");
    row("unknown key in a stream message",
        R"({"method": "wirescope.demo.v1.DemoService/StreamTicks", "respond": {"stream": [{"body": {}, "delay": 5}]}})",
        R"(respond.stream[0]: unknown key "delay" (expected body, delayMs))");
    row("unknown field in respond.body",
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {"txt": "hi"}}})",
        R"(respond.body.txt: no field "txt" in wirescope.demo.v1.Everything)");
    row("unknown nested field in respond.body",
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {"addresses": [{"town": "x"}]}}})",
        R"(respond.body.addresses[0].town: no field "town" in wirescope.demo.v1.Address)");
    row("unknown field in a stream message",
        R"({"method": "wirescope.demo.v1.DemoService/StreamTicks",
            "respond": {"stream": [{"body": {"seq": "1"}}, {"body": {}}, {"body": {"sequence": 3}}]}})",
        R"(respond.stream[2].body.sequence: no field "sequence" in wirescope.demo.v1.Tick)");
    row("unknown field in match.body",
        R"({"method": "wirescope.demo.v1.DemoService/PlaceOrder", "match": {"body": {"items": [{"nme": "x"}]}}})",
        R"(match.body.items[0].nme: no field "nme" in wirescope.demo.v1.Item)");
    row("template of an unknown request field",
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {"fString": "{{request.nope}}"}}})",
        R"(respond.body: {{request.nope}}: no field "nope" in wirescope.demo.v1.Everything)");
    row("bad regex",
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "match": {"bodyMatches": {"$.fString": "(open"}}})",
        R"(match.bodyMatches['$.fString']: not a valid regular expression: missing closing parenthesis at offset 5)");
    row("bodyMatches path of no field",
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "match": {"bodyMatches": {"$.nope": "x"}}})",
        R"(match.bodyMatches['$.nope']: no field "nope" in wirescope.demo.v1.Everything)");
    row("bodyMatches path that is no path",
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "match": {"bodyMatches": {"fString": "x"}}})",
        R"(match.bodyMatches.fString: "fString": a path starts with $ (a response message) or $error at column 1)");
    row("bad status code name",
        R"({"method": "wirescope.demo.v1.DemoService/Fail", "respond": {"status": {"code": "NOT_FOUN"}}})",
        R"(respond.status.code: "NOT_FOUN" is unknown: a gRPC status code name (NOT_FOUND, ...) or a number from 0 to 16)");
    row("bad status code number",
        R"({"method": "wirescope.demo.v1.DemoService/Fail", "respond": {"status": {"code": 42}}})",
        R"(respond.status.code: "42" is unknown: a gRPC status code name (NOT_FOUND, ...) or a number from 0 to 16)");
    row("detail without @type",
        R"({"method": "wirescope.demo.v1.DemoService/Fail", "respond": {"status": {"code": 3, "details": [{"reason": "x"}]}}})",
        R"(respond.status.details[0]: should be an object with "@type" (an Any as JSON))");
    row("detail of an unknown type",
        R"({"method": "wirescope.demo.v1.DemoService/Fail",
            "respond": {"status": {"code": 3, "details": [{"@type": "type.googleapis.com/acme.Missing"}]}}})",
        R"(respond.status.details[0]: no message type "acme.Missing" in the schema (details are google.rpc types or the schema's own))");
    row("several messages for a unary method",
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"stream": [{"body": {}}, {"body": {}}, {"body": {}}]}})",
        R"(wirescope.demo.v1.DemoService/Echo returns one message; respond.stream has 3)");
    row("repeat for a client stream",
        R"({"method": "wirescope.demo.v1.DemoService/Collect", "respond": {"body": {}, "repeat": 2}})",
        R"(wirescope.demo.v1.DemoService/Collect returns one message; respond.repeat is 2)");
    row("both body and stream",
        R"({"method": "wirescope.demo.v1.DemoService/StreamTicks", "respond": {"body": {}, "stream": []}})",
        R"(respond: has both "body" and "stream": use one)");
    row("repeat zero", R"({"method": "wirescope.demo.v1.DemoService/StreamTicks", "respond": {"repeat": 0}})",
        R"(respond.repeat: should be a whole number from 1)");
    row("negative delay", R"({"method": "wirescope.demo.v1.DemoService/StreamTicks",
            "respond": {"stream": [{"body": {}, "delayMs": -1}]}})",
        R"(respond.stream[0].delayMs: should be a whole number from 0)");
    row("header key not for the wire",
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"headers": {"X-Mock": "1"}}})",
        R"(respond.headers['X-Mock']: metadata key "X-Mock" may only contain a-z, 0-9, '-', '_' and '.')");
    row("answer", R"({"method": "wirescope.demo.v1.DemoService/Chat", "respond": {"answer": "every"}})",
        R"(respond.answer: should be "end" or "each")");
    row("priority", R"({"method": "wirescope.demo.v1.DemoService/Echo", "priority": 1.5})",
        R"(priority: should be a whole number)");
}

void MockStubTest::errorsNameFileAndField()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    QCOMPARE(error(json.toUtf8().constData()), expected);
}

void MockStubTest::codecErrorsNameTheBody()
{
    // What only the JSON mapping knows (a value of the wrong kind) comes from the codec,
    // after the body's place in the stub.
    const QString wrongKind = error(
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {"fInt32": "many"}}})");
    QVERIFY2(wrongKind.startsWith(QStringLiteral("mocks/echo.json: respond.body: ")), qPrintable(wrongKind));
    QVERIFY2(wrongKind.contains(QStringLiteral("many")) || wrongKind.contains(QStringLiteral("int32")),
        qPrintable(wrongKind));
    const QString badNumber = error(R"({"method": "wirescope.demo.v1.DemoService/StreamTicks",
        "respond": {"stream": [{"body": {}}, {"body": {"seq": "1"}}, {"body": {"seq": "abc"}}]}})");
    QVERIFY2(badNumber.startsWith(QStringLiteral("mocks/echo.json: respond.stream[2].body: ")),
        qPrintable(badNumber));
    const QString matchValue = error(
        R"({"method": "wirescope.demo.v1.DemoService/Chat", "match": {"body": {"mood": "MOOD_SLEEPY"}}})");
    QVERIFY2(matchValue.startsWith(QStringLiteral("mocks/echo.json: match.body: ")), qPrintable(matchValue));
    QVERIFY2(matchValue.contains(QStringLiteral("MOOD_SLEEPY")), qPrintable(matchValue));
}

void MockStubTest::loadsAFolderAndListsEveryBrokenFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString mocks = dir.filePath(QStringLiteral("mocks"));
    test::writeJson(mocks + QStringLiteral("/b-echo.json"),
        object(R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {"body": {"fString": "b"}}})"));
    test::writeJson(mocks + QStringLiteral("/orders/place.json"),
        object(R"({"method": "wirescope.demo.v1.DemoService/PlaceOrder", "respond": {"body": {"total": 3.5}},
                   "formatVersion": 1})"));
    test::writeJson(mocks + QStringLiteral("/a-echo.json"),
        object(R"({"method": "wirescope.demo.v1.DemoService/Echo", "priority": 1})"));
    // Never stubs: hidden entries, a collection's own file, other extensions.
    writeText(mocks + QStringLiteral("/.editor.json"), "{broken");
    writeText(mocks + QStringLiteral("/.git/config.json"), "{broken");
    writeText(mocks + QStringLiteral("/collection.json"), R"({"formatVersion": 1, "name": "demo"})");
    writeText(mocks + QStringLiteral("/notes.txt"), "not JSON");

    StubSet set;
    QStringList errors;
    QVERIFY2(StubSet::load(mocks, *m_demo, &set, &errors), qPrintable(errors.join(u'\n')));
    QVERIFY(errors.isEmpty());
    QCOMPARE(set.stubs().size(), 3);
    // Named as the folder holds them: what the call log and x-wirescope-mock show.
    QCOMPARE(set.stubs().at(0).file, QStringLiteral("a-echo.json"));
    QCOMPARE(set.stubs().at(1).file, QStringLiteral("b-echo.json"));
    QCOMPARE(set.stubs().at(2).file, QStringLiteral("orders/place.json"));
    QCOMPARE(set.stubs().at(0).priority, 1);
    QCOMPARE(set.stubs().at(2).method, QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"));

    // Every broken file is listed, not just the first; the good ones do not make a set.
    writeText(mocks + QStringLiteral("/broken.json"), "{\n  \"method\": \"x\",\n  oops\n}\n");
    test::writeJson(
        mocks + QStringLiteral("/sub/unknown.json"), object(R"({"method": "demo.Nothing/Here"})"));
    test::writeJson(mocks + QStringLiteral("/newer.json"),
        object(R"({"method": "wirescope.demo.v1.DemoService/Echo", "formatVersion": 99})"));
    StubSet broken;
    QVERIFY(!StubSet::load(mocks, *m_demo, &broken, &errors));
    QVERIFY(broken.isEmpty());
    QCOMPARE(errors.size(), 3);
    const QString brokenPath = QDir::toNativeSeparators(mocks + QStringLiteral("/broken.json"));
    QVERIFY2(QRegularExpression(
                 QStringLiteral("^%1:3:[0-9]+: not valid JSON: ").arg(QRegularExpression::escape(brokenPath)))
                 .match(errors.at(0))
                 .hasMatch(),
        qPrintable(errors.at(0)));
    QVERIFY2(errors.at(1).startsWith(
                 QDir::toNativeSeparators(mocks + QStringLiteral("/newer.json: written by a newer"))),
        qPrintable(errors.at(1)));
    QCOMPARE(errors.at(2),
        QDir::toNativeSeparators(mocks + QStringLiteral("/sub/unknown.json"))
            + QStringLiteral(": method: no method \"demo.Nothing/Here\" in the schema"));
}

void MockStubTest::loadReportsMissingAndEmptyFolders()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("nothing"));
    StubSet set;
    set.add(Stub {});
    QStringList errors;
    QVERIFY(!StubSet::load(missing, *m_demo, &set, &errors));
    QCOMPARE(errors, QStringList {QDir::toNativeSeparators(missing) + QStringLiteral(": no such folder")});
    QVERIFY(StubSet::load(missing, *m_demo, &set, &errors, false));
    QVERIFY(set.isEmpty());
    QVERIFY(errors.isEmpty());

    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("empty"))));
    QVERIFY(!StubSet::load(dir.filePath(QStringLiteral("empty")), *m_demo, &set, &errors));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.at(0).endsWith(QStringLiteral(": no stubs (*.json files) in the folder")),
        qPrintable(errors.at(0)));
    QVERIFY(StubSet::load(dir.filePath(QStringLiteral("empty")), *m_demo, &set, &errors, false));
    QVERIFY(set.isEmpty());
}

void MockStubTest::matchesSubsetsAndInt64Strings()
{
    const Stub stub = read(R"({"method": "wirescope.demo.v1.DemoService/Echo",
        "match": {"body": {"address": {"city": "Lisbon"}, "tags": ["a", "b"], "fInt64": 5, "fInt32": 0}}})");
    const QString echo = QStringLiteral("wirescope.demo.v1.DemoService/Echo");
    const auto matches = [&](const char *body) { return StubSet::matches(stub, {echo, value(body), {}}); };
    // Extra fields are fine; the int64 as canonical JSON writes it (a string) equals the number;
    // fInt32 0 is left out of canonical JSON and still matches.
    QVERIFY(matches(R"({"fString": "x", "address": {"city": "Lisbon", "street": "1 Main"}, "tags": ["a", "b"],
                        "fInt64": "5"})"));
    QVERIFY(matches(R"({"address": {"city": "Lisbon"}, "tags": ["a", "b"], "fInt64": 5, "fInt32": 0})"));
    QVERIFY(!matches(R"({"address": {"city": "Porto"}, "tags": ["a", "b"], "fInt64": "5"})"));
    QVERIFY(!matches(R"({"address": {"city": "Lisbon"}, "tags": ["a", "b", "c"], "fInt64": "5"})"));
    QVERIFY(!matches(R"({"address": {"city": "Lisbon"}, "tags": ["b", "a"], "fInt64": "5"})"));
    QVERIFY(!matches(R"({"address": {"city": "Lisbon"}, "tags": ["a", "b"], "fInt64": "6"})"));
    QVERIFY(!matches(R"({"address": {"city": "Lisbon"}, "tags": ["a", "b"], "fInt64": "5x"})"));
    QVERIFY(!matches(R"({"address": {"city": "Lisbon"}, "tags": ["a", "b"], "fInt64": "5", "fInt32": 1})"));
    QVERIFY(!matches(R"({"tags": ["a", "b"], "fInt64": "5"})"));
    // Elements of arrays are subsets too; a large int64 written as a string matches its string.
    const Stub order = read(R"({"method": "wirescope.demo.v1.DemoService/Echo",
        "match": {"body": {"addresses": [{"city": "Lisbon"}], "fUint64": "18446744073709551615"}}})");
    QVERIFY(StubSet::matches(order,
        {echo,
            value(R"({"addresses": [{"city": "Lisbon", "street": "x"}], "fUint64": "18446744073709551615"})"),
            {}}));
    QVERIFY(!StubSet::matches(order,
        {echo, value(R"({"addresses": [{"city": "Lisbon"}], "fUint64": "18446744073709551614"})"), {}}));
    // Another method never matches; the wire's "/pkg.Service/Method" does.
    QVERIFY(!StubSet::matches(
        stub, {QStringLiteral("wirescope.demo.v1.DemoService/Chat"), value(R"({"fInt64": "5"})"), {}}));
    QVERIFY(StubSet::matches(read(R"({"method": "wirescope.demo.v1.DemoService/Echo"})"),
        {QStringLiteral("/wirescope.demo.v1.DemoService/Echo"), value("{}"), {}}));
}

void MockStubTest::matchesRegexPathsAndMetadata()
{
    const QString echo = QStringLiteral("wirescope.demo.v1.DemoService/Echo");
    const Stub regex = read(R"({"method": "wirescope.demo.v1.DemoService/Echo",
        "match": {"bodyMatches": {"$.tags[1]": "ag", "$.fInt32": "^4[0-9]$", "$.address": "\"city\":\"Lis"}}})");
    QVERIFY(StubSet::matches(
        regex, {echo, value(R"({"tags": ["x", "xtag"], "fInt32": 42, "address": {"city": "Lisbon"}})"), {}}));
    QVERIFY(!StubSet::matches(
        regex, {echo, value(R"({"tags": ["x", "xtog"], "fInt32": 42, "address": {"city": "Lisbon"}})"), {}}));
    QVERIFY(!StubSet::matches(
        regex, {echo, value(R"({"tags": ["x", "tag"], "fInt32": 420, "address": {"city": "Lisbon"}})"), {}}));
    QVERIFY(!StubSet::matches(
        regex, {echo, value(R"({"tags": ["tag"], "fInt32": 42, "address": {"city": "Lisbon"}})"), {}}));

    const Stub metadata = read(R"({"method": "wirescope.demo.v1.DemoService/Echo",
        "match": {"metadata": {"X-User": "ada", "x-team": "core"}}})");
    const Metadata both {{"x-user", "ada"}, {"x-team", "core"}, {"x-other", "1"}};
    QVERIFY(StubSet::matches(metadata, {echo, value("{}"), both}));
    QVERIFY(!StubSet::matches(metadata, {echo, value("{}"), {{"x-user", "Ada"}, {"x-team", "core"}}}));
    QVERIFY(!StubSet::matches(metadata, {echo, value("{}"), {{"x-user", "ada"}}}));
    // A key given twice matches when one of its values does.
    QVERIFY(StubSet::matches(
        metadata, {echo, value("{}"), {{"x-user", "bob"}, {"x-user", "ada"}, {"x-team", "core"}}}));
}

void MockStubTest::endOfClientStreamMatchesOnlyStubsWithoutBodyConstraints()
{
    const QString collect = QStringLiteral("wirescope.demo.v1.DemoService/Collect");
    const Stub byBody
        = read(R"({"method": "wirescope.demo.v1.DemoService/Collect", "match": {"body": {"name": "a"}}})");
    const Stub byRegex = read(
        R"({"method": "wirescope.demo.v1.DemoService/Collect", "match": {"bodyMatches": {"$.name": "a"}}})");
    const Stub byMetadata
        = read(R"({"method": "wirescope.demo.v1.DemoService/Collect", "match": {"metadata": {"k": "v"}}})");
    const IncomingMessage end {collect, QJsonValue(QJsonValue::Undefined), {{"k", "v"}}};
    QVERIFY(!StubSet::matches(byBody, end));
    QVERIFY(!StubSet::matches(byRegex, end));
    QVERIFY(StubSet::matches(byMetadata, end));
    QVERIFY(StubSet::matches(byBody, {collect, value(R"({"name": "a", "price": 1.5})"), {}}));
}

void MockStubTest::picksByPrioritySpecificityAndFileName()
{
    const QString echo = QStringLiteral("wirescope.demo.v1.DemoService/Echo");
    const IncomingMessage message {echo, value(R"({"fString": "x", "fBool": true})"), {{"x-user", "ada"}}};
    StubSet set;
    QVERIFY(!set.match(message));
    set.add(read(R"({"method": "wirescope.demo.v1.DemoService/Echo"})", QStringLiteral("m/any.json")));
    set.add(read(R"({"method": "wirescope.demo.v1.DemoService/Echo", "match": {"body": {"fString": "x"}}})",
        QStringLiteral("m/z-body.json")));
    set.add(read(
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "match": {"body": {"fString": "y"}}, "priority": 9})",
        QStringLiteral("m/other.json")));
    set.add(read(
        R"({"method": "wirescope.demo.v1.DemoService/Chat", "priority": 9})", QStringLiteral("m/chat.json")));
    QCOMPARE(set.match(message)->file, QStringLiteral("m/z-body.json")); // the more specific one

    set.add(
        read(R"({"method": "wirescope.demo.v1.DemoService/Echo", "match": {"metadata": {"x-user": "ada"}}})",
            QStringLiteral("m/b-user.json")));
    QCOMPARE(set.match(message)->file, QStringLiteral("m/b-user.json")); // as specific, earlier name
    set.add(read(R"({"method": "wirescope.demo.v1.DemoService/Echo", "match": {"body": {"fBool": true}}})",
        QStringLiteral("m/a-bool.json")));
    QCOMPARE(set.match(message)->file, QStringLiteral("m/a-bool.json"));
    set.add(read(R"({"method": "wirescope.demo.v1.DemoService/Echo",
        "match": {"body": {"fString": "x", "fBool": true}, "metadata": {"x-user": "ada"}}})",
        QStringLiteral("m/zz-all.json")));
    QCOMPARE(set.match(message)->file, QStringLiteral("m/zz-all.json"));
    set.add(read(
        R"({"method": "wirescope.demo.v1.DemoService/Echo", "priority": 1})", QStringLiteral("m/zzz.json")));
    QCOMPARE(set.match(message)->file, QStringLiteral("m/zzz.json")); // priority beats specificity
    QCOMPARE(set.match({echo, value(R"({"fString": "y"})"), {}})->file, QStringLiteral("m/other.json"));
}

void MockStubTest::rendersTemplates()
{
    const QJsonValue request = value(R"({"count": 5, "text": "hi", "address": {"city": "Lisbon"},
        "items": [{"name": "a"}, {"name": "b"}], "big": "9007199254740993"})");
    const auto render = [&](const char *body) { return ResponseTemplate::render(value(body), request); };
    // A string that is exactly one placeholder keeps the value's type.
    QCOMPARE(render(R"({"seq": "{{request.count}}"})"), value(R"({"seq": 5})"));
    QCOMPARE(render(R"({"seq": "{{ request.count }}"})"), value(R"({"seq": 5})"));
    QCOMPARE(render(R"({"where": "{{request.address}}"})"), value(R"({"where": {"city": "Lisbon"}})"));
    QCOMPARE(render(R"({"big": "{{request.big}}"})"), value(R"({"big": "9007199254740993"})"));
    // Inside other text it is text: strings as they are, anything else as compact JSON.
    QCOMPARE(render(R"({"text": "you said {{request.text}} {{request.count}} times"})"),
        value(R"({"text": "you said hi 5 times"})"));
    QCOMPARE(render(R"(["at {{request.address}}"])"), value(R"(["at {\"city\":\"Lisbon\"}"])"));
    QCOMPARE(render(R"([["{{request.items[1].name}}"], {"deep": {"x": "{{request['text']}}"}}])"),
        value(R"([["b"], {"deep": {"x": "hi"}}])"));
    // A path that finds nothing is empty; {{request}} is the whole request.
    QCOMPARE(render(R"({"a": "{{request.nope}}", "b": "x{{request.items[5].name}}y"})"),
        value(R"({"a": "", "b": "xy"})"));
    QCOMPARE(render(R"({"all": "{{request}}"})").toObject().value(QStringLiteral("all")), request);
    QCOMPARE(render(R"({"all": "got {{ request }}"})").toObject().value(QStringLiteral("all")).toString(),
        QStringLiteral("got ")
            + QString::fromUtf8(QJsonDocument(request.toObject()).toJson(QJsonDocument::Compact)));
    // Other {{names}}, keys and non-strings are left alone.
    QCOMPARE(render(R"({"{{request.text}}": "{{host}}", "n": 1, "b": true, "z": null})"),
        value(R"({"{{request.text}}": "{{host}}", "n": 1, "b": true, "z": null})"));
    QCOMPARE(
        ResponseTemplate::placeholders(value(
            R"({"a": "{{request.text}} {{ request }}", "b": ["{{request.items[0].name}}", "{{request.text}}"]})")),
        (QStringList {QStringLiteral("$.text"), QStringLiteral("$"), QStringLiteral("$.items[0].name")}));
    QCOMPARE(ResponseTemplate::text(value("12.5")), QStringLiteral("12.5"));
    QCOMPARE(ResponseTemplate::text(value(R"("plain")")), QStringLiteral("plain"));
}

void MockStubTest::exampleIsDeterministicPerSeed()
{
    const gp::Descriptor *everything = m_demo->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    QVERIFY(everything);
    const QByteArray first = ExampleResponse::json(everything, 7);
    QCOMPARE(ExampleResponse::json(everything, 7), first);
    QVERIFY(ExampleResponse::json(everything, 8) != first);
    QVERIFY(ExampleResponse::json(everything, 0) != ExampleResponse::json(everything, 1));
    // Different seeds give different values, not just a different order.
    QVERIFY(exampleOf(*m_demo, QStringLiteral("wirescope.demo.v1.Everything"), 7)
        != exampleOf(*m_demo, QStringLiteral("wirescope.demo.v1.Everything"), 8));
}

void MockStubTest::exampleLooksLikeItsFields()
{
    static const QRegularExpression email(
        QStringLiteral("^(ada|grace|alan|edsger|barbara|ken)@example\\.com$"));
    static const QRegularExpression person(QStringLiteral("^[A-Z][a-z]+ [A-Z][a-z]+$"));
    for (const quint64 seed : {0ULL, 1ULL, 99ULL}) {
        const QJsonObject everything
            = exampleOf(*m_demo, QStringLiteral("wirescope.demo.v1.Everything"), seed);
        const QString at = QStringLiteral("seed %1: ").arg(seed)
            + QString::fromUtf8(QJsonDocument(everything).toJson(QJsonDocument::Compact));
        QVERIFY2(
            email.match(everything.value(QStringLiteral("email")).toString()).hasMatch(), qPrintable(at));
        // The first member of a oneof only; 38 of the 40 fields.
        QVERIFY2(
            !everything.contains(QStringLiteral("phone")) && !everything.contains(QStringLiteral("postal")),
            qPrintable(at));
        QCOMPARE(everything.size(), 38);
        QVERIFY2(everything.value(QStringLiteral("fInt64")).isString(), qPrintable(at));
        QVERIFY2(everything.value(QStringLiteral("fUint64")).isString(), qPrintable(at));
        QVERIFY2(everything.value(QStringLiteral("fInt32")).toInt() > 0, qPrintable(at));
        const double price = everything.value(QStringLiteral("fDouble")).toDouble();
        QVERIFY2(price > 0 && std::abs(price * 100 - std::round(price * 100)) < 1e-6, qPrintable(at));
        QVERIFY2(everything.value(QStringLiteral("mood")).toString().startsWith(QStringLiteral("MOOD_"))
                && everything.value(QStringLiteral("mood")).toString() != QStringLiteral("MOOD_UNSPECIFIED"),
            qPrintable(at));
        QVERIFY2(!QByteArray::fromBase64(everything.value(QStringLiteral("fBytes")).toString().toLatin1())
                      .isEmpty(),
            qPrintable(at));
        const QDateTime created
            = QDateTime::fromString(everything.value(QStringLiteral("createdAt")).toString(), Qt::ISODate);
        QVERIFY2(created.isValid() && created.date().year() == 2024, qPrintable(at));
        QCOMPARE(everything.value(QStringLiteral("ttl")).toString(), QStringLiteral("1.500s"));
        QCOMPARE(everything.value(QStringLiteral("nothing")).toObject(), QJsonObject());
        QVERIFY2(everything.value(QStringLiteral("bigNumber")).isString(), qPrintable(at));
        QVERIFY2(everything.value(QStringLiteral("flag")).isBool(), qPrintable(at));
        QVERIFY2(everything.value(QStringLiteral("nickname")).isString(), qPrintable(at));
        QCOMPARE(everything.value(QStringLiteral("counters")).toObject().keys(),
            QStringList {QStringLiteral("key")});
        QCOMPARE(
            everything.value(QStringLiteral("places")).toObject().keys(), QStringList {QStringLiteral("1")});
        QCOMPARE(everything.value(QStringLiteral("tags")).toArray().size(), 1);
        // Recursion stops: the tree's node has a label but no children of its own type.
        QCOMPARE(everything.value(QStringLiteral("tree")).toObject().keys(),
            QStringList {QStringLiteral("label")});
        const QJsonObject address = everything.value(QStringLiteral("address")).toObject();
        QVERIFY2(
            QStringList({QStringLiteral("Lisbon"), QStringLiteral("Tokyo"), QStringLiteral("Zurich"),
                            QStringLiteral("Toronto"), QStringLiteral("Nairobi"), QStringLiteral("Austin")})
                .contains(address.value(QStringLiteral("city")).toString()),
            qPrintable(at));
        QVERIFY2(QRegularExpression(QStringLiteral("^[A-Z]{2}$"))
                     .match(address.value(QStringLiteral("countryCode")).toString())
                     .hasMatch(),
            qPrintable(at));
        QVERIFY2(address.value(QStringLiteral("street")).toString().endsWith(QStringLiteral(" Main Street")),
            qPrintable(at));

        const QJsonObject order = exampleOf(*m_demo, QStringLiteral("wirescope.demo.v1.Order"), seed);
        QVERIFY2(person.match(order.value(QStringLiteral("customer")).toString()).hasMatch(), qPrintable(at));
        const QJsonObject peer = exampleOf(*m_peer, QStringLiteral("peer.v1.Everything"), seed);
        QVERIFY2(person.match(peer.value(QStringLiteral("name")).toString()).hasMatch(), qPrintable(at));
        QVERIFY2(!peer.contains(QStringLiteral("number")), qPrintable(at));
        QCOMPARE(peer.size(), 27);
        QVERIFY2(peer.value(QStringLiteral("kind")).toString() != QStringLiteral("KIND_UNSPECIFIED"),
            qPrintable(at));
        QVERIFY2(!exampleOf(*m_peer, QStringLiteral("peer.v1.EchoResponse"), seed)
                      .value(QStringLiteral("text"))
                      .toString()
                      .isEmpty(),
            qPrintable(at));
    }
}

void MockStubTest::exampleFlavoursFollowFieldNames()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeText(dir.filePath(QStringLiteral("profile.proto")), R"(syntax = "proto3";
package acme;
message Profile {
  string id = 1;
  int64 user_id = 2;
  string website = 3;
  string avatar_url = 4;
  string phone = 5;
  string first_name = 6;
  string last_name = 7;
  string token = 8;
  string title = 9;
  string country = 10;
  string nickname_hint = 11;
  repeated string contact_emails = 12;
  int32 order_id = 13;
}
)");
    const SchemaPtr schema = loadProto(QStringLiteral("profile.proto"), dir.path());
    const gp::Descriptor *type = schema->findMessage(QStringLiteral("acme.Profile"));
    QVERIFY(type);
    const QJsonObject profile = QJsonDocument::fromJson(ExampleResponse::json(type, 3)).object();
    const QString all = QString::fromUtf8(QJsonDocument(profile).toJson(QJsonDocument::Compact));
    const auto matches = [&](const char *key, const char *pattern) {
        return QRegularExpression(QString::fromLatin1(pattern))
            .match(ResponseTemplate::text(profile.value(QLatin1String(key))))
            .hasMatch();
    };
    QVERIFY2(matches("id", "^id-[0-9a-f]{6}$"), qPrintable(all));
    QVERIFY2(profile.value(QStringLiteral("userId")).isString() && matches("userId", "^[0-9]{4}$"),
        qPrintable(all));
    QVERIFY2(matches("orderId", "^[0-9]{4}$") && profile.value(QStringLiteral("orderId")).isDouble(),
        qPrintable(all));
    QVERIFY2(matches("website", "^https://example\\.com/"), qPrintable(all));
    QVERIFY2(matches("avatarUrl", "^https://example\\.com/"), qPrintable(all));
    QVERIFY2(matches("phone", "^\\+1-555-01[0-9]{2}$"), qPrintable(all));
    QVERIFY2(matches("firstName", "^(Ada|Grace|Alan|Edsger|Barbara|Ken)$"), qPrintable(all));
    QVERIFY2(matches("lastName", "^(Lovelace|Hopper|Turing|Dijkstra|Liskov|Thompson)$"), qPrintable(all));
    QVERIFY2(matches("token", "^tok_[0-9a-f]{16}$"), qPrintable(all));
    QVERIFY2(matches("title", "^[A-Z].* .*\\.$"), qPrintable(all));
    QVERIFY2(matches("country", "^[A-Z]{2}$"), qPrintable(all));
    QVERIFY2(matches("nicknameHint", "^nickname_hint [0-9]+$"), qPrintable(all));
    QVERIFY2(profile.value(QStringLiteral("contactEmails"))
                 .toArray()
                 .at(0)
                 .toString()
                 .endsWith(QStringLiteral("@example.com")),
        qPrintable(all));
    QByteArray binary;
    JsonError problem;
    QVERIFY2(JsonCodec::toBinary(*schema, type, ExampleResponse::json(type, 3), &binary, &problem),
        qPrintable(problem.toString()));
}

void MockStubTest::exampleEncodesForEveryMessageType()
{
    int checked = 0;
    for (const SchemaPtr &schema : {m_demo, m_peer}) {
        for (const QString &fileName : schema->fileNames()) {
            const gp::FileDescriptor *file = schema->pool()->FindFileByName(fileName.toStdString());
            QVERIFY2(file, qPrintable(fileName));
            QList<const gp::Descriptor *> types;
            for (int i = 0; i < file->message_type_count(); ++i)
                collectTypes(file->message_type(i), &types);
            for (const gp::Descriptor *type : std::as_const(types)) {
                for (const quint64 seed : {0ULL, 1ULL, 0xDEADBEEFULL}) {
                    const QByteArray json = ExampleResponse::json(type, seed);
                    QByteArray binary;
                    JsonError problem;
                    QVERIFY2(JsonCodec::toBinary(*schema, type, json, &binary, &problem),
                        qPrintable(QStringLiteral("%1 (seed %2): %3\n%4")
                                       .arg(QString::fromStdString(type->full_name()))
                                       .arg(seed)
                                       .arg(problem.toString(), QString::fromUtf8(json))));
                }
                ++checked;
            }
        }
    }
    // demo.proto, common.proto and peer.proto define 24 messages; the well-known types add more.
    QVERIFY2(checked > 24, qPrintable(QString::number(checked)));
}

QTEST_GUILESS_MAIN(MockStubTest)
#include "MockStubTest.moc"
