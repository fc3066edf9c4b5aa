/** The value parsers of src/classify/values.ts, table-driven with renderings from the catalog. */
import { describe, expect, it } from 'vitest';
import { num } from '../src/model/number.js';
import fc from 'fast-check';
import {
  configEviction,
  debugThreshold,
  evictionDetail,
  nodeConfigThresholds,
  parseDuration,
  parsePercent,
  parseQuantity,
  podList,
} from '../src/classify/values.js';

describe('parseQuantity (resource.Quantity.String())', () => {
  it.each([
    ['100Mi', 100 * 2 ** 20],
    ['91520Ki', 91520 * 1024],
    ['1Gi', 2 ** 30],
    ['2Ti', 2 * 2 ** 40],
    ['1Pi', 2 ** 50],
    ['1Ei', 2 ** 60],
    ['500k', 500e3],
    ['1M', 1e6],
    ['3G', 3e9],
    ['1T', 1e12],
    ['2P', 2e15],
    ['1E', 1e18],
    ['110m', 0.11],
    ['3854847994', 3854847994],
    ['-9112137624', -9112137624],
    ['-2097758044639028Ki', -2097758044639028 * 1024],
    ['1e3', 1000],
    ['5E-2', 0.05],
    ['32Ki', 32768],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['"100Mi"', 100 * 2 ** 20],
  ])('%s → %d', (text, value) => {
    expect(parseQuantity(text).value).toBeCloseTo(value, 6);
  });
  it.each(['', 'abc', '100Mx', '10%', '<nil>', '15314304K>'])('%s is not a quantity', (t) => {
    expect(parseQuantity(t).value).toBeNaN();
  });
});

describe('parsePercent', () => {
  it.each([
    ['10%', 0.1, '10%'],
    ['0.1', 0.1, '10%'],
    ['0.075', 0.075, '7.5%'],
    ['10.000000%', 0.1, '10%'],
  ])('%s → %d', (t, v, text) => {
    const p = parsePercent(t);
    expect(p.value).toBeCloseTo(v, 9);
    expect(p.text).toBe(text);
  });
});

describe('parseDuration', () => {
  it.each([
    ['1m30s', 90],
    ['0s', 0],
    ['2m0s', 120],
    ['10.012345678s', 10.012345678],
    ['100ms', 0.1],
    ['1µs', 1e-6],
    ['-5s', -5],
    ['90000000000', 90],
    [90000000000, 90],
    [0, 0],
  ] as const)('%s → %d s', (t, v) => {
    expect(parseDuration(t).value).toBeCloseTo(v, 9);
  });
});

describe('debugThreshold (formatThreshold, B8)', () => {
  it.each([
    [
      'threshold(signal=memory.available, operator=LessThan, value={500Mi 0}, gracePeriod=1m30s)',
      { signal: 'memory.available', value: '500Mi', gracePeriodSeconds: 90 },
    ],
    [
      'threshold(signal=nodefs.available, operator=LessThan, value={<nil> 0.8}, gracePeriod=2m0s)',
      { signal: 'nodefs.available', value: '80%', gracePeriodSeconds: 120 },
    ],
    // G6 swapped operator and value
    ['threshold(signal=memory.available, operator=100Mi, value=LessThan, gracePeriod=0s)', { signal: 'memory.available', value: '100Mi' }],
    [
      'threshold(signal=nodefs.available, operator=10.000000%, value=LessThan, gracePeriod=1m0s)',
      { signal: 'nodefs.available', value: '10%', gracePeriodSeconds: 60 },
    ],
  ])('%s', (t, want) => {
    expect(debugThreshold(t)).toEqual(want);
  });
});

describe('podList in every rendering', () => {
  it.each([
    ['a-1_ns(11), b_ns2(22)', ['ns/a-1', 'ns2/b']],
    ['[ns/a ns/b]', ['ns/a', 'ns/b']],
    ['[ns/a ns/b', ['ns/a', 'ns/b']],
    ['["ns/a","ns/b"]', ['ns/a', 'ns/b']],
    ['[{"name":"a","namespace":"ns"},{"name":"b"}]', ['ns/a', 'b']],
  ])('%s', (t, want) => {
    expect(podList(t)).toEqual(want);
  });
});

describe('evictionDetail (section 5 and 4.F)', () => {
  it.each([
    [
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91520Ki. Container memhog was using 1843200Ki, request is 0, has larger consumption of memory. ',
      { cause: 'node-pressure', resource: 'memory', threshold: { text: '100Mi' }, available: { text: '91520Ki' } },
    ],
    ['The node was low on resource: imagefs.', { cause: 'node-pressure', resource: 'imagefs' }],
    ['The node was low on resource: [MemoryPressure].', { cause: 'admission', conditions: ['MemoryPressure'] }],
    ['Pod was rejected: The node had condition: [DiskPressure]. ', { cause: 'admission', conditions: ['DiskPressure'] }],
    ['emptyDir usage exceeds the limit "1Gi"', { cause: 'local-storage', scope: 'emptydir', limit: '1Gi' }],
    ['Usage of EmptyDir volume "cache" exceeds the limit "1Gi". ', { cause: 'local-storage', scope: 'emptydir', limit: '1Gi' }],
    [
      'Pod ephemeral local storage usage exceeds the total limit of containers 2Gi. ',
      { cause: 'local-storage', scope: 'pod', limit: '2Gi' },
    ],
    ['container\'s overlay usage exceeds the limit "1Gi"', { cause: 'local-storage', scope: 'container', limit: '1Gi' }],
    ['container\'s ephemeral local storage usage exceeds the limit "1Gi"', { cause: 'local-storage', scope: 'container' }],
    ['Container app exceeded its local ephemeral storage limit "500Mi". ', { cause: 'local-storage', scope: 'container', limit: '500Mi' }],
    ['something else', { cause: 'unknown' }],
  ])('%s', (t, want) => {
    expect(evictionDetail(t)).toMatchObject(want);
  });
});

describe('nodeConfigThresholds (A1, three renderings)', () => {
  const S21_EKS =
    '{RuntimeCgroupsName: NodeAllocatableConfig:{KubeReservedCgroupName: SystemReservedCgroupName: ReservedSystemCPUs: EnforceNodeAllocatable:map[pods:{}] KubeReserved:map[cpu:{i:{value:110 scale:-3} d:{Dec:<nil>} s:110m Format:DecimalSI} ephemeral-storage:{i:{value:1073741824 scale:0} d:{Dec:<nil>} s:1Gi Format:BinarySI} memory:{i:{value:2966421504 scale:0} d:{Dec:<nil>} s:2829Mi Format:BinarySI}] SystemReserved:map[] HardEvictionThresholds:[{Signal:nodefs.inodesFree Operator:LessThan Value:{Quantity:<nil> Percentage:0.05} GracePeriod:0s MinReclaim:<nil>} {Signal:memory.available Operator:LessThan Value:{Quantity:100Mi Percentage:0} GracePeriod:0s MinReclaim:<nil>} {Signal:nodefs.available Operator:LessThan Value:{Quantity:<nil> Percentage:0.1} GracePeriod:0s MinReclaim:0xc000a4c0c0}]} QOSReserved:map[] ExperimentalCPUManage…';
  it('reads %+v with KubeReserved Quantity structs, any order, hex MinReclaim', () => {
    const p = nodeConfigThresholds(S21_EKS);
    expect(p.hard).toEqual([
      { signal: 'nodefs.inodesFree', value: '5%' },
      { signal: 'memory.available', value: '100Mi' },
      { signal: 'nodefs.available', value: '10%' },
    ]);
    expect(p.truncated).toBe(false);
  });
  it('reads JSON (S28+) with KubeReserved maps', () => {
    const p = nodeConfigThresholds(
      '{"KubeReserved":{"cpu":"110m","memory":"2829Mi"},"SystemReserved":null,"HardEvictionThresholds":[{"Signal":"imagefs.available","Operator":"LessThan","Value":{"Quantity":null,"Percentage":0.15},"GracePeriod":0,"MinReclaim":null},{"Signal":"memory.available","Operator":"LessThan","Value":{"Quantity":"100Mi","Percentage":0},"GracePeriod":0,"MinReclaim":null}],"QOSReserved":{}}',
    );
    expect(p.hard).toEqual([
      { signal: 'imagefs.available', value: '15%' },
      { signal: 'memory.available', value: '100Mi' },
    ]);
    expect(p.truncated).toBe(false);
  });
  it.each([
    ['HardEvictionThresholds:[]} ExperimentalQOSReserved:map[]', false],
    ['"HardEvictionThresholds":null,"QOSReserved":{}', false],
  ])('an empty list is a stated empty list: %s', (t, truncated) => {
    const p = nodeConfigThresholds(t);
    expect(p.hard).toEqual([]);
    expect(p.truncated).toBe(truncated);
  });
  it('an ellipsized line is truncated, never a list', () => {
    expect(nodeConfigThresholds('{"RuntimeCgroupsName":"","SystemCgr>')).toMatchObject({ hard: [], truncated: true, absent: true });
    const cut = nodeConfigThresholds(
      'HardEvictionThresholds:[{Signal:memory.available Operator:LessThan Value:{Quantity:100Mi Percentage:0} GracePeriod:0s MinReclaim:<nil>} {Signal:nodefs.ava>',
    );
    expect(cut.hard).toEqual([{ signal: 'memory.available', value: '100Mi' }]);
    expect(cut.truncated).toBe(true);
  });
});

describe('configEviction (A3)', () => {
  it('reads YAML as journalctl renders a klog block (TAB or spaces)', () => {
    for (const pre of ['\t', '        ']) {
      const yaml = [
        'apiVersion: kubelet.config.k8s.io/v1beta1',
        'evictionHard:',
        '  imagefs.available: 15%',
        '  memory.available: "100Mi"',
        'evictionSoft:',
        '  memory.available: 500Mi',
        'evictionSoftGracePeriod:',
        '  memory.available: 1m30s',
        'evictionMinimumReclaim: {}',
        'kind: KubeletConfiguration',
      ]
        .map((l) => pre + l)
        .join('\n');
      const c = configEviction(yaml);
      expect([...c.hard!]).toEqual([
        ['imagefs.available', '15%'],
        ['memory.available', '100Mi'],
      ]);
      expect([...c.soft!]).toEqual([['memory.available', '500Mi']]);
      expect([...c.grace!]).toEqual([['memory.available', '1m30s']]);
      expect([...c.minReclaim!]).toEqual([]);
    }
  });
  it('reads indented JSON, internal field names and %+v maps', () => {
    const c = configEviction('{\n\t  "evictionHard": {\n\t    "memory.available": "200Mi"\n\t  },\n\t  "evictionSoft": null\n\t}');
    expect([...c.hard!]).toEqual([['memory.available', '200Mi']]);
    expect([...c.soft!]).toEqual([]);
    expect([...configEviction('{"EvictionHard":{"nodefs.available":"5%"}}').hard!]).toEqual([['nodefs.available', '5%']]);
    expect([...configEviction('{EvictionHard:map[memory.available:100Mi nodefs.available:10%] EvictionSoft:map[]}').hard!]).toEqual([
      ['memory.available', '100Mi'],
      ['nodefs.available', '10%'],
    ]);
  });
});

describe('num: a count as the report writes it', () => {
  it("is what toLocaleString('en-US') writes, for any number (whole ones without ICU)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.maxSafeInteger(),
          fc.double(),
          fc.constantFrom(0, -0, 999, 1000, -1000, 1e20, 1e21, 2 ** 53, NaN, Infinity),
        ),
        (n) => {
          expect(num(n)).toBe(n.toLocaleString('en-US'));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
