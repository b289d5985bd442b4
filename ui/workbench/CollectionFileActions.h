// CollectionFileActions: the File menu's collection commands (new, open, recent, import,
// export, close, undo and redo) and when they are enabled.

#pragma once

#include <QObject>

class QWidget;

namespace wirescope {

class CollectionSession;
class RequestTabs;
class Settings;
class WorkbenchActions;

// Opens, creates, imports and exports collections through their dialogs, keeps the recent
// collections menu, and enables the collection and request actions for what is open. It
// holds no widgets; the parent widget only hosts its dialogs and message boxes.
class CollectionFileActions final : public QObject {
    Q_OBJECT

public:
    CollectionFileActions(Settings *settings, CollectionSession *collections, WorkbenchActions *actions,
        RequestTabs *tabs, QWidget *parent);
    Q_DISABLE_COPY_MOVE(CollectionFileActions)

    // The folder given on the command line, else the one open at the last exit, else (the
    // very first time) the demo collection, whose {{demo}} is demoTarget.
    void openStartupCollection(const QString &requested, const QString &demoTarget);
    bool openCollection(const QString &directory);
    void showNewCollection();
    void showOpenCollection();
    // The recent collections menu (made with the menus) and the actions' states.
    void refresh();
    // Follows the collection just opened (or closed): its undo stack and content.
    void onCollectionChanged();

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);

private:
    void showImportCollection();
    void showExportCollection();
    void stepUndo(bool undo);
    void updateRecentCollections();
    void updateCollectionActions();

    QWidget *m_parent;
    Settings *m_settings;
    CollectionSession *m_collections;
    WorkbenchActions *m_actions;
    RequestTabs *m_tabs;
};

} // namespace wirescope
