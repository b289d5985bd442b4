#include "support/TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

// The real binary started as a newcomer starts it (no argument, a fresh profile): its first
// frame, then the demo server's request filled in and ready to send, then (with the startup
// probe's exit switch) a clean exit. The window's own tests build it in process; this one runs
// what GuiMain does, the way the startup benchmark times it.
class AppLaunchTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aFirstLaunchReachesAReadyRequest();
};

void AppLaunchTest::aFirstLaunchReachesAReadyRequest()
{
    QTemporaryDir profile;
    QVERIFY(profile.isValid());
    const QString probe = profile.filePath(QStringLiteral("probe.txt"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), profile.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), profile.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), profile.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("WIRESCOPE_STARTUP_PROBE"), probe);
    env.insert(QStringLiteral("WIRESCOPE_STARTUP_PROBE_EXIT"), QStringLiteral("1"));
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::MergedChannels);
    app.start(QStringLiteral(WIRESCOPE_BINARY), {});
    const bool finished = app.waitForFinished(120'000);
    if (!finished)
        app.kill();
    const QByteArray output = app.readAll();
    QVERIFY2(finished, output.constData());
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QVERIFY2(app.exitCode() == 0, output.constData());

    QFile file(probe);
    QVERIFY2(file.open(QIODevice::ReadOnly), output.constData());
    QStringList order;
    qint64 last = 0;
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split(' ');
        QCOMPARE(fields.size(), 2);
        const qint64 at = fields[1].toLongLong();
        QVERIFY(at >= last); // steps are written as they happen, on one clock
        last = at;
        order.append(QString::fromLatin1(fields[0]));
    }
    // The window is painted before the schema's request is opened in it, and the request is
    // ready (method, body, Send enabled) on a later frame.
    const qsizetype paint = order.indexOf(QStringLiteral("first-paint"));
    const qsizetype opened = order.indexOf(QStringLiteral("first-frame-done"));
    const qsizetype usable = order.indexOf(QStringLiteral("usable"));
    QVERIFY2(paint >= 0 && opened > paint && usable > opened, qPrintable(order.join(u' ')));
    QVERIFY(order.indexOf(QStringLiteral("demo-server")) < paint); // the demo server is up first
}

QTEST_GUILESS_MAIN(AppLaunchTest)
#include "AppLaunchTest.moc"
