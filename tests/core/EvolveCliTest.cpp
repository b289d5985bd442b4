#include "support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace wirescope;
using test::describeRun;
using test::Run;
using test::runWirescope;

namespace {

const char *const kHeader = "syntax = \"proto3\";\npackage lab;\n";

// The JSON output's change for field `number` of `kind`, or an empty object.
QJsonObject findChange(const QJsonArray &changes, int number, const QString &kind)
{
    for (const QJsonValue &change : changes) {
        const QJsonObject object = change.toObject();
        if (object.value(QStringLiteral("field")).toInt() == number
            && object.value(QStringLiteral("kind")).toString() == kind)
            return object;
    }
    return {};
}

} // namespace

// `wirescope evolve` end to end: what readers of one version of a message type make of
// another's messages, as CI sees it (the exit status, the text, the JSON).
class EvolveCliTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void breakingChangeFailsTheGate();
    void compatibleChangePasses();
    void reverseDirectionListsTheRemovedField();
    void messageWithoutTheBrokenFieldPasses();
    void messageWithTheBrokenFieldFails();
    void dataFromStandardInput();
    void jsonFormat();
    void readerTypeWithAnotherName();
    void protoFileAgainstProtoset();
    void brokenProtoShowsWhere();
    void badArguments_data();
    void badArguments();
    void listCutShortEndsWithANote();

private:
    QString write(const QString &name, const QByteArray &text);
    QStringList evolve(const QString &writer, const QString &reader, const QStringList &more = {}) const;

    QTemporaryDir m_dir;
    QString m_v1;
    QString m_v1Plus;
    QString m_v2;
    QString m_old;
};

QString EvolveCliTest::write(const QString &name, const QByteArray &text)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return QString();
    return path;
}

QStringList EvolveCliTest::evolve(const QString &writer, const QString &reader, const QStringList &more) const
{
    return QStringList {QStringLiteral("evolve"), QStringLiteral("--writer"), writer,
               QStringLiteral("--reader"), reader, QStringLiteral("--type"), QStringLiteral("lab.User")}
    + more;
}

void EvolveCliTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_v1 = write(QStringLiteral("v1.proto"),
        QByteArray(kHeader) + "message User {\n  int32 id = 1;\n  string name = 2;\n  int32 age = 3;\n}\n");
    m_v1Plus = write(QStringLiteral("v1plus.proto"),
        QByteArray(kHeader)
            + "message User {\n  int32 id = 1;\n  string name = 2;\n  int32 age = 3;\n  string email = "
              "4;\n}\n");
    m_v2 = write(QStringLiteral("v2.proto"),
        QByteArray(kHeader)
            + "message User {\n  int64 id = 1;\n  string display_name = 2;\n  string nickname = 3;\n"
              "  string email = 4;\n}\n");
    // v1 under other names: the wire carries neither the package nor the message's name.
    m_old = write(QStringLiteral("old.proto"),
        "syntax = \"proto3\";\npackage old;\n"
        "message Member {\n  int32 id = 1;\n  string name = 2;\n  int32 age = 3;\n}\n");
    QVERIFY(!m_v1.isEmpty() && !m_v1Plus.isEmpty() && !m_v2.isEmpty() && !m_old.isEmpty());
}

// v1 readers of v2's messages: field 3 is a string now, which an int32 reader cannot take.
void EvolveCliTest::breakingChangeFailsTheGate()
{
    const Run run = runWirescope(evolve(m_v2, m_v1));
    QVERIFY2(run.exitCode == 1, qPrintable(describeRun(run)));
    QVERIFY2(run.out.startsWith(
                 QStringLiteral("lab.User in %1 (writer), read as lab.User in %2 (reader): 5 changes\n")
                     .arg(m_v2, m_v1)),
        qPrintable(run.out));
    QVERIFY(
        run.out.contains(QStringLiteral("\nbreaking: type-changed, field 3\n"
                                        "  writer: string nickname = 3\n"
                                        "  reader: int32 age = 3\n"
                                        "  The writer sends field 3 as wire type 2 (LEN) and the reader's "
                                        "singular int32 expects wire type 0 (VARINT)")));
    QVERIFY(run.out.contains(QStringLiteral("\ncompatible: renamed, field 3\n")));
    QVERIFY(run.out.contains(QStringLiteral("\nlossy: type-changed, field 1\n"
                                            "  writer: int64 id = 1\n"
                                            "  reader: int32 id = 1\n")));
    QVERIFY(run.out.contains(QStringLiteral("\ncompatible: renamed, field 2\n")));
    QVERIFY(run.out.contains(QStringLiteral("\ncompatible: added, field 4\n"
                                            "  writer: string email = 4\n"
                                            "  reader: no field 4\n")));
    QVERIFY(!run.out.contains(QStringLiteral("kept as unknown"))); // no message given
    QVERIFY(run.out.endsWith(QStringLiteral("\n\nworst: breaking\n")));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
}

void EvolveCliTest::compatibleChangePasses()
{
    const Run run = runWirescope(evolve(m_v1Plus, m_v1));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("(reader): 1 change\n")));
    QVERIFY(run.out.contains(QStringLiteral("\ncompatible: added, field 4\n")));
    QVERIFY(run.out.contains(QStringLiteral("keeps the bytes as an unknown field")));
    QVERIFY(run.out.endsWith(QStringLiteral("\nworst: compatible\n")));

    const Run same = runWirescope(evolve(m_v1, m_v1));
    QVERIFY2(same.exitCode == 0, qPrintable(describeRun(same)));
    QVERIFY(same.out.contains(QStringLiteral("(reader): no changes a reader notices\n")));
    QVERIFY(same.out.endsWith(QStringLiteral("\nworst: same\n")));
}

// The other direction is the same command with the files swapped: v2 readers of v1's data.
void EvolveCliTest::reverseDirectionListsTheRemovedField()
{
    const Run run = runWirescope(evolve(m_v1, m_v2));
    QVERIFY2(run.exitCode == 1, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("\ncompatible: removed, field 4\n"
                                            "  writer: no field 4\n"
                                            "  reader: string email = 4\n"
                                            "  The writer never writes field 4")));
    QVERIFY(run.out.contains(QStringLiteral("\ncompatible: type-changed, field 1\n")));
    QVERIFY(run.out.contains(QStringLiteral("\nbreaking: type-changed, field 3\n"
                                            "  writer: int32 age = 3\n"
                                            "  reader: string nickname = 3\n"
                                            "  The writer sends field 3 as wire type 0 (VARINT)")));
    QVERIFY(run.out.endsWith(QStringLiteral("\nworst: breaking\n")));
}

// Field 3 is breaking, but these bytes do not hold it: only what they hold decides.
void EvolveCliTest::messageWithoutTheBrokenFieldPasses()
{
    const Run run = runWirescope(evolve(m_v2, m_v1,
        {QStringLiteral("-d"), QStringLiteral("{\"id\": 1, \"displayName\": \"x\", \"email\": \"a@b\"}")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("\nbreaking: type-changed, field 3\n"))); // still listed
    // 22 03 61 40 62: the tag, the length and "a@b".
    QVERIFY(run.out.contains(QStringLiteral("\n\nkept as unknown by the reader: field 4 (5 bytes)\n")));
    QVERIFY2(
        run.out.endsWith(QStringLiteral("\nworst: lossy (for this message; for the schema: breaking)\n")),
        qPrintable(run.out));
}

void EvolveCliTest::messageWithTheBrokenFieldFails()
{
    // {"nickname": "bob"} as v2 writes it.
    const Run run
        = runWirescope(evolve(m_v2, m_v1, {QStringLiteral("--hex"), QStringLiteral("1a 03 62 6f 62")}));
    QVERIFY2(run.exitCode == 1, qPrintable(describeRun(run)));
    QVERIFY(run.out.contains(QStringLiteral("\nkept as unknown by the reader: field 3 (5 bytes)\n")));
    QVERIFY(run.out.endsWith(QStringLiteral("\nworst: breaking\n")));

    const Run nothing
        = runWirescope(evolve(m_v2, m_v1, {QStringLiteral("--base64"), QStringLiteral("CAE=")}));
    QVERIFY2(nothing.exitCode == 0, qPrintable(describeRun(nothing)));
    QVERIFY(nothing.out.contains(QStringLiteral("\nkept as unknown by the reader: nothing\n")));
    QVERIFY(nothing.out.endsWith(
        QStringLiteral("\nworst: lossy (for this message; for the schema: breaking)\n")));
}

void EvolveCliTest::dataFromStandardInput()
{
    const Run run = runWirescope(evolve(m_v2, m_v1, {QStringLiteral("-d"), QStringLiteral("@")}),
        QByteArray("{\"displayName\": \"x\"}"));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY(run.out.endsWith(
        QStringLiteral("\nworst: compatible (for this message; for the schema: breaking)\n")));
}

void EvolveCliTest::jsonFormat()
{
    const Run run = runWirescope(evolve(m_v2, m_v1,
        {QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("-d"),
            QStringLiteral("{\"id\": 1, \"displayName\": \"x\", \"email\": \"a@b\"}")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + u'\n' + run.out));
    const QJsonObject object = document.object();
    QCOMPARE(object.value(QStringLiteral("writer")).toString(), m_v2);
    QCOMPARE(object.value(QStringLiteral("reader")).toString(), m_v1);
    QCOMPARE(object.value(QStringLiteral("type")).toString(), QStringLiteral("lab.User"));
    QCOMPARE(object.value(QStringLiteral("readerType")).toString(), QStringLiteral("lab.User"));
    QCOMPARE(object.value(QStringLiteral("worst")).toString(), QStringLiteral("lossy"));
    QCOMPARE(object.value(QStringLiteral("schemaWorst")).toString(), QStringLiteral("breaking"));
    QCOMPARE(object.value(QStringLiteral("unknownToReader")).toArray(), QJsonArray {4});
    const QJsonArray changes = object.value(QStringLiteral("changes")).toArray();
    QCOMPARE(changes.size(), 5);
    for (const QJsonValue &change : changes) {
        const QStringList keys = change.toObject().keys();
        QCOMPARE(keys,
            (QStringList {QStringLiteral("field"), QStringLiteral("kind"), QStringLiteral("readerField"),
                QStringLiteral("reason"), QStringLiteral("verdict"), QStringLiteral("writerField")}));
    }
    const QJsonObject breaking = findChange(changes, 3, QStringLiteral("type-changed"));
    QCOMPARE(breaking.value(QStringLiteral("verdict")).toString(), QStringLiteral("breaking"));
    QCOMPARE(breaking.value(QStringLiteral("writerField")).toString(), QStringLiteral("string nickname = 3"));
    QCOMPARE(breaking.value(QStringLiteral("readerField")).toString(), QStringLiteral("int32 age = 3"));
    QVERIFY(breaking.value(QStringLiteral("reason"))
                .toString()
                .startsWith(QStringLiteral("The writer sends field 3")));
    const QJsonObject added = findChange(changes, 4, QStringLiteral("added"));
    QCOMPARE(added.value(QStringLiteral("verdict")).toString(), QStringLiteral("compatible"));
    QVERIFY(added.value(QStringLiteral("readerField")).isNull());

    // Without a message: the schema decides, and there is nothing to keep as unknown.
    const Run schemaOnly = runWirescope(evolve(m_v2, m_v1, {QStringLiteral("--format=json")}));
    QCOMPARE(schemaOnly.exitCode, 1);
    const QJsonObject whole = QJsonDocument::fromJson(schemaOnly.out.toUtf8()).object();
    QCOMPARE(whole.value(QStringLiteral("worst")).toString(), QStringLiteral("breaking"));
    QVERIFY(!whole.contains(QStringLiteral("unknownToReader")));
}

void EvolveCliTest::readerTypeWithAnotherName()
{
    const Run run
        = runWirescope(evolve(m_v1, m_old, {QStringLiteral("--reader-type"), QStringLiteral("old.Member")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY2(run.out.startsWith(QStringLiteral(
                 "lab.User in %1 (writer), read as old.Member in %2 (reader): no changes a reader notices\n")
                                    .arg(m_v1, m_old)),
        qPrintable(run.out));
    QVERIFY(run.out.endsWith(QStringLiteral("\nworst: same\n")));
}

// A .proto file found through -I against the protoset protoc built from the same file.
void EvolveCliTest::protoFileAgainstProtoset()
{
    const Run run = runWirescope(
        {QStringLiteral("evolve"), QStringLiteral("--writer"), QStringLiteral("wirescope/demo/v1/demo.proto"),
            QStringLiteral("-I"), QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT), QStringLiteral("--reader"),
            test::buildDataPath(QStringLiteral("demo.protoset")), QStringLiteral("--type"),
            QStringLiteral("wirescope.demo.v1.Everything")});
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY2(
        run.out.contains(QStringLiteral("(reader): no changes a reader notices\n")), qPrintable(run.out));
    QVERIFY(run.out.endsWith(QStringLiteral("\nworst: same\n")));
}

void EvolveCliTest::brokenProtoShowsWhere()
{
    const QString broken
        = write(QStringLiteral("broken.proto"), QByteArray(kHeader) + "message User {\n  int32 id = 1\n}\n");
    QVERIFY(!broken.isEmpty());
    const Run run = runWirescope(evolve(broken, m_v1));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(broken + QStringLiteral(":5:1: ")), qPrintable(describeRun(run)));
    QVERIFY(run.out.isEmpty());
    const Run reader = runWirescope(evolve(m_v1, broken));
    QCOMPARE(reader.exitCode, 2);
    QVERIFY2(reader.err.contains(broken + QStringLiteral(":5:1: ")), qPrintable(describeRun(reader)));
}

void EvolveCliTest::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no --type") << QStringList {QStringLiteral("evolve"), QStringLiteral("--writer"), m_v2,
        QStringLiteral("--reader"), m_v1}
                               << QStringLiteral("evolve needs --type pkg.Message");
    QTest::newRow("no --reader") << QStringList {QStringLiteral("evolve"), QStringLiteral("--writer"), m_v2,
        QStringLiteral("--type"), QStringLiteral("lab.User")}
                                 << QStringLiteral("evolve needs --writer FILE and --reader FILE");
    QTest::newRow("--proto") << evolve(m_v2, m_v1, {QStringLiteral("--proto"), m_v1})
                             << QStringLiteral("not --proto or --protoset");
    QTest::newRow("two messages") << evolve(m_v2, m_v1,
        {QStringLiteral("-d"), QStringLiteral("{}"), QStringLiteral("--hex"), QStringLiteral("08")})
                                  << QStringLiteral("at most one message");
    QTest::newRow("odd hex") << evolve(m_v2, m_v1, {QStringLiteral("--hex"), QStringLiteral("089")})
                             << QStringLiteral("hex digits");
    QTest::newRow("unknown type") << QStringList {QStringLiteral("evolve"), QStringLiteral("--writer"), m_v2,
        QStringLiteral("--reader"), m_v1, QStringLiteral("--type"),
        QStringLiteral(
            "lab.Nobody")} << QStringLiteral("no message named lab.Nobody in %1 (the writer)").arg(m_v2);
    QTest::newRow("unknown reader type")
        << evolve(m_v2, m_v1, {QStringLiteral("--reader-type"), QStringLiteral("lab.Nobody")})
        << QStringLiteral("no message named lab.Nobody in %1 (the reader)").arg(m_v1);
    QTest::newRow("missing file") << evolve(m_dir.filePath(QStringLiteral("none.binpb")), m_v1)
                                  << QStringLiteral("none.binpb: cannot open");
    QTest::newRow("data not fitting")
        << evolve(m_v2, m_v1, {QStringLiteral("-d"), QStringLiteral("{\"id\": \"many\"}")})
        << QStringLiteral("-d does not fit lab.User of --writer");
    QTest::newRow("not a message") << evolve(m_v2, m_v1, {QStringLiteral("--hex"), QStringLiteral("0e 01")})
                                   << QStringLiteral("decoding stops at byte 0");
    QTest::newRow("bad format") << evolve(m_v2, m_v1, {QStringLiteral("--format"), QStringLiteral("html")})
                                << QStringLiteral("--format html: evolve prints text (the default) or json");
    QTest::newRow("positional") << evolve(m_v2, m_v1, {QStringLiteral("v3.proto")})
                                << QStringLiteral("unexpected argument \"v3.proto\"");
}

void EvolveCliTest::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = runWirescope(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(describeRun(run)));
    QVERIFY(run.out.isEmpty());
}

// 10^5 paths lead to the one changed field: the list stops and says so, as a note about the
// comparison rather than about a field "0".
void EvolveCliTest::listCutShortEndsWithANote()
{
    QByteArray common;
    const char *levels[][2] = {{"User", "T0"}, {"T0", "T1"}, {"T1", "T2"}, {"T2", "T3"}, {"T3", "T4"}};
    for (const auto &level : levels) {
        common += QByteArray("message ") + level[0] + " {";
        for (int i = 1; i <= 10; ++i)
            common += QByteArray(" ") + level[1] + " f" + QByteArray::number(i) + " = "
                + QByteArray::number(i) + ";";
        common += " }\n";
    }
    const QString writer = write(
        QStringLiteral("wide1.proto"), QByteArray(kHeader) + common + "message T4 { int32 x = 1; }\n");
    const QString reader = write(
        QStringLiteral("wide2.proto"), QByteArray(kHeader) + common + "message T4 { int64 x = 1; }\n");
    const Run run = runWirescope(evolve(writer, reader));
    QVERIFY2(run.exitCode == 0, qPrintable(describeRun(run)));
    QVERIFY2(run.out.contains(QStringLiteral("\nlossy: type-changed\n  These types nest the same messages")),
        qPrintable(run.out.right(600)));
    QVERIFY2(run.out.contains(QStringLiteral("the rest is not judged")), qPrintable(run.out.right(600)));
    QVERIFY2(!run.out.contains(QStringLiteral("field 0")), qPrintable(run.out.right(600)));
    // As JSON the note names no field either.
    const Run json = runWirescope(
        evolve(writer, reader) + QStringList {QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(json.exitCode == 0, qPrintable(describeRun(json)));
    const QJsonArray changes
        = QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("changes")).toArray();
    QVERIFY(!changes.isEmpty());
    const QJsonObject note = changes.last().toObject();
    QVERIFY2(
        note.value(QStringLiteral("reason")).toString().contains(QStringLiteral("the rest is not judged")),
        qPrintable(json.out.right(600)));
    QVERIFY(note.value(QStringLiteral("field")).isNull());
    QVERIFY(note.value(QStringLiteral("writerField")).isNull());
    QVERIFY(changes.first().toObject().value(QStringLiteral("field")).toInt() > 0);
}

QTEST_GUILESS_MAIN(EvolveCliTest)
#include "EvolveCliTest.moc"
