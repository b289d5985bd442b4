#include "model/Settings.h"

#include <QDir>
#include <QHash>
#include <QSettings>
#include <QStandardPaths>

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

QList<Settings::OpenTab> Settings::openTabs() const
{
    QList<OpenTab> tabs;
    const int count = m_settings->beginReadArray(Key::OpenTabs);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        tabs.append({m_settings->value(QStringLiteral("method")).toString(),
            m_settings->value(QStringLiteral("body")).toString()});
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

void Settings::sync()
{
    m_settings->sync();
}

} // namespace wirescope
