#include "ui/workbench/FirstRunTour.h"

#include "rpc/demo/DemoServer.h"
#include "tests/gui/GuiTestSupport.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtTest>

#include <memory>

using namespace wirescope;

namespace {

// A small real main window: a white label and a button in the centre, a hidden label, a
// tab widget whose second page is not current, and a hidden dock on the left.
struct TourWindow {
    QMainWindow window;
    QLabel *alpha = nullptr;
    QPushButton *beta = nullptr;
    QLabel *hidden = nullptr;
    QTabWidget *tabs = nullptr;
    QDockWidget *dock = nullptr;

    TourWindow()
    {
        QPalette palette = window.palette();
        palette.setColor(QPalette::Window, QColor(235, 235, 235));
        window.setPalette(palette);
        auto *central = new QWidget(&window);
        central->setAutoFillBackground(true);
        alpha = new QLabel(QStringLiteral("alpha"), central);
        alpha->setObjectName(QStringLiteral("alpha"));
        alpha->setFixedSize(220, 90);
        alpha->setAutoFillBackground(true);
        QPalette white = alpha->palette();
        white.setColor(QPalette::Window, Qt::white);
        alpha->setPalette(white);
        beta = new QPushButton(QStringLiteral("beta"), central);
        beta->setObjectName(QStringLiteral("beta"));
        hidden = new QLabel(QStringLiteral("hidden"), central);
        hidden->setObjectName(QStringLiteral("hiddenThing"));
        hidden->hide();
        tabs = new QTabWidget(central);
        auto *pageOne = new QLabel(QStringLiteral("one"));
        pageOne->setObjectName(QStringLiteral("pageOne"));
        auto *pageTwo = new QLabel(QStringLiteral("two"));
        pageTwo->setObjectName(QStringLiteral("pageTwo"));
        tabs->addTab(pageOne, QStringLiteral("One"));
        tabs->addTab(pageTwo, QStringLiteral("Two"));
        auto *layout = new QVBoxLayout(central);
        layout->setContentsMargins(40, 40, 40, 40);
        layout->addWidget(alpha);
        layout->addWidget(beta, 0, Qt::AlignLeft);
        layout->addWidget(hidden);
        layout->addWidget(tabs, 1);
        window.setCentralWidget(central);
        dock = new QDockWidget(QStringLiteral("Side"), &window);
        dock->setObjectName(QStringLiteral("sideDock"));
        dock->setWidget(new QLabel(QStringLiteral("side")));
        window.addDockWidget(Qt::LeftDockWidgetArea, dock);
        dock->hide();
        window.resize(900, 600);
    }

    // Steps 1 (no such widget) and 2 (hidden) are passed over; 3 and 4 need their prepare.
    QList<TourStep> steps()
    {
        return {
            {QStringLiteral("alpha"), QStringLiteral("Alpha"), QStringLiteral("The first."), {}},
            {QStringLiteral("noSuchWidget"), QStringLiteral("Missing"), QStringLiteral("Never shown."), {}},
            {QStringLiteral("hiddenThing"), QStringLiteral("Hidden"), QStringLiteral("Never shown."), {}},
            {QStringLiteral("pageTwo"), QStringLiteral("Page two"), QStringLiteral("A tab."),
                [this] { tabs->setCurrentIndex(1); }},
            {QStringLiteral("sideDock"), QStringLiteral("Dock"), QStringLiteral("A dock."),
                [this] { dock->show(); }},
        };
    }
};

// A key as the keyboard delivers it: to the focus widget, shortcuts first.
void pressKey(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus);
    QTest::keyClick(focus, key, modifiers);
}

QRect expectedHole(const QWidget *target)
{
    const int m = FirstRunTour::HoleMargin;
    return QRect(target->mapTo(target->window(), QPoint(0, 0)), target->size())
        .adjusted(-m, -m, m, m)
        .intersected(target->window()->rect());
}

template<typename T> T *inTour(const FirstRunTour *tour, const char *name)
{
    return tour->findChild<T *>(QString::fromLatin1(name));
}

} // namespace

// The first-run tour on a real QMainWindow: where the hole goes, how the steps move with
// buttons and keys, which steps are passed over, how it ends, and what it looks like.
class FirstRunTourTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void highlightsTheFirstTarget();
    void nextAndBackPassOverUnavailableSteps();
    void keysMoveAndEscapeSkips();
    void doneCompletesAndRemovesTheOverlay();
    void skipButtonEndsWithoutCompleting();
    void holeFollowsLayoutAndResize();
    void clicksDoNotReachTheWindow();
    void nothingToShowFinishesAtOnce();
    void dimsEverythingButTheHole();
    void walksTheWorkbench();

private:
    FirstRunTour *startTour();

    std::unique_ptr<TourWindow> m_ui;
};

void FirstRunTourTest::init()
{
    m_ui = std::make_unique<TourWindow>();
    m_ui->window.show();
    m_ui->window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&m_ui->window));
}

void FirstRunTourTest::cleanup()
{
    m_ui.reset();
}

FirstRunTour *FirstRunTourTest::startTour()
{
    auto *tour = new FirstRunTour(&m_ui->window, m_ui->steps());
    tour->start();
    return tour;
}

void FirstRunTourTest::highlightsTheFirstTarget()
{
    FirstRunTour *tour = startTour();
    QVERIFY(tour->isVisible());
    QCOMPARE(tour->geometry(), m_ui->window.rect());
    QCOMPARE(tour->currentStep(), 0);
    QCOMPARE(tour->target(), m_ui->alpha);
    QCOMPARE(tour->highlightedRect(), expectedHole(m_ui->alpha));
    QCOMPARE(inTour<QLabel>(tour, "tourTitle")->text(), QStringLiteral("Alpha"));
    QCOMPARE(inTour<QLabel>(tour, "tourText")->text(), QStringLiteral("The first."));
    // Four of the five steps name a widget that exists; the missing one is not counted.
    QCOMPARE(inTour<QLabel>(tour, "tourCounter")->text(), QStringLiteral("1 of 4"));
    QVERIFY(!inTour<QPushButton>(tour, "tourBackButton")->isEnabled());
    QCOMPARE(inTour<QPushButton>(tour, "tourNextButton")->text(), QStringLiteral("Next"));
    // The callout sits beside the hole, inside the window.
    const QRect callout = inTour<QWidget>(tour, "tourCallout")->geometry();
    QVERIFY(tour->rect().contains(callout));
    QVERIFY(!callout.intersects(tour->highlightedRect()));
}

void FirstRunTourTest::nextAndBackPassOverUnavailableSteps()
{
    FirstRunTour *tour = startTour();
    QSignalSpy changed(tour, &FirstRunTour::stepChanged);
    tour->next();
    QCOMPARE(tour->currentStep(), 3); // 1 has no widget, 2 is hidden
    QCOMPARE(m_ui->tabs->currentIndex(), 1); // its prepare ran
    QCOMPARE(tour->target()->objectName(), QStringLiteral("pageTwo"));
    QCOMPARE(tour->highlightedRect(), expectedHole(tour->target()));
    QCOMPARE(inTour<QLabel>(tour, "tourCounter")->text(), QStringLiteral("3 of 4"));
    QVERIFY(inTour<QPushButton>(tour, "tourBackButton")->isEnabled());

    tour->next();
    QCOMPARE(tour->currentStep(), 4);
    QVERIFY(m_ui->dock->isVisible());
    // The dock takes its place once the window has laid it out; the hole follows.
    QTRY_COMPARE(tour->highlightedRect(), expectedHole(m_ui->dock));
    QVERIFY(m_ui->dock->width() > 0);
    QCOMPARE(inTour<QPushButton>(tour, "tourNextButton")->text(), QStringLiteral("Done"));
    QCOMPARE(inTour<QLabel>(tour, "tourCounter")->text(), QStringLiteral("4 of 4"));

    tour->back();
    QCOMPARE(tour->currentStep(), 3);
    tour->back();
    QCOMPARE(tour->currentStep(), 0);
    tour->back(); // nothing before the first step
    QCOMPARE(tour->currentStep(), 0);
    QCOMPARE(changed.count(), 4);
}

void FirstRunTourTest::keysMoveAndEscapeSkips()
{
    // The window's own Esc action (like "Cancel the call") must not steal the tour's key.
    auto *cancel = new QAction(QStringLiteral("Cancel"), &m_ui->window);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_ui->window.addAction(cancel);
    QSignalSpy cancelled(cancel, &QAction::triggered);

    QPointer<FirstRunTour> tour = startTour();
    QSignalSpy finished(tour.data(), &FirstRunTour::finished);
    QTRY_VERIFY(tour->hasFocus());
    pressKey(Qt::Key_Right);
    QCOMPARE(tour->currentStep(), 3);
    pressKey(Qt::Key_Left);
    QCOMPARE(tour->currentStep(), 0);
    pressKey(Qt::Key_Return);
    QCOMPARE(tour->currentStep(), 3);
    pressKey(Qt::Key_Left, Qt::ControlModifier); // not the tour's: Ctrl+keys keep their meaning
    QCOMPARE(tour->currentStep(), 3);
    pressKey(Qt::Key_Escape);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(cancelled.count(), 0);
    QTRY_VERIFY(tour.isNull());
}

void FirstRunTourTest::doneCompletesAndRemovesTheOverlay()
{
    QPointer<FirstRunTour> tour = startTour();
    QSignalSpy finished(tour.data(), &FirstRunTour::finished);
    auto *next = inTour<QPushButton>(tour, "tourNextButton");
    QTest::mouseClick(next, Qt::LeftButton);
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(tour->currentStep(), 4);
    QCOMPARE(next->text(), QStringLiteral("Done"));
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QTRY_VERIFY(tour.isNull());
    QVERIFY(!m_ui->window.findChild<FirstRunTour *>());
}

void FirstRunTourTest::skipButtonEndsWithoutCompleting()
{
    QPointer<FirstRunTour> tour = startTour();
    QSignalSpy finished(tour.data(), &FirstRunTour::finished);
    QTest::mouseClick(inTour<QPushButton>(tour, "tourSkipButton"), Qt::LeftButton);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!tour->isVisible());
    QTRY_VERIFY(tour.isNull());
}

void FirstRunTourTest::holeFollowsLayoutAndResize()
{
    auto *tour = new FirstRunTour(
        &m_ui->window, {{QStringLiteral("beta"), QStringLiteral("Beta"), QStringLiteral("A button."), {}}});
    tour->start();
    const QRect before = tour->highlightedRect();
    QCOMPARE(before, expectedHole(m_ui->beta));
    // A dock appearing on the left moves the central widget, not the button inside it.
    m_ui->dock->show();
    QTRY_VERIFY(tour->highlightedRect() != before);
    QTRY_COMPARE(tour->highlightedRect(), expectedHole(m_ui->beta));
    QVERIFY(tour->highlightedRect().left() > before.left());

    m_ui->window.resize(1000, 700);
    QTRY_COMPARE(tour->geometry(), m_ui->window.rect());
    QTRY_COMPARE(tour->highlightedRect(), expectedHole(m_ui->beta));
    // A single step is also the last one.
    QCOMPARE(inTour<QPushButton>(tour, "tourNextButton")->text(), QStringLiteral("Done"));
    QCOMPARE(inTour<QLabel>(tour, "tourCounter")->text(), QStringLiteral("1 of 1"));
}

void FirstRunTourTest::clicksDoNotReachTheWindow()
{
    FirstRunTour *tour = startTour();
    QSignalSpy clicked(m_ui->beta, &QPushButton::clicked);
    // Through the window, as a real click arrives: the overlay is what is under the pointer.
    const QPoint onBeta = m_ui->beta->mapTo(&m_ui->window, m_ui->beta->rect().center());
    QTest::mouseClick(m_ui->window.windowHandle(), Qt::LeftButton, {}, onBeta);
    QCOMPARE(clicked.count(), 0);
    QCOMPARE(tour->currentStep(), 0);
    tour->skip();
    QTRY_VERIFY(!m_ui->window.findChild<FirstRunTour *>());
    QTest::mouseClick(m_ui->window.windowHandle(), Qt::LeftButton, {}, onBeta);
    QCOMPARE(clicked.count(), 1); // the same click works once the tour is gone
}

void FirstRunTourTest::nothingToShowFinishesAtOnce()
{
    QPointer<FirstRunTour> tour = new FirstRunTour(&m_ui->window,
        {{QStringLiteral("noSuchWidget"), QStringLiteral("A"), QStringLiteral("a"), {}},
            {QStringLiteral("hiddenThing"), QStringLiteral("B"), QStringLiteral("b"), {}}});
    QSignalSpy finished(tour.data(), &FirstRunTour::finished);
    tour->start();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QTRY_VERIFY(tour.isNull());
}

void FirstRunTourTest::dimsEverythingButTheHole()
{
    const QPoint far(m_ui->window.width() - 30, m_ui->window.height() - 30);
    const QImage before = m_ui->window.grab().toImage();
    QVERIFY(qGray(before.pixel(far)) > 200);

    FirstRunTour *tour = startTour();
    QVERIFY(!inTour<QWidget>(tour, "tourCallout")->geometry().contains(far));
    const QImage shot = m_ui->window.grab().toImage();
    const QRect hole = tour->highlightedRect();
    // Inside the hole the white label is untouched; everywhere else is dimmed.
    const QPoint inHole = m_ui->alpha->mapTo(&m_ui->window, QPoint(10, m_ui->alpha->height() - 10));
    QVERIFY(hole.contains(inHole));
    const int bright = qGray(shot.pixel(inHole));
    const int dim = qGray(shot.pixel(far));
    QVERIFY2(bright > 240, qPrintable(QString::number(bright)));
    QVERIFY2(dim < 130, qPrintable(QString::number(dim)));
    // Just outside the hole's corner is dimmed too: the hole is only around the target.
    const int outside = qGray(shot.pixel(hole.bottomRight() + QPoint(12, 12)));
    QVERIFY2(outside < 130, qPrintable(QString::number(outside)));
}

// The workbench's own steps on the real main window against the in-process demo server:
// every step finds its widget, shown by its prepare, and the tour ends completed.
void FirstRunTourTest::walksTheWorkbench()
{
    m_ui.reset();
    GuiTest::isolateSettings();
    DemoServer demo;
    QString error;
    QVERIFY2(demo.start(DemoServer::Options {}, &error), qPrintable(error));
    const auto window = GuiTest::openDemoWindow(demo, QSize(1400, 860));
    QTRY_VERIFY_WITH_TIMEOUT(GuiTest::editor(*window) != nullptr, 15000);
    QPointer<FirstRunTour> tour
        = new FirstRunTour(window.get(), FirstRunTour::workbenchSteps(window.get(), demo.address()));
    QSignalSpy finished(tour.data(), &FirstRunTour::finished);
    tour->start();
    QVERIFY(inTour<QLabel>(tour, "tourText")->text().contains(demo.address()));
    const QStringList expected {QStringLiteral("connectionBar"), QStringLiteral("serviceDock"),
        QStringLiteral("bodyModeTabs"), QStringLiteral("sendButton"), QStringLiteral("framesPanel"),
        QStringLiteral("wireInspectorDock"), QStringLiteral("collectionDock")};
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(tour->currentStep(), int(i));
        QCOMPARE(tour->target()->objectName(), expected.at(i));
        QVERIFY(tour->target()->isVisible());
        QTRY_COMPARE(tour->highlightedRect(), expectedHole(tour->target()));
        QCOMPARE(inTour<QLabel>(tour, "tourCounter")->text(), QStringLiteral("%1 of 7").arg(i + 1));
        if (expected.at(i) == u"bodyModeTabs") {
            auto *modes = qobject_cast<QTabWidget *>(tour->target());
            QCOMPARE(modes->currentWidget()->objectName(), QStringLiteral("formView"));
        }
        tour->next();
    }
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QTRY_VERIFY(tour.isNull());
    // The pages the tour turned to are turned back: JSON, and the response's Body.
    auto *modes = window->findChildren<QTabWidget *>(QStringLiteral("bodyModeTabs")).value(0);
    QVERIFY(modes);
    QVERIFY2(modes->currentWidget()->objectName() != QStringLiteral("formView"),
        qPrintable(modes->currentWidget()->objectName()));
    auto *frames = window->findChild<QWidget *>(QStringLiteral("framesPanel"));
    QVERIFY(frames && !frames->isVisible());
}

QTEST_MAIN(FirstRunTourTest)
#include "FirstRunTourTest.moc"
