#include "ui/mock/MockPanel.h"

#include "model/frames/FramesModel.h"
#include "model/mock/Stub.h"
#include "model/schema/MethodRef.h"
#include "rpc/mock/MockServer.h"
#include "ui/mock/MockCallLog.h"
#include "ui/mock/StubEditorDialog.h"
#include "ui/mock/StubFiles.h"
#include "ui/request/RequestTab.h"
#include "ui/request/RequestTabs.h"
#include "ui/workbench/Theme.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

namespace wirescope {

namespace {

QString counted(qsizetype count, const QString &one, const QString &many)
{
    return count == 1 ? one : many.arg(count);
}

QPushButton *makeButton(QWidget *parent, const QString &name, const QString &text, const QString &tip)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setToolTip(tip);
    button->setAutoDefault(false);
    return button;
}

} // namespace

MockPanel::MockPanel(QWidget *parent)
    : QDockWidget(tr("Mock"), parent)
    , m_server(new MockServer(this))
    , m_log(new MockCallLog)
    , m_status(new QLabel)
    , m_errors(new QLabel)
{
    setObjectName(QStringLiteral("mockDock"));
    m_status->setObjectName(QStringLiteral("mockStatus"));
    m_status->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errors->setObjectName(QStringLiteral("mockStubErrors"));
    m_errors->setTextFormat(Qt::RichText);
    m_errors->setWordWrap(true);
    m_errors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errors->hide();
    connect(m_server, &MockServer::callStarted, m_log, &MockCallLog::showCall);
    connect(m_server, &MockServer::callFinished, m_log, &MockCallLog::showCall);
    connect(m_server, &MockServer::stubsReloaded, this, &MockPanel::onStubsChanged);
    connect(m_server, &MockServer::stubsRejected, this, &MockPanel::showStubErrors);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createStubsPane());
    splitter->addWidget(m_log);
    splitter->setStretchFactor(1, 3);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(createControls());
    layout->addWidget(createStatusRow());
    layout->addWidget(m_errors);
    layout->addWidget(splitter, 1);
    setWidget(content);
    updateControls();
    refreshStatus();
}

MockPanel::~MockPanel()
{
    // Nothing the server reports while it stops may reach a panel that is half destroyed.
    disconnect(m_server, nullptr, this, nullptr);
    disconnect(m_server, nullptr, m_log, nullptr);
    m_server->stop();
}

QWidget *MockPanel::createControls()
{
    auto *controls = new QWidget;
    m_port = new QSpinBox(controls);
    m_port->setObjectName(QStringLiteral("mockPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_folder = new QLineEdit(controls);
    m_folder->setObjectName(QStringLiteral("mockStubsFolder"));
    m_folder->setPlaceholderText(tr("No stubs folder: every call gets an example answer"));
    m_folder->setClearButtonEnabled(true);
    connect(m_folder, &QLineEdit::textEdited, this,
        [this](const QString &text) { m_folderChosen = !text.isEmpty(); });
    connect(m_folder, &QLineEdit::editingFinished, this, &MockPanel::refreshStubList);
    m_chooseFolder = makeButton(
        controls, QStringLiteral("mockChooseFolder"), tr("Choose\u2026"), tr("Choose the stubs folder"));
    m_start = makeButton(
        controls, QStringLiteral("mockStart"), tr("Start"), tr("Serve the loaded schema's services"));
    m_start->setIcon(Theme::glyphIcon(Theme::Glyph::Send));
    m_stop = makeButton(controls, QStringLiteral("mockStop"), tr("Stop"), tr("Stop the mock server"));
    m_stop->setIcon(Theme::glyphIcon(Theme::Glyph::Stop));
    connect(m_chooseFolder, &QPushButton::clicked, this, &MockPanel::chooseFolder);
    connect(m_start, &QPushButton::clicked, this, &MockPanel::start);
    connect(m_stop, &QPushButton::clicked, this, &MockPanel::stop);
    auto *layout = new QHBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Port:"), controls));
    layout->addWidget(m_port);
    layout->addWidget(new QLabel(tr("Stubs:"), controls));
    layout->addWidget(m_folder, 1);
    for (QPushButton *b : {m_chooseFolder, m_start, m_stop})
        layout->addWidget(b);
    return controls;
}

QWidget *MockPanel::createStatusRow()
{
    auto *row = new QWidget;
    m_pointTab = makeButton(row, QStringLiteral("mockPointTab"), tr("Point Current Tab at Mock"),
        tr("Send the current request tab's calls to the mock (plaintext)"));
    auto *clearLog
        = makeButton(row, QStringLiteral("mockClearLog"), tr("Clear Log"), tr("Forget the calls shown"));
    connect(m_pointTab, &QPushButton::clicked, this, &MockPanel::pointCurrentTabAtMock);
    connect(clearLog, &QPushButton::clicked, m_log, &MockCallLog::clearCalls);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_pointTab);
    layout->addWidget(clearLog);
    return row;
}

QWidget *MockPanel::createStubsPane()
{
    auto *pane = new QWidget;
    m_stubs = new QListWidget(pane);
    m_stubs->setObjectName(QStringLiteral("mockStubList"));
    m_stubs->setToolTip(tr("The stub files of the folder; double-click one to edit it"));
    auto *newButton = makeButton(pane, QStringLiteral("mockNewStub"), tr("New Stub\u2026"),
        tr("A stub for a method of the schema, answering with an example to edit"));
    m_editStub
        = makeButton(pane, QStringLiteral("mockEditStub"), tr("Edit\u2026"), tr("Edit the selected stub"));
    connect(newButton, &QPushButton::clicked, this, [this] { newStub(); });
    connect(m_editStub, &QPushButton::clicked, this, [this] {
        if (const QListWidgetItem *item = m_stubs->currentItem())
            editStub(item->text());
    });
    connect(m_stubs, &QListWidget::itemActivated, this,
        [this](QListWidgetItem *item) { editStub(item->text()); });
    connect(m_stubs, &QListWidget::currentRowChanged, this,
        [this](int row) { m_editStub->setEnabled(row >= 0); });
    m_editStub->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(m_editStub);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Stubs"), pane));
    layout->addWidget(m_stubs, 1);
    layout->addLayout(buttons);
    return pane;
}

void MockPanel::setSchema(const SchemaPtr &schema)
{
    m_schema = schema;
    refreshStatus();
}

void MockPanel::setRequestTabs(RequestTabs *tabs)
{
    m_tabs = tabs;
}

void MockPanel::setCollectionDirectory(const QString &directory)
{
    m_collectionDirectory = directory;
    if (m_folderChosen || isRunning())
        return;
    m_folder->setText(directory.isEmpty() ? QString() : QDir(directory).filePath(QStringLiteral("mocks")));
    refreshStubList();
    refreshStatus();
}

QString MockPanel::stubsFolder() const
{
    const QString folder = m_folder->text().trimmed();
    return folder.isEmpty() ? QString() : QDir::cleanPath(folder);
}

void MockPanel::setStubsFolder(const QString &folder)
{
    m_folder->setText(folder);
    m_folderChosen = !folder.isEmpty();
    refreshStubList();
    refreshStatus();
}

void MockPanel::setPort(int port)
{
    m_port->setValue(port);
}

void MockPanel::chooseFolder()
{
    const QString start = !stubsFolder().isEmpty() ? stubsFolder() : m_collectionDirectory;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Stubs Folder"), start);
    if (!folder.isEmpty())
        setStubsFolder(folder);
}

void MockPanel::present()
{
    show();
    raise();
    if (m_start->isEnabled())
        m_start->setFocus();
}

bool MockPanel::isRunning() const
{
    return m_server->isRunning();
}

QString MockPanel::address() const
{
    return isRunning() ? m_server->address() : QString();
}

bool MockPanel::start()
{
    if (isRunning())
        return true;
    showStubErrors({});
    if (!m_schema || m_schema->serviceNames().isEmpty()) {
        showStatus(tr("Not started: the loaded schema has no services. Import .proto files, open a "
                      "protoset or reload reflection first."),
            true);
        return false;
    }
    const QString folder = stubsFolder();
    StubSet stubs;
    QStringList errors;
    if (!folder.isEmpty() && !StubSet::load(folder, *m_schema, &stubs, &errors, /*mustExist=*/false)) {
        showStubErrors(errors);
        showStatus(counted(errors.size(), tr("Not started: a stub file is broken (below)."),
                       tr("Not started: %1 stub files are broken (below).")),
            true);
        return false;
    }
    MockServer::Options options;
    options.port = m_port->value();
    QString error;
    if (!m_server->start(m_schema, stubs, options, &error)) {
        showStatus(tr("Not started: %1").arg(error), true);
        return false;
    }
    m_servedSchema = m_schema;
    m_log->setSchema(m_schema);
    m_stubCount = int(stubs.stubs().size());
    // A folder that does not exist yet is watched once a stub saved here creates it.
    m_watching = !folder.isEmpty() && QFileInfo(folder).isDir();
    if (m_watching)
        m_server->watchStubs(folder);
    updateControls();
    refreshStatus();
    Q_EMIT runningChanged(true);
    return true;
}

void MockPanel::stop()
{
    if (!isRunning())
        return;
    m_server->stop();
    m_servedSchema.reset();
    m_watching = false;
    updateControls();
    refreshStatus();
    Q_EMIT runningChanged(false);
}

void MockPanel::updateControls()
{
    const bool running = isRunning();
    // What a running mock serves is fixed until it stops.
    m_port->setEnabled(!running);
    m_folder->setEnabled(!running);
    m_chooseFolder->setEnabled(!running);
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    m_pointTab->setEnabled(running);
}

void MockPanel::showStatus(const QString &text, bool error)
{
    m_statusText = text;
    m_status->setText(error ? QStringLiteral("<span style=\"color:%1\">%2</span>")
                                  .arg(Theme::errorColor().name(), text.toHtmlEscaped())
                            : text.toHtmlEscaped());
}

void MockPanel::refreshStatus()
{
    if (!isRunning()) {
        const qsizetype services = m_schema ? m_schema->serviceNames().size() : 0;
        showStatus(services == 0 ? tr("Load a schema with at least one service to mock it.")
                                 : counted(services, tr("Not running. Start serves the loaded service."),
                                     tr("Not running. Start serves the %1 loaded services.")));
        return;
    }
    QString text = counted(m_servedSchema->serviceNames().size(), tr("Mock serving 1 service on %2"),
        tr("Mock serving %1 services on %2"))
                       .arg(address());
    if (stubsFolder().isEmpty())
        text += tr(" \u00b7 no stubs folder: examples answer");
    else
        text += QStringLiteral(" \u00b7 ")
            + (m_stubCount == 0 ? tr("no stubs: examples answer")
                                : counted(m_stubCount, tr("1 stub"), tr("%1 stubs")));
    // Reflection of the mock itself rebuilds the same schema: only other services or files count.
    if (m_schema->serviceNames() != m_servedSchema->serviceNames()
        || m_schema->fileNames() != m_servedSchema->fileNames())
        text += tr(" \u00b7 the schema changed since it started: restart to serve it");
    showStatus(text);
}

QStringList MockPanel::stubFiles() const
{
    QStringList files;
    for (int row = 0; row < m_stubs->count(); ++row)
        files.append(m_stubs->item(row)->text());
    return files;
}

void MockPanel::refreshStubList()
{
    const QString current = m_stubs->currentItem() ? m_stubs->currentItem()->text() : QString();
    m_stubs->clear();
    m_stubs->addItems(StubFiles::list(stubsFolder()));
    const QList<QListWidgetItem *> again = m_stubs->findItems(current, Qt::MatchExactly);
    if (!current.isEmpty() && !again.isEmpty())
        m_stubs->setCurrentItem(again.first());
}

// After the panel wrote a stub: the list and, while running, the mock's stubs follow at
// once rather than after the folder watch notices.
void MockPanel::reloadStubs()
{
    refreshStubList();
    const QString folder = stubsFolder();
    if (!isRunning() || folder.isEmpty())
        return;
    StubSet stubs;
    QStringList errors;
    if (!StubSet::load(folder, *m_servedSchema, &stubs, &errors, /*mustExist=*/false)) {
        showStubErrors(errors);
        return;
    }
    m_server->setStubs(stubs);
    if (!m_watching && QFileInfo(folder).isDir()) {
        m_server->watchStubs(folder);
        m_watching = true;
    }
    onStubsChanged(int(stubs.stubs().size()));
}

void MockPanel::onStubsChanged(int count)
{
    m_stubCount = count;
    showStubErrors({});
    refreshStubList();
    refreshStatus();
}

void MockPanel::showStubErrors(const QStringList &errors)
{
    m_stubErrors = errors;
    QStringList lines;
    for (const QString &error : errors)
        lines.append(error.toHtmlEscaped());
    const QString heading = isRunning() ? tr("The stubs were not reloaded; the mock keeps the previous ones:")
                                        : tr("Broken stubs:");
    m_errors->setText(
        QStringLiteral("<span style=\"color:%1\">%2<br>%3</span>")
            .arg(Theme::errorColor().name(), heading.toHtmlEscaped(), lines.join(QStringLiteral("<br>"))));
    m_errors->setVisible(!errors.isEmpty());
}

bool MockPanel::pointCurrentTabAtMock()
{
    RequestTab *tab = m_tabs ? m_tabs->current() : nullptr;
    if (!tab || !isRunning())
        return false;
    SavedRequest where;
    where.target = address();
    where.tls.security = SavedRequest::TlsProfile::Security::Plaintext;
    tab->setConnectionTemplate(where);
    tab->setConnectionProblem({}); // the mock's address has no variables to miss
    Q_EMIT targetChosen(where);
    return true;
}

QString MockPanel::folderForNewStub()
{
    QString folder = stubsFolder();
    if (!folder.isEmpty())
        return folder;
    folder = QFileDialog::getExistingDirectory(this, tr("Folder for Stubs"), m_collectionDirectory);
    if (!folder.isEmpty() && !isRunning())
        setStubsFolder(folder);
    return folder;
}

StubEditorDialog *MockPanel::openEditor(const QString &folder)
{
    const SchemaPtr schema = stubSchema();
    if (!schema) {
        showStubErrors({tr("Load a schema first: a stub is checked against it.")});
        return nullptr;
    }
    auto *dialog = new StubEditorDialog(schema, folder, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &StubEditorDialog::saved, this, [this](const QString &path) {
        reloadStubs();
        Q_EMIT stubSaved(path);
    });
    return dialog;
}

StubEditorDialog *MockPanel::newStub(const QString &method)
{
    const QString folder = folderForNewStub();
    StubEditorDialog *dialog = folder.isEmpty() ? nullptr : openEditor(folder);
    if (!dialog)
        return nullptr;
    QString name = method;
    if (name.isEmpty() && m_tabs && m_tabs->current())
        name = m_tabs->current()->methodName();
    dialog->startNew(name, StubFiles::freeName(folder, name));
    dialog->show();
    return dialog;
}

StubEditorDialog *MockPanel::editStub(const QString &file)
{
    const QString folder = stubsFolder();
    const SchemaPtr schema = stubSchema();
    if (folder.isEmpty() || !schema)
        return nullptr;
    const QString path = QDir(folder).absoluteFilePath(file);
    Stub stub;
    QString error;
    if (!StubFiles::read(path, folder, *schema, &stub, &error)) {
        showStubErrors({error});
        return nullptr;
    }
    StubEditorDialog *dialog = openEditor(folder);
    dialog->setStub(stub, QDir(folder).relativeFilePath(path), true);
    dialog->show();
    return dialog;
}

QString MockPanel::saveStubFromResponse(const QString &method, const QString &requestJson,
    const QList<QJsonValue> &responses, const QString &folder, const CallStatus &status, QString *error)
{
    const SchemaPtr schema = stubSchema();
    const MethodRef ref = schema ? MethodRef::resolve(schema, method) : MethodRef();
    QString problem;
    if (!ref.isValid())
        problem = tr("The loaded schema has no method %1.").arg(method);
    else if (folder.isEmpty())
        problem = tr("No folder to save the stub in.");
    else {
        const Stub stub = StubFiles::fromResponse(
            ref.fullName(), clientStreams(ref.kind()), requestJson, responses, status);
        const QString path = QDir(folder).filePath(StubFiles::freeName(folder, ref.fullName()));
        if (StubFiles::write(stub, path, folder, *schema, &problem)) {
            if (QDir::cleanPath(folder) == stubsFolder())
                reloadStubs();
            Q_EMIT stubSaved(path);
            return path;
        }
    }
    if (error)
        *error = problem;
    return {};
}

StubEditorDialog *MockPanel::editStubFromResponse(RequestTab *tab)
{
    if (!tab || !tab->lastCall().isValid())
        return nullptr; // nothing was sent: there is no response to keep
    const QString folder = folderForNewStub();
    StubEditorDialog *dialog = folder.isEmpty() ? nullptr : openEditor(folder);
    if (!dialog)
        return nullptr;
    const FramesModel *frames = tab->frames();
    const MethodRef &method = frames->method();
    const QString name = method.isValid() ? method.fullName() : tab->methodName();
    const Stub stub = StubFiles::fromResponse(name, method.isValid() && clientStreams(method.kind()),
        tab->lastCall().messages().value(0), StubFiles::receivedMessages(method, frames->record()),
        frames->record().status());
    dialog->setStub(stub, StubFiles::freeName(folder, name), false);
    present();
    dialog->show();
    dialog->raise();
    return dialog;
}

} // namespace wirescope
