#pragma once

#include "model/wire/WireSpan.h"

#include <QPair>

namespace google::protobuf {
class Descriptor;
}

namespace wirescope {

// What one edit of a decoded value made of the bytes.
struct WireEditResult {
    QByteArray bytes; // the whole input after the edit; empty when the edit is refused
    // The ranges of the new bytes that differ from the old: the value itself and every
    // length prefix rewritten around it, in byte order. (offset, length) pairs.
    QList<QPair<qint64, qint64>> changed;
    QString error; // why the text cannot be this value, e.g. "300 does not fit a bool"

    bool ok() const { return error.isEmpty(); }
};

// Editing a decoded value in the wire inspector's tree: the value's new text becomes new
// bytes, encoded as the field's type encodes it, and every length around it (nested
// messages, packed arrays, gRPC frame prefixes) is rewritten so the message stays valid.
// Plain functions over plain values.
namespace WireEdit {

// Whether a span's value can be edited: a Value or packed Element span of a scalar kind
// (varint, zigzag, fixed, float, bool, enum), a string or bytes, with or without a schema.
// Messages, groups, readings and spans inside a hard error are not.
bool isEditable(const WireSpan &span);

// The text a user starts editing from: "-1", "3.5", "true", an enum's name (its number when
// unnamed), a string as it is, bytes and schema-less length-delimited values as hex with a
// space between bytes. Strings and bytes come whole from the tree's bytes (a span's `value`
// is only a shortened preview). Empty when the span is not editable.
QString editText(const WireTree &tree, const WireSpan &span);

// Replaces the value of the last span of `chain` (the spans from the top level down to it,
// as WireAnnotator::spanChainAt returns them) with `text`, read the way editText writes it:
// integers in decimal (or 0x… hex), floats as C locale numbers ("inf", "nan" too), bools as
// true/false/1/0, enums by name or number (names from `type`, the tree's top-level message
// type, which may be null), strings as UTF-8, bytes as hex. The value is encoded minimally
// (an overlong varint becomes a short one). Refused with a reason when the text is not a
// value of the kind or does not fit it.
WireEditResult setValue(const WireTree &tree, const QList<const WireSpan *> &chain, const QString &text,
    const google::protobuf::Descriptor *type);

} // namespace WireEdit

} // namespace wirescope
