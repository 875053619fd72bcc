"""`madoguchi a11y …` as an operator runs it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import MADOGUCHI, madoguchi_env


def run(args: list[str], tmp_path: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MADOGUCHI, "a11y", *args], env=madoguchi_env(tmp_path), capture_output=True,
                          text=True, timeout=120, input=stdin)


def test_furigana_ruby_lines(tmp_path: Path) -> None:
    result = run(["furigana", "伊那市で4月1日に受け付けます"], tmp_path)
    assert result.returncode == 0, result.stderr
    ruby, base = result.stdout.splitlines()
    assert ruby.split() == ["いなし", "しがつ", "ついたち", "う", "つ"]
    assert base.split() == ["伊那市で", "4月", "1日", "に受け付けます"]
    assert ruby.startswith("いなし") and base.startswith("伊那市")  # the reading sits over its word


def test_furigana_inline_with_grade(tmp_path: Path) -> None:
    result = run(["furigana", "--style", "inline", "--above-grade", "6", "市役所で紛失届を出す"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "市役所で紛失（ふんしつ）届を出す"


def test_check_reports_positions_rules_and_fails_on_errors(tmp_path: Path) -> None:
    text = "本日は17時まで受け付けます。\n遺失届を提出していただきます。\n"
    result = run(["check", "-"], tmp_path, stdin=text)
    assert result.returncode == 1
    assert "jReadability: not scored" in result.stdout
    assert "1:4: error [24-hour-time] 「17時」" in result.stdout and "午後5時" in result.stdout
    assert "2:9: error [keigo] 「いただき」" in result.stdout


def test_check_passes_plain_text_from_a_file(tmp_path: Path) -> None:
    source = tmp_path / "plain.txt"
    source.write_text("カードを なくしました。警察に 行って ください。", encoding="utf-8")
    result = run(["check", str(source)], tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 error(s), 0 warning(s)")
