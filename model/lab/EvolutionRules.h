#pragma once

#include "model/lab/SchemaEvolution.h"

namespace google::protobuf {
class FieldDescriptor;
}

namespace wirescope {

// Private to model/lab. The rules SchemaEvolution applies to one field number that two
// versions of a message type share: each judges one aspect (name, type, cardinality, oneof,
// presence) for a reader of `reader` reading bytes written with `writer`, and explains it.
// SchemaEvolution walks the types; these know the wire and the JSON mapping.
namespace EvolutionRules {

using Field = google::protobuf::FieldDescriptor;

struct Judgement {
    EvolutionChange::Verdict verdict = EvolutionChange::Verdict::Same; // Same: nothing to list
    QString reason;
};

// "repeated int32 address.zip = 2 (in oneof kind)": the field as declared, named by `path`.
QString declaration(const Field *fd, const QString &path);

// Whether the reader takes the writer's records as its own kind of value; when it does not,
// judgeWire explains why and the other judgements about the value do not apply.
bool sameWire(const Field *writer, const Field *reader);

Judgement judgeAdded(const Field *writer); // the reader lacks the number
Judgement judgeRemoved(const Field *reader); // the writer lacks the number
Judgement judgeName(const Field *writer, const Field *reader);
Judgement judgeRequired(const Field *writer, const Field *reader);
Judgement judgeWire(const Field *writer, const Field *reader);
Judgement judgeType(const Field *writer, const Field *reader);
Judgement judgeCardinality(const Field *writer, const Field *reader);
Judgement judgeOneof(const Field *writer, const Field *reader);

} // namespace EvolutionRules

} // namespace wirescope
