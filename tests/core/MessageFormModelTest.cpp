#include "model/form/MessageFormModel.h"
#include "model/form/FieldValueText.h"
#include "support/TestSupport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace wirescope;
using Model = MessageFormModel;

// The form model over the demo's Everything message, which has every field kind: edits
// through the model must come out in the JSON exactly as the JSON mapping spells them,
// bad input must change nothing, and rows appear only when asked for.
class MessageFormModelTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void passesTheModelTester();
    void jsonRoundTripsEveryKind();
    void binaryRoundTripsEveryKind();
    void editsEveryKind_data();
    void editsEveryKind();
    void rejectsInvalidInput_data();
    void rejectsInvalidInput();
    void invalidJsonKeepsLastState();
    void presenceIsVisibleAndEditable();
    void choosingAOneofMemberClearsTheOthers();
    void repeatedFieldsAddRemoveAndMove();
    void mapKeysAreValidatedAndDuplicatesFlagged();
    void bytesModesAndFiles();
    void recursiveTypesExpandLazily();
    void largeListsAreLazy();
    void commentsAndPlaceholders();

private:
    QModelIndex at(const QString &path, int column = Model::ValueColumn);
    QJsonObject json() const { return QJsonDocument::fromJson(m_model->toJson()).object(); }

    SchemaPtr m_schema;
    const google::protobuf::Descriptor *m_everything = nullptr;
    std::unique_ptr<Model> m_model;
};

namespace {

const char *FullJson = R"({
  "fDouble": -1.5, "fFloat": 2.25, "fInt32": -7, "fInt64": "-9223372036854775808",
  "fUint32": 4294967295, "fUint64": "18446744073709551615", "fSint32": -3, "fSint64": "-4",
  "fFixed32": 5, "fFixed64": "6", "fSfixed32": -8, "fSfixed64": "-9", "fBool": true,
  "fString": "h\u00e9llo", "fBytes": "AAEC/w==", "mood": "MOOD_CURIOUS",
  "address": {"street": "Main St", "lines": ["a", "b"]},
  "packedNumbers": [1, -2, 3], "tags": ["x", "y"],
  "addresses": [{"city": "Oslo"}, {}], "moods": ["MOOD_HAPPY", 9],
  "counters": {"a": "1", "b": "-2"}, "places": {"7": {"city": "Bergen"}},
  "postal": {"countryCode": "NO"}, "maybeCount": 0, "maybeNote": "",
  "createdAt": "2024-05-01T12:00:00.250Z", "ttl": "-1.500s",
  "attributes": {"k": [1, "two", null]}, "anyValue": 3, "list": [true, {"a": 1}],
  "extra": {"@type": "type.googleapis.com/wirescope.demo.v1.Address", "city": "Rome"},
  "nickname": "", "bigNumber": "0", "flag": false, "mask": "fString,address.city",
  "tree": {"label": "root", "children": [{"label": "leaf", "children": [{}]}]}
})";

} // namespace

void MessageFormModelTest::initTestCase()
{
    m_schema = test::demoSchema();
    QVERIFY(m_schema);
    m_everything = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    QVERIFY(m_everything);
}

void MessageFormModelTest::init()
{
    m_model = std::make_unique<Model>();
    m_model->setType(m_schema, m_everything);
}

QModelIndex MessageFormModelTest::at(const QString &path, int column)
{
    const QModelIndex index = m_model->indexOfPath(path);
    return index.isValid() ? index.siblingAtColumn(column) : index;
}

void MessageFormModelTest::passesTheModelTester()
{
    QAbstractItemModelTester tester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(m_model->setJson(FullJson).message.isEmpty());
    QVERIFY(at(QStringLiteral("tree.children[0].children[0].label")).isValid());
    QVERIFY(at(QStringLiteral("places[0].city")).isValid());
    QVERIFY(m_model->setData(at(QStringLiteral("fInt32")), QStringLiteral("12"))); // JSON names work too
    QVERIFY(m_model->addElement(at(QStringLiteral("tags"))).isValid());
    QVERIFY(m_model->removeElement(at(QStringLiteral("tags[0]"))));
    QVERIFY(m_model->moveElement(at(QStringLiteral("addresses[1]")), 0));
    QVERIFY(m_model->chooseOneof(at(QStringLiteral("contact")), QStringLiteral("email")));
    QVERIFY(m_model->setJson("{\"tags\": [\"only\"]}").message.isEmpty());
    QVERIFY(m_model->setJson(FullJson).message.isEmpty());
}

void MessageFormModelTest::jsonRoundTripsEveryKind()
{
    QVERIFY(m_model->setJson(FullJson).message.isEmpty());
    const QJsonObject expected = QJsonDocument::fromJson(FullJson).object();
    QJsonObject actual = json();
    // The printer spells durations and floats canonically; everything else comes back as typed.
    QCOMPARE(actual.value(QStringLiteral("ttl")).toString(), QStringLiteral("-1.500s"));
    QCOMPARE(actual, expected);
}

void MessageFormModelTest::binaryRoundTripsEveryKind()
{
    QVERIFY(m_model->setJson(FullJson).message.isEmpty());
    const QByteArray binary = m_model->toBinary();
    Model other;
    other.setType(m_schema, m_everything);
    QVERIFY(other.setBinary(binary));
    QCOMPARE(QJsonDocument::fromJson(other.toJson()).object(), json());
    QCOMPARE(other.toBinary().size(), binary.size());
}

void MessageFormModelTest::editsEveryKind_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("jsonName");
    QTest::addColumn<QString>("expected"); // the JSON value, compact

    const auto row = [](const char *path, const char *text, const char *jsonName, const char *expected) {
        QTest::newRow(path) << QString::fromUtf8(path) << QString::fromUtf8(text)
                            << QString::fromUtf8(jsonName) << QString::fromUtf8(expected);
    };
    row("f_double", "NaN", "fDouble", "\"NaN\"");
    row("f_float", "-Infinity", "fFloat", "\"-Infinity\"");
    row("f_int32", "-2147483648", "fInt32", "-2147483648");
    row("f_int64", "9223372036854775807", "fInt64", "\"9223372036854775807\"");
    row("f_uint32", "4294967295", "fUint32", "4294967295");
    row("f_uint64", "18446744073709551615", "fUint64", "\"18446744073709551615\"");
    row("f_sint32", "-5", "fSint32", "-5");
    row("f_sint64", "-9223372036854775808", "fSint64", "\"-9223372036854775808\"");
    row("f_fixed32", "42", "fFixed32", "42");
    row("f_fixed64", "18446744073709551615", "fFixed64", "\"18446744073709551615\"");
    row("f_sfixed32", "-1", "fSfixed32", "-1");
    row("f_sfixed64", "-2", "fSfixed64", "\"-2\"");
    row("f_bool", "true", "fBool", "true");
    row("f_string", "w\u00f6rld", "fString", "\"w\u00f6rld\"");
    row("f_bytes", "hi", "fBytes", "\"aGk=\"");
    row("mood", "MOOD_GRUMPY", "mood", "\"MOOD_GRUMPY\"");
    row("mood by number", "2", "mood", "\"MOOD_CURIOUS\"");
    row("mood unknown", "77", "mood", "77");
    row("maybe_count", "0", "maybeCount", "0");
    row("created_at", "2024-02-29T23:59:59.5+01:00", "createdAt", "\"2024-02-29T22:59:59.500Z\"");
    row("ttl", "90s", "ttl", "\"90s\"");
    row("attributes", "{\"a\": [1, null]}", "attributes", "{\"a\":[1,null]}");
    row("any_value", "\"text\"", "anyValue", "\"text\"");
    row("list", "[1, false]", "list", "[1,false]");
    row("extra", "{\"@type\": \"type.googleapis.com/wirescope.demo.v1.Address\", \"street\": \"s\"}", "extra",
        "{\"@type\":\"type.googleapis.com/wirescope.demo.v1.Address\",\"street\":\"s\"}");
    row("nickname", "", "nickname", "\"\"");
    row("big_number", "-9223372036854775808", "bigNumber", "\"-9223372036854775808\"");
    row("flag", "false", "flag", "false");
    row("mask", "fString,address.countryCode", "mask", "\"fString,address.countryCode\"");
    row("address.street", "Elm", "address", "{\"street\":\"Elm\"}");
    row("tree.label", "top", "tree", "{\"label\":\"top\"}");
}

void MessageFormModelTest::editsEveryKind()
{
    QFETCH(QString, path);
    QFETCH(QString, text);
    QFETCH(QString, jsonName);
    QFETCH(QString, expected);
    path = path.section(u' ', 0, 0);
    QSignalSpy changed(m_model.get(), &Model::messageChanged);
    const QModelIndex index = at(path);
    QVERIFY(index.isValid());
    QVERIFY2(m_model->setData(index, text), qPrintable(m_model->lastError()));
    QCOMPARE(changed.count(), 1);
    const QJsonValue value = json().value(jsonName);
    const QByteArray compact = value.isObject()
        ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
        : value.isArray()
        ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
        : QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    QCOMPARE(QString::fromUtf8(compact), expected);
    QVERIFY(at(path).data(Model::IsSetRole).toBool() || text == u"0" || text.isEmpty());
    QVERIFY(at(path).data(Model::ErrorRole).toString().isEmpty());
}

void MessageFormModelTest::rejectsInvalidInput_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");
    const auto row = [](const char *path, const char *text) {
        QTest::newRow(QByteArray(QByteArray(path) + " " + text).constData())
            << QString::fromUtf8(path) << QString::fromUtf8(text);
    };
    row("f_int32", "2147483648");
    row("f_int32", "1.5");
    row("f_int64", "9223372036854775808");
    row("f_uint32", "-1");
    row("f_uint64", "18446744073709551616");
    row("f_sint32", "abc");
    row("f_sint64", "1e3");
    row("f_fixed32", "4294967296");
    row("f_fixed64", "-1");
    row("f_sfixed32", "x");
    row("f_sfixed64", "--1");
    row("f_float", "1e39");
    row("f_double", "1e400");
    row("f_double", "one");
    row("f_bool", "maybe");
    row("mood", "MOOD_SLEEPY");
    row("created_at", "yesterday");
    row("created_at", "2024-13-01T00:00:00Z");
    row("ttl", "5 minutes");
    row("attributes", "[1]");
    row("any_value", "{");
    row("list", "{}");
    row("extra", "{\"@type\": \"type.googleapis.com/nope.Missing\"}");
    row("mask", "a..b");
    row("big_number", "x");
    row("flag", "yes please");
}

void MessageFormModelTest::rejectsInvalidInput()
{
    QFETCH(QString, path);
    QFETCH(QString, text);
    QVERIFY(m_model->setJson("{\"fString\": \"kept\"}").message.isEmpty());
    const QByteArray before = m_model->toJson();
    QSignalSpy changed(m_model.get(), &Model::messageChanged);
    QSignalSpy rejected(m_model.get(), &Model::editRejected);
    const QModelIndex index = at(path);
    QVERIFY(index.isValid());
    QVERIFY(!m_model->setData(index, text));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!index.data(Model::ErrorRole).toString().isEmpty());
    QVERIFY(!m_model->lastError().isEmpty());
    QCOMPARE(m_model->toJson(), before);
    QVERIFY(!index.data(Model::IsSetRole).toBool());
}

void MessageFormModelTest::invalidJsonKeepsLastState()
{
    QVERIFY(m_model->setJson(FullJson).message.isEmpty());
    const QByteArray before = m_model->toJson();
    JsonError error = m_model->setJson("{\"fInt32\": ");
    QVERIFY(!error.message.isEmpty());
    QVERIFY(error.line > 0);
    error = m_model->setJson("{\"noSuchField\": 1}");
    QVERIFY(!error.message.isEmpty());
    error = m_model->setJson("{\"fInt32\": \"many\"}");
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(m_model->toJson(), before);
    QCOMPARE(at(QStringLiteral("f_string")).data().toString(), QStringLiteral("h\u00e9llo"));
}

void MessageFormModelTest::presenceIsVisibleAndEditable()
{
    const QModelIndex maybe = at(QStringLiteral("maybe_count"));
    QVERIFY(maybe.data(Model::HasPresenceRole).toBool());
    QVERIFY(!maybe.data(Model::IsSetRole).toBool());
    QCOMPARE(maybe.data(Model::PlaceholderRole).toString(), QStringLiteral("0"));
    QVERIFY(m_model->setPresent(maybe, true));
    QVERIFY(maybe.data(Model::IsSetRole).toBool());
    QCOMPARE(json().value(QStringLiteral("maybeCount")).toInt(-1), 0);
    QVERIFY(m_model->clear(maybe));
    QVERIFY(!json().contains(QStringLiteral("maybeCount")));

    // Implicit presence: zero is unset, and "set to zero" is not a state it has.
    const QModelIndex plain = at(QStringLiteral("f_int32"));
    QVERIFY(!plain.data(Model::HasPresenceRole).toBool());
    QVERIFY(!m_model->setPresent(plain, true));

    // A nested message becomes present when set explicitly or when one of its fields is edited.
    const QModelIndex address = at(QStringLiteral("address"));
    QCOMPARE(address.data(Model::PlaceholderRole).toString(), tr("not set"));
    QVERIFY(m_model->setPresent(address, true));
    QCOMPARE(json().value(QStringLiteral("address")).toObject(), QJsonObject());
    QVERIFY(m_model->clear(address));
    QVERIFY(!json().contains(QStringLiteral("address")));
    QVERIFY(m_model->setData(at(QStringLiteral("address.city")), QStringLiteral("Lima")));
    QVERIFY(at(QStringLiteral("address")).data(Model::IsSetRole).toBool());
    QCOMPARE(json().value(QStringLiteral("address")).toObject().value(QStringLiteral("city")).toString(),
        QStringLiteral("Lima"));

    // Wrappers are nullable scalars; an empty box takes a wrapper back to null.
    const QModelIndex flag = at(QStringLiteral("flag"));
    QCOMPARE(flag.data(Model::PlaceholderRole).toString(), QStringLiteral("null"));
    QVERIFY(m_model->setData(flag, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(json().value(QStringLiteral("flag")).toBool(), true);
    QVERIFY(m_model->setData(flag, QString()));
    QVERIFY(!json().contains(QStringLiteral("flag")));
}

void MessageFormModelTest::choosingAOneofMemberClearsTheOthers()
{
    const QModelIndex contact = at(QStringLiteral("contact"));
    QCOMPARE(contact.data(Model::ShapeRole).toInt(), int(Model::Shape::Oneof));
    QCOMPARE(contact.data(Model::ChoicesRole).toStringList(),
        (QStringList {QStringLiteral("email"), QStringLiteral("phone"), QStringLiteral("postal")}));
    QVERIFY(m_model->setData(contact, QStringLiteral("email")));
    QVERIFY(json().contains(QStringLiteral("email")));
    QVERIFY(m_model->setData(at(QStringLiteral("phone")), QStringLiteral("+47 1234")));
    QVERIFY(!json().contains(QStringLiteral("email")));
    QCOMPARE(contact.data().toString(), QStringLiteral("phone"));

    // Editing inside a message member picks it; its rows go when another member is chosen.
    QVERIFY(m_model->addElement(at(QStringLiteral("postal.lines"))).isValid());
    QVERIFY(!json().contains(QStringLiteral("phone")));
    QCOMPARE(m_model->rowCount(at(QStringLiteral("postal.lines"), 0)), 1);
    QVERIFY(m_model->chooseOneof(contact, QStringLiteral("email")));
    QCOMPARE(m_model->rowCount(at(QStringLiteral("postal.lines"), 0)), 0);
    QVERIFY(!json().contains(QStringLiteral("postal")));
    QVERIFY(!m_model->chooseOneof(contact, QStringLiteral("fax")));
    QVERIFY(m_model->clear(contact));
    QVERIFY(!json().contains(QStringLiteral("email")));
}

void MessageFormModelTest::repeatedFieldsAddRemoveAndMove()
{
    const QModelIndex numbers = at(QStringLiteral("packed_numbers"), 0);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    for (int i = 0; i < 3; ++i) {
        const QModelIndex element = m_model->addElement(numbers);
        QVERIFY(m_model->setData(element.siblingAtColumn(Model::ValueColumn), QString::number(i + 1)));
    }
    QCOMPARE(json().value(QStringLiteral("packedNumbers")).toArray(), (QJsonArray {1, 2, 3}));
    QVERIFY(m_model->moveElement(m_model->index(2, 0, numbers), 0));
    QCOMPARE(json().value(QStringLiteral("packedNumbers")).toArray(), (QJsonArray {3, 1, 2}));
    QVERIFY(m_model->moveElement(m_model->index(0, 0, numbers), 2));
    QCOMPARE(json().value(QStringLiteral("packedNumbers")).toArray(), (QJsonArray {1, 2, 3}));
    QVERIFY(m_model->removeElement(m_model->index(1, 0, numbers)));
    QCOMPARE(json().value(QStringLiteral("packedNumbers")).toArray(), (QJsonArray {1, 3}));
    QCOMPARE(m_model->index(1, 0, numbers).data(Model::FieldNameRole).toString(), QStringLiteral("[1]"));
    QVERIFY(m_model->addElement(m_model->index(0, 0, numbers)).isValid()); // inserts after row 0
    QCOMPARE(json().value(QStringLiteral("packedNumbers")).toArray(), (QJsonArray {1, 0, 3}));
    QVERIFY(inserted.count() >= 4);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(moved.count(), 3);
    QVERIFY(!m_model->setData(m_model->index(0, Model::ValueColumn, numbers), QString()));

    // Packed on the wire: one length-delimited record for field 18.
    const QByteArray binary = m_model->toBinary();
    QCOMPARE(quint8(binary.at(0)), quint8((18 << 3) | 2));

    const QModelIndex addresses = at(QStringLiteral("addresses"), 0);
    const QModelIndex first = m_model->addElement(addresses);
    QVERIFY(m_model->setData(at(QStringLiteral("addresses[0].city")), QStringLiteral("Turku")));
    QVERIFY(first.isValid());
    QCOMPARE(json().value(QStringLiteral("addresses")).toArray(),
        (QJsonArray {QJsonObject {{QStringLiteral("city"), QStringLiteral("Turku")}}}));
    QVERIFY(m_model->clear(addresses));
    QCOMPARE(m_model->rowCount(addresses), 0);
}

void MessageFormModelTest::mapKeysAreValidatedAndDuplicatesFlagged()
{
    const QModelIndex counters = at(QStringLiteral("counters"), 0);
    const QModelIndex a = m_model->addElement(counters);
    const QModelIndex b = m_model->addElement(counters);
    QVERIFY(a.isValid() && b.isValid());
    QCOMPARE(a.data().toString(), QString());
    QCOMPARE(b.data().toString(), QStringLiteral("key1"));
    QVERIFY(m_model->setData(a, QStringLiteral("hits")));
    QVERIFY(m_model->setData(a.siblingAtColumn(Model::ValueColumn), QStringLiteral("9007199254740993")));
    QCOMPARE(json().value(QStringLiteral("counters")).toObject().value(QStringLiteral("hits")).toString(),
        QStringLiteral("9007199254740993"));
    QVERIFY(!a.data(Model::DuplicateKeyRole).toBool());
    QVERIFY(m_model->setData(b, QStringLiteral("hits")));
    QVERIFY(a.data(Model::DuplicateKeyRole).toBool());
    QVERIFY(b.data(Model::DuplicateKeyRole).toBool());
    QVERIFY(!b.data(Model::ErrorRole).toString().isEmpty());
    // The later entry wins, as it would on the wire.
    QCOMPARE(json().value(QStringLiteral("counters")).toObject().size(), 1);
    QCOMPARE(json().value(QStringLiteral("counters")).toObject().value(QStringLiteral("hits")).toString(),
        QStringLiteral("0"));
    QVERIFY(m_model->setData(b, QStringLiteral("misses")));
    QVERIFY(!a.data(Model::DuplicateKeyRole).toBool());

    const QModelIndex places = at(QStringLiteral("places"), 0);
    const QModelIndex place = m_model->addElement(places);
    QCOMPARE(place.data().toString(), QStringLiteral("0"));
    QVERIFY(!m_model->setData(place, QStringLiteral("seven")));
    QVERIFY(!m_model->setData(place, QStringLiteral("2147483648")));
    QVERIFY(m_model->setData(place, QStringLiteral("-7")));
    QVERIFY(m_model->setData(at(QStringLiteral("places[0].city")), QStringLiteral("Kyiv")));
    QCOMPARE(json()
                 .value(QStringLiteral("places"))
                 .toObject()
                 .value(QStringLiteral("-7"))
                 .toObject()
                 .value(QStringLiteral("city"))
                 .toString(),
        QStringLiteral("Kyiv"));
    QVERIFY(m_model->removeElement(place));
    QVERIFY(!json().contains(QStringLiteral("places")));
}

void MessageFormModelTest::bytesModesAndFiles()
{
    QVERIFY(m_model->setJson("{\"fBytes\": \"AAEC\"}").message.isEmpty());
    const QModelIndex bytes = at(QStringLiteral("f_bytes"));
    // Not readable as text, so it is shown as hex until asked otherwise.
    QCOMPARE(bytes.data().toString(), QStringLiteral("00 01 02"));
    QCOMPARE(bytes.data(Model::BytesModeRole).toInt(), int(BytesMode::Hex));
    QVERIFY(m_model->setData(bytes, int(BytesMode::Base64), Model::BytesModeRole));
    QCOMPARE(bytes.data().toString(), QStringLiteral("AAEC"));
    QVERIFY(m_model->setData(bytes, QStringLiteral("/w==")));
    QCOMPARE(m_model->bytes(bytes), QByteArray("\xff", 1));
    QVERIFY(!m_model->setData(bytes, QStringLiteral("not base64!")));
    QVERIFY(m_model->setData(bytes, int(BytesMode::Hex), Model::BytesModeRole));
    QVERIFY(!m_model->setData(bytes, QStringLiteral("abc")));
    QVERIFY(m_model->setData(bytes, QStringLiteral("0xCAFE")));
    QCOMPARE(json().value(QStringLiteral("fBytes")).toString(), QStringLiteral("yv4="));
    QVERIFY(m_model->setBytes(bytes, QByteArray("from a file")));
    QCOMPARE(bytes.data().toString(), QStringLiteral("from a file"));
    QCOMPARE(FieldValueText::check(ValueKind::Bytes, QStringLiteral("zz"), BytesMode::Hex).isEmpty(), false);
}

void MessageFormModelTest::recursiveTypesExpandLazily()
{
    QByteArray deep = "{\"label\": \"d0\"}";
    for (int depth = 1; depth < 50; ++depth)
        deep = "{\"label\": \"d" + QByteArray::number(depth) + "\", \"children\": [" + deep + "]}";
    QVERIFY(m_model->setJson("{\"tree\": " + deep + "}").message.isEmpty());
    const QModelIndex tree = at(QStringLiteral("tree"), 0);
    QVERIFY(m_model->hasChildren(tree));
    QCOMPARE(m_model->rowCount(tree), 0);
    QVERIFY(m_model->canFetchMore(tree));
    QString path = QStringLiteral("tree");
    for (int depth = 0; depth < 49; ++depth)
        path += QStringLiteral(".children[0]");
    const QModelIndex bottom = at(path + QStringLiteral(".label"));
    QVERIFY(bottom.isValid());
    QCOMPARE(bottom.data().toString(), QStringLiteral("d0"));
    QCOMPARE(bottom.data(Model::PathRole).toString(), path + QStringLiteral(".label"));
    // An unset recursive field can still be expanded, one level at a time.
    const QModelIndex leafChildren = at(path + QStringLiteral(".children"), 0);
    QVERIFY(!m_model->hasChildren(leafChildren));
    QVERIFY(m_model->setData(at(path + QStringLiteral(".label")), QStringLiteral("bottom")));
    QVERIFY(m_model->toJson().contains("\"bottom\""));
}

void MessageFormModelTest::largeListsAreLazy()
{
    QByteArray numbers = "{\"packedNumbers\": [";
    for (int i = 0; i < 100000; ++i)
        numbers += QByteArray::number(i) + (i + 1 < 100000 ? "," : "");
    numbers += "]}";
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_model->setJson(numbers).message.isEmpty());
    const QModelIndex list = at(QStringLiteral("packed_numbers"), 0);
    QCOMPARE(m_model->rowCount(list), 0);
    QCOMPARE(list.siblingAtColumn(Model::ValueColumn).data().toString(), QStringLiteral("[ 100000 items ]"));
    m_model->fetchMore(list);
    QCOMPARE(m_model->rowCount(list), 100000);
    QCOMPARE(m_model->index(99999, Model::ValueColumn, list).data().toString(), QStringLiteral("99999"));
    QVERIFY(m_model->setData(m_model->index(5, Model::ValueColumn, list), QStringLiteral("-5")));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void MessageFormModelTest::commentsAndPlaceholders()
{
    Model ticks;
    ticks.setType(m_schema, m_schema->findMessage(QStringLiteral("wirescope.demo.v1.TicksRequest")));
    const QModelIndex count = ticks.indexOfPath(QStringLiteral("count"));
    QVERIFY(count.data(Model::CommentRole).toString().contains(QStringLiteral("How many ticks")));
    QVERIFY(count.data(Qt::ToolTipRole).toString().contains(QStringLiteral("count = 1")));
    QCOMPARE(count.data(Model::FieldNumberRole).toInt(), 1);
    QCOMPARE(count.siblingAtColumn(Model::TypeColumn).data().toString(), QStringLiteral("int32"));
    // Defaults are placeholders, never values.
    QCOMPARE(count.siblingAtColumn(Model::ValueColumn).data().toString(), QString());
    QCOMPARE(count.siblingAtColumn(Model::ValueColumn).data(Model::PlaceholderRole).toString(),
        QStringLiteral("0"));
    QCOMPARE(at(QStringLiteral("mood")).data(Model::PlaceholderRole).toString(),
        QStringLiteral("MOOD_UNSPECIFIED (0)"));
    QCOMPARE(at(QStringLiteral("counters"), Model::TypeColumn).data().toString(),
        QStringLiteral("map<string, int64>"));
    QCOMPARE(at(QStringLiteral("maybe_note"), Model::TypeColumn).data().toString(),
        QStringLiteral("optional string"));
    QCOMPARE(at(QStringLiteral("mood")).data(Model::ChoicesRole).toStringList().size(), 4);
    QVERIFY(at(QStringLiteral("tree"), 0).data(Model::CommentRole).toString().isEmpty());
}

QTEST_GUILESS_MAIN(MessageFormModelTest)
#include "MessageFormModelTest.moc"
