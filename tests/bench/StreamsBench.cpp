// How fast frames enter the frames model and how long the event loop can stall while the
// Frames tab is on screen: synthetic batches into the bare model, the same batches with
// the view visible, then the demo server's StreamTicks (200,000 × 8 bytes) over a real
// channel. Run offscreen: QT_QPA_PLATFORM=offscreen wirescope_streams_bench [count]

#include "model/frames/FramesModel.h"
#include "rpc/call/CallHandle.h"
#include "rpc/call/Connection.h"
#include "rpc/demo/DemoServer.h"
#include "support/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/response/FramesPanel.h"
#include "ui/response/SizesPanel.h"
#include "ui/workbench/Theme.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

using namespace wirescope;

namespace {

constexpr int BatchSize = 1000;

QList<CallEvents> syntheticBatches(const MethodRef &ticks, int count)
{
    QList<CallEvents> batches;
    CallEvents batch;
    for (int i = 1; i <= count; ++i) {
        CallEvent event;
        event.type = CallEvent::Type::Received;
        event.nanos = qint64(i) * 5000;
        event.payload = test::encode(*ticks.schema(), ticks.responseTypeName(),
            QStringLiteral("{\"seq\": \"%1\", \"payload\": \"AAAAAAAAAAA=\"}").arg(i).toUtf8());
        batch.append(event);
        if (batch.size() == BatchSize || i == count)
            batches.append(std::exchange(batch, {}));
    }
    return batches;
}

void ingest(const char *label, const QList<CallEvents> &batches, FramesModel *model, bool pumpEvents)
{
    model->clear();
    QElapsedTimer clock;
    clock.start();
    qint64 worstBatch = 0;
    qint64 frames = 0;
    for (const CallEvents &batch : batches) {
        const qint64 start = clock.nsecsElapsed();
        model->apply(batch);
        worstBatch = std::max(worstBatch, clock.nsecsElapsed() - start);
        frames += batch.size();
        if (pumpEvents)
            QCoreApplication::processEvents();
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    std::printf("%-34s %9.0f frames/s  (%lld frames in %.3f s, slowest %d-frame batch %.2f ms)\n", label,
        double(frames) / seconds, frames, seconds, BatchSize, double(worstBatch) / 1e6);
}

int realStream(const DemoServer &server, const MethodRef &ticks, FramesModel *model, int count)
{
    model->clear();
    model->setMethod(ticks);
    Connection connection(test::plaintextTo(server));
    CallSpec spec;
    spec.method = ticks.path();
    spec.kind = ticks.kind();
    QEventLoop loop;
    GuiTest::StallProbe probe;
    probe.start();
    QElapsedTimer clock;
    clock.start();
    CallHandle *handle = connection.startCall(spec);
    qint64 slowestApply = 0;
    qsizetype largestBatch = 0;
    QObject::connect(handle, &CallHandle::events, model, [&](const CallEvents &batch) {
        QElapsedTimer apply;
        apply.start();
        model->apply(batch);
        slowestApply = std::max(slowestApply, apply.nsecsElapsed());
        largestBatch = std::max(largestBatch, batch.size());
    });
    QObject::connect(handle, &CallHandle::finished, &loop, &QEventLoop::quit);
    handle->send(test::encode(*ticks.schema(), ticks.requestTypeName(),
        QStringLiteral("{\"count\": %1, \"payloadSize\": 8}").arg(count).toUtf8()));
    handle->halfClose();
    QTimer::singleShot(300'000, &loop, &QEventLoop::quit);
    loop.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const qint64 received = model->stats().received().messages;
    std::printf("%-34s %9.0f frames/s  (%lld ticks in %.3f s, status %s)\n",
        "StreamTicks, Frames tab visible", double(received) / seconds, received, seconds,
        qPrintable(model->record().status().codeName()));
    std::printf("%-34s %9lld ms   (target < 50 ms)\n", "longest event-loop stall", probe.longestGapMs());
    std::printf("%-34s %9.2f ms   (largest batch %lld events)\n", "slowest FramesModel::apply",
        double(slowestApply) / 1e6, qint64(largestBatch));
    std::printf("%-34s %9s   (%lld B per row + kept payloads; %lld rows)\n", "frames model memory",
        qPrintable(FramesModel::formatBytes(model->memoryBytes())), FramesModel::bytesPerRowOverhead(),
        qint64(model->rowCount()));
    delete handle;
    return received == count ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Theme::applyApplicationStyle();
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 200'000;
    const MethodRef ticks
        = MethodRef::resolve(test::demoSchema(), QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks"));
    const QList<CallEvents> batches = syntheticBatches(ticks, count);

    FramesModel bare;
    bare.setMethod(ticks);
    ingest("FramesModel alone", batches, &bare, false);

    FramesModel shown;
    shown.setMethod(ticks);
    QTabWidget window;
    auto *frames = new FramesPanel(&shown);
    window.addTab(frames, QStringLiteral("Frames"));
    window.addTab(new SizesPanel(&shown), QStringLiteral("Sizes"));
    window.resize(1280, 800);
    window.show();
    ingest("FramesModel, Frames tab visible", batches, &shown, true);

    DemoServer server;
    QString error;
    if (!server.start(DemoServer::Options {}, &error)) {
        std::fprintf(stderr, "demo server: %s\n", qPrintable(error));
        return 2;
    }
    const int result = realStream(server, ticks, &shown, count);
    server.stop();
    return result;
}
