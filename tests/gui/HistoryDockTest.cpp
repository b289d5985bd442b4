#include "ui/collection/HistoryDock.h"

#include "model/collection/History.h"
#include "model/collection/HistoryListModel.h"
#include "model/request/GrpcurlCommand.h"
#include "ui/workbench/Theme.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace wirescope;

namespace {

const QString GetItem = QStringLiteral("shop.v1.Catalog/GetItem");
const QString PlaceOrder = QStringLiteral("shop.v1.Orders/PlaceOrder");

// Even calls read the catalog, odd ones place orders; every third one fails.
HistoryEntry entry(int n)
{
    HistoryEntry e;
    e.time = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0, 250), Qt::UTC).addSecs(n);
    e.request.name = QStringLiteral("Call %1").arg(n);
    e.request.target = QStringLiteral("{{host}}");
    e.request.method = n % 2 == 0 ? GetItem : PlaceOrder;
    e.request.body = QStringLiteral("{\"id\": %1}\n").arg(n);
    e.request.metadata = {{QStringLiteral("authorization"), QStringLiteral("Bearer {{token}}"), true}};
    e.request.deadlineMs = 1000;
    e.resolvedTarget = QStringLiteral("shop.internal:443");
    e.status = n % 3 == 0 ? QStringLiteral("NOT_FOUND") : QStringLiteral("OK");
    e.elapsedMs = 12 + n;
    e.responseSummary = HistoryEntry::summarize(QStringLiteral("{\"item\": {\"id\": %1}}").arg(n));
    return e;
}

QList<HistoryEntry> shownEntries(const HistoryListModel &model)
{
    QList<HistoryEntry> entries;
    for (int row = 0; row < model.rowCount(); ++row)
        entries.append(model.index(row, 0).data(HistoryListModel::EntryRole).value<HistoryEntry>());
    return entries;
}

void fill(History *history, int count)
{
    QString error;
    for (int n = 1; n <= count; ++n)
        QVERIFY2(history->append(entry(n), &error), qPrintable(error));
}

template<typename T> T *child(const QWidget &parent, const char *name)
{
    auto *widget = parent.findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qWarning("no child named %s", name);
    return widget;
}

void selectRow(const HistoryDock &dock, int row)
{
    auto *table = child<QTableView>(dock, "historyTable");
    table->selectRow(row);
}

} // namespace

// The history panel: its headless table model under appends, filters and the bound, and
// the dock over a real History file in a temporary folder, driven as a person would.
class HistoryDockTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void modelAppendsWithoutReset();
    void modelFiltersLikeHistorySearch();
    void modelDropsTheOldestPastTheBound();
    void modelColumns();
    void dockLoadsNewestFirst();
    void aCallRecordedWhileLoadingKeepsEveryEntry();
    void recordShowsTheCallAtTheTop();
    void searchFieldFilters();
    void doubleClickAndEnterOpen();
    void runAgainEmitsTheEntry();
    void copyAsGrpcurl();
    void detailShowsTheWholeCall();
    void anOmittedBodyIsSaidToBe();
    void statusColors();
    void clearAsksThenEmptiesModelAndFile();
    void reportsSkippedLines();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<History> m_history;
};

void HistoryDockTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_history = std::make_unique<History>(m_dir->filePath(QStringLiteral("history")));
}

void HistoryDockTest::cleanup()
{
    m_history.reset();
    m_dir.reset();
}

void HistoryDockTest::modelAppendsWithoutReset()
{
    HistoryListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setEntries({entry(1), entry(2), entry(3)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.entry(0), entry(3)); // newest first
    QCOMPARE(model.entry(2), entry(1));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    for (int n = 4; n <= 20; ++n)
        model.append(entry(n));
    QCOMPARE(inserted.count(), 17);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 20);
    QCOMPARE(model.entry(0), entry(20));

    // While a search is on, a call it does not match is kept but not shown.
    model.setFilterText(QStringLiteral("orders"));
    const int orders = model.rowCount();
    QCOMPARE(orders, 10);
    inserted.clear();
    model.append(entry(22)); // catalog
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowCount(), orders);
    QCOMPARE(model.totalCount(), 21);
    model.append(entry(23)); // orders
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.entry(0), entry(23));
    model.setFilterText(QString());
    QCOMPARE(model.rowCount(), 22);
    QCOMPARE(model.entry(1), entry(22));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalCount(), 0);
    model.append(entry(30));
    QCOMPARE(model.rowCount(), 1);
}

void HistoryDockTest::modelFiltersLikeHistorySearch()
{
    fill(m_history.get(), 12);
    HistoryListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setEntries(m_history->entries());
    const QStringList queries = {QString(), QStringLiteral("orders"), QStringLiteral("ORDERS not_found"),
        QStringLiteral("  catalog   ok "), QStringLiteral("shop.internal"), QStringLiteral("{{host}}"),
        QStringLiteral("\"id\": 7"), QStringLiteral("call 1"), QStringLiteral("nothing-like-this")};
    for (const QString &query : queries) {
        model.setFilterText(query);
        QCOMPARE(model.filterText(), query);
        QCOMPARE(shownEntries(model), m_history->search(query));
    }
    model.setFilterText(QStringLiteral("not_found orders"));
    QCOMPARE(model.rowCount(), 2); // calls 3 and 9
    QCOMPARE(model.entry(0), entry(9));
}

void HistoryDockTest::modelDropsTheOldestPastTheBound()
{
    HistoryListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setMaxEntries(5);
    model.setEntries({entry(1), entry(2), entry(3), entry(4), entry(5), entry(6), entry(7)});
    QCOMPARE(model.totalCount(), 5);
    QCOMPARE(model.entry(4), entry(3));

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.append(entry(8));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 5); // the bottom row, once the new one is in
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.entry(0), entry(8));
    QCOMPARE(model.entry(4), entry(4));

    // A hidden oldest entry leaves without a row going.
    model.setFilterText(QStringLiteral("catalog")); // 4, 6, 8
    QCOMPARE(model.rowCount(), 3);
    removed.clear();
    model.append(entry(9)); // drops 4, shown
    QCOMPARE(removed.count(), 1);
    model.append(entry(11)); // drops 5, hidden
    QCOMPARE(removed.count(), 1);
    QCOMPARE(shownEntries(model), (QList<HistoryEntry> {entry(8), entry(6)}));
    model.setMaxEntries(2);
    QCOMPARE(model.totalCount(), 2);
    QCOMPARE(model.rowCount(), 0);
}

void HistoryDockTest::modelColumns()
{
    HistoryListModel model;
    HistoryEntry call = entry(3);
    call.request.target = QStringLiteral("localhost:50051");
    call.resolvedTarget.clear();
    model.setEntries({entry(1), call});
    QCOMPARE(model.columnCount(), int(HistoryListModel::ColumnCount));
    QCOMPARE(
        model.headerData(HistoryListModel::TimeColumn, Qt::Horizontal).toString(), QStringLiteral("Time"));
    QCOMPARE(model.headerData(HistoryListModel::DurationColumn, Qt::Horizontal).toString(),
        QStringLiteral("Duration"));
    const auto text = [&model](int row, int column) { return model.index(row, column).data().toString(); };
    const QDateTime local = entry(1).time.toLocalTime();
    QCOMPARE(text(1, HistoryListModel::TimeColumn), local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(text(1, HistoryListModel::TimeColumn).size(), 19); // to the second
    QCOMPARE(text(1, HistoryListModel::MethodColumn), PlaceOrder);
    QCOMPARE(text(1, HistoryListModel::TargetColumn), QStringLiteral("shop.internal:443")); // resolved
    QCOMPARE(text(0, HistoryListModel::TargetColumn), QStringLiteral("localhost:50051")); // as written
    QCOMPARE(text(0, HistoryListModel::StatusColumn), QStringLiteral("NOT_FOUND"));
    QCOMPARE(text(1, HistoryListModel::DurationColumn), QStringLiteral("13 ms"));
    QCOMPARE(model.index(1, 0).data(HistoryListModel::IsOkRole).toBool(), true);
    QCOMPARE(model.index(0, 0).data(HistoryListModel::IsOkRole).toBool(), false);
    QCOMPARE(model.index(0, 0).data(HistoryListModel::ElapsedRole).toLongLong(), 15);
    QCOMPARE(model.index(0, 0).data(HistoryListModel::TimeRole).toDateTime(), call.time);
    QCOMPARE(model.index(0, 0).data(HistoryListModel::EntryRole).value<HistoryEntry>(), call);
    QVERIFY(model.index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("{{host}}")));
}

void HistoryDockTest::dockLoadsNewestFirst()
{
    fill(m_history.get(), 3);
    History unloaded(m_dir->filePath(QStringLiteral("history")));
    HistoryDock dock(&unloaded);
    QCOMPARE(dock.objectName(), QStringLiteral("historyDock"));
    auto *table = child<QTableView>(dock, "historyTable");
    QVERIFY(table);
    // The file is read on a worker: the dock is made before it is.
    QVERIFY(dock.isLoading());
    QCOMPARE(table->model()->rowCount(), 0);
    QTRY_VERIFY(!dock.isLoading());
    QVERIFY(unloaded.isLoaded());
    QCOMPARE(table->model()->rowCount(), 3);
    QCOMPARE(dock.model()->entry(0), entry(3));
    QCOMPARE(table->model()->index(0, HistoryListModel::MethodColumn).data().toString(), PlaceOrder);
    QVERIFY(child<QLabel>(dock, "historyNotice")->isHidden());
}

// A call can end before the worker has read the file: History reads it itself to append,
// the list shows all of it, and the worker's late result neither drops nor repeats a call.
void HistoryDockTest::aCallRecordedWhileLoadingKeepsEveryEntry()
{
    fill(m_history.get(), 3);
    History unloaded(m_dir->filePath(QStringLiteral("history")));
    HistoryDock dock(&unloaded);
    QVERIFY(dock.isLoading());
    QString error;
    QVERIFY2(dock.record(entry(4), &error), qPrintable(error));
    QCOMPARE(dock.model()->rowCount(), 4);
    QCOMPARE(dock.model()->entry(0), entry(4));
    // The worker's late result is dropped: the list, and what is selected in it, stay.
    QSignalSpy reset(dock.model(), &QAbstractItemModel::modelReset);
    QTRY_VERIFY(!dock.isLoading());
    QCOMPARE(reset.count(), 0);
    QCOMPARE(unloaded.entries().size(), 4);
    QCOMPARE(dock.model()->rowCount(), 4);
    QCOMPARE(dock.model()->entry(0), entry(4));
    QCOMPARE(dock.model()->entry(3), entry(1));
    History reloaded(m_dir->filePath(QStringLiteral("history")));
    QVERIFY(reloaded.load(&error));
    QCOMPARE(reloaded.entries().size(), 4);
}

void HistoryDockTest::recordShowsTheCallAtTheTop()
{
    fill(m_history.get(), 3);
    HistoryDock dock(m_history.get());
    auto *table = child<QTableView>(dock, "historyTable");
    QSignalSpy reset(table->model(), &QAbstractItemModel::modelReset);
    QString error;
    QVERIFY2(dock.record(entry(4), &error), qPrintable(error));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(table->model()->rowCount(), 4);
    QCOMPARE(table->model()->index(0, HistoryListModel::MethodColumn).data().toString(), GetItem);
    QCOMPARE(dock.model()->entry(0), entry(4));
    History reloaded(m_dir->filePath(QStringLiteral("history")));
    QVERIFY(reloaded.load(&error));
    QCOMPARE(reloaded.entries().size(), 4);
    QCOMPARE(reloaded.entries().constLast(), entry(4));
}

void HistoryDockTest::searchFieldFilters()
{
    fill(m_history.get(), 6);
    HistoryDock dock(m_history.get());
    auto *search = child<QLineEdit>(dock, "historySearch");
    auto *table = child<QTableView>(dock, "historyTable");
    QVERIFY(search && table);
    QTest::keyClicks(search, QStringLiteral("Orders not_found"));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(dock.model()->entry(0), entry(3));
    search->clear();
    QCOMPARE(table->model()->rowCount(), 6);
    QTest::keyClicks(search, QStringLiteral("catalog"));
    QCOMPARE(table->model()->rowCount(), 3);
    for (int row = 0; row < 3; ++row)
        QCOMPARE(table->model()->index(row, HistoryListModel::MethodColumn).data().toString(), GetItem);
}

void HistoryDockTest::doubleClickAndEnterOpen()
{
    fill(m_history.get(), 3);
    HistoryDock dock(m_history.get());
    dock.resize(800, 600);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    auto *table = child<QTableView>(dock, "historyTable");
    QSignalSpy opened(&dock, &HistoryDock::openRequested);

    const QPoint second
        = table->visualRect(table->model()->index(1, HistoryListModel::MethodColumn)).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, second);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, second);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().first().value<HistoryEntry>(), entry(2));

    table->setFocus();
    table->setCurrentIndex(table->model()->index(2, 0));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(opened.count(), 2);
    QCOMPARE(opened.last().first().value<HistoryEntry>(), entry(1));

    selectRow(dock, 0);
    QTest::mouseClick(child<QToolButton>(dock, "historyOpen"), Qt::LeftButton);
    QCOMPARE(opened.count(), 3);
    QCOMPARE(opened.last().first().value<HistoryEntry>(), entry(3));
}

void HistoryDockTest::runAgainEmitsTheEntry()
{
    fill(m_history.get(), 3);
    HistoryDock dock(m_history.get());
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    auto *rerun = child<QToolButton>(dock, "historyRerun");
    QVERIFY(rerun);
    QVERIFY(!rerun->isEnabled()); // nothing selected yet
    QSignalSpy rerunSpy(&dock, &HistoryDock::rerunRequested);
    QSignalSpy openSpy(&dock, &HistoryDock::openRequested);
    selectRow(dock, 1);
    QVERIFY(rerun->isEnabled());
    QTest::mouseClick(rerun, Qt::LeftButton);
    QCOMPARE(rerunSpy.count(), 1);
    QCOMPARE(rerunSpy.first().first().value<HistoryEntry>(), entry(2));
    QCOMPARE(openSpy.count(), 0);
}

void HistoryDockTest::copyAsGrpcurl()
{
    fill(m_history.get(), 2);
    HistoryDock dock(m_history.get());
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QGuiApplication::clipboard()->setText(QStringLiteral("before"));
    selectRow(dock, 0);
    QTest::mouseClick(child<QToolButton>(dock, "historyCopy"), Qt::LeftButton);
    const QString copied = QGuiApplication::clipboard()->text();

    SavedRequest expected = entry(2).request;
    expected.target = QStringLiteral("shop.internal:443");
    QCOMPARE(copied, GrpcurlCommand::toCommandLine(expected));
    QVERIFY(copied.startsWith(QStringLiteral("grpcurl ")));
    QVERIFY(copied.contains(QStringLiteral(" shop.internal:443 ")));
    QVERIFY(copied.contains(QStringLiteral("Bearer {{token}}"))); // never the secret's value
    QVERIFY(copied.endsWith(GetItem));
    // The command reads back as the call it came from.
    const GrpcurlCommand::ParseResult parsed = GrpcurlCommand::parse(copied);
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QCOMPARE(parsed.request.method, GetItem);
    QCOMPARE(parsed.request.body.trimmed(), entry(2).request.body.trimmed());
}

void HistoryDockTest::detailShowsTheWholeCall()
{
    fill(m_history.get(), 3);
    HistoryDock dock(m_history.get());
    auto *detail = child<QPlainTextEdit>(dock, "historyDetail");
    QVERIFY(detail && detail->isReadOnly());
    QVERIFY(detail->toPlainText().isEmpty());
    selectRow(dock, 0); // call 3
    const QString text = detail->toPlainText();
    for (const QString &part : {PlaceOrder, QStringLiteral("shop.internal:443"), QStringLiteral("{{host}}"),
             QStringLiteral("NOT_FOUND"), QStringLiteral("15 ms"),
             QStringLiteral("authorization: Bearer {{token}}"), QStringLiteral("{\"id\": 3}"),
             QStringLiteral("{\"item\": {\"id\": 3}}"), HistoryListModel::timeText(entry(3).time)})
        QVERIFY2(text.contains(part), qPrintable(part));
    child<QLineEdit>(dock, "historySearch")->setText(QStringLiteral("catalog")); // hides the selection
    QVERIFY(detail->toPlainText().isEmpty());
}

// A call whose body was too large to keep says so in the detail and in the grpcurl command,
// which otherwise would send an empty message.
void HistoryDockTest::anOmittedBodyIsSaidToBe()
{
    HistoryEntry big = entry(1);
    big.request.body = QString(HistoryEntry::MaxBodyChars + 10, u'x');
    QString error;
    QVERIFY2(m_history->append(big, &error), qPrintable(error));
    HistoryDock dock(m_history.get());
    auto *detail = child<QPlainTextEdit>(dock, "historyDetail");
    selectRow(dock, 0);
    const QString expected = QStringLiteral("(%1 characters, too large to keep in history)")
                                 .arg(HistoryEntry::MaxBodyChars + 10);
    QVERIFY2(detail->toPlainText().contains(expected), qPrintable(detail->toPlainText()));
    const QString command = HistoryDock::grpcurlCommand(m_history->entries().first());
    QVERIFY2(command.startsWith(QStringLiteral("# The request body (%1 characters) was too large")
                                    .arg(HistoryEntry::MaxBodyChars + 10)),
        qPrintable(command));
    QVERIFY(command.section(u'\n', 1).startsWith(QStringLiteral("grpcurl ")));
    QVERIFY(!command.contains(QStringLiteral("xxxx")));
}

void HistoryDockTest::statusColors()
{
    fill(m_history.get(), 3);
    HistoryDock dock(m_history.get());
    const QAbstractItemModel *view = child<QTableView>(dock, "historyTable")->model();
    const auto color = [view](int row) {
        return view->index(row, HistoryListModel::StatusColumn)
            .data(Qt::ForegroundRole)
            .value<QBrush>()
            .color();
    };
    QCOMPARE(view->index(0, HistoryListModel::StatusColumn).data().toString(), QStringLiteral("NOT_FOUND"));
    QCOMPARE(color(0), Theme::errorColor());
    QCOMPARE(color(1), Theme::statusColor(0));
    QVERIFY(color(0) != color(1));
    QVERIFY(!view->index(1, HistoryListModel::MethodColumn).data(Qt::ForegroundRole).isValid());
}

void HistoryDockTest::clearAsksThenEmptiesModelAndFile()
{
    fill(m_history.get(), 3);
    HistoryDock dock(m_history.get());
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    auto *clear = child<QToolButton>(dock, "historyClear");
    QVERIFY(clear && clear->isEnabled());

    QTest::mouseClick(clear, Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = dock.findChild<QMessageBox *>(QStringLiteral("historyClearConfirm"))));
    box->button(QMessageBox::Cancel)->click();
    QCOMPARE(dock.model()->rowCount(), 3);
    QVERIFY(QFile::exists(m_history->filePath()));
    QTRY_VERIFY(!dock.findChild<QMessageBox *>(QStringLiteral("historyClearConfirm")));

    QTest::mouseClick(clear, Qt::LeftButton);
    QTRY_VERIFY((box = dock.findChild<QMessageBox *>(QStringLiteral("historyClearConfirm"))));
    box->button(QMessageBox::Yes)->click();
    QCOMPARE(dock.model()->rowCount(), 0);
    QCOMPARE(dock.model()->totalCount(), 0);
    QVERIFY(m_history->entries().isEmpty());
    QVERIFY(!QFile::exists(m_history->filePath()));
    QVERIFY(!clear->isEnabled());
    History reloaded(m_dir->filePath(QStringLiteral("history")));
    QString error;
    QVERIFY(reloaded.load(&error));
    QVERIFY(reloaded.entries().isEmpty());
}

void HistoryDockTest::reportsSkippedLines()
{
    fill(m_history.get(), 2);
    {
        QFile file(m_history->filePath());
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"this is\": not json\n");
    }
    History unloaded(m_dir->filePath(QStringLiteral("history")));
    HistoryDock dock(&unloaded);
    auto *notice = child<QLabel>(dock, "historyNotice");
    QTRY_VERIFY(!dock.isLoading());
    QVERIFY(!notice->isHidden());
    QVERIFY2(notice->text().contains(QStringLiteral("1 line")), qPrintable(notice->text()));
    QCOMPARE(dock.model()->rowCount(), 2);
}

QTEST_MAIN(HistoryDockTest)
#include "HistoryDockTest.moc"
