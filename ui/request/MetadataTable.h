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
    int enabledCount() const;

    // Every row as typed, disabled ones included, for saving; setEntries replaces them all.
    QList<SavedRequest::MetadataItem> entries() const;
    void setEntries(const QList<SavedRequest::MetadataItem> &entries);
    // Turning them into wire metadata (variables resolved, rows checked) is
    // RequestDraft::resolveMetadata's.

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
