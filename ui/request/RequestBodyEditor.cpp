#include "ui/request/RequestBodyEditor.h"

#include "model/form/MessageFormModel.h"
#include "model/frames/FramesModel.h"
#include "model/request/RequestBodyCheck.h"
#include "ui/form/MessageFormView.h"
#include "ui/request/JsonEditor.h"
#include "ui/workbench/Theme.h"

#include <QLabel>
#include <QTimer>
#include <QTreeView>

namespace wirescope {

namespace {
constexpr int ValidateDelayMs = 300;

QString colored(const QColor &color, const QString &html)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color.name(), html);
}
} // namespace

RequestBodyEditor::RequestBodyEditor(QWidget *parent)
    : QTabWidget(parent)
    , m_form(new MessageFormModel(this))
    , m_validateTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("bodyModeTabs"));
    setDocumentMode(true);
    setTabPosition(QTabWidget::South);
    m_editor = new JsonEditor(this);
    m_editor->setObjectName(QStringLiteral("requestEditor"));
    m_formView = new MessageFormView(m_form, this);
    addTab(m_formView, tr("Form"));
    addTab(m_editor, tr("JSON"));
    setCurrentWidget(m_editor);
    m_validation = new QLabel(this);
    m_validation->setObjectName(QStringLiteral("validationLabel"));
    m_validation->setWordWrap(true);
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_validation->setContentsMargins(4, 0, 4, 0);
    connect(this, &QTabWidget::currentChanged, this, [this] {
        // The form must show what was typed a moment ago, not wait for the debounce.
        if (m_validateTimer->isActive())
            validate();
    });
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(ValidateDelayMs);
    connect(m_validateTimer, &QTimer::timeout, this, &RequestBodyEditor::validate);
    connect(m_editor, &QsciScintilla::textChanged, m_validateTimer, qOverload<>(&QTimer::start));
    connect(m_form, &MessageFormModel::messageChanged, this, &RequestBodyEditor::onFormChanged);
}

RequestBodyEditor::~RequestBodyEditor() = default;

QString RequestBodyEditor::text() const
{
    return m_editor->text();
}

void RequestBodyEditor::setText(const QString &text)
{
    m_editor->setText(text);
}

void RequestBodyEditor::setMethod(const MethodRef &method, const QString &name)
{
    m_method = method;
    m_methodName = name;
    m_form->setType(m_method.schema(), m_method.requestType());
    m_formText.clear();
    m_editor->setCompletionWords(m_method.completionWords());
}

void RequestBodyEditor::validateSoon()
{
    m_validateTimer->start();
}

void RequestBodyEditor::showJson()
{
    setCurrentWidget(m_editor);
}

void RequestBodyEditor::focusBody()
{
    if (currentWidget() == m_formView)
        m_formView->setFocus();
    else
        m_editor->setFocus();
}

QString RequestBodyEditor::resolve(const QString &text, QStringList *unresolved) const
{
    return m_variables.resolve ? m_variables.resolve(text, unresolved) : text;
}

QStringList RequestBodyEditor::otherUnresolved() const
{
    return m_otherUnresolved ? m_otherUnresolved() : QStringList();
}

bool RequestBodyEditor::takeChecked(
    const QString &wireText, QList<QByteArray> *messages, QStringList *typedMessages) const
{
    if (m_checkedWireText.isNull() || wireText != m_checkedWireText
        || (!m_checkedMessages.isEmpty() && m_checkedTexts.size() != m_checkedMessages.size()))
        return false;
    *messages = m_checkedMessages.isEmpty() ? QList<QByteArray> {m_checkedBinary} : m_checkedMessages;
    *typedMessages = m_checkedMessages.isEmpty() ? QStringList {m_editor->text()} : m_checkedTexts;
    return true;
}

void RequestBodyEditor::validate()
{
    m_validateTimer->stop();
    m_check.reset(); // whatever is still being checked is out of date now
    remember(QString(), {});
    Q_EMIT edited();
    if (!m_method.isValid()) {
        m_editor->clearError();
        m_validation->setText(tr("Waiting for a schema that defines %1\u2026").arg(m_methodName));
        return;
    }
    const QString text = m_editor->text();
    QStringList unresolved;
    const QString wireText = resolve(text, &unresolved);
    unresolved += otherUnresolved();
    unresolved.removeDuplicates();
    if (text.size() < RequestBodyCheck::BackgroundChars) {
        applyCheck(text, unresolved, RequestBodyCheck::run(m_method, text, wireText));
        return;
    }
    // A large body is encoded on a worker; the answer counts only if nothing changed since.
    m_validation->setText(tr("Checking the body (%1)\u2026").arg(FramesModel::formatBytes(text.size())));
    m_check.run([method = m_method, text, wireText] { return RequestBodyCheck::run(method, text, wireText); },
        [this, text, unresolved](const RequestBodyCheck &check) { applyCheck(text, unresolved, check); });
}

void RequestBodyEditor::applyCheck(
    const QString &text, const QStringList &unresolved, const RequestBodyCheck &check)
{
    if (check.ok) {
        remember(check.wireText, check.binary, check.messages, check.typedMessages);
        updateForm(text, check);
        showValid(check.binary, unresolved, qMax(1, int(check.messages.size())));
        return;
    }
    // Locate the error in what was typed; a variable's value that breaks the JSON is only
    // reported, since its text is not in the editor.
    const JsonError error = check.typedOk ? check.error : check.typedError;
    if (!check.typedOk) {
        m_editor->clearError();
        for (const MarkedJsonError &marked : check.typedErrors)
            m_editor->addError(
                marked.where.line, marked.where.column, marked.where.length, marked.error.toString());
    } else {
        m_editor->clearError();
        updateForm(text, check);
    }
    QString problem
        = check.typedOk ? tr("With variables resolved: %1").arg(error.toString()) : error.toString();
    if (check.typedErrors.size() > 1)
        problem += tr(" (and %n more, marked in the editor)", nullptr, int(check.typedErrors.size()) - 1);
    if (!unresolved.isEmpty())
        problem += u'\n' + RequestDraft({}, m_variables).unresolvedMessage(unresolved);
    m_validation->setText(
        colored(Theme::errorColor(), problem.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"))));
    if (!check.typedOk)
        m_formView->setNotice(colored(Theme::errorColor(),
            tr("The JSON has an error (%1); the form shows the last valid body. "
               "Editing the form replaces the JSON (Undo in the JSON tab brings it back).")
                .arg(error.toString().toHtmlEscaped())));
}

void RequestBodyEditor::showValid(const QByteArray &binary, const QStringList &unresolved, int messageCount)
{
    m_editor->clearError();
    m_requestBytes = binary;
    Q_EMIT checked(binary);
    const QString valid = messageCount > 1
        ? tr("Valid: %1 messages of %2, sent one after another (the first is %3 on the wire)")
              .arg(messageCount)
              .arg(m_method.requestTypeName(), FramesModel::formatBytes(binary.size()))
        : tr("Valid %1 (%2 on the wire)")
              .arg(m_method.requestTypeName(), FramesModel::formatBytes(binary.size()));
    QString message = colored(Theme::statusColor(0), QStringLiteral("\u2713")) + u' ' + valid;
    if (!unresolved.isEmpty())
        message += QStringLiteral("<br>")
            + colored(Theme::errorColor(),
                RequestDraft({}, m_variables).unresolvedMessage(unresolved).toHtmlEscaped());
    m_validation->setText(message);
}

// The form shows the body as typed, variables and all, so that a form edit never writes a
// variable's value (a secret, say) into the body.
void RequestBodyEditor::updateForm(const QString &text, const RequestBodyCheck &check)
{
    // The form edits one message; a body of several is edited as JSON, so that a form edit
    // never replaces the others.
    const bool several = check.typedMessages.size() > 1;
    m_formView->tree()->setEnabled(!several);
    if (several) {
        if (check.typedOk)
            m_form->setBinary(check.typedBinary);
        m_formText.clear();
        m_formView->setNotice(tr("The body holds %1 messages; the form shows the first. Edit them as JSON.")
                                  .arg(check.typedMessages.size()));
        return;
    }
    if (text == m_formText) {
        m_formView->setNotice({});
        return;
    }
    if (!check.typedOk) {
        m_formView->setNotice(tr("The body uses {{variables}} where the form cannot show them "
                                 "(outside a string); edit it as JSON."));
        return;
    }
    m_form->setBinary(check.typedBinary);
    m_formText = text;
    m_formView->setNotice({});
}

// A form edit rewrites the JSON; this is the one place the editor's text is replaced
// without the user typing it. It is one undo step, so invalid JSON that was being typed is
// never lost: Undo in the JSON tab brings it back.
void RequestBodyEditor::onFormChanged()
{
    const QByteArray json = m_form->toJson();
    const QByteArray binary = m_form->toBinary();
    if (json.isEmpty() && !binary.isEmpty()) {
        // Nothing the JSON mapping can print (an Any of a type the schema lacks): keep the text.
        m_formView->setNotice(tr("This message cannot be written as JSON with the loaded schema; "
                                 "the JSON tab keeps its last text."));
        return;
    }
    m_formText = QString::fromUtf8(json);
    m_editor->replaceAll(m_formText);
    m_validateTimer->stop(); // setText armed it; the form's own bytes need no second look
    Q_EMIT edited();
    if (m_formText.contains(QStringLiteral("{{"))) {
        validate(); // the body's variables need resolving before its bytes are known
        return;
    }
    m_formView->setNotice({});
    remember(m_formText, binary);
    showValid(binary, otherUnresolved());
}

void RequestBodyEditor::remember(const QString &wireText, const QByteArray &binary,
    const QList<QByteArray> &messages, const QStringList &typedMessages)
{
    m_checkedWireText = wireText;
    m_checkedBinary = binary;
    m_checkedMessages = messages;
    m_checkedTexts = typedMessages;
}

} // namespace wirescope
