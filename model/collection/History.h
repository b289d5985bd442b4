#pragma once

#include "model/load/LoadSummary.h"
#include "model/request/SavedRequest.h"

#include <QDateTime>
#include <QList>
#include <QPair>

#include <optional>

namespace wirescope {

// One sent call as history remembers it. The request is kept as written, before its
// {{variables}} were resolved, so no secret value ever lands in the history file; the
// resolved target is kept beside it because that is what a person searches for.
struct HistoryEntry {
    static constexpr int SummaryLength = 200;
    // A body longer than this is not kept: a thousand entries stay a few megabytes at most,
    // and recording a call costs no more than printing a line this long.
    static constexpr qsizetype MaxBodyChars = 64 * 1024;

    QDateTime time; // UTC, to the millisecond
    SavedRequest request;
    QString resolvedTarget;
    QString status; // "OK", "NOT_FOUND", ...
    qint64 elapsedMs = 0;
    QString responseSummary; // the first SummaryLength characters of the response
    // The last response message as JSON, whole, when it is under MaxBodyChars: what Compare
    // Responses sets side by side. Empty in entries recorded before it was kept.
    QString response;
    qint64 bodyOmittedChars = 0; // the body was this long, over MaxBodyChars, and is not kept
    // Set for a load run (the request's Load page) and only then: its plan, counts and
    // latencies. Entries of single calls, and every entry recorded before load runs were
    // kept, have none, and their lines stay as they were.
    std::optional<LoadSummary> load;

    bool operator==(const HistoryEntry &other) const = default;

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &object, HistoryEntry *entry, QString *error);
    // The start of a response, on one line, for lists and search.
    static QString summarize(const QString &response);
    // Nothing that came from a secret is kept: a target written with a secret variable stays
    // as written, and a secret's value echoed in the response is replaced by its {{name}}.
    // `secrets` holds the active environment's secrets, name and value.
    void redactSecrets(const QList<QPair<QString, QString>> &secrets);
};

// Every call sent, newest last, bounded in number: the oldest entries go first. Stored as
// JSON Lines in a folder of the user's data directory (not in a collection), one entry per
// line, so recording a call is one append. A line that cannot be read (torn by a crash,
// edited by hand, from a newer version) is skipped and counted; the rest loads. The file
// is rewritten, atomically, only when it has grown well past the bound.
class History final {
public:
    static constexpr int DefaultMaxEntries = 1000;

    explicit History(const QString &directory, int maxEntries = DefaultMaxEntries);
    Q_DISABLE_COPY_MOVE(History)

    // The user's data folder (QStandardPaths::AppDataLocation) + "/history"; the one place
    // history asks QStandardPaths, for the app to pass in.
    static QString defaultDirectory();
    QString filePath() const { return m_filePath; }
    int maxEntries() const { return m_maxEntries; }

    // What a history file holds, read and parsed (and bounded to `maxEntries`), for load() to
    // adopt. Reading touches no History, so a worker can do it while the window starts.
    struct Contents {
        QList<HistoryEntry> entries; // oldest first
        int linesOnDisk = 0;
        int skippedLines = 0;
        QString error; // the file exists but could not be read
    };
    static Contents read(const QString &filePath, int maxEntries);
    // Takes what read() found in filePath(): the history is loaded from then on. False with
    // `error` set when the file could not be read (the history is then empty).
    bool adopt(Contents contents, QString *error);
    bool load(QString *error);
    bool isLoaded() const { return m_loaded; }
    // Loads first if load() was not called, so compaction never drops entries on disk.
    // A body over HistoryEntry::MaxBodyChars is dropped and its length noted.
    bool append(HistoryEntry entry, QString *error);
    bool clear(QString *error);

    const QList<HistoryEntry> &entries() const { return m_entries; } // oldest first
    // Entries holding every word of `text` (case-insensitive) in their name, method,
    // targets, status, body or response summary; newest first. Empty text matches all.
    QList<HistoryEntry> search(const QString &text) const;
    // The rule search() applies: every word appears in one of those fields.
    static QStringList searchWords(const QString &text);
    static bool matches(const HistoryEntry &entry, const QStringList &words);
    int skippedLines() const { return m_skippedLines; }

private:
    bool appendLine(const QByteArray &line, QString *error);
    bool compact(QString *error);
    void trim();

    QString m_directory;
    QString m_filePath;
    int m_maxEntries;
    QList<HistoryEntry> m_entries;
    int m_linesOnDisk = 0;
    int m_skippedLines = 0;
    bool m_loaded = false;
};

} // namespace wirescope
