#pragma once

#include <QDockWidget>

class QTableView;
class QToolButton;

namespace wirescope {

class SchemaSourcesModel;

// The Schema Sources panel: every source the workspace holds (proto files, protosets,
// reflection of a target) with its state, and buttons to reload or remove the selected one.
class SchemaSourcesDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit SchemaSourcesDock(SchemaSourcesModel *model, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SchemaSourcesDock)

    // The workspace label of the selected source, or empty.
    QString selectedLabel() const;
    void selectLabel(const QString &label);

Q_SIGNALS:
    void reloadRequested(const QString &label);
    void removeRequested(const QString &label);

private:
    void updateButtons();
    void showMenu(const QPoint &pos);

    SchemaSourcesModel *m_model;
    QTableView *m_view;
    QToolButton *m_reload;
    QToolButton *m_remove;
};

} // namespace wirescope
