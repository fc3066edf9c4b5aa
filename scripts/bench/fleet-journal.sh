#!/usr/bin/env bash
# Benchmark: a 3-node journal directory of ~100 MiB (made by systemd-journal-remote
# from scripts/bench/make-node-export.mjs), analysed by --journal --directory and by
# a journalctl pipe. Needs journalctl and systemd-journal-remote; run after npm run build.
#
#   bash scripts/bench/fleet-journal.sh [DIR]      # default /tmp/klog-eviction-bench
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tmp="${1:-/tmp/klog-eviction-bench}"
remote=/lib/systemd/systemd-journal-remote
[ -x "$remote" ] || remote=/usr/lib/systemd/systemd-journal-remote
rm -rf "$tmp"; mkdir -p "$tmp/journal"
# Journal files grow in 8 MiB steps: 70k entries → 32 MiB, 90k → 40 MiB: 104 MiB in all.
for spec in node1:70000 node2:70000 node3:90000; do
  node "$here/make-node-export.mjs" "${spec%%:*}" "${spec##*:}" | "$remote" -o "$tmp/journal/${spec%%:*}.journal" - 2>/dev/null
done
entries=$(journalctl -D "$tmp/journal" --no-pager -o json | wc -l)
echo "journal: $(du -cb "$tmp"/journal/*.journal | tail -1 | cut -f1) bytes, $entries entries, 3 nodes"
t() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); printf '%7.2f s  %s\n' "$(echo "$e - $s" | bc)" "$label"; }
bin="node $repo/bin/klog-eviction.js"
label='journalctl -D DIR -o json > /dev/null (journalctl alone)'
t bash -c "journalctl -D '$tmp/journal' --no-pager -o json > /dev/null"
label='klog-eviction --journal --directory DIR -o json'
t bash -c "$bin --journal --directory '$tmp/journal' -o json > '$tmp/a.json'"
label='journalctl -D DIR -o json | klog-eviction -o json'
t bash -c "journalctl -D '$tmp/journal' --no-pager -o json | $bin -o json > '$tmp/b.json'"
node -e '
  const [a, b] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
  console.log(`reports: ${a.summary.nodes} nodes, ${a.summary.incidents} incidents, ${a.summary.rejections} rejections; same story both ways: ${JSON.stringify(a.incidents) === JSON.stringify(b.incidents).replaceAll("\"input\":\"-\"", "\"input\":\"journalctl\"")}`);
' "$tmp/a.json" "$tmp/b.json"
