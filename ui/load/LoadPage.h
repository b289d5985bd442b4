// LoadPage: a request tab's Load page, from the plan to the run kept in history.

#pragma once

#include "model/collection/History.h"
#include "model/load/LoadPlan.h"
#include "model/load/LoadReport.h"
#include "model/load/LoadSummary.h"
#include "model/request/CallSnapshot.h"
#include "model/request/RequestDraft.h"
#include "model/schema/MethodRef.h"
#include "rpc/load/LoadRequest.h"

#include <QList>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace wirescope {

class Connection;
class LoadCharts;
class LoadRun;
class LoadSummaryView;

// A request tab's Load page: the request sent again and again at a rate (open model) or
// with a number of calls in flight (closed model), for a duration or a number of calls,
// over one or more connections of its own. It starts from the same request snapshot as
// Send (the tab's body, metadata and deadline with the environment's variables), shows the
// run live (LoadCharts) and its figures (LoadSummaryView), and on the end hands the report
// on for history; the earlier runs of the method in history can be set beside it.
// The GUI thread does nothing per call: it takes one report every 250 ms.
class LoadPage final : public QWidget {
    Q_OBJECT

public:
    // What a run is made from, asked for when Start is pressed.
    struct Source {
        SavedRequest request; // as the tab holds it, {{variables}} unresolved
        RequestDraft::Variables variables;
        MethodRef method;
        std::shared_ptr<Connection> connection; // where the tab's calls go; the run opens its own
        QString problem; // why the tab cannot send now (a variable of its target), or empty
    };
    enum Mode { RateMode, ConcurrencyMode };

    explicit LoadPage(QWidget *parent = nullptr);
    ~LoadPage() override;
    Q_DISABLE_COPY_MOVE(LoadPage)

    void setSource(std::function<Source()> source) { m_source = std::move(source); }
    // Start waits for a method the schema defines; it says so while there is none.
    void setMethod(const MethodRef &method);
    // Where earlier runs are found for "Compare with…"; not owned.
    void setHistory(const History *history);

    LoadPlan plan() const;
    // Fills the plan's fields from `plan`, as a person would set them (a value past a field's
    // range is clamped to it); nothing changes while a run is going.
    void setPlan(const LoadPlan &plan);
    // The plan a finished run was made with, as history keeps it: what Run Again sets.
    static LoadPlan planOf(const LoadSummary &run);
    // Brings this page to the front of the request tab's pages, as clicking "Load" does.
    void showPage();
    // Connecting or running.
    bool isRunning() const { return m_running; }
    // The last run's figures, once it has ended.
    const std::optional<LoadSummary> &result() const { return m_result; }
    // What the last run sent: the request as written and where it went.
    const CallSnapshot &lastRun() const { return m_lastRun; }
    // Where the run that is starting goes (target, TLS, schema), as the window knows it.
    void setLastRunConnection(const SavedRequest &context, const QString &resolvedTarget);
    QString statusText() const;
    LoadSummaryView *summaryView() const { return m_summary; }
    LoadCharts *charts() const { return m_charts; }

    void start();
    // Cancels the run: it ends with the report so far, which is shown and kept.
    void stop();
    // The earlier runs listed in "Compare with…" read again from history.
    void refreshCompareList();

Q_SIGNALS:
    void started(); // the snapshot is taken; the window may add where it goes
    void finished(const wirescope::LoadReport &report);
    void runningChanged(bool running);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void createPlanFields(QWidget *box);
    QWidget *createPlanControls();
    QWidget *createRunControls();
    bool prepare(LoadRequest::Prepared *prepared, QString *problem);
    void awaitConnections();
    void beginRun();
    void onProgress(const LoadReport &report);
    void onFinished(const LoadReport &report);
    void compareWith(int index);
    void setRunning(bool running);
    void setStatus(const QString &text);
    void updateControls();

    std::function<Source()> m_source;
    MethodRef m_method;
    const History *m_history = nullptr;

    QComboBox *m_mode = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QDoubleSpinBox *m_ramp = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QDoubleSpinBox *m_duration = nullptr;
    QSpinBox *m_total = nullptr;
    QSpinBox *m_connections = nullptr;
    QList<QWidget *> m_rateOnly;
    QList<QWidget *> m_concurrencyOnly;
    QPushButton *m_start = nullptr;
    QPushButton *m_stop = nullptr;
    QLabel *m_status = nullptr;
    QString m_statusText; // shown unless a reason Start is disabled stands in its place
    QComboBox *m_compare = nullptr;
    LoadSummaryView *m_summary = nullptr;
    LoadCharts *m_charts = nullptr;

    // Between Start and the first call: the run's inputs while its connections connect.
    LoadRequest::Prepared m_prepared;
    LoadPlan m_plan;
    std::vector<std::shared_ptr<Connection>> m_pendingConnections;
    QTimer *m_connectPatience = nullptr; // starts the run if a connection never settles

    LoadRun *m_run = nullptr;
    bool m_running = false;
    CallSnapshot m_lastRun;
    std::optional<LoadSummary> m_result;
    QList<HistoryEntry> m_compareEntries; // the combo's items after its first, "none"
};

} // namespace wirescope
