"""The prefecture layer: values a whole prefecture shares, beneath each municipality's own, checked
like every content file and rendered into each municipality's release (issue #16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidance.loader import load_content
from guidance.model import ContentError
from guidance.release import render_release

UNION = "elderly_insurance_union"
OVER_75 = "outcome_elderly"


def _steps(document: dict[str, object], register: str) -> list[str]:
    flow = document["flows"]["health_insurance"]  # type: ignore[index]
    return list(flow["nodes"][OVER_75]["text"][register]["steps"])


def test_both_sample_municipalities_take_the_sample_prefectures_line() -> None:
    content = load_content(Path("content"))
    prefecture = content.prefectures["sample_pref"]
    assert prefecture.name == "みほん県" and prefecture.sample
    line = prefecture.values[UNION]
    for code in ("demo", "sample_kita"):
        municipality = content.municipalities[code]
        assert municipality.prefecture == "sample_pref" and municipality.values[UNION] == line
        assert UNION not in _own_keys(Path("content/municipalities") / f"{code}.toml")
        document = render_release(content, code)
        for register in ("standard", "plain"):
            assert any(line in step for step in _steps(document, register)), (code, register)
    # Each keeps its own office beside the shared line.
    assert content.municipalities["demo"].values["office_name"] != content.municipalities["sample_kita"].values[
        "office_name"]


def _own_keys(path: Path) -> set[str]:
    values = path.read_text(encoding="utf-8").split("[values]", 1)[1]
    return set(re.findall(r"^(\w+) =", values, flags=re.MULTILINE))


def test_a_municipalitys_own_value_wins_and_a_prefecture_change_reaches_the_others(content_copy: Path) -> None:
    kita = content_copy / "municipalities" / "sample_kita.toml"
    kita.write_text(kita.read_text(encoding="utf-8") + f'{UNION} = "きたみほん町の 窓口で 聞けます（サンプル）"\n',
                    encoding="utf-8")
    pref = content_copy / "prefectures" / "sample_pref.toml"
    pref.write_text(pref.read_text(encoding="utf-8").replace("000-0000-0300", "000-0000-0301"), encoding="utf-8")
    content = load_content(content_copy)
    assert content.municipalities["sample_kita"].values[UNION] == "きたみほん町の 窓口で 聞けます（サンプル）"
    assert "000-0000-0301" in content.municipalities["demo"].values[UNION]
    assert "000-0000-0301" in content.municipalities["sample_kita"].inherited[UNION]  # still known beneath


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda text: text.replace('prefecture = "sample_pref"', 'prefecture = "no_such_pref"'),
     "prefecture 'no_such_pref' has no file in prefectures/"),
    (lambda text: text.replace("sample = true", "sample = false").replace("（サンプル", "（"),
     "a real municipality cannot take the values of the sample prefecture"),
])
def test_a_bad_prefecture_is_named_with_its_file_and_line(content_copy: Path, edit: object, expected: str) -> None:
    path = content_copy / "municipalities" / "sample_kita.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    found = [p for p in caught.value.problems if expected in p.message]
    assert found and found[0].path == path and found[0].line > 0, caught.value.problems


def test_without_its_prefecture_a_municipality_lacks_the_line_and_the_check_says_so(content_copy: Path) -> None:
    path = content_copy / "municipalities" / "sample_kita.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('prefecture = "sample_pref"', ""), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    assert any(f"'{{{UNION}}}' has no value for municipality: sample_kita" in p.message
               for p in caught.value.problems), caught.value.problems
