#pragma once

// QScintilla's headers use the bare `signals` and `slots` keywords, which the project turns
// off with QT_NO_KEYWORDS. Every QScintilla include goes through here instead.
#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define WIRESCOPE_QSCI_KEYWORDS
#endif

#include <Qsci/qsciapis.h>
#include <Qsci/qscilexercpp.h>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>

#ifdef WIRESCOPE_QSCI_KEYWORDS
#undef signals
#undef slots
#undef WIRESCOPE_QSCI_KEYWORDS
#endif
