#pragma once

#include <QStringList>

namespace google::protobuf {
class Descriptor;
}

namespace wirescope {

// The JSON paths a response type offers to an assertion or a capture, for the Tests tab's
// path pickers: "$.field", "$.a.b", "$.items", "$.items[0]", "$.items[0].id" with the
// fields' JSON names (lowerCamel, as canonical proto3 JSON writes them), then the status
// details ("$error.code", ...). A walk of the descriptor, bounded in depth and in count, so
// a recursive message (a tree node holding its children) still gives a short list.
namespace ResponseFieldPaths {

constexpr int DefaultDepth = 4;
constexpr int MaxPaths = 400; // a picker longer than this is scrolled, not read

QStringList of(const google::protobuf::Descriptor *type, int maxDepth = DefaultDepth);

} // namespace ResponseFieldPaths

} // namespace wirescope
