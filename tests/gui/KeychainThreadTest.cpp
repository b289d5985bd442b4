#include "model/collection/AsyncSecretStore.h"
#include "model/collection/KeychainSecretStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace wirescope;

namespace {

const QString TestService = QStringLiteral("WirescopeTest");

QString key(const QString &name)
{
    return SecretStore::secretKey(QStringLiteral("thread-test-%1").arg(QCoreApplication::applicationPid()),
        QStringLiteral("dev"), name);
}

} // namespace

// The keychain the way the window uses it: behind AsyncSecretStore, on the one secret
// thread of the process, never on the GUI thread. QtKeychain breaks when its first thread
// ends or a second thread uses it, so this runs in a process of its own, with a real
// Secret Service (CTest's keychain_secret_service_thread) or with none (the file).
class KeychainThreadTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void writesAndReadsFromTheSecretThread();
    void storesComeAndGoOnOneThread();

private:
    QString directory() const { return m_dir.filePath(QStringLiteral("config")); }
    // Reads a key through a new store, waiting for the answer.
    std::optional<QString> readBack(const QString &name, QString *error);

    QTemporaryDir m_dir;
};

void KeychainThreadTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void KeychainThreadTest::cleanupTestCase()
{
    AsyncSecretStore store(std::make_unique<KeychainSecretStore>(directory(), TestService));
    QString error;
    for (const QString &name : {QStringLiteral("password"), QStringLiteral("again")})
        store.remove(key(name), &error);
}

std::optional<QString> KeychainThreadTest::readBack(const QString &name, QString *error)
{
    AsyncSecretStore store(std::make_unique<KeychainSecretStore>(directory(), TestService));
    QSignalSpy loaded(&store, &AsyncSecretStore::loaded);
    if (store.read(key(name), error).has_value() || !store.isPending(key(name)))
        qWarning("answered before the store was asked");
    if (!loaded.wait(KeychainSecretStore::ProbeTimeoutMs))
        return QStringLiteral("<no answer>");
    return store.read(key(name), error);
}

void KeychainThreadTest::writesAndReadsFromTheSecretThread()
{
    {
        AsyncSecretStore store(std::make_unique<KeychainSecretStore>(directory(), TestService));
        QSignalSpy failed(&store, &AsyncSecretStore::failed);
        QString error;
        QVERIFY(store.write(key(QStringLiteral("password")), QStringLiteral("from the thread"), &error));
        QVERIFY(!failed.wait(300));
    } // closing waits for the write
    QString error;
    QCOMPARE(readBack(QStringLiteral("password"), &error),
        std::optional<QString>(QStringLiteral("from the thread")));
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const bool fileUsed = QFile::exists(m_dir.filePath(QStringLiteral("config/secrets.json")));
    if (qEnvironmentVariableIsSet("WIRESCOPE_EXPECT_KEYCHAIN"))
        QVERIFY2(!fileUsed, "a Secret Service runs here, yet the secret went to the file");
    else
        QVERIFY(fileUsed); // no keychain here: the 0600 file
}

void KeychainThreadTest::storesComeAndGoOnOneThread()
{
    // A store made after another has gone still answers at once: the thread it works on
    // (and QtKeychain's queue on it) outlives every store.
    QThread *thread = AsyncSecretStore::secretThread();
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer clock;
        clock.start();
        {
            AsyncSecretStore store(std::make_unique<KeychainSecretStore>(directory(), TestService));
            QString error;
            store.write(key(QStringLiteral("again")), QString::number(i), &error);
        }
        QString error;
        QCOMPARE(readBack(QStringLiteral("again"), &error), std::optional<QString>(QString::number(i)));
        QVERIFY2(clock.elapsed() < KeychainSecretStore::ProbeTimeoutMs / 2,
            qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(AsyncSecretStore::secretThread(), thread);
        QVERIFY(thread->isRunning());
    }
}

QTEST_MAIN(KeychainThreadTest)
#include "KeychainThreadTest.moc"
