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
    void callTotalsByHand();
    void streamingGzipMatchesOneShot();

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

// Two sent items and three received messages (one decodes, one had its bytes dropped, one
// is garbage), against sums worked out by hand.
void PayloadSizerTest::callTotalsByHand()
{
    const QString itemName = QStringLiteral("wirescope.demo.v1.Item");
    const auto *item = m_schema->findMessage(itemName);
    const auto *receipt = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Receipt"));
    const QByteArray pen
        = test::encode(*m_schema, itemName, R"({"name": "pen", "price": 1.5, "quantity": 2})");
    const QByteArray penJson = R"({"name":"pen","price":1.5,"quantity":2})";
    const qint64 penPretty = PayloadSizer::measure(*m_schema, item, pen).jsonPretty;
    CallSizeCounter counter;
    QCOMPARE(counter.sent(), SizeTotals());
    counter.add(false, m_schema.get(), item, pen);
    // Read in the middle of the stream; the stream goes on undisturbed.
    QCOMPARE(counter.sent().binaryGzip, PayloadSizer::gzipSize(pen));
    counter.add(false, m_schema.get(), item, pen);

    const QByteArray paid = test::encode(
        *m_schema, QStringLiteral("wirescope.demo.v1.Receipt"), R"({"itemCount": 4, "total": 6})");
    QCOMPARE(paid.size(), 11); // 08 04 | 11 + 8 bytes of double
    counter.add(true, m_schema.get(), receipt, paid);
    counter.addNotKept(true, 40);
    counter.add(true, m_schema.get(), receipt, QByteArray::fromHex("0aff"));
    counter.add(true, nullptr, receipt, paid); // no schema: counted, not decoded

    const SizeTotals sent = counter.sent();
    QCOMPARE(sent.messages, 2);
    QCOMPARE(sent.binary, 32);
    QCOMPARE(sent.measured, 2);
    QCOMPARE(sent.measuredBinary, 32);
    QCOMPARE(sent.jsonCompact, 2 * 39);
    QCOMPARE(sent.jsonPretty, 2 * penPretty);
    QCOMPARE(sent.binaryGzip, PayloadSizer::gzipSize(pen + pen));
    QCOMPARE(sent.jsonCompactGzip, PayloadSizer::gzipSize(penJson + penJson));
    QVERIFY(sent.jsonCompactGzip < PayloadSizer::gzipSize(penJson) + 10); // the repeat is nearly free
    QCOMPARE(sent.notKept + sent.undecodable, 0);

    const SizeTotals received = counter.received();
    QCOMPARE(received.messages, 4);
    QCOMPARE(received.binary, 11 + 40 + 2 + 11);
    QCOMPARE(received.measured, 1);
    QCOMPARE(received.measuredBinary, 11);
    QCOMPARE(received.jsonCompact, qint64(sizeof(R"({"itemCount":4,"total":6})") - 1));
    QCOMPARE(received.jsonCompactGzip, PayloadSizer::gzipSize(R"({"itemCount":4,"total":6})"));
    QCOMPARE(received.notKept, 1);
    QCOMPARE(received.undecodable, 2);

    const SizeTotals call = sent + received;
    QCOMPARE(call.messages, 6);
    QCOMPARE(call.measuredBinary, 43);
    QCOMPARE(call.jsonCompact, 78 + 25);
    // Each direction is its own stream; the call's gzip is the two together.
    QCOMPARE(call.binaryGzip, PayloadSizer::gzipSize(pen + pen) + PayloadSizer::gzipSize(paid));
}

// Thousands of messages through the streaming deflate come out at exactly the size of
// compressing them all at once, and the counter's memory does not grow with the stream.
void PayloadSizerTest::streamingGzipMatchesOneShot()
{
    const QString itemName = QStringLiteral("wirescope.demo.v1.Item");
    const auto *item = m_schema->findMessage(itemName);
    CallSizeCounter counter;
    QByteArray binary;
    QByteArray compact;
    for (int i = 0; i < 5000; ++i) {
        const QByteArray json = QStringLiteral(R"({"name":"item %1","price":%2,"quantity":%3})")
                                    .arg(i * 7919 % 10007)
                                    .arg(i % 97 + 1)
                                    .arg(i % 13 + 1)
                                    .toUtf8();
        const QByteArray bytes = test::encode(*m_schema, itemName, json);
        counter.add(i % 2 == 1, m_schema.get(), item, bytes);
        if (i % 2 == 0) {
            binary += bytes;
            compact += json;
        }
        if (i == 2500)
            QVERIFY(counter.sent().binaryGzip > 0); // a snapshot in between changes nothing
    }
    const SizeTotals sent = counter.sent();
    QCOMPARE(sent.messages, 2500);
    QCOMPARE(sent.jsonCompact, compact.size());
    QVERIFY(compact.size() > 64 * 1024); // well past deflate's window and its output buffer
    QCOMPARE(sent.binaryGzip, PayloadSizer::gzipSize(binary));
    QCOMPARE(sent.jsonCompactGzip, PayloadSizer::gzipSize(compact));
}

QTEST_GUILESS_MAIN(PayloadSizerTest)
#include "PayloadSizerTest.moc"
