#include "model/frames/PayloadBreakdown.h"

#include "model/json/JsonCodec.h"

#include <QCoreApplication>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/message.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/wire_format_lite.h>

namespace gp = google::protobuf;

namespace wirescope::PayloadSizer {

namespace {

constexpr int MaxDepth = 8;

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("PayloadSizer", text, nullptr, n);
}

qint64 varintSize(quint64 value)
{
    return qint64(gp::io::CodedOutputStream::VarintSize64(value));
}

qint64 tagSize(const gp::FieldDescriptor *field)
{
    return qint64(gp::internal::WireFormatLite::TagSize(
        field->number(), gp::internal::WireFormatLite::FieldType(field->type())));
}

qint64 objectPunctuation(qsizetype members)
{
    return 2 + qMax<qint64>(0, qint64(members) - 1); // braces (or brackets) and commas
}

bool isWellKnown(const gp::Descriptor *type)
{
    return type->file()->name().rfind("google/protobuf/", 0) == 0;
}

QByteArray compactJson(const Schema &schema, const gp::Message &message)
{
    QByteArray json;
    JsonStyle style;
    style.indent = false;
    const std::string bytes = message.SerializeAsString();
    JsonCodec::toJson(
        schema, message.GetDescriptor(), QByteArray::fromStdString(bytes), &json, style, nullptr);
    return json;
}

// A copy of the message with only one field set: its sizes are that field's sizes.
std::unique_ptr<gp::Message> onlyField(const gp::Message &message, const gp::FieldDescriptor *field)
{
    std::unique_ptr<gp::Message> only(message.New());
    only->CopyFrom(message);
    const gp::Reflection *reflection = message.GetReflection();
    std::vector<const gp::FieldDescriptor *> set;
    reflection->ListFields(*only, &set);
    for (const gp::FieldDescriptor *other : set) {
        if (other != field)
            reflection->ClearField(only.get(), other);
    }
    reflection->MutableUnknownFields(only.get())->Clear();
    return only;
}

int occurrences(const gp::Message &message, const gp::FieldDescriptor *field)
{
    return field->is_repeated() ? message.GetReflection()->FieldSize(message, field) : 1;
}

qint64 lengthOf(const gp::Message &message, const gp::FieldDescriptor *field, int index)
{
    const gp::Reflection *reflection = message.GetReflection();
    if (field->type() == gp::FieldDescriptor::TYPE_MESSAGE)
        return qint64(field->is_repeated()
                ? reflection->GetRepeatedMessage(message, field, index).ByteSizeLong()
                : reflection->GetMessage(message, field).ByteSizeLong());
    return qint64(field->is_repeated() ? reflection->GetRepeatedString(message, field, index).size()
                                       : reflection->GetString(message, field).size());
}

// Splits a field's serialized bytes into tags, length prefixes and values.
void binaryParts(const gp::Message &message, const gp::FieldDescriptor *field, qint64 total, FieldSize *size)
{
    const int count = occurrences(message, field);
    const gp::FieldDescriptor::Type type = field->type();
    const qint64 tag = tagSize(field);
    if (field->is_packed()) {
        // One tag and one length for the whole array: solve tag + varint(len) + len == total.
        size->binaryTag = tag;
        for (qint64 len = total - tag - 1; len >= 0 && len >= total - tag - 10; --len) {
            if (tag + varintSize(quint64(len)) + len == total) {
                size->binaryLength = varintSize(quint64(len));
                break;
            }
        }
    } else {
        size->binaryTag = tag * count;
        const bool lengthDelimited = type == gp::FieldDescriptor::TYPE_STRING
            || type == gp::FieldDescriptor::TYPE_BYTES || type == gp::FieldDescriptor::TYPE_MESSAGE;
        for (int i = 0; lengthDelimited && i < count; ++i)
            size->binaryLength += varintSize(quint64(lengthOf(message, field, i)));
    }
    size->binaryValue = total - size->binaryTag - size->binaryLength;
}

bool anyNegative(const gp::Message &message, const gp::FieldDescriptor *field)
{
    const gp::Reflection *r = message.GetReflection();
    for (int i = 0; i < occurrences(message, field); ++i) {
        const bool is32 = field->cpp_type() == gp::FieldDescriptor::CPPTYPE_INT32;
        const qint64 value = field->is_repeated()
            ? (is32 ? r->GetRepeatedInt32(message, field, i) : r->GetRepeatedInt64(message, field, i))
            : (is32 ? r->GetInt32(message, field) : r->GetInt64(message, field));
        if (value < 0)
            return true;
    }
    return false;
}

qint64 stringBytes(const gp::Message &message, const gp::FieldDescriptor *field)
{
    qint64 bytes = 0;
    for (int i = 0; i < occurrences(message, field); ++i)
        bytes += lengthOf(message, field, i);
    return bytes;
}

// The "name": keys of every element of a repeated message field, one level deep.
qint64 elementKeyBytes(const gp::Message &message, const gp::FieldDescriptor *field)
{
    const gp::Reflection *r = message.GetReflection();
    qint64 keys = 0;
    std::vector<const gp::FieldDescriptor *> set;
    for (int i = 0; i < r->FieldSize(message, field); ++i) {
        const gp::Message &element = r->GetRepeatedMessage(message, field, i);
        set.clear();
        element.GetReflection()->ListFields(element, &set);
        for (const gp::FieldDescriptor *member : set)
            keys += qint64(member->json_name().size()) + 3;
    }
    return keys;
}

QString wellKnownNote(const gp::Descriptor *type)
{
    const std::string &name = type->full_name();
    if (name == "google.protobuf.Timestamp")
        return tr("JSON writes an RFC 3339 date-time; binary two varints, seconds and nanos");
    if (name == "google.protobuf.Duration")
        return tr("JSON writes text such as \"1.5s\"; binary two varints, seconds and nanos");
    if (name == "google.protobuf.Struct" || name == "google.protobuf.Value"
        || name == "google.protobuf.ListValue")
        return tr("plain JSON in JSON; in binary every value is a nested Value message with its own tag "
                  "and length");
    if (name == "google.protobuf.FieldMask")
        return tr("JSON joins the paths with commas in lowerCamelCase; binary sends each path as a string");
    if (name == "google.protobuf.Any")
        return tr("both carry the type URL; JSON puts it in \"@type\" beside the message's own fields");
    if (name == "google.protobuf.Empty")
        return tr("{} in JSON, no bytes of value in binary");
    if (name.size() > 5 && name.compare(name.size() - 5, 5, "Value") == 0)
        return tr("a wrapper is the bare value in JSON but a nested message in binary");
    return {};
}

QString messageNote(const gp::Message &message, const gp::FieldDescriptor *field)
{
    const int count = occurrences(message, field);
    if (field->is_map())
        return tr("a map of %n entries: binary sends each entry as a small message with a tag and length "
                  "for the entry, its key and its value; JSON writes one object keyed by the map keys",
            count);
    if (isWellKnown(field->message_type()))
        return wellKnownNote(field->message_type());
    if (field->is_repeated() && count > 1)
        return tr("%n elements: JSON repeats every field name in each element (%1 bytes of keys here); "
                  "binary uses a tag of a byte or two instead",
            count)
            .arg(elementKeyBytes(message, field));
    return {};
}

QString scalarNote(const gp::Message &message, const gp::FieldDescriptor *field, const FieldSize &size)
{
    using T = gp::FieldDescriptor;
    const int count = occurrences(message, field);
    switch (field->type()) {
    case T::TYPE_BYTES:
        return tr("base64 in JSON: %1 bytes of data take %2 characters (4 for every 3, with quotes)")
            .arg(stringBytes(message, field))
            .arg(size.jsonValue);
    case T::TYPE_INT64:
        if (anyNegative(message, field))
            return tr("a negative int64 takes ten varint bytes (sint64 would zigzag it to a few); JSON "
                      "writes 64-bit integers as quoted strings");
        [[fallthrough]];
    case T::TYPE_UINT64:
    case T::TYPE_SINT64:
    case T::TYPE_FIXED64:
    case T::TYPE_SFIXED64:
        return tr("JSON writes 64-bit integers as quoted strings, so JavaScript readers lose no precision");
    case T::TYPE_INT32:
        if (anyNegative(message, field))
            return tr("a negative int32 is sign-extended to ten varint bytes (sint32 would zigzag it to a "
                      "few); JSON writes its digits");
        return tr("a varint takes 7 bits a byte; JSON writes the digits");
    case T::TYPE_UINT32:
    case T::TYPE_SINT32:
        return tr("a varint takes 7 bits a byte; JSON writes the digits");
    case T::TYPE_ENUM:
        return tr("JSON writes the value's name; binary its number as a varint");
    case T::TYPE_BOOL:
        return tr("one byte in binary; true or false in JSON");
    case T::TYPE_DOUBLE:
        return tr("always 8 bytes in binary; JSON writes the shortest text that reads back the same");
    case T::TYPE_FLOAT:
        return tr("always 4 bytes in binary; JSON writes the shortest text that reads back the same");
    case T::TYPE_FIXED32:
    case T::TYPE_SFIXED32:
        return tr("always 4 bytes in binary; JSON writes the digits");
    case T::TYPE_STRING: {
        const qint64 framing = field->is_repeated() ? objectPunctuation(count) + 2 * count : 2;
        const qint64 escapes = size.jsonValue - framing - stringBytes(message, field);
        return escapes > 0 ? tr("the same UTF-8 text both ways, but JSON escapes add %1 bytes").arg(escapes)
                           : tr("the same UTF-8 text both ways; JSON adds quotes, binary a length");
    }
    default:
        return {};
    }
}

QString noteFor(const gp::Message &message, const gp::FieldDescriptor *field, const FieldSize &size)
{
    QStringList parts;
    const QString kind = field->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE
        ? messageNote(message, field)
        : scalarNote(message, field, size);
    if (!kind.isEmpty())
        parts << kind;
    const int count = occurrences(message, field);
    if (field->is_packed() && count > 1)
        parts << tr("packed: one tag and one length for all %n values", count);
    else if (field->is_repeated() && !field->is_map() && count > 1
        && field->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE)
        parts << tr("a tag for each of the %n values in binary", count);
    if (size.json() < size.binary())
        parts.prepend(tr("JSON is smaller here"));
    return parts.join(QStringLiteral("; "));
}

QList<FieldSize> fieldsOf(const Schema &schema, const gp::Message &message, int depth, qint64 *punctuation);

FieldSize elementSize(
    const Schema &schema, const gp::FieldDescriptor *field, const gp::Message &element, int index, int depth)
{
    FieldSize size;
    size.name = QStringLiteral("[%1]").arg(index);
    size.number = -1;
    size.binaryTag = tagSize(field);
    size.binaryValue = qint64(element.ByteSizeLong());
    size.binaryLength = varintSize(quint64(size.binaryValue));
    size.jsonValue = compactJson(schema, element).size();
    size.children = fieldsOf(schema, element, depth + 1, &size.jsonPunctuation);
    return size;
}

// A repeated message field's elements as its children; past ElementRows the rest is one row,
// found by subtraction so the rows still add up.
void addElements(const Schema &schema, const gp::Message &message, const gp::FieldDescriptor *field,
    int depth, FieldSize *size)
{
    const gp::Reflection *r = message.GetReflection();
    const int count = r->FieldSize(message, field);
    const int shown = std::min(count, FieldSize::ElementRows);
    qint64 binary = 0;
    qint64 json = 0;
    for (int i = 0; i < shown; ++i) {
        FieldSize element = elementSize(schema, field, r->GetRepeatedMessage(message, field, i), i, depth);
        binary += element.binary();
        json += element.json();
        size->children.append(std::move(element));
    }
    size->jsonPunctuation = objectPunctuation(count);
    if (count == shown)
        return;
    FieldSize rest;
    rest.name = QStringLiteral("[%1\u2026%2]").arg(shown).arg(count - 1);
    rest.number = -1;
    rest.binaryTag = tagSize(field) * (count - shown);
    for (int i = shown; i < count; ++i)
        rest.binaryLength += varintSize(quint64(lengthOf(message, field, i)));
    rest.binaryValue = size->binary() - binary - rest.binaryTag - rest.binaryLength;
    rest.jsonValue = size->jsonValue - size->jsonPunctuation - json;
    rest.note = tr("the other %n elements, taken together", count - shown);
    size->children.append(std::move(rest));
}

FieldSize fieldSize(
    const Schema &schema, const gp::Message &message, const gp::FieldDescriptor *field, int depth)
{
    FieldSize size;
    size.name = QString::fromStdString(field->json_name());
    size.number = field->number();
    const std::unique_ptr<gp::Message> only = onlyField(message, field);
    binaryParts(message, field, qint64(only->ByteSizeLong()), &size);
    const qint64 json = qMax<qint64>(0, compactJson(schema, *only).size() - 2); // minus the braces
    size.jsonKey = qint64(field->json_name().size()) + 3; // "name":
    size.jsonValue = json - size.jsonKey;
    size.note = noteFor(message, field, size);
    const bool nested = field->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE && !field->is_map()
        && !isWellKnown(field->message_type());
    if (nested && depth < MaxDepth) {
        if (field->is_repeated())
            addElements(schema, message, field, depth, &size);
        else
            size.children = fieldsOf(schema, message.GetReflection()->GetMessage(message, field), depth + 1,
                &size.jsonPunctuation);
    }
    return size;
}

QList<FieldSize> fieldsOf(const Schema &schema, const gp::Message &message, int depth, qint64 *punctuation)
{
    QList<FieldSize> out;
    std::vector<const gp::FieldDescriptor *> set;
    const gp::Reflection *reflection = message.GetReflection();
    reflection->ListFields(message, &set);
    for (const gp::FieldDescriptor *field : set)
        out.append(fieldSize(schema, message, field, depth));
    const gp::UnknownFieldSet &unknown = reflection->GetUnknownFields(message);
    if (!unknown.empty()) {
        FieldSize size;
        size.name = QStringLiteral("(unknown fields)");
        std::string bytes;
        unknown.SerializeToString(&bytes);
        size.binaryValue = qint64(bytes.size());
        size.note = tr("fields this schema does not know: kept in binary, left out of JSON");
        out.append(size);
    }
    if (punctuation)
        *punctuation = objectPunctuation(qsizetype(set.size()));
    return out;
}

} // namespace

QList<FieldSize> breakdown(const Schema &schema, const gp::Message &message, qint64 *punctuation)
{
    return fieldsOf(schema, message, 0, punctuation);
}

} // namespace wirescope::PayloadSizer
