#include "ui/mock/StubBodyEditor.h"

#include "model/form/MessageFormModel.h"
#include "ui/form/MessageFormView.h"
#include "ui/request/JsonEditor.h"
#include "ui/workbench/Theme.h"

#include <QTimer>

namespace wirescope {

namespace {
constexpr int SyncDelayMs = 300;
} // namespace

StubBodyEditor::StubBodyEditor(QWidget *parent)
    : QTabWidget(parent)
    , m_form(new MessageFormModel(this))
    , m_syncTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("stubBody"));
    setDocumentMode(true);
    setTabPosition(QTabWidget::South);
    m_formView = new MessageFormView(m_form, this);
    m_formView->setObjectName(QStringLiteral("stubBodyForm"));
    m_editor = new JsonEditor(this);
    m_editor->setObjectName(QStringLiteral("stubBodyJson"));
    addTab(m_formView, tr("Form"));
    addTab(m_editor, tr("JSON"));
    setCurrentWidget(m_editor);
    m_syncTimer->setSingleShot(true);
    m_syncTimer->setInterval(SyncDelayMs);
    connect(m_syncTimer, &QTimer::timeout, this, &StubBodyEditor::showInForm);
    connect(m_editor, &QsciScintilla::textChanged, m_syncTimer, qOverload<>(&QTimer::start));
    // The form must show what was typed a moment ago, not wait for the pause in typing.
    connect(this, &QTabWidget::currentChanged, this, [this] {
        if (currentWidget() == m_formView)
            showInForm();
    });
    connect(m_form, &MessageFormModel::messageChanged, this, &StubBodyEditor::onFormChanged);
}

StubBodyEditor::~StubBodyEditor() = default;

void StubBodyEditor::setMethod(const MethodRef &method)
{
    m_method = method;
    m_form->setType(method.schema(), method.responseType());
    m_formText.clear();
    showInForm();
}

QString StubBodyEditor::text() const
{
    return m_editor->text();
}

void StubBodyEditor::setText(const QString &text)
{
    m_editor->setText(text);
    showInForm();
}

void StubBodyEditor::setFormEnabled(bool enabled)
{
    m_formEnabled = enabled;
    setTabEnabled(indexOf(m_formView), enabled);
    if (!enabled)
        setCurrentWidget(m_editor);
    else
        showInForm();
}

void StubBodyEditor::showInForm()
{
    m_syncTimer->stop();
    const QString text = m_editor->text();
    if (!m_formEnabled || !m_method.isValid() || text == m_formText)
        return;
    const JsonError error = m_form->setJson(text.toUtf8());
    if (!error.message.isEmpty()) {
        m_formView->setNotice(QStringLiteral("<span style=\"color:%1\">%2</span>")
                                  .arg(Theme::errorColor().name(),
                                      tr("The JSON is not a %1 (%2); the form shows the last body that was. "
                                         "A {{request.…}} template where a number or a message belongs "
                                         "can only be edited as JSON.")
                                          .arg(m_method.responseTypeName(), error.toString())
                                          .toHtmlEscaped()));
        return;
    }
    m_formText = text;
    m_formView->setNotice({});
}

// A form edit rewrites the JSON as one undo step, so text being typed is never lost.
void StubBodyEditor::onFormChanged()
{
    const QByteArray json = m_form->toJson();
    if (json.isEmpty())
        return; // nothing the JSON mapping can print (an Any the schema lacks): keep the text
    m_formText = QString::fromUtf8(json);
    m_editor->replaceAll(m_formText);
    m_syncTimer->stop();
    m_formView->setNotice({});
}

} // namespace wirescope
