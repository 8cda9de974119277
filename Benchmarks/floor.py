#!/usr/bin/env python3
"""The CPU floor of a pack: what the work `engage generate` cannot skip costs on this machine.

Usage (after Benchmarks/run.sh, whose folders it reads):

    python3 Benchmarks/floor.py [--work DIR] [--engage BIN] [--packs K]

Three costs every implementation pays, whatever its template engine, measured without
engage's own code wherever possible:

1. reading and checking each profile (`engage validate`, CPU of the child process per
   profile: libxml2's parse and schema validation, and engage's rules and decoding, so
   an upper bound of what this step needs);
2. writing a pack's 12 files durably: each into a staging folder, fsync, rename, fsync of
   the folder (the bytes are those run.sh produced);
3. storing the pack's first revisions in a fresh SQLite database in WAL mode, in one
   transaction, with Python's sqlite3 module: the same schema and rows engage stored.

It compares their sum with the CPU a profile may take to reach the throughput target of
Benchmarks/README.md: 1000 documents/s = 250 profiles/s, on all cores. When the
engage-benchmarks binary is built next to engage, it also prints what one libxml2 XPath
evaluation of a plain value (`@id`, `name`, where the model has one) costs over a
profile's model: the floor of each value a template puts in a document.
"""
import argparse
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile

DOCUMENTS_PER_PROFILE = 4
TARGET_DOCUMENTS_PER_SECOND = 1000


def cpu_seconds(usage):
    return usage.ru_utime + usage.ru_stime


def own_cpu():
    return cpu_seconds(resource.getrusage(resource.RUSAGE_SELF))


def validate_floor(engage, profiles):
    before = cpu_seconds(resource.getrusage(resource.RUSAGE_CHILDREN))
    subprocess.run([engage, "validate", *profiles], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = cpu_seconds(resource.getrusage(resource.RUSAGE_CHILDREN))
    return (after - before) * 1000 / len(profiles)


def pack_files(pack):
    names = sorted(n for n in os.listdir(pack) if n.endswith((".xhtml", ".html", ".md")))
    files = {}
    for name in names:
        with open(os.path.join(pack, name), "rb") as handle:
            files[name] = handle.read()
    return files


def files_floor(packs, scratch):
    contents = [pack_files(pack) for pack in packs]
    start = own_cpu()
    for index, files in enumerate(contents):
        folder = os.path.join(scratch, f"files-{index}")
        staging = os.path.join(folder, ".engage", "staging")
        os.makedirs(staging)
        for name, data in files.items():
            fd = os.open(os.path.join(staging, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.write(fd, data)
            os.fsync(fd)
            os.close(fd)
        for name in files:
            os.rename(os.path.join(staging, name), os.path.join(folder, name))
        fd = os.open(folder, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
    return (own_cpu() - start) * 1000 / len(packs), len(contents[0]), sum(len(f) for f in contents[0].values())


def store_rows(pack):
    db = sqlite3.connect(os.path.join(pack, ".engage", "revisions.sqlite"))
    schema = [row[0] for row in db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name != 'grdb_migrations' ORDER BY rowid")]
    tables = {}
    for table in ("profile_snapshot", "pack", "revision", "section", "publication"):
        cursor = db.execute(f"SELECT * FROM {table}")
        columns = [column[0] for column in cursor.description]
        tables[table] = (columns, cursor.fetchall())
    db.close()
    return schema, tables


def store_floor(packs, scratch):
    rows = [store_rows(pack) for pack in packs]
    start = own_cpu()
    for index, (schema, tables) in enumerate(rows):
        db = sqlite3.connect(os.path.join(scratch, f"store-{index}.sqlite"), isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("BEGIN")
        for statement in schema:
            db.execute(statement)
        for table, (columns, values) in tables.items():
            marks = ", ".join("?" for _ in columns)
            db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
        db.execute("COMMIT")
        db.close()
    return (own_cpu() - start) * 1000 / len(packs)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", default=os.path.join(root, "Benchmarks", "out"),
                        help="run.sh's work folder, with profiles/ and packs/ (default Benchmarks/out)")
    parser.add_argument("--engage", default=os.path.join(root, ".build", "release", "engage"))
    parser.add_argument("--packs", type=int, default=200, help="packs to copy for the disk floors (default 200)")
    options = parser.parse_args()

    profiles_dir = os.path.join(options.work, "profiles")
    packs_dir = os.path.join(options.work, "packs")
    if not os.path.isdir(profiles_dir) or not os.path.isdir(packs_dir):
        sys.exit(f"floor.py: error: no profiles/ and packs/ in {options.work}: run Benchmarks/run.sh first")
    if not os.access(options.engage, os.X_OK):
        sys.exit(f"floor.py: error: no engage binary at {options.engage}: build it (swift build -c release)")
    profiles = sorted(os.path.join(profiles_dir, n) for n in os.listdir(profiles_dir) if n.endswith(".xml"))
    packs = sorted(os.path.join(packs_dir, n) for n in os.listdir(packs_dir))[:options.packs]
    if not profiles or not packs:
        sys.exit(f"floor.py: error: {options.work} holds no profiles or no packs")

    cores = os.cpu_count() or 1
    budget = cores * 1000 / (TARGET_DOCUMENTS_PER_SECOND / DOCUMENTS_PER_PROFILE)
    scratch = tempfile.mkdtemp(prefix="engage-floor-", dir=options.work)
    try:
        validate = validate_floor(options.engage, profiles)
        files, pack_files_count, pack_bytes = files_floor(packs, scratch)
        store = store_floor(packs, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    total = validate + files + store
    print(f"CPU floor per profile ({len(profiles)} profiles validated, {len(packs)} packs written, {cores} cores)")
    print(f"  read and check the profile (engage validate)         {validate:6.2f} ms")
    print(f"  {f'write the {pack_files_count} files durably ({pack_bytes // 1024} KiB)':<52} {files:6.2f} ms")
    print(f"  store the revisions in SQLite (WAL, one transaction) {store:6.2f} ms")
    print(f"  sum                                                  {total:6.2f} ms")
    print(f"budget per profile for {TARGET_DOCUMENTS_PER_SECOND} documents/s on {cores} cores"
          f"              {budget:6.2f} ms")
    print(f"left for rendering, XPath, serialization, HTML, Markdown and traces: {budget - total:.2f} ms")
    benchmarks = os.path.join(os.path.dirname(options.engage), "engage-benchmarks")
    if os.access(benchmarks, os.X_OK):
        result = subprocess.run([benchmarks, "xpath", profiles[0]], check=True, capture_output=True, text=True)
        figures = dict(pair.split("=") for pair in result.stdout.split())
        print(f"one XPath evaluation of a plain value over the model: {figures['attribute_ns']} ns (@id,"
              f" at {figures['attribute_elements']} elements), {figures['child_ns']} ns (name,"
              f" at {figures['child_elements']} elements)")


if __name__ == "__main__":
    main()
