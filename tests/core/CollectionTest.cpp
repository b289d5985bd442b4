#include "model/collection/Collection.h"
#include "model/collection/CollectionArchive.h"
#include "model/collection/CollectionUndo.h"
#include "model/collection/DraftStore.h"
#include "model/collection/SecretStore.h"
#include "model/core/AtomicFile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstdio>

using namespace wirescope;

namespace {

const char *const ChildWriteArgument = "--atomic-write-child";

// Every field set, with text that needs escaping, so a round trip proves each one survives.
SavedRequest richRequest(const QString &name = QStringLiteral("Echo everything"))
{
    SavedRequest request;
    request.name = name;
    request.target = QStringLiteral("{{host}}:443");
    request.method = QStringLiteral("wirescope.demo.v1.DemoService/Echo");
    request.body
        = QStringLiteral("{\n  \"fString\": \"h\\\"é\\u00e9 ✓\",\r\n  \"tags\": [\"a\", \"b\"]\n}\n");
    request.metadata = {{QStringLiteral("authorization"), QStringLiteral("Bearer {{token}}"), true},
        {QStringLiteral("x-trace-bin"), QStringLiteral("AAEC"), false}};
    request.deadlineMs = 2500;
    request.tls = {SavedRequest::TlsProfile::Security::MutualTls, QStringLiteral("certs/ca.pem"),
        QStringLiteral("certs/client.pem"), QStringLiteral("{{keys}}/client.key"),
        QStringLiteral("api.example.com")};
    request.schema = {SavedRequest::SchemaSourceRef::Kind::ProtoFiles,
        {QStringLiteral("wirescope/demo/v1/demo.proto")},
        {QStringLiteral("protos"), QStringLiteral("../shared/protos")}, QStringLiteral("build/api.protoset")};
    return request;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeRaw(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

QStringList filesUnder(const QString &directory)
{
    QStringList files;
    QDirIterator it(directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(directory).relativeFilePath(it.next()));
    files.sort();
    return files;
}

// The child half of atomicSaveSurvivesKill: streams a huge file through AtomicFile and
// says when it is under way, so the parent can kill it mid-write.
int writeUntilKilled(const QString &path)
{
    const QByteArray chunk(64 * 1024, 'x');
    QString error;
    AtomicFile::write(
        path,
        [&chunk](QIODevice &device, QString *) {
            for (int i = 0; i < 4096; ++i) { // 256 MB at most, should nobody kill us
                if (device.write(chunk) != chunk.size())
                    return false;
                if (i == 16) {
                    std::fputs("writing\n", stdout);
                    std::fflush(stdout);
                }
                QThread::msleep(5);
            }
            return true;
        },
        &error);
    return 0;
}

} // namespace

class CollectionTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void requestRoundTripsEveryField();
    void resaveIsByteIdentical();
    void pathsAreStoredRelativeToTheCollection();
    void corruptAndFutureFilesAreReportedAndLeftAlone();
    void corruptSettingsAreNeverOverwritten();
    void operationsAndUndo();
    void foldersRenameMoveAndDuplicate();
    void undoRefusesFilesChangedOnDisk();
    void foldersAndRemoveFolder();
    void settingsRoundTrip();
    void secretsAreAbsentFromEveryFile();
    void exportImportRoundTrip();
    void importRejectsBadInput();
    void atomicSaveSurvivesKill();
    void reloadsFilesChangedOnDisk();
    void draftsAreKeptForRecovery();
    void demoCollectionLoadsCleanly();
    void aRequestFileThatIsADeviceIsListedNotRead();
    void stubsAndSnapshotsAreNotRequests();

private:
    QString collectionDir() const { return m_dir->filePath(QStringLiteral("coll")); }
    void openNew(Collection *collection);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void CollectionTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void CollectionTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void CollectionTest::openNew(Collection *collection)
{
    QString error;
    QVERIFY2(Collection::create(collectionDir(), QStringLiteral("Test"), &error), qPrintable(error));
    QVERIFY2(collection->open(collectionDir(), &error), qPrintable(error));
    QVERIFY(collection->problems().isEmpty());
}

void CollectionTest::requestRoundTripsEveryField()
{
    const SavedRequest request = richRequest();
    SavedRequest parsed;
    QString error;
    QVERIFY2(SavedRequest::fromBytes(request.toBytes(), QStringLiteral("x.json"), &parsed, &error),
        qPrintable(error));
    QCOMPARE(parsed, request);

    // Every enum value, and the defaults, survive too.
    for (auto kind :
        {SavedRequest::SchemaSourceRef::Kind::Reflection, SavedRequest::SchemaSourceRef::Kind::Protoset}) {
        SavedRequest other;
        other.schema.kind = kind;
        other.tls.security = SavedRequest::TlsProfile::Security::Tls;
        QVERIFY(SavedRequest::fromBytes(other.toBytes(), QStringLiteral("y.json"), &parsed, &error));
        QCOMPARE(parsed, other);
    }

    Collection collection;
    openNew(&collection);
    const QString path = collection.addRequest(request, QStringLiteral("unary/echo"), &error);
    QCOMPARE(path, QStringLiteral("unary/echo/echo-everything.json"));
    Collection reopened;
    QVERIFY(reopened.open(collectionDir(), &error));
    QCOMPARE(reopened.request(path).value(), request);
    const QByteArray bytes = readAll(reopened.absolutePath(path));
    QVERIFY(bytes.contains("\"formatVersion\": 1"));
    QVERIFY(bytes.contains("\"  \\\"tags\\\": [\\\"a\\\", \\\"b\\\"]\",")); // the body, one line per string
}

void CollectionTest::resaveIsByteIdentical()
{
    Collection collection;
    openNew(&collection);
    QString error;
    const QString path = collection.addRequest(richRequest(), {}, &error);
    const QString file = collection.absolutePath(path);
    const QByteArray before = readAll(file);
    const QDateTime modified = QFileInfo(file).lastModified();

    SavedRequest parsed;
    QVERIFY(SavedRequest::fromBytes(before, file, &parsed, &error));
    QCOMPARE(parsed.toBytes(), before);

    QSignalSpy edited(&collection, &Collection::edited);
    QThread::msleep(20);
    QVERIFY(collection.saveRequest(path, collection.request(path).value(), &error));
    QVERIFY(collection.saveSettings(collection.settings(), &error));
    QCOMPARE(readAll(file), before);
    QCOMPARE(QFileInfo(file).lastModified(), modified); // not even touched
    QCOMPARE(edited.size(), 0);
}

void CollectionTest::pathsAreStoredRelativeToTheCollection()
{
    Collection collection;
    openNew(&collection);
    const QDir root(collectionDir());
    writeRaw(root.filePath(QStringLiteral("protos/local.proto")), "syntax = \"proto3\";\n");
    SavedRequest request;
    request.name = QStringLiteral("Paths");
    request.schema.kind = SavedRequest::SchemaSourceRef::Kind::ProtoFiles;
    request.schema.protoFiles
        = {root.filePath(QStringLiteral("protos/local.proto")), QStringLiteral("pkg/a.proto")};
    request.schema.importPaths = {root.filePath(QStringLiteral("protos"))};
    request.tls.caFile = m_dir->filePath(QStringLiteral("ca.pem"));
    QString error;
    const QString path = collection.addRequest(request, {}, &error);
    const SavedRequest stored = collection.request(path).value();
    QCOMPARE(stored.schema.protoFiles,
        QStringList({QStringLiteral("protos/local.proto"), QStringLiteral("pkg/a.proto")}));
    QCOMPARE(stored.schema.importPaths, QStringList {QStringLiteral("protos")});
    QCOMPARE(stored.tls.caFile, QStringLiteral("../ca.pem"));
    QVERIFY(!readAll(collection.absolutePath(path)).contains(m_dir->path().toUtf8()));

    const SavedRequest absolute = stored.absoluteFrom(root);
    QCOMPARE(absolute.schema.protoFiles.first(), root.filePath(QStringLiteral("protos/local.proto")));
    QCOMPARE(absolute.schema.protoFiles.last(), QStringLiteral("pkg/a.proto")); // left for the import paths
    QCOMPARE(absolute.tls.caFile, m_dir->filePath(QStringLiteral("ca.pem")));
}

void CollectionTest::corruptAndFutureFilesAreReportedAndLeftAlone()
{
    Collection collection;
    openNew(&collection);
    QString error;
    const QString good = collection.addRequest(richRequest(), QStringLiteral("f"), &error);
    const QDir root(collectionDir());
    const QByteArray corrupt = "{ \"formatVersion\": 1, \"name\": ";
    QByteArray future = richRequest().toBytes();
    future.replace("\"formatVersion\": 1", "\"formatVersion\": 7");
    const QByteArray wrongType = "{ \"formatVersion\": 1, \"deadlineMs\": \"soon\" }";
    writeRaw(root.filePath(QStringLiteral("f/broken.json")), corrupt);
    writeRaw(root.filePath(QStringLiteral("future.json")), future);
    writeRaw(root.filePath(QStringLiteral("typo.json")), wrongType);

    Collection reopened;
    QVERIFY(reopened.open(collectionDir(), &error));
    QCOMPARE(reopened.requests().keys(), QStringList {good});
    const QList<CollectionProblem> problems = reopened.problems();
    QCOMPARE(problems.size(), 3);
    QCOMPARE(problems.at(0).path, QStringLiteral("f/broken.json"));
    QVERIFY(problems.at(0).message.contains(
        QDir::toNativeSeparators(root.filePath(QStringLiteral("f/broken.json")))));
    QVERIFY(problems.at(0).message.contains(QStringLiteral("not valid JSON")));
    QVERIFY(problems.at(1).message.contains(QStringLiteral("future.json")));
    QVERIFY(problems.at(1).message.contains(QStringLiteral("newer Wirescope (format version 7")));
    QVERIFY(problems.at(2).message.contains(QStringLiteral("typo.json: \"deadlineMs\" should be a number")));

    // Working around them changes none of them, even one with the same name.
    SavedRequest clash = richRequest(QStringLiteral("future"));
    const QString added = reopened.addRequest(clash, {}, &error);
    QCOMPARE(added, QStringLiteral("future-2.json"));
    QVERIFY(!reopened.saveRequest(QStringLiteral("future.json"), clash, &error));
    QCOMPARE(readAll(root.filePath(QStringLiteral("f/broken.json"))), corrupt);
    QCOMPARE(readAll(root.filePath(QStringLiteral("future.json"))), future);
    QCOMPARE(readAll(root.filePath(QStringLiteral("typo.json"))), wrongType);
}

void CollectionTest::corruptSettingsAreNeverOverwritten()
{
    Collection collection;
    openNew(&collection);
    QString error;
    collection.addRequest(richRequest(), {}, &error);
    const QString settingsPath = collection.absolutePath(Collection::SettingsFile);
    const QByteArray newer = "{\n    \"formatVersion\": 2,\n    \"name\": \"From the future\"\n}\n";
    writeRaw(settingsPath, newer);

    Collection reopened;
    QVERIFY(reopened.open(collectionDir(), &error));
    QCOMPARE(reopened.requests().size(), 1); // the rest still opens
    QCOMPARE(reopened.problems().size(), 1);
    QVERIFY(
        reopened.problems().first().message.contains(QStringLiteral("collection.json: written by a newer")));
    CollectionSettings settings = reopened.settings();
    settings.name = QStringLiteral("Overwrite?");
    QVERIFY(!reopened.saveSettings(settings, &error));
    QVERIFY(error.contains(QStringLiteral("collection.json")));
    QCOMPARE(readAll(settingsPath), newer);

    QVERIFY(!reopened.open(m_dir->path(), &error)); // no collection.json: not a collection
    QVERIFY(error.contains(QStringLiteral("not a Wirescope collection")));
}

void CollectionTest::operationsAndUndo()
{
    Collection collection;
    openNew(&collection);
    CollectionUndo undo(&collection);
    QString error;
    const QString echo
        = collection.addRequest(richRequest(QStringLiteral("Echo")), QStringLiteral("unary"), &error);
    QCOMPARE(echo, QStringLiteral("unary/echo.json"));
    const QByteArray echoBytes = readAll(collection.absolutePath(echo));

    const QString renamed = collection.renameRequest(echo, QStringLiteral("Echo: all fields!"), &error);
    QCOMPARE(renamed, QStringLiteral("unary/echo-all-fields.json"));
    QCOMPARE(collection.request(renamed)->name, QStringLiteral("Echo: all fields!"));
    QVERIFY(!collection.request(echo));

    const QString copy = collection.duplicateRequest(renamed, &error);
    QCOMPARE(copy, QStringLiteral("unary/echo-all-fields-copy.json"));
    QCOMPARE(collection.request(copy)->name, QStringLiteral("Echo: all fields! copy"));

    const QString moved = collection.moveRequest(copy, QStringLiteral("archive/old"), &error);
    QCOMPARE(moved, QStringLiteral("archive/old/echo-all-fields-copy.json"));
    QVERIFY(collection.removeRequest(renamed, &error));
    QCOMPARE(collection.requests().keys(), QStringList {moved});
    QCOMPARE(undo.undoText(), QStringLiteral("Delete \"Echo: all fields!\""));

    // Back to the start, step by step; every step restores the exact files.
    QVERIFY(undo.undo(&error)); // delete
    QVERIFY(collection.request(renamed));
    QVERIFY(undo.undo(&error)); // move
    QVERIFY(collection.request(copy) && !collection.request(moved));
    QVERIFY(undo.undo(&error)); // duplicate
    QVERIFY(!collection.request(copy));
    QVERIFY(undo.undo(&error)); // rename
    QCOMPARE(readAll(collection.absolutePath(echo)), echoBytes);
    QCOMPARE(collection.requests().keys(), QStringList {echo});
    QVERIFY(undo.undo(&error)); // add
    QVERIFY(collection.requests().isEmpty());
    QVERIFY(!undo.canUndo());

    for (int i = 0; i < 5; ++i)
        QVERIFY2(undo.redo(&error), qPrintable(error));
    QCOMPARE(collection.requests().keys(), QStringList {moved});
    QVERIFY(!undo.canRedo());

    QVERIFY(collection.moveRequest(moved, QStringLiteral("../escape"), &error).isEmpty());
    QVERIFY(collection.addRequest(richRequest(), QStringLiteral(".git"), &error).isEmpty());
}

// A folder is renamed, moved and copied with everything in it (nested folders, empty ones,
// and a file that does not parse, which is never lost); each is one undo step.
void CollectionTest::foldersRenameMoveAndDuplicate()
{
    Collection collection;
    openNew(&collection);
    CollectionUndo undo(&collection);
    QString error;
    const QString echo
        = collection.addRequest(richRequest(QStringLiteral("Echo")), QStringLiteral("unary"), &error);
    const QString deep
        = collection.addRequest(richRequest(QStringLiteral("Deep")), QStringLiteral("unary/v2"), &error);
    QVERIFY(collection.createFolder(QStringLiteral("unary/empty"), &error));
    QVERIFY(collection.createFolder(QStringLiteral("archive"), &error));
    writeRaw(collection.absolutePath(QStringLiteral("unary/broken.json")), "{ not json");
    QTRY_VERIFY(!collection.problems().isEmpty());
    const QByteArray echoBytes = readAll(collection.absolutePath(echo));

    QCOMPARE(collection.renameFolder(QStringLiteral("unary"), QStringLiteral("calls"), &error),
        QStringLiteral("calls"));
    QCOMPARE(collection.requests().keys(),
        (QStringList {QStringLiteral("calls/echo.json"), QStringLiteral("calls/v2/deep.json")}));
    QCOMPARE(readAll(collection.absolutePath(QStringLiteral("calls/echo.json"))), echoBytes);
    QCOMPARE(readAll(collection.absolutePath(QStringLiteral("calls/broken.json"))), QByteArray("{ not json"));
    QVERIFY(collection.folders().contains(QStringLiteral("calls/empty")));
    QVERIFY(!collection.folders().contains(QStringLiteral("unary")));
    QVERIFY(!QFileInfo::exists(collection.absolutePath(QStringLiteral("unary"))));
    QCOMPARE(undo.undoText(), QStringLiteral("Rename folder \"unary\" to \"calls\""));

    QCOMPARE(collection.renameFolder(QStringLiteral("calls"), QStringLiteral("archive/calls"), &error),
        QStringLiteral("archive/calls"));
    QVERIFY(collection.request(QStringLiteral("archive/calls/v2/deep.json")));
    QCOMPARE(undo.undoText(), QStringLiteral("Move folder \"calls\" to \"archive/calls\""));

    QCOMPARE(collection.duplicateFolder(QStringLiteral("archive/calls"), &error),
        QStringLiteral("archive/calls copy"));
    QVERIFY(collection.request(QStringLiteral("archive/calls copy/echo.json")));
    QVERIFY(collection.request(QStringLiteral("archive/calls copy/v2/deep.json")));
    QVERIFY(!QFileInfo::exists(collection.absolutePath(QStringLiteral("archive/calls copy/broken.json"))));
    QCOMPARE(collection.duplicateFolder(QStringLiteral("archive/calls"), &error),
        QStringLiteral("archive/calls copy 2"));

    // Refused, changing nothing: into itself, onto a folder that exists, a bad name.
    const QStringList before = collection.requests().keys();
    QVERIFY(collection.renameFolder(QStringLiteral("archive"), QStringLiteral("archive/inner"), &error)
                .isEmpty());
    QVERIFY(error.contains(QStringLiteral("inside itself")));
    QVERIFY(
        collection.renameFolder(QStringLiteral("archive/calls"), QStringLiteral("archive/calls copy"), &error)
            .isEmpty());
    QVERIFY(error.contains(QStringLiteral("already exists")));
    QVERIFY(collection.renameFolder(QStringLiteral("archive"), QStringLiteral("../out"), &error).isEmpty());
    QVERIFY(collection.renameFolder(QStringLiteral("nowhere"), QStringLiteral("x"), &error).isEmpty());
    QCOMPARE(collection.requests().keys(), before);

    // Undo brings the files back where they were, byte for byte.
    for (int i = 0; i < 4; ++i)
        QVERIFY2(undo.undo(&error), qPrintable(error));
    QCOMPARE(collection.requests().keys(), (QStringList {echo, deep}));
    QCOMPARE(readAll(collection.absolutePath(echo)), echoBytes);
    QCOMPARE(readAll(collection.absolutePath(QStringLiteral("unary/broken.json"))), QByteArray("{ not json"));
}

void CollectionTest::undoRefusesFilesChangedOnDisk()
{
    Collection collection;
    openNew(&collection);
    CollectionUndo undo(&collection);
    QString error;
    const QString path = collection.addRequest(richRequest(), {}, &error);
    SavedRequest changed = richRequest();
    changed.body = QStringLiteral("{}");
    QVERIFY(collection.saveRequest(path, changed, &error));
    const QByteArray external = "edited by someone else\n";
    writeRaw(collection.absolutePath(path), external);
    QVERIFY(!undo.undo(&error));
    QVERIFY(error.contains(QStringLiteral("changed on disk")));
    QCOMPARE(readAll(collection.absolutePath(path)), external);
    QVERIFY(undo.canUndo());
}

void CollectionTest::foldersAndRemoveFolder()
{
    Collection collection;
    openNew(&collection);
    CollectionUndo undo(&collection);
    QString error;
    QVERIFY(collection.createFolder(QStringLiteral("empty/nested"), &error));
    collection.addRequest(richRequest(QStringLiteral("A")), QStringLiteral("streams"), &error);
    collection.addRequest(richRequest(QStringLiteral("B")), QStringLiteral("streams/more"), &error);
    QCOMPARE(collection.folders(),
        QStringList({QStringLiteral("empty"), QStringLiteral("empty/nested"), QStringLiteral("streams"),
            QStringLiteral("streams/more")}));
    QVERIFY(collection.removeFolder(QStringLiteral("streams"), &error));
    QCOMPARE(collection.folders(), QStringList({QStringLiteral("empty"), QStringLiteral("empty/nested")}));
    QVERIFY(collection.requests().isEmpty());
    QVERIFY(undo.undo(&error));
    QCOMPARE(collection.requests().keys(),
        QStringList({QStringLiteral("streams/a.json"), QStringLiteral("streams/more/b.json")}));
}

void CollectionTest::settingsRoundTrip()
{
    Collection collection;
    openNew(&collection);
    QVERIFY(!collection.settings().id.isEmpty());
    CollectionSettings settings = collection.settings();
    settings.name = QStringLiteral("Shop API");
    settings.defaultEnvironment = QStringLiteral("dev");
    Environment dev {QStringLiteral("dev"), {{QStringLiteral("host"), QStringLiteral("localhost")}},
        {QStringLiteral("token")}};
    Environment staging {
        QStringLiteral("staging"), {{QStringLiteral("host"), QStringLiteral("staging.example.com")}}, {}};
    settings.environments = {dev, staging};
    QString error;
    QVERIFY(collection.saveSettings(settings, &error));
    Collection reopened;
    QVERIFY(reopened.open(collectionDir(), &error));
    QCOMPARE(reopened.settings(), settings);
    QCOMPARE(
        reopened.settings().environment(QStringLiteral("staging"))->variables.value(QStringLiteral("host")),
        QStringLiteral("staging.example.com"));
}

void CollectionTest::secretsAreAbsentFromEveryFile()
{
    Collection collection;
    openNew(&collection);
    const QString secret = QStringLiteral("s3cr3t-t0ken-value");
    FileSecretStore store(m_dir->filePath(QStringLiteral("config")));
    QString error;
    CollectionSettings settings = collection.settings();
    // A caller that leaves the value among the plain variables still does not leak it.
    settings.environments
        = {{QStringLiteral("dev"), {{QStringLiteral("token"), secret}}, {QStringLiteral("token")}}};
    QVERIFY(collection.saveSettings(settings, &error));
    QVERIFY(store.write(
        SecretStore::secretKey(settings.id, QStringLiteral("dev"), QStringLiteral("token")), secret, &error));
    collection.addRequest(richRequest(), QStringLiteral("auth"), &error);
    const QString exported = m_dir->filePath(QStringLiteral("export.json"));
    QVERIFY(CollectionArchive::exportToFile(collection, exported, &error));

    const VariableScope scope(*collection.settings().environment(QStringLiteral("dev")), &store, settings.id);
    QCOMPARE(scope.value(QStringLiteral("token")).value_or(QString()), secret);
    QStringList files = filesUnder(collectionDir());
    QCOMPARE(files.size(), 2);
    for (const QString &file : std::as_const(files))
        QVERIFY2(!readAll(QDir(collectionDir()).filePath(file)).contains(secret.toUtf8()), qPrintable(file));
    QVERIFY(!readAll(exported).contains(secret.toUtf8()));
    QVERIFY(readAll(collection.absolutePath(Collection::SettingsFile)).contains("\"token\""));
    QVERIFY(readAll(store.filePath()).contains(secret.toUtf8()));
}

void CollectionTest::exportImportRoundTrip()
{
    Collection collection;
    openNew(&collection);
    QString error;
    CollectionSettings settings = collection.settings();
    settings.environments = {{QStringLiteral("dev"), {{QStringLiteral("host"), QStringLiteral("h")}}, {}}};
    QVERIFY(collection.saveSettings(settings, &error));
    collection.addRequest(richRequest(QStringLiteral("One")), QStringLiteral("a"), &error);
    collection.addRequest(richRequest(QStringLiteral("Two")), QStringLiteral("a/b"), &error);
    collection.addRequest(richRequest(QStringLiteral("Three")), {}, &error);
    QVERIFY(collection.createFolder(QStringLiteral("empty"), &error));
    const QString exported = m_dir->filePath(QStringLiteral("out/shop.wirescope.json"));
    QVERIFY2(CollectionArchive::exportToFile(collection, exported, &error), qPrintable(error));

    const QString target = m_dir->filePath(QStringLiteral("imported"));
    QVERIFY2(CollectionArchive::importFromFile(exported, target, &error), qPrintable(error));
    Collection imported;
    QVERIFY(imported.open(target, &error));
    QVERIFY(imported.problems().isEmpty());
    QCOMPARE(imported.requests(), collection.requests());
    QCOMPARE(imported.settings(), collection.settings());
    QCOMPARE(imported.folders(), collection.folders());
    QCOMPARE(filesUnder(target), filesUnder(collectionDir()));
    for (const QString &file : filesUnder(target))
        QCOMPARE(readAll(QDir(target).filePath(file)), readAll(QDir(collectionDir()).filePath(file)));
    QCOMPARE(CollectionArchive::exportCollection(imported), readAll(exported));
}

void CollectionTest::importRejectsBadInput()
{
    QString error;
    const QString target = m_dir->filePath(QStringLiteral("imported"));
    QVERIFY(!CollectionArchive::importCollection("{", QStringLiteral("x.json"), target, &error));
    QVERIFY(error.contains(QStringLiteral("x.json")));
    const QByteArray escaping = R"({"formatVersion": 1, "kind": "wirescope.collection", "settings": {},
        "requests": [{"path": "../outside.json", "request": {}}]})";
    QVERIFY(!CollectionArchive::importCollection(escaping, QStringLiteral("x.json"), target, &error));
    QVERIFY(error.contains(QStringLiteral("bad request path")));
    QVERIFY(!QFileInfo::exists(target));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("outside.json"))));

    Collection collection;
    openNew(&collection);
    const QByteArray good = CollectionArchive::exportCollection(collection);
    QVERIFY(!CollectionArchive::importCollection(good, QStringLiteral("x.json"), collectionDir(), &error));
    QVERIFY(error.contains(QStringLiteral("not empty")));
}

void CollectionTest::atomicSaveSurvivesKill()
{
    Collection collection;
    openNew(&collection);
    QString error;
    const QString path = collection.addRequest(richRequest(), QStringLiteral("unary"), &error);
    const QString file = collection.absolutePath(path);
    const QByteArray before = readAll(file);
    const QStringList filesBefore = filesUnder(collectionDir());

    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QLatin1String(ChildWriteArgument), file});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine() || child.waitForReadyRead(50), 20000);
    QCOMPARE(child.readLine().trimmed(), QByteArray("writing"));
    QThread::msleep(100); // well into the megabytes
    child.kill();
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    QCOMPARE(readAll(file), before);
    // No temporary file took the target's place or shows up as a request. (Qt uses an
    // unnamed O_TMPFILE where it can; elsewhere a leftover is hidden or not "*.json".)
    const QStringList filesAfter = filesUnder(collectionDir());
    for (const QString &left : filesAfter)
        QVERIFY2(filesBefore.contains(left) || !left.endsWith(QLatin1String(".json")), qPrintable(left));
    Collection reopened;
    QVERIFY(reopened.open(collectionDir(), &error));
    QVERIFY(reopened.problems().isEmpty());
    QCOMPARE(reopened.requests().keys(), QStringList {path});
}

void CollectionTest::reloadsFilesChangedOnDisk()
{
    Collection collection;
    openNew(&collection);
    QString error;
    const QString path = collection.addRequest(richRequest(), {}, &error);
    QSignalSpy onDisk(&collection, &Collection::changedOnDisk);

    // Our own saves are not news.
    SavedRequest ours = richRequest();
    ours.deadlineMs = 1;
    QVERIFY(collection.saveRequest(path, ours, &error));
    QTest::qWait(400);
    QCOMPARE(onDisk.size(), 0);

    // A "git checkout" replaces the file and adds another.
    SavedRequest theirs = richRequest();
    theirs.body = QStringLiteral("{\"from\": \"git\"}");
    QString unused;
    QVERIFY(AtomicFile::write(collection.absolutePath(path), theirs.toBytes(), &unused));
    QVERIFY(AtomicFile::write(collection.absolutePath(QStringLiteral("new.json")), ours.toBytes(), &unused));
    QTRY_VERIFY_WITH_TIMEOUT(!onDisk.isEmpty(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(collection.requests().size(), 2, 5000);
    QCOMPARE(collection.request(path)->body, theirs.body);
    QStringList changed;
    for (const QList<QVariant> &signal : std::as_const(onDisk))
        changed += signal.at(0).toStringList();
    QVERIFY(changed.contains(path));
    QVERIFY(changed.contains(QStringLiteral("new.json")));

    // Still watching after the file was replaced.
    onDisk.clear();
    writeRaw(collection.absolutePath(path), "{ broken");
    QTRY_VERIFY_WITH_TIMEOUT(!onDisk.isEmpty(), 5000);
    QVERIFY(!collection.request(path));
    QCOMPARE(collection.problems().size(), 1);
}

void CollectionTest::draftsAreKeptForRecovery()
{
    const QString directory = m_dir->filePath(QStringLiteral("data/drafts"));
    const QString key = collectionDir() + QStringLiteral("#unary/echo.json");
    QString error;
    {
        DraftStore store(directory);
        QVERIFY2(store.save(key, richRequest(), &error), qPrintable(error));
        QVERIFY(store.save(QStringLiteral("untitled 1"), richRequest(QStringLiteral("New")), &error));
        SavedRequest later = richRequest();
        later.body = QStringLiteral("{\"edited\": true}");
        QVERIFY(store.save(key, later, &error)); // replaces the earlier draft
    } // "crash": nothing removed the drafts
    writeRaw(QDir(directory).filePath(QStringLiteral("garbage.json")), "{");
    DraftStore store(directory);
    QStringList problems;
    const QList<DraftStore::Draft> drafts = store.drafts(&problems);
    QCOMPARE(drafts.size(), 2);
    QCOMPARE(drafts.first().key, key);
    QCOMPARE(drafts.first().request.body, QStringLiteral("{\"edited\": true}"));
    QCOMPARE(drafts.last().request, richRequest(QStringLiteral("New")));
    QCOMPARE(problems.size(), 1);
    QVERIFY(store.remove(key, &error));
    QCOMPARE(store.drafts().size(), 1);
    QVERIFY(DraftStore::defaultDirectory().endsWith(QStringLiteral("/drafts")));
}

// The mock's stubs (mocks/) and a run's snapshots (NAME.snapshot.json) live in the
// collection's folder, in git with the requests, and are neither listed nor read as requests.
void CollectionTest::stubsAndSnapshotsAreNotRequests()
{
    Collection collection;
    openNew(&collection);
    QString error;
    SavedRequest request;
    request.name = QStringLiteral("Echo");
    request.method = QStringLiteral("wirescope.demo.v1.DemoService/Echo");
    const QString path = collection.addRequest(request, {}, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    QDir(collectionDir()).mkpath(QStringLiteral("mocks/orders"));
    for (const char *file : {"mocks/echo.json", "mocks/orders/place.json", "echo.snapshot.json"}) {
        QFile stub(QDir(collectionDir()).filePath(QLatin1String(file)));
        QVERIFY(stub.open(QIODevice::WriteOnly));
        stub.write(R"({"method": "wirescope.demo.v1.DemoService/Echo", "respond": {}})");
    }
    Collection reopened;
    QVERIFY2(reopened.open(collectionDir(), &error), qPrintable(error));
    QCOMPARE(reopened.requests().keys(), QStringList {path});
    QVERIFY(reopened.problems().isEmpty());
    QVERIFY(!reopened.folders().contains(QStringLiteral("mocks")));
    // A folder of requests cannot take the stubs' name.
    QVERIFY(reopened.createFolder(QStringLiteral("mocks"), &error) == false);
    QVERIFY2(error.contains(QStringLiteral("mock server's stubs")), qPrintable(error));
}

void CollectionTest::demoCollectionLoadsCleanly()
{
    const QString demo = QFINDTESTDATA("../../resources/collections/demo");
    QVERIFY(!demo.isEmpty());
    Collection collection;
    QString error;
    QVERIFY2(collection.open(demo, &error), qPrintable(error));
    for (const CollectionProblem &problem : collection.problems())
        qWarning("%s", qPrintable(problem.message));
    QVERIFY(collection.problems().isEmpty());
    QVERIFY(collection.requests().size() >= 7);
    const CollectionSettings &settings = collection.settings();
    QVERIFY(settings.environment(settings.defaultEnvironment));
    QStringList methods;
    const auto &requests = collection.requests();
    for (auto it = requests.cbegin(); it != requests.cend(); ++it) {
        methods.append(it->method.section(QLatin1Char('/'), -1));
        QCOMPARE(it->target, QStringLiteral("{{demo}}"));
        QCOMPARE(it->schema.kind, SavedRequest::SchemaSourceRef::Kind::Reflection);
        // The checked-in files are exactly what Wirescope writes: opening them changes nothing.
        QCOMPARE(it->toBytes(), readAll(collection.absolutePath(it.key())));
    }
    for (const char *method :
        {"Echo", "PlaceOrder", "StreamTicks", "Collect", "Chat", "Fail", "EchoMetadata"})
        QVERIFY2(methods.contains(QLatin1String(method)), method);
    // Embedded: the app supplies {{demo}}; local: `wirescope serve-demo --port 50051`.
    VariableScope scope(*settings.environment(settings.defaultEnvironment), nullptr, settings.id);
    scope.setBuiltIns({{QStringLiteral("demo"), QStringLiteral("127.0.0.1:40000")}});
    QStringList unresolved;
    for (const SavedRequest &request : requests)
        scope.resolve(request, &unresolved);
    QVERIFY2(unresolved.isEmpty(), qPrintable(unresolved.join(QLatin1Char(','))));
}

// A request file that is a link to /dev/zero used to be read until memory ran out.
void CollectionTest::aRequestFileThatIsADeviceIsListedNotRead()
{
    Collection collection;
    openNew(&collection);
    QString error;
    SavedRequest request;
    request.name = QStringLiteral("ok");
    request.method = QStringLiteral("pkg.S/M");
    const QString ok = collection.addRequest(request, QString(), &error);
    QVERIFY2(!ok.isEmpty(), qPrintable(error));
    QVERIFY(
        QFile::link(QStringLiteral("/dev/zero"), QDir(collectionDir()).filePath(QStringLiteral("x.json"))));
    Collection reopened;
    QVERIFY2(reopened.open(collectionDir(), &error), qPrintable(error));
    QVERIFY(reopened.request(ok).has_value());
    QVERIFY(!reopened.request(QStringLiteral("x.json")).has_value());
    const bool listed = std::any_of(reopened.problems().begin(), reopened.problems().end(),
        [](const CollectionProblem &p) { return p.path == QStringLiteral("x.json"); });
    QVERIFY(listed);
}

// QTEST_GUILESS_MAIN, plus the child mode atomicSaveSurvivesKill runs this binary in.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], ChildWriteArgument) == 0)
        return writeUntilKilled(QString::fromLocal8Bit(argv[2]));
    CollectionTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "CollectionTest.moc"
