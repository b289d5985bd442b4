// The fuzz targets' driver where libFuzzer is not available (gcc, or a build without
// WIRESCOPE_SANITIZE): it runs the seed inputs, then a fixed number of random mutations of
// them. The mutations are the same on every run of the same command, so a failure found in
// CI happens again on a developer's machine.
//
//     wirescope_fuzz_NAME [SEED_FILE_OR_FOLDER...] [-runs=N] [-seed=N]
//
// Other libFuzzer flags are accepted and ignored, so both kinds of binary take one command.
#include "FuzzSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <random>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Under AddressSanitizer its own handler reports a crash, with a stack; ours would hide it.
#if defined(__SANITIZE_ADDRESS__)
#define WIRESCOPE_FUZZ_ASAN
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WIRESCOPE_FUZZ_ASAN
#endif
#endif

namespace {

// The input being run, for the crash handler: a crash that is not an abort() of ours (a
// segfault in a plain build) still says which input caused it.
const QByteArray *current = nullptr;

void writeAll(const char *text, size_t size)
{
    while (size > 0) {
        const ssize_t written = ::write(STDERR_FILENO, text, size);
        if (written <= 0)
            return;
        text += written;
        size -= size_t(written);
    }
}

// Only async-signal-safe calls: write(2) and plain arithmetic.
[[maybe_unused]] void onCrash(int signal)
{
    if (current) {
        static const char intro[] = "\nfuzz: crashed on this input (hex, up to 4096 bytes):\n";
        writeAll(intro, sizeof intro - 1);
        const char *digits = "0123456789abcdef";
        const qsizetype shown = current->size() < 4096 ? current->size() : 4096;
        for (qsizetype i = 0; i < shown; ++i) {
            const auto byte = static_cast<unsigned char>(current->at(i));
            const char pair[2] = {digits[byte >> 4], digits[byte & 15]};
            writeAll(pair, 2);
        }
        writeAll("\n", 1);
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void run(const QByteArray &input)
{
    current = &input;
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
    current = nullptr;
}

QList<QByteArray> readSeeds(const QStringList &paths)
{
    QList<QByteArray> seeds;
    for (const QString &path : paths) {
        QStringList files {path};
        if (QFileInfo(path).isDir()) {
            files.clear();
            for (const QFileInfo &entry : QDir(path).entryInfoList(QDir::Files, QDir::Name))
                files.append(entry.filePath());
        }
        for (const QString &file : std::as_const(files)) {
            QFile in(file);
            if (in.open(QIODevice::ReadOnly))
                seeds.append(in.readAll());
            else
                std::fprintf(stderr, "fuzz: cannot read seed %s\n", qPrintable(file));
        }
    }
    if (seeds.isEmpty())
        seeds.append(QByteArray());
    return seeds;
}

// A few byte-level edits, some of them splicing in bytes of another seed, so that parts
// of different valid inputs meet.
QByteArray mutate(QByteArray bytes, const QList<QByteArray> &seeds, std::mt19937 &random)
{
    const int edits = 1 + int(random() % 8);
    for (int i = 0; i < edits; ++i) {
        const auto at = bytes.isEmpty() ? 0 : qsizetype(random() % bytes.size());
        switch (random() % 5) {
        case 0:
            if (!bytes.isEmpty())
                bytes[at] = char(random());
            break;
        case 1:
            bytes.insert(at, char(random()));
            break;
        case 2:
            bytes.remove(at, 1 + qsizetype(random() % 4));
            break;
        case 3:
            bytes.insert(at, bytes.mid(at, 1 + qsizetype(random() % 16)));
            break;
        default: {
            const QByteArray &other = seeds.at(qsizetype(random() % seeds.size()));
            const auto from = other.isEmpty() ? 0 : qsizetype(random() % other.size());
            bytes.insert(at, other.mid(from, 1 + qsizetype(random() % 32)));
            break;
        }
        }
    }
    return bytes;
}

long flagValue(const char *argument, const char *flag, long fallback)
{
    const size_t length = qstrlen(flag);
    return qstrncmp(argument, flag, length) == 0 ? std::strtol(argument + length, nullptr, 10) : fallback;
}

} // namespace

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    long runs = 10000;
    long seed = 20240601;
    QStringList paths;
    for (int i = 1; i < argc; ++i) {
        runs = flagValue(argv[i], "-runs=", runs);
        seed = flagValue(argv[i], "-seed=", seed);
        if (argv[i][0] != '-')
            paths.append(QString::fromLocal8Bit(argv[i]));
    }
#ifndef WIRESCOPE_FUZZ_ASAN
    for (const int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
        std::signal(signal, onCrash);
#endif

    const QList<QByteArray> seeds = readSeeds(paths);
    for (const QByteArray &input : seeds)
        run(input);
    std::mt19937 random(static_cast<std::mt19937::result_type>(seed));
    for (long i = 0; i < runs; ++i)
        run(mutate(seeds.at(qsizetype(random() % seeds.size())), seeds, random));
    std::printf("%s: %lld seeds and %ld mutated inputs, no failure\n",
        qPrintable(QFileInfo(QString::fromLocal8Bit(argv[0])).fileName()),
        static_cast<long long>(seeds.size()), runs);
    return 0;
}
