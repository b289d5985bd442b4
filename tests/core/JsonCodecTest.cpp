#include "model/json/JsonCodec.h"
#include "model/json/ExampleJson.h"
#include "model/json/JsonErrorLocation.h"
#include "model/json/JsonStream.h"
#include "model/lab/ProtoSnippet.h"
#include "model/request/RequestBodyCheck.h"
#include "model/schema/MethodRef.h"
#include "support/TestSupport.h"

#include "wirescope/demo/v1/demo.pb.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace wirescope;
namespace pb = wirescope::demo::v1;

class JsonCodecTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyFieldShapeRoundTrips();
    void binaryMatchesGeneratedCode();
    void int64PrintsAsStringAndBytesAsBase64();
    void enumsByNameOrNumber();
    void anyResolvesTypesInTheSchema();
    void errorNamesThePathOfTheBadField();
    void unknownFieldIsAnError();
    void syntaxErrorHasLineAndColumn();
    void emptyBodyIsAnEmptyMessage();
    void garbageBytesDoNotDecode();
    void exampleForEveryMessageParses();
    void errorIsMarkedAlongItsPath();
    void everyErrorIsMarkedWhereItIs();
    void exampleBoundsRecursion();
    void exampleStaysSmallOnAWideTypeGraph();
    void exampleWrapsOnlyTheWrappers();
    void jsonStreamSplitsConcatenatedValues();
    void deepNestingIsRefusedBeforeProtobuf();

private:
    SchemaPtr m_schema;
};

// Nesting inside google.protobuf.Value took protobuf's converter quadratic time (seconds at
// depth 16,000) and servers answered INTERNAL past depth 100: the depth is checked first,
// in one pass, and what a server would refuse is refused here with the reason.
void JsonCodecTest::deepNestingIsRefusedBeforeProtobuf()
{
    const auto *everything = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    auto nested = [](int depth) -> QByteArray {
        return QByteArray("{\"anyValue\": ") + QByteArray(depth, '[') + QByteArray(depth, ']') + '}';
    };
    QByteArray binary;
    JsonError error;
    QVERIFY(!JsonCodec::toBinary(*m_schema, everything, nested(50000), &binary, &error));
    QVERIFY2(
        error.message.contains(QStringLiteral("nested more than 100 levels")), qPrintable(error.message));
    QCOMPARE(error.line, 1);
    QCOMPARE(error.column, 13 + 100); // the 100th bracket, inside the outer brace: level 101
    // Brackets inside strings are text, not nesting.
    const QByteArray inString = "{\"fString\": \"" + QByteArray(500, '[') + "\"}";
    QVERIFY2(
        JsonCodec::toBinary(*m_schema, everything, inString, &binary, &error), qPrintable(error.toString()));
    // Within the text's limit, but a Value list is two messages a level on the wire.
    QVERIFY(JsonCodec::toBinary(*m_schema, everything, nested(30), &binary, &error));
    QVERIFY(!JsonCodec::toBinary(*m_schema, everything, nested(60), &binary, &error));
    QVERIFY2(error.message.contains(QStringLiteral("on the wire")), qPrintable(error.message));
}

void JsonCodecTest::initTestCase()
{
    m_schema = test::demoSchema();
    QVERIFY(m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything")));
}

void JsonCodecTest::everyFieldShapeRoundTrips()
{
    const QByteArray json = R"({
        "fDouble": 1.5, "fFloat": 2.5, "fInt32": -3, "fInt64": "-4", "fUint32": 5, "fUint64": "6",
        "fSint32": -7, "fSint64": "-8", "fFixed32": 9, "fFixed64": "10", "fSfixed32": -11,
        "fSfixed64": "-12", "fBool": true, "fString": "héllo", "fBytes": "AAEC",
        "mood": "MOOD_HAPPY", "address": {"street": "Main", "lines": ["a", "b"]},
        "packedNumbers": [1, 2, 3], "tags": ["x"], "addresses": [{"city": "Oslo"}], "moods": ["MOOD_GRUMPY"],
        "counters": {"a": "1"}, "places": {"7": {"city": "Rome"}},
        "phone": "555", "maybeCount": 0, "maybeNote": "",
        "createdAt": "2024-02-03T04:05:06.500Z", "ttl": "3.250s",
        "attributes": {"k": [1, "two", null, {"n": true}]}, "anyValue": 42, "list": [1, "a"],
        "extra": {"@type": "type.googleapis.com/wirescope.demo.v1.Item", "name": "pen", "price": 1.25},
        "nickname": "nick", "bigNumber": "9007199254740993", "flag": false,
        "mask": "fDouble,address.street", "tree": {"label": "root", "children": [{"label": "leaf"}]}
    })";
    const QString type = QStringLiteral("wirescope.demo.v1.Everything");
    const QByteArray bytes = test::encode(*m_schema, type, json);
    QVERIFY(!bytes.isEmpty());
    const QByteArray back = test::decode(*m_schema, type, bytes);
    const QJsonObject expected = QJsonDocument::fromJson(json).object();
    const QJsonObject actual = QJsonDocument::fromJson(back).object();
    QCOMPARE(actual, expected);
}

void JsonCodecTest::binaryMatchesGeneratedCode()
{
    const QByteArray bytes = test::encode(*m_schema, QStringLiteral("wirescope.demo.v1.Everything"),
        R"({"fInt64": "-4", "mood": 2, "places": {"7": {"city": "Rome"}}, "postal": {"city": "Bern"},
            "maybeCount": 0, "ttl": "1.5s", "bigNumber": "5", "packedNumbers": [1, 300]})");
    pb::Everything message;
    QVERIFY(message.ParseFromArray(bytes.constData(), int(bytes.size())));
    QCOMPARE(message.f_int64(), qint64(-4));
    QCOMPARE(message.mood(), pb::MOOD_CURIOUS);
    QCOMPARE(message.places().at(7).city(), std::string("Rome"));
    QCOMPARE(message.contact_case(), pb::Everything::kPostal);
    QVERIFY(message.has_maybe_count()); // proto3 optional keeps an explicit zero
    QCOMPARE(message.ttl().seconds(), qint64(1));
    QCOMPARE(message.ttl().nanos(), 500000000);
    QCOMPARE(message.big_number().value(), qint64(5));
    QCOMPARE(message.packed_numbers_size(), 2);
    // Packed encoding: field 18, wire type 2.
    QVERIFY(bytes.contains(QByteArray::fromHex("9201")));
}

void JsonCodecTest::int64PrintsAsStringAndBytesAsBase64()
{
    pb::Everything message;
    message.set_f_int64(1234567890123456789LL);
    message.set_f_bytes(std::string("\x00\x01\xff", 3));
    const std::string bytes = message.SerializeAsString();
    const QByteArray json = test::decode(
        *m_schema, QStringLiteral("wirescope.demo.v1.Everything"), QByteArray::fromStdString(bytes));
    QVERIFY2(json.contains(R"("fInt64":"1234567890123456789")"), json.constData());
    QVERIFY2(json.contains(R"("fBytes":"AAH/")"), json.constData());
}

void JsonCodecTest::enumsByNameOrNumber()
{
    const QString type = QStringLiteral("wirescope.demo.v1.ChatMessage");
    QCOMPARE(test::encode(*m_schema, type, R"({"mood": 3})"),
        test::encode(*m_schema, type, R"({"mood": "MOOD_GRUMPY"})"));
    QVERIFY(test::decode(*m_schema, type, test::encode(*m_schema, type, R"({"mood": 3})"))
                .contains("MOOD_GRUMPY"));
    // A name the enum lacks is reported with the enum's name, not a type URL.
    QByteArray bytes;
    JsonError error;
    QVERIFY(!JsonCodec::toBinary(
        *m_schema, m_schema->findMessage(type), R"({"mood": "MOOD_SLEEPY"})", &bytes, &error));
    QVERIFY2(
        error.toString().contains(QStringLiteral("wirescope.demo.v1.Mood")), qPrintable(error.toString()));
    QVERIFY2(!error.toString().contains(QStringLiteral("type.googleapis.com")), qPrintable(error.toString()));
}

void JsonCodecTest::anyResolvesTypesInTheSchema()
{
    QByteArray bytes;
    JsonError error;
    const auto *type = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    QVERIFY(!JsonCodec::toBinary(
        *m_schema, type, R"({"extra": {"@type": "type.googleapis.com/no.such.Type"}})", &bytes, &error));
    QVERIFY2(error.toString().contains(QStringLiteral("no.such.Type")), qPrintable(error.toString()));
    QVERIFY(JsonCodec::toBinary(*m_schema, type,
        R"({"extra": {"@type": "type.googleapis.com/google.protobuf.Duration", "value": "2s"}})", &bytes,
        &error));
}

void JsonCodecTest::errorNamesThePathOfTheBadField()
{
    QByteArray bytes;
    JsonError error;
    const auto *order = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Order"));
    QVERIFY(!JsonCodec::toBinary(*m_schema, order,
        R"({"items": [{"name": "a"}, {"name": "b"}, {"name": "c", "price": "cheap"}]})", &bytes, &error));
    QCOMPARE(error.path, QStringLiteral("items[2].price"));
    QVERIFY2(error.message.contains(QStringLiteral("cheap")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("double")), qPrintable(error.message));
    QVERIFY(error.toString().startsWith(QStringLiteral("items[2].price: ")));
}

void JsonCodecTest::unknownFieldIsAnError()
{
    QByteArray bytes;
    JsonError error;
    const auto *order = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Order"));
    QVERIFY(!JsonCodec::toBinary(*m_schema, order, R"({"items": [{"nmae": "typo"}]})", &bytes, &error));
    QCOMPARE(error.path, QStringLiteral("items[0].nmae"));
}

void JsonCodecTest::syntaxErrorHasLineAndColumn()
{
    QByteArray bytes;
    JsonError error;
    const auto *order = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Order"));
    QVERIFY(!JsonCodec::toBinary(
        *m_schema, order, "{\n  \"customer\": \"a\",\n  \"items\": [}\n", &bytes, &error));
    QCOMPARE(error.line, 3);
    QVERIFY(error.column > 1);
    QVERIFY(error.toString().startsWith(QStringLiteral("line 3, column ")));
}

void JsonCodecTest::emptyBodyIsAnEmptyMessage()
{
    QByteArray bytes = "x";
    JsonError error;
    QVERIFY(JsonCodec::toBinary(
        *m_schema, m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Order")), "  ", &bytes, &error));
    QVERIFY(bytes.isEmpty());
}

void JsonCodecTest::garbageBytesDoNotDecode()
{
    QByteArray json;
    QString error;
    const auto *type = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    QVERIFY(!JsonCodec::toJson(
        *m_schema, type, QByteArray::fromHex("ffffffffffffffffffffff"), &json, {}, &error));
    QVERIFY2(error.contains(QStringLiteral("wirescope.demo.v1.Everything")), qPrintable(error));
}

void JsonCodecTest::exampleForEveryMessageParses()
{
    const auto *file = m_schema->pool()->FindFileByName("wirescope/demo/v1/demo.proto");
    QVERIFY(file);
    for (int i = 0; i < file->message_type_count(); ++i) {
        const auto *type = file->message_type(i);
        const QByteArray example = exampleJson(type);
        QByteArray bytes;
        JsonError error;
        QVERIFY2(JsonCodec::toBinary(*m_schema, type, example, &bytes, &error),
            qPrintable(QString::fromStdString(type->full_name()) + QStringLiteral(": ") + error.toString()
                + u'\n' + QString::fromUtf8(example)));
        // Every field that can be present is present (one member per oneof).
        if (type->full_name() == "wirescope.demo.v1.Everything") {
            QVERIFY(example.contains("\"fSfixed64\""));
            QVERIFY(example.contains("\"email\""));
            QVERIFY(!example.contains("\"phone\""));
            QVERIFY(example.contains("\"createdAt\": \"2024-01-01T12:00:00Z\""));
        }
    }
}

void JsonCodecTest::exampleBoundsRecursion()
{
    const auto *node = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything.Node"));
    const QByteArray example = exampleJson(node, 3);
    QCOMPARE(example.count("\"label\":"), 3);
}

// 24 types, each with two fields of the next: without a limit the example would hold 2^23
// copies of the last one. It stays small and still parses as the type.
void JsonCodecTest::exampleStaysSmallOnAWideTypeGraph()
{
    QString text = QStringLiteral("syntax = \"proto3\";\npackage wide;\n");
    for (int i = 0; i < 24; ++i) {
        text += QStringLiteral("message M%1 { string s = 1;").arg(i);
        if (i < 23)
            text += QStringLiteral(" M%1 a = 2; M%1 b = 3;").arg(i + 1);
        text += QStringLiteral(" }\n");
    }
    const ProtoSnippetResult compiled = ProtoSnippet::compile(text);
    QVERIFY(compiled.ok());
    const auto *top = compiled.schema->findMessage(QStringLiteral("wide.M0"));
    QVERIFY(top);
    const QByteArray example = exampleJson(top);
    QVERIFY2(example.size() < 64 * 1024, QByteArray::number(example.size()).constData());
    QVERIFY(example.contains("\"a\": {\n"));
    QByteArray bytes;
    JsonError error;
    QVERIFY2(
        JsonCodec::toBinary(*compiled.schema, top, example, &bytes, &error), qPrintable(error.toString()));
}

// Only the wrapper types are written as their value: EnumValue is an object like any other,
// and a json_name with a quote in it is escaped.
void JsonCodecTest::exampleWrapsOnlyTheWrappers()
{
    const ProtoSnippetResult compiled = ProtoSnippet::compile(QStringLiteral(
        "syntax = \"proto3\";\npackage w;\nimport \"google/protobuf/type.proto\";\n"
        "import \"google/protobuf/wrappers.proto\";\n"
        "message W {\n  google.protobuf.EnumValue value = 1;\n  google.protobuf.Int64Value big = 2;\n"
        "  string odd = 3 [json_name = \"say \\\"hi\\\"\"];\n}\n"));
    QVERIFY2(compiled.ok(),
        compiled.diagnostics.isEmpty() ? "" : qPrintable(compiled.diagnostics.first().toString()));
    const auto *type = compiled.schema->findMessage(QStringLiteral("w.W"));
    QVERIFY(type);
    const QByteArray example = exampleJson(type);
    QVERIFY2(example.contains("\"value\": {"), example.constData());
    QVERIFY2(example.contains("\"big\": \"1\""), example.constData());
    QVERIFY2(example.contains("\"say \\\"hi\\\"\": \"odd\""), example.constData());
    QByteArray bytes;
    JsonError error;
    QVERIFY2(JsonCodec::toBinary(*compiled.schema, type, example, &bytes, &error),
        qPrintable(error.toString() + u'\n' + QString::fromUtf8(example)));
}

void JsonCodecTest::jsonStreamSplitsConcatenatedValues()
{
    const QByteArray first = "{\"a\": \"}{\"}";
    const QByteArray second = "{\"b\": [1, {\"c\": 2}]}";
    JsonStream stream;
    stream.feed(first + "   " + second);
    stream.feed("\n{\"d\":");
    const QList<QByteArray> expected {first, second};
    QCOMPARE(stream.take(), expected);
    QCOMPARE(stream.pending(), QByteArray("{\"d\":"));
    stream.feed(" \"x\\\"}\"}\n");
    const QList<QByteArray> last {QByteArray("{\"d\": \"x\\\"}\"}")};
    QCOMPARE(stream.take(), last);
}

// The message names addresses[1].city; the mark is under the second element's "city", not
// the first one's (the JSON editor used to underline the first key of that name).
void JsonCodecTest::errorIsMarkedAlongItsPath()
{
    const QByteArray json
        = "{\n  \"addresses\": [\n    {\"city\": \"Oslo\"},\n    {\"street\": \"x\", \"city\": 5}\n  ]\n}";
    QByteArray bytes;
    JsonError error;
    QVERIFY(!JsonCodec::toBinary(*m_schema,
        m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything")), json, &bytes, &error));
    QCOMPARE(error.path, QStringLiteral("addresses[1].city"));
    const JsonErrorLocation where = JsonErrorLocation::locate(json, error);
    QCOMPARE(where.line, 3);
    QCOMPARE(where.column, 20);
    QCOMPARE(where.length, 6);
    // A map key and a path that cannot be followed still find the field by name.
    JsonError mapError;
    mapError.path = QStringLiteral("counters[\"b\"]");
    const JsonErrorLocation inMap
        = JsonErrorLocation::locate(R"({"counters": {"a": "1", "b": "x"}})", mapError);
    QCOMPARE(inMap.column, 24);
}

// Three wrong fields give three marks, each under its own field, not one at a time; in a
// stream, each message's errors are marked in the message where they are.
void JsonCodecTest::everyErrorIsMarkedWhereItIs()
{
    const MethodRef echo = MethodRef::resolve(m_schema, QStringLiteral("wirescope.demo.v1.DemoService/Echo"));
    const QString text = QStringLiteral(
        "{\n  \"fInt32\": \"x\",\n  \"fString\": \"ok\",\n  \"fBool\": 3,\n  \"nope\": 1\n}");
    const RequestBodyCheck check = RequestBodyCheck::run(echo, text, text);
    QVERIFY(!check.typedOk);
    QCOMPARE(check.typedErrors.size(), 3);
    QList<int> lines;
    for (const MarkedJsonError &marked : check.typedErrors)
        lines.append(marked.where.line);
    std::sort(lines.begin(), lines.end());
    QCOMPARE(lines, (QList<int> {1, 3, 4}));
    QCOMPARE(check.where.line, check.typedErrors.first().where.line);

    const MethodRef collect
        = MethodRef::resolve(m_schema, QStringLiteral("wirescope.demo.v1.DemoService/Collect"));
    const QString stream
        = QStringLiteral("{\"name\": \"pen\"}\n{\"quantity\": \"many\"}\n{\"price\": \"x\"}");
    const RequestBodyCheck streamed = RequestBodyCheck::run(collect, stream, stream);
    QVERIFY(!streamed.typedOk);
    QCOMPARE(streamed.typedErrors.size(), 2);
    QCOMPARE(streamed.typedErrors.at(0).where.line, 1);
    QVERIFY(streamed.typedErrors.at(0).error.message.startsWith(QStringLiteral("message 2:")));
    QCOMPARE(streamed.typedErrors.at(1).where.line, 2);
    QCOMPARE(streamed.typedErrors.at(1).where.column, 1); // "price" in the third message
    QVERIFY(streamed.typedErrors.at(1).error.message.startsWith(QStringLiteral("message 3:")));
}

QTEST_GUILESS_MAIN(JsonCodecTest)
#include "JsonCodecTest.moc"
