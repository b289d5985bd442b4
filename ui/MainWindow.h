#pragma once

#include <QMainWindow>

namespace wirescope {

// The workbench window (placeholder until the workbench lands).
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    struct Startup {
        QString target;
        bool plaintext = true;
        bool isDemo = false;
        QStringList protoFiles;
        QStringList importPaths;
        QStringList protosets;
    };

    explicit MainWindow(const Startup &startup, QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)
};

} // namespace wirescope
