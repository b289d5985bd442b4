#pragma once

#include <QByteArray>
#include <QObject>

#include <functional>

class QWidget;
class QWindow;

namespace wirescope {

// Startup milestones for the startup benchmark (tests/bench/StartupBench.cpp). With
// WIRESCOPE_STARTUP_PROBE naming a file ("-": stderr) it appends "<milestone> <ns>" lines, ns
// read from std::chrono::steady_clock (CLOCK_MONOTONIC on Linux, so the benchmark can subtract
// its own clock): `first-paint` once the window's first frame is flushed to the screen, and
// `usable` at the first flushed frame in which the ready check holds. With
// WIRESCOPE_STARTUP_PROBE_EXIT=1 the application quits after the last one. Unset, nothing is
// created. The benchmark's bare window compiles this file too, so both are timed alike.
class StartupProbe final : public QObject {
public:
    using ReadyCheck = std::function<bool()>;

    // Call right after `window->show()`. No `usable` check: first-paint is the last milestone.
    static void watch(QWidget *window, ReadyCheck usable = {});
    // A step on the way (the benchmark prints them after the milestones), recorded only when
    // the probe is on.
    static void mark(const char *step);
    Q_DISABLE_COPY_MOVE(StartupProbe)

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    StartupProbe(QWidget *window, ReadyCheck usable, QByteArray path);
    void onFrame();
    static void record(const QByteArray &path, const char *milestone);
    void finish();

    QWidget *m_window;
    QWindow *m_handle;
    ReadyCheck m_usable;
    QByteArray m_path;
    bool m_painted = false;
};

} // namespace wirescope
