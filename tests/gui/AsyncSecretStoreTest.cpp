#include "model/collection/AsyncSecretStore.h"
#include "model/collection/Collection.h"
#include "model/collection/CollectionSession.h"
#include "model/core/Settings.h"
#include "ui/collection/CollectionDock.h"
#include "ui/collection/EnvironmentDialog.h"

#include <QApplication>
#include <QDialog>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace wirescope;

namespace {

// A real file store that takes its time, the way a keychain does while it asks the user
// to unlock it. It counts the reads that have finished.
class SlowStore final : public SecretStore {
public:
    SlowStore(const QString &directory, int delayMs, std::atomic<int> *readsDone)
        : m_file(directory)
        , m_delayMs(delayMs)
        , m_readsDone(readsDone)
    {
    }

    std::optional<QString> read(const QString &key, QString *error) const override
    {
        QThread::msleep(m_delayMs);
        const std::optional<QString> value = m_file.read(key, error);
        ++*m_readsDone;
        return value;
    }
    bool write(const QString &key, const QString &value, QString *error) override
    {
        return m_file.write(key, value, error);
    }
    bool remove(const QString &key, QString *error) override { return m_file.remove(key, error); }

private:
    FileSecretStore m_file;
    int m_delayMs;
    std::atomic<int> *m_readsDone;
};

} // namespace

// The window's secret store: answers at once from memory, while the real store (a
// keychain, here a file that takes its time) works on a thread of its own.
class AsyncSecretStoreTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void readsNeverWaitForTheStore();
    void writesReachTheStoreInOrderBeforeItCloses();
    void aStaleReadDoesNotUndoAWrite();
    void aFailedWriteIsReportedAndForgotten();
    void whenLoadedWaitsForEveryKey();
    void sessionLoadsTheActiveEnvironmentsSecrets();
    void environmentEditorOpensOnceSecretsAreRead();

private:
    // A collection with one environment, "dev", whose secret "token" is stored; its id.
    QString makeCollection(const QString &directory);
    QString storeDirectory() const { return m_dir->filePath(QStringLiteral("config")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::atomic<int> m_readsDone {0};
};

void AsyncSecretStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_readsDone = 0;
}

void AsyncSecretStoreTest::cleanup()
{
    m_dir.reset();
}

void AsyncSecretStoreTest::readsNeverWaitForTheStore()
{
    QString error;
    QVERIFY(
        FileSecretStore(storeDirectory()).write(QStringLiteral("token"), QStringLiteral("t0k3n"), &error));
    AsyncSecretStore store(std::make_unique<SlowStore>(storeDirectory(), 800, &m_readsDone));
    QSignalSpy loaded(&store, &AsyncSecretStore::loaded);

    // Not known yet: absent for now, asked for in the background, and no error.
    QVERIFY(!store.read(QStringLiteral("token"), &error).has_value());
    QVERIFY(error.isEmpty());
    QCOMPARE(m_readsDone.load(), 0); // read() returned before the store answered
    QVERIFY(store.isPending(QStringLiteral("token")));
    QVERIFY(store.hasPending());

    // Meanwhile the event loop keeps running.
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
    timer.start(10);
    QVERIFY(loaded.wait(10000));
    QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks)));
    QCOMPARE(loaded.first().first().toStringList(), QStringList {QStringLiteral("token")});

    QCOMPARE(store.read(QStringLiteral("token"), &error), std::optional<QString>(QStringLiteral("t0k3n")));
    QVERIFY(!store.isPending(QStringLiteral("token")));
    // Known now: reading again does not ask the store again.
    store.read(QStringLiteral("token"), &error);
    QVERIFY(!store.isPending(QStringLiteral("token")));
    QTest::qWait(50);
    QCOMPARE(m_readsDone.load(), 1);

    // Nothing stored is an answer too, not a failure.
    QVERIFY(!store.read(QStringLiteral("missing"), &error));
    QVERIFY(loaded.wait(10000));
    QVERIFY(!store.read(QStringLiteral("missing"), &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!store.isPending(QStringLiteral("missing")));
}

void AsyncSecretStoreTest::writesReachTheStoreInOrderBeforeItCloses()
{
    QString error;
    FileSecretStore file(storeDirectory());
    QVERIFY(file.write(QStringLiteral("old"), QStringLiteral("gone soon"), &error));
    {
        AsyncSecretStore store(std::make_unique<FileSecretStore>(storeDirectory()));
        QVERIFY(store.write(QStringLiteral("token"), QStringLiteral("first"), &error));
        QVERIFY(store.write(QStringLiteral("token"), QStringLiteral("second"), &error));
        QVERIFY(store.write(QStringLiteral("password"), QStringLiteral("hunter2"), &error));
        QVERIFY(store.remove(QStringLiteral("old"), &error));
        // Memory has them at once.
        QCOMPARE(
            store.read(QStringLiteral("token"), &error), std::optional<QString>(QStringLiteral("second")));
        QVERIFY(!store.read(QStringLiteral("old"), &error));
        QVERIFY(!store.isPending(QStringLiteral("old")));
    } // closing waits for the queued writes
    QCOMPARE(file.read(QStringLiteral("token"), &error), std::optional<QString>(QStringLiteral("second")));
    QCOMPARE(
        file.read(QStringLiteral("password"), &error), std::optional<QString>(QStringLiteral("hunter2")));
    QVERIFY(!file.read(QStringLiteral("old"), &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void AsyncSecretStoreTest::aStaleReadDoesNotUndoAWrite()
{
    QString error;
    QVERIFY(FileSecretStore(storeDirectory()).write(QStringLiteral("token"), QStringLiteral("old"), &error));
    AsyncSecretStore store(std::make_unique<SlowStore>(storeDirectory(), 300, &m_readsDone));
    QSignalSpy loaded(&store, &AsyncSecretStore::loaded);
    store.read(QStringLiteral("token"), &error); // asks; the answer will be "old"
    QVERIFY(store.write(QStringLiteral("token"), QStringLiteral("new"), &error));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(m_readsDone.load(), 1);
    QCOMPARE(store.read(QStringLiteral("token"), &error), std::optional<QString>(QStringLiteral("new")));
}

void AsyncSecretStoreTest::aFailedWriteIsReportedAndForgotten()
{
    // The store's folder cannot be created: a file stands where it should be.
    QFile blocker(storeDirectory());
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    AsyncSecretStore store(std::make_unique<FileSecretStore>(storeDirectory()));
    QSignalSpy failed(&store, &AsyncSecretStore::failed);
    QString error;
    QVERIFY(store.write(QStringLiteral("token"), QStringLiteral("value"), &error));
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.first().first().toString().startsWith(QStringLiteral("A secret could not be saved: ")),
        qPrintable(failed.first().first().toString()));
    // What was never stored is not shown as stored: the store is asked again.
    QVERIFY(!store.read(QStringLiteral("token"), &error));
    QVERIFY(store.isPending(QStringLiteral("token")));
}

void AsyncSecretStoreTest::whenLoadedWaitsForEveryKey()
{
    QString error;
    FileSecretStore file(storeDirectory());
    QVERIFY(file.write(QStringLiteral("a"), QStringLiteral("1"), &error));
    QVERIFY(file.write(QStringLiteral("b"), QStringLiteral("2"), &error));
    AsyncSecretStore store(std::make_unique<SlowStore>(storeDirectory(), 100, &m_readsDone));
    int ran = 0;
    QStringList seen;
    store.whenLoaded({QStringLiteral("a"), QStringLiteral("b")}, this, [&] {
        ++ran;
        seen = {store.read(QStringLiteral("a"), &error).value_or(QString()),
            store.read(QStringLiteral("b"), &error).value_or(QString())};
    });
    QCOMPARE(ran, 0);
    QTRY_COMPARE_WITH_TIMEOUT(ran, 1, 10000);
    QCOMPARE(m_readsDone.load(), 2); // not before both had been read
    QCOMPARE(seen, (QStringList {QStringLiteral("1"), QStringLiteral("2")}));

    // Already known: at once.
    store.whenLoaded({QStringLiteral("a")}, this, [&ran] { ++ran; });
    QCOMPARE(ran, 2);

    // Its context gone first: never.
    auto context = std::make_unique<QObject>();
    bool late = false;
    store.whenLoaded({QStringLiteral("c")}, context.get(), [&late] { late = true; });
    context.reset();
    QSignalSpy loaded(&store, &AsyncSecretStore::loaded);
    QVERIFY(loaded.wait(10000));
    QVERIFY(!late);
}

QString AsyncSecretStoreTest::makeCollection(const QString &directory)
{
    QString error;
    if (!Collection::create(directory, QStringLiteral("Team API"), &error))
        return {};
    Collection collection;
    if (!collection.open(directory, &error))
        return {};
    CollectionSettings settings = collection.settings();
    Environment dev;
    dev.name = QStringLiteral("dev");
    dev.variables.insert(QStringLiteral("host"), QStringLiteral("dev.example:443"));
    dev.secretNames = {QStringLiteral("token")};
    settings.environments = {dev};
    settings.defaultEnvironment = dev.name;
    if (!collection.saveSettings(settings, &error))
        return {};
    const QString key = SecretStore::secretKey(settings.id, dev.name, QStringLiteral("token"));
    if (!FileSecretStore(storeDirectory()).write(key, QStringLiteral("t0k3n"), &error))
        return {};
    return settings.id;
}

void AsyncSecretStoreTest::sessionLoadsTheActiveEnvironmentsSecrets()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString directory = m_dir->filePath(QStringLiteral("collection"));
    QVERIFY(!makeCollection(directory).isEmpty());
    QString error;

    Settings settings(m_dir->filePath(QStringLiteral("settings.json")));
    CollectionSession::Stores stores;
    stores.secrets = std::make_unique<SlowStore>(storeDirectory(), 300, &m_readsDone);
    stores.historyDirectory = m_dir->filePath(QStringLiteral("history"));
    stores.draftDirectory = m_dir->filePath(QStringLiteral("drafts"));
    CollectionSession session(&settings, std::move(stores));
    QSignalSpy valuesChanged(&session, &CollectionSession::valuesChanged);
    QVERIFY2(session.open(directory, &error), qPrintable(error));
    QCOMPARE(session.activeEnvironment(), QStringLiteral("dev"));
    QVERIFY(session.secrets()->hasPending()); // asked for as the environment was chosen

    // Meanwhile the name is unresolved, and said to be on its way.
    QStringList unresolved;
    const QString text = QStringLiteral("Bearer {{token}} at {{host}}, {{nope}}");
    session.resolve(text, &unresolved);
    QCOMPARE(unresolved, (QStringList {QStringLiteral("token"), QStringLiteral("nope")}));
    const QString why = session.explainUnresolved(unresolved);
    QVERIFY2(
        why.contains(QStringLiteral("{{token}} still being read from the secret store")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("Unresolved: {{nope}}")), qPrintable(why));
    QVERIFY2(!why.contains(QStringLiteral("{{nope}} still")), qPrintable(why));

    // Once read, it resolves, and the window is told to check its bodies again.
    valuesChanged.clear();
    QTRY_VERIFY_WITH_TIMEOUT(!session.secrets()->hasPending(), 10000);
    QVERIFY(!valuesChanged.isEmpty());
    unresolved.clear();
    QCOMPARE(session.resolve(text, &unresolved), QStringLiteral("Bearer t0k3n at dev.example:443, {{nope}}"));
    QCOMPARE(unresolved, QStringList {QStringLiteral("nope")});
}

void AsyncSecretStoreTest::environmentEditorOpensOnceSecretsAreRead()
{
    const QString directory = m_dir->filePath(QStringLiteral("collection"));
    QVERIFY(!makeCollection(directory).isEmpty());
    QString error;
    Collection collection;
    QVERIFY2(collection.open(directory, &error), qPrintable(error));
    AsyncSecretStore store(std::make_unique<SlowStore>(storeDirectory(), 300, &m_readsDone));
    CollectionDock dock;
    dock.setSecretStore(&store);
    dock.setCollection(&collection);
    dock.show();

    // The editor shows stored values and saves what it shows: it must not open before the
    // store has answered, or saving would write the secret back empty.
    QString shown;
    int readsWhenShown = -1;
    QTimer poll;
    poll.setInterval(10);
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll.stop();
        readsWhenShown = m_readsDone.load();
        for (QTableWidget *table : dialog->findChildren<QTableWidget *>()) {
            for (int row = 0; row < table->rowCount(); ++row) {
                const QTableWidgetItem *name = table->item(row, EnvironmentDialog::NameColumn);
                if (name && name->text() == QStringLiteral("token"))
                    shown = table->item(row, EnvironmentDialog::ValueColumn)->text();
            }
        }
        dialog->reject();
    });
    poll.start();
    dock.editEnvironments();
    QVERIFY(!QApplication::activeModalWidget()); // not yet
    QTRY_COMPARE_WITH_TIMEOUT(readsWhenShown, 1, 10000);
    QCOMPARE(shown, QStringLiteral("t0k3n"));
}

QTEST_MAIN(AsyncSecretStoreTest)
#include "AsyncSecretStoreTest.moc"
