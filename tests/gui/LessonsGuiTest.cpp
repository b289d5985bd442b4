#include "ui/lab/LessonPanel.h"

#include "model/lab/Lessons.h"
#include "model/wire/WireLayout.h"
#include "model/wire/WireTreeModel.h"
#include "rpc/demo/DemoServer.h"
#include "support/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/lab/LabController.h"
#include "ui/lab/PresenterWindow.h"
#include "ui/wire/WireInspector.h"
#include "ui/workbench/MainWindow.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QDockWidget>
#include <QFontInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace wirescope;
using namespace wirescope::GuiTest;

namespace {

const QString Varints = QStringLiteral("varints");
const QString ReadingType = QStringLiteral("lab.varints.Reading");
const QString TicksRequest = QStringLiteral("wirescope.demo.v1.TicksRequest");
// {"small": 1, "count": 150}: field 1 = 1, field 2 = 150 in two varint bytes.
const QByteArray VarintsBytes = QByteArray::fromHex("08 01 10 96 01");
// count = 16384 = 2^14: the smallest value whose varint takes three bytes.
const QByteArray VarintsSolved = QByteArray::fromHex("08 01 10 80 80 01");

// The byte range of the node selected in an inspector's tree; (-1, -1) when none is.
QPair<qint64, qint64> selected(const WireInspector &inspector)
{
    const auto *tree = inspector.findChild<QTreeView *>(QStringLiteral("wireTree"));
    const QModelIndex index = tree ? tree->currentIndex() : QModelIndex();
    if (!index.isValid())
        return {-1, -1};
    return {index.data(WireTreeModel::OffsetRole).toLongLong(),
        index.data(WireTreeModel::LengthRole).toLongLong()};
}

QString text(const QWidget &parent, const char *name)
{
    const auto *label = parent.findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QString::fromLatin1(name));
}

QPushButton *button(const QWidget &parent, const char *name)
{
    return parent.findChild<QPushButton *>(QString::fromLatin1(name));
}

const QByteArray &shownBytes(const WireInspector &inspector)
{
    static const QByteArray none;
    return inspector.wireLayout() ? inspector.wireLayout()->tree().bytes : none;
}

QMenu *menuTitled(const QMenuBar &bar, const QString &title)
{
    for (QAction *action : bar.actions()) {
        if (action->menu() && action->text().remove(u'&') == title)
            return action->menu();
    }
    return nullptr;
}

} // namespace

// A lesson walked through over a real wire inspector: each step selects its span, the task is
// judged again whenever the inspector's bytes change, Reset brings the lesson back, and the
// app's schema returns when the lesson ends. Presenter mode steps with the keys; the Learn
// menu opens lessons beside the workbench's inspector.
class LessonsGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void everyLessonStartsAndEndsOnItsTask();
    void stepsSelectTheirSpans();
    void taskIsCheckedAsTheBytesChange();
    void endingGivesTheSchemaBack();
    void endingGivesThePastedBytesBack();
    void presenterStepsWithTheKeys();
    void learnMenuListsTheLessons();
    void lessonFromTheMenuContinuesInPresenterMode();

private:
    void goToTask();

    std::unique_ptr<MainWindow> openWindow();

    DemoServer m_demo;
    std::unique_ptr<QWidget> m_host;
    WireInspector *m_inspector = nullptr;
    LessonPanel *m_panel = nullptr;
};

void LessonsGuiTest::initTestCase()
{
    Theme::applyApplicationStyle();
    QString error;
    QVERIFY2(m_demo.start(DemoServer::Options {}, &error), qPrintable(error));
}

void LessonsGuiTest::cleanupTestCase()
{
    m_demo.stop();
}

std::unique_ptr<MainWindow> LessonsGuiTest::openWindow()
{
    isolateSettings();
    return openDemoWindow(m_demo, QSize(1280, 800));
}

void LessonsGuiTest::init()
{
    m_host = std::make_unique<QWidget>();
    m_inspector = new WireInspector(m_host.get());
    m_panel = new LessonPanel(m_inspector, m_host.get());
    auto *layout = new QHBoxLayout(m_host.get());
    layout->addWidget(m_panel, 1);
    layout->addWidget(m_inspector, 3);
    m_host->resize(1500, 480);
    m_host->show();
}

void LessonsGuiTest::cleanup()
{
    m_host.reset();
}

void LessonsGuiTest::goToTask()
{
    for (int i = 0; i < m_panel->stepCount(); ++i)
        QTest::mouseClick(button(*m_panel, "nextButton"), Qt::LeftButton);
}

// Every built-in lesson compiles, encodes, decodes as its type without an error, and its
// starting bytes do not already do its task.
void LessonsGuiTest::everyLessonStartsAndEndsOnItsTask()
{
    QCOMPARE(Lessons::all().size(), 9);
    for (const Lesson &lesson : Lessons::all()) {
        m_panel->startLesson(lesson.id);
        QCOMPARE(m_panel->lessonId(), lesson.id);
        QVERIFY2(!text(*m_panel, "stepText").isEmpty(), qPrintable(lesson.id));
        QCOMPARE(text(*m_panel, "stepCounter"), QStringLiteral("Step 1 of %1").arg(lesson.steps.size()));
        QVERIFY(m_inspector->wireLayout());
        const WireTree &tree = m_inspector->wireLayout()->tree();
        QCOMPARE(tree.typeName, lesson.typeName);
        QCOMPARE(tree.bytes, m_panel->lessonBytes());
        QVERIFY2(!tree.hasHardError(), qPrintable(lesson.id + u' ' + tree.error));
        goToTask();
        QVERIFY(m_panel->isOnTask());
        QCOMPARE(text(*m_panel, "stepCounter"), QStringLiteral("Try it"));
        QCOMPARE(text(*m_panel, "stepText"), lesson.task);
        const QString result = text(*m_panel, "taskResult");
        QVERIFY2(!result.isEmpty() && !result.startsWith(u'\u2713'), qPrintable(lesson.id + u' ' + result));
    }
}

// Varints: 08 01 | 10 96 01. The steps point at field 1's value, field 2's tag, its value,
// then the whole field; the tree's selection follows Next and Back.
void LessonsGuiTest::stepsSelectTheirSpans()
{
    m_panel->startLesson(Varints);
    QCOMPARE(m_panel->lessonBytes(), VarintsBytes);
    QCOMPARE(m_inspector->source(), WireInspector::Source::Pasted);
    QCOMPARE(m_inspector->typeName(), ReadingType);
    QCOMPARE(text(*m_panel, "stepCounter"), QStringLiteral("Step 1 of 4"));
    QVERIFY(!button(*m_panel, "backButton")->isEnabled());
    using Range = QPair<qint64, qint64>;
    QTRY_COMPARE(selected(*m_inspector), Range(1, 1));
    const QList<Range> expected {{2, 1}, {3, 2}, {2, 3}};
    for (int i = 0; i < expected.size(); ++i) {
        QTest::mouseClick(button(*m_panel, "nextButton"), Qt::LeftButton);
        QCOMPARE(m_panel->step(), i + 1);
        QCOMPARE(text(*m_panel, "stepCounter"), QStringLiteral("Step %1 of 4").arg(i + 2));
        QCOMPARE(selected(*m_inspector), expected.at(i));
        // The same span Lessons::locate finds for the step.
        const LessonTarget &target = Lessons::find(Varints)->steps.at(i + 1).target;
        const WireSpan *span = Lessons::locate(m_inspector->wireLayout()->tree(), target);
        QVERIFY(span);
        QCOMPARE(selected(*m_inspector), Range(span->offset, span->length));
    }
    QTest::mouseClick(button(*m_panel, "backButton"), Qt::LeftButton);
    QCOMPARE(selected(*m_inspector), Range(3, 2));
    QCOMPARE(text(*m_panel, "stepText"), Lessons::find(Varints)->steps.at(2).text);
}

// The task is judged on whatever the inspector shows, at once: the lesson's 150 (two bytes)
// fails, 16384 (three) passes, a truncated varint fails, and Reset brings back 150.
void LessonsGuiTest::taskIsCheckedAsTheBytesChange()
{
    m_panel->startLesson(Varints);
    goToTask();
    auto *result = m_panel->findChild<QLabel *>(QStringLiteral("taskResult"));
    QVERIFY(result && result->isVisible());
    QVERIFY(!button(*m_panel, "nextButton")->isEnabled());
    QVERIFY2(result->text().startsWith(QStringLiteral("count is 150")), qPrintable(result->text()));
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("taskHint"))->isVisible());

    m_inspector->setBytes(WireInspector::Source::Pasted, VarintsSolved, ReadingType);
    QTRY_COMPARE(result->text(),
        QStringLiteral(
            "\u2713 count is 16384 and its value takes 3 bytes, 80 80 01, after the tag 0x10: done."));

    m_inspector->setBytes(WireInspector::Source::Pasted, QByteArray::fromHex("08 01 10 80 80"), ReadingType);
    QTRY_VERIFY(!result->text().isEmpty() && !result->text().startsWith(u'\u2713'));

    QTest::mouseClick(button(*m_panel, "resetButton"), Qt::LeftButton);
    QTRY_COMPARE(shownBytes(*m_inspector), VarintsBytes);
    QVERIFY2(result->text().startsWith(QStringLiteral("count is 150")), qPrintable(result->text()));
    QVERIFY(m_panel->isOnTask());
}

// The inspector had the app's schema and a request body on show; a lesson borrows it (a new
// app schema meanwhile is held back) and gives both back when it ends.
void LessonsGuiTest::endingGivesTheSchemaBack()
{
    const SchemaPtr demo = test::demoSchema();
    QVERIFY(demo);
    m_panel->setAppSchema(demo);
    m_inspector->setBytes(WireInspector::Source::Request, QByteArray::fromHex("08 96 01"), TicksRequest);
    m_inspector->showSource(WireInspector::Source::Request);
    QCOMPARE(m_inspector->wireLayout()->tree().typeName, TicksRequest);

    m_panel->startLesson(Varints);
    QCOMPARE(m_inspector->wireLayout()->tree().typeName, ReadingType);
    m_panel->setAppSchema(demo);
    m_inspector->setBytes(WireInspector::Source::Pasted, VarintsSolved, ReadingType);
    QCOMPARE(m_inspector->wireLayout()->tree().typeName, ReadingType);

    m_panel->endLesson();
    QVERIFY(!m_panel->isRunning());
    QCOMPARE(m_inspector->source(), WireInspector::Source::Request);
    QCOMPARE(m_inspector->wireLayout()->tree().typeName, TicksRequest);
    QCOMPARE(shownBytes(*m_inspector), QByteArray::fromHex("08 96 01"));
    QVERIFY(text(*m_panel, "stepText").isEmpty());
}

// The lesson's bytes go into the pasted source; the user's pasted bytes, their name and type
// come back when it ends, even after the lesson's bytes were edited.
void LessonsGuiTest::endingGivesThePastedBytesBack()
{
    m_panel->setAppSchema(test::demoSchema());
    const QByteArray capture = QByteArray::fromHex("08 96 01 10 02");
    const QString label = QStringLiteral("capture from staging");
    m_inspector->setBytes(WireInspector::Source::Pasted, capture, TicksRequest, label);
    m_inspector->showSource(WireInspector::Source::Pasted);
    QCOMPARE(shownBytes(*m_inspector), capture);

    m_panel->startLesson(Varints);
    QCOMPARE(m_inspector->sourceBytes(WireInspector::Source::Pasted), VarintsBytes);
    QVERIFY(m_inspector->sourceLabel(WireInspector::Source::Pasted) != label);
    m_inspector->setBytes(WireInspector::Source::Pasted, VarintsSolved, ReadingType);
    m_panel->startLesson(QStringLiteral("tags")); // another lesson: still the user's bytes to give back

    m_panel->endLesson();
    QCOMPARE(m_inspector->source(), WireInspector::Source::Pasted);
    QCOMPARE(m_inspector->sourceBytes(WireInspector::Source::Pasted), capture);
    QCOMPARE(m_inspector->sourceLabel(WireInspector::Source::Pasted), label);
    QCOMPARE(m_inspector->sourceType(WireInspector::Source::Pasted), TicksRequest);
    QCOMPARE(shownBytes(*m_inspector), capture);
    QCOMPARE(m_inspector->wireLayout()->tree().typeName, TicksRequest);
    QVERIFY2(
        text(*m_inspector, "wireSummary").startsWith(label), qPrintable(text(*m_inspector, "wireSummary")));
}

// At a projector's 1280×720 the step text is large; Right and PageDown go on, Left and PageUp
// back (even with the tree focused, which takes arrows for itself), Esc leaves.
void LessonsGuiTest::presenterStepsWithTheKeys()
{
    PresenterWindow presenter;
    QSignalSpy closed(&presenter, &PresenterWindow::closed);
    presenter.setFixedPresentationSize(QSize(1280, 720));
    presenter.presentLesson(Varints, 1);
    presenter.present();
    QVERIFY(QTest::qWaitForWindowExposed(&presenter));
    QCOMPARE(presenter.size(), QSize(1280, 720));
    LessonPanel *panel = presenter.lessonPanel();
    QCOMPARE(panel->step(), 1);
    auto *stepText = presenter.findChild<QLabel *>(QStringLiteral("stepText"));
    QVERIFY(stepText && stepText->isVisible());
    QVERIFY2(QFontInfo(stepText->font()).pixelSize() >= 24,
        qPrintable(QString::number(QFontInfo(stepText->font()).pixelSize())));
    using Range = QPair<qint64, qint64>;
    QTRY_COMPARE(selected(*presenter.inspector()), Range(2, 1));

    QTest::keyClick(&presenter, Qt::Key_Right);
    QCOMPARE(panel->step(), 2);
    QCOMPARE(selected(*presenter.inspector()), Range(3, 2));
    auto *tree = presenter.inspector()->findChild<QTreeView *>(QStringLiteral("wireTree"));
    QTest::keyClick(tree, Qt::Key_PageDown);
    QCOMPARE(panel->step(), 3);
    QTest::keyClick(tree, Qt::Key_Left);
    QCOMPARE(panel->step(), 2);
    QTest::keyClick(tree, Qt::Key_PageUp);
    QCOMPARE(panel->step(), 1);
    QCOMPARE(closed.count(), 0);

    QTest::keyClick(tree, Qt::Key_Escape);
    QTRY_VERIFY(!presenter.isVisible());
    QCOMPARE(closed.count(), 1);
}

void LessonsGuiTest::learnMenuListsTheLessons()
{
    const auto window = openWindow();
    QMenu *learn = menuTitled(*window->menuBar(), QStringLiteral("Learn"));
    QVERIFY(learn);
    QStringList ids;
    QStringList others;
    for (QAction *action : learn->actions()) {
        if (action->isSeparator())
            continue;
        if (action->data().isValid())
            ids.append(action->data().toString());
        else
            others.append(action->text().remove(u'&'));
    }
    QCOMPARE(ids,
        QStringList({QStringLiteral("varints"), QStringLiteral("tags"), QStringLiteral("zigzag"),
            QStringLiteral("length-delimited"), QStringLiteral("packed"), QStringLiteral("maps-oneofs"),
            QStringLiteral("presence"), QStringLiteral("evolution"), QStringLiteral("json-size")}));
    QCOMPARE(others,
        QStringList({QStringLiteral("Compare Encodings\u2026"), QStringLiteral("Schema Evolution\u2026"),
            QStringLiteral("Presenter Mode")}));
    QCOMPARE(learn->actions().first()->toolTip(), Lessons::all().first().summary);
    // Between Request and Help.
    QStringList titles;
    for (QAction *action : window->menuBar()->actions())
        titles.append(action->text().remove(u'&'));
    QCOMPARE(titles.indexOf(QStringLiteral("Learn")), titles.indexOf(QStringLiteral("Request")) + 1);
    QCOMPARE(titles.indexOf(QStringLiteral("Help")), titles.indexOf(QStringLiteral("Learn")) + 1);
    QVERIFY(window->shortcutsTable().contains(QStringLiteral("<i>Presenter mode</i>")));
}

// Learn → Varints opens the lesson in a dock beside the shown inspector; presenter mode goes
// on from its step and hands the step back on Esc; closing the dock returns the app's schema.
void LessonsGuiTest::lessonFromTheMenuContinuesInPresenterMode()
{
    const auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(hasMethod(*window, EchoMethod), 15000);
    window->findChild<QAction *>(QStringLiteral("lessonAction_varints"))->trigger();
    auto *dock = window->findChild<QDockWidget *>(QStringLiteral("lessonDock"));
    auto *inspectorDock = window->findChild<QDockWidget *>(QStringLiteral("wireInspectorDock"));
    QVERIFY(dock && inspectorDock);
    QTRY_VERIFY(dock->isVisible() && inspectorDock->isVisible());
    auto *inspector = inspectorDock->findChild<WireInspector *>();
    auto *panel = dock->findChild<LessonPanel *>();
    QVERIFY(inspector && panel);
    QTRY_COMPARE(shownBytes(*inspector), VarintsBytes);
    QTest::mouseClick(button(*panel, "nextButton"), Qt::LeftButton);
    QTest::mouseClick(button(*panel, "nextButton"), Qt::LeftButton);
    QCOMPARE(panel->step(), 2);

    auto *presenterMode = window->findChild<QAction *>(QStringLiteral("presenterModeAction"));
    QVERIFY(presenterMode && presenterMode->isCheckable());
    auto *lab = window->findChild<LabController *>();
    QVERIFY(lab);
    presenterMode->setChecked(true);
    QVERIFY(lab->isPresenting());
    PresenterWindow *presenter = lab->presenter();
    QVERIFY(presenter && presenter->isVisible());
    QCOMPARE(presenter->lessonPanel()->lessonId(), Varints);
    QCOMPARE(presenter->lessonPanel()->step(), 2);
    QTest::keyClick(presenter, Qt::Key_Right);
    QTest::keyClick(presenter, Qt::Key_Escape);
    QTRY_VERIFY(!presenter->isVisible());
    QVERIFY(!presenterMode->isChecked());
    QCOMPARE(panel->step(), 3);

    dock->close();
    QVERIFY(!panel->isRunning());
    inspector->setBytes(WireInspector::Source::Pasted, QByteArray::fromHex("08 96 01"), TicksRequest);
    inspector->showSource(WireInspector::Source::Pasted);
    QTRY_COMPARE(inspector->wireLayout()->tree().typeName, TicksRequest);
}

QTEST_MAIN(LessonsGuiTest)
#include "LessonsGuiTest.moc"
