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
