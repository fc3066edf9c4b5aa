/** Stage 2, the klog decoder and the structured key=value tokenizer. */
import { describe, expect, it } from 'vitest';
import { decodeKlog, kvOf } from '../src/klog/decode.js';
import { parseKv, readQuoted } from '../src/klog/kv.js';

describe('klog header', () => {
  it.each([
    // pid right-aligned in 7 characters after one space (docs/kubelet-messages.md 2.2)
    [
      'W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',
      'W',
      17144,
      'eviction_manager.go',
    ],
    [
      'I0928 05:37:59.659033 2865036 eviction_manager.go:369] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"',
      'I',
      2865036,
      'eviction_manager.go',
    ],
    [
      'E1010 09:15:45.281625       1 eviction_manager.go:355] eviction manager: eviction thresholds have been met, but no pods are active to evict',
      'E',
      1,
      'eviction_manager.go',
    ],
    ['F0101 00:00:00.000000     906 server.go:1] boom', 'F', 906, 'server.go'],
  ])('%s', (line, sev, pid, file) => {
    const r = decodeKlog(line);
    expect(r).toMatchObject({ header: 'klog', severity: sev, pid, file });
  });
  it('the header anywhere in the line (Rancher UI glued timestamp)', () => {
    const r = decodeKlog(
      '7/29/2017 11:23:35 PMW0729 21:23:35.409653   14475 helpers.go:771] eviction manager: no observation found for eviction signal allocatableNodeFs.available',
    );
    expect(r).toMatchObject({ header: 'klog', severity: 'W', pid: 14475, file: 'helpers.go' });
    expect(r.time).toEqual({ kind: 'wall', month: 7, day: 29, hour: 21, minute: 23, second: 35, micros: 409653 });
    expect(r.text).toBe('eviction manager: no observation found for eviction signal allocatableNodeFs.available');
  });
  it('a header stripped to file:line] (pasted by a reporter)', () => {
    const r = decodeKlog(
      'helpers.go:819] eviction manager: observations: signal=allocatableNodeFs.available, available: 3854847994, capacity: 4085Mi',
    );
    expect(r).toMatchObject({ header: 'fragment', file: 'helpers.go' });
    expect(r.time).toBeUndefined();
  });
  it('no header: stderr lines the kubelet writes directly', () => {
    expect(
      decodeKlog('Flag --container-runtime-endpoint has been deprecated, This parameter should be set via the config file'),
    ).toMatchObject({ header: 'none' });
  });
});

describe('structured payloads', () => {
  it('message and keys, S28 JSON-quoted values', () => {
    const r = decodeKlog(
      'I0314 09:30:11.204430    2716 eviction_manager.go:167] "Failed to admit pod to node" pod="default/busybox" nodeCondition=["DiskPressure"]',
    );
    expect(r.msg).toBe('Failed to admit pod to node');
    const kv = kvOf(r);
    expect(kv.get('pod')).toBe('default/busybox');
    expect(kv.get('nodeCondition')).toBe('["DiskPressure"]');
  });
  it('ErrorS puts err right after the message, with escaped quotes', () => {
    const r = decodeKlog(
      'E0610 17:39:22.935125    1980 eviction_manager.go:282] "Eviction manager: failed to get summary stats" err="failed to get node info: node \\"worker1\\" not found"',
    );
    expect(kvOf(r).get('err')).toBe('failed to get node info: node "worker1" not found');
  });
  it('%+v values with spaces inside brackets and braces', () => {
    const kv = parseKv(
      ' nodeCondition=[MemoryPressure DiskPressure] condition={Type:Ready Status:False Message:PLEG is not healthy: x=y} next=1',
    );
    expect(kv.get('nodeCondition')).toBe('[MemoryPressure DiskPressure]');
    expect(kv.get('condition')).toBe('{Type:Ready Status:False Message:PLEG is not healthy: x=y}');
    expect(kv.get('next')).toBe('1');
  });
  it('JSON values with quotes and brackets inside strings', () => {
    const kv = parseKv(' pods=["a/b]c","d/e"] cfg={"k":"}"} x=<nil>');
    expect(kv.get('pods')).toBe('["a/b]c","d/e"]');
    expect(kv.get('cfg')).toBe('{"k":"}"}');
    expect(kv.get('x')).toBe('<nil>');
  });
  it('quoted keys (forks: "total usage"=...) and junk between keys', () => {
    const kv = parseKv(' "total usage"=123 junk k=v');
    expect(kv.get('total usage')).toBe('123');
    expect(kv.get('k')).toBe('v');
  });
  it('a value cut by a pager keeps what is there', () => {
    const kv = parseKv(' nodeConfig={"NodeName":"w","HardEvictionThresholds":[{"Signal":"mem');
    expect(kv.get('nodeConfig')).toMatch(/^\{"NodeName":"w"/);
  });
  it.each([
    ['"a\\nb"', 'a\nb'],
    ['"tab\\there"', 'tab\there'],
    ['"\\u00e9t\\u00e9"', 'été'],
    ['"\\x41"', 'A'],
    ['"unterminated', 'unterminated'],
  ])('Go-quoted %s', (q, want) => {
    expect(readQuoted(q, 0)[0]).toBe(want);
  });
});

describe('JSON logging format', () => {
  it('FLAG line from a v1.21 kubelet (ts in epoch milliseconds, printf newline kept)', () => {
    const r = decodeKlog('{"ts":1616398324656.7524,"msg":"FLAG: --eviction-soft=\\"\\"\\n","v":1}');
    expect(r).toMatchObject({ header: 'json', severity: 'I', text: 'FLAG: --eviction-soft=""' });
    expect(r.time).toEqual({ kind: 'instant', ms: 1616398324656.7524, precise: true });
  });
  it('structured keys and caller; error lines have err and no v', () => {
    const r = decodeKlog(
      '{"ts":1717416001123.4568,"caller":"eviction/eviction_manager.go:366","msg":"Eviction manager: attempting to reclaim","v":0,"resourceName":"memory"}',
    );
    expect(r).toMatchObject({ file: 'eviction_manager.go', msg: 'Eviction manager: attempting to reclaim' });
    expect(kvOf(r).get('resourceName')).toBe('memory');
    const e = decodeKlog('{"ts":1,"msg":"Eviction manager: pod failed to evict","pod":{"name":"a","namespace":"b"},"err":"timeout"}');
    expect(e.severity).toBe('E');
    expect(kvOf(e).get('pod')).toBe('{"name":"a","namespace":"b"}');
  });
});
