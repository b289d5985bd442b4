#pragma once

#include <QByteArray>

namespace google::protobuf {
class Descriptor;
}

namespace wirescope {

// A mock's answer when no stub matches: a message of `type` with every field set (the first
// member of each oneof, one element per repeated field, one entry per map), values that look
// like their field where its name says so ("email": "ada@example.com", "name", "id", "url",
// "phone", "city", "country", "price", "count", ...), well-known types valid (a Timestamp is
// a real date), recursion cut off. Deterministic: the same `seed` (a hash of the request's
// bytes) always gives the same answer; different seeds vary the values.
namespace ExampleResponse {

QByteArray json(const google::protobuf::Descriptor *type, quint64 seed);

} // namespace ExampleResponse

} // namespace wirescope
