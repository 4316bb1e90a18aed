#!/usr/bin/env python3
"""What one status write costs Elasticsearch, setting by setting (a benchmark, not a test).

Replays parcel documents the way the tracker writes them (bulk `index` requests with external versions,
each document rewritten as its version grows) at a fixed rate into a fresh index made from the `parcels`
index template plus the settings given, and prints Elasticsearch's CPU per document (from /proc, so the
node must run on this machine: the local stack's does) with its indexing, refresh and merge figures.

The documents are the first --documents of the existing `parcels` index (run the demo or the tracker
benchmark first), each written under --copies ids. Usage, e.g.:

  benchmarks/elasticsearch/write-cost.py                                   # the template as it is
  benchmarks/elasticsearch/write-cost.py --settings '{"index.refresh_interval": "1s"}'
  benchmarks/elasticsearch/write-cost.py --bulk-every 0.02                 # smaller bulks, same rate
  benchmarks/elasticsearch/write-cost.py --strip scans,predictionsAt        # smaller documents

Run settings to compare back to back: the machine's load moves the figures.
"""
import argparse
import json
import os
import random
import sys
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATE = os.path.join(REPO, 'deploy', 'elasticsearch', 'parcels.index-template.json')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--es', default=os.environ.get('PW_ELASTICSEARCH', 'http://127.0.0.1:9200'))
    ap.add_argument('--index', default='write-cost', help='the scratch index (deleted before and after)')
    ap.add_argument('--settings', default='{}', help='index settings over the template\'s, as JSON')
    ap.add_argument('--rate', type=int, default=2000, help='documents per second (default 2000)')
    ap.add_argument('--seconds', type=float, default=60)
    ap.add_argument('--bulk-every', type=float, default=0.1, help='seconds between bulk requests (default 0.1)')
    ap.add_argument('--documents', type=int, default=10000, help='documents read from the parcels index')
    ap.add_argument('--copies', type=int, default=5, help='ids each document is written under')
    ap.add_argument('--strip', default='', help='top-level fields to leave out, comma-separated')
    a = ap.parse_args()

    def call(method, path, body=None, ctype='application/json'):
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(a.es + path, data=data, method=method, headers={'content-type': ctype})
        with urllib.request.urlopen(req) as resp:
            return json.loads(resp.read() or b'{}')

    hits = call('POST', f'/parcels/_search?size={a.documents}', json.dumps({'query': {'match_all': {}}, 'sort': ['_doc']}))['hits']['hits']
    if not hits:
        sys.exit('The parcels index is empty: run ./parcelwatch run or the tracker benchmark first.')
    strip = [f for f in a.strip.split(',') if f]
    bodies = []
    for hit in hits:
        doc = hit['_source']
        for field in strip:
            doc.pop(field, None)
        bodies.append((doc['parcelId'], json.dumps(doc)))
    writes = [(f'{pid}-{k}', body) for k in range(a.copies) for pid, body in bodies]

    template = json.load(open(TEMPLATE))['template']
    settings = dict(template['settings'])
    settings.update(json.loads(a.settings))
    try:
        call('DELETE', '/' + a.index)
    except urllib.error.HTTPError:
        pass
    call('PUT', '/' + a.index, json.dumps({'settings': settings, 'mappings': template['mappings']}))

    node_pid = next((p for p in os.listdir('/proc') if p.isdigit() and 'ElasticsearchNodeMain' in
                     open(f'/proc/{p}/cmdline', 'rb').read().decode(errors='replace')), None)
    if node_pid is None:
        sys.exit('No local Elasticsearch node process on this machine (./parcelwatch start starts one).')

    def node_cpu_seconds():
        stat = open(f'/proc/{node_pid}/stat').read()
        fields = stat[stat.rfind(')') + 2:].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')

    versions = {}
    rnd = random.Random(42)
    per_bulk = max(1, round(a.rate * a.bulk_every))
    cpu0, start, sent, errors = node_cpu_seconds(), time.time(), 0, 0
    due = start
    while time.time() - start < a.seconds:
        lines = []
        for _ in range(per_bulk):
            doc_id, body = writes[rnd.randrange(len(writes))]
            versions[doc_id] = versions.get(doc_id, 0) + 1
            lines.append(json.dumps({'index': {'_index': a.index, '_id': doc_id, 'version': versions[doc_id], 'version_type': 'external'}}))
            lines.append(body)
        result = call('POST', '/_bulk', '\n'.join(lines) + '\n', 'application/x-ndjson')
        sent += per_bulk
        errors += sum(1 for item in result['items'] if 'error' in item['index']) if result.get('errors') else 0
        due += a.bulk_every
        time.sleep(max(0.0, due - time.time()))
    elapsed, cpu = time.time() - start, node_cpu_seconds() - cpu0

    stats = call('GET', f'/{a.index}/_stats/merge,indexing,refresh,store')['indices'][a.index]['primaries']
    merges = stats['merges']
    print(f'{a.index} settings {json.dumps(json.loads(a.settings))}, strip [{a.strip}], {per_bulk} documents per bulk:')
    print(f'  {sent:,} documents in {elapsed:.0f} s ({sent / elapsed:,.0f}/s, {errors} errors); '
          f'Elasticsearch CPU {cpu:.1f} s = {cpu / sent * 1e6:.0f} µs per document')
    print(f'  indexing {stats["indexing"]["index_time_in_millis"] / 1000:.1f} s, refresh {stats["refresh"]["total_time_in_millis"] / 1000:.1f} s '
          f'({stats["refresh"]["total"]}), merges {merges["total"]}: {merges["total_docs"]:,} documents '
          f'({merges["total_docs"] / sent:.1f} per indexed one), {merges["total_size_in_bytes"] / 1e6:.0f} MB, '
          f'{merges["total_time_in_millis"] / 1000:.1f} s of which {merges["total_throttled_time_in_millis"] / 1000:.1f} s throttled; '
          f'store {stats["store"]["size_in_bytes"] / 1e6:.0f} MB')
    call('DELETE', '/' + a.index)


if __name__ == '__main__':
    main()
