#include "ui/wire/WireInspector.h"

#include "model/json/BytesText.h"

#include "model/frames/FramesModel.h"
#include "model/lab/WireEdit.h"
#include "model/schema/MessageTypeNames.h"
#include "model/wire/WireDump.h"
#include "model/wire/WireLayout.h"
#include "model/wire/WireTreeModel.h"
#include "ui/wire/HexView.h"
#include "ui/wire/WireEditCommand.h"
#include "ui/wire/WireExportFile.h"
#include "ui/wire/WireInspectorText.h"
#include "ui/wire/WireSourceBar.h"
#include "ui/wire/WireSwatchDelegate.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QSplitter>
#include <QStyle>
#include <QTextBrowser>
#include <QToolTip>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace wirescope {

namespace {

// Below this, annotating takes a few milliseconds: not worth a thread hop per keystroke.
constexpr qsizetype AsyncThreshold = 256 * 1024;
constexpr qint64 MaxFileBytes = 64 * 1024 * 1024;
constexpr qint64 GrpcPrefixBytes = 5;
constexpr int ExpandAllNodes = 160;
constexpr qreal PresenterScale = 1.8;

QList<int> pathOf(QModelIndex index)
{
    QList<int> path;
    for (; index.isValid(); index = index.parent())
        path.prepend(index.row());
    return path;
}

QFont scaled(QFont font, qreal factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(font.pixelSize() * factor));
    return font;
}

} // namespace

// An edit as it changes the bytes a source holds, and whether they stay a bare message.
struct WireInspector::StoredEdit {
    WireSplice splice;
    bool addsFrame = false;
};

WireInspector::WireInspector(QWidget *parent)
    : QWidget(parent)
    , m_undo(new QUndoStack(this))
    , m_model(new WireTreeModel(this))
{
    setObjectName(QStringLiteral("wireInspector"));
    m_inputs[std::size_t(Source::Request)].label = tr("request body");
    m_inputs[std::size_t(Source::Response)].label = tr("response frame");
    m_inputs[std::size_t(Source::Pasted)].label = tr("pasted bytes");
    m_inputs[std::size_t(Source::File)].label = tr("file");
    m_inputs[std::size_t(Source::Request)].addsFrame = true;
    m_inputs[std::size_t(Source::Response)].addsFrame = true;
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(createToolBar());
    layout->addWidget(createPanes(), 1);
    m_bar->showType(input().type);
    updateLints();
    showOverview();
}

WireInspector::~WireInspector() = default; // a running annotation reads only values it copied

QWidget *WireInspector::createToolBar()
{
    QAction *undo = m_undo->createUndoAction(this, tr("Undo"));
    QAction *redo = m_undo->createRedoAction(this, tr("Redo"));
    undo->setShortcuts(QKeySequence::Undo);
    redo->setShortcuts(QKeySequence::Redo);
    undo->setIcon(Theme::standardIcon(QStyle::SP_ArrowBack));
    redo->setIcon(Theme::standardIcon(QStyle::SP_ArrowForward));
    for (QAction *action : {undo, redo}) {
        // Within the inspector only: the request editor and the collection have their own.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    m_bar = new WireSourceBar(undo, redo, this);
    connect(m_bar, &WireSourceBar::sourceChosen, this, [this](int index) { showSource(Source(index)); });
    connect(m_bar, &WireSourceBar::typeChosen, this, &WireInspector::onTypeChosen);
    connect(m_bar, &WireSourceBar::grpcFrameToggled, this, &WireInspector::reannotate);
    connect(m_bar, &WireSourceBar::pasteClicked, this, &WireInspector::pasteBytes);
    connect(m_bar, &WireSourceBar::openClicked, this, &WireInspector::openFile);
    connect(m_bar, &WireSourceBar::copyClicked, this, &WireInspector::copyDump);
    connect(m_bar, &WireSourceBar::exportClicked, this,
        [this] { WireExportFile::chooseAndWrite(this, m_layout ? &m_layout->tree() : nullptr); });
    return m_bar;
}

QWidget *WireInspector::createPanes()
{
    auto *panes = new QWidget(this);
    m_hex = new HexView(panes);
    m_hex->setObjectName(QStringLiteral("hexView"));
    m_hex->setEditable(true);
    createTree(panes);
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
    m_panes = splitter;
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_hex);
    splitter->addWidget(m_tree);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    auto *layout = new QVBoxLayout(panes);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createStatusRow(panes));
    layout->addWidget(splitter, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &WireInspector::onCurrentChanged);
    connect(m_hex, &HexView::offsetClicked, this, &WireInspector::onHexOffsetClicked);
    connect(m_hex, &HexView::editRequested, this, &WireInspector::onEditRequested);
    connect(m_hex, &HexView::insertModeChanged, this, &WireInspector::updateEditMode);
    connect(m_lints, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (const QVariant offset = item->data(Qt::UserRole); offset.isValid())
            selectOffset(offset.toLongLong());
    });
    return panes;
}

void WireInspector::createTree(QWidget *parent)
{
    m_tree = new QTreeView(parent);
    m_tree->setObjectName(QStringLiteral("wireTree"));
    m_tree->setModel(m_model);
    auto *delegate = new WireSwatchDelegate(m_tree);
    m_tree->setItemDelegate(delegate);
    connect(delegate, &WireSwatchDelegate::valueTooLong, this, &WireInspector::refuseLongValue);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(WireTreeModel::ValueColumn, QHeaderView::Stretch);
    sizeColumns();
    m_model->setValueEditing(&WireEdit::isEditable, &WireEdit::editText);
    auto *editAction = new QAction(tr("Edit Value"), m_tree);
    editAction->setShortcut(QKeySequence(Qt::Key_F2));
    editAction->setShortcutContext(Qt::WidgetShortcut);
    m_tree->addAction(editAction);
    connect(editAction, &QAction::triggered, this, &WireInspector::editCurrentValue);
    connect(m_model, &WireTreeModel::valueEditRequested, this, [this](int node, const QString &text) {
        // Later, once the view has closed its editor: the edit resets the model under it.
        QMetaObject::invokeMethod(
            this,
            [this, layout = m_layout, node, text] {
                if (layout == m_layout)
                    editValue(node, text);
            },
            Qt::QueuedConnection);
    });
}

QWidget *WireInspector::createStatusRow(QWidget *parent)
{
    auto *row = new QWidget(parent);
    m_summary = new QLabel(row);
    m_summary->setObjectName(QStringLiteral("wireSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_editMode = new QLabel(row);
    m_editMode->setObjectName(QStringLiteral("editMode"));
    m_editError = new QLabel(row);
    m_editError->setObjectName(QStringLiteral("editError"));
    m_editError->setWordWrap(true);
    QPalette errorPalette = m_editError->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::errorColor());
    m_editError->setPalette(errorPalette);
    m_editError->hide();
    m_legend = new QLabel(row);
    m_legend->setTextFormat(Qt::RichText);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_editError, 1);
    layout->addWidget(m_editMode);
    layout->addWidget(m_legend);
    updateEditMode();
    return row;
}

void WireInspector::sizeColumns()
{
    // Fixed widths: measuring contents would walk every row of a megabyte's tree.
    const int digit = m_tree->fontMetrics().horizontalAdvance(u'0');
    QHeaderView *header = m_tree->header();
    header->resizeSection(WireTreeModel::FieldColumn, digit * 18);
    header->resizeSection(WireTreeModel::WireTypeColumn, digit * 8);
    header->resizeSection(WireTreeModel::TypeColumn, digit * 12);
    header->resizeSection(WireTreeModel::BytesColumn, digit * 9);
}

void WireInspector::setSchema(const SchemaPtr &schema)
{
    m_schema = schema;
    m_bar->setTypeNames(schema ? MessageTypeNames::of(*schema) : QStringList());
    m_bar->showType(input().type);
    reannotate();
}

void WireInspector::setBytes(
    Source source, const QByteArray &bytes, const QString &typeName, const QString &label)
{
    Input &in = m_inputs[std::size_t(source)];
    in.bytes = bytes;
    if (source == Source::Pasted || source == Source::File) {
        // New bytes from outside: the steps on the stack are splices of the old bytes, which
        // would undo into garbage here.
        m_undo->clear();
        in.addsFrame = false; // read as they are: framed when the gRPC switch says so
        if (source == Source::Pasted)
            in.label = label.isEmpty() ? tr("pasted bytes") : label;
        if (source == m_source)
            clearEditMarks();
    }
    // A live source says its type on every change; only a new one overrides the user's choice.
    if (typeName != in.suppliedType) {
        in.suppliedType = typeName;
        in.type = typeName;
    }
    if (source == m_source) {
        m_bar->showType(input().type);
        reannotate();
    }
}

void WireInspector::showSource(Source source)
{
    m_source = source;
    m_bar->setSource(int(source));
    clearEditMarks();
    m_bar->showType(input().type);
    reannotate();
}

QByteArray WireInspector::sourceBytes(Source source) const
{
    return m_inputs[std::size_t(source)].bytes;
}

QString WireInspector::typeName() const
{
    return input().type;
}

void WireInspector::setTypeName(const QString &typeName)
{
    input().type = typeName;
    m_bar->showType(input().type);
    reannotate();
}

void WireInspector::setGrpcFrame(bool on)
{
    m_bar->setGrpcFrame(on);
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

qint64 WireInspector::displayPrefix() const
{
    return m_bar->grpcFrame() && input().addsFrame ? GrpcPrefixBytes : 0;
}

QByteArray WireInspector::framedInput() const
{
    const QByteArray &bytes = input().bytes;
    if (displayPrefix() == 0)
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
    const bool grpc = m_bar->grpcFrame();
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
    if (m_restore) {
        const Place place = *std::exchange(m_restore, std::nullopt);
        restorePlace(place);
    } else {
        restorePath(path);
    }
    Q_EMIT annotated();
}

QList<int> WireInspector::selectedPath() const
{
    return pathOf(m_tree->currentIndex());
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

void WireInspector::onHexOffsetClicked(qint64 offset)
{
    m_followingHex = true;
    selectOffset(offset);
    m_followingHex = false;
}

void WireInspector::onCurrentChanged(const QModelIndex &current)
{
    // A node picked in the tree (or by a lint) takes the caret away, so Delete removes the
    // node's bytes; a byte picked in the hex keeps it.
    if (!m_followingHex)
        m_hex->setCaret(-1);
    if (!current.isValid()) {
        m_hex->clearSelection();
        showOverview();
        return;
    }
    const qint64 offset = current.data(WireTreeModel::OffsetRole).toLongLong();
    m_hex->setSelection(offset, current.data(WireTreeModel::LengthRole).toLongLong());
    if (!m_followingHex) // the hex view keeps its caret in view itself
        m_hex->scrollToOffset(offset);
    showExplanation(current);
}

void WireInspector::showExplanation(const QModelIndex &index)
{
    m_explanation->setHtml(WireInspectorText::explanationHtml(index, m_layout->tree().bytes));
}

void WireInspector::showOverview()
{
    m_explanation->setHtml(WireInspectorText::overviewHtml(m_layout ? &m_layout->tree() : nullptr));
}

void WireInspector::updateSummary()
{
    m_legend->setText(WireInspectorText::legendHtml(Theme::isDark(palette())));
    m_summary->setText(WireInspectorText::summaryText(input().label, m_layout->tree()));
}

void WireInspector::updateLints()
{
    m_lints->clear();
    if (!m_layout || m_layout->tree().lints.isEmpty()) {
        auto *item = new QListWidgetItem(Theme::standardIcon(QStyle::SP_DialogApplyButton),
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
        auto *item = new QListWidgetItem(Theme::standardIcon(icon), WireDump::lintLine(lint));
        item->setData(Qt::UserRole, lint.offset);
        m_lints->addItem(item);
    }
}

void WireInspector::onTypeChosen(const QString &type)
{
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

void WireInspector::onEditRequested(
    qint64 offset, qint64 removed, const QByteArray &inserted, qint64 caretAfter)
{
    const QByteArray &bytes = input().bytes;
    const qint64 prefix = displayPrefix();
    const qint64 shownSize = prefix + bytes.size(); // what the hex view shows
    offset = qBound<qint64>(0, offset, shownSize);
    removed = qBound<qint64>(0, removed, shownSize - offset);
    StoredEdit edit {{offset - prefix, {}, inserted}, input().addsFrame};
    if (offset >= prefix) {
        edit.splice.removed = bytes.mid(offset - prefix, removed);
    } else {
        // Into the gRPC prefix the view only shows: the edited prefix becomes real bytes of the
        // source, which is read as framed from then on, with the switch on or off.
        QByteArray framed = framedInput();
        framed.replace(offset, removed, inserted);
        edit = {WireSplice::between(bytes, framed), false};
    }
    WireEditState after = currentState();
    after.caret = caretAfter;
    after.lowNibble = m_hex->caretOnLowNibble();
    after.highlights = WireEditCommand::grownHighlights(m_highlights, offset, removed, inserted.size());
    const bool typing = removed <= 1 && inserted.size() == 1;
    const QString text = typing ? tr("Type hex digits")
        : inserted.isEmpty()    ? tr("Delete %n byte(s)", nullptr, int(removed))
                                : tr("Paste %n byte(s)", nullptr, int(inserted.size()));
    pushEdit(text, std::move(edit), std::move(after), offset, typing ? offset : -1);
}

void WireInspector::editValue(int node, const QString &text)
{
    if (!m_layout || node < 0 || std::size_t(node) >= m_layout->nodes().size()
        || !m_layout->nodes()[std::size_t(node)].span)
        return;
    const WireTree &tree = m_layout->tree();
    // An editor left without a change commits its text all the same, and encoding that text
    // need not give the same bytes (invalid UTF-8 shown as U+FFFD, a NaN's payload, a bool
    // stored as 2): an unchanged text is no edit.
    if (text == WireEdit::editText(tree, *m_layout->nodes()[std::size_t(node)].span))
        return;
    if (tree.bytes != framedInput()) { // a large input still being annotated
        showEditError(tr("The bytes changed before the value could be set. Edit it again."), node);
        return;
    }
    const google::protobuf::Descriptor *type
        = m_schema && !tree.typeName.isEmpty() ? m_schema->findMessage(tree.typeName) : nullptr;
    const WireEditResult result = WireEdit::setValue(tree, spanChain(node), text, type);
    if (!result.ok()) {
        showEditError(result.error, node);
        return;
    }
    if (result.bytes == tree.bytes)
        return;
    WireEditState after = currentState();
    after.caret = -1;
    after.path = pathOf(m_model->indexOfNode(node));
    after.highlights = result.changed;
    // A prefix the view only shows is left out again: its length follows from the new bytes.
    const StoredEdit edit {
        WireSplice::between(input().bytes, result.bytes.mid(displayPrefix())), input().addsFrame};
    const QString shown = text.size() > 24 ? text.left(23) + QChar(u'\u2026') : text;
    pushEdit(tr("Set Value to %1").arg(shown), edit, std::move(after), -1, -1);
}

void WireInspector::editCurrentValue()
{
    const QModelIndex value = m_tree->currentIndex().siblingAtColumn(WireTreeModel::ValueColumn);
    if (!m_model->isEditable(value))
        return;
    if (WireSwatchDelegate::isTooLongToEdit(value))
        refuseLongValue(value);
    else
        m_tree->edit(value);
}

void WireInspector::refuseLongValue(const QModelIndex &index)
{
    const qint64 length = index.data(WireTreeModel::LengthRole).toLongLong();
    showEditError(
        tr("This value is %1 bytes long: edit its bytes in the hex pane.").arg(QLocale().toString(length)),
        int(index.internalId()));
}

QList<const WireSpan *> WireInspector::spanChain(int node) const
{
    // Up the nodes rather than WireAnnotator::spanChainAt: an empty value has no byte to be
    // found by, and a value inside a less likely reading is found in that reading.
    QList<const WireSpan *> chain;
    const std::vector<WireLayout::Node> &nodes = m_layout->nodes();
    for (int n = node; n >= 0; n = nodes[std::size_t(n)].parent) {
        if (const WireSpan *span = nodes[std::size_t(n)].span)
            chain.prepend(span);
    }
    return chain;
}

void WireInspector::pushEdit(
    const QString &text, StoredEdit edit, WireEditState after, qint64 editOffset, qint64 typedAt)
{
    WireEditState before = currentState();
    before.caret = editOffset;
    before.lowNibble = false;
    Source edited = m_source;
    if (m_source == Source::Request || m_source == Source::Response) {
        // A live source mirrors what the app sends: the edit goes to a copy in the pasted
        // source, and undoing it comes back here. The copy is a bare message like its source
        // (unless the edit made a shown gRPC prefix real), so the switch frames it for display.
        edited = Source::Pasted;
        const Input &pasted = m_inputs[std::size_t(Source::Pasted)];
        QByteArray copy = input().bytes;
        edit.splice.apply(copy);
        edit.splice = WireSplice::between(pasted.bytes, copy);
        pasted.describe(before);
        const Input named {
            {}, input().type, input().type, tr("edited copy of %1").arg(input().label), edit.addsFrame};
        named.describe(after);
        after.shown = int(Source::Pasted);
    } else if (edit.addsFrame != input().addsFrame) {
        input().describe(before);
        input().describe(after);
        after.addsFrame = edit.addsFrame;
    }
    const WireEditTarget target {
        [this](int source) -> QByteArray & { return m_inputs[std::size_t(source)].bytes; },
        [this](int source, const WireEditState &state) { showEditState(source, state); }};
    m_undo->push(new WireEditCommand(
        text, int(edited), std::move(edit.splice), std::move(before), std::move(after), target, typedAt));
}

void WireInspector::Input::describe(WireEditState &state) const
{
    state.setsIdentity = true;
    state.label = label;
    state.suppliedType = suppliedType;
    state.type = type;
    state.addsFrame = addsFrame;
}

WireEditState WireInspector::currentState() const
{
    WireEditState state;
    state.shown = int(m_source);
    state.caret = m_hex->caret();
    state.lowNibble = m_hex->caretOnLowNibble();
    state.path = selectedPath();
    state.highlights = m_highlights;
    return state;
}

void WireInspector::showEditState(int source, const WireEditState &state)
{
    if (state.setsIdentity) {
        Input &in = m_inputs[std::size_t(source)];
        in.label = state.label;
        in.suppliedType = state.suppliedType;
        in.type = state.type;
        in.addsFrame = state.addsFrame;
    }
    m_source = Source(state.shown);
    m_bar->setSource(state.shown);
    m_bar->showType(input().type);
    m_highlights = state.highlights;
    m_hex->setHighlights(m_highlights);
    m_hex->setBytes(framedInput()); // at once, even when the annotation comes later
    m_editError->clear();
    m_editError->hide();
    m_restore = Place {state.caret, state.lowNibble, state.path};
    reannotate();
    Q_EMIT bytesEdited();
}

void WireInspector::restorePlace(const Place &place)
{
    if (place.caret < 0) {
        restorePath(place.path);
        m_hex->setCaret(-1);
        return;
    }
    // The tree follows the caret, which stays where the edit left it (past the end too).
    const qint64 size = m_layout->tree().bytes.size();
    const QModelIndex index = size > 0 ? m_model->indexAt(qMin(place.caret, size - 1)) : QModelIndex();
    if (index.isValid()) {
        m_followingHex = true;
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
        m_followingHex = false;
    } else {
        restorePath({});
    }
    m_hex->setCaret(place.caret, place.lowNibble);
    m_hex->scrollToOffset(place.caret);
}

void WireInspector::showEditError(const QString &message, int node)
{
    m_editError->setText(message);
    m_editError->setToolTip(message);
    m_editError->show();
    const QModelIndex index = m_model->indexOfNode(node, WireTreeModel::ValueColumn);
    if (index.isValid() && m_tree->isVisible()) {
        const QRect cell = m_tree->visualRect(index);
        QToolTip::showText(
            m_tree->viewport()->mapToGlobal(cell.bottomLeft()), message, m_tree->viewport(), cell);
    }
}

void WireInspector::clearEditMarks()
{
    m_highlights.clear();
    m_hex->setHighlights({});
    m_hex->setCaret(-1);
    m_editError->clear();
    m_editError->hide();
}

void WireInspector::updateEditMode()
{
    const bool insert = m_hex->insertMode();
    m_editMode->setText(insert ? tr("Insert") : tr("Overwrite"));
    m_editMode->setToolTip(insert
            ? tr("Hex digits typed into the bytes insert new bytes; press Insert to overwrite instead")
            : tr("Hex digits typed into the bytes overwrite them; press Insert to insert instead"));
}

bool WireInspector::selectSpan(qint64 offset, qint64 length, int role)
{
    if (!m_layout)
        return false;
    const std::vector<WireLayout::Node> &nodes = m_layout->nodes();
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        const WireSpan *span = nodes[n].span;
        if (!span || span->offset != offset || span->length != length
            || (role >= 0 && int(span->role) != role))
            continue;
        const QModelIndex index = m_model->indexOfNode(int(n));
        for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
            m_tree->expand(parent);
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
        return true;
    }
    return false;
}

void WireInspector::setPresentation(bool on)
{
    if (on == m_presenting)
        return;
    m_presenting = on;
    m_bar->setVisible(!on);
    const std::array<QWidget *, 3> scaledWidgets {m_hex, m_tree, m_explanation};
    for (std::size_t i = 0; i < scaledWidgets.size(); ++i) {
        if (on)
            m_normalFonts[i] = scaledWidgets[i]->font();
        scaledWidgets[i]->setFont(on ? scaled(m_normalFonts[i], PresenterScale) : m_normalFonts[i]);
    }
    // Eight bytes a row in large type leave the tree and the explanation room to be read;
    // the hex pane then takes the width it asks for and the other two share the rest.
    m_hex->setBytesPerRow(on ? 8 : 16);
    const int hexWidth = m_hex->sizeHint().width();
    const int rest = qMax(0, m_panes->width() - hexWidth);
    m_panes->setSizes({hexWidth, rest * 3 / 5, rest * 2 / 5});
    sizeColumns();
}

bool WireInspector::exportTo(const QString &path, QString *error)
{
    return WireExportFile::write(m_layout ? &m_layout->tree() : nullptr, path, error);
}

} // namespace wirescope
