#pragma once

#include "model/form/FieldValueText.h"

#include <QStringList>

namespace google::protobuf {
class Descriptor;
class FieldDescriptor;
class Message;
} // namespace google::protobuf

namespace wirescope {

class Schema;

// Reads and writes one value of a dynamic message as the text a form shows, through
// protobuf reflection: scalars in the JSON mapping's spelling, enums as "NAME (number)",
// and the well-known types as their JSON text (wrappers as the scalar they wrap).
namespace FieldAccess {

// The editor one value of this field needs (for a repeated field: one element's).
ValueKind valueKind(const google::protobuf::FieldDescriptor *field);
// What a message type is edited as: a well-known type's kind, or Message for a nested form.
ValueKind messageKind(const google::protobuf::Descriptor *type);
// The wrapped field of a google.protobuf.*Value wrapper, or nullptr for other types.
const google::protobuf::FieldDescriptor *wrappedField(const google::protobuf::Descriptor *type);
bool isWrapper(const google::protobuf::FieldDescriptor *field);

// `index` -1 addresses a singular field; otherwise one element of a repeated field.
QString read(const Schema &schema, const google::protobuf::Message &message,
    const google::protobuf::FieldDescriptor *field, int index, BytesMode mode);
bool write(const Schema &schema, google::protobuf::Message *message,
    const google::protobuf::FieldDescriptor *field, int index, const QString &text, BytesMode mode,
    QString *error);
// Gives the field its default value explicitly, so a field with presence becomes set.
void setDefault(google::protobuf::Message *message, const google::protobuf::FieldDescriptor *field);
void addDefault(google::protobuf::Message *message, const google::protobuf::FieldDescriptor *field);
// The raw bytes of a bytes field, for saving and loading files.
QByteArray readBytes(
    const google::protobuf::Message &message, const google::protobuf::FieldDescriptor *field, int index);

// "int64", "optional string", "repeated Address", "map<string, int64>".
QString typeName(const google::protobuf::FieldDescriptor *field);
// One element's type: "Address", "int32"; for a map entry its value's type.
QString elementTypeName(const google::protobuf::FieldDescriptor *field);
// "NAME (number)" for each value of an enum field.
QStringList enumChoices(const google::protobuf::FieldDescriptor *field);

} // namespace FieldAccess

} // namespace wirescope
