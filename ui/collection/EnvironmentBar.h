// EnvironmentBar: the collection panel's row choosing the active environment.
#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;

namespace wirescope {

class Collection;
class SecretStore;

// The collection panel's environment row: a combo choosing the active environment (its
// tooltip lists the variables) and an Edit… button that opens the Environments dialog.
// A collection starts in its default environment; choosing another default in the dialog
// switches to it, and an active environment that goes away falls back to none.
class EnvironmentBar final : public QWidget {
    Q_OBJECT

public:
    explicit EnvironmentBar(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(EnvironmentBar)

    void setSecretStore(SecretStore *store); // not owned; used by the environment dialog
    // Not owned; nullptr = none open. The active environment becomes the collection's
    // default without activeEnvironmentChanged: a caller that remembers another one for this
    // collection sets it right after.
    void setCollection(Collection *collection);
    // Lists the collection's environments again once its settings changed.
    void refresh();

    QString activeEnvironment() const { return m_activeEnvironment; } // "" = none
    // Unknown names are ignored, so a remembered environment that was deleted changes nothing.
    void setActiveEnvironment(const QString &name);
    void editEnvironments();

Q_SIGNALS:
    void activeEnvironmentChanged(const QString &name);
    // The Environments dialog waits for a slow secret store before it opens.
    void waitingForSecrets(bool waiting);

private:
    void openEnvironmentDialog();
    void updateToolTip();

    QPointer<Collection> m_collection;
    SecretStore *m_secretStore = nullptr;
    QString m_activeEnvironment;
    QString m_seenDefaultEnvironment; // the collection's default when last looked at
    QComboBox *m_environments;
};

} // namespace wirescope
