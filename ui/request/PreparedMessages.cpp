#include "ui/request/PreparedMessages.h"

#include "ui/workbench/Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace wirescope {

namespace {

constexpr int PreviewChars = 200;
constexpr int ToolTipChars = 2000;

// Edits a message in place on one line; the text goes back through `commit`, so the
// widget decides what an edit means (a changed message is no longer sent).
class OneLineDelegate final : public QStyledItemDelegate {
public:
    using Commit = std::function<void(int row, const QString &json)>;

    OneLineDelegate(Commit commit, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_commit(std::move(commit))
    {
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *editor = new QLineEdit(parent);
        editor->setObjectName(QStringLiteral("preparedInlineEditor"));
        editor->setFrame(false);
        return editor;
    }

    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QLineEdit *>(editor)->setText(
            PreparedMessages::oneLine(index.data(PreparedMessages::JsonRole).toString()));
    }

    void setModelData(QWidget *editor, QAbstractItemModel *, const QModelIndex &index) const override
    {
        m_commit(index.row(), static_cast<QLineEdit *>(editor)->text());
    }

private:
    Commit m_commit;
};

} // namespace

PreparedMessages::PreparedMessages(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("preparedMessages"));
    m_list->setObjectName(QStringLiteral("preparedList"));
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_list->setToolTip(tr("Double-click a message to load it into the editor; F2 edits it here"));
    m_list->setItemDelegate(
        new OneLineDelegate([this](int row, const QString &json) { setMessage(row, json); }, m_list));
    m_summary->setObjectName(QStringLiteral("preparedSummary"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createButtons());
    layout->addWidget(m_list, 1);
    layout->addWidget(m_summary);

    connect(m_list, &QListWidget::currentRowChanged, this, &PreparedMessages::updateButtons);
    connect(m_list, &QListWidget::itemDoubleClicked, this,
        [this](QListWidgetItem *item) { Q_EMIT loadRequested(item->data(JsonRole).toString()); });
    updateButtons();
}

QWidget *PreparedMessages::createButtons()
{
    auto *bar = new QWidget(this);
    const auto button = [bar](const QString &name, const QString &text, const QString &tip) {
        auto *tool = new QToolButton(bar);
        tool->setObjectName(name);
        tool->setText(text);
        tool->setToolTip(tip);
        return tool;
    };
    m_add = button(QStringLiteral("preparedAddButton"), tr("Add"),
        tr("Add the request editor's body to the prepared messages"));
    m_remove
        = button(QStringLiteral("preparedRemoveButton"), tr("Remove"), tr("Remove the selected message"));
    m_up = button(QStringLiteral("preparedUpButton"), tr("\u25b2"), tr("Move the selected message up"));
    m_down = button(QStringLiteral("preparedDownButton"), tr("\u25bc"), tr("Move the selected message down"));
    m_sendNext = button(QStringLiteral("preparedSendNextButton"), tr("Send next"),
        tr("Send the first message not sent yet on the open stream"));
    m_sendAll = button(QStringLiteral("preparedSendAllButton"), tr("Send all"),
        tr("Send every message not sent yet, in order"));
    m_reset
        = button(QStringLiteral("preparedResetButton"), tr("Reset"), tr("Mark every message as not sent"));
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (QToolButton *tool : {m_add, m_remove, m_up, m_down})
        layout->addWidget(tool);
    layout->addStretch(1);
    for (QToolButton *tool : {m_sendNext, m_sendAll, m_reset})
        layout->addWidget(tool);
    connect(m_add, &QToolButton::clicked, this, &PreparedMessages::addCurrentRequested);
    connect(m_remove, &QToolButton::clicked, this, &PreparedMessages::removeCurrent);
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_sendNext, &QToolButton::clicked, this, &PreparedMessages::sendNext);
    connect(m_sendAll, &QToolButton::clicked, this, &PreparedMessages::sendAll);
    connect(m_reset, &QToolButton::clicked, this, &PreparedMessages::resetSent);
    return bar;
}

QStringList PreparedMessages::messages() const
{
    QStringList out;
    out.reserve(m_list->count());
    for (int row = 0; row < m_list->count(); ++row)
        out.append(m_list->item(row)->data(JsonRole).toString());
    return out;
}

void PreparedMessages::setMessages(const QStringList &messages)
{
    m_list->clear();
    for (const QString &json : messages)
        m_list->addItem(newItem(json));
    updateButtons();
    Q_EMIT messagesChanged();
}

void PreparedMessages::addMessage(const QString &json)
{
    m_list->addItem(newItem(json));
    m_list->setCurrentRow(m_list->count() - 1);
    updateButtons();
    Q_EMIT messagesChanged();
}

void PreparedMessages::setMessage(int row, const QString &json)
{
    QListWidgetItem *item = m_list->item(row);
    if (!item || item->data(JsonRole).toString() == json)
        return;
    item->setData(JsonRole, json);
    item->setData(SentRole, false);
    decorate(item);
    updateButtons();
    Q_EMIT messagesChanged();
}

int PreparedMessages::count() const
{
    return m_list->count();
}

int PreparedMessages::unsentCount() const
{
    int unsent = 0;
    for (int row = 0; row < m_list->count(); ++row)
        unsent += isSent(row) ? 0 : 1;
    return unsent;
}

bool PreparedMessages::isSent(int row) const
{
    const QListWidgetItem *item = m_list->item(row);
    return item && item->data(SentRole).toBool();
}

int PreparedMessages::currentRow() const
{
    return m_list->currentRow();
}

void PreparedMessages::setCurrentRow(int row)
{
    m_list->setCurrentRow(row);
}

void PreparedMessages::setSendEnabled(bool enabled)
{
    m_sendEnabled = enabled;
    updateButtons();
}

void PreparedMessages::sendNext()
{
    if (!m_sendEnabled)
        return;
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        if (!item->data(SentRole).toBool())
            return requestSend({item});
    }
}

void PreparedMessages::sendAll()
{
    if (!m_sendEnabled)
        return;
    QList<QListWidgetItem *> items;
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        if (!item->data(SentRole).toBool())
            items.append(item);
    }
    if (!items.isEmpty())
        requestSend(items);
}

void PreparedMessages::requestSend(const QList<QListWidgetItem *> &items)
{
    QStringList batch;
    for (QListWidgetItem *item : items)
        batch.append(item->data(JsonRole).toString());
    m_pending = items;
    Q_EMIT sendRequested(batch);
    m_pending.clear();
    updateButtons();
}

void PreparedMessages::confirmSent(int count)
{
    for (int i = 0; i < std::min<qsizetype>(count, m_pending.size()); ++i)
        markSent(m_pending.at(i), true);
}

void PreparedMessages::resetSent()
{
    for (int row = 0; row < m_list->count(); ++row)
        markSent(m_list->item(row), false);
    updateButtons();
}

QString PreparedMessages::oneLine(const QString &json)
{
    QString out;
    out.reserve(json.size());
    bool inString = false;
    bool escaped = false;
    bool space = false;
    for (const QChar c : json) {
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                inString = false;
            continue;
        }
        if (c.isSpace()) {
            space = true;
            continue;
        }
        const bool afterOpen = !out.isEmpty() && (out.back() == u'{' || out.back() == u'[');
        const bool beforeClose = c == u'}' || c == u']';
        if (space && !out.isEmpty() && !afterOpen && !beforeClose)
            out += u' ';
        space = false;
        inString = c == u'"';
        out += c;
    }
    return out;
}

QString PreparedMessages::preview(const QString &json)
{
    QString line = oneLine(json);
    if (line.isEmpty())
        return tr("(empty message)");
    if (line.size() > PreviewChars) {
        line.truncate(PreviewChars);
        line += u'\u2026';
    }
    return line;
}

QListWidgetItem *PreparedMessages::newItem(const QString &json) const
{
    auto *item = new QListWidgetItem;
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    item->setData(JsonRole, json);
    item->setData(SentRole, false);
    decorate(item);
    return item;
}

void PreparedMessages::decorate(QListWidgetItem *item) const
{
    const QString json = item->data(JsonRole).toString();
    const bool sent = item->data(SentRole).toBool();
    item->setText(sent ? QStringLiteral("\u2713 ") + preview(json) : preview(json));
    item->setData(Qt::ForegroundRole, sent ? QVariant(Theme::mutedTextColor()) : QVariant());
    item->setToolTip(sent ? tr("Sent\n%1").arg(json.left(ToolTipChars)) : json.left(ToolTipChars));
}

void PreparedMessages::markSent(QListWidgetItem *item, bool sent)
{
    if (item->data(SentRole).toBool() == sent)
        return;
    item->setData(SentRole, sent);
    decorate(item);
}

void PreparedMessages::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    delete m_list->takeItem(row);
    if (m_list->count() > 0)
        m_list->setCurrentRow(std::min(row, m_list->count() - 1));
    updateButtons();
    Q_EMIT messagesChanged();
}

void PreparedMessages::moveCurrent(int delta)
{
    const int row = m_list->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
    updateButtons();
    Q_EMIT messagesChanged();
}

void PreparedMessages::updateButtons()
{
    const int row = m_list->currentRow();
    const int total = m_list->count();
    const int unsent = unsentCount();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < total - 1);
    m_sendNext->setEnabled(m_sendEnabled && unsent > 0);
    m_sendAll->setEnabled(m_sendEnabled && unsent > 0);
    m_reset->setEnabled(unsent < total);
    m_summary->setText(total == 0 ? tr("No prepared messages: write one in the editor and press Add")
                                  : tr("%1 prepared, %2 sent").arg(total).arg(total - unsent));
}

} // namespace wirescope
