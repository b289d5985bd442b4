#include "rpc/call/CallHandle.h"
#include "support/TestSupport.h"

#include <QTest>

using namespace wirescope;

// TLS and mutual TLS against the demo server, with certificates made for this run.
class TlsTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tlsWithCustomCa();
    void tlsAuthorityOverride();
    void tlsRejectsUnknownCa();
    void plaintextClientCannotTalkToTls();
    void mutualTls();
    void mutualTlsRejectsClientWithoutCertificate();
    void unreadableKeyFileIsAClearError();

private:
    int echo(const ChannelOptions &options, QString *message = nullptr);
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    QTemporaryDir m_dir;
    std::unique_ptr<DemoServer> m_tls;
    std::unique_ptr<DemoServer> m_mtls;
};

void TlsTest::initTestCase()
{
    QString error;
    QVERIFY2(test::makeCertificates(m_dir.path(), &error), qPrintable(error));
    DemoServer::Options options;
    options.useTls = true;
    options.tls.certificatePem = test::readFile(path("server.pem"));
    options.tls.privateKeyPem = test::readFile(path("server.key"));
    m_tls = test::startDemo(options);
    QVERIFY(m_tls);
    options.tls.clientCaPem = test::readFile(path("ca.pem"));
    m_mtls = test::startDemo(options);
    QVERIFY(m_mtls);
}

int TlsTest::echo(const ChannelOptions &options, QString *message)
{
    Connection connection(options);
    if (!connection.isValid()) {
        if (message)
            *message = connection.errorString();
        return -2;
    }
    CallSpec spec;
    spec.method = QStringLiteral("/wirescope.demo.v1.DemoService/Echo");
    spec.deadlineMs = 10000;
    const CallRecord record = test::runCall(connection, spec, {QByteArray()});
    if (message)
        *message = record.status().message;
    return record.status().code;
}

void TlsTest::tlsWithCustomCa()
{
    ChannelOptions options;
    options.target = QStringLiteral("localhost:%1").arg(m_tls->port());
    options.security = ChannelOptions::Security::Tls;
    options.caFile = path("ca.pem");
    QString message;
    QCOMPARE(echo(options, &message), 0);
}

void TlsTest::tlsAuthorityOverride()
{
    ChannelOptions options;
    options.target = QStringLiteral("127.0.0.1:%1").arg(m_tls->port());
    options.security = ChannelOptions::Security::Tls;
    options.caFile = path("ca.pem");
    options.authority = QStringLiteral("server.test");
    QCOMPARE(echo(options), 0);
    options.authority = QStringLiteral("wrong.name");
    QCOMPARE(echo(options), 14); // UNAVAILABLE: the certificate does not name wrong.name
}

void TlsTest::tlsRejectsUnknownCa()
{
    ChannelOptions options;
    options.target = QStringLiteral("localhost:%1").arg(m_tls->port());
    options.security = ChannelOptions::Security::Tls;
    options.caFile = path("other-ca.pem");
    QCOMPARE(echo(options), 14);
}

void TlsTest::plaintextClientCannotTalkToTls()
{
    ChannelOptions options;
    options.target = QStringLiteral("localhost:%1").arg(m_tls->port());
    QCOMPARE(echo(options), 14);
}

void TlsTest::mutualTls()
{
    ChannelOptions options;
    options.target = QStringLiteral("localhost:%1").arg(m_mtls->port());
    options.security = ChannelOptions::Security::MutualTls;
    options.caFile = path("ca.pem");
    options.certFile = path("client.pem");
    options.keyFile = path("client.key");
    QString message;
    QCOMPARE(echo(options, &message), 0);
}

void TlsTest::mutualTlsRejectsClientWithoutCertificate()
{
    ChannelOptions options;
    options.target = QStringLiteral("localhost:%1").arg(m_mtls->port());
    options.security = ChannelOptions::Security::Tls;
    options.caFile = path("ca.pem");
    QCOMPARE(echo(options), 14);
}

void TlsTest::unreadableKeyFileIsAClearError()
{
    ChannelOptions options;
    options.target = QStringLiteral("localhost:%1").arg(m_mtls->port());
    options.security = ChannelOptions::Security::MutualTls;
    options.certFile = path("client.pem");
    options.keyFile = path("missing.key");
    QString message;
    QCOMPARE(echo(options, &message), -2);
    QVERIFY2(message.contains(QStringLiteral("missing.key")), qPrintable(message));
    options.keyFile = path("server.ext"); // exists, but is not PEM
    QCOMPARE(echo(options, &message), -2);
    QVERIFY2(message.contains(QStringLiteral("not a PEM file")), qPrintable(message));
}

QTEST_GUILESS_MAIN(TlsTest)
#include "TlsTest.moc"
