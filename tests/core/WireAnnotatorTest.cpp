#include "model/wire/WireAnnotator.h"
#include "model/wire/WireDump.h"
#include "model/wire/WireExplain.h"
#include "support/TestSupport.h"

#include <google/protobuf/descriptor.h>

#include <QRandomGenerator>
#include <QTest>

using namespace wirescope;

namespace {

using Role = WireSpan::Role;
using Kind = WireSpan::Kind;
using LintKind = WireLint::Kind;

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

QByteArray varint(quint64 value)
{
    QByteArray out;
    for (; value >= 0x80; value >>= 7)
        out += char(0x80 | (value & 0x7f));
    return out + char(value);
}

// Spans of one level must tile [begin, end) with no gap and no overlap, at every level.
bool tiles(const QList<WireSpan> &spans, qint64 begin, qint64 end, QString *why)
{
    qint64 pos = begin;
    for (const WireSpan &span : spans) {
        if (span.offset != pos) {
            *why = QStringLiteral("span at %1 where %2 was expected").arg(span.offset).arg(pos);
            return false;
        }
        if (!span.children.isEmpty() && !tiles(span.children, span.offset, span.end(), why))
            return false;
        for (const WireReading &reading : span.readings)
            if (reading.kind == WireReading::Kind::Message
                && !tiles(reading.children, span.offset, span.end(), why))
                return false;
        pos = span.end();
    }
    if (pos != end) {
        *why = QStringLiteral("spans end at %1, not %2").arg(pos).arg(end);
        return false;
    }
    return true;
}

const WireLint *findLint(const WireTree &tree, LintKind kind)
{
    for (const WireLint &lint : tree.lints)
        if (lint.kind == kind)
            return &lint;
    return nullptr;
}

const WireSpan &valueOf(const WireSpan &field)
{
    for (const WireSpan &child : field.children)
        if (child.role == Role::Value)
            return child;
    return field;
}

} // namespace

class WireAnnotatorTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void encodingGuideVarint();
    void encodingGuideString();
    void encodingGuideNested();
    void encodingGuidePacked();
    void unpackedRepeated();
    void negativeInt32TakesTenBytes();
    void zigZag_data();
    void zigZag();
    void negativeInt64();
    void fixedAndFloat();
    void enumBoolAndMap();
    void twoByteTags();
    void hardErrors_data();
    void hardErrors();
    void invalidUtf8IsAnErrorButDecodingGoesOn();
    void softLints_data();
    void softLints();
    void groups();
    void ambiguousStringOrMessage();
    void schemaLessReadings();
    void absentFields();
    void depthCap();
    void grpcFrame();
    void grpcFrameErrors_data();
    void grpcFrameErrors();
    void findSpanAt();
    void dumpText();
    void randomBytesTileAndTerminate();
    void aMegabyteIsAnnotatedWhole();
    void fieldLimitBoundsTheTree();
    void streamingPrintsWhatTheWholeDumpPrints();

private:
    WireTree annotate(
        const QByteArray &bytes, const char *type = nullptr, WireAnnotateOptions options = {}) const;

    SchemaPtr m_schema;
};

void WireAnnotatorTest::initTestCase()
{
    m_schema = test::demoSchema();
    QVERIFY(m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything")));
}

WireTree WireAnnotatorTest::annotate(
    const QByteArray &bytes, const char *type, WireAnnotateOptions options) const
{
    const auto *descriptor = type ? m_schema->findMessage(QString::fromLatin1(type)) : nullptr;
    if (type && !descriptor)
        qFatal("no type %s", type);
    WireTree tree = WireAnnotator::annotate(bytes, descriptor, options);
    QString why;
    if (!tiles(tree.spans, 0, bytes.size(), &why))
        qWarning("spans do not tile %s: %s", bytes.toHex(' ').constData(), qPrintable(why));
    return tree;
}

void WireAnnotatorTest::encodingGuideVarint()
{
    for (const char *type : {static_cast<const char *>(nullptr), "wirescope.demo.v1.TicksRequest"}) {
        const WireTree tree = annotate(hex("089601"), type);
        QCOMPARE(tree.spans.size(), 1);
        const WireSpan &field = tree.spans.first();
        QCOMPARE(field.fieldNumber, 1);
        QCOMPARE(field.wireType, 0);
        QCOMPARE(field.value, QStringLiteral("150"));
        QCOMPARE(field.children.size(), 2);
        QCOMPARE(field.children.at(0).role, Role::Tag);
        QCOMPARE(field.children.at(0).raw, quint64(8));
        QCOMPARE(field.children.at(1).offset, 1);
        QCOMPARE(field.children.at(1).length, 2);
        QVERIFY(!tree.hasHardError());
        QVERIFY(tree.lints.isEmpty());
    }
    const WireTree typed = annotate(hex("089601"), "wirescope.demo.v1.TicksRequest");
    QCOMPARE(typed.spans.first().fieldName, QStringLiteral("count"));
    QCOMPARE(typed.spans.first().typeName, QStringLiteral("int32"));
    QCOMPARE(typed.spans.first().kind, Kind::Int32);
}

void WireAnnotatorTest::encodingGuideString()
{
    const QByteArray bytes = hex("120774657374696e67");
    const WireTree typed = annotate(bytes, "wirescope.demo.v1.ChatMessage");
    const WireSpan &field = typed.spans.first();
    QCOMPARE(field.fieldName, QStringLiteral("text"));
    QCOMPARE(field.value, QStringLiteral("\"testing\""));
    QCOMPARE(field.children.at(1).role, Role::Length);
    QCOMPARE(field.children.at(1).raw, quint64(7));
    QCOMPARE(valueOf(field).kind, Kind::String);
    QCOMPARE(valueOf(field).offset, 2);
    QCOMPARE(valueOf(field).length, 7);

    const WireTree raw = annotate(bytes);
    const WireSpan &value = valueOf(raw.spans.first());
    QCOMPARE(value.kind, Kind::Delimited);
    QCOMPARE(value.readings.first().kind, WireReading::Kind::String);
    QCOMPARE(value.readings.first().value, QStringLiteral("\"testing\""));
    QCOMPARE(raw.spans.first().value, QStringLiteral("\"testing\""));
}

void WireAnnotatorTest::encodingGuideNested()
{
    const QByteArray bytes = hex("1a03089601");
    const WireTree typed = annotate(bytes, "wirescope.demo.v1.Receipt");
    const WireSpan &field = typed.spans.first();
    QCOMPARE(field.fieldName, QStringLiteral("issued_at"));
    QCOMPARE(field.typeName, QStringLiteral("google.protobuf.Timestamp"));
    const WireSpan &value = valueOf(field);
    QCOMPARE(value.children.size(), 1);
    QCOMPARE(value.children.first().fieldName, QStringLiteral("seconds"));
    QCOMPARE(value.children.first().value, QStringLiteral("150"));
    QVERIFY(value.absentFields.contains(QStringLiteral("nanos")));

    const WireTree raw = annotate(bytes);
    const WireReading &reading = valueOf(raw.spans.first()).readings.first();
    QCOMPARE(reading.kind, WireReading::Kind::Message);
    QCOMPARE(reading.value, QStringLiteral("{1: 150}"));
    QCOMPARE(reading.children.first().offset, 2);
}

void WireAnnotatorTest::encodingGuidePacked()
{
    // The guide's field 4 packed [3, 270, 86942]; in Everything, packed_numbers is field 18.
    const WireTree raw = annotate(hex("2206038e029ea705"));
    const WireSpan &value = valueOf(raw.spans.first());
    QCOMPARE(value.readings.first().kind, WireReading::Kind::PackedVarint);
    QCOMPARE(value.readings.first().value, QStringLiteral("[3, 270, 86942]"));
    QCOMPARE(value.readings.first().children.size(), 3);

    const WireTree typed = annotate(hex("920106038e029ea705"), "wirescope.demo.v1.Everything");
    const WireSpan &field = typed.spans.first();
    QCOMPARE(field.fieldName, QStringLiteral("packed_numbers"));
    QCOMPARE(field.kind, Kind::Packed);
    QCOMPARE(field.value, QStringLiteral("[3, 270, 86942]"));
    const WireSpan &packed = valueOf(field);
    QCOMPARE(packed.children.size(), 3);
    QCOMPARE(packed.children.at(1).role, Role::Element);
    QCOMPARE(packed.children.at(1).offset, 4);
    QCOMPARE(packed.children.at(1).length, 2);
    QCOMPARE(packed.children.at(2).value, QStringLiteral("86942"));
    QVERIFY(typed.lints.isEmpty());
}

void WireAnnotatorTest::unpackedRepeated()
{
    const WireTree tree = annotate(hex("900103"
                                       "90018e02"),
        "wirescope.demo.v1.Everything");
    QCOMPARE(tree.spans.size(), 2);
    QCOMPARE(tree.spans.at(0).value, QStringLiteral("3"));
    QCOMPARE(tree.spans.at(1).value, QStringLiteral("270"));
    QVERIFY(tree.lints.isEmpty()); // parsers accept the unpacked form
    QVERIFY(WireExplain::explain(tree, tree.spans.at(0)).contains(QStringLiteral("unpacked")));
}

void WireAnnotatorTest::negativeInt32TakesTenBytes()
{
    const WireTree tree = annotate(hex("18ffffffffffffffffff01"), "wirescope.demo.v1.Everything");
    const WireSpan &value = valueOf(tree.spans.first());
    QCOMPARE(value.length, 10);
    QCOMPARE(value.value, QStringLiteral("-1"));
    QVERIFY(tree.lints.isEmpty());
    QVERIFY(WireExplain::explain(tree, value).contains(QStringLiteral("always takes 10 bytes")));
}

void WireAnnotatorTest::zigZag_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("value");
    QTest::newRow("sint32 0") << hex("3800") << QStringLiteral("0");
    QTest::newRow("sint32 -1") << hex("3801") << QStringLiteral("-1");
    QTest::newRow("sint32 1") << hex("3802") << QStringLiteral("1");
    QTest::newRow("sint32 -2") << hex("3803") << QStringLiteral("-2");
    QTest::newRow("sint32 max") << hex("38feffffff0f") << QStringLiteral("2147483647");
    QTest::newRow("sint32 min") << hex("38ffffffff0f") << QStringLiteral("-2147483648");
    QTest::newRow("sint64 -2") << hex("4003") << QStringLiteral("-2");
}

void WireAnnotatorTest::zigZag()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, value);
    const WireTree tree = annotate(bytes, "wirescope.demo.v1.Everything");
    QCOMPARE(tree.spans.first().value, value);
    QVERIFY(WireExplain::explain(tree, valueOf(tree.spans.first())).contains(QStringLiteral("ZigZag")));
}

void WireAnnotatorTest::negativeInt64()
{
    const WireTree tree = annotate(hex("20feffffffffffffffff01"), "wirescope.demo.v1.Everything");
    QCOMPARE(tree.spans.first().value, QStringLiteral("-2"));
    QCOMPARE(valueOf(tree.spans.first()).length, 10);
    const WireTree raw = annotate(hex("20feffffffffffffffff01"));
    QVERIFY(raw.spans.first().value.contains(QStringLiteral("as int64: -2")));
}

void WireAnnotatorTest::fixedAndFloat()
{
    const WireTree tree = annotate(hex("150000c03f"
                                       "09000000000000f03f"
                                       "4d01000000"
                                       "5dfeffffff"),
        "wirescope.demo.v1.Everything");
    QCOMPARE(tree.spans.size(), 4);
    QCOMPARE(tree.spans.at(0).value, QStringLiteral("1.5"));
    QCOMPARE(tree.spans.at(1).value, QStringLiteral("1"));
    QCOMPARE(tree.spans.at(2).value, QStringLiteral("1")); // fixed32
    QCOMPARE(tree.spans.at(3).value, QStringLiteral("-2")); // sfixed32
    const QString why = WireExplain::explain(tree, valueOf(tree.spans.at(0)));
    QVERIFY2(why.contains(QStringLiteral("little-endian")) && why.contains(QStringLiteral("0x3fc00000")),
        qPrintable(why));
    const WireTree raw = annotate(hex("150000c03f"));
    QVERIFY(raw.spans.first().value.contains(QStringLiteral("as float: 1.5")));
}

void WireAnnotatorTest::enumBoolAndMap()
{
    const WireTree tree = annotate(hex("6801"
                                       "800101"
                                       "b201050a01611005"),
        "wirescope.demo.v1.Everything");
    QCOMPARE(tree.spans.at(0).value, QStringLiteral("true"));
    QCOMPARE(tree.spans.at(1).value, QStringLiteral("MOOD_HAPPY (1)"));
    QCOMPARE(tree.spans.at(2).kind, Kind::MapEntry);
    QCOMPARE(tree.spans.at(2).typeName, QStringLiteral("map<string, int64>"));
    QCOMPARE(tree.spans.at(2).value, QStringLiteral("\"a\" -> 5"));
    QVERIFY(WireExplain::explain(tree, valueOf(tree.spans.at(2)))
                .contains(QStringLiteral("repeated message of entries")));
    QVERIFY(tree.lints.isEmpty());
}

void WireAnnotatorTest::twoByteTags()
{
    const WireTree tree = annotate(hex("800101"), "wirescope.demo.v1.Everything");
    const WireSpan &tag = tree.spans.first().children.first();
    QCOMPARE(tag.length, 2);
    QCOMPARE(tag.fieldNumber, 16);
    const QString why = WireExplain::explain(tree, tag);
    QVERIFY2(why.contains(QStringLiteral("(16 << 3) | 0")), qPrintable(why));
    QVERIFY(why.contains(QStringLiteral("from 16 up take two or more tag bytes")));
}

void WireAnnotatorTest::hardErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<int>("decodedFields");
    QTest::newRow("wire type 6") << hex("08010e01") << int(LintKind::InvalidWireType) << qint64(2) << 1;
    QTest::newRow("wire type 7") << hex("0f") << int(LintKind::InvalidWireType) << qint64(0) << 0;
    QTest::newRow("field number 0") << hex("0001") << int(LintKind::FieldNumberZero) << qint64(0) << 0;
    QTest::newRow("field number 2^29")
        << hex("808080801001") << int(LintKind::FieldNumberTooLarge) << qint64(0) << 0;
    QTest::newRow("10th byte above 1")
        << hex("08ffffffffffffffffff02") << int(LintKind::VarintTooLong) << qint64(1) << 0;
    QTest::newRow("11 byte varint") << hex("08ffffffffffffffffff8101") << int(LintKind::VarintTooLong)
                                    << qint64(1) << 0;
    QTest::newRow("truncated varint") << hex("0896") << int(LintKind::Truncated) << qint64(1) << 0;
    QTest::newRow("truncated tag") << hex("0801ff") << int(LintKind::Truncated) << qint64(2) << 1;
    QTest::newRow("truncated length") << hex("12056162") << int(LintKind::Truncated) << qint64(1) << 0;
    QTest::newRow("truncated fixed32") << hex("0d0102") << int(LintKind::Truncated) << qint64(1) << 0;
    QTest::newRow("truncated fixed64") << hex("0901020304") << int(LintKind::Truncated) << qint64(1) << 0;
    QTest::newRow("end group alone") << hex("0c") << int(LintKind::GroupMismatch) << qint64(0) << 0;
    QTest::newRow("end group of another")
        << hex("0b080114") << int(LintKind::GroupMismatch) << qint64(3) << 1;
    QTest::newRow("group never ends") << hex("0b0801") << int(LintKind::GroupMismatch) << qint64(3) << 1;
}

void WireAnnotatorTest::hardErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, kind);
    QFETCH(qint64, offset);
    QFETCH(int, decodedFields);
    for (const char *type : {static_cast<const char *>(nullptr), "wirescope.demo.v1.ChatMessage"}) {
        const WireTree tree = annotate(bytes, type);
        QVERIFY(tree.hasHardError());
        QCOMPARE(tree.errorOffset, offset);
        const WireLint *lint = findLint(tree, LintKind(kind));
        QVERIFY2(lint, qPrintable(WireDump::dumpText(tree)));
        QCOMPARE(lint->severity, WireLint::Severity::Error);
        QCOMPARE(lint->offset, offset);
        QCOMPARE(tree.error, lint->message);
        int fields = 0;
        for (const WireSpan &span : tree.spans)
            fields += span.role == Role::Field ? 1 : 0;
        QCOMPARE(fields, decodedFields);
        QString why;
        QVERIFY2(tiles(tree.spans, 0, bytes.size(), &why), qPrintable(why));
        QVERIFY(WireDump::dumpText(tree).contains(QStringLiteral("decoding stopped at byte %1").arg(offset)));
    }
}

void WireAnnotatorTest::invalidUtf8IsAnErrorButDecodingGoesOn()
{
    const WireTree tree = annotate(hex("1202c328"
                                       "1801"),
        "wirescope.demo.v1.ChatMessage");
    QVERIFY(!tree.hasHardError());
    QVERIFY(tree.hasErrors());
    const WireLint *lint = findLint(tree, LintKind::InvalidUtf8);
    QVERIFY(lint);
    QCOMPARE(lint->offset, 2);
    QCOMPARE(tree.spans.size(), 2);
    QCOMPARE(tree.spans.at(1).value, QStringLiteral("MOOD_HAPPY (1)"));
}

void WireAnnotatorTest::softLints_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("severity");
    QTest::newRow("unknown field") << hex("a00601") << int(LintKind::UnknownField)
                                   << int(WireLint::Severity::Warning);
    QTest::newRow("wire type mismatch")
        << hex("1a0100") << int(LintKind::WireTypeMismatch) << int(WireLint::Severity::Warning);
    QTest::newRow("overlong varint") << hex("188100") << int(LintKind::OverlongVarint)
                                     << int(WireLint::Severity::Warning);
    QTest::newRow("int32 beyond 32 bits")
        << hex("18ffffffff0f") << int(LintKind::ValueOutOfRange) << int(WireLint::Severity::Warning);
    QTest::newRow("bool 2") << hex("6802") << int(LintKind::ValueOutOfRange)
                            << int(WireLint::Severity::Warning);
    QTest::newRow("unknown enum value")
        << hex("800109") << int(LintKind::UnknownEnumValue) << int(WireLint::Severity::Note);
    QTest::newRow("scalar twice") << hex("18011802") << int(LintKind::RepeatedScalar)
                                  << int(WireLint::Severity::Note);
    QTest::newRow("message twice") << hex("8a01008a0100") << int(LintKind::MergedMessage)
                                   << int(WireLint::Severity::Note);
    QTest::newRow("oneof override") << hex("c2010161ca010162") << int(LintKind::OneofOverride)
                                    << int(WireLint::Severity::Note);
    QTest::newRow("default written") << hex("1800") << int(LintKind::DefaultEncoded)
                                     << int(WireLint::Severity::Note);
    QTest::newRow("empty string written")
        << hex("7200") << int(LintKind::DefaultEncoded) << int(WireLint::Severity::Note);
}

void WireAnnotatorTest::softLints()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, kind);
    QFETCH(int, severity);
    const WireTree tree = annotate(bytes, "wirescope.demo.v1.Everything");
    QVERIFY(!tree.hasHardError());
    QVERIFY(!tree.hasErrors());
    const WireLint *lint = findLint(tree, LintKind(kind));
    QVERIFY2(lint, qPrintable(WireDump::dumpText(tree)));
    QCOMPARE(int(lint->severity), severity);
    QVERIFY(!lint->message.isEmpty());
}

void WireAnnotatorTest::groups()
{
    const WireTree tree = annotate(hex("0b0801"
                                       "1002"
                                       "0c"
                                       "1803"));
    QVERIFY2(!tree.hasHardError(), qPrintable(tree.error));
    QCOMPARE(tree.spans.size(), 2);
    const WireSpan &group = tree.spans.first();
    QCOMPARE(group.kind, Kind::Group);
    QCOMPARE(group.length, 6);
    QCOMPARE(group.children.size(), 3);
    QCOMPARE(group.children.at(1).children.size(), 2);
    QCOMPARE(group.children.at(2).role, Role::EndGroup);
    QCOMPARE(group.children.at(2).offset, 5);
    QVERIFY(WireExplain::explain(tree, group).contains(QStringLiteral("group")));
}

void WireAnnotatorTest::ambiguousStringOrMessage()
{
    // "hi" is printable text, and also field 13 (0x68 = 13 << 3 | 0) holding the varint 105.
    const WireTree tree = annotate(hex("0a026869"));
    const WireSpan &value = valueOf(tree.spans.first());
    QCOMPARE(value.readings.size(), 4);
    QCOMPARE(value.readings.at(0).kind, WireReading::Kind::String);
    QCOMPARE(value.readings.at(0).value, QStringLiteral("\"hi\""));
    QCOMPARE(value.readings.at(1).kind, WireReading::Kind::Message);
    QCOMPARE(value.readings.at(1).value, QStringLiteral("{13: 105}"));
    QCOMPARE(value.readings.at(2).kind, WireReading::Kind::PackedVarint);
    QCOMPARE(value.readings.at(2).value, QStringLiteral("[104, 105]"));
    QCOMPARE(value.readings.at(3).kind, WireReading::Kind::Bytes);
    for (const WireReading &reading : value.readings)
        QVERIFY(!reading.evidence.isEmpty());
    QVERIFY(tree.lints.isEmpty()); // ambiguity is not a problem, only shown

    // Control characters make a message the likelier reading.
    const WireTree nested = annotate(hex("0a020801"));
    const WireSpan &inner = valueOf(nested.spans.first());
    QCOMPARE(inner.readings.first().kind, WireReading::Kind::Message);
    QVERIFY(std::any_of(inner.readings.cbegin(), inner.readings.cend(),
        [](const WireReading &r) { return r.kind == WireReading::Kind::String; }));
    // With a schema there is one exact reading.
    const WireTree typed = annotate(hex("0a026869"), "wirescope.demo.v1.ChatMessage");
    QVERIFY(valueOf(typed.spans.first()).readings.isEmpty());
    QCOMPARE(typed.spans.first().value, QStringLiteral("\"hi\""));
}

void WireAnnotatorTest::schemaLessReadings()
{
    const WireTree fixed = annotate(hex("0a080000c03f0000803f"));
    const QList<WireReading> &readings = valueOf(fixed.spans.first()).readings;
    QVERIFY(std::any_of(readings.cbegin(), readings.cend(), [](const WireReading &r) {
        return r.kind == WireReading::Kind::PackedFixed32 && r.value.contains(QStringLiteral("1.5"));
    }));
    const WireReading &bytes = readings.constLast();
    QCOMPARE(bytes.kind, WireReading::Kind::Bytes);
    QVERIFY2(bytes.evidence.contains(QStringLiteral("not a message")), qPrintable(bytes.evidence));
    const WireTree empty = annotate(hex("0a00"));
    QCOMPARE(valueOf(empty.spans.first()).readings.size(), 1);
    QCOMPARE(valueOf(empty.spans.first()).readings.first().kind, WireReading::Kind::Empty);
}

void WireAnnotatorTest::absentFields()
{
    const WireTree tree = annotate(hex("089601"), "wirescope.demo.v1.TicksRequest");
    QCOMPARE(
        tree.absentFields, (QStringList {QStringLiteral("payload_size"), QStringLiteral("interval_ms")}));
    const WireTree everything = annotate({}, "wirescope.demo.v1.Everything");
    QVERIFY(everything.absentFields.contains(QStringLiteral("maybe_count (not set)")));
    QVERIFY(everything.absentFields.contains(QStringLiteral("tags (empty)")));
    QVERIFY(WireDump::dumpText(tree).contains(QStringLiteral("holds its default")));
}

void WireAnnotatorTest::depthCap()
{
    // Node.children (field 2) nests 80 levels: past the cap of 64 is a hard error with a schema.
    QByteArray nested;
    for (int i = 0; i < 80; ++i)
        nested = QByteArray("\x12", 1) + varint(quint64(nested.size())) + nested;
    const WireTree typed = annotate(nested, "wirescope.demo.v1.Everything.Node");
    QVERIFY(typed.hasHardError());
    QVERIFY(findLint(typed, LintKind::DepthLimit));
    // Without a schema the reading is just not tried deeper.
    const WireTree raw = annotate(nested);
    QVERIFY(!raw.hasHardError());
    // Groups must be walked to find their end, so deep groups stop decoding.
    const WireTree groups = annotate(QByteArray(100000, '\x0b'));
    QVERIFY(groups.hasHardError());
    QVERIFY(findLint(groups, LintKind::DepthLimit));
    WireAnnotateOptions shallow;
    shallow.maxDepth = 2;
    const WireTree capped = annotate(hex("1a03089601"), "wirescope.demo.v1.Receipt", shallow);
    QVERIFY(!capped.hasHardError());
    const WireTree tooDeep = annotate(hex("1204120212 00"), "wirescope.demo.v1.Everything.Node", shallow);
    QVERIFY(findLint(tooDeep, LintKind::DepthLimit));
}

void WireAnnotatorTest::grpcFrame()
{
    WireAnnotateOptions framed;
    framed.grpcFrame = true;
    const QByteArray bytes = hex("0000000003089601"
                                 "000000000208 05");
    const WireTree tree = annotate(bytes, "wirescope.demo.v1.TicksRequest", framed);
    QVERIFY2(!tree.hasHardError(), qPrintable(tree.error));
    QCOMPARE(tree.spans.size(), 2);
    const WireSpan &frame = tree.spans.first();
    QCOMPARE(frame.role, Role::GrpcFrame);
    QCOMPARE(frame.length, 8);
    QCOMPARE(frame.children.at(0).role, Role::GrpcFlag);
    QCOMPARE(frame.children.at(1).role, Role::GrpcLength);
    QCOMPARE(frame.children.at(1).raw, quint64(3));
    QCOMPARE(frame.children.at(2).children.first().fieldName, QStringLiteral("count"));
    QCOMPARE(frame.children.at(2).children.first().value, QStringLiteral("150"));
    QVERIFY(WireExplain::explain(tree, frame.children.at(1)).contains(QStringLiteral("big-endian")));
    QCOMPARE(tree.spans.at(1).children.at(2).children.first().value, QStringLiteral("5"));
}

void WireAnnotatorTest::grpcFrameErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("hard");
    QTest::newRow("short header") << hex("0000") << int(LintKind::GrpcFrame) << true;
    QTest::newRow("bad flag") << hex("0200000000") << int(LintKind::GrpcFrame) << true;
    QTest::newRow("short payload") << hex("000000000508") << int(LintKind::Truncated) << true;
    QTest::newRow("compressed") << hex("0100000002abcd") << int(LintKind::GrpcFrame) << false;
    QTest::newRow("bad message") << hex("00000000020e01") << int(LintKind::InvalidWireType) << true;
    QTest::newRow("bad message, then more") << hex("00000000020e01"
                                                   "0000000000")
                                            << int(LintKind::InvalidWireType) << true;
}

void WireAnnotatorTest::grpcFrameErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, kind);
    QFETCH(bool, hard);
    WireAnnotateOptions framed;
    framed.grpcFrame = true;
    const WireTree tree = annotate(bytes, nullptr, framed);
    QCOMPARE(tree.hasHardError(), hard);
    QVERIFY2(findLint(tree, LintKind(kind)), qPrintable(WireDump::dumpText(tree)));
    QString why;
    QVERIFY2(tiles(tree.spans, 0, bytes.size(), &why), qPrintable(why));
}

void WireAnnotatorTest::findSpanAt()
{
    const WireTree tree = annotate(hex("1a03089601"
                                       "0801"),
        "wirescope.demo.v1.Receipt");
    const WireSpan *tag = WireAnnotator::findSpanAt(tree, 0);
    QVERIFY(tag);
    QCOMPARE(tag->role, Role::Tag);
    QCOMPARE(WireAnnotator::findSpanAt(tree, 1)->role, Role::Length);
    const QList<const WireSpan *> chain = WireAnnotator::spanChainAt(tree, 4);
    QCOMPARE(chain.size(), 4);
    QCOMPARE(chain.at(0)->fieldName, QStringLiteral("issued_at"));
    QCOMPARE(chain.at(2)->fieldName, QStringLiteral("seconds"));
    QCOMPARE(chain.at(3)->role, Role::Value);
    QCOMPARE(chain.at(3)->offset, 3);
    QCOMPARE(WireAnnotator::findSpanAt(tree, 6)->fieldNumber, 1);
    QVERIFY(!WireAnnotator::findSpanAt(tree, 7));
    QVERIFY(!WireAnnotator::findSpanAt(tree, -1));
    // Without a schema, clicks follow the likeliest reading.
    const WireTree raw = annotate(hex("1a03089601"));
    const WireSpan *inner = WireAnnotator::findSpanAt(raw, 3);
    QVERIFY(inner);
    QCOMPARE(inner->role, Role::Value);
    QCOMPARE(inner->offset, 3);
    // An empty group's zero-length value does not hide its end tag.
    const WireTree group = annotate(hex("0b0c"));
    QCOMPARE(WireAnnotator::findSpanAt(group, 1)->role, Role::EndGroup);
}

void WireAnnotatorTest::dumpText()
{
    const WireTree tree = annotate(hex("089601"), "wirescope.demo.v1.TicksRequest");
    const QString text = WireDump::dumpText(tree);
    QVERIFY2(
        text.startsWith(QStringLiteral("3 bytes as wirescope.demo.v1.TicksRequest\n")), qPrintable(text));
    QVERIFY(text.contains(
        QStringLiteral("0-2           08 96 01                    #1 count (int32) VARINT: 150")));
    QVERIFY(text.contains(QStringLiteral("tag 8 = (field_number << 3) | wire_type = (1 << 3) | 0")));
    QVERIFY(text.contains(
        QStringLiteral("96 = 1|0010110 (more follows), 01 = 0|0000001 (last); 22 + (1 << 7) = 150")));
    QVERIFY(text.contains(QStringLiteral("lints: none")));
    QVERIFY(text.endsWith(QStringLiteral("decoded all 3 bytes\n")));
    WireDumpOptions brief;
    brief.explain = false;
    QVERIFY(!WireDump::dumpText(tree, brief).contains(QStringLiteral("field_number << 3")));
    const QString ambiguous = WireDump::dumpText(annotate(hex("0a026869")));
    QVERIFY2(ambiguous.contains(QStringLiteral("reading 2 of 4, message: {13: 105}")), qPrintable(ambiguous));
    QVERIFY(ambiguous.contains(QStringLiteral("evidence: valid UTF-8 and all printable")));
}

void WireAnnotatorTest::randomBytesTileAndTerminate()
{
    QRandomGenerator random(1234);
    const auto *everything = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    for (int round = 0; round < 3000; ++round) {
        QByteArray bytes(int(random.bounded(64)), Qt::Uninitialized);
        for (char &byte : bytes)
            byte = char(random.bounded(256));
        for (const bool framed : {false, true}) {
            WireAnnotateOptions options;
            options.grpcFrame = framed;
            for (const auto *type :
                {static_cast<const google::protobuf::Descriptor *>(nullptr), everything}) {
                const WireTree tree = WireAnnotator::annotate(bytes, type, options);
                QString why;
                QVERIFY2(tiles(tree.spans, 0, bytes.size(), &why),
                    qPrintable(QString::fromLatin1(bytes.toHex(' ')) + u' ' + why));
                if (tree.hasHardError())
                    QVERIFY(tree.hasErrors());
                for (qint64 at = 0; at < bytes.size(); ++at)
                    QVERIFY(WireAnnotator::findSpanAt(tree, at));
                QVERIFY(!WireDump::dumpText(tree).isEmpty());
            }
        }
    }
}

// A megabyte of small fields and long strings is annotated to its last byte, with the schema
// and without. How fast is the benchmark's to say (wirescope_annotator_bench reports MB/s and
// how time grows with the input); a timed test here was flaky on a loaded machine.
void WireAnnotatorTest::aMegabyteIsAnnotatedWhole()
{
    QByteArray bytes;
    const QByteArray unit = hex("1896011a0100"
                                "7205"
                                "68656c6c6f"
                                "920103038e02");
    while (bytes.size() < (1 << 20))
        bytes += unit;
    const qsizetype units = bytes.size() / unit.size();
    const auto *everything = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    for (const auto *type : {everything, static_cast<decltype(everything)>(nullptr)}) {
        const WireTree tree = WireAnnotator::annotate(bytes, type);
        QVERIFY(!tree.hasHardError());
        // Four fields a unit, in order, and the last one ends where the bytes do.
        QCOMPARE(tree.spans.size(), units * 4);
        QCOMPARE(tree.spans.last().offset + tree.spans.last().length, bytes.size());
    }
}

// The limit counts fields at every level and in schema-less readings; what is past it is one
// span per open message, so the spans still tile every byte and the tree stays small.
void WireAnnotatorTest::fieldLimitBoundsTheTree()
{
    QByteArray flat;
    while (flat.size() < 100000)
        flat += hex("0801");
    WireAnnotateOptions options;
    options.maxFields = 1000;
    const WireTree tree = annotate(flat, "wirescope.demo.v1.TicksRequest", options);
    QCOMPARE(tree.spans.size(), 1001);
    QCOMPARE(tree.limitOffset, 2000);
    QCOMPARE(tree.fieldLimit, 1000);
    QCOMPARE(tree.spans.constLast().role, Role::PastLimit);
    QVERIFY(!tree.hasErrors());
    QVERIFY(tree.absentFields.isEmpty()); // unknown past the limit
    const QString dump = WireDump::dumpText(tree);
    QVERIFY2(dump.contains(QStringLiteral("annotation stopped at byte 2000: the limit of 1000 fields")),
        qPrintable(dump.right(600)));

    // Nested without a schema: the message reading stops at the limit and is ruled out,
    // and the value is read another way instead of costing a span per inner field.
    QByteArray inner;
    while (inner.size() < 20000)
        inner += hex("0801");
    const QByteArray nested = hex("0a") + varint(quint64(inner.size())) + inner + hex("1001");
    const WireTree schemaless = annotate(nested, nullptr, options);
    QVERIFY(!schemaless.hasHardError());
    QCOMPARE(schemaless.spans.size(), 2);
    const WireSpan &value = schemaless.spans.constFirst().children.constLast();
    for (const WireReading &reading : value.readings)
        QVERIFY2(reading.kind != WireReading::Kind::Message, qPrintable(reading.evidence));

    // Nested with a schema: the limit is reached inside an item, and each open level ends
    // there with its own span for the rest.
    QByteArray quantities;
    for (int i = 0; i < 2000; ++i)
        quantities += hex("1801"); // Item.quantity = 1, again and again
    const QByteArray order = hex("12") + varint(quint64(quantities.size())) + quantities + hex("0a0161");
    const WireTree orders = annotate(order, "wirescope.demo.v1.Order", options);
    QVERIFY(!orders.hasErrors());
    QCOMPARE(orders.spans.size(), 2); // the items field, then the customer past the limit
    const qint64 valueAt = 3; // tag 0x12 and a two-byte length
    QCOMPARE(orders.limitOffset, valueAt + 999 * 2);
    const WireSpan &item = orders.spans.constFirst().children.constLast();
    QCOMPARE(item.children.size(), 1000);
    QCOMPARE(item.children.constLast().role, Role::PastLimit);
    QCOMPARE(item.children.constLast().end(), item.end());
    QCOMPARE(orders.spans.constLast().role, Role::PastLimit);
    QCOMPARE(orders.spans.constLast().end(), order.size());
}

// `inspect` streams: the same text as the whole dump, written a chunk at a time.
void WireAnnotatorTest::streamingPrintsWhatTheWholeDumpPrints()
{
    const QList<QByteArray> inputs {hex("089601"), hex("0a026869"), hex("0801 0e01"), hex("1896011a01007205"),
        hex("0000000003089601 0000000002"), QByteArray()};
    for (const QByteArray &bytes : inputs) {
        for (const bool framed : {false, true}) {
            for (const char *type : {static_cast<const char *>(nullptr), "wirescope.demo.v1.Everything"}) {
                WireAnnotateOptions options;
                options.grpcFrame = framed;
                const auto *descriptor = type ? m_schema->findMessage(QString::fromLatin1(type)) : nullptr;
                const QString whole = WireDump::dumpText(WireAnnotator::annotate(bytes, descriptor, options));
                QByteArray streamed;
                int chunks = 0;
                const WireTree rest
                    = WireDump::streamText(bytes, descriptor, options, [&](const QByteArray &utf8) {
                          streamed += utf8;
                          ++chunks;
                      });
                QCOMPARE(QString::fromUtf8(streamed), whole);
                QVERIFY(rest.spans.isEmpty());
                QVERIFY(chunks >= 1);
            }
        }
    }
    // A long input arrives in many chunks, not as one string at the end.
    QByteArray many;
    while (many.size() < 20000)
        many += hex("089601");
    int chunks = 0;
    qsizetype biggest = 0;
    WireDump::streamText(many, nullptr, {}, [&](const QByteArray &utf8) {
        ++chunks;
        biggest = qMax(biggest, utf8.size());
    });
    QVERIFY2(chunks > 20, qPrintable(QString::number(chunks)));
    QVERIFY2(biggest < 256 * 1024, qPrintable(QString::number(biggest)));
}

QTEST_GUILESS_MAIN(WireAnnotatorTest)
#include "WireAnnotatorTest.moc"
