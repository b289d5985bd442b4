#pragma once

#include <QtGlobal>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace google::protobuf::compiler {
class DiskSourceTree;
class MultiFileErrorCollector;
class SourceLocationTable;
} // namespace google::protobuf::compiler

namespace wirescope {

// protobuf's SourceTreeDescriptorDatabase for several cores. During a load, worker threads
// parse the import closure ahead of the DescriptorPool, which builds on one thread and finds
// each file parsed when it asks for it. A file's parse errors reach the collector when the
// pool asks for the file, and the pool's own errors are mapped to the line and column of what
// they name, so that every report reads, and arrives in the order, as from protobuf's
// database. Outside a load it is protobuf's database: it parses each file when asked.
class ParallelSourceDatabase final : public google::protobuf::DescriptorDatabase {
public:
    // roots: the import paths, first match wins; fallback serves the names no root holds.
    ParallelSourceDatabase(std::vector<std::string> roots, google::protobuf::DescriptorDatabase *fallback);
    ~ParallelSourceDatabase() override;
    Q_DISABLE_COPY_MOVE(ParallelSourceDatabase)

    void recordErrorsTo(google::protobuf::compiler::MultiFileErrorCollector *errors) { m_errors = errors; }
    // The collector to build the pool with.
    google::protobuf::DescriptorPool::ErrorCollector *validationErrors();

    // Starts a load: `workers` threads parse `files` and everything they import. They stop
    // taking files once cancelled() is true, which they call from their own threads.
    void startLoad(const std::vector<std::string> &files, int workers, std::function<bool()> cancelled);
    // During a load, to be called after each of the pool's FindFileByName: the files it was
    // handed are built or given up by then, so what maps its errors about them can go.
    void lookupDone();
    // Ends the load: stops the workers and frees what they parsed that the pool did not ask for.
    void stopLoad();

    // The source info of a file the pool was handed during a load. Those files reach the pool
    // without it (the pool would copy it twice on its thread); the loader adds it to its copy
    // of the file. Null for a file read outside a load, whose info the pool has.
    std::unique_ptr<google::protobuf::SourceCodeInfo> takeSourceInfo(const std::string &name);
    // Frees what no one took: the info of files served in a load that did not build.
    void dropSourceInfo() { m_sourceInfo.clear(); }

    bool FindFileByName(const std::string &name, google::protobuf::FileDescriptorProto *output) override;
    bool FindFileContainingSymbol(
        const std::string &symbol, google::protobuf::FileDescriptorProto *output) override;
    bool FindFileContainingExtension(const std::string &containingType, int fieldNumber,
        google::protobuf::FileDescriptorProto *output) override;

private:
    struct ParsedFile;
    struct Workers;
    class ValidationErrors;

    std::unique_ptr<ParsedFile> parseAhead(
        google::protobuf::compiler::DiskSourceTree *tree, const std::string &name) const;
    std::unique_ptr<ParsedFile> take(const std::string &name);
    void work();
    void locate(const std::string &file, const std::string &element,
        const google::protobuf::Message *descriptor,
        google::protobuf::DescriptorPool::ErrorCollector::ErrorLocation location, int *line, int *column);

    std::vector<std::string> m_roots;
    google::protobuf::DescriptorDatabase *m_fallback;
    google::protobuf::compiler::MultiFileErrorCollector *m_errors = nullptr;
    std::unique_ptr<google::protobuf::compiler::DiskSourceTree> m_tree; // the pool's thread's
    std::unique_ptr<ValidationErrors> m_validationErrors;
    std::unique_ptr<Workers> m_workers; // during a load
    // Handed to the pool in the current lookup of a load, in the order asked for.
    std::unordered_map<std::string, std::vector<std::unique_ptr<ParsedFile>>> m_served;
    // Source info of the files built in a load, until the loader takes it.
    std::unordered_map<std::string, std::unique_ptr<google::protobuf::SourceCodeInfo>> m_sourceInfo;
    // Where the parts of files read outside a load came from, as protobuf's database keeps it.
    std::unique_ptr<google::protobuf::compiler::SourceLocationTable> m_lateLocations;
};

} // namespace wirescope
