"""What every kiosk screen owes a resident (issue 12), as checks on the screen Textual drew.

Each check reads the rendered strips, not the code's own idea of the layout:

- every option of the step is on screen, whole, with its number drawn;
- text that does not fit above the options is announced by a numbered "more text" option;
- no text is cut: each text widget, rendered at its full size, holds every character of its
  text (an option label may end in "…": the whole label is read aloud);
- no word is split: in languages written with spaces every token drawn is a token of the text;
  in Japanese and Chinese no line starts with closing punctuation (禁則), and plain Japanese,
  written with spaces between words (分かち書き), breaks only at those spaces;
- no line is wider than the terminal draws it;
- hints name keys that the active key map binds.

``Finding`` values are collected rather than asserted one by one, so one run reports them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button

from accessibility.linebreak import cell_width
from kiosk.screens.layout import TextPane
from kiosk.widgets.choices import MORE, Choices
from kiosk.widgets.key_bar import KeyBar

SPACELESS = {"ja", "zh_Hans"}
"""Languages written without spaces between words: lines may break between characters."""
CLOSING = set("。、，．）」』】〕〉》！？：；ー…ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ,.)!?:;")
"""Characters a line must not start with in Japanese and Chinese (JIS X 4051 行頭禁則, the
small kana included as in strict line breaking)."""
DRAWING = re.compile(r"[\u2500-\u259f]")
"""Box drawing and block elements: borders, not text."""
CJK_SPLIT = re.compile(r"\s+|([\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])")
NUMBERING = re.compile(r"^\d+[.:]?$")


@dataclass(frozen=True)
class Finding:
    where: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.rule}: {self.detail}"


def strip_text(strip: Strip, *, dim: bool = False) -> str:
    """A rendered line's text; with ``dim`` False, furigana rows (drawn dim) are left out.
    Textual draws "dim" as a blended colour and leaves ``dim=False`` on the segment, where text
    never styled dim has ``dim=None``."""
    return "".join(seg.text for seg in strip if dim or not (seg.style and seg.style.dim is not None))


def screen_lines(widget: Widget) -> list[str]:
    """The whole screen as drawn."""
    return [strip_text(strip, dim=True) for strip in widget.screen._compositor.render_strips()]


def full_lines(widget: Widget) -> tuple[list[str], list[str]]:
    """``widget`` rendered at its full size (inside a scrolling pane too): (base lines, all lines).
    Base lines leave out the dim furigana rows."""
    width, height = widget.outer_size
    strips = widget.render_lines(Region(0, 0, width, height)) if width and height else []
    base = [DRAWING.sub(" ", strip_text(s)).rstrip() for s in strips]
    every = [strip_text(s, dim=True).rstrip() for s in strips]
    return [line for line, full in zip(base, every, strict=True) if line.strip() or not full.strip()], every


def fully_visible(widget: Widget) -> bool:
    """On screen, and not clipped by any scrolling ancestor."""
    region = widget.region
    if not region or not widget.display or not widget.screen.region.contains_region(region):
        return False
    return all(ancestor.region.contains_region(region) for ancestor in widget.ancestors
               if isinstance(ancestor, Widget) and ancestor.is_scrollable)


def source_text(widget: Widget) -> str:
    """The text a widget was given, before wrapping."""
    if isinstance(widget, Button):
        return str(getattr(widget, "full_label", widget.label))
    plain = getattr(widget, "plain", None)
    if isinstance(plain, str):
        return plain
    return str(widget.render())


def _squash(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", text) if not ch.isspace())


def check_text(widget: Widget, language: str, plain: bool, where: str) -> list[Finding]:
    """No character cut, no word split, in one text widget."""
    source = source_text(widget).replace("\u00a0", " ")
    lines, _every = full_lines(widget)
    lines = [line.replace("\u00a0", " ").strip() for line in lines]
    lines = [line for line in lines if line]
    if isinstance(widget, Button):
        lines = [re.sub(r"^\d+\s\s?", "", line) if i == 0 else line for i, line in enumerate(lines)]
        source = re.sub(r"^\d+\s\s?", "", source)
    if not source.strip() or not lines:
        return []
    findings: list[Finding] = []
    drawn = _squash("".join(lines))
    wanted = _squash(re.sub(r"(?m)^\s*", "", source))
    label = type(widget).__name__ + (f"#{widget.id}" if widget.id else "")
    ellipsis = drawn.endswith("…") and not wanted.endswith("…")
    numbered = bool(getattr(widget, "_items", ()))
    if numbered:
        lines = _without_item_numbers(lines)
        drawn = _squash("".join(lines))
    if ellipsis:
        if not wanted.startswith(drawn[:-1]):
            findings.append(Finding(where, "cut", f"{label}: {drawn!r} is not the start of {wanted!r}"))
    elif drawn != wanted:
        at = next((i for i, (a, b) in enumerate(zip(drawn, wanted, strict=False)) if a != b),
                  min(len(drawn), len(wanted)))
        findings.append(Finding(where, "cut", f"{label}: from character {at} drew {drawn[at - 10:at + 30]!r}, "
                                              f"has {wanted[at - 10:at + 30]!r}"))
    if language in SPACELESS:
        for line in lines[1:]:
            if line[0] in CLOSING:
                findings.append(Finding(where, "kinsoku", f"{label}: a line starts with {line[0]!r}: {line!r}"))
        if plain and language == "ja" and widget.id != "step-sources":
            room = (widget.content_region.width or widget.size.width) - (4 if numbered else 0)
            for tail, head in _breaks_inside_words(lines, source, room, lambda word: natural_width(widget, word)):
                findings.append(Finding(where, "word split", f"{label}: {tail!r} | {head!r}"))
    else:
        tokens = {t.strip("…") for t in _tokens(source)}
        # UAX #14 allows a break after a hyphen or a slash ("e-" | "Tax", "médio/" | "longo"):
        # the parts of such a word, up to and after the mark, are no split.
        parts = {piece for t in tokens for piece in _joined_parts(t)}
        for line in lines:
            for token in _tokens(line):
                bare = token.strip("…")
                whole = bare in tokens or bare in parts
                if bare and not whole and not NUMBERING.match(bare) and not token.endswith("…"):
                    findings.append(Finding(where, "word split", f"{label}: {token!r} in {line!r}"))
    return findings


def _without_item_numbers(lines: list[str]) -> list[str]:
    """A numbered list's lines without its item numbers, 1. 2. 3. in turn (a wrapped line that
    happens to be "188." is text, not a number)."""
    kept, expected = [], 1
    for line in lines:
        match = re.match(r"(\d+)\.(\s+|$)", line)
        if match and int(match.group(1)) == expected:
            line, expected = line[match.end():], expected + 1
        if line:
            kept.append(line)
    return kept


def _joined_parts(token: str) -> set[str]:
    """The pieces a line may break ``token`` into after its hyphens and slashes: 'e-Tax' gives
    'e-', 'Tax', and 'inquiry/answer' gives 'inquiry/', 'answer' (and runs of such pieces)."""
    pieces = re.findall(r"[^-/]+[-/]?|[-/]", token)
    return {"".join(pieces[i:j]) for i in range(len(pieces)) for j in range(i + 1, len(pieces) + 1)}


def _tokens(text: str) -> list[str]:
    """Words, with every Japanese character a token of its own: Japanese inside another
    language's text (an office's name) may break between any two of its characters."""
    return [t for t in CJK_SPLIT.split(text) if t and not t.isspace()]


def natural_width(widget: Widget, word: str) -> int:
    """Cells ``word`` takes on one line of ``widget``: with furigana, each kanji is as wide as
    the wider of itself and its reading."""
    if not getattr(widget, "_furigana", False):
        return cell_width(word)
    rows = widget.app.ruby_rows(word, 10_000, words=True)  # type: ignore[attr-defined]
    return max((cell_width(row) for pair in rows for row in pair), default=0)


def _breaks_inside_words(lines: list[str], source: str, room: int,
                         width_of: Callable[[str], int] = cell_width) -> list[tuple[str, str]]:
    """Where plain Japanese broke a line inside a word (分かち書き puts a space between words,
    and lines break only there): each break is counted in characters of the text without its
    spaces, so the spaces that align furigana over a base line cannot pass for word spaces. A
    word wider than the line itself may be cut."""
    words = source.split()
    ends, total = {0}, 0
    spans: list[tuple[int, int, str]] = []
    for word in words:
        length = len(_squash(word))
        spans.append((total, total + length, word))
        total += length
        ends.add(total)
    found: list[tuple[str, str]] = []
    at = 0
    for previous, line in zip(lines, lines[1:], strict=False):
        at += len(_squash(previous))
        if at in ends:
            continue
        word = next((w for start, end, w in spans if start < at < end), "")
        if width_of(word) > room:
            continue
        found.append((previous.split(" ")[-1], line.split(" ")[0]))
    return found


def check_screen(screen: Widget, *, language: str, plain: bool, option_labels: list[str],
                 active_keys: set[str], where: str) -> list[Finding]:
    """Every rule above, on the screen shown now."""
    findings: list[Finding] = []
    width = screen.size.width
    drawn = screen_lines(screen)
    for line in drawn:
        if cell_width(line) > width:
            findings.append(Finding(where, "too wide", f"{cell_width(line)} > {width}: {line!r}"))
    pinned = screen.query("Choices.pinned")
    choices = pinned.first(Choices) if pinned else None
    if option_labels:
        if choices is None:
            findings.append(Finding(where, "options", "no pinned options"))
            return findings
        own = [b for b in choices.buttons if b.id != f"choice-{MORE}" and b.id != "choice-more"]
        if len(own) != len(option_labels):
            findings.append(Finding(where, "options", f"{len(own)} drawn, the step has {len(option_labels)}"))
        text = "\n".join(drawn)
        for number, button in enumerate(choices.buttons, start=1):
            if not fully_visible(button):
                findings.append(Finding(where, "option hidden", f"{number}: {source_text(button)!r}"))
            elif f"{number}  " not in text:
                findings.append(Finding(where, "option number", f"{number} is not drawn"))
    pane = screen.query(TextPane).first(TextPane) if screen.query(TextPane) else None
    if pane is not None and choices is not None:
        overflows = pane.virtual_size.height > pane.size.height
        if overflows and not choices.more_shown:
            findings.append(Finding(where, "more", "the text runs below the pane and no 'more' option says so"))
    for widget in screen.query("Static, Button"):
        if not widget.display or isinstance(widget, KeyBar) or not widget.size.area:
            continue
        if isinstance(widget, Button) and widget.id == "choice-more":
            continue
        findings += check_text(widget, language, plain, where)
    everything = "\n".join(drawn)
    if re.search(r"\bF1\b", everything) and "f1" not in active_keys:
        findings.append(Finding(where, "hint", "names F1, which the active key map does not bind"))
    return findings
