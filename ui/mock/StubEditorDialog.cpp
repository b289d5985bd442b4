#include "ui/mock/StubEditorDialog.h"

#include "model/collection/CollectionFormat.h"
#include "model/mock/ExampleResponse.h"
#include "ui/mock/KeyValueTable.h"
#include "ui/mock/StubBodyEditor.h"
#include "ui/mock/StubFiles.h"
#include "ui/request/JsonEditor.h"
#include "ui/workbench/Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <google/protobuf/descriptor.h>

namespace wirescope {

namespace {

constexpr int CheckDelayMs = 300;
constexpr int MaxDelayMs = 10 * 60 * 1000;
constexpr int DefaultErrorCode = 5; // NOT_FOUND: the error a stub most often stands in for

QString colored(const QColor &color, const QString &text)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color.name(), text.toHtmlEscaped());
}

QString streamText(const QList<Stub::Message> &messages)
{
    QJsonArray items;
    for (const Stub::Message &message : messages) {
        QJsonObject item {{QStringLiteral("body"), message.body}};
        if (message.delayMs > 0)
            item.insert(QStringLiteral("delayMs"), message.delayMs);
        items.append(item);
    }
    return StubFiles::print(items);
}

} // namespace

StubEditorDialog::StubEditorDialog(const SchemaPtr &schema, const QString &folder, QWidget *parent)
    : QDialog(parent)
    , m_schema(schema)
    , m_folder(folder)
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("stubEditor"));
    setWindowTitle(tr("Stub"));
    resize(760, 680);
    auto *sections = new QTabWidget(this);
    sections->setObjectName(QStringLiteral("stubSections"));
    sections->addTab(createRespondPage(), tr("Respond"));
    sections->addTab(createMatchPage(), tr("Match"));
    m_error->setObjectName(QStringLiteral("stubError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("stubSave"));
    connect(buttons, &QDialogButtonBox::accepted, this, &StubEditorDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    // Made after the pages: choosing its first method fills them in.
    layout->addWidget(createHeader());
    layout->addWidget(sections, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    updateModeWidgets();
}

StubEditorDialog::~StubEditorDialog() = default;

QWidget *StubEditorDialog::createHeader()
{
    auto *header = new QWidget(this);
    m_fileName = new QLineEdit(header);
    m_fileName->setObjectName(QStringLiteral("stubFileName"));
    m_fileName->setToolTip(tr("The stub's file, relative to %1").arg(QDir::toNativeSeparators(m_folder)));
    m_methodBox = new QComboBox(header);
    m_methodBox->setObjectName(QStringLiteral("stubMethod"));
    if (m_schema)
        m_methodBox->addItems(methodNames(*m_schema));
    connect(m_methodBox, &QComboBox::currentTextChanged, this, &StubEditorDialog::onMethodChanged);
    m_priority = new QSpinBox(header);
    m_priority->setObjectName(QStringLiteral("stubPriority"));
    m_priority->setRange(-1000000, 1000000);
    m_priority->setToolTip(tr("Of the stubs that match a call, the highest priority answers; ties go to "
                              "the one with the most conditions"));
    auto *form = new QFormLayout(header);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("File:"), m_fileName);
    form->addRow(tr("Method:"), m_methodBox);
    form->addRow(tr("Priority:"), m_priority);
    return header;
}

QWidget *StubEditorDialog::createMatchPage()
{
    auto *page = new QWidget(this);
    m_matchBody = new JsonEditor(page);
    m_matchBody->setObjectName(QStringLiteral("stubMatchBody"));
    m_matchError = new QLabel(page);
    m_matchError->setObjectName(QStringLiteral("stubMatchError"));
    m_matchError->setWordWrap(true);
    m_matchTimer = new QTimer(this);
    m_matchTimer->setSingleShot(true);
    m_matchTimer->setInterval(CheckDelayMs);
    connect(m_matchTimer, &QTimer::timeout, this, &StubEditorDialog::checkMatchBody);
    connect(m_matchBody, &QsciScintilla::textChanged, m_matchTimer, qOverload<>(&QTimer::start));
    m_bodyMatches = new KeyValueTable(tr("JSON path"), tr("Regular expression"), page);
    m_bodyMatches->setObjectName(QStringLiteral("stubBodyMatches"));
    m_matchMetadata = new KeyValueTable(tr("Key"), tr("Value"), page);
    m_matchMetadata->setObjectName(QStringLiteral("stubMatchMetadata"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(
        tr("Request body: the fields a request must hold (any others may be there too); empty matches any."),
        page));
    layout->addWidget(m_matchBody, 2);
    layout->addWidget(m_matchError);
    layout->addWidget(new QLabel(tr("Request fields that must match a regular expression ($.path):"), page));
    layout->addWidget(m_bodyMatches, 1);
    layout->addWidget(new QLabel(tr("Request metadata that must have exactly these values:"), page));
    layout->addWidget(m_matchMetadata, 1);
    checkMatchBody();
    return page;
}

QWidget *StubEditorDialog::createRespondPage()
{
    auto *page = new QWidget(this);
    m_body = new StubBodyEditor(page);
    m_headers = new KeyValueTable(tr("Key"), tr("Value"), page);
    m_headers->setObjectName(QStringLiteral("stubHeaders"));
    m_trailers = new KeyValueTable(tr("Key"), tr("Value"), page);
    m_trailers->setObjectName(QStringLiteral("stubTrailers"));
    m_respondTabs = new QTabWidget(page);
    m_respondTabs->setObjectName(QStringLiteral("stubRespondTabs"));
    m_respondTabs->addTab(m_body, tr("Body"));
    m_respondTabs->addTab(m_headers, tr("Headers"));
    m_respondTabs->addTab(m_trailers, tr("Trailers"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(createRespondRow());
    layout->addWidget(createStatusGroup());
    layout->addWidget(m_respondTabs, 1);
    return page;
}

QWidget *StubEditorDialog::createRespondRow()
{
    auto *row = new QWidget(this);
    m_modeBox = new QComboBox(row);
    m_modeBox->setObjectName(QStringLiteral("stubMode"));
    m_modeBox->addItems({tr("Single body"), tr("Stream"), tr("Error")});
    connect(m_modeBox, &QComboBox::currentIndexChanged, this, &StubEditorDialog::onModeChanged);
    m_delay = new QSpinBox(row);
    m_delay->setObjectName(QStringLiteral("stubDelay"));
    m_delay->setRange(0, MaxDelayMs);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setToolTip(tr("Waits this long before the first message (or the error)"));
    m_repeat = new QSpinBox(row);
    m_repeat->setObjectName(QStringLiteral("stubRepeat"));
    m_repeat->setRange(1, 1000000);
    m_repeat->setToolTip(tr("How many times the stream is sent"));
    m_repeatLabel = new QLabel(tr("Repeat:"), row);
    m_answer = new QComboBox(row);
    m_answer->setObjectName(QStringLiteral("stubAnswer"));
    m_answer->addItems({tr("once, after the client half-closes"), tr("each matching message")});
    m_answerLabel = new QLabel(tr("Answer:"), row);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Answer with:"), row));
    layout->addWidget(m_modeBox);
    layout->addWidget(new QLabel(tr("Delay:"), row));
    layout->addWidget(m_delay);
    layout->addWidget(m_repeatLabel);
    layout->addWidget(m_repeat);
    layout->addWidget(m_answerLabel);
    layout->addWidget(m_answer);
    layout->addStretch(1);
    return row;
}

QGroupBox *StubEditorDialog::createStatusGroup()
{
    m_statusGroup = new QGroupBox(this);
    m_statusGroup->setObjectName(QStringLiteral("stubStatusGroup"));
    m_statusCode = new QComboBox(m_statusGroup);
    m_statusCode->setObjectName(QStringLiteral("stubStatusCode"));
    for (int code = 1; code <= 16; ++code)
        m_statusCode->addItem(statusCodeName(code), code);
    m_statusCode->setCurrentIndex(m_statusCode->findData(DefaultErrorCode));
    m_statusMessage = new QLineEdit(m_statusGroup);
    m_statusMessage->setObjectName(QStringLiteral("stubStatusMessage"));
    connect(m_statusGroup, &QGroupBox::toggled, this, [this](bool on) {
        if (m_statusGroup->isCheckable())
            m_streamEndsInError = on;
    });
    auto *form = new QFormLayout(m_statusGroup);
    form->addRow(tr("Code:"), m_statusCode);
    form->addRow(tr("Message:"), m_statusMessage);
    return m_statusGroup;
}

QStringList StubEditorDialog::methodNames(const Schema &schema)
{
    QStringList names;
    for (const QString &serviceName : schema.serviceNames()) {
        const google::protobuf::ServiceDescriptor *service = schema.findService(serviceName);
        for (int i = 0; service && i < service->method_count(); ++i)
            names.append(serviceName + u'/' + QString::fromStdString(service->method(i)->name()));
    }
    return names;
}

void StubEditorDialog::startNew(const QString &method, const QString &fileName)
{
    m_originalPath.clear();
    m_fileName->setText(fileName);
    setWindowTitle(tr("New Stub"));
    if (m_methodBox->findText(method) < 0 && !method.isEmpty())
        m_methodBox->addItem(method);
    if (!method.isEmpty())
        m_methodBox->setCurrentText(method);
    onMethodChanged(); // the example body, even when the method was already the current one
    m_body->setText(m_exampleText);
}

void StubEditorDialog::setStub(const Stub &stub, const QString &fileName, bool existing)
{
    m_originalPath = existing ? QDir(m_folder).absoluteFilePath(fileName) : QString();
    m_fileName->setText(fileName);
    setWindowTitle(existing ? tr("Stub \u2014 %1").arg(fileName) : tr("New Stub"));
    if (m_methodBox->findText(stub.method) < 0)
        m_methodBox->addItem(stub.method); // not in the schema: Save says so
    m_methodBox->setCurrentText(stub.method);
    onMethodChanged();
    m_priority->setValue(stub.priority);
    m_matchBody->setText(StubFiles::print(stub.match.body));
    checkMatchBody();
    m_bodyMatches->setPairs(stub.match.bodyMatches);
    m_matchMetadata->setPairs(stub.match.metadata);
    m_delay->setValue(stub.delayMs);
    m_repeat->setValue(stub.repeat);
    m_answer->setCurrentIndex(stub.answer == Stub::Answer::EachMessage ? 1 : 0);
    m_headers->setPairs(stub.headers);
    m_trailers->setPairs(stub.trailers);
    setStatus(stub.status);
    const bool single
        = stub.messages.size() == 1 && !stub.status && stub.repeat == 1 && stub.messages.first().delayMs == 0;
    m_mode = stub.status && stub.messages.isEmpty() ? Mode::Error : single ? Mode::Single : Mode::Stream;
    {
        const QSignalBlocker blocker(m_modeBox);
        m_modeBox->setCurrentIndex(int(m_mode));
    }
    m_streamEndsInError = stub.status.has_value();
    updateModeWidgets();
    if (m_mode == Mode::Single)
        m_body->setText(StubFiles::print(stub.messages.first().body));
    else if (m_mode == Mode::Stream)
        m_body->setText(streamText(stub.messages));
    else
        m_body->setText(m_exampleText); // something to start from if it becomes a body again
}

void StubEditorDialog::setStatus(const std::optional<Stub::Status> &status)
{
    m_details = status ? status->details : QList<QJsonObject>();
    if (!status)
        return;
    if (m_statusCode->findData(status->code) < 0)
        m_statusCode->addItem(statusCodeName(status->code), status->code);
    m_statusCode->setCurrentIndex(m_statusCode->findData(status->code));
    m_statusMessage->setText(status->message);
}

StubEditorDialog::Mode StubEditorDialog::mode() const
{
    return m_mode;
}

void StubEditorDialog::setMode(Mode mode)
{
    m_modeBox->setCurrentIndex(int(mode));
}

QString StubEditorDialog::fileName() const
{
    return m_fileName->text().trimmed();
}

// A body the user has not touched follows the method: it is an example of the new response type.
void StubEditorDialog::onMethodChanged()
{
    m_method = MethodRef::resolve(m_schema, m_methodBox->currentText());
    m_body->setMethod(m_method);
    m_matchBody->setCompletionWords(m_method.completionWords());
    const QString example = m_method.isValid()
        ? StubFiles::print(StubFiles::parseValue(ExampleResponse::json(m_method.responseType(), 0)))
        : QStringLiteral("{}");
    if (m_mode == Mode::Single && m_body->text() == m_exampleText)
        m_body->setText(example);
    m_exampleText = example;
    const bool streams = m_method.isValid() && clientStreams(m_method.kind());
    m_answer->setVisible(streams);
    m_answerLabel->setVisible(streams);
}

// The body's text changes shape with the mode: one message, or a list of stream items.
void StubEditorDialog::onModeChanged()
{
    const Mode next = Mode(m_modeBox->currentIndex());
    const QJsonValue value = StubFiles::parseValue(m_body->text().toUtf8());
    if (m_mode == Mode::Single && next == Mode::Stream && !value.isUndefined())
        m_body->setText(streamText({{value, 0}}));
    else if (m_mode == Mode::Stream && next == Mode::Single && value.isArray()) {
        const QJsonArray items = value.toArray();
        const QJsonValue first = items.isEmpty() ? QJsonValue(QJsonValue::Undefined)
                                                 : items.first().toObject().value(QStringLiteral("body"));
        m_body->setText(first.isUndefined() ? m_exampleText : StubFiles::print(first));
    }
    m_mode = next;
    updateModeWidgets();
}

void StubEditorDialog::updateModeWidgets()
{
    const bool stream = m_mode == Mode::Stream;
    m_respondTabs->setTabEnabled(m_respondTabs->indexOf(m_body), m_mode != Mode::Error);
    if (m_mode == Mode::Error && m_respondTabs->currentWidget() == m_body)
        m_respondTabs->setCurrentWidget(m_trailers);
    m_body->setFormEnabled(m_mode == Mode::Single);
    m_body->setToolTip(
        stream ? tr("A list of stream items: {\"body\": message, \"delayMs\": wait before it}") : QString());
    m_repeat->setVisible(stream);
    m_repeatLabel->setVisible(stream);
    m_statusGroup->setVisible(m_mode != Mode::Single);
    // Becoming checkable checks the group (and says so): the stream's own choice is put back.
    const bool endsInError = m_streamEndsInError;
    m_statusGroup->setCheckable(stream);
    if (stream)
        m_statusGroup->setChecked(endsInError);
    m_streamEndsInError = endsInError;
    m_statusGroup->setTitle(stream ? tr("End the stream with an error") : tr("Error status"));
}

void StubEditorDialog::checkMatchBody()
{
    m_matchTimer->stop();
    const QByteArray text = m_matchBody->text().trimmed().toUtf8();
    if (text.isEmpty()) {
        m_matchError->setText(colored(Theme::mutedTextColor(), tr("Empty: every request matches.")));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        m_matchError->setText(colored(
            Theme::errorColor(), CollectionFormat::describeJsonError(text, tr("match body"), parseError)));
    else if (!document.isObject())
        m_matchError->setText(colored(Theme::errorColor(), tr("The match body is a JSON object.")));
    else
        m_matchError->setText(colored(Theme::statusColor(0), tr("\u2713 A JSON object")));
}

bool StubEditorDialog::collect(Stub *stub, QString *error) const
{
    *stub = Stub();
    stub->method = m_methodBox->currentText().trimmed();
    stub->priority = m_priority->value();
    const QByteArray match = m_matchBody->text().trimmed().toUtf8();
    if (!match.isEmpty()) {
        stub->match.body = StubFiles::parseValue(match);
        if (!stub->match.body.isObject()) {
            *error = tr("Match: the request body to match is not a JSON object.");
            return false;
        }
    }
    stub->match.bodyMatches = m_bodyMatches->pairs();
    stub->match.metadata = m_matchMetadata->pairs();
    stub->delayMs = m_delay->value();
    stub->headers = m_headers->pairs();
    stub->trailers = m_trailers->pairs();
    const bool each = m_method.isValid() && clientStreams(m_method.kind()) && m_answer->currentIndex() == 1;
    stub->answer = each ? Stub::Answer::EachMessage : Stub::Answer::AtEnd;
    if (m_mode == Mode::Error || (m_mode == Mode::Stream && m_streamEndsInError))
        stub->status = Stub::Status {m_statusCode->currentData().toInt(), m_statusMessage->text(), m_details};
    return collectMessages(stub, error);
}

bool StubEditorDialog::collectMessages(Stub *stub, QString *error) const
{
    if (m_mode == Mode::Error)
        return true;
    const QJsonValue value = StubFiles::parseValue(m_body->text().toUtf8());
    if (value.isUndefined()) {
        *error = tr("Respond: the body is not valid JSON.");
        return false;
    }
    if (m_mode == Mode::Single) {
        stub->messages = {{value, 0}};
        return true;
    }
    if (!value.isArray()) {
        *error = tr("Respond: a stream is a JSON list of items, each {\"body\": ..., \"delayMs\": ...}.");
        return false;
    }
    const QJsonArray items = value.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        if (!item.contains(QStringLiteral("body"))) {
            *error = tr("Respond: stream item %1 has no \"body\".").arg(i + 1);
            return false;
        }
        stub->messages.append(
            {item.value(QStringLiteral("body")), item.value(QStringLiteral("delayMs")).toInt()});
    }
    stub->repeat = m_repeat->value();
    return true;
}

bool StubEditorDialog::save()
{
    const QString name = fileName();
    const QString path = QDir::cleanPath(QDir(m_folder).absoluteFilePath(name));
    const QString relative = QDir(m_folder).relativeFilePath(path);
    Stub stub;
    QString problem;
    if (!m_schema)
        problem = tr("No schema is loaded: the stub cannot be checked.");
    else if (name.isEmpty() || !name.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        problem = tr("The file name ends in .json: the mock reads only those.");
    else if (relative.startsWith(QStringLiteral("..")) || QFileInfo(relative).isAbsolute())
        problem = tr("The file goes in the stubs folder, %1.").arg(QDir::toNativeSeparators(m_folder));
    else if (path != m_originalPath && QFileInfo::exists(path))
        problem = tr("%1 exists already: choose another name.").arg(relative);
    else if (collect(&stub, &problem) && StubFiles::write(stub, path, m_folder, *m_schema, &problem)) {
        if (!m_originalPath.isEmpty() && path != m_originalPath)
            QFile::remove(m_originalPath); // renamed: the old file would answer too
        m_savedPath = path;
        showError({});
        Q_EMIT saved(path);
        accept();
        return true;
    }
    showError(problem);
    return false;
}

void StubEditorDialog::showError(const QString &text)
{
    m_errorText = text;
    m_error->setText(colored(Theme::errorColor(), text));
    m_error->setVisible(!text.isEmpty());
}

} // namespace wirescope
