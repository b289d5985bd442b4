#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace wirescope {

// Plain values describing what every byte of a protobuf message (optionally inside a gRPC
// frame) means. The wire inspector's hex view and field tree draw these; nothing here knows
// about descriptors or widgets, so annotation can run on any thread.

// One finding about the bytes: invalid (Error) or merely worth knowing (Warning, Note).
struct WireLint {
    enum class Severity : quint8 { Error, Warning, Note };
    enum class Kind : quint8 {
        InvalidWireType, // wire type 6 or 7
        FieldNumberZero,
        FieldNumberTooLarge, // above 2^29 - 1
        VarintTooLong, // a 10th byte above 1, or more than 10 bytes
        Truncated,
        InvalidUtf8, // in a string field
        GroupMismatch, // an end-group tag without its start, or a start never ended
        DepthLimit,
        WireTypeMismatch, // the schema expects another wire type: parsers keep it unknown
        UnknownField,
        OverlongVarint, // more bytes than the value needs
        ValueOutOfRange, // an int32/uint32/bool/enum varint wider than its type
        UnknownEnumValue,
        RepeatedScalar, // a singular scalar seen again: the last one wins
        MergedMessage, // a singular message seen again: the occurrences merge
        OneofOverride, // a later member of the same oneof replaces an earlier one
        DefaultEncoded, // a proto3 field without presence written with its default
        GrpcFrame, // a bad flag byte, a compressed payload, a short frame
    };

    Severity severity = Severity::Error;
    Kind kind = Kind::Truncated;
    qint64 offset = 0;
    QString message;

    bool isError() const { return severity == Severity::Error; }
};

struct WireSpan;

// One way to read an ambiguous length-delimited value when there is no schema to decide:
// as text, as a nested message, as a packed array. Readings come ranked, likeliest first.
struct WireReading {
    enum class Kind : quint8 { String, Message, PackedVarint, PackedFixed32, PackedFixed64, Bytes, Empty };

    Kind kind = Kind::Bytes;
    QString value; // the decoded value, shortened for display
    QString evidence; // why this reading is possible
    QList<WireSpan> children; // fields of a message reading; elements of a short packed one
};

// A byte range and its meaning. A Field span covers one key/value pair; its children are
// the Tag, the Length prefix (length-delimited only) and the Value, whose own children are
// the fields of a nested message or the elements of a packed array.
struct WireSpan {
    enum class Role : quint8 {
        Field, // tag + (length) + value of one field occurrence
        Tag, // the key: (field_number << 3) | wire_type
        Length, // the varint length prefix of a length-delimited value
        Value,
        Element, // one element of a packed repeated field
        EndGroup, // the closing tag of a group (wire type 4)
        GrpcFrame, // one length-prefixed gRPC message
        GrpcFlag, // the 1-byte compressed flag
        GrpcLength, // the 4-byte big-endian message length
        Unparsed, // bytes after a hard error
        PastLimit, // bytes after the annotation's field limit: valid or not, not annotated
    };
    // How the value is encoded, which decides how it is explained.
    enum class Kind : quint8 {
        None,
        Varint,
        Fixed32Bits,
        Fixed64Bits,
        Delimited, // schema-less: only the wire type is known
        Int32,
        Int64,
        UInt32,
        UInt64,
        SInt32,
        SInt64,
        Bool,
        Enum,
        Fixed32,
        Fixed64,
        SFixed32,
        SFixed64,
        Float,
        Double,
        String,
        Bytes,
        Message,
        Group,
        Packed,
        MapEntry,
    };

    qint64 offset = 0;
    qint64 length = 0;
    Role role = Role::Field;
    Kind kind = Kind::None;
    int wireType = -1; // 0..7 for field parts, -1 otherwise
    int fieldNumber = 0;
    quint64 raw = 0; // the varint or fixed bits as read; the length for Length spans
    int elementCount = 0; // packed values; fields of a message
    QString fieldName; // from the schema
    QString typeName; // "int32", "string", "pkg.Message", or the wire type without a schema
    QString value; // decoded, shortened for display
    QStringList absentFields; // message values: fields of the type that are not in the bytes
    QList<WireSpan> children;
    QList<WireReading> readings; // schema-less length-delimited values only

    qint64 end() const { return offset + length; }
    bool contains(qint64 at) const { return at >= offset && at < offset + length; }
};

// Everything the annotator found for one input.
struct WireTree {
    QByteArray bytes; // the input, for hex and for explanations
    QString typeName; // the schema type used; empty without one
    QList<WireSpan> spans; // top level; they cover every byte exactly once
    QStringList absentFields; // of the top-level message (with a schema)
    QList<WireLint> lints; // in byte order
    qint64 errorOffset = -1; // where decoding stopped on a hard error, else -1
    QString error; // that error
    qint64 limitOffset = -1; // the first byte left unannotated by the field limit, else -1
    qint64 fieldLimit = 0; // that limit (WireAnnotateOptions::maxFields)

    bool hasHardError() const { return errorOffset >= 0; }
    bool hasErrors() const;
};

} // namespace wirescope
