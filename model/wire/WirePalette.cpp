#include "model/wire/WirePalette.h"

#include <cmath>

namespace wirescope::WirePalette {

namespace {

using Role = WireSpan::Role;

// QColor keeps 16 bits a channel and hue in hundredths of a degree; the conversion below
// rounds where QColor rounds, in single precision as QColor computes, so a colour made here
// is the very colour QColor::fromHslF(...).rgba() gives and the hex view and an exported
// document never differ by a shade.
constexpr int kChannelMax = 65535;
constexpr int kHueSteps = 36000;

// 16 bits to 8, rounded to nearest (257 is odd, so there are no ties).
quint32 to8Bits(int channel)
{
    return quint32((channel + 128) / 257);
}

// One channel of HSL to RGB: `t` is the hue shifted by a third of the wheel for red and
// blue, `low` and `high` the channel's extremes for this saturation and lightness.
int channel(float low, float high, float t)
{
    if (t < 0.0f)
        t += 1.0f;
    else if (t > 1.0f)
        t -= 1.0f;
    const float sixT = t * 6.0f;
    float value = low;
    if (sixT < 1.0f)
        value = low + (high - low) * sixT;
    else if (t * 2.0f < 1.0f)
        value = high;
    else if (t * 3.0f < 2.0f)
        value = low + (high - low) * (2.0f / 3.0f - t) * 6.0f;
    const int rounded = qRound(value * kChannelMax);
    return rounded == 1 ? 0 : rounded; // QColor drops this last bit of rounding noise
}

quint32 fromHsl(float hue, float saturation, float lightness)
{
    int hueSteps = qRound(hue * float(kHueSteps));
    if (hueSteps == kHueSteps)
        hueSteps = 0;
    const int s = qRound(saturation * kChannelMax);
    const int l = qRound(lightness * kChannelMax);
    int rgb[3] = {l, l, l}; // grey when there is no saturation
    if (s != 0 && l == 0) {
        rgb[0] = rgb[1] = rgb[2] = 0;
    } else if (s != 0) {
        const float h = float(hueSteps) / float(kHueSteps);
        const float sf = float(s) / float(kChannelMax);
        const float lf = float(l) / float(kChannelMax);
        const float high = lf < 0.5f ? lf * (1.0f + sf) : lf + sf - (lf * sf);
        const float low = (2.0f * lf) - high;
        const float third = 1.0f / 3.0f;
        rgb[0] = channel(low, high, h + third);
        rgb[1] = channel(low, high, h);
        rgb[2] = channel(low, high, h - third);
    }
    return 0xff000000u | (to8Bits(rgb[0]) << 16) | (to8Bits(rgb[1]) << 8) | to8Bits(rgb[2]);
}

// A shade of a hue: one lightness on a light background, another on a dark one.
quint32 shade(int hue, double saturation, double lightLightness, double darkLightness, bool dark)
{
    return fromHsl(float(hue) / 360.0f, float(saturation), float(dark ? darkLightness : lightLightness));
}

} // namespace

quint32 rgb(WireSpan::Role role, int fieldNumber, int index, bool dark)
{
    // Golden-angle steps keep neighbouring field numbers far apart on the colour wheel.
    int hue = int(std::fmod(fieldNumber * 137.508, 360.0));
    if (hue < 0) // a field number read from a hostile tag; QColor would refuse the hue
        hue += 360;
    switch (role) {
    case Role::GrpcFlag:
        return shade(0, 0.0, 0.76, 0.36, dark);
    case Role::GrpcLength:
        return shade(0, 0.0, 0.84, 0.30, dark);
    case Role::Unparsed:
        return shade(0, 0.75, 0.86, 0.28, dark);
    case Role::PastLimit:
        return shade(0, 0.0, 0.90, 0.20, dark);
    case Role::Tag:
    case Role::EndGroup:
        return shade(hue, 0.75, 0.72, 0.40, dark);
    case Role::Length:
        return shade(hue, 0.65, 0.81, 0.31, dark);
    case Role::Element:
        return index % 2 ? shade(hue, 0.6, 0.83, 0.27, dark) : shade(hue, 0.6, 0.89, 0.22, dark);
    default:
        return fieldNumber > 0 ? shade(hue, 0.6, 0.89, 0.22, dark) : shade(0, 0.0, 0.93, 0.20, dark);
    }
}

QString cssColor(quint32 rgb)
{
    return QStringLiteral("#%1").arg(rgb & 0xffffffu, 6, 16, QLatin1Char('0'));
}

} // namespace wirescope::WirePalette
