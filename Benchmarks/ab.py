#!/usr/bin/env python3
"""Interleaved A/B of two engage binaries: processor time and wall time per run.

    Benchmarks/ab.py BASE NEW single ROUNDS            one sample profile into a fresh folder
    Benchmarks/ab.py BASE NEW batch ROUNDS PROFILES    100 profiles of PROFILES (a folder),
                                                       then the same again onto the packs

The binaries alternate, the order flipping every round, so that a machine that slows down
or speeds up during the run weighs on both alike; processor time is the child's user and
system time and its peak RSS from wait4, not /usr/bin/time's 10 ms ticks. Both render the templates
of ENGAGE_TEMPLATES (default: a copy of Templates/ taken at the start; "shipped": each
binary its own built-in templates). Run it from the
repository root. Prints the median and minimum of each.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    if len(sys.argv) < 5 or sys.argv[3] not in ("single", "batch") or (sys.argv[3] == "batch" and len(sys.argv) < 6):
        sys.exit(__doc__)
    binaries = {"base": os.path.abspath(sys.argv[1]), "new": os.path.abspath(sys.argv[2])}
    mode, rounds = sys.argv[3], int(sys.argv[4])
    work = tempfile.mkdtemp(prefix="engage-ab-")
    env = dict(os.environ)
    if env.get("ENGAGE_TEMPLATES") == "shipped":
        # Each binary renders the templates built into it: for comparing across a
        # template change, where one binary's figures do not serve the other's templates.
        del env["ENGAGE_TEMPLATES"]
    elif "ENGAGE_TEMPLATES" not in env:
        shutil.copytree("Templates", os.path.join(work, "templates"))
        env["ENGAGE_TEMPLATES"] = os.path.join(work, "templates")
    if mode == "batch":
        folder = sys.argv[5]
        inputs = [os.path.join(folder, name) for name in sorted(os.listdir(folder)) if name.endswith(".xml")][:100]
        per = len(inputs)
    else:
        inputs, per = ["Samples/northgate-hospitals.xml"], 1

    def run(binary, out):
        arguments = [binary, "generate", *inputs, "--out-dir" if mode == "batch" else "--out", out]
        start = time.perf_counter()
        child = subprocess.Popen(arguments, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            sys.exit(f"{binary} exited with {child.returncode}")
        cpu = usage.ru_utime + usage.ru_stime
        return cpu * 1000 / per, wall * 1000 / per, usage.ru_maxrss / 1024

    # A batch is measured twice: into empty folders, then again onto the packs it wrote.
    passes = ["", " again"] if mode == "batch" else [""]
    results = {(name, run_pass): [] for run_pass in passes for name in binaries}
    try:
        for number in range(rounds):
            for name in ("base", "new") if number % 2 == 0 else ("new", "base"):
                out = os.path.join(work, name)
                shutil.rmtree(out, ignore_errors=True)
                for run_pass in passes:
                    results[(name, run_pass)].append(run(binaries[name], out))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    unit = "ms per profile" if mode == "batch" else "ms"
    for (name, run_pass), runs in results.items():
        cpu = [c for c, _, _ in runs]
        wall = [w for _, w, _ in runs]
        rss = [r for _, _, r in runs]
        print(f"{mode}{run_pass} {name}: CPU median {statistics.median(cpu):.1f}, min {min(cpu):.1f}; "
              f"wall median {statistics.median(wall):.1f}, min {min(wall):.1f} ({unit}); "
              f"peak RSS median {statistics.median(rss):.1f} MB ({rounds} rounds)")


if __name__ == "__main__":
    main()
