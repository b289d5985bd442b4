#pragma once

#include "model/request/CallEvent.h"
#include "model/request/RequestTests.h"
#include "model/runner/CallOutcome.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;
class QTimer;

namespace google::protobuf {
class Descriptor;
}

namespace wirescope {

class AssertionTable;
class CallOutcomeBuilder;
class ExpectPairTable;
class MethodRef;
struct CheckResult;

// The request tab's Tests page: what the request expects of its response (status, status
// message, message count, time, headers, trailers, assertions on JSON paths, a snapshot)
// and which variables it captures, as its file keeps them under "expect" and "capture".
// After each call it checks the response the way a collection run does (ExpectCheck over
// a CallOutcome built from the call's events) and shows on every row whether it held.
// Its fields are made when it is first shown (or an assertion is added to it): until then
// it keeps the tests as values, so a request tab that never shows it pays nothing for it.
class TestsEditor final : public QWidget {
    Q_OBJECT

public:
    explicit TestsEditor(QWidget *parent = nullptr);
    ~TestsEditor() override;
    Q_DISABLE_COPY_MOVE(TestsEditor)

    // Replaces what is shown, without changed(); a response already checked is checked again.
    void setExpectations(const Expectations &expect, const Captures &captures);
    Expectations expectations() const;
    Captures captures() const;
    // Anything beyond the default expectation (status OK), or a capture.
    bool hasTests() const;

    // The path pickers offer this type's fields (null: only the status details).
    void setResponseType(const google::protobuf::Descriptor *type);
    QStringList fieldPaths() const;

    // "Assert this" on a response field: appends `path` equals `value` for that message.
    void addAssertion(
        const QString &path, const QJsonValue &value, const QString &message = QStringLiteral("last"));

    // The tab's calls. Each call is collected into a CallOutcome and checked when it ends;
    // a streaming response is collected only when there are tests, since it may never end.
    void callStarted(const MethodRef &method);
    void eventsArrived(const CallEvents &events);
    void callFinished();
    // Checks an outcome against what the editor holds now and shows every result.
    void showOutcome(const CallOutcome &outcome);
    void clearResults();
    bool hasOutcome() const { return m_outcome.has_value(); }

    // After a check: how many failed (-1 before any) out of how many.
    int failedChecks() const { return m_failed; }
    int checkCount() const { return m_checked; }
    QString summaryText() const { return m_summaryText; }
    // "Tests", "Tests (3)" before a call, "Tests ✓" or "Tests ✗ 2" after one.
    QString tabTitle() const;

protected:
    void showEvent(QShowEvent *event) override;

Q_SIGNALS:
    // Whenever the user edits a test: the tab's saved request carries the new ones.
    void changed();
    void titleChanged(const QString &title);

private:
    bool isBuilt() const { return m_status != nullptr; }
    void build();
    void fillWidgets(const Expectations &expect, const Captures &captures);
    static Expectations asEdited(Expectations expect);
    static Captures asEdited(const Captures &captures);
    void setSummary(const QString &text);
    QWidget *createForm();
    void layoutForm(QWidget *form);
    QWidget *createAssertions();
    QWidget *createPairTabs();
    QWidget *tablePage(QWidget *table, const QString &name, const std::function<void()> &add,
        const std::function<void()> &remove);
    void connectEdits();
    void onEdited();
    void refreshTitle();
    void showPairResults(const CallOutcome &outcome, const QMap<QString, QString> &captured);
    void showSummary(const CallOutcome &outcome, const QList<CheckResult> &checks, int assertionCount);

    QComboBox *m_status = nullptr;
    QLineEdit *m_statusMessage = nullptr;
    QSpinBox *m_messageCount = nullptr;
    QSpinBox *m_maxMs = nullptr;
    QCheckBox *m_snapshot = nullptr;
    QLineEdit *m_snapshotIgnore = nullptr;
    AssertionTable *m_assertions = nullptr;
    ExpectPairTable *m_captures = nullptr;
    ExpectPairTable *m_headers = nullptr;
    ExpectPairTable *m_trailers = nullptr;
    QTabWidget *m_pairTabs = nullptr;
    QLabel *m_summary = nullptr;
    QTimer *m_recheck = nullptr;

    // The tests until the page is first shown; its fields hold them from then on.
    Expectations m_pendingExpect;
    Captures m_pendingCaptures;
    const google::protobuf::Descriptor *m_responseType = nullptr;
    QString m_summaryText;
    QString m_loadedStatus; // as the file wrote it ("", "OK", "0"...), kept when unchanged
    std::unique_ptr<CallOutcomeBuilder> m_builder; // the call being collected, if any
    std::optional<CallOutcome> m_outcome; // the last call checked
    int m_failed = -1;
    int m_checked = 0;
    bool m_updating = false;
    QString m_title;
};

} // namespace wirescope
