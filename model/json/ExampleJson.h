#pragma once

#include <QByteArray>

namespace google::protobuf {
class Descriptor;
}

namespace wirescope {

// Writes an example JSON body for a message type: every field present with a placeholder
// of its type (the first member of each oneof), in declaration order, recursion cut off
// after the same type appears `maxRepeats` times on one path.
QByteArray exampleJson(const google::protobuf::Descriptor *type, int maxRepeats = 1);

} // namespace wirescope
