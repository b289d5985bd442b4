#include "model/lab/WireCompareModel.h"

#include "model/wire/WireLayout.h"
#include "model/wire/WireText.h"

#include <algorithm>

namespace wirescope {

namespace {

constexpr int ShownBytes = 12; // what fits a column; the tool tip shows more
constexpr int TipBytes = 64;

QString fieldLabel(const WireCompareRow &row)
{
    return row.fieldName.isEmpty() ? QStringLiteral("#%1").arg(row.fieldNumber)
                                   : QStringLiteral("#%1 %2").arg(row.fieldNumber).arg(row.fieldName);
}

bool holds(const WireSpan *outer, const WireSpan *inner)
{
    return outer && inner && inner->offset >= outer->offset && inner->end() <= outer->end();
}

bool sizesDiffer(const WireCompareRow &row)
{
    qint64 first = -2; // -1 stands for an absent cell: absent against present differs too
    for (const WireSpan *cell : row.cells) {
        const qint64 size = cell ? cell->length : -1;
        if (first == -2)
            first = size;
        else if (size != first)
            return true;
    }
    return false;
}

} // namespace

WireCompareModel::WireCompareModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

WireCompareModel::~WireCompareModel() = default;

void WireCompareModel::setEncodings(
    const QStringList &labels, QList<std::shared_ptr<const WireLayout>> layouts)
{
    beginResetModel();
    m_rows.clear(); // before the layouts its cells point into go
    m_layouts = std::move(layouts);
    m_labels = labels;
    while (m_labels.size() < m_layouts.size())
        m_labels.append(tr("encoding %1").arg(m_labels.size() + 1));
    m_labels.resize(m_layouts.size());
    QList<const WireTree *> trees;
    for (const std::shared_ptr<const WireLayout> &layout : std::as_const(m_layouts))
        trees.append(layout ? &layout->tree() : &m_empty);
    if (!trees.isEmpty())
        m_rows = WireCompare::align(trees);
    buildTree();
    endResetModel();
}

void WireCompareModel::buildTree()
{
    m_nodes.assign(std::size_t(m_rows.size()), Node {});
    m_roots.clear();
    const std::vector<int> parents = parentRows();
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const int parent = parents[std::size_t(i)];
        QList<int> &siblings = parent < 0 ? m_roots : m_nodes[std::size_t(parent)].children;
        m_nodes[std::size_t(i)].parent = parent;
        m_nodes[std::size_t(i)].row = int(siblings.size());
        siblings.append(i);
    }
}

// The row each row belongs under: the nearest earlier row one level up whose field holds
// this row's bytes in some encoding, else the nearest earlier row of any level above; -1
// for top-level rows. Byte containment decides rather than list position, so the tree is
// right whichever order the alignment lists nested rows in. The cells are indexed by level,
// encoding and offset, so each row finds its parent by binary search: scanning back over
// the siblings instead is quadratic, and a repeated field can have thousands of them.
std::vector<int> WireCompareModel::parentRows() const
{
    const CellIndex cells = indexCells();
    std::vector<int> parents(std::size_t(m_rows.size()), -1);
    std::vector<int> lastAtDepth; // the latest row seen at each depth
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const WireCompareRow &row = m_rows[i];
        const int depth = std::max(row.depth, 0);
        if (lastAtDepth.size() <= std::size_t(depth))
            lastAtDepth.resize(std::size_t(depth) + 1, -1);
        if (depth > 0) {
            int parent = -1;
            for (qsizetype side = 0; side < row.cells.size(); ++side)
                parent = std::max(parent, holderOf(cells, depth - 1, int(side), row.cells[side], i));
            if (parent < 0) // no encoding nests it: under the nearest row above its level
                parent = *std::max_element(lastAtDepth.begin(), lastAtDepth.begin() + depth);
            parents[std::size_t(i)] = parent;
        }
        lastAtDepth[std::size_t(depth)] = i;
    }
    return parents;
}

// For each depth and encoding, the rows' cells there, by offset. Fields at one depth of one
// encoding never overlap, so at most one of them holds a given nested field.
WireCompareModel::CellIndex WireCompareModel::indexCells() const
{
    CellIndex index;
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const WireCompareRow &row = m_rows[i];
        const std::size_t depth = std::size_t(std::max(row.depth, 0));
        if (index.size() <= depth)
            index.resize(depth + 1);
        std::vector<std::vector<IndexedCell>> &sides = index[depth];
        if (sides.size() < std::size_t(row.cells.size()))
            sides.resize(std::size_t(row.cells.size()));
        for (qsizetype side = 0; side < row.cells.size(); ++side) {
            if (row.cells[side])
                sides[std::size_t(side)].push_back({row.cells[side], i});
        }
    }
    for (std::vector<std::vector<IndexedCell>> &sides : index) {
        for (std::vector<IndexedCell> &cells : sides)
            std::sort(cells.begin(), cells.end(),
                [](const IndexedCell &a, const IndexedCell &b) { return a.span->offset < b.span->offset; });
    }
    return index;
}

// The row before `before` at `depth` whose cell in one encoding holds `inner`; -1 if none.
int WireCompareModel::holderOf(const CellIndex &index, int depth, int side, const WireSpan *inner, int before)
{
    if (!inner || std::size_t(depth) >= index.size() || std::size_t(side) >= index[std::size_t(depth)].size())
        return -1;
    const std::vector<IndexedCell> &cells = index[std::size_t(depth)][std::size_t(side)];
    // The last cell starting at or before the inner one: the only one that can hold it.
    auto after = std::upper_bound(cells.begin(), cells.end(), inner->offset,
        [](qint64 offset, const IndexedCell &cell) { return offset < cell.span->offset; });
    if (after == cells.begin())
        return -1;
    const IndexedCell &candidate = *std::prev(after);
    return candidate.row < before && holds(candidate.span, inner) ? candidate.row : -1;
}

const WireCompareRow *WireCompareModel::rowOf(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return nullptr;
    return &m_rows[qsizetype(index.internalId())];
}

const WireSpan *WireCompareModel::cellOf(const QModelIndex &index, int side) const
{
    const WireCompareRow *row = rowOf(index);
    return row ? row->cells.value(side) : nullptr;
}

QModelIndex WireCompareModel::indexAt(int side, qint64 offset) const
{
    QModelIndex found;
    const QList<int> *level = &m_roots;
    bool descended = true;
    while (descended) {
        descended = false;
        for (const int i : *level) {
            const WireSpan *cell = m_rows[i].cells.value(side);
            if (cell && cell->contains(offset)) {
                found = createIndex(m_nodes[std::size_t(i)].row, FieldColumn, quintptr(i));
                level = &m_nodes[std::size_t(i)].children;
                descended = true;
                break;
            }
        }
    }
    return found;
}

QModelIndex WireCompareModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const QList<int> &rows = parent.isValid() ? m_nodes[std::size_t(parent.internalId())].children : m_roots;
    return createIndex(row, column, quintptr(rows[row]));
}

QModelIndex WireCompareModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int parent = m_nodes[std::size_t(child.internalId())].parent;
    if (parent < 0)
        return {};
    return createIndex(m_nodes[std::size_t(parent)].row, FieldColumn, quintptr(parent));
}

int WireCompareModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(parent.isValid() ? m_nodes[std::size_t(parent.internalId())].children.size() : m_roots.size());
}

int WireCompareModel::columnCount(const QModelIndex &) const
{
    return 2 + 2 * sideCount();
}

int WireCompareModel::sideOfColumn(int column) const
{
    if (column <= FieldColumn || column >= noteColumn())
        return -1;
    return (column - 1) / 2;
}

QVariant WireCompareModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const WireCompareRow &row = m_rows[qsizetype(index.internalId())];
    const int side = sideOfColumn(index.column());
    const WireSpan *cell = side >= 0 ? row.cells.value(side) : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column(), side);
    case Qt::ToolTipRole:
        return toolTip(row, index.column(), side);
    case Qt::TextAlignmentRole:
        return side >= 0 && index.column() == sizeColumn(side) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                               : QVariant();
    case OffsetRole:
        return cell ? cell->offset : qint64(-1);
    case LengthRole:
        return cell ? cell->length : qint64(-1);
    case SideRole:
        return side;
    case FieldNumberRole:
        return row.fieldNumber;
    case DepthRole:
        return row.depth;
    case SizesDifferRole:
        return sizesDiffer(row);
    default:
        return {};
    }
}

QVariant WireCompareModel::display(const WireCompareRow &row, int column, int side) const
{
    if (column == FieldColumn)
        return fieldLabel(row);
    if (side < 0)
        return row.note;
    const WireSpan *cell = row.cells.value(side);
    if (!cell)
        return QStringLiteral("\u2014"); // absent: no bytes at all
    if (column == sizeColumn(side))
        return QString::number(cell->length);
    return hexOf(cell, side, ShownBytes);
}

QVariant WireCompareModel::toolTip(const WireCompareRow &row, int column, int side) const
{
    if (column == FieldColumn || side < 0)
        return row.note.isEmpty() ? QVariant() : QVariant(row.note);
    const WireSpan *cell = row.cells.value(side);
    if (!cell)
        return tr("%1 does not write this field").arg(m_labels.value(side));
    return tr("%1: %2 at byte %3\n%4")
        .arg(m_labels.value(side), WireText::bytes(cell->length))
        .arg(cell->offset)
        .arg(hexOf(cell, side, TipBytes));
}

QString WireCompareModel::hexOf(const WireSpan *span, int side, int maxBytes) const
{
    const std::shared_ptr<const WireLayout> &layout = m_layouts.at(side);
    const QByteArray &bytes = layout ? layout->tree().bytes : m_empty.bytes;
    if (span->offset < 0 || span->end() > bytes.size())
        return {};
    return WireText::hex(bytes.constData() + span->offset, span->length, maxBytes);
}

QVariant WireCompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    const int side = sideOfColumn(section);
    if (role == Qt::DisplayRole) {
        if (section == FieldColumn)
            return tr("Field");
        if (side < 0)
            return tr("Note");
        return section == sizeColumn(side) ? tr("size") : tr("%1: bytes (hex)").arg(m_labels.value(side));
    }
    if (role == Qt::ToolTipRole && side >= 0 && section == sizeColumn(side))
        return tr("%1: bytes the field takes, tag and length included").arg(m_labels.value(side));
    return {};
}

} // namespace wirescope
