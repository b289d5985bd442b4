#include "ui/mock/MockCallLog.h"

#include "model/json/MetadataText.h"
#include "model/request/CallRecord.h"
#include "model/schema/MethodRef.h"
#include "ui/mock/StubFiles.h"
#include "ui/response/CallFramesDialog.h"
#include "ui/workbench/Theme.h"

#include <QHeaderView>
#include <QTime>

#include <memory>

namespace wirescope {

namespace {
constexpr int MaxNotedMetadata = 8; // the rest of a call's metadata would crowd out its frames
} // namespace

MockCallLog::MockCallLog(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("mockCallLog"));
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Time"), tr("Method"), tr("Answered by"), tr("Status"), tr("ms")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->resizeSection(TimeColumn, 100);
    header()->resizeSection(MethodColumn, 260);
    header()->resizeSection(AnsweredByColumn, 180);
    header()->resizeSection(StatusColumn, 130);
    setToolTip(tr("Double-click a call to see its frames"));
    connect(this, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem *item) { openFrames(item->data(TimeColumn, IdRole).toULongLong()); });
}

void MockCallLog::showCall(const MockServer::CallLog &call)
{
    m_calls.insert(call.id, call);
    QTreeWidgetItem *row = m_rows.value(call.id);
    if (!row) {
        row = new QTreeWidgetItem;
        row->setData(TimeColumn, IdRole, qulonglong(call.id));
        row->setText(TimeColumn, QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")));
        insertTopLevelItem(0, row);
        m_rows.insert(call.id, row);
    }
    fillRow(row, call);
    while (topLevelItemCount() > MaxCalls) {
        const std::unique_ptr<QTreeWidgetItem> oldest(takeTopLevelItem(topLevelItemCount() - 1));
        const quint64 id = oldest->data(TimeColumn, IdRole).toULongLong();
        m_rows.remove(id);
        m_calls.remove(id);
    }
}

void MockCallLog::fillRow(QTreeWidgetItem *row, const MockServer::CallLog &call)
{
    row->setText(MethodColumn, call.method);
    row->setToolTip(MethodColumn, call.method);
    row->setText(AnsweredByColumn, call.answeredBy);
    row->setToolTip(AnsweredByColumn, call.answeredBy);
    const bool running = call.code < 0;
    row->setText(StatusColumn, running ? tr("running\u2026") : statusCodeName(call.code));
    row->setToolTip(StatusColumn, call.message);
    row->setForeground(StatusColumn, running ? palette().text() : QBrush(Theme::statusColor(call.code)));
    row->setText(ElapsedColumn, running ? QString() : QString::number(call.elapsedMs));
    row->setTextAlignment(ElapsedColumn, Qt::AlignRight | Qt::AlignVCenter);
    if (call.answeredBy == QLatin1String("unknown method"))
        row->setForeground(AnsweredByColumn, Theme::errorColor());
}

void MockCallLog::clearCalls()
{
    clear();
    m_rows.clear();
    m_calls.clear();
}

const MockServer::CallLog *MockCallLog::call(quint64 id) const
{
    const auto found = m_calls.constFind(id);
    return found == m_calls.cend() ? nullptr : &found.value();
}

CallEvents MockCallLog::clientView(const CallEvents &events)
{
    CallEvents turned = events;
    for (CallEvent &event : turned) {
        if (event.type == CallEvent::Type::Sent)
            event.type = CallEvent::Type::Received;
        else if (event.type == CallEvent::Type::Received)
            event.type = CallEvent::Type::Sent;
    }
    return turned;
}

CallFramesDialog *MockCallLog::openFrames(quint64 id)
{
    const MockServer::CallLog *found = call(id);
    if (!found)
        return nullptr;
    const MethodRef method = m_schema ? MethodRef::resolve(m_schema, found->method) : MethodRef();
    const CallEvents events = clientView(found->events);
    CallRecord record;
    record.apply(events);
    auto *dialog = new CallFramesDialog(tr("Mock Call \u2014 %1").arg(found->method), method, events,
        StubFiles::receivedMessages(method, record), framesNote(*found, method.isValid()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QString MockCallLog::framesNote(const MockServer::CallLog &call, bool decodable) const
{
    QStringList notes;
    // FramesModel names directions as the client sees them and decodes "sent" as requests.
    notes << tr("Seen from the client: \u201csent\u201d rows are its requests to the mock, \u201crecv\u201d "
                "rows the mock's answers (by %1).")
                 .arg(call.answeredBy.isEmpty() ? tr("nothing yet") : call.answeredBy);
    if (call.code < 0)
        notes << tr("The call was still running when this opened.");
    if (!decodable)
        notes << tr("The mock's schema lacks %1: the frames show their bytes.").arg(call.method);
    QStringList metadata;
    for (const MetadataPair &entry : call.requestMetadata) {
        if (metadata.size() == MaxNotedMetadata) {
            metadata << QStringLiteral("\u2026");
            break;
        }
        metadata << QString::fromLatin1(entry.first) + QStringLiteral(": ")
                + MetadataText::displayValue(entry);
    }
    if (!metadata.isEmpty())
        notes << tr("Request metadata: %1.").arg(metadata.join(QStringLiteral(", ")));
    return notes.join(u' ');
}

} // namespace wirescope
