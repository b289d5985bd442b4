#pragma once

#include "model/schema/Schema.h"
#include "rpc/mock/MockServer.h"

#include <QHash>
#include <QTreeWidget>

namespace wirescope {

class CallFramesDialog;

// The mock's calls as they come in, newest first: when, which method, which stub answered
// (or "example"), the status and how long it took. A row is added when a call starts and
// completed when it ends; double-clicking one opens its frames in the same Frames view an
// outgoing call has. Only the newest MaxCalls are kept.
class MockCallLog final : public QTreeWidget {
    Q_OBJECT

public:
    enum Column { TimeColumn, MethodColumn, AnsweredByColumn, StatusColumn, ElapsedColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 }; // qulonglong: the call's id, on the time column
    static constexpr int MaxCalls = 1000;

    explicit MockCallLog(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(MockCallLog)

    // Decodes the frames of the calls shown: the schema the mock serves.
    void setSchema(const SchemaPtr &schema) { m_schema = schema; }
    void showCall(const MockServer::CallLog &call);
    void clearCalls();

    const MockServer::CallLog *call(quint64 id) const;
    QTreeWidgetItem *rowOf(quint64 id) const { return m_rows.value(id); }
    // The call's frames in a dialog that deletes itself on close; null for an unknown id.
    CallFramesDialog *openFrames(quint64 id);
    // The mock's events turned round to the client's side, as FramesModel reads a call
    // (sent = a request, decoded as the request type; received = an answer).
    static CallEvents clientView(const CallEvents &events);

private:
    void fillRow(QTreeWidgetItem *row, const MockServer::CallLog &call);
    QString framesNote(const MockServer::CallLog &call, bool decodable) const;

    SchemaPtr m_schema;
    QHash<quint64, MockServer::CallLog> m_calls;
    QHash<quint64, QTreeWidgetItem *> m_rows;
};

} // namespace wirescope
