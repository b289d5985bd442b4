#include "model/json/BytesText.h"
#include "model/form/FieldValueText.h"

#include <QTest>

using namespace wirescope;

// One reading of typed and pasted bytes for the CLI, the form and the wire inspector (they
// had three, each accepting a different set of what people paste).
class BytesTextTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hex_data();
    void hex();
    void base64_data();
    void base64();
    void hexOrBase64();
    void theFormReadsTheSame();
};

void BytesTextTest::hex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes"); // empty: refused
    const QByteArray three = QByteArray::fromHex("089601");
    QTest::newRow("plain") << QStringLiteral("089601") << three;
    QTest::newRow("spaces") << QStringLiteral(" 08 96 01 ") << three;
    QTest::newRow("colons") << QStringLiteral("08:96:01") << three;
    QTest::newRow("commas") << QStringLiteral("08,96,01") << three;
    QTest::newRow("0x each") << QStringLiteral("0x08 0x96 0x01") << three;
    QTest::newRow("0x once") << QStringLiteral("0x089601") << three;
    QTest::newRow("lines") << QStringLiteral("08 96\n01") << three;
    QTest::newRow("upper") << QStringLiteral("0A FF") << QByteArray::fromHex("0aff");
    QTest::newRow("odd") << QStringLiteral("089") << QByteArray();
    QTest::newRow("not hex") << QStringLiteral("08 zz") << QByteArray();
}

void BytesTextTest::hex()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QByteArray out;
    QString error;
    QCOMPARE(BytesText::parseHex(text, &out, &error), !bytes.isEmpty());
    if (bytes.isEmpty())
        QVERIFY(error.contains(QStringLiteral("hex needs pairs")));
    else
        QCOMPARE(out, bytes);
}

void BytesTextTest::base64_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("padded") << QStringLiteral("AAH/") << QByteArray("\x00\x01\xff", 3);
    QTest::newRow("url-safe") << QStringLiteral("AAH_") << QByteArray("\x00\x01\xff", 3);
    QTest::newRow("wrapped") << QStringLiteral("AA\nH/ ") << QByteArray("\x00\x01\xff", 3);
    QTest::newRow("one byte") << QStringLiteral("/w==") << QByteArray("\xff", 1);
    QTest::newRow("garbage") << QStringLiteral("!!") << QByteArray();
}

void BytesTextTest::base64()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QByteArray out;
    QString error;
    QCOMPARE(BytesText::parseBase64(text, &out, &error), !bytes.isEmpty());
    if (bytes.isEmpty())
        QCOMPARE(error, QStringLiteral("not valid base64"));
    else
        QCOMPARE(out, bytes);
}

void BytesTextTest::hexOrBase64()
{
    QByteArray out;
    QVERIFY(BytesText::parseHexOrBase64(QStringLiteral("0x08 0x96 0x01"), &out));
    QCOMPARE(out, QByteArray::fromHex("089601"));
    QVERIFY(BytesText::parseHexOrBase64(QStringLiteral("AAEC"), &out)); // even hex digits: hex
    QCOMPARE(out, QByteArray::fromHex("aaec"));
    QVERIFY(BytesText::parseHexOrBase64(QStringLiteral("AAE="), &out)); // not hex: base64
    QCOMPARE(out, QByteArray("\x00\x01", 2));
    QString error;
    QVERIFY(!BytesText::parseHexOrBase64(QStringLiteral("%%"), &out, &error));
    QVERIFY(error.contains(QStringLiteral("neither hex")));
}

// The form's bytes fields take what the inspector and the CLI take.
void BytesTextTest::theFormReadsTheSame()
{
    QByteArray value;
    QString error;
    QVERIFY2(FieldValueText::parseBytes(QStringLiteral("0x08 0x96 0x01"), BytesMode::Hex, &value, &error),
        qPrintable(error));
    QCOMPARE(value, QByteArray::fromHex("089601"));
    QVERIFY(FieldValueText::parseBytes(QStringLiteral("08:96:01"), BytesMode::Hex, &value, &error));
    QVERIFY(FieldValueText::parseBytes(QStringLiteral("AA\nH/"), BytesMode::Base64, &value, &error));
    QCOMPARE(value, QByteArray("\x00\x01\xff", 3));
}

QTEST_GUILESS_MAIN(BytesTextTest)
#include "BytesTextTest.moc"
