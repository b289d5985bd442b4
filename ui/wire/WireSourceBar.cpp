#include "ui/wire/WireSourceBar.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>

namespace wirescope {

namespace {

QString noSchemaText()
{
    return WireSourceBar::tr("(no schema: by wire type)");
}

QToolButton *toolButton(QWidget *parent, const QString &text, const QString &tip, QStyle::StandardPixmap icon)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setIcon(Theme::standardIcon(icon));
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setAutoRaise(true);
    return b;
}

} // namespace

WireSourceBar::WireSourceBar(QAction *undo, QAction *redo, QWidget *parent)
    : QWidget(parent)
    , m_source(new QComboBox(this))
    , m_typeChooser(new QComboBox(this))
    , m_grpcFrame(new QCheckBox(tr("gRPC frame"), this))
{
    m_source->setObjectName(QStringLiteral("wireSource"));
    m_source->addItems({tr("Request body"), tr("Response frame"), tr("Pasted bytes"), tr("File")});
    m_source->setToolTip(tr("Which bytes to inspect; each source keeps its own"));
    m_typeChooser->setObjectName(QStringLiteral("wireType"));
    m_typeChooser->setEditable(true);
    m_typeChooser->setInsertPolicy(QComboBox::NoInsert);
    m_typeChooser->setMinimumContentsLength(28);
    m_typeChooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_typeChooser->setToolTip(tr("Decode as this message type, or without a schema by wire type alone"));
    m_typeChooser->completer()->setFilterMode(Qt::MatchContains);
    m_typeChooser->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_grpcFrame->setObjectName(QStringLiteral("wireGrpcFrame"));
    m_grpcFrame->setToolTip(tr("Show the 5-byte gRPC prefix around the message: a compressed flag and a "
                               "big-endian length. Pasted bytes and files are read as already framed, "
                               "except an edited copy of the request or a response, which is framed "
                               "like them."));
    connect(m_source, &QComboBox::activated, this, &WireSourceBar::sourceChosen);
    connect(m_typeChooser, &QComboBox::activated, this, &WireSourceBar::onTypeEdited);
    connect(m_typeChooser->lineEdit(), &QLineEdit::editingFinished, this, &WireSourceBar::onTypeEdited);
    connect(m_grpcFrame, &QCheckBox::toggled, this, &WireSourceBar::grpcFrameToggled);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Bytes:"), this));
    layout->addWidget(m_source);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Decode as:"), this));
    layout->addWidget(m_typeChooser, 1);
    layout->addWidget(m_grpcFrame);
    addButtons(layout, undo, redo);
    showType({});
}

void WireSourceBar::addButtons(QHBoxLayout *layout, QAction *undo, QAction *redo)
{
    QToolButton *paste = toolButton(
        this, tr("Paste\u2026"), tr("Inspect hex or base64 text"), QStyle::SP_FileDialogContentsView);
    QToolButton *open
        = toolButton(this, tr("Open\u2026"), tr("Inspect the bytes of a file"), QStyle::SP_DialogOpenButton);
    QToolButton *copy
        = toolButton(this, tr("Copy dump"), tr("Copy the annotated dump as text"), QStyle::SP_FileIcon);
    copy->setObjectName(QStringLiteral("wireCopyDump"));
    QToolButton *exportButton = toolButton(this, tr("Export\u2026"),
        tr("Save the annotated dump as an HTML page or an SVG image, for slides and handouts"),
        QStyle::SP_DialogSaveButton);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    connect(paste, &QToolButton::clicked, this, &WireSourceBar::pasteClicked);
    connect(open, &QToolButton::clicked, this, &WireSourceBar::openClicked);
    connect(copy, &QToolButton::clicked, this, &WireSourceBar::copyClicked);
    connect(exportButton, &QToolButton::clicked, this, &WireSourceBar::exportClicked);

    for (QToolButton *button : {paste, open, copy})
        layout->addWidget(button);
    for (QAction *action : {undo, redo}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        button->setObjectName(action == undo ? QStringLiteral("wireUndo") : QStringLiteral("wireRedo"));
        layout->addWidget(button);
    }
    layout->addWidget(exportButton);
}

void WireSourceBar::setSource(int source)
{
    m_source->setCurrentIndex(source);
}

void WireSourceBar::setTypeNames(const QStringList &names)
{
    m_typeNames = names;
    const QSignalBlocker blocker(m_typeChooser);
    m_typeChooser->clear(); // refilled by showType
    showType(m_type);
}

void WireSourceBar::showType(const QString &type)
{
    m_type = type;
    const QSignalBlocker blocker(m_typeChooser);
    if (m_typeChooser->count() != m_typeNames.size() + 1) {
        m_typeChooser->clear();
        m_typeChooser->addItem(noSchemaText());
        m_typeChooser->addItems(m_typeNames);
    }
    const int index = type.isEmpty() ? 0 : m_typeChooser->findText(type);
    if (index >= 0)
        m_typeChooser->setCurrentIndex(index);
    m_typeChooser->setEditText(type.isEmpty() ? noSchemaText() : type);
}

bool WireSourceBar::grpcFrame() const
{
    return m_grpcFrame->isChecked();
}

void WireSourceBar::setGrpcFrame(bool on)
{
    m_grpcFrame->setChecked(on);
}

void WireSourceBar::onTypeEdited()
{
    const QString text = m_typeChooser->currentText().trimmed();
    QString type;
    if (!text.isEmpty() && text != noSchemaText()) {
        if (!m_typeNames.contains(text)) {
            showType(m_type); // not a type of this schema: show what is in use again
            return;
        }
        type = text;
    }
    if (type == m_type)
        return;
    m_type = type;
    Q_EMIT typeChosen(type);
}

} // namespace wirescope
