// JsonFastPath::read: JSON text straight into a message through reflection, for the types
// JsonFastPath::encode leaves (maps, whose order on the wire is the message's own). The JSON
// and each value are read as JsonFastLexer.h says.
#include "model/json/JsonFastLexer.h"

#include <google/protobuf/message.h>

namespace gp = google::protobuf;

namespace wirescope::JsonFastPath {

namespace {

class Reader : Lexer {
public:
    using Lexer::Lexer;

    bool document(gp::Message *message) { return object(message, 0) && atEnd(); }

private:
    bool object(gp::Message *message, int depth);
    bool field(gp::Message *message, const gp::FieldDescriptor *field, int depth);
    bool mapEntries(gp::Message *message, const gp::FieldDescriptor *field, int depth);
    bool element(gp::Message *message, const gp::FieldDescriptor *field, int depth);
    bool messageValue(gp::Message *message, int depth);

    Scalar m_value;
};

bool Reader::object(gp::Message *message, int depth)
{
    return members(message->GetDescriptor(), depth,
        [&](const gp::FieldDescriptor *field) { return this->field(message, field, depth); });
}

bool Reader::field(gp::Message *message, const gp::FieldDescriptor *field, int depth)
{
    if (field->type() == gp::FieldDescriptor::TYPE_GROUP)
        return false;
    if (field->is_map())
        return mapEntries(message, field, depth);
    if (!field->is_repeated())
        return element(message, field, depth);
    return elements([&] { return element(message, field, depth); });
}

bool Reader::mapEntries(gp::Message *message, const gp::FieldDescriptor *field, int depth)
{
    const gp::Reflection *reflection = message->GetReflection();
    const gp::FieldDescriptor *keyField = field->message_type()->map_key();
    const gp::FieldDescriptor *valueField = field->message_type()->map_value();
    if (!take('{'))
        return false;
    if (take('}'))
        return true;
    SeenOnce<std::string> keys;
    std::string key;
    do {
        if (!string(&key) || !take(':'))
            return false;
        if (!keys.insert(key))
            return false;
        gp::Message *entry = reflection->AddMessage(message, field);
        const gp::Reflection *entryReflection = entry->GetReflection();
        // Keys as the converter reads them: the plain decimal text of an integer, or
        // "true" and "false".
        const bool numeric = keyField->cpp_type() != gp::FieldDescriptor::CPPTYPE_STRING
            && keyField->cpp_type() != gp::FieldDescriptor::CPPTYPE_BOOL;
        if (numeric && !plainInteger(key))
            return false;
        const bool sign = !key.empty() && key.front() == '-';
        switch (keyField->cpp_type()) {
        case gp::FieldDescriptor::CPPTYPE_STRING:
            entryReflection->SetString(entry, keyField, key);
            break;
        case gp::FieldDescriptor::CPPTYPE_BOOL:
            if (key != "true" && key != "false")
                return false;
            entryReflection->SetBool(entry, keyField, key == "true");
            break;
        case gp::FieldDescriptor::CPPTYPE_INT32: {
            int32_t value = 0;
            if (!integerFrom(key, &value))
                return false;
            entryReflection->SetInt32(entry, keyField, value);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_INT64: {
            int64_t value = 0;
            if (!integerFrom(key, &value))
                return false;
            entryReflection->SetInt64(entry, keyField, value);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_UINT32: {
            uint32_t value = 0;
            if (sign || !integerFrom(key, &value))
                return false;
            entryReflection->SetUInt32(entry, keyField, value);
            break;
        }
        case gp::FieldDescriptor::CPPTYPE_UINT64: {
            uint64_t value = 0;
            if (sign || !integerFrom(key, &value))
                return false;
            entryReflection->SetUInt64(entry, keyField, value);
            break;
        }
        default:
            return false;
        }
        if (!element(entry, valueField, depth + 1))
            return false;
    } while (take(','));
    return take('}');
}

// One value of a field: the field's own when it is singular, one more element when repeated.
bool Reader::element(gp::Message *message, const gp::FieldDescriptor *field, int depth)
{
    const gp::Reflection *reflection = message->GetReflection();
    const bool repeated = field->is_repeated();
    if (field->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE) {
        gp::Message *inner
            = repeated ? reflection->AddMessage(message, field) : reflection->MutableMessage(message, field);
        return messageValue(inner, depth + 1);
    }
    if (!scalar(field, &m_value))
        return false;
    const Scalar &value = m_value;
    switch (field->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_STRING:
        repeated ? reflection->AddString(message, field, value.text)
                 : reflection->SetString(message, field, value.text);
        break;
    case gp::FieldDescriptor::CPPTYPE_BOOL:
        repeated ? reflection->AddBool(message, field, value.integer != 0)
                 : reflection->SetBool(message, field, value.integer != 0);
        break;
    case gp::FieldDescriptor::CPPTYPE_ENUM:
        repeated ? reflection->AddEnumValue(message, field, int(value.integer))
                 : reflection->SetEnumValue(message, field, int(value.integer));
        break;
    case gp::FieldDescriptor::CPPTYPE_INT32:
        repeated ? reflection->AddInt32(message, field, int32_t(value.integer))
                 : reflection->SetInt32(message, field, int32_t(value.integer));
        break;
    case gp::FieldDescriptor::CPPTYPE_INT64:
        repeated ? reflection->AddInt64(message, field, value.integer)
                 : reflection->SetInt64(message, field, value.integer);
        break;
    case gp::FieldDescriptor::CPPTYPE_UINT32:
        repeated ? reflection->AddUInt32(message, field, uint32_t(value.unsignedInteger))
                 : reflection->SetUInt32(message, field, uint32_t(value.unsignedInteger));
        break;
    case gp::FieldDescriptor::CPPTYPE_UINT64:
        repeated ? reflection->AddUInt64(message, field, value.unsignedInteger)
                 : reflection->SetUInt64(message, field, value.unsignedInteger);
        break;
    case gp::FieldDescriptor::CPPTYPE_FLOAT:
        repeated ? reflection->AddFloat(message, field, value.single)
                 : reflection->SetFloat(message, field, value.single);
        break;
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
        repeated ? reflection->AddDouble(message, field, value.real)
                 : reflection->SetDouble(message, field, value.real);
        break;
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
        return false;
    }
    return true;
}

// A message field's value: an object, or a wrapper's bare value.
bool Reader::messageValue(gp::Message *message, int depth)
{
    const gp::Descriptor *type = message->GetDescriptor();
    if (depth > MaxReadDepth || isSpecial(type))
        return false;
    if (isWrapper(type)) {
        const char next = peek();
        if (next == '{' || next == 'n' || next == '[')
            return false;
        return element(message, type->FindFieldByNumber(1), depth);
    }
    return object(message, depth);
}

} // namespace

bool read(std::string_view json, gp::Message *message)
{
    Reader reader(json);
    return reader.document(message);
}

} // namespace wirescope::JsonFastPath
