#pragma once

#include "model/wire/WireSpan.h"

namespace google::protobuf {
class Descriptor;
}

namespace wirescope {

// One difference between two versions of a message type, judged for one direction: a
// reader built with one version reading bytes written with the other.
struct EvolutionChange {
    enum class Verdict : quint8 {
        Same, // nothing a reader notices
        Compatible, // the reader gets the same meaning, or keeps the bytes as unknown
        Lossy, // valid bytes, but some values change meaning (int64 read as int32 truncates)
        Breaking, // the reader fails to parse, or reads garbage without noticing
    };
    enum class Kind : quint8 {
        Added, // the writer has a field the reader does not know: kept as unknown
        Removed, // the reader expects a field the writer never writes: default
        Renamed, // same number and type, another name: the wire does not carry names
        TypeChanged, // same number, another type
        CardinalityChanged, // singular against repeated, packed against unpacked
        OneofChanged, // moved into or out of a oneof
    };

    Verdict verdict = Verdict::Same;
    Kind kind = Kind::TypeChanged;
    int fieldNumber = 0;
    QString writerField; // "int32 id = 1", empty when the writer lacks it
    QString readerField; // the same for the reader
    QString reason; // one or two sentences: why it is (in)compatible on the wire and in JSON
};

// What a reader makes of bytes a writer produced, with two versions of one message type.
struct EvolutionReading {
    WireTree asWritten; // the bytes annotated with the writer's type
    WireTree asRead; // the same bytes annotated with the reader's type
    QList<EvolutionChange> changes; // field by field, by number; nested message types too
    // Top-level field numbers whose bytes the reader keeps as unknown fields.
    QList<int> unknownToReader;
    EvolutionChange::Verdict worst = EvolutionChange::Verdict::Same;
};

namespace SchemaEvolution {

// Compares two versions of a message type, field by field and recursively into the types
// of message fields that share a number (whatever the types are called: the wire does not
// carry type names), for a reader of `reader` reading bytes of `writer`. Nested changes
// name their field by its path ("int32 address.zip = 2"), once under every path that leads
// to them. Swap the arguments for the other direction. Should the types be too large to
// judge in full, the last change says so (lossy, type-changed, field number 0), so that
// nothing left out reads as unchanged.
QList<EvolutionChange> compare(
    const google::protobuf::Descriptor *writer, const google::protobuf::Descriptor *reader);

// Decodes `bytes` with both types (up to WireLayout::MaxFields fields each; the trees say
// where they stopped) and explains the difference. `worst` counts the changes these bytes
// meet: a field they hold, or a field the reader requires that a message in them lacks.
EvolutionReading read(const QByteArray &bytes, const google::protobuf::Descriptor *writer,
    const google::protobuf::Descriptor *reader);

QString verdictName(EvolutionChange::Verdict verdict); // "same", "compatible", "lossy", "breaking"

} // namespace SchemaEvolution

} // namespace wirescope
