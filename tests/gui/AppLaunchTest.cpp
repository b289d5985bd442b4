#include "support/TestSupport.h"

#include <QtTest>

using namespace wirescope;

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
    test::Run run;
    const QStringList order = test::launchWorkbench({}, &run);
    QVERIFY2(run.exitCode == 0, qPrintable(test::describeRun(run)));
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
