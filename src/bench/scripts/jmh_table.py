#!/usr/bin/env python3
"""Summarise a JMH JSON result (-rf json) as an AsciiDoc table: mean +- 99.9% error and the fastest iteration.

The fastest iteration is reported next to the mean because the benchmark machine is shared (2 cores, other builds
running): interference only ever adds time, so the minimum is the better estimate of the uncontended cost, and the
mean shows how noisy the run was. Usage: jmh_table.py result.json
"""
import json
import sys


def main(path):
    rows = json.load(open(path))
    print('|===\n| Benchmark | d | B | mean (us/op) | +- | fastest iteration (us/op)')
    for r in rows:
        name = r['benchmark'].split('.', 3)[-1].replace('org.ftverify.bench.', '')
        p = r.get('params', {})
        m = r['primaryMetric']
        raw = [x for fork in m['rawData'] for x in fork]
        print('| %s | %s | %s | %.3f | %.3f | %.3f' % (
            name, p.get('d', ''), p.get('batch', ''), m['score'], m['scoreError'], min(raw)))
    print('|===')


if __name__ == '__main__':
    main(sys.argv[1])
