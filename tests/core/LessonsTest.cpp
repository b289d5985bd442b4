#include "model/lab/Lessons.h"
#include "model/json/JsonCodec.h"
#include "model/lab/ProtoSnippet.h"
#include "model/wire/WireAnnotator.h"

#include <google/protobuf/descriptor.h>

#include <QTest>

using namespace wirescope;

namespace {

using Role = WireSpan::Role;

// A lesson as the Learn menu loads it: its schema compiled, its type found, and bytes
// (the lesson's own or a student's) annotated with that type.
struct Loaded {
    SchemaPtr schema;
    const google::protobuf::Descriptor *type = nullptr;
    WireTree tree;
};

// Empty when the lesson loads; otherwise why not. `bytes` replaces the lesson's JSON.
QString load(const Lesson &lesson, Loaded *out, const QByteArray *bytes = nullptr)
{
    const ProtoSnippetResult compiled = ProtoSnippet::compile(lesson.protoText);
    if (!compiled.ok())
        return QStringLiteral("%1 does not compile: %2")
            .arg(lesson.id, joinDiagnostics(compiled.diagnostics));
    out->schema = compiled.schema;
    out->type = out->schema->findMessage(lesson.typeName);
    if (!out->type)
        return QStringLiteral("%1: no type %2").arg(lesson.id, lesson.typeName);
    QByteArray encoded;
    if (bytes) {
        encoded = *bytes;
    } else {
        JsonError error;
        if (!JsonCodec::toBinary(*out->schema, out->type, lesson.json.toUtf8(), &encoded, &error))
            return QStringLiteral("%1: the JSON does not encode: %2").arg(lesson.id, error.toString());
    }
    out->tree = WireAnnotator::annotate(encoded, out->type);
    return {};
}

const Lesson &lessonFor(const QString &id)
{
    const Lesson *lesson = Lessons::find(id);
    if (!lesson)
        qFatal("no lesson %s", qPrintable(id));
    return *lesson;
}

LessonCheck checkHex(const QString &id, const char *hex, WireTree *annotated = nullptr)
{
    const Lesson &lesson = lessonFor(id);
    const QByteArray bytes = QByteArray::fromHex(QByteArray(hex));
    Loaded loaded;
    const QString why = load(lesson, &loaded, &bytes);
    if (!why.isEmpty())
        qFatal("%s", qPrintable(why));
    if (annotated)
        *annotated = loaded.tree;
    return lesson.check(loaded.tree);
}

} // namespace

class LessonsTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nineLessonsInTeachingOrder();
    void textsArePlainSentences();
    void startingBytes_data();
    void startingBytes();
    void stepsLocateTheirSpans_data();
    void stepsLocateTheirSpans();
    void taskFailsOnTheStartingBytes_data();
    void taskFailsOnTheStartingBytes();
    void taskPassesOnTheSolution_data();
    void taskPassesOnTheSolution();
    void brokenBytesFailWithTheirError_data();
    void brokenBytesFailWithTheirError();
    void locateFollowsPathsAndOccurrences();
    void checkersSayWhatTheySee();

private:
    void lessonRows();
};

// Per lesson: the bytes its JSON must encode to (the step texts quote them), and a solution
// of its task as bytes, with the JSON that encodes to it when a value edit is enough.
void LessonsTest::lessonRows()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("start");
    QTest::addColumn<QByteArray>("solution");
    QTest::addColumn<QString>("solutionJson");

    const auto row = [](const char *id, const char *start, const char *solution, const char *json) {
        QTest::newRow(id) << QString::fromLatin1(id) << QByteArray::fromHex(QByteArray(start))
                          << QByteArray::fromHex(QByteArray(solution)) << QString::fromUtf8(json);
    };
    row("varints", "0801109601", "080110a09c01", "{\"small\": 1, \"count\": 20000}");
    row("tags", "0807120268691de8030000", "800107120268691de8030000", "");
    row("zigzag", "08ffffffffffffffffff011001", "08ffffffffffffffffff011003",
        "{\"plain\": -1, \"zigzag\": -2}");
    row("length-delimited", "0a026869120201021a070a034164611007", "0a026869120201021a050a01411007",
        "{\"text\": \"hi\", \"digest\": \"AQI=\", \"author\": {\"name\": \"A\", \"id\": 7}}");
    row("packed", "0a040102960110011002109601", "0a05010296010410011002109601", "");
    row("maps-oneofs", "0a070a0363707510021203614062", "0a070a0363707510021203614062182a", "");
    row("presence", "081e1005", "081e1000", "");
    row("evolution", "0a0341646110071a056140622e63", "0a0341646110071a056140622e632001", "");
    row("json-size", "08d285d8cc0410011a03010203", "08ffffffffffffffffff0110011a03010203",
        "{\"id\": \"-1\", \"paid\": true, \"items\": [1, 2, 3]}");
}

void LessonsTest::nineLessonsInTeachingOrder()
{
    const QStringList expected {QStringLiteral("varints"), QStringLiteral("tags"), QStringLiteral("zigzag"),
        QStringLiteral("length-delimited"), QStringLiteral("packed"), QStringLiteral("maps-oneofs"),
        QStringLiteral("presence"), QStringLiteral("evolution"), QStringLiteral("json-size")};
    QStringList ids;
    for (const Lesson &lesson : Lessons::all())
        ids.append(lesson.id);
    QCOMPARE(ids, expected);
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(Lessons::find(expected.at(i)), &Lessons::all().at(i));
    QCOMPARE(Lessons::find(QStringLiteral("Varints")), nullptr);
    QCOMPARE(Lessons::find(QString()), nullptr);
    QCOMPARE(Lessons::find(QStringLiteral("varints"))->title, QStringLiteral("Varints"));
    QCOMPARE(Lessons::find(QStringLiteral("json-size"))->title, QStringLiteral("Binary against JSON size"));
}

void LessonsTest::textsArePlainSentences()
{
    for (const Lesson &lesson : Lessons::all()) {
        const QString context = lesson.id;
        QVERIFY2(!lesson.title.isEmpty(), qPrintable(context));
        QVERIFY2(lesson.summary.endsWith(QLatin1Char('.')), qPrintable(context));
        QVERIFY2(lesson.task.endsWith(QLatin1Char('.')), qPrintable(context));
        QVERIFY2(lesson.hint.endsWith(QLatin1Char('.')), qPrintable(context));
        QVERIFY2(lesson.check != nullptr, qPrintable(context));
        QVERIFY2(lesson.steps.size() >= 3 && lesson.steps.size() <= 7, qPrintable(context));
        // Each lesson lives in its own package, so their schemas never collide.
        const QString package
            = QStringLiteral("lab.%1").arg(QString(lesson.id).replace(QLatin1Char('-'), QLatin1Char('_')));
        QVERIFY2(lesson.protoText.contains(QStringLiteral("package %1;").arg(package)), qPrintable(context));
        QVERIFY2(lesson.typeName.startsWith(package + QLatin1Char('.')), qPrintable(context));
        QVERIFY2(lesson.protoText.startsWith(QStringLiteral("syntax = \"proto3\";")), qPrintable(context));
        for (const LessonStep &step : lesson.steps) {
            QVERIFY2(!step.text.isEmpty(), qPrintable(context));
            QVERIFY2(step.text.endsWith(QLatin1Char('.')),
                qPrintable(QString(context + QLatin1String(": ") + step.text)));
            QVERIFY2(!step.text.contains(QLatin1String("  ")), qPrintable(step.text));
        }
    }
}

void LessonsTest::startingBytes_data()
{
    lessonRows();
}

void LessonsTest::startingBytes()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, start);
    Loaded loaded;
    const QString why = load(lessonFor(id), &loaded);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(loaded.tree.bytes.toHex(), start.toHex());
    QCOMPARE(loaded.tree.typeName, lessonFor(id).typeName);
    QVERIFY(!loaded.tree.hasHardError());
    QVERIFY(!loaded.tree.hasErrors());
    // The walk-throughs explain clean bytes: no warning or note distracts from them.
    QVERIFY2(loaded.tree.lints.isEmpty(), qPrintable(loaded.tree.lints.value(0).message));
}

void LessonsTest::stepsLocateTheirSpans_data()
{
    lessonRows();
}

void LessonsTest::stepsLocateTheirSpans()
{
    QFETCH(QString, id);
    const Lesson &lesson = lessonFor(id);
    Loaded loaded;
    const QString why = load(lesson, &loaded);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    for (qsizetype i = 0; i < lesson.steps.size(); ++i) {
        const LessonTarget &target = lesson.steps.at(i).target;
        const QByteArray context = QByteArrayLiteral("step ") + QByteArray::number(i);
        QVERIFY2(!target.fieldPath.isEmpty(), context.constData());
        const WireSpan *span = Lessons::locate(loaded.tree, target);
        QVERIFY2(span, context.constData());
        QCOMPARE(span->role, target.role);
        QCOMPARE(span->fieldNumber, target.fieldPath.constLast());
        QVERIFY2(span->length > 0, context.constData());
        QVERIFY2(span->end() <= loaded.tree.bytes.size(), context.constData());
    }
}

void LessonsTest::taskFailsOnTheStartingBytes_data()
{
    lessonRows();
}

void LessonsTest::taskFailsOnTheStartingBytes()
{
    QFETCH(QString, id);
    Loaded loaded;
    const QString why = load(lessonFor(id), &loaded);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const LessonCheck check = lessonFor(id).check(loaded.tree);
    QVERIFY2(!check.passed, qPrintable(check.message));
    QVERIFY(!check.message.isEmpty());
    QVERIFY2(check.message.endsWith(QLatin1Char('.')), qPrintable(check.message));
}

void LessonsTest::taskPassesOnTheSolution_data()
{
    lessonRows();
}

void LessonsTest::taskPassesOnTheSolution()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, start);
    QFETCH(QByteArray, solution);
    QFETCH(QString, solutionJson);
    const Lesson &lesson = lessonFor(id);
    QVERIFY(solution != start);
    Loaded loaded;
    const QString why = load(lesson, &loaded, &solution);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QVERIFY2(!loaded.tree.hasErrors(), qPrintable(loaded.tree.error));
    const LessonCheck check = lesson.check(loaded.tree);
    QVERIFY2(check.passed, qPrintable(check.message));
    QVERIFY2(check.message.contains(QLatin1String(": done.")), qPrintable(check.message));

    if (solutionJson.isEmpty())
        return; // solved in the hex pane: the bytes are the solution
    // The same solution reached by editing values: JSON re-encoded gives the same bytes.
    QByteArray encoded;
    JsonError error;
    QVERIFY2(JsonCodec::toBinary(*loaded.schema, loaded.type, solutionJson.toUtf8(), &encoded, &error),
        qPrintable(error.toString()));
    QCOMPARE(encoded.toHex(), solution.toHex());
}

void LessonsTest::brokenBytesFailWithTheirError_data()
{
    lessonRows();
}

void LessonsTest::brokenBytesFailWithTheirError()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, solution);
    // The solution cut short by one byte: whatever it said, a parser refuses it now.
    const QByteArray truncated = solution.chopped(1);
    const Lesson &lesson = lessonFor(id);
    Loaded loaded;
    const QString why = load(lesson, &loaded, &truncated);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QVERIFY(loaded.tree.hasHardError());
    QVERIFY(!loaded.tree.error.isEmpty());
    const LessonCheck check = lesson.check(loaded.tree);
    QVERIFY(!check.passed);
    QCOMPARE(check.message, loaded.tree.error);
}

void LessonsTest::locateFollowsPathsAndOccurrences()
{
    Loaded packed;
    QString why = load(lessonFor(QStringLiteral("packed")), &packed);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const auto target = [](QList<int> path, Role role, int occurrence = 0, int element = 0) {
        LessonTarget t;
        t.fieldPath = std::move(path);
        t.role = role;
        t.occurrence = occurrence;
        t.element = element;
        return t;
    };
    // 0a 04 01 02 96 01 | 10 01 | 10 02 | 10 96 01
    const WireSpan *third = Lessons::locate(packed.tree, target({2}, Role::Field, 2));
    QVERIFY(third);
    QCOMPARE(third->offset, 10);
    QCOMPARE(third->length, 3);
    QCOMPARE(third->raw, quint64(150));
    QCOMPARE(Lessons::locate(packed.tree, target({2}, Role::Field, 1))->offset, 8);
    QCOMPARE(Lessons::locate(packed.tree, target({2}, Role::Field, 3)), nullptr);
    const WireSpan *element = Lessons::locate(packed.tree, target({1}, Role::Element, 0, 2));
    QVERIFY(element);
    QCOMPARE(element->offset, 4);
    QCOMPARE(element->length, 2);
    QCOMPARE(element->raw, quint64(150));
    QCOMPARE(Lessons::locate(packed.tree, target({1}, Role::Element, 0, 3)), nullptr);
    const WireSpan *length = Lessons::locate(packed.tree, target({1}, Role::Length));
    QVERIFY(length);
    QCOMPARE(length->offset, 1);
    QCOMPARE(length->raw, quint64(4));
    QCOMPARE(Lessons::locate(packed.tree, target({2}, Role::Length)), nullptr); // a varint has none
    QCOMPARE(Lessons::locate(packed.tree, target({3}, Role::Field)), nullptr);
    QCOMPARE(Lessons::locate(packed.tree, target({}, Role::Field)), nullptr);

    Loaded nested;
    why = load(lessonFor(QStringLiteral("length-delimited")), &nested);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    // 0a 02 68 69 | 12 02 01 02 | 1a 07 [0a 03 41 64 61 | 10 07]
    const WireSpan *name = Lessons::locate(nested.tree, target({3, 1}, Role::Field));
    QVERIFY(name);
    QCOMPARE(name->offset, 10);
    QCOMPARE(name->length, 5);
    QCOMPARE(name->fieldName, QStringLiteral("name"));
    const WireSpan *letters = Lessons::locate(nested.tree, target({3, 1}, Role::Value));
    QVERIFY(letters);
    QCOMPARE(letters->offset, 12);
    QCOMPARE(letters->length, 3);
    const WireSpan *id = Lessons::locate(nested.tree, target({3, 2}, Role::Value));
    QVERIFY(id);
    QCOMPARE(id->offset, 16);
    QCOMPARE(id->raw, quint64(7));
    QCOMPARE(Lessons::locate(nested.tree, target({1, 1}, Role::Field)), nullptr); // a string has no fields
    QCOMPARE(Lessons::locate(nested.tree, target({3, 3}, Role::Field)), nullptr);

    // A step whose span the student edited away points at nothing.
    WireTree edited;
    checkHex(QStringLiteral("length-delimited"), "0a026869120201021a021007", &edited);
    QVERIFY(!edited.hasHardError());
    QCOMPARE(Lessons::locate(edited, target({3, 1}, Role::Field)), nullptr);
    QVERIFY(Lessons::locate(edited, target({3, 2}, Role::Field)));
}

void LessonsTest::checkersSayWhatTheySee()
{
    const auto varints = QStringLiteral("varints");
    QCOMPARE(checkHex(varints, "0801109601").message,
        QStringLiteral(
            "count is 150 and its value takes 2 bytes now; a value from 16,384 to 2,097,151 takes 3."));
    // 96 81 00 is 150 padded to three bytes: long enough, but not what the task means.
    const LessonCheck padded = checkHex(varints, "080110968100");
    QVERIFY(!padded.passed);
    QCOMPARE(padded.message,
        QStringLiteral("The value takes 3 bytes, but 150 needs only 2 bytes: the extra bytes are padding no "
                       "writer makes. Choose a value from 16,384 to 2,097,151."));
    QCOMPARE(checkHex(varints, "080110a09c01").message,
        QStringLiteral("count is 20000 and its value takes 3 bytes, a0 9c 01, after the tag 0x10: done."));
    QCOMPARE(checkHex(varints, "0801").message,
        QStringLiteral("count (field 2) is not in the bytes; give it a value from 16,384 to 2,097,151."));

    const auto tags = QStringLiteral("tags");
    const LessonCheck both = checkHex(tags, "0807800107");
    QVERIFY(!both.passed);
    QVERIFY2(both.message.contains(QLatin1String("field 1 is still there")), qPrintable(both.message));
    QVERIFY(!checkHex(tags, "800108").passed); // field 16, but the value changed to 8
    QCOMPARE(checkHex(tags, "800107").message,
        QStringLiteral(
            "Field 16 holds 7 under the 2-byte tag 80 01: done. The schema calls field 16 priority, "
            "so the same value now reads as priority: names are not on the wire."));

    QCOMPARE(checkHex(QStringLiteral("zigzag"), "1001").message,
        QStringLiteral("zigzag is -1, encoded as 0x01; look for the value that ZigZag maps to 3."));
    QVERIFY(checkHex(QStringLiteral("zigzag"), "1003").passed);
    QCOMPARE(checkHex(QStringLiteral("zigzag"), "108300").message,
        QStringLiteral(
            "zigzag is −2, the right value, but its varint 83 00 is padded to 2 bytes; write it as the "
            "single byte 0x03."));

    // The outer length cut to 5 leaves id outside the author message: not what was asked.
    const auto nested = QStringLiteral("length-delimited");
    const LessonCheck idOutside = checkHex(nested, "0a026869120201021a050a034164611007");
    QVERIFY(!idOutside.passed);
    QCOMPARE(idOutside.message,
        QStringLiteral(
            "The author message is 5 bytes long but has no id; keep id 7 inside it and shorten the "
            "name instead."));
    QCOMPARE(checkHex(nested, "1a060a0241641007").message,
        QStringLiteral(
            "The author message is 6 bytes long, so its length prefix reads 0x06; it needs to be 5 "
            "bytes."));
    // Text that is not UTF-8 is an error in proto3, and that error is what the student hears.
    WireTree invalidText;
    const LessonCheck invalid = checkHex(nested, "0a02ffff1a050a01411007", &invalidText);
    QVERIFY(!invalid.passed);
    QVERIFY(invalidText.hasErrors());
    QVERIFY(!invalidText.hasHardError());
    QCOMPARE(invalid.message, invalidText.lints.constFirst().message);

    // An element added without raising the length: the new byte reads as a broken tag.
    WireTree unraised;
    const LessonCheck forgot = checkHex(QStringLiteral("packed"), "0a04010296010410011002109601", &unraised);
    QVERIFY(unraised.hasHardError());
    QCOMPARE(forgot.message, unraised.error);
    QCOMPARE(checkHex(QStringLiteral("packed"), "0a06010296019601").message,
        QStringLiteral("values has 4 elements in 6 bytes now; it needs 4 elements in 5 bytes."));
    QVERIFY(!checkHex(QStringLiteral("packed"), "0801").passed); // unpacked: one tag per element

    const auto oneof = QStringLiteral("maps-oneofs");
    QCOMPARE(checkHex(oneof, "182a1203614062").message,
        QStringLiteral("email comes after user_id, so email wins; put user_id last."));
    QVERIFY(!checkHex(oneof, "182a").passed);
    QCOMPARE(checkHex(oneof, "1203614062182a").message,
        QStringLiteral("Both members are in the bytes and user_id comes last, so a parser keeps user_id = 42 "
                       "and drops email: done."));

    QCOMPARE(checkHex(QStringLiteral("presence"), "081e").message,
        QStringLiteral(
            "score (field 2) is not in the bytes, so a reader sees it as not set; write it with the "
            "value 0."));
    QCOMPARE(checkHex(QStringLiteral("presence"), "081e1000").message,
        QStringLiteral(
            "score is present and 0, in the 2 bytes 10 00: done. A reader sees score set to 0, which "
            "it could not tell from unset if score had no presence."));

    QVERIFY(checkHex(QStringLiteral("evolution"), "0a03416461f80601").passed); // field 111
    QVERIFY(!checkHex(QStringLiteral("evolution"), "0a03416461").passed);

    const auto json = QStringLiteral("json-size");
    QCOMPARE(checkHex(json, "08d285d8cc04").message,
        QStringLiteral("id is 1234567890: 6 bytes in binary against 17 characters of JSON, "
                       "\"id\":\"1234567890\". Binary is still the smaller."));
    // −1000 takes 11 bytes with its tag, but "id":"-1000" is 12 characters: JSON is still longer.
    QVERIFY(!checkHex(json, "0898f8ffffffffffffff01").passed);
    QVERIFY(checkHex(json, "08f6ffffffffffffffff01").passed); // −10
    // id = 1 padded to a ten-byte varint: eleven bytes against the 8 characters of "id":"1", but
    // no writer makes it, so it does not solve the task.
    const LessonCheck paddedId = checkHex(json, "0881808080808080808000");
    QVERIFY(!paddedId.passed);
    QCOMPARE(paddedId.message,
        QStringLiteral("id is 1, but its varint 81 80 80 80 80 80 80 80 80 00 is padded to 10 bytes where "
                       "1 byte is enough. Padding does not count: every writer uses the fewest bytes."));
}

QTEST_GUILESS_MAIN(LessonsTest)
#include "LessonsTest.moc"
