"""K14: contrast computed from the theme colours (WCAG 2 relative luminance)."""

from __future__ import annotations

import pytest

from kiosk.themes import DEFAULT, FOCUS_PAIRS, HIGH_CONTRAST, TEXT_PAIRS, THEMES


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("theme_name", "minimum"), [(DEFAULT, 4.5), (HIGH_CONTRAST, 7.0)])
def test_text_contrast(theme_name: str, minimum: float) -> None:
    colours = next(t for t in THEMES if t.name == theme_name).variables
    for foreground, background in TEXT_PAIRS:
        ratio = contrast(colours[foreground], colours[background])
        assert ratio >= minimum, f"{theme_name}: {foreground} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme_name", [DEFAULT, HIGH_CONTRAST])
def test_focus_indicator_contrast(theme_name: str) -> None:
    colours = next(t for t in THEMES if t.name == theme_name).variables
    for focus, around in FOCUS_PAIRS:
        assert contrast(colours[focus], colours[around]) >= 3.0, (theme_name, focus, around)


async def test_the_app_uses_these_colours() -> None:
    from kiosk.app import make_app
    from kiosk.config import KioskSettings

    app = make_app(KioskSettings(backend_url="http://127.0.0.1:9", speech=False))
    async with app.run_test(size=(80, 24)) as pilot:
        variables = app.get_css_variables()
        assert variables["kiosk-bg"].lower() == "#0f1d2b"
        app.theme = HIGH_CONTRAST
        await pilot.pause()
        assert app.get_css_variables()["kiosk-bg"].lower() == "#000000"
