#pragma once

#include "model/schema/MethodRef.h"

#include <QColor>
#include <QIcon>
#include <QStyle>

class QPalette;
class QsciScintilla;
class QsciLexer;

namespace wirescope {

// Colours that follow the system's light or dark palette. Qt 6.4 has no
// QStyleHints::colorScheme, so "dark" means the palette's window colour is dark.
namespace Theme {

// Fusion everywhere, on the system's palette: the same look on every desktop, light or dark.
void applyApplicationStyle();

bool isDark(const QPalette &palette);
bool isDark(); // the application's palette

// The palette's colours applied to an editor and its lexer (Scintilla does not read them).
void applyToEditor(QsciScintilla *editor, QsciLexer *lexer);

QColor callKindColor(CallKind kind);
// A small rounded badge with the kind's short name, used as the method's icon.
QIcon callKindIcon(CallKind kind);
QIcon serviceIcon();
// The application style's standard icon, shared by every caller and read from its image
// files only when it is first drawn (StandardIcon.cpp).
QIcon standardIcon(QStyle::StandardPixmap which);
// The workbench's own icons for its main actions, drawn at any size without reading a file
// (GlyphIcon.cpp).
enum class Glyph { Send, Stop, Reload, Import, Open, Connect, Close };
QIcon glyphIcon(Glyph glyph);
// `base` (which it owns) with its standard icons deferred as standardIcon's are, and a tab's
// close button drawn as Glyph::Close.
QStyle *deferringIconsStyle(QStyle *base);
QSize badgeSize();
// Green for OK, amber for cancellations and deadlines, red otherwise.
QColor statusColor(int code);
QColor errorColor();
QColor mutedTextColor();
// The background of a notice bar (a file changed on disk, drafts recovered): a soft amber.
QColor noticeColor();

} // namespace Theme

} // namespace wirescope
