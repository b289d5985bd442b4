#include "model/lab/WireCompare.h"
#include "model/json/JsonCodec.h"
#include "model/lab/JsonByteLinks.h"
#include "model/lab/ProtoSnippet.h"
#include "model/wire/WireAnnotator.h"

#include <google/protobuf/descriptor.h>

#include <QSet>
#include <QTest>

using namespace wirescope;

namespace {

using Role = WireSpan::Role;

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

const WireSpan *partOf(const WireSpan &field, Role role)
{
    for (const WireSpan &child : field.children)
        if (child.role == role)
            return &child;
    return nullptr;
}

const WireComparison *presetById(const QString &id)
{
    for (const WireComparison &comparison : WireCompare::presets())
        if (comparison.id == id)
            return &comparison;
    return nullptr;
}

// A comparison's sides encoded from their JSON and annotated with their types.
struct Encoded {
    SchemaPtr schema;
    QList<QByteArray> bytes;
    QList<WireTree> trees;
    QString error;

    QList<const WireTree *> treePointers() const
    {
        QList<const WireTree *> pointers;
        for (const WireTree &tree : trees)
            pointers.append(&tree);
        return pointers;
    }
};

Encoded encode(const WireComparison &comparison)
{
    Encoded out;
    const ProtoSnippetResult compiled = ProtoSnippet::compile(comparison.protoText);
    out.schema = compiled.schema;
    if (!compiled.ok()) {
        out.error = comparison.id + QStringLiteral(": ") + joinDiagnostics(compiled.diagnostics);
        return out;
    }
    for (const WireComparison::Side &side : comparison.sides) {
        const auto *type = out.schema->findMessage(side.typeName);
        QByteArray binary;
        JsonError error;
        if (!type || !JsonCodec::toBinary(*out.schema, type, side.json.toUtf8(), &binary, &error)) {
            out.error = comparison.id + QStringLiteral(" ") + side.label + QStringLiteral(": ")
                + (type ? error.toString() : QStringLiteral("no type ") + side.typeName);
            return out;
        }
        out.bytes.append(binary);
        out.trees.append(WireAnnotator::annotate(binary, type));
    }
    return out;
}

const char *const PersonProto = "syntax = \"proto3\";\n"
                                "package lab.test;\n"
                                "import \"google/protobuf/timestamp.proto\";\n"
                                "message Pet {\n  string name = 1;\n  int32 legs = 2;\n}\n"
                                "message Person {\n"
                                "  string name = 1;\n"
                                "  Pet pet = 2;\n"
                                "  repeated int32 scores = 3;\n"
                                "  map<string, int32> tags = 4;\n"
                                "  repeated Pet friends = 5;\n"
                                "  google.protobuf.Timestamp born = 6;\n"
                                "  map<string, Pet> pets = 7;\n"
                                "}\n";

const char *const PersonJson
    = "{\"name\": \"Ada\", \"pet\": {\"name\": \"Rex\", \"legs\": 4}, "
      "\"scores\": [1, 2, 300], \"tags\": {\"a\": 1, \"b\": 2}, "
      "\"friends\": [{\"name\": \"Tom\"}, {\"name\": \"Kit\", \"legs\": 3}], "
      "\"born\": \"1970-01-01T00:00:10Z\", \"pets\": {\"cat\": {\"name\": \"Mog\"}}}";

int linkIndex(const JsonByteView &view, const QString &path)
{
    for (int i = 0; i < view.links.size(); ++i)
        if (view.links.at(i).path == path)
            return i;
    return -1;
}

QString linkText(const JsonByteView &view, const JsonByteLink &link)
{
    return view.json.mid(link.jsonOffset, link.jsonLength);
}

const WireSpan *topField(const WireTree &tree, int number)
{
    for (const WireSpan &span : tree.spans)
        if (span.role == Role::Field && span.fieldNumber == number)
            return &span;
    return nullptr;
}

} // namespace

class WireCompareTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyPresetEncodes();
    void negativeOneTakesTenOneOrFourBytes();
    void fieldSixteenNeedsATwoByteTag();
    void packedAgainstUnpacked();
    void defaultOmittedAgainstSet();
    void stringAgainstBytesIsTheSameBytes();
    void nestedAgainstInline();
    void alignKeepsFirstEncodingsOrder();
    void alignFollowsSchemaLessMessages();
    void linksFieldsToTheirBytes();
    void linksNestedRepeatedAndMapFields();
    void linksWellKnownTypesWhole();
    void compactJsonSize();
    void garbageBytesGiveAnError();

private:
    Encoded encodePreset(const char *id) const;

    SchemaPtr m_person;
    const google::protobuf::Descriptor *m_personType = nullptr;
    WireTree m_personTree;
    JsonByteView m_view;
};

Encoded WireCompareTest::encodePreset(const char *id) const
{
    const WireComparison *comparison = presetById(QString::fromLatin1(id));
    if (!comparison)
        qFatal("no preset %s", id);
    Encoded encoded = encode(*comparison);
    if (!encoded.error.isEmpty())
        qWarning("%s", qPrintable(encoded.error));
    return encoded;
}

void WireCompareTest::initTestCase()
{
    const ProtoSnippetResult compiled = ProtoSnippet::compile(QString::fromLatin1(PersonProto));
    QVERIFY2(compiled.ok(), qPrintable(joinDiagnostics(compiled.diagnostics)));
    m_person = compiled.schema;
    m_personType = m_person->findMessage(QStringLiteral("lab.test.Person"));
    QVERIFY(m_personType);
    QByteArray binary;
    JsonError error;
    QVERIFY2(JsonCodec::toBinary(*m_person, m_personType, QByteArray(PersonJson), &binary, &error),
        qPrintable(error.toString()));
    m_personTree = WireAnnotator::annotate(binary, m_personType);
    QVERIFY(!m_personTree.hasErrors());
    m_view = JsonByteLinks::build(*m_person, m_personType, m_personTree);
    QVERIFY2(m_view.error.isEmpty(), qPrintable(m_view.error));
}

void WireCompareTest::everyPresetEncodes()
{
    QSet<QString> ids;
    QCOMPARE(WireCompare::presets().size(), 6);
    for (const WireComparison &comparison : WireCompare::presets()) {
        QVERIFY2(!ids.contains(comparison.id), qPrintable(comparison.id));
        ids.insert(comparison.id);
        QVERIFY(!comparison.title.isEmpty());
        QVERIFY(!comparison.explanation.isEmpty());
        QVERIFY(comparison.protoText.contains(QStringLiteral("package lab.compare;")));
        QVERIFY(comparison.sides.size() >= 2);
        const Encoded encoded = encode(comparison);
        QVERIFY2(encoded.error.isEmpty(), qPrintable(encoded.error));
        for (const WireTree &tree : encoded.trees)
            QVERIFY2(!tree.hasErrors(), qPrintable(comparison.id));
    }
}

void WireCompareTest::negativeOneTakesTenOneOrFourBytes()
{
    const Encoded encoded = encodePreset("negative-int");
    QVERIFY(encoded.error.isEmpty());
    QCOMPARE(encoded.bytes.at(0), hex("08ffffffffffffffffff01"));
    QCOMPARE(encoded.bytes.at(1), hex("0801"));
    QCOMPARE(encoded.bytes.at(2), hex("0dffffffff"));
    const QList<WireCompareRow> rows = WireCompare::align(encoded.treePointers());
    QCOMPARE(rows.size(), 1);
    const WireCompareRow &row = rows.first();
    QCOMPARE(row.fieldNumber, 1);
    QCOMPARE(row.fieldName, QStringLiteral("value"));
    QCOMPARE(row.cells.size(), 3);
    QVERIFY(row.cells.at(0) && row.cells.at(1) && row.cells.at(2));
    QCOMPARE(row.cells.at(0)->length, 11);
    QCOMPARE(row.cells.at(1)->length, 2);
    QCOMPARE(row.cells.at(2)->length, 5);
    QCOMPARE(partOf(*row.cells.at(0), Role::Value)->length, 10);
    QVERIFY2(row.note.contains(QStringLiteral("-1 as int32 takes 10 bytes (a negative is sign-extended")),
        qPrintable(row.note));
    QVERIFY2(row.note.contains(QStringLiteral("-1 as sint32 takes 1 byte (ZigZag turns it into 1")),
        qPrintable(row.note));
    QVERIFY2(
        row.note.contains(QStringLiteral("-1 as sfixed32 takes 4 bytes (fixed width")), qPrintable(row.note));
    QVERIFY(!row.note.contains(QStringLiteral("tag:")));
}

void WireCompareTest::fieldSixteenNeedsATwoByteTag()
{
    const Encoded encoded = encodePreset("field-16");
    QVERIFY(encoded.error.isEmpty());
    QCOMPARE(encoded.bytes.at(0), hex("789601"));
    QCOMPARE(encoded.bytes.at(1), hex("80019601"));
    // The numbers differ and the names match: one row, paired by name.
    const QList<WireCompareRow> rows = WireCompare::align(encoded.treePointers());
    QCOMPARE(rows.size(), 1);
    const WireCompareRow &row = rows.first();
    QCOMPARE(row.fieldNumber, 15);
    QVERIFY(row.cells.at(0) && row.cells.at(1));
    QCOMPARE(row.cells.at(0)->fieldNumber, 15);
    QCOMPARE(row.cells.at(1)->fieldNumber, 16);
    QCOMPARE(partOf(*row.cells.at(0), Role::Tag)->length, 1);
    QCOMPARE(partOf(*row.cells.at(1), Role::Tag)->length, 2);
    QVERIFY2(row.note.startsWith(QStringLiteral("tag: 1 byte for field 15, 2 bytes for field 16")),
        qPrintable(row.note));
}

void WireCompareTest::packedAgainstUnpacked()
{
    const Encoded encoded = encodePreset("packed");
    QVERIFY(encoded.error.isEmpty());
    QCOMPARE(encoded.bytes.at(0), hex("0a03010203"));
    QCOMPARE(encoded.bytes.at(1), hex("080108020803"));
    const QList<WireCompareRow> rows = WireCompare::align(encoded.treePointers());
    QCOMPARE(rows.size(), 3);
    QVERIFY(rows.at(0).cells.at(0) && rows.at(0).cells.at(1));
    QCOMPARE(rows.at(0).cells.at(0)->length, 5);
    QCOMPARE(rows.at(0).cells.at(1)->length, 2);
    QCOMPARE(rows.at(0).note,
        QStringLiteral("packed: one tag and one length for 3 values (5 bytes) against 3 tags, one per value "
                       "(6 bytes)"));
    for (int i = 1; i < 3; ++i) {
        QCOMPARE(rows.at(i).cells.at(0), nullptr);
        QVERIFY(rows.at(i).cells.at(1));
        QCOMPARE(rows.at(i).cells.at(1)->offset, 2 * i);
        QCOMPARE(rows.at(i).fieldNumber, 1);
        QVERIFY(rows.at(i).note.isEmpty());
    }
}

void WireCompareTest::defaultOmittedAgainstSet()
{
    const Encoded encoded = encodePreset("default-presence");
    QVERIFY(encoded.error.isEmpty());
    QCOMPARE(encoded.bytes.at(0).size(), 0);
    QCOMPARE(encoded.bytes.at(1), hex("0800"));
    const QList<WireCompareRow> rows = WireCompare::align(encoded.treePointers());
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().cells.at(0), nullptr);
    QVERIFY(rows.first().cells.at(1));
    QCOMPARE(rows.first().cells.at(1)->length, 2);
    QCOMPARE(rows.first().fieldName, QStringLiteral("count"));
    QCOMPARE(rows.first().note,
        QStringLiteral("absent: a proto3 field without presence is not written when it holds its default"));
}

void WireCompareTest::stringAgainstBytesIsTheSameBytes()
{
    const Encoded encoded = encodePreset("string-bytes");
    QVERIFY(encoded.error.isEmpty());
    QCOMPARE(encoded.bytes.at(0), hex("0a0568656c6c6f"));
    QCOMPARE(encoded.bytes.at(1), encoded.bytes.at(0));
    const QList<WireCompareRow> rows = WireCompare::align(encoded.treePointers());
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.first().cells.at(0) && rows.first().cells.at(1));
    QCOMPARE(rows.first().cells.at(0)->length, 7);
    QCOMPARE(rows.first().cells.at(1)->length, 7);
    QVERIFY(rows.first().note.isEmpty());
}

void WireCompareTest::nestedAgainstInline()
{
    const Encoded encoded = encodePreset("nested-inline");
    QVERIFY(encoded.error.isEmpty());
    QCOMPARE(encoded.bytes.at(0), hex("1a090a044f736c6f109601"));
    QCOMPARE(encoded.bytes.at(1), hex("0a044f736c6f109601"));
    const QList<WireCompareRow> rows = WireCompare::align(encoded.treePointers());
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0).fieldName, QStringLiteral("address"));
    QCOMPARE(rows.at(0).depth, 0);
    QCOMPARE(rows.at(0).cells.at(0)->length, 11);
    QCOMPARE(rows.at(0).cells.at(1), nullptr);
    QVERIFY2(rows.at(0).note.contains(QStringLiteral("(2 bytes)")), qPrintable(rows.at(0).note));
    const QStringList names = {QStringLiteral("city"), QStringLiteral("zip")};
    for (int i = 1; i < 3; ++i) {
        const WireCompareRow &row = rows.at(i);
        QCOMPARE(row.depth, 1);
        QCOMPARE(row.fieldName, names.at(i - 1));
        QVERIFY(row.cells.at(0) && row.cells.at(1));
        QCOMPARE(row.cells.at(0)->length, row.cells.at(1)->length);
        QCOMPARE(row.cells.at(0)->offset, row.cells.at(1)->offset + 2);
        QVERIFY(row.note.isEmpty());
    }
}

void WireCompareTest::alignKeepsFirstEncodingsOrder()
{
    // Field 2 before 1 in the first encoding; field 3 only in the second.
    const WireTree first = WireAnnotator::annotate(hex("10010801"), nullptr);
    const WireTree second = WireAnnotator::annotate(hex("080118021803"), nullptr);
    const QList<WireCompareRow> rows = WireCompare::align({&first, &second});
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(0).fieldNumber, 2);
    QCOMPARE(rows.at(0).cells.at(0), &first.spans.at(0));
    QCOMPARE(rows.at(0).cells.at(1), nullptr);
    QCOMPARE(rows.at(1).fieldNumber, 1);
    QCOMPARE(rows.at(1).cells.at(0), &first.spans.at(1));
    QCOMPARE(rows.at(1).cells.at(1), &second.spans.at(0));
    // Repeated occurrences pair in order.
    QCOMPARE(rows.at(2).fieldNumber, 3);
    QCOMPARE(rows.at(2).cells.at(0), nullptr);
    QCOMPARE(rows.at(2).cells.at(1), &second.spans.at(1));
    QCOMPARE(rows.at(3).cells.at(1), &second.spans.at(2));
    for (const WireCompareRow &row : rows)
        QVERIFY2(row.note.isEmpty(), qPrintable(row.note));
}

void WireCompareTest::alignFollowsSchemaLessMessages()
{
    const WireTree first = WireAnnotator::annotate(hex("1a03089601"), nullptr);
    const WireTree second = WireAnnotator::annotate(hex("1a020801"), nullptr);
    const QList<WireCompareRow> rows = WireCompare::align({&first, &second});
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).depth, 0);
    QCOMPARE(rows.at(0).fieldNumber, 3);
    QVERIFY(!rows.at(0).note.isEmpty());
    QCOMPARE(rows.at(1).depth, 1);
    QCOMPARE(rows.at(1).fieldNumber, 1);
    QVERIFY(rows.at(1).cells.at(0) && rows.at(1).cells.at(1));
    QCOMPARE(rows.at(1).cells.at(0)->offset, 2);
    QCOMPARE(rows.at(1).cells.at(0)->length, 3);
    QCOMPARE(rows.at(1).cells.at(1)->length, 2);
    QVERIFY2(
        rows.at(1).note.contains(QStringLiteral("150 as VARINT takes 2 bytes")), qPrintable(rows.at(1).note));
    QVERIFY2(
        rows.at(1).note.contains(QStringLiteral("1 as VARINT takes 1 byte")), qPrintable(rows.at(1).note));
}

void WireCompareTest::linksFieldsToTheirBytes()
{
    const QString nameText = QStringLiteral("\"name\": \"Ada\"");
    const int index = linkIndex(m_view, QStringLiteral("name"));
    QVERIFY(index >= 0);
    const JsonByteLink &link = m_view.links.at(index);
    QCOMPARE(link.jsonOffset, int(m_view.json.indexOf(nameText)));
    QCOMPARE(link.jsonLength, int(nameText.size()));
    QCOMPARE(link.depth, 0);
    const WireSpan *field = topField(m_personTree, 1);
    QVERIFY(field);
    QCOMPARE(link.byteOffset, field->offset);
    QCOMPARE(link.byteLength, field->length);
    QCOMPARE(link.byteLength, 5); // tag, length, "Ada"
    QCOMPARE(JsonByteLinks::linkAtJson(m_view, link.jsonOffset + 10), index);
    QCOMPARE(JsonByteLinks::linkAtByte(m_view, field->offset + 4), index);
    QCOMPARE(JsonByteLinks::linkAtJson(m_view, 0), -1); // the opening brace
    QCOMPARE(JsonByteLinks::linkAtByte(m_view, m_personTree.bytes.size()), -1);
    // In text order, parents before their children.
    for (int i = 1; i < m_view.links.size(); ++i)
        QVERIFY(m_view.links.at(i - 1).jsonOffset < m_view.links.at(i).jsonOffset);
}

void WireCompareTest::linksNestedRepeatedAndMapFields()
{
    const WireSpan *pet = topField(m_personTree, 2);
    QVERIFY(pet);
    const WireSpan &petName = partOf(*pet, Role::Value)->children.at(0);
    QCOMPARE(petName.fieldName, QStringLiteral("name"));
    const int nested = linkIndex(m_view, QStringLiteral("pet.name"));
    QVERIFY(nested >= 0);
    QCOMPARE(m_view.links.at(nested).depth, 1);
    QCOMPARE(linkText(m_view, m_view.links.at(nested)), QStringLiteral("\"name\": \"Rex\""));
    QCOMPARE(m_view.links.at(nested).byteOffset, petName.offset);
    QCOMPARE(m_view.links.at(nested).byteLength, petName.length);
    QCOMPARE(JsonByteLinks::linkAtByte(m_view, petName.offset + 3), nested);
    QCOMPARE(JsonByteLinks::linkAtJson(m_view, int(m_view.json.indexOf(QStringLiteral("Rex")))), nested);
    QCOMPARE(JsonByteLinks::linkAtByte(m_view, pet->offset), linkIndex(m_view, QStringLiteral("pet")));

    // Packed: the field as a whole, each element to its Element span.
    const WireSpan *scores = topField(m_personTree, 3);
    QVERIFY(scores);
    const JsonByteLink &all = m_view.links.at(linkIndex(m_view, QStringLiteral("scores")));
    QCOMPARE(all.byteOffset, scores->offset);
    QCOMPARE(all.byteLength, scores->length);
    const int third = linkIndex(m_view, QStringLiteral("scores[2]"));
    QVERIFY(third >= 0);
    QCOMPARE(linkText(m_view, m_view.links.at(third)), QStringLiteral("300"));
    const WireSpan &element = partOf(*scores, Role::Value)->children.at(2);
    QCOMPARE(m_view.links.at(third).byteOffset, element.offset);
    QCOMPARE(m_view.links.at(third).byteLength, 2);

    // Map: each key to its entry, whatever order the entries were written in.
    for (const QString &key : {QStringLiteral("a"), QStringLiteral("b")}) {
        const int at = linkIndex(m_view, QStringLiteral("tags.") + key);
        QVERIFY(at >= 0);
        const JsonByteLink &entryLink = m_view.links.at(at);
        QVERIFY(linkText(m_view, entryLink).startsWith(QStringLiteral("\"%1\": ").arg(key)));
        const WireSpan *entry = WireAnnotator::findSpanAt(m_personTree, entryLink.byteOffset);
        QVERIFY(entry);
        const QList<const WireSpan *> chain = WireAnnotator::spanChainAt(m_personTree, entryLink.byteOffset);
        QCOMPARE(chain.first()->fieldNumber, 4);
        QCOMPARE(chain.first()->offset, entryLink.byteOffset);
        QCOMPARE(chain.first()->length, entryLink.byteLength);
        QCOMPARE(
            partOf(*chain.first(), Role::Value)->children.at(0).value, QStringLiteral("\"%1\"").arg(key));
    }

    // Repeated messages and map values: their fields are linked a level deeper.
    const int kit = linkIndex(m_view, QStringLiteral("friends[1].name"));
    QVERIFY(kit >= 0);
    QCOMPARE(m_view.links.at(kit).depth, 2);
    QCOMPARE(linkText(m_view, m_view.links.at(kit)), QStringLiteral("\"name\": \"Kit\""));
    const int mog = linkIndex(m_view, QStringLiteral("pets.cat.name"));
    QVERIFY(mog >= 0);
    QCOMPARE(m_view.links.at(mog).depth, 2);
    QCOMPARE(linkText(m_view, m_view.links.at(mog)), QStringLiteral("\"name\": \"Mog\""));
    QCOMPARE(m_view.links.at(mog).byteLength, 5);
    QCOMPARE(m_personTree.bytes.mid(m_view.links.at(mog).byteOffset + 2, 3), QByteArray("Mog"));
}

void WireCompareTest::linksWellKnownTypesWhole()
{
    const WireSpan *born = topField(m_personTree, 6);
    QVERIFY(born);
    const int at = linkIndex(m_view, QStringLiteral("born"));
    QVERIFY(at >= 0);
    QCOMPARE(linkText(m_view, m_view.links.at(at)), QStringLiteral("\"born\": \"1970-01-01T00:00:10Z\""));
    QCOMPARE(m_view.links.at(at).byteOffset, born->offset);
    QCOMPARE(m_view.links.at(at).byteLength, born->length);
    for (const JsonByteLink &link : m_view.links)
        QVERIFY2(!link.path.startsWith(QStringLiteral("born.")), qPrintable(link.path));
}

void WireCompareTest::compactJsonSize()
{
    QByteArray compact;
    JsonStyle style;
    style.indent = false;
    QVERIFY(JsonCodec::toJson(*m_person, m_personType, m_personTree.bytes, &compact, style, nullptr));
    QVERIFY(m_view.json.size() > compact.size()); // the view is indented
    QCOMPARE(m_view.jsonBytes(), int(compact.size()));
    JsonByteView text;
    text.json = QStringLiteral("{\n  \"a b\": \"x \\\" y\",\n  \"\u00e9\": 1\n}");
    QCOMPARE(text.jsonBytes(), int(QByteArray("{\"a b\":\"x \\\" y\",\"\xc3\xa9\":1}").size()));
}

void WireCompareTest::garbageBytesGiveAnError()
{
    const QByteArray garbage = hex("ffffffff0f");
    const WireTree tree = WireAnnotator::annotate(garbage, m_personType);
    const JsonByteView view = JsonByteLinks::build(*m_person, m_personType, tree);
    QVERIFY(!view.error.isEmpty());
    QVERIFY(view.links.isEmpty());
    QCOMPARE(JsonByteLinks::linkAtByte(view, 0), -1);
    QCOMPARE(JsonByteLinks::linkAtJson(view, 0), -1);
    const JsonByteView untyped = JsonByteLinks::build(*m_person, nullptr, tree);
    QVERIFY(!untyped.error.isEmpty());
    QVERIFY(untyped.links.isEmpty());
}

QTEST_GUILESS_MAIN(WireCompareTest)
#include "WireCompareTest.moc"
