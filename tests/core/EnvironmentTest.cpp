#include "model/collection/Environment.h"
#include "model/collection/SecretStore.h"

#include <QFile>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace wirescope;

class EnvironmentTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void substitutesEverywhere();
    void flagsUnresolvedNames();
    void referencedNames();
    void secretsComeFromTheStore();
    void builtInsAreTheLastResort();
    void environmentJsonRoundTrip();
    void fileSecretStoreIsPrivate();
    void fileSecretStoreReportsCorruption();

private:
    static Environment dev()
    {
        return {QStringLiteral("dev"),
            {{QStringLiteral("host"), QStringLiteral("localhost:50051")},
                {QStringLiteral("certs"), QStringLiteral("/etc/dev-certs")},
                {QStringLiteral("user"), QStringLiteral("ada")}},
            {QStringLiteral("token")}};
    }
};

void EnvironmentTest::substitutesEverywhere()
{
    SavedRequest request;
    request.target = QStringLiteral("{{host}}");
    request.body = QStringLiteral(R"({"user": "{{ user }}", "literal": "{{not a name}}"})");
    request.metadata = {{QStringLiteral("x-{{user}}"), QStringLiteral("hi {{user}}"), true}};
    request.tls.caFile = QStringLiteral("{{certs}}/ca.pem");
    request.tls.certFile = QStringLiteral("{{certs}}/client.pem");
    request.tls.keyFile = QStringLiteral("{{certs}}/client.key");
    request.tls.authority = QStringLiteral("{{user}}.example.com");
    const VariableScope scope(dev(), nullptr, QStringLiteral("id"));
    QStringList unresolved;
    const SavedRequest resolved = scope.resolve(request, &unresolved);
    QVERIFY(unresolved.isEmpty());
    QCOMPARE(resolved.target, QStringLiteral("localhost:50051"));
    QCOMPARE(resolved.body, QStringLiteral(R"({"user": "ada", "literal": "{{not a name}}"})"));
    QCOMPARE(resolved.metadata.first().key, QStringLiteral("x-ada"));
    QCOMPARE(resolved.metadata.first().value, QStringLiteral("hi ada"));
    QCOMPARE(resolved.tls.caFile, QStringLiteral("/etc/dev-certs/ca.pem"));
    QCOMPARE(resolved.tls.certFile, QStringLiteral("/etc/dev-certs/client.pem"));
    QCOMPARE(resolved.tls.keyFile, QStringLiteral("/etc/dev-certs/client.key"));
    QCOMPARE(resolved.tls.authority, QStringLiteral("ada.example.com"));
}

void EnvironmentTest::flagsUnresolvedNames()
{
    SavedRequest request;
    request.target = QStringLiteral("{{region}}.{{host}}");
    request.body = QStringLiteral("{{missing}} {{region}} {{missing}}");
    request.metadata = {{QStringLiteral("authorization"), QStringLiteral("Bearer {{token}}"), true},
        {QStringLiteral("x-off"), QStringLiteral("{{disabled}}"), false}};
    const VariableScope scope(dev(), nullptr, QStringLiteral("id")); // no store: the secret is unknown
    QStringList unresolved;
    const SavedRequest resolved = scope.resolve(request, &unresolved);
    QCOMPARE(unresolved,
        QStringList({QStringLiteral("region"), QStringLiteral("token"), QStringLiteral("missing")}));
    QCOMPARE(resolved.target, QStringLiteral("{{region}}.localhost:50051")); // left as typed
}

void EnvironmentTest::referencedNames()
{
    SavedRequest request;
    request.target = QStringLiteral("{{host}}");
    request.body = QStringLiteral("{{ a }} {{b}} {{a}} {{}} {{ 9bad }}");
    request.tls.keyFile = QStringLiteral("{{keys}}/k.pem");
    QCOMPARE(VariableScope::referencedNames(request),
        QStringList(
            {QStringLiteral("host"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("keys")}));
}

void EnvironmentTest::secretsComeFromTheStore()
{
    QTemporaryDir dir;
    FileSecretStore store(dir.path());
    QString error;
    QVERIFY(store.write(
        SecretStore::secretKey(QStringLiteral("c1"), QStringLiteral("dev"), QStringLiteral("token")),
        QStringLiteral("t0k3n"), &error));
    // Same name, other collection or environment: a different secret.
    QVERIFY(store.write(
        SecretStore::secretKey(QStringLiteral("c2"), QStringLiteral("dev"), QStringLiteral("token")),
        QStringLiteral("other"), &error));
    SavedRequest request;
    request.metadata = {{QStringLiteral("authorization"), QStringLiteral("Bearer {{token}}"), true}};
    QStringList unresolved;
    const SavedRequest resolved
        = VariableScope(dev(), &store, QStringLiteral("c1")).resolve(request, &unresolved);
    QVERIFY(unresolved.isEmpty());
    QCOMPARE(resolved.metadata.first().value, QStringLiteral("Bearer t0k3n"));

    Environment staging = dev();
    staging.name = QStringLiteral("staging");
    VariableScope(staging, &store, QStringLiteral("c1")).resolve(request, &unresolved);
    QCOMPARE(unresolved, QStringList {QStringLiteral("token")});
}

void EnvironmentTest::builtInsAreTheLastResort()
{
    VariableScope scope(dev(), nullptr, {});
    scope.setBuiltIns({{QStringLiteral("demo"), QStringLiteral("127.0.0.1:4242")},
        {QStringLiteral("host"), QStringLiteral("ignored")}});
    QStringList unresolved;
    QCOMPARE(scope.substitute(QStringLiteral("{{demo}} {{host}}"), &unresolved),
        QStringLiteral("127.0.0.1:4242 localhost:50051"));
    QVERIFY(unresolved.isEmpty());
    QCOMPARE(VariableScope().substitute(QStringLiteral("{{demo}}"), &unresolved), QStringLiteral("{{demo}}"));
    QCOMPARE(unresolved, QStringList {QStringLiteral("demo")});
}

void EnvironmentTest::environmentJsonRoundTrip()
{
    Environment environment = dev();
    Environment parsed;
    QString error;
    QVERIFY(Environment::fromJson(environment.toJson(), {}, &parsed, &error));
    QCOMPARE(parsed, environment);

    environment.variables.insert(QStringLiteral("token"), QStringLiteral("leaked?"));
    QVERIFY(!environment.toJson()
                 .value(QStringLiteral("variables"))
                 .toObject()
                 .contains(QStringLiteral("token")));

    QVERIFY(!Environment::fromJson(QJsonObject {{QStringLiteral("name"), QStringLiteral("x")},
                                       {QStringLiteral("variables"), QJsonObject {{QStringLiteral("n"), 1}}}},
        QStringLiteral("env"), &parsed, &error));
    QCOMPARE(error, QStringLiteral("env: variable \"n\" should be a string"));
}

void EnvironmentTest::fileSecretStoreIsPrivate()
{
    QTemporaryDir dir;
    FileSecretStore store(dir.filePath(QStringLiteral("config/wirescope")));
    QString error;
    QVERIFY(!store.read(QStringLiteral("k"), &error));
    QVERIFY(error.isEmpty());
    QVERIFY2(store.write(QStringLiteral("k"), QStringLiteral("v"), &error), qPrintable(error));
    QVERIFY(store.write(QStringLiteral("k2"), QStringLiteral("v2"), &error));
    struct stat info { };
    QCOMPARE(::stat(QFile::encodeName(store.filePath()).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));
    QCOMPARE(store.read(QStringLiteral("k"), &error).value_or(QString()), QStringLiteral("v"));

    // A loosened file is tightened again on the next save.
    QFile::setPermissions(
        store.filePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    QVERIFY(store.write(QStringLiteral("k"), QStringLiteral("v"), &error));
    QCOMPARE(::stat(QFile::encodeName(store.filePath()).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));

    QVERIFY(store.remove(QStringLiteral("k"), &error));
    QVERIFY(!store.read(QStringLiteral("k"), &error));
    QCOMPARE(store.read(QStringLiteral("k2"), &error).value_or(QString()), QStringLiteral("v2"));
    QVERIFY(FileSecretStore::defaultDirectory().contains(QStringLiteral("qttest"))); // test mode
}

void EnvironmentTest::fileSecretStoreReportsCorruption()
{
    QTemporaryDir dir;
    FileSecretStore store(dir.path());
    QFile file(store.filePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ not json");
    file.close();
    QString error;
    QVERIFY(!store.read(QStringLiteral("k"), &error));
    QVERIFY(error.contains(QStringLiteral("secrets.json")));
    QVERIFY(!store.write(QStringLiteral("k"), QStringLiteral("v"), &error)); // never overwrites the others
    file.open(QIODevice::ReadOnly);
    QCOMPARE(file.readAll(), QByteArray("{ not json"));
}

QTEST_GUILESS_MAIN(EnvironmentTest)
#include "EnvironmentTest.moc"
