#include "ui/schema/SourceViewer.h"

#include "ui/workbench/Theme.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QVBoxLayout>

#include "ui/request/QsciIncludes.h"

namespace wirescope {

SourceViewer::SourceViewer(const QString &path, int line, int column, const QString &message, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("%1 \u2014 line %2").arg(path).arg(line));
    setObjectName(QStringLiteral("sourceViewer"));
    auto *editor = new QsciScintilla(this);
    editor->setObjectName(QStringLiteral("sourceView"));
    // .proto reads well with C-like highlighting; QScintilla has no protobuf lexer.
    auto *lexer = new QsciLexerCPP(editor);
    editor->setLexer(lexer);
    Theme::applyToEditor(editor, lexer);
    editor->setUtf8(true);
    editor->setMarginType(0, QsciScintilla::NumberMargin);
    editor->setMarginLineNumbers(0, true);
    editor->setMarginWidth(0, QStringLiteral("00000"));
    editor->setCaretLineVisible(true);
    QFile file(path);
    editor->setText(file.open(QIODevice::ReadOnly)
            ? QString::fromUtf8(file.readAll())
            : tr("// cannot open %1: %2").arg(path, file.errorString()));
    editor->setReadOnly(true);
    const int row = qMax(0, line - 1);
    const int marker = editor->markerDefine(QsciScintilla::RightTriangle);
    editor->setMarkerBackgroundColor(Theme::errorColor(), marker);
    editor->markerAdd(row, marker);
    editor->setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    const QColor paper = Theme::isDark() ? QColor(0x3a, 0x22, 0x24) : QColor(0xff, 0xeb, 0xe9);
    editor->annotate(row, QStringLiteral(" \u26a0 ") + message,
        QsciStyle(-1, QStringLiteral("problem"), Theme::errorColor(), paper,
            QFontDatabase::systemFont(QFontDatabase::GeneralFont)));
    editor->setCursorPosition(row, qMax(0, column - 1));
    editor->ensureLineVisible(row);
    QMetaObject::invokeMethod(
        editor, [editor, row] { editor->setFirstVisibleLine(qMax(0, row - 8)); }, Qt::QueuedConnection);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(editor);
    layout->addWidget(buttons);
    resize(820, 600);
}

} // namespace wirescope
