#include "model/frames/FramesModel.h"
#include "model/frames/FramesExport.h"
#include "model/frames/StreamStats.h"
#include "support/TestSupport.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace wirescope;

// The frames model under the load a real stream puts on it: rapid batches of synthetic
// events (headers, messages both ways, half-close, trailers) checked by
// QAbstractItemModelTester, plus the time and gap columns, the bytes cap and the stats.
class FramesModelTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsForEveryEvent();
    void rapidBatchesPassTheTester();
    void timeAndGapColumns();
    void previewIsCompactAndCapped();
    void capDropsOldBytesOnly();
    void statsCountEachWay();
    void averageRateOfAStreamThatSlowsDown();
    void latencyPercentiles();
    void exportsJsonLines();

private:
    CallEvent tick(qint64 seq, qint64 nanos, int payloadSize) const;
    MethodRef m_ticks;
};

namespace {

CallEvent makeEvent(CallEvent::Type type, qint64 nanos)
{
    CallEvent result;
    result.type = type;
    result.nanos = nanos;
    return result;
}

CallEvent headers(qint64 nanos)
{
    CallEvent result = makeEvent(CallEvent::Type::Headers, nanos);
    result.metadata = {{"content-type", "application/grpc"}, {"x-demo", "yes"}};
    return result;
}

CallEvent finished(qint64 nanos)
{
    CallEvent result = makeEvent(CallEvent::Type::Finished, nanos);
    result.status.code = 0;
    result.metadata = {{"x-trailer", "done"}};
    return result;
}

} // namespace

void FramesModelTest::initTestCase()
{
    m_ticks
        = MethodRef::resolve(test::demoSchema(), QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks"));
    QVERIFY(m_ticks.isValid());
}

CallEvent FramesModelTest::tick(qint64 seq, qint64 nanos, int payloadSize) const
{
    CallEvent result = makeEvent(CallEvent::Type::Received, nanos);
    const QByteArray json = QStringLiteral("{\"seq\": \"%1\", \"payload\": \"%2\"}")
                                .arg(seq)
                                .arg(QString::fromLatin1(QByteArray(payloadSize, 'x').toBase64()))
                                .toUtf8();
    result.payload = test::encode(*m_ticks.schema(), m_ticks.responseTypeName(), json);
    return result;
}

void FramesModelTest::rowsForEveryEvent()
{
    FramesModel model;
    model.setMethod(m_ticks);
    CallEvent sent = makeEvent(CallEvent::Type::Sent, 1000);
    sent.payload = test::encode(*m_ticks.schema(), m_ticks.requestTypeName(), "{\"count\": 2}");
    model.apply({sent, makeEvent(CallEvent::Type::HalfClosed, 2000), headers(3000), tick(1, 4000, 4),
        tick(2, 5000, 4), finished(6000)});
    QCOMPARE(model.rowCount(), 6);
    const auto kind = [&model](int row) {
        return FramesModel::RowKind(model.index(row, 0).data(FramesModel::KindRole).toInt());
    };
    QCOMPARE(kind(0), FramesModel::RowKind::Sent);
    QCOMPARE(kind(1), FramesModel::RowKind::HalfClosed);
    QCOMPARE(kind(2), FramesModel::RowKind::Headers);
    QCOMPARE(kind(5), FramesModel::RowKind::Trailers);
    QCOMPARE(
        model.index(2, FramesModel::DirectionColumn).data().toString(), QStringLiteral("\u2193 headers"));
    QVERIFY(
        model.index(2, FramesModel::PreviewColumn).data().toString().contains(QStringLiteral("x-demo: yes")));
    QVERIFY(model.index(5, FramesModel::PreviewColumn).data().toString().startsWith(QStringLiteral("OK")));
    QVERIFY(model.index(5, 0)
                .data(FramesModel::JsonRole)
                .toString()
                .contains(QStringLiteral("\"x-trailer\": \"done\"")));
    QCOMPARE(model.lastReceivedRows(10), (QList<int> {3, 4}));
    QCOMPARE(model.record().receivedCount(), 2);
    QCOMPARE(model.index(3, 0).data(FramesModel::BytesRole).toByteArray(), model.record().frames()[1].bytes);
}

void FramesModelTest::rapidBatchesPassTheTester()
{
    FramesModel model;
    model.setMethod(m_ticks);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.apply({headers(100)});
    qint64 nanos = 1000;
    int expected = 1;
    for (int batch = 0; batch < 200; ++batch) {
        CallEvents events;
        for (int i = 0; i < 1 + batch % 37; ++i)
            events.append(tick(expected + i, nanos += 500, 8));
        model.apply(events);
        const QList<QVariant> arguments = inserted.takeLast();
        QCOMPARE(arguments.at(1).toInt(), expected);
        QCOMPARE(arguments.at(2).toInt(), expected + int(events.size()) - 1);
        expected += int(events.size());
        QCOMPARE(model.rowCount(), expected);
        // Views read while batches keep coming.
        QVERIFY(!model.index(expected - 1, FramesModel::PreviewColumn).data().toString().isEmpty());
    }
    model.apply({finished(nanos + 100)});
    QCOMPARE(model.rowCount(), expected + 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.apply({headers(1), tick(1, 2, 1)});
    QCOMPARE(model.rowCount(), 2);
}

void FramesModelTest::timeAndGapColumns()
{
    FramesModel model;
    model.setMethod(m_ticks);
    model.apply({headers(500), tick(1, 1'500, 1), tick(2, 2'501'500, 1)});
    QCOMPARE(model.index(0, FramesModel::TimeColumn).data().toString(), QStringLiteral("0.5 \u00b5s"));
    QCOMPARE(model.index(0, FramesModel::GapColumn).data().toString(), QString());
    QCOMPARE(model.index(1, FramesModel::GapColumn).data().toString(), QStringLiteral("+1.0 \u00b5s"));
    QCOMPARE(model.index(2, FramesModel::TimeColumn).data().toString(), QStringLiteral("2.50 ms"));
    QCOMPARE(model.index(2, FramesModel::GapColumn).data().toString(), QStringLiteral("+2.50 ms"));
    QCOMPARE(model.index(2, 0).data(FramesModel::GapRole).toLongLong(), 2'500'000);
    QCOMPARE(model.index(2, 0).data(FramesModel::NanosRole).toLongLong(), 2'501'500);
    QCOMPARE(model.index(1, FramesModel::SeqColumn).data().toInt(), 2);
}

void FramesModelTest::previewIsCompactAndCapped()
{
    FramesModel model;
    model.setMethod(m_ticks);
    model.apply({tick(7, 10, 2), tick(8, 20, 4000)});
    QCOMPARE(model.index(0, FramesModel::PreviewColumn).data().toString(),
        QStringLiteral("{\"seq\":\"7\",\"payload\":\"eHg=\"}"));
    const QString longPreview = model.index(1, FramesModel::PreviewColumn).data().toString();
    QVERIFY(longPreview.size() <= 161);
    QVERIFY(longPreview.endsWith(u'\u2026'));
    QVERIFY(model.index(1, 0).data(FramesModel::JsonRole).toString().size()
        > 5000); // the full JSON is not capped
}

void FramesModelTest::capDropsOldBytesOnly()
{
    FramesModel model;
    model.setMethod(m_ticks);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setKeepFullFrames(100);
    CallEvents events {headers(1)};
    for (int i = 1; i <= 1000; ++i)
        events.append(tick(i, 10 * i, 1000));
    const qint64 before = FramesModel::bytesPerRowOverhead() * 1001 + 1000 * 1000;
    model.apply(events);
    QCOMPARE(model.rowCount(), 1001);
    QVERIFY(!model.hasBytes(1));
    QVERIFY(!model.hasBytes(900));
    QVERIFY(model.hasBytes(901));
    QVERIFY(model.index(1, 0).data(FramesModel::BytesRole).toByteArray().isEmpty());
    QVERIFY(model.index(1, 0).data(FramesModel::JsonRole).toString().contains(QStringLiteral("not kept")));
    QVERIFY(model.index(1, 0).data(FramesModel::SizeRole).toLongLong() > 1000); // the size outlives the bytes
    QVERIFY(model.index(1000, 0).data(FramesModel::JsonRole).toString().contains(QStringLiteral("\"1000\"")));
    QVERIFY2(model.memoryBytes() < before / 2, qPrintable(QString::number(model.memoryBytes())));
    // Statistics still count every message.
    QCOMPARE(model.stats().received().messages, 1000);
    QCOMPARE(model.record().receivedCount(), 1000);
    model.apply({tick(1001, 20'000, 1000)});
    QVERIFY(!model.hasBytes(901));
    QVERIFY(model.hasBytes(1001));
}

void FramesModelTest::statsCountEachWay()
{
    StreamStats stats;
    CallEvents events;
    CallEvent sent = makeEvent(CallEvent::Type::Sent, 0);
    sent.payload = QByteArray(10, 'a');
    events.append(sent);
    for (int i = 1; i <= 1000; ++i) {
        CallEvent received
            = makeEvent(CallEvent::Type::Received, qint64(i) * 1'000'000); // 1 ms apart, 1 s long
        received.payload = QByteArray(100, 'b');
        events.append(received);
    }
    stats.apply(events);
    QCOMPARE(stats.sent().messages, 1);
    QCOMPARE(stats.sent().bytes, 10);
    QCOMPARE(stats.received().messages, 1000);
    QCOMPARE(stats.received().bytes, 100'000);
    // A 1 s window at 1000 messages/s.
    QVERIFY2(qAbs(stats.received().messagesPerSecond - 1000) < 60,
        qPrintable(QString::number(stats.received().messagesPerSecond)));
    QVERIFY(qAbs(stats.received().bytesPerSecond - 100'000) < 6'000);
    // 1000 messages over 999 ms: the whole stream's rate.
    QVERIFY2(qAbs(stats.received().averageMessagesPerSecond - 1000) < 2,
        qPrintable(QString::number(stats.received().averageMessagesPerSecond)));
}

// A stream that slows down at its end: the last second's rate is not the stream's rate. A
// finished call reports the average (200,000 in 4.98 s read 30,416 msg/s, not 40,000).
void FramesModelTest::averageRateOfAStreamThatSlowsDown()
{
    StreamStats stats;
    CallEvents events;
    for (int i = 0; i < 4000; ++i) // 4000 in the first second
        events.append(makeEvent(CallEvent::Type::Received, qint64(i) * 250'000));
    for (int i = 1; i <= 1000; ++i) // then 1000 in the next
        events.append(makeEvent(CallEvent::Type::Received, 1'000'000'000 + qint64(i) * 1'000'000));
    stats.apply(events);
    QCOMPARE(stats.received().messages, 5000);
    QVERIFY2(stats.received().messagesPerSecond < 1500,
        qPrintable(QString::number(stats.received().messagesPerSecond)));
    QVERIFY2(qAbs(stats.received().averageMessagesPerSecond - 4999.0 / 2.0) < 5,
        qPrintable(QString::number(stats.received().averageMessagesPerSecond)));
    QCOMPARE(stats.sent().averageMessagesPerSecond, 0.0);
}

void FramesModelTest::latencyPercentiles()
{
    StreamStats stats;
    CallEvents events;
    qint64 nanos = 0;
    for (int i = 0; i <= 1000; ++i) {
        nanos += i == 0 ? 0 : (i == 1000 ? 1'000'000 : 1'000); // 999 gaps of 1 µs, one of 1 ms
        events.append(makeEvent(CallEvent::Type::Received, nanos));
    }
    stats.apply(events);
    const StreamStats::Latency gaps = stats.receiveGaps();
    QCOMPARE(gaps.samples, 1000);
    QCOMPARE(gaps.min, 1'000);
    QCOMPARE(gaps.median, 1'000);
    QCOMPARE(gaps.p99, 1'000);
    QCOMPARE(gaps.max, 1'000'000);
}

void FramesModelTest::exportsJsonLines()
{
    FramesModel model;
    model.setMethod(m_ticks);
    model.apply({headers(5), tick(1, 10, 2), finished(20)});
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("frames.jsonl"));
    QString error;
    QVERIFY2(FramesExport::write(FramesExport::snapshot(model), path, &error), qPrintable(error));
    const QList<QByteArray> lines = test::readFile(path).trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QJsonParseError parse;
    const QJsonObject message = QJsonDocument::fromJson(lines[1], &parse).object();
    QCOMPARE(parse.error, QJsonParseError::NoError);
    QCOMPARE(message.value(QStringLiteral("seq")).toInt(), 2);
    QCOMPARE(message.value(QStringLiteral("direction")).toString(), QStringLiteral("received"));
    QCOMPARE(message.value(QStringLiteral("nanos")).toInteger(), 10);
    QCOMPARE(message.value(QStringLiteral("json")).toObject().value(QStringLiteral("seq")).toString(),
        QStringLiteral("1"));
    const QJsonObject trailers = QJsonDocument::fromJson(lines[2]).object();
    QCOMPARE(trailers.value(QStringLiteral("status")).toString(), QStringLiteral("OK"));
    QCOMPARE(trailers.value(QStringLiteral("kind")).toString(), QStringLiteral("trailers"));
}

QTEST_GUILESS_MAIN(FramesModelTest)
#include "FramesModelTest.moc"
