// The options each sample is analysed with (its journal carries no year or
// zone of its own); shared by the snapshot test and `npm run snapshots`.
export const SAMPLE_ARGS = {
  'seed-ubuntu-k8s-3.log': ['--year', '2017', '--timezone', 'Asia/Shanghai'],
  'modern-memory-eviction.log': ['--timezone', 'UTC'],
  'hostile-names.log': ['--timezone', 'UTC'],
};

/** Every output format has a committed snapshot per sample. */
export const FORMATS = ['json', 'text', 'markdown', 'html', 'ndjson'];
// samples/real/: public pastes (samples/real/INDEX.md says where each is from). Each gets the
// year its INDEX row states, so the snapshot does not move with the clock (an inferred
// year depends on "now"), and UTC unless the paste says otherwise:
//  - 05 (Rancher viewer) and 11 (dockerd-current): glog headers are UTC per the INDEX,
//    the journal/viewer stamps are local; UTC keeps the header times as logged.
//  - 17 says CEST in its `-- Logs begin` banner; 18 says CST (China, +08:00).
//  - 19 and 33 print Go times in +0800 CST: Asia/Shanghai.
//  - 27 is +01 (its banner); Africa/Casablanca would do, a fixed +01:00 is plainer.
const REAL = {
  '01-glog-bare-imagefs-no-ranking-function.log': ['--year', '2016', '--timezone', 'UTC'],
  '02-glog-kubelet-wrapper-imagefs-delete-unused-images.log': ['--year', '2017', '--timezone', 'UTC'],
  '05-glog-rancher-ui-prefix-allocatableNodeFs-no-observation.log': ['--year', '2017', '--timezone', 'UTC'],
  '07-glog-bare-memory-threshold-memorypressure.log': ['--year', '2017', '--timezone', 'UTC'],
  '08-glog-journal-gce-allocatableNodeFs-negative.log': ['--year', '2017', '--timezone', 'UTC'],
  '09-glog-journal-origin-node-image-gc-85pct.log': ['--year', '2017', '--timezone', 'UTC'],
  '11-glog-journal-dockerd-current-origin-imagefs-tz-skew.log': ['--year', '2018', '--timezone', 'UTC'],
  '12-glog-headerless-allocatableNodeFs-shrinking.log': ['--year', '2018', '--timezone', 'UTC'],
  '16-glog-bullet-prefixed-journal-critical-static-pods.log': ['--year', '2019', '--timezone', 'UTC'],
  '17-glog-journal-cest-unable-to-evict-then-reclaim-again.log': ['--year', '2019', '--timezone', 'Europe/Berlin'],
  '18-glog-journal-allocatableMemory-no-observation.log': ['--year', '2019', '--timezone', 'Asia/Shanghai'],
  '19-glog-bare-observations-pid-no-resources-starved.log': ['--year', '2019', '--timezone', 'Asia/Shanghai'],
  '21-glog-journal-k3s-image-gc-failed.log': ['--year', '2019', '--timezone', 'UTC'],
  '23-glog-journal-minikube-admit-reject-diskpressure-evicted.log': ['--year', '2020', '--timezone', 'UTC'],
  '24-glog-bare-ephemeral-storage-reclaim-error-maxint64.log': ['--year', '2021', '--timezone', 'UTC'],
  // JSON logging format: `ts` is an instant, no year or zone needed
  '25-json-klog-flags-eviction-soft.log': ['--timezone', 'UTC'],
  '26-structured-bare-windows-image-gc-over-high-threshold.log': ['--year', '2023', '--timezone', 'UTC'],
  '27-structured-journal-fr-month-nodeconfig-ellipsized-summary-stats.log': ['--year', '2024', '--timezone', '+01:00'],
  '29-structured-journal-k3s-nodeconfig-json-placeholder-host.log': ['--year', '2025', '--timezone', 'UTC'],
  '32-glog-kubelet-wrapper-must-evict-imagefs.log': ['--year', '2017', '--timezone', 'UTC'],
  '33-glog-bare-observations-inodes-pid-housekeeping.log': ['--year', '2021', '--timezone', 'Asia/Shanghai'],
  // batch 2 (research pastes, INDEX rows 34–73): the year each row states; UTC where the
  // journal and the klog headers agree, else the journal's zone (42 and 64: CST, 8 h ahead of
  // the klog headers' UTC; 51: EDT, its banner; 59: logcli's +08:00; 35 and 69: as the seed, same post)
  '34-structured-journal-dashed-ip-host-ephemeral-ranked-evicted.log': ['--year', '2025', '--timezone', 'UTC'],
  '35-glog-journal-zh-month-prompt-nodefs-no-pods-active-admit-reject.log': ['--year', '2017', '--timezone', 'Asia/Shanghai'],
  '36-structured-journal-k3s-1.35-ephemeral-critical-pod.log': ['--year', '2026', '--timezone', 'UTC'],
  '37-structured-journal-microk8s-kubelite-indented-ephemeral-critical.log': ['--year', '2022', '--timezone', 'UTC'],
  '38-glog-journal-grep-eviction-manager-ephemeral-3-evicted-11-rejected.log': ['--year', '2019', '--timezone', 'UTC'],
  '39-glog-bare-first-line-severity-cut-nodefs-no-pods-active.log': ['--year', '2019', '--timezone', 'UTC'],
  '40-glog-line-number-gutter-imagefs-kube-proxy-evicted-softwrap-spaces.log': ['--year', '2018', '--timezone', 'UTC'],
  '41-glog-journal-timestamps-stripped-ephemeral-evicted-comment.log': ['--year', '2021', '--timezone', 'UTC'],
  '42-glog-journal-ip-hostname-utc-vs-local-inodes.log': ['--year', '2023', '--timezone', 'Asia/Shanghai'],
  '43-glog-bare-stderr-standalone-kubelet-1.20-start-no-pods-active-loop.log': ['--year', '2021', '--timezone', 'UTC'],
  '44-structured-elided-prefix-ephemeral-image-gc-mysql-evicted.log': ['--year', '2021', '--timezone', 'UTC'],
  '45-structured-elided-prefix-postgres-evicted-then-reduced.log': ['--year', '2021', '--timezone', 'UTC'],
  '46-structured-syslog-aks-memory-quoted-pods-string-evicted.log': ['--year', '2023', '--timezone', 'UTC'],
  '47-headerless-indented-4sp-sysbox-image-gc-85pct-admit-reject.log': ['--year', '2020', '--timezone', 'UTC'],
  '48-glog-severity-cut-gke-preemption-evicted-trailing-quote.log': ['--year', '2020', '--timezone', 'UTC'],
  '49-glog-inline-backticks-per-line-inodes-ranked-evicted-event.log': ['--year', '2017', '--timezone', 'UTC'],
  '50-headerless-message-only-preemption-failed-to-evict-timeout.log': ['--year', '2019', '--timezone', 'UTC'],
  '51-systemd-minikube-centos8-restart-loop-203-exec.log': ['--year', '2019', '--timezone', 'America/New_York'],
  '52-glog-prompt-glued-openshift-hyperkube-stopped-starting-head.log': ['--year', '2020', '--timezone', 'UTC'],
  '53-glog-openshift-hyperkube-container-manager-failed-to-run-kubelet-systemd-tail.log': ['--year', '2020', '--timezone', 'UTC'],
  '54-glog-grep-n-prefix-windows-kubelet-err-allocatable-signal-multiline.log': ['--year', '2018', '--timezone', 'UTC'],
  '55-structured-bare-windows-1.32-no-observation-containerfs-inodes-duplicated.log': ['--year', '2025', '--timezone', 'UTC'],
  '56-structured-journal-width-chopped-predicate-failed-outofcpu-loop.log': ['--year', '2021', '--timezone', 'UTC'],
  '57-headerless-predicate-failed-outofmemory-1.8.log': ['--year', '2020', '--timezone', 'UTC'],
  '58-structured-journal-nixos-elided-started-service-command-failed.log': ['--year', '2025', '--timezone', 'UTC'],
  '59-glog-loki-logcli-rfc3339-label-prefix-hard-wrapped-syslog.log': ['--year', '2020', '--timezone', 'Asia/Shanghai'],
  '60-glog-journal-ru-month-memorypressure-admit-reject-reclaim.log': ['--year', '2018', '--timezone', 'UTC'],
  '61-structured-elided-prefix-images-removed-reduced-without-evicting.log': ['--year', '2021', '--timezone', 'UTC'],
  '62-glog-var-log-messages-no-pid-fatal-failed-to-run-kubelet-trailing-prompt.log': ['--year', '2020', '--timezone', 'UTC'],
  '63-structured-journalctl-xeu-catalog-subject-lines-failed-to-run.log': ['--year', '2022', '--timezone', 'UTC'],
  '64-glog-k3s-zh-month-line-number-gutter-utc-skew-able-to-reduce-loop.log': ['--year', '2021', '--timezone', 'Asia/Shanghai'],
  '65-structured-headerless-file-no-line-2sp-crio-remove-image-in-use.log': ['--year', '2024', '--timezone', 'UTC'],
  '66-structured-bare-pager-ellipsized-gt-image-gc-usage-82.log': ['--year', '2023', '--timezone', 'UTC'],
  '67-structured-journal-kind-image-gc-partial-free-with-comment.log': ['--year', '2021', '--timezone', 'UTC'],
  '68-glog-journalctl-o-cat-grep-prompt-image-gc-low-thresholds-removing.log': ['--year', '2019', '--timezone', 'UTC'],
  '69-glog-journal-zh-month-systemd-started-container-manager-thresholds.log': ['--year', '2017', '--timezone', 'Asia/Shanghai'],
  '70-structured-killercoda-prompt-command-failed-unknown-flag-1.33.log': ['--year', '2025', '--timezone', 'UTC'],
  '71-glog-openshift-hyperkube-flag-dump-eviction-subrun.log': ['--year', '2020', '--timezone', 'UTC'],
  '72-glog-journal-export-grep-MESSAGE-kubelet-server-started.log': ['--year', '2017', '--timezone', 'UTC'],
  '73-glog-journal-4space-indented-pid-change-no-pressure.log': ['--year', '2017', '--timezone', 'UTC'],
  '74-structured-systemctl-status-inactive-with-journal-tail-ephemeral.log': ['--year', '2022', '--timezone', 'UTC'],
  // 75: `since Fri 2018-01-26 00:55:01 CST` is China's (+08:00), as its journal tail
  '75-glog-systemctl-status-no-bullet-vim-tilde-trailer-register-timeout.log': ['--year', '2018', '--timezone', 'Asia/Shanghai'],
};
for (const [f, a] of Object.entries(REAL)) SAMPLE_ARGS[`real/${f}`] = a;

export function snapshotName(file, format) {
  const ext = { text: 'txt', markdown: 'md' }[format] ?? format;
  return `${file.replace(/\.log$/, '')}.${ext}`;
}

/** Every sample file under samples/, as `name.log` or `real/name.log`. */
export function sampleFiles(readdirSync) {
  const top = readdirSync('samples').filter((f) => f.endsWith('.log'));
  const real = readdirSync('samples/real')
    .filter((f) => f.endsWith('.log'))
    .map((f) => `real/${f}`);
  return [...top, ...real];
}
