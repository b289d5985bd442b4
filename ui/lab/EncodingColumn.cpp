#include "ui/lab/EncodingColumn.h"

#include "model/wire/WireLayout.h"
#include "model/wire/WireText.h"
#include "ui/lab/LabWidgets.h"
#include "ui/wire/HexView.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QTimer>
#include <QVBoxLayout>

namespace wirescope {

namespace {

constexpr int JsonLines = 5;

} // namespace

EncodingColumn::EncodingColumn(int index, QWidget *parent)
    : QWidget(parent)
{
    const QString number = QString::number(index);
    setObjectName(QStringLiteral("side") + number);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("sideLabel") + number);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_type = LabWidgets::createTypeChooser(this);
    m_type->setObjectName(QStringLiteral("sideType") + number);
    m_json = LabWidgets::createCodeEditor(this, JsonLines);
    m_json->setObjectName(QStringLiteral("sideJson") + number);
    m_json->setMaximumHeight(m_json->minimumHeight()); // small messages: the bytes are the point
    m_json->setToolTip(tr("The message in the JSON mapping; the bytes below follow as you type"));
    m_error = LabWidgets::createErrorLabel(this);
    m_error->setObjectName(QStringLiteral("sideError") + number);
    m_hex = new HexView(this);
    m_hex->setObjectName(QStringLiteral("sideHex") + number);
    // A few rows of hex: comparisons are of small messages, and the aligned rows below need
    // the room more than empty hex rows do.
    const int line = QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont)).lineSpacing();
    m_hex->setMinimumHeight(line * 3);
    m_hex->setMaximumHeight(line * 8);
    m_size = new QLabel(this);
    m_size->setObjectName(QStringLiteral("sideSize") + number);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(3);
    layout->addWidget(m_title);
    layout->addWidget(m_type);
    layout->addWidget(m_json);
    layout->addWidget(m_error);
    layout->addWidget(m_hex, 1);
    layout->addWidget(m_size);
    layout->addStretch(0);

    m_editPause = LabWidgets::createEditPause(this);
    connect(m_json, &QPlainTextEdit::textChanged, m_editPause, qOverload<>(&QTimer::start));
    connect(m_editPause, &QTimer::timeout, this, &EncodingColumn::encode);
    connect(m_type, &QComboBox::activated, this, &EncodingColumn::encode);
}

EncodingColumn::~EncodingColumn() = default;

void EncodingColumn::setSchema(SchemaPtr schema, const QStringList &typeNames)
{
    m_schema = std::move(schema);
    m_typeNames = typeNames;
    LabWidgets::fillTypes(m_type, m_typeNames, m_type->currentText());
}

void EncodingColumn::setMessage(const QString &label, const QString &typeName, const QString &json)
{
    m_label = label;
    m_title->setText(label);
    m_layout.reset(); // the bytes of another message must not stand in for this one's
    m_hex->setWireLayout(nullptr);
    m_size->setText(QStringLiteral("\u2014"));
    LabWidgets::fillTypes(m_type, m_typeNames, typeName);
    {
        const QSignalBlocker blocker(m_json);
        m_json->setPlainText(json);
    }
    encode();
}

QString EncodingColumn::typeName() const
{
    return m_type->currentText();
}

QString EncodingColumn::json() const
{
    return m_json->toPlainText();
}

void EncodingColumn::encode()
{
    m_editPause->stop(); // a type chosen mid-pause encodes now, and only once
    const QString typeName = m_type->currentText();
    QByteArray bytes;
    if (!LabWidgets::encodeJson(m_schema, typeName, m_json->toPlainText(), &bytes, m_error))
        return;
    m_layout = WireLayout::annotate(bytes, m_schema, typeName, false);
    m_hex->setWireLayout(m_layout);
    m_size->setText(WireText::bytes(bytes.size()));
    Q_EMIT encoded();
}

} // namespace wirescope
