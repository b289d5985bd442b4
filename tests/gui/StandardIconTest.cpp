#include "ui/workbench/Theme.h"

#include <QApplication>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QPointer>
#include <QStyleFactory>
#include <QTest>

using namespace wirescope;

// The application style's standard icons are deferred and shared (StandardIcon.cpp): each is
// read from its image files when first drawn, once, however many widgets show it.
class StandardIconTest : public QObject {
    Q_OBJECT

private:
    QPointer<QStyle> m_fusion; // the style the deferring style wraps

    static QImage drawn(const QIcon &icon, int size)
    {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        icon.paint(&painter, QRect(0, 0, size, size));
        return image;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        QVERIFY(fusion);
        m_fusion = fusion;
        QApplication::setStyle(Theme::deferringIconsStyle(fusion));
    }

    void deferredIconDrawsTheStylesPixels_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<int>("size");
        QTest::newRow("play 16") << int(QStyle::SP_MediaPlay) << 16;
        QTest::newRow("trash 32") << int(QStyle::SP_TrashIcon) << 32;
        QTest::newRow("warning 24") << int(QStyle::SP_MessageBoxWarning) << 24;
        QTest::newRow("clear 16") << int(QStyle::SP_LineEditClearButton) << 16;
    }

    void deferredIconDrawsTheStylesPixels()
    {
        QFETCH(int, which);
        QFETCH(int, size);
        const auto pixmap = QStyle::StandardPixmap(which);
        const QIcon deferred = Theme::standardIcon(pixmap);
        const QIcon direct = m_fusion->standardIcon(pixmap);
        QVERIFY(!deferred.isNull());
        const QImage expected = drawn(direct, size);
        QVERIFY(!expected.isNull());
        QCOMPARE(drawn(deferred, size), expected);
        QCOMPARE(deferred.pixmap(size).toImage(), direct.pixmap(size).toImage());
        QCOMPARE(deferred.availableSizes(), direct.availableSizes());
        QCOMPARE(deferred.actualSize(QSize(size, size)), direct.actualSize(QSize(size, size)));
    }

    // Fusion makes a new icon, reading its files again, each time one is asked for; through
    // the application style every caller shares one, Qt's own widgets too.
    void callersShareOneIcon()
    {
        const qint64 first = QApplication::style()->standardIcon(QStyle::SP_DialogOpenButton).cacheKey();
        QCOMPARE(QApplication::style()->standardIcon(QStyle::SP_DialogOpenButton).cacheKey(), first);
        QCOMPARE(Theme::standardIcon(QStyle::SP_DialogOpenButton).cacheKey(), first);
        QVERIFY(m_fusion->standardIcon(QStyle::SP_DialogOpenButton).cacheKey()
            != m_fusion->standardIcon(QStyle::SP_DialogOpenButton).cacheKey());

        QLineEdit edit;
        edit.setClearButtonEnabled(true); // asks the style for SP_LineEditClearButton
        QCOMPARE(edit.style()->standardIcon(QStyle::SP_LineEditClearButton, nullptr, &edit).cacheKey(),
            Theme::standardIcon(QStyle::SP_LineEditClearButton).cacheKey());
    }

    // An icon handed out before the application style was replaced, and never drawn, is drawn
    // by the new style's Fusion (not the deferring style, which would hand back the icon).
    void iconOutlivesItsStyle()
    {
        const QIcon early = Theme::standardIcon(QStyle::SP_DriveHDIcon);
        QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        QVERIFY(fusion);
        QApplication::setStyle(Theme::deferringIconsStyle(fusion)); // deletes the first one
        QVERIFY(m_fusion.isNull());
        m_fusion = fusion;
        QCOMPARE(drawn(early, 16), drawn(fusion->standardIcon(QStyle::SP_DriveHDIcon), 16));
    }

    // Mirrored icons come from the style as they are for a right-to-left widget.
    void rightToLeftIsNotShared()
    {
        QLineEdit edit;
        edit.setLayoutDirection(Qt::RightToLeft);
        const QIcon mirrored = QApplication::style()->standardIcon(QStyle::SP_ArrowBack, nullptr, &edit);
        QVERIFY(mirrored.cacheKey() != Theme::standardIcon(QStyle::SP_ArrowBack).cacheKey());
        QCOMPARE(
            drawn(mirrored, 16), drawn(m_fusion->standardIcon(QStyle::SP_ArrowBack, nullptr, &edit), 16));
    }

    // The workbench's own icons (GlyphIcon.cpp) are drawn at the size and scale asked for,
    // within it, and greyed when disabled.
    void glyphIconsAreDrawnAtAnySize_data()
    {
        QTest::addColumn<int>("glyph");
        QTest::addColumn<int>("size");
        QTest::addColumn<qreal>("scale");
        const QList<std::pair<const char *, Theme::Glyph>> glyphs = {{"send", Theme::Glyph::Send},
            {"stop", Theme::Glyph::Stop}, {"reload", Theme::Glyph::Reload}, {"import", Theme::Glyph::Import},
            {"open", Theme::Glyph::Open}, {"connect", Theme::Glyph::Connect}, {"close", Theme::Glyph::Close}};
        for (const auto &[name, glyph] : glyphs) {
            QTest::addRow("%s 16", name) << int(glyph) << 16 << 1.0;
            QTest::addRow("%s 24 @2x", name) << int(glyph) << 24 << 2.0;
        }
    }

    void glyphIconsAreDrawnAtAnySize()
    {
        QFETCH(int, glyph);
        QFETCH(int, size);
        QFETCH(qreal, scale);
        const QIcon icon = Theme::glyphIcon(Theme::Glyph(glyph));
        QVERIFY(!icon.isNull());
        const QPixmap pixmap = icon.pixmap(QSize(size, size), scale);
        QCOMPARE(pixmap.devicePixelRatio(), scale);
        const QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(image.size(), QSize(size, size) * scale);
        int inked = 0;
        bool edgeInked = false;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                if (qAlpha(image.pixel(x, y)) < 128)
                    continue;
                ++inked;
                edgeInked |= x == 0 || y == 0 || x == image.width() - 1 || y == image.height() - 1;
            }
        }
        const int area = image.width() * image.height();
        QVERIFY2(inked > area / 20 && inked < area * 2 / 3, qPrintable(QString::number(inked)));
        QVERIFY(!edgeInked); // a margin all round, as the style's icons have
        const QImage disabled = icon.pixmap(QSize(size, size), scale, QIcon::Disabled).toImage();
        QVERIFY(disabled.convertToFormat(QImage::Format_ARGB32) != image);
    }

    // A request tab's close button is the drawn cross, for Qt's tab bar too.
    void tabCloseButtonIsTheDrawnCross()
    {
        const QIcon close = QApplication::style()->standardIcon(QStyle::SP_TabCloseButton);
        QCOMPARE(drawn(close, 16), drawn(Theme::glyphIcon(Theme::Glyph::Close), 16));
        QVERIFY(drawn(close, 16) != drawn(m_fusion->standardIcon(QStyle::SP_TabCloseButton), 16));
    }
};

QTEST_MAIN(StandardIconTest)
#include "StandardIconTest.moc"
