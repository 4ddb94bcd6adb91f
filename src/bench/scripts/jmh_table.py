#!/usr/bin/env python3
"""Summarise a JMH JSON result (-rf json, Mode.SampleTime) as AsciiDoc table rows.

Why the median: the benchmark machine is shared (2 cores, other builds running). SampleTime times individual
calls; a call that the OS preempts in favour of another process is one slow outlier, so the median call time is a
robust estimate of the uncontended cost, while the mean (also printed) absorbs the interference. Usage:
    jmh_table.py result.json
"""
import json
import sys


def main(path):
    rows = json.load(open(path))
    print('|===\n| Benchmark | d | B | median (us) | mean (us) | p90 (us) | samples')
    for r in rows:
        name = r['benchmark'].replace('org.ftverify.bench.', '')
        p = r.get('params', {})
        m = r['primaryMetric']
        pct = m['scorePercentiles']
        count = sum(c for fork in m['rawDataHistogram'] for it in fork for _, c in it)
        print('| %s | %s | %s | %.3f | %.3f | %.3f | %d' % (
            name, p.get('d', ''), p.get('batch', ''), pct['50.0'], m['score'], pct['90.0'], count))
    print('|===')


if __name__ == '__main__':
    main(sys.argv[1])
