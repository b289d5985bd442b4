#pragma once

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QMenu;
class QToolButton;
class QTreeView;

namespace wirescope {

class FormDelegate;
class MessageFormModel;

// The form side of a request body: a tree of fields over a MessageFormModel with the
// operations a row allows (set, clear, add, remove, move, bytes from a file) on a tool row
// and a context menu, field numbers on demand, and a line that says why an edit was
// refused or that the JSON side has an error and the form shows the last valid body.
class MessageFormView final : public QWidget {
    Q_OBJECT

public:
    explicit MessageFormView(MessageFormModel *model, QWidget *parent = nullptr);
    ~MessageFormView() override;
    Q_DISABLE_COPY_MOVE(MessageFormView)

    QTreeView *tree() const { return m_tree; }
    MessageFormModel *model() const { return m_model; }
    // Shown under the tree until the next edit; empty hides it.
    void setNotice(const QString &text);
    void setShowFieldNumbers(bool show);

private:
    QToolButton *addToolButton(QAction *action, const QString &objectName);
    void createActions();
    void updateActions();
    void showContextMenu(const QPoint &position);
    void addBytesActions(QMenu *menu, const QModelIndex &value);
    QModelIndex current(int column) const;
    void addElement();
    void removeElement();
    void moveElement(int delta);
    void loadBytes(const QModelIndex &value);
    void saveBytes(const QModelIndex &value);

    MessageFormModel *m_model;
    FormDelegate *m_delegate;
    QTreeView *m_tree;
    QLabel *m_notice;
    QCheckBox *m_numbers;
    QAction *m_set = nullptr;
    QAction *m_clear = nullptr;
    QAction *m_add = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_up = nullptr;
    QAction *m_down = nullptr;
    QWidget *m_tools = nullptr;
};

} // namespace wirescope
