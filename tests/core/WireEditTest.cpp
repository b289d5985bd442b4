#include "model/lab/WireEdit.h"
#include "model/wire/WireAnnotator.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/text_format.h>

#include <QTest>

using namespace wirescope;

namespace gp = google::protobuf;

namespace {

using Role = WireSpan::Role;
using Kind = WireSpan::Kind;

// One file with a field of every kind the tests edit, written as the FileDescriptorProto
// protoc would make from it, so the test needs no .proto compiler.
constexpr const char *kLabProto = R"(
name: "lab.proto" package: "lab" syntax: "proto3"
enum_type { name: "Color"
  value { name: "COLOR_UNSPECIFIED" number: 0 } value { name: "RED" number: 1 } value { name: "GREEN" number: 2 } }
message_type { name: "Inner" field { name: "n" number: 1 label: LABEL_OPTIONAL type: TYPE_INT32 } }
message_type { name: "Sample"
  field { name: "i32" number: 1 label: LABEL_OPTIONAL type: TYPE_INT32 }
  field { name: "s32" number: 2 label: LABEL_OPTIONAL type: TYPE_SINT32 }
  field { name: "sf32" number: 3 label: LABEL_OPTIONAL type: TYPE_SFIXED32 }
  field { name: "d" number: 4 label: LABEL_OPTIONAL type: TYPE_DOUBLE }
  field { name: "b" number: 5 label: LABEL_OPTIONAL type: TYPE_BOOL }
  field { name: "color" number: 6 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".lab.Color" }
  field { name: "name" number: 7 label: LABEL_OPTIONAL type: TYPE_STRING }
  field { name: "data" number: 8 label: LABEL_OPTIONAL type: TYPE_BYTES }
  field { name: "nums" number: 9 label: LABEL_REPEATED type: TYPE_INT32 }
  field { name: "inner" number: 10 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".lab.Inner" }
  field { name: "colors" number: 11 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".lab.Sample.ColorsEntry" }
  field { name: "child" number: 12 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".lab.Sample" }
  field { name: "u32" number: 13 label: LABEL_OPTIONAL type: TYPE_UINT32 }
  field { name: "f" number: 14 label: LABEL_OPTIONAL type: TYPE_FLOAT }
  field { name: "shades" number: 15 label: LABEL_REPEATED type: TYPE_ENUM type_name: ".lab.Color" }
  nested_type { name: "ColorsEntry"
    field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
    field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".lab.Color" }
    options { map_entry: true } } }
)";

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

QByteArray spaced(const QByteArray &bytes)
{
    return bytes.toHex(' ');
}

// "1:1 3:10": each changed range as offset:length, for exact comparison with a readable diff.
QString ranges(const WireEditResult &result)
{
    QStringList parts;
    for (const auto &range : result.changed)
        parts.append(QStringLiteral("%1:%2").arg(range.first).arg(range.second));
    return parts.join(u' ');
}

} // namespace

class WireEditTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void int32BecomesTenBytesInsideANestedMessage();
    void stringLengthPrefixGrowsAndShrinks();
    void sint32();
    void sfixed32();
    void doubleAndFloat();
    void floatLimitsRoundTrip();
    void underflowReadsAsZero();
    void boolRefusesTwo();
    void enumByNameAndNumber();
    void enumInMapsAndPackedArrays();
    void packedElement();
    void schemaLessValues();
    void bytesAsHex();
    void grpcFrameLengthIsRewritten();
    void lengthsCross127AtTwoLevels();
    void overlongVarintBecomesMinimal();
    void integersOutOfRangeOrNotNumbers();
    void spansThatAreNotValues();

private:
    WireEditResult edit(const QByteArray &bytes, qint64 offset, const QString &text, bool withType = true,
        WireAnnotateOptions options = {}) const;
    QString startText(const QByteArray &bytes, qint64 offset, bool withType = true) const;
    // The edited bytes decode without an error, and the value at `offset` reads as `text`.
    void verifyDecodes(
        const QByteArray &bytes, qint64 offset, const QString &text, WireAnnotateOptions options = {}) const;

    gp::DescriptorPool m_pool;
    const gp::Descriptor *m_sample = nullptr;
};

void WireEditTest::initTestCase()
{
    gp::FileDescriptorProto file;
    QVERIFY(gp::TextFormat::ParseFromString(kLabProto, &file));
    QVERIFY(m_pool.BuildFile(file));
    m_sample = m_pool.FindMessageTypeByName("lab.Sample");
    QVERIFY(m_sample);
}

WireEditResult WireEditTest::edit(const QByteArray &bytes, qint64 offset, const QString &text, bool withType,
    WireAnnotateOptions options) const
{
    const gp::Descriptor *type = withType ? m_sample : nullptr;
    const WireTree tree = WireAnnotator::annotate(bytes, type, options);
    return WireEdit::setValue(tree, WireAnnotator::spanChainAt(tree, offset), text, type);
}

QString WireEditTest::startText(const QByteArray &bytes, qint64 offset, bool withType) const
{
    const WireTree tree = WireAnnotator::annotate(bytes, withType ? m_sample : nullptr);
    const WireSpan *span = WireAnnotator::findSpanAt(tree, offset);
    return span ? WireEdit::editText(tree, *span) : QStringLiteral("(no span)");
}

void WireEditTest::verifyDecodes(
    const QByteArray &bytes, qint64 offset, const QString &text, WireAnnotateOptions options) const
{
    const WireTree tree = WireAnnotator::annotate(bytes, m_sample, options);
    QVERIFY2(!tree.hasHardError() && !tree.hasErrors(), spaced(bytes).constData());
    const WireSpan *span = WireAnnotator::findSpanAt(tree, offset);
    QVERIFY(span);
    QVERIFY(WireEdit::isEditable(*span));
    QCOMPARE(WireEdit::editText(tree, *span), text);
}

void WireEditTest::int32BecomesTenBytesInsideANestedMessage()
{
    // inner { n: 1 }: the value byte is at 3, the inner message's length at 1.
    const QByteArray bytes = hex("52020801");
    QCOMPARE(startText(bytes, 3), QStringLiteral("1"));
    const WireEditResult result = edit(bytes, 3, QStringLiteral("-1"));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(spaced(result.bytes), QByteArray("52 0b 08 ff ff ff ff ff ff ff ff ff 01"));
    QCOMPARE(ranges(result), QStringLiteral("1:1 3:10"));
    verifyDecodes(result.bytes, 3, QStringLiteral("-1"));
    verifyDecodes(result.bytes, 12, QStringLiteral("-1"));

    // And back: the parent shrinks again to what protobuf writes for n: 1.
    const WireEditResult back = edit(result.bytes, 3, QStringLiteral("1"));
    QCOMPARE(spaced(back.bytes), QByteArray("52 02 08 01"));
    QCOMPARE(ranges(back), QStringLiteral("1:1 3:1"));
}

void WireEditTest::stringLengthPrefixGrowsAndShrinks()
{
    const QByteArray bytes = hex("3a0161");
    QCOMPARE(startText(bytes, 2), QStringLiteral("a"));
    const QString longer(128, u'b');
    const WireEditResult result = edit(bytes, 2, longer);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.bytes, hex("3a8001") + QByteArray(128, 'b'));
    QCOMPARE(ranges(result), QStringLiteral("1:2 3:128"));
    verifyDecodes(result.bytes, 3, longer);

    const WireEditResult shorter = edit(result.bytes, 3, QStringLiteral("\u00e9t\u00e9"));
    QCOMPARE(spaced(shorter.bytes), QByteArray("3a 05 c3 a9 74 c3 a9"));
    QCOMPARE(ranges(shorter), QStringLiteral("1:1 2:5"));

    // An empty string leaves only the length to change.
    const WireEditResult empty = edit(bytes, 2, QString());
    QCOMPARE(spaced(empty.bytes), QByteArray("3a 00"));
    QCOMPARE(ranges(empty), QStringLiteral("1:1"));
}

void WireEditTest::sint32()
{
    const QByteArray bytes = hex("1002");
    QCOMPARE(startText(bytes, 1), QStringLiteral("1"));
    QCOMPARE(spaced(edit(bytes, 1, QStringLiteral("-1")).bytes), QByteArray("10 01"));
    QCOMPARE(spaced(edit(bytes, 1, QStringLiteral("-2147483648")).bytes), QByteArray("10 ff ff ff ff 0f"));
    QCOMPARE(spaced(edit(bytes, 1, QStringLiteral("2147483647")).bytes), QByteArray("10 fe ff ff ff 0f"));
    QCOMPARE(edit(bytes, 1, QStringLiteral("2147483648")).error,
        QStringLiteral("2147483648 does not fit an sint32"));
}

void WireEditTest::sfixed32()
{
    const QByteArray bytes = hex("1d01000000");
    QCOMPARE(startText(bytes, 1), QStringLiteral("1"));
    const WireEditResult result = edit(bytes, 3, QStringLiteral("-2"));
    QCOMPARE(spaced(result.bytes), QByteArray("1d fe ff ff ff"));
    QCOMPARE(ranges(result), QStringLiteral("1:4"));
    QCOMPARE(spaced(edit(bytes, 1, QStringLiteral("0x7fffffff")).bytes), QByteArray("1d ff ff ff 7f"));
    QCOMPARE(edit(bytes, 1, QStringLiteral("0x80000000")).error,
        QStringLiteral("0x80000000 does not fit an sfixed32"));
}

void WireEditTest::doubleAndFloat()
{
    const QByteArray number = hex("21000000000000f03f");
    QCOMPARE(startText(number, 5), QStringLiteral("1"));
    QCOMPARE(spaced(edit(number, 1, QStringLiteral("-2.5")).bytes), QByteArray("21 00 00 00 00 00 00 04 c0"));
    QCOMPARE(spaced(edit(number, 1, QStringLiteral("inf")).bytes), QByteArray("21 00 00 00 00 00 00 f0 7f"));
    QCOMPARE(
        spaced(edit(number, 1, QStringLiteral(" 1e-3 ")).bytes), QByteArray("21 fc a9 f1 d2 4d 62 50 3f"));
    QCOMPARE(edit(number, 1, QStringLiteral("1e400")).error, QStringLiteral("1e400 does not fit a double"));
    QCOMPARE(edit(number, 1, QStringLiteral("1,5")).error,
        QStringLiteral("\"1,5\" is not a number: write it like 3.5, -1e-3, inf or nan"));

    const QByteArray single = hex("750000c03f");
    QCOMPARE(startText(single, 1), QStringLiteral("1.5"));
    const WireEditResult tenth = edit(single, 1, QStringLiteral("0.1"));
    QCOMPARE(spaced(tenth.bytes), QByteArray("75 cd cc cc 3d"));
    verifyDecodes(tenth.bytes, 1, QStringLiteral("0.1")); // the shortest text, not 0.100000001
    QCOMPARE(edit(single, 1, QStringLiteral("1e39")).error, QStringLiteral("1e39 does not fit a float"));
}

void WireEditTest::floatLimitsRoundTrip()
{
    // FLT_MAX's text is a hair above FLT_MAX as a double, yet it names FLT_MAX.
    const QByteArray largest = hex("75ffff7f7f");
    QCOMPARE(startText(largest, 1), QStringLiteral("3.4028235e+38"));
    const WireEditResult same = edit(largest, 1, startText(largest, 1));
    QVERIFY2(same.ok(), qPrintable(same.error));
    QCOMPARE(spaced(same.bytes), QByteArray("75 ff ff 7f 7f"));
    QCOMPARE(spaced(edit(largest, 1, QStringLiteral("3.40282347e+38")).bytes), QByteArray("75 ff ff 7f 7f"));
    QCOMPARE(spaced(edit(largest, 1, QStringLiteral("-3.40282347e+38")).bytes), QByteArray("75 ff ff 7f ff"));
    // Half a last place above FLT_MAX (2^128 - 2^103 = 3.40282356779…e38) is where a float
    // becomes infinite: just below it still reads as FLT_MAX, just above it does not fit.
    QCOMPARE(
        spaced(edit(largest, 1, QStringLiteral("3.4028235677e+38")).bytes), QByteArray("75 ff ff 7f 7f"));
    QCOMPARE(edit(largest, 1, QStringLiteral("3.4028235678e+38")).error,
        QStringLiteral("3.4028235678e+38 does not fit a float"));
    // Infinity itself is a float value.
    QCOMPARE(spaced(edit(largest, 1, QStringLiteral("-inf")).bytes), QByteArray("75 00 00 80 ff"));
    verifyDecodes(same.bytes, 1, QStringLiteral("3.4028235e+38"));
}

void WireEditTest::underflowReadsAsZero()
{
    // Too small for the type: parsers read 0 (or the nearest denormal), so the editor does.
    const QByteArray number = hex("21000000000000f03f");
    const WireEditResult zero = edit(number, 1, QStringLiteral("1e-400"));
    QVERIFY2(zero.ok(), qPrintable(zero.error));
    QCOMPARE(spaced(zero.bytes), QByteArray("21 00 00 00 00 00 00 00 00"));
    QCOMPARE(
        spaced(edit(number, 1, QStringLiteral("-1e-400")).bytes), QByteArray("21 00 00 00 00 00 00 00 80"));
    QCOMPARE(spaced(edit(number, 1, QStringLiteral("0.000001e-320")).bytes),
        QByteArray("21 00 00 00 00 00 00 00 00"));
    QCOMPARE(spaced(edit(number, 1, QStringLiteral("1e-99999999999999999999")).bytes),
        QByteArray("21 00 00 00 00 00 00 00 00"));
    // Overflow stays refused, however the exponent is written.
    QCOMPARE(edit(number, 1, QStringLiteral("-1e400")).error, QStringLiteral("-1e400 does not fit a double"));
    QCOMPARE(edit(number, 1, QStringLiteral("100000e305")).error,
        QStringLiteral("100000e305 does not fit a double"));
    QCOMPARE(edit(number, 1, QStringLiteral("1e99999999999999999999")).error,
        QStringLiteral("1e99999999999999999999 does not fit a double"));

    const QByteArray single = hex("750000c03f");
    QCOMPARE(spaced(edit(single, 1, QStringLiteral("1e-400")).bytes), QByteArray("75 00 00 00 00"));
    QCOMPARE(spaced(edit(single, 1, QStringLiteral("1e-50")).bytes), QByteArray("75 00 00 00 00"));
    QCOMPARE(spaced(edit(single, 1, QStringLiteral("1e-45")).bytes), QByteArray("75 01 00 00 00"));
}

void WireEditTest::boolRefusesTwo()
{
    const QByteArray bytes = hex("2801");
    QCOMPARE(startText(bytes, 1), QStringLiteral("true"));
    const WireEditResult two = edit(bytes, 1, QStringLiteral("2"));
    QVERIFY(!two.ok());
    QVERIFY(two.bytes.isEmpty());
    QVERIFY(two.changed.isEmpty());
    QCOMPARE(two.error, QStringLiteral("2 does not fit a bool: use true, false, 1 or 0"));
    QCOMPARE(edit(bytes, 1, QStringLiteral("yes")).error,
        QStringLiteral("\"yes\" is not a bool: use true, false, 1 or 0"));
    QCOMPARE(spaced(edit(bytes, 1, QStringLiteral("false")).bytes), QByteArray("28 00"));
    QCOMPARE(spaced(edit(hex("2800"), 1, QStringLiteral("1")).bytes), QByteArray("28 01"));
}

void WireEditTest::enumByNameAndNumber()
{
    const QByteArray bytes = hex("3001");
    QCOMPARE(startText(bytes, 1), QStringLiteral("RED"));
    QCOMPARE(spaced(edit(bytes, 1, QStringLiteral("GREEN")).bytes), QByteArray("30 02"));
    QCOMPARE(spaced(edit(bytes, 1, QStringLiteral("2")).bytes), QByteArray("30 02"));
    // An enum is an int32 on the wire: a negative number takes ten bytes.
    QCOMPARE(
        spaced(edit(bytes, 1, QStringLiteral("-1")).bytes), QByteArray("30 ff ff ff ff ff ff ff ff ff 01"));
    QCOMPARE(startText(hex("3007"), 1), QStringLiteral("7")); // no name for 7
    QCOMPARE(edit(bytes, 1, QStringLiteral("FOO")).error,
        QStringLiteral("no value named FOO in enum lab.Color; use a name or a number"));

    // Without the message type only numbers can be read; the bytes are a plain varint then.
    QCOMPARE(spaced(edit(bytes, 1, QStringLiteral("2"), false).bytes), QByteArray("30 02"));
    QVERIFY(
        edit(bytes, 1, QStringLiteral("GREEN"), false).error.startsWith(QStringLiteral("\"GREEN\" is not")));
}

void WireEditTest::enumInMapsAndPackedArrays()
{
    // colors { key: "k" value: RED }: the entry is a nested message with fields 1 and 2.
    const QByteArray entry = hex("5a050a016b1001");
    QCOMPARE(startText(entry, 6), QStringLiteral("RED"));
    const WireEditResult green = edit(entry, 6, QStringLiteral("GREEN"));
    QCOMPARE(spaced(green.bytes), QByteArray("5a 05 0a 01 6b 10 02"));
    QCOMPARE(ranges(green), QStringLiteral("6:1"));
    QCOMPARE(edit(entry, 6, QStringLiteral("BLUE")).error,
        QStringLiteral("no value named BLUE in enum lab.Color; use a name or a number"));

    const QByteArray shades = hex("7a020102"); // shades: [RED, GREEN], packed
    QCOMPARE(startText(shades, 3), QStringLiteral("GREEN"));
    QCOMPARE(spaced(edit(shades, 3, QStringLiteral("RED")).bytes), QByteArray("7a 02 01 01"));
}

void WireEditTest::packedElement()
{
    const QByteArray bytes = hex("4a03010203"); // nums: [1, 2, 3]
    const WireTree tree = WireAnnotator::annotate(bytes, m_sample);
    const QList<const WireSpan *> chain = WireAnnotator::spanChainAt(tree, 3);
    QCOMPARE(chain.size(), 3);
    QCOMPARE(chain.constLast()->role, Role::Element);
    QCOMPARE(chain.constLast()->kind, Kind::Int32);
    QVERIFY(WireEdit::isEditable(*chain.constLast()));

    const WireEditResult result = WireEdit::setValue(tree, chain, QStringLiteral("300"), m_sample);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(spaced(result.bytes), QByteArray("4a 04 01 ac 02 03"));
    QCOMPARE(ranges(result), QStringLiteral("1:1 3:2"));
    verifyDecodes(result.bytes, 4, QStringLiteral("300"));
    verifyDecodes(result.bytes, 5, QStringLiteral("3"));

    // The array as a whole is not one value.
    QCOMPARE(WireEdit::setValue(tree, chain.mid(0, 2), QStringLiteral("1"), m_sample).error,
        QStringLiteral("a packed array is edited one element at a time"));
}

void WireEditTest::schemaLessValues()
{
    const QByteArray varint = hex("089601");
    QCOMPARE(startText(varint, 1, false), QStringLiteral("150"));
    QCOMPARE(spaced(edit(varint, 1, QStringLiteral("-1"), false).bytes),
        QByteArray("08 ff ff ff ff ff ff ff ff ff 01"));
    QCOMPARE(startText(hex("08ffffffffffffffffff01"), 1, false), QStringLiteral("-1"));
    const WireEditResult one = edit(varint, 1, QStringLiteral("1"), false);
    QCOMPARE(spaced(one.bytes), QByteArray("08 01"));
    QCOMPARE(ranges(one), QStringLiteral("1:1"));
    QCOMPARE(edit(varint, 1, QStringLiteral("18446744073709551616"), false).error,
        QStringLiteral("18446744073709551616 does not fit 64 bits"));

    // Not text, not a message: the likeliest reading is a packed varint array [1, 150].
    const QByteArray packed = hex("0a03019601");
    const WireTree tree = WireAnnotator::annotate(packed, nullptr);
    QCOMPARE(WireAnnotator::findSpanAt(tree, 3)->kind, Kind::Varint);
    const WireEditResult element = edit(packed, 3, QStringLiteral("1"), false);
    QCOMPARE(spaced(element.bytes), QByteArray("0a 02 01 01"));
    QCOMPARE(ranges(element), QStringLiteral("1:1 3:1"));

    // Text without a schema is still only bytes: edited as hex.
    const QByteArray text = hex("1203616263");
    QCOMPARE(startText(text, 2, false), QStringLiteral("61 62 63"));
    QCOMPARE(spaced(edit(text, 2, QStringLiteral("ff"), false).bytes), QByteArray("12 01 ff"));

    const QByteArray fixed = hex("0d01000000");
    QCOMPARE(startText(fixed, 1, false), QStringLiteral("1"));
    QCOMPARE(spaced(edit(fixed, 1, QStringLiteral("0xdeadbeef"), false).bytes), QByteArray("0d ef be ad de"));
    QCOMPARE(spaced(edit(fixed, 1, QStringLiteral("-1"), false).bytes), QByteArray("0d ff ff ff ff"));
}

void WireEditTest::bytesAsHex()
{
    const QByteArray bytes = hex("42020102");
    QCOMPARE(startText(bytes, 2), QStringLiteral("01 02"));
    const WireEditResult result = edit(bytes, 2, QStringLiteral("de ad be ef"));
    QCOMPARE(spaced(result.bytes), QByteArray("42 04 de ad be ef"));
    QCOMPARE(ranges(result), QStringLiteral("1:1 2:4"));
    QCOMPARE(spaced(edit(bytes, 2, QString()).bytes), QByteArray("42 00"));
    QCOMPARE(edit(bytes, 2, QStringLiteral("abc")).error,
        QStringLiteral("\"abc\" is not bytes: hex needs pairs of the digits 0-9 and a-f (3 digits is odd)"));
    QCOMPARE(edit(bytes, 2, QStringLiteral("zz")).error,
        QStringLiteral("\"zz\" is not bytes: hex needs pairs of the digits 0-9 and a-f"));
}

void WireEditTest::grpcFrameLengthIsRewritten()
{
    WireAnnotateOptions framed;
    framed.grpcFrame = true;
    const QByteArray bytes = hex("00000000020801"); // one frame holding i32: 1
    const WireEditResult result = edit(bytes, 6, QStringLiteral("-1"), true, framed);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(spaced(result.bytes), QByteArray("00 00 00 00 0b 08 ff ff ff ff ff ff ff ff ff 01"));
    QCOMPARE(ranges(result), QStringLiteral("1:4 6:10"));
    verifyDecodes(result.bytes, 6, QStringLiteral("-1"), framed);

    // The frame header is not a value.
    QCOMPARE(edit(bytes, 2, QStringLiteral("1"), true, framed).error,
        QStringLiteral("a length follows its value: edit the value and the length is rewritten"));
}

void WireEditTest::lengthsCross127AtTwoLevels()
{
    // child { name: 124 x's }: the string's length 124 and the child's 126 both fit one byte.
    const QByteArray bytes = hex("627e3a7c") + QByteArray(124, 'x');
    const QString longer(128, u'y');
    const WireEditResult result = edit(bytes, 4, longer);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.bytes, hex("6283013a8001") + QByteArray(128, 'y'));
    QCOMPARE(ranges(result), QStringLiteral("1:2 4:2 6:128"));
    verifyDecodes(result.bytes, 6, longer);
}

void WireEditTest::overlongVarintBecomesMinimal()
{
    const WireEditResult result = edit(hex("08818000"), 1, QStringLiteral("1"));
    QCOMPARE(spaced(result.bytes), QByteArray("08 01"));
    QCOMPARE(ranges(result), QStringLiteral("1:1"));
    // Inside a message, the shorter value shortens the message's length too.
    const WireEditResult nested = edit(hex("5203088100"), 3, QStringLiteral("1"));
    QCOMPARE(spaced(nested.bytes), QByteArray("52 02 08 01"));
}

void WireEditTest::integersOutOfRangeOrNotNumbers()
{
    const QByteArray int32 = hex("0801");
    QCOMPARE(edit(int32, 1, QStringLiteral("2147483648")).error,
        QStringLiteral("2147483648 does not fit an int32"));
    QCOMPARE(edit(int32, 1, QStringLiteral("abc")).error,
        QStringLiteral("\"abc\" is not an integer: write it in decimal, or in hex after 0x"));
    QCOMPARE(edit(int32, 1, QStringLiteral("1.5")).error,
        QStringLiteral("\"1.5\" is not an integer: write it in decimal, or in hex after 0x"));
    QCOMPARE(spaced(edit(int32, 1, QStringLiteral("0x10")).bytes), QByteArray("08 10"));
    QCOMPARE(spaced(edit(int32, 1, QStringLiteral("-2147483648")).bytes),
        QByteArray("08 80 80 80 80 f8 ff ff ff ff 01"));

    const QByteArray uint32 = hex("6801");
    QCOMPARE(edit(uint32, 1, QStringLiteral("4294967296")).error,
        QStringLiteral("4294967296 does not fit a uint32"));
    QCOMPARE(edit(uint32, 1, QStringLiteral("-1")).error, QStringLiteral("-1 does not fit a uint32"));
    QCOMPARE(spaced(edit(uint32, 1, QStringLiteral("4294967295")).bytes), QByteArray("68 ff ff ff ff 0f"));
}

void WireEditTest::spansThatAreNotValues()
{
    const QByteArray bytes = hex("52020801");
    const WireTree tree = WireAnnotator::annotate(bytes, m_sample);
    const QList<const WireSpan *> chain = WireAnnotator::spanChainAt(tree, 3);
    QCOMPARE(chain.size(), 4);
    QVERIFY(!WireEdit::isEditable(*chain.at(0)));
    QVERIFY(!WireEdit::isEditable(*chain.at(1)));
    QVERIFY(WireEdit::editText(tree, *chain.at(1)).isEmpty());
    QCOMPARE(WireEdit::setValue(tree, chain.mid(0, 2), QStringLiteral("1"), m_sample).error,
        QStringLiteral("a message is edited one field at a time"));
    QCOMPARE(WireEdit::setValue(tree, chain.mid(0, 1), QStringLiteral("1"), m_sample).error,
        QStringLiteral("a field is edited through its value"));
    QCOMPARE(edit(bytes, 0, QStringLiteral("1")).error,
        QStringLiteral("a tag holds a field number and a wire type, not a value: edit it in the hex"));
    QCOMPARE(WireEdit::setValue(tree, {}, QStringLiteral("1"), m_sample).error,
        QStringLiteral("the span chain does not match the bytes"));

    // After a hard error the rest of the bytes are one Unparsed span.
    const QByteArray broken = hex("0801ff");
    const WireTree brokenTree = WireAnnotator::annotate(broken, m_sample);
    QVERIFY(brokenTree.hasHardError());
    QCOMPARE(WireEdit::setValue(
                 brokenTree, WireAnnotator::spanChainAt(brokenTree, 2), QStringLiteral("1"), m_sample)
                 .error,
        QStringLiteral("these bytes could not be decoded, so they hold no value to edit"));
    // The value before the error is still a value.
    QCOMPARE(spaced(WireEdit::setValue(
                 brokenTree, WireAnnotator::spanChainAt(brokenTree, 1), QStringLiteral("2"), m_sample)
                        .bytes),
        QByteArray("08 02 ff"));
}

QTEST_GUILESS_MAIN(WireEditTest)
#include "WireEditTest.moc"
