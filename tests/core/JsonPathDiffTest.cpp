#include "RunnerTestData.h"
#include "model/json/JsonPath.h"

#include <QTest>

using namespace wirescope;
using namespace wirescope::RunnerTestData;

// Paths into a response's JSON and two JSON values compared field by field.
class JsonPathDiffTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonPathParsesStepsAndQuotedKeys();
    void jsonPathErrorsNameTheColumn_data();
    void jsonPathErrorsNameTheColumn();
    void jsonPathEvaluates();
    void jsonPathRemoves();
    void jsonDiffReportsAddedRemovedChanged();
    void jsonDiffEqualityAndText();
};

void JsonPathDiffTest::jsonPathParsesStepsAndQuotedKeys()
{
    JsonPath path;
    QString error;
    // Ordinary literals: an odd number of single quotes in a raw string trips ccache's
    // directives-only preprocessing.
    const QString text = QString::fromUtf8("$.a_1.b[2]['x-y'][\"q\\\"z\"]['it\\'s\\\\']");
    QVERIFY2(JsonPath::parse(text, &path, &error), qPrintable(error));
    QVERIFY(!path.isError());
    const QList<JsonPath::Step> expected {{QStringLiteral("a_1"), -1}, {QStringLiteral("b"), -1},
        {QString(), 2}, {QStringLiteral("x-y"), -1}, {QStringLiteral("q\"z"), -1},
        {QStringLiteral("it's\\"), -1}};
    QCOMPARE(path.steps(), expected);
    // Written back canonically: identifiers dotted, other keys single-quoted with escapes.
    const QString written = QString::fromUtf8("$.a_1.b[2]['x-y']['q\"z']['it\\'s\\\\']");
    QCOMPARE(path.toString(), written);

    QVERIFY(JsonPath::parse(QStringLiteral("$error.details[0]['@type']"), &path, &error));
    QVERIFY(path.isError());
    QCOMPARE(path.steps().size(), 3);
    QCOMPARE(path.steps().at(2).key, QStringLiteral("@type"));
    QCOMPARE(path.toString(), QStringLiteral("$error.details[0]['@type']"));

    QVERIFY(JsonPath::parse(QStringLiteral("$"), &path, &error));
    QVERIFY(!path.isError());
    QVERIFY(path.steps().isEmpty());
    QVERIFY(JsonPath::parse(QStringLiteral("$error"), &path, &error));
    QVERIFY(path.isError());
    QVERIFY(path.steps().isEmpty());
    // "$errors" is not "$error" followed by something: a "$" with a bad next character.
    QVERIFY(!JsonPath::parse(QStringLiteral("$errors"), &path, &error));

    QCOMPARE(JsonPath::child(QStringLiteral("$"), QStringLiteral("a")), QStringLiteral("$.a"));
    QCOMPARE(JsonPath::child(QStringLiteral("$.a"), QStringLiteral("x-y")), QStringLiteral("$.a['x-y']"));
    QCOMPARE(JsonPath::child(QStringLiteral("$"), QStringLiteral("2")), QStringLiteral("$['2']"));
    QCOMPARE(JsonPath::child(QStringLiteral("$"), QString()), QStringLiteral("$['']"));
    QCOMPARE(JsonPath::element(QStringLiteral("$.a"), 3), QStringLiteral("$.a[3]"));
}

void JsonPathDiffTest::jsonPathErrorsNameTheColumn_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("letter index") << QStringLiteral(
        "$.a[x]") << QStringLiteral("\"$.a[x]\": expected a number or a quoted key at column 5");
    QTest::newRow("no root") << QStringLiteral(
        "a.b") << QStringLiteral("\"a.b\": a path starts with $ (a response message) or $error at column 1");
    QTest::newRow("empty") << QString() << QStringLiteral("\"\": a path starts with $");
    QTest::newRow("trailing dot") << QStringLiteral("$.a.")
                                  << QStringLiteral("\"$.a.\": expected a field name");
    QTest::newRow("trailing dot column") << QStringLiteral("$.a.") << QStringLiteral("at column 5");
    QTest::newRow("digit field") << QStringLiteral(
        "$.2a") << QStringLiteral("expected a field name (other names go in ['...']) at column 3");
    QTest::newRow("unclosed bracket")
        << QStringLiteral("$.a[1") << QStringLiteral("\"$.a[1\": expected ] at column 6");
    QTest::newRow("unclosed quote") << QStringLiteral("$['abc")
                                    << QStringLiteral("\"$['abc\": the quoted key is not closed at column 3");
    QTest::newRow("bad escape") << QStringLiteral(R"($['a\n'])")
                                << QStringLiteral("are escapes in a quoted key at column 6");
    QTest::newRow("space") << QStringLiteral("$.a b")
                           << QStringLiteral("\"$.a b\": expected . or [ at column 4");
    QTest::newRow("errors") << QStringLiteral("$errors") << QStringLiteral("expected . or [ at column 2");
    QTest::newRow("huge index") << QStringLiteral("$[99999999999]")
                                << QStringLiteral("index too large at column 3");
    QTest::newRow("negative index") << QStringLiteral("$.a[-1]")
                                    << QStringLiteral("expected a number or a quoted key at column 5");
}

void JsonPathDiffTest::jsonPathErrorsNameTheColumn()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    JsonPath path;
    QString actual;
    QVERIFY(!JsonPath::parse(text, &path, &actual));
    QVERIFY2(actual.contains(error), qPrintable(actual));
}

void JsonPathDiffTest::jsonPathEvaluates()
{
    const QJsonValue root = echoMessage();
    const auto at = [&root](const QString &text) {
        JsonPath path;
        QString error;
        if (!JsonPath::parse(text, &path, &error))
            qFatal("%s", qPrintable(error));
        return path.evaluate(root);
    };
    QCOMPARE(at(QStringLiteral("$.text")), std::optional<QJsonValue>(QStringLiteral("hello")));
    QCOMPARE(at(QStringLiteral("$.inners[1].id")), std::optional<QJsonValue>(2));
    QCOMPARE(at(QStringLiteral("$.labels['n'].m")), std::optional<QJsonValue>(1));
    QCOMPARE(at(QStringLiteral("$")), std::optional<QJsonValue>(root));
    // A field that is there and null is found; absent ones are not.
    QCOMPARE(at(QStringLiteral("$.nothing")), std::optional<QJsonValue>(QJsonValue::Null));
    QVERIFY(!at(QStringLiteral("$.absent")));
    QVERIFY(!at(QStringLiteral("$.inners[2]")));
    QVERIFY(!at(QStringLiteral("$.labels[0]"))); // an index on an object
    QVERIFY(!at(QStringLiteral("$.tags.a"))); // a key on an array
    QVERIFY(!at(QStringLiteral("$.text.length"))); // a key on a string

    JsonPath path;
    QString error;
    QVERIFY(JsonPath::parse(QStringLiteral("$.a"), &path, &error));
    QVERIFY(!path.evaluate(QJsonValue(QJsonValue::Undefined)));
}

void JsonPathDiffTest::jsonPathRemoves()
{
    const auto removed = [](const QJsonValue &root, const QString &text) {
        JsonPath path;
        QString error;
        if (!JsonPath::parse(text, &path, &error))
            qFatal("%s", qPrintable(error));
        QJsonValue value = root;
        path.remove(&value);
        return value;
    };
    const QJsonValue root = json(R"({"a": {"b": 1, "c": [{"d": 1, "e": 2}, {"d": 3}]}, "f": [1, 2, 3]})");
    QCOMPARE(removed(root, QStringLiteral("$.a.b")),
        json(R"({"a": {"c": [{"d": 1, "e": 2}, {"d": 3}]}, "f": [1, 2, 3]})"));
    QCOMPARE(removed(root, QStringLiteral("$.a.c[0].e")),
        json(R"({"a": {"b": 1, "c": [{"d": 1}, {"d": 3}]}, "f": [1, 2, 3]})"));
    QCOMPARE(removed(root, QStringLiteral("$.f[1]")),
        json(R"({"a": {"b": 1, "c": [{"d": 1, "e": 2}, {"d": 3}]}, "f": [1, 3]})"));
    // Paths that lead nowhere change nothing, and "$" has nothing to be removed from.
    QCOMPARE(removed(root, QStringLiteral("$.a.x.y")), root);
    QCOMPARE(removed(root, QStringLiteral("$.f[7]")), root);
    QCOMPARE(removed(root, QStringLiteral("$.a.b.c")), root);
    QCOMPARE(removed(root, QStringLiteral("$")), root);
}

void JsonPathDiffTest::jsonDiffReportsAddedRemovedChanged()
{
    const QJsonValue before = json(R"({"a": 1, "b": [1, 2, 3], "c": "1", "d": {"e": true}, "x-y": 1})");
    const QJsonValue after = json(R"({"a": 1.0, "b": [1, 5], "c": 1, "d": {"e": false}, "f": null})");
    const QList<JsonDiff::Change> changes = JsonDiff::diff(before, after);
    // Objects by key in order, arrays by index; 1 and 1.0 are the same number, "1" and 1 are not.
    QCOMPARE(changeList(changes),
        (QStringList {QStringLiteral("changed $.b[1]"), QStringLiteral("removed $.b[2]"),
            QStringLiteral("changed $.c"), QStringLiteral("changed $.d.e"), QStringLiteral("added $.f"),
            QStringLiteral("removed $['x-y']")}));
    QCOMPARE(changes.at(0).before, QJsonValue(2));
    QCOMPARE(changes.at(0).after, QJsonValue(5));
    QVERIFY(changes.at(1).after.isUndefined());
    QCOMPARE(changes.at(1).before, QJsonValue(3));
    QVERIFY(changes.at(4).before.isUndefined());
    QVERIFY(changes.at(4).after.isNull());

    const QList<JsonDiff::Change> grown
        = JsonDiff::diff(json("[1]"), json("[1, {\"a\": 2}]"), QStringLiteral("$.items"));
    QCOMPARE(changeList(grown), QStringList {QStringLiteral("added $.items[1]")});
    // A type change is one change at that path, not a list of what is inside.
    QCOMPARE(changeList(JsonDiff::diff(json(R"({"a": {"b": 1}})"), json(R"({"a": [1]})"))),
        QStringList {QStringLiteral("changed $.a")});
    QVERIFY(JsonDiff::diff(echoMessage(), echoMessage()).isEmpty());
}

void JsonPathDiffTest::jsonDiffEqualityAndText()
{
    QVERIFY(JsonDiff::equal(echoMessage(), echoMessage()));
    QVERIFY(JsonDiff::equal(json("1"), json("1.0")));
    QVERIFY(!JsonDiff::equal(json("\"1\""), json("1")));
    QVERIFY(!JsonDiff::equal(json("[1, 2]"), json("[2, 1]")));
    QVERIFY(!JsonDiff::equal(json(R"({"a": 1})"), json(R"({"a": 1, "b": null})")));
    QVERIFY(!JsonDiff::equal(json("null"), QJsonValue(QJsonValue::Undefined)));
    // Integers past 2^53 are kept whole by Qt and compared whole, as strings are.
    QVERIFY(!JsonDiff::equal(json("9007199254740993"), json("9007199254740992")));
    QVERIFY(JsonDiff::equal(json("9007199254740993"), json("9007199254740993")));
    QVERIFY(!JsonDiff::equal(json("\"9007199254740993\""), json("\"9007199254740992\"")));

    QCOMPARE(JsonDiff::text(json("\"hello\"")), QStringLiteral("\"hello\""));
    QCOMPARE(JsonDiff::text(json("3")), QStringLiteral("3"));
    QCOMPARE(JsonDiff::text(json("1.5")), QStringLiteral("1.5"));
    QCOMPARE(JsonDiff::text(json("true")), QStringLiteral("true"));
    QCOMPARE(JsonDiff::text(json("null")), QStringLiteral("null"));
    QCOMPARE(JsonDiff::text(json(R"({"b": [1, 2], "a": 1})")), QStringLiteral(R"({"a":1,"b":[1,2]})"));
    QCOMPARE(JsonDiff::text(QJsonValue(QJsonValue::Undefined)), QStringLiteral("(missing)"));
    const QString shortened = JsonDiff::text(QJsonValue(QString(50, u'x')), 10);
    QCOMPARE(shortened, QStringLiteral("\"xxxxxxxx") + QChar(0x2026));
    QCOMPARE(shortened.size(), 10);
    QCOMPARE(JsonDiff::text(QJsonValue(QString(300, u'x')), 0).size(), 302);

    QCOMPARE(JsonDiff::kindName(JsonDiff::Change::Kind::Added), QStringLiteral("added"));
    QCOMPARE(JsonDiff::kindName(JsonDiff::Change::Kind::Removed), QStringLiteral("removed"));
    QCOMPARE(JsonDiff::kindName(JsonDiff::Change::Kind::Changed), QStringLiteral("changed"));
}

QTEST_GUILESS_MAIN(JsonPathDiffTest)
#include "JsonPathDiffTest.moc"
