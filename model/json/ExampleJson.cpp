#include "model/json/ExampleJson.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>

#include <QHash>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

class ExampleWriter final {
public:
    explicit ExampleWriter(int maxRepeats)
        : m_maxRepeats(maxRepeats)
    {
    }

    void message(const gp::Descriptor *type, int depth);
    QByteArray text;

private:
    void value(const gp::FieldDescriptor *field, int depth);
    void scalar(const gp::FieldDescriptor *field, int depth);
    bool wellKnown(const gp::Descriptor *type, int depth);
    void indent(int depth) { text.append(QByteArray(depth * 2, ' ')); }

    int m_maxRepeats;
    QHash<const gp::Descriptor *, int> m_onPath;
};

// Past these, a message is written as {}: a type graph where each type has two fields of
// distinct types below it grows an example exponentially with its depth, and the example is
// made on the window's thread when a method opens.
constexpr int MaxDepth = 16;
constexpr qsizetype MaxBytes = 16 * 1024;

// A JSON string: a json_name option may hold any text.
QByteArray quoted(const std::string &s)
{
    QByteArray out;
    out.reserve(qsizetype(s.size()) + 2);
    out.append('"');
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out.append('\\');
            out.append(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out.append(QByteArray("\\u00")
                + QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(2, '0'));
        } else {
            out.append(c);
        }
    }
    out.append('"');
    return out;
}

// The wrapper types, whose JSON is their value; other google.protobuf types whose names end in
// "Value" (EnumValue, Value) are not wrappers.
bool isWrapper(const std::string &name)
{
    static const char *const wrappers[]
        = {"google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue"};
    return std::any_of(
        std::begin(wrappers), std::end(wrappers), [&name](const char *w) { return name == w; });
}

bool ExampleWriter::wellKnown(const gp::Descriptor *type, int depth)
{
    const std::string &name = type->full_name();
    if (name == "google.protobuf.Timestamp")
        text.append("\"2024-01-01T12:00:00Z\"");
    else if (name == "google.protobuf.Duration")
        text.append("\"1.5s\"");
    else if (name == "google.protobuf.FieldMask")
        text.append("\"fieldOne,fieldTwo\"");
    else if (name == "google.protobuf.Struct")
        text.append("{\"key\": \"value\"}");
    else if (name == "google.protobuf.Value")
        text.append("\"any JSON value\"");
    else if (name == "google.protobuf.ListValue")
        text.append("[1, \"two\"]");
    else if (name == "google.protobuf.Empty")
        text.append("{}");
    else if (name == "google.protobuf.Any") {
        // Only types the schema knows can be packed; Empty is in every schema that has Any's
        // file only when imported, so an empty Any is the safe example.
        text.append("{}");
    } else if (isWrapper(name)) {
        const gp::FieldDescriptor *inner = type->FindFieldByNumber(1);
        if (!inner)
            return false;
        scalar(inner, depth);
    } else {
        return false;
    }
    return true;
}

void ExampleWriter::scalar(const gp::FieldDescriptor *field, int depth)
{
    switch (field->cpp_type()) {
    // Not the defaults: a default is not on the wire, and an example that sends nothing
    // (a stream of "count": 0) teaches nothing.
    case gp::FieldDescriptor::CPPTYPE_INT32:
    case gp::FieldDescriptor::CPPTYPE_UINT32:
        text.append("1");
        break;
    case gp::FieldDescriptor::CPPTYPE_INT64:
    case gp::FieldDescriptor::CPPTYPE_UINT64:
        text.append("\"1\"");
        break;
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
    case gp::FieldDescriptor::CPPTYPE_FLOAT:
        text.append("0.5");
        break;
    case gp::FieldDescriptor::CPPTYPE_BOOL:
        text.append("true");
        break;
    case gp::FieldDescriptor::CPPTYPE_ENUM: // the first value after the UNSPECIFIED one
        text.append(
            quoted(field->enum_type()->value(std::min(1, field->enum_type()->value_count() - 1))->name()));
        break;
    case gp::FieldDescriptor::CPPTYPE_STRING:
        if (field->type() == gp::FieldDescriptor::TYPE_BYTES)
            text.append("\"ZXhhbXBsZQ==\""); // "example"
        else
            text.append(quoted(field->name()));
        break;
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
        message(field->message_type(), depth);
        break;
    }
}

void ExampleWriter::value(const gp::FieldDescriptor *field, int depth)
{
    if (field->is_map()) {
        const gp::FieldDescriptor *key = field->message_type()->map_key();
        const gp::FieldDescriptor *mapped = field->message_type()->map_value();
        text.append("{");
        if (key->cpp_type() == gp::FieldDescriptor::CPPTYPE_STRING)
            text.append("\"key\"");
        else if (key->cpp_type() == gp::FieldDescriptor::CPPTYPE_BOOL)
            text.append("\"true\"");
        else
            text.append("\"1\"");
        text.append(": ");
        scalar(mapped, depth);
        text.append("}");
    } else if (field->is_repeated()) {
        text.append("[");
        scalar(field, depth);
        text.append("]");
    } else {
        scalar(field, depth);
    }
}

void ExampleWriter::message(const gp::Descriptor *type, int depth)
{
    if (wellKnown(type, depth))
        return;
    if (m_onPath.value(type) >= m_maxRepeats || type->field_count() == 0 || depth >= MaxDepth
        || text.size() >= MaxBytes) {
        text.append("{}");
        return;
    }
    ++m_onPath[type];
    text.append("{\n");
    bool first = true;
    for (int i = 0; i < type->field_count(); ++i) {
        const gp::FieldDescriptor *field = type->field(i);
        const gp::OneofDescriptor *oneof = field->real_containing_oneof();
        if (oneof && oneof->field(0) != field)
            continue;
        if (!first)
            text.append(",\n");
        first = false;
        indent(depth + 1);
        text.append(quoted(field->json_name()) + ": ");
        value(field, depth + 1);
    }
    text.append("\n");
    indent(depth);
    text.append("}");
    --m_onPath[type];
}

} // namespace

QByteArray exampleJson(const gp::Descriptor *type, int maxRepeats)
{
    if (!type)
        return QByteArrayLiteral("{}");
    ExampleWriter writer(maxRepeats);
    writer.message(type, 0);
    return writer.text;
}

} // namespace wirescope
