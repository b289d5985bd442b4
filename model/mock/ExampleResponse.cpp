#include "model/mock/ExampleResponse.h"

#include <google/protobuf/descriptor.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QStringList>

#include <array>
#include <optional>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

struct Person {
    const char *login;
    const char *first;
    const char *last;
};

struct Place {
    const char *city;
    const char *country;
};

constexpr std::array people {Person {"ada", "Ada", "Lovelace"}, Person {"grace", "Grace", "Hopper"},
    Person {"alan", "Alan", "Turing"}, Person {"edsger", "Edsger", "Dijkstra"},
    Person {"barbara", "Barbara", "Liskov"}, Person {"ken", "Ken", "Thompson"}};

constexpr std::array places {Place {"Lisbon", "PT"}, Place {"Tokyo", "JP"}, Place {"Zurich", "CH"},
    Place {"Toronto", "CA"}, Place {"Nairobi", "KE"}, Place {"Austin", "US"}};

constexpr std::array sentences {"Thanks, your order is on its way.", "Everything looks fine here.",
    "See you at the next release.", "The build is green again.", "Ready when you are.",
    "Shipped this morning."};

// What a string field holds, judged by its name.
enum class Flavour {
    Plain,
    Email,
    FullName,
    FirstName,
    LastName,
    Id,
    Url,
    Phone,
    City,
    Country,
    Street,
    Sentence,
    Token
};

bool isOneOf(const QString &name, std::initializer_list<const char *> names)
{
    for (const char *candidate : names) {
        if (name == QLatin1String(candidate))
            return true;
    }
    return false;
}

Flavour flavourOf(const QString &name)
{
    if (name.contains(QLatin1String("email")))
        return Flavour::Email;
    if (name.contains(QLatin1String("token")))
        return Flavour::Token;
    if (isOneOf(name, {"url", "uri", "link", "website", "homepage"}) || name.endsWith(QLatin1String("_url"))
        || name.endsWith(QLatin1String("_uri")) || name.endsWith(QLatin1String("_link")))
        return Flavour::Url;
    if (name.contains(QLatin1String("phone")))
        return Flavour::Phone;
    if (name == QLatin1String("first_name"))
        return Flavour::FirstName;
    if (name == QLatin1String("last_name"))
        return Flavour::LastName;
    if (isOneOf(name,
            {"name", "full_name", "display_name", "customer", "user", "author", "owner", "from", "sender"}))
        return Flavour::FullName;
    if (name == QLatin1String("id") || name.endsWith(QLatin1String("_id")))
        return Flavour::Id;
    if (name == QLatin1String("city"))
        return Flavour::City;
    if (name == QLatin1String("country") || name == QLatin1String("country_code"))
        return Flavour::Country;
    if (isOneOf(name, {"street", "address", "lines"}) || name.startsWith(QLatin1String("address_line")))
        return Flavour::Street;
    if (isOneOf(name, {"title", "description", "text", "message", "comment", "note", "summary", "body"}))
        return Flavour::Sentence;
    return Flavour::Plain;
}

quint64 splitmix64(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

bool isWrapper(const std::string &name)
{
    static const QSet<QByteArray> wrappers {"google.protobuf.DoubleValue", "google.protobuf.FloatValue",
        "google.protobuf.Int64Value", "google.protobuf.UInt64Value", "google.protobuf.Int32Value",
        "google.protobuf.UInt32Value", "google.protobuf.BoolValue", "google.protobuf.StringValue",
        "google.protobuf.BytesValue"};
    return wrappers.contains(QByteArray::fromStdString(name));
}

// Writes one answer. Every value comes from the seed, the field's number and its depth, so
// the same request always gets the same answer and sibling fields differ.
class ResponseWriter final {
public:
    explicit ResponseWriter(quint64 seed)
        : m_seed(seed)
        , m_person(people[splitmix64(seed) % people.size()])
        , m_place(places[splitmix64(seed + 1) % places.size()])
    {
    }

    // Nothing when the type is already on the path: recursion stops there.
    std::optional<QJsonValue> message(
        const gp::Descriptor *type, const QString &name, quint64 random, int depth);

private:
    std::optional<QJsonValue> field(const gp::FieldDescriptor *field, int depth);
    std::optional<QJsonValue> element(const gp::FieldDescriptor *field, const QString &name, int depth);
    std::optional<QJsonValue> wellKnown(
        const gp::Descriptor *type, const QString &name, quint64 random) const;
    QJsonValue scalar(const gp::FieldDescriptor *field, const QString &name, quint64 random) const;
    QJsonValue enumValue(const gp::EnumDescriptor *type, quint64 random) const;
    QString text(const QString &name, quint64 random) const;
    quint64 random(int number, int depth) const;

    quint64 m_seed;
    const Person &m_person;
    const Place &m_place;
    QSet<const gp::Descriptor *> m_onPath;
};

quint64 ResponseWriter::random(int number, int depth) const
{
    return splitmix64(m_seed ^ splitmix64((quint64(quint32(number)) << 16) ^ quint64(depth)));
}

QString ResponseWriter::text(const QString &name, quint64 random) const
{
    const int n = int(random % 99) + 1;
    switch (flavourOf(name)) {
    case Flavour::Email:
        return QLatin1String(m_person.login) + QStringLiteral("@example.com");
    case Flavour::FullName:
        return QLatin1String(m_person.first) + u' ' + QLatin1String(m_person.last);
    case Flavour::FirstName:
        return QLatin1String(m_person.first);
    case Flavour::LastName:
        return QLatin1String(m_person.last);
    case Flavour::Id:
        return QStringLiteral("id-%1").arg(random & 0xffffffU, 6, 16, QLatin1Char('0'));
    case Flavour::Url:
        return QStringLiteral("https://example.com/%1/%2").arg(QString(name).replace(u'_', u'-')).arg(n);
    case Flavour::Phone:
        return QStringLiteral("+1-555-01%1").arg(n % 100, 2, 10, QLatin1Char('0'));
    case Flavour::City:
        return QLatin1String(m_place.city);
    case Flavour::Country:
        return QLatin1String(m_place.country);
    case Flavour::Street:
        return QStringLiteral("%1 Main Street").arg(n);
    case Flavour::Sentence:
        return QLatin1String(sentences[random % sentences.size()]);
    case Flavour::Token:
        return QStringLiteral("tok_%1").arg(random, 16, 16, QLatin1Char('0'));
    case Flavour::Plain:
        break;
    }
    return QStringLiteral("%1 %2").arg(name).arg(n);
}

QJsonValue ResponseWriter::enumValue(const gp::EnumDescriptor *type, quint64 random) const
{
    if (type->full_name() == "google.protobuf.NullValue")
        return QJsonValue::Null;
    QList<const gp::EnumValueDescriptor *> set;
    for (int i = 0; i < type->value_count(); ++i) {
        if (type->value(i)->number() != 0)
            set.append(type->value(i));
    }
    const gp::EnumValueDescriptor *value
        = set.isEmpty() ? type->value(0) : set.at(qsizetype(random % set.size()));
    return QString::fromStdString(value->name());
}

QJsonValue ResponseWriter::scalar(const gp::FieldDescriptor *field, const QString &name, quint64 random) const
{
    const bool isId = flavourOf(name) == Flavour::Id;
    const quint64 small = isId ? 1000 + random % 9000 : 1 + random % 100;
    switch (field->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_INT32:
    case gp::FieldDescriptor::CPPTYPE_UINT32:
        return qint64(small);
    case gp::FieldDescriptor::CPPTYPE_INT64: // proto3 JSON writes 64-bit integers as strings
    case gp::FieldDescriptor::CPPTYPE_UINT64:
        return QString::number(isId ? small : small * 10);
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
    case gp::FieldDescriptor::CPPTYPE_FLOAT:
        return double(100 + random % 9900) / 100.0; // 1.00 to 99.99: two decimals, like a price
    case gp::FieldDescriptor::CPPTYPE_BOOL:
        return (random & 1) != 0;
    case gp::FieldDescriptor::CPPTYPE_ENUM:
        return enumValue(field->enum_type(), random);
    case gp::FieldDescriptor::CPPTYPE_STRING:
        if (field->type() == gp::FieldDescriptor::TYPE_BYTES)
            return QString::fromLatin1(text(name, random).toUtf8().toBase64());
        return text(name, random);
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
        break;
    }
    return QJsonValue();
}

std::optional<QJsonValue> ResponseWriter::wellKnown(
    const gp::Descriptor *type, const QString &name, quint64 random) const
{
    const std::string &full = type->full_name();
    if (full == "google.protobuf.Timestamp") {
        return QStringLiteral("2024-%1-%2T%3:%4:%5Z")
            .arg(random % 12 + 1, 2, 10, QLatin1Char('0'))
            .arg((random >> 8) % 28 + 1, 2, 10, QLatin1Char('0'))
            .arg((random >> 16) % 24, 2, 10, QLatin1Char('0'))
            .arg((random >> 24) % 60, 2, 10, QLatin1Char('0'))
            .arg((random >> 32) % 60, 2, 10, QLatin1Char('0'));
    }
    if (full == "google.protobuf.Duration")
        return QStringLiteral("1.500s");
    if (full == "google.protobuf.FieldMask")
        return QString(); // no paths: any names would belong to no particular message
    if (full == "google.protobuf.Struct")
        return QJsonObject {{QStringLiteral("source"), QStringLiteral("mock")},
            {QStringLiteral("attempt"), qint64(random % 9 + 1)}};
    if (full == "google.protobuf.Value")
        return text(name, random);
    if (full == "google.protobuf.ListValue")
        return QJsonArray {qint64(random % 9 + 1), text(name, random)};
    if (full == "google.protobuf.Any" || full == "google.protobuf.Empty")
        return QJsonObject(); // an Any can only hold a type the schema resolves: none is safe
    if (isWrapper(full))
        return scalar(type->FindFieldByNumber(1), name, random);
    return std::nullopt;
}

std::optional<QJsonValue> ResponseWriter::element(
    const gp::FieldDescriptor *field, const QString &name, int depth)
{
    const quint64 r = random(field->number(), depth);
    if (field->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE)
        return message(field->message_type(), name, r, depth + 1);
    return scalar(field, name, r);
}

std::optional<QJsonValue> ResponseWriter::field(const gp::FieldDescriptor *field, int depth)
{
    const QString name = QString::fromStdString(field->name());
    if (field->is_map()) {
        const gp::FieldDescriptor *key = field->message_type()->map_key();
        std::optional<QJsonValue> mapped = element(field->message_type()->map_value(), name, depth);
        if (!mapped)
            return std::nullopt;
        QString keyText = QStringLiteral("1");
        if (key->cpp_type() == gp::FieldDescriptor::CPPTYPE_STRING)
            keyText = QStringLiteral("key");
        else if (key->cpp_type() == gp::FieldDescriptor::CPPTYPE_BOOL)
            keyText = QStringLiteral("true");
        return QJsonObject {{keyText, *mapped}};
    }
    std::optional<QJsonValue> value = element(field, name, depth);
    if (value && field->is_repeated())
        return QJsonArray {*value};
    return value;
}

std::optional<QJsonValue> ResponseWriter::message(
    const gp::Descriptor *type, const QString &name, quint64 random, int depth)
{
    if (std::optional<QJsonValue> special = wellKnown(type, name, random))
        return special;
    if (m_onPath.contains(type))
        return std::nullopt;
    m_onPath.insert(type);
    QJsonObject object;
    for (int i = 0; i < type->field_count(); ++i) {
        const gp::FieldDescriptor *member = type->field(i);
        const gp::OneofDescriptor *oneof = member->real_containing_oneof();
        if (oneof && oneof->field(0) != member)
            continue;
        if (std::optional<QJsonValue> value = field(member, depth))
            object.insert(QString::fromStdString(member->json_name()), *value);
    }
    m_onPath.remove(type);
    return object;
}

// Compact JSON: a message's object, or a well-known type's own value ("2024-...", a number).
QByteArray toText(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

} // namespace

namespace ExampleResponse {

QByteArray json(const gp::Descriptor *type, quint64 seed)
{
    if (!type)
        return QByteArrayLiteral("{}");
    ResponseWriter writer(seed);
    const QString name = QStringLiteral("value"); // what a top-level wrapper or Value is called
    return toText(writer.message(type, name, splitmix64(seed), 0).value_or(QJsonObject()));
}

} // namespace ExampleResponse

} // namespace wirescope
