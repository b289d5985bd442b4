#pragma once

#include "model/collection/Environment.h"

#include <QMap>
#include <QObject>

#include <memory>

namespace wirescope {

class Collection;
class CollectionUndo;
class DraftStore;
class AsyncSecretStore;
class History;
class SecretStore;
class Settings;

// The collection the window works in and what surrounds it: undo for its file operations,
// the active environment and the built-in variables that resolve {{names}}, the secret
// store, the call history and the drafts of unsaved edits. The window asks it; it never
// touches widgets. At most one collection is open at a time.
class CollectionSession final : public QObject {
    Q_OBJECT

public:
    struct Stores {
        std::unique_ptr<SecretStore> secrets;
        QString historyDirectory;
        QString draftDirectory;
    };

    CollectionSession(Settings *settings, Stores stores, QObject *parent = nullptr);
    ~CollectionSession() override;
    Q_DISABLE_COPY_MOVE(CollectionSession)

    Collection *collection() const { return m_collection.get(); } // null when none is open
    CollectionUndo *undo() const { return m_undo.get(); } // null when none is open
    // Reads never wait: the active environment's secrets are loaded in the background when
    // it is chosen, and valuesChanged() follows.
    AsyncSecretStore *secrets() const { return m_secrets.get(); }
    History *history() const { return m_history.get(); }
    DraftStore *drafts() const { return m_drafts.get(); }

    // Opening remembers the folder among the recent collections and restores the
    // environment last used with it (else the collection's default).
    bool open(const QString &directory, QString *error);
    bool create(const QString &directory, const QString &name, QString *error);
    void close();
    QString directory() const;

    // The demo collection, copied from the application's resources into the user's data
    // folder the first time (later launches respect its deletion); its folder, or empty.
    QString installDemoCollection(QString *error);
    static QString demoCollectionDirectory();

    QString activeEnvironment() const { return m_environment; }
    void setActiveEnvironment(const QString &name);
    void setBuiltIns(const QMap<QString, QString> &values);
    const QMap<QString, QString> &builtIns() const { return m_builtIns; }
    VariableScope scope() const;
    // The active environment's secrets with their values (those the store has), so that
    // what is recorded can leave them out.
    QList<QPair<QString, QString>> activeSecrets() const;
    QString resolve(const QString &text, QStringList *unresolved) const;
    SavedRequest resolve(const SavedRequest &request, QStringList *unresolved) const;
    // Why these names did not resolve: not defined, or a secret still being read.
    QString explainUnresolved(const QStringList &names) const;

    // A draft's key: "<collection folder>#<request path>" for a saved request, and
    // "scratch#<id>" for a request that is not saved anywhere.
    QString draftKey(const QString &requestPath, const QString &scratchId) const;

Q_SIGNALS:
    void collectionChanged(); // opened or closed
    void environmentChanged();
    // What variables resolve to may have changed: another environment, or secrets loaded.
    void valuesChanged();

private:
    QString activeSecretKey(const QString &name) const;
    void preloadActiveSecrets();

    Settings *m_settings;
    std::unique_ptr<AsyncSecretStore> m_secrets;
    std::unique_ptr<History> m_history;
    std::unique_ptr<DraftStore> m_drafts;
    std::unique_ptr<Collection> m_collection;
    std::unique_ptr<CollectionUndo> m_undo;
    QString m_environment;
    QMap<QString, QString> m_builtIns;
};

} // namespace wirescope
