#include "ui/request/PreparedMessages.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtTest>

#include <memory>

using namespace wirescope;

// The prepared-messages list on its own, as its owner would use it: a real editor supplies
// the body for Add, and the owner's side of "send" is a signal spy. Driven by clicks and
// keys on the real widgets.
class PreparedMessagesTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void oneLinePreviews();
    void addTakesTheOwnersBody();
    void removeAndMove();
    void doubleClickLoadsIntoTheEditor();
    void sendNextAndSendAll();
    void onlyWhatWentOutIsMarkedSent();
    void resetAndReorderAfterSending();
    void editInPlace();
    void setMessagesRoundTrip();

private:
    QToolButton *button(const char *name) const
    {
        return m_prepared->findChild<QToolButton *>(QString::fromLatin1(name));
    }
    QListWidget *list() const { return m_prepared->findChild<QListWidget *>(QStringLiteral("preparedList")); }
    void click(const char *name) const { QTest::mouseClick(button(name), Qt::LeftButton); }

    std::unique_ptr<QWidget> m_window;
    QPlainTextEdit *m_editor = nullptr;
    PreparedMessages *m_prepared = nullptr;
    int m_refuse = 0; // how many of a batch the owner fails to send
};

void PreparedMessagesTest::init()
{
    m_window = std::make_unique<QWidget>();
    m_editor = new QPlainTextEdit(m_window.get());
    m_prepared = new PreparedMessages(m_window.get());
    // The owner sends what it is asked to unless a test says otherwise.
    connect(m_prepared, &PreparedMessages::sendRequested, m_prepared,
        [this](const QStringList &messages) { m_prepared->confirmSent(int(messages.size()) - m_refuse); });
    auto *layout = new QVBoxLayout(m_window.get());
    layout->addWidget(m_editor);
    layout->addWidget(m_prepared);
    // The owner's half of Add and of double-click.
    connect(m_prepared, &PreparedMessages::addCurrentRequested, m_prepared,
        [this] { m_prepared->addMessage(m_editor->toPlainText()); });
    connect(m_prepared, &PreparedMessages::loadRequested, m_editor, &QPlainTextEdit::setPlainText);
    m_window->resize(600, 400);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_prepared->objectName(), QStringLiteral("preparedMessages"));
}

void PreparedMessagesTest::cleanup()
{
    m_window.reset();
    m_refuse = 0;
}

void PreparedMessagesTest::oneLinePreviews()
{
    // Whitespace outside strings collapses; inside strings it is kept, escapes included.
    QCOMPARE(PreparedMessages::oneLine(QStringLiteral("{\n  \"text\": \"a  b\",\n  \"n\": [ 1,\n 2 ]\n}\n")),
        QStringLiteral("{\"text\": \"a  b\", \"n\": [1, 2]}"));
    QCOMPARE(PreparedMessages::oneLine(QStringLiteral("{ \"q\": \"say \\\"hi\\\"  there\" }")),
        QStringLiteral("{\"q\": \"say \\\"hi\\\"  there\"}"));
    QCOMPARE(PreparedMessages::preview(QStringLiteral("  \n ")), QStringLiteral("(empty message)"));
    const QString longText = QStringLiteral("{\"text\": \"%1\"}").arg(QString(500, u'x'));
    const QString preview = PreparedMessages::preview(longText);
    QCOMPARE(preview.size(), 201);
    QVERIFY(preview.endsWith(u'\u2026'));
}

void PreparedMessagesTest::addTakesTheOwnersBody()
{
    QSignalSpy changed(m_prepared, &PreparedMessages::messagesChanged);
    QVERIFY(!button("preparedRemoveButton")->isEnabled());
    const QString body = QStringLiteral("{\n  \"from\": \"ada\",\n  \"text\": \"first\"\n}");
    m_editor->setPlainText(body);
    click("preparedAddButton");
    QCOMPARE(m_prepared->count(), 1);
    QCOMPARE(m_prepared->messages(), QStringList {body}); // kept as typed, not reformatted
    QCOMPARE(list()->item(0)->text(), QStringLiteral("{\"from\": \"ada\", \"text\": \"first\"}"));
    QCOMPARE(m_prepared->currentRow(), 0);
    QVERIFY(button("preparedRemoveButton")->isEnabled());
    QCOMPARE(changed.size(), 1);
    QVERIFY(m_prepared->findChild<QLabel *>(QStringLiteral("preparedSummary"))
                ->text()
                .contains(QStringLiteral("1 prepared")));
}

void PreparedMessagesTest::removeAndMove()
{
    m_prepared->setMessages(
        {QStringLiteral("{\"n\": 1}"), QStringLiteral("{\"n\": 2}"), QStringLiteral("{\"n\": 3}")});
    QSignalSpy changed(m_prepared, &PreparedMessages::messagesChanged);
    m_prepared->setCurrentRow(0);
    QVERIFY(!button("preparedUpButton")->isEnabled());
    QVERIFY(button("preparedDownButton")->isEnabled());
    click("preparedDownButton");
    QCOMPARE(m_prepared->messages(),
        (QStringList {
            QStringLiteral("{\"n\": 2}"), QStringLiteral("{\"n\": 1}"), QStringLiteral("{\"n\": 3}")}));
    QCOMPARE(m_prepared->currentRow(), 1); // the selection moves with the message
    click("preparedDownButton");
    QCOMPARE(m_prepared->currentRow(), 2);
    QVERIFY(!button("preparedDownButton")->isEnabled());
    click("preparedUpButton");
    click("preparedUpButton");
    QCOMPARE(m_prepared->messages().first(), QStringLiteral("{\"n\": 1}"));
    click("preparedRemoveButton");
    QCOMPARE(
        m_prepared->messages(), (QStringList {QStringLiteral("{\"n\": 2}"), QStringLiteral("{\"n\": 3}")}));
    QCOMPARE(m_prepared->currentRow(), 0);
    QCOMPARE(changed.size(), 5);
}

void PreparedMessagesTest::doubleClickLoadsIntoTheEditor()
{
    const QString pretty = QStringLiteral("{\n  \"text\": \"second\"\n}");
    m_prepared->setMessages({QStringLiteral("{\"text\": \"first\"}"), pretty});
    QSignalSpy load(m_prepared, &PreparedMessages::loadRequested);
    QListWidget *view = list();
    const QPoint at = view->visualItemRect(view->item(1)).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(load.size(), 1);
    QCOMPARE(load.at(0).at(0).toString(), pretty); // the full text, not the preview
    QCOMPARE(m_editor->toPlainText(), pretty);
    QVERIFY(!view->findChild<QLineEdit *>(QStringLiteral("preparedInlineEditor"))); // no in-place editor
}

void PreparedMessagesTest::sendNextAndSendAll()
{
    const QStringList messages {
        QStringLiteral("{\"n\": 1}"), QStringLiteral("{\"n\": 2}"), QStringLiteral("{\"n\": 3}")};
    m_prepared->setMessages(messages);
    QSignalSpy send(m_prepared, &PreparedMessages::sendRequested);
    // No open stream yet: nothing can be sent.
    QVERIFY(!button("preparedSendNextButton")->isEnabled());
    QVERIFY(!button("preparedSendAllButton")->isEnabled());
    click("preparedSendNextButton");
    QCOMPARE(send.size(), 0);

    m_prepared->setSendEnabled(true);
    QVERIFY(button("preparedSendNextButton")->isEnabled());
    click("preparedSendNextButton");
    QCOMPARE(send.size(), 1);
    QCOMPARE(send.at(0).at(0).toStringList(), QStringList {messages[0]});
    QVERIFY(m_prepared->isSent(0));
    QVERIFY(!m_prepared->isSent(1));
    QVERIFY(list()->item(0)->text().startsWith(u'\u2713'));
    QVERIFY(list()->item(0)->data(Qt::ForegroundRole).isValid()); // greyed
    QVERIFY(!list()->item(1)->data(Qt::ForegroundRole).isValid());
    QVERIFY(button("preparedResetButton")->isEnabled());

    click("preparedSendAllButton");
    QCOMPARE(send.size(), 2);
    QCOMPARE(send.at(1).at(0).toStringList(), messages.mid(1)); // the rest, in order
    QCOMPARE(m_prepared->unsentCount(), 0);
    QVERIFY(!button("preparedSendNextButton")->isEnabled());
    QVERIFY(!button("preparedSendAllButton")->isEnabled());
    click("preparedSendAllButton");
    QCOMPARE(send.size(), 2);
    // Sent messages stay in the list.
    QCOMPARE(m_prepared->messages(), messages);

    // The stream half-closed: the owner disables sending again.
    m_prepared->setSendEnabled(false);
    click("preparedResetButton");
    QCOMPARE(m_prepared->unsentCount(), 3);
    QVERIFY(!button("preparedSendAllButton")->isEnabled());
}

// A message the owner could not send (it did not encode, the stream closed) stays unsent,
// and so does everything after it in the batch.
void PreparedMessagesTest::onlyWhatWentOutIsMarkedSent()
{
    m_prepared->setMessages(
        {QStringLiteral("{\"n\": 1}"), QStringLiteral("{\"n\": oops}"), QStringLiteral("{\"n\": 3}")});
    m_prepared->setSendEnabled(true);
    m_refuse = 2;
    click("preparedSendAllButton");
    QVERIFY(m_prepared->isSent(0));
    QVERIFY(!m_prepared->isSent(1));
    QVERIFY(!m_prepared->isSent(2));
    QCOMPARE(m_prepared->unsentCount(), 2);
    QVERIFY(button("preparedSendNextButton")->isEnabled());
    m_refuse = 1;
    click("preparedSendNextButton"); // refused whole
    QCOMPARE(m_prepared->unsentCount(), 2);
    m_refuse = 0;
    click("preparedSendAllButton");
    QCOMPARE(m_prepared->unsentCount(), 0);
}

void PreparedMessagesTest::resetAndReorderAfterSending()
{
    m_prepared->setMessages(
        {QStringLiteral("{\"n\": 1}"), QStringLiteral("{\"n\": 2}"), QStringLiteral("{\"n\": 3}")});
    m_prepared->setSendEnabled(true);
    QSignalSpy send(m_prepared, &PreparedMessages::sendRequested);
    click("preparedSendNextButton");
    // Moving an unsent message first makes it the next one sent.
    m_prepared->setCurrentRow(2);
    click("preparedUpButton");
    click("preparedUpButton");
    QCOMPARE(m_prepared->messages().first(), QStringLiteral("{\"n\": 3}"));
    QVERIFY(!m_prepared->isSent(0));
    QVERIFY(m_prepared->isSent(1)); // the sent mark moved with its message
    click("preparedSendNextButton");
    QCOMPARE(send.last().at(0).toStringList(), QStringList {QStringLiteral("{\"n\": 3}")});
    click("preparedResetButton");
    QCOMPARE(m_prepared->unsentCount(), 3);
    QVERIFY(!list()->item(1)->text().startsWith(u'\u2713'));
    QVERIFY(!button("preparedResetButton")->isEnabled());
    click("preparedSendAllButton");
    QCOMPARE(send.last().at(0).toStringList(), m_prepared->messages());
}

void PreparedMessagesTest::editInPlace()
{
    m_prepared->setMessages({QStringLiteral("{\n  \"text\": \"old\"\n}"), QStringLiteral("{\"n\": 2}")});
    m_prepared->setSendEnabled(true);
    click("preparedSendNextButton");
    QVERIFY(m_prepared->isSent(0));
    QSignalSpy changed(m_prepared, &PreparedMessages::messagesChanged);
    QListWidget *view = list();
    m_prepared->setCurrentRow(0);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F2);
    auto *line = view->findChild<QLineEdit *>(QStringLiteral("preparedInlineEditor"));
    QVERIFY(line);
    QCOMPARE(line->text(), QStringLiteral("{\"text\": \"old\"}"));
    line->selectAll();
    QTest::keyClicks(line, QStringLiteral("{\"text\": \"new\"}"));
    QTest::keyClick(line, Qt::Key_Return); // the delegate commits on the next event loop turn
    QTRY_COMPARE(m_prepared->messages().first(), QStringLiteral("{\"text\": \"new\"}"));
    QCOMPARE(view->item(0)->text(), QStringLiteral("{\"text\": \"new\"}"));
    QVERIFY(!m_prepared->isSent(0)); // an edited message has not been sent in this form
    QCOMPARE(changed.size(), 1);
}

void PreparedMessagesTest::setMessagesRoundTrip()
{
    const QStringList messages {QStringLiteral("{}"), QStringLiteral("{\n\"a\": \"{{token}}\"\n}")};
    QSignalSpy changed(m_prepared, &PreparedMessages::messagesChanged);
    m_prepared->setMessages(messages);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_prepared->messages(), messages);
    QCOMPARE(m_prepared->unsentCount(), 2);
    QCOMPARE(list()->item(1)->text(), QStringLiteral("{\"a\": \"{{token}}\"}"));
    m_prepared->setMessages({});
    QCOMPARE(m_prepared->count(), 0);
    QVERIFY(m_prepared->findChild<QLabel *>(QStringLiteral("preparedSummary"))
                ->text()
                .contains(QStringLiteral("No prepared messages")));
}

QTEST_MAIN(PreparedMessagesTest)
#include "PreparedMessagesTest.moc"
