#include "model/schema/Schema.h"

#include "model/schema/WellKnownTypes.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/type.pb.h>
#include <google/protobuf/util/type_resolver.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <QHash>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <utility>

namespace gp = google::protobuf;

namespace wirescope {

namespace {

// The pool's own resolver converts a descriptor to a google.protobuf.Type on every lookup;
// calls resolve the same few types thousands of times, so remember them.
class CachingTypeResolver final : public gp::util::TypeResolver {
public:
    explicit CachingTypeResolver(const gp::DescriptorPool *pool)
        : m_inner(gp::util::NewTypeResolverForDescriptorPool("type.googleapis.com", pool))
    {
    }

    gp::util::Status ResolveMessageType(const std::string &url, gp::Type *type) override
    {
        return resolve(m_types, url, type,
            [this](const std::string &u, gp::Type *t) { return m_inner->ResolveMessageType(u, t); });
    }

    gp::util::Status ResolveEnumType(const std::string &url, gp::Enum *type) override
    {
        return resolve(m_enums, url, type,
            [this](const std::string &u, gp::Enum *t) { return m_inner->ResolveEnumType(u, t); });
    }

private:
    template<typename T, typename Fn>
    gp::util::Status resolve(std::map<std::string, T> &cache, const std::string &url, T *out, Fn inner)
    {
        std::lock_guard lock(m_mutex);
        if (auto it = cache.find(url); it != cache.end()) {
            *out = it->second;
            return gp::util::Status();
        }
        gp::util::Status status = inner(url, out);
        if (status.ok())
            cache.emplace(url, *out);
        return status;
    }

    std::unique_ptr<gp::util::TypeResolver> m_inner;
    std::mutex m_mutex;
    std::map<std::string, gp::Type> m_types;
    std::map<std::string, gp::Enum> m_enums;
};

class CollectingErrors final : public gp::DescriptorPool::ErrorCollector {
public:
    void AddError(const std::string &fileName, const std::string &element, const gp::Message *, ErrorLocation,
        const std::string &message) override
    {
        add(Diagnostic::Severity::Error, fileName, element, message);
    }
    void AddWarning(const std::string &fileName, const std::string &element, const gp::Message *,
        ErrorLocation, const std::string &message) override
    {
        add(Diagnostic::Severity::Warning, fileName, element, message);
    }

    Diagnostics diagnostics;

private:
    void add(Diagnostic::Severity severity, const std::string &fileName, const std::string &element,
        const std::string &message)
    {
        Diagnostic d;
        d.severity = severity;
        d.file = QString::fromStdString(fileName);
        d.message = element.empty() || element == fileName ? QString::fromStdString(message)
                                                           : QString::fromStdString(element + ": " + message);
        diagnostics.append(d);
    }
};

void collectSymbols(
    const std::string &scope, const gp::DescriptorProto &message, std::vector<std::string> *out)
{
    const std::string name = scope + message.name();
    out->push_back(name);
    for (const auto &nested : message.nested_type())
        collectSymbols(name + '.', nested, out);
    for (const auto &e : message.enum_type())
        out->push_back(name + '.' + e.name());
}

} // namespace

std::vector<std::string> Schema::definedSymbols(const gp::FileDescriptorProto &file)
{
    const std::string scope = file.package().empty() ? std::string() : file.package() + '.';
    std::vector<std::string> symbols;
    for (const auto &m : file.message_type())
        collectSymbols(scope, m, &symbols);
    for (const auto &e : file.enum_type())
        symbols.push_back(scope + e.name());
    for (const auto &s : file.service())
        symbols.push_back(scope + s.name());
    return symbols;
}

namespace {

void dropJsonNames(gp::DescriptorProto *message)
{
    for (auto &field : *message->mutable_field())
        field.clear_json_name();
    for (auto &nested : *message->mutable_nested_type())
        dropJsonNames(&nested);
}

// Each top-level definition of a file in a form that compares equal when two files define
// the same thing (json_name is filled by some writers and not by others).
std::map<std::string, std::string> topShapes(const gp::FileDescriptorProto &file)
{
    const std::string scope = file.package().empty() ? std::string() : file.package() + '.';
    std::map<std::string, std::string> shapes;
    for (gp::DescriptorProto message : file.message_type()) {
        dropJsonNames(&message);
        shapes[scope + message.name()] = message.SerializeAsString();
    }
    for (const auto &e : file.enum_type())
        shapes[scope + e.name()] = e.SerializeAsString();
    for (const auto &service : file.service())
        shapes[scope + service.name()] = service.SerializeAsString();
    return shapes;
}

// protobuf reports every use of a missing type on its own line; a file that fails keeps its
// first few and gets one line that says what is left out with it, so one broken file is not
// a wall of errors and the rest of the schema reads as usable.
Diagnostics summarizeBuildErrors(const Diagnostics &errors, const std::vector<std::string> &failed,
    const std::map<std::string, const gp::FileDescriptorProto *> &files)
{
    constexpr int shownPerFile = 5;
    std::map<QString, int> perFile;
    Diagnostics out;
    for (const Diagnostic &d : errors) {
        const int seen = perFile[d.file]++;
        if (seen < shownPerFile)
            out.append(d);
    }
    for (const auto &[file, count] : perFile) {
        if (count > shownPerFile)
            out.append({Diagnostic::Severity::Error, file, 0, 0,
                QStringLiteral("and %1 more problems of the same kind in this file")
                    .arg(count - shownPerFile)});
    }
    for (const std::string &name : failed) {
        auto it = files.find(name);
        if (it == files.end())
            continue;
        QStringList services;
        const gp::FileDescriptorProto &file = *it->second;
        for (const auto &service : file.service())
            services.append(QString::fromStdString(
                file.package().empty() ? service.name() : file.package() + '.' + service.name()));
        QStringList brokenImports;
        for (const std::string &dependency : file.dependency()) {
            if (std::find(failed.begin(), failed.end(), dependency) != failed.end())
                brokenImports.append(QString::fromStdString(dependency));
        }
        QString message = brokenImports.isEmpty()
            ? QStringLiteral("could not be built and is left out")
            : QStringLiteral("is left out: it imports %1, which could not be built")
                  .arg(brokenImports.join(QStringLiteral(", ")));
        if (!services.isEmpty())
            message += QStringLiteral(", with the services it defines: %1")
                           .arg(services.join(QStringLiteral(", ")));
        message += QStringLiteral("; everything else is usable");
        out.append({Diagnostic::Severity::Error, QString::fromStdString(name), 0, 0, message});
    }
    return out;
}

} // namespace

// The schema's own files, found by name only. Asked for a symbol, protobuf 3.21's pool
// builds the file that defines it from the database even in the middle of building another
// file; when the symbol is a type the file uses without importing its file, and that file
// imports the one being built, the pool reads a half-built field and crashes (found by the
// protoset fuzz target). Every file is built by name, imports first, so a symbol is only ever
// looked up among files already built, and a type used without its import is an error as
// protoc reports it. The well-known types stay findable by symbol (an Any's type URL).
class FilesByName final : public gp::DescriptorDatabase {
public:
    void add(const gp::FileDescriptorProto &file) { m_files.Add(file); }

    bool FindFileByName(const std::string &name, gp::FileDescriptorProto *output) override
    {
        return m_files.FindFileByName(name, output);
    }
    bool FindFileContainingSymbol(const std::string &, gp::FileDescriptorProto *) override { return false; }
    bool FindFileContainingExtension(const std::string &, int, gp::FileDescriptorProto *) override
    {
        return false;
    }

private:
    gp::SimpleDescriptorDatabase m_files;
};

struct Schema::Private {
    FilesByName database;
    WellKnownTypes wellKnown;
    gp::MergedDescriptorDatabase merged {&database, &wellKnown};
    CollectingErrors errors;
    gp::DescriptorPool ownPool {&merged, &errors};
    std::shared_ptr<const BuiltPool> adopted;
    const gp::DescriptorPool *pool = &ownPool;
    std::unique_ptr<gp::DynamicMessageFactory> factory;
    std::unique_ptr<CachingTypeResolver> resolver;
    std::vector<std::string> fileNames;

    void finish()
    {
        factory = std::make_unique<gp::DynamicMessageFactory>(pool);
        resolver = std::make_unique<CachingTypeResolver>(pool);
    }
};

Schema::Schema()
    : d(std::make_unique<Private>())
{
}

Schema::~Schema() = default;

std::shared_ptr<const Schema> Schema::empty()
{
    return build({}, nullptr);
}

std::shared_ptr<const Schema> Schema::build(std::vector<SchemaSource> sources, Diagnostics *diagnostics)
{
    std::shared_ptr<Schema> schema(new Schema);
    if (sources.size() == 1 && sources.front().built) {
        // One source that its loader already built: use that pool as it is.
        schema->d->adopted = sources.front().built;
        schema->d->pool = schema->d->adopted->pool();
        for (const gp::FileDescriptorProto &file : sources.front().files)
            schema->d->fileNames.push_back(file.name());
        std::sort(schema->d->fileNames.begin(), schema->d->fileNames.end());
        schema->d->finish();
        schema->m_sources = std::move(sources);
        return schema;
    }
    struct Owner {
        std::string file;
        QString source;
    };
    std::map<std::string, const gp::FileDescriptorProto *> files;
    std::map<std::string, QString> fileSource;
    std::map<std::string, Owner> symbolOwner;
    std::map<std::string, std::string> symbolShape; // top-level definitions of kept files
    std::map<std::string, std::set<std::string>> replacedBy; // left-out file -> files used instead
    Diagnostics problems;

    // The user's own files come first: where a server's reflected copy defines the same
    // symbols under another file name, the imported files are the ones kept.
    std::vector<const SchemaSource *> ordered;
    for (const SchemaSource &source : sources)
        if (source.kind != SchemaSource::Kind::Reflection)
            ordered.push_back(&source);
    for (const SchemaSource &source : sources)
        if (source.kind == SchemaSource::Kind::Reflection)
            ordered.push_back(&source);

    for (const SchemaSource *source : ordered) {
        for (const gp::FileDescriptorProto &file : source->files) {
            if (auto it = files.find(file.name()); it != files.end()) {
                const bool same = it->second->SerializeAsString() == file.SerializeAsString();
                // Servers built with other protobuf versions carry slightly different copies
                // of the well-known types; they mean the same thing.
                if (!same && source->kind == SchemaSource::Kind::Reflection) {
                    // The server's copy of a file the user imported: other writers fill other
                    // optional parts (json_name, options); the imported file rules.
                    problems.append({Diagnostic::Severity::Warning, QString::fromStdString(file.name()), 0, 0,
                        QStringLiteral(
                            "the copy from %1 differs in detail from the one imported from %2; the "
                            "imported one is used")
                            .arg(source->label, fileSource[file.name()])});
                } else if (!same && !WellKnownTypes::isWellKnownFile(file.name())) {
                    problems.append({Diagnostic::Severity::Error, QString::fromStdString(file.name()), 0, 0,
                        QStringLiteral("defined differently by %1 and %2; keeping the first")
                            .arg(fileSource[file.name()], source->label)});
                }
                continue;
            }
            const std::vector<std::string> symbols = definedSymbols(file);
            std::set<std::string> owners;
            const Owner *firstClash = nullptr;
            std::string clashing;
            for (const std::string &symbol : symbols) {
                auto owner = symbolOwner.find(symbol);
                if (owner == symbolOwner.end())
                    continue;
                owners.insert(owner->second.file);
                if (!firstClash) {
                    firstClash = &owner->second;
                    clashing = symbol;
                }
            }
            const std::map<std::string, std::string> shapes = topShapes(file);
            if (!firstClash) {
                for (const std::string &symbol : symbols)
                    symbolOwner.emplace(symbol, Owner {file.name(), source->label});
                symbolShape.insert(shapes.begin(), shapes.end());
                files.emplace(file.name(), &file);
                fileSource.emplace(file.name(), source->label);
                continue;
            }
            // A server's copy may differ in detail from the files the user imported (other
            // writers fill other optional parts); when the user imported them, those rule.
            const bool reflected = source->kind == SchemaSource::Kind::Reflection;
            const bool covered = std::all_of(shapes.begin(), shapes.end(), [&](const auto &shape) {
                auto kept = symbolShape.find(shape.first);
                return kept != symbolShape.end() && (reflected || kept->second == shape.second);
            });
            if (covered) {
                // Two sources define the same thing under two file names: merged, said once.
                replacedBy[file.name()] = owners;
                QStringList used;
                for (const std::string &name : owners)
                    used.append(QString::fromStdString(name));
                problems.append({Diagnostic::Severity::Warning, QString::fromStdString(file.name()), 0, 0,
                    QStringLiteral(
                        "defines exactly what %1 (%2) already defines; that is used instead of this copy "
                        "from %3")
                        .arg(used.join(QStringLiteral(", ")), firstClash->source, source->label)});
                continue;
            }
            problems.append({Diagnostic::Severity::Error, QString::fromStdString(file.name()), 0, 0,
                QStringLiteral("duplicate symbol %1: defined in both %2 (%3) and %4 (%5); %4 is left out")
                    .arg(QString::fromStdString(clashing), QString::fromStdString(firstClash->file),
                        firstClash->source, QString::fromStdString(file.name()), source->label)});
        }
    }

    // Files that imported a left-out copy import what is used instead.
    std::map<std::string, gp::FileDescriptorProto> rewired;
    for (const auto &[name, file] : files) {
        if (std::none_of(file->dependency().begin(), file->dependency().end(),
                [&](const std::string &d) { return replacedBy.count(d) > 0; }))
            continue;
        gp::FileDescriptorProto copy = *file;
        copy.clear_dependency();
        copy.clear_public_dependency();
        copy.clear_weak_dependency();
        std::set<std::string> added;
        for (int i = 0; i < file->dependency_size(); ++i) {
            auto it = replacedBy.find(file->dependency(i));
            const std::set<std::string> instead
                = it == replacedBy.end() ? std::set<std::string> {file->dependency(i)} : it->second;
            const bool isPublic
                = std::find(file->public_dependency().begin(), file->public_dependency().end(), i)
                != file->public_dependency().end();
            for (const std::string &dependency : instead) {
                if (dependency == name || !added.insert(dependency).second)
                    continue;
                if (isPublic)
                    copy.add_public_dependency(copy.dependency_size());
                copy.add_dependency(dependency);
            }
        }
        rewired.emplace(name, std::move(copy));
    }

    for (const auto &[name, file] : files) {
        auto it = rewired.find(name);
        schema->d->database.add(it == rewired.end() ? *file : it->second);
        schema->d->fileNames.push_back(name);
    }
    std::vector<std::string> failed;
    for (const std::string &name : schema->d->fileNames) {
        if (!schema->d->ownPool.FindFileByName(name))
            failed.push_back(name);
    }
    schema->d->finish();
    problems.append(summarizeBuildErrors(std::exchange(schema->d->errors.diagnostics, {}), failed, files));
    schema->m_sources = std::move(sources);
    if (diagnostics)
        diagnostics->append(problems);
    return schema;
}

const gp::DescriptorPool *Schema::pool() const
{
    return d->pool;
}

QStringList Schema::fileNames() const
{
    QStringList names;
    for (const std::string &name : d->fileNames)
        names.append(QString::fromStdString(name));
    return names;
}

QStringList Schema::serviceNames() const
{
    QStringList names;
    for (const std::string &name : d->fileNames) {
        const gp::FileDescriptor *file = d->pool->FindFileByName(name);
        if (!file)
            continue;
        for (int i = 0; i < file->service_count(); ++i)
            names.append(QString::fromStdString(file->service(i)->full_name()));
    }
    names.sort();
    names.removeDuplicates();
    return names;
}

const gp::ServiceDescriptor *Schema::findService(const QString &name) const
{
    return d->pool->FindServiceByName(name.toStdString());
}

const gp::Descriptor *Schema::findMessage(const QString &name) const
{
    QString clean = name;
    if (clean.startsWith(u'.'))
        clean.remove(0, 1);
    return d->pool->FindMessageTypeByName(clean.toStdString());
}

QStringList Schema::sourcesDefining(const QString &methodName) const
{
    QStringList labels;
    const gp::MethodDescriptor *method = findMethod(methodName);
    if (!method)
        return labels;
    const std::string &fileName = method->file()->name();
    for (const SchemaSource &source : m_sources) {
        if (std::any_of(source.files.begin(), source.files.end(),
                [&](const gp::FileDescriptorProto &file) { return file.name() == fileName; }))
            labels.append(source.label);
    }
    return labels;
}

const gp::MethodDescriptor *Schema::findMethod(const QString &name) const
{
    QString clean = name.trimmed();
    if (clean.startsWith(u'/'))
        clean.remove(0, 1);
    const qsizetype slash = clean.lastIndexOf(u'/');
    const qsizetype split = slash >= 0 ? slash : clean.lastIndexOf(u'.');
    if (split <= 0)
        return nullptr;
    const gp::ServiceDescriptor *service = findService(clean.left(split));
    return service ? service->FindMethodByName(clean.mid(split + 1).toStdString()) : nullptr;
}

QString Schema::describe(const QString &symbol, QString *kind) const
{
    QString clean = symbol.trimmed();
    if (clean.startsWith(u'.'))
        clean.remove(0, 1);
    const std::string name = clean.toStdString();
    auto found = [kind](const char *what, const std::string &text) {
        if (kind)
            *kind = QString::fromUtf8(what);
        return QString::fromStdString(text);
    };
    if (const auto *s = d->pool->FindServiceByName(name))
        return found("service", s->DebugString());
    if (const auto *m = findMethod(clean))
        return found("method", m->DebugString());
    if (const auto *m = d->pool->FindMessageTypeByName(name))
        return found("message", m->DebugString());
    if (const auto *e = d->pool->FindEnumTypeByName(name))
        return found("enum", e->DebugString());
    if (const auto *f = d->pool->FindFieldByName(name))
        return found("field", f->DebugString());
    if (const auto *v = d->pool->FindEnumValueByName(name))
        return found("enum value", v->DebugString());
    if (const auto *f = d->pool->FindFileByName(name))
        return found("file", f->DebugString());
    return QString();
}

std::unique_ptr<gp::Message> Schema::newMessage(const gp::Descriptor *type) const
{
    const gp::Message *prototype = d->factory->GetPrototype(type);
    return std::unique_ptr<gp::Message>(prototype ? prototype->New() : nullptr);
}

gp::util::TypeResolver *Schema::typeResolver() const
{
    return d->resolver.get();
}

QString methodPath(const gp::MethodDescriptor *method)
{
    return u'/' + QString::fromStdString(method->service()->full_name()) + u'/'
        + QString::fromStdString(method->name());
}

std::string typeUrl(const gp::Descriptor *type)
{
    return "type.googleapis.com/" + type->full_name();
}

} // namespace wirescope
