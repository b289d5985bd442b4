#pragma once

#include <QApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

// Driving what blocks a GUI test: modal dialogs (QDialog::exec) and item views' inline
// editors.
namespace wirescope::GuiTest {

// Runs `handler` on the next modal dialog as soon as it is shown (QDialog::exec blocks
// the test until then); gives up after a few seconds so a missing dialog fails the test.
inline void onNextModal(std::function<void(QWidget *)> handler)
{
    auto *timer = new QTimer(qApp);
    auto ticks = std::make_shared<int>(0);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, ticks, handler = std::move(handler)] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal && ++*ticks < 500)
            return;
        timer->stop();
        timer->deleteLater();
        if (modal)
            handler(modal);
    });
    timer->start();
}

// Answers the next message box with `button` and returns (through `text`) what it said.
inline void answerMessageBox(QMessageBox::StandardButton button, QString *text, QString *objectName = nullptr)
{
    onNextModal([button, text, objectName](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        if (!box)
            return;
        *text = box->text();
        if (objectName)
            *objectName = box->objectName();
        box->button(button)->click();
    });
}

inline QLineEdit *focusedLineEdit()
{
    return qobject_cast<QLineEdit *>(QApplication::focusWidget());
}

// Types into the editor that has the focus (an item view's inline editor) and commits.
inline void typeIntoEditor(const QString &text, Qt::Key commit = Qt::Key_Return)
{
    const QPointer<QLineEdit> editor = focusedLineEdit();
    QVERIFY2(editor, "no line editor has the focus");
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, commit);
    // Enter commits from the event loop; Tab at once, opening the next cell's editor.
    QTRY_VERIFY(!editor || QApplication::focusWidget() != editor);
}

} // namespace wirescope::GuiTest
