#include "ui/CollectionSession.h"

#include "model/Collection.h"
#include "model/CollectionUndo.h"
#include "model/DraftStore.h"
#include "model/History.h"
#include "model/SecretStore.h"
#include "model/Settings.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace wirescope {

namespace {

const QString DemoResource = QStringLiteral(":/collections/demo");

// Remembers what the store answered, so that checking a body as it is typed does not ask
// the keychain again on every keystroke. Writes and removals go through it, so it stays
// true to the store as long as nobody else edits the same secrets meanwhile.
class CachingSecretStore final : public SecretStore {
public:
    explicit CachingSecretStore(std::unique_ptr<SecretStore> store)
        : m_store(std::move(store))
    {
    }

    std::optional<QString> read(const QString &key, QString *error) const override
    {
        if (const auto cached = m_cache.constFind(key); cached != m_cache.cend())
            return *cached;
        QString problem;
        const std::optional<QString> value = m_store->read(key, &problem);
        if (!problem.isEmpty()) {
            *error = problem;
            return std::nullopt; // a failure is not remembered: the next read tries again
        }
        m_cache.insert(key, value);
        return value;
    }

    bool write(const QString &key, const QString &value, QString *error) override
    {
        m_cache.remove(key);
        if (!m_store->write(key, value, error))
            return false;
        m_cache.insert(key, value);
        return true;
    }

    bool remove(const QString &key, QString *error) override
    {
        m_cache.remove(key);
        return m_store->remove(key, error);
    }

private:
    std::unique_ptr<SecretStore> m_store;
    mutable QHash<QString, std::optional<QString>> m_cache;
};

} // namespace

CollectionSession::CollectionSession(Settings *settings, Stores stores, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(std::make_unique<CachingSecretStore>(std::move(stores.secrets)))
    , m_history(std::make_unique<History>(stores.historyDirectory))
    , m_drafts(std::make_unique<DraftStore>(stores.draftDirectory))
{
}

CollectionSession::~CollectionSession() = default;

bool CollectionSession::open(const QString &directory, QString *error)
{
    auto collection = std::make_unique<Collection>();
    if (!collection->open(directory, error))
        return false;
    close();
    m_collection = std::move(collection);
    m_undo = std::make_unique<CollectionUndo>(m_collection.get());
    const QString path = m_collection->directory();
    m_settings->addRecentCollection(path);
    m_settings->setOpenCollection(path);
    const CollectionSettings &settings = m_collection->settings();
    QString environment = m_settings->activeEnvironment(path);
    if (!settings.environment(environment))
        environment
            = settings.environment(settings.defaultEnvironment) ? settings.defaultEnvironment : QString();
    m_environment = environment;
    Q_EMIT collectionChanged();
    Q_EMIT environmentChanged();
    return true;
}

bool CollectionSession::create(const QString &directory, const QString &name, QString *error)
{
    return Collection::create(directory, name, error) && open(directory, error);
}

void CollectionSession::close()
{
    if (!m_collection)
        return;
    m_undo.reset();
    m_collection.reset();
    m_environment.clear();
    m_settings->setOpenCollection({});
    Q_EMIT collectionChanged();
    Q_EMIT environmentChanged();
}

QString CollectionSession::directory() const
{
    return m_collection ? m_collection->directory() : QString();
}

QString CollectionSession::demoCollectionDirectory()
{
    return Settings::dataDirectory() + QStringLiteral("/collections/demo");
}

QString CollectionSession::installDemoCollection(QString *error)
{
    const QString target = demoCollectionDirectory();
    if (m_settings->demoCollectionInstalled())
        return QFileInfo::exists(target + u'/' + Collection::SettingsFile) ? target : QString();
    if (!QFileInfo::exists(target + u'/' + Collection::SettingsFile)) {
        QDirIterator files(DemoResource, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString source = files.next();
            const QString destination = target + source.mid(DemoResource.size());
            QFile::remove(destination);
            if (!QDir().mkpath(QFileInfo(destination).path()) || !QFile::copy(source, destination)) {
                *error = tr("Could not copy the demo collection to %1").arg(destination);
                return {};
            }
            // Resources are read-only; the copy is the user's to edit.
            QFile::setPermissions(
                destination, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        }
    }
    m_settings->setDemoCollectionInstalled(true);
    return target;
}

void CollectionSession::setActiveEnvironment(const QString &name)
{
    if (name == m_environment)
        return;
    m_environment = name;
    if (m_collection)
        m_settings->setActiveEnvironment(m_collection->directory(), name);
    Q_EMIT environmentChanged();
}

void CollectionSession::setBuiltIns(const QMap<QString, QString> &values)
{
    m_builtIns = values;
    Q_EMIT environmentChanged();
}

VariableScope CollectionSession::scope() const
{
    VariableScope scope;
    if (m_collection) {
        const Environment *environment = m_collection->settings().environment(m_environment);
        scope = VariableScope(
            environment ? *environment : Environment {}, m_secrets.get(), m_collection->settings().id);
    }
    scope.setBuiltIns(m_builtIns);
    return scope;
}

QString CollectionSession::resolve(const QString &text, QStringList *unresolved) const
{
    if (!text.contains(QStringLiteral("{{")))
        return text;
    return scope().substitute(text, unresolved);
}

SavedRequest CollectionSession::resolve(const SavedRequest &request, QStringList *unresolved) const
{
    return scope().resolve(request, unresolved);
}

QString CollectionSession::draftKey(const QString &requestPath, const QString &scratchId) const
{
    if (m_collection && !requestPath.isEmpty())
        return m_collection->directory() + u'#' + requestPath;
    return QStringLiteral("scratch#") + scratchId;
}

} // namespace wirescope
