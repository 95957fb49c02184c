"""The plan cache: a plan read again from the cache is the plan its text gives, an edited text is never served
stale, and nothing wrong with the cache ever stops a command or changes its output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from addin.plan import cache
from addin.plan.model import PLANS_DIR, PlanSourceError, load_plan
from tests.conftest import FIXTURES, ROOT, SOCIAL


@pytest.fixture
def cache_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def _plan_copy(tmp_path: Path, src: Path = FIXTURES / "mini-plan") -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(src, folder)
    return folder


def _entries(cache_folder: Path) -> list[Path]:
    return sorted((cache_folder / "plans").glob("*.pickle"))


def _counting_loader():
    calls = []

    def load(folder):
        calls.append(folder)
        return load_plan(folder)
    return load, calls


@pytest.mark.parametrize("plan_id", [SOCIAL, "plani-rom-egjiptian-2024-2027"])
def test_a_plan_from_the_cache_equals_the_plan_read_from_its_text(cache_folder, plan_id):
    folder = PLANS_DIR / plan_id
    load, calls = _counting_loader()
    first = cache.cached_plan(folder, load)
    again = cache.cached_plan(folder, load)
    assert calls == [folder]  # the second time from the cache
    assert again is not first and again == load_plan(folder)
    assert [dict(vars(a)) for a in again.activities] == [dict(vars(a)) for a in load_plan(folder).activities]
    assert len(_entries(cache_folder)) == 1


def test_an_edited_plan_text_is_read_again_even_when_saved_at_once_with_the_same_size(cache_folder, tmp_path):
    folder = _plan_copy(tmp_path)
    load, calls = _counting_loader()
    before = cache.cached_plan(folder, load)
    path = folder / "activities.csv"
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    edited = text.replace("Aktiviteti dy", "Aktiviteti DY", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same size and time: only the bytes differ
    after = cache.cached_plan(folder, load)
    assert len(calls) == 2
    assert [a.activity for a in after.activities] != [a.activity for a in before.activities]
    assert after == load_plan(folder)
    assert len(_entries(cache_folder)) == 1  # the older entry of the same folder is dropped


def test_entries_not_kept_for_a_month_are_dropped_when_another_is_kept(cache_folder, tmp_path):
    import time

    old = cache_folder / "plans" / "0123456789abcdef0123-feed.pickle"
    recent = cache_folder / "plans" / "fedcba9876543210fedc-beef.pickle"
    old.parent.mkdir(parents=True)
    for entry in (old, recent):
        entry.write_bytes(b"an entry of a plan folder long gone")
    month_ago = time.time() - (cache.KEEP_DAYS + 1) * 86400
    os.utime(old, (month_ago, month_ago))
    cache.cached_plan(_plan_copy(tmp_path), load_plan)
    assert not old.exists() and recent.exists()
    assert len(_entries(cache_folder)) == 2


def test_a_plan_text_with_an_error_is_reported_each_time_and_never_kept(cache_folder, tmp_path):
    folder = _plan_copy(tmp_path)
    (folder / "indicators.csv").write_text("not,the,header\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PlanSourceError, match="indicators.csv"):
            cache.cached_plan(folder, load_plan)
    assert _entries(cache_folder) == []


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95garbage", "other-object"])
def test_a_damaged_or_foreign_cache_entry_is_read_past_and_replaced(cache_folder, tmp_path, damage):
    import pickle

    folder = _plan_copy(tmp_path)
    cache.cached_plan(folder, load_plan)
    [entry] = _entries(cache_folder)
    entry.write_bytes(pickle.dumps({"a": "dict"}) if damage == "other-object" else damage)
    load, calls = _counting_loader()
    assert cache.cached_plan(folder, load) == load_plan(folder)
    assert len(calls) == 1
    assert cache.cached_plan(folder, load) == load_plan(folder) and len(calls) == 1  # kept again, whole


def test_a_cache_folder_that_cannot_be_written_only_means_reading_the_text(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))  # under a file: nothing can be made there
    folder = _plan_copy(tmp_path)
    load, calls = _counting_loader()
    assert cache.cached_plan(folder, load) == load_plan(folder)
    assert cache.cached_plan(folder, load) == load_plan(folder)
    assert len(calls) == 2
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("value", ["off", "0", "", "NO"])
def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, value):
    monkeypatch.setenv(cache.CACHE_ENV, value)
    assert cache.cache_dir() is None
    folder = _plan_copy(tmp_path)
    load, calls = _counting_loader()
    cache.cached_plan(folder, load)
    cache.cached_plan(folder, load)
    assert len(calls) == 2


def test_the_default_cache_folder_is_the_users_own(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if os.name == "nt" or sys.platform == "darwin":
        pytest.skip("the folder of Linux is tested here")
    assert cache.cache_dir() == tmp_path / "xdg" / "matrica"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # not absolute: ignored, as the XDG rules say
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "matrica"


def test_without_a_home_folder_the_plan_is_read_from_its_text(tmp_path, monkeypatch):
    def no_home(cls=None):
        raise RuntimeError("Could not determine home directory.")

    for name in (cache.CACHE_ENV, "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", classmethod(no_home))
    folder = _plan_copy(tmp_path)
    assert cache.cached_plan(folder, load_plan) == load_plan(folder)


def test_a_command_gives_the_same_output_with_a_cold_a_warm_and_no_cache(tmp_path, examples):
    def summary(value: str) -> str:
        env = {**os.environ, cache.CACHE_ENV: value}
        done = subprocess.run([sys.executable, "-m", "addin.cli", "summary", str(examples[SOCIAL]), "--year", "2023",
                               "--format", "json"], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    folder = tmp_path / "cache"
    cold, warm, off = summary(str(folder)), summary(str(folder)), summary("off")
    assert cold == warm == off
    assert len(_entries(folder)) == 2  # the two bundled plans, read when the workbook's plan is looked up
