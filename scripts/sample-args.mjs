// The options each sample is analysed with (its journal carries no year or
// zone of its own); shared by the snapshot test and `npm run snapshots`.
export const SAMPLE_ARGS = {
  'seed-ubuntu-k8s-3.log': ['--year', '2017', '--timezone', 'Asia/Shanghai'],
  'modern-memory-eviction.log': ['--timezone', 'UTC'],
};

export function snapshotName(file, format) {
  return `${file.replace(/\.log$/, '')}.${format === 'text' ? 'txt' : format}`;
}
