#include "model/form/FieldAccess.h"

#include "model/form/FieldMaskPaths.h"
#include "model/schema/Schema.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <limits>
#include <memory>
#include <set>

namespace gp = google::protobuf;

namespace wirescope::FieldAccess {

namespace {

using Cpp = gp::FieldDescriptor::CppType;
using FieldValueText::parseSigned;

bool isStringKind(ValueKind kind)
{
    return kind == ValueKind::Timestamp || kind == ValueKind::Duration || kind == ValueKind::FieldMask;
}

QString statusText(const std::string &status)
{
    QString text = QString::fromStdString(status).trimmed();
    static const QRegularExpression prefix(QStringLiteral("^[A-Z_]+:\\s*"));
    text.remove(prefix);
    return text.isEmpty() ? QStringLiteral("does not fit the type") : text;
}

// The well-known types print as JSON strings or values; the form shows that text as it is,
// without the quotes around the string kinds.
QString messageToText(const Schema &schema, const gp::Message &sub, ValueKind kind)
{
    std::string out;
    const auto status = gp::util::BinaryToJsonString(
        schema.typeResolver(), typeUrl(sub.GetDescriptor()), sub.SerializeAsString(), &out);
    if (!status.ok())
        return {};
    QString text = QString::fromStdString(out);
    if (isStringKind(kind) && text.size() >= 2 && text.startsWith(u'"'))
        text = text.mid(1, text.size() - 2);
    return text;
}

// Times and durations typed in any spelling FieldValueText reads become the one the JSON
// mapping reads; other text is passed on as it is.
QString canonicalText(ValueKind kind, const QString &text)
{
    qint64 seconds = 0;
    int nanos = 0;
    if (kind == ValueKind::Timestamp && FieldValueText::parseTimestamp(text, &seconds, &nanos, nullptr))
        return FieldValueText::formatTimestamp(seconds, nanos);
    if (kind == ValueKind::Duration && FieldValueText::parseDuration(text, &seconds, &nanos, nullptr))
        return FieldValueText::formatDuration(seconds, nanos);
    if (kind == ValueKind::FieldMask) {
        // The JSON mapping spells paths in lowerCamelCase; the .proto's names are read too.
        QStringList paths = FieldMaskPaths::split(text);
        for (QString &path : paths)
            path = FieldMaskPaths::toJsonPath(path);
        return FieldMaskPaths::join(paths);
    }
    return text.trimmed();
}

bool textToMessage(
    const Schema &schema, gp::Message *sub, ValueKind kind, const QString &text, QString *error)
{
    std::string json;
    if (isStringKind(kind)) {
        const QByteArray array
            = QJsonDocument(QJsonArray {canonicalText(kind, text)}).toJson(QJsonDocument::Compact);
        json = array.mid(1, array.size() - 2).toStdString();
    } else {
        json = text.toStdString();
    }
    std::string binary;
    const auto status
        = gp::util::JsonToBinaryString(schema.typeResolver(), typeUrl(sub->GetDescriptor()), json, &binary);
    if (!status.ok()) {
        if (error)
            *error = statusText(status.ToString());
        return false;
    }
    sub->Clear();
    sub->ParseFromString(binary);
    return true;
}

QString enumText(const gp::EnumDescriptor *type, int number)
{
    if (const gp::EnumValueDescriptor *value = type->FindValueByNumber(number))
        return QStringLiteral("%1 (%2)").arg(QString::fromStdString(value->name())).arg(number);
    return QStringLiteral("%1 (unknown)").arg(number);
}

bool parseEnum(const gp::FieldDescriptor *field, const QString &text, int *number, QString *error)
{
    QString name = text.trimmed();
    static const QRegularExpression suffix(QStringLiteral("\\s*\\([^)]*\\)$"));
    name.remove(suffix);
    const gp::EnumDescriptor *type = field->enum_type();
    if (const gp::EnumValueDescriptor *value = type->FindValueByName(name.toStdString())) {
        *number = value->number();
        return true;
    }
    qint64 parsed = 0;
    QString why;
    if (!parseSigned(
            name, std::numeric_limits<qint32>::min(), std::numeric_limits<qint32>::max(), &parsed, &why)) {
        if (error)
            *error = QStringLiteral("\"%1\" is neither a value of %2 nor a number")
                         .arg(name, QString::fromStdString(type->name()));
        return false;
    }
    // proto2 enums are closed: a number they do not define cannot be stored in the field.
    const bool closed = type->file()->syntax() == gp::FileDescriptor::SYNTAX_PROTO2;
    if (closed && !type->FindValueByNumber(int(parsed))) {
        if (error)
            *error = QStringLiteral("%1 is not a value of the closed enum %2")
                         .arg(parsed)
                         .arg(QString::fromStdString(type->name()));
        return false;
    }
    *number = int(parsed);
    return true;
}

QString readScalar(const gp::Message &m, const gp::FieldDescriptor *f, int i, BytesMode mode)
{
    const gp::Reflection *r = m.GetReflection();
    const bool rep = i >= 0;
    switch (f->cpp_type()) {
    case Cpp::CPPTYPE_INT32:
        return QString::number(rep ? r->GetRepeatedInt32(m, f, i) : r->GetInt32(m, f));
    case Cpp::CPPTYPE_INT64:
        return QString::number(rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f));
    case Cpp::CPPTYPE_UINT32:
        return QString::number(rep ? r->GetRepeatedUInt32(m, f, i) : r->GetUInt32(m, f));
    case Cpp::CPPTYPE_UINT64:
        return QString::number(rep ? r->GetRepeatedUInt64(m, f, i) : r->GetUInt64(m, f));
    case Cpp::CPPTYPE_DOUBLE:
        return FieldValueText::formatDouble(rep ? r->GetRepeatedDouble(m, f, i) : r->GetDouble(m, f));
    case Cpp::CPPTYPE_FLOAT:
        return FieldValueText::formatFloat(rep ? r->GetRepeatedFloat(m, f, i) : r->GetFloat(m, f));
    case Cpp::CPPTYPE_BOOL:
        return (rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)) ? QStringLiteral("true")
                                                                      : QStringLiteral("false");
    case Cpp::CPPTYPE_ENUM:
        return enumText(f->enum_type(), rep ? r->GetRepeatedEnumValue(m, f, i) : r->GetEnumValue(m, f));
    case Cpp::CPPTYPE_STRING: {
        if (f->type() == gp::FieldDescriptor::TYPE_BYTES)
            return FieldValueText::formatBytes(readBytes(m, f, i), mode);
        std::string scratch;
        const std::string &s
            = rep ? r->GetRepeatedStringReference(m, f, i, &scratch) : r->GetStringReference(m, f, &scratch);
        return QString::fromUtf8(s.data(), qsizetype(s.size()));
    }
    case Cpp::CPPTYPE_MESSAGE:
        break;
    }
    return {};
}

template<typename T, typename Setter, typename Repeated>
void store(gp::Message *m, const gp::FieldDescriptor *f, int i, T value, Setter set, Repeated setRepeated)
{
    const gp::Reflection *r = m->GetReflection();
    if (i >= 0)
        (r->*setRepeated)(m, f, i, value);
    else
        (r->*set)(m, f, value);
}

bool writeInteger(gp::Message *m, const gp::FieldDescriptor *f, int i, const QString &text, QString *error)
{
    using R = gp::Reflection;
    qint64 s = 0;
    quint64 u = 0;
    switch (f->cpp_type()) {
    case Cpp::CPPTYPE_INT32:
        if (!parseSigned(
                text, std::numeric_limits<qint32>::min(), std::numeric_limits<qint32>::max(), &s, error))
            return false;
        store(m, f, i, qint32(s), &R::SetInt32, &R::SetRepeatedInt32);
        return true;
    case Cpp::CPPTYPE_INT64:
        if (!parseSigned(
                text, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), &s, error))
            return false;
        store(m, f, i, int64_t(s), &R::SetInt64, &R::SetRepeatedInt64);
        return true;
    case Cpp::CPPTYPE_UINT32:
        if (!FieldValueText::parseUnsigned(text, std::numeric_limits<quint32>::max(), &u, error))
            return false;
        store(m, f, i, quint32(u), &R::SetUInt32, &R::SetRepeatedUInt32);
        return true;
    case Cpp::CPPTYPE_UINT64:
        if (!FieldValueText::parseUnsigned(text, std::numeric_limits<quint64>::max(), &u, error))
            return false;
        store(m, f, i, uint64_t(u), &R::SetUInt64, &R::SetRepeatedUInt64);
        return true;
    default:
        return false;
    }
}

bool writeScalar(
    gp::Message *m, const gp::FieldDescriptor *f, int i, const QString &text, BytesMode mode, QString *error)
{
    using R = gp::Reflection;
    switch (f->cpp_type()) {
    case Cpp::CPPTYPE_DOUBLE: {
        double d = 0;
        if (!FieldValueText::parseDouble(text, &d, error))
            return false;
        store(m, f, i, d, &R::SetDouble, &R::SetRepeatedDouble);
        return true;
    }
    case Cpp::CPPTYPE_FLOAT: {
        float v = 0;
        if (!FieldValueText::parseFloat(text, &v, error))
            return false;
        store(m, f, i, v, &R::SetFloat, &R::SetRepeatedFloat);
        return true;
    }
    case Cpp::CPPTYPE_BOOL: {
        bool b = false;
        if (!FieldValueText::parseBool(text, &b, error))
            return false;
        store(m, f, i, b, &R::SetBool, &R::SetRepeatedBool);
        return true;
    }
    case Cpp::CPPTYPE_ENUM: {
        int n = 0;
        if (!parseEnum(f, text, &n, error))
            return false;
        store(m, f, i, n, &R::SetEnumValue, &R::SetRepeatedEnumValue);
        return true;
    }
    case Cpp::CPPTYPE_STRING: {
        QByteArray bytes = text.toUtf8();
        if (f->type() == gp::FieldDescriptor::TYPE_BYTES
            && !FieldValueText::parseBytes(text, mode, &bytes, error))
            return false;
        std::string value(bytes.constData(), size_t(bytes.size()));
        if (i >= 0)
            m->GetReflection()->SetRepeatedString(m, f, i, std::move(value));
        else
            m->GetReflection()->SetString(m, f, std::move(value));
        return true;
    }
    default:
        return writeInteger(m, f, i, text, error);
    }
}

const gp::Message &subMessage(const gp::Message &m, const gp::FieldDescriptor *f, int i)
{
    const gp::Reflection *r = m.GetReflection();
    return i >= 0 ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f);
}

gp::Message *mutableSubMessage(gp::Message *m, const gp::FieldDescriptor *f, int i)
{
    const gp::Reflection *r = m->GetReflection();
    return i >= 0 ? r->MutableRepeatedMessage(m, f, i) : r->MutableMessage(m, f);
}

QString shortTypeName(const gp::FieldDescriptor *field)
{
    if (const gp::Descriptor *type = field->message_type())
        return QString::fromStdString(type->name());
    if (const gp::EnumDescriptor *type = field->enum_type())
        return QString::fromStdString(type->name());
    return QString::fromLatin1(field->type_name());
}

} // namespace

ValueKind messageKind(const gp::Descriptor *type)
{
    const std::string &name = type->full_name();
    if (name.rfind("google.protobuf.", 0) != 0)
        return ValueKind::Message;
    if (name == "google.protobuf.Timestamp")
        return ValueKind::Timestamp;
    if (name == "google.protobuf.Duration")
        return ValueKind::Duration;
    if (name == "google.protobuf.FieldMask")
        return ValueKind::FieldMask;
    if (name == "google.protobuf.Struct" || name == "google.protobuf.Value"
        || name == "google.protobuf.ListValue")
        return ValueKind::Json;
    if (name == "google.protobuf.Any")
        return ValueKind::Any;
    if (const gp::FieldDescriptor *inner = wrappedField(type))
        return valueKind(inner);
    return ValueKind::Message;
}

const gp::FieldDescriptor *wrappedField(const gp::Descriptor *type)
{
    static const std::set<std::string> wrappers
        = {"google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue"};
    if (!type || !wrappers.count(type->full_name()))
        return nullptr;
    return type->FindFieldByNumber(1);
}

bool isWrapper(const gp::FieldDescriptor *field)
{
    return wrappedField(field->message_type()) != nullptr;
}

ValueKind valueKind(const gp::FieldDescriptor *field)
{
    switch (field->cpp_type()) {
    case Cpp::CPPTYPE_INT32:
        return ValueKind::Int32;
    case Cpp::CPPTYPE_INT64:
        return ValueKind::Int64;
    case Cpp::CPPTYPE_UINT32:
        return ValueKind::UInt32;
    case Cpp::CPPTYPE_UINT64:
        return ValueKind::UInt64;
    case Cpp::CPPTYPE_DOUBLE:
        return ValueKind::Double;
    case Cpp::CPPTYPE_FLOAT:
        return ValueKind::Float;
    case Cpp::CPPTYPE_BOOL:
        return ValueKind::Bool;
    case Cpp::CPPTYPE_ENUM:
        return ValueKind::Enum;
    case Cpp::CPPTYPE_STRING:
        return field->type() == gp::FieldDescriptor::TYPE_BYTES ? ValueKind::Bytes : ValueKind::String;
    case Cpp::CPPTYPE_MESSAGE:
        return messageKind(field->message_type());
    }
    return ValueKind::None;
}

QString read(const Schema &schema, const gp::Message &message, const gp::FieldDescriptor *field, int index,
    BytesMode mode)
{
    if (field->cpp_type() != Cpp::CPPTYPE_MESSAGE)
        return readScalar(message, field, index, mode);
    const gp::Message &sub = subMessage(message, field, index);
    if (const gp::FieldDescriptor *inner = wrappedField(field->message_type()))
        return readScalar(sub, inner, -1, mode);
    const ValueKind kind = messageKind(field->message_type());
    return kind == ValueKind::Message ? QString() : messageToText(schema, sub, kind);
}

bool write(const Schema &schema, gp::Message *message, const gp::FieldDescriptor *field, int index,
    const QString &text, BytesMode mode, QString *error)
{
    if (field->cpp_type() != Cpp::CPPTYPE_MESSAGE)
        return writeScalar(message, field, index, text, mode, error);
    const ValueKind kind = messageKind(field->message_type());
    if (kind == ValueKind::Message) {
        if (error)
            *error = QStringLiteral("a message is edited field by field");
        return false;
    }
    if (const gp::FieldDescriptor *inner = wrappedField(field->message_type())) {
        // Check before touching the field: a failed edit must not make the wrapper present.
        std::unique_ptr<gp::Message> scratch(subMessage(*message, field, index).New());
        if (!writeScalar(scratch.get(), inner, -1, text, mode, error))
            return false;
        mutableSubMessage(message, field, index)->CopyFrom(*scratch);
        // An explicit default still has to be sent: the wrapper is present, its value 0.
        return true;
    }
    if (const QString why = FieldValueText::check(kind, text); !why.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    std::unique_ptr<gp::Message> scratch(subMessage(*message, field, index).New());
    if (!textToMessage(schema, scratch.get(), kind, text, error))
        return false;
    mutableSubMessage(message, field, index)->CopyFrom(*scratch);
    return true;
}

void setDefault(gp::Message *message, const gp::FieldDescriptor *field)
{
    const gp::Reflection *r = message->GetReflection();
    switch (field->cpp_type()) {
    case Cpp::CPPTYPE_INT32:
        return r->SetInt32(message, field, field->default_value_int32());
    case Cpp::CPPTYPE_INT64:
        return r->SetInt64(message, field, field->default_value_int64());
    case Cpp::CPPTYPE_UINT32:
        return r->SetUInt32(message, field, field->default_value_uint32());
    case Cpp::CPPTYPE_UINT64:
        return r->SetUInt64(message, field, field->default_value_uint64());
    case Cpp::CPPTYPE_DOUBLE:
        return r->SetDouble(message, field, field->default_value_double());
    case Cpp::CPPTYPE_FLOAT:
        return r->SetFloat(message, field, field->default_value_float());
    case Cpp::CPPTYPE_BOOL:
        return r->SetBool(message, field, field->default_value_bool());
    case Cpp::CPPTYPE_ENUM:
        return r->SetEnumValue(message, field, field->default_value_enum()->number());
    case Cpp::CPPTYPE_STRING:
        return r->SetString(message, field, field->default_value_string());
    case Cpp::CPPTYPE_MESSAGE:
        r->MutableMessage(message, field);
        return;
    }
}

void addDefault(gp::Message *message, const gp::FieldDescriptor *field)
{
    const gp::Reflection *r = message->GetReflection();
    switch (field->cpp_type()) {
    case Cpp::CPPTYPE_INT32:
        return r->AddInt32(message, field, 0);
    case Cpp::CPPTYPE_INT64:
        return r->AddInt64(message, field, 0);
    case Cpp::CPPTYPE_UINT32:
        return r->AddUInt32(message, field, 0);
    case Cpp::CPPTYPE_UINT64:
        return r->AddUInt64(message, field, 0);
    case Cpp::CPPTYPE_DOUBLE:
        return r->AddDouble(message, field, 0);
    case Cpp::CPPTYPE_FLOAT:
        return r->AddFloat(message, field, 0);
    case Cpp::CPPTYPE_BOOL:
        return r->AddBool(message, field, false);
    case Cpp::CPPTYPE_ENUM:
        return r->AddEnumValue(message, field, field->enum_type()->value(0)->number());
    case Cpp::CPPTYPE_STRING:
        return r->AddString(message, field, std::string());
    case Cpp::CPPTYPE_MESSAGE:
        r->AddMessage(message, field);
        return;
    }
}

QByteArray readBytes(const gp::Message &message, const gp::FieldDescriptor *field, int index)
{
    const gp::Reflection *r = message.GetReflection();
    std::string scratch;
    const std::string &s = index >= 0 ? r->GetRepeatedStringReference(message, field, index, &scratch)
                                      : r->GetStringReference(message, field, &scratch);
    return QByteArray(s.data(), qsizetype(s.size()));
}

QString elementTypeName(const gp::FieldDescriptor *field)
{
    if (field->is_map())
        return shortTypeName(field->message_type()->map_value());
    return shortTypeName(field);
}

QString typeName(const gp::FieldDescriptor *field)
{
    if (field->is_map()) {
        const gp::Descriptor *entry = field->message_type();
        return QStringLiteral("map<%1, %2>")
            .arg(shortTypeName(entry->map_key()), shortTypeName(entry->map_value()));
    }
    if (field->is_repeated())
        return QStringLiteral("repeated ") + shortTypeName(field);
    if (field->has_optional_keyword())
        return QStringLiteral("optional ") + shortTypeName(field);
    return shortTypeName(field);
}

QStringList enumChoices(const gp::FieldDescriptor *field)
{
    QStringList choices;
    const gp::EnumDescriptor *type = field->enum_type();
    if (!type)
        return choices;
    for (int i = 0; i < type->value_count(); ++i)
        choices.append(enumText(type, type->value(i)->number()));
    return choices;
}

} // namespace wirescope::FieldAccess
