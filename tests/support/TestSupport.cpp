#include "support/TestSupport.h"

#include "model/json/JsonCodec.h"
#include "model/schema/SchemaLoader.h"
#include "rpc/call/CallHandle.h"
#include "support/FreshProfile.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace wirescope::test {

QString dataPath(const QString &relative)
{
    return QStringLiteral(WIRESCOPE_TEST_DATA "/") + relative;
}

QString buildDataPath(const QString &relative)
{
    return QStringLiteral(WIRESCOPE_TEST_BUILD_DATA "/") + relative;
}

std::unique_ptr<DemoServer> startDemo(const DemoServer::Options &options)
{
    auto server = std::make_unique<DemoServer>();
    QString error;
    if (!server->start(options, &error)) {
        qWarning("demo server did not start: %s", qPrintable(error));
        return nullptr;
    }
    return server;
}

ChannelOptions plaintextTo(const DemoServer &server)
{
    ChannelOptions options;
    options.target = server.address();
    return options;
}

CallRecord runCall(
    Connection &connection, const CallSpec &spec, const QList<QByteArray> &messages, int timeoutMs)
{
    CallRecord record;
    QEventLoop loop;
    CallHandle *handle = connection.startCall(spec);
    QObject::connect(
        handle, &CallHandle::events, &loop, [&record](const CallEvents &events) { record.apply(events); });
    QObject::connect(handle, &CallHandle::finished, &loop, &QEventLoop::quit);
    for (const QByteArray &message : messages)
        handle->send(message);
    handle->halfClose();
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!handle->isFinished())
        loop.exec();
    delete handle;
    return record;
}

SchemaPtr demoSchema()
{
    LoadResult loaded = SchemaLoader::loadProtoFiles(
        {QStringLiteral("wirescope/demo/v1/demo.proto")}, {QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT)});
    if (!loaded.ok())
        qWarning("demo schema: %s", qPrintable(joinDiagnostics(loaded.diagnostics)));
    std::vector<SchemaSource> sources;
    sources.push_back(std::move(loaded.source));
    return Schema::build(std::move(sources), nullptr);
}

QByteArray encode(const Schema &schema, const QString &type, const QByteArray &json)
{
    QByteArray bytes;
    JsonError error;
    if (!JsonCodec::toBinary(schema, schema.findMessage(type), json, &bytes, &error))
        qWarning("encode %s: %s", qPrintable(type), qPrintable(error.toString()));
    return bytes;
}

QByteArray decode(const Schema &schema, const QString &type, const QByteArray &bytes)
{
    QByteArray json;
    QString error;
    JsonStyle style;
    style.indent = false;
    if (!JsonCodec::toJson(schema, schema.findMessage(type), bytes, &json, style, &error))
        qWarning("decode %s: %s", qPrintable(type), qPrintable(error));
    return json;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeJson(const QString &path, const QJsonObject &object)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    file.write(QJsonDocument(object).toJson());
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readFile(path)).object();
}

void writeCollection(const QString &dir, const QJsonObject &variables)
{
    writeJson(QDir(dir).filePath(QStringLiteral("collection.json")),
        {{QStringLiteral("formatVersion"), 1}, {QStringLiteral("id"), QStringLiteral("test-collection")},
            {QStringLiteral("name"), QFileInfo(dir).fileName()},
            {QStringLiteral("defaultEnvironment"), QStringLiteral("local")},
            {QStringLiteral("environments"),
                QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("local")},
                    {QStringLiteral("variables"), variables}, {QStringLiteral("secrets"), QJsonArray {}}}}}});
}

void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = QDir(to).filePath(QDir(from).relativeFilePath(file));
        QDir().mkpath(QFileInfo(target).path());
        QFile::copy(file, target);
        QFile(target).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
}

void writeRequest(const QString &file, const QString &target, const QString &method, const QJsonValue &body,
    const QJsonObject &more)
{
    const QString text
        = body.isString() ? body.toString() : QString::fromUtf8(QJsonDocument(body.toObject()).toJson());
    QJsonObject request {{QStringLiteral("formatVersion"), 1},
        {QStringLiteral("name"), QFileInfo(file).baseName()}, {QStringLiteral("target"), target},
        {QStringLiteral("method"), method},
        {QStringLiteral("body"), QJsonArray::fromStringList(text.split(u'\n'))},
        {QStringLiteral("schema"), QJsonObject {{QStringLiteral("kind"), QStringLiteral("reflection")}}},
        {QStringLiteral("tls"), QJsonObject {{QStringLiteral("security"), QStringLiteral("plaintext")}}}};
    for (auto it = more.begin(); it != more.end(); ++it)
        request.insert(it.key(), it.value());
    writeJson(file, request);
}

Run runWirescope(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.start(QStringLiteral(WIRESCOPE_BINARY), arguments);
    process.waitForStarted();
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString describeRun(const Run &run)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(run.exitCode).arg(run.out, run.err);
}

namespace {

bool openssl(const QString &dir, const QStringList &arguments, QString *error)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *error = QStringLiteral("openssl %1 failed: %2")
                     .arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAllStandardError()));
        return false;
    }
    return true;
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace

bool makeCertificates(const QString &dir, QString *error)
{
    const auto args = [](const char *line) { return QString::fromLatin1(line).split(u' '); };
    writeText(
        dir + QStringLiteral("/server.ext"), "subjectAltName=DNS:localhost,DNS:server.test,IP:127.0.0.1\n");
    writeText(dir + QStringLiteral("/client.ext"), "extendedKeyUsage=clientAuth\n");
    return openssl(dir,
               args("req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "
                    "/CN=Wirescope-Test-CA"),
               error)
        && openssl(dir,
            args("req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days 2 -subj "
                 "/CN=Other-CA"),
            error)
        && openssl(dir,
            args("req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost"), error)
        && openssl(dir,
            args("x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 "
                 "-extfile server.ext"),
            error)
        && openssl(dir,
            args("req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=wirescope-client"),
            error)
        && openssl(dir,
            args("x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2 "
                 "-extfile client.ext"),
            error);
}

QStringList launchWorkbench(const QStringList &arguments, Run *run)
{
    QTemporaryDir profile;
    const QString probe = profile.filePath(QStringLiteral("probe.txt"));
    QProcess app;
    app.setProcessEnvironment(freshProfileEnvironment(profile.path(), probe, QStringLiteral("offscreen")));
    app.start(QStringLiteral(WIRESCOPE_BINARY), arguments);
    *run = Run {};
    if (!app.waitForFinished(120'000)) {
        app.kill();
        app.waitForFinished();
        run->err = QStringLiteral("timed out\n");
    } else if (app.exitStatus() == QProcess::NormalExit) {
        run->exitCode = app.exitCode();
    }
    run->out = QString::fromLocal8Bit(app.readAllStandardOutput());
    run->err += QString::fromLocal8Bit(app.readAllStandardError());

    QStringList steps;
    QFile file(probe);
    if (!file.open(QIODevice::ReadOnly))
        return steps;
    qint64 last = 0;
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split(' ');
        const qint64 at = fields.size() == 2 ? fields[1].toLongLong() : -1;
        if (at < last) { // written as they happen, on one clock
            steps.append(QStringLiteral("(out of order)"));
            break;
        }
        last = at;
        steps.append(QString::fromLatin1(fields[0]));
    }
    return steps;
}

} // namespace wirescope::test
