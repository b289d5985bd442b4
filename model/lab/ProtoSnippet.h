#pragma once

#include "model/core/Diagnostic.h"
#include "model/schema/Schema.h"

namespace wirescope {

// A schema compiled from .proto text held in memory: a lesson's, a comparison's, or a
// message type a user edits in place to see what an older reader makes of the bytes.
struct ProtoSnippetResult {
    SchemaPtr schema; // always set: empty when the text does not compile
    Diagnostics diagnostics; // file:line:column, with the snippet's file name

    bool ok() const { return !hasErrors(diagnostics); }
};

namespace ProtoSnippet {

// Parses `text` as one file named `fileName`. It may import the well-known types
// ("google/protobuf/timestamp.proto" …) and nothing else. Every error is reported, each
// with its line and column. Plain function: runs on any thread.
ProtoSnippetResult compile(const QString &text, const QString &fileName = QStringLiteral("lab.proto"));

} // namespace ProtoSnippet

} // namespace wirescope
