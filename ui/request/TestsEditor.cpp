#include "ui/request/TestsEditor.h"

#include "model/runner/ExpectCheck.h"
#include "model/schema/MethodRef.h"
#include "rpc/run/CallOutcomeBuilder.h"
#include "ui/request/expect/AssertionTable.h"
#include "ui/request/expect/ExpectPairTable.h"
#include "ui/request/expect/ResponseFieldPaths.h"
#include "ui/workbench/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace wirescope {

namespace {

constexpr int LastStatusCode = 16; // UNAUTHENTICATED
constexpr int RecheckDelayMs = 250; // typing a value re-checks the last call once, not per key
constexpr int MaxMessageCount = 100000000; // the fields' ranges
constexpr int MaxTimeMs = 24 * 3600 * 1000;

QList<QPair<QString, QString>> mapPairs(const QMap<QString, QString> &map)
{
    QList<QPair<QString, QString>> pairs;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        pairs.append({it.key(), it.value()});
    return pairs;
}

QList<QPair<QString, QString>> trimmed(QList<QPair<QString, QString>> pairs)
{
    for (auto &[key, value] : pairs) {
        key = key.trimmed();
        value = value.trimmed();
    }
    return pairs;
}

QMap<QString, QString> pairsMap(const QList<QPair<QString, QString>> &pairs)
{
    QMap<QString, QString> map;
    for (const auto &[key, value] : pairs) {
        if (!key.isEmpty())
            map.insert(key, value);
    }
    return map;
}

QString colored(const QColor &color, const QString &text)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color.name(), text.toHtmlEscaped());
}

} // namespace

TestsEditor::TestsEditor(QWidget *parent)
    : QWidget(parent)
    , m_recheck(new QTimer(this))
{
    m_recheck->setSingleShot(true);
    m_recheck->setInterval(RecheckDelayMs);
    connect(m_recheck, &QTimer::timeout, this, [this] {
        if (m_outcome)
            showOutcome(*m_outcome);
    });
    clearResults();
}

TestsEditor::~TestsEditor() = default;

void TestsEditor::showEvent(QShowEvent *event)
{
    build();
    QWidget::showEvent(event);
}

// Made on first sight: until then the tests live in m_pendingExpect and m_pendingCaptures,
// and a call is checked against those; the rows show their results once they exist.
void TestsEditor::build()
{
    if (isBuilt())
        return;
    m_summary = new QLabel(m_summaryText, this);
    m_summary->setObjectName(QStringLiteral("testsSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setContentsMargins(4, 2, 4, 2);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createAssertions());
    splitter->addWidget(createPairTabs());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_summary);
    layout->addWidget(createForm());
    layout->addWidget(splitter, 1);
    connectEdits();
    setResponseType(m_responseType);
    fillWidgets(m_pendingExpect, m_pendingCaptures);
    if (m_outcome)
        showOutcome(*m_outcome);
    // Made in a show event, after the children were shown: shown and laid out now, so the
    // frame that shows the page has them in place.
    if (isVisible()) {
        for (QWidget *child : findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            child->show();
        layout->activate();
    }
}

QWidget *TestsEditor::createForm()
{
    auto *form = new QWidget(this);
    m_status = new QComboBox(form);
    m_status->setObjectName(QStringLiteral("testsStatus"));
    for (int code = 0; code <= LastStatusCode; ++code)
        m_status->addItem(statusCodeName(code));
    m_status->setToolTip(tr("The status the call must end with"));
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_status->setMinimumContentsLength(10);
    m_statusMessage = new QLineEdit(form);
    m_statusMessage->setObjectName(QStringLiteral("testsStatusMessage"));
    m_statusMessage->setPlaceholderText(tr("A regular expression; empty: any message"));
    m_messageCount = new QSpinBox(form);
    m_messageCount->setObjectName(QStringLiteral("testsMessageCount"));
    m_messageCount->setRange(-1, MaxMessageCount);
    m_messageCount->setSpecialValueText(tr("any"));
    m_messageCount->setValue(-1);
    m_messageCount->setToolTip(tr("How many response messages"));
    m_maxMs = new QSpinBox(form);
    m_maxMs->setObjectName(QStringLiteral("testsMaxMs"));
    m_maxMs->setRange(0, MaxTimeMs);
    m_maxMs->setSuffix(tr(" ms"));
    m_maxMs->setSpecialValueText(tr("none"));
    m_maxMs->setToolTip(tr("The longest the whole call may take, from start to trailers"));
    m_snapshot = new QCheckBox(tr("Snapshot"), form);
    m_snapshot->setObjectName(QStringLiteral("testsSnapshot"));
    m_snapshot->setToolTip(
        tr("A collection run compares the response with NAME.snapshot.json beside the request"));
    m_snapshotIgnore = new QLineEdit(form);
    m_snapshotIgnore->setObjectName(QStringLiteral("testsSnapshotIgnore"));
    m_snapshotIgnore->setPlaceholderText(tr("Comma-separated paths: $.createdAt, $.id"));
    m_snapshotIgnore->setEnabled(false);

    layoutForm(form);
    return form;
}

// Two fields a row at most: the page never widens the request pane past its buttons.
void TestsEditor::layoutForm(QWidget *form)
{
    auto *grid = new QGridLayout(form);
    grid->setContentsMargins(4, 0, 4, 0);
    grid->addWidget(new QLabel(tr("Status:"), form), 0, 0);
    grid->addWidget(m_status, 0, 1);
    grid->addWidget(new QLabel(tr("Messages:"), form), 0, 2);
    grid->addWidget(m_messageCount, 0, 3);
    grid->addWidget(new QLabel(tr("Message matches:"), form), 1, 0);
    grid->addWidget(m_statusMessage, 1, 1, 1, 3);
    grid->addWidget(new QLabel(tr("Max time:"), form), 2, 0);
    grid->addWidget(m_maxMs, 2, 1);
    grid->addWidget(m_snapshot, 2, 2, 1, 2);
    grid->addWidget(new QLabel(tr("Snapshot ignores:"), form), 3, 0);
    grid->addWidget(m_snapshotIgnore, 3, 1, 1, 3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
}

// A table with Add and Remove buttons under it; the buttons are named after `name`
// ("testsAddCapture", "testsRemoveCapture").
QWidget *TestsEditor::tablePage(QWidget *table, const QString &name, const std::function<void()> &add,
    const std::function<void()> &remove)
{
    auto *page = new QWidget(this);
    auto *addButton = new QToolButton(page);
    addButton->setObjectName(QStringLiteral("testsAdd") + name);
    addButton->setText(tr("Add"));
    addButton->setIcon(Theme::standardIcon(QStyle::SP_FileDialogNewFolder));
    addButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *removeButton = new QToolButton(page);
    removeButton->setObjectName(QStringLiteral("testsRemove") + name);
    removeButton->setText(tr("Remove"));
    removeButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(addButton, &QToolButton::clicked, this, add);
    connect(removeButton, &QToolButton::clicked, this, remove);
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(addButton);
    buttons->addWidget(removeButton);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(table, 1);
    layout->addLayout(buttons);
    return page;
}

QWidget *TestsEditor::createAssertions()
{
    m_assertions = new AssertionTable(this);
    m_assertions->setObjectName(QStringLiteral("testsAssertions"));
    auto *page = tablePage(
        m_assertions, QStringLiteral("Assertion"),
        [this] {
            const int row = m_assertions->addAssertion({});
            m_assertions->setCurrentCell(row, AssertionTable::PathColumn);
            m_assertions->editItem(m_assertions->item(row, AssertionTable::PathColumn));
        },
        [this] { m_assertions->removeSelectedRows(); });
    auto *title = new QLabel(tr("<b>Assertions</b> \u2014 right-click a response field and choose "
                                "Assert This to add one"),
        page);
    title->setWordWrap(true);
    static_cast<QVBoxLayout *>(page->layout())->insertWidget(0, title);
    return page;
}

QWidget *TestsEditor::createPairTabs()
{
    m_captures = new ExpectPairTable(tr("Variable"), tr("Path"), this);
    m_captures->setObjectName(QStringLiteral("testsCaptures"));
    m_captures->setToolTip(
        tr("Variables set from the last response message for the later requests of a run"));
    m_headers = new ExpectPairTable(tr("Header"), tr("Exact value"), this);
    m_headers->setObjectName(QStringLiteral("testsHeaders"));
    m_trailers = new ExpectPairTable(tr("Trailer"), tr("Exact value"), this);
    m_trailers->setObjectName(QStringLiteral("testsTrailers"));
    m_pairTabs = new QTabWidget(this);
    m_pairTabs->setObjectName(QStringLiteral("testsMoreTabs"));
    m_pairTabs->setDocumentMode(true);
    const auto page = [this](ExpectPairTable *table, const QString &name) {
        return tablePage(
            table, name,
            [table] {
                const int row = table->addPair();
                table->setCurrentCell(row, ExpectPairTable::FirstColumn);
                table->editItem(table->item(row, ExpectPairTable::FirstColumn));
            },
            [table] { table->removeSelectedRows(); });
    };
    m_pairTabs->addTab(page(m_captures, QStringLiteral("Capture")), tr("Captures"));
    m_pairTabs->addTab(page(m_headers, QStringLiteral("Header")), tr("Headers"));
    m_pairTabs->addTab(page(m_trailers, QStringLiteral("Trailer")), tr("Trailers"));
    return m_pairTabs;
}

void TestsEditor::connectEdits()
{
    connect(m_status, &QComboBox::currentIndexChanged, this, &TestsEditor::onEdited);
    connect(m_statusMessage, &QLineEdit::textChanged, this, &TestsEditor::onEdited);
    connect(m_messageCount, &QSpinBox::valueChanged, this, &TestsEditor::onEdited);
    connect(m_maxMs, &QSpinBox::valueChanged, this, &TestsEditor::onEdited);
    connect(m_snapshot, &QCheckBox::toggled, m_snapshotIgnore, &QWidget::setEnabled);
    connect(m_snapshot, &QCheckBox::toggled, this, &TestsEditor::onEdited);
    connect(m_snapshotIgnore, &QLineEdit::textChanged, this, &TestsEditor::onEdited);
    connect(m_assertions, &AssertionTable::changed, this, &TestsEditor::onEdited);
    for (ExpectPairTable *table : {m_captures, m_headers, m_trailers})
        connect(table, &ExpectPairTable::changed, this, &TestsEditor::onEdited);
}

void TestsEditor::onEdited()
{
    if (m_updating)
        return;
    refreshTitle();
    if (m_outcome)
        m_recheck->start();
    Q_EMIT changed();
}

void TestsEditor::setExpectations(const Expectations &expect, const Captures &captures)
{
    m_loadedStatus = expect.status;
    if (isBuilt()) {
        fillWidgets(expect, captures);
    } else {
        m_pendingExpect = asEdited(expect);
        m_pendingCaptures = asEdited(captures);
    }
    if (m_outcome)
        showOutcome(*m_outcome);
    else
        refreshTitle();
}

void TestsEditor::fillWidgets(const Expectations &expect, const Captures &captures)
{
    m_updating = true;
    const int code = expect.status.isEmpty() ? 0 : statusCodeFromName(expect.status);
    int index = m_status->findText(code >= 0 ? statusCodeName(code) : expect.status);
    if (index < 0) { // a name this list lacks stays as written
        m_status->addItem(expect.status);
        index = m_status->count() - 1;
    }
    m_status->setCurrentIndex(index);
    m_statusMessage->setText(expect.statusMessage);
    m_messageCount->setValue(expect.messages.value_or(-1));
    m_maxMs->setValue(expect.maxMs.value_or(0));
    m_snapshot->setChecked(expect.snapshot);
    m_snapshotIgnore->setText(expect.snapshotIgnore.join(QStringLiteral(", ")));
    m_assertions->setAssertions(expect.asserts);
    m_headers->setPairs(mapPairs(expect.headers));
    m_trailers->setPairs(mapPairs(expect.trailers));
    QList<QPair<QString, QString>> rules;
    for (const CaptureRule &rule : captures)
        rules.append({rule.variable, rule.path});
    m_captures->setPairs(rules);
    m_updating = false;
}

// What the page's fields would give back for `expect`: the tests read the same whether or
// not the page was made (a saved request is not modified by being looked at).
Expectations TestsEditor::asEdited(Expectations expect)
{
    if (expect.messages && *expect.messages < 0)
        expect.messages.reset();
    if (expect.messages)
        expect.messages = std::min(*expect.messages, MaxMessageCount);
    if (expect.maxMs && *expect.maxMs <= 0)
        expect.maxMs.reset();
    if (expect.maxMs)
        expect.maxMs = std::min(*expect.maxMs, MaxTimeMs);
    expect.headers = pairsMap(trimmed(mapPairs(expect.headers)));
    expect.trailers = pairsMap(trimmed(mapPairs(expect.trailers)));
    QList<Assertion> asserts;
    for (Assertion assertion : std::as_const(expect.asserts)) {
        assertion.path = assertion.path.trimmed();
        assertion.message = assertion.message.trimmed();
        if (assertion.message.isEmpty())
            assertion.message = QStringLiteral("last");
        if (!assertion.path.isEmpty())
            asserts.append(assertion);
    }
    expect.asserts = asserts;
    QStringList ignored;
    for (const QString &path : std::as_const(expect.snapshotIgnore)) {
        for (const QString &part : path.split(u',', Qt::SkipEmptyParts)) {
            if (!part.trimmed().isEmpty())
                ignored.append(part.trimmed());
        }
    }
    expect.snapshotIgnore = ignored;
    return expect;
}

Captures TestsEditor::asEdited(const Captures &captures)
{
    Captures rules;
    for (const CaptureRule &rule : captures) {
        const CaptureRule kept {rule.variable.trimmed(), rule.path.trimmed()};
        if (!kept.variable.isEmpty() && !kept.path.isEmpty())
            rules.append(kept);
    }
    return rules;
}

Expectations TestsEditor::expectations() const
{
    if (!isBuilt())
        return m_pendingExpect;
    Expectations expect;
    const QString chosen = m_status->currentText();
    const int loadedCode = m_loadedStatus.isEmpty() ? 0 : statusCodeFromName(m_loadedStatus);
    // The file's own spelling is kept while the choice is the same, so loading and saving
    // leaves the file as it was; a new choice of OK is the default and is not written.
    if (statusCodeFromName(chosen) == loadedCode || chosen == m_loadedStatus)
        expect.status = m_loadedStatus;
    else
        expect.status = statusCodeFromName(chosen) == 0 ? QString() : chosen;
    expect.statusMessage = m_statusMessage->text();
    if (m_messageCount->value() >= 0)
        expect.messages = m_messageCount->value();
    if (m_maxMs->value() > 0)
        expect.maxMs = m_maxMs->value();
    expect.headers = pairsMap(m_headers->pairs());
    expect.trailers = pairsMap(m_trailers->pairs());
    expect.asserts = m_assertions->assertions();
    expect.snapshot = m_snapshot->isChecked();
    for (const QString &path : m_snapshotIgnore->text().split(u',', Qt::SkipEmptyParts)) {
        if (!path.trimmed().isEmpty())
            expect.snapshotIgnore.append(path.trimmed());
    }
    return expect;
}

Captures TestsEditor::captures() const
{
    if (!isBuilt())
        return m_pendingCaptures;
    Captures rules;
    for (const auto &[variable, path] : m_captures->pairs()) {
        // Half a rule is still being typed: a file keeps only whole ones.
        if (!variable.isEmpty() && !path.isEmpty())
            rules.append(CaptureRule {variable, path});
    }
    return rules;
}

bool TestsEditor::hasTests() const
{
    return !expectations().isEmpty() || !captures().isEmpty();
}

void TestsEditor::setResponseType(const google::protobuf::Descriptor *type)
{
    m_responseType = type;
    if (!isBuilt())
        return;
    const QStringList paths = ResponseFieldPaths::of(type);
    m_assertions->setFieldPaths(paths);
    m_captures->setSecondChoices(paths);
}

QStringList TestsEditor::fieldPaths() const
{
    return isBuilt() ? m_assertions->fieldPaths() : ResponseFieldPaths::of(m_responseType);
}

void TestsEditor::addAssertion(const QString &path, const QJsonValue &value, const QString &message)
{
    build();
    Assertion assertion;
    assertion.path = path;
    assertion.value = value;
    assertion.message = message.isEmpty() ? QStringLiteral("last") : message;
    const int row = m_assertions->addAssertion(assertion);
    m_assertions->setCurrentCell(row, AssertionTable::ValueColumn);
    m_assertions->scrollToItem(m_assertions->item(row, AssertionTable::ValueColumn));
    onEdited();
}

void TestsEditor::callStarted(const MethodRef &method)
{
    const bool streams = method.kind() == CallKind::ServerStreaming || method.kind() == CallKind::Bidi;
    m_outcome.reset();
    m_recheck->stop();
    if (hasTests() || !streams)
        m_builder = std::make_unique<CallOutcomeBuilder>(method.schema(), method.responseType());
    else
        m_builder.reset();
    clearResults();
    if (hasTests())
        setSummary(tr("Checking when the call ends\u2026"));
    else if (streams)
        setSummary(tr("A streaming response is checked when the request has tests: add one and "
                      "send again."));
}

void TestsEditor::eventsArrived(const CallEvents &events)
{
    if (m_builder)
        m_builder->add(events);
}

void TestsEditor::callFinished()
{
    if (!m_builder)
        return;
    const CallOutcome outcome = m_builder->outcome();
    m_builder.reset();
    showOutcome(outcome);
}

void TestsEditor::showOutcome(const CallOutcome &outcome)
{
    m_recheck->stop();
    m_outcome = outcome;
    const Expectations expect = expectations();
    const QList<CheckResult> checks = ExpectCheck::check(expect, outcome);
    QList<CheckResult> captureFailures;
    const QMap<QString, QString> captured = ExpectCheck::capture(captures(), outcome, &captureFailures);
    if (isBuilt()) {
        // Each row is checked on its own so its result stays beside it, typed rows included.
        m_assertions->showResults(outcome);
        showPairResults(outcome, captured);
    }
    m_checked = int(checks.size() + captures().size());
    m_failed = int(captureFailures.size());
    for (const CheckResult &check : checks)
        m_failed += check.passed ? 0 : 1;
    showSummary(outcome, checks, int(expect.asserts.size()));
    refreshTitle();
}

void TestsEditor::showPairResults(const CallOutcome &outcome, const QMap<QString, QString> &captured)
{
    const auto showMetadata = [](ExpectPairTable *table, const Metadata &metadata) {
        for (int row = 0; row < table->rowCount(); ++row) {
            const auto [key, expected] = table->pairAt(row);
            if (key.isEmpty())
                continue;
            QString actual;
            const bool found = CallOutcome::metadataValue(metadata, key.toLower(), &actual);
            table->setResult(row, found && actual == expected, found ? actual : tr("(missing)"));
        }
    };
    showMetadata(m_headers, outcome.headers);
    showMetadata(m_trailers, outcome.trailers);
    for (int row = 0; row < m_captures->rowCount(); ++row) {
        const auto [variable, path] = m_captures->pairAt(row);
        if (variable.isEmpty() || path.isEmpty())
            continue;
        const auto value = captured.constFind(variable);
        if (value != captured.cend())
            m_captures->setResult(row, true, *value);
        else
            m_captures->setResult(row, false, tr("nothing at %1").arg(path));
    }
}

void TestsEditor::showSummary(
    const CallOutcome &outcome, const QList<CheckResult> &checks, int assertionCount)
{
    if (!hasTests()) {
        setSummary(tr("No tests yet: add an assertion, or right-click a field of the response and "
                      "choose Assert This."));
        return;
    }
    QStringList lines;
    if (!outcome.sent)
        lines << colored(Theme::errorColor(), tr("Not sent: %1").arg(outcome.failure));
    const int held = m_checked - m_failed;
    lines << QStringLiteral("<b>%1</b>")
                 .arg(colored(m_failed == 0 ? Theme::statusColor(0) : Theme::errorColor(),
                     tr("%1 of %2 checks held").arg(held).arg(m_checked)));
    // The assertions show their results on their rows; the other checks have no row.
    const qsizetype others = checks.size() - assertionCount;
    for (qsizetype i = 0; i < others; ++i) {
        const CheckResult &check = checks.at(i);
        if (check.passed)
            continue;
        QString line = tr("\u2717 %1: expected %2, got %3").arg(check.name, check.expected, check.actual);
        if (!check.note.isEmpty())
            line += QStringLiteral(" (%1)").arg(check.note);
        lines << colored(Theme::errorColor(), line);
    }
    if (expectations().snapshot)
        lines << colored(Theme::mutedTextColor(), tr("The snapshot is compared when the collection runs."));
    setSummary(lines.join(QStringLiteral("<br>")));
}

void TestsEditor::clearResults()
{
    m_failed = -1;
    m_checked = 0;
    if (isBuilt()) {
        m_assertions->clearResults();
        for (ExpectPairTable *table : {m_captures, m_headers, m_trailers})
            table->clearResults();
    }
    setSummary(hasTests() ? tr("Send the request to check it.")
                          : tr("No tests yet: add an assertion, or right-click a field of the "
                               "response and choose Assert This."));
    refreshTitle();
}

void TestsEditor::setSummary(const QString &text)
{
    m_summaryText = text;
    if (m_summary)
        m_summary->setText(text);
}

QString TestsEditor::tabTitle() const
{
    if (!hasTests())
        return tr("Tests");
    if (m_failed == 0)
        return tr("Tests \u2713");
    if (m_failed > 0)
        return tr("Tests \u2717 %1").arg(m_failed);
    const qsizetype count = expectations().asserts.size();
    return count > 0 ? tr("Tests (%1)").arg(count) : tr("Tests");
}

void TestsEditor::refreshTitle()
{
    const QString title = tabTitle();
    if (title == m_title)
        return;
    m_title = title;
    Q_EMIT titleChanged(title);
}

} // namespace wirescope
