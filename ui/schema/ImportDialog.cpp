#include "ui/schema/ImportDialog.h"

#include "model/core/Settings.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace wirescope {

ImportDialog::ImportDialog(Settings *settings, const QStringList &files, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_files(new QListWidget(this))
    , m_paths(new QListWidget(this))
{
    setWindowTitle(tr("Import .proto Files"));
    setObjectName(QStringLiteral("importDialog"));
    m_files->setObjectName(QStringLiteral("importFiles"));
    m_paths->setObjectName(QStringLiteral("importPaths"));
    addUnique(m_files, files);
    addUnique(m_paths, settings->importPaths());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createListPane(tr("Files to import"), m_files, false));
    layout->addWidget(createListPane(tr("Import paths (-I): where imports are looked up"), m_paths, true));
    auto *hint = new QLabel(tr("A file outside every import path is resolved relative to its own folder. "
                               "google/protobuf/*.proto always resolve."),
        this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    resize(640, 480);
}

QWidget *ImportDialog::createListPane(const QString &title, QListWidget *list, bool folders)
{
    auto *pane = new QWidget(this);
    auto *add = new QPushButton(folders ? tr("Add Folder\u2026") : tr("Add Files\u2026"), pane);
    auto *remove = new QPushButton(tr("Remove"), pane);
    list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addWidget(list, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(title, pane));
    layout->addLayout(row);
    connect(add, &QPushButton::clicked, this, folders ? &ImportDialog::addFolder : &ImportDialog::addFiles);
    connect(remove, &QPushButton::clicked, list, [list] { qDeleteAll(list->selectedItems()); });
    return pane;
}

void ImportDialog::addFiles()
{
    const QStringList chosen = QFileDialog::getOpenFileNames(this, tr("Add .proto Files"),
        m_settings->lastDirectory(), tr("Protocol Buffers (*.proto);;All files (*)"));
    if (chosen.isEmpty())
        return;
    m_settings->setLastDirectory(QFileInfo(chosen.first()).path());
    addUnique(m_files, chosen);
}

void ImportDialog::addFolder()
{
    const QString folder
        = QFileDialog::getExistingDirectory(this, tr("Add Import Path"), m_settings->lastDirectory());
    if (!folder.isEmpty())
        addUnique(m_paths, {folder});
}

void ImportDialog::accept()
{
    m_settings->setImportPaths(importPaths());
    QDialog::accept();
}

QStringList ImportDialog::files() const
{
    return items(m_files);
}

QStringList ImportDialog::importPaths() const
{
    return items(m_paths);
}

QStringList ImportDialog::items(const QListWidget *list)
{
    QStringList result;
    for (int i = 0; i < list->count(); ++i)
        result.append(list->item(i)->text());
    return result;
}

void ImportDialog::addUnique(QListWidget *list, const QStringList &entries)
{
    const QStringList existing = items(list);
    for (const QString &entry : entries) {
        if (!existing.contains(entry))
            list->addItem(entry);
    }
}

} // namespace wirescope
