"""Real forum software on 127.0.0.1 for the end-to-end crawl tests.

The servers are installed (a venv each, reused when present), seeded afresh and started by the
scripts in ``forumservers/`` once per test session, and stopped at its end.  The venvs live in
``$THREADKEEPER_FORUMS_DIR`` (default: ``.forums/`` at the top of the clone); each session gets
its own data directory there and free ports, so that two test sessions never share a server.

When a server cannot be started the tests fail under CI (``CI=true``) and are skipped, with the
reason, on a developer's machine (no network for pip, no PostgreSQL, …).  Outside CI,
``THREADKEEPER_SKIP_E2E=1`` switches them off (a cold Misago start costs a minute or more).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SERVERS = HERE / "forumservers"
ROOT = HERE.parents[1]
CACHE = Path(os.environ.get("THREADKEEPER_FORUMS_DIR", ROOT / ".forums"))

START_TIMEOUT = 900  # a cold Misago install takes minutes on a slow machine

sys.path.insert(0, str(SERVERS))
import seed_content  # noqa: E402  (the seeded content, to compare the crawl with)


@dataclass
class ForumServer:
    engine: str
    port: int
    env: dict[str, str]
    app_dir: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def index_url(self) -> str:
        return self.base + ("/forum/" if self.engine == "machina" else "/")

    def add_post(self, author: str, text: str) -> str:
        """Reply to the long thread through the app's ORM; returns the new post's id."""
        out = subprocess.run(
            [self.env["VENV"] + "/bin/python", "manage.py", "add_post", "--topic", seed_content.THREAD_TITLE,
             "--author", author, "--text", text],
            cwd=self.app_dir, env=self.env, capture_output=True, text=True, timeout=120,
        )
        assert out.returncode == 0, out.stderr[-2000:]
        return out.stdout.strip().rsplit("POST_ID=", 1)[1].split()[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(engine: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "PORT": str(_free_port()),
        "VENV": str(CACHE / f"venv-{engine}"),
        "FORUM_DATA_DIR": str(data_dir),
        "FORUM_RESET": "1",
        "FORUM_SEED_CONTENT_DIR": str(SERVERS),
        "PYTHON": env.get("THREADKEEPER_FORUMS_PYTHON", "python3"),
        "MISAGO_PG_PORT": str(_free_port()),
        "DJANGO_SETTINGS_MODULE": "forumsite.settings" if engine == "machina" else "misagosite.settings",
    })
    env.pop("PYTHONPATH", None)  # the forum's venv, not this project's path
    return env


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _start(engine: str):
    if os.environ.get("THREADKEEPER_SKIP_E2E") == "1" and os.environ.get("CI", "").lower() != "true":
        pytest.skip("THREADKEEPER_SKIP_E2E=1: the real-forum tests are switched off on this machine")
    CACHE.mkdir(parents=True, exist_ok=True)
    # Fresh data for every session (the tests add posts), readable by the postgres user that
    # runs Misago's private cluster.
    data_dir = Path(tempfile.mkdtemp(prefix=f"e2e-{engine}-", dir=CACHE))
    data_dir.chmod(0o755)
    env = _environment(engine, data_dir)
    log = data_dir / "start.log"
    # One install of a venv at a time: concurrent sessions wait here instead of both running pip.
    with open(CACHE / f"venv-{engine}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with open(log, "w") as out:
                done = subprocess.run([str(SERVERS / f"start_{engine}.sh")], env=env, stdout=out,
                                      stderr=subprocess.STDOUT, timeout=START_TIMEOUT)
        except subprocess.TimeoutExpired:
            done = None
    if done is None or done.returncode != 0:
        tail = log.read_text(errors="replace")[-1500:]
        _stop(engine, env)
        what = f"did not start within {START_TIMEOUT} s" if done is None else "could not be installed or started"
        _unavailable(f"{engine} {what}:\n{tail}")
    return ForumServer(engine, int(env["PORT"]), env, SERVERS / engine)


def _stop(engine: str, env: dict[str, str]) -> None:
    subprocess.run([str(SERVERS / f"stop_{engine}.sh")], env=env, capture_output=True, timeout=120)
    shutil.rmtree(env["FORUM_DATA_DIR"], ignore_errors=True)


@pytest.fixture(scope="session")
def machina_server():
    server = _start("machina")
    yield server
    _stop("machina", server.env)


@pytest.fixture(scope="session")
def misago_server():
    server = _start("misago")
    yield server
    _stop("misago", server.env)
