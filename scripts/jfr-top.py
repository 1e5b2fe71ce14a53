#!/usr/bin/env python3
"""Top CPU costs of a JFR recording (JDK 17's jfr has no 'view hot-methods'): reads the
jdk.ExecutionSample events through 'jfr print --json' and prints, as % of all samples,
  - self: the top frames (where the CPU was),
  - total: methods and classes on the stack (what the CPU was spent under), for the classes
    matching --focus (default: org.relay247 and the libraries of the store and crypto).
With --native-thread NAME, also where that thread was in native code (jdk.NativeMethodSample:
SQLite's JNI calls, which execution samples never show), by the first org.relay247 frame with
its line: e.g. --native-thread relay247-db-writer for the SQLite writer of each node.
Usage: scripts/jfr-top.py RECORDING.jfr [--top N] [--thread-prefix PREFIX] [--focus REGEX]
           [--native-thread NAME]
"""
import argparse
import collections
import json
import re
import subprocess
import sys


def frames(event):
    for f in event["values"]["stackTrace"]["frames"] or []:
        m = f["method"]
        yield m["type"]["name"].replace("/", ".") + "." + m["name"]


def native(recording, thread_name, top):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.NativeMethodSample",
                          recording], check=True, capture_output=True, text=True).stdout
    counter = collections.Counter()
    n = 0
    for e in json.loads(out)["recording"]["events"]:
        if ((e["values"].get("sampledThread") or {}).get("javaName") or "") != thread_name:
            continue
        n += 1
        where = "?"
        for f in e["values"]["stackTrace"]["frames"] or []:
            m = f["method"]
            name = m["type"]["name"].replace("/", ".")
            if name.startswith("org.relay247") and "$$Lambda" not in name:
                where = name.rsplit(".", 1)[-1] + "." + m["name"] + ":" + str(f.get("lineNumber"))
                break
        counter[where] += 1
    print(f"\nNATIVE samples of thread {thread_name}: {n}, by first org.relay247 frame")
    for name, c in counter.most_common(top):
        print(f"  {100.0 * c / max(1, n):5.1f}%  {name}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("recording")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--thread-prefix", default="")
    p.add_argument("--native-thread", default="")
    p.add_argument("--focus", default=r"^(org\.relay247|org\.sqlite|com\.zaxxer|org\.bouncycastle|sun\.security"
                   r"|com\.sun\.crypto|io\.grpc|io\.netty|com\.google\.protobuf)")
    a = p.parse_args()
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                          a.recording], check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_count = collections.Counter()
    total_method = collections.Counter()
    total_class = collections.Counter()
    focus = re.compile(a.focus)
    n = 0
    for e in events:
        thread = (e["values"].get("sampledThread") or {}).get("javaName") or ""
        if not thread.startswith(a.thread_prefix):
            continue
        fs = list(frames(e))
        if not fs:
            continue
        n += 1
        self_count[fs[0]] += 1
        for m in set(fs):
            if focus.search(m) and "$$Lambda" not in m:
                total_method[m] += 1
        for c in set(f.rsplit(".", 1)[0] for f in fs):
            if focus.search(c) and "$$Lambda" not in c:
                total_class[c] += 1
    if n == 0:
        sys.exit("no execution samples")
    print(f"{n} execution samples")
    for title, counter in (("SELF (top frame)", self_count), ("TOTAL by method (on the stack)", total_method),
                           ("TOTAL by class (on the stack)", total_class)):
        print(f"\n{title}")
        for name, c in counter.most_common(a.top):
            print(f"  {100.0 * c / n:5.1f}%  {name}")
    if a.native_thread:
        native(a.recording, a.native_thread, a.top)


if __name__ == "__main__":
    main()
