#pragma once

#include "model/load/LoadReport.h"
#include "model/request/CallEvent.h"
#include "model/request/CallSnapshot.h"
#include "model/request/RequestDraft.h"
#include "model/request/SavedRequest.h"
#include "model/schema/MethodRef.h"
#include "ui/request/NoticeBar.h"

#include <QWidget>

#include <functional>
#include <memory>

class QDoubleSpinBox;
class QPushButton;
class QTabWidget;

namespace wirescope {

class CallRunner;
class Connection;
class DeferredPage;
class History;
class FramesModel;
class LoadPage;
class MetadataTable;
class MethodRow;
class PreparedMessages;
class Settings;
class RequestBodyEditor;
class ResponseView;
class TestsEditor;
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

    using VariableResolver = RequestDraft::Variables;
    using NoticeAction = NoticeBar::Action;

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
    void setVariableResolver(VariableResolver resolver);
    void setSettings(Settings *settings);
    void focusEditor();

    // The request as a collection keeps it: method, body, metadata and deadline as typed,
    // {{variables}} unresolved. The window adds the target, TLS and schema it knows of.
    SavedRequest request() const;
    // The enabled metadata with its variables resolved, as a call would send it; entries that
    // do not resolve or are not valid are left out. Reflection sends it too.
    Metadata resolvedMetadata() const;
    // Takes body, metadata and deadline (the method is the tab's own).
    void setRequest(const SavedRequest &request);
    // The saved request this tab edits (an empty path for a scratch tab) and its content as
    // last saved or loaded. The tab is modified when its request differs from that.
    // Where this tab's calls go as its request wrote it: the target and TLS settings, which
    // may hold {{variables}}. The window resolves and connects them.
    void setConnectionTemplate(const SavedRequest &request);
    const SavedRequest &connectionTemplate() const { return m_connectionTemplate; }
    // Why this tab cannot be sent now (a variable of its target the environment lacks), or
    // empty; Send refuses and says so while it is set.
    void setConnectionProblem(const QString &problem);
    QString connectionProblem() const { return m_connectionProblem; }
    QString originPath() const { return m_originPath; }
    const SavedRequest &savedRequest() const { return m_saved; }
    void setOrigin(const QString &path, const SavedRequest &saved);
    bool isModified() const;
    // Unique per tab for the session, to key a scratch tab's draft.
    QString scratchKey() const { return m_scratchKey; }

    // A bar above the request with a message and buttons; an empty text hides it. A
    // button runs its action and hides the bar.
    void showNotice(const QString &text, const QList<NoticeAction> &actions = {});
    QString noticeText() const;

    // The last call's duration and the start of its response, for history.
    // The last call as it went on the wire: what History, Run Again and the grpcurl copy use.
    const CallSnapshot &lastCall() const;
    // Where the call that is starting goes (target, TLS, schema), as the window knows it.
    void setLastCallConnection(const SavedRequest &context, const QString &resolvedTarget);
    qint64 lastElapsedMs() const;
    QString lastResponseSummary() const;

    bool isResolved() const { return m_method.isValid(); }
    // A large body is being checked on a worker; the validation line says so meanwhile.
    bool isChecking() const;
    bool isRunning() const;
    bool canSendNext() const;
    CallKind kind() const { return m_method.kind(); }
    // The body as last encoded without error, for the wire inspector.
    QByteArray requestBytes() const;
    QString requestTypeName() const { return m_method.requestTypeName(); }
    const FramesModel *frames() const { return m_frames; }
    // The Load page: the request under load, its runs and their history. Made when first
    // shown or asked for.
    LoadPage *loadPage() const;
    // Where the Load page finds earlier runs to compare with; not owned.
    void setLoadHistory(const History *history);

    void send();
    // Run as a saved request runs: the body, then every prepared message, and for a client or
    // bidi stream the half-close, so the whole stream goes out as it was saved or sent.
    void runWhole();
    void cancel();
    void sendNext();
    void halfClose();

Q_SIGNALS:
    void stateChanged();
    void callStarted();
    void callFinished(const wirescope::CallStatus &status);
    // The body encoded again after a change (debounced), and a response frame picked.
    void requestBytesChanged(const QByteArray &bytes, const QString &typeName);
    void frameSelected(const QByteArray &bytes, const QString &typeName);
    void saveAsStubRequested(); // from the response's menu; the mock panel makes the stub
    void loadStarted(); // the Load page's run took its snapshot
    void loadFinished(const wirescope::LoadReport &report);

private:
    QWidget *createRequestPane();
    QWidget *createActionRow();
    LoadPage *createLoadPage(QWidget *page);
    // The request as it stands, with the tab's variables: what a call is prepared from.
    RequestDraft draft() const;
    void updateModified();
    QStringList metadataUnresolved() const;
    void sendPrepared(const QStringList &messages);
    void validate();
    // The body's messages (a stream's body may hold several), encoded; with their texts.
    bool encodeBody(QList<QByteArray> *messages, QStringList *texts);
    bool prepareSpec(CallSpec *spec);
    // Without a first message a client stream opens empty (to send prepared messages into).
    void startCall(const CallSpec &spec);
    void onEvents(const CallEvents &batch);
    void onFinished(const CallStatus &status);
    void updateMethodRow();
    void updateButtons();

    QString m_methodName;
    MethodRef m_method;
    ConnectionProvider m_provider;
    FramesModel *m_frames = nullptr;
    CallRunner *m_runner = nullptr;
    ResponseView *m_response = nullptr;
    RequestBodyEditor *m_body = nullptr;
    MetadataTable *m_metadata = nullptr;
    PreparedMessages *m_prepared = nullptr;
    QDoubleSpinBox *m_deadline = nullptr;
    QTabWidget *m_requestTabs = nullptr;
    MethodRow *m_methodRow = nullptr;
    TestsEditor *m_tests = nullptr;
    DeferredPage *m_loadPage = nullptr;
    const History *m_loadHistory = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_sendNext = nullptr;
    QPushButton *m_halfClose = nullptr;
    VariableResolver m_resolver;
    QString m_originPath;
    SavedRequest m_saved;
    SavedRequest m_connectionTemplate; // only its target and TLS settings
    QString m_connectionProblem;
    QString m_scratchKey;
    bool m_wasModified = false;
    NoticeBar *m_notice = nullptr;
};

} // namespace wirescope
