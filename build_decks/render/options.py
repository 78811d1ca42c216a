"""What every renderer is told besides the content: where to write and what time it is."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path


def build_time() -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else int(time.time())


@dataclass(frozen=True)
class BuildOptions:
    dist: Path
    content_root: Path
    now: int
    reproducible: bool = False

    @classmethod
    def from_env(cls, dist: Path, content_root: Path) -> BuildOptions:
        return cls(dist, content_root, build_time(),
                   bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip()))


@dataclass
class Output:
    """What a renderer wrote, and what the user should know about it."""

    paths: list[Path]
    notes: list[str] = field(default_factory=list)
