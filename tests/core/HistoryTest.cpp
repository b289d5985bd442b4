#include "model/collection/History.h"
#include "model/load/LoadReport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace wirescope;

namespace {

HistoryEntry entry(int n, const QString &status = QStringLiteral("OK"))
{
    HistoryEntry e;
    e.time = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0, 250), Qt::UTC).addSecs(n);
    e.request.name = QStringLiteral("Call %1").arg(n);
    e.request.target = QStringLiteral("{{host}}");
    e.request.method = QStringLiteral("shop.v1.Catalog/GetItem");
    e.request.body = QStringLiteral("{\"id\": %1}\n").arg(n);
    e.request.metadata = {{QStringLiteral("authorization"), QStringLiteral("Bearer {{token}}"), true}};
    e.request.deadlineMs = 1000;
    e.resolvedTarget = QStringLiteral("shop.internal:443");
    e.status = status;
    e.elapsedMs = 12 + n;
    e.response = QStringLiteral("{\"item\": {\"id\": %1}}").arg(n);
    e.responseSummary = HistoryEntry::summarize(e.response);
    return e;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void appendRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write(bytes);
}

// A line as History wrote it before load runs were kept (canonical compact JSON: keys
// sorted, no blanks), for call `n` of entry(n) without its response's trailing newline.
QByteArray oldLine(int n)
{
    // Written with ' for ", so the line reads as it is on disk.
    QString line = QStringLiteral(
        "{'elapsedMs':%1,'formatVersion':1,'request':{'body':['{\\'id\\': %2}'],'deadlineMs':1000,"
        "'metadata':[{'enabled':true,'key':'authorization','value':'Bearer {{token}}'}],"
        "'method':'shop.v1.Catalog/GetItem','name':'Call %2','schema':{'importPaths':[],'kind':'reflection',"
        "'protoFiles':[],'protoset':''},'target':'{{host}}','tls':{'authority':'','caFile':'','certFile':'',"
        "'keyFile':'','security':'plaintext'}},'resolvedTarget':'shop.internal:443',"
        "'response':'{\\'item\\': {\\'id\\': %2}}','responseSummary':'{\\'item\\': {\\'id\\': %2}}',"
        "'status':'OK','time':'2024-05-01T12:00:0%2.250Z'}");
    return line.arg(12 + n).arg(n).replace(u'\'', u'"').toUtf8();
}

// What a closed-model run of 200 calls, 3 of them failed, might have measured.
HistoryEntry loadEntry(int n)
{
    LoadReport report;
    report.concurrency = 4;
    report.connections = 2;
    report.plannedTotal = 200;
    report.count = 200;
    report.totalNanos = 1'250'000'000;
    report.statusCodes = {{QStringLiteral("OK"), 197}, {QStringLiteral("NOT_FOUND"), 3}};
    report.errors = {{QStringLiteral("NOT_FOUND: no item s3cr3t-t0ken"), 3}};
    for (int i = 1; i <= 200; ++i)
        report.latency.record(qint64(i) * 50'000); // 50 µs .. 10 ms
    HistoryEntry e = entry(n, QStringLiteral("NOT_FOUND"));
    e.load = LoadSummary::fromReport(report);
    e.response.clear();
    e.responseSummary = e.load->label();
    return e;
}

// A server-streaming run: 10 calls in 500 ms, each one request and three responses, the
// first of them after 2 ms.
HistoryEntry streamEntry(int n)
{
    LoadReport report;
    report.streaming = true;
    report.concurrency = 2;
    report.plannedTotal = 10;
    report.count = 10;
    report.totalNanos = 500'000'000;
    report.statusCodes = {{QStringLiteral("OK"), 10}};
    report.messagesSent = 10;
    report.messagesReceived = 30;
    for (int i = 0; i < 10; ++i) {
        report.latency.record(20'000'000);
        report.firstMessage.record(2'000'000);
    }
    HistoryEntry e = entry(n);
    e.request.method = QStringLiteral("shop.v1.Catalog/WatchItems");
    e.load = LoadSummary::fromReport(report);
    e.response.clear();
    e.responseSummary = e.load->label();
    return e;
}

} // namespace

class HistoryTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void roundTripsEveryField();
    void boundedDropsOldest();
    void searchByText();
    void survivesCorruptLines();
    void readIsWhatLoadAdopts();
    void summaryIsShort();
    void clearEmptiesTheFile();
    void largeBodiesAreNotKept();
    void secretsNeverReachTheFile();
    void linesFromBeforeLoadRunsLoadAndKeepTheirBytes();
    void loadRunsRoundTrip();
    void malformedLoadIsSkipped();
    void streamingLoadRunsKeepTheirStreams();
};

void HistoryTest::roundTripsEveryField()
{
    QTemporaryDir dir;
    History history(dir.filePath(QStringLiteral("data/history")));
    QString error;
    QVERIFY(history.load(&error)); // no file yet is fine
    QVERIFY2(history.append(entry(1), &error), qPrintable(error));
    QVERIFY(history.append(entry(2, QStringLiteral("NOT_FOUND")), &error));
    History reloaded(dir.filePath(QStringLiteral("data/history")));
    QVERIFY(reloaded.load(&error));
    QCOMPARE(reloaded.entries().size(), 2);
    QCOMPARE(reloaded.entries().at(0), entry(1));
    QCOMPARE(reloaded.entries().at(1), entry(2, QStringLiteral("NOT_FOUND")));
    // One line per call; the request as written, so the secret's name and not its value.
    const QByteArray bytes = readAll(history.filePath());
    QCOMPARE(bytes.count('\n'), 2);
    QVERIFY(bytes.contains("Bearer {{token}}"));
    QVERIFY(bytes.contains("\"formatVersion\":1"));
    QVERIFY(History::defaultDirectory().endsWith(QStringLiteral("/history")));

    History unloaded(dir.filePath(QStringLiteral("data/history"))); // append before load keeps the past
    QVERIFY(unloaded.append(entry(3), &error));
    QCOMPARE(unloaded.entries().size(), 3);
}

void HistoryTest::boundedDropsOldest()
{
    QTemporaryDir dir;
    History history(dir.path(), 10);
    QString error;
    for (int i = 0; i < 47; ++i)
        QVERIFY(history.append(entry(i), &error));
    QCOMPARE(history.entries().size(), 10);
    QCOMPARE(history.entries().first().request.name, QStringLiteral("Call 37"));
    QCOMPARE(history.entries().last().request.name, QStringLiteral("Call 46"));
    // The file is compacted now and then, never far past the bound.
    QVERIFY(readAll(history.filePath()).count('\n') <= 15);

    History reloaded(dir.path(), 10);
    QVERIFY(reloaded.load(&error));
    QCOMPARE(reloaded.entries(), history.entries());
    History smaller(dir.path(), 3);
    QVERIFY(smaller.load(&error));
    QCOMPARE(smaller.entries().size(), 3);
    QCOMPARE(smaller.entries().first().request.name, QStringLiteral("Call 44"));
}

void HistoryTest::searchByText()
{
    QTemporaryDir dir;
    History history(dir.path());
    QString error;
    for (int i = 0; i < 5; ++i)
        QVERIFY(
            history.append(entry(i, i % 2 ? QStringLiteral("UNAVAILABLE") : QStringLiteral("OK")), &error));
    QCOMPARE(history.search({}).size(), 5);
    const QList<HistoryEntry> failed = history.search(QStringLiteral("unavailable"));
    QCOMPARE(failed.size(), 2);
    QCOMPARE(failed.first().request.name, QStringLiteral("Call 3")); // newest first
    QCOMPARE(history.search(QStringLiteral("SHOP.INTERNAL getitem \"id\": 4}")).size(), 1);
    QCOMPARE(history.search(QStringLiteral("getitem nowhere")).size(), 0);
}

void HistoryTest::survivesCorruptLines()
{
    QTemporaryDir dir;
    History history(dir.path());
    QString error;
    QVERIFY(history.append(entry(1), &error));
    appendRaw(history.filePath(), "not json at all\n");
    appendRaw(history.filePath(), "{\"formatVersion\": 9, \"time\": \"2030-01-01T00:00:00Z\"}\n");
    appendRaw(history.filePath(), "{\"formatVersion\": 1, \"time\": \"yesterday\"}\n");
    QVERIFY(history.append(entry(2), &error));
    appendRaw(history.filePath(), "{\"formatVersion\": 1, \"time\": \"20"); // torn by a crash
    QVERIFY(history.append(entry(3), &error)); // starts on a line of its own

    History reloaded(dir.path());
    QVERIFY(reloaded.load(&error));
    QCOMPARE(reloaded.skippedLines(), 4);
    QCOMPARE(reloaded.entries().size(), 3);
    QCOMPARE(reloaded.entries().last(), entry(3));
}

// What a worker reads is what load() would have: bounded to the newest, skipped lines
// counted, nothing of a History touched until it is adopted; a file that cannot be read is
// an error that says which.
void HistoryTest::readIsWhatLoadAdopts()
{
    QTemporaryDir dir;
    History writer(dir.path());
    QString error;
    for (int n = 1; n <= 5; ++n)
        QVERIFY2(writer.append(entry(n), &error), qPrintable(error));
    appendRaw(writer.filePath(), "not json at all\n");

    const History::Contents contents = History::read(writer.filePath(), 3);
    QVERIFY2(contents.error.isEmpty(), qPrintable(contents.error));
    QCOMPARE(contents.linesOnDisk, 6);
    QCOMPARE(contents.skippedLines, 1);
    QCOMPARE(contents.entries.size(), 3);
    QCOMPARE(contents.entries.first(), entry(3));
    QCOMPARE(contents.entries.last(), entry(5));

    History adopting(dir.path(), 3);
    QVERIFY(!adopting.isLoaded());
    QVERIFY2(adopting.adopt(contents, &error), qPrintable(error));
    QVERIFY(adopting.isLoaded());
    History loading(dir.path(), 3);
    QVERIFY(loading.load(&error));
    QCOMPARE(adopting.entries(), loading.entries());
    QCOMPARE(adopting.skippedLines(), loading.skippedLines());

    QVERIFY(History::read(dir.filePath(QStringLiteral("nothing-here.jsonl")), 3).entries.isEmpty());
    const QString folder = dir.filePath(QStringLiteral("a-folder"));
    QVERIFY(QDir().mkpath(folder));
    const History::Contents unreadable = History::read(folder, 3);
    QVERIFY(unreadable.error.contains(QStringLiteral("a-folder")));
    History broken(dir.path());
    QVERIFY(!broken.adopt(unreadable, &error));
    QCOMPARE(error, unreadable.error);
    QVERIFY(broken.isLoaded() && broken.entries().isEmpty());
}

void HistoryTest::summaryIsShort()
{
    const QString summary
        = HistoryEntry::summarize(QStringLiteral("{\n  \"a\":   1\n}") + QString(500, QLatin1Char('x')));
    QCOMPARE(summary.size(), HistoryEntry::SummaryLength);
    QVERIFY(summary.startsWith(QStringLiteral("{ \"a\": 1 }xxx")));
    QCOMPARE(HistoryEntry::summarize(QStringLiteral("short")), QStringLiteral("short"));
}

void HistoryTest::clearEmptiesTheFile()
{
    QTemporaryDir dir;
    History history(dir.path());
    QString error;
    QVERIFY(history.append(entry(1), &error));
    QVERIFY(history.clear(&error));
    QVERIFY(history.entries().isEmpty());
    QVERIFY(!QFile::exists(history.filePath()));
    QVERIFY(history.load(&error));
    QVERIFY(history.entries().isEmpty());
}

void HistoryTest::largeBodiesAreNotKept()
{
    QTemporaryDir dir;
    History history(dir.path());
    QString error;
    HistoryEntry atTheBound = entry(1);
    atTheBound.request.body = QString(HistoryEntry::MaxBodyChars, u'x');
    HistoryEntry over = entry(2);
    over.request.body = QString(HistoryEntry::MaxBodyChars + 1, u'y');
    over.response = QString(HistoryEntry::MaxBodyChars + 1, u'z');
    QVERIFY2(history.append(atTheBound, &error), qPrintable(error));
    QVERIFY2(history.append(over, &error), qPrintable(error));

    // At the bound it is kept; past it, only its length is, in memory and on disk.
    QCOMPARE(history.entries().at(0).request.body, atTheBound.request.body);
    QCOMPARE(history.entries().at(0).bodyOmittedChars, qint64(0));
    QVERIFY(history.entries().at(1).request.body.isEmpty());
    QCOMPARE(history.entries().at(1).bodyOmittedChars, qint64(HistoryEntry::MaxBodyChars + 1));
    QCOMPARE(history.entries().at(1).request.method, over.request.method); // the rest is kept
    QVERIFY(history.entries().at(1).response.isEmpty()); // nor a response past the bound
    QCOMPARE(history.entries().at(0).response, entry(1).response);
    const QByteArray bytes = readAll(history.filePath());
    QVERIFY(!bytes.contains("yyyy") && !bytes.contains("zzzz"));
    QVERIFY(bytes.size() < 2 * HistoryEntry::MaxBodyChars);

    History reloaded(dir.path());
    QVERIFY(reloaded.load(&error));
    QCOMPARE(reloaded.entries(), history.entries());
    QVERIFY(!readAll(history.filePath()).split('\n').first().contains("bodyOmittedChars"));
}

// A secret used as the target, or echoed by the server, is not written down; the file is
// readable by its owner only (it was created 0644 and held both).
void HistoryTest::secretsNeverReachTheFile()
{
    QTemporaryDir dir;
    History history(dir.path());
    HistoryEntry call = entry(1);
    call.request.target = QStringLiteral("{{host}}:443");
    call.resolvedTarget = QStringLiteral("internal-7f3a.example:443");
    call.responseSummary = QStringLiteral("{\"echo\": \"Bearer s3cr3t-t0ken\", \"n\": 1}");
    call.response = QStringLiteral("{\n  \"echo\": \"Bearer s3cr3t-t0ken\",\n  \"n\": 1\n}");
    call.redactSecrets({{QStringLiteral("host"), QStringLiteral("internal-7f3a.example")},
        {QStringLiteral("token"), QStringLiteral("s3cr3t-t0ken")},
        {QStringLiteral("pin"), QStringLiteral("1")}});
    QCOMPARE(call.resolvedTarget, QStringLiteral("{{host}}:443"));
    QCOMPARE(call.responseSummary, QStringLiteral("{\"echo\": \"Bearer {{token}}\", \"n\": 1}"));
    QVERIFY2(call.response.contains(QStringLiteral("Bearer {{token}}")), qPrintable(call.response));
    QString error;
    QVERIFY2(history.append(call, &error), qPrintable(error));
    const QByteArray bytes = readAll(history.filePath());
    QVERIFY(!bytes.contains("s3cr3t") && !bytes.contains("internal-7f3a"));
    const QFileDevice::Permissions permissions = QFile::permissions(history.filePath());
    QVERIFY(permissions & QFileDevice::ReadOwner);
    QVERIFY(!(permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));
    // A target that uses no secret is kept resolved, so the entry says where it went.
    HistoryEntry plain = entry(2);
    plain.request.target = QStringLiteral("{{host}}:443");
    plain.resolvedTarget = QStringLiteral("public.example:443");
    plain.redactSecrets({{QStringLiteral("token"), QStringLiteral("s3cr3t-t0ken")}});
    QCOMPARE(plain.resolvedTarget, QStringLiteral("public.example:443"));
}

// A file written before load runs were kept loads as it did, and an entry without a load
// run is written back byte for byte (here when the file is compacted).
void HistoryTest::linesFromBeforeLoadRunsLoadAndKeepTheirBytes()
{
    QTemporaryDir dir;
    History history(dir.path(), 2);
    appendRaw(history.filePath(), oldLine(1) + '\n' + oldLine(2) + '\n' + oldLine(3) + '\n');
    QString error;
    QVERIFY(history.load(&error));
    QCOMPARE(history.skippedLines(), 0);
    QCOMPARE(history.entries().size(), 2);
    HistoryEntry expected = entry(3);
    expected.request.body = expected.request.body.trimmed();
    QCOMPARE(history.entries().last(), expected);
    QVERIFY(!history.entries().last().load);
    QVERIFY(!history.entries().last().toJson().contains(QStringLiteral("load")));

    QVERIFY2(history.append(loadEntry(4), &error), qPrintable(error)); // past 3 lines: compacted
    const QList<QByteArray> lines = readAll(history.filePath()).split('\n');
    QCOMPARE(lines.size(), 3); // two entries and the end
    QCOMPARE(lines.at(0), oldLine(3));
    QVERIFY(lines.at(1).contains("\"load\":{"));
}

void HistoryTest::loadRunsRoundTrip()
{
    QTemporaryDir dir;
    History history(dir.path());
    QString error;
    QVERIFY(history.append(entry(1), &error));
    HistoryEntry run = loadEntry(2);
    run.redactSecrets({{QStringLiteral("token"), QStringLiteral("s3cr3t-t0ken")}});
    QCOMPARE(run.load->errors.firstKey(), QStringLiteral("NOT_FOUND: no item {{token}}"));
    QVERIFY2(history.append(run, &error), qPrintable(error));
    History reloaded(dir.path());
    QVERIFY(reloaded.load(&error));
    QCOMPARE(reloaded.entries(), history.entries());
    const LoadSummary &load = *reloaded.entries().last().load;
    QCOMPARE(load.count, qint64(200));
    QCOMPARE(load.concurrency, 4);
    QCOMPARE(load.connections, 2);
    QCOMPARE(load.statusName(), QStringLiteral("NOT_FOUND"));
    QVERIFY(load.p99Nanos >= 9'900'000 && load.p99Nanos <= 10'000'000);
    qint64 binned = 0;
    for (const LoadSummary::Bin &bin : load.histogram)
        binned += bin.count;
    QCOMPARE(binned, qint64(200));
    QVERIFY(load.histogram.size() < 80); // compact: 50 µs .. 10 ms is under 8 octaves
    QVERIFY2(load.label().startsWith(QStringLiteral("Load \u00b7 200 calls \u00b7 160.0 rps \u00b7 p99 ")),
        qPrintable(load.label()));
    // Found by what it measured, as the list shows it.
    QCOMPARE(reloaded.search(QStringLiteral("load 200 calls")).size(), 1);
    const QByteArray bytes = readAll(history.filePath());
    QVERIFY(!bytes.contains("s3cr3t"));
    QCOMPARE(bytes.split('\n').first().contains("\"load\""), false); // the single call has none
}

void HistoryTest::malformedLoadIsSkipped()
{
    QTemporaryDir dir;
    History history(dir.path());
    QString error;
    QVERIFY(history.append(entry(1), &error));
    QJsonObject broken = loadEntry(2).toJson();
    broken.insert(QStringLiteral("formatVersion"), 1);
    broken.insert(QStringLiteral("load"), 5);
    appendRaw(history.filePath(), QJsonDocument(broken).toJson(QJsonDocument::Compact) + '\n');
    QJsonObject badBins = loadEntry(3).toJson();
    QJsonObject load = badBins.value(QStringLiteral("load")).toObject();
    load.insert(QStringLiteral("histogram"), QJsonArray {QJsonArray {1}});
    badBins.insert(QStringLiteral("load"), load);
    badBins.insert(QStringLiteral("formatVersion"), 1);
    appendRaw(history.filePath(), QJsonDocument(badBins).toJson(QJsonDocument::Compact) + '\n');
    History reloaded(dir.path());
    QVERIFY(reloaded.load(&error));
    QCOMPARE(reloaded.skippedLines(), 2);
    QCOMPARE(reloaded.entries().size(), 1);
}

// A streaming run's messages and time to first message come back; a unary run's line holds
// none of them, and a streaming run's line from before they were kept loads without them.
void HistoryTest::streamingLoadRunsKeepTheirStreams()
{
    QTemporaryDir dir;
    History history(dir.path());
    QString error;
    QVERIFY2(history.append(loadEntry(1), &error), qPrintable(error));
    QVERIFY2(history.append(streamEntry(2), &error), qPrintable(error));
    QJsonObject old = streamEntry(3).toJson();
    QJsonObject oldLoad = old.value(QStringLiteral("load")).toObject();
    QVERIFY(oldLoad.contains(QStringLiteral("streams")));
    oldLoad.remove(QStringLiteral("streams"));
    old.insert(QStringLiteral("load"), oldLoad);
    old.insert(QStringLiteral("formatVersion"), 1);
    appendRaw(history.filePath(), QJsonDocument(old).toJson(QJsonDocument::Compact) + '\n');

    History reloaded(dir.path());
    QVERIFY(reloaded.load(&error));
    QCOMPARE(reloaded.skippedLines(), 0);
    QCOMPARE(reloaded.entries().size(), 3);
    QCOMPARE(reloaded.entries().at(0), loadEntry(1));
    QCOMPARE(reloaded.entries().at(1), streamEntry(2));
    const LoadSummary &streams = *reloaded.entries().at(1).load;
    QVERIFY(streams.streaming);
    QCOMPARE(streams.messagesSent, qint64(10));
    QCOMPARE(streams.messagesReceived, qint64(30));
    QCOMPARE(streams.firstMessageCount, qint64(10));
    QCOMPARE(streams.firstMessageP50Nanos, qint64(2'000'000));
    QCOMPARE(streams.firstMessageP99Nanos, qint64(2'000'000));
    QCOMPARE(streams.perSecond(streams.messagesReceived), 60.0);
    const LoadSummary &before = *reloaded.entries().at(2).load;
    QVERIFY(!before.streaming);
    QCOMPARE(before.messagesReceived, qint64(0));
    QCOMPARE(before.firstMessageCount, qint64(0));
    QCOMPARE(before.count, qint64(10));

    const QList<QByteArray> lines = readAll(history.filePath()).split('\n');
    QVERIFY(!lines.at(0).contains("streams")); // unary: the line as it was before
    QVERIFY2(lines.at(1).contains("\"streams\":{\"firstMessageNanos\":{\"count\":10,\"p50\":2000000,"),
        lines.at(1).constData());
    QVERIFY(lines.at(1).contains("\"received\":30,\"sent\":10}"));
}

QTEST_GUILESS_MAIN(HistoryTest)
#include "HistoryTest.moc"
