#include "model/lab/LessonTexts.h"

#include "model/wire/WireAnnotator.h"
#include "model/wire/WireFormat.h"
#include "model/wire/WireText.h"

namespace wirescope::LessonTexts {

namespace {

using Role = WireSpan::Role;
using Check = LessonCheck (*)(const WireTree &tree);

// ---- helpers shared by the checkers ----

LessonCheck passed(const QString &message)
{
    return {true, message};
}

LessonCheck failed(const QString &message)
{
    return {false, message};
}

// The last occurrence of a field among one level's spans: for a singular field, the one a
// parser keeps.
const WireSpan *lastField(const QList<WireSpan> &spans, int number)
{
    const WireSpan *found = nullptr;
    for (const WireSpan &span : spans)
        if (span.role == Role::Field && span.fieldNumber == number)
            found = &span;
    return found;
}

const WireSpan *partOf(const WireSpan &field, Role role)
{
    for (const WireSpan &child : field.children)
        if (child.role == role)
            return &child;
    return nullptr;
}

// A span's bytes as the texts write them: "0x05" for one byte, "80 01" for several.
QString hexOf(const WireTree &tree, const WireSpan &span)
{
    if (span.length == 1)
        return QStringLiteral("0x%1").arg(quint8(tree.bytes.at(span.offset)), 2, 16, QLatin1Char('0'));
    return WireText::hex(tree.bytes.constData() + span.offset, span.length);
}

// Every task checker sees broken bytes the same way: what is wrong with them comes first,
// because no field can be judged in bytes a parser refuses.
std::function<LessonCheck(const WireTree &)> guarded(Check check)
{
    return [check](const WireTree &tree) {
        if (tree.hasHardError())
            return failed(tree.error);
        for (const WireLint &lint : tree.lints)
            if (lint.isError())
                return failed(lint.message);
        return check(tree);
    };
}

LessonStep step(const QList<int> &path, Role role, const QString &text, int occurrence = 0)
{
    LessonStep result;
    result.target.fieldPath = path;
    result.target.role = role;
    result.target.occurrence = occurrence;
    result.text = text;
    return result;
}

LessonStep elementStep(const QList<int> &path, int element, const QString &text)
{
    LessonStep result;
    result.target.fieldPath = path;
    result.target.role = Role::Element;
    result.target.element = element;
    result.text = text;
    return result;
}

// ---- varints ----

LessonCheck checkVarints(const WireTree &tree)
{
    const WireSpan *count = lastField(tree.spans, 2);
    if (!count)
        return failed(QStringLiteral("count (field 2) is not in the bytes; give it a value from 16,384 to "
                                     "2,097,151."));
    const WireSpan *value = partOf(*count, Role::Value);
    if (count->wireType != 0 || !value)
        return failed(QStringLiteral("Field 2 has wire type %1 now; count is a varint, wire type 0.")
                          .arg(count->wireType));
    const int needed = WireFormat::varintSize(value->raw);
    if (value->length == 3 && needed == 3)
        return passed(QStringLiteral("count is %1 and its value takes 3 bytes, %2, after the tag 0x10: done.")
                          .arg(value->raw)
                          .arg(hexOf(tree, *value)));
    if (value->length == 3)
        return failed(QStringLiteral("The value takes 3 bytes, but %1 needs only %2: the extra bytes are "
                                     "padding no writer makes. Choose a value from 16,384 to 2,097,151.")
                          .arg(value->raw)
                          .arg(WireText::bytes(needed)));
    return failed(QStringLiteral("count is %1 and its value takes %2 now; a value from 16,384 to 2,097,151 "
                                 "takes 3.")
                      .arg(value->raw)
                      .arg(WireText::bytes(value->length)));
}

// The walk-through, one span at a time, in byte order where the story allows.
QList<LessonStep> varintsSteps()
{
    return {
        step({1}, Role::Value,
            QStringLiteral(
                "1 fits in 7 bits, so it takes one byte, 0x01. The top bit of each varint byte says "
                "whether another byte follows; here it is 0.")),
        step({2}, Role::Tag,
            QStringLiteral("0x10 is the tag of field 2, count. The varint follows with no length in front: a "
                           "reader finds its end from the top bits.")),
        step({2}, Role::Value,
            QStringLiteral("150 does not fit in 7 bits, so it takes two bytes: 0x96 carries the low 7 bits "
                           "(0x16, which is 22) with the continuation bit set, 0x01 carries the next 7 (1 × "
                           "128). Least significant first: 22 + 128 = 150.")),
        step({2}, Role::Field,
            QStringLiteral(
                "Values from 0 to 127 take one byte, up to 16,383 two, up to 2,097,151 three: each "
                "byte adds 7 bits. A uint32 takes at most 5 bytes, a uint64 at most 10.")),
    };
}

Lesson varints()
{
    Lesson lesson;
    lesson.id = QStringLiteral("varints");
    lesson.title = QStringLiteral("Varints");
    lesson.summary
        = QStringLiteral("How protobuf writes an integer in as few bytes as it needs, 7 bits a byte.");
    lesson.protoText = QStringLiteral("syntax = \"proto3\";\n"
                                      "package lab.varints;\n"
                                      "\n"
                                      "message Reading {\n"
                                      "  uint32 small = 1;\n"
                                      "  uint32 count = 2;\n"
                                      "}\n");
    lesson.typeName = QStringLiteral("lab.varints.Reading");
    lesson.json = QStringLiteral("{\"small\": 1, \"count\": 150}");
    lesson.steps = varintsSteps();
    lesson.task = QStringLiteral("Give count (field 2) a value whose varint takes exactly 3 bytes, not "
                                 "counting the tag.");
    lesson.hint = QStringLiteral("Each byte carries 7 bits, so 3 bytes hold the values from 16,384 (2^14) to "
                                 "2,097,151 (2^21 − 1). Edit count's value in the tree.");
    lesson.check = guarded(&checkVarints);
    return lesson;
}

// ---- tags and wire types ----

LessonCheck checkTags(const WireTree &tree)
{
    const WireSpan *moved = lastField(tree.spans, 16);
    if (!moved)
        return failed(
            QStringLiteral("No field 16 is in the bytes yet. level's tag is 0x08; the tag of field 16 "
                           "with wire type 0 is (16 << 3) | 0 = 128."));
    const WireSpan *tag = partOf(*moved, Role::Tag);
    if (moved->wireType != 0)
        return failed(
            QStringLiteral("Field 16 has wire type %1; keep wire type 0 so that 0x07 still reads as a "
                           "varint.")
                .arg(moved->wireType));
    if (moved->raw != 7)
        return failed(
            QStringLiteral("Field 16 holds %1; keep the value 7 and change only the tag.").arg(moved->raw));
    if (lastField(tree.spans, 1))
        return failed(QStringLiteral("Field 16 holds 7, but field 1 is still there; change level's tag "
                                     "instead of adding a field."));
    return passed(QStringLiteral("Field 16 holds 7 under the %1-byte tag %2: done. The schema calls field 16 "
                                 "priority, so the same value now reads as priority: names are not on the "
                                 "wire.")
                      .arg(tag ? tag->length : 0)
                      .arg(tag ? hexOf(tree, *tag) : QString()));
}

QList<LessonStep> tagsSteps()
{
    return {
        step({1}, Role::Tag,
            QStringLiteral(
                "Each field starts with a tag, (field_number << 3) | wire_type, written as a varint. "
                "0x08 is (1 << 3) | 0: field 1 with wire type 0, a varint.")),
        step({1}, Role::Value,
            QStringLiteral(
                "The wire type tells a reader where the value ends without the schema: for wire type "
                "0 it reads one varint, here 0x07, which is 7.")),
        step({2}, Role::Tag,
            QStringLiteral(
                "0x12 is (2 << 3) | 2 = 18: field 2 with wire type 2, length-delimited, so a length "
                "comes next, 0x02.")),
        step({3}, Role::Tag,
            QStringLiteral("0x1d is (3 << 3) | 5 = 29: field 3 with wire type 5, so exactly four bytes "
                           "follow.")),
        step({3}, Role::Value,
            QStringLiteral("A fixed32 always takes four bytes, least significant first: e8 03 00 00 is "
                           "0x000003e8, which is 1000.")),
        step({1}, Role::Field,
            QStringLiteral(
                "Field numbers 1 to 15 fit a one-byte tag with any wire type; from 16 to 2,047 the "
                "tag takes two bytes. Give the most frequent fields the small numbers.")),
    };
}

Lesson tags()
{
    Lesson lesson;
    lesson.id = QStringLiteral("tags");
    lesson.title = QStringLiteral("Tags and wire types");
    lesson.summary = QStringLiteral("How each field starts with its number and wire type packed into one "
                                    "varint.");
    lesson.protoText = QStringLiteral("syntax = \"proto3\";\n"
                                      "package lab.tags;\n"
                                      "\n"
                                      "message Sample {\n"
                                      "  int32 level = 1;\n"
                                      "  string name = 2;\n"
                                      "  fixed32 code = 3;\n"
                                      "  int32 priority = 16;\n"
                                      "}\n");
    lesson.typeName = QStringLiteral("lab.tags.Sample");
    lesson.json = QStringLiteral("{\"level\": 7, \"name\": \"hi\", \"code\": 1000}");
    lesson.steps = tagsSteps();
    lesson.task
        = QStringLiteral("Give level field number 16 by editing its tag byte 0x08, keeping its value 7, "
                         "and watch the tag grow to two bytes.");
    lesson.hint = QStringLiteral("The new tag is (16 << 3) | 0 = 128. That does not fit in 7 bits, so its "
                                 "varint takes two bytes.");
    lesson.check = guarded(&checkTags);
    return lesson;
}

// ---- zigzag ----

LessonCheck checkZigzag(const WireTree &tree)
{
    const WireSpan *field = lastField(tree.spans, 2);
    if (!field)
        return failed(QStringLiteral("zigzag (field 2) is not in the bytes; give it a value."));
    const WireSpan *value = partOf(*field, Role::Value);
    if (field->wireType != 0 || !value)
        return failed(QStringLiteral("Field 2 has wire type %1 now; zigzag is a varint, wire type 0.")
                          .arg(field->wireType));
    if (value->length == 1 && value->raw == 3)
        return passed(
            QStringLiteral("zigzag is −2, encoded as the single byte 0x03: done. (−2 << 1) ^ (−2 >> 31) "
                           "= −4 ^ −1 = 3."));
    if (value->raw == 3)
        return failed(
            QStringLiteral("zigzag is −2, the right value, but its varint %1 is padded to %2; write it "
                           "as the single byte 0x03.")
                .arg(hexOf(tree, *value), WireText::bytes(value->length)));
    return failed(QStringLiteral("zigzag is %1, encoded as %2; look for the value that ZigZag maps to 3.")
                      .arg(field->value, hexOf(tree, *value)));
}

QList<LessonStep> zigzagSteps()
{
    return {
        step({1}, Role::Value,
            QStringLiteral(
                "plain is an int32 holding −1. A negative int32 is sign-extended to 64 bits, so its "
                "varint takes ten bytes: nine 0xff and a final 0x01.")),
        step({2}, Role::Value,
            QStringLiteral("zigzag is a sint32 holding the same −1. ZigZag maps it to 1 before the varint is "
                           "written, so it takes one byte, 0x01.")),
        step({2}, Role::Field,
            QStringLiteral(
                "ZigZag interleaves the signs: 0 → 0, −1 → 1, 1 → 2, −2 → 3, 2 → 4. For a sint32 n "
                "it computes (n << 1) ^ (n >> 31).")),
        step({1}, Role::Field,
            QStringLiteral(
                "For values that are never negative, int32 is never longer than sint32, but one "
                "negative value costs plain 11 bytes here, tag included. Use sint32 or sint64 when "
                "negatives are common.")),
    };
}

Lesson zigzag()
{
    Lesson lesson;
    lesson.id = QStringLiteral("zigzag");
    lesson.title = QStringLiteral("ZigZag");
    lesson.summary = QStringLiteral("Why −1 takes ten bytes as an int32 and one byte as a sint32.");
    lesson.protoText = QStringLiteral("syntax = \"proto3\";\n"
                                      "package lab.zigzag;\n"
                                      "\n"
                                      "message Delta {\n"
                                      "  int32 plain = 1;\n"
                                      "  sint32 zigzag = 2;\n"
                                      "}\n");
    lesson.typeName = QStringLiteral("lab.zigzag.Delta");
    lesson.json = QStringLiteral("{\"plain\": -1, \"zigzag\": -1}");
    lesson.steps = zigzagSteps();
    lesson.task = QStringLiteral("Give zigzag (field 2) the value whose encoding is the single byte 0x03.");
    lesson.hint
        = QStringLiteral("Write out the ZigZag order, 0, −1, 1, −2, 2, …, and take the value at position "
                         "3, counting from 0.");
    lesson.check = guarded(&checkZigzag);
    return lesson;
}

// ---- strings, bytes and nested messages ----

LessonCheck checkLengthDelimited(const WireTree &tree)
{
    const WireSpan *author = lastField(tree.spans, 3);
    if (!author)
        return failed(QStringLiteral("author (field 3) is not in the bytes; keep it and shorten its name."));
    const WireSpan *length = partOf(*author, Role::Length);
    const WireSpan *value = partOf(*author, Role::Value);
    if (author->wireType != 2 || !length || !value)
        return failed(
            QStringLiteral("Field 3 has wire type %1 now; author is a message, wire type 2 (tag 0x1a).")
                .arg(author->wireType));
    const QList<WireSpan> *inner = WireAnnotator::innerSpans(*value);
    if (!inner || !lastField(*inner, 2))
        return failed(QStringLiteral("The author message is %1 long but has no id; keep id 7 inside it and "
                                     "shorten the name instead.")
                          .arg(WireText::bytes(value->length)));
    if (length->raw == 5)
        return passed(
            QStringLiteral("The author message is 5 bytes long and its length prefix reads %1: done. "
                           "A shorter name changes two lengths, the name's and the author's.")
                .arg(hexOf(tree, *length)));
    return failed(QStringLiteral("The author message is %1 long, so its length prefix reads %2; it needs to "
                                 "be 5 bytes.")
                      .arg(WireText::bytes(value->length), hexOf(tree, *length)));
}

QList<LessonStep> lengthDelimitedSteps()
{
    return {
        step({1}, Role::Length,
            QStringLiteral(
                "Wire type 2 puts a length in front of the value: 0x02 says the next two bytes are "
                "the text.")),
        step({1}, Role::Value,
            QStringLiteral(
                "A string is its UTF-8 bytes with no terminator: 68 69 is \"hi\". The length counts "
                "bytes, not characters.")),
        step({2}, Role::Value,
            QStringLiteral("digest is a bytes field, written the same way, but its bytes need not be UTF-8: "
                           "here they are 01 02.")),
        step({3}, Role::Length,
            QStringLiteral(
                "A nested message is written the same way: the author's own fields, seven bytes of "
                "them, behind the length 0x07.")),
        step({3, 1}, Role::Field,
            QStringLiteral(
                "Inside, the author's fields are encoded exactly as at the top level: name is field "
                "1, tag 0x0a, length 3, then \"Ada\".")),
        step({3}, Role::Value,
            QStringLiteral("Nothing on the wire says these seven bytes are a message rather than a string or "
                           "bytes; only the schema does. Without one, the inspector lists every reading that "
                           "fits.")),
    };
}

Lesson lengthDelimited()
{
    Lesson lesson;
    lesson.id = QStringLiteral("length-delimited");
    lesson.title = QStringLiteral("Strings, bytes and nested messages");
    lesson.summary = QStringLiteral("How wire type 2 writes text, raw bytes and whole messages behind a "
                                    "length.");
    lesson.protoText = QStringLiteral("syntax = \"proto3\";\n"
                                      "package lab.length_delimited;\n"
                                      "\n"
                                      "message Person {\n"
                                      "  string name = 1;\n"
                                      "  int32 id = 2;\n"
                                      "}\n"
                                      "\n"
                                      "message Note {\n"
                                      "  string text = 1;\n"
                                      "  bytes digest = 2;\n"
                                      "  Person author = 3;\n"
                                      "}\n");
    lesson.typeName = QStringLiteral("lab.length_delimited.Note");
    lesson.json = QStringLiteral(
        "{\"text\": \"hi\", \"digest\": \"AQI=\", \"author\": {\"name\": \"Ada\", \"id\": 7}}");
    lesson.steps = lengthDelimitedSteps();
    lesson.task
        = QStringLiteral("Shorten the author's name so that the author message, name and id together, "
                         "is 5 bytes long and its length prefix reads 0x05.");
    lesson.hint
        = QStringLiteral("The author holds the name field (a tag, a length and the letters) and the id "
                         "field (2 bytes), so a name of n letters makes it n + 4 bytes long.");
    lesson.check = guarded(&checkLengthDelimited);
    return lesson;
}

// ---- packed repeated fields ----

LessonCheck checkPacked(const WireTree &tree)
{
    const WireSpan *values = lastField(tree.spans, 1);
    if (!values)
        return failed(QStringLiteral("values (field 1) is not in the bytes; put it back, packed, with four "
                                     "elements."));
    const WireSpan *length = partOf(*values, Role::Length);
    const WireSpan *value = partOf(*values, Role::Value);
    if (values->wireType != 2 || !length || !value || value->kind != WireSpan::Kind::Packed)
        return failed(
            QStringLiteral("values is not packed now (wire type %1); keep its tag 0x0a and put the new "
                           "element inside its bytes.")
                .arg(values->wireType));
    if (value->elementCount == 4 && length->raw == 5)
        return passed(QStringLiteral("values has 4 elements in 5 bytes under one tag: done. Unpacked, the "
                                     "fourth element would have cost a tag byte as well."));
    return failed(QStringLiteral("values has %1 in %2 now; it needs 4 elements in 5 bytes.")
                      .arg(value->elementCount == 1 ? QStringLiteral("1 element")
                                                    : QStringLiteral("%1 elements").arg(value->elementCount),
                          WireText::bytes(value->length)));
}

QList<LessonStep> packedSteps()
{
    return {
        step({1}, Role::Length,
            QStringLiteral("In proto3, repeated numbers are packed by default: one tag, one length, then the "
                           "elements back to back. The length 0x04 counts their bytes.")),
        elementStep(
            {1}, 0, QStringLiteral("An element has no tag of its own; each is a plain varint. 0x01 is 1.")),
        elementStep({1}, 2,
            QStringLiteral("Elements keep their own sizes: 150 takes two bytes, 96 01, so the three elements "
                           "take four bytes.")),
        step({2}, Role::Field,
            QStringLiteral(
                "loose is declared [packed = false], so each element is a whole field with its own "
                "tag: 10 01 is the first.")),
        step({2}, Role::Field,
            QStringLiteral(
                "Unpacked, the same three numbers take 7 bytes against 6 packed, and every further "
                "element costs one more tag byte. Parsers accept both forms for any repeated number "
                "field."),
            2),
    };
}

Lesson packed()
{
    Lesson lesson;
    lesson.id = QStringLiteral("packed");
    lesson.title = QStringLiteral("Packed repeated fields");
    lesson.summary
        = QStringLiteral("How proto3 writes a list of numbers under one tag, and what that saves.");
    lesson.protoText = QStringLiteral("syntax = \"proto3\";\n"
                                      "package lab.packed;\n"
                                      "\n"
                                      "message Samples {\n"
                                      "  repeated int32 values = 1;\n"
                                      "  repeated int32 loose = 2 [packed = false];\n"
                                      "}\n");
    lesson.typeName = QStringLiteral("lab.packed.Samples");
    lesson.json = QStringLiteral("{\"values\": [1, 2, 150], \"loose\": [1, 2, 150]}");
    lesson.steps = packedSteps();
    lesson.task
        = QStringLiteral("Add a fourth element to values by editing the bytes: insert a one-byte varint "
                         "after 96 01 and raise the length prefix so that it reads 0x05.");
    lesson.hint = QStringLiteral("A value from 0 to 127 takes one byte. If the length is not raised, the new "
                                 "byte is read as the tag of the next field.");
    lesson.check = guarded(&checkPacked);
    return lesson;
}

// ---- maps and oneofs ----

LessonCheck checkMapsOneofs(const WireTree &tree)
{
    const WireSpan *email = lastField(tree.spans, 2);
    const WireSpan *userId = lastField(tree.spans, 3);
    if (!userId)
        return failed(QStringLiteral("Only email is set. Append user_id after it: field 3 with wire type 0, "
                                     "then a varint."));
    if (userId->wireType != 0)
        return failed(
            QStringLiteral("Field 3 has wire type %1, so a parser keeps it as an unknown field, not "
                           "as user_id; write it as a varint, wire type 0.")
                .arg(userId->wireType));
    if (!email)
        return failed(
            QStringLiteral("Only user_id is in the bytes; keep email in front of it to see the last "
                           "member win."));
    if (email->offset > userId->offset)
        return failed(QStringLiteral("email comes after user_id, so email wins; put user_id last."));
    return passed(QStringLiteral("Both members are in the bytes and user_id comes last, so a parser keeps "
                                 "user_id = %1 and drops email: done.")
                      .arg(userId->value));
}

QList<LessonStep> mapsOneofsSteps()
{
    return {
        step({1}, Role::Field,
            QStringLiteral(
                "A map is written as a repeated message field: each entry is its own field 1, here "
                "tag 0x0a and length 7, holding one key and one value.")),
        step({1, 1}, Role::Field,
            QStringLiteral("Inside the entry the key is field 1: tag 0x0a, length 3, then \"cpu\".")),
        step({1, 2}, Role::Field,
            QStringLiteral(
                "The value is the entry's field 2: tag 0x10, then the varint 0x02. An entry may leave "
                "out a key or value that holds its default.")),
        step({2}, Role::Field,
            QStringLiteral(
                "email belongs to the oneof target, but a oneof adds nothing to the wire: email is an "
                "ordinary field 2.")),
        step({2}, Role::Tag,
            QStringLiteral("Which member is set shows only in which field number appears, here 2 in the tag "
                           "0x12. A parser that meets several members keeps the last one.")),
    };
}

Lesson mapsOneofs()
{
    Lesson lesson;
    lesson.id = QStringLiteral("maps-oneofs");
    lesson.title = QStringLiteral("Maps and oneofs");
    lesson.summary
        = QStringLiteral("How a map becomes repeated entry messages, and why a oneof leaves no mark "
                         "of its own.");
    lesson.protoText = QStringLiteral("syntax = \"proto3\";\n"
                                      "package lab.maps_oneofs;\n"
                                      "\n"
                                      "message Settings {\n"
                                      "  map<string, int32> limits = 1;\n"
                                      "  oneof target {\n"
                                      "    string email = 2;\n"
                                      "    int64 user_id = 3;\n"
                                      "  }\n"
                                      "}\n");
    lesson.typeName = QStringLiteral("lab.maps_oneofs.Settings");
    lesson.json = QStringLiteral("{\"limits\": {\"cpu\": 2}, \"email\": \"a@b\"}");
    lesson.steps = mapsOneofsSteps();
    lesson.task
        = QStringLiteral("Append user_id (field 3) after email in the bytes, keeping email: the bytes may "
                         "hold both members of the oneof, and the last one wins.");
    lesson.hint = QStringLiteral("user_id is an int64, wire type 0, so its tag is (3 << 3) | 0 = 0x18; any "
                                 "varint can follow, such as 0x2a for 42.");
    lesson.check = guarded(&checkMapsOneofs);
    return lesson;
}

// ---- defaults and presence ----

LessonCheck checkPresence(const WireTree &tree)
{
    const WireSpan *score = lastField(tree.spans, 2);
    if (!score)
        return failed(QStringLiteral("score (field 2) is not in the bytes, so a reader sees it as not set; "
                                     "write it with the value 0."));
    if (score->wireType != 0)
        return failed(
            QStringLiteral("Field 2 has wire type %1; score is a varint, wire type 0.").arg(score->wireType));
    if (score->raw != 0)
        return failed(QStringLiteral("score is %1; set it to 0 and keep it in the bytes.").arg(score->value));
    return passed(QStringLiteral("score is present and 0, in the %1 %2: done. A reader sees score set to 0, "
                                 "which it could not tell from unset if score had no presence.")
                      .arg(WireText::bytes(score->length), hexOf(tree, *score)));
}

QList<LessonStep> presenceSteps()
{
    return {
        step({1}, Role::Field,
            QStringLiteral(
                "age has no presence: proto3 writes it only when it is not 0. An age of 0 would leave "
                "no bytes at all, and a reader would still see 0.")),
        step({1}, Role::Value,
            QStringLiteral("0x1e is 30. A reader that finds no age cannot tell 0 from never set.")),
        step({2}, Role::Field,
            QStringLiteral(
                "score is declared optional, so it has presence: it is written whenever it is set, "
                "even to 0, and a reader that finds no score knows it was not set.")),
        step({2}, Role::Value,
            QStringLiteral(
                "Presence changes whether a field is written, not how: 0x05 is an ordinary varint, "
                "5.")),
        step({1}, Role::Field,
            QStringLiteral(
                "nickname is not in the bytes: an empty string is its default, so it is left out like "
                "a 0 age. Empty bytes and empty repeated fields are left out too.")),
    };
}

Lesson presence()
{
    Lesson lesson;
    lesson.id = QStringLiteral("presence");
    lesson.title = QStringLiteral("Defaults and presence");
    lesson.summary = QStringLiteral("Why proto3 leaves zeros out, and how optional fields keep them.");
    lesson.protoText = QStringLiteral("syntax = \"proto3\";\n"
                                      "package lab.presence;\n"
                                      "\n"
                                      "message Profile {\n"
                                      "  int32 age = 1;\n"
                                      "  optional int32 score = 2;\n"
                                      "  string nickname = 3;\n"
                                      "}\n");
    lesson.typeName = QStringLiteral("lab.presence.Profile");
    lesson.json = QStringLiteral("{\"age\": 30, \"score\": 5}");
    lesson.steps = presenceSteps();
    lesson.task = QStringLiteral("Set score to 0 and keep it in the bytes: an optional field set to 0 still "
                                 "takes 2 bytes, its tag and 0x00.");
    lesson.hint
        = QStringLiteral("Edit score's value in the tree. Setting age to 0 would be different: without "
                         "presence, a writer leaves a 0 out.");
    lesson.check = guarded(&checkPresence);
    return lesson;
}

// ---- schema evolution ----

LessonCheck checkEvolution(const WireTree &tree)
{
    // Contact defines fields 1 to 3; field 0 is a hard error, so anything above is unknown.
    for (const WireSpan &span : tree.spans)
        if (span.role == Role::Field && span.fieldNumber > 3)
            return passed(
                QStringLiteral("Field %1 is not in Contact, so the inspector shows it by number only. "
                               "A parser keeps its %2 as an unknown field and writes them back out "
                               "unchanged: done.")
                    .arg(span.fieldNumber)
                    .arg(WireText::bytes(span.length)));
    return failed(QStringLiteral("Every field in the bytes is one Contact defines (1, 2 or 3); add one with "
                                 "another number, such as 4."));
}

QList<LessonStep> evolutionSteps()
{
    return {
        step({1}, Role::Field,
            QStringLiteral("Field names are not on the wire, only numbers: version 1 calls field 1 name and "
                           "version 2 calls it full_name, and both read these bytes the same.")),
        step({2}, Role::Value,
            QStringLiteral("Version 2 widened id from int32 to int64. Both are varints, so 0x07 reads as 7 "
                           "either way; a version 1 reader keeps only the low 32 bits of a larger value.")),
        step({3}, Role::Tag,
            QStringLiteral(
                "Version 1 has no field 3. Its parser still learns from the tag 0x1a that wire type "
                "2 follows, so it can read the length and skip the value.")),
        step({3}, Role::Length,
            QStringLiteral(
                "The length 0x05 tells the old reader to skip five bytes. It keeps them as an unknown "
                "field and writes them back out unchanged.")),
        step({3}, Role::Field,
            QStringLiteral(
                "So adding a field is a compatible change, and so is renaming one. Reusing a field "
                "number for another type is not: old data would be read as the new type.")),
    };
}

Lesson evolution()
{
    Lesson lesson;
    lesson.id = QStringLiteral("evolution");
    lesson.title = QStringLiteral("Schema evolution");
    lesson.summary = QStringLiteral("What a reader built from an older version of a message makes of newer "
                                    "bytes.");
    lesson.protoText = QStringLiteral("syntax = \"proto3\";\n"
                                      "package lab.evolution;\n"
                                      "\n"
                                      "// Version 1, as an old client still has it.\n"
                                      "message ContactV1 {\n"
                                      "  string name = 1;\n"
                                      "  int32 id = 2;\n"
                                      "}\n"
                                      "\n"
                                      "// Version 2: name renamed, id widened to int64, email added.\n"
                                      "message Contact {\n"
                                      "  string full_name = 1;\n"
                                      "  int64 id = 2;\n"
                                      "  string email = 3;\n"
                                      "}\n");
    lesson.typeName = QStringLiteral("lab.evolution.Contact");
    lesson.json = QStringLiteral("{\"fullName\": \"Ada\", \"id\": \"7\", \"email\": \"a@b.c\"}");
    lesson.steps = evolutionSteps();
    lesson.task
        = QStringLiteral("Append a field that Contact does not define, any number from 4 up, and see how "
                         "the inspector shows a field it has no name for.");
    lesson.hint
        = QStringLiteral("A tag is (field_number << 3) | wire_type: field 4 with wire type 0 is 0x20, "
                         "followed by a varint such as 0x01.");
    lesson.check = guarded(&checkEvolution);
    return lesson;
}

// ---- binary against JSON size ----

LessonCheck checkJsonSize(const WireTree &tree)
{
    const WireSpan *id = lastField(tree.spans, 1);
    if (!id)
        return failed(QStringLiteral("id (field 1) is not in the bytes, and JSON leaves a 0 out too; give id "
                                     "a value."));
    const WireSpan *value = partOf(*id, Role::Value);
    if (id->wireType != 0 || !value)
        return failed(
            QStringLiteral("Field 1 has wire type %1; id is a varint, wire type 0.").arg(id->wireType));
    // A padded varint is longer than any writer makes it, so it would win the task by a trick.
    const int needed = WireFormat::varintSize(value->raw);
    if (value->length != needed)
        return failed(QStringLiteral("id is %1, but its varint %2 is padded to %3 where %4 is enough. "
                                     "Padding does not count: every writer uses the fewest bytes.")
                          .arg(qint64(value->raw))
                          .arg(hexOf(tree, *value), WireText::bytes(value->length), WireText::bytes(needed)));
    const QString json = QStringLiteral("\"id\":\"%1\"").arg(qint64(id->raw));
    const QString sizes = QStringLiteral("id is %1: %2 in binary against %3 characters of JSON, %4")
                              .arg(qint64(id->raw))
                              .arg(WireText::bytes(id->length))
                              .arg(json.size())
                              .arg(json);
    if (id->length > json.size())
        return passed(sizes
            + QStringLiteral(
                ": done. A negative int64 always takes a ten-byte varint; as a sint64 it would be "
                "short again."));
    return failed(sizes + QStringLiteral(". Binary is still the smaller."));
}

QList<LessonStep> jsonSizeSteps()
{
    return {
        step({1}, Role::Field,
            QStringLiteral(
                "In compact JSON, \"id\":\"1234567890\" takes 17 characters; the binary field takes 6 "
                "bytes, a one-byte tag and a five-byte varint.")),
        step({1}, Role::Tag,
            QStringLiteral(
                "JSON spells out the name \"id\" in every message; binary writes only the field number "
                "and wire type, in the tag 0x08. JSON also quotes an int64, so that JavaScript keeps "
                "it exact.")),
        step({2}, Role::Field,
            QStringLiteral(
                "\"paid\":true takes 11 characters; binary writes the bool in 2 bytes, the tag 0x10 "
                "and 0x01.")),
        step({3}, Role::Value,
            QStringLiteral(
                "The packed items 01 02 03 take 3 bytes against 7 characters for [1,2,3]: binary needs "
                "no brackets or commas.")),
        step({3}, Role::Field,
            QStringLiteral(
                "In all, this message is 13 bytes in binary and 47 characters in compact JSON. Binary "
                "saves the most on names and small numbers; long strings cost about the same in "
                "both.")),
    };
}

Lesson jsonSize()
{
    Lesson lesson;
    lesson.id = QStringLiteral("json-size");
    lesson.title = QStringLiteral("Binary against JSON size");
    lesson.summary
        = QStringLiteral("Where the binary encoding saves bytes over JSON, and where it does not.");
    lesson.protoText = QStringLiteral("syntax = \"proto3\";\n"
                                      "package lab.json_size;\n"
                                      "\n"
                                      "message Order {\n"
                                      "  int64 id = 1;\n"
                                      "  bool paid = 2;\n"
                                      "  repeated int32 items = 3;\n"
                                      "}\n");
    lesson.typeName = QStringLiteral("lab.json_size.Order");
    lesson.json = QStringLiteral("{\"id\": \"1234567890\", \"paid\": true, \"items\": [1, 2, 3]}");
    lesson.steps = jsonSizeSteps();
    lesson.task
        = QStringLiteral("Give id a value that makes its binary field, tag included, longer than its JSON "
                         "text \"id\":\"…\".");
    lesson.hint
        = QStringLiteral("No positive number does it. Recall how many bytes the ZigZag lesson's negative "
                         "int32 took, and keep the number short in JSON.");
    lesson.check = guarded(&checkJsonSize);
    return lesson;
}

} // namespace

QList<Lesson> build()
{
    return {varints(), tags(), zigzag(), lengthDelimited(), packed(), mapsOneofs(), presence(), evolution(),
        jsonSize()};
}

} // namespace wirescope::LessonTexts
