#pragma once

#include <QString>

class QWidget;

namespace wirescope {

struct WireTree;

// The wire inspector's annotated dump saved as a file: WireExport's HTML page or SVG image,
// the format named by the file's extension. Kept apart from the widget, which only says
// which annotation to save.
namespace WireExportFile {

// Writes `tree` (null: nothing annotated yet) to `path` (.html, .htm or .svg); false with
// the reason in `error` when there is nothing to write, no known format or no file.
bool write(const WireTree *tree, const QString &path, QString *error = nullptr);
// Asks where to save, in which format, and saves there; a failure is shown in a message box.
void chooseAndWrite(QWidget *parent, const WireTree *tree);

} // namespace WireExportFile

} // namespace wirescope
