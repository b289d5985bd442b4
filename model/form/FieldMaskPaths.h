#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace google::protobuf {
class Descriptor;
class FieldDescriptor;
} // namespace google::protobuf

namespace wirescope {

class Schema;

// What a google.protobuf.FieldMask can name: the message types a mask most likely refers
// to, and the field paths of a type in the spelling the mask's JSON uses (lowerCamelCase
// segments joined by ".", paths joined by ","), as plain values a picker can list.
namespace FieldMaskPaths {

// One path a mask can name, in pre-order: "author", then "author.name".
struct Path {
    QString path; // JSON spelling: "author.displayName"
    QString name; // the last segment, as the .proto spells it: "display_name"
    QString typeName; // "string", "Author", "repeated string"
    int depth = 0; // 0 for the type's own fields
};

// How deep paths go by default: a recursive type stops here.
constexpr int DefaultDepth = 4;
// At most this many paths are listed for one type.
constexpr int MaxPaths = 2000;

// The message types (full names) a mask in `container` most likely names fields of, the
// likeliest first: the type of a field whose name starts the mask's ("book" for
// "book_mask"), the other singular message fields next to it ("book" next to
// "update_mask"), the repeated ones, and last `container` itself. Well-known types and
// maps are left out.
QStringList targets(
    const google::protobuf::Descriptor *container, const google::protobuf::FieldDescriptor *mask);

// The paths of a type, `maxDepth` levels deep at most. Only singular message fields lead
// further: a mask cannot name a path through a list or a map.
QList<Path> paths(const Schema &schema, const QString &typeName, int maxDepth = DefaultDepth);

// "address.country_code" -> "address.countryCode", as the JSON mapping writes a path.
QString toJsonPath(const QString &protoPath);
// The paths of a mask's text: split at commas, trimmed, empty ones dropped.
QStringList split(const QString &text);
QString join(const QStringList &paths);

} // namespace FieldMaskPaths

} // namespace wirescope
