#pragma once

#include "model/request/CallEvent.h"
#include "model/request/SavedRequest.h"

#include <QTableWidget>

namespace wirescope {

// Request metadata as rows of (enabled, key, value). There is always one empty row at the
// bottom to type into; "-bin" values are entered as base64 and checked like the CLI does.
class MetadataTable final : public QTableWidget {
    Q_OBJECT

public:
    enum Column { EnabledColumn, KeyColumn, ValueColumn, ColumnCount };

    explicit MetadataTable(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(MetadataTable)

    void addEntry(const QString &key, const QString &value, bool enabled = true);
    // The enabled rows as wire metadata; false (with the first problem in *error) when a
    // row is not valid gRPC metadata.
    bool metadata(Metadata *metadata, QString *error) const;
    int enabledCount() const;

    // Every row as typed, disabled ones included, for saving; setEntries replaces them all.
    QList<SavedRequest::MetadataItem> entries() const;
    void setEntries(const QList<SavedRequest::MetadataItem> &entries);
    // The enabled entries as wire metadata (the caller resolves {{variables}} first); false
    // with the first problem in *error.
    static bool toMetadata(
        const QList<SavedRequest::MetadataItem> &entries, Metadata *metadata, QString *error);

Q_SIGNALS:
    void entriesChanged();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void ensureTrailingEmptyRow();
    bool isRowEmpty(int row) const;
    QString cellText(int row, int column) const;
    void validateRow(int row);

    bool m_updating = false;
};

} // namespace wirescope
