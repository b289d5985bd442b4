#include "ui/lab/EvolutionWindow.h"

#include "model/json/JsonCodec.h"
#include "model/wire/WireLayout.h"
#include "model/wire/WireText.h"
#include "model/wire/WireTreeModel.h"
#include "ui/lab/LabWidgets.h"
#include "ui/lab/ProtoVersionEditor.h"
#include "ui/wire/WireSwatchDelegate.h"
#include "ui/workbench/Theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace wirescope {

namespace {

using Verdict = EvolutionChange::Verdict;
using Kind = EvolutionChange::Kind;

enum ChangeColumn {
    VerdictColumn,
    KindColumn,
    FieldColumn,
    WriterColumn,
    ReaderColumn,
    ReasonColumn,
    ChangeColumns
};

constexpr int JsonLines = 6;

// Version 2 of a type and version 1 of it, with one change of every sort the window explains:
// a renamed field, a widened number, an added field and a number reused with another type.
QString writerExample()
{
    return QStringLiteral("syntax = \"proto3\";\n\npackage lab;\n\n"
                          "// Version 2, as a newer service writes it.\n"
                          "message User {\n"
                          "  int64 id = 1; // was int32: wider, and the same bytes for small values\n"
                          "  string display_name = 2; // was name: the wire carries numbers, not names\n"
                          "  string nickname = 3; // reuses number 3, which was int32 age\n"
                          "  string email = 4; // new in version 2\n"
                          "}\n");
}

QString readerExample()
{
    return QStringLiteral("syntax = \"proto3\";\n\npackage lab;\n\n"
                          "// Version 1, as an older client still reads it.\n"
                          "message User {\n"
                          "  int32 id = 1;\n"
                          "  string name = 2;\n"
                          "  int32 age = 3;\n"
                          "}\n");
}

QString jsonExample()
{
    return QStringLiteral("{\n  \"id\": 150,\n  \"displayName\": \"Ada\",\n  \"nickname\": \"ada\",\n"
                          "  \"email\": \"ada@example.com\"\n}\n");
}

QString verdictTitle(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Same:
        return EvolutionWindow::tr("Same");
    case Verdict::Compatible:
        return EvolutionWindow::tr("Compatible");
    case Verdict::Lossy:
        return EvolutionWindow::tr("Lossy");
    case Verdict::Breaking:
        return EvolutionWindow::tr("Breaking");
    }
    return {};
}

QString verdictMeaning(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Same:
        return EvolutionWindow::tr("a reader of this version sees no difference.");
    case Verdict::Compatible:
        return EvolutionWindow::tr(
            "the reader gets the same values, and keeps the fields it does not know as unknown bytes.");
    case Verdict::Lossy:
        return EvolutionWindow::tr("the bytes parse, but some values change on the way.");
    case Verdict::Breaking:
        return EvolutionWindow::tr("the reader rejects these bytes, or reads wrong values without noticing.");
    }
    return {};
}

// What the schema's worst verdict means for other messages than the one on display.
QString schemaMeaning(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Same:
        return EvolutionWindow::tr("no message of this type reads differently.");
    case Verdict::Compatible:
        return EvolutionWindow::tr("a message that sets the changed fields below still reads the same "
                                   "values.");
    case Verdict::Lossy:
        return EvolutionWindow::tr("a message that sets the lossy fields below parses, but some values "
                                   "change on the way.");
    case Verdict::Breaking:
        return EvolutionWindow::tr("a message that sets the breaking fields below is rejected, or read "
                                   "wrong without notice.");
    }
    return {};
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return EvolutionWindow::tr("Added");
    case Kind::Removed:
        return EvolutionWindow::tr("Removed");
    case Kind::Renamed:
        return EvolutionWindow::tr("Renamed");
    case Kind::TypeChanged:
        return EvolutionWindow::tr("Type changed");
    case Kind::CardinalityChanged:
        return EvolutionWindow::tr("Cardinality changed");
    case Kind::OneofChanged:
        return EvolutionWindow::tr("Oneof changed");
    }
    return {};
}

QColor verdictColor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Same:
        return Theme::mutedTextColor();
    case Verdict::Compatible:
        return Theme::statusColor(0); // the green of an OK status
    case Verdict::Lossy:
        return Theme::statusColor(1); // the amber of a cancelled one
    case Verdict::Breaking:
        break;
    }
    return Theme::errorColor();
}

QIcon verdictIcon(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Same:
    case Verdict::Compatible:
        return Theme::standardIcon(QStyle::SP_DialogApplyButton);
    case Verdict::Lossy:
        return Theme::standardIcon(QStyle::SP_MessageBoxWarning);
    case Verdict::Breaking:
        break;
    }
    return Theme::standardIcon(QStyle::SP_MessageBoxCritical);
}

} // namespace

EvolutionWindow::EvolutionWindow(SchemaPtr appSchema, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_appSchema(std::move(appSchema))
    , m_writtenModel(new WireTreeModel(this))
    , m_readModel(new WireTreeModel(this))
{
    setObjectName(QStringLiteral("evolutionWindow"));
    setWindowTitle(tr("Schema Evolution"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createEditors());
    splitter->addWidget(createResults());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_writer->setAppSchema(m_appSchema);
    m_reader->setAppSchema(m_appSchema);
    const QString user = QStringLiteral("lab.User");
    m_writer->setState({writerExample(), false, user});
    m_reader->setState({readerExample(), false, user});
    {
        const QSignalBlocker blocker(m_json);
        m_json->setPlainText(jsonExample());
    }
    encodeWriter();
    resize(1280, 860);
}

EvolutionWindow::~EvolutionWindow() = default;

QWidget *EvolutionWindow::createEditors()
{
    auto *editors = new QWidget(this);
    m_writer = new ProtoVersionEditor(tr("Writer (new)"), QStringLiteral("writer"), editors);
    m_reader = new ProtoVersionEditor(tr("Reader (old)"), QStringLiteral("reader"), editors);
    m_json = LabWidgets::createCodeEditor(editors, JsonLines);
    m_json->setObjectName(QStringLiteral("writerJson"));
    m_json->setToolTip(tr("The message the writer sends, in the JSON mapping of the writer's type"));
    m_jsonError = LabWidgets::createErrorLabel(editors);
    m_jsonError->setObjectName(QStringLiteral("writerJsonError"));
    m_swap = new QPushButton(Theme::glyphIcon(Theme::Glyph::Reload), tr("Swap direction"), editors);
    m_swap->setObjectName(QStringLiteral("swapButton"));
    m_swap->setToolTip(tr("Read the other way round: the old version writes, the new one reads"));

    auto *writerSide = new QWidget(editors);
    auto *writerLayout = new QVBoxLayout(writerSide);
    writerLayout->setContentsMargins(0, 0, 0, 0);
    writerLayout->addWidget(m_writer, 1);
    writerLayout->addWidget(new QLabel(tr("The message it writes (JSON):"), writerSide));
    writerLayout->addWidget(m_json);
    writerLayout->addWidget(m_jsonError);
    auto *versions = new QSplitter(Qt::Horizontal, editors);
    versions->setChildrenCollapsible(false);
    versions->addWidget(writerSide);
    versions->addWidget(m_reader);
    auto *layout = new QVBoxLayout(editors);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(versions, 1);

    connect(m_writer, &ProtoVersionEditor::typeChanged, this, &EvolutionWindow::encodeWriter);
    connect(m_reader, &ProtoVersionEditor::typeChanged, this, &EvolutionWindow::reread);
    m_editPause = LabWidgets::createEditPause(this);
    connect(m_json, &QPlainTextEdit::textChanged, m_editPause, qOverload<>(&QTimer::start));
    connect(m_editPause, &QTimer::timeout, this, &EvolutionWindow::encodeWriter);
    connect(m_swap, &QPushButton::clicked, this, &EvolutionWindow::swapDirection);
    return editors;
}

QWidget *EvolutionWindow::createResults()
{
    auto *results = new QWidget(this);
    m_verdict = new QLabel(results);
    m_verdict->setObjectName(QStringLiteral("verdictSummary"));
    m_verdict->setWordWrap(true);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_changes = createChangeList(results);
    m_unknownNote = new QLabel(results);
    m_unknownNote->setObjectName(QStringLiteral("unknownNote"));
    m_unknownNote->setWordWrap(true);
    m_writtenTree = createWireTree(m_writtenModel, QStringLiteral("writtenTree"));
    m_readTree = createWireTree(m_readModel, QStringLiteral("readTree"));

    const auto titled = [results](const QString &title, QWidget *widget) {
        auto *box = new QWidget(results);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(new QLabel(title, box));
        layout->addWidget(widget, 1);
        return box;
    };
    auto *trees = new QSplitter(Qt::Horizontal, results);
    trees->setChildrenCollapsible(false);
    trees->addWidget(titled(tr("As written, with the writer's type"), m_writtenTree));
    trees->addWidget(titled(tr("As read, with the reader's type"), m_readTree));
    auto *splitter = new QSplitter(Qt::Vertical, results);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_changes);
    splitter->addWidget(trees);
    auto *top = new QHBoxLayout;
    top->addWidget(m_swap);
    top->addWidget(m_verdict, 1);
    auto *layout = new QVBoxLayout(results);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_unknownNote);
    return results;
}

QTreeWidget *EvolutionWindow::createChangeList(QWidget *parent)
{
    auto *list = new QTreeWidget(parent);
    list->setObjectName(QStringLiteral("changeList"));
    list->setRootIsDecorated(false);
    list->setAlternatingRowColors(true);
    list->setWordWrap(true);
    list->setColumnCount(ChangeColumns);
    list->setHeaderLabels(
        {tr("Verdict"), tr("Change"), tr("Field"), tr("Writer's field"), tr("Reader's field"), tr("Why")});
    return list;
}

QTreeView *EvolutionWindow::createWireTree(WireTreeModel *model, const QString &name)
{
    auto *tree = new QTreeView(this);
    tree->setObjectName(name);
    tree->setModel(model);
    tree->setItemDelegate(new WireSwatchDelegate(tree));
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setAllColumnsShowFocus(true);
    tree->header()->setSectionResizeMode(WireTreeModel::ValueColumn, QHeaderView::Stretch);
    tree->header()->setStretchLastSection(false);
    const bool written = model == m_writtenModel;
    connect(tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this, written](const QModelIndex &current) { linkTrees(current, written); });
    return tree;
}

void EvolutionWindow::setAppSchema(SchemaPtr schema)
{
    m_appSchema = std::move(schema);
    m_writer->setAppSchema(m_appSchema);
    m_reader->setAppSchema(m_appSchema);
}

void EvolutionWindow::swapDirection()
{
    const ProtoVersionEditor::State writer = m_writer->state();
    const ProtoVersionEditor::State reader = m_reader->state();
    m_writer->setState(reader);
    m_reader->setState(writer);
    // The same bytes as the new writer prints them: the message it would have sent. Fields
    // it does not know drop out, so the JSON fits its type.
    const google::protobuf::Descriptor *type = m_writer->type();
    QByteArray json;
    QString error;
    if (type && m_bytesType
        && JsonCodec::toJson(*m_writer->schema(), type, m_bytes, &json, JsonStyle {}, &error)) {
        const QSignalBlocker blocker(m_json);
        m_json->setPlainText(QString::fromUtf8(json));
    }
    encodeWriter();
}

void EvolutionWindow::encodeWriter()
{
    m_editPause->stop(); // a writer type changed mid-pause encodes now, and only once
    const SchemaPtr schema = m_writer->schema();
    const google::protobuf::Descriptor *type = m_writer->type();
    if (!schema || !type) {
        LabWidgets::showError(
            m_jsonError, tr("The writer has no message type: fix its .proto text or choose a type."));
        return;
    }
    QByteArray bytes;
    JsonError error;
    if (!JsonCodec::toBinary(*schema, type, m_json->toPlainText().toUtf8(), &bytes, &error)) {
        LabWidgets::showError(m_jsonError, error.toString()); // the last good reading stays
        return;
    }
    if (!LabWidgets::fitsLab(bytes.size(), m_jsonError))
        return; // read twice and laid out twice: too much for a window that follows typing
    LabWidgets::showError(m_jsonError, {});
    m_bytes = bytes;
    m_bytesSchema = schema;
    m_bytesType = type;
    reread();
}

void EvolutionWindow::reread()
{
    const google::protobuf::Descriptor *reader = m_reader->type();
    if (!m_bytesType || !reader)
        return;
    m_reading = SchemaEvolution::read(m_bytes, m_bytesType, reader);
    m_hasReading = true;
    showReading();
}

void EvolutionWindow::showReading()
{
    m_writtenModel->setLayout(WireLayout::build(m_reading.asWritten));
    m_readModel->setLayout(WireLayout::build(m_reading.asRead));
    m_writtenTree->expandAll();
    m_readTree->expandAll();
    fillChanges();
    updateVerdict();
    updateUnknownNote();
}

void EvolutionWindow::fillChanges()
{
    m_changes->clear();
    for (const EvolutionChange &change : std::as_const(m_reading.changes)) {
        auto *item = new QTreeWidgetItem(m_changes);
        item->setText(VerdictColumn, verdictTitle(change.verdict));
        item->setIcon(VerdictColumn, verdictIcon(change.verdict));
        item->setForeground(VerdictColumn, verdictColor(change.verdict));
        item->setData(VerdictColumn, Qt::UserRole, int(change.verdict));
        item->setText(KindColumn, kindName(change.kind));
        item->setData(KindColumn, Qt::UserRole, int(change.kind));
        // Field numbers start at 1; 0 is a note about the comparison itself (a list cut short).
        item->setText(FieldColumn, change.fieldNumber > 0 ? QString::number(change.fieldNumber) : QString());
        item->setText(
            WriterColumn, change.writerField.isEmpty() ? QStringLiteral("\u2014") : change.writerField);
        item->setText(
            ReaderColumn, change.readerField.isEmpty() ? QStringLiteral("\u2014") : change.readerField);
        item->setText(ReasonColumn, change.reason);
        item->setToolTip(ReasonColumn, change.reason);
    }
    for (int column = 0; column < ReasonColumn; ++column)
        m_changes->resizeColumnToContents(column);
}

// The message's verdict counts only the fields its bytes hold; the schema's counts every
// change. An empty message reads the same under any schema change, so when the schema's is
// worse both are shown, as `wirescope evolve` prints them, lest "Same" sit above breaking rows.
void EvolutionWindow::updateVerdict()
{
    const Verdict forMessage = m_reading.worst;
    Verdict forSchema = forMessage;
    for (const EvolutionChange &change : std::as_const(m_reading.changes))
        forSchema = std::max(forSchema, change.verdict);
    if (m_reading.changes.isEmpty())
        m_verdict->setText(tr("Same: both versions agree on every field."));
    else if (forSchema == forMessage)
        m_verdict->setText(
            QStringLiteral("%1: %2").arg(verdictTitle(forMessage), verdictMeaning(forMessage)));
    else
        m_verdict->setText(tr("For this message: %1. For the schema: %2 \u2014 %3")
                               .arg(SchemaEvolution::verdictName(forMessage),
                                   SchemaEvolution::verdictName(forSchema), schemaMeaning(forSchema)));
    QPalette palette = m_verdict->palette();
    palette.setColor(QPalette::WindowText, verdictColor(forSchema));
    m_verdict->setPalette(palette);
}

void EvolutionWindow::updateUnknownNote()
{
    QStringList fields;
    for (const int number : std::as_const(m_reading.unknownToReader)) {
        qint64 size = 0;
        for (const WireSpan &span : std::as_const(m_reading.asWritten.spans)) {
            if (span.role == WireSpan::Role::Field && span.fieldNumber == number)
                size += span.length;
        }
        fields.append(tr("field %1 (%2)").arg(number).arg(WireText::bytes(size)));
    }
    m_unknownNote->setText(fields.isEmpty()
            ? tr("The reader knows every field in these bytes.")
            : tr("Kept as unknown by the reader: %1. It keeps these bytes and writes them back out "
                 "unchanged, but cannot read their values.")
                  .arg(fields.join(QStringLiteral(", "))));
}

void EvolutionWindow::linkTrees(const QModelIndex &current, bool fromWritten)
{
    // The same bytes selected in the other tree: how the reader sees what was written there.
    if (m_linking || !current.isValid())
        return;
    m_linking = true;
    const qint64 offset = current.data(WireTreeModel::OffsetRole).toLongLong();
    QTreeView *other = fromWritten ? m_readTree : m_writtenTree;
    const WireTreeModel *model = fromWritten ? m_readModel : m_writtenModel;
    const QModelIndex match = model->indexAt(offset);
    if (match.isValid()) {
        other->setCurrentIndex(match);
        other->scrollTo(match);
    }
    m_linking = false;
}

} // namespace wirescope
