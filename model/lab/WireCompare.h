#pragma once

#include "model/wire/WireSpan.h"

namespace wirescope {

// One row of encodings set side by side: the same field number at the same place in each
// encoding, or a field only some of them have.
struct WireCompareRow {
    int depth = 0; // 0 for top-level fields; nested message fields are deeper
    int fieldNumber = 0;
    QString fieldName; // from the first encoding that has a schema for it
    // One per encoding, in the order given: its Field span, or null where it is absent.
    QList<const WireSpan *> cells;
    // Why the sizes differ, when they do and the reason is known: "−1 as int32 takes 10
    // bytes (a negative is sign-extended to 64 bits); as sint32 1 (zigzag: 1)",
    // "field 16 needs a two-byte tag", "packed: one tag and a length for 3 values",
    // "absent: a proto3 default is not written". Empty when the cells are the same size.
    QString note;
};

// A prepared comparison: a tiny schema and two or more messages to set side by side.
struct WireComparison {
    struct Side {
        QString label; // "int32", "field 16", "packed"
        QString typeName; // fully qualified, in protoText
        QString json; // the message, in the JSON mapping
    };
    QString id; // stable, e.g. "negative-int"
    QString title; // "−1 as int32, sint32 and sfixed32"
    QString explanation; // two or three sentences shown above the columns
    QString protoText; // compiles with ProtoSnippet::compile
    QList<Side> sides;
};

namespace WireCompare {

// Aligns the fields of several annotated encodings by field number, recursively into
// messages both sides decoded as messages. Fields come in the order of the first encoding
// that has them (byte order), repeated occurrences pair up in order. The cells point into
// the trees, which must outlive the rows.
QList<WireCompareRow> align(const QList<const WireTree *> &trees);

// The built-in comparisons: −1 as int32/sint32/sfixed32; field 15 against field 16;
// packed against unpacked; a proto3 default omitted against set (with optional presence);
// a string against the same text as bytes; a nested message against its fields inline.
const QList<WireComparison> &presets();

} // namespace WireCompare

} // namespace wirescope
