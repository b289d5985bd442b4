#include "model/collection/Collection.h"

#include "model/collection/CollectionFormat.h"
#include "model/core/AtomicFile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

namespace wirescope {

const QString Collection::SettingsFile = QStringLiteral("collection.json");
const QString Collection::MocksFolder = QStringLiteral("mocks");

namespace {

// A saved request is a few kilobytes; past this it is not one.
constexpr qint64 CollectionMaxFileBytes = 16 * 1024 * 1024;

// Long enough for git to settle after a checkout that touches many files.
constexpr int DebounceMs = 150;
constexpr int MaxSlugLength = 60;

QString folderOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

QString joinPath(const QString &folder, const QString &fileName)
{
    return folder.isEmpty() ? fileName : folder + QLatin1Char('/') + fileName;
}

QString slug(const QString &name)
{
    QString result;
    for (const QChar c : name.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            result += c;
        else if (!result.isEmpty() && !result.endsWith(QLatin1Char('-')))
            result += QLatin1Char('-');
    }
    while (result.endsWith(QLatin1Char('-')))
        result.chop(1);
    result.truncate(MaxSlugLength);
    return result.isEmpty() ? QStringLiteral("request") : result;
}

bool isHidden(const QString &name)
{
    return name.startsWith(QLatin1Char('.'));
}

QString invalidFolderMessage(const QString &folder)
{
    if (folder.section(QLatin1Char('/'), 0, 0) == Collection::MocksFolder)
        return QStringLiteral(
            "\"%1\" holds the mock server's stubs, not requests; choose another folder name")
            .arg(Collection::MocksFolder);
    return QStringLiteral("\"%1\" is not a valid folder name").arg(folder);
}

} // namespace

const Environment *CollectionSettings::environment(const QString &environmentName) const
{
    for (const Environment &candidate : environments) {
        if (candidate.name == environmentName)
            return &candidate;
    }
    return nullptr;
}

QJsonObject CollectionSettings::toJson() const
{
    QJsonArray list;
    for (const Environment &environment : environments)
        list.append(environment.toJson());
    return {{QStringLiteral("id"), id}, {QStringLiteral("name"), name},
        {QStringLiteral("defaultEnvironment"), defaultEnvironment}, {QStringLiteral("environments"), list}};
}

bool CollectionSettings::fromJson(
    const QJsonObject &object, const QString &context, CollectionSettings *settings, QString *error)
{
    JsonFields fields(object, context);
    CollectionSettings result;
    result.id = fields.string(QStringLiteral("id"));
    result.name = fields.string(QStringLiteral("name"));
    result.defaultEnvironment = fields.string(QStringLiteral("defaultEnvironment"));
    const QJsonArray list = fields.array(QStringLiteral("environments"));
    for (int i = 0; i < list.size() && fields.ok(); ++i) {
        Environment environment;
        QString environmentError;
        if (!list.at(i).isObject()
            || !Environment::fromJson(list.at(i).toObject(), QStringLiteral("environments[%1]").arg(i),
                &environment, &environmentError))
            fields.fail(environmentError.isEmpty() ? QStringLiteral("environments should hold objects")
                                                   : environmentError);
        result.environments.append(environment);
    }
    if (!fields.ok()) {
        *error = fields.error();
        return false;
    }
    *settings = result;
    return true;
}

Collection::Collection(QObject *parent)
    : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &Collection::checkDisk);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_debounce, qOverload<>(&QTimer::start));
}

Collection::~Collection() = default;

bool Collection::create(const QString &directory, const QString &name, QString *error)
{
    const QString settingsPath = QDir(directory).filePath(SettingsFile);
    if (QFile::exists(settingsPath)) {
        *error = QStringLiteral("%1 already holds a collection").arg(QDir::toNativeSeparators(directory));
        return false;
    }
    CollectionSettings settings;
    settings.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    settings.name = name;
    return AtomicFile::write(settingsPath, CollectionFormat::toBytes(settings.toJson()), error);
}

bool Collection::open(const QString &directory, QString *error)
{
    const QFileInfo info(directory);
    if (!info.isDir() || !QFileInfo::exists(QDir(directory).filePath(SettingsFile))) {
        *error = QStringLiteral("%1 is not a Wirescope collection (it has no %2)")
                     .arg(QDir::toNativeSeparators(directory), SettingsFile);
        return false;
    }
    m_directory = QDir::cleanPath(info.absoluteFilePath());
    rescan();
    return true;
}

QString Collection::absolutePath(const QString &path) const
{
    return QDir(m_directory).filePath(path);
}

std::optional<SavedRequest> Collection::request(const QString &path) const
{
    const auto it = m_requests.constFind(path);
    if (it == m_requests.cend())
        return std::nullopt;
    return *it;
}

Collection::Snapshot Collection::readDisk(QStringList *folders) const
{
    Snapshot files;
    const QDir root(m_directory);
    QDirIterator it(
        m_directory, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString absolute = it.next();
        const QString relative = root.relativeFilePath(absolute);
        // Hidden entries are git's, editors' and QSaveFile's, never requests.
        const QStringList parts = relative.split(QLatin1Char('/'));
        if (std::any_of(parts.cbegin(), parts.cend(), isHidden) || parts.first() == MocksFolder)
            continue;
        if (it.fileInfo().isDir()) {
            folders->append(relative);
        } else if (relative.endsWith(QLatin1String(".json"))
            && !relative.endsWith(QLatin1String(".snapshot.json"))) {
            // A request's snapshot (see model/runner/Snapshot) lives beside it; not a request.
            // A request that is a device or huge is listed as unreadable, not read.
            QByteArray bytes;
            QString ignored;
            if (AtomicFile::read(absolute, &bytes, &ignored, CollectionMaxFileBytes))
                files.insert(relative, bytes);
            else if (QFileInfo::exists(absolute))
                files.insert(relative, QByteArray());
        }
    }
    folders->sort();
    return files;
}

void Collection::loadSettings(const Snapshot &files)
{
    m_settingsWritable = false;
    m_settings = CollectionSettings();
    m_settings.name = QFileInfo(m_directory).fileName();
    const QString path = absolutePath(SettingsFile);
    QString error;
    QJsonObject object;
    if (!files.contains(SettingsFile))
        error = QStringLiteral("%1: missing").arg(QDir::toNativeSeparators(path));
    else if (CollectionFormat::parse(files.value(SettingsFile), path, &object, &error)
        && CollectionSettings::fromJson(object, QDir::toNativeSeparators(path), &m_settings, &error))
        m_settingsWritable = true;
    if (!m_settingsWritable)
        m_problems.append({SettingsFile, error});
}

void Collection::rebuild(const Snapshot &files, const QStringList &folders)
{
    m_known = files;
    m_folders = folders;
    m_requests.clear();
    m_problems.clear();
    loadSettings(files);
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (it.key() == SettingsFile)
            continue;
        SavedRequest request;
        QString error;
        if (SavedRequest::fromBytes(it.value(), absolutePath(it.key()), &request, &error))
            m_requests.insert(it.key(), request);
        else
            m_problems.append({it.key(), error});
    }
    std::sort(m_problems.begin(), m_problems.end(),
        [](const CollectionProblem &a, const CollectionProblem &b) { return a.path < b.path; });
}

void Collection::rescan()
{
    QStringList folders;
    const Snapshot files = readDisk(&folders);
    rebuild(files, folders);
    watch();
    Q_EMIT contentChanged();
}

void Collection::checkDisk()
{
    if (!isOpen())
        return;
    QStringList folders;
    const Snapshot files = readDisk(&folders);
    QStringList changed;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (!m_known.contains(it.key()) || m_known.value(it.key()) != it.value())
            changed.append(it.key());
    }
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it) {
        if (!files.contains(it.key()))
            changed.append(it.key());
    }
    const bool foldersChanged = folders != m_folders;
    if (!changed.isEmpty() || foldersChanged)
        rebuild(files, folders);
    watch(); // a replaced file is a new inode, which the watcher no longer follows
    if (changed.isEmpty() && !foldersChanged)
        return;
    changed.sort();
    Q_EMIT contentChanged();
    if (!changed.isEmpty())
        Q_EMIT changedOnDisk(changed);
}

void Collection::watch()
{
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    QStringList paths {m_directory};
    for (const QString &folder : std::as_const(m_folders))
        paths.append(absolutePath(folder));
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it)
        paths.append(absolutePath(it.key()));
    m_watcher.addPaths(paths);
}

bool Collection::isValidFolder(const QString &folder)
{
    if (folder.isEmpty())
        return true;
    const QStringList parts = folder.split(QLatin1Char('/'));
    if (parts.first() == MocksFolder)
        return false; // where the mock's stubs live
    return std::none_of(parts.cbegin(), parts.cend(), [](const QString &part) {
        return part.isEmpty() || isHidden(part) || part.contains(QLatin1Char('\\'))
            || part.contains(QLatin1Char(':'));
    });
}

QString Collection::fileNameFor(const QString &requestName)
{
    return slug(requestName) + QStringLiteral(".json");
}

QString Collection::uniquePath(const QString &folder, const QString &name, const QString &keep) const
{
    const QString base = slug(name);
    QString candidate = joinPath(folder, base + QStringLiteral(".json"));
    for (int n = 2;
         candidate != keep && (m_known.contains(candidate) || QFile::exists(absolutePath(candidate))); ++n)
        candidate = joinPath(folder, base + QStringLiteral("-%1.json").arg(n));
    return candidate;
}

QByteArray Collection::bytesFor(const SavedRequest &request) const
{
    return request.relativeTo(QDir(m_directory)).toBytes();
}

bool Collection::requireRequest(const QString &path, SavedRequest *request, QString *error) const
{
    const auto it = m_requests.constFind(path);
    if (it == m_requests.cend()) {
        *error = QStringLiteral("%1: no such request in the collection").arg(path);
        return false;
    }
    *request = *it;
    return true;
}

bool Collection::verify(const FileChange &change, bool forward, QString *error) const
{
    const std::optional<QByteArray> &expected = forward ? change.before : change.after;
    QFile file(absolutePath(change.path));
    std::optional<QByteArray> current;
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error
                = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
            return false;
        }
        current = file.readAll();
    }
    if (current == expected)
        return true;
    *error = QStringLiteral("%1 was changed on disk in the meantime; nothing was changed")
                 .arg(QDir::toNativeSeparators(file.fileName()));
    return false;
}

bool Collection::write(const FileChange &change, bool forward, QString *error)
{
    const std::optional<QByteArray> &content = forward ? change.after : change.before;
    const QString path = absolutePath(change.path);
    if (content)
        return AtomicFile::write(path, *content, error);
    if (!QFile::exists(path) || QFile::remove(path))
        return true;
    *error = QStringLiteral("%1: cannot delete").arg(QDir::toNativeSeparators(path));
    return false;
}

bool Collection::apply(const CollectionEdit &edit, bool forward, QString *error)
{
    if (!isOpen()) {
        *error = QStringLiteral("no collection is open");
        return false;
    }
    for (const FileChange &change : edit.changes) {
        if (!verify(change, forward, error))
            return false;
    }
    // New content first, removals last: a crash in between leaves a duplicate, never a loss.
    bool ok = true;
    for (int pass = 0; pass < 2 && ok; ++pass) {
        for (const FileChange &change : edit.changes) {
            const bool removes = !(forward ? change.after : change.before).has_value();
            if (removes == (pass == 1) && !write(change, forward, error)) {
                ok = false;
                break;
            }
        }
    }
    rescan();
    return ok;
}

bool Collection::run(CollectionEdit edit, QString *error)
{
    if (!apply(edit, true, error))
        return false;
    Q_EMIT edited(edit);
    return true;
}

bool Collection::saveSettings(const CollectionSettings &settings, QString *error)
{
    if (!m_settingsWritable) {
        *error = QStringLiteral("%1 could not be read, so it is not overwritten; fix or restore it first")
                     .arg(QDir::toNativeSeparators(absolutePath(SettingsFile)));
        return false;
    }
    CollectionSettings updated = settings;
    if (updated.id.isEmpty())
        updated.id = m_settings.id;
    const QByteArray bytes = CollectionFormat::toBytes(updated.toJson());
    const QByteArray before = m_known.value(SettingsFile);
    if (bytes == before)
        return true;
    return run({QStringLiteral("Change collection settings"), {{SettingsFile, before, bytes}}, {}}, error);
}

QString Collection::addRequest(const SavedRequest &request, const QString &folder, QString *error)
{
    if (!isValidFolder(folder)) {
        *error = invalidFolderMessage(folder);
        return {};
    }
    const QString path = uniquePath(folder, request.name);
    const CollectionEdit edit {
        QStringLiteral("Add \"%1\"").arg(request.name), {{path, std::nullopt, bytesFor(request)}}, path};
    return run(edit, error) ? path : QString();
}

bool Collection::saveRequest(const QString &path, const SavedRequest &request, QString *error)
{
    SavedRequest old;
    if (!requireRequest(path, &old, error))
        return false;
    const QByteArray before = m_known.value(path);
    const QByteArray after = bytesFor(request);
    if (before == after)
        return true; // an unchanged request leaves the file, and git, alone
    return run({QStringLiteral("Save \"%1\"").arg(request.name), {{path, before, after}}, path}, error);
}

QString Collection::renameRequest(const QString &path, const QString &name, QString *error)
{
    SavedRequest request;
    if (!requireRequest(path, &request, error))
        return {};
    const QString description = QStringLiteral("Rename \"%1\" to \"%2\"").arg(request.name, name);
    request.name = name;
    const QString newPath = uniquePath(folderOf(path), name, path);
    CollectionEdit edit {description, {}, newPath};
    if (newPath == path) {
        edit.changes.append({path, m_known.value(path), bytesFor(request)});
    } else {
        edit.changes.append({path, m_known.value(path), std::nullopt});
        edit.changes.append({newPath, std::nullopt, bytesFor(request)});
    }
    return run(edit, error) ? newPath : QString();
}

QString Collection::duplicateRequest(const QString &path, QString *error)
{
    SavedRequest request;
    if (!requireRequest(path, &request, error))
        return {};
    request.name += QStringLiteral(" copy");
    const QString newPath = uniquePath(folderOf(path), request.name);
    const CollectionEdit edit {QStringLiteral("Duplicate \"%1\"").arg(request.name),
        {{newPath, std::nullopt, bytesFor(request)}}, newPath};
    return run(edit, error) ? newPath : QString();
}

QString Collection::moveRequest(const QString &path, const QString &folder, QString *error)
{
    SavedRequest request;
    if (!requireRequest(path, &request, error))
        return {};
    if (!isValidFolder(folder)) {
        *error = invalidFolderMessage(folder);
        return {};
    }
    if (folderOf(path) == folder)
        return path;
    // The file keeps its name (made unique in the new folder), so git sees a pure move.
    const QString newPath = uniquePath(folder, QFileInfo(path).completeBaseName());
    const QByteArray bytes = m_known.value(path);
    const CollectionEdit edit {QStringLiteral("Move \"%1\"").arg(request.name),
        {{path, bytes, std::nullopt}, {newPath, std::nullopt, bytes}}, newPath};
    return run(edit, error) ? newPath : QString();
}

bool Collection::removeRequest(const QString &path, QString *error)
{
    SavedRequest request;
    if (!requireRequest(path, &request, error))
        return false;
    return run(
        {QStringLiteral("Delete \"%1\"").arg(request.name), {{path, m_known.value(path), std::nullopt}}, {}},
        error);
}

bool Collection::createFolder(const QString &folder, QString *error)
{
    if (folder.isEmpty() || !isValidFolder(folder) || !isOpen()) {
        *error = invalidFolderMessage(folder);
        return false;
    }
    if (!QDir().mkpath(absolutePath(folder))) {
        *error = QStringLiteral("%1: cannot create the folder")
                     .arg(QDir::toNativeSeparators(absolutePath(folder)));
        return false;
    }
    rescan();
    return true;
}

bool Collection::removeFolder(const QString &folder, QString *error)
{
    if (folder.isEmpty() || !m_folders.contains(folder)) {
        *error = QStringLiteral("\"%1\": no such folder in the collection").arg(folder);
        return false;
    }
    const QString prefix = folder + QLatin1Char('/');
    CollectionEdit edit {QStringLiteral("Delete folder \"%1\"").arg(folder), {}, {}};
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it) {
        if (it.key().startsWith(prefix))
            edit.changes.append({it.key(), m_known.value(it.key()), std::nullopt});
    }
    if (!edit.changes.isEmpty() && !run(edit, error))
        return false;
    // Deepest first; a folder still holding something (a corrupt file, say) stays.
    QStringList doomed = m_folders.filter(
        QRegularExpression(QStringLiteral("^%1(/|$)").arg(QRegularExpression::escape(folder))));
    std::sort(
        doomed.begin(), doomed.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &path : std::as_const(doomed))
        QDir().rmdir(absolutePath(path));
    rescan();
    return true;
}

QStringList Collection::filesIn(const QString &folder) const
{
    const QString prefix = folder + QLatin1Char('/');
    QStringList files;
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it) {
        if (it.key().startsWith(prefix))
            files.append(it.key());
    }
    return files;
}

QStringList Collection::foldersIn(const QString &folder) const
{
    const QString prefix = folder + QLatin1Char('/');
    QStringList folders;
    for (const QString &other : m_folders) {
        if (other.startsWith(prefix))
            folders.append(other);
    }
    return folders;
}

bool Collection::checkNewFolder(const QString &folder, const QString &newFolder, QString *error) const
{
    if (folder.isEmpty() || !m_folders.contains(folder)) {
        *error = QStringLiteral("\"%1\": no such folder in the collection").arg(folder);
        return false;
    }
    if (newFolder.isEmpty() || !isValidFolder(newFolder)) {
        *error = invalidFolderMessage(newFolder);
        return false;
    }
    if (newFolder == folder || newFolder.startsWith(folder + QLatin1Char('/'))) {
        *error = QStringLiteral("\"%1\" cannot go inside itself").arg(folder);
        return false;
    }
    if (m_folders.contains(newFolder) || QFileInfo::exists(absolutePath(newFolder))) {
        *error = QStringLiteral("\"%1\" already exists").arg(newFolder);
        return false;
    }
    return true;
}

QString Collection::renameFolder(const QString &folder, const QString &newFolder, QString *error)
{
    if (!checkNewFolder(folder, newFolder, error))
        return {};
    const bool moved = folderOf(folder) != folderOf(newFolder);
    CollectionEdit edit {(moved ? QStringLiteral("Move folder \"%1\" to \"%2\"")
                                : QStringLiteral("Rename folder \"%1\" to \"%2\""))
                             .arg(folder, newFolder),
        {}, {}};
    for (const QString &path : filesIn(folder)) {
        const QByteArray bytes = m_known.value(path);
        edit.changes.append({path, bytes, std::nullopt});
        edit.changes.append({newFolder + path.mid(folder.size()), std::nullopt, bytes});
    }
    // Empty subfolders hold no file to move: they are made, and the old ones removed.
    QStringList old = foldersIn(folder) << folder;
    for (const QString &sub : std::as_const(old)) {
        if (!QDir().mkpath(absolutePath(newFolder + sub.mid(folder.size())))) {
            *error = QStringLiteral("%1: cannot create the folder")
                         .arg(QDir::toNativeSeparators(absolutePath(newFolder)));
            return {};
        }
    }
    if (!edit.changes.isEmpty() && !run(edit, error))
        return {};
    std::sort(old.begin(), old.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &sub : std::as_const(old))
        QDir().rmdir(absolutePath(sub)); // only if empty: a file git or someone else put there stays
    rescan();
    return newFolder;
}

QString Collection::duplicateFolder(const QString &folder, QString *error)
{
    if (folder.isEmpty() || !m_folders.contains(folder)) {
        *error = QStringLiteral("\"%1\": no such folder in the collection").arg(folder);
        return {};
    }
    QString copy = folder + QStringLiteral(" copy");
    for (int n = 2; m_folders.contains(copy) || QFileInfo::exists(absolutePath(copy)); ++n)
        copy = folder + QStringLiteral(" copy %1").arg(n);
    CollectionEdit edit {QStringLiteral("Duplicate folder \"%1\"").arg(folder), {}, {}};
    for (const QString &path : filesIn(folder)) {
        if (m_requests.contains(path)) // an unreadable file is not copied
            edit.changes.append({copy + path.mid(folder.size()), std::nullopt, m_known.value(path)});
    }
    const QStringList folders = foldersIn(folder) << folder;
    for (const QString &sub : folders)
        QDir().mkpath(absolutePath(copy + sub.mid(folder.size())));
    if (!edit.changes.isEmpty() && !run(edit, error))
        return {};
    rescan();
    return copy;
}

} // namespace wirescope
