#include "model/frames/PayloadSizer.h"
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
    void repeatedElementsAddUp();
    void notesSayWhereTheBytesGo();
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

// Each element of a repeated message is a row of its own with its tag and length; past the
// first twenty the rest is one row, and everything still adds up to the byte.
void PayloadSizerTest::repeatedElementsAddUp()
{
    QByteArray items;
    for (int i = 0; i < 25; ++i)
        items += "{\"name\": \"pen" + QByteArray::number(i)
            + "\", \"quantity\": " + QByteArray::number(i * 50) + "},";
    const PayloadSizes sizes = measure(
        "wirescope.demo.v1.Order", "{\"customer\": \"ann\", \"items\": [" + items.chopped(1) + "]}");
    QVERIFY(sizes.valid);
    const FieldSize *list = field(sizes, "items");
    QVERIFY(list);
    QCOMPARE(list->children.size(), FieldSize::ElementRows + 1);
    QCOMPARE(list->children.first().name, QStringLiteral("[0]"));
    QCOMPARE(list->children.last().name, QStringLiteral("[20\u202624]"));
    QCOMPARE(list->jsonPunctuation, 2 + 24); // brackets and commas
    qint64 binary = 0;
    qint64 json = list->jsonPunctuation;
    for (const FieldSize &element : list->children) {
        binary += element.binary();
        json += element.json();
        QCOMPARE(element.jsonKey, 0);
    }
    QCOMPARE(binary, list->binary());
    QCOMPARE(json, list->jsonValue);

    // [0] is {"name":"pen0"} (quantity 0 is not sent): 12 06 | 0a 04 "pen0"; JSON 1 + 6 + 1 + 6 + 1.
    const FieldSize &first = list->children.first();
    QCOMPARE(first.binaryTag, 1);
    QCOMPARE(first.binaryLength, 1);
    QCOMPARE(first.binaryValue, 6);
    QCOMPARE(first.jsonValue, 15);
    QCOMPARE(first.jsonPunctuation, 2);
    QCOMPARE(first.children.size(), 1);
    // [3] has quantity 150: 18 96 01; its fields fill its value and its JSON.
    const FieldSize &fourth = list->children.at(3);
    qint64 inner = 0;
    qint64 innerJson = fourth.jsonPunctuation;
    for (const FieldSize &f : fourth.children) {
        inner += f.binary();
        innerJson += f.json();
    }
    QCOMPARE(inner, fourth.binaryValue);
    QCOMPARE(innerJson, fourth.jsonValue);
    QCOMPARE(fourth.jsonPunctuation, 3); // { , }
}

void PayloadSizerTest::notesSayWhereTheBytesGo()
{
    const PayloadSizes order = measure(
        "wirescope.demo.v1.Order", R"({"items": [{"name": "a", "price": 1}, {"name": "b", "price": 2}]})");
    // "name": and "price": in each of two elements: (7 + 8) * 2.
    QVERIFY2(field(order, "items")->note.contains(QStringLiteral("(30 bytes of keys")),
        qPrintable(field(order, "items")->note));

    const PayloadSizes everything = measure("wirescope.demo.v1.Everything",
        R"({"fInt64": "7", "fBytes": "AAECAwQF", "mood": "MOOD_HAPPY", "fString": "a\"b",
            "createdAt": "2024-02-03T04:05:06Z", "packedNumbers": [1, 2, 3]})");
    QVERIFY(field(everything, "fInt64")->note.contains(QStringLiteral("quoted strings")));
    // Six bytes of data are "AAECAwQF": eight characters and two quotes.
    QVERIFY2(field(everything, "fBytes")->note.contains(QStringLiteral("6 bytes of data take 10 characters")),
        qPrintable(field(everything, "fBytes")->note));
    QVERIFY(field(everything, "mood")->note.contains(QStringLiteral("name")));
    QVERIFY2(field(everything, "fString")->note.contains(QStringLiteral("escapes add 1 bytes")),
        qPrintable(field(everything, "fString")->note));
    QVERIFY(field(everything, "createdAt")->note.contains(QStringLiteral("RFC 3339")));
    QVERIFY(field(everything, "packedNumbers")->note.contains(QStringLiteral("packed")));
    QVERIFY(!field(everything, "fInt64")->note.contains(QStringLiteral("smaller")));

    // A negative int32 costs ten bytes: here JSON's "code":-1 (9 bytes) beats binary's 11.
    const PayloadSizes fail = measure("wirescope.demo.v1.FailRequest", R"({"code": -1})");
    const FieldSize *code = field(fail, "code");
    QCOMPARE(code->binary(), 11);
    QCOMPARE(code->json(), 9);
    QVERIFY2(code->note.startsWith(QStringLiteral("JSON is smaller here")), qPrintable(code->note));
    QVERIFY(code->note.contains(QStringLiteral("ten varint bytes")));
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
