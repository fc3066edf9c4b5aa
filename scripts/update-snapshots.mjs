// Rewrite test/snapshots/ from the built CLI: run after an intended output change,
// then read the diff before committing it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { FORMATS, SAMPLE_ARGS, sampleFiles, snapshotName } from './sample-args.mjs';

const formats = FORMATS;
mkdirSync('test/snapshots/real', { recursive: true });
for (const file of sampleFiles((d) => readdirSync(d))) {
  for (const format of formats) {
    const out = execFileSync('node', ['bin/klog-eviction.js', ...(SAMPLE_ARGS[file] ?? []), '-o', format, `samples/${file}`], {
      env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' },
      maxBuffer: 256 * 1024 * 1024,
    });
    writeFileSync(`test/snapshots/${snapshotName(file, format)}`, out);
    console.log(`test/snapshots/${snapshotName(file, format)}`);
  }
}

// The README shows the seed's text output; keep it the real one (test/readme.test.ts checks).
{
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync('README.md', 'utf8');
  const seed = readFileSync(`test/snapshots/${snapshotName('seed-ubuntu-k8s-3.log', 'text')}`, 'utf8');
  const next = readme.replace(/(```\n\$ klog-eviction [^\n]*\n)[\s\S]*?```/, (_, head) => `${head}${seed}\`\`\``);
  if (next !== readme) {
    writeFileSync('README.md', next);
    console.log('README.md');
  }
}
