#!/usr/bin/env python3
"""Benchmarks of the inbox side, with the real `sevenbridge` binary against the built-in simulator.

1. Latency: the `run` daemon watches the inbox (settle time 0, so the clock starts when the file is complete);
   FILES shipment files, one order each, appear one after another (written under a hidden name, then renamed
   in, as a WMS does); the simulator logs the time of each applied SaveInvoices. Reports p50 and p99 of
   (write applied - file appeared).
2. Memory: `run --once` takes one stock CSV of ARTICLES articles (1% differ from 24SevenOffice) and reports
   the bridge's peak resident memory, the time, and how many stock corrections were written. The request
   budget is raised for this run: at 24SevenOffice's 7200 requests per hour, the 1,000 reads and 10,000
   writes of a million-article file take about an hour and a half by design.

Usage: python3 scripts/bench_inbox.py [--files 1000] [--articles 1000000] [--binary .build/release/sevenbridge]
Build first: swift build -c release
"""
import argparse
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

CONFIG = """goodsOwnerCode: BENCH
erp:
  endpoint: http://127.0.0.1:{port}
  applicationId: 6f1e8a52-3c4d-4e8f-9a0b-1c2d3e4f5a6b
  username: demo@sevenbridge.example
  password: demo-password
  requestsPerHour: {budget}
inbox:
  settle: 1ms
  rescan: 10s
processes:
  articles: false
  orders: false
  suppliers: false
  stock: {stock}
  shipments: {shipments}
"""


def start_simulator(binary, work, arguments):
    log = open(os.path.join(work, "simulator.log"), "w+")
    process = subprocess.Popen([binary, "simulator", "--port", "0", "--log-writes"] + arguments, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(12000):
        log.seek(0)
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", log.read())
        if match:
            return process, log, match.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    log.seek(0)
    sys.exit("the simulator did not start:\n" + log.read())


def writes(log):
    log.seek(0)
    result = {}
    for line in log:
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "WRITE":
            result.setdefault((parts[2], int(parts[3])), int(parts[1]))
    return result


def latency(binary, files):
    work = tempfile.mkdtemp(prefix="sevenbridge-bench-inbox-")
    simulator, log, port = start_simulator(binary, work, ["--generate-orders", str(files)])
    try:
        config = os.path.join(work, "sevenbridge.yaml")
        with open(config, "w") as handle:
            handle.write(CONFIG.format(port=port, stock="false", shipments="true", budget=7200))
        inbox = os.path.join(work, "inbox")
        os.makedirs(inbox)
        daemon = subprocess.Popen([binary, "run", "--config", config, "--log-level", "warning"], stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        appeared = {}
        for index in range(1, files + 1):
            order = 1_000_000 + index
            hidden = os.path.join(inbox, f".ship-{index}.csv.tmp")
            with open(hidden, "w") as handle:
                handle.write(f"GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n{order};450;;W{index}\r\n")
            os.rename(hidden, os.path.join(inbox, f"ship-{index}.csv"))
            appeared[order] = int(time.time() * 1000)
            time.sleep(0.01)
        deadline = time.time() + 120
        while time.time() < deadline and len(writes(log)) < files:
            time.sleep(0.2)
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=30)
        applied = writes(log)
        delays = sorted(applied[("SaveInvoices", order)] - start for order, start in appeared.items() if ("SaveInvoices", order) in applied)
        if not delays:
            sys.exit("no SaveInvoices was applied")
        p50 = delays[len(delays) // 2]
        p99 = delays[min(len(delays) - 1, int(len(delays) * 0.99))]
        print(f"latency over {len(delays)} of {files} shipment files: p50 {p50} ms, p99 {p99} ms, max {delays[-1]} ms; daemon exit {daemon.returncode}")
    finally:
        simulator.terminate()
        simulator.wait()
        shutil.rmtree(work, ignore_errors=True)


def memory(binary, articles):
    work = tempfile.mkdtemp(prefix="sevenbridge-bench-stock-")
    simulator, log, port = start_simulator(binary, work, ["--generate-orders", "0", "--generate-products", str(articles)])
    try:
        config = os.path.join(work, "sevenbridge.yaml")
        with open(config, "w") as handle:
            handle.write(CONFIG.format(port=port, stock="true", shipments="false", budget=1000000))
        inbox = os.path.join(work, "inbox")
        os.makedirs(inbox)
        path = os.path.join(inbox, "stock.csv")
        with open(path, "w") as handle:
            handle.write("ArticleNumber;SellableNumberOfItems;ProductCode;NumberOfItemsDecimal\r\n")
            for index in range(1, articles + 1):
                stock = index % 40 + (1 if index % 100 == 0 else 0)  # 1% differ from 24SevenOffice
                handle.write(f"GEN-{index};{stock};{100000 + index};{stock}\r\n")
        size = os.path.getsize(path)
        start = time.monotonic()
        result = subprocess.run([binary, "run", "--once", "--config", config, "--log-level", "warning"], capture_output=True, text=True)
        elapsed = time.monotonic() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if result.returncode != 0:
            sys.exit(f"run failed:\n{result.stdout}\n{result.stderr}")
        written = sum(1 for key in writes(log) if key[0] == "SetStockQuantity")
        print(f"stock file of {articles} articles ({size / 1e6:.0f} MB): {elapsed:.1f} s, {written} corrections written, "
              f"peak memory of the bridge {peak / 1024:.1f} MiB")
    finally:
        simulator.terminate()
        simulator.wait()
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=1000000)
    parser.add_argument("--binary", default=".build/release/sevenbridge")
    parser.add_argument("--only", choices=["latency", "memory"])
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary} is missing: run `swift build -c release` first")
    if args.only != "memory":
        latency(args.binary, args.files)
    if args.only != "latency":
        memory(args.binary, args.articles)


if __name__ == "__main__":
    main()
