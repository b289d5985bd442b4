#include "model/wire/WirePalette.h"

#include <QColor>
#include <QTest>

#include <cmath>

using namespace wirescope;

namespace {

using Role = WireSpan::Role;

// The hex view's colours as it drew them with QColor before WirePalette existed: this table
// is the specification WirePalette must reproduce without QtGui.
QColor referenceColor(Role role, int fieldNumber, int index, bool dark)
{
    const int hue = int(std::fmod(fieldNumber * 137.508, 360.0));
    const auto shade = [dark](int h, double s, double lightLight, double darkLight) {
        return QColor::fromHslF(float(h) / 360.0f, float(s), float(dark ? darkLight : lightLight));
    };
    switch (role) {
    case Role::GrpcFlag:
        return shade(0, 0.0, 0.76, 0.36);
    case Role::GrpcLength:
        return shade(0, 0.0, 0.84, 0.30);
    case Role::Unparsed:
        return shade(0, 0.75, 0.86, 0.28);
    case Role::PastLimit:
        return shade(0, 0.0, 0.90, 0.20);
    case Role::Tag:
    case Role::EndGroup:
        return shade(hue, 0.75, 0.72, 0.40);
    case Role::Length:
        return shade(hue, 0.65, 0.81, 0.31);
    case Role::Element:
        return index % 2 ? shade(hue, 0.6, 0.83, 0.27) : shade(hue, 0.6, 0.89, 0.22);
    default:
        return fieldNumber > 0 ? shade(hue, 0.6, 0.89, 0.22) : shade(0, 0.0, 0.93, 0.20);
    }
}

const QList<Role> &allRoles()
{
    static const QList<Role> roles {Role::Field, Role::Tag, Role::Length, Role::Value, Role::Element,
        Role::EndGroup, Role::GrpcFrame, Role::GrpcFlag, Role::GrpcLength, Role::Unparsed, Role::PastLimit};
    return roles;
}

int channelDistance(QRgb a, QRgb b)
{
    return qMax(qMax(qAbs(qRed(a) - qRed(b)), qAbs(qGreen(a) - qGreen(b))), qAbs(qBlue(a) - qBlue(b)));
}

} // namespace

// WirePalette computes the hex view's colours without QtGui, for the exported documents;
// QColor is the reference it must agree with.
class WirePaletteTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesQColor();
    void knownColours();
    void cssColorIsHashRrggbb();
};

void WirePaletteTest::matchesQColor()
{
    int compared = 0;
    int exact = 0;
    for (const Role role : allRoles()) {
        for (int field = 0; field <= 40; ++field) {
            for (int index = 0; index <= 1; ++index) {
                for (const bool dark : {false, true}) {
                    const QRgb expected = referenceColor(role, field, index, dark).rgba();
                    const quint32 actual = WirePalette::rgb(role, field, index, dark);
                    QVERIFY2(channelDistance(expected, actual) <= 1 && qAlpha(actual) == 255,
                        qPrintable(QStringLiteral("role %1, field %2, index %3, dark %4: %5, QColor %6")
                                       .arg(int(role))
                                       .arg(field)
                                       .arg(index)
                                       .arg(dark)
                                       .arg(WirePalette::cssColor(actual), QColor(expected).name())));
                    ++compared;
                    exact += expected == actual ? 1 : 0;
                }
            }
        }
    }
    QCOMPARE(compared, 11 * 41 * 2 * 2);
    // The same rounding as QColor's: off by one anywhere means the arithmetic drifted.
    QCOMPARE(exact, compared);
}

void WirePaletteTest::knownColours()
{
    // Worked out by hand from the HSL formulas, independently of QColor.
    QCOMPARE(WirePalette::cssColor(WirePalette::rgb(Role::GrpcFlag, 0, 0, false)), QStringLiteral("#c2c2c2"));
    QCOMPARE(WirePalette::cssColor(WirePalette::rgb(Role::GrpcFlag, 0, 0, true)), QStringLiteral("#5c5c5c"));
    QCOMPARE(WirePalette::cssColor(WirePalette::rgb(Role::Tag, 1, 0, false)), QStringLiteral("#82eda0"));
    QCOMPARE(WirePalette::cssColor(WirePalette::rgb(Role::Tag, 1, 0, true)), QStringLiteral("#1ab245"));
    QCOMPARE(WirePalette::cssColor(WirePalette::rgb(Role::EndGroup, 3, 0, false)), QStringLiteral("#eddf82"));
    // Packed elements alternate shades; a value outside any field is grey.
    QVERIFY(WirePalette::rgb(Role::Element, 5, 0, false) != WirePalette::rgb(Role::Element, 5, 1, false));
    QCOMPARE(WirePalette::rgb(Role::Element, 5, 2, false), WirePalette::rgb(Role::Element, 5, 0, false));
    const quint32 grey = WirePalette::rgb(Role::Value, 0, 0, false);
    QCOMPARE(qRed(grey), qGreen(grey));
    QCOMPARE(qGreen(grey), qBlue(grey));
}

void WirePaletteTest::cssColorIsHashRrggbb()
{
    QCOMPARE(WirePalette::cssColor(0xff0a0b0cu), QStringLiteral("#0a0b0c"));
    QCOMPARE(WirePalette::cssColor(0x00000000u), QStringLiteral("#000000"));
    QCOMPARE(WirePalette::cssColor(0x80ffffffu), QStringLiteral("#ffffff"));
}

QTEST_GUILESS_MAIN(WirePaletteTest)
#include "WirePaletteTest.moc"
