#include "app/CliCollection.h"

#include "app/CliArgs.h"
#include "model/collection/Collection.h"
#include "model/collection/SecretStore.h"
#include "model/load/LoadTemplate.h"
#include "model/request/RequestDraft.h"

#ifdef WIRESCOPE_WITH_GUI
#include "model/collection/KeychainSecretStore.h"
#endif

#include <QDir>

#include <cstdio>

namespace wirescope::CliCollection {

namespace {

std::optional<SavedRequest> findRequest(const Collection &collection, const QString &wanted, QString *error)
{
    for (const QString &path : QStringList {wanted, wanted + QStringLiteral(".json")}) {
        if (const auto request = collection.request(path))
            return request;
    }
    QStringList matches;
    std::optional<SavedRequest> found;
    for (auto it = collection.requests().cbegin(); it != collection.requests().cend(); ++it) {
        if (it->name.compare(wanted, Qt::CaseInsensitive) == 0) {
            matches.append(it.key());
            found = *it;
        }
    }
    if (matches.size() == 1)
        return found;
    if (matches.isEmpty())
        *error = QStringLiteral("no request \"%1\" in %2 (give its path, like %3, or its name)")
                     .arg(wanted, collection.directory(),
                         collection.requests().isEmpty() ? QStringLiteral("unary/echo.json")
                                                         : collection.requests().firstKey());
    else
        *error = QStringLiteral("\"%1\" names %2 requests: %3; give the path instead")
                     .arg(wanted)
                     .arg(matches.size())
                     .arg(matches.join(QStringLiteral(", ")));
    return std::nullopt;
}

// The files of the collection that could not be read, each with its reason (file, line and
// column for broken JSON), so a failure is never only its consequence.
QString problemsOf(const Collection &collection)
{
    QStringList lines;
    for (const CollectionProblem &problem : collection.problems())
        lines.append(QStringLiteral("  ") + problem.message);
    return lines.isEmpty()
        ? QString()
        : QStringLiteral("\nthe collection has files that could not be read:\n") + lines.join(u'\n');
}

// The environment's values for {{variables}}. For a load run the helpers stay as written
// and are not reported: no environment defines "seq", and each call renders its own.
RequestDraft::Variables variablesOf(const VariableScope &scope, Helpers helpers)
{
    if (helpers == Helpers::None)
        return {[&scope](const QString &text, QStringList *unresolved) {
                    return scope.substitute(text, unresolved);
                },
            {}};
    return {[&scope](const QString &text, QStringList *unresolved) {
                return LoadTemplate::mapOutside(
                    text, [&](const QString &part) { return scope.substitute(part, unresolved); });
            },
        {}};
}

// The names the request refers to that the draft's variables leave unresolved.
QStringList unresolvedNames(const RequestDraft &draft, const SavedRequest &written)
{
    QStringList names;
    for (const QString &name : VariableScope::referencedNames(written))
        draft.resolve(QStringLiteral("{{%1}}").arg(name), &names);
    return names;
}

bool applyFromCollection(const Collection &collection, const CliArgs &args, const SecretStore *secrets,
    Helpers helpers, CliArgs *resolved, QString *error)
{
    const auto saved = findRequest(collection, args.symbol, error);
    if (!saved)
        return false;

    const CollectionSettings &settings = collection.settings();
    const QString environmentName
        = args.environment.isEmpty() ? settings.defaultEnvironment : args.environment;
    const Environment *environment = settings.environment(environmentName);
    if (!environment && !args.environment.isEmpty()) {
        QStringList names;
        for (const Environment &known : settings.environments)
            names.append(known.name);
        *error = QStringLiteral("no environment \"%1\" in the collection (it has: %2)")
                     .arg(args.environment,
                         names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")));
        return false;
    }
    const VariableScope scope(environment ? *environment : Environment {}, secrets, settings.id);

    // The command line wins; only what it left open comes from the saved request. The rest
    // is prepared as the app prepares it: the same RequestDraft resolves and checks it.
    SavedRequest written = *saved;
    if (!args.target.isEmpty())
        written.target = args.target;
    if (args.hasData)
        written.body = args.data;
    const RequestDraft draft(written, variablesOf(scope, helpers));
    SavedRequest request;
    Metadata metadata;
    RequestDraft::Problem problem;
    QStringList unresolved;
    if (draft.resolveTarget(&request, &problem) && draft.resolveMetadata(&metadata, &problem)) {
        request.body = draft.resolve(written.body, &unresolved);
        for (SavedRequest::MetadataItem &item : request.metadata) {
            item.key = draft.resolve(item.key, &unresolved);
            item.value = draft.resolve(item.value, &unresolved);
        }
    } else {
        unresolved = unresolvedNames(draft, written);
    }
    request = request.absoluteFrom(QDir(collection.directory()));
    if (!unresolved.isEmpty()) {
        *error = QStringLiteral("unresolved variables in %1: %2 (choose an environment with --env, or give "
                                "the TARGET)")
                     .arg(args.symbol, unresolved.join(QStringLiteral(", ")));
        return false;
    }
    if (!problem.message.isEmpty()) {
        *error = QStringLiteral("%1: %2").arg(args.symbol, problem.message);
        return false;
    }

    *resolved = args;
    resolved->target = request.target;
    resolved->symbol = request.method;
    resolved->data = request.body;
    resolved->hasData = true;
    if (args.protoFiles.isEmpty() && args.protosets.isEmpty()) {
        using Kind = SavedRequest::SchemaSourceRef::Kind;
        if (request.schema.kind == Kind::ProtoFiles) {
            resolved->protoFiles = request.schema.protoFiles;
            resolved->importPaths += request.schema.importPaths;
        } else if (request.schema.kind == Kind::Protoset) {
            resolved->protosets = {request.schema.protoset};
        }
    }
    for (const SavedRequest::MetadataItem &item : std::as_const(request.metadata)) {
        if (item.enabled)
            resolved->headers.append(item.key + QStringLiteral(": ") + item.value);
    }
    if (args.maxTimeSeconds <= 0 && request.deadlineMs > 0)
        resolved->maxTimeSeconds = request.deadlineMs / 1000.0;
    if (!args.plaintext && !args.useTls) {
        using Security = SavedRequest::TlsProfile::Security;
        resolved->plaintext = request.tls.security == Security::Plaintext;
        resolved->useTls = !resolved->plaintext;
        resolved->caFile = request.tls.caFile;
        if (request.tls.security == Security::MutualTls) {
            resolved->certFile = request.tls.certFile;
            resolved->keyFile = request.tls.keyFile;
        }
    }
    if (args.authority.isEmpty())
        resolved->authority = request.tls.authority;
    return true;
}

} // namespace

std::unique_ptr<SecretStore> secretStore()
{
#ifdef WIRESCOPE_WITH_GUI
    return std::make_unique<KeychainSecretStore>(FileSecretStore::defaultDirectory());
#else
    return std::make_unique<FileSecretStore>(FileSecretStore::defaultDirectory());
#endif
}

bool applySavedRequest(
    const CliArgs &args, const SecretStore *secrets, CliArgs *resolved, QString *error, Helpers helpers)
{
    Collection collection;
    if (!collection.open(args.collection, error))
        return false;
    if (args.symbol.isEmpty()) {
        *error = QStringLiteral("%1 --collection needs the REQUEST to run (its path or name)")
                     .arg(args.command == CliArgs::Command::Bench ? QStringLiteral("bench")
                                                                  : QStringLiteral("call"));
        return false;
    }
    if (!applyFromCollection(collection, args, secrets, helpers, resolved, error)) {
        *error += problemsOf(collection);
        return false;
    }
    if (const QString problems = problemsOf(collection); !problems.isEmpty())
        std::fprintf(stderr, "wirescope: warning: %s\n", qPrintable(problems.mid(1)));
    return true;
}

bool resolveArguments(const CliArgs &given, Helpers helpers, CliArgs *args)
{
    *args = given;
    if (given.collection.isEmpty())
        return true;
    QString error;
    const std::unique_ptr<SecretStore> secrets = secretStore();
    if (applySavedRequest(given, secrets.get(), args, &error, helpers))
        return true;
    std::fprintf(stderr, "wirescope: %s\n", qPrintable(error));
    return false;
}

} // namespace wirescope::CliCollection
