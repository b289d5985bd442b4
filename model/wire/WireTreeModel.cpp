#include "model/wire/WireTreeModel.h"

#include "model/wire/WireExplain.h"
#include "model/wire/WireFormat.h"
#include "model/wire/WireLayout.h"
#include "model/wire/WireReadings.h"
#include "model/wire/WireText.h"

namespace wirescope {

namespace {

using SpanRole = WireSpan::Role;

QString fieldLabel(const WireSpan &span)
{
    switch (span.role) {
    case SpanRole::Field:
        return span.fieldName.isEmpty() ? QStringLiteral("#%1").arg(span.fieldNumber)
                                        : QStringLiteral("#%1 %2").arg(span.fieldNumber).arg(span.fieldName);
    case SpanRole::Tag:
        return QStringLiteral("tag");
    case SpanRole::Length:
        return QStringLiteral("length");
    case SpanRole::Value:
        return QStringLiteral("value");
    case SpanRole::Element:
        return QStringLiteral("element");
    case SpanRole::EndGroup:
        return QStringLiteral("end group #%1").arg(span.fieldNumber);
    case SpanRole::GrpcFrame:
        return QStringLiteral("gRPC frame");
    case SpanRole::GrpcFlag:
        return QStringLiteral("compressed flag");
    case SpanRole::GrpcLength:
        return QStringLiteral("message length");
    case SpanRole::Unparsed:
        return QStringLiteral("unparsed");
    case SpanRole::PastLimit:
        return QStringLiteral("past the limit");
    }
    return {};
}

QString valueText(const WireSpan &span)
{
    if (span.role == SpanRole::Tag) {
        // The key is a number packing two: show the packing, the wire type column names it.
        return QStringLiteral("%1 = (%2 << 3) | %3").arg(span.raw).arg(span.raw >> 3).arg(span.raw & 7);
    }
    return span.value;
}

QString rangeText(qint64 offset, qint64 length)
{
    if (length <= 0)
        return QStringLiteral("%1 (empty)").arg(offset);
    if (length == 1)
        return QString::number(offset);
    return QStringLiteral("%1..%2").arg(offset).arg(offset + length - 1);
}

} // namespace

WireTreeModel::WireTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

WireTreeModel::~WireTreeModel() = default;

void WireTreeModel::setLayout(std::shared_ptr<const WireLayout> layout)
{
    beginResetModel();
    m_layout = std::move(layout);
    endResetModel();
}

QModelIndex WireTreeModel::indexAt(qint64 offset) const
{
    return m_layout ? indexOfNode(m_layout->nodeAt(offset)) : QModelIndex();
}

QModelIndex WireTreeModel::indexOfNode(int node, int column) const
{
    if (!m_layout || node < 0 || std::size_t(node) >= m_layout->nodes().size())
        return {};
    return createIndex(m_layout->nodes()[std::size_t(node)].row, column, quintptr(node));
}

const WireSpan *WireTreeModel::spanOf(const QModelIndex &index) const
{
    if (!m_layout || !index.isValid())
        return nullptr;
    return m_layout->nodes()[std::size_t(index.internalId())].span;
}

void WireTreeModel::setValueEditing(SpanTest isEditable, SpanText editText)
{
    m_isEditable = std::move(isEditable);
    m_editText = std::move(editText);
}

bool WireTreeModel::isEditable(const QModelIndex &index) const
{
    if (!m_isEditable || !m_editText || index.column() != ValueColumn || !checkIndex(index))
        return false;
    const WireSpan *span = spanOf(index);
    return span && m_isEditable(*span);
}

Qt::ItemFlags WireTreeModel::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    return isEditable(index) ? flags | Qt::ItemIsEditable : flags;
}

bool WireTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !isEditable(index))
        return false;
    Q_EMIT valueEditRequested(int(index.internalId()), value.toString());
    return true;
}

QModelIndex WireTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const int first = parent.isValid() ? m_layout->nodes()[std::size_t(parent.internalId())].firstChild : 0;
    return createIndex(row, column, quintptr(first + row));
}

QModelIndex WireTreeModel::parent(const QModelIndex &child) const
{
    if (!m_layout || !child.isValid())
        return {};
    return indexOfNode(m_layout->nodes()[std::size_t(child.internalId())].parent);
}

int WireTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_layout || parent.column() > 0)
        return 0;
    return parent.isValid() ? m_layout->nodes()[std::size_t(parent.internalId())].childCount
                            : m_layout->rootCount();
}

int WireTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant WireTreeModel::data(const QModelIndex &index, int role) const
{
    if (!m_layout || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int node = int(index.internalId());
    if (role == Qt::DisplayRole)
        return display(node, index.column());
    if (role == Qt::ToolTipRole && index.column() == BytesColumn) {
        const QModelIndex first = index.siblingAtColumn(0);
        return tr("bytes %1 (%2)")
            .arg(display(node, BytesColumn).toString(), WireText::bytes(first.data(LengthRole).toLongLong()));
    }
    if (role == Qt::ToolTipRole && index.column() == ValueColumn)
        return display(node, ValueColumn);
    if (role == Qt::EditRole)
        return isEditable(index) ? QVariant(m_editText(m_layout->tree(), *spanOf(index))) : QVariant();
    return rawData(node, role);
}

QVariant WireTreeModel::rawData(int node, int role) const
{
    const WireLayout::Node &n = m_layout->nodes()[std::size_t(node)];
    // A reading covers the bytes of the value it reads.
    const WireSpan &span = n.span ? *n.span : *m_layout->nodes()[std::size_t(n.parent)].span;
    switch (role) {
    case OffsetRole:
        return span.offset;
    case LengthRole:
        return span.length;
    case SpanRoleRole:
        return n.span ? int(span.role) : -1;
    case FieldNumberRole:
        return span.fieldNumber;
    case IsReadingRole:
        return n.span == nullptr;
    case ExplanationRole:
        return n.span ? WireExplain::explain(m_layout->tree(), span) : n.reading->evidence;
    default:
        return {};
    }
}

QVariant WireTreeModel::display(int node, int column) const
{
    const WireLayout::Node &n = m_layout->nodes()[std::size_t(node)];
    if (!n.span)
        return readingDisplay(node, column);
    const WireSpan &span = *n.span;
    switch (column) {
    case FieldColumn:
        return fieldLabel(span);
    case WireTypeColumn:
        return span.wireType >= 0 ? WireFormat::wireTypeName(span.wireType) : QString();
    case TypeColumn:
        return span.role == SpanRole::Field || span.role == SpanRole::Value ? span.typeName : QString();
    case ValueColumn:
        return valueText(span);
    case BytesColumn:
        return rangeText(span.offset, span.length);
    default:
        return {};
    }
}

QVariant WireTreeModel::readingDisplay(int node, int column) const
{
    const WireLayout::Node &n = m_layout->nodes()[std::size_t(node)];
    const WireSpan &value = *m_layout->nodes()[std::size_t(n.parent)].span;
    switch (column) {
    case FieldColumn:
        return tr("reading %1 of %2").arg(n.readingRank + 1).arg(n.readingCount);
    case TypeColumn:
        return WireReadings::kindName(n.reading->kind);
    case ValueColumn:
        return n.reading->value;
    case BytesColumn:
        return rangeText(value.offset, value.length);
    default:
        return {};
    }
}

QVariant WireTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FieldColumn:
        return tr("Field");
    case WireTypeColumn:
        return tr("Wire type");
    case TypeColumn:
        return tr("Type");
    case ValueColumn:
        return tr("Value");
    case BytesColumn:
        return tr("Bytes");
    default:
        return {};
    }
}

} // namespace wirescope
