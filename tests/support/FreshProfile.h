#pragma once

#include <QProcessEnvironment>
#include <QString>

// How a test or a benchmark starts the workbench binary as on a newcomer's first run. Header
// only: the startup benchmark uses it too, and links nothing of the app's or of the tests'.
namespace wirescope::test {

// The data folder the app keeps its collections and history in, under a profile's HOME.
inline QString profileDataFolder(const QString &profile)
{
    return profile + QStringLiteral("/.local/share/Wirescope/Wirescope");
}

// The system's environment with HOME and the XDG config and data folders inside `profile`
// (empty until the app writes them), on Qt platform `platform`, with the startup probe
// writing its steps to `probeFile` and quitting the app once it is usable.
inline QProcessEnvironment freshProfileEnvironment(
    const QString &profile, const QString &probeFile, const QString &platform)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    env.insert(QStringLiteral("HOME"), profile);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), profile + QStringLiteral("/.config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), profile + QStringLiteral("/.local/share"));
    env.insert(QStringLiteral("WIRESCOPE_STARTUP_PROBE"), probeFile);
    env.insert(QStringLiteral("WIRESCOPE_STARTUP_PROBE_EXIT"), QStringLiteral("1"));
    return env;
}

} // namespace wirescope::test
