#include "ui/CollectionDock.h"

#include "model/Collection.h"
#include "model/CollectionTreeModel.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QVBoxLayout>

#include <algorithm>

// The Collection panel's folder operations: choosing a folder, creating, renaming, moving,
// copying and deleting one.
namespace wirescope {

std::optional<QString> CollectionDock::askFolder(
    const QString &current, const QString &moving, const QString &exclude)
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("moveToFolderDialog"));
    dialog.setWindowTitle(tr("Move to Folder"));
    auto *folders = new QListWidget(&dialog);
    folders->setObjectName(QStringLiteral("folderList"));
    auto *root = new QListWidgetItem(tr("(collection root)"), folders);
    root->setData(Qt::UserRole, QString());
    const QStringList existing = m_collection->folders();
    for (const QString &folder : existing) {
        if (!exclude.isEmpty() && (folder == exclude || folder.startsWith(exclude + u'/')))
            continue;
        auto *item = new QListWidgetItem(folder, folders);
        item->setData(Qt::UserRole, folder);
        if (folder == current)
            folders->setCurrentItem(item);
    }
    if (current.isEmpty())
        folders->setCurrentItem(root);
    auto *newFolder = new QLineEdit(&dialog);
    newFolder->setObjectName(QStringLiteral("newFolderName"));
    newFolder->setPlaceholderText(tr("Or a new folder: \"unary\", \"a/b\""));
    newFolder->setToolTip(tr("A folder that does not exist yet is created"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(folders, &QListWidget::itemDoubleClicked, &dialog, &QDialog::accept);
    connect(newFolder, &QLineEdit::textChanged, folders,
        [folders](const QString &text) { folders->setEnabled(text.trimmed().isEmpty()); });

    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(moving, &dialog));
    layout->addWidget(folders, 1);
    layout->addWidget(newFolder);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    if (!CollectionTreeModel::cleanFolder(newFolder->text()).isEmpty())
        return CollectionTreeModel::cleanFolder(newFolder->text());
    return folders->currentItem() ? folders->currentItem()->data(Qt::UserRole).toString() : current;
}

bool CollectionDock::createFolder(const QString &folder)
{
    if (!m_collection)
        return false;
    QString error;
    const QString cleaned = CollectionTreeModel::cleanFolder(folder);
    if (!m_collection->createFolder(cleaned, &error)) {
        showError(error);
        return false;
    }
    selectFolder(cleaned);
    return true;
}

void CollectionDock::askNewFolder()
{
    if (!m_collection)
        return;
    const QString parentFolder = selectedFolder();
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("newFolderDialog"));
    dialog.setWindowTitle(tr("New Folder"));
    dialog.setLabelText(parentFolder.isEmpty() ? tr("Name of the new folder:")
                                               : tr("Name of the new folder in \"%1\":").arg(parentFolder));
    if (dialog.exec() != QDialog::Accepted || CollectionTreeModel::cleanFolder(dialog.textValue()).isEmpty())
        return;
    createFolder(
        CollectionTreeModel::joinFolder(parentFolder, CollectionTreeModel::cleanFolder(dialog.textValue())));
}

bool CollectionDock::deleteFolder(const QString &folder)
{
    if (!m_collection)
        return false;
    const QString prefix = folder + QLatin1Char('/');
    const QStringList paths = m_collection->requests().keys();
    const auto count = std::count_if(
        paths.cbegin(), paths.cend(), [&prefix](const QString &path) { return path.startsWith(prefix); });
    if (count > 0) {
        QMessageBox confirm(QMessageBox::Question, tr("Delete Folder"),
            count == 1 ? tr("Delete the folder \"%1\" and the request in it?").arg(folder)
                       : tr("Delete the folder \"%1\" and the %2 requests in it?")
                             .arg(folder, QString::number(count)),
            QMessageBox::Yes | QMessageBox::Cancel, this);
        confirm.setObjectName(QStringLiteral("confirmDeleteFolder"));
        confirm.setInformativeText(tr("Undo brings the requests back."));
        confirm.setDefaultButton(QMessageBox::Cancel);
        if (confirm.exec() != QMessageBox::Yes)
            return false;
    }
    QString error;
    if (!m_collection->removeFolder(folder, &error)) {
        showError(error);
        return false;
    }
    return true;
}

QString CollectionDock::renameFolder(const QString &folder, const QString &newFolder)
{
    return runOperation(
        [&](Collection *c, QString *error) {
            return c->renameFolder(folder, CollectionTreeModel::cleanFolder(newFolder), error);
        },
        true);
}

QString CollectionDock::duplicateFolder(const QString &folder)
{
    return runOperation(
        [&](Collection *c, QString *error) { return c->duplicateFolder(folder, error); }, true);
}

void CollectionDock::askRenameFolder(const QString &folder)
{
    if (!m_collection || folder.isEmpty())
        return;
    const QString parentFolder = CollectionTreeModel::parentFolder(folder);
    const QString leaf = folder.mid(parentFolder.isEmpty() ? 0 : parentFolder.size() + 1);
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("renameFolderDialog"));
    dialog.setWindowTitle(tr("Rename Folder"));
    dialog.setLabelText(tr("New name of the folder \"%1\":").arg(folder));
    dialog.setTextValue(leaf);
    if (dialog.exec() != QDialog::Accepted || CollectionTreeModel::cleanFolder(dialog.textValue()).isEmpty()
        || CollectionTreeModel::cleanFolder(dialog.textValue()) == leaf)
        return;
    renameFolder(folder,
        CollectionTreeModel::joinFolder(parentFolder, CollectionTreeModel::cleanFolder(dialog.textValue())));
}

void CollectionDock::chooseFolderAndMoveFolder(const QString &folder)
{
    if (!m_collection || folder.isEmpty())
        return;
    const QString parentFolder = CollectionTreeModel::parentFolder(folder);
    const QString leaf = folder.mid(parentFolder.isEmpty() ? 0 : parentFolder.size() + 1);
    const std::optional<QString> destination
        = askFolder(parentFolder, tr("Move the folder \"%1\" and everything in it to:").arg(folder), folder);
    if (destination && *destination != parentFolder)
        renameFolder(folder, CollectionTreeModel::joinFolder(*destination, leaf));
}

} // namespace wirescope
