#include "ui/lab/CompareWindow.h"

#include "model/lab/WireCompareModel.h"
#include "model/schema/MessageTypeNames.h"
#include "model/wire/WireLayout.h"
#include "ui/lab/EncodingColumn.h"
#include "ui/lab/JsonBytesPane.h"
#include "ui/lab/LabWidgets.h"
#include "ui/wire/HexView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace wirescope {

const QString CompareWindow::CustomId = QStringLiteral("custom");

namespace {

constexpr int CustomSides = 2;

} // namespace

CompareWindow::CompareWindow(SchemaPtr appSchema, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_appSchema(std::move(appSchema))
    , m_model(new WireCompareModel(this))
{
    setObjectName(QStringLiteral("compareWindow"));
    setWindowTitle(tr("Compare Encodings"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(createSidesPage());
    m_jsonPane = new JsonBytesPane(m_pages);
    m_pages->addWidget(m_jsonPane);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTopBar());
    layout->addWidget(m_pages, 1);
    fillPresetChooser();
    showComparison(0);
    resize(1280, 800);
}

CompareWindow::~CompareWindow() = default;

QWidget *CompareWindow::createTopBar()
{
    auto *bar = new QWidget(this);
    m_presetChooser = new QComboBox(bar);
    m_presetChooser->setObjectName(QStringLiteral("presetChooser"));
    m_presetChooser->setToolTip(tr("A prepared comparison, or messages of your own schema"));
    m_modeChooser = new QComboBox(bar);
    m_modeChooser->setObjectName(QStringLiteral("modeChooser"));
    m_modeChooser->addItems({tr("Encodings side by side"), tr("JSON beside bytes")});
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Compare:"), bar));
    layout->addWidget(m_presetChooser, 1);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("Show:"), bar));
    layout->addWidget(m_modeChooser);
    connect(m_presetChooser, &QComboBox::currentIndexChanged, this, &CompareWindow::showComparison);
    connect(
        m_modeChooser, &QComboBox::currentIndexChanged, this, [this](int index) { setMode(Mode(index)); });
    return bar;
}

QWidget *CompareWindow::createSidesPage()
{
    auto *page = new QWidget(this);
    m_explanation = LabWidgets::createTextLabel(page, QStringLiteral("compareExplanation"));
    m_columnSplitter = new QSplitter(Qt::Horizontal, page);
    m_columnSplitter->setObjectName(QStringLiteral("compareColumns"));
    m_columnSplitter->setChildrenCollapsible(false);
    m_rows = new QTreeView(page);
    m_rows->setObjectName(QStringLiteral("compareRows"));
    m_rows->setModel(m_model);
    m_rows->setUniformRowHeights(true);
    m_rows->setAlternatingRowColors(true);
    m_rows->setAllColumnsShowFocus(true);
    m_rows->header()->setStretchLastSection(true);
    // A note is a sentence or two: in full under the rows rather than cut off in its column.
    m_note = LabWidgets::createTextLabel(page, QStringLiteral("rowNote"));
    auto *rowsPane = new QWidget(page);
    auto *rowsLayout = new QVBoxLayout(rowsPane);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    rowsLayout->addWidget(m_rows, 1);
    rowsLayout->addWidget(m_note);
    auto *splitter = new QSplitter(Qt::Vertical, page);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_columnSplitter);
    splitter->addWidget(rowsPane);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_explanation);
    layout->addWidget(splitter, 1);
    connect(
        m_rows->selectionModel(), &QItemSelectionModel::currentChanged, this, &CompareWindow::onRowChanged);
    return page;
}

void CompareWindow::fillPresetChooser()
{
    const QSignalBlocker blocker(m_presetChooser);
    for (const WireComparison &preset : WireCompare::presets())
        m_presetChooser->addItem(preset.title, preset.id);
    m_presetChooser->insertSeparator(m_presetChooser->count());
    m_presetChooser->addItem(tr("Your own messages"), CustomId);
}

void CompareWindow::setAppSchema(SchemaPtr schema)
{
    m_appSchema = std::move(schema);
    if (m_presetChooser->currentData().toString() == CustomId)
        showComparison(m_presetChooser->currentIndex());
}

bool CompareWindow::showPreset(const QString &id)
{
    const int index = m_presetChooser->findData(id);
    if (index < 0)
        return false;
    if (index == m_presetChooser->currentIndex())
        showComparison(index); // a fresh start: the preset's own messages again
    else
        m_presetChooser->setCurrentIndex(index);
    return true;
}

void CompareWindow::setMode(Mode mode)
{
    if (m_modeChooser->currentIndex() != int(mode)) {
        m_modeChooser->setCurrentIndex(int(mode)); // comes back here through the signal
        return;
    }
    m_pages->setCurrentIndex(int(mode));
    if (mode == Mode::JsonBesideBytes)
        seedJsonPane();
}

void CompareWindow::showComparison(int chooserIndex)
{
    const QString id = m_presetChooser->itemData(chooserIndex).toString();
    const Setup setup = id == CustomId ? customSetup() : presetSetup(id);
    m_schema = setup.schema ? setup.schema : Schema::empty();
    m_typeNames = MessageTypeNames::of(*m_schema);
    m_explanation->setText(setup.explanation);
    setColumnCount(int(setup.sides.size()));
    m_loading = true;
    for (int i = 0; i < int(setup.sides.size()); ++i) {
        const WireComparison::Side &side = setup.sides.at(i);
        m_columns.at(i)->setSchema(m_schema, m_typeNames);
        m_columns.at(i)->setMessage(side.label, side.typeName, side.json);
    }
    m_loading = false;
    m_rows->setCurrentIndex({});
    realign();
    m_jsonPane->setSchema(m_schema, m_typeNames);
    seedJsonPane();
}

CompareWindow::Setup CompareWindow::presetSetup(const QString &id)
{
    const QList<WireComparison> &presets = WireCompare::presets();
    const auto preset
        = std::find_if(presets.begin(), presets.end(), [&id](const WireComparison &c) { return c.id == id; });
    if (preset == presets.end())
        return {};
    if (!m_compiled.contains(id))
        m_compiled.insert(id, ProtoSnippet::compile(preset->protoText));
    const ProtoSnippetResult &compiled = m_compiled[id];
    Setup setup {compiled.schema, preset->explanation, preset->sides};
    if (!compiled.ok()) // a bug in the preset, but say so rather than show empty columns
        setup.explanation += QStringLiteral("\n")
            + tr("This comparison's schema does not compile: %1").arg(joinDiagnostics(compiled.diagnostics));
    return setup;
}

CompareWindow::Setup CompareWindow::customSetup() const
{
    Setup setup;
    setup.schema = m_appSchema;
    const QStringList types = m_appSchema ? MessageTypeNames::of(*m_appSchema) : QStringList();
    setup.explanation = types.isEmpty()
        ? tr("Your own messages: load a schema first, then choose a message type for each column and type "
             "its JSON.")
        : tr("Your own messages: choose a message type of the loaded schema for each column and type its "
             "JSON. The rows below line the fields up by number and say why their sizes differ.");
    for (int i = 0; i < CustomSides; ++i)
        setup.sides.append(
            {tr("Message %1").arg(QChar(char16_t(u'A' + i))), types.value(0), QStringLiteral("{}")});
    return setup;
}

void CompareWindow::setColumnCount(int count)
{
    while (m_columns.size() > count)
        delete m_columns.takeLast();
    while (m_columns.size() < count) {
        const int side = int(m_columns.size());
        auto *column = new EncodingColumn(side, m_columnSplitter);
        m_columnSplitter->addWidget(column);
        m_columns.append(column);
        connect(column, &EncodingColumn::encoded, this, &CompareWindow::realign);
        connect(column->hexView(), &HexView::offsetClicked, this,
            [this, side](qint64 offset) { onByteClicked(side, offset); });
    }
}

void CompareWindow::realign()
{
    if (m_loading)
        return;
    const QList<int> path = currentPath();
    QStringList labels;
    QList<std::shared_ptr<const WireLayout>> layouts;
    for (const EncodingColumn *column : std::as_const(m_columns)) {
        labels.append(column->label());
        layouts.append(column->wireLayout());
    }
    m_model->setEncodings(labels, layouts);
    m_rows->expandAll();
    for (int column = 0; column + 1 < m_model->columnCount(); ++column)
        m_rows->resizeColumnToContents(column);
    restorePath(path);
}

void CompareWindow::onRowChanged(const QModelIndex &current)
{
    showNote(current);
    for (int side = 0; side < int(m_columns.size()); ++side) {
        HexView *hex = m_columns.at(side)->hexView();
        const WireSpan *cell = m_model->cellOf(current, side);
        if (!cell) {
            hex->clearSelection();
            continue;
        }
        hex->setSelection(cell->offset, cell->length);
        hex->scrollToOffset(cell->offset);
    }
}

// The selected row's note, or with none selected the first row that has one: why the sizes
// differ is the point of the comparison, so it shows before anything is clicked.
void CompareWindow::showNote(const QModelIndex &current)
{
    const int column = m_model->noteColumn();
    QString note = current.isValid() ? current.siblingAtColumn(column).data().toString() : QString();
    if (!current.isValid()) {
        for (int row = 0; row < m_model->rowCount() && note.isEmpty(); ++row)
            note = m_model->index(row, column).data().toString();
    }
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void CompareWindow::onByteClicked(int side, qint64 offset)
{
    const QModelIndex index = m_model->indexAt(side, offset);
    if (!index.isValid())
        return;
    m_rows->setCurrentIndex(index);
    m_rows->scrollTo(index);
}

void CompareWindow::seedJsonPane()
{
    // The JSON page starts from the first column's message, as the user left it.
    if (m_pages->currentIndex() != int(Mode::JsonBesideBytes) || m_columns.isEmpty())
        return;
    m_jsonPane->setMessage(m_columns.first()->typeName(), m_columns.first()->json());
}

QList<int> CompareWindow::currentPath() const
{
    QList<int> path;
    for (QModelIndex index = m_rows->currentIndex(); index.isValid(); index = index.parent())
        path.prepend(index.row());
    return path;
}

void CompareWindow::restorePath(const QList<int> &path)
{
    // The same row after re-aligning: editing a value keeps its field outlined.
    QModelIndex index;
    for (const int row : path) {
        const QModelIndex child = m_model->index(row, 0, index);
        if (!child.isValid())
            break;
        index = child;
    }
    m_rows->setCurrentIndex(index);
    onRowChanged(index); // the columns' bytes are new, so their outlines are too
}

} // namespace wirescope
