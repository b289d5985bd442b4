#pragma once

#include "model/collection/Environment.h"
#include "model/request/SavedRequest.h"

#include <QFileSystemWatcher>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <optional>

namespace wirescope {

// The collection's own settings, kept in "collection.json" at its root.
struct CollectionSettings {
    QString id; // generated once; keys the collection's secrets in the SecretStore
    QString name;
    QString defaultEnvironment;
    QList<Environment> environments;

    bool operator==(const CollectionSettings &other) const = default;

    const Environment *environment(const QString &name) const;
    QJsonObject toJson() const;
    static bool fromJson(
        const QJsonObject &object, const QString &context, CollectionSettings *settings, QString *error);
};

// A file the collection could not read, and why (the message names the file).
struct CollectionProblem {
    QString path; // relative to the collection's folder
    QString message;
};

// One file's content before and after an edit; nullopt means the file does not exist.
struct FileChange {
    QString path; // relative to the collection's folder
    std::optional<QByteArray> before;
    std::optional<QByteArray> after;
};

// What one operation did to the files, so it can be undone and redone exactly.
struct CollectionEdit {
    QString description; // "Rename \"Echo\"", for an undo menu
    QList<FileChange> changes;
    QString resultPath; // the request the operation produced, if any
};

// A collection on disk: a folder with "collection.json" and one small JSON file per saved
// request, in subfolders that the UI shows as folders. Every save is atomic and rewrites a
// file only when its bytes change. A file that is corrupt or from a newer version is
// reported and never written to; the rest still loads. Changes made on disk by someone
// else (git checkout, an editor) are noticed, reloaded and announced. Request paths are
// relative to the collection's folder, '/'-separated: "unary/echo.json".
class Collection final : public QObject {
    Q_OBJECT

public:
    static const QString SettingsFile;
    // The mock server's stubs (`wirescope mock --collection`): beside the requests, not
    // requests themselves, so the collection neither lists nor runs them.
    static const QString MocksFolder;

    explicit Collection(QObject *parent = nullptr);
    ~Collection() override;
    Q_DISABLE_COPY_MOVE(Collection)

    // Makes a new, empty collection in `directory` (which may exist but must not hold one).
    static bool create(const QString &directory, const QString &name, QString *error);

    // Fails only when `directory` is not a collection; problems with single files are
    // listed in problems() and the rest loads.
    bool open(const QString &directory, QString *error);
    bool isOpen() const { return !m_directory.isEmpty(); }
    QString directory() const { return m_directory; }
    QString absolutePath(const QString &path) const;

    const CollectionSettings &settings() const { return m_settings; }
    const QMap<QString, SavedRequest> &requests() const { return m_requests; }
    std::optional<SavedRequest> request(const QString &path) const;
    QStringList folders() const { return m_folders; } // sorted, nested ones as "a/b"
    const QList<CollectionProblem> &problems() const { return m_problems; }

    bool saveSettings(const CollectionSettings &settings, QString *error);
    // These return the path of the request they produced, or an empty string and *error.
    QString addRequest(const SavedRequest &request, const QString &folder, QString *error);
    bool saveRequest(const QString &path, const SavedRequest &request, QString *error);
    QString renameRequest(const QString &path, const QString &name, QString *error);
    QString duplicateRequest(const QString &path, QString *error);
    QString moveRequest(const QString &path, const QString &folder, QString *error);
    bool removeRequest(const QString &path, QString *error);
    bool createFolder(const QString &folder, QString *error);
    // Removes the folder's requests (undoably) and then the folder, if nothing else is left.
    bool removeFolder(const QString &folder, QString *error);
    // Renames or moves a folder ("a/b" to "c" or "a/c") with every file in it, as one edit
    // undone in one step. The new folder must not exist yet. Returns it, or empty and *error.
    QString renameFolder(const QString &folder, const QString &newFolder, QString *error);
    // Copies a folder and its files beside it as "NAME copy"; returns the new folder.
    QString duplicateFolder(const QString &folder, QString *error);

    // Replays an edit forwards or backwards. Refuses, changing nothing, when a file no
    // longer holds what the edit expects (it was changed on disk since).
    bool apply(const CollectionEdit &edit, bool forward, QString *error);

    static bool isValidFolder(const QString &folder);
    static QString fileNameFor(const QString &requestName);

Q_SIGNALS:
    // An operation above changed files (apply() does not emit it, so undo is not recorded).
    void edited(const wirescope::CollectionEdit &edit);
    // The loaded content changed, by an operation or a reload.
    void contentChanged();
    // Files changed by someone else; the collection has already reloaded them.
    void changedOnDisk(const QStringList &paths);

private:
    using Snapshot = QHash<QString, QByteArray>;

    Snapshot readDisk(QStringList *folders) const;
    void rebuild(const Snapshot &files, const QStringList &folders);
    void loadSettings(const Snapshot &files);
    void rescan();
    void checkDisk();
    void watch();
    bool run(CollectionEdit edit, QString *error);
    bool verify(const FileChange &change, bool forward, QString *error) const;
    bool write(const FileChange &change, bool forward, QString *error);
    QString uniquePath(const QString &folder, const QString &name, const QString &keep = {}) const;
    bool requireRequest(const QString &path, SavedRequest *request, QString *error) const;
    QByteArray bytesFor(const SavedRequest &request) const;
    bool checkNewFolder(const QString &folder, const QString &newFolder, QString *error) const;
    // The folder's files ("a/x.json") and subfolders ("a/b"), with `folder/` as their prefix.
    QStringList filesIn(const QString &folder) const;
    QStringList foldersIn(const QString &folder) const;

    QString m_directory;
    CollectionSettings m_settings;
    bool m_settingsWritable = false;
    QMap<QString, SavedRequest> m_requests;
    QStringList m_folders;
    QList<CollectionProblem> m_problems;
    Snapshot m_known; // every file's bytes as last read or written, to tell others' changes from ours
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
};

} // namespace wirescope

Q_DECLARE_METATYPE(wirescope::CollectionEdit)
