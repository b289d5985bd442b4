// JsonCodec's fast path against protobuf's converter, which it must agree with byte for byte
// wherever it does not decline: random messages of every field shape of the demo schema,
// then the edge values and odd spellings one by one.
#include "model/json/JsonFastPath.h"
#include "model/json/JsonCodec.h"
#include "model/lab/ProtoSnippet.h"
#include "support/TestSupport.h"

#include "wirescope/demo/v1/demo.pb.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>

#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace wirescope;
namespace gp = google::protobuf;
namespace pb = wirescope::demo::v1;

namespace {

// Fills messages with random values, favouring the edges: extremes of each integer type,
// floats from random bits, strings from every range of code points.
class RandomFiller {
public:
    explicit RandomFiller(uint32_t seed)
        : m_random(seed)
    {
    }

    // Whether to set the well-known types the fast path leaves to the converter.
    bool withConverterOnlyTypes = false;
    // Whether to set Timestamp and Duration, which the fast path prints but does not read.
    bool withTimes = true;
    // Whether to fill maps (JsonFastPath::encode leaves them to read).
    bool withMaps = true;

    void fill(gp::Message *message, int depth)
    {
        const gp::Descriptor *type = message->GetDescriptor();
        const gp::Reflection *reflection = message->GetReflection();
        for (int i = 0; i < type->field_count(); ++i) {
            const gp::FieldDescriptor *field = type->field(i);
            if (chance(3) || !allowed(field, depth) || (field->is_map() && !withMaps))
                continue;
            if (field->is_map()) {
                for (int n = pick(4); n > 0; --n) {
                    gp::Message *entry = reflection->AddMessage(message, field);
                    setOne(entry, field->message_type()->map_key(), depth);
                    setOne(entry, field->message_type()->map_value(), depth);
                }
            } else if (field->is_repeated()) {
                for (int n = pick(4); n > 0; --n)
                    setOne(message, field, depth);
            } else {
                setOne(message, field, depth);
            }
        }
    }

    int pick(int below) { return int(m_random() % uint32_t(below)); }
    bool chance(int oneIn) { return pick(oneIn) == 0; }

    std::string text()
    {
        static constexpr uint32_t samples[] = {0, 0x1f, '"', '\\', '/', '<', '>', '&', 0x7f, 0x80, 0x9f, 0xad,
            0xe9, 0x600, 0x6dd, 0x200b, 0x2028, 0x2029, 0xfeff, 0xfffd, 0xffff, 0x10000, 0x1d173, 0x1f600,
            0xe0001, 0xe0050, 0x10ffff};
        std::string out;
        for (int n = pick(8); n > 0; --n) {
            uint32_t c = 0;
            switch (pick(4)) {
            case 0:
                c = uint32_t(pick(128));
                break;
            case 1:
                c = samples[pick(std::size(samples))];
                break;
            default:
                c = uint32_t(m_random() % 0x110000);
                if (c >= 0xd800 && c <= 0xdfff)
                    c = 'x';
            }
            appendUtf8(&out, c);
        }
        return out;
    }

private:
    static void appendUtf8(std::string *out, uint32_t c)
    {
        const auto code = char32_t(c);
        out->append(QString::fromUcs4(&code, 1).toStdString());
    }

    bool allowed(const gp::FieldDescriptor *field, int depth) const
    {
        if (field->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE || field->is_map())
            return true;
        const std::string &name = field->message_type()->full_name();
        if (name == "google.protobuf.Timestamp" || name == "google.protobuf.Duration")
            return withTimes;
        const bool converterOnly = name == "google.protobuf.Struct" || name == "google.protobuf.Value"
            || name == "google.protobuf.ListValue" || name == "google.protobuf.Any"
            || name == "google.protobuf.FieldMask";
        return (withConverterOnlyTypes || !converterOnly) && depth < 4;
    }

    template<typename T> T integer()
    {
        switch (pick(5)) {
        case 0:
            return std::numeric_limits<T>::min();
        case 1:
            return std::numeric_limits<T>::max();
        case 2:
            return T(pick(3)) - T(std::is_signed_v<T> ? 1 : 0);
        default:
            return T(uint64_t(m_random()) << 32 | m_random()) >> pick(sizeof(T) * 8);
        }
    }

    template<typename T> T floating()
    {
        using Limits = std::numeric_limits<T>;
        static const T samples[] = {T(0), -T(0), T(1.5), T(0.1), T(1e-7), T(1e21), T(123456.789),
            Limits::max(), Limits::lowest(), Limits::min(), Limits::denorm_min(), Limits::infinity(),
            -Limits::infinity(), Limits::quiet_NaN(), T(16777217), T(9007199254740993.0), T(100), T(-42)};
        if (chance(2))
            return samples[pick(std::size(samples))];
        using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
        const Bits bits = Bits(uint64_t(m_random()) << 32 | m_random());
        T value;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }

    void setOne(gp::Message *message, const gp::FieldDescriptor *field, int depth)
    {
        const gp::Reflection *r = message->GetReflection();
        const bool repeated = field->is_repeated();
        switch (field->cpp_type()) {
        case gp::FieldDescriptor::CPPTYPE_INT32: {
            const auto v = integer<int32_t>();
            repeated ? r->AddInt32(message, field, v) : r->SetInt32(message, field, v);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_INT64: {
            const auto v = integer<int64_t>();
            repeated ? r->AddInt64(message, field, v) : r->SetInt64(message, field, v);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_UINT32: {
            const auto v = integer<uint32_t>();
            repeated ? r->AddUInt32(message, field, v) : r->SetUInt32(message, field, v);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_UINT64: {
            const auto v = integer<uint64_t>();
            repeated ? r->AddUInt64(message, field, v) : r->SetUInt64(message, field, v);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_DOUBLE: {
            const auto v = floating<double>();
            repeated ? r->AddDouble(message, field, v) : r->SetDouble(message, field, v);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_FLOAT: {
            const auto v = floating<float>();
            repeated ? r->AddFloat(message, field, v) : r->SetFloat(message, field, v);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_BOOL: {
            const bool v = chance(2);
            repeated ? r->AddBool(message, field, v) : r->SetBool(message, field, v);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_ENUM: {
            const gp::EnumDescriptor *e = field->enum_type();
            const int v = chance(5) ? 1000 + pick(1000) : e->value(pick(e->value_count()))->number();
            repeated ? r->AddEnumValue(message, field, v) : r->SetEnumValue(message, field, v);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_STRING: {
            std::string v = text();
            if (field->type() == gp::FieldDescriptor::TYPE_BYTES) {
                v.clear();
                for (int n = pick(12); n > 0; --n)
                    v.push_back(char(m_random()));
            }
            repeated ? r->AddString(message, field, v) : r->SetString(message, field, v);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_MESSAGE: {
            gp::Message *inner = repeated ? r->AddMessage(message, field) : r->MutableMessage(message, field);
            const std::string &name = field->message_type()->full_name();
            if (name == "google.protobuf.Timestamp" || name == "google.protobuf.Duration") {
                const bool timestamp = name == "google.protobuf.Timestamp";
                const gp::Reflection *ir = inner->GetReflection();
                const gp::Descriptor *t = inner->GetDescriptor();
                const int64_t low = timestamp ? -62135596800 : -315576000000;
                const int64_t high = timestamp ? 253402300799 : 315576000000;
                const int64_t seconds = chance(4)
                    ? (chance(2) ? low : high)
                    : low + int64_t(uint64_t(m_random()) % uint64_t(high - low));
                static const int32_t nanos[] = {0, 1, 999999999, 500000000, 123000000, 123456000, 123456789};
                int32_t nano = chance(2) ? nanos[pick(std::size(nanos))] : int32_t(m_random() % 1000000000);
                // A duration's parts share their sign.
                if (!timestamp && (seconds < 0 || (seconds == 0 && chance(2))))
                    nano = -nano;
                ir->SetInt64(inner, t->FindFieldByNumber(1), seconds);
                ir->SetInt32(inner, t->FindFieldByNumber(2), nano);
            } else {
                fill(inner, depth + 1);
            }
            break;
        }
        }
    }

    std::mt19937 m_random;
};

std::string deterministicBytes(const gp::Message &message)
{
    std::string bytes;
    {
        gp::io::StringOutputStream stream(&bytes);
        gp::io::CodedOutputStream coded(&stream);
        coded.SetSerializationDeterministic(true);
        message.SerializePartialToCodedStream(&coded);
    }
    return bytes;
}

const JsonStyle styles[]
    = {{true, false, false}, {false, false, false}, {true, false, true}, {false, false, true}};

std::string describe(const JsonStyle &style)
{
    return std::string(style.indent ? "indented" : "compact")
        + (style.protoFieldNames ? ", proto names" : "");
}

} // namespace

class JsonFastPathTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void printsRandomMessagesAsTheConverterDoes();
    void printsEveryCodePointAsTheConverterDoes();
    void printsBytesInWireOrderAsTheConverterDoes();
    void declinesWhatTheConverterPrintsItsOwnWay();
    void readsRandomMessagesAsTheConverterDoes();
    void readsOddSpellingsAsTheConverterDoesOrDeclines();
    void largeMapsKeepEachKeyOnce();
    void proto2TypesAsTheConverterDoes();
    void proto3EnumInProto2MessageAsTheConverterDoes();
    void textNestedTooDeepIsTheConvertersToRefuse();

private:
    // Prints with both; true when the fast path printed (and it printed the same text).
    bool printsTheSame(
        const Schema &schema, const gp::Descriptor *type, const QByteArray &wire, const JsonStyle &style);
    // Reads with both; true when the fast path read (and made the same message).
    bool readsTheSame(const Schema &schema, const gp::Descriptor *type, const QByteArray &json);
    bool encodesAsReadDoes(const Schema &schema, const gp::Descriptor *type, const QByteArray &json,
        bool *read, gp::Message *message = nullptr);
    bool codecReadsAsTheConverter(
        const Schema &schema, const gp::Descriptor *type, const QByteArray &json, bool *read = nullptr);
    int m_encoded = 0; // texts encode took

    SchemaPtr m_schema;
    const gp::Descriptor *m_everything = nullptr;
};

void JsonFastPathTest::initTestCase()
{
    m_schema = test::demoSchema();
    m_everything = m_schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything"));
    QVERIFY(m_everything);
}

bool JsonFastPathTest::printsTheSame(
    const Schema &schema, const gp::Descriptor *type, const QByteArray &wire, const JsonStyle &style)
{
    std::string fast;
    if (!JsonFastPath::print(type, std::string_view(wire.constData(), size_t(wire.size())), style.indent,
            style.protoFieldNames, &fast)) {
        QByteArray reference;
        QString error;
        JsonCodec::toJsonByConverter(schema, type, wire, &reference, style, &error);
        qWarning("the fast path declined %s (the converter: %s%s)", wire.toHex().constData(),
            reference.constData(), qPrintable(error));
        return false;
    }
    QByteArray reference;
    QString error;
    if (!JsonCodec::toJsonByConverter(schema, type, wire, &reference, style, &error)) {
        qWarning("the fast path printed what the converter refuses (%s): %s\n%s", qPrintable(error),
            wire.toHex().constData(), fast.c_str());
        return false;
    }
    if (reference != QByteArray::fromStdString(fast)) {
        qsizetype at = 0;
        while (at < reference.size() && at < qsizetype(fast.size()) && reference.at(at) == fast[size_t(at)])
            ++at;
        const qsizetype from = std::max<qsizetype>(0, at - 60);
        qWarning("%s: the fast path printed ...%s... where the converter printed ...%s... (from %s)",
            describe(style).c_str(), fast.substr(size_t(from), size_t(at - from + 40)).c_str(),
            reference.mid(from, at - from + 40).constData(), wire.toHex().constData());
        return false;
    }
    return true;
}

// encode takes what read takes but maps, and writes the bytes read's message serializes to.
// *read: whether read took the text, into *message.
bool JsonFastPathTest::encodesAsReadDoes(const Schema &schema, const gp::Descriptor *type,
    const QByteArray &json, bool *read, gp::Message *message)
{
    std::unique_ptr<gp::Message> own;
    if (!message) {
        own = schema.newMessage(type);
        message = own.get();
    }
    const std::string_view text(json.constData(), size_t(json.size()));
    *read = JsonFastPath::read(text, message);
    std::string encoded;
    bool mapMet = false;
    const bool wasEncoded = JsonFastPath::encode(type, text, &encoded, &mapMet);
    if (wasEncoded != (*read && !mapMet)) {
        qWarning("encode %s %s, which read %s (map met: %d)", wasEncoded ? "took" : "declined",
            json.constData(), *read ? "takes" : "declines", int(mapMet));
        return false;
    }
    if (wasEncoded && encoded != message->SerializePartialAsString()) {
        qWarning("encode wrote %s for %s where read's message is %s",
            QByteArray::fromStdString(encoded).toHex(' ').constData(), json.constData(),
            QByteArray::fromStdString(message->SerializePartialAsString()).toHex(' ').constData());
        return false;
    }
    if (wasEncoded)
        ++m_encoded;
    return true;
}

// What JsonCodec::toBinary makes of text the fast path leaves is the converter's answer:
// whether it reads it, its bytes and its error message. *read: whether the codec read it.
bool JsonFastPathTest::codecReadsAsTheConverter(
    const Schema &schema, const gp::Descriptor *type, const QByteArray &json, bool *read)
{
    QByteArray viaCodec;
    QByteArray viaConverter;
    JsonError codecError;
    JsonError converterError;
    const bool codecRead = JsonCodec::toBinary(schema, type, json, &viaCodec, &codecError);
    const bool converterRead
        = JsonCodec::toBinaryByConverter(schema, type, json, &viaConverter, &converterError);
    if (read)
        *read = codecRead;
    if (codecRead != converterRead || viaCodec != viaConverter
        || codecError.toString() != converterError.toString()) {
        qWarning("%s: the codec %s (%s, %s), the converter %s (%s, %s)", json.constData(),
            codecRead ? "read it" : "refused it", viaCodec.toHex().constData(),
            qPrintable(codecError.toString()), converterRead ? "read it" : "refused it",
            viaConverter.toHex().constData(), qPrintable(converterError.toString()));
        return false;
    }
    return true;
}

bool JsonFastPathTest::readsTheSame(const Schema &schema, const gp::Descriptor *type, const QByteArray &json)
{
    const std::unique_ptr<gp::Message> fast = schema.newMessage(type);
    bool read = false;
    if (!encodesAsReadDoes(schema, type, json, &read, fast.get()))
        return false;
    if (!read) {
        qInfo("the fast path declined %s", json.constData());
        return false;
    }
    QByteArray reference;
    JsonError error;
    if (!JsonCodec::toBinaryByConverter(schema, type, json, &reference, &error)) {
        qWarning("the fast path read what the converter refuses (%s): %s", qPrintable(error.toString()),
            json.constData());
        return false;
    }
    const std::unique_ptr<gp::Message> expected = schema.newMessage(type);
    expected->ParsePartialFromArray(reference.constData(), int(reference.size()));
    // Compared as bytes in a fixed order: a map's order on the wire is its own each time,
    // and NaN is not equal to itself as a value.
    if (deterministicBytes(*fast) != deterministicBytes(*expected)) {
        qWarning("the fast path read %s as\n%s\nthe converter as\n%s", json.constData(),
            fast->DebugString().c_str(), expected->DebugString().c_str());
        return false;
    }
    return true;
}

// Random messages with every field shape. The fast path must print each one it is given
// (none holds a type it leaves to the converter), exactly as the converter does.
void JsonFastPathTest::printsRandomMessagesAsTheConverterDoes()
{
    RandomFiller filler(20261207);
    int printed = 0;
    for (int round = 0; round < 1500; ++round) {
        const std::unique_ptr<gp::Message> message = m_schema->newMessage(m_everything);
        filler.fill(message.get(), 0);
        const QByteArray wire = QByteArray::fromStdString(message->SerializePartialAsString());
        for (const JsonStyle &style : styles) {
            if (!printsTheSame(*m_schema, m_everything, wire, style))
                QFAIL(qPrintable(QStringLiteral("round %1, %2: not printed the converter's way")
                                     .arg(round)
                                     .arg(QString::fromStdString(describe(style)))));
            ++printed;
        }
    }
    QCOMPARE(printed, 6000);
}

void JsonFastPathTest::printsEveryCodePointAsTheConverterDoes()
{
    const gp::FieldDescriptor *field = m_everything->FindFieldByName("f_string");
    for (uint32_t first = 0; first < 0x110000; first += 0x1000) {
        const std::unique_ptr<gp::Message> message = m_schema->newMessage(m_everything);
        std::string text;
        for (uint32_t c = first; c < first + 0x1000; ++c) {
            if (c >= 0xd800 && c <= 0xdfff)
                continue;
            const auto code = char32_t(c);
            text.append(QString::fromUcs4(&code, 1).toStdString());
        }
        message->GetReflection()->SetString(message.get(), field, text);
        const QByteArray wire = QByteArray::fromStdString(message->SerializeAsString());
        QVERIFY2(
            printsTheSame(*m_schema, m_everything, wire, styles[1]), qPrintable(QString::number(first, 16)));
    }
}

// The converter prints fields as they come: out of number order, a packed field sent
// unpacked, map entries in wire order. So does the fast path.
void JsonFastPathTest::printsBytesInWireOrderAsTheConverterDoes()
{
    const QList<QByteArray> wires = {
        QByteArray::fromHex("900107 900108 900109 6801"), // packed_numbers sent unpacked, then f_bool
        QByteArray::fromHex("68017207"
                            "68656c6c6f2121"
                            "08"), // f_bool, f_string "hello!!" then a truncated tag: declined
        QByteArray::fromHex("72026869 1805 28c0c407"), // f_string before f_int32 and f_uint32
        QByteArray::fromHex("b201070a036f6e651001 b201070a0374776f1002"), // counters {"one": 1, "two": 2}
        QByteArray::fromHex("ea01 060880a2f1ba04"), // created_at, seconds only
        QByteArray::fromHex("f20100"), // ttl, empty: "0s"
        QByteArray::fromHex("c20200"), // nothing: {}
        QByteArray::fromHex("9a0200"), // nickname without a value: ""
        QByteArray::fromHex("f2010b 0880ffffffffffffffff01"), // ttl of -128 s
        QByteArray(),
    };
    int printed = 0;
    for (const QByteArray &wire : wires) {
        for (const JsonStyle &style : styles)
            printed += printsTheSame(*m_schema, m_everything, wire, style) ? 1 : 0;
    }
    QCOMPARE(printed, 4 * 9);
}

// Bytes the converter prints in a way of its own, or refuses: the fast path leaves them to
// it, so JsonCodec::toJson still says what the converter says.
void JsonFastPathTest::declinesWhatTheConverterPrintsItsOwnWay()
{
    const QList<QByteArray> wires = {
        QByteArray::fromHex("18011802"), // f_int32 twice: printed twice by the converter
        QByteArray::fromHex("92010101920101 02"), // packed_numbers in two runs
        QByteArray::fromHex("f8ff0101"), // unknown field 4095
        QByteArray::fromHex("7201ff"), // invalid UTF-8 in a string
        QByteArray::fromHex("1d01000000"), // f_int32 as fixed32: a wire type not its own
        QByteArray::fromHex("b201021001"), // a map entry with its value only
        QByteArray::fromHex("fa010b 0a09 0a0568656c6c6f 1200"), // attributes: a Struct
        QByteArray::fromHex("f2010d 08ffffffffffffffffff01 1001"), // ttl of -1 s and +1 ns
        QByteArray::fromHex("ea010a 08ffffffffffffffff7f"), // created_at past the year 9999
        QByteArray::fromHex("8a010a8a01"), // address cut short
        QByteArray::fromHex("988080808000 01"), // f_int32's tag in six bytes
        QByteArray::fromHex("72 808080808000"), // f_string's length in six bytes
    };
    for (const QByteArray &wire : wires) {
        for (const JsonStyle &style : styles) {
            std::string fast;
            QVERIFY2(
                !JsonFastPath::print(m_everything, std::string_view(wire.constData(), size_t(wire.size())),
                    style.indent, style.protoFieldNames, &fast),
                wire.toHex().constData());
            QByteArray viaCodec;
            QByteArray viaConverter;
            QString codecError;
            QString converterError;
            QCOMPARE(JsonCodec::toJson(*m_schema, m_everything, wire, &viaCodec, style, &codecError),
                JsonCodec::toJsonByConverter(
                    *m_schema, m_everything, wire, &viaConverter, style, &converterError));
            QCOMPARE(viaCodec, viaConverter);
            QCOMPARE(codecError, converterError);
        }
    }
}

// JSON as the converter prints it, in every style, is read by the fast path into the
// message the converter reads, whenever the message holds nothing it leaves to the
// converter (the times among them).
void JsonFastPathTest::readsRandomMessagesAsTheConverterDoes()
{
    RandomFiller filler(7122026);
    filler.withTimes = false;
    int read = 0;
    m_encoded = 0;
    for (int round = 0; round < 1500; ++round) {
        const std::unique_ptr<gp::Message> message = m_schema->newMessage(m_everything);
        filler.withMaps = round % 2 == 0; // encode writes the other half straight to bytes
        filler.fill(message.get(), 0);
        // Through the generated class, which keeps a map's key once (a dynamic message keeps
        // each entry): the fast path leaves a key written twice to the converter.
        pb::Everything generated;
        QVERIFY(generated.ParsePartialFromString(message->SerializePartialAsString()));
        const QByteArray wire = QByteArray::fromStdString(generated.SerializePartialAsString());
        for (const JsonStyle &style : styles) {
            QByteArray json;
            QString error;
            QVERIFY2(JsonCodec::toJsonByConverter(*m_schema, m_everything, wire, &json, style, &error),
                qPrintable(error));
            if (!readsTheSame(*m_schema, m_everything, json))
                QFAIL(qPrintable(QStringLiteral("round %1: not read the converter's way: %2")
                                     .arg(round)
                                     .arg(QString::fromUtf8(json))));
            ++read;
            // The keys in another order (Qt's, by name; numbers as Qt spells them): encode
            // writes fields in number order whatever order they come in.
            const QByteArray reordered = QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact);
            bool readReordered = false;
            if (!encodesAsReadDoes(*m_schema, m_everything, reordered, &readReordered))
                QFAIL(
                    qPrintable(QStringLiteral("round %1: %2").arg(round).arg(QString::fromUtf8(reordered))));
        }
    }
    QCOMPARE(read, 6000);
    // Half the messages hold no map; some of their reordered texts spell a number Qt's way.
    QVERIFY2(m_encoded > 4000, qPrintable(QString::number(m_encoded)));
}

// Spellings of each value the converter reads, the odd ones among them: what the fast path
// reads, it reads into the converter's message; what it declines, the converter judges.
void JsonFastPathTest::readsOddSpellingsAsTheConverterDoesOrDeclines()
{
    struct Case {
        const char *json;
        bool fast; // whether the fast path reads it
    };
    const Case cases[] = {
        {R"({})", true},
        {" \n{ } \t", true},
        {R"({"fInt32": 1})", true},
        {R"({"f_int32": -2147483648})", true},
        {R"({"fInt32": 2147483648})", false},
        {R"({"fInt32": 1.0})", false},
        {R"({"fInt32": 1e2})", false},
        {R"({"fInt32": "7"})", false},
        {R"({"fInt32": -0})", false},
        {R"({"fInt32": 01})", false},
        {R"({"fUint32": -1})", false},
        {R"({"fInt64": "-9223372036854775808"})", true},
        {R"({"fInt64": 9007199254740993})", true},
        {R"({"fInt64": "9223372036854775808"})", false},
        {R"({"fUint64": "18446744073709551615"})", true},
        {R"({"fUint64": " 1"})", false},
        {R"({"fDouble": 0.1, "fFloat": 0.1})", true},
        {R"({"fDouble": -0.0, "fFloat": -0.0})", true},
        {R"({"fDouble": -0, "fFloat": -0})", true},
        {R"({"fDouble": 12345678901234568, "fFloat": 16777216})", true},
        {R"({"fDouble": 1e308, "fFloat": 3.4028234e38})", true},
        {R"({"fFloat": 3.5e38})", false},
        {R"({"fFloat": 3.4028235e38, "moods": []})", true},
        {R"({"fFloat": -3.40282356e38})", true},
        {R"({"fFloat": 3.4028236e38})", false},
        {R"({"fDouble": 1e400})", false},
        {R"({"fFloat": 16777217})", false},
        {R"({"fFloat": 1677721})", true},
        {R"({"fDouble": 9007199254740993})", false},
        {R"({"fDouble": 123456789012345})", true},
        {R"({"fDouble": "NaN", "fFloat": "-Infinity"})", true},
        {R"({"fDouble": "nan"})", false},
        {R"({"fDouble": 1E-5, "fFloat": 2.5e+3})", true},
        {R"({"fBool": true, "fBool": false})", false},
        {R"({"fBool": null})", false},
        {R"({"fString": "a\"b\\c\/d\b\f\n\r\t\u0000\u00e9\uD83D\uDE00"})", true},
        {R"({"fString": "\uD83D"})", false},
        {R"({"fString": "\uDE00"})", false},
        {"{\"fString\": \"\xff\"}", false},
        {"{\"fString\": \"tab\there\"}", false},
        {R"({"fBytes": "AAEC"})", true},
        {R"({"fBytes": "AAE="})", true},
        {R"({"fBytes": "AA=="})", true},
        {R"({"fBytes": "AB=="})", false},
        {R"({"fBytes": "AAE"})", false},
        {R"({"fBytes": "-_8="})", false},
        {R"({"mood": "MOOD_HAPPY", "moods": [1, "MOOD_GRUMPY"]})", true},
        {R"({"mood": "happy"})", false},
        {R"({"mood": 12345})", true},
        {R"({"mood": -1})", true},
        {R"({"address": {"street": "Main"}, "addresses": [{}, {"city": "x"}]})", true},
        {R"({"address": null})", false},
        {R"({"packedNumbers": [1, 2, 3], "tags": []})", true},
        {R"({"packedNumbers": 1})", false},
        {R"({"counters": {"a": "1", "": 2}, "places": {"-5": {}, "0": {"street": "s"}}})", true},
        {R"({"places": {"05": {}}})", false},
        {R"({"places": {"x": {}}})", false},
        {R"({"counters": {"a": 1, "a": 2}})", false},
        {R"({"email": "a@b", "phone": "1"})", false},
        {R"({"postal": {}})", true},
        {R"({"maybeCount": 0, "maybeNote": ""})", true},
        {R"({"nickname": "n", "bigNumber": "5", "flag": false})", true},
        {R"({"nickname": {"value": "n"}})", false},
        {R"({"createdAt": "2026-12-07T00:00:00Z"})", false},
        {R"({"nothing": {}})", true},
        {R"({"tree": {"label": "a", "children": [{"children": [{}]}]}})", true},
        {R"({"noSuchField": 1})", false},
        {R"({"fInt32": 1,})", false},
        {R"({"fInt32": 1} x)", false},
        {R"([])", false},
        {"", false},
    };
    for (const Case &test : cases) {
        const QByteArray json(test.json);
        QVERIFY2(readsTheSame(*m_schema, m_everything, json) == test.fast, test.json);
        if (test.fast)
            continue;
        // Declined, the codec's answer is the converter's, error message and all.
        QVERIFY2(codecReadsAsTheConverter(*m_schema, m_everything, json), test.json);
    }

    // A map's entry type read on its own: protobuf writes an entry's key and value even when
    // they hold their defaults; encode leaves that to read (found by the json_fast_path target).
    const gp::Descriptor *entry = m_everything->FindNestedTypeByName("CountersEntry");
    QVERIFY(entry && entry->options().map_entry());
    QVERIFY(readsTheSame(*m_schema, entry, "{}"));
    QVERIFY(readsTheSame(*m_schema, entry, R"({"key": "a"})"));
}

// Past the first sixteen keys the fast path remembers keys in a hash set: a key given twice
// far apart is still seen, and a large map reads and prints as the converter does.
void JsonFastPathTest::largeMapsKeepEachKeyOnce()
{
    QByteArray json = "{\"counters\": {";
    for (int i = 0; i < 5000; ++i)
        json += (i ? ", \"k" : "\"k") + QByteArray::number(i) + "\": \"" + QByteArray::number(i) + '"';
    QVERIFY(readsTheSame(*m_schema, m_everything, json + "}}"));
    QVERIFY(!readsTheSame(*m_schema, m_everything, json + ", \"k4321\": \"1\"}}"));

    QByteArray wire;
    JsonError error;
    QVERIFY(JsonCodec::toBinary(*m_schema, m_everything, json + "}}", &wire, &error));
    QVERIFY(printsTheSame(*m_schema, m_everything, wire, styles[0]));
    QVERIFY(printsTheSame(*m_schema, m_everything, wire, styles[3]));
}

// Proto2: a required field (the converter refuses a message without it), a closed enum (an
// unknown number is kept apart), a JSON name of its own, a group. The fast path reads and
// prints only what the converter reads and prints the same way.
void JsonFastPathTest::proto2TypesAsTheConverterDoes()
{
    const ProtoSnippetResult compiled = ProtoSnippet::compile(QStringLiteral(
        "syntax = \"proto2\";\npackage two;\n"
        "enum Kind { KIND_A = 1; KIND_B = 2; }\n"
        "message Req { required int32 id = 1; optional string note = 2; }\n"
        "message Loose {\n  optional Kind kind = 1;\n  optional string odd = 2 [json_name = \"say "
        "\\\"hi\\\"\"];\n"
        "  repeated int32 packed = 3 [packed = true];\n  repeated int32 plain = 4;\n  optional Req req = 5;\n"
        "  optional group G = 6 { optional int32 x = 7; }\n}\n"));
    QVERIFY2(compiled.ok(),
        compiled.diagnostics.isEmpty() ? "" : qPrintable(compiled.diagnostics.first().toString()));
    const Schema &schema = *compiled.schema;
    const gp::Descriptor *req = schema.findMessage(QStringLiteral("two.Req"));
    const gp::Descriptor *loose = schema.findMessage(QStringLiteral("two.Loose"));
    QVERIFY(req && loose);

    // Read by the fast path, as the converter reads them.
    const QByteArray ownName
        = "{\"kind\": \"KIND_B\", \"say \\\"hi\\\"\": \"x\", \"packed\": [1, 2], \"plain\": [3]}";
    QVERIFY(readsTheSame(schema, loose, ownName));
    QVERIFY(readsTheSame(schema, loose, R"({"odd": "by its own name", "kind": 1})"));
    // Left to the converter: required fields (present or not), a group, a closed enum's
    // unknown number.
    const auto declined = [&](const gp::Descriptor *type, const QByteArray &json) {
        const std::unique_ptr<gp::Message> message = schema.newMessage(type);
        return !JsonFastPath::read(std::string_view(json.constData(), size_t(json.size())), message.get());
    };
    for (const QByteArray &json : {QByteArray(R"({"note": "x"})"), QByteArray(R"({"id": 1})")})
        QVERIFY2(declined(req, json), json.constData());
    for (const QByteArray &json : {QByteArray(R"({"req": {"note": "x"}})"), QByteArray(R"({"g": {"x": 1}})"),
             QByteArray(R"({"kind": 3})")}) {
        QVERIFY2(declined(loose, json), json.constData());
        QVERIFY2(codecReadsAsTheConverter(schema, loose, json), json.constData());
    }

    // Printed by the fast path: known enum values, packed and unpacked lists, the own name.
    QVERIFY(printsTheSame(schema, loose, QByteArray::fromHex("0802 1201 78 1a020102 2003"), styles[0]));
    // Left to it: a closed enum's unknown number, a message with a required field, a group.
    for (const QByteArray &wire :
        {QByteArray::fromHex("0803"), QByteArray::fromHex("2a020801"), QByteArray::fromHex("33 3801 34")}) {
        std::string fast;
        QVERIFY2(!JsonFastPath::print(
                     loose, std::string_view(wire.constData(), size_t(wire.size())), true, false, &fast),
            wire.toHex().constData());
    }
}

// A proto2 message may use a proto3 enum. Reflection keeps a number that enum does not name
// as an unknown field of the message (written after the others), which the fast path leaves
// to the converter; a named value it reads like any other.
void JsonFastPathTest::proto3EnumInProto2MessageAsTheConverterDoes()
{
    const ProtoSnippetResult compiled = ProtoSnippet::compile(
        QStringLiteral("syntax = \"proto2\";\npackage mixed;\nimport \"google/protobuf/type.proto\";\n"
                       "message M {\n  optional google.protobuf.Syntax s = 1;\n  optional int32 n = 2;\n"
                       "  repeated google.protobuf.Syntax packed = 3 [packed = true];\n"
                       "  repeated google.protobuf.Syntax plain = 4;\n}\n"));
    QVERIFY2(compiled.ok(),
        compiled.diagnostics.isEmpty() ? "" : qPrintable(compiled.diagnostics.first().toString()));
    const Schema &schema = *compiled.schema;
    const gp::Descriptor *type = schema.findMessage(QStringLiteral("mixed.M"));
    QVERIFY(type);
    QVERIFY(readsTheSame(schema, type, R"({"n": 1, "s": "SYNTAX_PROTO3", "packed": [1, 0], "plain": [0]})"));
    for (const QByteArray &json : {QByteArray(R"({"s": 5, "n": 1})"), QByteArray(R"({"packed": [5]})"),
             QByteArray(R"({"plain": [5, 1]})"), QByteArray(R"({"s": -3})")}) {
        QVERIFY2(!readsTheSame(schema, type, json), json.constData());
        bool read = false;
        QVERIFY2(codecReadsAsTheConverter(schema, type, json, &read), json.constData());
        QVERIFY2(read, json.constData());
    }
}

// JsonCodec refuses JSON nested more than 100 levels deep, arrays counted, whichever way it
// reads the rest: 51 messages deep through lists is within the fast path's own limit.
void JsonFastPathTest::textNestedTooDeepIsTheConvertersToRefuse()
{
    QByteArray json = "{\"tree\": ";
    for (int i = 0; i < 50; ++i)
        json += "{\"children\": [";
    json += "{}";
    for (int i = 0; i < 50; ++i)
        json += "]}";
    json += '}';
    QVERIFY(JsonCodec::nestingDepth(json) > JsonCodec::MaxNesting);
    QByteArray bytes;
    JsonError error;
    QVERIFY(!JsonCodec::toBinary(*m_schema, m_everything, json, &bytes, &error));
    QVERIFY2(error.message.contains(QStringLiteral("nested more than 100")), qPrintable(error.toString()));
}

QTEST_GUILESS_MAIN(JsonFastPathTest)
#include "JsonFastPathTest.moc"
