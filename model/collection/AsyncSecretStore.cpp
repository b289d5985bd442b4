#include "model/collection/AsyncSecretStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSemaphore>
#include <QThread>

#include <algorithm>
#include <deque>
#include <functional>
#include <mutex>

namespace wirescope {

// Owns one store on the secret thread and answers for it; its calls come through the
// thread's SecretQueue.
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

namespace {

// The secret thread's one queue. Operations of every store run one after another and never
// inside each other, although a keychain call waits in a nested event loop that would
// otherwise run the next queued call (of this store or another) in the middle of it.
class SecretQueue final : public QObject {
public:
    // Any thread.
    void post(std::function<void()> operation)
    {
        {
            std::lock_guard lock(m_mutex);
            m_operations.push_back(std::move(operation));
        }
        QMetaObject::invokeMethod(this, &SecretQueue::drain, Qt::QueuedConnection);
    }

private:
    void drain()
    {
        if (m_running)
            return; // an operation further up this thread's stack is waiting; it drains after
        m_running = true;
        for (;;) {
            std::function<void()> operation;
            {
                std::lock_guard lock(m_mutex);
                if (m_operations.empty())
                    break;
                operation = std::move(m_operations.front());
                m_operations.pop_front();
            }
            operation();
        }
        m_running = false;
    }

    std::mutex m_mutex;
    std::deque<std::function<void()>> m_operations;
    bool m_running = false; // only touched on the secret thread
};

QThread *g_secretThread = nullptr;
SecretQueue *g_secretQueue = nullptr;

// Runs as the application object goes: the thread ends after the work queued on it.
void stopSecretThread()
{
    if (!g_secretThread)
        return;
    g_secretThread->quit();
    if (g_secretThread->wait(QDeadlineTimer(AsyncSecretStore::ShutdownWaitMs))) {
        delete g_secretQueue; // its thread has ended
        delete g_secretThread;
    }
    // else: a keychain that never answers; destroying a running thread would abort the
    // process, so it is left to the process's end.
    g_secretThread = nullptr;
    g_secretQueue = nullptr;
}

void post(std::function<void()> operation)
{
    AsyncSecretStore::secretThread();
    g_secretQueue->post(std::move(operation));
}

} // namespace

QThread *AsyncSecretStore::secretThread()
{
    if (!g_secretThread) {
        g_secretThread = new QThread;
        g_secretThread->setObjectName(QStringLiteral("secret store"));
        g_secretQueue = new SecretQueue;
        g_secretQueue->moveToThread(g_secretThread);
        g_secretThread->start();
        qAddPostRoutine(stopSecretThread);
    }
    return g_secretThread;
}

AsyncSecretStore::AsyncSecretStore(std::unique_ptr<SecretStore> store, QObject *parent)
    : QObject(parent)
    , m_worker(new SecretWorker(std::move(store)))
{
    m_worker->moveToThread(secretThread());
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
}

AsyncSecretStore::~AsyncSecretStore()
{
    disconnect(m_worker, nullptr, this, nullptr);
    // Runs after every write made so far: waiting for it waits for those to reach the
    // store. The worker goes with its store, on the secret thread.
    auto done = std::make_shared<QSemaphore>();
    post([worker = m_worker, done] {
        delete worker;
        done->release();
    });
    if (!done->tryAcquire(1, ShutdownWaitMs))
        qWarning("The secret store did not finish its writes within %d ms", ShutdownWaitMs);
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
    post([worker = m_worker, key, value] { worker->write(key, value); });
    return true;
}

bool AsyncSecretStore::remove(const QString &key, QString *)
{
    m_known.insert(key, Known {});
    ++m_writesInFlight[key];
    post([worker = m_worker, key] { worker->write(key, std::nullopt); });
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
    post([worker = m_worker, key] { worker->read(key); });
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
