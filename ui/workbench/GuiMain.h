#pragma once

#include "ui/workbench/MainWindow.h"

namespace wirescope {

// Starts the workbench: QApplication, the embedded demo server when `startup` names no
// target, and the main window. Returns the application's exit status.
int runGui(int argc, char **argv, MainWindow::Startup startup);

} // namespace wirescope
