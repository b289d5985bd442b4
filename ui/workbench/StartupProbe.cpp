#include "ui/workbench/StartupProbe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>
#include <QWindow>

#include <chrono>
#include <cstdio>
#include <utility>

namespace wirescope {

void StartupProbe::watch(QWidget *window, ReadyCheck usable)
{
    QByteArray path = qgetenv("WIRESCOPE_STARTUP_PROBE");
    if (path.isEmpty())
        return;
    window->winId(); // show() made the native window; this makes it if it did not
    new StartupProbe(window, std::move(usable), std::move(path)); // the window owns it
}

StartupProbe::StartupProbe(QWidget *window, ReadyCheck usable, QByteArray path)
    : QObject(window)
    , m_window(window)
    , m_handle(window->windowHandle())
    , m_usable(std::move(usable))
    , m_path(std::move(path))
{
    // The first frame is painted when the window is exposed, later ones on the update
    // requests widgets post to their top-level widget.
    m_handle->installEventFilter(this);
    m_window->installEventFilter(this);
}

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    const bool paints = (watched == m_handle && event->type() == QEvent::Expose)
        || (watched == m_window && event->type() == QEvent::UpdateRequest);
    if (!paints)
        return false;
    // Delivered here rather than after the filter: handling it paints every widget and flushes
    // the frame, so the time taken afterwards is when the frame reached the screen.
    watched->event(event);
    if (m_handle->isExposed())
        onFrame();
    return true;
}

void StartupProbe::onFrame()
{
    if (!std::exchange(m_painted, true))
        record(m_path, "first-paint");
    if (!m_usable) {
        finish();
    } else if (m_usable()) {
        record(m_path, "usable");
        finish();
    }
}

void StartupProbe::mark(const char *step)
{
    const QByteArray path = qgetenv("WIRESCOPE_STARTUP_PROBE");
    if (!path.isEmpty())
        record(path, step);
}

void StartupProbe::record(const QByteArray &path, const char *milestone)
{
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
    const bool toStderr = path == "-";
    std::FILE *out = toStderr ? stderr : std::fopen(path.constData(), "a");
    if (!out)
        return;
    std::fprintf(out, "%s %lld\n", milestone, ns);
    if (toStderr)
        std::fflush(out);
    else
        std::fclose(out);
}

void StartupProbe::finish()
{
    m_handle->removeEventFilter(this);
    m_window->removeEventFilter(this);
    if (qgetenv("WIRESCOPE_STARTUP_PROBE_EXIT") == "1")
        QTimer::singleShot(0, qApp, [] { QCoreApplication::quit(); });
    deleteLater();
}

} // namespace wirescope
