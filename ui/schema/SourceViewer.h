#pragma once

#include <QDialog>

namespace wirescope {

// A read-only view of a schema file, scrolled to a problem's line with the problem shown
// under it: where double-clicking an entry in the Problems panel leads.
class SourceViewer final : public QDialog {
    Q_OBJECT

public:
    SourceViewer(
        const QString &path, int line, int column, const QString &message, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SourceViewer)
};

} // namespace wirescope
