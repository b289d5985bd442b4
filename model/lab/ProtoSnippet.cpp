#include "model/lab/ProtoSnippet.h"

#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <QByteArrayList>

namespace gp = google::protobuf;
namespace gpc = google::protobuf::compiler;

namespace wirescope {

namespace {

// protobuf 3.21's parser recurses once per nested block and has no limit of its own, so a
// fuzzed "message a { message a { …" would exhaust the stack long before it is an error.
constexpr int kMaxNesting = 64;
// A snippet is typed or pasted by hand; anything this large is not one.
constexpr qsizetype kMaxTextBytes = 4 * 1024 * 1024;
constexpr const char *kWellKnownPrefix = "google/protobuf/";

// Turns protobuf's 0-based positions into the 1-based line and character column of the
// text as the user sees it. protobuf counts bytes and moves tabs to the next multiple of 8,
// which an editor showing the text would not.
class SnippetText final {
public:
    SnippetText(const QByteArray &utf8, const QString &fileName, Diagnostics *out)
        : m_lines(utf8.split('\n'))
        , m_fileName(fileName)
        , m_out(out)
    {
    }

    void add(Diagnostic::Severity severity, int line, int column, const QString &message) const
    {
        const bool located = line >= 0;
        m_out->append({severity, m_fileName, located ? line + 1 : 0,
            located ? characterColumn(line, column) : 0, message});
    }
    void error(int line, int column, const QString &message) const
    {
        add(Diagnostic::Severity::Error, line, column, message);
    }

private:
    int characterColumn(int line, int column) const
    {
        if (line >= m_lines.size())
            return column + 1;
        const QByteArray &text = m_lines.at(line);
        int protobufColumn = 0;
        int characters = 0;
        for (qsizetype i = 0; i < text.size() && protobufColumn < column; ++i) {
            const auto byte = quint8(text.at(i));
            protobufColumn = byte == '\t' ? protobufColumn + 8 - protobufColumn % 8 : protobufColumn + 1;
            if ((byte & 0xC0) == 0x80)
                continue; // a UTF-8 continuation byte: part of the character before
            characters += byte >= 0xF0 ? 2 : 1; // four-byte sequences take two UTF-16 units
        }
        return characters + 1;
    }

    QByteArrayList m_lines;
    QString m_fileName;
    Diagnostics *m_out;
};

class ParseErrors final : public gp::io::ErrorCollector {
public:
    explicit ParseErrors(const SnippetText &text)
        : m_text(text)
    {
    }

    void AddError(int line, gp::io::ColumnNumber column, const std::string &message) override
    {
        m_text.error(line, column, QString::fromStdString(message));
    }
    void AddWarning(int line, gp::io::ColumnNumber column, const std::string &message) override
    {
        m_text.add(Diagnostic::Severity::Warning, line, column, QString::fromStdString(message));
    }

private:
    const SnippetText &m_text;
};

class SilentErrors final : public gp::io::ErrorCollector {
public:
    void AddError(int, gp::io::ColumnNumber, const std::string &) override { }
};

// The pool's reports point at parts of the FileDescriptorProto; the parser recorded where
// each part is in the text.
class BuildErrors final : public gp::DescriptorPool::ErrorCollector {
public:
    BuildErrors(const SnippetText &text, const gpc::SourceLocationTable &locations)
        : m_text(text)
        , m_locations(locations)
    {
    }

    void AddError(const std::string &, const std::string &element, const gp::Message *descriptor,
        ErrorLocation location, const std::string &message) override
    {
        add(Diagnostic::Severity::Error, element, descriptor, location, message);
    }
    void AddWarning(const std::string &, const std::string &element, const gp::Message *descriptor,
        ErrorLocation location, const std::string &message) override
    {
        add(Diagnostic::Severity::Warning, element, descriptor, location, message);
    }

private:
    void add(Diagnostic::Severity severity, const std::string &element, const gp::Message *descriptor,
        ErrorLocation location, const std::string &message) const
    {
        int line = -1;
        int column = 0;
        if (location == IMPORT)
            m_locations.FindImport(descriptor, element, &line, &column);
        else
            m_locations.Find(descriptor, location, &line, &column);
        // Without a position the element's name is the only pointer to what is wrong.
        const bool named = line < 0 && !element.empty();
        m_text.add(
            severity, line, column, QString::fromStdString(named ? element + ": " + message : message));
    }

    const SnippetText &m_text;
    const gpc::SourceLocationTable &m_locations;
};

bool checkNesting(const QByteArray &utf8, const SnippetText &text)
{
    gp::io::ArrayInputStream input(utf8.constData(), int(utf8.size()));
    SilentErrors silent; // the parser reports the same token errors, once
    gp::io::Tokenizer tokens(&input, &silent);
    int depth = 0;
    while (tokens.Next()) {
        const gp::io::Tokenizer::Token &token = tokens.current();
        if (token.type != gp::io::Tokenizer::TYPE_SYMBOL)
            continue;
        if (token.text == "}") {
            depth = qMax(0, depth - 1);
        } else if (token.text == "{" && ++depth > kMaxNesting) {
            text.error(token.line, token.column,
                QStringLiteral("blocks are nested more than %1 levels deep here").arg(kMaxNesting));
            return false;
        }
    }
    return true;
}

bool parse(const QByteArray &utf8, const SnippetText &text, gp::FileDescriptorProto *file,
    gpc::SourceLocationTable *locations, Diagnostics *diagnostics)
{
    gp::io::ArrayInputStream input(utf8.constData(), int(utf8.size()));
    ParseErrors errors(text);
    gp::io::Tokenizer tokens(&input, &errors);
    gpc::Parser parser;
    parser.RecordErrorsTo(&errors);
    parser.RecordSourceLocationsTo(locations);
    // The tokenizer reports to the collector without failing the parse, so both are checked.
    const bool parsed = parser.Parse(&tokens, file);
    return parsed && !hasErrors(*diagnostics);
}

// Builds each well-known file after the ones it imports, from the copies compiled in.
bool addWellKnown(gp::DescriptorPool *pool, const gp::FileDescriptor *file)
{
    if (pool->FindFileByName(file->name()))
        return true;
    for (int i = 0; i < file->dependency_count(); ++i)
        if (!addWellKnown(pool, file->dependency(i)))
            return false;
    gp::FileDescriptorProto proto;
    file->CopyTo(&proto);
    return pool->BuildFile(proto) != nullptr;
}

// Only the well-known types resolve: a snippet has no folder to import anything else from.
bool resolveImports(const gp::FileDescriptorProto &file, const gpc::SourceLocationTable &locations,
    const SnippetText &text, gp::DescriptorPool *pool)
{
    bool ok = true;
    for (const std::string &dependency : file.dependency()) {
        int line = -1;
        int column = 0;
        locations.FindImport(&file, dependency, &line, &column);
        const QString name = QString::fromStdString(dependency);
        const gp::FileDescriptor *wellKnown = dependency.rfind(kWellKnownPrefix, 0) == 0
            ? gp::DescriptorPool::generated_pool()->FindFileByName(dependency)
            : nullptr;
        if (!wellKnown) {
            text.error(line, column,
                QStringLiteral("cannot import \"%1\": only the well-known types (google/protobuf/*.proto, "
                               "such as google/protobuf/timestamp.proto) can be imported here")
                    .arg(name));
            ok = false;
        } else if (!addWellKnown(pool, wellKnown)) {
            text.error(
                line, column, QStringLiteral("the built-in copy of \"%1\" could not be loaded").arg(name));
            ok = false;
        }
    }
    return ok;
}

SchemaPtr buildSchema(gp::FileDescriptorProto file, const QString &name, Diagnostics *diagnostics)
{
    SchemaSource source;
    source.kind = SchemaSource::Kind::ProtoFiles;
    source.label = name;
    source.files.push_back(std::move(file));
    std::vector<SchemaSource> sources;
    sources.push_back(std::move(source));
    return Schema::build(std::move(sources), diagnostics);
}

} // namespace

namespace ProtoSnippet {

ProtoSnippetResult compile(const QString &text, const QString &fileName)
{
    ProtoSnippetResult result;
    result.schema = Schema::empty();
    const QString name = fileName.isEmpty() ? QStringLiteral("lab.proto") : fileName;
    const QByteArray utf8 = text.toUtf8();
    const SnippetText where(utf8, name, &result.diagnostics);
    if (text.trimmed().isEmpty()) {
        where.error(0, 0, QStringLiteral("the text is empty: write a syntax line and at least one message"));
        return result;
    }
    if (utf8.size() > kMaxTextBytes) {
        where.error(-1, 0,
            QStringLiteral("the text is %1 bytes long; a snippet can be at most %2")
                .arg(utf8.size())
                .arg(kMaxTextBytes));
        return result;
    }
    if (!checkNesting(utf8, where))
        return result;

    gp::FileDescriptorProto file;
    gpc::SourceLocationTable locations;
    if (!parse(utf8, where, &file, &locations, &result.diagnostics))
        return result;
    file.set_name(name.toStdString());
    // Built once on its own first: that pool reports against the very FileDescriptorProto the
    // parser filled, which is what lets each error carry its line and column.
    gp::DescriptorPool pool;
    if (!resolveImports(file, locations, where, &pool))
        return result;
    BuildErrors buildErrors(where, locations);
    if (!pool.BuildFileCollectingErrors(file, &buildErrors))
        return result;

    result.schema = buildSchema(std::move(file), name, &result.diagnostics);
    return result;
}

} // namespace ProtoSnippet

} // namespace wirescope
