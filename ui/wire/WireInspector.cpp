#include "ui/wire/WireInspector.h"

#include "model/json/BytesText.h"

#include "model/frames/FramesModel.h"
#include "model/schema/MessageTypeNames.h"
#include "model/wire/WireDump.h"
#include "model/wire/WireExplain.h"
#include "model/wire/WireLayout.h"
#include "model/wire/WireText.h"
#include "model/wire/WireTreeModel.h"
#include "ui/wire/HexView.h"
#include "ui/wire/WireSwatchDelegate.h"
#include "ui/workbench/Theme.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSplitter>
#include <QStyle>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace wirescope {

namespace {

// Below this, annotating takes a few milliseconds: not worth a thread hop per keystroke.
constexpr qsizetype AsyncThreshold = 256 * 1024;
constexpr qint64 MaxFileBytes = 64 * 1024 * 1024;
constexpr int ExpandAllNodes = 160;
constexpr int ExplainedBytes = 32;

QString noSchemaText()
{
    return WireInspector::tr("(no schema: by wire type)");
}

QString swatch(const QColor &color, const QString &text)
{
    return QStringLiteral("<span style=\"background-color:%1\">&nbsp;%2&nbsp;</span>")
        .arg(color.name(), text);
}

} // namespace

WireInspector::WireInspector(QWidget *parent)
    : QWidget(parent)
    , m_model(new WireTreeModel(this))
{
    setObjectName(QStringLiteral("wireInspector"));
    m_inputs[std::size_t(Source::Request)].label = tr("request body");
    m_inputs[std::size_t(Source::Response)].label = tr("response frame");
    m_inputs[std::size_t(Source::Pasted)].label = tr("pasted bytes");
    m_inputs[std::size_t(Source::File)].label = tr("file");
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(createToolBar());
    layout->addWidget(createPanes(), 1);
    fillTypeChooser();
    updateLints();
    showOverview();
}

WireInspector::~WireInspector() = default; // a running annotation reads only values it copied

QWidget *WireInspector::createToolBar()
{
    auto *bar = new QWidget(this);
    m_sourceChooser = new QComboBox(bar);
    m_sourceChooser->setObjectName(QStringLiteral("wireSource"));
    m_sourceChooser->addItems({tr("Request body"), tr("Response frame"), tr("Pasted bytes"), tr("File")});
    m_sourceChooser->setToolTip(tr("Which bytes to inspect; each source keeps its own"));
    m_typeChooser = new QComboBox(bar);
    m_typeChooser->setObjectName(QStringLiteral("wireType"));
    m_typeChooser->setEditable(true);
    m_typeChooser->setInsertPolicy(QComboBox::NoInsert);
    m_typeChooser->setMinimumContentsLength(28);
    m_typeChooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_typeChooser->setToolTip(tr("Decode as this message type, or without a schema by wire type alone"));
    m_typeChooser->completer()->setFilterMode(Qt::MatchContains);
    m_typeChooser->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_grpcFrame = new QCheckBox(tr("gRPC frame"), bar);
    m_grpcFrame->setObjectName(QStringLiteral("wireGrpcFrame"));
    m_grpcFrame->setToolTip(tr("Show the 5-byte gRPC prefix around the message: a compressed flag and a "
                               "big-endian length. Pasted bytes and files are read as already framed."));
    const auto button = [bar](const QString &text, const QString &tip, QStyle::StandardPixmap icon) {
        auto *b = new QToolButton(bar);
        b->setText(text);
        b->setToolTip(tip);
        b->setIcon(bar->style()->standardIcon(icon));
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(true);
        return b;
    };
    QToolButton *paste
        = button(tr("Paste\u2026"), tr("Inspect hex or base64 text"), QStyle::SP_FileDialogContentsView);
    QToolButton *open
        = button(tr("Open\u2026"), tr("Inspect the bytes of a file"), QStyle::SP_DialogOpenButton);
    QToolButton *copy = button(tr("Copy dump"), tr("Copy the annotated dump as text"), QStyle::SP_FileIcon);
    copy->setObjectName(QStringLiteral("wireCopyDump"));

    connect(m_sourceChooser, &QComboBox::activated, this, [this](int index) { showSource(Source(index)); });
    connect(m_typeChooser, &QComboBox::activated, this, &WireInspector::onTypeChosen);
    connect(m_typeChooser->lineEdit(), &QLineEdit::editingFinished, this, &WireInspector::onTypeChosen);
    connect(m_grpcFrame, &QCheckBox::toggled, this, &WireInspector::reannotate);
    connect(paste, &QToolButton::clicked, this, &WireInspector::pasteBytes);
    connect(open, &QToolButton::clicked, this, &WireInspector::openFile);
    connect(copy, &QToolButton::clicked, this, &WireInspector::copyDump);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Bytes:"), bar));
    layout->addWidget(m_sourceChooser);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Decode as:"), bar));
    layout->addWidget(m_typeChooser, 1);
    layout->addWidget(m_grpcFrame);
    layout->addWidget(paste);
    layout->addWidget(open);
    layout->addWidget(copy);
    return bar;
}

QWidget *WireInspector::createPanes()
{
    auto *panes = new QWidget(this);
    m_summary = new QLabel(panes);
    m_summary->setObjectName(QStringLiteral("wireSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_legend = new QLabel(panes);
    m_legend->setTextFormat(Qt::RichText);
    m_hex = new HexView(panes);
    m_hex->setObjectName(QStringLiteral("hexView"));
    m_tree = new QTreeView(panes);
    m_tree->setObjectName(QStringLiteral("wireTree"));
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new WireSwatchDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAllColumnsShowFocus(true);
    // Fixed widths: measuring contents would walk every row of a megabyte's tree.
    const int digit = fontMetrics().horizontalAdvance(u'0');
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(WireTreeModel::ValueColumn, QHeaderView::Stretch);
    header->resizeSection(WireTreeModel::FieldColumn, digit * 18);
    header->resizeSection(WireTreeModel::WireTypeColumn, digit * 8);
    header->resizeSection(WireTreeModel::TypeColumn, digit * 12);
    header->resizeSection(WireTreeModel::BytesColumn, digit * 9);
    m_explanation = new QTextBrowser(panes);
    m_explanation->setObjectName(QStringLiteral("wireExplanation"));
    m_explanation->setOpenLinks(false);
    m_lints = new QListWidget(panes);
    m_lints->setObjectName(QStringLiteral("wireLints"));
    m_lints->setWordWrap(true);

    auto *side = new QSplitter(Qt::Vertical, panes);
    side->addWidget(m_explanation);
    side->addWidget(m_lints);
    side->setStretchFactor(0, 3);
    side->setStretchFactor(1, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, panes);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_hex);
    splitter->addWidget(m_tree);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_legend);
    auto *layout = new QVBoxLayout(panes);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &WireInspector::onCurrentChanged);
    connect(m_hex, &HexView::offsetClicked, this, &WireInspector::selectOffset);
    connect(m_lints, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (const QVariant offset = item->data(Qt::UserRole); offset.isValid())
            selectOffset(offset.toLongLong());
    });
    return panes;
}

void WireInspector::setSchema(const SchemaPtr &schema)
{
    m_schema = schema;
    m_typeNames = schema ? MessageTypeNames::of(*schema) : QStringList();
    fillTypeChooser();
    reannotate();
}

void WireInspector::setBytes(Source source, const QByteArray &bytes, const QString &typeName)
{
    Input &in = m_inputs[std::size_t(source)];
    in.bytes = bytes;
    // A live source says its type on every change; only a new one overrides the user's choice.
    if (typeName != in.suppliedType) {
        in.suppliedType = typeName;
        in.type = typeName;
    }
    if (source == m_source) {
        fillTypeChooser();
        reannotate();
    }
}

void WireInspector::showSource(Source source)
{
    m_source = source;
    m_sourceChooser->setCurrentIndex(int(source));
    fillTypeChooser();
    reannotate();
}

QString WireInspector::typeName() const
{
    return input().type;
}

void WireInspector::setTypeName(const QString &typeName)
{
    input().type = typeName;
    fillTypeChooser();
    reannotate();
}

void WireInspector::setGrpcFrame(bool on)
{
    m_grpcFrame->setChecked(on);
}

QSize WireInspector::sizeHint() const
{
    return {1100, fontMetrics().height() * 22};
}

void WireInspector::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        reannotate();
}

QByteArray WireInspector::framedInput() const
{
    const QByteArray &bytes = input().bytes;
    const bool bare = m_source == Source::Request || m_source == Source::Response;
    if (!m_grpcFrame->isChecked() || !bare)
        return bytes;
    // What the message looks like on an HTTP/2 DATA frame: flag 0, then the length big-endian.
    const auto size = quint32(bytes.size());
    QByteArray framed(5, '\0');
    for (int i = 0; i < 4; ++i)
        framed[4 - i] = char((size >> (8 * i)) & 0xff);
    return framed + bytes;
}

void WireInspector::reannotate()
{
    // A hidden inspector would annotate every keystroke for nobody; catch up when shown.
    if (!isVisible()) {
        m_dirty = true;
        return;
    }
    m_dirty = false;
    m_annotation.reset();
    const QByteArray bytes = framedInput();
    const QString type = input().type;
    const bool grpc = m_grpcFrame->isChecked();
    if (bytes.size() <= AsyncThreshold) {
        apply(WireLayout::annotate(bytes, m_schema, type, grpc));
        return;
    }
    m_summary->setText(tr("Annotating %1\u2026").arg(FramesModel::formatBytes(bytes.size())));
    m_annotation.run(
        [bytes, schema = m_schema, type, grpc] { return WireLayout::annotate(bytes, schema, type, grpc); },
        [this](const std::shared_ptr<const WireLayout> &layout) { apply(layout); });
}

void WireInspector::apply(std::shared_ptr<const WireLayout> layout)
{
    if (!layout)
        return;
    const QList<int> path = selectedPath();
    m_layout = std::move(layout);
    m_model->setLayout(m_layout);
    m_hex->setWireLayout(m_layout);
    if (m_layout->nodes().size() <= std::size_t(ExpandAllNodes))
        m_tree->expandAll();
    else if (m_layout->rootCount() <= ExpandAllNodes)
        m_tree->expandToDepth(0);
    updateLints();
    updateSummary();
    restorePath(path);
    Q_EMIT annotated();
}

QList<int> WireInspector::selectedPath() const
{
    QList<int> path;
    for (QModelIndex index = m_tree->currentIndex(); index.isValid(); index = index.parent())
        path.prepend(index.row());
    return path;
}

void WireInspector::restorePath(const QList<int> &path)
{
    // The same place in the new bytes: editing 150 to -1 keeps "#1 → value" selected.
    QModelIndex index;
    for (const int row : path) {
        const QModelIndex child = m_model->index(row, 0, index);
        if (!child.isValid())
            break;
        index = child;
    }
    if (!index.isValid()) {
        m_hex->clearSelection();
        showOverview();
        return;
    }
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void WireInspector::selectOffset(qint64 offset)
{
    const QModelIndex index = m_model->indexAt(offset);
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void WireInspector::onCurrentChanged(const QModelIndex &current)
{
    if (!current.isValid()) {
        m_hex->clearSelection();
        showOverview();
        return;
    }
    const qint64 offset = current.data(WireTreeModel::OffsetRole).toLongLong();
    m_hex->setSelection(offset, current.data(WireTreeModel::LengthRole).toLongLong());
    m_hex->scrollToOffset(offset);
    showExplanation(current);
}

void WireInspector::showExplanation(const QModelIndex &index)
{
    const auto text
        = [&index](int column) { return index.siblingAtColumn(column).data().toString().toHtmlEscaped(); };
    const qint64 offset = index.data(WireTreeModel::OffsetRole).toLongLong();
    const qint64 length = index.data(WireTreeModel::LengthRole).toLongLong();
    const QByteArray &bytes = m_layout->tree().bytes;
    QString head = QStringLiteral("<b>%1</b>").arg(text(WireTreeModel::FieldColumn));
    if (const QString type = text(WireTreeModel::TypeColumn); !type.isEmpty())
        head += QStringLiteral(" <span style=\"color:%1\">%2</span>")
                    .arg(Theme::mutedTextColor().name(), type);
    if (const QString value = text(WireTreeModel::ValueColumn); !value.isEmpty())
        head += QStringLiteral(" = <b>%1</b>").arg(value);
    const QString hex = WireText::hex(bytes.constData() + offset, length, ExplainedBytes).toHtmlEscaped();
    const QString where = length == 0
        ? tr("no bytes, at byte %1").arg(offset)
        : tr("bytes %1 (%2)").arg(text(WireTreeModel::BytesColumn), WireText::bytes(length));
    const QString explanation = index.data(WireTreeModel::ExplanationRole).toString().toHtmlEscaped();
    m_explanation->setHtml(
        QStringLiteral("<p>%1</p><p><code>%2</code> <span style=\"color:%3\">\u2014 %4</span></p>"
                       "<p style=\"white-space:pre-wrap\">%5</p>")
            .arg(head, hex, Theme::mutedTextColor().name(), where, explanation));
}

void WireInspector::showOverview()
{
    if (!m_layout || m_layout->tree().bytes.isEmpty()) {
        m_explanation->setHtml(
            tr("<p><b>Nothing to inspect yet.</b></p><p>Type a request body, select a response "
               "frame, paste hex or base64, or open a file: every byte will be explained "
               "here.</p>"));
        return;
    }
    const WireTree &tree = m_layout->tree();
    QString html = QStringLiteral("<p><b>%1</b></p>")
                       .arg(tree.typeName.isEmpty()
                               ? tr("%1 without a schema: decoded by wire type alone")
                                     .arg(WireText::bytes(tree.bytes.size()))
                               : tr("%1 as %2")
                                     .arg(WireText::bytes(tree.bytes.size()), tree.typeName.toHtmlEscaped()));
    if (const QString absent = WireExplain::absentFields(tree.absentFields); !absent.isEmpty())
        html += QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(absent.toHtmlEscaped());
    html += tr("<p>Select a node in the tree or click a byte to see what it means and how it is computed. "
               "Edit the request body and the bytes change as you type.</p>");
    m_explanation->setHtml(html);
}

void WireInspector::updateLints()
{
    m_lints->clear();
    QStyle *s = style();
    if (!m_layout || m_layout->tree().lints.isEmpty()) {
        auto *item = new QListWidgetItem(s->standardIcon(QStyle::SP_DialogApplyButton),
            m_layout && !m_layout->tree().bytes.isEmpty() ? tr("No problems: every byte decodes cleanly")
                                                          : tr("No problems"));
        item->setFlags(Qt::ItemIsEnabled);
        m_lints->addItem(item);
        return;
    }
    for (const WireLint &lint : m_layout->tree().lints) {
        const QStyle::StandardPixmap icon = lint.severity == WireLint::Severity::Error
            ? QStyle::SP_MessageBoxCritical
            : lint.severity == WireLint::Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                           : QStyle::SP_MessageBoxInformation;
        auto *item = new QListWidgetItem(s->standardIcon(icon), WireDump::lintLine(lint));
        item->setData(Qt::UserRole, lint.offset);
        m_lints->addItem(item);
    }
}

void WireInspector::updateSummary()
{
    const bool dark = Theme::isDark(palette());
    using Role = WireSpan::Role;
    m_legend->setText(swatch(HexView::runColor(Role::Tag, 7, 0, dark), tr("tag"))
        + swatch(HexView::runColor(Role::Length, 7, 0, dark), tr("length"))
        + swatch(HexView::runColor(Role::Value, 7, 0, dark), tr("value"))
        + swatch(HexView::runColor(Role::GrpcLength, 0, 0, dark), tr("gRPC prefix"))
        + QStringLiteral(" <span style=\"color:%1\">%2</span>")
              .arg(Theme::mutedTextColor().name(), tr("hue = field")));
    const WireTree &tree = m_layout->tree();
    int errors = 0;
    for (const WireLint &lint : tree.lints)
        errors += lint.isError() ? 1 : 0;
    QString text = input().label + QStringLiteral(" \u00b7 ") + WireText::bytes(tree.bytes.size())
        + QStringLiteral(" \u00b7 ") + (tree.typeName.isEmpty() ? tr("no schema") : tree.typeName);
    if (errors > 0)
        text += QStringLiteral(" \u00b7 ") + tr("%n error(s)", nullptr, errors);
    if (const int others = int(tree.lints.size()) - errors; others > 0)
        text += QStringLiteral(" \u00b7 ") + tr("%n warning(s) or note(s)", nullptr, others);
    if (tree.limitOffset >= 0)
        text += QStringLiteral(" \u00b7 \u26a0 ")
            + tr("only the first %1 fields are annotated; bytes %2 on are shown but not decoded")
                  .arg(QLocale().toString(tree.fieldLimit), QLocale().toString(tree.limitOffset));
    m_summary->setText(text);
}

void WireInspector::fillTypeChooser()
{
    const QSignalBlocker blocker(m_typeChooser);
    if (m_typeChooser->count() != m_typeNames.size() + 1) {
        m_typeChooser->clear();
        m_typeChooser->addItem(noSchemaText());
        m_typeChooser->addItems(m_typeNames);
    }
    const QString type = input().type;
    const int index = type.isEmpty() ? 0 : m_typeChooser->findText(type);
    if (index >= 0)
        m_typeChooser->setCurrentIndex(index);
    m_typeChooser->setEditText(type.isEmpty() ? noSchemaText() : type);
}

void WireInspector::onTypeChosen()
{
    const QString text = m_typeChooser->currentText().trimmed();
    QString type;
    if (!text.isEmpty() && text != noSchemaText()) {
        if (!m_typeNames.contains(text)) {
            fillTypeChooser(); // not a type of this schema: show what is in use again
            return;
        }
        type = text;
    }
    if (type == input().type)
        return;
    input().type = type;
    reannotate();
}

void WireInspector::pasteBytes()
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Paste Bytes"),
        tr("Hex (spaces, commas and 0x allowed) or base64:"), QGuiApplication::clipboard()->text(), &ok);
    if (!ok)
        return;
    QByteArray bytes;
    if (!BytesText::parseHexOrBase64(text, &bytes)) {
        QMessageBox::warning(
            this, tr("Paste Bytes"), tr("That is neither hex (an even number of digits) nor base64."));
        return;
    }
    setBytes(Source::Pasted, bytes, m_inputs[std::size_t(Source::Pasted)].suppliedType);
    showSource(Source::Pasted);
}

void WireInspector::openFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Inspect File"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(
            this, tr("Inspect File"), tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    Input &in = m_inputs[std::size_t(Source::File)];
    in.label = QFileInfo(path).fileName();
    setBytes(Source::File, file.read(MaxFileBytes), in.suppliedType);
    showSource(Source::File);
}

void WireInspector::copyDump()
{
    if (m_layout)
        QGuiApplication::clipboard()->setText(WireDump::dumpText(m_layout->tree()));
}

} // namespace wirescope
