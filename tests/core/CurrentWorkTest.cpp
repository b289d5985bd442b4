#include "model/core/CurrentWork.h"

#include <QSemaphore>
#include <QTest>
#include <QThreadPool>

#include <algorithm>
#include <memory>

using namespace wirescope;

// Off-thread work whose result is delivered only while it is still current: the helper
// behind the body check, frame printing, size measuring and wire annotation.
class CurrentWorkTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deliversOnTheContextThread()
    {
        QObject context;
        CurrentWork work(&context);
        QList<int> delivered;
        Qt::HANDLE thread = nullptr;
        work.run([] { return 42; },
            [&](int value) {
                delivered.append(value);
                thread = QThread::currentThreadId();
            });
        QVERIFY(work.isRunning());
        QTRY_COMPARE(delivered, QList<int> {42});
        QCOMPARE(thread, QThread::currentThreadId());
        QVERIFY(!work.isRunning());
    }

    void onlyTheNewestCounts()
    {
        QObject context;
        CurrentWork work(&context);
        QSemaphore release;
        QList<int> delivered;
        // The first job finishes last: its answer arrives after the newer one and is dropped.
        work.runLatest(
            [&release] {
                release.acquire();
                return 1;
            },
            [&](int value) { delivered.append(value); });
        work.runLatest([] { return 2; }, [&](int value) { delivered.append(value); });
        QTRY_COMPARE(delivered, QList<int> {2});
        release.release();
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QCOMPARE(delivered, QList<int> {2});
    }

    void sameGenerationAllCount()
    {
        QObject context;
        CurrentWork work(&context);
        QList<int> delivered;
        work.run([] { return 1; }, [&](int value) { delivered.append(value); });
        work.run([] { return 2; }, [&](int value) { delivered.append(value); });
        QTRY_COMPARE(delivered.size(), 2);
        std::sort(delivered.begin(), delivered.end());
        QCOMPARE(delivered, (QList<int> {1, 2}));
    }

    void resetDropsWhatRuns()
    {
        QObject context;
        CurrentWork work(&context);
        bool delivered = false;
        work.run(
            [] { return QString(QStringLiteral("old call")); }, [&](const QString &) { delivered = true; });
        work.reset();
        QVERIFY(!work.isRunning());
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
    }

    void nothingReachesADestroyedContext()
    {
        auto context = std::make_unique<QObject>();
        auto work = std::make_unique<CurrentWork>(context.get());
        QSemaphore release;
        bool delivered = false;
        work->run(
            [&release] {
                release.acquire();
                return 7;
            },
            [&](int) { delivered = true; });
        context.reset();
        work.reset();
        release.release();
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
    }
};

QTEST_GUILESS_MAIN(CurrentWorkTest)
#include "CurrentWorkTest.moc"
