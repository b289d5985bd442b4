#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QToolButton;

namespace wirescope {

// Messages prepared in advance for a client-streaming or bidi call: JSON bodies listed as
// one-line previews, added from the request editor, reordered, edited in place (F2) or
// loaded back into the editor (double-click), then sent one by one or all at once while
// the stream is open. Sent messages stay in the list, greyed with a check, until Reset.
// The widget encodes and sends nothing itself: its owner answers its signals.
class PreparedMessages final : public QWidget {
    Q_OBJECT

public:
    enum Role {
        JsonRole = Qt::UserRole + 1, // QString, the message as typed
        SentRole, // bool
    };

    explicit PreparedMessages(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(PreparedMessages)

    QStringList messages() const;
    // Replaces the list; every message starts unsent.
    void setMessages(const QStringList &messages);
    // Appends a message (unsent) and selects it.
    void addMessage(const QString &json);
    // Replaces one message's text; a changed message counts as not sent yet.
    void setMessage(int row, const QString &json);
    int count() const;
    int unsentCount() const;
    bool isSent(int row) const;
    int currentRow() const;
    void setCurrentRow(int row);

    // The owner enables sending while a stream is open and not half-closed.
    void setSendEnabled(bool enabled);
    bool isSendEnabled() const { return m_sendEnabled; }

    // Send next / Send all / Reset, as the buttons do.
    void sendNext();
    void sendAll();
    void resetSent();
    // The owner's answer to sendRequested: the first `count` of the messages it was asked
    // to send went out. Only these are marked as sent; the rest stay ready to send again.
    void confirmSent(int count);

    // The message on one line: whitespace outside strings collapsed, capped in length.
    static QString preview(const QString &json);
    // Whitespace outside JSON strings collapsed to single spaces (none inside brackets).
    static QString oneLine(const QString &json);

Q_SIGNALS:
    // Add was pressed: the owner calls addMessage() with the editor's current body.
    void addCurrentRequested();
    // A message was double-clicked: the owner puts it into its editor.
    void loadRequested(const QString &json);
    // Messages to send now, in order. They are marked as sent once the owner, answering
    // this signal, calls confirmSent() for them.
    void sendRequested(const QStringList &messages);
    // The list's messages or their order changed (not their sent marks).
    void messagesChanged();

private:
    QWidget *createButtons();
    QListWidgetItem *newItem(const QString &json) const;
    void decorate(QListWidgetItem *item) const;
    void markSent(QListWidgetItem *item, bool sent);
    void requestSend(const QList<QListWidgetItem *> &items);
    void removeCurrent();
    void moveCurrent(int delta);
    void updateButtons();

    QList<QListWidgetItem *> m_pending; // asked to be sent, while sendRequested is answered
    QListWidget *m_list = nullptr;
    QLabel *m_summary = nullptr;
    QToolButton *m_add = nullptr;
    QToolButton *m_remove = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
    QToolButton *m_sendNext = nullptr;
    QToolButton *m_sendAll = nullptr;
    QToolButton *m_reset = nullptr;
    bool m_sendEnabled = false;
};

} // namespace wirescope
