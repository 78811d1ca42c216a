"""Hostile and careless files: links out of the content folder at every depth, FIFOs and
devices in place of files, huge files, file names of any bytes, SVG bombs, broken and
missing images. Each ends in one clear line (or a warning, for an image) and never hangs:
every CLI run here has a time limit and is checked for tracebacks."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pypdf
import pytest
from anki_import import fresh_collection, import_package
from PIL import Image
from test_hostile import EPOCH, project

from build_decks import media, reading
from build_decks.errors import ContentError
from build_decks.yamlio import load_yaml

LIMIT = 60  # seconds for any one command: a hang fails the test instead of the suite


def run(*args: str, content: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    environment.pop("BUILD_DECKS_DEBUG", None)
    result = subprocess.run([sys.executable, "-m", "build_decks", "--content", str(content),
                             "--dist", str(content.parent / "dist"), *args],
                            capture_output=True, text=True, env=environment, check=False,
                            timeout=LIMIT)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert "internal error" not in result.stderr, result.stderr
    return result


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


SECRET = "Q: What is the password?\nA: hunter2\n"


def outside(tmp_path: Path) -> Path:
    """A folder beside the content folder, with a document, a deck and an image."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.md").write_text(SECRET, encoding="utf-8")
    (folder / "secret.yaml").write_text("cards:\n- id: s\n  kind: qa\n  topic: testing\n"
                                        "  question: Secret?\n  answer: hunter2\n")
    Image.new("RGB", (8, 8), "red").save(folder / "secret.png")
    return folder


# 4. No path out of the content folder ---------------------------------------------------------

@pytest.mark.parametrize("link", ["sources", "decks", "media", "templates", "topics.yaml",
                                  "config.yaml", "import-lock.json", "anki-lock.json"])
def test_a_linked_top_level_entry_that_leads_out_is_refused(tmp_path: Path, link: str) -> None:
    content = project(tmp_path, **{"notes.md": "Q: Kept?\nA: Yes.\n"})
    assert run("anki", content=content).returncode == 0  # both locks written
    target = content / link
    (content / "templates").mkdir()
    (content / "media").mkdir()
    moved = outside(tmp_path) / link  # the entry itself, moved out and linked back
    target.rename(moved)
    target.symlink_to(moved, target_is_directory=moved.is_dir())
    for command in ("import", "build"):
        result = run(command, content=content)
        assert result.returncode == 1
        assert errors(result) == [f"error: {target}: refused: it leads outside the content "
                                  "folder (a symbolic link?)"], result.stderr
    assert "hunter2" not in "".join(p.read_text(errors="replace") for p in content.rglob("*")
                                    if p.is_file() and not p.is_symlink())


def test_links_out_at_any_depth_are_refused_with_their_path(tmp_path: Path) -> None:
    content = project(tmp_path, **{"notes.md": "Q: Kept?\nA: Yes.\n"})
    elsewhere = outside(tmp_path)
    (content / "sources" / "deep" / "deeper").mkdir(parents=True)
    (content / "sources" / "deep" / "deeper" / "link.md").symlink_to(elsewhere / "secret.md")
    (content / "sources" / "deep" / "folder").symlink_to(elsewhere, target_is_directory=True)
    (content / "decks" / "stolen.yaml").symlink_to(elsewhere / "secret.yaml")
    result = run("import", content=content)
    assert result.returncode == 1
    found = errors(result)
    for path in ("sources/deep/deeper/link.md", "sources/deep/folder"):
        assert f"error: {content / path}: refused: it leads outside content/sources (a symbolic" \
               " link?)" in found, found
    result = run("build", content=content)
    assert f"error: {content / 'decks' / 'stolen.yaml'}: refused: it leads outside the content" \
           " folder (a symbolic link?)" in errors(result)
    (content / "decks" / "stolen.yaml").unlink()
    (content / "media").mkdir(exist_ok=True)
    (content / "media" / "secret.png").symlink_to(elsewhere / "secret.png")
    (content / "sources" / "deep" / "folder").unlink()
    (content / "sources" / "deep" / "deeper" / "link.md").unlink()
    (content / "sources" / "pic.md").write_text("Q: Picture?\nA: ![s](../media/secret.png) and "
                                                f"![t]({elsewhere / 'secret.png'})\n")
    result = run("build", "--import", content=content)
    assert result.returncode == 0
    assert "pic.md:2: missing-image: image '../media/secret.png' is outside the content " \
           "folder" in result.stderr and "is outside the content folder" in result.stderr
    assert not [p for p in (content / "media").iterdir() if not p.is_symlink()]


# 7. Only regular files, each with a size cap ----------------------------------------------

@pytest.mark.parametrize("file", ["decks/notes.yaml", "import-lock.json", "anki-lock.json",
                                  "config.yaml", "topics.yaml", "sources/other.md",
                                  "templates/html/pack.html"])
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_fifo_or_a_device_in_place_of_a_file_is_one_error(tmp_path: Path, file: str,
                                                            kind: str) -> None:
    content = project(tmp_path, **{"notes.md": "Q: Kept?\nA: Yes.\n"})
    assert run("anki", content=content).returncode == 0
    target = content / file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(target)
    else:  # a link to /dev/zero leads out of the folder; a device node needs root: a link
        target.symlink_to("/dev/zero")
    result = run("build", "--import", content=content)
    assert result.returncode == 1
    expected = ("not a regular file (a FIFO, device or socket?)" if kind == "fifo"
                else "leads outside")
    assert any(str(target) in line and expected in line for line in errors(result)), (
        result.stderr)


def test_huge_files_stop_at_their_cap(tmp_path: Path) -> None:
    content = project(tmp_path, **{"notes.md": "Q: Kept?\nA: Yes.\n"})
    with (content / "import-lock.json").open("r+b") as lock:
        lock.truncate(300_000_000)  # sparse: no disk, but 300 MB to read
    result = run("import", content=content)
    assert result.returncode == 1
    assert f"error: {content / 'import-lock.json'}: too large (300,000,000 bytes; the limit " \
           "is 200,000,000)" in errors(result)


# File names of any bytes --------------------------------------------------------------------

def test_odd_file_names_are_shown_escaped_on_one_line(tmp_path: Path) -> None:
    content = project(tmp_path, **{"notes.md": "Q: Kept?\nA: Yes.\n"})
    latin1 = os.fsdecode(b"caf\xe9.md")
    (content / "sources" / latin1).write_text("Q: Coffee?\nA: Yes.\n", encoding="utf-8")
    (content / "sources" / "x\nerror: forged.md").write_text("Q: X?\nA: Y.\n")
    result = run("import", content=content)
    assert result.returncode == 1
    assert errors(result) == [
        f"error: {content}/sources/caf\\xe9.md: its file name has a line break, a control "
        "character or bytes that are not UTF-8: rename the file",
        f"error: {content}/sources/x\\nerror: forged.md: its file name has a line break, a "
        "control character or bytes that are not UTF-8: rename the file"]
    assert load_yaml(content / "decks" / "notes.yaml")["cards"]  # the others still import


# Images: SVG bombs, broken PNGs, missing images -----------------------------------------------

def use_bomb() -> bytes:
    """Ten nested groups of ten <use>: 1.6 kB that draws 10^10 paths."""
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
             '><defs><path id="a0" d="M0 0h1"/>']
    for level in range(1, 11):
        uses = "".join(f'<use xlink:href="#a{level - 1}"/>' for _ in range(10))
        parts.append(f'<g id="a{level}">{uses}</g>')
    return ("".join(parts) + '</defs><use xlink:href="#a10"/></svg>').encode()


def broken_png() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (16, 16), "green").save(data, "PNG")
    raw = bytearray(data.getvalue())
    raw[29:33] = struct.pack(">I", zlib.crc32(b"wrong"))  # the IHDR chunk's checksum
    return bytes(raw)


IMAGES = {
    "bomb.svg": use_bomb(),
    "script.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "remote.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1:9/x"/>'
                  b'</svg>',
    "laughs.svg": b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;'
                  b'&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
    "broken.png": broken_png(),
    "cut.png": broken_png()[:60],
}


def test_bad_images_cost_no_card_and_show_their_alt_text_everywhere(tmp_path: Path) -> None:
    document = "".join(f"## What is {name}?\n\nSee ![alt of {name}](img/{name}) here.\n\n"
                       for name in [*IMAGES, "missing.png"])
    content = project(tmp_path, **{"notes.md": "Q: Kept?\nA: Yes.\n"})
    (content / "sources" / "img").mkdir()
    for name, data in IMAGES.items():
        (content / "sources" / "img" / name).write_bytes(data)
    (content / "sources" / "images.md").write_text(document, encoding="utf-8")
    result = run("build", "--import", content=content)
    assert result.returncode == 0, result.stderr
    for index, name in enumerate([*IMAGES, "missing.png"]):  # each at its file and line
        assert f"images.md:{3 + 4 * index}: missing-image: image 'img/{name}'" in result.stderr
    assert "bomb.svg': SVG refused: it draws more than 100,000 elements" in result.stderr
    assert "broken.png': a broken PNG image" in result.stderr
    cards = load_yaml(content / "decks" / "images.yaml")["cards"]
    assert len(cards) == len(IMAGES) + 1 and not (content / "media").exists()
    assert result.stderr.count("shown as its alt text") == len(IMAGES) + 1  # warned at build
    dist = content.parent / "dist"
    pack = (dist / "study-pack.html").read_text(encoding="utf-8")
    sheet = "".join(p.extract_text() for p in pypdf.PdfReader(dist / "cheatsheet.pdf").pages)
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, next(dist.glob("*.apkg")))
    answers = " ".join(c.answer() for n in collection.find_notes("")
                       for c in collection.get_note(n).cards())
    collection.close()
    for name in [*IMAGES, "missing.png"]:
        assert f"image-alt\\u003ealt of {name}" in pack.replace('\\"', "").replace(
            "class=", "")
        assert f"alt of {name}" in " ".join(sheet.split())
        assert f'<span class="image-alt">alt of {name}</span>' in answers


def _png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(out, "PNG")
    return out.getvalue()


def test_an_image_is_used_as_the_bytes_that_were_checked(tmp_path: Path) -> None:
    """One read per use: what `load` returns is what it checked, and a file that is a link
    (swapped in after any earlier look) is refused by the open itself."""
    folder = tmp_path / "media"
    folder.mkdir()
    (folder / "a.png").write_bytes(_png((255, 0, 0)))
    shown = media.Folder(folder)
    data, found = shown.load("a.png")
    assert data == (folder / "a.png").read_bytes() and found.kind == "PNG"
    assert shown.data_uri("a.png").startswith("data:image/png;base64,")
    (folder / "a.png").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>")
    assert shown.load("a.png") is None and shown.data_uri("a.png") is None  # checked anew
    outside = tmp_path / "secret.png"
    outside.write_bytes(_png((0, 0, 255)))
    (folder / "b.png").symlink_to(outside)
    assert shown.load("b.png") is None
    with pytest.raises(ContentError, match="cannot read"):
        reading.read_bytes(folder / "b.png", 1000, follow=False)


def test_a_read_inside_a_folder_checks_the_file_it_opened(tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    (tmp_path / "outside.txt").write_text("secret")
    (root / "in.txt").write_text("mine")
    (root / "link.txt").symlink_to(tmp_path / "outside.txt")
    assert reading.read_bytes(root / "in.txt", 100, root) == b"mine"
    with pytest.raises(ContentError, match="outside the content folder"):
        reading.read_bytes(root / "link.txt", 100, root)


def test_a_fifo_as_the_project_marker_is_named_not_passed_over(tmp_path: Path) -> None:
    """Found from the current folder (no --content): the FIFO in place of content/config.yaml
    is the error, not "no project here"."""
    (tmp_path / "p" / "content").mkdir(parents=True)
    os.mkfifo(tmp_path / "p" / "content" / "config.yaml")
    result = subprocess.run([sys.executable, "-m", "build_decks", "build"], cwd=tmp_path / "p",
                            capture_output=True, text=True, timeout=LIMIT, check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: content/config.yaml: not a regular file (a FIFO, device or socket?); only files "
        "are read"]
