// Fuzz target for the files of a collection, which arrive by git, by mail and by hand: the
// same bytes are read as a saved request (SavedRequest::fromBytes), as collection.json
// (CollectionSettings::fromJson, with its environments), as an exported collection
// (CollectionArchive::importCollection) and as a mock stub (Stub::fromJson, which checks it
// with StubReader against the demo schema). Each must read or say why, never crash. What
// reads must write back to bytes that read again, and after one save a save of unchanged
// data gives the same bytes (CollectionFormat's promise: git sees no change); an import
// writes only inside the folder it is given.
#include "FuzzSupport.h"

#include "model/collection/Collection.h"
#include "model/collection/CollectionArchive.h"
#include "model/collection/CollectionFormat.h"
#include "model/mock/Stub.h"

#include <QDir>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

using namespace wirescope;

namespace {

const QString RequestFile = QStringLiteral("unary/fuzz.json");

// The variables a request is resolved against when the input has no environment.
Environment fallbackEnvironment()
{
    return {QStringLiteral("local"), {{QStringLiteral("demo"), QStringLiteral("127.0.0.1:50051")}}, {}};
}

void readRequest(const QByteArray &input, const Environment &environment)
{
    SavedRequest request;
    QString error;
    if (!SavedRequest::fromBytes(input, RequestFile, &request, &error))
        return;
    const QByteArray saved = request.toBytes();
    SavedRequest reread;
    if (!SavedRequest::fromBytes(saved, RequestFile, &reread, &error))
        fuzz::fail("a request SavedRequest::toBytes wrote does not read back", input);
    // The first save may normalize (a number spelled another way); the second may not.
    const QByteArray again = reread.toBytes();
    SavedRequest third;
    if (!SavedRequest::fromBytes(again, RequestFile, &third, &error) || third.toBytes() != again)
        fuzz::fail("saving an unchanged request changes its file", input);
    QStringList unresolved;
    (void)VariableScope(environment, nullptr, QStringLiteral("fuzz")).resolve(reread, &unresolved);
    (void)VariableScope::referencedNames(reread);
}

// Returns the first environment the input holds as collection.json, if any.
Environment readSettings(const QByteArray &input)
{
    QJsonObject object;
    CollectionSettings settings;
    QString error;
    if (!CollectionFormat::parse(input, Collection::SettingsFile, &object, &error)
        || !CollectionSettings::fromJson(object, Collection::SettingsFile, &settings, &error))
        return fallbackEnvironment();
    const QByteArray saved = CollectionFormat::toBytes(settings.toJson());
    CollectionSettings reread;
    if (!CollectionFormat::parse(saved, Collection::SettingsFile, &object, &error)
        || !CollectionSettings::fromJson(object, Collection::SettingsFile, &reread, &error))
        fuzz::fail("collection.json as CollectionSettings::toJson wrote it does not read back", input);
    if (CollectionFormat::toBytes(reread.toJson()) != saved)
        fuzz::fail("saving unchanged collection settings changes collection.json", input);
    return settings.environments.isEmpty() ? fallbackEnvironment() : settings.environments.first();
}

void importArchive(const QByteArray &input)
{
    // The import goes into inner/, so that a file written beside it shows in outer/.
    static QTemporaryDir outer;
    if (!outer.isValid()) {
        std::fputs("fuzz: cannot create a temporary folder\n", stderr);
        std::abort();
    }
    const QString inner = outer.filePath(QStringLiteral("inner"));
    // Failed or not, nothing may appear beside inner/: a half-done import is still written.
    QString error;
    (void)CollectionArchive::importCollection(input, QStringLiteral("fuzz.wirescope.json"), inner, &error);
    const QStringList entries
        = QDir(outer.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    if (!entries.isEmpty() && entries != QStringList {QStringLiteral("inner")})
        fuzz::fail("CollectionArchive::importCollection wrote outside the folder it was given", input);
    QDir(inner).removeRecursively();
}

void readStub(const QByteArray &input)
{
    // As StubSet::load reads a file: a stub written by hand need not carry formatVersion.
    const QString file = QStringLiteral("mocks/fuzz.json");
    const QJsonDocument document = QJsonDocument::fromJson(input);
    QJsonObject object = document.object();
    QString error;
    if (!document.isObject()
        || (object.contains(QStringLiteral("formatVersion"))
            && !CollectionFormat::parse(input, file, &object, &error)))
        return;
    Stub stub;
    if (!Stub::fromJson(object, file, fuzz::demoSchema(), &stub, &error))
        return;
    const QJsonObject written = stub.toJson();
    Stub reread;
    if (!Stub::fromJson(written, file, fuzz::demoSchema(), &reread, &error))
        fuzz::fail("a stub as Stub::toJson wrote it does not read back", input);
    if (QJsonDocument(reread.toJson()).toJson() != QJsonDocument(written).toJson())
        fuzz::fail("a stub read back writes differently", input);
    (void)StubSet::matches(stub, IncomingMessage {stub.method, stub.match.body, {}});
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Collection files are small; an archive of a large collection is still well under this.
    if (size > 64 * 1024)
        return 0;
    const QByteArray input = fuzz::bytesOf(data, size);
    readRequest(input, readSettings(input));
    importArchive(input);
    readStub(input);
    return 0;
}
