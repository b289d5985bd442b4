#include "ui/schema/ProblemsPanel.h"

#include "ui/schema/SourceViewer.h"
#include "ui/workbench/Theme.h"

#include <QDir>
#include <QFileInfo>
#include <QListWidget>
#include <QStyle>
#include <algorithm>

namespace wirescope {

namespace {
constexpr int DiagnosticIndexRole = Qt::UserRole + 1;
} // namespace

ProblemsPanel::ProblemsPanel(QWidget *parent)
    : QDockWidget(tr("Problems"), parent)
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("problemsDock"));
    m_list->setObjectName(QStringLiteral("problemsList"));
    m_list->setAlternatingRowColors(true);
    m_list->setUniformItemSizes(true);
    m_list->setToolTip(tr("Double-click a problem to open its file at that line"));
    setWidget(m_list);
    connect(m_list, &QListWidget::itemActivated, this, &ProblemsPanel::openProblem);
    updateTitle();
}

void ProblemsPanel::setDiagnostics(const Diagnostics &diagnostics)
{
    m_diagnostics = diagnostics;
    m_list->clear();
    const QIcon error = Theme::standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warning = Theme::standardIcon(QStyle::SP_MessageBoxWarning);
    for (int i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic &d = diagnostics[i];
        auto *item = new QListWidgetItem(d.isError() ? error : warning, d.toString(), m_list);
        item->setData(DiagnosticIndexRole, i);
        item->setToolTip(d.file.isEmpty() ? d.message : resolve(d.file));
    }
    updateTitle();
}

void ProblemsPanel::setSearchPaths(const QStringList &paths)
{
    m_searchPaths = paths;
}

int ProblemsPanel::count() const
{
    return m_list->count();
}

void ProblemsPanel::updateTitle()
{
    const int errors = int(std::count_if(
        m_diagnostics.cbegin(), m_diagnostics.cend(), [](const Diagnostic &d) { return d.isError(); }));
    const int warnings = int(m_diagnostics.size()) - errors;
    const QString errorText = errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors);
    const QString warningText = warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings);
    setWindowTitle(
        m_diagnostics.isEmpty() ? tr("Problems") : tr("Problems (%1, %2)").arg(errorText, warningText));
}

QString ProblemsPanel::resolve(const QString &file) const
{
    if (QFileInfo(file).isAbsolute())
        return file;
    for (const QString &folder : m_searchPaths) {
        const QString candidate = QDir(folder).filePath(file);
        if (QFileInfo::exists(candidate))
            return candidate;
    }
    return file;
}

void ProblemsPanel::openProblem(QListWidgetItem *item)
{
    const int index = item->data(DiagnosticIndexRole).toInt();
    if (index < 0 || index >= m_diagnostics.size())
        return;
    const Diagnostic &d = m_diagnostics[index];
    const QString path = resolve(d.file);
    if (d.file.isEmpty() || !QFileInfo(path).isFile())
        return;
    auto *viewer = new SourceViewer(path, d.line, d.column, d.message, window());
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
}

} // namespace wirescope
