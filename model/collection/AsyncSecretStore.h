#pragma once

#include "model/collection/SecretStore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

class QThread;

namespace wirescope {

class SecretWorker;

// The GUI thread's face of a secret store that may be slow: a system keychain answers over
// D-Bus, and may first ask the user to unlock it. The store itself lives on a thread of its
// own; this object answers from memory at once and never waits for it.
//
// - read() answers what is known. A key not known yet is asked for in the background and
//   reads as absent meanwhile (isPending() says so); `loaded` follows with its value.
// - write() and remove() take effect in memory at once and reach the store in the order
//   they were made. A failure is reported by `failed`, and the key is asked for again.
// - whenLoaded() runs a function once every key given is known, for code that must see the
//   stored values before it shows or rewrites them (the environment editor).
//
// Every AsyncSecretStore of the process shares one thread, which lives until the
// application object goes: QtKeychain runs its jobs on the thread that first used it and
// breaks when that thread ends or when another thread uses it too. So in the window's
// process nothing else may use a KeychainSecretStore.
//
// Destroying it lets the queued writes finish first (up to ShutdownWaitMs).
class AsyncSecretStore final : public QObject, public SecretStore {
    Q_OBJECT

public:
    static constexpr int ShutdownWaitMs = 10000;

    explicit AsyncSecretStore(std::unique_ptr<SecretStore> store, QObject *parent = nullptr);
    ~AsyncSecretStore() override;
    Q_DISABLE_COPY_MOVE(AsyncSecretStore)

    std::optional<QString> read(const QString &key, QString *error) const override;
    bool write(const QString &key, const QString &value, QString *error) override;
    bool remove(const QString &key, QString *error) override;

    // The one thread the stores of this process work on.
    static QThread *secretThread();

    // Asks for the keys not known yet.
    void preload(const QStringList &keys);
    bool isPending(const QString &key) const { return m_pending.contains(key); }
    bool hasPending() const { return !m_pending.isEmpty(); }
    // Runs `ready` (on this thread, with `context` alive) once every key is known.
    void whenLoaded(const QStringList &keys, QObject *context, std::function<void()> ready);

Q_SIGNALS:
    // Values for these keys are now known (found, absent, or unreadable).
    void loaded(const QStringList &keys);
    void failed(const QString &message);

private:
    struct Known {
        std::optional<QString> value;
        QString error; // why it could not be read; empty when it could
    };
    struct Waiter {
        QStringList keys;
        QPointer<QObject> context;
        std::function<void()> ready;
    };

    void ask(const QString &key) const;
    void onRead(const QString &key, const std::optional<QString> &value, const QString &error);
    void onWriteFailed(const QString &key, const QString &error);
    void runReadyWaiters();

    SecretWorker *m_worker = nullptr;
    mutable QHash<QString, Known> m_known;
    mutable QSet<QString> m_pending;
    QHash<QString, int> m_writesInFlight; // a read answer older than a write is stale
    QList<Waiter> m_waiters;
};

} // namespace wirescope
