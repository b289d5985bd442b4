#include "model/lab/SchemaEvolution.h"
#include "model/lab/ProtoSnippet.h"
#include "model/wire/WireAnnotator.h"

#include <google/protobuf/descriptor.h>

#include <QTest>

using namespace wirescope;

namespace {

using Verdict = EvolutionChange::Verdict;
using Kind = EvolutionChange::Kind;
using LintKind = WireLint::Kind;

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

// One version of lab.User, compiled from its own snippet: two versions are two schemas, so
// both may use the same full name.
struct Version {
    ProtoSnippetResult compiled;
    const google::protobuf::Descriptor *user = nullptr;

    QString problems() const { return joinDiagnostics(compiled.diagnostics); }
};

Version compiled(const QString &syntax, const QString &body)
{
    Version v;
    v.compiled = ProtoSnippet::compile(QStringLiteral("syntax = \"%1\";\npackage lab;\n").arg(syntax) + body);
    v.user = v.compiled.schema->findMessage(QStringLiteral("lab.User"));
    return v;
}

Version version(const char *body)
{
    return compiled(QStringLiteral("proto3"), QString::fromUtf8(body));
}

Version proto2(const char *body)
{
    return compiled(QStringLiteral("proto2"), QString::fromUtf8(body));
}

// "message <name> { <type> <prefix>1 = 1; ... <type> <prefix><count> = <count>; <more> }": a
// type nested in many fields, so that many paths lead to the same message type.
QString manyFields(const char *name, const char *type, const char *prefix, int count, const char *more = "")
{
    QString out = QStringLiteral("message %1 {").arg(QString::fromUtf8(name));
    for (int i = 1; i <= count; ++i)
        out += QStringLiteral(" %1 %2%3 = %3;")
                   .arg(QString::fromUtf8(type), QString::fromUtf8(prefix))
                   .arg(i);
    return out + QStringLiteral(" %1 }\n").arg(QString::fromUtf8(more));
}

const EvolutionChange *findChange(const QList<EvolutionChange> &changes, int number, Kind kind)
{
    for (const EvolutionChange &change : changes)
        if (change.fieldNumber == number && change.kind == kind)
            return &change;
    return nullptr;
}

const WireLint *findLint(const WireTree &tree, LintKind kind)
{
    for (const WireLint &lint : tree.lints)
        if (lint.kind == kind)
            return &lint;
    return nullptr;
}

} // namespace

class SchemaEvolutionTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void snippetSyntaxErrorHasLineAndColumn();
    void snippetUnknownTypeHasLineAndColumn();
    void snippetImportsOnlyWellKnownTypes();
    void snippetImportsTimestamp();
    void snippetEmptyAndHostileText();
    void addedFieldIsKeptAsUnknown();
    void removedFieldReadsAsDefault();
    void renamedFieldDecodesTheSame();
    void int32WidensToInt64();
    void int64NarrowsToInt32();
    void int32AgainstStringIsBreaking();
    void sint32AgainstInt32IsBreaking();
    void reusedFieldNumberIsBreaking();
    void nestedChangeCarriesItsPath();
    void recursiveTypesEnd();
    void optionalToRequiredIsBreaking();
    void requiredNestedFieldCountsWhereItsMessageIs();
    void sharedTypesAreComparedOnce();
    void tooManyPathsEndWithANote();
    void fieldsMovedIntoAOneof();
    void boolAgainstIntegers();
    void sint32ReadAsBool();
    void readStopsAtTheFieldLimit();
};

void SchemaEvolutionTest::snippetSyntaxErrorHasLineAndColumn()
{
    const ProtoSnippetResult result = ProtoSnippet::compile(
        QStringLiteral(
            "syntax = \"proto3\";\npackage lab;\nmessage User {\n  int32 id = 1\n  string name = 2;\n}\n"),
        QStringLiteral("user.proto"));
    QVERIFY(!result.ok());
    QVERIFY(result.schema);
    QVERIFY(!result.schema->findMessage(QStringLiteral("lab.User")));
    const Diagnostic &first = result.diagnostics.constFirst();
    QVERIFY(first.isError());
    // The missing ";" is noticed at the next token, "string" on line 5.
    QCOMPARE(first.file, QStringLiteral("user.proto"));
    QCOMPARE(first.line, 5);
    QCOMPARE(first.column, 3);
    QVERIFY2(first.message.contains(QStringLiteral("Expected \";\"")), qPrintable(first.message));
}

void SchemaEvolutionTest::snippetUnknownTypeHasLineAndColumn()
{
    // protoc counts a tab as up to 8 columns (it would say 9); an editor shows one character.
    const ProtoSnippetResult result = ProtoSnippet::compile(QStringLiteral(
        "syntax = \"proto3\";\npackage lab;\nmessage User {\n  int32 id = 1;\n\tAdress home = 2;\n}\n"));
    QVERIFY(!result.ok());
    QVERIFY(!result.schema->findMessage(QStringLiteral("lab.User")));
    const Diagnostic &first = result.diagnostics.constFirst();
    QCOMPARE(first.file, QStringLiteral("lab.proto"));
    QCOMPARE(first.line, 5);
    QCOMPARE(first.column, 2);
    QVERIFY2(first.message.contains(QStringLiteral("\"Adress\" is not defined")), qPrintable(first.message));
}

void SchemaEvolutionTest::snippetImportsOnlyWellKnownTypes()
{
    const ProtoSnippetResult result = ProtoSnippet::compile(
        QStringLiteral("syntax = \"proto3\";\npackage lab;\nimport \"shop/v1/shop.proto\";\n"
                       "import \"google/protobuf/nothing.proto\";\nmessage User { int32 id = 1; }\n"));
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), 2);
    const Diagnostic &shop = result.diagnostics.at(0);
    QCOMPARE(shop.line, 3);
    QCOMPARE(shop.column, 1);
    QVERIFY(shop.message.contains(QStringLiteral("\"shop/v1/shop.proto\"")));
    QVERIFY2(shop.message.contains(QStringLiteral("only the well-known types")), qPrintable(shop.message));
    const Diagnostic &nothing = result.diagnostics.at(1);
    QCOMPARE(nothing.line, 4);
    QCOMPARE(nothing.column, 1);
    QVERIFY(nothing.message.contains(QStringLiteral("\"google/protobuf/nothing.proto\"")));
    QVERIFY(!result.schema->findMessage(QStringLiteral("lab.User")));
}

void SchemaEvolutionTest::snippetImportsTimestamp()
{
    const ProtoSnippetResult result = ProtoSnippet::compile(
        QStringLiteral("syntax = \"proto3\";\npackage lab;\nimport \"google/protobuf/timestamp.proto\";\n"
                       "message Event { google.protobuf.Timestamp at = 1; }\n"),
        QStringLiteral("event.proto"));
    QVERIFY2(result.ok(), qPrintable(joinDiagnostics(result.diagnostics)));
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(joinDiagnostics(result.diagnostics)));
    QCOMPARE(result.schema->fileNames(), QStringList {QStringLiteral("event.proto")});
    const auto *event = result.schema->findMessage(QStringLiteral("lab.Event"));
    QVERIFY(event);
    QCOMPARE(event->field(0)->message_type()->full_name(), std::string("google.protobuf.Timestamp"));

    // The well-known type decodes inside the snippet's message: at { seconds: 1 }.
    const WireTree tree = WireAnnotator::annotate(hex("0a020801"), event);
    QCOMPARE(tree.spans.size(), 1);
    QCOMPARE(tree.spans.at(0).fieldName, QStringLiteral("at"));
    const WireSpan &value = tree.spans.at(0).children.constLast();
    QCOMPARE(value.role, WireSpan::Role::Value);
    QCOMPARE(value.children.size(), 1);
    QCOMPARE(value.children.at(0).fieldName, QStringLiteral("seconds"));
    QCOMPARE(value.children.at(0).value, QStringLiteral("1"));
}

void SchemaEvolutionTest::snippetEmptyAndHostileText()
{
    const ProtoSnippetResult empty = ProtoSnippet::compile(QStringLiteral("  \n\t"));
    QVERIFY(!empty.ok());
    QCOMPARE(empty.diagnostics.size(), 1);
    QCOMPARE(empty.diagnostics.at(0).line, 1);
    QCOMPARE(empty.diagnostics.at(0).column, 1);
    QVERIFY(empty.diagnostics.at(0).message.contains(QStringLiteral("empty")));
    QVERIFY(empty.schema);

    // protobuf's parser recurses once per block: the 65th nested "{" stops it, at its place.
    const ProtoSnippetResult deep = ProtoSnippet::compile(QStringLiteral("message A {").repeated(100000));
    QVERIFY(!deep.ok());
    QCOMPARE(deep.diagnostics.size(), 1);
    QCOMPARE(deep.diagnostics.at(0).line, 1);
    QCOMPARE(deep.diagnostics.at(0).column, 64 * 11 + 11);
    QVERIFY(deep.diagnostics.at(0).message.contains(QStringLiteral("nested")));

    const QStringList hostile {
        QStringLiteral("\"unterminated"),
        QStringLiteral("/* never closed"),
        QStringLiteral("message { { } } }}}"),
        QStringLiteral("syntax = \"proto3\"; message A { map<string, A> m = 1; oneof { } }"),
        QString(QChar(0)) + QStringLiteral("x"),
        QStringLiteral("syntax = \"proto3\"; option (x) = { a: { b: 1 } }; message A {}"),
        QStringLiteral("syntax = \"proto3\"; message A { int32 a = 1; int32 b = 1; }"),
        QStringLiteral("syntax = \"proto4\";"),
    };
    for (const QString &text : hostile) {
        const ProtoSnippetResult result = ProtoSnippet::compile(text);
        QVERIFY2(!result.ok(), qPrintable(text));
        QVERIFY(result.schema);
        for (const Diagnostic &d : result.diagnostics)
            QVERIFY2(d.line >= 0 && d.column >= 0, qPrintable(d.toString()));
    }
}

void SchemaEvolutionTest::addedFieldIsKeptAsUnknown()
{
    const Version v1 = version("message User { int32 id = 1; string name = 2; }");
    const Version v2 = version("message User { int32 id = 1; string name = 2; string email = 3; }");
    QVERIFY2(v1.user && v2.user, qPrintable(v1.problems() + v2.problems()));

    // Old reader, new data: id 150, name "Ann", email "a@b".
    const QByteArray bytes = hex("0896011203416e6e1a03614062");
    const EvolutionReading reading = SchemaEvolution::read(bytes, v2.user, v1.user);
    QCOMPARE(reading.changes.size(), 1);
    const EvolutionChange &added = reading.changes.at(0);
    QCOMPARE(added.kind, Kind::Added);
    QCOMPARE(added.verdict, Verdict::Compatible);
    QCOMPARE(added.fieldNumber, 3);
    QCOMPARE(added.writerField, QStringLiteral("string email = 3"));
    QVERIFY(added.readerField.isEmpty());
    QVERIFY2(added.reason.contains(QStringLiteral("unknown field")), qPrintable(added.reason));
    QVERIFY(added.reason.contains(QStringLiteral("writes them back out")));
    QCOMPARE(reading.unknownToReader, QList<int> {3});
    QCOMPARE(reading.worst, Verdict::Compatible);

    // The reader keeps the raw bytes of field 3: they are still there, unnamed.
    QCOMPARE(reading.asWritten.spans.at(2).fieldName, QStringLiteral("email"));
    QCOMPARE(reading.asRead.spans.size(), 3);
    const WireSpan &unknown = reading.asRead.spans.at(2);
    QCOMPARE(unknown.fieldNumber, 3);
    QVERIFY(unknown.fieldName.isEmpty());
    QCOMPARE(unknown.offset, 8);
    QCOMPARE(unknown.length, 5);
    QCOMPARE(reading.asRead.bytes.mid(unknown.offset, unknown.length), hex("1a03614062"));
    const WireLint *lint = findLint(reading.asRead, LintKind::UnknownField);
    QVERIFY(lint);
    QCOMPARE(lint->offset, 8);
}

void SchemaEvolutionTest::removedFieldReadsAsDefault()
{
    const Version v1 = version("message User { int32 id = 1; string name = 2; }");
    const Version v2 = version("message User { int32 id = 1; string name = 2; string email = 3; }");
    QVERIFY2(v1.user && v2.user, qPrintable(v1.problems() + v2.problems()));

    // New reader, old data: email is simply absent.
    const EvolutionReading reading = SchemaEvolution::read(hex("0896011203416e6e"), v1.user, v2.user);
    QCOMPARE(reading.changes.size(), 1);
    const EvolutionChange &removed = reading.changes.at(0);
    QCOMPARE(removed.kind, Kind::Removed);
    QCOMPARE(removed.verdict, Verdict::Compatible);
    QCOMPARE(removed.fieldNumber, 3);
    QVERIFY(removed.writerField.isEmpty());
    QCOMPARE(removed.readerField, QStringLiteral("string email = 3"));
    QVERIFY2(removed.reason.contains(QStringLiteral("an empty string")), qPrintable(removed.reason));
    QVERIFY(reading.unknownToReader.isEmpty());
    QCOMPARE(reading.worst, Verdict::Same); // nothing in these bytes is read differently
    QVERIFY(reading.asRead.absentFields.contains(QStringLiteral("email")));

    // A required field the writer never writes makes a proto2 reader reject the message.
    const auto strict = ProtoSnippet::compile(
        QStringLiteral("syntax = \"proto2\";\npackage lab;\nmessage User { optional int32 id = 1; required "
                       "string email = 3; }\n"));
    const Version loose = version("message User { int32 id = 1; }");
    const auto *strictUser = strict.schema->findMessage(QStringLiteral("lab.User"));
    QVERIFY2(strictUser && loose.user, qPrintable(joinDiagnostics(strict.diagnostics)));
    const EvolutionReading rejected = SchemaEvolution::read(hex("0801"), loose.user, strictUser);
    const EvolutionChange *required = findChange(rejected.changes, 3, Kind::Removed);
    QVERIFY(required);
    QCOMPARE(required->verdict, Verdict::Breaking);
    QVERIFY(required->reason.contains(QStringLiteral("required")));
    QCOMPARE(rejected.worst, Verdict::Breaking);
}

void SchemaEvolutionTest::renamedFieldDecodesTheSame()
{
    const Version v1 = version("message User { int32 id = 1; string name = 2; }");
    const Version v2 = version("message User { int32 id = 1; string full_name = 2; }");
    QVERIFY2(v1.user && v2.user, qPrintable(v1.problems() + v2.problems()));

    const QByteArray bytes = hex("1203416e6e");
    for (const auto &[writer, reader] : {std::pair(&v1, &v2), std::pair(&v2, &v1)}) {
        const EvolutionReading reading = SchemaEvolution::read(bytes, writer->user, reader->user);
        QCOMPARE(reading.changes.size(), 1);
        const EvolutionChange &renamed = reading.changes.at(0);
        QCOMPARE(renamed.kind, Kind::Renamed);
        QCOMPARE(renamed.verdict, Verdict::Compatible);
        QCOMPARE(renamed.fieldNumber, 2);
        QVERIFY2(renamed.reason.contains(QStringLiteral("JSON")), qPrintable(renamed.reason));
        QVERIFY(renamed.reason.contains(QStringLiteral("\"fullName\"")));
        QCOMPARE(
            reading.asRead.spans.at(0).fieldName, QString::fromStdString(reader->user->field(1)->name()));
        QCOMPARE(reading.asRead.spans.at(0).value, QStringLiteral("\"Ann\""));
        QCOMPARE(reading.asWritten.spans.at(0).value, QStringLiteral("\"Ann\""));
        QVERIFY(reading.unknownToReader.isEmpty());
        QCOMPARE(reading.worst, Verdict::Compatible);
    }
}

void SchemaEvolutionTest::int32WidensToInt64()
{
    const Version v1 = version("message User { int32 id = 1; }");
    const Version v2 = version("message User { int64 id = 1; }");
    QVERIFY2(v1.user && v2.user, qPrintable(v1.problems() + v2.problems()));

    // New reader, old data: int32 -1 is written sign-extended, ten bytes, and reads as -1.
    const EvolutionReading reading = SchemaEvolution::read(hex("08ffffffffffffffffff01"), v1.user, v2.user);
    QCOMPARE(reading.changes.size(), 1);
    const EvolutionChange &change = reading.changes.at(0);
    QCOMPARE(change.kind, Kind::TypeChanged);
    QCOMPARE(change.verdict, Verdict::Compatible);
    QCOMPARE(change.writerField, QStringLiteral("int32 id = 1"));
    QCOMPARE(change.readerField, QStringLiteral("int64 id = 1"));
    QVERIFY2(change.reason.contains(QStringLiteral("unchanged")), qPrintable(change.reason));
    QVERIFY(change.reason.contains(QStringLiteral("JSON")));
    QCOMPARE(reading.asWritten.spans.at(0).value, QStringLiteral("-1"));
    QCOMPARE(reading.asRead.spans.at(0).value, QStringLiteral("-1"));
    QCOMPARE(reading.worst, Verdict::Compatible);
}

void SchemaEvolutionTest::int64NarrowsToInt32()
{
    const Version v1 = version("message User { int32 id = 1; }");
    const Version v2 = version("message User { int64 id = 1; }");
    QVERIFY2(v1.user && v2.user, qPrintable(v1.problems() + v2.problems()));

    // Old reader, new data: 4294967297 keeps its low 32 bits, 1.
    const EvolutionReading reading = SchemaEvolution::read(hex("088180808010"), v2.user, v1.user);
    QCOMPARE(reading.changes.size(), 1);
    const EvolutionChange &change = reading.changes.at(0);
    QCOMPARE(change.kind, Kind::TypeChanged);
    QCOMPARE(change.verdict, Verdict::Lossy);
    QCOMPARE(change.fieldNumber, 1);
    QVERIFY2(change.reason.contains(QStringLiteral("low 32 bits")), qPrintable(change.reason));
    QCOMPARE(reading.asWritten.spans.at(0).value, QStringLiteral("4294967297"));
    QCOMPARE(reading.asRead.spans.at(0).value, QStringLiteral("1"));
    QVERIFY(findLint(reading.asRead, LintKind::ValueOutOfRange));
    QVERIFY(reading.unknownToReader.isEmpty());
    QCOMPARE(reading.worst, Verdict::Lossy);
}

void SchemaEvolutionTest::int32AgainstStringIsBreaking()
{
    const Version numeric = version("message User { int32 id = 1; }");
    const Version text = version("message User { string id = 1; }");
    QVERIFY2(numeric.user && text.user, qPrintable(numeric.problems() + text.problems()));

    // New (string) reader, old data: a varint where a length-delimited value belongs.
    const EvolutionReading newReader = SchemaEvolution::read(hex("089601"), numeric.user, text.user);
    QCOMPARE(newReader.changes.size(), 1);
    QCOMPARE(newReader.changes.at(0).kind, Kind::TypeChanged);
    QCOMPARE(newReader.changes.at(0).verdict, Verdict::Breaking);
    QVERIFY2(newReader.changes.at(0).reason.contains(QStringLiteral("wire type 0 (VARINT)")),
        qPrintable(newReader.changes.at(0).reason));
    QVERIFY(newReader.changes.at(0).reason.contains(QStringLiteral("unknown field")));
    const WireLint *mismatch = findLint(newReader.asRead, LintKind::WireTypeMismatch);
    QVERIFY(mismatch);
    QCOMPARE(mismatch->offset, 0);
    QVERIFY(newReader.asRead.spans.at(0).fieldName.isEmpty());
    QCOMPARE(newReader.unknownToReader, QList<int> {1});
    QCOMPARE(newReader.worst, Verdict::Breaking);

    // Old (int32) reader, new data.
    const EvolutionReading oldReader = SchemaEvolution::read(hex("0a03416e6e"), text.user, numeric.user);
    QCOMPARE(oldReader.changes.size(), 1);
    QCOMPARE(oldReader.changes.at(0).verdict, Verdict::Breaking);
    QVERIFY(oldReader.changes.at(0).reason.contains(QStringLiteral("wire type 2 (LEN)")));
    QVERIFY(findLint(oldReader.asRead, LintKind::WireTypeMismatch));
    QCOMPARE(oldReader.unknownToReader, QList<int> {1});
    QCOMPARE(oldReader.worst, Verdict::Breaking);
}

void SchemaEvolutionTest::sint32AgainstInt32IsBreaking()
{
    const Version zigzag = version("message User { sint32 delta = 1; }");
    const Version plain = version("message User { int32 delta = 1; }");
    QVERIFY2(zigzag.user && plain.user, qPrintable(zigzag.problems() + plain.problems()));

    // sint32 1 is zigzag 2; an int32 reader sees 2, without any lint about the wire.
    const EvolutionReading toPlain = SchemaEvolution::read(hex("0802"), zigzag.user, plain.user);
    QCOMPARE(toPlain.changes.size(), 1);
    QCOMPARE(toPlain.changes.at(0).kind, Kind::TypeChanged);
    QCOMPARE(toPlain.changes.at(0).verdict, Verdict::Breaking);
    QVERIFY2(toPlain.changes.at(0).reason.contains(QStringLiteral("zigzag")),
        qPrintable(toPlain.changes.at(0).reason));
    QVERIFY(toPlain.changes.at(0).reason.contains(QStringLiteral("silently")));
    QCOMPARE(toPlain.asWritten.spans.at(0).value, QStringLiteral("1"));
    QCOMPARE(toPlain.asRead.spans.at(0).value, QStringLiteral("2"));
    QVERIFY(toPlain.unknownToReader.isEmpty());
    QCOMPARE(toPlain.worst, Verdict::Breaking);

    // int32 1 read as sint32 is -1.
    const EvolutionReading toZigZag = SchemaEvolution::read(hex("0801"), plain.user, zigzag.user);
    QCOMPARE(toZigZag.changes.size(), 1);
    QCOMPARE(toZigZag.changes.at(0).verdict, Verdict::Breaking);
    QVERIFY(toZigZag.changes.at(0).reason.contains(QStringLiteral("zigzag")));
    QCOMPARE(toZigZag.asRead.spans.at(0).value, QStringLiteral("-1"));
    QCOMPARE(toZigZag.worst, Verdict::Breaking);
}

void SchemaEvolutionTest::reusedFieldNumberIsBreaking()
{
    const Version v1 = version("message User { int32 id = 1; string nickname = 5; }");
    const Version v2 = version("message User { int32 id = 1; int64 score = 5; }");
    QVERIFY2(v1.user && v2.user, qPrintable(v1.problems() + v2.problems()));

    // New reader, old data: "Bob" under number 5, which now means an int64.
    const EvolutionReading newReader = SchemaEvolution::read(hex("2a03426f62"), v1.user, v2.user);
    QCOMPARE(newReader.changes.size(), 2);
    const EvolutionChange *renamed = findChange(newReader.changes, 5, Kind::Renamed);
    const EvolutionChange *retyped = findChange(newReader.changes, 5, Kind::TypeChanged);
    QVERIFY(renamed && retyped);
    QCOMPARE(renamed->verdict, Verdict::Compatible);
    QCOMPARE(retyped->verdict, Verdict::Breaking);
    QCOMPARE(retyped->writerField, QStringLiteral("string nickname = 5"));
    QCOMPARE(retyped->readerField, QStringLiteral("int64 score = 5"));
    QCOMPARE(newReader.unknownToReader, QList<int> {5});
    QCOMPARE(newReader.worst, Verdict::Breaking);

    // Old reader, new data: score 7 where a string was.
    const EvolutionReading oldReader = SchemaEvolution::read(hex("2807"), v2.user, v1.user);
    const EvolutionChange *back = findChange(oldReader.changes, 5, Kind::TypeChanged);
    QVERIFY(back);
    QCOMPARE(back->verdict, Verdict::Breaking);
    QVERIFY(back->reason.contains(QStringLiteral("unknown field")));
    const WireLint *mismatch = findLint(oldReader.asRead, LintKind::WireTypeMismatch);
    QVERIFY(mismatch);
    QCOMPARE(mismatch->offset, 0);
    QCOMPARE(oldReader.unknownToReader, QList<int> {5});
    QCOMPARE(oldReader.worst, Verdict::Breaking);
}

void SchemaEvolutionTest::nestedChangeCarriesItsPath()
{
    const Version v1 = version("message Address { string city = 1; int32 zip = 2; }\n"
                               "message User { int32 id = 1; Address address = 2; }");
    const Version v2 = version("message Address { string city = 1; string zip = 2; }\n"
                               "message User { int32 id = 1; Address address = 2; }");
    QVERIFY2(v1.user && v2.user, qPrintable(v1.problems() + v2.problems()));

    // New reader, old data: address { city "Oslo", zip 150 }.
    const EvolutionReading newReader = SchemaEvolution::read(hex("12090a044f736c6f109601"), v1.user, v2.user);
    QCOMPARE(newReader.changes.size(), 1);
    const EvolutionChange &zip = newReader.changes.at(0);
    QCOMPARE(zip.kind, Kind::TypeChanged);
    QCOMPARE(zip.verdict, Verdict::Breaking);
    QCOMPARE(zip.fieldNumber, 2);
    QCOMPARE(zip.writerField, QStringLiteral("int32 address.zip = 2"));
    QCOMPARE(zip.readerField, QStringLiteral("string address.zip = 2"));
    QCOMPARE(newReader.worst, Verdict::Breaking);
    QVERIFY(newReader.unknownToReader.isEmpty()); // top level: address itself reads fine
    const WireLint *mismatch = findLint(newReader.asRead, LintKind::WireTypeMismatch);
    QVERIFY(mismatch);
    QCOMPARE(mismatch->offset, 8);

    // Old reader, new data: zip "0150".
    const EvolutionReading oldReader
        = SchemaEvolution::read(hex("120c0a044f736c6f120430313530"), v2.user, v1.user);
    QCOMPARE(oldReader.changes.size(), 1);
    QCOMPARE(oldReader.changes.at(0).writerField, QStringLiteral("string address.zip = 2"));
    QCOMPARE(oldReader.changes.at(0).readerField, QStringLiteral("int32 address.zip = 2"));
    QCOMPARE(oldReader.worst, Verdict::Breaking);

    // Bytes without an address are read the same by both, whatever the schemas say.
    const EvolutionReading noAddress = SchemaEvolution::read(hex("0801"), v1.user, v2.user);
    QCOMPARE(noAddress.changes.size(), 1);
    QCOMPARE(noAddress.worst, Verdict::Same);
}

void SchemaEvolutionTest::recursiveTypesEnd()
{
    const Version v1 = version("message User { int32 id = 1; User parent = 2; }");
    const Version v2 = version("message User { int64 id = 1; User parent = 2; }");
    const Version same = version("message User { int32 id = 1; User parent = 2; }");
    QVERIFY2(v1.user && v2.user && same.user, qPrintable(v1.problems() + v2.problems()));

    const QList<EvolutionChange> changes = SchemaEvolution::compare(v1.user, v2.user);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).writerField, QStringLiteral("int32 id = 1"));
    QVERIFY(SchemaEvolution::compare(v1.user, same.user).isEmpty());
    QCOMPARE(SchemaEvolution::verdictName(Verdict::Lossy), QStringLiteral("lossy"));
}

void SchemaEvolutionTest::optionalToRequiredIsBreaking()
{
    const Version loose = proto2("message User { optional int32 id = 1; optional string name = 2; }");
    const Version strict = proto2("message User { required int32 id = 1; optional string name = 2; }");
    QVERIFY2(loose.user && strict.user, qPrintable(loose.problems() + strict.problems()));

    const QList<EvolutionChange> changes = SchemaEvolution::compare(loose.user, strict.user);
    QCOMPARE(changes.size(), 1);
    const EvolutionChange &required = changes.at(0);
    QCOMPARE(required.kind, Kind::CardinalityChanged);
    QCOMPARE(required.verdict, Verdict::Breaking);
    QCOMPARE(required.fieldNumber, 1);
    QCOMPARE(required.writerField, QStringLiteral("optional int32 id = 1"));
    QCOMPARE(required.readerField, QStringLiteral("required int32 id = 1"));
    QVERIFY2(
        required.reason.contains(QStringLiteral("rejects every message in which the writer left it unset")),
        qPrintable(required.reason));

    // Only a message without id is rejected: id 5 parses, name "Ann" alone and nothing do not.
    QCOMPARE(SchemaEvolution::read(hex("0805"), loose.user, strict.user).worst, Verdict::Same);
    QCOMPARE(SchemaEvolution::read(hex("1203416e6e"), loose.user, strict.user).worst, Verdict::Breaking);
    QCOMPARE(SchemaEvolution::read(QByteArray(), loose.user, strict.user).worst, Verdict::Breaking);

    // The other way round a reader gets everything it needs.
    QVERIFY(SchemaEvolution::compare(strict.user, loose.user).isEmpty());

    // A proto3 writer leaves a field out whenever it holds its default.
    const Version implicit = version("message User { int32 id = 1; string name = 2; }");
    QVERIFY2(implicit.user, qPrintable(implicit.problems()));
    const QList<EvolutionChange> proto3Changes = SchemaEvolution::compare(implicit.user, strict.user);
    const EvolutionChange *fromProto3 = findChange(proto3Changes, 1, Kind::CardinalityChanged);
    QVERIFY(fromProto3);
    QCOMPARE(fromProto3->verdict, Verdict::Breaking);
    QVERIFY2(
        fromProto3->reason.contains(QStringLiteral("whenever it holds 0")), qPrintable(fromProto3->reason));
}

// A message without the required field is rejected wherever it is nested.
void SchemaEvolutionTest::requiredNestedFieldCountsWhereItsMessageIs()
{
    const Version outer = proto2("message Inner { optional int32 id = 1; }\n"
                                 "message User { optional Inner inner = 3; }");
    const Version outerStrict = proto2("message Inner { required int32 id = 1; }\n"
                                       "message User { optional Inner inner = 3; }");
    QVERIFY2(outer.user && outerStrict.user, qPrintable(outer.problems() + outerStrict.problems()));
    const EvolutionReading empty = SchemaEvolution::read(hex("1a00"), outer.user, outerStrict.user);
    QCOMPARE(empty.changes.size(), 1);
    QCOMPARE(empty.changes.at(0).readerField, QStringLiteral("required int32 inner.id = 1"));
    QCOMPARE(empty.worst, Verdict::Breaking);
    QCOMPARE(SchemaEvolution::read(hex("1a020807"), outer.user, outerStrict.user).worst, Verdict::Same);
    QCOMPARE(SchemaEvolution::read(QByteArray(), outer.user, outerStrict.user).worst, Verdict::Same);
}

void SchemaEvolutionTest::sharedTypesAreComparedOnce()
{
    // One nested type under two paths: its change is listed under each.
    const Version wide = version("message Count { int64 n = 1; }\n"
                                 "message User { Count first = 1; Count second = 2; }");
    const Version narrow = version("message Count { int32 n = 1; }\n"
                                   "message User { Count first = 1; Count second = 2; }");
    QVERIFY2(wide.user && narrow.user, qPrintable(wide.problems() + narrow.problems()));
    const EvolutionReading second = SchemaEvolution::read(hex("12020805"), wide.user, narrow.user);
    QCOMPARE(second.changes.size(), 2);
    QCOMPARE(second.changes.at(0).writerField, QStringLiteral("int64 first.n = 1"));
    QCOMPARE(second.changes.at(1).writerField, QStringLiteral("int64 second.n = 1"));
    QCOMPARE(second.changes.at(1).readerField, QStringLiteral("int32 second.n = 1"));
    for (const EvolutionChange &change : second.changes) {
        QCOMPARE(change.kind, Kind::TypeChanged);
        QCOMPARE(change.verdict, Verdict::Lossy);
        QCOMPARE(change.fieldNumber, 1);
    }
    QCOMPARE(second.worst, Verdict::Lossy);
    QCOMPARE(SchemaEvolution::read(hex("0a00"), wide.user, narrow.user).worst, Verdict::Same);

    // 30 fields of A, each with 20 fields of B: 630 paths before field 31, which the old
    // budget of 512 message pairs never reached.
    const QString common = QStringLiteral("message B { int32 x = 1; }\n") + manyFields("A", "B", "b", 20)
        + manyFields("User", "A", "a", 30, "C c = 31;");
    const Version writer
        = compiled(QStringLiteral("proto3"), common + QStringLiteral("message C { int32 id = 1; }\n"));
    const Version reader
        = compiled(QStringLiteral("proto3"), common + QStringLiteral("message C { sint32 id = 1; }\n"));
    QVERIFY2(writer.user && reader.user, qPrintable(writer.problems() + reader.problems()));
    const QList<EvolutionChange> changes = SchemaEvolution::compare(writer.user, reader.user);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).kind, Kind::TypeChanged);
    QCOMPARE(changes.at(0).verdict, Verdict::Breaking);
    QCOMPARE(changes.at(0).fieldNumber, 1);
    QCOMPARE(changes.at(0).writerField, QStringLiteral("int32 c.id = 1"));
    QCOMPARE(changes.at(0).readerField, QStringLiteral("sint32 c.id = 1"));
}

void SchemaEvolutionTest::tooManyPathsEndWithANote()
{
    // 10 x 10 x 10 x 10 x 10 paths lead to T4.x: more than one call lists.
    const QString common = manyFields("T3", "T4", "f", 10) + manyFields("T2", "T3", "f", 10)
        + manyFields("T1", "T2", "f", 10) + manyFields("T0", "T1", "f", 10)
        + manyFields("User", "T0", "f", 10);
    const Version writer
        = compiled(QStringLiteral("proto3"), common + QStringLiteral("message T4 { int32 x = 1; }\n"));
    const Version reader
        = compiled(QStringLiteral("proto3"), common + QStringLiteral("message T4 { int64 x = 1; }\n"));
    QVERIFY2(writer.user && reader.user, qPrintable(writer.problems() + reader.problems()));

    const EvolutionReading reading = SchemaEvolution::read(QByteArray(), writer.user, reader.user);
    const QList<EvolutionChange> &changes = reading.changes;
    QVERIFY(changes.size() > 1);
    QVERIFY(changes.size() <= 20001); // the list stops at 20000 entries
    QCOMPARE(changes.constFirst().writerField, QStringLiteral("int32 f1.f1.f1.f1.f1.x = 1"));
    QCOMPARE(changes.constFirst().verdict, Verdict::Compatible);
    const EvolutionChange &note = changes.constLast();
    QCOMPARE(note.verdict, Verdict::Lossy);
    QCOMPARE(note.kind, Kind::TypeChanged);
    QCOMPARE(note.fieldNumber, 0);
    QVERIFY(note.writerField.isEmpty());
    QVERIFY(note.readerField.isEmpty());
    QVERIFY2(note.reason.contains(QStringLiteral("the rest is not judged")), qPrintable(note.reason));
    // Nothing is implied the same: the cut-short list counts even for empty bytes.
    QCOMPARE(reading.worst, Verdict::Lossy);
}

void SchemaEvolutionTest::fieldsMovedIntoAOneof()
{
    const Version plain = version("message User { string email = 2; int64 user_id = 3; }");
    const Version target = version("message User { oneof target { string email = 2; int64 user_id = 3; } }");
    const Version kind = version("message User { oneof kind { string email = 2; int64 user_id = 3; } }");
    const Version split
        = version("message User { oneof mail { string email = 2; } oneof id { int64 user_id = 3; } }");
    QVERIFY2(plain.user && target.user && kind.user && split.user,
        qPrintable(plain.problems() + target.problems() + kind.problems() + split.problems()));

    // The writer sets both: the reader's oneof keeps only the one written last.
    const EvolutionReading both = SchemaEvolution::read(hex("12036140621805"), plain.user, target.user);
    QCOMPARE(both.changes.size(), 2);
    const EvolutionChange *email = findChange(both.changes, 2, Kind::OneofChanged);
    const EvolutionChange *userId = findChange(both.changes, 3, Kind::OneofChanged);
    QVERIFY(email && userId);
    QCOMPARE(email->verdict, Verdict::Lossy);
    QCOMPARE(userId->verdict, Verdict::Lossy);
    QCOMPARE(email->writerField, QStringLiteral("string email = 2"));
    QCOMPARE(email->readerField, QStringLiteral("string email = 2 (in oneof target)"));
    QVERIFY2(email->reason.contains(QStringLiteral("user_id (3)")), qPrintable(email->reason));
    QVERIFY(userId->reason.contains(QStringLiteral("email (2)")));
    QCOMPARE(both.worst, Verdict::Lossy);

    // Members of two oneofs can be set together too.
    const QList<EvolutionChange> fromSplit = SchemaEvolution::compare(split.user, target.user);
    QCOMPARE(fromSplit.size(), 2);
    QCOMPARE(fromSplit.at(0).verdict, Verdict::Lossy);
    QCOMPARE(fromSplit.at(1).verdict, Verdict::Lossy);

    // A writer whose own oneof held them sets only one: the name of the oneof is all that changed.
    const QList<EvolutionChange> renamed = SchemaEvolution::compare(kind.user, target.user);
    QCOMPARE(renamed.size(), 2);
    for (const EvolutionChange &change : renamed) {
        QCOMPARE(change.kind, Kind::OneofChanged);
        QCOMPARE(change.verdict, Verdict::Compatible);
        QVERIFY2(change.reason.contains(QStringLiteral("oneof kind")), qPrintable(change.reason));
    }
    QCOMPARE(renamed.at(0).fieldNumber, 2);
    QCOMPARE(renamed.at(1).fieldNumber, 3);

    // Out of a oneof: the reader takes each as an ordinary field.
    const QList<EvolutionChange> out = SchemaEvolution::compare(target.user, plain.user);
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(0).verdict, Verdict::Compatible);
    QCOMPARE(out.at(1).verdict, Verdict::Compatible);
}

void SchemaEvolutionTest::boolAgainstIntegers()
{
    const Version flag = version("message User { bool flag = 1; }");
    QVERIFY2(flag.user, qPrintable(flag.problems()));
    for (const char *body : {"message User { int32 flag = 1; }", "message User { int64 flag = 1; }",
             "message User { uint32 flag = 1; }", "message User { uint64 flag = 1; }"}) {
        const Version number = version(body);
        QVERIFY2(number.user, qPrintable(number.problems()));

        // true reads as 1.
        const EvolutionReading reading = SchemaEvolution::read(hex("0801"), flag.user, number.user);
        QCOMPARE(reading.changes.size(), 1);
        const EvolutionChange &change = reading.changes.at(0);
        QCOMPARE(change.kind, Kind::TypeChanged);
        QCOMPARE(change.verdict, Verdict::Compatible);
        QCOMPARE(change.fieldNumber, 1);
        QVERIFY2(
            change.reason.contains(QStringLiteral("false as 0 and true as 1")), qPrintable(change.reason));
        QCOMPARE(reading.asRead.spans.at(0).value, QStringLiteral("1"));
        QCOMPARE(reading.worst, Verdict::Compatible);

        // The other way, 2 and 1 both read as true.
        const QList<EvolutionChange> back = SchemaEvolution::compare(number.user, flag.user);
        QCOMPARE(back.size(), 1);
        QCOMPARE(back.at(0).kind, Kind::TypeChanged);
        QCOMPARE(back.at(0).verdict, Verdict::Lossy);
    }
}

void SchemaEvolutionTest::sint32ReadAsBool()
{
    // sint32 -2 is zigzag 3: non-zero, so true, as -2 is not 0; zigzag keeps 0 as 0.
    const Version flag = version("message User { bool flag = 1; }");
    const Version zigzag = version("message User { sint32 flag = 1; }");
    QVERIFY2(flag.user && zigzag.user, qPrintable(flag.problems() + zigzag.problems()));
    const EvolutionReading toBool = SchemaEvolution::read(hex("0803"), zigzag.user, flag.user);
    QCOMPARE(toBool.changes.size(), 1);
    QCOMPARE(toBool.changes.at(0).kind, Kind::TypeChanged);
    QCOMPARE(toBool.changes.at(0).verdict, Verdict::Lossy);
    QCOMPARE(toBool.changes.at(0).fieldNumber, 1);
    QVERIFY2(toBool.changes.at(0).reason.contains(QStringLiteral("true exactly when the number is not 0")),
        qPrintable(toBool.changes.at(0).reason));
    QCOMPARE(toBool.asWritten.spans.at(0).value, QStringLiteral("-2"));
    QCOMPARE(toBool.asRead.spans.at(0).value, QStringLiteral("true"));
    QCOMPARE(toBool.worst, Verdict::Lossy);

    // A bool read as sint32: true becomes -1.
    const QList<EvolutionChange> fromBool = SchemaEvolution::compare(flag.user, zigzag.user);
    QCOMPARE(fromBool.size(), 1);
    QCOMPARE(fromBool.at(0).verdict, Verdict::Breaking);
    QVERIFY2(fromBool.at(0).reason.contains(QStringLiteral("true reads as -1")),
        qPrintable(fromBool.at(0).reason));
}

void SchemaEvolutionTest::readStopsAtTheFieldLimit()
{
    const Version v1 = version("message User { int32 id = 1; }");
    QVERIFY2(v1.user, qPrintable(v1.problems()));
    const QByteArray bytes = hex("0801").repeated(100001);
    const EvolutionReading reading = SchemaEvolution::read(bytes, v1.user, v1.user);
    for (const WireTree *tree : {&reading.asWritten, &reading.asRead}) {
        QCOMPARE(tree->fieldLimit, 100000);
        QCOMPARE(tree->limitOffset, 200000);
        QCOMPARE(tree->spans.size(), 100001);
        QCOMPARE(tree->spans.constLast().role, WireSpan::Role::PastLimit);
    }
    QVERIFY(reading.changes.isEmpty());
    QCOMPARE(reading.worst, Verdict::Same);
}

QTEST_GUILESS_MAIN(SchemaEvolutionTest)
#include "SchemaEvolutionTest.moc"
