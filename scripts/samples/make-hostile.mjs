// samples/hostile-names.log: a short v1.29 journal (journalctl -o short-iso) whose pod names and
// messages carry what must never reach a page or a document unescaped: HTML (`<script>`, an
// attribute break-out), Markdown table syntax (`|`, backticks, a leading `#`), and terminal
// escapes (a raw ESC and klog's quoted `\x1b`). Pod names this hostile cannot exist in a real
// cluster (they are DNS labels), but the line text can be anything a log shipper or an attacker
// with write access to the log produced. Deterministic: no clock, no randomness.
// Run: node scripts/samples/make-hostile.mjs > samples/hostile-names.log
const ESC = '\u001b';
const H = 'ci-<b>node</b>';
const lines = [
  `2024-05-02T10:00:00+0000 ${H} systemd[1]: Started kubelet: The Kubernetes Node Agent.`,
  `2024-05-02T10:00:00+0000 ${H} kubelet[4100]: I0502 10:00:00.100000    4100 flags.go:64] FLAG: --eviction-hard="memory.available<100Mi"`,
  `2024-05-02T10:05:00+0000 ${H} kubelet[4100]: I0502 10:05:00.100000    4100 eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="memory"`,
  `2024-05-02T10:05:00+0000 ${H} kubelet[4100]: I0502 10:05:00.100400    4100 eviction_manager.go:377] "Eviction manager: must evict pod(s) to reclaim" resourceName="memory"`,
  `2024-05-02T10:05:00+0000 ${H} kubelet[4100]: I0502 10:05:00.100800    4100 eviction_manager.go:395] "Eviction manager: pods ranked for eviction" pods=["default/<script>window.__pwned=1;alert(1)</script>","default/\\"><img src=x onerror=window.__pwned=2>","default/a|b|c"]`,
  `2024-05-02T10:05:00+0000 ${H} kubelet[4100]: I0502 10:05:00.101000    4100 eviction_manager.go:611] "Evicting pod" pod="default/<script>window.__pwned=1;alert(1)</script>" podUID="6f1c0d2e-5a8b-4c3d-9e7f-1a2b3c4d5e60" message="The node was low on resource: memory. </td></tr></table><script>window.__pwned=3</script>"`,
  `2024-05-02T10:05:01+0000 ${H} kubelet[4100]: I0502 10:05:01.200000    4100 eviction_manager.go:623] "Eviction manager: pod is evicted successfully" pod="default/<script>window.__pwned=1;alert(1)</script>"`,
  `2024-05-02T10:05:10+0000 ${H} kubelet[4100]: I0502 10:05:10.100000    4100 eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="memory"`,
  `2024-05-02T10:05:10+0000 ${H} kubelet[4100]: I0502 10:05:10.100400    4100 eviction_manager.go:377] "Eviction manager: must evict pod(s) to reclaim" resourceName="memory"`,
  `2024-05-02T10:05:10+0000 ${H} kubelet[4100]: I0502 10:05:10.101000    4100 eviction_manager.go:611] "Evicting pod" pod="default/\\"><img src=x onerror=window.__pwned=2>" podUID="6f1c0d2e-5a8b-4c3d-9e7f-1a2b3c4d5e61" message="low on memory"`,
  `2024-05-02T10:05:11+0000 ${H} kubelet[4100]: I0502 10:05:11.200000    4100 eviction_manager.go:623] "Eviction manager: pod is evicted successfully" pod="default/\\"><img src=x onerror=window.__pwned=2>"`,
  `2024-05-02T10:05:20+0000 ${H} kubelet[4100]: I0502 10:05:20.300000    4100 eviction_manager.go:167] "Failed to admit pod to node" pod="default/a|b|c" nodeCondition=["MemoryPressure"]`,
  `2024-05-02T10:05:30+0000 ${H} kubelet[4100]: I0502 10:05:30.300000    4100 eviction_manager.go:167] "Failed to admit pod to node" pod="default/\`rm -rf\`-# heading" nodeCondition=["MemoryPressure"]`,
  `2024-05-02T10:05:40+0000 ${H} kubelet[4100]: I0502 10:05:40.300000    4100 eviction_manager.go:167] "Failed to admit pod to node" pod="default/red${ESC}[31mALERT${ESC}[0m\\x1b]8;;http://x/\\x07-link" nodeCondition=["MemoryPressure"]`,
  `2024-05-02T10:05:50+0000 ${H} kubelet[4100]: I0502 10:05:50.300000    4100 eviction_manager.go:167] "Failed to admit pod to node" pod="default/- [x] *bold* _em_ &amp; &lt;b&gt;" nodeCondition=["MemoryPressure"]`,
  `2024-05-02T10:12:00+0000 ${H} kubelet[4100]: I0502 10:12:00.100000    4100 kubelet_node_status.go:679] "Recording event message for node" node="${H}" event="NodeHasSufficientMemory"`,
];
process.stdout.write(`${lines.join('\n')}\n`);
