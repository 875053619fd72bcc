"""The `madoguchi` command's faults: one clear line, a non-zero exit, nothing half-written."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MADOGUCHI, madoguchi_env


def run(args: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MADOGUCHI, *args], env=env, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("args", [[], ["serve"], ["kiosk"], ["devices", "add"], ["content", "check"]])
def test_every_command_explains_itself(args: list[str], tmp_path: Path) -> None:
    result = run([*args, "--help"], madoguchi_env(tmp_path))
    assert result.returncode == 0
    assert "Usage: madoguchi" in result.stdout and len(result.stdout.splitlines()) > 4


def test_malformed_content_stops_the_kiosk_before_any_write(tmp_path: Path, content_copy: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    flow.write_text(flow.read_text(encoding="utf-8").replace('next = "where_lost"', 'next = '), encoding="utf-8")
    data = tmp_path / "data"
    result = run([], madoguchi_env(data, MADOGUCHI_CONTENT_DIR=str(content_copy)))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"madoguchi: {flow}:") and "TOML syntax error" in line
    assert not (data / "madoguchi.sqlite3").exists()


def test_content_check_reports_file_and_line(content_copy: Path, tmp_path: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    flow.write_text(flow.read_text(encoding="utf-8").replace('{ to = "outcome_home" }', '{ to = "outcome_hom" }'),
                    encoding="utf-8")
    result = run(["content", "check", str(content_copy)], madoguchi_env(tmp_path))
    assert result.returncode == 1  # findings
    assert "lost_card.toml:" in result.stderr and "'outcome_hom', which does not exist" in result.stderr
    ok = run(["content", "check"], madoguchi_env(tmp_path))
    assert ok.returncode == 0 and "0 error(s)" in ok.stdout


def test_content_check_exit_2_when_a_file_cannot_be_read(content_copy: Path, tmp_path: Path) -> None:
    (content_copy / "flows" / "lost_card.toml").write_bytes(b"\xff\xfe not utf-8")
    result = run(["content", "check", str(content_copy)], madoguchi_env(tmp_path))
    assert result.returncode == 2 and "not UTF-8 text" in result.stderr


def test_plain_register_rules_are_content_errors_with_lines(content_copy: Path, tmp_path: Path) -> None:
    flow = content_copy / "flows" / "lost_card.toml"
    text = flow.read_text(encoding="utf-8")
    flow.write_text(text.replace("24時間、いつでも 電話が できます。", "24時間、いつでも 電話を していただけます。"),
                    encoding="utf-8")
    line = next(n for n, text in enumerate(flow.read_text(encoding="utf-8").splitlines(), 1)
                if "していただけます" in text)
    result = run(["content", "check", str(content_copy)], madoguchi_env(tmp_path))
    assert result.returncode == 1
    assert f"lost_card.toml:{line}: plain register [keigo]" in result.stderr


def test_sample_values_can_never_go_to_a_real_municipality(content_copy: Path, tmp_path: Path) -> None:
    real = content_copy / "municipalities" / "demo.toml"
    real.write_text(real.read_text(encoding="utf-8").replace("sample = true", "sample = false"), encoding="utf-8")
    result = run(["content", "check", str(content_copy)], madoguchi_env(tmp_path))
    assert result.returncode == 1
    assert "demo.toml:" in result.stderr and "can never be published for a real municipality" in result.stderr


def test_unwritable_data_folder_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run([], madoguchi_env(blocker / "data"))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"madoguchi: cannot write to the data folder {blocker / 'data'}")


def test_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(["serve", "--port", str(port)], madoguchi_env(tmp_path))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line == f"madoguchi: port {port} on 127.0.0.1 is already in use; choose another with --port"
    assert not (tmp_path / "madoguchi.sqlite3").exists()


def test_kiosk_needs_a_device_key(tmp_path: Path) -> None:
    result = run(["kiosk", "--backend", "http://127.0.0.1:9"], madoguchi_env(tmp_path))
    assert result.returncode == 2 and "device key is needed" in result.stderr


def test_unknown_municipality_for_devices(tmp_path: Path) -> None:
    result = run(["devices", "add", "--municipality", "nowhere", "--name", "x"], madoguchi_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == "madoguchi: no municipality with code 'nowhere'"


def test_an_edited_content_file_is_checked_again_before_the_kiosk_starts(tmp_path: Path, content_copy: Path) -> None:
    """Unchanged content that passed the check is not re-checked before the first screen; any
    change to a content file is."""
    script = ("import sys\nfrom madoguchi import embedded\nfrom guidance.model import ContentError\n"
              "try:\n    kiosk = embedded.build('demo')\n    kiosk.server.stop()\n    print('built')\n"
              "except ContentError as error:\n    print('refused', error.problems[0])\n")
    env = madoguchi_env(tmp_path / "data", MADOGUCHI_CONTENT_DIR=str(content_copy))
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert first.stdout.strip() == "built", first.stderr
    assert (tmp_path / "data" / "content-checked.json").exists()
    flow = content_copy / "flows" / "lost_card.toml"
    flow.write_text(flow.read_text(encoding="utf-8").replace('next = "where_lost"', 'next = "gone"'), encoding="utf-8")
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert second.stdout.startswith("refused") and "'gone', which does not exist" in second.stdout


@pytest.mark.database
def test_staff_add_refuses_a_weak_password_and_makes_no_account(tmp_path: Path) -> None:
    """Staff accounts see residents' phone numbers: AUTH_PASSWORD_VALIDATORS apply to them."""
    from tests.conftest import live_database

    live_database(tmp_path)
    add = ["staff", "add", "--municipality", "demo", "--username", "hoken1"]
    for weak in ("password", "1234567890", "short-pw", "hoken1hoken"):  # common, numeric, short, the name
        refused = run(add, madoguchi_env(tmp_path, MADOGUCHI_STAFF_PASSWORD=weak), timeout=120)
        assert refused.returncode == 2, refused.stderr
        assert refused.stderr.startswith("madoguchi: the password is too weak: ") and "Traceback" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    added = run(add, madoguchi_env(tmp_path, MADOGUCHI_STAFF_PASSWORD="kita-no-hoken-center"), timeout=120)
    assert added.returncode == 0, added.stderr
    again = run(add, madoguchi_env(tmp_path, MADOGUCHI_STAFF_PASSWORD="kita-no-hoken-center"), timeout=120)
    assert again.returncode == 2 and "already exists" in again.stderr  # the weak tries made no account either
