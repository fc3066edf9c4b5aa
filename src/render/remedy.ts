/**
 * How a step of the remediation reads, the same in text, Markdown and HTML: paragraphs and
 * blocks of code (commands, a systemd drop-in, a KubeletConfiguration map), still unescaped
 * (each renderer escapes for its own syntax). The threshold setting is written in the form the
 * node takes it: the flag in a drop-in like the one the kubelet unit has, the `evictionHard:`
 * map of its configuration file, or both when the journal does not tell.
 */
import type { Remedy, SuggestedThresholds } from '../timeline/model.js';

export type Block =
  | { readonly kind: 'p'; readonly text: string }
  /** lines to copy as they are: a shell command per line, or a file's content */
  | { readonly kind: 'code'; readonly lines: readonly string[] };

const DROP_IN = '/etc/systemd/system/kubelet.service.d/20-eviction-hard.conf';
const RESTART = 'sudo systemctl daemon-reload && sudo systemctl restart kubelet';

function dropIn(s: SuggestedThresholds): string[] {
  return [`# ${DROP_IN}`, '[Service]', `Environment="KUBELET_EXTRA_ARGS=${s.flag}"`];
}

function settingBlocks(s: SuggestedThresholds): Block[] {
  const flagWhere =
    "where this kubelet's flags are set (systemctl cat kubelet shows its unit and drop-ins), for example in a drop-in; if the unit sets KUBELET_EXTRA_ARGS already, add the flag to that line instead, since a later Environment= line replaces it";
  const configWhere =
    'in the KubeletConfiguration file the kubelet reads (its --config flag; kubeadm: /var/lib/kubelet/config.yaml), as its whole evictionHard map';
  switch (s.form) {
    case 'flags':
      return [
        { kind: 'code', lines: [s.flag] },
        { kind: 'p', text: `Set it ${flagWhere}:` },
        { kind: 'code', lines: dropIn(s) },
        { kind: 'p', text: 'Then reload systemd and restart the kubelet:' },
        { kind: 'code', lines: [RESTART] },
      ];
    case 'config-file':
      return [
        { kind: 'p', text: `The journal shows a configuration file: set it ${configWhere}, then restart the kubelet:` },
        { kind: 'code', lines: s.config.split('\n') },
        { kind: 'p', text: 'Then restart the kubelet:' },
        { kind: 'code', lines: ['sudo systemctl restart kubelet'] },
      ];
    case 'unknown':
      return [
        { kind: 'code', lines: [s.flag] },
        { kind: 'p', text: `The journal does not show how this kubelet is configured. With flags, set it ${flagWhere}:` },
        { kind: 'code', lines: dropIn(s) },
        { kind: 'p', text: `With a configuration file, set it ${configWhere}:` },
        { kind: 'code', lines: s.config.split('\n') },
        { kind: 'p', text: 'Then restart the kubelet:' },
        { kind: 'code', lines: [RESTART] },
      ];
  }
}

/** The blocks of one step: its text, its commands, its threshold setting. */
export function remedyBlocks(m: Remedy): Block[] {
  const out: Block[] = [{ kind: 'p', text: m.text }];
  if (m.commands && m.commands.length > 0) out.push({ kind: 'code', lines: m.commands });
  if (m.suggested) out.push(...settingBlocks(m.suggested));
  return out;
}

/** What a step asks for, in a few words, for the short answer, with the setting where there is one. */
export function remedyAction(m: Remedy): { text: string; code?: string } | undefined {
  // A stop-gap that already happened is a finding, not an action.
  if (m.kind === 'stop-gap' && !m.suggested) return undefined;
  if (!m.suggested) return { text: m.title };
  return {
    text: m.title,
    code:
      m.suggested.form === 'config-file'
        ? `evictionHard: {${m.suggested.hard.map((t) => `${t.signal}: "${t.value}"`).join(', ')}}`
        : m.suggested.flag,
  };
}
