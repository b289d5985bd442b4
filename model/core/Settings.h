#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

class QSettings;

namespace wirescope {

// Every setting Wirescope keeps, typed, with its default, in one place. The settings file
// lives in the platform's config folder (tests point it elsewhere with
// QStandardPaths::setTestModeEnabled); this is the only class that asks QStandardPaths.
class Settings final : public QObject {
    Q_OBJECT

public:
    // A request tab as it is restored at the next launch.
    struct OpenTab {
        QString method; // "pkg.Service/Method"
        QString body;
        QString origin; // the saved request's path in the open collection; empty for a scratch tab
        // Where a scratch tab's method was defined, so a restart loads it again.
        QStringList protoFiles;
        QStringList importPaths;
        QString protoset;
        bool operator==(const OpenTab &other) const = default;
    };

    static constexpr int MaxRecentTargets = 12;
    static constexpr int MaxRecentCollections = 8;

    explicit Settings(QObject *parent = nullptr); // the user's settings file
    explicit Settings(const QString &filePath, QObject *parent = nullptr);
    ~Settings() override;
    Q_DISABLE_COPY_MOVE(Settings)

    static QString defaultFilePath();
    // The user's data folder (history, drafts, the demo collection's copy).
    static QString dataDirectory();
    // Where file dialogs start when nothing has been opened yet.
    static QString documentsDirectory();
    QString filePath() const;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    QStringList recentTargets() const;
    // Moves `target` to the front, keeping at most MaxRecentTargets.
    void addRecentTarget(const QString &target);

    // Collection folders, most recent first; the first one reopens at launch unless it was
    // closed (openCollection() is then empty).
    QStringList recentCollections() const;
    void addRecentCollection(const QString &directory);
    void removeRecentCollection(const QString &directory);
    QString openCollection() const;
    void setOpenCollection(const QString &directory);
    // The environment last chosen for a collection (by its folder); empty for none chosen.
    QString activeEnvironment(const QString &collectionDirectory) const;
    void setActiveEnvironment(const QString &collectionDirectory, const QString &environment);
    // Set once the demo collection was put in place, so deleting it later is respected.
    bool demoCollectionInstalled() const;
    void setDemoCollectionInstalled(bool installed);
    // Set once the first-run tour was shown (or skipped).
    bool tourShown() const;
    void setTourShown(bool shown);

    QList<OpenTab> openTabs() const;
    void setOpenTabs(const QList<OpenTab> &tabs);
    int currentTab() const;
    void setCurrentTab(int index);

    QStringList importPaths() const;
    void setImportPaths(const QStringList &paths);
    QString lastDirectory() const;
    void setLastDirectory(const QString &directory);

    // How many streamed messages the response body renders at once (the rest are listed).
    int responseRenderLimit() const;
    void setResponseRenderLimit(int count);
    // How many of a call's newest messages keep their bytes in the frames view; 0 keeps all.
    int keepFullFrames() const;
    void setKeepFullFrames(int count);

    void sync();

Q_SIGNALS:
    void changed(const QString &key);

private:
    QVariant value(const QString &key) const;
    void setValue(const QString &key, const QVariant &value);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace wirescope
