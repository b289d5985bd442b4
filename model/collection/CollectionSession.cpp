#include "model/collection/CollectionSession.h"

#include "model/collection/AsyncSecretStore.h"
#include "model/collection/Collection.h"
#include "model/collection/CollectionUndo.h"
#include "model/collection/DraftStore.h"
#include "model/collection/History.h"
#include "model/collection/SecretStore.h"
#include "model/core/Settings.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace wirescope {

namespace {

const QString DemoResource = QStringLiteral(":/collections/demo");

} // namespace

CollectionSession::CollectionSession(Settings *settings, Stores stores, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(std::make_unique<AsyncSecretStore>(std::move(stores.secrets)))
    , m_history(std::make_unique<History>(stores.historyDirectory))
    , m_drafts(std::make_unique<DraftStore>(stores.draftDirectory))
{
    connect(m_secrets.get(), &AsyncSecretStore::loaded, this, &CollectionSession::valuesChanged);
    connect(this, &CollectionSession::environmentChanged, this, [this] {
        preloadActiveSecrets();
        Q_EMIT valuesChanged();
    });
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

QList<QPair<QString, QString>> CollectionSession::activeSecrets() const
{
    QList<QPair<QString, QString>> out;
    const Environment *environment
        = m_collection ? m_collection->settings().environment(m_environment) : nullptr;
    if (!environment)
        return out;
    const VariableScope variables = scope();
    for (const QString &name : environment->secretNames) {
        if (const std::optional<QString> value = variables.value(name); value && !value->isEmpty())
            out.append({name, *value});
    }
    return out;
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

QString CollectionSession::activeSecretKey(const QString &name) const
{
    return SecretStore::secretKey(m_collection->settings().id, m_environment, name);
}

void CollectionSession::preloadActiveSecrets()
{
    if (!m_collection)
        return;
    const Environment *environment = m_collection->settings().environment(m_environment);
    if (!environment)
        return;
    QStringList keys;
    for (const QString &name : environment->secretNames)
        keys.append(activeSecretKey(name));
    m_secrets->preload(keys);
}

QString CollectionSession::explainUnresolved(const QStringList &names) const
{
    QStringList waiting;
    QStringList unknown;
    for (const QString &name : names) {
        const bool pending = m_collection && m_secrets->isPending(activeSecretKey(name));
        (pending ? waiting : unknown).append(QStringLiteral("{{%1}}").arg(name));
    }
    QStringList parts;
    if (!unknown.isEmpty())
        parts.append(tr("Unresolved: %1 \u2014 not defined in the active environment")
                         .arg(unknown.join(QStringLiteral(", "))));
    if (!waiting.isEmpty())
        parts.append(tr("%1 still being read from the secret store").arg(waiting.join(QStringLiteral(", "))));
    return parts.join(QStringLiteral("; "));
}

QString CollectionSession::draftKey(const QString &requestPath, const QString &scratchId) const
{
    if (m_collection && !requestPath.isEmpty())
        return m_collection->directory() + u'#' + requestPath;
    return QStringLiteral("scratch#") + scratchId;
}

} // namespace wirescope
