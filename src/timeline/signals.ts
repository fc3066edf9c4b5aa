/**
 * The vocabulary that ties reclaim resources, eviction signals and node
 * conditions together (docs/kubelet-messages.md section 3.1).
 */
import type { Threshold } from '../model/events.js';
import type { Incident } from './model.js';

/** Resource named in reclaim lines → the signals whose thresholds it answers to. */
const RESOURCE_SIGNALS: Readonly<Record<string, readonly string[]>> = {
  memory: ['memory.available', 'allocatableMemory.available'],
  nodefs: ['nodefs.available', 'allocatableNodeFs.available'],
  nodefsInodes: ['nodefs.inodesFree'],
  imagefs: ['imagefs.available'],
  imagefsInodes: ['imagefs.inodesFree'],
  'ephemeral-storage': ['nodefs.available', 'imagefs.available', 'containerfs.available'],
  inodes: ['nodefs.inodesFree', 'imagefs.inodesFree', 'containerfs.inodesFree'],
  pids: ['pid.available'],
};

/** Signals a reclaim resource answers to; the resource itself when it is a signal. */
export function signalsOf(resource: string): readonly string[] {
  return RESOURCE_SIGNALS[resource] ?? [resource];
}

/** Node condition a resource or signal raises. */
export function conditionOf(resourceOrSignal: string): string {
  if (/^(memory|allocatableMemory)/.test(resourceOrSignal)) return 'MemoryPressure';
  if (/^pid/.test(resourceOrSignal)) return 'PIDPressure';
  return 'DiskPressure';
}

/** Plain words for a resource: `nodefs` → `node filesystem (nodefs)`. */
export function describeResource(resource: string): string {
  switch (resource) {
    case 'memory':
      return 'memory';
    case 'nodefs':
      return 'disk space on the node filesystem (nodefs)';
    case 'imagefs':
      return 'disk space on the image filesystem (imagefs)';
    case 'nodefsInodes':
      return 'inodes on the node filesystem';
    case 'imagefsInodes':
      return 'inodes on the image filesystem';
    case 'ephemeral-storage':
      return 'ephemeral storage (node or image filesystem space)';
    case 'inodes':
      return 'inodes';
    case 'pids':
      return 'process IDs';
    default:
      return resource;
  }
}

export function formatThreshold(t: Threshold): string {
  return `${t.signal}<${t.value}`;
}

/**
 * Does a threshold of `signal` answer to this incident: one of its resources' signals, or, when it
 * named no resource, a signal of a condition it had. (A threshold change right after an incident
 * that it answers to ended it: `threshold-change`, in the report and in ndjson alike.)
 */
export function relevant(inc: Pick<Incident, 'resources' | 'conditions'>, signal: string): boolean {
  if (inc.resources.length === 0) return inc.conditions.includes(conditionOf(signal));
  return inc.resources.some((r) => signalsOf(r).includes(signal));
}
