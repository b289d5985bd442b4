#pragma once

namespace wirescope {

struct CliArgs;

// Starts the workbench: QApplication, the embedded demo server when no target is given,
// and the main window. Returns the application's exit status.
int runGui(int argc, char **argv, const CliArgs &args);

} // namespace wirescope
