#include "model/Schema.h"

#include "model/WellKnownTypes.h"

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

std::vector<std::string> topSymbols(const gp::FileDescriptorProto &file)
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

} // namespace

struct Schema::Private {
    gp::SimpleDescriptorDatabase database;
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
    Diagnostics problems;

    for (const SchemaSource &source : sources) {
        for (const gp::FileDescriptorProto &file : source.files) {
            if (auto it = files.find(file.name()); it != files.end()) {
                const bool same = it->second->SerializeAsString() == file.SerializeAsString();
                // Servers built with other protobuf versions carry slightly different copies
                // of the well-known types; they mean the same thing.
                if (!same && !WellKnownTypes::isWellKnownFile(file.name())) {
                    problems.append({Diagnostic::Severity::Error, QString::fromStdString(file.name()), 0, 0,
                        QStringLiteral("defined differently by %1 and %2; keeping the first")
                            .arg(fileSource[file.name()], source.label)});
                }
                continue;
            }
            bool clash = false;
            for (const std::string &symbol : topSymbols(file)) {
                auto owner = symbolOwner.find(symbol);
                if (owner == symbolOwner.end())
                    continue;
                problems.append({Diagnostic::Severity::Error, QString::fromStdString(file.name()), 0, 0,
                    QStringLiteral("duplicate symbol %1: defined in both %2 (%3) and %4 (%5)")
                        .arg(QString::fromStdString(symbol), QString::fromStdString(owner->second.file),
                            owner->second.source, QString::fromStdString(file.name()), source.label)});
                clash = true;
                break;
            }
            if (clash)
                continue;
            for (const std::string &symbol : topSymbols(file))
                symbolOwner.emplace(symbol, Owner {file.name(), source.label});
            files.emplace(file.name(), &file);
            fileSource.emplace(file.name(), source.label);
        }
    }

    for (const auto &[name, file] : files) {
        schema->d->database.Add(*file);
        schema->d->fileNames.push_back(name);
    }
    for (const std::string &name : schema->d->fileNames)
        schema->d->ownPool.FindFileByName(name);
    schema->d->finish();
    problems.append(schema->d->errors.diagnostics);
    schema->d->errors.diagnostics.clear();
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
