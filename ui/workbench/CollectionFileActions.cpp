// CollectionFileActions: the collection dialogs, the recent collections menu and the
// enabled state of the collection and request actions.

#include "ui/workbench/CollectionFileActions.h"

#include "model/collection/Collection.h"
#include "model/collection/CollectionArchive.h"
#include "model/collection/CollectionSession.h"
#include "model/collection/CollectionUndo.h"
#include "model/core/Settings.h"
#include "ui/request/RequestTabs.h"
#include "ui/workbench/WorkbenchActions.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMap>
#include <QMenu>
#include <QMessageBox>

namespace wirescope {

CollectionFileActions::CollectionFileActions(Settings *settings, CollectionSession *collections,
    WorkbenchActions *actions, RequestTabs *tabs, QWidget *parent)
    : QObject(parent)
    , m_parent(parent)
    , m_settings(settings)
    , m_collections(collections)
    , m_actions(actions)
    , m_tabs(tabs)
{
    WorkbenchActions *a = m_actions;
    connect(a->newCollection, &QAction::triggered, this, &CollectionFileActions::showNewCollection);
    connect(a->openCollection, &QAction::triggered, this, &CollectionFileActions::showOpenCollection);
    connect(a->closeCollection, &QAction::triggered, m_collections, &CollectionSession::close);
    connect(a->importCollection, &QAction::triggered, this, &CollectionFileActions::showImportCollection);
    connect(a->exportCollection, &QAction::triggered, this, &CollectionFileActions::showExportCollection);
    connect(a->undoCollection, &QAction::triggered, this, [this] { stepUndo(true); });
    connect(a->redoCollection, &QAction::triggered, this, [this] { stepUndo(false); });
    connect(m_tabs, &RequestTabs::currentStateChanged, this, &CollectionFileActions::updateCollectionActions);
}

void CollectionFileActions::openStartupCollection(const QString &requested, const QString &demoTarget)
{
    QMap<QString, QString> builtIns;
    if (!demoTarget.isEmpty())
        builtIns.insert(QStringLiteral("demo"), demoTarget);
    m_collections->setBuiltIns(builtIns);
    QString directory = requested;
    if (directory.isEmpty())
        directory = m_settings->openCollection();
    QString error;
    if (directory.isEmpty() && !m_settings->demoCollectionInstalled())
        directory = m_collections->installDemoCollection(&error);
    if (!directory.isEmpty() && !m_collections->open(directory, &error) && !requested.isEmpty())
        QMessageBox::warning(m_parent, tr("Open Collection"), error);
    else if (!error.isEmpty())
        Q_EMIT statusMessage(error, 10000);
}

bool CollectionFileActions::openCollection(const QString &directory)
{
    QString error;
    if (m_collections->open(directory, &error))
        return true;
    QMessageBox::warning(m_parent, tr("Open Collection"), error);
    updateRecentCollections();
    return false;
}

void CollectionFileActions::refresh()
{
    updateRecentCollections();
    updateCollectionActions();
}

void CollectionFileActions::onCollectionChanged()
{
    if (Collection *collection = m_collections->collection()) {
        // Undo and redo replay files without an edit record; the actions follow all the same.
        connect(
            collection, &Collection::contentChanged, this, &CollectionFileActions::updateCollectionActions);
        connect(m_collections->undo(), &CollectionUndo::changed, this,
            &CollectionFileActions::updateCollectionActions);
    }
    refresh();
}

void CollectionFileActions::stepUndo(bool undo)
{
    CollectionUndo *stack = m_collections->undo();
    QString error;
    if (stack && !(undo ? stack->undo(&error) : stack->redo(&error)))
        QMessageBox::warning(m_parent, undo ? tr("Undo") : tr("Redo"), error);
}

void CollectionFileActions::updateRecentCollections()
{
    QMenu *menu = m_actions->recentCollections;
    if (!menu)
        return;
    menu->clear();
    for (const QString &directory : m_settings->recentCollections()) {
        QAction *action = menu->addAction(directory);
        connect(action, &QAction::triggered, this, [this, directory] {
            if (!QFileInfo::exists(directory)) {
                m_settings->removeRecentCollection(directory);
                updateRecentCollections();
            }
            openCollection(directory);
        });
    }
    menu->setEnabled(!menu->isEmpty());
}

void CollectionFileActions::updateCollectionActions()
{
    WorkbenchActions *a = m_actions;
    const bool open = m_collections->collection() != nullptr;
    const bool tab = m_tabs->current() != nullptr;
    a->closeCollection->setEnabled(open);
    a->exportCollection->setEnabled(open);
    a->editEnvironments->setEnabled(open);
    a->saveRequest->setEnabled(tab);
    a->saveRequestAs->setEnabled(tab);
    a->copyAsGrpcurl->setEnabled(tab);
    CollectionUndo *undo = m_collections->undo();
    a->undoCollection->setEnabled(undo && undo->canUndo());
    a->redoCollection->setEnabled(undo && undo->canRedo());
    a->undoCollection->setText(undo && undo->canUndo() ? tr("&Undo %1").arg(undo->undoText()) : tr("&Undo"));
    a->redoCollection->setText(undo && undo->canRedo() ? tr("&Redo %1").arg(undo->redoText()) : tr("&Redo"));
}

void CollectionFileActions::showNewCollection()
{
    const QString directory = QFileDialog::getExistingDirectory(
        m_parent, tr("New Collection: Choose an Empty Folder"), m_settings->lastDirectory());
    if (directory.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(
        m_parent, tr("New Collection"), tr("Name:"), QLineEdit::Normal, QFileInfo(directory).fileName(), &ok);
    if (!ok)
        return;
    QString error;
    if (!m_collections->create(directory, name.trimmed(), &error))
        QMessageBox::warning(m_parent, tr("New Collection"), error);
}

void CollectionFileActions::showOpenCollection()
{
    const QString directory
        = QFileDialog::getExistingDirectory(m_parent, tr("Open Collection"), m_settings->lastDirectory());
    if (!directory.isEmpty())
        openCollection(directory);
}

void CollectionFileActions::showImportCollection()
{
    const QString file = QFileDialog::getOpenFileName(m_parent, tr("Import Collection"),
        m_settings->lastDirectory(), tr("Wirescope collections (*.wirescope.json *.json);;All files (*)"));
    if (file.isEmpty())
        return;
    const QString directory = QFileDialog::getExistingDirectory(
        m_parent, tr("Import Collection: Choose an Empty Folder"), QFileInfo(file).path());
    if (directory.isEmpty())
        return;
    QString error;
    if (!CollectionArchive::importFromFile(file, directory, &error)) {
        QMessageBox::warning(m_parent, tr("Import Collection"), error);
        return;
    }
    openCollection(directory);
}

void CollectionFileActions::showExportCollection()
{
    Collection *collection = m_collections->collection();
    if (!collection)
        return;
    const QString suggested
        = QDir(m_settings->lastDirectory())
              .filePath(QFileInfo(collection->directory()).fileName() + QStringLiteral(".wirescope.json"));
    const QString file = QFileDialog::getSaveFileName(
        m_parent, tr("Export Collection"), suggested, tr("Wirescope collections (*.wirescope.json)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!CollectionArchive::exportToFile(*collection, file, &error))
        QMessageBox::warning(m_parent, tr("Export Collection"), error);
    else
        Q_EMIT statusMessage(tr("Exported the collection to %1").arg(file), 6000);
}

} // namespace wirescope
