#include "model/core/Settings.h"

#include <QDir>
#include <QHash>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace wirescope {

namespace {

namespace Key {
const QString WindowGeometry = QStringLiteral("window/geometry");
const QString WindowState = QStringLiteral("window/state");
const QString RecentTargets = QStringLiteral("connection/recentTargets");
const QString OpenTabs = QStringLiteral("requests/openTabs");
const QString CurrentTab = QStringLiteral("requests/currentTab");
const QString ImportPaths = QStringLiteral("schema/importPaths");
const QString LastDirectory = QStringLiteral("schema/lastDirectory");
const QString RenderLimit = QStringLiteral("response/renderLimit");
const QString KeepFullFrames = QStringLiteral("frames/keepFullFrames");
const QString RecentCollections = QStringLiteral("collections/recent");
const QString OpenCollection = QStringLiteral("collections/open");
const QString Environments = QStringLiteral("collections/activeEnvironments");
const QString DemoCollection = QStringLiteral("collections/demoInstalled");
const QString TourShown = QStringLiteral("help/tourShown");
} // namespace Key

const QHash<QString, QVariant> &defaults()
{
    static const QHash<QString, QVariant> table {
        {Key::WindowGeometry, QByteArray()},
        {Key::WindowState, QByteArray()},
        {Key::RecentTargets, QStringList()},
        {Key::CurrentTab, 0},
        {Key::ImportPaths, QStringList()},
        {Key::LastDirectory, QString()},
        {Key::RenderLimit, 50},
        {Key::KeepFullFrames, 0},
        {Key::RecentCollections, QStringList()},
        {Key::OpenCollection, QString()},
        {Key::Environments, QVariantMap()},
        {Key::DemoCollection, false},
        {Key::TourShown, false},
    };
    return table;
}

} // namespace

Settings::Settings(QObject *parent)
    : Settings(defaultFilePath(), parent)
{
}

Settings::Settings(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(filePath, QSettings::IniFormat))
{
}

Settings::~Settings() = default;

QString Settings::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/wirescope.ini");
}

QString Settings::dataDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Settings::documentsDirectory()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return documents.isEmpty() ? QDir::homePath() : documents;
}

QString Settings::filePath() const
{
    return m_settings->fileName();
}

QVariant Settings::value(const QString &key) const
{
    return m_settings->value(key, defaults().value(key));
}

void Settings::setValue(const QString &key, const QVariant &value)
{
    if (m_settings->contains(key) && m_settings->value(key) == value)
        return;
    m_settings->setValue(key, value);
    Q_EMIT changed(key);
}

QByteArray Settings::windowGeometry() const
{
    return value(Key::WindowGeometry).toByteArray();
}
void Settings::setWindowGeometry(const QByteArray &geometry)
{
    setValue(Key::WindowGeometry, geometry);
}
QByteArray Settings::windowState() const
{
    return value(Key::WindowState).toByteArray();
}
void Settings::setWindowState(const QByteArray &state)
{
    setValue(Key::WindowState, state);
}

QStringList Settings::recentTargets() const
{
    return value(Key::RecentTargets).toStringList();
}

void Settings::addRecentTarget(const QString &target)
{
    const QString trimmed = target.trimmed();
    if (trimmed.isEmpty())
        return;
    QStringList targets = recentTargets();
    targets.removeAll(trimmed);
    targets.prepend(trimmed);
    while (targets.size() > MaxRecentTargets)
        targets.removeLast();
    setValue(Key::RecentTargets, targets);
}

QStringList Settings::recentCollections() const
{
    return value(Key::RecentCollections).toStringList();
}

void Settings::addRecentCollection(const QString &directory)
{
    if (directory.isEmpty())
        return;
    QStringList directories = recentCollections();
    directories.removeAll(directory);
    directories.prepend(directory);
    while (directories.size() > MaxRecentCollections)
        directories.removeLast();
    setValue(Key::RecentCollections, directories);
}

void Settings::removeRecentCollection(const QString &directory)
{
    QStringList directories = recentCollections();
    if (directories.removeAll(directory) > 0)
        setValue(Key::RecentCollections, directories);
}

QString Settings::openCollection() const
{
    return value(Key::OpenCollection).toString();
}

void Settings::setOpenCollection(const QString &directory)
{
    setValue(Key::OpenCollection, directory);
}

QString Settings::activeEnvironment(const QString &collectionDirectory) const
{
    return value(Key::Environments).toMap().value(collectionDirectory).toString();
}

void Settings::setActiveEnvironment(const QString &collectionDirectory, const QString &environment)
{
    QVariantMap environments = value(Key::Environments).toMap();
    environments.insert(collectionDirectory, environment);
    setValue(Key::Environments, environments);
}

bool Settings::demoCollectionInstalled() const
{
    return value(Key::DemoCollection).toBool();
}

void Settings::setDemoCollectionInstalled(bool installed)
{
    setValue(Key::DemoCollection, installed);
}

bool Settings::tourShown() const
{
    return value(Key::TourShown).toBool();
}

void Settings::setTourShown(bool shown)
{
    setValue(Key::TourShown, shown);
}

QList<Settings::OpenTab> Settings::openTabs() const
{
    QList<OpenTab> tabs;
    const int count = m_settings->beginReadArray(Key::OpenTabs);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        tabs.append({m_settings->value(QStringLiteral("method")).toString(),
            m_settings->value(QStringLiteral("body")).toString(),
            m_settings->value(QStringLiteral("origin")).toString(),
            m_settings->value(QStringLiteral("protoFiles")).toStringList(),
            m_settings->value(QStringLiteral("importPaths")).toStringList(),
            m_settings->value(QStringLiteral("protoset")).toString()});
    }
    m_settings->endArray();
    return tabs;
}

void Settings::setOpenTabs(const QList<OpenTab> &tabs)
{
    if (tabs == openTabs())
        return;
    m_settings->remove(Key::OpenTabs);
    m_settings->beginWriteArray(Key::OpenTabs, int(tabs.size()));
    for (int i = 0; i < tabs.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("method"), tabs[i].method);
        m_settings->setValue(QStringLiteral("body"), tabs[i].body);
        if (!tabs[i].origin.isEmpty())
            m_settings->setValue(QStringLiteral("origin"), tabs[i].origin);
        if (!tabs[i].protoFiles.isEmpty()) {
            m_settings->setValue(QStringLiteral("protoFiles"), tabs[i].protoFiles);
            m_settings->setValue(QStringLiteral("importPaths"), tabs[i].importPaths);
        }
        if (!tabs[i].protoset.isEmpty())
            m_settings->setValue(QStringLiteral("protoset"), tabs[i].protoset);
    }
    m_settings->endArray();
    Q_EMIT changed(Key::OpenTabs);
}

int Settings::currentTab() const
{
    return value(Key::CurrentTab).toInt();
}
void Settings::setCurrentTab(int index)
{
    setValue(Key::CurrentTab, index);
}
QStringList Settings::importPaths() const
{
    return value(Key::ImportPaths).toStringList();
}
void Settings::setImportPaths(const QStringList &paths)
{
    setValue(Key::ImportPaths, paths);
}

QString Settings::lastDirectory() const
{
    const QString directory = value(Key::LastDirectory).toString();
    return directory.isEmpty() ? documentsDirectory() : directory;
}

void Settings::setLastDirectory(const QString &directory)
{
    setValue(Key::LastDirectory, directory);
}

int Settings::responseRenderLimit() const
{
    return qBound(1, value(Key::RenderLimit).toInt(), 10000);
}

void Settings::setResponseRenderLimit(int count)
{
    setValue(Key::RenderLimit, count);
}

int Settings::keepFullFrames() const
{
    return std::max(0, value(Key::KeepFullFrames).toInt());
}

void Settings::setKeepFullFrames(int count)
{
    setValue(Key::KeepFullFrames, std::max(0, count));
}

void Settings::sync()
{
    m_settings->sync();
}

} // namespace wirescope
