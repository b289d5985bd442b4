#include "ui/AsyncSecretStore.h"

#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>

namespace wirescope {

// Lives on the store's thread and owns the store; every call reaches it queued, so the
// store sees them one at a time in the order they were made.
class SecretWorker final : public QObject {
    Q_OBJECT

public:
    explicit SecretWorker(std::unique_ptr<SecretStore> store)
        : m_store(std::move(store))
    {
    }

    void read(const QString &key)
    {
        QString error;
        const std::optional<QString> value = m_store->read(key, &error);
        Q_EMIT readDone(key, value.has_value(), value.value_or(QString()), error);
    }

    void write(const QString &key, const std::optional<QString> &value)
    {
        QString error;
        const bool ok = value ? m_store->write(key, *value, &error) : m_store->remove(key, &error);
        Q_EMIT writeDone(key, ok ? QString() : error);
    }

Q_SIGNALS:
    void readDone(const QString &key, bool found, const QString &value, const QString &error);
    void writeDone(const QString &key, const QString &error);

private:
    std::unique_ptr<SecretStore> m_store;
};

AsyncSecretStore::AsyncSecretStore(std::unique_ptr<SecretStore> store, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_worker(new SecretWorker(std::move(store)))
{
    m_thread->setObjectName(QStringLiteral("secret store"));
    m_worker->moveToThread(m_thread);
    connect(m_worker, &SecretWorker::readDone, this,
        [this](const QString &key, bool found, const QString &value, const QString &error) {
            onRead(key, found ? std::optional<QString>(value) : std::nullopt, error);
        });
    connect(m_worker, &SecretWorker::writeDone, this, [this](const QString &key, const QString &error) {
        if (int &inFlight = m_writesInFlight[key]; --inFlight <= 0)
            m_writesInFlight.remove(key);
        if (!error.isEmpty())
            onWriteFailed(key, error);
    });
    m_thread->start();
}

AsyncSecretStore::~AsyncSecretStore()
{
    // Queued after every write made so far, so those reach the store before it goes.
    QThread *thread = m_thread;
    QMetaObject::invokeMethod(
        m_worker, [thread] { thread->quit(); }, Qt::QueuedConnection);
    if (m_thread->wait(QDeadlineTimer(ShutdownWaitMs))) {
        delete m_worker; // safe now: its thread has ended
        delete m_thread;
        return;
    }
    // A keychain that never answers: destroying a running thread would abort the process,
    // so both are left to the end of the process rather than waited for.
    disconnect(m_worker, nullptr, this, nullptr);
    qWarning("The secret store did not finish within %d ms; leaving it behind", ShutdownWaitMs);
}

std::optional<QString> AsyncSecretStore::read(const QString &key, QString *error) const
{
    const auto known = m_known.constFind(key);
    if (known == m_known.cend()) {
        ask(key);
        return std::nullopt;
    }
    if (!known->error.isEmpty()) {
        *error = known->error;
        return std::nullopt;
    }
    return known->value;
}

bool AsyncSecretStore::write(const QString &key, const QString &value, QString *)
{
    m_known.insert(key, Known {value, {}});
    ++m_writesInFlight[key];
    SecretWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker, key, value] { worker->write(key, value); }, Qt::QueuedConnection);
    return true;
}

bool AsyncSecretStore::remove(const QString &key, QString *)
{
    m_known.insert(key, Known {});
    ++m_writesInFlight[key];
    SecretWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker, key] { worker->write(key, std::nullopt); }, Qt::QueuedConnection);
    return true;
}

void AsyncSecretStore::preload(const QStringList &keys)
{
    for (const QString &key : keys) {
        const auto known = m_known.constFind(key);
        if (known == m_known.cend() || !known->error.isEmpty()) // a failed read is tried again
            ask(key);
    }
}

void AsyncSecretStore::whenLoaded(const QStringList &keys, QObject *context, std::function<void()> ready)
{
    preload(keys);
    m_waiters.append({keys, context, std::move(ready)});
    runReadyWaiters();
}

void AsyncSecretStore::ask(const QString &key) const
{
    if (m_pending.contains(key))
        return;
    m_pending.insert(key);
    SecretWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker, key] { worker->read(key); }, Qt::QueuedConnection);
}

void AsyncSecretStore::onRead(const QString &key, const std::optional<QString> &value, const QString &error)
{
    m_pending.remove(key);
    // A write made after this read was asked for is newer than its answer.
    if (!m_writesInFlight.contains(key) || !m_known.contains(key))
        m_known.insert(key, Known {value, error});
    runReadyWaiters();
    Q_EMIT loaded({key});
}

void AsyncSecretStore::onWriteFailed(const QString &key, const QString &error)
{
    // What memory holds was never stored: forget it, so the next read asks the store.
    m_known.remove(key);
    Q_EMIT failed(tr("A secret could not be saved: %1").arg(error));
}

void AsyncSecretStore::runReadyWaiters()
{
    for (qsizetype i = 0; i < m_waiters.size();) {
        Waiter &waiter = m_waiters[i];
        if (!waiter.context) {
            m_waiters.removeAt(i);
            continue;
        }
        const bool ready = std::all_of(waiter.keys.cbegin(), waiter.keys.cend(),
            [this](const QString &key) { return m_known.contains(key) && !m_pending.contains(key); });
        if (!ready) {
            ++i;
            continue;
        }
        const std::function<void()> run = std::move(waiter.ready);
        m_waiters.removeAt(i);
        run(); // may add waiters; the loop goes on from the same place
    }
}

} // namespace wirescope

#include "AsyncSecretStore.moc"
