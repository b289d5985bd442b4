#pragma once

#include "model/collection/HistoryListModel.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/collection/HistoryDock.h"
#include "ui/load/LoadPage.h"
#include "ui/request/RequestTab.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

// The Load page driven through its fields and buttons, shared by the tests against the demo
// server (tests/gui) and against third-party servers (tests/interop).
namespace wirescope::GuiTest {

// What a person enters on the Load page.
struct LoadFields {
    LoadPage::Mode mode = LoadPage::ConcurrencyMode;
    double rateOrConcurrency = 4;
    double seconds = 0; // 0: no limit
    int total = 0; // 0: no limit
};

// The current request tab's Load page, brought to the front; null when the tab has none.
inline LoadPage *showLoadPage(const MainWindow &window)
{
    RequestTab *tab = nullptr;
    if (!QTest::qWaitFor(
            [&] { return (tab = qobject_cast<RequestTab *>(currentTab(window))) != nullptr; }, 5000))
        return nullptr;
    LoadPage *page = tab->loadPage();
    page->showPage();
    return page;
}

inline void setPlan(LoadPage *page, const LoadFields &plan)
{
    page->findChild<QComboBox *>(QStringLiteral("loadMode"))->setCurrentIndex(plan.mode);
    if (plan.mode == LoadPage::RateMode)
        page->findChild<QDoubleSpinBox *>(QStringLiteral("loadRate"))->setValue(plan.rateOrConcurrency);
    else
        page->findChild<QSpinBox *>(QStringLiteral("loadConcurrency"))->setValue(int(plan.rateOrConcurrency));
    page->findChild<QDoubleSpinBox *>(QStringLiteral("loadDuration"))->setValue(plan.seconds);
    page->findChild<QSpinBox *>(QStringLiteral("loadTotal"))->setValue(plan.total);
}

inline QPushButton *startButton(LoadPage *page)
{
    return page->findChild<QPushButton *>(QStringLiteral("loadStartButton"));
}

// Starts a run from the page's Start button and waits for it to end.
inline bool runToEnd(LoadPage *page, int timeoutMs = 60000)
{
    if (!QTest::qWaitFor([page] { return startButton(page)->isEnabled(); }, 10000))
        return false;
    QTest::mouseClick(startButton(page), Qt::LeftButton);
    return page->isRunning()
        && QTest::qWaitFor([page] { return !page->isRunning() && page->result().has_value(); }, timeoutMs);
}

// The load runs the history dock lists.
inline int loadEntries(const HistoryDock &dock)
{
    int count = 0;
    for (int row = 0; row < dock.model()->rowCount(); ++row)
        count += dock.model()->index(row, 0).data(HistoryListModel::IsLoadRole).toBool() ? 1 : 0;
    return count;
}

} // namespace wirescope::GuiTest
