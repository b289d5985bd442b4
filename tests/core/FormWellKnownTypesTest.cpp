#include "model/form/FieldMaskPaths.h"
#include "model/form/FieldValueText.h"
#include "model/form/MessageFormModel.h"
#include "model/json/JsonCodec.h"
#include "support/TestSupport.h"
#include "tests/core/LibrarySchema.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

using namespace wirescope;
using Model = MessageFormModel;
namespace gp = google::protobuf;

// The form model's well-known types beyond plain text: an Any as a picked type with the
// packed message as rows, a FieldMask's paths from the type it masks, Timestamp and
// Duration text, and the JSON the form writes back kept in pieces: whatever was edited,
// it must equal a full print of the message.
class FormWellKnownTypesTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void anyPicksATypeAndShowsItsFields();
    void anyTypeChangeResetsAndClearUnsets();
    void anyFromJsonAndNestedAnys();
    void anyElementsAndMapValues();
    void unknownAnyTypeIsKept();
    void fieldMaskTargetsAndPaths();
    void fieldMaskRoundTrip();
    void timestampText_data();
    void timestampText();
    void timestampAndDurationEdits();
    void jsonPiecesMatchAFullPrint();
    void emptyIsSetOrUnsetAndNothingElse();

private:
    QModelIndex at(const QString &path, int column = Model::ValueColumn);
    QJsonObject json() const { return QJsonDocument::fromJson(m_model->toJson()).object(); }
    QByteArray fullPrint() const;

    SchemaPtr m_schema;
    SchemaPtr m_library;
    const gp::Descriptor *m_everything = nullptr;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

namespace {

const QString AddressType = QStringLiteral("wirescope.demo.v1.Address");
const QString AddressUrl = QStringLiteral("type.googleapis.com/wirescope.demo.v1.Address");

QJsonObject object(const QJsonValue &value)
{
    return value.toObject();
}

} // namespace

void FormWellKnownTypesTest::initTestCase()
{
    m_schema = test::demoSchema();
    QVERIFY(m_schema);
    m_everything = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    QVERIFY(m_everything);
    m_library = test::librarySchema();
    QVERIFY(m_library && m_library->findMessage(QStringLiteral("lib.v1.UpdateBookRequest")));
}

void FormWellKnownTypesTest::init()
{
    m_tester.reset();
    m_model = std::make_unique<Model>();
    m_model->setType(m_schema, m_everything);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

QModelIndex FormWellKnownTypesTest::at(const QString &path, int column)
{
    const QModelIndex index = m_model->indexOfPath(path);
    return index.isValid() ? index.siblingAtColumn(column) : index;
}

QByteArray FormWellKnownTypesTest::fullPrint() const
{
    QByteArray out;
    JsonCodec::toJson(*m_model->schema(), m_model->type(), m_model->toBinary(), &out, JsonStyle {}, nullptr);
    return out;
}

void FormWellKnownTypesTest::anyPicksATypeAndShowsItsFields()
{
    const QModelIndex extra = at(QStringLiteral("extra"));
    QCOMPARE(extra.data(Model::ValueKindRole).toInt(), int(ValueKind::Any));
    QVERIFY(extra.flags() & Qt::ItemIsEditable);
    QVERIFY(extra.data(Model::ChoicesRole).toStringList().contains(AddressType));
    QVERIFY(!m_model->hasChildren(extra.siblingAtColumn(0)));

    QSignalSpy typeChanged(m_model.get(), &Model::anyTypeChanged);
    QSignalSpy changed(m_model.get(), &Model::messageChanged);
    QVERIFY(m_model->setData(extra, AddressType));
    QCOMPARE(typeChanged.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(extra.data(Model::AnyTypeRole).toString(), AddressType);
    QCOMPARE(extra.data(Qt::EditRole).toString(), AddressType);
    QCOMPARE(extra.data().toString(), QStringLiteral("Address { }"));
    QCOMPARE(
        object(json().value(QStringLiteral("extra"))), (QJsonObject {{QStringLiteral("@type"), AddressUrl}}));

    // The packed message is a form below the row.
    QVERIFY(m_model->hasChildren(extra.siblingAtColumn(0)));
    QVERIFY(m_model->setData(at(QStringLiteral("extra.city")), QStringLiteral("Rome")));
    QVERIFY(m_model->addElement(at(QStringLiteral("extra.lines"), 0)).isValid());
    QVERIFY(m_model->setData(at(QStringLiteral("extra.lines[0]")), QStringLiteral("Via Appia")));
    QCOMPARE(m_model->rowCount(extra.siblingAtColumn(0)), 4);
    QCOMPARE(at(QStringLiteral("extra.city")).data(Model::PathRole).toString(), QStringLiteral("extra.city"));
    QCOMPARE(extra.data().toString(), QStringLiteral("Address { 2 fields }"));
    const QJsonObject expected {{QStringLiteral("@type"), AddressUrl},
        {QStringLiteral("city"), QStringLiteral("Rome")},
        {QStringLiteral("lines"), QJsonArray {QStringLiteral("Via Appia")}}};
    QCOMPARE(object(json().value(QStringLiteral("extra"))), expected);

    // Binary and back: the same form.
    Model other;
    other.setType(m_schema, m_everything);
    QVERIFY(other.setBinary(m_model->toBinary()));
    QCOMPARE(
        other.indexOfPath(QStringLiteral("extra.city")).siblingAtColumn(Model::ValueColumn).data().toString(),
        QStringLiteral("Rome"));
    QCOMPARE(other.toJson(), m_model->toJson());
    QCOMPARE(other.toBinary(), m_model->toBinary());
}

void FormWellKnownTypesTest::anyTypeChangeResetsAndClearUnsets()
{
    const QModelIndex extra = at(QStringLiteral("extra"));
    QVERIFY(m_model->setAnyType(extra, AddressType));
    QVERIFY(m_model->setData(at(QStringLiteral("extra.city")), QStringLiteral("Rome")));
    // The same type again keeps the value.
    QVERIFY(m_model->setData(extra, AddressUrl));
    QCOMPARE(object(json().value(QStringLiteral("extra"))).value(QStringLiteral("city")).toString(),
        QStringLiteral("Rome"));
    // Another type starts from an empty message of it, with its own rows.
    QVERIFY(m_model->setData(extra, QStringLiteral("wirescope.demo.v1.Everything.Node")));
    QCOMPARE(object(json().value(QStringLiteral("extra"))),
        (QJsonObject {{QStringLiteral("@type"),
            QStringLiteral("type.googleapis.com/wirescope.demo.v1.Everything.Node")}}));
    QVERIFY(!at(QStringLiteral("extra.city")).isValid());
    QVERIFY(m_model->setData(at(QStringLiteral("extra.label")), QStringLiteral("leaf")));
    QCOMPARE(object(json().value(QStringLiteral("extra"))).value(QStringLiteral("label")).toString(),
        QStringLiteral("leaf"));
    // A name the schema lacks is refused and changes nothing.
    const QByteArray before = m_model->toJson();
    QVERIFY(!m_model->setData(extra, QStringLiteral("no.such.Type")));
    QVERIFY(extra.data(Model::ErrorRole).toString().contains(QStringLiteral("no.such.Type")));
    QCOMPARE(m_model->toJson(), before);
    // Clearing unsets it, rows and all.
    QVERIFY(m_model->setData(extra, QString()));
    QVERIFY(!json().contains(QStringLiteral("extra")));
    QVERIFY(!extra.data(Model::IsSetRole).toBool());
    QCOMPARE(m_model->rowCount(extra.siblingAtColumn(0)), 0);
    QVERIFY(m_model->setAnyType(extra, AddressType));
    QVERIFY(m_model->clear(extra));
    QVERIFY(!json().contains(QStringLiteral("extra")));
}

void FormWellKnownTypesTest::anyFromJsonAndNestedAnys()
{
    const QByteArray nested = R"({"extra": {"@type": "type.googleapis.com/wirescope.demo.v1.Everything",
        "fString": "outer", "extra": {"@type": "type.googleapis.com/wirescope.demo.v1.Address", "city": "Oslo"}}})";
    QVERIFY(m_model->setJson(nested).message.isEmpty());
    QCOMPARE(at(QStringLiteral("extra.f_string")).data().toString(), QStringLiteral("outer"));
    QCOMPARE(at(QStringLiteral("extra.extra.city")).data().toString(), QStringLiteral("Oslo"));
    // An edit two Anys deep is packed into both.
    QVERIFY(m_model->setData(at(QStringLiteral("extra.extra.city")), QStringLiteral("Bergen")));
    const QJsonObject outer = object(json().value(QStringLiteral("extra")));
    QCOMPARE(object(outer.value(QStringLiteral("extra"))).value(QStringLiteral("city")).toString(),
        QStringLiteral("Bergen"));
    QCOMPARE(outer.value(QStringLiteral("fString")).toString(), QStringLiteral("outer"));
    QCOMPARE(m_model->toJson(), fullPrint());

    // New JSON with another packed type replaces the rows under the Any.
    QVERIFY(m_model->setJson(R"({"extra": {"@type": ")" + AddressUrl.toUtf8() + R"(", "street": "Elm"}})")
                .message.isEmpty());
    QVERIFY(!at(QStringLiteral("extra.f_string")).isValid());
    QCOMPARE(at(QStringLiteral("extra.street")).data().toString(), QStringLiteral("Elm"));
    // JSON typed into the row itself works as before.
    QVERIFY(m_model->setData(
        at(QStringLiteral("extra")), QStringLiteral(R"({"@type": "%1", "city": "Lima"})").arg(AddressUrl)));
    QCOMPARE(at(QStringLiteral("extra.city")).data().toString(), QStringLiteral("Lima"));
    QVERIFY(at(QStringLiteral("extra.street")).data().toString().isEmpty());
}

void FormWellKnownTypesTest::anyElementsAndMapValues()
{
    m_model->setType(m_library, m_library->findMessage(QStringLiteral("lib.v1.UpdateBookRequest")));
    const QModelIndex note = m_model->addElement(at(QStringLiteral("notes"), 0));
    QVERIFY(note.isValid());
    QCOMPARE(
        note.siblingAtColumn(Model::ValueColumn).data(Model::ValueKindRole).toInt(), int(ValueKind::Any));
    QVERIFY(m_model->setData(note.siblingAtColumn(Model::ValueColumn), QStringLiteral("lib.v1.Shelf")));
    QVERIFY(m_model->setData(at(QStringLiteral("notes[0].name")), QStringLiteral("fiction")));
    const QModelIndex entry = m_model->addElement(at(QStringLiteral("extras"), 0));
    QVERIFY(m_model->setData(entry, QStringLiteral("k")));
    QVERIFY(m_model->setData(entry.siblingAtColumn(Model::ValueColumn), QStringLiteral("lib.v1.Author")));
    QVERIFY(m_model->setData(at(QStringLiteral("extras[0].display_name")), QStringLiteral("Ada")));
    QCOMPARE(json().value(QStringLiteral("notes")).toArray(),
        (QJsonArray {
            QJsonObject {{QStringLiteral("@type"), QStringLiteral("type.googleapis.com/lib.v1.Shelf")},
                {QStringLiteral("name"), QStringLiteral("fiction")}}}));
    QCOMPARE(object(object(json().value(QStringLiteral("extras"))).value(QStringLiteral("k")))
                 .value(QStringLiteral("displayName"))
                 .toString(),
        QStringLiteral("Ada"));
    // An element cannot be left out: clearing it leaves an Any without a type.
    QVERIFY(m_model->setData(note.siblingAtColumn(Model::ValueColumn), QString()));
    QCOMPARE(json().value(QStringLiteral("notes")).toArray(), (QJsonArray {QJsonObject {}}));
    QCOMPARE(m_model->rowCount(note), 0);
    QCOMPARE(m_model->toJson(), fullPrint());
}

void FormWellKnownTypesTest::unknownAnyTypeIsKept()
{
    QVERIFY(m_model->setJson("{\"fString\": \"kept\"}").message.isEmpty());
    const QByteArray before = m_model->toJson();
    // JSON naming a type the schema lacks is refused with the reason, and nothing changes:
    // the JSON editor keeps what was typed, the form its last valid body.
    const JsonError error
        = m_model->setJson(R"({"extra": {"@type": "type.googleapis.com/nope.Missing", "x": 1}})");
    QVERIFY(!error.message.isEmpty());
    QVERIFY2(error.toString().contains(QStringLiteral("nope.Missing")), qPrintable(error.toString()));
    QCOMPARE(m_model->toJson(), before);
    // Typed into the row, it is refused too, and the next editor gets it back as typed.
    const QString typed = QStringLiteral(R"({"@type": "type.googleapis.com/nope.Missing", "x": 1})");
    QVERIFY(!m_model->setData(at(QStringLiteral("extra")), typed));
    QCOMPARE(at(QStringLiteral("extra")).data(Qt::EditRole).toString(), typed);
    QVERIFY(!at(QStringLiteral("extra")).data(Model::ErrorRole).toString().isEmpty());

    // Bytes packed by someone with a bigger schema: kept byte for byte, with a warning.
    std::unique_ptr<gp::Message> message = m_schema->newMessage(m_everything);
    const gp::FieldDescriptor *extraField = m_everything->FindFieldByName("extra");
    gp::Message *any = message->GetReflection()->MutableMessage(message.get(), extraField);
    const gp::Descriptor *anyType = any->GetDescriptor();
    any->GetReflection()->SetString(any, anyType->FindFieldByNumber(1), "type.googleapis.com/nope.Missing");
    any->GetReflection()->SetString(any, anyType->FindFieldByNumber(2), std::string("\x08\x96\x01", 3));
    const std::string packed = any->SerializeAsString();
    QVERIFY(m_model->setBinary(QByteArray::fromStdString(message->SerializeAsString())));
    const QModelIndex extra = at(QStringLiteral("extra"));
    QCOMPARE(extra.data(Model::AnyTypeRole).toString(), QStringLiteral("nope.Missing"));
    QVERIFY(extra.data(Model::ErrorRole).toString().contains(QStringLiteral("kept as they are")));
    QCOMPARE(extra.data().toString(), QStringLiteral("nope.Missing (unknown)"));
    QVERIFY(!m_model->hasChildren(extra.siblingAtColumn(0)));
    QVERIFY(m_model->setData(at(QStringLiteral("f_string")), QStringLiteral("edited")));
    std::unique_ptr<gp::Message> back = m_schema->newMessage(m_everything);
    const QByteArray binary = m_model->toBinary();
    QVERIFY(back->ParseFromArray(binary.constData(), int(binary.size())));
    QCOMPARE(back->GetReflection()->GetMessage(*back, extraField).SerializeAsString(), packed);
}

void FormWellKnownTypesTest::fieldMaskTargetsAndPaths()
{
    m_model->setType(m_library, m_library->findMessage(QStringLiteral("lib.v1.UpdateBookRequest")));
    const QModelIndex updateMask = at(QStringLiteral("update_mask"));
    QCOMPARE(updateMask.data(Model::ValueKindRole).toInt(), int(ValueKind::FieldMask));
    QCOMPARE(updateMask.data(Model::MaskTargetsRole).toStringList(),
        (QStringList {QStringLiteral("lib.v1.Book"), QStringLiteral("lib.v1.Shelf"),
            QStringLiteral("lib.v1.UpdateBookRequest")}));
    // A mask named after a field refers to that field's type first.
    QCOMPARE(at(QStringLiteral("shelf_mask")).data(Model::MaskTargetsRole).toStringList().value(0),
        QStringLiteral("lib.v1.Shelf"));
    QVERIFY(at(QStringLiteral("book")).data(Model::MaskTargetsRole).toStringList().isEmpty());

    QStringList paths;
    for (const FieldMaskPaths::Path &path : FieldMaskPaths::paths(*m_library, QStringLiteral("lib.v1.Book")))
        paths.append(path.path);
    for (const char *expected : {"title", "author", "author.displayName", "author.mentor.displayName",
             "author.aliases", "publishedAt", "labels"})
        QVERIFY2(paths.contains(QString::fromLatin1(expected)), expected);
    // Not into well-known types or lists, and a recursive type stops at the depth limit.
    QVERIFY(!paths.contains(QStringLiteral("publishedAt.seconds")));
    for (const QString &path : paths)
        QVERIFY2(path.count(u'.') < FieldMaskPaths::DefaultDepth, qPrintable(path));
    QVERIFY(paths.contains(QStringLiteral("author.mentor.mentor.displayName")));
    QCOMPARE(FieldMaskPaths::toJsonPath(QStringLiteral("author.display_name")),
        QStringLiteral("author.displayName"));
    QCOMPARE(FieldMaskPaths::split(QStringLiteral(" a, b.c ,,")),
        (QStringList {QStringLiteral("a"), QStringLiteral("b.c")}));
}

void FormWellKnownTypesTest::fieldMaskRoundTrip()
{
    const gp::Descriptor *request = m_library->findMessage(QStringLiteral("lib.v1.UpdateBookRequest"));
    m_model->setType(m_library, request);
    QVERIFY(m_model->setData(at(QStringLiteral("update_mask")), QStringLiteral("title, author.displayName")));
    QCOMPARE(
        json().value(QStringLiteral("updateMask")).toString(), QStringLiteral("title,author.displayName"));
    // On the wire the paths are the .proto's names.
    std::unique_ptr<gp::Message> message = m_library->newMessage(request);
    const QByteArray binary = m_model->toBinary();
    QVERIFY(message->ParseFromArray(binary.constData(), int(binary.size())));
    const gp::Message &mask
        = message->GetReflection()->GetMessage(*message, request->FindFieldByName("update_mask"));
    QCOMPARE(mask.GetReflection()->GetRepeatedString(mask, mask.GetDescriptor()->FindFieldByNumber(1), 1),
        std::string("author.display_name"));
    Model other;
    other.setType(m_library, request);
    QVERIFY(other.setBinary(binary));
    QCOMPARE(other.indexOfPath(QStringLiteral("update_mask"))
                 .siblingAtColumn(Model::ValueColumn)
                 .data()
                 .toString(),
        QStringLiteral("title,author.displayName"));
}

void FormWellKnownTypesTest::timestampText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical"); // empty: refused
    QTest::addColumn<QString>("error"); // part of the reason
    const auto row = [](const char *text, const char *canonical, const char *error) {
        QTest::newRow(text) << QString::fromUtf8(text) << QString::fromUtf8(canonical)
                            << QString::fromUtf8(error);
    };
    row("2024-05-01T12:00:00Z", "2024-05-01T12:00:00Z", "");
    row("2024-02-29T23:59:59.5+01:00", "2024-02-29T22:59:59.500Z", "");
    row("2024-05-01 12:00:00.123456789z", "2024-05-01T12:00:00.123456789Z", "");
    row("1970-01-01T00:00:00.000001Z", "1970-01-01T00:00:00.000001Z", "");
    row("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "");
    row("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "");
    row("9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z", "");
    row("yesterday", "", "RFC 3339");
    row("2023-02-29T00:00:00Z", "", "no day 29");
    row("2024-13-01T00:00:00Z", "", "month 13");
    row("2024-05-01T24:00:00Z", "", "hour 24");
    row("2024-05-01T23:60:00Z", "", "minute 60");
    row("2016-12-31T23:59:60Z", "", "leap seconds");
    row("0000-01-01T00:00:00Z", "", "year 0000");
    row("0001-01-01T00:00:00+01:00", "", "out of range");
    row("2024-05-01T12:00:00.1234567891Z", "", "9 decimal places");
    row("2024-05-01T12:00:00+24:00", "", "offset");
}

void FormWellKnownTypesTest::timestampText()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(QString, error);
    qint64 seconds = 0;
    int nanos = 0;
    QString why;
    QCOMPARE(FieldValueText::parseTimestamp(text, &seconds, &nanos, &why), !canonical.isEmpty());
    if (canonical.isEmpty()) {
        QVERIFY2(why.contains(error), qPrintable(why));
        QCOMPARE(FieldValueText::check(ValueKind::Timestamp, text), why);
        return;
    }
    QCOMPARE(FieldValueText::formatTimestamp(seconds, nanos), canonical);
    QVERIFY(FieldValueText::check(ValueKind::Timestamp, text).isEmpty());
}

void FormWellKnownTypesTest::timestampAndDurationEdits()
{
    QCOMPARE(FieldValueText::formatTimestamp(1714564800, 0), QStringLiteral("2024-05-01T12:00:00Z"));
    QVERIFY(
        m_model->setData(at(QStringLiteral("created_at")), QStringLiteral("2024-05-01 14:00:00.25+02:00")));
    QCOMPARE(
        json().value(QStringLiteral("createdAt")).toString(), QStringLiteral("2024-05-01T12:00:00.250Z"));
    QVERIFY(!m_model->setData(at(QStringLiteral("created_at")), QStringLiteral("2024-02-30T00:00:00Z")));
    QVERIFY(at(QStringLiteral("created_at"))
                .data(Model::ErrorRole)
                .toString()
                .contains(QStringLiteral("no day 30")));
    QCOMPARE(
        json().value(QStringLiteral("createdAt")).toString(), QStringLiteral("2024-05-01T12:00:00.250Z"));

    const struct {
        const char *text;
        const char *json;
    } durations[] = {{"1h30m", "5400s"}, {"250ms", "0.250s"}, {"-1.5s", "-1.500s"},
        {"1m0.000000001s", "60.000000001s"}, {".5h", "1800s"}, {"90s", "90s"}};
    for (const auto &duration : durations) {
        QVERIFY2(
            m_model->setData(at(QStringLiteral("ttl")), QString::fromUtf8(duration.text)), duration.text);
        QCOMPARE(json().value(QStringLiteral("ttl")).toString(), QString::fromUtf8(duration.json));
    }
    for (const char *bad : {"5 minutes", "1.5ns", "315576000001s", "1d"}) {
        QVERIFY2(!m_model->setData(at(QStringLiteral("ttl")), QString::fromUtf8(bad)), bad);
        QVERIFY(!at(QStringLiteral("ttl")).data(Model::ErrorRole).toString().isEmpty());
    }
    QCOMPARE(json().value(QStringLiteral("ttl")).toString(), QStringLiteral("90s"));
}

// The JSON is kept in pieces (a top-level field, one element of a top-level list); every
// kind of edit must leave it equal to a full print.
void FormWellKnownTypesTest::jsonPiecesMatchAFullPrint()
{
    // Lists long enough that one edited element is reprinted alone and spliced in.
    QByteArray tags = "\"a\", \"b\", \"c\"";
    QByteArray addresses = R"({"city": "A"}, {}, {"city": "C"})";
    for (int i = 3; i < 40; ++i) {
        tags += ", \"t" + QByteArray::number(i) + '"';
        addresses += R"(, {"city": "c)" + QByteArray::number(i) + R"(", "lines": ["x", "y"]})";
    }
    const QByteArray body = "{\"fInt32\": 1, \"tags\": [" + tags + "], \"addresses\": [" + addresses
        + R"(], "counters": {"x": "1"}, "email": "e@x", "extra": {"@type": ")" + AddressUrl.toUtf8()
        + R"(", "city": "R"}, "tree": {"label": "t", "children": [{"label": "c"}]}})";
    QVERIFY(m_model->setJson(body).message.isEmpty());
    QCOMPARE(m_model->toJson(), fullPrint());
    const quint64 revision = m_model->revision();
    const QByteArray unchanged = m_model->toJson();
    QCOMPARE(m_model->revision(), revision);
    QCOMPARE(unchanged, fullPrint());

    const auto check = [this](const char *what) {
        const QByteArray expected = fullPrint();
        QVERIFY2(m_model->toJson() == expected, what);
    };
    QVERIFY(m_model->setData(at(QStringLiteral("addresses[1].city")), QStringLiteral("B")));
    check("element of a list of messages");
    QVERIFY(m_model->revision() > revision);
    QVERIFY(m_model->setData(at(QStringLiteral("tags[2]")), QStringLiteral("a much longer tag than before")));
    check("element of a list of strings");
    QVERIFY(m_model->setData(at(QStringLiteral("addresses[0].city")), QString()));
    check("element emptied");
    QVERIFY(m_model->setData(at(QStringLiteral("addresses[2].street")), QStringLiteral("S")));
    check("another element");
    QVERIFY(m_model->moveElement(at(QStringLiteral("addresses[2]"), 0), 0));
    check("moved element");
    QVERIFY(m_model->removeElement(at(QStringLiteral("tags[0]"), 0)));
    check("removed element");
    QVERIFY(m_model->addElement(at(QStringLiteral("tags"), 0)).isValid());
    check("added element");
    QVERIFY(m_model->setData(at(QStringLiteral("phone")), QStringLiteral("+47")));
    check("oneof member switched");
    const QModelIndex key = m_model->addElement(at(QStringLiteral("counters"), 0));
    QVERIFY(m_model->setData(key, QStringLiteral("x")));
    check("map key repeated");
    QVERIFY(m_model->setData(at(QStringLiteral("extra.street")), QStringLiteral("Via")));
    check("inside an Any");
    QVERIFY(m_model->setData(at(QStringLiteral("tree.children[0].label")), QStringLiteral("deep")));
    check("deep inside a message");
    QVERIFY(m_model->clear(at(QStringLiteral("f_int32"))));
    check("field cleared");
    for (int i = 0; i < 40; i += 13) {
        QVERIFY(
            m_model->setData(at(QStringLiteral("addresses[%1].country_code").arg(i)), QStringLiteral("NO")));
        check("one element after another");
    }
    QVERIFY(m_model->setData(at(QStringLiteral("addresses[39].lines[1]")), QStringLiteral("last")));
    check("the last element");
    for (int i = 0; i < 40; ++i)
        QVERIFY(
            m_model->setData(at(QStringLiteral("addresses[%1].country_code").arg(i)), QStringLiteral("SE")));
    check("every element of a list");
    QVERIFY(m_model->setJson("{}").message.isEmpty());
    QCOMPARE(m_model->toJson(), QByteArray("{}"));
    QVERIFY(m_model->setData(at(QStringLiteral("f_bool")), QStringLiteral("true")));
    check("from empty");
}

// google.protobuf.Empty has no fields: all there is to edit is whether it is there.
void FormWellKnownTypesTest::emptyIsSetOrUnsetAndNothingElse()
{
    const QModelIndex nothing = at(QStringLiteral("nothing"));
    QVERIFY(nothing.isValid());
    QVERIFY(nothing.data(Model::HasPresenceRole).toBool());
    QVERIFY(!nothing.data(Model::IsSetRole).toBool());
    QVERIFY(m_model->setPresent(nothing, true));
    QVERIFY(nothing.data(Model::IsSetRole).toBool());
    QCOMPARE(m_model->rowCount(nothing.siblingAtColumn(0)), 0);
    QVERIFY(json().value(QStringLiteral("nothing")).isObject());
    QVERIFY(object(json().value(QStringLiteral("nothing"))).isEmpty());
    QCOMPARE(m_model->toBinary(), QByteArray::fromHex("c20200")); // field 40, length 0

    QVERIFY(m_model->setJson(R"({"nothing": {}})").message.isEmpty());
    QVERIFY(at(QStringLiteral("nothing")).data(Model::IsSetRole).toBool());
    QVERIFY(m_model->setPresent(at(QStringLiteral("nothing")), false));
    QVERIFY(!json().contains(QStringLiteral("nothing")));
    QVERIFY(m_model->toBinary().isEmpty());
}

QTEST_GUILESS_MAIN(FormWellKnownTypesTest)
#include "FormWellKnownTypesTest.moc"
