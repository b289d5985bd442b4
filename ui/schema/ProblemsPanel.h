#pragma once

#include "model/core/Diagnostic.h"

#include <QDockWidget>

class QListWidget;
class QListWidgetItem;

namespace wirescope {

// The bottom dock listing what went wrong loading schemas, as file:line:column: message.
// Double-clicking a problem with a file opens that file at its line.
class ProblemsPanel final : public QDockWidget {
    Q_OBJECT

public:
    explicit ProblemsPanel(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ProblemsPanel)

    void setDiagnostics(const Diagnostics &diagnostics);
    // Folders to resolve relative file names in diagnostics against.
    void setSearchPaths(const QStringList &paths);
    int count() const;

private:
    void openProblem(QListWidgetItem *item);
    QString resolve(const QString &file) const;
    void updateTitle();

    QListWidget *m_list;
    Diagnostics m_diagnostics;
    QStringList m_searchPaths;
};

} // namespace wirescope
