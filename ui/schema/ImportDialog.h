#pragma once

#include <QDialog>

class QListWidget;

namespace wirescope {

class Settings;

// Picks .proto files and the import paths they are compiled with (protoc's -I). Import
// paths are remembered for next time through Settings.
class ImportDialog final : public QDialog {
    Q_OBJECT

public:
    ImportDialog(Settings *settings, const QStringList &files, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ImportDialog)

    QStringList files() const;
    QStringList importPaths() const;

private:
    QWidget *createListPane(const QString &title, QListWidget *list, bool folders);
    void addFiles();
    void addFolder();
    void accept() override;
    static QStringList items(const QListWidget *list);
    static void addUnique(QListWidget *list, const QStringList &entries);

    Settings *m_settings;
    QListWidget *m_files;
    QListWidget *m_paths;
};

} // namespace wirescope
