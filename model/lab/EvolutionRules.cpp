#include "model/lab/EvolutionRules.h"

#include "model/wire/WireFormat.h"

#include <google/protobuf/descriptor.h>

#include <QSet>

namespace gp = google::protobuf;

namespace wirescope::EvolutionRules {

namespace {

using FD = gp::FieldDescriptor;
using Verdict = EvolutionChange::Verdict;

constexpr int kMaxListedValues = 5;

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

QString joinSentences(const QString &first, const QString &second)
{
    return second.isEmpty() ? first : first.isEmpty() ? second : first + u' ' + second;
}

QString listed(QStringList items)
{
    const qsizetype more = items.size() - kMaxListedValues;
    if (more > 0) {
        items = items.mid(0, kMaxListedValues);
        items.append(QStringLiteral("%1 more").arg(more));
    }
    return items.join(QStringLiteral(", "));
}

// The wire type a field's values use when written one by one.
int naturalWireType(const FD *fd)
{
    switch (fd->type()) {
    case FD::TYPE_FIXED64:
    case FD::TYPE_SFIXED64:
    case FD::TYPE_DOUBLE:
        return 1;
    case FD::TYPE_FIXED32:
    case FD::TYPE_SFIXED32:
    case FD::TYPE_FLOAT:
        return 5;
    case FD::TYPE_STRING:
    case FD::TYPE_BYTES:
    case FD::TYPE_MESSAGE:
        return 2;
    case FD::TYPE_GROUP:
        return 3;
    default:
        return 0;
    }
}

int writtenWireType(const FD *fd)
{
    return fd->is_packed() ? 2 : naturalWireType(fd);
}

// Parsers of repeated scalars take both the packed and the unpacked form.
bool readerAccepts(const FD *reader, int wireType)
{
    return wireType == naturalWireType(reader) || (wireType == 2 && reader->is_packable());
}

QString wireTypeText(int wireType)
{
    return QStringLiteral("wire type %1 (%2)").arg(wireType).arg(WireFormat::wireTypeName(wireType));
}

bool isZigZag(const FD *fd)
{
    return fd->type() == FD::TYPE_SINT32 || fd->type() == FD::TYPE_SINT64;
}

bool isFloating(const FD *fd)
{
    return fd->type() == FD::TYPE_FLOAT || fd->type() == FD::TYPE_DOUBLE;
}

// fixed32 and fixed64 are unsigned, sfixed32 and sfixed64 signed: the C++ type tells.
bool isSigned(const FD *fd)
{
    const FD::CppType type = fd->cpp_type();
    return type != FD::CPPTYPE_UINT32 && type != FD::CPPTYPE_UINT64 && type != FD::CPPTYPE_BOOL;
}

int bitsOf(const FD *fd)
{
    const FD::CppType type = fd->cpp_type();
    return type == FD::CPPTYPE_INT64 || type == FD::CPPTYPE_UINT64 || type == FD::CPPTYPE_DOUBLE ? 64 : 32;
}

bool isClosedEnum(const gp::EnumDescriptor *type)
{
    return type->file()->syntax() != gp::FileDescriptor::SYNTAX_PROTO3;
}

QString elementType(const FD *fd)
{
    if (fd->is_map())
        return QStringLiteral("map<%1, %2>")
            .arg(elementType(fd->message_type()->field(0)), elementType(fd->message_type()->field(1)));
    if (fd->message_type())
        return text(fd->message_type()->full_name());
    if (fd->enum_type())
        return text(fd->enum_type()->full_name());
    return QString::fromLatin1(fd->type_name());
}

QString defaultText(const FD *fd)
{
    if (fd->is_repeated())
        return QStringLiteral("an empty list");
    if (fd->has_default_value())
        return QStringLiteral("its declared default");
    switch (fd->cpp_type()) {
    case FD::CPPTYPE_MESSAGE:
        return QStringLiteral("no message (not set)");
    case FD::CPPTYPE_STRING:
        return fd->type() == FD::TYPE_BYTES ? QStringLiteral("empty bytes")
                                            : QStringLiteral("an empty string");
    case FD::CPPTYPE_BOOL:
        return QStringLiteral("false");
    case FD::CPPTYPE_ENUM:
        return QStringLiteral("%1, its first value").arg(text(fd->default_value_enum()->name()));
    default:
        return QStringLiteral("0");
    }
}

// How the JSON mapping writes one value of the field.
QString jsonForm(const FD *fd)
{
    if (fd->is_map())
        return QStringLiteral("an object of keys and values");
    switch (fd->type()) {
    case FD::TYPE_INT64:
    case FD::TYPE_UINT64:
    case FD::TYPE_SINT64:
    case FD::TYPE_FIXED64:
    case FD::TYPE_SFIXED64:
        return QStringLiteral("a string of digits");
    case FD::TYPE_BOOL:
        return QStringLiteral("true or false");
    case FD::TYPE_ENUM:
        return QStringLiteral("the value's name");
    case FD::TYPE_STRING:
        return QStringLiteral("a string");
    case FD::TYPE_BYTES:
        return QStringLiteral("a base64 string");
    case FD::TYPE_MESSAGE:
    case FD::TYPE_GROUP:
        if (fd->message_type()->full_name().rfind("google.protobuf.", 0) == 0)
            return QStringLiteral("the special form of %1").arg(text(fd->message_type()->full_name()));
        return QStringLiteral("an object");
    default:
        return QStringLiteral("a number");
    }
}

QString jsonSentence(const FD *writer, const FD *reader, Verdict verdict)
{
    const QString written = jsonForm(writer);
    const QString read = jsonForm(reader);
    if (written == read)
        return verdict == Verdict::Breaking ? QStringLiteral(
                   "In JSON both are written as %1, so JSON is unaffected: only the binary form breaks.")
                                                  .arg(written)
                                            : QString();
    const QSet<QString> integers {QStringLiteral("a number"), QStringLiteral("a string of digits")};
    QString sentence = QStringLiteral("In JSON the writer writes %1 and the reader %2").arg(written, read);
    if (integers.contains(written) && integers.contains(read) && !isFloating(writer) && !isFloating(reader))
        return sentence + QStringLiteral("; protobuf's JSON parsers accept either form for integers.");
    return sentence + QStringLiteral(", so JSON from one side may not parse on the other.");
}

QString signSentence(bool writerSigned, int bits)
{
    const QString unsignedMax
        = bits == 64 ? QStringLiteral("18446744073709551615") : QStringLiteral("4294967295");
    if (writerSigned)
        return QStringLiteral("Negative numbers change meaning: a written -1 reads as %1.").arg(unsignedMax);
    const QString signedMax
        = bits == 64 ? QStringLiteral("9223372036854775807") : QStringLiteral("2147483647");
    return QStringLiteral("Values above %1 read as negative numbers: a written %2 reads as -1.")
        .arg(signedMax, unsignedMax);
}

QString enumReaderNote(const FD *reader)
{
    const gp::EnumDescriptor *type = reader->enum_type();
    return QStringLiteral("The reader maps each number to a value of %1; a number it does not define %2.")
        .arg(text(type->full_name()),
            isClosedEnum(type) ? QStringLiteral(
                "is moved to the unknown fields, because %1 is a closed (proto2) enum, so the "
                "reader sees the default")
                                     .arg(text(type->name()))
                               : QStringLiteral("is kept as that number, because %1 is an open (proto3) enum")
                                     .arg(text(type->name())));
}

// protobuf documents bool as compatible with the integer varints: a bool is written as 0 or 1.
Judgement judgeBool(const FD *writer, const FD *reader)
{
    if (writer->type() == FD::TYPE_BOOL)
        return {Verdict::Compatible,
            QStringLiteral(
                "The reader gets false as 0 and true as 1 in its %1: every value arrives, and only a "
                "yes-or-no becomes a number.")
                .arg(elementType(reader))};
    return {Verdict::Lossy,
        QStringLiteral(
            "The reader turns every number other than 0 into true, so the number itself is lost.")};
}

// int32, int64, uint32, uint64 and enum: plain varints, told apart only by range.
Judgement judgeIntegers(const FD *writer, const FD *reader)
{
    const bool writerSigned = isSigned(writer);
    const bool readerSigned = isSigned(reader);
    const int writerBits = bitsOf(writer);
    const int readerBits = bitsOf(reader);
    if (readerBits < writerBits)
        return {Verdict::Lossy,
            QStringLiteral(
                "The reader keeps only the low 32 bits of each varint: %1 values outside the %2 range "
                "come out changed without any error (a written 4294967297 reads as 1).")
                .arg(elementType(writer), elementType(reader))};
    if (writerSigned != readerSigned && (writerSigned || readerBits == writerBits))
        return {Verdict::Lossy, signSentence(writerSigned, readerBits)};
    return {Verdict::Compatible,
        QStringLiteral(
            "Both are varints and every %1 value fits %2, so the reader gets each value unchanged%3.")
            .arg(elementType(writer), elementType(reader),
                writerSigned && writerBits < readerBits
                    ? QStringLiteral(" (negative values are written sign-extended to 64 bits)")
                    : QString())};
}

// The plain varints, bool included.
Judgement judgeVarints(const FD *writer, const FD *reader)
{
    const bool withBool = writer->type() == FD::TYPE_BOOL || reader->type() == FD::TYPE_BOOL;
    Judgement j = withBool ? judgeBool(writer, reader) : judgeIntegers(writer, reader);
    if (reader->type() == FD::TYPE_ENUM) {
        j.reason = joinSentences(j.reason, enumReaderNote(reader));
        if (isClosedEnum(reader->enum_type()) && j.verdict == Verdict::Compatible)
            j.verdict = Verdict::Lossy;
    }
    if (writer->type() == FD::TYPE_ENUM && reader->type() != FD::TYPE_BOOL)
        j.reason
            = joinSentences(j.reason, QStringLiteral("The reader gets the enum's numbers, not its names."));
    return j;
}

Judgement judgeZigZag(const FD *writer, const FD *reader)
{
    if (isZigZag(writer) && isZigZag(reader)) {
        if (bitsOf(reader) >= bitsOf(writer))
            return {Verdict::Compatible,
                QStringLiteral(
                    "Both are zigzag varints and every sint32 value fits sint64, so the reader gets "
                    "each value unchanged.")};
        return {Verdict::Lossy,
            QStringLiteral(
                "The reader keeps only the low 32 bits of the zigzag varint: sint64 values outside the "
                "32-bit range come out changed without any error.")};
    }
    // Zigzag maps 0 to 0 and every other value to a non-zero varint, so a bool reader still
    // tells zero from the rest.
    if (isZigZag(writer) && reader->type() == FD::TYPE_BOOL)
        return {Verdict::Lossy,
            QStringLiteral(
                "The writer zigzag-encodes its %1 (-1 as 1, 1 as 2), which keeps 0 as 0 and every other "
                "value non-zero, so the reader's bool is true exactly when the number is not 0: the "
                "number itself is lost.")
                .arg(elementType(writer))};
    if (isZigZag(writer))
        return {Verdict::Breaking,
            QStringLiteral(
                "The writer zigzag-encodes its %1 (-1 as 1, 1 as 2, -2 as 3) and the reader's %2 takes "
                "the varint as it is, so the same bytes mean another value, silently: a written 1 reads "
                "as 2 and -1 as 1.")
                .arg(elementType(writer), elementType(reader))};
    // The examples hold for numbers; a written bool reads as 0 or -1.
    const bool fromBool = writer->type() == FD::TYPE_BOOL;
    return {Verdict::Breaking,
        QStringLiteral(
            "The writer's %1 is a plain varint and the reader's %2 undoes a zigzag encoding that was "
            "never applied, so the same bytes mean another value, silently%3.")
            .arg(elementType(writer), elementType(reader),
                fromBool ? QStringLiteral(": a written true reads as -1")
                         : QStringLiteral(": a written 1 reads as -1 and 2 as 1"))};
}

// fixed32, sfixed32 and float share 4 bytes; fixed64, sfixed64 and double share 8.
Judgement judgeFixed(const FD *writer, const FD *reader)
{
    const int bits = bitsOf(writer);
    if (isFloating(writer))
        return {Verdict::Breaking,
            QStringLiteral(
                "The reader takes the %1 bits of an IEEE 754 %2 as an integer, silently: a written 1.0 "
                "reads as %3.")
                .arg(bits)
                .arg(elementType(writer),
                    bits == 64 ? QStringLiteral("4607182418800017408") : QStringLiteral("1065353216"))};
    if (isFloating(reader))
        return {Verdict::Breaking,
            QStringLiteral(
                "The reader takes the %1 bits of an integer as an IEEE 754 %2, silently: a written 1 "
                "reads as %3.")
                .arg(bits)
                .arg(elementType(reader),
                    bits == 64 ? QStringLiteral("4.9e-324") : QStringLiteral("1.4e-45"))};
    return {Verdict::Lossy, signSentence(isSigned(writer), bits)};
}

Judgement judgeDelimited(const FD *writer, const FD *reader)
{
    const FD::Type w = writer->type();
    const FD::Type r = reader->type();
    const bool proto3Reader = reader->file()->syntax() == gp::FileDescriptor::SYNTAX_PROTO3;
    if (w == FD::TYPE_STRING && r == FD::TYPE_BYTES)
        return {Verdict::Compatible, QStringLiteral("The reader gets the text's UTF-8 bytes unchanged.")};
    if (w == FD::TYPE_BYTES && r == FD::TYPE_STRING)
        return {Verdict::Lossy,
            QStringLiteral(
                "The reader gets the bytes as text: unchanged while they are valid UTF-8; bytes that "
                "are not %1.")
                .arg(proto3Reader ? QStringLiteral("make the reader's proto3 parser reject the whole message")
                                  : QStringLiteral("are kept as they are but are not text"))};
    if (w == FD::TYPE_MESSAGE && r == FD::TYPE_BYTES)
        return {Verdict::Compatible,
            QStringLiteral(
                "The reader gets the encoded %1 as bytes, unchanged: a message is written as the bytes "
                "of its encoding.")
                .arg(elementType(writer))};
    if (w == FD::TYPE_BYTES && r == FD::TYPE_MESSAGE)
        return {Verdict::Compatible,
            QStringLiteral(
                "The reader parses the bytes as a %1: the same as before when they hold an encoded %1; "
                "anything else fails to parse or yields fields nobody wrote.")
                .arg(elementType(reader))};
    if (w == FD::TYPE_STRING)
        return {Verdict::Breaking,
            QStringLiteral(
                "The reader parses the text's bytes as an encoded %1: that fails, or, when the text "
                "happens to parse, yields fields nobody wrote.")
                .arg(elementType(reader))};
    return {Verdict::Breaking,
        QStringLiteral(
            "The reader takes the encoded %1 as text: an encoding is rarely valid UTF-8, %2, and even "
            "when it is, the text means nothing.")
            .arg(elementType(writer),
                proto3Reader
                    ? QStringLiteral("which makes the reader's proto3 parser reject the whole message")
                    : QStringLiteral("which the reader keeps as it is"))};
}

Judgement judgeEnums(const gp::EnumDescriptor *writer, const gp::EnumDescriptor *reader)
{
    QStringList missing;
    QStringList renamed;
    for (int i = 0; i < writer->value_count(); ++i) {
        const gp::EnumValueDescriptor *value = writer->value(i);
        const gp::EnumValueDescriptor *known = reader->FindValueByNumber(value->number());
        if (!known)
            missing.append(QStringLiteral("%1 (%2)").arg(text(value->name())).arg(value->number()));
        else if (known->name() != value->name())
            renamed.append(QStringLiteral("%1 is %2 to the writer and %3 to the reader")
                               .arg(value->number())
                               .arg(text(value->name()), text(known->name())));
    }
    const bool sameName = writer->full_name() == reader->full_name();
    if (missing.isEmpty() && renamed.isEmpty() && sameName)
        return {};
    Judgement j {Verdict::Compatible, QString()};
    if (!sameName)
        j.reason = QStringLiteral("Both are enums (%1 and %2) and the wire carries only the numbers.")
                       .arg(text(writer->full_name()), text(reader->full_name()));
    if (!missing.isEmpty()) {
        const bool closed = isClosedEnum(reader);
        j.reason = joinSentences(j.reason,
            QStringLiteral("The reader's enum has no value for %1: %2.")
                .arg(listed(missing),
                    closed ? QStringLiteral("it is a closed (proto2) enum, so the field moves to the unknown "
                                            "fields and the reader sees the default")
                           : QStringLiteral("it is an open (proto3) enum, so the reader keeps the number")));
        if (closed)
            j.verdict = Verdict::Lossy;
    }
    if (!renamed.isEmpty())
        j.reason = joinSentences(j.reason,
            QStringLiteral(
                "Renamed values (%1) read the same in binary, but JSON writes enum values by name, so "
                "JSON from one side names values the other does not know.")
                .arg(listed(renamed)));
    return j;
}

} // namespace

QString declaration(const FD *fd, const QString &path)
{
    QString label;
    if (fd->is_map())
        label = QString();
    else if (fd->is_repeated())
        label = QStringLiteral("repeated ");
    else if (fd->is_required())
        label = QStringLiteral("required ");
    else if (fd->has_optional_keyword())
        label = QStringLiteral("optional ");
    QString out = QStringLiteral("%1%2 %3 = %4").arg(label, elementType(fd), path).arg(fd->number());
    if (const gp::OneofDescriptor *oneof = fd->real_containing_oneof())
        out += QStringLiteral(" (in oneof %1)").arg(text(oneof->name()));
    return out;
}

// Both fields use the same wire type and the reader accepts what the writer writes.
Judgement judgeType(const FD *writer, const FD *reader)
{
    if (writer->type() == reader->type()) {
        if (writer->enum_type())
            return judgeEnums(writer->enum_type(), reader->enum_type());
        if (writer->message_type()
            && writer->message_type()->full_name() != reader->message_type()->full_name()) {
            const QString reason = QStringLiteral(
                "Both are messages, so the reader decodes the bytes of a %1 as "
                "a %2, field by field; the changes inside are listed under this field's path.")
                                       .arg(elementType(writer), elementType(reader));
            return {Verdict::Compatible,
                joinSentences(reason, jsonSentence(writer, reader, Verdict::Compatible))};
        }
        return {};
    }
    Judgement j;
    switch (naturalWireType(writer)) {
    case 0:
        j = isZigZag(writer) || isZigZag(reader) ? judgeZigZag(writer, reader) : judgeVarints(writer, reader);
        break;
    case 1:
    case 5:
        j = judgeFixed(writer, reader);
        break;
    default:
        j = judgeDelimited(writer, reader);
        break;
    }
    j.reason = joinSentences(j.reason, jsonSentence(writer, reader, j.verdict));
    return j;
}

// The reader cannot take the writer's bytes as its own type: another wire type, or the
// same one meaning something else (a packed record read as bytes).
Judgement judgeWire(const FD *writer, const FD *reader)
{
    const int written = writtenWireType(writer);
    QString reason;
    if (!readerAccepts(reader, written)) {
        const QString how = writer->is_packed()
            ? QStringLiteral("The writer packs its %1 values into one length-delimited record, %2,")
                  .arg(elementType(writer), wireTypeText(written))
            : QStringLiteral("The writer sends field %1 as %2")
                  .arg(writer->number())
                  .arg(wireTypeText(written));
        reason
            = QStringLiteral("%1 and the reader's %2 %3 expects %4: a parser that meets a known field number "
                             "with another wire type keeps the field as an unknown field, so the reader sees "
                             "%5 (and writes the bytes back out unchanged).")
                  .arg(how, QString::fromLatin1(reader->is_repeated() ? "repeated" : "singular"),
                      elementType(reader), wireTypeText(naturalWireType(reader)), defaultText(reader));
    } else {
        const auto as = [](const FD *fd, bool packed) {
            return packed ? QStringLiteral("packed %1 values").arg(elementType(fd))
                          : QStringLiteral("%1 data").arg(elementType(fd));
        };
        reason = QStringLiteral(
            "Both use %1, but the writer's record holds %2 and the reader reads it as %3, so it decodes "
            "bytes meant as something else: wrong values, or a failed parse.")
                     .arg(wireTypeText(written), as(writer, writer->is_packed()),
                         as(reader, naturalWireType(reader) != 2));
    }
    return {Verdict::Breaking, joinSentences(reason, jsonSentence(writer, reader, Verdict::Breaking))};
}

Judgement judgeCardinality(const FD *writer, const FD *reader)
{
    const bool writerRepeated = writer->is_repeated();
    const bool readerRepeated = reader->is_repeated();
    if (writerRepeated == readerRepeated) {
        if (!writerRepeated || writer->is_packed() == reader->is_packed())
            return {};
        return {Verdict::Compatible,
            QStringLiteral(
                "The writer %1 its repeated values and the reader declares them %2: parsers of repeated "
                "scalars accept both encodings, so the reader gets the same values; only the size on "
                "the wire differs. JSON is the same.")
                .arg(writer->is_packed() ? QStringLiteral("packs") : QStringLiteral("does not pack"),
                    reader->is_packed() ? QStringLiteral("packed") : QStringLiteral("unpacked"))};
    }
    if (!writerRepeated)
        return {Verdict::Compatible,
            QStringLiteral(
                "The reader collects the single value as a list of one%1. In JSON the reader writes a "
                "list where the writer writes one value, and protobuf's JSON parsers reject the "
                "mismatch.")
                .arg(reader->is_packed()
                        ? QStringLiteral(" (parsers of packed fields accept the unpacked form too)")
                        : QString())};
    const QString keeps = writer->message_type()
        ? QStringLiteral(
            "The reader merges all the messages written into one: its scalar fields keep the last "
            "value written and its repeated fields collect all of them.")
        : QStringLiteral("The reader keeps only the last of the values written; the others are dropped.");
    return {Verdict::Compatible,
        keeps
            + QStringLiteral(
                " In JSON the writer writes a list where the reader expects one value, and protobuf's "
                "JSON parsers reject the mismatch.")};
}

namespace {

// The other members of the reader's oneof that the writer may set along with `writer`: it
// has them outside any oneof, or in another oneof than `writer`'s.
QStringList setTogether(const FD *writer, const gp::OneofDescriptor *readerOneof)
{
    const gp::OneofDescriptor *writerOneof = writer->real_containing_oneof();
    QStringList together;
    for (int i = 0; i < readerOneof->field_count(); ++i) {
        const int number = readerOneof->field(i)->number();
        const FD *other
            = number == writer->number() ? nullptr : writer->containing_type()->FindFieldByNumber(number);
        if (other && (!writerOneof || other->real_containing_oneof() != writerOneof))
            together.append(QStringLiteral("%1 (%2)").arg(text(other->name())).arg(number));
    }
    return together;
}

} // namespace

Judgement judgeOneof(const FD *writer, const FD *reader)
{
    const gp::OneofDescriptor *w = writer->real_containing_oneof();
    const gp::OneofDescriptor *r = reader->real_containing_oneof();
    if ((!w && !r) || (w && r && w->name() == r->name()))
        return {};
    const QString wire = QStringLiteral("The wire does not mark oneofs, so each value reads the same");
    if (!r)
        return {Verdict::Compatible,
            QStringLiteral(
                "%1; the writer sets at most one member of oneof %2, and the reader sees this field as "
                "an ordinary one.")
                .arg(wire, text(w->name()))};
    const QStringList together = setTogether(writer, r);
    if (!together.isEmpty())
        return {Verdict::Lossy,
            QStringLiteral(
                "%1 on its own, but the reader holds this field in oneof %2, which keeps only the member "
                "set last, and the writer may set it together with %3: then the reader loses all but the "
                "one written last.")
                .arg(wire, text(r->name()), listed(together))};
    return {Verdict::Compatible,
        QStringLiteral(
            "%1, and the reader holds this field in oneof %2: %3, so the reader never loses a value.")
            .arg(wire, text(r->name()),
                w ? QStringLiteral("the writer's oneof %1 already sets at most one of its members")
                        .arg(text(w->name()))
                  : QStringLiteral("the writer has no other member of it"))};
}

Judgement judgeName(const FD *writer, const FD *reader)
{
    const QString w = text(writer->name());
    const QString r = text(reader->name());
    const QString wJson = text(writer->json_name());
    const QString rJson = text(reader->json_name());
    if (w == r && wJson == rJson)
        return {};
    const QString json
        = QStringLiteral("JSON names fields (\"%1\" against \"%2\"), so JSON written by one side is "
                         "not understood by the other")
              .arg(wJson, rJson);
    if (w == r)
        return {Verdict::Compatible,
            QStringLiteral("Both call field %1 %2 and the binary form is unchanged, but %3.")
                .arg(writer->number())
                .arg(w, json)};
    return {Verdict::Compatible,
        QStringLiteral(
            "The writer calls field %1 %2 and the reader calls it %3. The binary form carries only the "
            "number, so the value arrives unchanged; but %4, and field masks and text format, which use "
            "names too, no longer match.")
            .arg(writer->number())
            .arg(w, r, json)};
}

bool sameWire(const FD *writer, const FD *reader)
{
    return readerAccepts(reader, writtenWireType(writer))
        && naturalWireType(writer) == naturalWireType(reader);
}

Judgement judgeRequired(const FD *writer, const FD *reader)
{
    if (!reader->is_required() || writer->is_required())
        return {};
    // A field without presence is left out whenever it holds its default.
    const bool implicit = !writer->is_repeated() && !writer->has_presence();
    return {Verdict::Breaking,
        QStringLiteral(
            "The writer may leave field %1 (%2) unset%3 but the reader requires it: the reader's parser "
            "rejects every message in which the writer left it unset.")
            .arg(writer->number())
            .arg(text(reader->name()),
                implicit ? QStringLiteral(" (it leaves it out whenever it holds %1)").arg(defaultText(writer))
                         : QString())};
}

Judgement judgeAdded(const FD *writer)
{
    return {Verdict::Compatible,
        QStringLiteral(
            "The reader does not know field %1 (%2): its parser keeps the bytes as an unknown field and "
            "writes them back out when it re-encodes the message (proto3 parsers have kept unknown "
            "fields since protobuf 3.5). The reader's code cannot see the value, and its JSON output "
            "leaves it out.")
            .arg(writer->number())
            .arg(text(writer->name()))};
}

Judgement judgeRemoved(const FD *reader)
{
    if (reader->is_required())
        return {Verdict::Breaking,
            QStringLiteral(
                "The reader requires field %1 (%2) but the writer never writes it: the reader's parser "
                "rejects the message as missing a required field.")
                .arg(reader->number())
                .arg(text(reader->name()))};
    return {Verdict::Compatible,
        QStringLiteral(
            "The writer never writes field %1, so the reader sees %2 as %3. JSON from the writer simply "
            "lacks the key.")
            .arg(reader->number())
            .arg(text(reader->name()), defaultText(reader))};
}

} // namespace wirescope::EvolutionRules
