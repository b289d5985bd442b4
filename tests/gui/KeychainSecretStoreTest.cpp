#include "model/collection/KeychainSecretStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace wirescope;

namespace {

// Entries made here never mix with the app's own, should a keychain be present.
const QString TestService = QStringLiteral("WirescopeTest");

QString key(const QString &name)
{
    return SecretStore::secretKey(
        QStringLiteral("test-collection-%1").arg(QCoreApplication::applicationPid()), QStringLiteral("dev"),
        name);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// The keychain-backed secret store as this machine offers it. Test machines run no secret
// service, so the file fallback is what is checked in full; where a keychain does answer,
// only the fallback's own checks are skipped and the round trips run against the keychain.
class KeychainSecretStoreTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void roundTrips();
    void survivesANewStore();
    void fallbackIsChosenAndSaid();
    void fallbackFileIsPrivate();
    void keychainIsUsedWhereExpected();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<KeychainSecretStore> m_store;
};

void KeychainSecretStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<KeychainSecretStore>(m_dir->filePath(QStringLiteral("config")), TestService);
}

void KeychainSecretStoreTest::cleanup()
{
    // Nothing is left behind in a real keychain.
    QString error;
    for (const QString &name : {QStringLiteral("token"), QStringLiteral("password"), QStringLiteral("kept")})
        m_store->remove(key(name), &error);
    m_store.reset();
    m_dir.reset();
}

void KeychainSecretStoreTest::roundTrips()
{
    QCOMPARE(m_store->service(), TestService);
    QCOMPARE(KeychainSecretStore::defaultService(), QStringLiteral("Wirescope"));
    QString error;
    QVERIFY(!m_store->read(key(QStringLiteral("token")), &error).has_value());
    QVERIFY2(error.isEmpty(), qPrintable(error)); // nothing there is not a failure

    QVERIFY2(m_store->write(key(QStringLiteral("token")), QStringLiteral("s3cr3t-token"), &error),
        qPrintable(error));
    const QString unicode = QStringLiteral("päss wörd ✓ \"quoted\" \\ {{not a variable}}");
    QVERIFY2(m_store->write(key(QStringLiteral("password")), unicode, &error), qPrintable(error));
    QCOMPARE(m_store->read(key(QStringLiteral("token")), &error),
        std::optional<QString>(QStringLiteral("s3cr3t-token")));
    QCOMPARE(m_store->read(key(QStringLiteral("password")), &error), std::optional<QString>(unicode));

    QVERIFY(m_store->write(key(QStringLiteral("token")), QStringLiteral("rotated"), &error));
    QCOMPARE(m_store->read(key(QStringLiteral("token")), &error),
        std::optional<QString>(QStringLiteral("rotated")));

    QVERIFY2(m_store->remove(key(QStringLiteral("token")), &error), qPrintable(error));
    QVERIFY(!m_store->read(key(QStringLiteral("token")), &error).has_value());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_store->read(key(QStringLiteral("password")), &error), std::optional<QString>(unicode));
    QVERIFY(m_store->remove(key(QStringLiteral("token")), &error)); // removing nothing is fine
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void KeychainSecretStoreTest::survivesANewStore()
{
    QString error;
    QVERIFY2(
        m_store->write(key(QStringLiteral("kept")), QStringLiteral("still here"), &error), qPrintable(error));
    KeychainSecretStore again(m_dir->filePath(QStringLiteral("config")), TestService);
    QCOMPARE(again.usesKeychain(), m_store->usesKeychain());
    QCOMPARE(again.read(key(QStringLiteral("kept")), &error),
        std::optional<QString>(QStringLiteral("still here")));
}

void KeychainSecretStoreTest::fallbackIsChosenAndSaid()
{
    QElapsedTimer clock;
    clock.start();
    const bool keychain = m_store->usesKeychain();
    if (keychain) {
        QCOMPARE(m_store->backendDescription(), QStringLiteral("system keychain"));
        QVERIFY(m_store->keychainProblem().isEmpty());
        QSKIP("A system keychain answers here; the fallback is not in use.");
    }
    // No secret service on this machine: the answer comes at once, not at the timeout.
    QVERIFY2(clock.elapsed() < KeychainSecretStore::ProbeTimeoutMs / 2,
        qPrintable(QString::number(clock.elapsed())));
    QVERIFY(m_store->keychainProblem().startsWith(QStringLiteral("no system keychain answered: ")));
    qInfo("Fallback because %s", qPrintable(m_store->keychainProblem()));
    const QString description = m_store->backendDescription();
    const QString file = QDir::toNativeSeparators(m_dir->filePath(QStringLiteral("config/secrets.json")));
    QVERIFY2(description.startsWith(QStringLiteral("file ")), qPrintable(description));
    QVERIFY2(description.contains(file), qPrintable(description));
    QVERIFY2(description.endsWith(QStringLiteral("(mode 0600)")), qPrintable(description));
}

void KeychainSecretStoreTest::fallbackFileIsPrivate()
{
    if (m_store->usesKeychain())
        QSKIP("A system keychain answers here; no fallback file is written.");
    const QString path = m_dir->filePath(QStringLiteral("config/secrets.json"));
    QVERIFY(!QFile::exists(path)); // made on the first write, not before
    QString error;
    QVERIFY2(m_store->write(key(QStringLiteral("token")), QStringLiteral("s3cr3t-token"), &error),
        qPrintable(error));
    QVERIFY(QFile::exists(path));
    struct stat info { };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));
    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.contains("s3cr3t-token"));
    QVERIFY(bytes.contains(key(QStringLiteral("token")).toUtf8()));

    QVERIFY(m_store->remove(key(QStringLiteral("token")), &error));
    QVERIFY(!readAll(path).contains("s3cr3t-token"));
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));
}

// Where the test runs against a real Secret Service (CTest's keychain_secret_service), a
// silent fallback to the file would hide a broken keychain path: it must be the keychain.
void KeychainSecretStoreTest::keychainIsUsedWhereExpected()
{
    if (!qEnvironmentVariableIsSet("WIRESCOPE_EXPECT_KEYCHAIN"))
        QSKIP("No keychain is expected here (WIRESCOPE_EXPECT_KEYCHAIN is not set).");
    QVERIFY2(m_store->usesKeychain(), qPrintable(m_store->keychainProblem()));
    QString error;
    QVERIFY2(m_store->write(key(QStringLiteral("token")), QStringLiteral("in the keychain"), &error),
        qPrintable(error));
    // In the keychain, so not in the file.
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("config/secrets.json"))));
    QCOMPARE(m_store->read(key(QStringLiteral("token")), &error),
        std::optional<QString>(QStringLiteral("in the keychain")));
}

QTEST_GUILESS_MAIN(KeychainSecretStoreTest)
#include "KeychainSecretStoreTest.moc"
