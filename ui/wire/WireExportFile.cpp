#include "ui/wire/WireExportFile.h"

#include "model/lab/WireExport.h"
#include "model/wire/WireSpan.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSaveFile>

namespace wirescope::WireExportFile {

namespace {

QString tr(const char *text)
{
    // The inspector's own context: these words are its words.
    return QCoreApplication::translate("wirescope::WireInspector", text);
}

} // namespace

bool write(const WireTree *tree, const QString &path, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!tree)
        return fail(tr("Nothing to export: no bytes are annotated yet."));
    const QString suffix = QFileInfo(path).suffix().toLower();
    QString document;
    if (suffix == QStringLiteral("html") || suffix == QStringLiteral("htm"))
        document = WireExport::html(*tree);
    else if (suffix == QStringLiteral("svg"))
        document = WireExport::svg(*tree);
    else
        return fail(tr("%1 ends in neither .html nor .svg, so it names no format to export as.")
                        .arg(QFileInfo(path).fileName()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(document.toUtf8()) < 0 || !file.commit())
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

void chooseAndWrite(QWidget *parent, const WireTree *tree)
{
    const QString html = tr("HTML page (*.html *.htm)");
    const QString svg = tr("SVG image (*.svg)");
    QString filter;
    QString path = QFileDialog::getSaveFileName(parent, tr("Export Annotated Dump"),
        QStringLiteral("wire-dump.html"), html + QStringLiteral(";;") + svg, &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty()) // a name typed without one takes the chosen format's
        path += filter == svg ? QStringLiteral(".svg") : QStringLiteral(".html");
    QString error;
    if (!write(tree, path, &error))
        QMessageBox::warning(parent, tr("Export Annotated Dump"), error);
}

} // namespace wirescope::WireExportFile
