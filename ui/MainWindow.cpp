#include "ui/MainWindow.h"

#include <QLabel>

namespace wirescope {

MainWindow::MainWindow(const Startup &startup, QWidget *parent)
    : QMainWindow(parent)
{
    setCentralWidget(new QLabel(startup.target, this));
}

MainWindow::~MainWindow() = default;

} // namespace wirescope
