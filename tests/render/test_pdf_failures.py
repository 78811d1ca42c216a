"""PDF writing that fails: a full disk is one line and exit 1; SIGTERM and Ctrl-C end every
worker. Real processes: the command line in a subprocess, its workers found in /proc."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import imported_seeds


def project(tmp_path: Path) -> Path:
    shutil.copytree(imported_seeds(), tmp_path / "content")
    return tmp_path


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "build_decks", *args]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH",
                                                           "BUILD_DECKS_DEBUG")}


def limit_files_to(size: int):
    def limit() -> None:  # Python ignores SIGXFSZ: a write past the limit raises EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


@pytest.mark.parametrize("what", ["duplex", "fold"])
def test_a_full_disk_while_writing_pdfs_is_one_line_and_exit_1(tmp_path: Path,
                                                              what: str) -> None:
    """Files may grow to 24 kB (the PDFs are larger; the PDF library once aborted here with
    a C++ exception, exit 134): one line naming the file, exit 1, nothing left behind. (The
    limit holds for every file the process writes; `test_a_really_full_disk` fills dist/.)"""
    folder = project(tmp_path)
    (folder / "dist").mkdir()
    (folder / "dist" / "cheatsheet.pdf").write_bytes(b"the old sheet")
    args = ["pdf", "--cards", what]
    result = subprocess.run(command(*args), cwd=folder, env=environment(), capture_output=True,
                            text=True, timeout=600, preexec_fn=limit_files_to(24_000),
                            check=False)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: dist/"), result.stderr
    assert "File too large" in lines[0] and "Traceback" not in result.stderr
    assert sorted(p.name for p in (folder / "dist").iterdir()) == ["cheatsheet.pdf"]
    assert (folder / "dist" / "cheatsheet.pdf").read_bytes() == b"the old sheet"


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_a_really_full_disk(tmp_path: Path) -> None:
    folder = project(tmp_path)
    dist = tmp_path / "full"
    dist.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(dist)],
                             capture_output=True, check=False)
    if mounted.returncode:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        result = subprocess.run(command("--dist", str(dist), "build"), cwd=folder,
                                env=environment(), capture_output=True, text=True,
                                timeout=600, check=False)
    finally:
        subprocess.run(["umount", str(dist)], check=False)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0], result.stderr


def children(pid: int) -> set[int]:
    """The processes `pid` started (none once it has ended: /proc forgets it)."""
    found = set()
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def descendants(pid: int) -> set[int]:
    """Every process under `pid`: the workers' server and the workers it forked."""
    found = children(pid)
    for child in list(found):
        found |= descendants(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_or_ctrl_c_mid_pdf_ends_every_worker(tmp_path: Path, stop: int,
                                                    code: int) -> None:
    folder = project(tmp_path)
    build = subprocess.Popen(command("pdf"), cwd=folder, env=environment(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 300
    while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
        workers = descendants(build.pid) - children(build.pid)  # forked by the server
        time.sleep(0.02)
    workers |= descendants(build.pid)
    if len(workers) < 2:
        build.kill()
        pytest.skip("the build ended before its workers could be seen")
    time.sleep(0.3)  # mid-layout
    build.send_signal(stop)  # to the build alone, not its process group
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == code, stderr
    assert stderr.strip().splitlines() == ["interrupted; outputs not replaced"]
    time.sleep(0.2)
    assert [pid for pid in workers if alive(pid)] == []
    assert not (folder / "dist").exists() or not list((folder / "dist").iterdir())
