#include "model/schema/ParallelSourceDatabase.h"

#include <google/protobuf/arena.h>
#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/io/tokenizer.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace gp = google::protobuf;
namespace gpc = google::protobuf::compiler;

namespace wirescope {

namespace {

struct ParseError {
    int line;
    int column;
    std::string message;
};

// Keeps the tokenizer's and the parser's errors for later. Like protobuf's own per-file
// collector it drops their warnings, so that the reports are the same.
class ErrorRecorder final : public gp::io::ErrorCollector {
public:
    explicit ErrorRecorder(std::vector<ParseError> *errors)
        : m_errors(errors)
    {
    }

    void AddError(int line, int column, const std::string &message) override
    {
        m_errors->push_back({line, column, message});
    }

private:
    std::vector<ParseError> *m_errors;
};

std::unique_ptr<gpc::DiskSourceTree> makeTree(const std::vector<std::string> &roots)
{
    auto tree = std::make_unique<gpc::DiskSourceTree>();
    for (const std::string &root : roots)
        tree->MapPath("", root);
    return tree;
}

bool find(const gpc::SourceLocationTable &locations, const gp::Message *part, const std::string &element,
    gp::DescriptorPool::ErrorCollector::ErrorLocation location, int *line, int *column)
{
    if (location == gp::DescriptorPool::ErrorCollector::IMPORT)
        return locations.FindImport(part, element, line, column);
    return locations.Find(part, location, line, column);
}

} // namespace

// One file as read. The parser records where each part came from by the part's address;
// the pool names a part by its address in the pool's own copy.
struct ParallelSourceDatabase::ParsedFile {
    bool opened = false;
    std::string openError; // the source tree's reason when not opened
    bool ok = false; // parsed without an error
    std::vector<ParseError> errors;
    // Parsed ahead onto an arena: memory that one thread allocates and another frees piece by
    // piece costs more than the copy the pool is handed.
    gp::Arena arena;
    gp::FileDescriptorProto *proto = nullptr;
    // The file's source info (locations and comments, the bulk of a parsed file), kept out of
    // proto and so out of the pool: the pool would copy it twice on its one thread (from
    // proto, then into its tables). It goes to the loaded files as it is (takeSourceInfo).
    std::unique_ptr<gp::SourceCodeInfo> sourceInfo;
    gpc::SourceLocationTable locations; // keyed by the parts of proto
    const gp::FileDescriptorProto *copy = nullptr; // the pool's, alive while the pool builds it
    std::unordered_map<const gp::Message *, const gp::Message *> originals; // copy's parts to proto's

    // What SourceTreeDescriptorDatabase::FindFileByName does, keeping the errors for later.
    void read(gpc::DiskSourceTree *tree, const std::string &name, gp::FileDescriptorProto *into,
        gpc::SourceLocationTable *table)
    {
        std::unique_ptr<gp::io::ZeroCopyInputStream> input(tree->Open(name));
        if (!input) {
            openError = tree->GetLastErrorMessage();
            return;
        }
        opened = true;
        ErrorRecorder recorder(&errors);
        gp::io::Tokenizer tokenizer(input.get(), &recorder);
        gpc::Parser parser;
        parser.RecordErrorsTo(&recorder);
        parser.RecordSourceLocationsTo(table);
        into->set_name(name);
        ok = parser.Parse(&tokenizer, into) && errors.empty();
    }

    const gp::Message *original(const gp::Message *part)
    {
        if (part == copy)
            return proto;
        if (originals.empty())
            mapParts(*copy, *proto);
        const auto found = originals.find(part);
        return found == originals.end() ? nullptr : found->second;
    }

    // Walks the copy and the original, which have the same shape, side by side.
    void mapParts(const gp::Message &copied, const gp::Message &from)
    {
        originals.emplace(&copied, &from);
        const gp::Reflection *reflection = copied.GetReflection();
        std::vector<const gp::FieldDescriptor *> fields;
        reflection->ListFields(copied, &fields);
        for (const gp::FieldDescriptor *field : fields) {
            // Source code info, the bulk of a file, has nothing an error names.
            if (field->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE
                || field->message_type() == gp::SourceCodeInfo::descriptor())
                continue;
            if (!field->is_repeated()) {
                mapParts(reflection->GetMessage(copied, field), reflection->GetMessage(from, field));
                continue;
            }
            for (int i = 0; i < reflection->FieldSize(copied, field); ++i)
                mapParts(reflection->GetRepeatedMessage(copied, field, i),
                    reflection->GetRepeatedMessage(from, field, i));
        }
    }
};

// The files the workers parse ahead of the pool's thread, shared under the mutex.
struct ParallelSourceDatabase::Workers {
    enum class State { Queued, Parsing, Parsed, Taken };

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> queue;
    std::unordered_map<std::string, State> states;
    std::unordered_map<std::string, std::unique_ptr<ParsedFile>> parsed; // not taken yet
    // Built files, freed here: memory one thread allocates and another frees piece by piece
    // costs both threads more than it should.
    std::vector<std::unique_ptr<ParsedFile>> built;
    static constexpr size_t FreeBatch = 64;
    std::function<bool()> cancelled;
    bool stopping = false;
    std::vector<std::thread> threads;

    void enqueue(const std::string &name, bool ahead)
    {
        if (!states.emplace(name, State::Queued).second)
            return;
        if (ahead)
            queue.push_front(name);
        else
            queue.push_back(name);
    }

    // Imports go first, so that the workers keep ahead of the pool, which builds each import
    // of a file before the file. The pool asks for them only if the file parsed.
    void enqueueImports(const ParsedFile &file)
    {
        if (!file.ok)
            return;
        const auto &imports = file.proto->dependency();
        for (auto import = imports.rbegin(); import != imports.rend(); ++import)
            enqueue(*import, true);
    }
};

class ParallelSourceDatabase::ValidationErrors final : public gp::DescriptorPool::ErrorCollector {
public:
    explicit ValidationErrors(ParallelSourceDatabase *owner)
        : m_owner(owner)
    {
    }

    void AddError(const std::string &file, const std::string &element, const gp::Message *descriptor,
        ErrorLocation location, const std::string &message) override
    {
        forward(&gpc::MultiFileErrorCollector::AddError, file, element, descriptor, location, message);
    }

    void AddWarning(const std::string &file, const std::string &element, const gp::Message *descriptor,
        ErrorLocation location, const std::string &message) override
    {
        forward(&gpc::MultiFileErrorCollector::AddWarning, file, element, descriptor, location, message);
    }

private:
    using Report = void (gpc::MultiFileErrorCollector::*)(const std::string &, int, int, const std::string &);

    // The pool names what is wrong; the collector is told where it is in the file.
    void forward(Report report, const std::string &file, const std::string &element,
        const gp::Message *descriptor, ErrorLocation location, const std::string &message)
    {
        if (!m_owner->m_errors)
            return;
        int line = -1;
        int column = 0;
        m_owner->locate(file, element, descriptor, location, &line, &column);
        (m_owner->m_errors->*report)(file, line, column, message);
    }

    ParallelSourceDatabase *m_owner;
};

ParallelSourceDatabase::ParallelSourceDatabase(
    std::vector<std::string> roots, gp::DescriptorDatabase *fallback)
    : m_roots(std::move(roots))
    , m_fallback(fallback)
    , m_tree(makeTree(m_roots))
    , m_validationErrors(std::make_unique<ValidationErrors>(this))
    , m_lateLocations(std::make_unique<gpc::SourceLocationTable>())
{
}

ParallelSourceDatabase::~ParallelSourceDatabase()
{
    stopLoad();
}

gp::DescriptorPool::ErrorCollector *ParallelSourceDatabase::validationErrors()
{
    return m_validationErrors.get();
}

void ParallelSourceDatabase::startLoad(
    const std::vector<std::string> &files, int workers, std::function<bool()> cancelled)
{
    stopLoad();
    m_workers = std::make_unique<Workers>();
    m_workers->cancelled = std::move(cancelled);
    for (const std::string &file : files)
        m_workers->enqueue(file, false);
    for (int i = 0; i < workers; ++i)
        m_workers->threads.emplace_back([this] { work(); });
}

void ParallelSourceDatabase::lookupDone()
{
    if (m_workers) {
        bool wake = false;
        {
            const std::lock_guard lock(m_workers->mutex);
            for (auto &[name, files] : m_served) {
                for (std::unique_ptr<ParsedFile> &file : files) {
                    if (file->sourceInfo && !m_sourceInfo.count(name))
                        m_sourceInfo.emplace(name, std::move(file->sourceInfo));
                    m_workers->built.push_back(std::move(file));
                }
            }
            // A worker waiting for work is woken for a batch, not for every file: on a tree of
            // thousands of files a wake-up per file is a measurable share of the load.
            wake = m_workers->built.size() >= Workers::FreeBatch;
        }
        if (wake)
            m_workers->changed.notify_one();
    }
    m_served.clear();
}

void ParallelSourceDatabase::stopLoad()
{
    if (!m_workers)
        return;
    {
        const std::lock_guard lock(m_workers->mutex);
        m_workers->stopping = true;
    }
    m_workers->changed.notify_all();
    for (std::thread &thread : m_workers->threads)
        thread.join();
    m_workers.reset();
    m_served.clear();
}

std::unique_ptr<ParallelSourceDatabase::ParsedFile> ParallelSourceDatabase::parseAhead(
    gpc::DiskSourceTree *tree, const std::string &name) const
{
    auto file = std::make_unique<ParsedFile>();
    file->proto = gp::Arena::CreateMessage<gp::FileDescriptorProto>(&file->arena);
    // The parser swaps the source info it collected into the file's; a heap object there
    // makes that swap a pointer exchange rather than a copy onto the arena.
    file->sourceInfo = std::make_unique<gp::SourceCodeInfo>();
    file->proto->unsafe_arena_set_allocated_source_code_info(file->sourceInfo.get());
    file->read(tree, name, file->proto, &file->locations);
    file->proto->unsafe_arena_release_source_code_info(); // still file->sourceInfo's
    return file;
}

void ParallelSourceDatabase::work()
{
    Workers &workers = *m_workers;
    const std::unique_ptr<gpc::DiskSourceTree> tree = makeTree(m_roots);
    std::unique_lock lock(workers.mutex);
    for (;;) {
        workers.changed.wait(
            lock, [&] { return workers.stopping || !workers.queue.empty() || !workers.built.empty(); });
        if (!workers.built.empty()) {
            std::vector<std::unique_ptr<ParsedFile>> built;
            built.swap(workers.built);
            lock.unlock();
            built.clear();
            lock.lock();
            continue;
        }
        if (workers.stopping || (workers.cancelled && workers.cancelled()))
            return;
        const std::string name = std::move(workers.queue.front());
        workers.queue.pop_front();
        if (workers.states[name] != Workers::State::Queued)
            continue; // the pool's thread took it
        workers.states[name] = Workers::State::Parsing;
        lock.unlock();
        std::unique_ptr<ParsedFile> file = parseAhead(tree.get(), name);
        lock.lock();
        workers.states[name] = Workers::State::Parsed;
        workers.enqueueImports(*file);
        workers.parsed[name] = std::move(file);
        workers.changed.notify_all();
    }
}

// The file as parsed ahead, or parsed here when no worker has started on it: waiting would
// leave this thread idle.
std::unique_ptr<ParallelSourceDatabase::ParsedFile> ParallelSourceDatabase::take(const std::string &name)
{
    Workers &workers = *m_workers;
    std::unique_lock lock(workers.mutex);
    workers.changed.wait(lock, [&] {
        const auto state = workers.states.find(name);
        return state == workers.states.end() || state->second != Workers::State::Parsing;
    });
    Workers::State &state = workers.states[name];
    const bool parsed = state == Workers::State::Parsed;
    state = Workers::State::Taken;
    if (parsed) {
        const auto it = workers.parsed.find(name);
        std::unique_ptr<ParsedFile> file = std::move(it->second);
        workers.parsed.erase(it);
        return file;
    }
    // Queued, never seen, or asked for again (an import cycle does that).
    lock.unlock();
    std::unique_ptr<ParsedFile> file = parseAhead(m_tree.get(), name);
    lock.lock();
    workers.enqueueImports(*file);
    workers.changed.notify_all();
    return file;
}

bool ParallelSourceDatabase::FindFileByName(const std::string &name, gp::FileDescriptorProto *output)
{
    std::unique_ptr<ParsedFile> file;
    if (m_workers) {
        file = take(name);
    } else {
        // Outside a load, as protobuf's database: straight into the pool's copy.
        file = std::make_unique<ParsedFile>();
        file->read(m_tree.get(), name, output, m_lateLocations.get());
    }
    if (!file->opened) {
        if (m_fallback && m_fallback->FindFileByName(name, output))
            return true;
        if (m_errors)
            m_errors->AddError(name, -1, 0, file->openError);
        return false;
    }
    if (m_errors) {
        for (const ParseError &error : file->errors)
            m_errors->AddError(name, error.line, error.column, error.message);
    }
    if (!file->ok)
        return false; // the pool builds nothing from it
    if (file->proto) {
        output->CopyFrom(*file->proto);
        file->copy = output;
        m_served[name].push_back(std::move(file));
    }
    return true;
}

std::unique_ptr<gp::SourceCodeInfo> ParallelSourceDatabase::takeSourceInfo(const std::string &name)
{
    const auto found = m_sourceInfo.find(name);
    if (found == m_sourceInfo.end())
        return nullptr;
    std::unique_ptr<gp::SourceCodeInfo> info = std::move(found->second);
    m_sourceInfo.erase(found);
    return info;
}

bool ParallelSourceDatabase::FindFileContainingSymbol(const std::string &, gp::FileDescriptorProto *)
{
    return false;
}

bool ParallelSourceDatabase::FindFileContainingExtension(const std::string &, int, gp::FileDescriptorProto *)
{
    return false;
}

void ParallelSourceDatabase::locate(const std::string &file, const std::string &element,
    const gp::Message *descriptor, gp::DescriptorPool::ErrorCollector::ErrorLocation location, int *line,
    int *column)
{
    const auto served = m_served.find(file);
    if (served == m_served.end()) {
        find(*m_lateLocations, descriptor, element, location, line, column);
        return;
    }
    // In one lookup the pool asks for a file again only in an import cycle, and that second
    // build ends at its first error, about the file itself; every other error is the first's.
    ParsedFile *parsed = served->second.front().get();
    for (const std::unique_ptr<ParsedFile> &again : served->second) {
        if (again->copy == descriptor)
            parsed = again.get();
    }
    if (const gp::Message *original = parsed->original(descriptor))
        find(parsed->locations, original, element, location, line, column);
}

} // namespace wirescope
