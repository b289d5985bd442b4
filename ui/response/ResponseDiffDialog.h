#pragma once

#include "model/json/JsonDiff.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace wirescope {

// Two responses side by side, field by field: a tree of paths with the left and right
// values and what changed (added, removed, changed), as JsonDiff finds it: repeated fields
// matched by index, 64-bit integers compared exactly. "Only differences" (on by default)
// hides the fields that are the same. The labels say where each side came from (a history
// entry, a stored snapshot, this run).
class ResponseDiffDialog final : public QDialog {
    Q_OBJECT

public:
    enum Column { PathColumn, LeftColumn, RightColumn, ChangeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString: the row's full path ("$.items[2].id")
        // int: a JsonDiff::Change::Kind, or -1 where the two sides are the same (a container
        // holding a change is -1 too: its children carry the change).
        ChangeKindRole,
    };

    explicit ResponseDiffDialog(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ResponseDiffDialog)

    void setValues(
        const QJsonValue &left, const QString &leftLabel, const QJsonValue &right, const QString &rightLabel);
    void setOnlyDifferences(bool only);
    bool onlyDifferences() const;
    const QList<JsonDiff::Change> &changes() const { return m_changes; }
    // "2 changed, 1 added, 1 removed" or "No differences".
    QString summary() const;

private:
    void rebuild();
    // Adds the row for one path under `parent` (the tree's root when null); false when it
    // was left out (the same on both sides while only differences are shown).
    bool addNode(QTreeWidgetItem *parent, const QString &label, const QString &path, const QJsonValue &left,
        const QJsonValue &right, int inherited);
    QTreeWidgetItem *makeRow(QTreeWidgetItem *parent, const QString &label, const QString &path);
    void markRow(QTreeWidgetItem *row, int kind);
    void addChildren(QTreeWidgetItem *row, const QString &path, const QJsonValue &left,
        const QJsonValue &right, int inherited, bool *anyChange);

    QJsonValue m_left;
    QJsonValue m_right;
    QList<JsonDiff::Change> m_changes;
    QHash<QString, JsonDiff::Change::Kind> m_byPath;
    int m_rows = 0;

    QLabel *m_leftLabel;
    QLabel *m_rightLabel;
    QLabel *m_summary;
    QCheckBox *m_onlyDifferences;
    QTreeWidget *m_tree;
};

} // namespace wirescope
