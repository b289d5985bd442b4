#pragma once

#include <QByteArray>

namespace google::protobuf {
class Descriptor;
}

namespace wirescope {

// Writes an example JSON body for a message type: every field present with a placeholder
// of its type (the first member of each oneof), in declaration order, recursion cut off
// after the same type appears `maxRepeats` times on one path. Messages deeper than 16 levels,
// or past the first 16 KB of the example, are written empty, so a wide type graph cannot
// make it grow exponentially.
QByteArray exampleJson(const google::protobuf::Descriptor *type, int maxRepeats = 1);

} // namespace wirescope
