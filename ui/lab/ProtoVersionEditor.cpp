#include "ui/lab/ProtoVersionEditor.h"

#include "model/lab/ProtoSnippet.h"
#include "model/schema/MessageTypeNames.h"
#include "ui/lab/LabWidgets.h"
#include "ui/workbench/Theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QStyle>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

namespace wirescope {

namespace {

constexpr int CompilePauseMs = 300; // compile when typing pauses, not on every key
constexpr int ProtoLines = 12;
constexpr int ErrorLines = 3;

enum SourceIndex { SnippetSource, LoadedSource };

} // namespace

ProtoVersionEditor::ProtoVersionEditor(const QString &title, const QString &name, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(name + QStringLiteral("Version"));
    auto *heading = new QLabel(title, this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    m_proto = LabWidgets::createCodeEditor(this, ProtoLines);
    m_proto->setObjectName(name + QStringLiteral("Proto"));
    m_errors = new QListWidget(this);
    m_errors->setObjectName(name + QStringLiteral("ProtoErrors"));
    m_errors->setMaximumHeight(m_errors->fontMetrics().lineSpacing() * ErrorLines + 8);
    m_errors->setToolTip(tr("Click an error to go to it"));
    m_errors->hide();
    m_source = new QComboBox(this);
    m_source->setObjectName(name + QStringLiteral("Source"));
    m_source->addItems({tr("This .proto text"), tr("The loaded schema")});
    m_source->setToolTip(
        tr("Take the type from the text above, or from the schema loaded in the main window"));
    m_type = LabWidgets::createTypeChooser(this);
    m_type->setObjectName(name + QStringLiteral("Type"));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(CompilePauseMs);

    auto *typeRow = new QHBoxLayout;
    typeRow->addWidget(new QLabel(tr("Type from:"), this));
    typeRow->addWidget(m_source);
    typeRow->addWidget(m_type, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(3);
    layout->addWidget(heading);
    layout->addWidget(m_proto, 1);
    layout->addWidget(m_errors);
    layout->addLayout(typeRow);

    connect(m_proto, &QPlainTextEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(&m_debounce, &QTimer::timeout, this, &ProtoVersionEditor::compile);
    connect(m_source, &QComboBox::activated, this, &ProtoVersionEditor::onSourceChosen);
    connect(m_type, &QComboBox::activated, this, &ProtoVersionEditor::onTypeChosen);
    connect(m_errors, &QListWidget::itemClicked, this, &ProtoVersionEditor::jumpTo);
    setAppSchema(nullptr);
}

ProtoVersionEditor::~ProtoVersionEditor() = default;

void ProtoVersionEditor::setAppSchema(SchemaPtr schema)
{
    m_appSchema = std::move(schema);
    const bool usable = m_appSchema && !MessageTypeNames::of(*m_appSchema).isEmpty();
    const bool wasLoaded = fromLoadedSchema();
    if (!usable && wasLoaded)
        m_source->setCurrentIndex(SnippetSource); // nothing left to choose from: back to the text
    m_source->setEnabled(usable);
    if (wasLoaded)
        onSourceChosen(); // other types on offer, or the text's again
}

ProtoVersionEditor::State ProtoVersionEditor::state() const
{
    return {m_proto->toPlainText(), fromLoadedSchema(), m_type->currentText()};
}

void ProtoVersionEditor::setState(const State &state)
{
    const QSignalBlocker blocker(this);
    {
        const QSignalBlocker textBlocker(m_proto);
        m_proto->setPlainText(state.protoText);
    }
    m_debounce.stop();
    m_compiled.reset(); // the other version's text: its last good schema is not this one's
    const bool loaded = state.fromLoadedSchema && m_source->isEnabled();
    m_source->setCurrentIndex(loaded ? LoadedSource : SnippetSource);
    m_proto->setEnabled(!loaded);
    compile();
    fillTypes(state.typeName);
}

const google::protobuf::Descriptor *ProtoVersionEditor::type() const
{
    const SchemaPtr owner = schema();
    const QString name = m_type->currentText();
    return owner && !name.isEmpty() ? owner->findMessage(name) : nullptr;
}

SchemaPtr ProtoVersionEditor::schema() const
{
    return fromLoadedSchema() ? m_appSchema : m_compiled;
}

bool ProtoVersionEditor::fromLoadedSchema() const
{
    return m_source->currentIndex() == LoadedSource;
}

void ProtoVersionEditor::compile()
{
    const ProtoSnippetResult result = ProtoSnippet::compile(m_proto->toPlainText());
    showDiagnostics(result.diagnostics);
    if (!result.ok())
        return; // the last good schema stays in use until the text compiles again
    m_compiled = result.schema;
    if (!fromLoadedSchema()) {
        fillTypes(m_type->currentText());
        Q_EMIT typeChanged();
    }
}

void ProtoVersionEditor::showDiagnostics(const Diagnostics &diagnostics)
{
    m_errors->clear();
    for (const Diagnostic &diagnostic : diagnostics) {
        QString where;
        if (diagnostic.line > 0 && diagnostic.column > 0)
            where = QStringLiteral("%1:%2: ").arg(diagnostic.line).arg(diagnostic.column);
        else if (diagnostic.line > 0)
            where = QStringLiteral("%1: ").arg(diagnostic.line);
        auto *item
            = new QListWidgetItem(Theme::standardIcon(diagnostic.isError() ? QStyle::SP_MessageBoxCritical
                                                                           : QStyle::SP_MessageBoxWarning),
                where + diagnostic.message, m_errors);
        item->setData(Qt::UserRole, diagnostic.line);
        item->setData(Qt::UserRole + 1, diagnostic.column);
        if (diagnostic.isError())
            item->setForeground(Theme::errorColor());
    }
    m_errors->setVisible(!diagnostics.isEmpty());
}

void ProtoVersionEditor::fillTypes(const QString &preferred)
{
    const SchemaPtr owner = schema();
    LabWidgets::fillTypes(m_type, owner ? MessageTypeNames::of(*owner) : QStringList(), preferred);
}

void ProtoVersionEditor::onSourceChosen()
{
    m_proto->setEnabled(!fromLoadedSchema());
    if (!fromLoadedSchema() && !m_compiled)
        compile();
    fillTypes(m_type->currentText());
    Q_EMIT typeChanged();
}

void ProtoVersionEditor::onTypeChosen()
{
    Q_EMIT typeChanged();
}

void ProtoVersionEditor::jumpTo(QListWidgetItem *item)
{
    const int line = item->data(Qt::UserRole).toInt();
    const int column = item->data(Qt::UserRole + 1).toInt();
    const QTextBlock block = m_proto->document()->findBlockByLineNumber(line - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.movePosition(
        QTextCursor::Right, QTextCursor::MoveAnchor, std::clamp(column - 1, 0, block.length() - 1));
    m_proto->setTextCursor(cursor);
    m_proto->setFocus();
}

} // namespace wirescope
