#!/usr/bin/env python3
"""Benchmark of the order export: N generated Confirmed orders of 5 lines each, from the built-in simulator
through the real `sevenbridge run --once` into a fresh outbox. Reports orders per second and the bridge
process's peak resident memory (the simulator runs in its own process and is not counted).

Usage: python3 scripts/bench_export.py [--orders 100000] [--binary .build/release/sevenbridge]
Build first: swift build -c release
"""
import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=100000)
    parser.add_argument("--binary", default=".build/release/sevenbridge")
    parser.add_argument("--formats", default="xml, csv")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary} is missing: run `swift build -c release` first")

    work = tempfile.mkdtemp(prefix="sevenbridge-bench-")
    log = open(os.path.join(work, "simulator.log"), "w+")
    simulator = subprocess.Popen(
        [args.binary, "simulator", "--port", "0", "--generate-orders", str(args.orders)], stdout=log, stderr=subprocess.STDOUT)
    try:
        port = None
        for _ in range(6000):
            log.seek(0)
            match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", log.read())
            if match:
                port = match.group(1)
                break
            if simulator.poll() is not None:
                break
            time.sleep(0.05)
        if port is None:
            log.seek(0)
            sys.exit("the simulator did not start:\n" + log.read())
        config = os.path.join(work, "sevenbridge.yaml")
        with open(config, "w") as handle:
            handle.write(f"""goodsOwnerCode: BENCH
erp:
  endpoint: http://127.0.0.1:{port}
  applicationId: 6f1e8a52-3c4d-4e8f-9a0b-1c2d3e4f5a6b
  username: demo@sevenbridge.example
  password: demo-password
formats: [{args.formats}]
processes:
  articles: false
  orders: true
""")
        start = time.monotonic()
        result = subprocess.run(
            [args.binary, "run", "--once", "--config", config, "--log-level", "warning"], capture_output=True, text=True)
        elapsed = time.monotonic() - start
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if result.returncode != 0:
            sys.exit(f"run failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        written = len([name for name in os.listdir(os.path.join(work, "outbox")) if name.startswith("order-")])
        print(result.stdout.strip())
        print(f"orders exported: {written} of {args.orders} in {elapsed:.1f} s = {written / elapsed:.0f} orders/s")
        print(f"peak memory of the bridge (max RSS): {peak_kib / 1024:.1f} MiB")
    finally:
        simulator.terminate()
        simulator.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
