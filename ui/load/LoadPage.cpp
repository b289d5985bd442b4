// LoadPage: a request tab's Load page, from the plan to the run kept in history.

#include "ui/load/LoadPage.h"

#include "model/collection/HistoryListModel.h"
#include "rpc/call/Connection.h"
#include "rpc/load/LoadRun.h"
#include "ui/load/LoadCharts.h"
#include "ui/load/LoadSummaryView.h"
#include "ui/workbench/Theme.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace wirescope {

namespace {

// How long Start waits for the run's connections before starting anyway (a server that
// does not answer then fails the calls, which the report counts as UNAVAILABLE).
constexpr int ConnectPatienceMs = 5000;
// "Compare with…" lists the newest runs of the method, not all of history.
constexpr int MaxComparable = 50;

QDoubleSpinBox *secondsSpin(QWidget *parent, const QString &name, double value, const QString &zeroText)
{
    auto *spin = new QDoubleSpinBox(parent);
    spin->setObjectName(name);
    spin->setRange(0, 24 * 3600);
    spin->setDecimals(1);
    spin->setSuffix(LoadPage::tr(" s"));
    spin->setSpecialValueText(zeroText);
    spin->setValue(value);
    return spin;
}

QSpinBox *countSpin(QWidget *parent, const QString &name, int lowest, int highest, int value)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(name);
    spin->setRange(lowest, highest);
    spin->setValue(value);
    spin->setGroupSeparatorShown(true);
    return spin;
}

} // namespace

LoadPage::LoadPage(QWidget *parent)
    : QWidget(parent)
    , m_connectPatience(new QTimer(this))
{
    m_connectPatience->setSingleShot(true);
    m_connectPatience->setInterval(ConnectPatienceMs);
    connect(m_connectPatience, &QTimer::timeout, this, &LoadPage::beginRun);

    m_summary = new LoadSummaryView(this);
    m_charts = new LoadCharts(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_charts);
    splitter->addWidget(m_summary);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    // The charts are what a run is watched by: they get the larger share from the start,
    // and never shrink below readable axes; the figures scroll instead.
    m_charts->setMinimumHeight(220);
    m_summary->setMinimumHeight(100);
    splitter->setSizes({600, 400});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(createPlanControls());
    layout->addWidget(createRunControls());
    layout->addWidget(splitter, 1);
    updateControls();
}

// Stopped before the members it uses go: a run still going is cancelled and waited for.
LoadPage::~LoadPage()
{
    delete m_run;
}

void LoadPage::createPlanFields(QWidget *box)
{
    m_mode = new QComboBox(box);
    m_mode->setObjectName(QStringLiteral("loadMode"));
    // Short names keep the page narrow (a tab's widest page sets the request pane's width).
    m_mode->addItem(tr("Rate"));
    m_mode->addItem(tr("Concurrency"));
    m_mode->setItemData(RateMode,
        tr("Open model: calls start on a schedule whatever the server does, and latency counts "
           "from each call's scheduled start"),
        Qt::ToolTipRole);
    m_mode->setItemData(ConcurrencyMode,
        tr("Closed model: this many calls in flight, each starting when one ends"), Qt::ToolTipRole);
    m_rate = new QDoubleSpinBox(box);
    m_rate->setObjectName(QStringLiteral("loadRate"));
    m_rate->setRange(0.1, 1e6);
    m_rate->setDecimals(1);
    m_rate->setSuffix(tr(" calls/s"));
    m_rate->setValue(100);
    m_ramp = secondsSpin(box, QStringLiteral("loadRamp"), 0, tr("No ramp"));
    m_ramp->setToolTip(tr("Raise the rate from 0 over this time"));
    m_concurrency = countSpin(box, QStringLiteral("loadConcurrency"), 1, 10000, 10);
    m_duration = secondsSpin(box, QStringLiteral("loadDuration"), 10, tr("No limit"));
    m_total = countSpin(box, QStringLiteral("loadTotal"), 0, 1000000000, 0);
    m_total->setSpecialValueText(tr("No limit"));
    m_total->setToolTip(tr("End after this many calls (or the duration, whichever comes first)"));
    m_connections = countSpin(box, QStringLiteral("loadConnections"), 1, 64, 1);
    m_connections->setToolTip(tr("TCP connections of the run's own, used in turn"));
}

QWidget *LoadPage::createPlanControls()
{
    auto *box = new QWidget(this);
    createPlanFields(box);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    const auto add = [box, grid](int row, int column, const QString &label, QWidget *field) {
        auto *text = new QLabel(label, box);
        grid->addWidget(text, row, column * 2);
        grid->addWidget(field, row, column * 2 + 1);
        return QList<QWidget *> {text, field};
    };
    // Two pairs a row, the mode's own fields in the second row.
    add(0, 0, tr("Load:"), m_mode);
    add(0, 1, tr("Connections:"), m_connections);
    m_rateOnly = add(1, 0, tr("Rate:"), m_rate) + add(1, 1, tr("Ramp:"), m_ramp);
    m_concurrencyOnly = add(1, 0, tr("In flight:"), m_concurrency);
    add(2, 0, tr("Duration:"), m_duration);
    add(2, 1, tr("Calls:"), m_total);
    grid->setColumnStretch(4, 1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &LoadPage::updateControls);
    connect(m_duration, &QDoubleSpinBox::valueChanged, this, &LoadPage::updateControls);
    connect(m_total, &QSpinBox::valueChanged, this, &LoadPage::updateControls);
    return box;
}

QWidget *LoadPage::createRunControls()
{
    auto *row = new QWidget(this);
    m_start = new QPushButton(Theme::glyphIcon(Theme::Glyph::Send), tr("Start"), row);
    m_start->setObjectName(QStringLiteral("loadStartButton"));
    m_start->setAutoDefault(false);
    m_stop = new QPushButton(Theme::glyphIcon(Theme::Glyph::Stop), tr("Stop"), row);
    m_stop->setObjectName(QStringLiteral("loadStopButton"));
    m_stop->setToolTip(tr("End the run now; what it measured so far is kept"));
    m_stop->setAutoDefault(false);
    m_status = new QLabel(row);
    m_status->setObjectName(QStringLiteral("loadStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_compare = new QComboBox(row);
    m_compare->setObjectName(QStringLiteral("loadCompareCombo"));
    m_compare->setToolTip(tr("Set an earlier run of this method beside this one"));
    m_compare->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_compare->setMinimumContentsLength(16);
    connect(m_start, &QPushButton::clicked, this, &LoadPage::start);
    connect(m_stop, &QPushButton::clicked, this, &LoadPage::stop);
    connect(m_compare, &QComboBox::currentIndexChanged, this, &LoadPage::compareWith);

    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_start);
    layout->addWidget(m_stop);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_compare);
    refreshCompareList();
    return row;
}

void LoadPage::setMethod(const MethodRef &method)
{
    m_method = method;
    updateControls();
    refreshCompareList();
}

void LoadPage::setHistory(const History *history)
{
    m_history = history;
    refreshCompareList();
}

LoadPlan LoadPage::plan() const
{
    LoadPlan plan;
    if (m_mode->currentIndex() == RateMode) {
        plan.rps = m_rate->value();
        plan.rampNanos = qint64(m_ramp->value() * 1e9);
    } else {
        plan.concurrency = m_concurrency->value();
    }
    plan.durationNanos = qint64(m_duration->value() * 1e9);
    plan.total = m_total->value();
    plan.connections = m_connections->value();
    return plan;
}

void LoadPage::setPlan(const LoadPlan &plan)
{
    if (m_running)
        return;
    m_mode->setCurrentIndex(plan.isOpen() ? RateMode : ConcurrencyMode);
    if (plan.isOpen()) {
        m_rate->setValue(plan.rps);
        m_ramp->setValue(double(plan.rampNanos) / 1e9);
    } else {
        m_concurrency->setValue(plan.concurrency);
    }
    m_duration->setValue(double(plan.durationNanos) / 1e9);
    m_total->setValue(int(std::min<qint64>(plan.total, m_total->maximum())));
    m_connections->setValue(plan.connections);
}

LoadPlan LoadPage::planOf(const LoadSummary &run)
{
    LoadPlan plan;
    if (run.openModel) {
        plan.rps = run.targetRps;
        plan.rampNanos = run.rampNanos;
    } else if (run.concurrency > 0) {
        plan.concurrency = run.concurrency;
    }
    plan.durationNanos = run.durationNanos;
    plan.total = run.plannedTotal;
    // A line edited by hand may lack it: a run always had one connection at least.
    plan.connections = std::max(run.connections, 1);
    return plan;
}

void LoadPage::showPage()
{
    // The request tab's pages are a QTabWidget holding this page (or the page that made it)
    // through its stack.
    for (QWidget *page = this; page; page = page->parentWidget()) {
        QWidget *stack = page->parentWidget();
        auto *pages = stack ? qobject_cast<QTabWidget *>(stack->parentWidget()) : nullptr;
        if (pages && pages->indexOf(page) >= 0) {
            pages->setCurrentWidget(page);
            return;
        }
    }
}

void LoadPage::setLastRunConnection(const SavedRequest &context, const QString &resolvedTarget)
{
    m_lastRun.setConnection(context, resolvedTarget);
}

QString LoadPage::statusText() const
{
    return m_status->text();
}

void LoadPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshCompareList(); // another tab of the method may have run since
}

void LoadPage::start()
{
    if (m_running)
        return;
    QString problem;
    if (!prepare(&m_prepared, &problem)) {
        m_pendingConnections.clear();
        setStatus(tr("Not started: %1").arg(problem));
        return;
    }
    m_result.reset();
    m_charts->clear();
    m_summary->clearRun();
    setRunning(true);
    setStatus(tr("Connecting\u2026"));
    Q_EMIT started();
    // Each connection reports its state as it changes; the run begins once all have settled,
    // or when the patience runs out.
    m_connectPatience->start();
    for (const std::shared_ptr<Connection> &connection : m_pendingConnections)
        connect(connection.get(), &Connection::stateChanged, this, &LoadPage::awaitConnections);
    awaitConnections();
}

// The run's inputs from the tab's request, as Send would prepare them; false with *problem.
bool LoadPage::prepare(LoadRequest::Prepared *prepared, QString *problem)
{
    const Source source = m_source ? m_source() : Source {};
    if (!source.method.isValid()) {
        *problem = tr("the loaded schema does not define this method");
        return false;
    }
    if (!source.problem.isEmpty()) {
        *problem = source.problem;
        return false;
    }
    if (!source.connection || !source.connection->isValid()) {
        *problem = source.connection ? source.connection->errorString()
                                     : tr("no connection; enter a target first");
        return false;
    }
    m_plan = plan();
    if (const QString planProblem = m_plan.problem(); !planProblem.isEmpty()) {
        *problem = planProblem;
        return false;
    }
    if (!LoadRequest::prepare(source.request, source.variables, source.method, prepared, problem))
        return false;
    m_lastRun = RequestDraft(source.request, source.variables).snapshot({});
    for (const QString &message : std::as_const(prepared->typedMessages))
        m_lastRun.addMessage(message);
    m_pendingConnections = LoadRequest::connections(source.connection->options(), m_plan.connections);
    return true;
}

// The handshakes happen before the run's clock starts, as `bench` does, so the first
// calls' latencies do not hold them; the window follows their state instead of blocking.
void LoadPage::awaitConnections()
{
    bool settled = true;
    for (const std::shared_ptr<Connection> &connection : m_pendingConnections) {
        const Connection::State state = connection->state(true); // an idle channel starts connecting
        settled = settled
            && (state == Connection::State::Ready || state == Connection::State::TransientFailure
                || state == Connection::State::Shutdown);
    }
    if (settled)
        beginRun();
}

void LoadPage::beginRun()
{
    if (m_run || m_pendingConnections.empty())
        return; // started already, or stopped before the connections settled
    m_connectPatience->stop();
    for (const std::shared_ptr<Connection> &connection : m_pendingConnections)
        disconnect(connection.get(), nullptr, this, nullptr);
    m_run = new LoadRun(std::move(m_pendingConnections), m_prepared.spec, m_prepared.messages, m_plan, this);
    m_pendingConnections.clear();
    if (m_prepared.vary)
        m_run->setVary(m_prepared.vary);
    m_prepared = {}; // the run has its copy; this one would keep the schema snapshot alive
    connect(m_run, &LoadRun::progress, this, &LoadPage::onProgress);
    connect(m_run, &LoadRun::finished, this, &LoadPage::onFinished);
    QString error;
    if (!m_run->start(&error)) {
        delete m_run;
        m_run = nullptr;
        setRunning(false);
        setStatus(tr("Not started: %1").arg(error));
        return;
    }
    setStatus(tr("Running\u2026"));
}

void LoadPage::stop()
{
    if (m_run) {
        m_run->cancel(); // finished() follows with the report so far
        setStatus(tr("Stopping\u2026"));
        return;
    }
    if (!m_pendingConnections.empty()) {
        m_connectPatience->stop();
        m_pendingConnections.clear();
        setRunning(false);
        setStatus(tr("Stopped before the first call"));
    }
}

// Four times a second whatever the rate: a point per series, the bins and the table.
void LoadPage::onProgress(const LoadReport &report)
{
    const LoadSummary live = LoadSummary::fromReport(report);
    m_charts->addReport(report, live.histogram);
    m_summary->showRun(live);
    setStatus(report.progressLine());
}

void LoadPage::onFinished(const LoadReport &report)
{
    m_result = LoadSummary::fromReport(report);
    m_charts->addReport(report, m_result->histogram);
    m_summary->showRun(*m_result);
    setStatus((report.cancelled ? tr("Stopped: %1") : tr("Finished: %1")).arg(m_result->label()));
    m_run->deleteLater(); // this runs inside the run's own signal
    m_run = nullptr;
    setRunning(false);
    Q_EMIT finished(report); // the window records it in history
    refreshCompareList();
}

void LoadPage::refreshCompareList()
{
    const int chosen = m_compare->currentIndex();
    const QDateTime chosenTime = chosen > 0 && chosen <= m_compareEntries.size()
        ? m_compareEntries.at(chosen - 1).time
        : QDateTime();
    m_compareEntries.clear();
    if (m_history && m_method.isValid()) {
        const QList<HistoryEntry> &entries = m_history->entries();
        for (auto it = entries.crbegin(); it != entries.crend() && m_compareEntries.size() < MaxComparable;
             ++it) {
            // The run on show is not compared with itself.
            if (it->load && it->request.method == m_method.fullName()
                && !(m_result && *it->load == *m_result))
                m_compareEntries.append(*it);
        }
    }
    const QSignalBlocker blocker(m_compare);
    m_compare->clear();
    m_compare->addItem(
        m_compareEntries.isEmpty() ? tr("No earlier run to compare") : tr("Compare with\u2026"));
    int restore = 0;
    for (qsizetype i = 0; i < m_compareEntries.size(); ++i) {
        const HistoryEntry &entry = m_compareEntries.at(i);
        m_compare->addItem(
            QStringLiteral("%1 \u00b7 %2").arg(HistoryListModel::timeText(entry.time), entry.load->label()));
        if (chosenTime.isValid() && entry.time == chosenTime)
            restore = int(i + 1);
    }
    m_compare->setCurrentIndex(restore);
    m_compare->setEnabled(!m_compareEntries.isEmpty());
    if (restore == 0 && m_summary->isComparing())
        compareWith(0);
}

void LoadPage::compareWith(int index)
{
    if (index <= 0 || index > m_compareEntries.size()) {
        m_summary->setCompared(std::nullopt);
        m_charts->setComparedHistogram({}, {});
        return;
    }
    const HistoryEntry &entry = m_compareEntries.at(index - 1);
    const QString title = HistoryListModel::timeText(entry.time);
    m_summary->setCompared(entry.load, title);
    m_charts->setComparedHistogram(entry.load->histogram, title);
}

void LoadPage::setRunning(bool running)
{
    if (running == m_running)
        return;
    m_running = running;
    updateControls();
    Q_EMIT runningChanged(running);
}

void LoadPage::setStatus(const QString &text)
{
    m_statusText = text;
    updateControls();
}

// What can be changed now, and why Start cannot be pressed when it cannot.
void LoadPage::updateControls()
{
    const bool rate = m_mode->currentIndex() == RateMode;
    for (QWidget *widget : std::as_const(m_rateOnly))
        widget->setVisible(rate);
    for (QWidget *widget : std::as_const(m_concurrencyOnly))
        widget->setVisible(!rate);
    QString reason;
    if (!m_method.isValid())
        reason = tr("Load the schema that defines this method to start a load run.");
    else if (m_duration->value() <= 0 && m_total->value() <= 0)
        reason = tr("Give a duration or a number of calls to end the run.");
    m_start->setEnabled(!m_running && reason.isEmpty());
    m_start->setToolTip(reason.isEmpty() ? tr("Start the load run") : reason);
    m_stop->setEnabled(m_running);
    for (QWidget *field : std::initializer_list<QWidget *> {
             m_mode, m_rate, m_ramp, m_concurrency, m_duration, m_total, m_connections})
        field->setEnabled(!m_running);
    m_status->setText(!m_running && !reason.isEmpty() ? reason : m_statusText);
}

} // namespace wirescope
