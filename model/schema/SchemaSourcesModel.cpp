#include "model/schema/SchemaSourcesModel.h"

#include <QFileInfo>

namespace wirescope {

SchemaSourcesModel::SchemaSourcesModel(SchemaWorkspace *workspace, QObject *parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
    , m_rows(workspace->sources())
{
    connect(workspace, &SchemaWorkspace::sourcesChanged, this, &SchemaSourcesModel::refresh);
}

QString SchemaSourcesModel::kindName(SchemaSource::Kind kind)
{
    switch (kind) {
    case SchemaSource::Kind::ProtoFiles:
        return tr("Proto files");
    case SchemaSource::Kind::Protoset:
        return tr("Protoset");
    case SchemaSource::Kind::Reflection:
        return tr("Reflection");
    }
    return {};
}

// Sources keep their order; one is added at the end or removed from anywhere, so the rows
// are matched by label and changed with exact insert/remove notifications.
void SchemaSourcesModel::refresh()
{
    const QList<SchemaSourceInfo> next = m_workspace->sources();
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const bool kept = std::any_of(next.begin(), next.end(),
            [&](const SchemaSourceInfo &s) { return s.label == m_rows.at(row).label; });
        if (kept)
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    for (int i = 0; i < next.size(); ++i) {
        if (i < m_rows.size() && m_rows.at(i).label == next.at(i).label) {
            m_rows[i] = next.at(i);
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            continue;
        }
        beginInsertRows({}, i, i);
        m_rows.insert(i, next.at(i));
        endInsertRows();
    }
}

int SchemaSourcesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SchemaSourcesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SchemaSourcesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const SchemaSourceInfo &info = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SourceColumn:
            return info.kind == SchemaSource::Kind::Reflection || QFileInfo(info.label).fileName().isEmpty()
                ? info.label
                : QFileInfo(info.label).fileName();
        case KindColumn:
            return kindName(info.kind);
        case StateColumn:
            return info.stateText();
        case FilesColumn:
            return info.fileCount;
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(info);
    case LabelRole:
        return info.label;
    case StateRole:
        return int(info.state);
    case ErrorCountRole:
        return info.errorCount();
    default:
        return {};
    }
}

QVariant SchemaSourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SourceColumn:
        return tr("Source");
    case KindColumn:
        return tr("Kind");
    case StateColumn:
        return tr("State");
    case FilesColumn:
        return tr("Files");
    }
    return {};
}

QString SchemaSourcesModel::toolTip(const SchemaSourceInfo &info) const
{
    QStringList lines {info.label};
    constexpr int shown = 8;
    for (int i = 0; i < info.diagnostics.size() && i < shown; ++i)
        lines.append(info.diagnostics.at(i).toString());
    if (info.diagnostics.size() > shown)
        lines.append(tr("\u2026 and %1 more in Problems").arg(info.diagnostics.size() - shown));
    return lines.join(u'\n');
}

} // namespace wirescope
