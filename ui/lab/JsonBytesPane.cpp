#include "ui/lab/JsonBytesPane.h"

#include "model/wire/WireLayout.h"
#include "ui/lab/LabWidgets.h"
#include "ui/wire/HexView.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace wirescope {

namespace {

constexpr int InputLines = 4;
constexpr int LinkAlpha = 90; // the link's JSON tinted, still readable under the tint

} // namespace

JsonBytesPane::JsonBytesPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("jsonBytesPane"));
    m_type = LabWidgets::createTypeChooser(this);
    m_type->setObjectName(QStringLiteral("linkType"));
    m_input = LabWidgets::createCodeEditor(this, InputLines);
    m_input->setObjectName(QStringLiteral("linkInput"));
    m_input->setToolTip(tr("The message in the JSON mapping"));
    m_error = LabWidgets::createErrorLabel(this);
    m_error->setObjectName(QStringLiteral("linkError"));
    m_json = new QPlainTextEdit(this);
    m_json->setObjectName(QStringLiteral("linkedJson"));
    m_json->setReadOnly(true);
    m_json->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_hex = new HexView(this);
    m_hex->setObjectName(QStringLiteral("linkedHex"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("sizeSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layOut();
    connect(m_type, &QComboBox::activated, this, &JsonBytesPane::rebuild);
    m_editPause = LabWidgets::createEditPause(this);
    connect(m_input, &QPlainTextEdit::textChanged, m_editPause, qOverload<>(&QTimer::start));
    connect(m_editPause, &QTimer::timeout, this, &JsonBytesPane::rebuild);
    connect(m_json, &QPlainTextEdit::cursorPositionChanged, this, &JsonBytesPane::onJsonCursorMoved);
    connect(m_hex, &HexView::offsetClicked, this, &JsonBytesPane::onByteClicked);
}

JsonBytesPane::~JsonBytesPane() = default;

void JsonBytesPane::layOut()
{
    auto *hint = new QLabel(tr("Click a field in the JSON to see its bytes, or a byte to see its JSON. The "
                               "JSON size counts it without spaces, as it would travel."),
        this);
    hint->setWordWrap(true);
    auto *typeRow = new QHBoxLayout;
    typeRow->addWidget(new QLabel(tr("Message type:"), this));
    typeRow->addWidget(m_type, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_json);
    splitter->addWidget(m_hex);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(typeRow);
    layout->addWidget(m_input);
    layout->addWidget(m_error);
    layout->addWidget(hint);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_summary);
}

void JsonBytesPane::setSchema(SchemaPtr schema, const QStringList &typeNames)
{
    m_schema = std::move(schema);
    m_typeNames = typeNames;
    LabWidgets::fillTypes(m_type, m_typeNames, m_type->currentText());
}

void JsonBytesPane::setMessage(const QString &typeName, const QString &json)
{
    LabWidgets::fillTypes(m_type, m_typeNames, typeName);
    const QSignalBlocker blocker(m_input);
    m_input->setPlainText(json);
    rebuild();
}

void JsonBytesPane::rebuild()
{
    m_editPause->stop(); // a type chosen mid-pause rebuilds now, and only once
    const QString typeName = m_type->currentText();
    QByteArray bytes;
    const google::protobuf::Descriptor *type
        = LabWidgets::encodeJson(m_schema, typeName, m_input->toPlainText(), &bytes, m_error);
    if (!type)
        return; // the last good pair stays on display
    m_layout = WireLayout::annotate(bytes, m_schema, typeName, false);
    m_view = JsonByteLinks::build(*m_schema, type, m_layout->tree());
    LabWidgets::showError(m_error, m_view.error);
    {
        const QSignalBlocker blocker(m_json); // a new text is not a click in it
        m_json->setPlainText(m_view.json);
    }
    m_hex->setWireLayout(m_layout);
    showLink(-1, false);
    updateSummary();
}

void JsonBytesPane::onJsonCursorMoved()
{
    showLink(JsonByteLinks::linkAtJson(m_view, m_json->textCursor().position()), false);
}

void JsonBytesPane::onByteClicked(qint64 offset)
{
    showLink(JsonByteLinks::linkAtByte(m_view, offset), true);
}

void JsonBytesPane::showLink(int link, bool moveJsonCursor)
{
    if (link < 0 || link >= m_view.links.size()) {
        m_hex->clearSelection();
        m_json->setExtraSelections({});
        return;
    }
    const JsonByteLink &chosen = m_view.links.at(link);
    m_hex->setSelection(chosen.byteOffset, chosen.byteLength);
    m_hex->scrollToOffset(chosen.byteOffset);
    QTextEdit::ExtraSelection mark;
    mark.cursor = QTextCursor(m_json->document());
    mark.cursor.setPosition(chosen.jsonOffset);
    mark.cursor.setPosition(chosen.jsonOffset + chosen.jsonLength, QTextCursor::KeepAnchor);
    QColor tint = palette().color(QPalette::Highlight);
    tint.setAlpha(LinkAlpha);
    mark.format.setBackground(tint);
    m_json->setExtraSelections({mark});
    if (moveJsonCursor) {
        const QSignalBlocker blocker(m_json); // the cursor follows the byte, not the other way
        QTextCursor cursor = m_json->textCursor();
        cursor.setPosition(chosen.jsonOffset);
        m_json->setTextCursor(cursor);
        m_json->ensureCursorVisible();
    }
}

void JsonBytesPane::updateSummary()
{
    const int jsonBytes = m_view.jsonBytes();
    const qint64 binaryBytes = m_layout ? m_layout->tree().bytes.size() : 0;
    const QString ratio = jsonBytes > 0 ? QString::number(100.0 * double(binaryBytes) / jsonBytes, 'f', 0)
                                        : QStringLiteral("\u2014");
    m_summary->setText(tr("JSON %1 bytes \u00b7 binary %2 bytes \u00b7 %2/%1 = %3%")
                           .arg(jsonBytes)
                           .arg(binaryBytes)
                           .arg(ratio));
}

} // namespace wirescope
