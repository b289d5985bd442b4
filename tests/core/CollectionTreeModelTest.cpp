#include "model/collection/CollectionTreeModel.h"
#include "model/collection/Collection.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace wirescope;

namespace {

using Kind = CollectionTreeModel::Kind;

SavedRequest request(const QString &name, const QString &method = QStringLiteral("demo.v1.Demo/Echo"))
{
    SavedRequest result;
    result.name = name;
    result.method = method;
    result.target = QStringLiteral("{{host}}:50051");
    result.body = QStringLiteral("{}");
    return result;
}

void writeRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(file.errorString()));
    QCOMPARE(file.write(bytes), bytes.size());
}

// The whole tree as text: one line per row, indented by depth, with a letter per kind.
void dump(const QAbstractItemModel &model, const QModelIndex &parent, int depth, QStringList *lines)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        const auto kind = Kind(index.data(CollectionTreeModel::KindRole).toInt());
        const char letter = kind == Kind::Folder ? 'F' : kind == Kind::Request ? 'R' : 'P';
        lines->append(QString(depth * 2, QLatin1Char(' ')) + QLatin1Char(letter) + QLatin1Char(' ')
            + index.data().toString());
        dump(model, index, depth + 1, lines);
    }
}

QStringList dump(const QAbstractItemModel &model)
{
    QStringList lines;
    dump(model, {}, 0, &lines);
    return lines;
}

} // namespace

class CollectionTreeModelTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void emptyWithoutCollection();
    void foldersRequestsAndProblems();
    void followsTheCollectionApiWithoutReset();
    void followsFilesWrittenBehindItsBack();
    void renameThroughSetData();
    void renameFailureIsReported();
    void dropMovesRequestIntoFolder();
    void switchingAndDestroyingTheCollection();
    void demoCollection();

private:
    void openCollection(Collection *collection);
    QString add(Collection *collection, const QString &name, const QString &folder);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void CollectionTreeModelTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void CollectionTreeModelTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void CollectionTreeModelTest::openCollection(Collection *collection)
{
    QString error;
    QVERIFY2(Collection::create(m_dir->path(), QStringLiteral("Test"), &error), qPrintable(error));
    QVERIFY2(collection->open(m_dir->path(), &error), qPrintable(error));
}

QString CollectionTreeModelTest::add(Collection *collection, const QString &name, const QString &folder)
{
    QString error;
    const QString path = collection->addRequest(request(name), folder, &error);
    if (path.isEmpty())
        qWarning("addRequest failed: %s", qPrintable(error));
    return path;
}

void CollectionTreeModelTest::emptyWithoutCollection()
{
    CollectionTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(CollectionTreeModel::ColumnCount));
    QVERIFY(!model.requestIndex(QStringLiteral("a.json")).isValid());
    QVERIFY(!model.flags({}).testFlag(Qt::ItemIsDropEnabled));
}

void CollectionTreeModelTest::foldersRequestsAndProblems()
{
    Collection collection;
    openCollection(&collection);
    QString error;
    QVERIFY(collection.createFolder(QStringLiteral("unary"), &error));
    QVERIFY(collection.createFolder(QStringLiteral("streaming/deep"), &error));
    QVERIFY(collection.createFolder(QStringLiteral("Empty"), &error));
    const QString echo = add(&collection, QStringLiteral("echo"), QStringLiteral("unary"));
    add(&collection, QStringLiteral("Add user"), QStringLiteral("unary"));
    add(&collection, QStringLiteral("Ticks"), QStringLiteral("streaming/deep"));
    add(&collection, QStringLiteral("beta"), {});
    add(&collection, QStringLiteral("Alpha"), {});
    writeRaw(collection.absolutePath(QStringLiteral("unary/broken.json")), "{ not json");
    QVERIFY(collection.open(m_dir->path(), &error)); // load the corrupt file now, not after a debounce

    CollectionTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCollection(&collection);
    const QStringList expected {
        QStringLiteral("F Empty"),
        QStringLiteral("F streaming"),
        QStringLiteral("  F deep"),
        QStringLiteral("    R Ticks"),
        QStringLiteral("F unary"),
        QStringLiteral("  R Add user"),
        QStringLiteral("  R echo"),
        QStringLiteral("  P broken.json"),
        QStringLiteral("R Alpha"),
        QStringLiteral("R beta"),
    };
    QCOMPARE(dump(model), expected);

    const QModelIndex request = model.requestIndex(echo);
    QVERIFY(request.isValid());
    QCOMPARE(request.data(CollectionTreeModel::PathRole).toString(), echo);
    QCOMPARE(request.data(CollectionTreeModel::KindRole).toInt(), int(Kind::Request));
    QCOMPARE(request.data(CollectionTreeModel::MethodRole).toString(), QStringLiteral("demo.v1.Demo/Echo"));
    QCOMPARE(request.data(CollectionTreeModel::TargetRole).toString(), QStringLiteral("{{host}}:50051"));
    const QString tip = request.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("demo.v1.Demo/Echo")) && tip.contains(QStringLiteral("{{host}}")),
        qPrintable(tip));
    QVERIFY(request.flags().testFlag(Qt::ItemIsEditable));
    QVERIFY(request.flags().testFlag(Qt::ItemIsDragEnabled));

    const QModelIndex folder = model.folderIndex(QStringLiteral("streaming/deep"));
    QVERIFY(folder.isValid());
    QCOMPARE(folder.data().toString(), QStringLiteral("deep"));
    QCOMPARE(folder.data(CollectionTreeModel::PathRole).toString(), QStringLiteral("streaming/deep"));
    QCOMPARE(folder.parent(), model.folderIndex(QStringLiteral("streaming")));
    QVERIFY(folder.flags().testFlag(Qt::ItemIsDropEnabled));
    QVERIFY(!folder.flags().testFlag(Qt::ItemIsEditable));

    const QModelIndex problem = model.problemIndex(QStringLiteral("unary/broken.json"));
    QVERIFY(problem.isValid());
    QCOMPARE(problem.data(CollectionTreeModel::KindRole).toInt(), int(Kind::Problem));
    const QString message = problem.data(CollectionTreeModel::MessageRole).toString();
    QVERIFY2(message.contains(QStringLiteral("broken.json")), qPrintable(message));
    QCOMPARE(problem.data(Qt::ToolTipRole).toString(), message);
    QVERIFY(!problem.flags().testFlag(Qt::ItemIsEditable));
    QVERIFY(!model.setData(problem, QStringLiteral("x")));
}

void CollectionTreeModelTest::followsTheCollectionApiWithoutReset()
{
    Collection collection;
    openCollection(&collection);
    const QString alpha = add(&collection, QStringLiteral("Alpha"), {});
    const QString beta = add(&collection, QStringLiteral("Beta"), {});
    CollectionTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCollection(&collection);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removals(&model, &QAbstractItemModel::rowsRemoved);
    const QPersistentModelIndex betaIndex = model.requestIndex(beta);

    QString error;
    const QString gamma = add(&collection, QStringLiteral("Gamma"), {});
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(dump(model),
        QStringList({QStringLiteral("R Alpha"), QStringLiteral("R Beta"), QStringLiteral("R Gamma")}));

    // A rename that only changes the name sorts the row to its new place.
    QVERIFY(!collection.renameRequest(alpha, QStringLiteral("Zeta"), &error).isEmpty());
    QCOMPARE(dump(model),
        QStringList({QStringLiteral("R Beta"), QStringLiteral("R Gamma"), QStringLiteral("R Zeta")}));

    const QString copy = collection.duplicateRequest(beta, &error);
    QVERIFY2(!copy.isEmpty(), qPrintable(error));
    QVERIFY(model.requestIndex(copy).isValid());
    QCOMPARE(model.requestIndex(copy).data().toString(), QStringLiteral("Beta copy"));

    QVERIFY(collection.createFolder(QStringLiteral("later/inner"), &error));
    const QString moved = collection.moveRequest(gamma, QStringLiteral("later/inner"), &error);
    QVERIFY2(!moved.isEmpty(), qPrintable(error));
    QVERIFY(!model.requestIndex(gamma).isValid());
    QCOMPARE(model.requestIndex(moved).parent(), model.folderIndex(QStringLiteral("later/inner")));

    QVERIFY(collection.removeRequest(copy, &error));
    QVERIFY(!model.requestIndex(copy).isValid());
    QVERIFY(collection.removeFolder(QStringLiteral("later"), &error));
    QVERIFY(!model.folderIndex(QStringLiteral("later")).isValid());
    QCOMPARE(dump(model), QStringList({QStringLiteral("R Beta"), QStringLiteral("R Zeta")}));

    // Never a reset, so views keep their state; the untouched request kept its index.
    QCOMPARE(resets.size(), 0);
    QVERIFY(removals.size() >= 3);
    QVERIFY(betaIndex.isValid());
    QCOMPARE(betaIndex.data(CollectionTreeModel::PathRole).toString(), beta);
}

void CollectionTreeModelTest::followsFilesWrittenBehindItsBack()
{
    Collection collection;
    openCollection(&collection);
    const QString echo = add(&collection, QStringLiteral("Echo"), {});
    const QString other = add(&collection, QStringLiteral("Other"), {});
    CollectionTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCollection(&collection);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    const QPersistentModelIndex echoIndex = model.requestIndex(echo);

    // An editor renames one request inside its file (same path, so the row moves) and
    // changes its method; a "git pull" adds another.
    writeRaw(
        collection.absolutePath(echo), request(QStringLiteral("Zulu"), QStringLiteral("x.Y/Z")).toBytes());
    writeRaw(
        collection.absolutePath(QStringLiteral("pulled.json")), request(QStringLiteral("Pulled")).toBytes());
    QTRY_VERIFY_WITH_TIMEOUT(model.requestIndex(QStringLiteral("pulled.json")).isValid(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(
        echoIndex.data(CollectionTreeModel::MethodRole).toString(), QStringLiteral("x.Y/Z"), 5000);
    QVERIFY(!changes.isEmpty());
    QCOMPARE(echoIndex.data().toString(), QStringLiteral("Zulu"));
    QCOMPARE(echoIndex.data(CollectionTreeModel::PathRole).toString(), echo);

    // Breaking a file turns its request into a problem row with the reason.
    writeRaw(collection.absolutePath(other), "{ \"formatVersion\": 1, ");
    QTRY_VERIFY_WITH_TIMEOUT(model.problemIndex(other).isValid(), 5000);
    QVERIFY(!model.requestIndex(other).isValid());
    QVERIFY(!model.problemIndex(other).data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(dump(model),
        QStringList({QStringLiteral("R Pulled"), QStringLiteral("R Zulu"), QStringLiteral("P other.json")}));
    QVERIFY(echoIndex.isValid());
}

void CollectionTreeModelTest::renameThroughSetData()
{
    Collection collection;
    openCollection(&collection);
    QString error;
    QVERIFY(collection.createFolder(QStringLiteral("unary"), &error));
    const QString echo = add(&collection, QStringLiteral("Echo"), QStringLiteral("unary"));
    CollectionTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCollection(&collection);
    QSignalSpy moved(&model, &CollectionTreeModel::requestMoved);
    QSignalSpy edits(&collection, &Collection::edited);

    QVERIFY(!model.setData(model.requestIndex(echo), QStringLiteral("   ")));
    QVERIFY(model.setData(model.requestIndex(echo), QStringLiteral("Echo"))); // unchanged: no edit
    QCOMPARE(edits.size(), 0);

    QVERIFY(model.setData(model.requestIndex(echo), QStringLiteral("Say hello")));
    QCOMPARE(edits.size(), 1); // through the Collection API, so undo records it
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.at(0).at(0).toString(), echo);
    const QString renamed = moved.at(0).at(1).toString();
    QCOMPARE(renamed, QStringLiteral("unary/say-hello.json"));
    QVERIFY(QFile::exists(collection.absolutePath(renamed)));
    QVERIFY(!QFile::exists(collection.absolutePath(echo)));
    QCOMPARE(model.requestIndex(renamed).data().toString(), QStringLiteral("Say hello"));
}

void CollectionTreeModelTest::renameFailureIsReported()
{
    Collection collection;
    openCollection(&collection);
    const QString echo = add(&collection, QStringLiteral("Echo"), {});
    CollectionTreeModel model;
    model.setCollection(&collection);
    QSignalSpy failures(&model, &CollectionTreeModel::operationFailed);

    // Changed on disk and not reloaded yet (no event loop ran): the collection refuses.
    writeRaw(collection.absolutePath(echo), request(QStringLiteral("Theirs")).toBytes());
    QVERIFY(!model.setData(model.requestIndex(echo), QStringLiteral("Mine")));
    QCOMPARE(failures.size(), 1);
    QVERIFY2(failures.at(0).at(0).toString().contains(QStringLiteral("echo.json")),
        qPrintable(failures.at(0).at(0).toString()));
}

void CollectionTreeModelTest::dropMovesRequestIntoFolder()
{
    Collection collection;
    openCollection(&collection);
    QString error;
    QVERIFY(collection.createFolder(QStringLiteral("target"), &error));
    const QString echo = add(&collection, QStringLiteral("Echo"), {});
    CollectionTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCollection(&collection);
    QSignalSpy moved(&model, &CollectionTreeModel::requestMoved);

    const QModelIndex folder = model.folderIndex(QStringLiteral("target"));
    std::unique_ptr<QMimeData> mime(model.mimeData({model.requestIndex(echo), folder}));
    QVERIFY(mime);
    QCOMPARE(QString::fromUtf8(mime->data(CollectionTreeModel::MimeType)), echo); // folders are not dragged
    QVERIFY(!model.canDropMimeData(mime.get(), Qt::CopyAction, -1, -1, folder));
    QVERIFY(model.canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, folder));
    QVERIFY(!model.dropMimeData(mime.get(), Qt::MoveAction, -1, -1, {})); // already at the root

    QVERIFY(model.dropMimeData(mime.get(), Qt::MoveAction, -1, -1, folder));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.at(0).at(1).toString(), QStringLiteral("target/echo.json"));
    QVERIFY(QFile::exists(collection.absolutePath(QStringLiteral("target/echo.json"))));
    QCOMPARE(dump(model), QStringList({QStringLiteral("F target"), QStringLiteral("  R Echo")}));

    // Dropped next to a request: into that request's folder, here the root.
    std::unique_ptr<QMimeData> back(model.mimeData({model.requestIndex(QStringLiteral("target/echo.json"))}));
    QVERIFY(model.dropMimeData(back.get(), Qt::MoveAction, -1, -1, {}));
    QVERIFY(model.requestIndex(echo).isValid());
}

void CollectionTreeModelTest::switchingAndDestroyingTheCollection()
{
    auto first = std::make_unique<Collection>();
    openCollection(first.get());
    add(first.get(), QStringLiteral("One"), {});
    QTemporaryDir otherDir;
    QString error;
    QVERIFY(Collection::create(otherDir.path(), QStringLiteral("Other"), &error));
    Collection second;
    QVERIFY(second.open(otherDir.path(), &error));
    QVERIFY(!second.addRequest(request(QStringLiteral("Two")), {}, &error).isEmpty());

    CollectionTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCollection(first.get());
    QCOMPARE(dump(model), QStringList({QStringLiteral("R One")}));
    model.setCollection(&second);
    QCOMPARE(dump(model), QStringList({QStringLiteral("R Two")}));
    // The old collection's changes no longer reach the model.
    add(first.get(), QStringLiteral("Three"), {});
    QCOMPARE(dump(model), QStringList({QStringLiteral("R Two")}));

    model.setCollection(first.get());
    QCOMPARE(model.rowCount(), 2);
    first.reset();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.collection());
    model.setCollection(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void CollectionTreeModelTest::demoCollection()
{
    const QString demo = QFINDTESTDATA("../../resources/collections/demo");
    QVERIFY(!demo.isEmpty());
    Collection collection;
    QString error;
    QVERIFY2(collection.open(demo, &error), qPrintable(error));
    CollectionTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCollection(&collection);
    const QStringList lines = dump(model);
    QCOMPARE(lines.filter(QStringLiteral("P ")).size(), 0);
    QCOMPARE(lines.filter(QStringLiteral("R ")).size(), collection.requests().size());
    QCOMPARE(lines.first(), QStringLiteral("F streaming"));
    QVERIFY(model.folderIndex(QStringLiteral("unary")).isValid());
}

QTEST_GUILESS_MAIN(CollectionTreeModelTest)
#include "CollectionTreeModelTest.moc"
