#include "model/PayloadSizer.h"
#include "support/TestSupport.h"

#include <QTest>

using namespace wirescope;

class PayloadSizerTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_schema = test::demoSchema(); }
    void handComputedItem();
    void packedRepeatedAndNegativeInt32();
    void fieldsAddUpExactlyForEveryShape();
    void gzipSizes();
    void invalidBytes();

private:
    PayloadSizes measure(const char *type, const QByteArray &json)
    {
        const QString name = QString::fromLatin1(type);
        return PayloadSizer::measure(
            *m_schema, m_schema->findMessage(name), test::encode(*m_schema, name, json));
    }
    static const FieldSize *field(const PayloadSizes &sizes, const char *name)
    {
        for (const FieldSize &f : sizes.fields)
            if (f.name == QLatin1String(name))
                return &f;
        return nullptr;
    }

    SchemaPtr m_schema;
};

void PayloadSizerTest::handComputedItem()
{
    const PayloadSizes sizes
        = measure("wirescope.demo.v1.Item", R"({"name": "pen", "price": 1.5, "quantity": 2})");
    QVERIFY(sizes.valid);
    // 0a 03 'pen' | 11 + 8 bytes of double | 18 02
    QCOMPARE(sizes.binary, 16);
    // {"name":"pen","price":1.5,"quantity":2}
    QCOMPARE(sizes.jsonCompact, 39);
    const FieldSize *name = field(sizes, "name");
    QVERIFY(name);
    QCOMPARE(name->binaryTag, 1);
    QCOMPARE(name->binaryLength, 1);
    QCOMPARE(name->binaryValue, 3);
    QCOMPARE(name->jsonKey, 7); // "name":
    QCOMPARE(name->jsonValue, 5); // "pen"
    const FieldSize *price = field(sizes, "price");
    QCOMPARE(price->binary(), 9);
    QCOMPARE(price->json(), 11); // "price":1.5
    QCOMPARE(sizes.jsonPunctuation, 4); // { } and two commas
    QVERIFY(sizes.ratio() > 2.0);
}

void PayloadSizerTest::packedRepeatedAndNegativeInt32()
{
    const PayloadSizes sizes
        = measure("wirescope.demo.v1.Everything", R"({"fInt32": -1, "packedNumbers": [1, 2, 300]})");
    const FieldSize *negative = field(sizes, "fInt32");
    QVERIFY(negative);
    // A negative int32 is sign-extended to 64 bits: ten varint bytes, more than its JSON.
    QCOMPARE(negative->binaryValue, 10);
    QCOMPARE(negative->binary(), 11);
    QCOMPARE(negative->json(), 11); // "fInt32":-1
    const FieldSize *packed = field(sizes, "packedNumbers");
    // Field 18 needs a two-byte tag; one length byte; values 01 02 ac 02.
    QCOMPARE(packed->binaryTag, 2);
    QCOMPARE(packed->binaryLength, 1);
    QCOMPARE(packed->binaryValue, 4);
}

void PayloadSizerTest::fieldsAddUpExactlyForEveryShape()
{
    const PayloadSizes sizes = measure("wirescope.demo.v1.Everything", R"({
        "fDouble": 1.5, "fInt64": "-4", "fSint64": "-8", "fFixed32": 9, "fBool": true, "fString": "héllo",
        "fBytes": "AAEC", "mood": "MOOD_HAPPY", "address": {"street": "Main", "lines": ["a", "b"]},
        "tags": ["x", "yy"], "addresses": [{"city": "Oslo"}, {}], "counters": {"a": "1", "b": "2"},
        "postal": {"city": "Bern"}, "maybeCount": 0, "createdAt": "2024-02-03T04:05:06.500Z",
        "attributes": {"k": [1, "two"]}, "nickname": "nick", "mask": "fDouble,address.street",
        "tree": {"label": "root", "children": [{"label": "leaf"}]}})");
    QVERIFY(sizes.valid);
    qint64 binary = 0;
    qint64 json = sizes.jsonPunctuation;
    for (const FieldSize &f : sizes.fields) {
        binary += f.binary();
        json += f.json();
        QVERIFY2(f.binaryTag > 0 && f.binaryValue >= 0, qPrintable(f.name));
    }
    QCOMPARE(binary, sizes.binary);
    QCOMPARE(json, sizes.jsonCompact);
    const FieldSize *address = field(sizes, "address");
    QVERIFY(!address->children.isEmpty());
    qint64 nested = 0;
    for (const FieldSize &f : address->children)
        nested += f.binary();
    QCOMPARE(nested, address->binaryValue); // the nested message's fields fill its value
}

void PayloadSizerTest::gzipSizes()
{
    QByteArray repeated;
    for (int i = 0; i < 200; ++i)
        repeated += "{\"name\": \"pen\", \"price\": 1.5},";
    const PayloadSizes sizes
        = measure("wirescope.demo.v1.Order", "{\"items\": [" + repeated.chopped(1) + "]}");
    QVERIFY(sizes.valid);
    QVERIFY(sizes.jsonPretty > sizes.jsonCompact);
    QVERIFY(sizes.jsonCompactGzip > 0 && sizes.jsonCompactGzip < sizes.jsonCompact / 5);
    QVERIFY(sizes.binaryGzip > 0 && sizes.binaryGzip < sizes.binary);
    QCOMPARE(PayloadSizer::gzipSize(QByteArray()), 20); // an empty gzip member
}

void PayloadSizerTest::invalidBytes()
{
    const PayloadSizes sizes = PayloadSizer::measure(*m_schema,
        m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Item")), QByteArray::fromHex("0aff"));
    QVERIFY(!sizes.valid);
    QVERIFY(!sizes.error.isEmpty());
}

QTEST_GUILESS_MAIN(PayloadSizerTest)
#include "PayloadSizerTest.moc"
