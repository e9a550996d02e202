"""A throw-away PostgreSQL cluster for the test suite: initdb + pg_ctl from the Debian package,
listening only on a Unix socket in a temporary folder, removed at the end."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PORT = 5499


def find_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


class Cluster:
    def __init__(self) -> None:
        self.bin = find_bin()
        if self.bin is None:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found: "
                               "install the Debian package postgresql")
        self.root = Path(tempfile.mkdtemp(prefix="hgpg-"))
        self.data = self.root / "data"
        self.prefix: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root: use the postgres system user
            if shutil.which("runuser") is None or subprocess.run(["id", "postgres"], capture_output=True).returncode:
                raise RuntimeError("running as root without a 'postgres' user to run the test server")
            shutil.chown(self.root, "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "hgdesk", "-E", "UTF8", "--no-locale")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-o",
                  f"-k {self.root} -c listen_addresses='' -p {PORT} -F -c fsync=off -c full_page_writes=off",
                  "start")
        self.counter = itertools.count(1)
        self.template = self.create("hgdesk_template", template=None)
        from hgdesk.db import Database

        Database(self.url("hgdesk_template")).dispose()  # migrated once; test databases copy it

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run([*self.prefix, str(self.bin / tool), *args], capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(f"{tool} failed: {result.stderr or result.stdout}")

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://hgdesk@/{name}?host={self.root}&port={PORT}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.root), port=PORT, user="hgdesk", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def create(self, name: str | None = None, template: str | None = "hgdesk_template") -> str:
        name = name or f"t{next(self.counter)}"
        self._admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
