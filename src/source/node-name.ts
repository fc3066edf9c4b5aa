/**
 * The node a bare kubelet log belongs to, when its lines name no host (a
 * kubelet.log, `journalctl -o cat`): `--node-name NAME`, else the file name.
 *
 * Rule: take the file's base name; strip a compression suffix (`.gz`, `.zst`, `.xz`, `.bz2`), then a rotation number (`.1`), then `.log` (or `.txt`), then a
 * leading `kubelet-` or `kubelet_`. What is left names the node, unless it is
 * empty or `kubelet` itself. So `kubelet-node3.log.gz` → `node3`,
 * `node3.log` → `node3`, `/var/log/kubelet.log` → none (`unknown`), standard
 * input → none. A host in the lines themselves always wins.
 */
export function nodeFromFileName(path: string): string | undefined {
  if (path === '-' || path === '') return undefined;
  let b = path.split(/[\\/]/).pop() ?? '';
  b = b
    .replace(/\.(?:gz|zst|xz|bz2)$/i, '')
    .replace(/\.\d+$/, '')
    .replace(/\.(?:log|txt)$/i, '')
    .replace(/^kubelet[-_]/i, '');
  if (b === '' || /^kubelet$/i.test(b)) return undefined;
  return b;
}
