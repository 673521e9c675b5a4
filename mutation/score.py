#!/usr/bin/env python3
"""Mutation scores per top-level folder (and optionally per file) from a Stryker.NET JSON report.

  mutation/score.py [report.json] [--files] [--survivors]

The report defaults to mutation/out/policy/reports/mutation-report.json. Detected = Killed + Timeout, undetected =
Survived + NoCoverage; CompileError, Ignored and anything else are left out of the score. Folders are the first path
segment under the mutated project (infra/<Project>/<Folder>/...), e.g. Rules, Evaluation.
"""
import json
import os
import sys
from collections import Counter, defaultdict

DETECTED = ("Killed", "Timeout")
UNDETECTED = ("Survived", "NoCoverage")
COLUMNS = ("Killed", "Timeout", "Survived", "NoCoverage")


def relative(path):
    parts = path.replace("\\", "/").split("/")
    if "infra" in parts:
        i = len(parts) - 1 - parts[::-1].index("infra")
        parts = parts[i + 2:]  # drop infra/<Project>/
    return "/".join(p for p in parts if p)


def folder(rel):
    return rel.split("/", 1)[0] if "/" in rel else "."


def score(counts):
    detected = sum(counts[s] for s in DETECTED)
    total = detected + sum(counts[s] for s in UNDETECTED)
    return (100.0 * detected / total) if total else float("nan"), total


def row(name, counts, width):
    pct, total = score(counts)
    cells = " ".join(f"{counts[c]:>10}" for c in COLUMNS)
    return f"{name:<{width}} {cells} {total:>7} {pct:>7.2f}%"


def main(argv):
    flags = {a for a in argv if a.startswith("--")}
    args = [a for a in argv if not a.startswith("--")]
    here = os.path.dirname(os.path.abspath(__file__))
    path = args[0] if args else os.path.join(here, "out", "policy", "reports", "mutation-report.json")
    with open(path, encoding="utf-8") as f:
        report = json.load(f)

    by_folder = defaultdict(Counter)
    by_file = defaultdict(Counter)
    survivors = []
    for file_path, data in report.get("files", {}).items():
        rel = relative(file_path)
        lines = data.get("source", "").splitlines()
        for m in data.get("mutants", []):
            status = m.get("status", "")
            by_folder[folder(rel)][status] += 1
            by_file[rel][status] += 1
            if status in UNDETECTED:
                line = m.get("location", {}).get("start", {}).get("line", 0)
                code = lines[line - 1].strip() if 0 < line <= len(lines) else ""
                survivors.append((rel, line, status, m.get("mutatorName", ""), m.get("replacement", ""), code))

    table = by_file if "--files" in flags else by_folder
    names = sorted(n for n in table if any(table[n][c] for c in COLUMNS))
    width = max([len(n) for n in names] + [len("TOTAL")])
    print(f"{'folder' if '--files' not in flags else 'file':<{width}} " + " ".join(f"{c:>10}" for c in COLUMNS) + f" {'scored':>7} {'score':>8}")
    total = Counter()
    for counts in table.values():
        total.update(counts)
    for name in names:
        print(row(name, table[name], width))
    print(row("TOTAL", total, width))
    other = {k: v for k, v in total.items() if k not in COLUMNS}
    if other:
        print("not scored: " + ", ".join(f"{k} {v}" for k, v in sorted(other.items())))

    if "--survivors" in flags:
        for rel, line, status, mutator, replacement, code in sorted(survivors):
            print(f"{rel}:{line} [{status}] {mutator}: {replacement!r}  | {code}")


if __name__ == "__main__":
    main(sys.argv[1:])
