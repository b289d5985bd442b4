#include "model/schema/SchemaLoader.h"

#include "model/core/AtomicFile.h"
#include "model/schema/ParallelSourceDatabase.h"
#include "model/schema/WellKnownTypes.h"

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

namespace gp = google::protobuf;
namespace gpc = google::protobuf::compiler;

namespace wirescope {

void LoadCancel::cancel()
{
    // Under the lock, so what the interrupt touches cannot go away while it runs.
    const std::lock_guard lock(m_mutex);
    m_cancelled = true;
    if (m_interrupt)
        m_interrupt();
}

void LoadCancel::setInterrupt(std::function<void()> interrupt)
{
    const std::lock_guard lock(m_mutex);
    m_interrupt = std::move(interrupt);
    if (m_cancelled && m_interrupt)
        m_interrupt();
}

} // namespace wirescope

namespace wirescope::SchemaLoader {

namespace {

QString searchedPaths(const QStringList &roots)
{
    QStringList shown = roots;
    shown.append(QStringLiteral("the built-in well-known types"));
    return shown.join(QStringLiteral(", "));
}

// Turns the parser's and the pool's reports into diagnostics with 1-based positions and
// the file's path on disk, so that a click can open it.
class ErrorSink final : public gpc::MultiFileErrorCollector {
public:
    ErrorSink(gpc::DiskSourceTree *tree, const QStringList &roots)
        : m_tree(tree)
        , m_roots(roots)
    {
    }

    void AddError(const std::string &file, int line, int column, const std::string &message) override
    {
        add(Diagnostic::Severity::Error, file, line, column, message);
    }
    void AddWarning(const std::string &file, int line, int column, const std::string &message) override
    {
        add(Diagnostic::Severity::Warning, file, line, column, message);
    }

    Diagnostics diagnostics;

private:
    void add(Diagnostic::Severity severity, const std::string &file, int line, int column,
        const std::string &message)
    {
        Diagnostic d;
        d.severity = severity;
        std::string disk;
        d.file = m_tree->VirtualFileToDiskFile(file, &disk) ? QString::fromStdString(disk)
                                                            : QString::fromStdString(file);
        d.line = line >= 0 ? line + 1 : 0;
        d.column = line >= 0 ? column + 1 : 0;
        d.message = QString::fromStdString(message);
        if (echoesCycle(d.message))
            return;
        if (line < 0 && d.message.contains(QStringLiteral("not found"), Qt::CaseInsensitive))
            d.message = QStringLiteral("file not found (searched: %1)").arg(searchedPaths(m_roots));
        else if (d.message.startsWith(QStringLiteral("Import \""))
            && d.message.contains(QStringLiteral("was not found")))
            d.message += QStringLiteral(" Searched: %1.").arg(searchedPaths(m_roots));
        diagnostics.append(d);
    }

    // After "File recursively imports itself: a.proto -> b.proto -> a.proto" protobuf also
    // reports each import of the cycle as "was not found or had errors", which sends the
    // reader looking for a missing file. The cycle's own line says it all.
    bool echoesCycle(const QString &message)
    {
        static const QString cycle = QStringLiteral("File recursively imports itself: ");
        if (message.startsWith(cycle)) {
            for (const QString &name : message.mid(cycle.size()).split(QStringLiteral(" -> ")))
                m_cycle.insert(name.trimmed());
            return false;
        }
        static const QRegularExpression import(
            QStringLiteral("^Import \"([^\"]+)\" was not found or had errors"));
        const QRegularExpressionMatch match = import.match(message);
        return match.hasMatch() && m_cycle.contains(match.captured(1));
    }

    gpc::DiskSourceTree *m_tree;
    QStringList m_roots;
    QSet<QString> m_cycle;
};

// Lists the file after each of its imports not listed yet.
void listWithDependencies(
    const gp::FileDescriptor *file, std::set<std::string> *seen, std::vector<const gp::FileDescriptor *> *out)
{
    if (!seen->insert(file->name()).second)
        return;
    for (int i = 0; i < file->dependency_count(); ++i)
        listWithDependencies(file->dependency(i), seen, out);
    out->push_back(file);
}

// Copies built files out of the pool on every core: a copy only reads its file, and a file
// once built never changes. A file's source info comes from the database, which kept it out
// of the pool, or else from the pool.
std::vector<gp::FileDescriptorProto> copyOut(
    const std::vector<const gp::FileDescriptor *> &files, ParallelSourceDatabase *database)
{
    struct Copy {
        const gp::FileDescriptor *file;
        std::unique_ptr<gp::SourceCodeInfo> sourceInfo;
        gp::FileDescriptorProto proto;
    };
    std::vector<Copy> copies;
    copies.reserve(files.size());
    for (const gp::FileDescriptor *file : files)
        copies.push_back({file, database->takeSourceInfo(file->name()), {}});
    database->dropSourceInfo(); // the pool lives on with the schema; this need not
    // Each thread takes the next copy nobody took yet. Threads of its own, as the parse has:
    // QtConcurrent's map would be the window's only use of libQt6Concurrent, a library more to
    // load before its first frame.
    std::atomic<size_t> next {0};
    const auto work = [&copies, &next] {
        for (size_t i = next++; i < copies.size(); i = next++) {
            Copy &copy = copies[i];
            copy.file->CopyTo(&copy.proto);
            if (copy.sourceInfo)
                copy.proto.set_allocated_source_code_info(copy.sourceInfo.release());
            else
                copy.file->CopySourceCodeInfoTo(&copy.proto);
        }
    };
    const int helpers = std::min(std::max(1, QThread::idealThreadCount()) - 1, int(copies.size()) - 1);
    std::vector<std::thread> threads;
    for (int i = 0; i < helpers; ++i)
        threads.emplace_back(work);
    work();
    for (std::thread &thread : threads)
        thread.join();
    std::vector<gp::FileDescriptorProto> out(copies.size());
    for (size_t i = 0; i < copies.size(); ++i)
        out[i].Swap(&copies[i].proto);
    return out;
}

// Finds the name a file has inside the source tree, mapping its folder when no import
// path contains it. Returns an empty string (and a diagnostic) when it cannot.
std::string virtualName(
    gpc::DiskSourceTree *tree, QStringList *roots, const QString &file, Diagnostics *diagnostics)
{
    const QFileInfo info(file);
    if (!info.exists()) {
        // Not a path on disk: a name relative to an import path, as protoc allows.
        std::unique_ptr<gp::io::ZeroCopyInputStream> in(tree->Open(file.toStdString()));
        if (in)
            return file.toStdString();
        diagnostics->append({Diagnostic::Severity::Error, file, 0, 0,
            QStringLiteral("file not found (searched: %1)").arg(searchedPaths(*roots))});
        return {};
    }
    if (info.isDir()) {
        diagnostics->append({Diagnostic::Severity::Error, file, 0, 0,
            QStringLiteral(
                "is a folder: give the .proto files in it, with the folder as an import path (-I)")});
        return {};
    }
    if (!info.isFile() || info.size() > AtomicFile::MaxReadBytes) {
        diagnostics->append({Diagnostic::Severity::Error, file, 0, 0,
            info.isFile() ? QStringLiteral("is %1 bytes, more than a .proto file can be").arg(info.size())
                          : QStringLiteral("is not a regular file (a device or a pipe); not read")});
        return {};
    }
    std::string name;
    std::string shadowing;
    const std::string disk = QDir::cleanPath(info.absoluteFilePath()).toStdString();
    switch (tree->DiskFileToVirtualFile(disk, &name, &shadowing)) {
    case gpc::DiskSourceTree::SUCCESS:
        return name;
    case gpc::DiskSourceTree::SHADOWED:
        diagnostics->append({Diagnostic::Severity::Error, file, 0, 0,
            QStringLiteral("shadowed by %1, which comes first in the import paths")
                .arg(QString::fromStdString(shadowing))});
        return {};
    case gpc::DiskSourceTree::CANNOT_OPEN:
        diagnostics->append({Diagnostic::Severity::Error, file, 0, 0, QStringLiteral("cannot be read")});
        return {};
    case gpc::DiskSourceTree::NO_MAPPING:
        break;
    }
    const QString folder = info.absolutePath();
    tree->MapPath("", folder.toStdString());
    roots->append(folder);
    return info.fileName().toStdString();
}

std::vector<std::string> stdStrings(const QStringList &list)
{
    std::vector<std::string> out;
    for (const QString &item : list)
        out.push_back(item.toStdString());
    return out;
}

} // namespace

LoadResult loadProtoFiles(
    const QStringList &files, const QStringList &importPaths, const LoadControl &control)
{
    LoadResult result;
    result.source.kind = SchemaSource::Kind::ProtoFiles;
    result.source.label
        = files.size() == 1 ? files.first() : QStringLiteral("%1 .proto files").arg(files.size());
    gpc::DiskSourceTree tree;
    QStringList roots;
    for (const QString &path : importPaths) {
        if (!QFileInfo(path).isDir()) {
            result.diagnostics.append({Diagnostic::Severity::Warning, path, 0, 0,
                QStringLiteral("import path is not a folder; ignored")});
            continue;
        }
        const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
        tree.MapPath("", absolute.toStdString());
        roots.append(absolute);
    }

    std::vector<std::string> names;
    for (const QString &file : files) {
        if (QFileInfo(file).isFile())
            result.source.diskFiles.append(QDir::cleanPath(QFileInfo(file).absoluteFilePath()));
        const std::string name = virtualName(&tree, &roots, file, &result.diagnostics);
        if (!name.empty())
            names.push_back(name);
    }

    // Everything the pool reads from lives as long as the pool: a schema may adopt it.
    struct ProtoFilesPool final : BuiltPool {
        ProtoFilesPool(const QStringList &roots)
            : errors(&tree, roots)
            , database(stdStrings(roots), &wellKnown)
        {
        }
        const gp::DescriptorPool *pool() const override { return &descriptors; }

        gpc::DiskSourceTree tree;
        ErrorSink errors;
        WellKnownTypes wellKnown;
        ParallelSourceDatabase database;
        gp::DescriptorPool descriptors {&database, database.validationErrors()};
    };
    auto built = std::make_shared<ProtoFilesPool>(roots);
    for (const QString &root : roots)
        built->tree.MapPath("", root.toStdString());
    built->database.recordErrorsTo(&built->errors);
    built->descriptors.EnforceWeakDependencies(true);
    gp::DescriptorPool &pool = built->descriptors;
    ErrorSink &errors = built->errors;

    // Workers parse what the pool will ask for while it builds, which takes one thread.
    built->database.startLoad(
        names, std::max(1, QThread::idealThreadCount() - 1), [&control] { return control.isCancelled(); });
    std::set<std::string> seen;
    std::vector<const gp::FileDescriptor *> loaded;
    int done = 0;
    for (const std::string &name : names) {
        if (control.isCancelled()) {
            result.diagnostics.append({Diagnostic::Severity::Error, result.source.label, 0, 0,
                QStringLiteral("loading was cancelled")});
            return result;
        }
        if (const gp::FileDescriptor *file = pool.FindFileByName(name))
            listWithDependencies(file, &seen, &loaded);
        built->database.lookupDone();
        if (control.progress)
            control.progress(++done, int(names.size()));
    }
    built->database.stopLoad();
    result.source.files = copyOut(loaded, &built->database);
    result.diagnostics.append(errors.diagnostics);
    errors.diagnostics.clear();
    for (const gp::FileDescriptorProto &file : result.source.files) {
        std::string disk;
        if (built->tree.VirtualFileToDiskFile(file.name(), &disk)) {
            const QString path = QDir::cleanPath(QFileInfo(QString::fromStdString(disk)).absoluteFilePath());
            if (!result.source.diskFiles.contains(path))
                result.source.diskFiles.append(path);
        }
    }
    if (!result.source.files.empty())
        result.source.built = std::move(built);
    return result;
}

LoadResult loadProtoset(const QString &path)
{
    QByteArray bytes;
    QString error;
    if (!AtomicFile::read(path, &bytes, &error)) {
        LoadResult result;
        result.source.kind = SchemaSource::Kind::Protoset;
        result.source.label = path;
        result.source.diskFiles.append(QFileInfo(path).absoluteFilePath());
        // "cannot open: <why>", without the path the diagnostic already carries.
        const QString why = error.mid(error.indexOf(QStringLiteral(": ")) + 2);
        result.diagnostics.append(
            {Diagnostic::Severity::Error, path, 0, 0, QStringLiteral("cannot open: %1").arg(why)});
        return result;
    }
    LoadResult result = loadProtosetData(bytes, path);
    result.source.diskFiles.append(QFileInfo(path).absoluteFilePath());
    return result;
}

LoadResult loadProtosetData(const QByteArray &data, const QString &label)
{
    LoadResult result;
    result.source.kind = SchemaSource::Kind::Protoset;
    result.source.label = label;
    auto fail = [&](const QString &message) {
        result.diagnostics.append({Diagnostic::Severity::Error, label, 0, 0, message});
        return result;
    };
    gp::FileDescriptorSet set;
    if (!set.ParseFromArray(data.constData(), int(data.size())))
        return fail(QStringLiteral(
            "not a protoset: the bytes are not a serialized google.protobuf.FileDescriptorSet"));
    if (set.file_size() == 0)
        return fail(QStringLiteral("the protoset contains no files"));

    std::set<std::string> names;
    for (const auto &file : set.file()) {
        if (file.name().empty())
            return fail(QStringLiteral("not a protoset: a file in it has no name"));
        names.insert(file.name());
    }
    for (const auto &file : set.file()) {
        for (const std::string &dependency : file.dependency()) {
            if (names.count(dependency) || WellKnownTypes::isWellKnownFile(dependency))
                continue;
            result.diagnostics.append({Diagnostic::Severity::Error, label, 0, 0,
                QStringLiteral("%1 imports %2, which the protoset does not contain (write it with protoc "
                               "--include_imports)")
                    .arg(QString::fromStdString(file.name()), QString::fromStdString(dependency))});
        }
    }
    result.source.files.assign(set.file().begin(), set.file().end());
    return result;
}

} // namespace wirescope::SchemaLoader
