#pragma once

#include "model/CallEvent.h"
#include "model/MethodRef.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTimer;

namespace wirescope {

class CallHandle;
class Connection;
class FramesModel;
class JsonEditor;
class MessageFormModel;
class MessageFormView;
class MetadataTable;
class ResponseView;
struct CallSpec;

// One request being worked on: the method, a JSON body checked against the request type
// as it is typed, metadata, a deadline, and the buttons that run the call, side by side
// with its response. Streaming calls stay open: more messages can be sent and the
// request side half-closed while responses keep arriving.
class RequestTab final : public QWidget {
    Q_OBJECT

public:
    // The connection a new call should use; calls keep theirs alive until they end.
    using ConnectionProvider = std::function<std::shared_ptr<Connection>()>;

    RequestTab(const QString &methodName, ConnectionProvider provider, QWidget *parent = nullptr);
    ~RequestTab() override;
    Q_DISABLE_COPY_MOVE(RequestTab)

    QString methodName() const { return m_methodName; }
    QString title() const;
    QString body() const;
    void setBody(const QString &body);
    void resetBodyToExample();
    // Rebinds the method to a new schema snapshot; an empty body gets an example.
    void setSchema(const SchemaPtr &schema);
    void setRenderLimit(int messages);
    void focusEditor();

    bool isResolved() const { return m_method.isValid(); }
    bool isRunning() const;
    bool canSendNext() const;
    CallKind kind() const { return m_method.kind(); }
    // The body as last encoded without error, for the wire inspector.
    QByteArray requestBytes() const { return m_requestBytes; }
    QString requestTypeName() const { return m_method.requestTypeName(); }
    const FramesModel *frames() const { return m_frames; }

    void send();
    void cancel();
    void sendNext();
    void halfClose();

Q_SIGNALS:
    void stateChanged();
    void callFinished(const wirescope::CallStatus &status);
    // The body encoded again after a change (debounced), and a response frame picked.
    void requestBytesChanged(const QByteArray &bytes, const QString &typeName);
    void frameSelected(const QByteArray &bytes, const QString &typeName);

private:
    QWidget *createRequestPane();
    QWidget *createActionRow();
    QWidget *createMethodRow();
    QWidget *createBodyTabs(QWidget *parent);
    void validate();
    void onFormChanged();
    bool encodeBody(QByteArray *binary);
    bool prepareSpec(CallSpec *spec);
    void startCall(const CallSpec &spec, const QByteArray &firstMessage);
    void onEvents(const CallEvents &batch);
    void onFinished(const CallStatus &status);
    void updateMethodRow();
    void updateButtons();

    QString m_methodName;
    MethodRef m_method;
    ConnectionProvider m_provider;
    FramesModel *m_frames = nullptr;
    ResponseView *m_response = nullptr;
    JsonEditor *m_editor = nullptr;
    // The body's form: the same message as the editor's JSON, kept in step both ways.
    MessageFormModel *m_form = nullptr;
    MessageFormView *m_formView = nullptr;
    QTabWidget *m_bodyTabs = nullptr;
    QString m_formText; // the editor text the form last took in or wrote
    MetadataTable *m_metadata = nullptr;
    QDoubleSpinBox *m_deadline = nullptr;
    QTabWidget *m_requestTabs = nullptr;
    QLabel *m_kindBadge = nullptr;
    QLabel *m_methodLabel = nullptr;
    QLabel *m_validation = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_sendNext = nullptr;
    QPushButton *m_halfClose = nullptr;
    QTimer *m_validateTimer = nullptr;
    QPointer<CallHandle> m_handle;
    std::shared_ptr<Connection> m_callConnection;
    bool m_halfClosed = false;
    QByteArray m_requestBytes;
};

} // namespace wirescope
