#pragma once

#include <QDockWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace wirescope {

class ServiceTreeModel;

// The left dock: every service's methods as package → service → method with call-kind
// badges, and a filter that keeps the parents of whatever matches. Activating a method
// (double-click or Enter) asks for it to be opened in a request tab.
class ServiceTreeDock final : public QDockWidget {
    Q_OBJECT

public:
    ServiceTreeDock(ServiceTreeModel *model, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ServiceTreeDock)

    QString currentMethod() const;
    void selectMethod(const QString &fullName);
    void focusFilter();
    void setPlaceholder(const QString &text);

Q_SIGNALS:
    void methodActivated(const QString &fullName);

private:
    void onModelReset();
    void applyFilter(const QString &text);
    void activate(const QModelIndex &proxyIndex);

    ServiceTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTreeView *m_tree;
    QLabel *m_placeholder;
    QString m_lastSelected;
};

} // namespace wirescope
