#pragma once

#include "model/schema/SchemaWorkspace.h"

#include <QAbstractTableModel>

namespace wirescope {

// The workspace's schema sources as a table for the Schema Sources panel: one row per
// source, in the order they were added, with its kind, state and file count. It follows the
// workspace: a source added or removed is a row inserted or removed, a reload a row changed.
class SchemaSourcesModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { SourceColumn, KindColumn, StateColumn, FilesColumn, ColumnCount };
    enum Role {
        LabelRole = Qt::UserRole + 1, // QString, the workspace's name for the source
        StateRole, // int, SchemaSourceInfo::State
        ErrorCountRole, // int
    };

    explicit SchemaSourcesModel(SchemaWorkspace *workspace, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SchemaSourcesModel)

    static QString kindName(SchemaSource::Kind kind);
    QString label(int row) const { return m_rows.at(row).label; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refresh();
    QString toolTip(const SchemaSourceInfo &info) const;

    SchemaWorkspace *m_workspace;
    QList<SchemaSourceInfo> m_rows;
};

} // namespace wirescope
