#include "model/schema/ServedFilesRepair.h"

#include "model/schema/Schema.h"
#include "model/schema/WellKnownTypes.h"

#include <QStringList>

#include <algorithm>
#include <set>

namespace gp = google::protobuf;

namespace wirescope::ServedFilesRepair {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

Diagnostic warning(const std::string &file, const QString &message)
{
    return {Diagnostic::Severity::Warning, qs(file), 0, 0, QStringLiteral("repaired: ") + message};
}

QString shortList(const QStringList &names)
{
    constexpr int shown = 6;
    if (names.size() <= shown)
        return names.join(QStringLiteral(", "));
    return names.mid(0, shown).join(QStringLiteral(", "))
        + QStringLiteral(" and %1 more").arg(names.size() - shown);
}

// Removes the well-known definitions from one list of a file; returns their names.
template<typename List>
QStringList stripWellKnown(List *list, const std::string &scope, WellKnownTypes *wellKnown)
{
    QStringList moved;
    gp::FileDescriptorProto canonical;
    for (int i = list->size() - 1; i >= 0; --i) {
        const std::string full = scope + list->Get(i).name();
        if (!wellKnown->FindFileContainingSymbol(full, &canonical))
            continue;
        moved.prepend(qs(full));
        list->DeleteSubrange(i, 1);
    }
    return moved;
}

bool hasOwnContent(const gp::FileDescriptorProto &file)
{
    return file.message_type_size() > 0 || file.enum_type_size() > 0 || file.service_size() > 0
        || file.extension_size() > 0;
}

// protobuf's own rule: "foo_bar" is served by the entry type "FooBarEntry".
std::string expectedEntryName(const std::string &fieldName)
{
    std::string out;
    bool capitalize = true;
    for (char c : fieldName) {
        if (c == '_') {
            capitalize = true;
        } else if (capitalize) {
            out += char(std::toupper(static_cast<unsigned char>(c)));
            capitalize = false;
        } else {
            out += c;
        }
    }
    return out + "Entry";
}

bool isValidKeyType(gp::FieldDescriptorProto::Type type)
{
    using F = gp::FieldDescriptorProto;
    switch (type) {
    case F::TYPE_FLOAT:
    case F::TYPE_DOUBLE:
    case F::TYPE_BYTES:
    case F::TYPE_MESSAGE:
    case F::TYPE_GROUP:
    case F::TYPE_ENUM:
        return false;
    default:
        return true;
    }
}

void setEntryField(gp::FieldDescriptorProto *field, const char *name, int number, QStringList *changes)
{
    if (field->name() != name) {
        changes->append(QStringLiteral("field %1 renamed %2").arg(qs(field->name()), QLatin1String(name)));
        field->set_name(name);
    }
    if (field->number() != number) {
        changes->append(QStringLiteral("%1 numbered %2").arg(QLatin1String(name)).arg(number));
        field->set_number(number);
    }
    if (field->label() != gp::FieldDescriptorProto::LABEL_OPTIONAL) {
        changes->append(QStringLiteral("%1 made optional").arg(QLatin1String(name)));
        field->set_label(gp::FieldDescriptorProto::LABEL_OPTIONAL);
    }
    if (field->has_json_name() && field->json_name() != name)
        field->set_json_name(name);
    field->clear_oneof_index();
    field->clear_proto3_optional();
}

class MapEntryRepair {
public:
    MapEntryRepair(const std::string &file, Diagnostics *warnings)
        : m_file(file)
        , m_warnings(warnings)
    {
    }

    void repair(gp::DescriptorProto *message, const std::string &fullName)
    {
        for (auto &nested : *message->mutable_nested_type())
            repair(&nested, fullName + '.' + nested.name());
        for (auto &nested : *message->mutable_nested_type()) {
            if (nested.options().map_entry())
                repairEntry(message, &nested, fullName);
        }
    }

    std::map<std::string, std::string> renames; // ".old.Name" -> ".new.Name"

private:
    void demote(gp::DescriptorProto *entry, const std::string &entryFull, const QString &why)
    {
        entry->mutable_options()->clear_map_entry();
        if (entry->options().ByteSizeLong() == 0)
            entry->clear_options();
        m_warnings->append(warning(m_file,
            QStringLiteral("%1 is marked as a map entry but %2; it is read as a repeated message instead, "
                           "which decodes the same bytes")
                .arg(qs(entryFull.substr(1)), why)));
    }

    void repairEntry(gp::DescriptorProto *parent, gp::DescriptorProto *entry, const std::string &parentFull)
    {
        const std::string entryFull = parentFull + '.' + entry->name();
        std::vector<gp::FieldDescriptorProto *> users;
        for (auto &field : *parent->mutable_field()) {
            if (field.type_name() == entryFull)
                users.push_back(&field);
        }
        if (users.size() != 1 || users.front()->label() != gp::FieldDescriptorProto::LABEL_REPEATED)
            return demote(
                entry, entryFull, QStringLiteral("no single repeated field of its message uses it"));
        if (entry->field_size() != 2 || entry->nested_type_size() > 0 || entry->enum_type_size() > 0
            || entry->extension_range_size() > 0 || entry->oneof_decl_size() > 0)
            return demote(entry, entryFull, QStringLiteral("it does not hold exactly a key and a value"));
        auto *fields = entry->mutable_field();
        if (fields->Get(0).number() > fields->Get(1).number()
            || (fields->Get(1).name() == "key" && fields->Get(0).name() == "value"))
            fields->SwapElements(0, 1);
        if (!isValidKeyType(fields->Get(0).type()))
            return demote(entry, entryFull, QStringLiteral("its key type cannot be a map key"));

        QStringList changes;
        const std::string expected = expectedEntryName(users.front()->name());
        if (entry->name() != expected) {
            const bool taken = std::any_of(parent->nested_type().begin(), parent->nested_type().end(),
                [&](const gp::DescriptorProto &other) { return other.name() == expected; });
            if (taken)
                return demote(entry, entryFull, QStringLiteral("the name %1 is taken").arg(qs(expected)));
            changes.append(QStringLiteral("named %1 instead of %2").arg(qs(entry->name()), qs(expected)));
            entry->set_name(expected);
            const std::string newFull = parentFull + '.' + expected;
            renames[entryFull] = newFull;
            users.front()->set_type_name(newFull);
        }
        setEntryField(fields->Mutable(0), "key", 1, &changes);
        setEntryField(fields->Mutable(1), "value", 2, &changes);
        if (!changes.isEmpty()) {
            m_warnings->append(warning(m_file,
                QStringLiteral("the map entry of %1.%2 was %3; it was rebuilt as a proper map entry")
                    .arg(qs(parentFull.substr(1)), qs(users.front()->name()),
                        changes.join(QStringLiteral(", ")))));
        }
    }

    std::string m_file;
    Diagnostics *m_warnings;
};

void renameReferences(gp::DescriptorProto *message, const std::map<std::string, std::string> &renames)
{
    for (auto &field : *message->mutable_field()) {
        if (auto it = renames.find(field.type_name()); it != renames.end())
            field.set_type_name(it->second);
    }
    for (auto &nested : *message->mutable_nested_type())
        renameReferences(&nested, renames);
}

void addReference(const std::string &typeName, std::set<std::string> *out)
{
    // Descriptors sent over reflection carry fully qualified names (".pkg.Type").
    if (!typeName.empty() && typeName.front() == '.')
        out->insert(typeName.substr(1));
}

void collectMessageReferences(const gp::DescriptorProto &message, std::set<std::string> *out)
{
    for (const auto &field : message.field())
        addReference(field.type_name(), out);
    for (const auto &field : message.extension()) {
        addReference(field.type_name(), out);
        addReference(field.extendee(), out);
    }
    for (const auto &nested : message.nested_type())
        collectMessageReferences(nested, out);
}

std::set<std::string> referencedTypes(const gp::FileDescriptorProto &file)
{
    std::set<std::string> out;
    for (const auto &m : file.message_type())
        collectMessageReferences(m, &out);
    for (const auto &field : file.extension()) {
        addReference(field.type_name(), &out);
        addReference(field.extendee(), &out);
    }
    for (const auto &service : file.service()) {
        for (const auto &method : service.method()) {
            addReference(method.input_type(), &out);
            addReference(method.output_type(), &out);
        }
    }
    return out;
}

// What a file can see and who provides what, over the served files and the canonical
// well-known types.
class Visibility {
public:
    explicit Visibility(const FileMap *files)
        : m_files(files)
    {
        index();
    }

    void index()
    {
        m_provider.clear();
        for (const auto &[name, file] : *m_files) {
            for (const std::string &symbol : Schema::definedSymbols(file))
                m_provider.emplace(symbol, name);
        }
    }

    // Symbols a file can use from one import: the import's own and what it re-exports.
    void visible(const std::string &name, std::set<std::string> *out, std::set<std::string> *seen)
    {
        if (!seen->insert(name).second)
            return;
        const gp::FileDescriptorProto *file = nullptr;
        gp::FileDescriptorProto canonical;
        if (auto it = m_files->find(name); it != m_files->end())
            file = &it->second;
        else if (m_wellKnown.FindFileByName(name, &canonical))
            file = &canonical;
        if (!file)
            return;
        for (const std::string &symbol : Schema::definedSymbols(*file))
            out->insert(symbol);
        for (int i : file->public_dependency())
            if (i >= 0 && i < file->dependency_size())
                visible(file->dependency(i), out, seen);
    }

    std::string providerOf(const std::string &type)
    {
        if (auto it = m_provider.find(type); it != m_provider.end())
            return it->second;
        gp::FileDescriptorProto canonical;
        if (m_wellKnown.FindFileContainingSymbol(type, &canonical))
            return canonical.name();
        return {};
    }

private:
    const FileMap *m_files;
    WellKnownTypes m_wellKnown;
    std::map<std::string, std::string> m_provider; // symbol -> served file
};

// Resolves relative type names against every symbol the files and the well-known types define.
class NameQualifier {
public:
    explicit NameQualifier(const FileMap &files)
    {
        for (const auto &[name, file] : files) {
            for (const std::string &symbol : Schema::definedSymbols(file))
                m_known.insert(symbol);
        }
    }

    void qualify(const std::string &scope, std::string *typeName)
    {
        if (typeName->empty() || typeName->front() == '.')
            return;
        std::string outer = scope;
        for (;;) {
            const std::string candidate = outer.empty() ? *typeName : outer + '.' + *typeName;
            if (isKnown(candidate)) {
                *typeName = '.' + candidate;
                return;
            }
            if (outer.empty())
                return;
            const size_t dot = outer.rfind('.');
            outer = dot == std::string::npos ? std::string() : outer.substr(0, dot);
        }
    }

    // Only names that are set: asking for a mutable one would set an empty one.
    void qualifyField(const std::string &scope, gp::FieldDescriptorProto *field)
    {
        if (field->has_type_name())
            qualify(scope, field->mutable_type_name());
        if (field->has_extendee())
            qualify(scope, field->mutable_extendee());
    }

    void qualifyMessage(const std::string &scope, gp::DescriptorProto *message)
    {
        const std::string full = scope.empty() ? message->name() : scope + '.' + message->name();
        for (auto &field : *message->mutable_field())
            qualifyField(full, &field);
        for (auto &field : *message->mutable_extension())
            qualifyField(full, &field);
        for (auto &nested : *message->mutable_nested_type())
            qualifyMessage(full, &nested);
    }

private:
    bool isKnown(const std::string &symbol)
    {
        if (m_known.count(symbol))
            return true;
        gp::FileDescriptorProto canonical;
        return m_wellKnown.FindFileContainingSymbol(symbol, &canonical);
    }

    std::set<std::string> m_known;
    WellKnownTypes m_wellKnown;
};

} // namespace

void qualifyTypeNames(FileMap *files)
{
    NameQualifier qualifier(*files);
    for (auto &[name, file] : *files) {
        const std::string &package = file.package();
        for (auto &message : *file.mutable_message_type())
            qualifier.qualifyMessage(package, &message);
        for (auto &field : *file.mutable_extension())
            qualifier.qualifyField(package, &field);
        for (auto &service : *file.mutable_service()) {
            for (auto &method : *service.mutable_method()) {
                qualifier.qualify(package, method.mutable_input_type());
                qualifier.qualify(package, method.mutable_output_type());
            }
        }
    }
}

void removeDependency(gp::FileDescriptorProto *file, int index)
{
    auto fix = [index](google::protobuf::RepeatedField<int32_t> *list) {
        google::protobuf::RepeatedField<int32_t> kept;
        for (int i : *list) {
            if (i == index)
                continue;
            kept.Add(i > index ? i - 1 : i);
        }
        list->Swap(&kept);
    };
    fix(file->mutable_public_dependency());
    fix(file->mutable_weak_dependency());
    file->mutable_dependency()->DeleteSubrange(index, 1);
}

void useCanonicalWellKnownTypes(FileMap *files, Diagnostics *warnings)
{
    WellKnownTypes wellKnown;
    std::set<std::string> dropped;
    for (auto it = files->begin(); it != files->end();) {
        gp::FileDescriptorProto &file = it->second;
        gp::FileDescriptorProto canonical;
        if (WellKnownTypes::isWellKnownFile(it->first) && wellKnown.FindFileByName(it->first, &canonical)) {
            // The canonical file under its canonical name: servers built with another
            // protobuf version carry a slightly different copy that means the same.
            it = files->erase(it);
            continue;
        }
        const std::string scope = file.package().empty() ? std::string() : file.package() + '.';
        QStringList moved = stripWellKnown(file.mutable_message_type(), scope, &wellKnown);
        moved += stripWellKnown(file.mutable_enum_type(), scope, &wellKnown);
        if (moved.isEmpty()) {
            ++it;
            continue;
        }
        const bool empty = !hasOwnContent(file);
        warnings->append(warning(it->first,
            QStringLiteral("the server's copy defines %1 well-known type%2 (%3) under its own file name; "
                           "the canonical definitions from libprotobuf are used instead%4")
                .arg(moved.size())
                .arg(moved.size() == 1 ? QString() : QStringLiteral("s"))
                .arg(shortList(moved))
                .arg(empty ? QStringLiteral(" and the file is left out") : QString())));
        if (empty) {
            dropped.insert(it->first);
            it = files->erase(it);
        } else {
            ++it;
        }
    }
    for (auto &[name, file] : *files) {
        for (int i = file.dependency_size() - 1; i >= 0; --i) {
            if (dropped.count(file.dependency(i)))
                removeDependency(&file, i);
        }
    }
}

void repairMapEntries(FileMap *files, Diagnostics *warnings)
{
    std::map<std::string, std::string> renames;
    for (auto &[name, file] : *files) {
        MapEntryRepair repair(name, warnings);
        const std::string scope = file.package().empty() ? std::string() : '.' + file.package();
        for (auto &message : *file.mutable_message_type())
            repair.repair(&message, scope + '.' + message.name());
        renames.insert(repair.renames.begin(), repair.renames.end());
    }
    if (renames.empty())
        return;
    // Another file may name an entry type too (it should not, but nothing forbids it).
    for (auto &[name, file] : *files) {
        for (auto &message : *file.mutable_message_type())
            renameReferences(&message, renames);
        for (auto &field : *file.mutable_extension()) {
            if (auto it = renames.find(field.type_name()); it != renames.end())
                field.set_type_name(it->second);
        }
    }
}

void repairImports(FileMap *files, Diagnostics *warnings, const FetchSymbol &fetch)
{
    Visibility visibility(files);
    for (auto &[name, file] : *files) {
        std::set<std::string> canSee;
        std::set<std::string> seen;
        for (const std::string &symbol : Schema::definedSymbols(file))
            canSee.insert(symbol);
        for (const std::string &dependency : file.dependency())
            visibility.visible(dependency, &canSee, &seen);

        QStringList added;
        QStringList examples;
        for (const std::string &type : referencedTypes(file)) {
            if (canSee.count(type))
                continue;
            std::string from = visibility.providerOf(type);
            if (from.empty() && fetch && fetch(type, files)) {
                visibility.index();
                from = visibility.providerOf(type);
            }
            if (from.empty() || from == name)
                continue;
            std::set<std::string> moreSeen;
            visibility.visible(from, &canSee, &moreSeen);
            if (std::find(file.dependency().begin(), file.dependency().end(), from)
                != file.dependency().end())
                continue;
            file.add_dependency(from);
            added.append(qs(from));
            examples.append(qs(type));
        }
        if (added.size() == 1) {
            warnings->append(warning(name,
                QStringLiteral("the server's copy uses %1 without importing %2; the import was added")
                    .arg(examples.first(), added.first())));
        } else if (!added.isEmpty()) {
            warnings->append(warning(name,
                QStringLiteral("the server's copy uses types of %1 files without importing them (%2); the "
                               "imports were added")
                    .arg(added.size())
                    .arg(shortList(added))));
        }
    }

    // Imports the server cannot provide and that nothing needs any more are dropped.
    for (auto &[name, file] : *files) {
        for (int i = file.dependency_size() - 1; i >= 0; --i) {
            const std::string dependency = file.dependency(i);
            if (files->count(dependency) || WellKnownTypes::isWellKnownFile(dependency))
                continue;
            warnings->append(warning(name,
                QStringLiteral("the server does not have the imported file %1; the import was dropped")
                    .arg(qs(dependency))));
            removeDependency(&file, i);
        }
    }
}

void repairAll(FileMap *files, Diagnostics *warnings, const FetchSymbol &fetch)
{
    qualifyTypeNames(files);
    useCanonicalWellKnownTypes(files, warnings);
    repairMapEntries(files, warnings);
    repairImports(files, warnings, fetch);
}

} // namespace wirescope::ServedFilesRepair
