#!/usr/bin/env python3
"""Summarises a JFR recording of Berth under bench/api load: where the CPU samples go.

Usage: jfr_summary.py RECORDING.jfr [TOP]

Each jdk.ExecutionSample is attributed to the innermost frame that belongs to a known area (walking
from the leaf towards the thread's root), so JDK frames (BigInteger, HashMap, ...) count for the
library that called them: EC math under nimbus is "JWT", socket writes under pgjdbc are "DB driver".
Also prints the hottest leaf methods, GC pauses and the longest monitor waits.
"""
import collections
import json
import subprocess
import sys

AREAS = [  # (area, frame prefixes); order only matters for prefixes of each other
    ("JWT verify (nimbus, EC crypto)", ("com.nimbusds.", "sun.security.ec.", "sun.security.util.math.",
                                        "io.berth.rest.internal.JwtCodec", "io.berth.rest.internal.Tokens")),
    ("DB: jOOQ", ("org.jooq.",)),
    ("DB: PostgreSQL JDBC driver", ("org.postgresql.",)),
    ("DB: HikariCP", ("com.zaxxer.hikari.",)),
    ("JSON (Jackson)", ("com.fasterxml.jackson.",)),
    ("logging / access log", ("org.slf4j.", "io.berth.rest.internal.AccessLog", "org.apache.felix.log")),
    ("Jersey / JAX-RS whiteboard", ("org.glassfish.jersey.", "org.glassfish.hk2.", "org.jvnet.hk2.",
                                    "org.eclipse.osgitech.rest.")),
    ("Felix HTTP / servlet", ("org.apache.felix.http.",)),
    ("Jetty", ("org.eclipse.jetty.",)),
    ("Berth (other)", ("io.berth.",)),
    ("OSGi / SCR / Felix framework", ("org.apache.felix.", "org.osgi.")),
]


def area_of(method_type):
    for name, prefixes in AREAS:
        if method_type.startswith(prefixes):
            return name
    return None


def frame_name(frame):
    m = frame.get("method", {})
    t = m.get("type", {}).get("name", "?").replace("/", ".")  # JFR gives internal names (a/b/C)
    return t, t + "." + m.get("name", "?")


def load(path, events, depth):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", events, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    samples = load(path, "jdk.ExecutionSample", 256)
    innermost = collections.Counter()
    inclusive = collections.Counter()
    leaves = collections.Counter()
    threads = collections.Counter()
    for e in samples:
        v = e["values"]
        frames = (v.get("stackTrace") or {}).get("frames") or []
        thread = (v.get("sampledThread") or {}).get("javaName") or "?"
        threads[thread.rstrip("0123456789-")] += 1
        if frames:
            leaves[frame_name(frames[0])[1]] += 1
        chosen = None
        seen = set()
        for f in frames:
            a = area_of(frame_name(f)[0])
            if a is None:
                continue
            if chosen is None:
                chosen = a
            seen.add(a)
        innermost[chosen or "JDK / other"] += 1
        for a in seen:
            inclusive[a] += 1
    n = max(len(samples), 1)
    print(f"JFR {path}: {len(samples)} execution samples")
    print("\nCPU samples by area (innermost known frame; inclusive = area anywhere on the stack):")
    for a, c in innermost.most_common():
        print(f"  {100.0 * c / n:5.1f}%  (incl. {100.0 * inclusive.get(a, 0) / n:5.1f}%)  {a}")
    print("\nSamples by thread (name without its number):")
    for t, c in threads.most_common(8):
        print(f"  {100.0 * c / n:5.1f}%  {t}")
    print(f"\nTop {top} leaf methods:")
    for m, c in leaves.most_common(top):
        print(f"  {100.0 * c / n:5.1f}%  {m}")

    gcs = load(path, "jdk.GarbageCollection", 1)
    pauses = [e["values"].get("sumOfPauses") or e["values"].get("duration") for e in gcs]

    def ms(d):
        # JSON durations look like "PT0.0123S"
        if isinstance(d, str) and d.startswith("PT") and d.endswith("S"):
            return float(d[2:-1]) * 1000
        return 0.0
    total = sum(ms(p) for p in pauses)
    print(f"\nGC: {len(gcs)} collections, {total:.0f} ms total pause")

    waits = load(path, "jdk.JavaMonitorEnter", 8)
    by_class = collections.Counter()
    for e in waits:
        v = e["values"]
        cls = (v.get("monitorClass") or {}).get("name", "?")
        frames = (v.get("stackTrace") or {}).get("frames") or []
        where = frame_name(frames[0])[1] if frames else "?"
        by_class[f"{cls} at {where}"] += ms(e["values"].get("duration"))
    if by_class:
        print("\nMonitor waits >= threshold (total ms by monitor class and site):")
        for k, t in by_class.most_common(8):
            print(f"  {t:8.0f} ms  {k}")


if __name__ == "__main__":
    main()
