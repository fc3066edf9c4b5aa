// The options each sample is analysed with (its journal carries no year or
// zone of its own); shared by the snapshot test and `npm run snapshots`.
export const SAMPLE_ARGS = {
  'seed-ubuntu-k8s-3.log': ['--year', '2017', '--timezone', 'Asia/Shanghai'],
  'modern-memory-eviction.log': ['--timezone', 'UTC'],
  'hostile-names.log': ['--timezone', 'UTC'],
};

/** Every output format has a committed snapshot per sample. */
export const FORMATS = ['json', 'text', 'markdown', 'html', 'ndjson'];

export function snapshotName(file, format) {
  const ext = { text: 'txt', markdown: 'md' }[format] ?? format;
  return `${file.replace(/\.log$/, '')}.${ext}`;
}
