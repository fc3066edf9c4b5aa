/**
 * Every message family of docs/kubelet-messages.md section 4 is recognised, in each
 * era it exists in: printf glog/klog (G/K), structured %+v (S21), structured
 * JSON values (S28+) and the JSON logging format. One row per (family, era):
 * the line as the catalog (or a real paste) renders it, the kind it must
 * become and the fields it must carry.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyze/pipeline.js';
import type { KubeletEvent } from '../src/model/events.js';
import fc from 'fast-check';
import {
  classify,
  EVENT_NEEDLES,
  INERT_KEYS,
  INERT_PREFIXES,
  isInert,
  isWatched,
  PREFILTER_KEYS,
  PREFILTER_NEEDLES,
} from '../src/classify/classify.js';
import { BYTESCAN_WINDOWS, clearedLines, findNeedle, FOLDS_TO_ASCII, mayMatchBytes, mayWant } from '../src/classify/bytescan.js';
import { LineAnalyzer, SPLIT_AT } from '../src/analyze/analyzer.js';
import { Coverage, type Stretch } from '../src/analyze/coverage.js';
import { RULES } from '../src/classify/rules.js';
import { decodeJournalLine } from '../src/journal/decode.js';
import { decodeKlog } from '../src/klog/decode.js';
import { opts } from './helpers.js';

/** Events and unrecognized count of some lines. */
export function eventsOf(text: string): { events: KubeletEvent[]; unrecognized: number } {
  const events: KubeletEvent[] = [];
  const t = analyzeText([{ name: '-', text }], { ...opts(), onEvent: (e) => events.push(e) });
  return { events, unrecognized: t.counters.unrecognized };
}

const J = (p: string) => `Mar 14 09:21:07 worker-3 kubelet[2716]: ${p}`;

type Row = [id: string, era: string, line: string, kind: string, fields?: Record<string, unknown>];

const ROWS: Row[] = [
  // A1 (the threshold parsing itself is in values.test.ts)
  [
    'A1',
    'G8',
    J(
      'I1119 21:09:30.466629    2716 container_manager_linux.go:257] Creating Container Manager object based on Node Config: {RuntimeCgroupsName: NodeAllocatableConfig:{KubeReservedCgroupName: SystemReservedCgroupName: EnforceNodeAllocatable:map[pods:{}] KubeReserved:map[] SystemReserved:map[] HardEvictionThresholds:[{Signal:memory.available Operator:LessThan Value:{Quantity:100Mi Percentage:0} GracePeriod:0s MinReclaim:<nil>}]} ExperimentalQOSReserved:map[]}',
    ),
    'thresholds-stated',
    { source: 'node-config', hard: [{ signal: 'memory.available', value: '100Mi' }] },
  ],
  [
    'A1',
    'S28',
    J(
      'I0615 18:07:04.663574    2716 container_manager_linux.go:269] "Creating Container Manager object based on Node Config" nodeConfig={"NodeName":"worker-3","KubeReserved":null,"SystemReserved":null,"HardEvictionThresholds":[{"Signal":"nodefs.available","Operator":"LessThan","Value":{"Quantity":null,"Percentage":0.1},"GracePeriod":0,"MinReclaim":null}],"CgroupVersion":2}',
    ),
    'thresholds-stated',
    { source: 'node-config', hard: [{ signal: 'nodefs.available', value: '10%' }] },
  ],
  [
    'A1',
    'K13',
    J('I0411 14:25:34.593104    2716 container_manager_linux.go:246] container manager verified user specified cgroup-root exists: /'),
    'known',
  ],
  [
    'A2',
    'K13',
    J('I1207 07:27:35.647180    2716 flags.go:64] FLAG: --eviction-hard="imagefs.available<15%,memory.available<100Mi"'),
    'eviction-flag',
    { flag: 'eviction-hard', value: 'imagefs.available<15%,memory.available<100Mi' },
  ],
  [
    'A2',
    'json',
    '{"ts":1616398324656.7524,"msg":"FLAG: --eviction-soft=\\"\\"\\n","v":1}',
    'eviction-flag',
    { flag: 'eviction-soft', value: '' },
  ],
  [
    'A3',
    'S (V5 %+v)',
    J(
      'I0302 10:00:01.201133    2716 server.go:261] "KubeletConfiguration" configuration={EvictionHard:map[memory.available:100Mi nodefs.available:10%] EvictionSoft:map[memory.available:500Mi] EvictionSoftGracePeriod:map[memory.available:1m30s]}',
    ),
    'thresholds-stated',
    {
      source: 'config-dump',
      hard: [
        { signal: 'memory.available', value: '100Mi' },
        { signal: 'nodefs.available', value: '10%' },
      ],
      soft: [{ signal: 'memory.available', value: '500Mi', gracePeriodSeconds: 90 }],
    },
  ],
  // B
  [
    'B1',
    'G6',
    J('W0822 23:51:03.731889    2716 eviction_manager.go:211] eviction manager: attempting to reclaim imagefs'),
    'reclaim-attempt',
    { resource: 'imagefs' },
  ],
  [
    'B1',
    'S21',
    J('I0308 00:29:47.496864    2716 eviction_manager.go:338] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"'),
    'reclaim-attempt',
    { resource: 'ephemeral-storage' },
  ],
  [
    'B1',
    'json',
    '{"ts":1717416001123.4568,"caller":"eviction/eviction_manager.go:366","msg":"Eviction manager: attempting to reclaim","v":0,"resourceName":"memory"}',
    'reclaim-attempt',
    { resource: 'memory' },
  ],
  [
    'B2',
    'K13',
    J(
      'I1225 13:16:18.033724    2716 eviction_manager.go:351] eviction manager: able to reduce ephemeral-storage pressure without evicting pods.',
    ),
    'reclaim-without-eviction',
    { resource: 'ephemeral-storage' },
  ],
  [
    'B2',
    'S21',
    J(
      'I0308 00:29:47.618112    2716 eviction_manager.go:345] "Eviction manager: able to reduce resource pressure without evicting pods." resourceName="ephemeral-storage"',
    ),
    'reclaim-without-eviction',
    { resource: 'ephemeral-storage' },
  ],
  [
    'B3',
    'G6',
    J('I0426 09:13:09.518941    2716 eviction_manager.go:313] eviction manager: must evict pod(s) to reclaim imagefs'),
    'must-evict',
    { resource: 'imagefs' },
  ],
  [
    'B3',
    'S21',
    J(
      'I0331 11:35:14.916201    2716 eviction_manager.go:349] "Eviction manager: must evict pod(s) to reclaim" resourceName="ephemeral-storage"',
    ),
    'must-evict',
    { resource: 'ephemeral-storage' },
  ],
  [
    'B4',
    'K13',
    J(
      'I0314 09:21:07.120456    2716 eviction_manager.go:337] eviction manager: threshold pid.available was crossed, but reclaim is not implemented for this threshold.',
    ),
    'no-reclaim-for-threshold',
    { signal: 'pid.available' },
  ],
  [
    'B4',
    'S28',
    J(
      'I0314 09:21:07.120456    2716 helpers.go:103] "Eviction manager: threshold was crossed, but reclaim is not implemented for this threshold." threshold="pid.available"',
    ),
    'no-reclaim-for-threshold',
    { signal: 'pid.available' },
  ],
  [
    'B5',
    'G6',
    J('I0902 15:20:02.917855    2716 eviction_manager.go:216] eviction manager: no resources are starved'),
    'no-resources-starved',
  ],
  [
    'B5',
    'S21',
    J('I0314 09:20:57.101227    2716 eviction_manager.go:393] "Eviction manager: no resources are starved"'),
    'no-resources-starved',
  ],
  [
    'B6',
    'G7',
    J('I0904 17:16:41.953392    2716 eviction_manager.go:264] eviction manager: node conditions - observed: [DiskPressure]'),
    'node-conditions',
    { conditions: ['DiskPressure'] },
  ],
  [
    'B6',
    'G7',
    J(
      'I0904 17:16:41.953939    2716 eviction_manager.go:273] eviction manager: node conditions - transition period not met: [DiskPressure]',
    ),
    'transition-period',
    { conditions: ['DiskPressure'] },
  ],
  [
    'B6',
    'S21',
    J(
      'I0314 09:21:07.119002    2716 eviction_manager.go:343] "Eviction manager: node conditions - observed" nodeCondition=[MemoryPressure]',
    ),
    'node-conditions',
    { conditions: ['MemoryPressure'] },
  ],
  [
    'B6',
    'S28',
    J(
      'I0314 09:21:07.119002    2716 eviction_manager.go:343] "Eviction manager: node conditions - transition period not met" nodeCondition=["MemoryPressure","DiskPressure"]',
    ),
    'transition-period',
    { conditions: ['MemoryPressure', 'DiskPressure'] },
  ],
  ['B7', 'G7', J('I0904 17:16:41.874850    2716 eviction_manager.go:197] eviction manager: synchronize housekeeping'), 'known'],
  ['B7', 'S21', J('I0904 17:16:41.874850    2716 eviction_manager.go:197] "Eviction manager: synchronize housekeeping"'), 'known'],
  [
    'B8',
    'G8',
    J(
      'I0904 17:16:41.954041    2716 helpers.go:800] eviction manager: eviction criteria not yet met for threshold(signal=nodefs.available, operator=LessThan, value={<nil> 0.8}, gracePeriod=2m0s), duration: 0s',
    ),
    'grace-period-pending',
    { threshold: { signal: 'nodefs.available', value: '80%', gracePeriodSeconds: 120 }, durationSeconds: 0 },
  ],
  [
    'B8',
    'G6',
    J(
      'I0904 17:16:41.954041    2716 helpers.go:800] eviction manager: eviction criteria not yet met for threshold(signal=memory.available, operator=500Mi, value=LessThan, gracePeriod=1m30s), duration: 10s',
    ),
    'grace-period-pending',
    { threshold: { signal: 'memory.available', value: '500Mi', gracePeriodSeconds: 90 }, durationSeconds: 10 },
  ],
  [
    'B8',
    'S21',
    J(
      'I0314 09:21:17.131870    2716 helpers.go:880] "Eviction manager: eviction criteria not yet met" threshold="threshold(signal=memory.available, operator=LessThan, value={500Mi 0}, gracePeriod=1m30s)" duration="10.012345678s"',
    ),
    'grace-period-pending',
    { threshold: { signal: 'memory.available', value: '500Mi', gracePeriodSeconds: 90 }, durationSeconds: 10.012345678 },
  ],
  [
    'B9',
    'S31',
    J('I0108 22:10:18.993449    2716 eviction_manager.go:189] "Eviction manager: starting control loop"'),
    'kubelet-start',
    { via: 'startup-line' },
  ],
  [
    'B10',
    'S28',
    J('I0314 09:21:07.100071    2716 eviction_manager.go:292] "FileSystem detection" DedicatedImageFs=false SplitImageFs=false'),
    'known',
  ],
  // C
  [
    'C1',
    'G7',
    J('I0110 14:41:08.646459    2716 helpers.go:1070] eviction manager: attempting to delete unused containers'),
    'node-reclaim',
    { target: 'containers' },
  ],
  [
    'C1',
    'K13',
    J('I0412 09:28:14.756764    2716 image_gc_manager.go:317] attempting to delete unused images'),
    'node-reclaim',
    { target: 'images' },
  ],
  [
    'C1',
    'S21',
    J('I0617 16:18:42.082373    2716 container_gc.go:86] "Attempting to delete unused containers"'),
    'node-reclaim',
    { target: 'containers' },
  ],
  [
    'C2',
    'G6',
    J(
      'E0426 09:39:14.346813    2716 eviction_manager.go:390] eviction manager: unexpected error when attempting to reduce imagefs pressure: wanted to free 9223372036854775807, but freed 14081525058 space with errors in image deletion: [rpc error: code = 2 desc = conflict]',
    ),
    'reclaim-error',
    { resource: 'imagefs', wantedBytes: 2 ** 63 /* MaxInt64 as a double */, freedBytes: 14081525058 },
  ],
  [
    'C2',
    'S21',
    J(
      'I0314 09:21:08.002311    2716 eviction_manager.go:460] "Eviction manager: unexpected error when attempting to reduce resource pressure" resourceName="ephemeral-storage" err="wanted to free 9223372036854775807 bytes, but freed 0 bytes space with errors in image deletion: rpc error"',
    ),
    'reclaim-error',
    { resource: 'ephemeral-storage', freedBytes: 0 },
  ],
  [
    'C3',
    'G10',
    J(
      'E0314 09:21:08.002311    2716 eviction_manager.go:460] eviction manager: failed to get get summary stats after resource reclaim: boom',
    ),
    'stats-failed',
    { phase: 'after-reclaim', error: 'boom' },
  ],
  [
    'C3',
    'S21',
    J(
      'E0314 09:21:08.002311    2716 eviction_manager.go:460] "Eviction manager: failed to get summary stats after resource reclaim" err="boom"',
    ),
    'stats-failed',
    { phase: 'after-reclaim', error: 'boom' },
  ],
  [
    'C4',
    'G6',
    J(
      'E0314 09:21:08.002311    2716 eviction_manager.go:460] eviction manager: unable to find value associated with signal nodefs.available',
    ),
    'no-observation',
    { signal: 'nodefs.available' },
  ],
  // D
  [
    'D1',
    'K13',
    J(
      'I0412 09:28:14.769630    2716 eviction_manager.go:362] eviction manager: pods ranked for eviction: kube-scheduler-minikube_kube-system(58272442e226c838b193bbba4c44091e), etcd-minikube_kube-system(9b3117e6b116da497f1c7069f2976961)',
    ),
    'pods-ranked',
    { pods: ['kube-system/kube-scheduler-minikube', 'kube-system/etcd-minikube'] },
  ],
  [
    'D1',
    'S21',
    J(
      'I0331 11:35:14.916992    2716 eviction_manager.go:367] "Eviction manager: pods ranked for eviction" pods=[kube-system/weave-net-zxchk kube-system/kube-proxy-778cb]',
    ),
    'pods-ranked',
    { pods: ['kube-system/weave-net-zxchk', 'kube-system/kube-proxy-778cb'] },
  ],
  [
    'D1',
    'S28',
    J(
      'I0528 16:05:50.514706    2716 eviction_manager.go:405] "Eviction manager: pods ranked for eviction" pods=["sre/infras-logstash-d484d57fc-rkx95","scrm/portal-h5-7c46694b8f-bkz95"]',
    ),
    'pods-ranked',
    { pods: ['sre/infras-logstash-d484d57fc-rkx95', 'scrm/portal-h5-7c46694b8f-bkz95'] },
  ],
  [
    'D1',
    'json',
    '{"ts":1717416001123.4568,"caller":"eviction/eviction_manager.go:405","msg":"Eviction manager: pods ranked for eviction","v":0,"pods":[{"name":"a","namespace":"ns"},{"name":"b","namespace":"ns"}]}',
    'pods-ranked',
    { pods: ['ns/a', 'ns/b'] },
  ],
  [
    'D2',
    'G6',
    J(
      'I0902 15:20:14.747890    2716 eviction_manager.go:280] eviction manager: pod guaranteed-cn933_e2e-tests-eviction-test-simple-rkrca(33a5f9aa-7142-11e6-a2e9-28d2444e470d) evicted successfully',
    ),
    'pod-evicted',
    { pod: 'e2e-tests-eviction-test-simple-rkrca/guaranteed-cn933' },
  ],
  [
    'D2',
    'S28',
    J(
      'I0528 16:05:54.802914    2716 eviction_manager.go:627] "Eviction manager: pod is evicted successfully" pod="sre/infras-logstash-d484d57fc-rkx95"',
    ),
    'pod-evicted',
    { pod: 'sre/infras-logstash-d484d57fc-rkx95' },
  ],
  [
    'D2',
    'json',
    '{"ts":1717416001123.4568,"caller":"eviction/eviction_manager.go:627","msg":"Eviction manager: pod is evicted successfully","v":0,"pod":{"name":"web-0","namespace":"shop"}}',
    'pod-evicted',
    { pod: 'shop/web-0' },
  ],
  [
    'D3',
    'K13',
    J(
      'E0314 09:21:39.442101    2716 eviction_manager.go:595] eviction manager: pod memhog-7c9d8b6f5-x2x7l_default(6f1c0d2e-5a8b-4c3d-9e7f-1a2b3c4d5e6f) failed to evict timeout waiting to kill pod',
    ),
    'pod-evict-failed',
    { pod: 'default/memhog-7c9d8b6f5-x2x7l', error: 'timeout waiting to kill pod' },
  ],
  [
    'D3',
    'G7',
    J('W0314 09:21:39.442101    2716 eviction_manager.go:595] eviction manager: error while evicting pod memhog-1_default(6f1c0d2e): boom'),
    'pod-evict-failed',
    { pod: 'default/memhog-1', error: 'boom' },
  ],
  [
    'D3',
    'S21',
    J(
      'E0314 09:21:39.442101    2716 eviction_manager.go:618] "Eviction manager: pod failed to evict" err="timeout waiting to kill pod" pod="default/memhog-7c9d8b6f5-x2x7l"',
    ),
    'pod-evict-failed',
    { pod: 'default/memhog-7c9d8b6f5-x2x7l', error: 'timeout waiting to kill pod' },
  ],
  [
    'D4',
    'S21',
    J(
      'I0314 09:21:09.001877    2716 eviction_manager.go:611] "Evicting pod" pod="default/memhog-7c9d8b6f5-x2x7l" podUID=6f1c0d2e-5a8b-4c3d-9e7f-1a2b3c4d5e6f message="The node was low on resource: memory. Threshold quantity: 100Mi, available: 91520Ki. Container memhog was using 1843200Ki, request is 0, has larger consumption of memory. "',
    ),
    'evicting-pod',
    {
      pod: 'default/memhog-7c9d8b6f5-x2x7l',
      uid: '6f1c0d2e-5a8b-4c3d-9e7f-1a2b3c4d5e6f',
      detail: {
        cause: 'node-pressure',
        resource: 'memory',
        threshold: { text: '100Mi', value: 104857600 },
        available: { text: '91520Ki', value: 93716480 },
      },
    },
  ],
  [
    'D4',
    'S28 local storage',
    J(
      'I0314 09:21:09.001877    2716 eviction_manager.go:611] "Evicting pod" pod="default/logger" podUID="6f1c0d2e" message="Usage of EmptyDir volume \\"cache\\" exceeds the limit \\"1Gi\\". "',
    ),
    'evicting-pod',
    { pod: 'default/logger', detail: { cause: 'local-storage', resource: 'ephemeral-storage', scope: 'emptydir', limit: '1Gi' } },
  ],
  [
    'D5',
    'K13',
    J('I0914 23:55:47.566158    2716 eviction_manager.go:385] eviction manager: unable to evict any pods from the node'),
    'unable-to-evict',
  ],
  [
    'D5',
    'S21',
    J('I0109 03:44:07.063002    2716 eviction_manager.go:420] "Eviction manager: unable to evict any pods from the node"'),
    'unable-to-evict',
  ],
  [
    'D6',
    'G6',
    J('I0109 03:44:07.063002    2716 eviction_manager.go:420] eviction manager: NOT evicting static pod etcd-master'),
    'critical-pod',
    { pod: 'etcd-master', static: true },
  ],
  // E
  [
    'E1',
    'K13',
    'Oct 10 09:15:45 worker-3 k3s[1]: E1010 09:15:45.281625       1 eviction_manager.go:355] eviction manager: eviction thresholds have been met, but no pods are active to evict',
    'no-pods-to-evict',
  ],
  [
    'E1',
    'S21',
    J(
      'E0314 09:21:07.133210    2716 eviction_manager.go:401] "Eviction manager: eviction thresholds have been met, but no pods are active to evict"',
    ),
    'no-pods-to-evict',
  ],
  [
    'E2',
    'G6',
    J('E0822 23:51:03.731938    2716 eviction_manager.go:230] eviction manager: no ranking function for resource imagefs'),
    'no-ranking-function',
    { resource: 'imagefs' },
  ],
  [
    'E2',
    'S21',
    J(
      'E0822 23:51:03.731938    2716 eviction_manager.go:230] "Eviction manager: no ranking function for signal" threshold=imagefs.available',
    ),
    'no-ranking-function',
    { resource: 'imagefs.available' },
  ],
  [
    'E3',
    'G10',
    J(
      'E0912 15:14:53.253568    2716 eviction_manager.go:557] eviction manager: cannot evict a critical static pod kube-controller-manager-minikube_kube-system(5c39844f0b908333a05ae0c6cec35511)',
    ),
    'critical-pod',
    { pod: 'kube-system/kube-controller-manager-minikube', static: true },
  ],
  [
    'E3',
    'K13',
    J(
      'E0912 15:14:53.253568    2716 eviction_manager.go:557] eviction manager: cannot get mirror pod from static pod etcd-m_kube-system(5c39), so cannot evict it',
    ),
    'critical-pod',
    { pod: 'kube-system/etcd-m', static: true },
  ],
  [
    'E3',
    'S21',
    J(
      'E0109 03:44:07.062950    2716 eviction_manager.go:560] "Eviction manager: cannot evict a critical pod" pod="kube-system/etcd-cloud-06"',
    ),
    'critical-pod',
    { pod: 'kube-system/etcd-cloud-06' },
  ],
  // F: related errors (the messages themselves are in D4 / N rows)
  [
    'F',
    'G7',
    J('E0314 09:21:07.133210    2716 eviction_manager.go:401] Could not get summary provider'),
    'stats-failed',
    { phase: 'summary-provider' },
  ],
  [
    'F',
    'G8',
    J('E0314 09:21:07.133210    2716 eviction_manager.go:401] eviction manager: error getting pod disk usage no stats'),
    'stats-failed',
    { phase: 'pod-disk-usage', error: 'no stats' },
  ],
  // G
  [
    'G1',
    'K13',
    J(
      'I0317 12:44:46.988112    2716 eviction_manager.go:190] eviction manager: pods kindnet-kbjg6_kube-system(bedefb46-10cd-48ea-b8f6-325be17b6657) evicted, waiting for pod to be cleaned up',
    ),
    'cleanup-wait',
    { pods: ['kube-system/kindnet-kbjg6'] },
  ],
  [
    'G1',
    'S28',
    J(
      'I0528 16:05:54.803011    2716 eviction_manager.go:208] "Eviction manager: pods evicted, waiting for pod to be cleaned up" pods=["sre/infras-logstash-d484d57fc-rkx95"]',
    ),
    'cleanup-wait',
    { pods: ['sre/infras-logstash-d484d57fc-rkx95'] },
  ],
  [
    'G2',
    'K13',
    J(
      'W0528 16:06:24.803011    2716 eviction_manager.go:208] eviction manager: timed out waiting for pods a_ns(1), b_ns(2) to be cleaned up',
    ),
    'cleanup-timeout',
    { pods: ['ns/a', 'ns/b'] },
  ],
  [
    'G2',
    'S21',
    J('I0528 16:06:24.803011    2716 eviction_manager.go:208] "Eviction manager: timed out waiting for pods to be cleaned up" pods=[ns/a]'),
    'cleanup-timeout',
    { pods: ['ns/a'] },
  ],
  [
    'G3',
    'K13',
    J('I0528 16:05:56.804127    2716 eviction_manager.go:458] eviction manager: pods a_ns(1) successfully cleaned up'),
    'cleanup-done',
    { pods: ['ns/a'] },
  ],
  [
    'G3',
    'S28',
    J(
      'I0528 16:05:56.804127    2716 eviction_manager.go:458] "Eviction manager: pods successfully cleaned up" pods=["sre/infras-logstash-d484d57fc-rkx95"]',
    ),
    'cleanup-done',
    { pods: ['sre/infras-logstash-d484d57fc-rkx95'] },
  ],
  // H
  [
    'H1',
    'K13',
    J(
      'I0411 14:25:34.581765    2716 helpers.go:822] eviction manager: observations: signal=memory.available, available: 15314304Ki, capacity: 16300784Ki, time: 2019-04-11 14:25:34.570171022 +0800 CST m=+0.301067428',
    ),
    'observation',
    {
      phase: 'observations',
      signal: 'memory.available',
      available: { text: '15314304Ki', value: 15314304 * 1024 },
      capacity: { text: '16300784Ki', value: 16300784 * 1024 },
    },
  ],
  [
    'H1',
    'G7 no time, negative',
    J(
      'I1005 12:14:37.269428    2716 helpers.go:812] eviction manager: observations: signal=allocatableNodeFs.available, available: -9112137624, capacity: 200765316Ki',
    ),
    'observation',
    { signal: 'allocatableNodeFs.available', available: { text: '-9112137624', value: -9112137624 } },
  ],
  [
    'H1',
    'S21',
    J(
      'I0314 09:21:07.118203    2716 helpers.go:838] "Eviction manager:" log="observations" signal=memory.available resourceName="memory" available="91520Ki" capacity="7945848Ki" time="2022-03-14 09:21:01.870214283 +0000 UTC m=+86.239847521"',
    ),
    'observation',
    { phase: 'observations', signal: 'memory.available', resource: 'memory', available: { text: '91520Ki', value: 93716480 } },
  ],
  [
    'H1',
    'S28',
    J(
      'I0314 09:21:07.118203    2716 helpers.go:1068] "Eviction manager:" log="observations" signal="memory.available" resourceName="memory" available="91520Ki" capacity="7945848Ki" time="2024-03-14 09:21:01.870214283 +0000 UTC"',
    ),
    'observation',
    { signal: 'memory.available', statsTime: '2024-03-14 09:21:01.870214283 +0000 UTC' },
  ],
  [
    'H2',
    'G7',
    J(
      'I0913 15:20:47.884880    2716 helpers.go:826] eviction manager: thresholds - reclaim not satisfied: threshold [signal=memory.available, quantity=100Mi] observed -2097758044639028Ki',
    ),
    'threshold-met',
    {
      phase: 'thresholds - reclaim not satisfied',
      signal: 'memory.available',
      threshold: { text: '100Mi', value: 104857600 },
      available: { text: '-2097758044639028Ki', value: -2097758044639028 * 1024 },
    },
  ],
  [
    'H2',
    'S28',
    J(
      'I0314 09:21:07.118990    2716 helpers.go:1083] "Eviction manager: threshold observed resource" log="thresholds - ignoring grace period" signal="memory.available" resourceName="memory" quantity="100Mi" available="91520Ki"',
    ),
    'threshold-met',
    { phase: 'thresholds - ignoring grace period', signal: 'memory.available', threshold: { text: '100Mi', value: 104857600 } },
  ],
  [
    'H2',
    'G7 no observation',
    J(
      'I0913 15:20:47.884880    2716 helpers.go:826] eviction manager: thresholds - ignoring grace period: threshold [signal=allocatableMemory.available] had no observation',
    ),
    'no-observation',
    { signal: 'allocatableMemory.available', phase: 'thresholds - ignoring grace period' },
  ],
  [
    'H2',
    'S21 no observation',
    J(
      'I0913 15:20:47.884880    2716 helpers.go:826] "Eviction manager: threshold had no observation" log="thresholds - ignoring grace period" signal=allocatableMemory.available',
    ),
    'no-observation',
    { signal: 'allocatableMemory.available' },
  ],
  [
    'H3',
    'G7',
    J(
      'W0716 10:59:56.628382    2716 helpers.go:771] eviction manager: no observation found for eviction signal allocatableNodeFs.available',
    ),
    'no-observation',
    { signal: 'allocatableNodeFs.available' },
  ],
  [
    'H3',
    'S28',
    J(
      'I0314 09:21:07.118555    2716 helpers.go:1047] "Eviction manager: no observation found for eviction signal" signal="allocatableMemory.available"',
    ),
    'no-observation',
    { signal: 'allocatableMemory.available' },
  ],
  [
    'H4',
    'K13',
    J(
      'E0711 22:12:49.241358    2716 helpers.go:735] eviction manager: failed to construct signal: "allocatableMemory.available" error: system container "pods" not found in metrics',
    ),
    'signal-error',
    { signal: 'allocatableMemory.available', error: 'system container "pods" not found in metrics' },
  ],
  [
    'H4',
    'S21',
    J(
      'E0711 22:12:49.241358    2716 helpers.go:735] "Eviction manager: failed to construct signal" err="system container \\"pods\\" not found in metrics" signal=allocatableMemory.available',
    ),
    'signal-error',
    { signal: 'allocatableMemory.available' },
  ],
  // I
  [
    'I1',
    'G6',
    J('I0314 09:15:02.410230    2716 eviction_manager.go:120] eviction manager attempting to integrate with kernel memcg notification api'),
    'memcg-notifier',
    { status: 'integrating' },
  ],
  [
    'I1',
    'G7',
    J('I0314 09:21:06.998812    2716 eviction_manager.go:170] hard memory eviction threshold crossed at <100Mi available'),
    'memcg-crossed',
    { hard: true, value: '100Mi' },
  ],
  [
    'I1',
    'G7 pct',
    J('I0314 09:21:06.998812    2716 eviction_manager.go:170] soft memory eviction threshold crossed at <10.000000% available'),
    'memcg-crossed',
    { hard: false, value: '10.000000%' },
  ],
  [
    'I1',
    'G7 fail',
    J(
      'W0314 09:15:02.410230    2716 eviction_manager.go:120] eviction manager: failed to create hard memory threshold notifier: no cgroup',
    ),
    'memcg-notifier',
    { status: 'failed' },
  ],
  [
    'I1',
    'V2',
    J('I0314 09:21:06.998812    2716 threshold_notifier_linux.go:70] eviction: setting notification threshold to 104857600'),
    'memcg-notifier',
    { status: 'setting' },
  ],
  ['I1', 'V2', J('I0314 09:21:06.998812    2716 threshold_notifier_linux.go:70] eviction: threshold crossed'), 'memcg-crossed'],
  [
    'I1',
    'V2',
    J('I0314 09:21:06.998812    2716 threshold_notifier_linux.go:70] eviction: stopping threshold notifier'),
    'memcg-notifier',
    { status: 'stopped' },
  ],
  [
    'I2',
    'K13',
    J('I0314 09:15:02.410230    2716 memory_threshold_notifier.go:72] eviction manager: created hard memory eviction threshold'),
    'memcg-notifier',
    { status: 'created' },
  ],
  [
    'I2',
    'K13',
    J('I0314 09:21:06.998812    2716 eviction_manager.go:170] eviction manager: soft allocatable memory eviction threshold crossed'),
    'memcg-crossed',
    { hard: false, allocatable: true },
  ],
  [
    'I2',
    'K13',
    J('I0314 09:21:06.998812    2716 memory_threshold_notifier.go:90] eviction manager: setting hard memory eviction threshold to 7845Mi'),
    'memcg-notifier',
    { status: 'setting' },
  ],
  [
    'I2',
    'K13',
    J('W0314 09:21:06.998812    2716 memory_threshold_notifier.go:90] eviction manager: failed to create memory threshold notifier: boom'),
    'memcg-notifier',
    { status: 'failed' },
  ],
  [
    'I2',
    'K13',
    J('W0314 09:21:06.998812    2716 threshold_notifier_linux.go:90] eviction manager: error while waiting for memcg events: boom'),
    'memcg-notifier',
    { status: 'error' },
  ],
  [
    'I3',
    'S21',
    J(
      'I0314 09:15:02.410230    2716 memory_threshold_notifier.go:77] "Eviction manager: created memoryThresholdNotifier" notifier="hard memory eviction threshold"',
    ),
    'memcg-notifier',
    { status: 'created', detail: 'hard memory eviction threshold' },
  ],
  [
    'I3',
    'S21',
    J('I0314 09:21:06.998812    2716 eviction_manager.go:181] "eviction manager: hard memory eviction threshold crossed"'),
    'memcg-crossed',
    { hard: true },
  ],
  [
    'I3',
    'S21',
    J(
      'I0314 09:21:06.998812    2716 memory_threshold_notifier.go:80] "Eviction manager: setting notifier to capacity" notifier="hard memory eviction threshold" capacity="7845Mi"',
    ),
    'memcg-notifier',
    { status: 'setting' },
  ],
  [
    'I3',
    'S21',
    J(
      'I0314 09:21:06.998812    2716 memory_threshold_notifier.go:80] "Eviction manager: failed to update notifier" notifier="hard memory eviction threshold" err="boom"',
    ),
    'memcg-notifier',
    { status: 'failed' },
  ],
  [
    'I3',
    'S21',
    J('I0314 09:21:06.998812    2716 threshold_notifier_linux.go:80] "Eviction manager: error reading memcg events" err="boom"'),
    'memcg-notifier',
    { status: 'error' },
  ],
  // J
  [
    'J1',
    'G6',
    J(
      'W0202 08:00:00.412231    2716 eviction_manager.go:128] Failed to admit pod besteffort-1_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800002) - node has conditions: %v%!(EXTRA []v1.NodeConditionType=[MemoryPressure])',
    ),
    'admission-rejected',
    { pod: 'default/besteffort-1', conditions: ['MemoryPressure'] },
  ],
  [
    'J1',
    'K13',
    J(
      'W0317 12:44:46.790798    2716 eviction_manager.go:159] Failed to admit pod kindnet-jpzzf_kube-system(b63b1ee0-0fc6-428f-8e67-e357464f579c) - node has conditions: [DiskPressure]',
    ),
    'admission-rejected',
    { pod: 'kube-system/kindnet-jpzzf', conditions: ['DiskPressure'] },
  ],
  [
    'J1',
    'S21',
    J(
      'I0527 09:00:05.110852    2716 eviction_manager.go:167] "Failed to admit pod to node" pod="monitoring/prometheus-k8s-0" nodeCondition=[DiskPressure]',
    ),
    'admission-rejected',
    { pod: 'monitoring/prometheus-k8s-0', conditions: ['DiskPressure'] },
  ],
  [
    'J1',
    'S28',
    J(
      'I0314 09:30:11.204430    2716 eviction_manager.go:167] "Failed to admit pod to node" pod="default/busybox" nodeCondition=["DiskPressure"]',
    ),
    'admission-rejected',
    { pod: 'default/busybox', conditions: ['DiskPressure'] },
  ],
  [
    'J2',
    'S31',
    J(
      'I0615 18:12:44.210455    2716 kubelet.go:2358] "Pod admission denied" podUID="5b0e2f4c-0d7b-4f55-9a3b-2c1e0c8a7d11" pod="default/busybox-6d8f7c9b5-k2x9q" reason="Evicted" message="The node had condition: [DiskPressure]. "',
    ),
    'admission-rejected',
    { pod: 'default/busybox-6d8f7c9b5-k2x9q', conditions: ['DiskPressure'], reason: 'Evicted' },
  ],
  [
    'J2',
    'S31 other reason',
    J(
      'I0615 18:12:44.210455    2716 kubelet.go:2358] "Pod admission denied" podUID="5b0e" pod="default/x" reason="OutOfcpu" message="Node didn\'t have enough resource: cpu"',
    ),
    'admission-failed',
    { pod: 'default/x', reason: 'OutOfcpu', stated: true },
  ],
  [
    'J4',
    'K13',
    J(
      "I0615 18:12:44.210455    2716 predicate.go:132] Predicate failed on Pod: x_ns(1), for reason: Node didn't have enough resource: cpu",
    ),
    'admission-failed',
    { pod: 'ns/x', reason: 'OutOfcpu' },
  ],
  [
    'J4',
    'S21',
    J('I0615 18:12:44.210455    2716 predicate.go:132] "Predicate failed on Pod" pod="ns/x" err="Node didn\'t have enough resource: cpu"'),
    'admission-failed',
    { pod: 'ns/x', reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu" },
  ],
  // K
  [
    'K1',
    'G7',
    J('I0904 17:16:42.101552    2716 kubelet_node_status.go:443] Recording NodeHasDiskPressure event message for node worker-3'),
    'node-pressure-reported',
    { condition: 'DiskPressure' },
  ],
  [
    'K1',
    'S21',
    J(
      'I0903 10:07:19.008233    2716 kubelet_node_status.go:497] "Recording event message for node" node="worker-3" event="NodeHasNoDiskPressure"',
    ),
    'node-pressure-cleared',
    { condition: 'DiskPressure' },
  ],
  [
    'K1',
    'S21 other',
    J('I0603 15:36:24.878809    2716 kubelet_node_status.go:687] "Recording event message for node" node="worker-3" event="NodeReady"'),
    'known',
  ],
  [
    'K2',
    'S21',
    J(
      'I0907 21:49:17.171114    2716 setters.go:548] "Node became not ready" node="worker-3" condition={Type:Ready Status:False LastHeartbeatTime:2023-09-07 21:49:17.170974959 +0000 UTC m=+1962.581166852 Reason:KubeletNotReady Message:PLEG is not healthy: pleg was last seen active 3m1.104514415s ago; threshold is 3m0s}',
    ),
    'node-not-ready',
    { reason: 'KubeletNotReady', message: 'PLEG is not healthy: pleg was last seen active 3m1.104514415s ago; threshold is 3m0s' },
  ],
  [
    'K2',
    'S28',
    J(
      'I0112 10:56:20.222397    2716 setters.go:552] "Node became not ready" node="worker-3" condition={"type":"Ready","status":"False","lastHeartbeatTime":"2026-01-12T02:56:20Z","reason":"KubeletNotReady","message":"node is shutting down"}',
    ),
    'node-not-ready',
    { reason: 'KubeletNotReady', message: 'node is shutting down' },
  ],
  [
    'K2',
    'K13',
    J(
      'I0112 10:56:20.222397    2716 setters.go:552] Node became not ready: {Type:Ready Status:False Reason:KubeletNotReady Message:runtime network not ready}',
    ),
    'node-not-ready',
    { reason: 'KubeletNotReady', message: 'runtime network not ready' },
  ],
  // L
  [
    'L1',
    'G6',
    J(
      'I1204 04:43:43.629780    2716 image_gc_manager.go:270] [imageGCManager]: Disk usage on "/dev/sda1" (/) is at 85% which is over the high threshold (85%). Trying to free 6713175244 bytes',
    ),
    'image-gc-over-threshold',
    { usagePercent: 85, highPercent: 85, bytesToFree: 6713175244, device: '/dev/sda1 (/)' },
  ],
  [
    'L1',
    'K13',
    J(
      'I0906 10:35:35.058102    2716 image_gc_manager.go:300] [imageGCManager]: Disk usage on image filesystem is at 85% which is over the high threshold (85%). Trying to free 5487241625 bytes down to the low threshold (80%).',
    ),
    'image-gc-over-threshold',
    { usagePercent: 85, highPercent: 85, lowPercent: 80, bytesToFree: 5487241625 },
  ],
  [
    'L1',
    'S21',
    J(
      'I0226 11:59:17.153440    2716 image_gc_manager.go:310] "Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold" usage=93 highThreshold=85 amountToFree=69382155468 lowThreshold=80',
    ),
    'image-gc-over-threshold',
    { usagePercent: 93, highPercent: 85, lowPercent: 80, bytesToFree: 69382155468 },
  ],
  [
    'L2',
    'G6',
    J('I0426 08:59:27.560529    2716 image_gc_manager.go:335] [imageGCManager]: Removing image "sha256:896f" to free 414645633 bytes'),
    'image-removed',
    { image: 'sha256:896f', bytes: 414645633 },
  ],
  [
    'L2',
    'S28',
    J(
      'I0314 09:30:02.771040    2716 image_gc_manager.go:487] "Removing image to free bytes" imageID="sha256:3f57" size=4265170 runtimeHandler=""',
    ),
    'image-removed',
    { image: 'sha256:3f57', bytes: 4265170 },
  ],
  [
    'L3',
    'G6',
    J(
      'E0906 10:35:35.059038    2716 kubelet.go:1246] Image garbage collection failed: failed to garbage collect required amount of images. Wanted to free 5487241625, but freed 0',
    ),
    'image-gc-insufficient',
    { wantedBytes: 5487241625, freedBytes: 0 },
  ],
  [
    'L3',
    'K13',
    J(
      'E0906 10:35:35.059038    2716 kubelet.go:1246] Image garbage collection failed multiple times in a row: failed to garbage collect required amount of images. Wanted to free 5487241625 bytes, but freed 0 bytes',
    ),
    'image-gc-insufficient',
    { wantedBytes: 5487241625, freedBytes: 0 },
  ],
  [
    'L3',
    'S21',
    J(
      'E0906 10:35:35.059038    2716 kubelet.go:1246] "Image garbage collection failed multiple times in a row" err="Failed to garbage collect required amount of images. Attempted to free 5487241625 bytes, but only found 0 bytes eligible to free."',
    ),
    'image-gc-insufficient',
    { wantedBytes: 5487241625, freedBytes: 0 },
  ],
  [
    'L4',
    'S21',
    J(
      'E0202 13:39:08.127980    2716 kubelet.go:1335] "Image garbage collection failed multiple times in a row" err="invalid capacity 0 on image filesystem"',
    ),
    'gc-failed',
    { target: 'images', error: 'invalid capacity 0 on image filesystem' },
  ],
  [
    'L5',
    'S28',
    J(
      'E0615 18:07:04.697205    2716 kubelet.go:1478] "Image garbage collection failed once. Stats initialization may not have completed yet" err="invalid capacity 0 on image filesystem"',
    ),
    'gc-failed',
    { target: 'images', once: true },
  ],
  [
    'L5',
    'K13',
    J('E0615 18:07:04.697205    2716 kubelet.go:1478] Container garbage collection failed: rpc error'),
    'gc-failed',
    { target: 'containers', error: 'rpc error' },
  ],
  ['L5', 'S21', J('I0615 18:07:04.697205    2716 kubelet.go:1478] "Image garbage collection succeeded"'), 'known'],
  [
    'L5',
    'K13',
    J('I0615 18:07:04.697205    2716 image_gc_manager.go:220] ImageGCHighThresholdPercent is set 100, Disable image GC'),
    'known',
  ],
  [
    'L6',
    'K13',
    J('W0615 18:07:04.697205    2716 image_gc_manager.go:220] [imageGCManager] Failed to monitor images: rpc error'),
    'gc-failed',
    { target: 'images' },
  ],
  [
    'L6',
    'S21',
    J('I0615 18:07:04.697205    2716 image_gc_manager.go:220] "Failed to update image list" err="rpc error"'),
    'gc-failed',
    { target: 'images' },
  ],
  [
    'L6',
    'K13',
    J('W0615 18:07:04.697205    2716 image_gc_manager.go:220] [imageGCManager]: available 5 is larger than capacity 4'),
    'known',
  ],
  [
    'L6',
    'V5',
    J('I0615 18:07:04.697205    2716 image_gc_manager.go:220] Evaluating image ID sha256:abc for possible garbage collection'),
    'known',
  ],
  // M
  ['M1', 'G8', J('I0127 20:47:36.625030    2716 server.go:182] Version: v1.9.2'), 'kubelet-start', { version: 'v1.9.2' }],
  [
    'M1',
    'S21',
    J('I0610 17:39:22.801470    2716 server.go:487] "Kubelet version" kubeletVersion="v1.29.2"'),
    'kubelet-start',
    { version: 'v1.29.2' },
  ],
  ['M2', 'S21', J('I0610 17:39:22.801501    2716 server.go:489] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""'), 'known'],
  ['M3', 'S21', J('I0610 17:39:22.850495    2716 server.go:1256] "Started kubelet"'), 'kubelet-start'],
  ['M4', 'K13', J('I0109 15:47:05.089548    2716 kubelet.go:1805] Starting kubelet main sync loop.'), 'known'],
  ['M5', 'S21', J('I0610 17:39:22.955481    2716 kubelet_node_status.go:73] "Attempting to register node" node="worker-3"'), 'known'],
  [
    'M7',
    'S21',
    J('I0610 17:39:22.843747    2716 server.go:745] "--cgroups-per-qos enabled, but --cgroup-root was not specified.  defaulting to /"'),
    'known',
  ],
  [
    'M8',
    'systemd',
    'Jun 10 17:39:22 worker-3 systemd[1]: Started kubelet: The Kubernetes Node Agent.',
    'kubelet-start',
    { via: 'systemd' },
  ],
  [
    'M8',
    'systemd',
    'Jun 10 17:39:22 worker-3 systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE',
    'kubelet-stop',
  ],
  [
    'M8',
    'journald',
    'Jun 10 17:39:22 worker-3 systemd-journald[312]: Suppressed 1234 messages from kubelet.service',
    'journal-suppressed',
    { count: 1234, unit: 'kubelet.service' },
  ],
  ['M9', 'stderr', J('Flag --container-runtime-endpoint has been deprecated, This parameter should be set via the config file'), 'known'],
  [
    'M10',
    'G7 stderr',
    J('error: failed to run Kubelet: misconfiguration'),
    'kubelet-start-failed',
    { error: 'misconfiguration', by: 'kubelet' },
  ],
  // N
  [
    'N',
    'printf',
    J(
      `I0314 09:21:09.001999    2716 event.go:221] Event(v1.ObjectReference{Kind:"Pod", Namespace:"default", Name:"memhog-7c9d8b6f5-x2x7l", UID:"6f1c", APIVersion:"v1", ResourceVersion:"48211", FieldPath:""}): type: 'Warning' reason: 'Evicted' The node was low on resource: memory. Container memhog was using 1843200Ki, which exceeds its request of 0. `,
    ),
    'evicted-event',
    { pod: 'default/memhog-7c9d8b6f5-x2x7l', detail: { cause: 'node-pressure', resource: 'memory' } },
  ],
  [
    'N',
    'printf local storage',
    J(
      `I0314 09:21:09.001999    2716 event.go:221] Event(v1.ObjectReference{Kind:"Pod", Namespace:"default", Name:"logger", UID:"6f1c", APIVersion:"v1", ResourceVersion:"1", FieldPath:""}): type: 'Warning' reason: 'Evicted' Container logger exceeded its local ephemeral storage limit "500Mi". `,
    ),
    'evicted-event',
    { pod: 'default/logger', detail: { cause: 'local-storage', scope: 'container', limit: '500Mi', resource: 'ephemeral-storage' } },
  ],
  [
    'N',
    'G8 local storage',
    J(
      `I0314 09:21:09.001999    2716 event.go:221] Event(v1.ObjectReference{Kind:"Pod", Namespace:"default", Name:"logger", UID:"6f1c", APIVersion:"v1", ResourceVersion:"1", FieldPath:""}): type: 'Warning' reason: 'Evicted' pod ephemeral local storage usage exceeds the total limit of containers 1Gi`,
    ),
    'evicted-event',
    { detail: { cause: 'local-storage', scope: 'pod', resource: 'ephemeral-storage' } },
  ],
  [
    'N',
    'S27',
    J(
      'I0314 09:21:09.001999    2716 event.go:376] "Event occurred" object="worker-3" fieldPath="" kind="Node" apiVersion="" type="Normal" reason="NodeHasInsufficientMemory" message="Node worker-3 status is now: NodeHasInsufficientMemory"',
    ),
    'kube-event',
    { objectKind: 'Node', reason: 'NodeHasInsufficientMemory' },
  ],
  [
    'N',
    'S21 admission',
    J(
      'I0314 09:21:09.001999    2716 event.go:294] "Event occurred" object="default/busybox" kind="Pod" apiVersion="v1" type="Warning" reason="Evicted" message="Pod The node had condition: [DiskPressure]. "',
    ),
    'evicted-event',
    { pod: 'default/busybox', detail: { cause: 'admission', conditions: ['DiskPressure'] } },
  ],
  [
    'N',
    'S21 other',
    J(
      'I0314 09:21:09.001999    2716 event.go:294] "Event occurred" object="default/busybox" kind="Pod" apiVersion="v1" type="Normal" reason="Pulled" message="pulled"',
    ),
    'known',
  ],
  // O
  [
    'O',
    'G6',
    J('E1003 23:59:41.616714    2716 eviction_manager.go:243] eviction manager: unexpected err: failed to get node info'),
    'stats-failed',
    { phase: 'sync', error: 'failed to get node info' },
  ],
  [
    'O',
    'G10',
    J(
      'E1003 23:59:41.616714    2716 eviction_manager.go:243] eviction manager: failed to get get summary stats: failed to get node info: node "worker-3" not found',
    ),
    'stats-failed',
    { phase: 'sync', error: 'failed to get node info: node "worker-3" not found' },
  ],
  [
    'O',
    'K13',
    J('E1003 23:59:41.616714    2716 eviction_manager.go:243] eviction manager: failed to get summary stats: boom'),
    'stats-failed',
    { phase: 'sync', error: 'boom' },
  ],
  [
    'O',
    'S21',
    J(
      'E0610 17:39:22.935125    2716 eviction_manager.go:282] "Eviction manager: failed to get summary stats" err="failed to get node info: node \\"worker-3\\" not found"',
    ),
    'stats-failed',
    { phase: 'sync', error: 'failed to get node info: node "worker-3" not found' },
  ],
  [
    'O',
    'S31',
    J(
      'E0108 22:10:18.997433    2716 eviction_manager.go:267] "eviction manager: failed to check if we have separate container filesystem. Ignoring." err="no imagefs label for configured runtime"',
    ),
    'known',
  ],
  [
    'O',
    'S31',
    J(
      'E0108 22:10:18.997433    2716 eviction_manager.go:267] "Eviction manager: failed to synchronize" err="KubeletSeparateDiskGC is turned off but we still have a split filesystem"',
    ),
    'eviction-manager-error',
    { detail: 'Eviction manager: failed to synchronize' },
  ],
  [
    'O',
    'S31',
    J('E0108 22:10:18.997433    2716 eviction_manager.go:267] "Eviction manager: failed to get HasDedicatedImageFs" err="boom"'),
    'eviction-manager-error',
    { error: 'boom' },
  ],
  [
    'O',
    'S31',
    J(
      'E0108 22:10:18.997433    2716 eviction_manager.go:267] "eviction manager: found conflicting containerfs eviction. Ignoring." err="boom"',
    ),
    'eviction-manager-error',
  ],
  // forks (catalog 6.19)
  [
    'fork',
    'OpenShift',
    J('I0108 22:10:18.997433    2716 eviction_manager.go:500] "POD EPHEMERAL EVICTION" pod="ns/a" "total usage"="5Gi" limit="1Gi"'),
    'known',
  ],
  [
    'fork',
    'OpenShift',
    J('I0108 22:10:18.997433    2716 eviction_manager.go:500] "CTR EPHEMERAL EVICTION" pod="ns/a" container="c"'),
    'known',
  ],
  [
    'fork',
    'KubeWharf',
    J(
      'I0108 22:10:18.997433    2716 eviction_manager.go:500] load eviction manager: pods a_ns(1) evicted, waiting for pod to be cleaned up',
    ),
    'known',
  ],

  // ---- issue 12, section 2: families read by new rules or with new semantics ----------
  // B1–B3 resource names come from the kubelet's closed set: a cut line names none, a line
  // glued to a JSON record still names its own
  [
    'B1',
    'K13 (cut)',
    J('W0322 10:58:40.106059    2716 eviction_manager.go:329] eviction manager: attempting to reclaim nod'),
    'reclaim-attempt',
    { resource: '' },
  ],
  [
    'B3',
    'G7 (glued)',
    J(
      'I0322 10:58:40.106059    2716 eviction_manager.go:340] eviction manager: must evict pod(s) to reclaim nodefs","_HOSTNAME":"worker-3"}',
    ),
    'must-evict',
    { resource: 'nodefs' },
  ],
  // J1: v1.7 kubelet.go's own OutOfDisk check (a disk condition: pressure)
  [
    'J1',
    'G7',
    J(
      'W0905 15:42:13.182280    2716 kubelet.go:1773] Failed to admit pod web-0_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800002) - predicate fails due to OutOfDisk',
    ),
    'admission-rejected',
    { pod: 'default/web-0', conditions: ['OutOfDisk'] },
  ],
  // J2 and J4, J5: admission failures of another cause (listed, never pressure)
  [
    'J2',
    'S31 (real, kubelet-wordings §5.4)',
    J(
      'I0410 10:39:02.913712    2716 kubelet.go:2357] "Pod admission denied" podUID="bc449538bd25dc8e916a59305e6d6fdc" pod="kube-system/kube-scheduler-master01" reason="UnexpectedAdmissionError" message="Unexpected error while attempting to recover from admission failure: preemption: error finding a set of pods to preempt: no set of running pods found to reclaim resources: [(res: cpu, q: 2550), ]"',
    ),
    'admission-failed',
    { pod: 'kube-system/kube-scheduler-master01', reason: 'UnexpectedAdmissionError', stated: true },
  ],
  [
    'J2',
    'S31 NodeAffinity',
    J(
      'I0905 15:42:13.182355    2716 kubelet.go:2357] "Pod admission denied" podUID="6f1c0d2e" pod="default/web-0" reason="NodeAffinity" message="Predicate NodeAffinity failed"',
    ),
    'admission-failed',
    { pod: 'default/web-0', reason: 'NodeAffinity' },
  ],
  [
    'J4',
    'G8 (real, pastes/38, no header)',
    J(
      "Predicate failed on Pod: xihh-b1be980fcf582028y0kkvd1ffxd5jc8_default(c8cff343-2abf-11ea-815b-246e9683be48), for reason: Node didn't have enough resource: memory, requested: 2147483648, used: 128849018880, capacity: 130405863424",
    ),
    'admission-failed',
    { pod: 'default/xihh-b1be980fcf582028y0kkvd1ffxd5jc8', reason: 'OutOfmemory' },
  ],
  [
    'J4',
    'K13 predicate',
    J(
      'I0905 15:42:13.182355    2716 predicate.go:139] Predicate failed on Pod: web-0_default(0a1b2c3d-4e5f-4a7b-9a8b-42010a800002), for reason: Predicate NodeAffinity failed',
    ),
    'admission-failed',
    { pod: 'default/web-0', reason: 'NodeAffinity' },
  ],
  [
    'J4',
    'json',
    '{"ts":1718475164210.4553,"caller":"lifecycle/predicate.go:151","msg":"Predicate failed on Pod","v":2,"pod":{"name":"web-0","namespace":"default"},"err":"Node didn\'t have enough resource: pods, requested: 1, used: 110, capacity: 110"}',
    'admission-failed',
    { pod: 'default/web-0', reason: 'OutOfpods' },
  ],
  [
    'J5',
    'G7',
    J(
      'W0905 15:42:13.182280    2716 predicate.go:80] Failed to admit pod kube-apiserver-master_kube-system(5c39844f0b908333a05ae0c6cec35511) - Unexpected error while attempting to recover from admission failure: preemption: error finding a set of pods to preempt: no set of running pods found to reclaim resources: [(res: cpu, q: 250), ]',
    ),
    'admission-failed',
    { pod: 'kube-system/kube-apiserver-master', reason: 'UnexpectedAdmissionError' },
  ],
  [
    'J5',
    'K13',
    J(
      'W0905 15:42:13.182280    2716 predicate.go:113] Failed to admit pod web-0_default(0a1b2c3d-4e5f-4a7b-9a8b-42010a800002) - GeneralPredicates failed due to unknown reason, which is unexpected.',
    ),
    'admission-failed',
    { pod: 'default/web-0', reason: 'UnknownReason' },
  ],
  [
    'J5',
    'S21 (real, capz, kubelet-wordings §5.4)',
    J(
      'I0503 21:51:51.890526    2716 predicate.go:113] "Failed to admit pod, unexpected error while attempting to recover from admission failure" pod="kube-system/etcd-capz-conf-ulw45w-control-plane-jfj9m" err="preemption: error finding a set of pods to preempt: no set of running pods found to reclaim resources: [(res: ephemeral-storage, q: 104857600), ]"',
    ),
    'admission-failed',
    { pod: 'kube-system/etcd-capz-conf-ulw45w-control-plane-jfj9m', reason: 'UnexpectedAdmissionError' },
  ],
  [
    'J5',
    'S28',
    J(
      'I0905 15:42:13.182280    2716 predicate.go:96] "Failed to admit pod" pod="default/gpu-0" message="Update plugin resources failed due to no healthy devices, which is unexpected."',
    ),
    'admission-failed',
    { pod: 'default/gpu-0', reason: 'UnexpectedAdmissionError' },
  ],
  [
    'J5',
    'json',
    '{"ts":1718475164210.4553,"caller":"lifecycle/predicate.go:134","msg":"Failed to admit pod: GeneralPredicates failed due to unknown reason, which is unexpected","v":0,"pod":{"name":"web-0","namespace":"default"}}',
    'admission-failed',
    { pod: 'default/web-0', reason: 'UnknownReason' },
  ],
  ['J5', 'K13', J('E0905 15:42:13.182280    2716 predicate.go:66] Cannot get Node info: node "worker-3" not found'), 'known'],
  // P1–P3: critical-pod admission preemption (pkg/kubelet/preemption), never a pressure eviction
  [
    'P1',
    'G7',
    J(
      'I0905 15:42:13.182280    2716 preemption.go:101] preemption: attempting to evict pods [&Pod{ObjectMeta:k8s_io_apimachinery_pkg_apis_meta_v1.ObjectMeta{Name:nginx-5d8f9c7b6-x2x7l,GenerateName:nginx-5d8f9c7b6-,Namespace:default,SelfLink:,},Spec:PodSpec{},Status:PodStatus{},}], in order to free up resources: [(res: cpu, q: 100), ]',
    ),
    'preemption-attempt',
    { pods: ['default/nginx-5d8f9c7b6-x2x7l'], resources: ['cpu'] },
  ],
  [
    'P1',
    'K13 (1.19 ObjectMeta)',
    J(
      'I0905 15:42:13.182280    2716 preemption.go:98] preemption: attempting to evict pods [&Pod{ObjectMeta:{web-0 web- default /api/v1/namespaces/default/pods/web-0 0a1b2c3d 1 0 2020-09-05 15:00:00 +0000 UTC}} Spec:PodSpec{},}], in order to free up resources: [(res: memory, q: 104857600), ]',
    ),
    'preemption-attempt',
    { pods: ['default/web-0'], resources: ['memory'] },
  ],
  [
    'P1',
    'S21',
    J(
      'I0905 15:42:13.182280    2716 preemption.go:99] "Attempting to evict pods in order to free up resources" pods=[&Pod{ObjectMeta:{nginx-5d8f9c7b6-x2x7l nginx-5d8f9c7b6- default  6f1c0d2e 1 0 2021-09-05 15:00:00 +0000 UTC}}] insufficientResources="[(res: memory, q: 104857600), ]"',
    ),
    'preemption-attempt',
    { pods: ['default/nginx-5d8f9c7b6-x2x7l'], resources: ['memory'] },
  ],
  [
    'P1',
    'S21 V3 (1.22–1.27)',
    J(
      'I0905 15:42:13.182280    2716 preemption.go:104] "Preempting pod to free up resources" pod="default/nginx-5d8f9c7b6-x2x7l" podUID=6f1c0d2e-5a8b-4c3d-9e7f-1a2b3c4d5e6f insufficientResources=[0xc000a1b2c0]',
    ),
    'preemption-attempt',
    { pods: ['default/nginx-5d8f9c7b6-x2x7l'], resources: [] },
  ],
  [
    'P1',
    'C',
    J(
      'I0905 15:42:13.182280    2716 preemption.go:110] "Preempting pod to free up resources" pod="default/nginx-5d8f9c7b6-x2x7l" podUID="6f1c0d2e-5a8b-4c3d-9e7f-1a2b3c4d5e6f" insufficientResources="[(res: cpu, q: 2550), ]" requestingPod="kube-system/kube-scheduler-master01"',
    ),
    'preemption-attempt',
    { pods: ['default/nginx-5d8f9c7b6-x2x7l'], resources: ['cpu'], requestingPod: 'kube-system/kube-scheduler-master01' },
  ],
  [
    'P1',
    'debug',
    J('I0905 15:42:13.182280    2716 preemption.go:70] "HandleAdmissionFailure" admitPod="kube-system/etcd-0" failureReasons=[]'),
    'known',
  ],
  [
    'P2',
    'K13 (real, pastes/25, kubernetes#92906)',
    J(
      'I0708 10:49:49.949088    1091 preemption.go:114] preemption: pod domain-d9c95557-hs6k6_default(de9427fc-0db2-4bf4-b9f6-344be5233a7b) evicted successfully"   ',
    ),
    'pod-preempted',
    { pod: 'default/domain-d9c95557-hs6k6' },
  ],
  [
    'P2',
    'S21',
    J('I0905 15:42:43.190012    2716 preemption.go:120] "Pod evicted successfully" pod="default/nginx-5d8f9c7b6-x2x7l"'),
    'pod-preempted',
    { pod: 'default/nginx-5d8f9c7b6-x2x7l' },
  ],
  [
    'P2',
    'json',
    '{"ts":1630856563190.012,"caller":"preemption/preemption.go:128","msg":"Pod evicted successfully","v":0,"pod":{"name":"web-0","namespace":"default"}}',
    'pod-preempted',
    { pod: 'default/web-0' },
  ],
  [
    'N',
    'K13 Preempting',
    J(
      'I0905 15:42:13.190001    2716 event.go:278] Event(v1.ObjectReference{Kind:"Pod", Namespace:"default", Name:"web-0", UID:"6f1c0d2e-5a8b-4c3d-9e7f-1a2b3c4d5e6f", APIVersion:"v1", ResourceVersion:"1", FieldPath:""}): type: \'Warning\' reason: \'Preempting\' Preempted in order to admit critical pod',
    ),
    'pod-preempted',
    { pod: 'default/web-0' },
  ],
  [
    'N',
    'S21 Preempting',
    J(
      'I0905 15:42:13.190001    2716 event.go:294] "Event occurred" object="default/web-0" kind="Pod" apiVersion="v1" type="Warning" reason="Preempting" message="Preempted in order to admit critical pod"',
    ),
    'pod-preempted',
    { pod: 'default/web-0' },
  ],
  [
    'P3',
    'K13 (real, kubernetes#92906)',
    J(
      'W0708 10:49:49.901011    1091 preemption.go:110] preemption: pod domain-d9c95557-hs6k6_default(de9427fc-0db2-4bf4-b9f6-344be5233a7b) failed to evict timeout waiting to kill pod',
    ),
    'pod-preempt-failed',
    { pod: 'default/domain-d9c95557-hs6k6', error: 'timeout waiting to kill pod' },
  ],
  [
    'P3',
    'G8 (real, pastes/27, kubernetes#78405, message only)',
    J(
      'Unexpected error while attempting to recover from admission failure: preemption: pod worker-async-ad-stitching-tracking-5f89bb489d-mvdq4_www(829b7759-7c9d-11e9-ac16-06903246ae0c) failed to evict timeout waiting to kill pod',
    ),
    'pod-preempt-failed',
    { pod: 'www/worker-async-ad-stitching-tracking-5f89bb489d-mvdq4', error: 'timeout waiting to kill pod' },
  ],
  [
    'P3',
    'S21',
    J(
      'E0905 15:42:43.190001    2716 preemption.go:112] "Failed to evict pod" err="timeout waiting to kill pod" pod="default/nginx-5d8f9c7b6-x2x7l"',
    ),
    'pod-preempt-failed',
    { pod: 'default/nginx-5d8f9c7b6-x2x7l', error: 'timeout waiting to kill pod' },
  ],
  // I4, H5, I2: Windows memory eviction (v1.31+)
  [
    'I4',
    'S31',
    J(
      'I0912 10:00:01.101260    4312 memory_threshold_notifier_windows.go:46] "Eviction manager: creating new WindowsMemoryThresholdNotifier"',
    ),
    'memcg-notifier',
    { status: 'created' },
  ],
  [
    'I4',
    'S31',
    J(
      'I0912 10:00:01.101301    4312 memory_threshold_notifier_windows.go:55] "Eviction manager: starting windowsMemoryThresholdNotifier" notifier="hard  memory eviction threshold"',
    ),
    'memcg-notifier',
    { status: 'started', detail: 'hard memory eviction threshold' },
  ],
  [
    'I4',
    'S31',
    J(
      'E0912 10:03:31.004377    4312 memory_threshold_notifier_windows.go:71] "Eviction manager: error getting global memory status for node" err="The parameter is incorrect."',
    ),
    'memcg-notifier',
    { status: 'error', detail: 'The parameter is incorrect.' },
  ],
  [
    'H5',
    'S31 V4',
    J('I0912 10:00:11.230411    4312 helpers_windows.go:32] "Eviction manager: building memory signal observations for windows"'),
    'known',
  ],
  [
    'H5',
    'S31 V4',
    J(
      'I0912 10:00:11.230470    4312 helpers_windows.go:38] "Eviction manager: memory signal observations for windows" Available=412316860 Usage=16760020992',
    ),
    'observation',
    { signal: 'memory.available', available: { value: 412316860 }, capacity: { value: 412316860 + 16760020992 } },
  ],
  [
    'I2',
    'S31 Windows',
    J('I0912 10:03:21.004100    4312 eviction_manager.go:184] "eviction manager: hard  memory eviction threshold crossed"'),
    'memcg-crossed',
    { description: 'hard memory eviction threshold', hard: true },
  ],
  // L6 at --v=5 (upstream wordings), L7 the runtime refusing an image removal
  [
    'L6',
    'K13 V5',
    J(
      'I0615 18:07:04.697205    2716 image_gc_manager.go:200] Pod default/web-1, container web uses image nginx:1.25(sha256:3f57d9401f8d42f986df300f0c69192fc41da28ccc8d797829467780db3dd741)',
    ),
    'known',
  ],
  [
    'L6',
    'S28 V5',
    J(
      'I0615 18:07:04.697205    2716 image_gc_manager.go:236] "Container uses image" pod="default/web-1" containerName="web" containerImage="nginx:1.25" imageID="sha256:3f57"',
    ),
    'known',
  ],
  [
    'L6',
    'S28 V5',
    J('I0615 18:07:04.697205    2716 image_gc_manager.go:568] "Image is pinned, skipping garbage collection" imageID="sha256:3f57"'),
    'known',
  ],
  [
    'L6',
    'S28 V5',
    J(
      'I0615 18:07:04.697205    2716 image_gc_manager.go:520] "Image ID\'s age is less than the policy\'s minAge, not eligible for garbage collection" imageID="sha256:3f57" age="1m0s" minAge="2m0s"',
    ),
    'known',
  ],
  [
    'L7',
    'K13',
    J(
      'E0411 05:09:22.078012    2716 remote_image.go:135] RemoveImage "sha256:46ca4d15fc48a5e2a6b17f9dba4b8c2b8a1f2a63a1d3c2b6c6e2d1b8a8f0e9d1" from image service failed: rpc error: code = Unknown desc = Error response from daemon: conflict: unable to remove repository reference "protokube:1.16.4" (must force) - container 68ebe099df35 is using its referenced image 46ca4d15fc48',
    ),
    'image-remove-failed',
    { image: 'sha256:46ca4d15fc48a5e2a6b17f9dba4b8c2b8a1f2a63a1d3c2b6c6e2d1b8a8f0e9d1' },
  ],
  [
    'L7',
    'K13',
    J(
      'E0411 05:09:22.078090    2716 kuberuntime_image.go:122] Remove image "sha256:46ca4d15fc48" failed: rpc error: code = Unknown desc = Error response from daemon: conflict',
    ),
    'image-remove-failed',
    { image: 'sha256:46ca4d15fc48' },
  ],
  [
    'L7',
    'S21',
    J(
      'E0226 11:59:17.160044    2298 remote_image.go:212] "RemoveImage from image service failed" err="rpc error: code = Unknown desc = delete image: image used by 2b1f4c0a9e7d: image is in use by a container" image="sha256:3f57d9401f8d"',
    ),
    'image-remove-failed',
    {
      image: 'sha256:3f57d9401f8d',
      error: 'rpc error: code = Unknown desc = delete image: image used by 2b1f4c0a9e7d: image is in use by a container',
    },
  ],
  [
    'L7',
    'S28',
    J(
      'E0226 11:59:17.160101    2298 kuberuntime_image.go:125] "Failed to remove image" err="rpc error: code = Unknown desc = delete image: image in use" image="sha256:3f57d9401f8d"',
    ),
    'image-remove-failed',
    { image: 'sha256:3f57d9401f8d' },
  ],
  [
    'L7',
    'S31 log.go',
    J(
      'E0226 11:59:17.160044    2298 log.go:32] "RemoveImage from image service failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded" image="sha256:490a945356e4"',
    ),
    'image-remove-failed',
    { image: 'sha256:490a945356e4', error: 'rpc error: code = DeadlineExceeded desc = context deadline exceeded' },
  ],
  // M8: systemd ≤219 to ≥252 and the unit descriptions distributions use
  [
    'M8',
    'systemd 219',
    'Nov 21 10:27:34 worker-3 systemd[1]: kubelet.service: main process exited, code=exited, status=255/n/a',
    'kubelet-stop',
    { status: '255/n/a' },
  ],
  ['M8', 'systemd 219', 'Nov 21 10:27:34 worker-3 systemd[1]: Unit kubelet.service entered failed state.', 'kubelet-stop'],
  ['M8', 'systemd 219', 'Nov 21 10:27:34 worker-3 systemd[1]: kubelet.service failed.', 'kubelet-stop'],
  ['M8', 'systemd 229', 'Nov 21 10:27:34 worker-3 systemd[1]: kubelet.service: Unit entered failed state.', 'kubelet-stop'],
  ['M8', 'systemd 219', 'Nov 21 10:27:44 worker-3 systemd[1]: kubelet.service holdoff time over, scheduling restart.', 'known'],
  ['M8', 'systemd 239', 'Oct 22 05:17:19 worker-3 systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 557.', 'known'],
  ['M8', 'RHCOS', 'Jun 26 19:05:10 worker-3 systemd[1]: kubelet.service: Consumed 115ms CPU time', 'known'],
  ['M8', 'OpenShift 4', 'Jun 26 19:05:10 worker-3 systemd[1]: Stopped Kubernetes Kubelet.', 'kubelet-stop'],
  ['M8', 'OpenShift 4', 'Jun 26 19:05:10 worker-3 systemd[1]: Starting Kubernetes Kubelet...', 'kubelet-start', { via: 'systemd' }],
  [
    'M8',
    'OpenShift 4',
    'Jun 26 19:05:10 worker-3 systemd[1]: Failed to start Kubernetes Kubelet.',
    'kubelet-start-failed',
    { by: 'systemd' },
  ],
  ['M8', 'OpenShift 3', 'Aug 22 15:38:47 worker-3 systemd[1]: Failed to start OpenShift Node.', 'kubelet-start-failed', { by: 'systemd' }],
  ['M8', 'binary install', 'Apr 20 06:45:31 worker-3 systemd[1]: Starting Kubernetes Kubelet Server...', 'kubelet-start'],
  ['M8', 'NixOS', 'May 01 18:15:29 worker-3 systemd[1]: Started Kubernetes Kubelet Service.', 'kubelet-start'],
  ['M8', 'k3s', 'Oct 10 09:15:40 worker-3 systemd[1]: Stopped Lightweight Kubernetes.', 'kubelet-stop'],
  ['M8', 'rke2 agent', 'Oct 10 09:15:40 worker-3 systemd[1]: Started Rancher Kubernetes Engine v2 (agent).', 'kubelet-start'],
  ['M8', 'k0s worker', 'Oct 10 09:15:40 worker-3 systemd[1]: Starting k0s - Zero Friction Kubernetes...', 'kubelet-start'],
  [
    'M8',
    'microk8s, systemd 252',
    'Mar 08 00:29:30 worker-3 systemd[1]: Started snap.microk8s.daemon-kubelite.service - Service for snap application microk8s.daemon-kubelite.',
    'kubelet-start',
  ],
  [
    'M8',
    'systemd 252',
    'Dec 13 09:18:42 worker-3 systemd[1]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.',
    'kubelet-stop',
  ],
  // M10: a start that failed, in each era
  [
    'M10',
    'K13 (real, pastes/65)',
    J(
      'F0331 11:52:05.809163   12127 server.go:266] failed to run Kubelet: failed to create kubelet: misconfiguration: kubelet cgroup driver: "$DOCKER_CGROUPS" is different from docker cgroup driver: "systemd"',
    ),
    'kubelet-start-failed',
    {
      pid: 12127,
      by: 'kubelet',
      error:
        'failed to create kubelet: misconfiguration: kubelet cgroup driver: "$DOCKER_CGROUPS" is different from docker cgroup driver: "systemd"',
    },
  ],
  [
    'M10',
    'K13',
    J(
      'F0901 20:57:25.706063    2874 server.go:198] failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file "/var/lib/kubelet/config.yaml"',
    ),
    'kubelet-start-failed',
    { pid: 2874 },
  ],
  [
    'M10',
    'S21 (real, pastes/66)',
    J(
      'E0209 10:04:25.388272    5466 server.go:302] "Failed to run kubelet" err="failed to run Kubelet: misconfiguration: kubelet cgroup driver: \\"systemd\\" is different from docker cgroup driver: \\"cgroupfs\\""',
    ),
    'kubelet-start-failed',
    { pid: 5466, error: 'misconfiguration: kubelet cgroup driver: "systemd" is different from docker cgroup driver: "cgroupfs"' },
  ],
  [
    'M10',
    'S28 (real, pastes/68)',
    J('E0823 13:53:14.926448    8691 run.go:72] "command failed" err="failed to parse kubelet flag: unknown flag: --improve-speed"'),
    'kubelet-start-failed',
    { pid: 8691, error: 'failed to parse kubelet flag: unknown flag: --improve-speed' },
  ],
  [
    'M10',
    '1.24 stderr',
    J('Error: failed to run Kubelet: validate service connection: CRI v1 runtime API is not implemented'),
    'kubelet-start-failed',
  ],
  // O: the eviction manager not running (v1.4), and the other reasons pod sync is skipped
  [
    'O',
    'G6 (real, pastes/29, kubernetes#29703)',
    J(
      'I0727 17:04:50.466599    2716 kubelet.go:2448] skipping pod synchronization - [failed to start eviction manager unable to find data for container /]',
    ),
    'eviction-manager-error',
    { detail: 'skipping pod synchronization' },
  ],
  [
    'O',
    'K13',
    J(
      'I0314 09:21:07.120456    2716 kubelet.go:1860] skipping pod synchronization - [PLEG is not healthy: pleg was last seen active 3m5s ago; threshold is 3m0s]',
    ),
    'known',
  ],
  [
    'O',
    'S21',
    J(
      'I0314 09:21:07.120456    2716 kubelet.go:2097] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m5s ago; threshold is 3m0s"',
    ),
    'known',
  ],
];

describe('every catalog family is recognised in each era', () => {
  it.each(ROWS)('%s (%s)', (_id, _era, line, kind, fields) => {
    const { events, unrecognized } = eventsOf(line + '\n');
    expect(unrecognized).toBe(0);
    const ev = events.filter((e) => e.kind !== 'kubelet-start' || kind === 'kubelet-start');
    if (kind === 'known') {
      expect(ev).toEqual([]);
      return;
    }
    expect(ev.map((e) => e.kind)).toContain(kind);
    if (fields) expect(ev.find((e) => e.kind === kind)).toMatchObject(fields);
  });

  it('covers every family id of section 4', () => {
    const ids = new Set(ROWS.map((r) => r[0]));
    const want = [
      'A1',
      'A2',
      'A3',
      'B1',
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
      'B8',
      'B9',
      'B10',
      'C1',
      'C2',
      'C3',
      'C4',
      'D1',
      'D2',
      'D3',
      'D4',
      'D5',
      'D6',
      'E1',
      'E2',
      'E3',
      'F',
      'G1',
      'G2',
      'G3',
      'H1',
      'H2',
      'H3',
      'H4',
      'I1',
      'I2',
      'I3',
      'J1',
      'J2',
      'J3',
      'J4',
      'J5',
      'K1',
      'K2',
      'L1',
      'L2',
      'L3',
      'L4',
      'L5',
      'L6',
      'L7',
      'M1',
      'M2',
      'M3',
      'M4',
      'M5',
      'M6',
      'M7',
      'M8',
      'M9',
      'M10',
      'N',
      'O',
      'P1',
      'P2',
      'P3',
      'H5',
      'I4',
    ];
    // J3 (rejection text) and M6 (= B9) are covered by the N admission row and the B9 row.
    const covered = new Set([...ids, 'J3', 'M6']);
    expect(want.filter((w) => !covered.has(w))).toEqual([]);
  });
});

/**
 * What the analyzer makes of some lines: as a stream's chunk reaches it (the fast path takes
 * the lines it can), or line by line with the fast path off (every line through the full path:
 * the reference decoders). The fast path must be an exact subset: the same events, counters,
 * unrecognized lines and last-seen times either way. `taken` is how many lines it took.
 */
function bothPaths(lines: string[]) {
  const run = (fast: boolean) => {
    // what each kubelet line tells besides its message (its time and PID): the same either way
    const stretches: Stretch[] = [];
    const coverage = new Coverage(0, (s) => stretches.push(s));
    const a = new LineAnalyzer('-', { ...opts(), fastPath: fast, coverage });
    const out: KubeletEvent[] = [];
    if (fast) {
      const b = Buffer.from(lines.join('\n') + '\n');
      a.pushBytes(b, 0, b.length, 1, out);
    } else lines.forEach((l, i) => out.push(...a.push(l, i + 1)));
    out.push(...a.end());
    return {
      events: out,
      counters: { ...a.counters },
      unrecognized: a.unrecognized,
      lastSeen: [...a.lastSeen()],
      verbose: [...a.verboseNodes],
      stretches,
      lines: [...coverage.nodes.values()].map((n) => [n.node, n.maxAt, n.up, n.down]),
    };
  };
  const taken = (() => {
    const a = new LineAnalyzer('-', opts());
    const b = Buffer.from(lines.join('\n') + '\n');
    a.pushBytes(b, 0, b.length, 1, []);
    return a.fastLines;
  })();
  return { fast: run(true), full: run(false), taken };
}

/** A property: every list of lines `inputs` draws reads the same on both paths (`bothPaths`). Returns how many lines the fast path took over all runs. */
function sameOnBothPaths(inputs: fc.Arbitrary<string[]>, numRuns: number): number {
  let taken = 0;
  fc.assert(
    fc.property(inputs, (lines) => {
      const r = bothPaths(lines);
      expect(r.fast).toEqual(r.full);
      taken += r.taken;
    }),
    { numRuns },
  );
  return taken;
}

// systemd's messages about other units (a node's journal has them by the thousand), and one that
// names the kubelet only with the Kelvin sign (`toLowerCase` folds it; the unit's /i regex does not)
const SYSTEMD_OTHER = [
  'Started libcontainer container 5f0c1d2e3a4b.',
  'run-containerd-io.containerd.runtime.v2.task-k8s.io-5f0c1d2e3a4b-rootfs.mount: Deactivated successfully.',
  'Started \u212aubelet-like probe \u00e9t\u00e9.',
];
const SYSTEMD_CHATTER = SYSTEMD_OTHER.map((m) => `Mar 14 09:21:07 worker-3 systemd[1]: ${m}`);

/** A chatter line wider than any row of the catalog: the lines after it do not wait in case a terminal wrapped them. */
const WIDE_CHATTER = J(`I0314 09:21:07.018203    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/${'p'.repeat(4000)}"`);

const CHATTER_LINES = [
  J('I0314 09:21:07.118203    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/p-1"'),
  J(
    'I0314 09:21:07.218203    2716 kubelet.go:1918] SyncLoop (PLEG): "web-1_ns(7e1d)", event: &pleg.PodLifecycleEvent{ID:"7e1d", Type:"ContainerStarted"}',
  ),
  J(
    'E0314 09:21:07.318203    2716 summary_sys_containers.go:48] "Failed to get system container stats" err="failed to get cgroup stats for \\"/system.slice/docker.service\\""',
  ),
];

/**
 * The messages the record properties draw from (Fluentd's out_file lines, Loki's logcli records):
 * every catalog row's, the chatter twice, a container runtime's line and systemd's.
 */
const RECORD_MESSAGES = [
  ...ROWS.map(([, , line]) => line.slice(line.indexOf(': ') + 2)),
  ...CHATTER_LINES.map((l) => l.slice(l.indexOf(': ') + 2)),
  ...CHATTER_LINES.map((l) => l.slice(l.indexOf(': ') + 2)),
  'time="2026-03-14T09:21:07Z" level=info msg="StartContainer for \\"abc\\" returns successfully"',
  'Started kubelet: The Kubernetes Node Agent.',
];

describe('the fast path takes only lines the full path would drop (the byte prefilter is generated from RULES)', () => {
  it.each(ROWS)('%s (%s), among chatter', (_id, _era, line) => {
    const { fast, full } = bothPaths([...CHATTER_LINES, ...SYSTEMD_CHATTER, line, ...SYSTEMD_CHATTER, ...CHATTER_LINES]);
    expect(fast).toEqual(full);
  });

  it("takes systemd's lines about other units, and none about the kubelet's, as text and as journal JSON", () => {
    const units = ['kubelet', 'k3s', 'rke2-agent', 'snap.kubelite.daemon-kubelite', 'atomic-openshift-node'];
    const messages = [
      ...SYSTEMD_OTHER,
      ...units.flatMap((u) => [`Started ${u}.service.`, `Stopping ${u}...`]),
      'Started Kubernetes Kubelet.',
      'kubelet.service: Main process exited, code=exited, status=1/FAILURE',
    ];
    const systemd = { SYSLOG_IDENTIFIER: 'systemd', _COMM: 'systemd', _PID: '1', _SYSTEMD_UNIT: 'init.scope' };
    for (const lines of [
      messages.map((m, i) => `Mar 14 09:21:${String(10 + i).padStart(2, '0')} worker-3 systemd[1]: ${m}`),
      messages.map((m, i) => asRecord(m, { ...systemd, __REALTIME_TIMESTAMP: String(1773480070000000 + i * 1_000_000) })),
    ]) {
      const { fast, full, taken } = bothPaths(lines);
      expect(fast).toEqual(full);
      expect(fast.counters.kubeletLines).toBeGreaterThanOrEqual(units.length * 2 + 2);
      // (as text, the widest line so far waits a line in case a terminal wrapped it, and goes the full path)
      expect(taken).toBeGreaterThanOrEqual(SYSTEMD_OTHER.length - 1);
    }
  });

  it("lines only an inert rule reads (a `known` one below V3: node registration, the sync loop) are the fast path's, and read the same", () => {
    const inert = [
      'I0314 09:21:07.318203    2716 kubelet_node_status.go:72] Attempting to register node worker-3',
      'I0314 09:21:07.418203    2716 kubelet.go:1822] Starting kubelet main sync loop.',
      'I0314 09:21:07.438203    2716 kubelet_node_status.go:75] Successfully registered node worker-3',
    ].map(J);
    // the one that names the eviction manager is the full path's, and an event (the same anchor);
    // the PLEG loop's `threshold is 3m0s` is a watched word's, but the inert rule reads the line
    // whole (INERT_PREFIXES): it is the fast path's too
    const read = J(
      'I0314 09:21:07.518203    2716 kubelet.go:1840] skipping pod synchronization - [failed to start eviction manager: no summary]',
    );
    const pleg = J(
      'I0314 09:21:07.618203    2716 kubelet.go:1840] skipping pod synchronization - [PLEG is not healthy: pleg was last seen active 4m27.854s ago; threshold is 3m0s]',
    );
    const lines = [...CHATTER_LINES, ...inert, read, pleg, ...inert];
    const { fast, full, taken } = bothPaths(lines);
    expect(fast).toEqual(full);
    expect(fast.events.map((e) => e.kind)).toEqual(['eviction-manager-error']);
    // (the widest line so far waits a line in case a terminal wrapped it, and goes the full path;
    // `read` is an event's)
    expect(taken).toBeGreaterThanOrEqual(lines.length - 2);
    expect(bothPaths([...CHATTER_LINES, pleg, pleg, pleg]).taken).toBe(CHATTER_LINES.length + 3);
    // and the structured era's (S21+), which names the error as `err`
    const structured = J(
      'E0314 09:21:07.718203    2716 kubelet.go:2373] "Skipping pod synchronization" err="[container runtime is down, PLEG is not healthy: pleg was last seen active 4m27.854s ago; threshold is 3m0s]"',
    );
    const evicting = J(
      'E0314 09:21:07.818203    2716 kubelet.go:2373] "Skipping pod synchronization" err="failed to start eviction manager: no summary"',
    );
    // (a wide line first: the widest line so far waits a line, in case a terminal wrapped it)
    const wide = J(`I0314 09:21:07.000001    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/${'p'.repeat(400)}"`);
    // (an escape may spell what the bytes do not: `\x65` is `e` once the value is unquoted)
    const escaped = J(
      'E0314 09:21:07.918203    2716 kubelet.go:2373] "Skipping pod synchronization" err="failed to start \\x65viction manager: no summary"',
    );
    const s = bothPaths([wide, ...CHATTER_LINES, structured, structured, evicting, structured, escaped]);
    expect(s.fast).toEqual(s.full);
    expect(s.fast.events.map((e) => e.kind)).toEqual(['eviction-manager-error', 'eviction-manager-error']);
    expect(s.taken).toBe(bothPaths([wide, ...CHATTER_LINES]).taken + 3);
  });

  it('a line of the run after the widest line so far, which waits in case a terminal wrapped it, reads as the full path reads it', () => {
    // The seed's loop (its widest line again every 10 s), the same widths on another host and
    // from another program, and rows a terminal cut off a line: in any order, at any time.
    const loop = [
      'W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',
      'I1016 09:50:55.057322   17144 eviction_manager.go:345] eviction manager: must evict pod(s) to reclaim nodefs',
      'E1016 09:50:55.058307   17144 eviction_manager.go:356] eviction manager: eviction thresholds have been met, but no pods are active to evict',
    ];
    const at = (k: number) => `Oct 16 09:${String(50 + Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}`;
    const piece = fc.oneof(
      { arbitrary: fc.constantFrom(...loop.map((l) => (k: number) => `${at(k)} ubuntu-k8s-3 kubelet[17144]: ${l}`)), weight: 6 },
      // (as wide as the loop's lines, of another host, or of systemd: the waiting line makes the run another's)
      { arbitrary: fc.constantFrom(...loop.map((l) => (k: number) => `${at(k)} ubuntu-k8s-4 kubelet[17144]: ${l}`)), weight: 1 },
      { arbitrary: fc.constant((k: number) => `${at(k)} ubuntu-k8s-3 systemd[1]: ${'x'.repeat(100)}`), weight: 1 },
      // (chatter of the run as wide as the loop's widest line and wider: it waits as the run's, and a row may go on it)
      {
        arbitrary: fc.constantFrom(
          ...[184, 185, 200].map(
            (w) => (k: number) =>
              `${at(k)} ubuntu-k8s-3 kubelet[17144]: I1016 09:50:55.059001   17144 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/${'p'.repeat(w - 134)}"`,
          ),
        ),
        weight: 1,
      },
      // (rows a terminal cut: what goes on a waiting line, or a cut envelope)
      {
        arbitrary: fc.constantFrom(
          () => 'nodefs',
          () => 'o evict',
          (k: number) => `${at(k)} ubuntu-k8s-3 kube`,
        ),
        weight: 1,
      },
    );
    const lines = fc.array(fc.tuple(piece, fc.nat(3)), { minLength: 1, maxLength: 30 }).map((ps) => {
      let k = 0;
      return ps.map(([line, step]) => line((k += step)));
    });
    expect(sameOnBothPaths(lines, 1500)).toBeGreaterThan(5000);
  });

  it('INERT_PREFIXES: every inert rule whose regex is a literal start, and the PLEG loop among them', () => {
    expect(INERT_PREFIXES.map((p) => p.text)).toContain('skipping pod synchronization - ');
    for (const p of INERT_PREFIXES) {
      const r = RULES.find((x) => x.re?.source === `^${p.text}`)!;
      expect([p.text, isInert(r), r.re!.flags.includes('i')]).toEqual([p.text, true, p.caseless]);
      // (its own text is read by it, or by a rule before it: nothing is made of it)
      const c = classify(decodeKlog(`I0314 09:21:07.518203    2716 kubelet.go:1] ${p.text}`));
      expect([p.text, c !== undefined && isInert(c.rule)]).toEqual([p.text, true]);
    }
    // a rule that names what its line needs: every catalog line it makes an event of holds it
    // (and the property below, that a line without it makes nothing)
    const needy = RULES.filter((r) => r.needs !== undefined);
    expect(needy.length).toBeGreaterThan(0);
    for (const r of needy) {
      const rows = ROWS.filter(([id, , , kind]) => id === r.id && kind === r.kind);
      expect(rows.length).toBeGreaterThan(0);
      for (const [, , line] of rows) expect([line, line.toLowerCase().includes(r.needs!)]).toEqual([line, true]);
    }
  });

  it('a line that begins as an inert rule reads reads the same on both paths, whatever follows', () => {
    // the starts (re-cased: the fast path must re-case as the rule's regex does), then words
    // drawn from the watched words, the rules' anchors and needs, the PLEG loop's, and text
    const words = [
      ...EVENT_NEEDLES,
      'threshold is 3m0s',
      'eviction',
      'Evicting',
      'eviction manager',
      'Eviction Manager: ',
      '[PLEG is not healthy: pleg was last seen active 4m27.854s ago; ',
      'container runtime is down',
      'failed to start eviction manager: no summary',
      '"quoted"',
      'ImageID',
      ' err="',
      ' err="[PLEG is not healthy: pleg was last seen active 3m5.1s ago; threshold is 3m0s]"',
      ' err="failed to start \\x65viction manager"',
      '\\"',
      '"',
      ' ',
      '; ',
      ']',
    ];
    // (structured lines too: `"Skipping pod synchronization" err="…"`, the key re-cased as well)
    const starts = [...INERT_PREFIXES.map((p) => p.text), ...INERT_KEYS.map((k) => `"${k}"`)];
    const line = fc
      .tuple(
        fc.constantFrom(...starts),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 6 }),
      )
      .map(([start, flips, tail]) => {
        let t = start;
        for (const f of flips) {
          const i = f % t.length;
          const c = t[i]!;
          t = t.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + t.slice(i + 1);
        }
        return t + tail.join('').replace(/[\r\n]/g, ' ');
      });
    // (a wide line first: the widest line so far waits a line, in case a terminal wrapped it)
    const wide = J(`I0314 09:21:07.000001    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/${'p'.repeat(400)}"`);
    const base = bothPaths([wide, CHATTER_LINES[0]!]).taken;
    let taken = 0;
    fc.assert(
      fc.property(line, (text) => {
        const l = J(`I0314 09:21:07.518203    2716 kubelet.go:1840] ${text}`);
        const r = bothPaths([wide, l, CHATTER_LINES[0]!]);
        expect(r.fast).toEqual(r.full);
        if (r.taken === base + 1) taken++;
      }),
      { numRuns: 600, seed: 15 },
    );
    // (lines of a start and no needle are taken: about one in four of these)
    expect(taken).toBeGreaterThan(60);
  });

  it('boot markers between the entries of several hosts (a merged journal), and one host booting again, read the same', () => {
    const at = (host: string, i: number) =>
      `Mar 14 09:21:${String(10 + i).padStart(2, '0')} ${host} kubelet[2716]: I0314 09:21:${String(10 + i).padStart(2, '0')}.${String(100000 + i)}    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/p-${i}"`;
    const boot = (id: string) => `-- Boot ${id.repeat(32 / id.length)} --`;
    const lines = [at('worker-1', 0), boot('b2'), at('worker-2', 1), boot('b1'), at('worker-1', 2), boot('b2'), at('worker-2', 3)];
    // worker-1 boots again
    lines.push(boot('c1'), at('worker-1', 4), boot('b2'), at('worker-2', 5), ROWS[0]![2]);
    const { fast, full, taken } = bothPaths(lines);
    expect(fast).toEqual(full);
    expect(fast.events.filter((e) => e.kind === 'journal-marker').map((e) => [e.node, e.detail])).toEqual([['worker-1', 'c1'.repeat(16)]]);
    expect(taken).toBeGreaterThanOrEqual(8);
  });

  it('`-o with-unit` and `-o short-full` lines (units for identifiers, a weekday, a date and a zone) read the same, and take the fast path', () => {
    const k = (t: string) => `I0314 09:21:0${t}    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/p-${t}"`;
    const lines = [
      `Sat 2026-03-14 09:21:07 UTC worker-3 kubelet.service[2716]: ${k('1.100001')}`,
      `Sat 2026-03-14 09:21:07 UTC worker-3 kubelet.service[2716]: ${k('2.100002')}`,
      'Sat 2026-03-14 09:21:07 UTC worker-3 containerd.service[900]: time="2026-03-14T09:21:07Z" level=info msg="StartContainer"',
      `Sat 2026-03-14 09:21:07 UTC worker-3 k3s.service[2716]: ${k('3.100003')}`,
      'Sat 2026-03-14 09:21:07 UTC worker-3 init.scope[1]: Started libcontainer container 5f0c1d2e3a4b.',
      `Sat 2026-03-14 09:21:08 +0100 worker-3 kubelet[2716]: ${k('8.100004')}`,
      `Sat 2026-03-14 09:21:08 CET worker-3 kubelet[2716]: ${k('8.100005')}`,
      'Sat 2026-03-14 09:21:08 UTC worker-3 sshd.service[77]: Accepted publickey for root from 10.0.0.1',
      ROWS[0]![2],
    ];
    const { fast, full, taken } = bothPaths(lines);
    expect(fast).toEqual(full);
    expect(fast.counters.kubeletLines).toBeGreaterThanOrEqual(5);
    // (CET is an abbreviation: the full path's; the widest line waits; the event is the full path's)
    expect(taken).toBeGreaterThanOrEqual(5);
  });

  it('a range of a larger buffer reads as its bytes alone do (NULs before, inside and after it)', () => {
    const lines = [
      ...CHATTER_LINES,
      J('I0314 09:21:08.100000    2716 kubelet.go:2441] a binary \u0000 byte'),
      ROWS[0]![2],
      ...CHATTER_LINES,
    ];
    const alone = Buffer.from(lines.join('\n') + '\n');
    const big = Buffer.concat([Buffer.from(`junk \u0000 before${' '.repeat(5000)}\n`), alone, Buffer.from('\u0000 after')]);
    const read = (b: Buffer, start: number, end: number) => {
      const a = new LineAnalyzer('-', opts());
      const out: KubeletEvent[] = [];
      a.pushBytes(b, start, end, 1, out);
      out.push(...a.end());
      return { out, counters: { ...a.counters }, fast: a.fastLines };
    };
    const start = big.indexOf('\n') + 1;
    expect(read(big, start, start + alone.length)).toEqual(read(alone, 0, alone.length));
    expect(read(alone, 0, alone.length).out.length).toBeGreaterThan(0);
  });

  it('a long stretch of lines in one pushBytes', () => {
    // 9,000 lines in one pushBytes; every 7th an event line, short lines between them
    const lines = Array.from({ length: 9000 }, (_, i) =>
      i % 7 === 0
        ? ROWS[i % ROWS.length]![2]
        : J(`I0314 09:21:07.${String(100000 + i)}    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/p-${i}"`),
    );
    const { fast, full } = bothPaths(lines);
    expect(fast.counters.lines).toBe(9000);
    expect(fast).toEqual(full);
  });

  it('lines led by a digit: CJK month tokens, short-iso and short-unix take the fast path', () => {
    const k = (t: string) => `I0314 09:21:0${t}    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/p-${t}"`;
    const lines = [
      // (a longer line first: the widest line so far is held back a line, in case a terminal wrapped it)
      J(`I0314 09:21:07.000001    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/${'p'.repeat(200)}"`),
      `3月 14 09:21:07 worker-3 kubelet[2716]: ${k('1.100001')}`,
      `10月 14 09:21:07 worker-3 kubelet[2716]: ${k('2.100002')}`,
      `10월 14 09:21:07 worker-3 kubelet[2716]: ${k('3.100003')}`,
      `2026-03-14T09:21:07+0000 worker-3 kubelet[2716]: ${k('4.100004')}`,
      `2026-03-14T09:21:07.500000+0000 worker-3 kubelet[2716]: ${k('5.100005')}`,
      `1773480067.100006 worker-3 kubelet[2716]: ${k('6.100006')}`,
      // a first field short-iso takes, then what reads like a short stamp: the decoder's order decides
      `2026-03-14T09:21:07Z 14 09:21:07 worker-3 kubelet[2716]: ${k('7.100007')}`,
      `1773480067.100008 14 09:21:07 worker-3 kubelet[2716]: ${k('8.100008')}`,
      `13月 14 09:21:07 worker-3 kubelet[2716]: ${k('9.100009')}`,
      ROWS[0]![2],
    ];
    const { fast, full, taken } = bothPaths(lines);
    expect(fast.counters.kubeletLines).toBeGreaterThanOrEqual(9);
    expect(fast).toEqual(full);
    // the CJK, short-iso and short-unix chatter lines were taken by the fast path
    expect(taken).toBeGreaterThanOrEqual(6);
  });

  it("`-o short-monotonic` lines (seconds since boot; the time is the klog header's) read the same, and take the fast path", () => {
    // every catalog row among chatter, on two hosts, with systemd's header-less lines timed by
    // their host's wall − monotonic (learnt from its kubelet lines) and a boot restarting the clock
    const mono = (s: number, host: string, rest: string) => `[${s.toFixed(6).padStart(13)}] ${host} ${rest}`;
    const kubelet = (line: string) => line.slice(line.indexOf('kubelet['));
    const lines: string[] = [];
    let s = 4711.000001;
    for (const [id, , line] of ROWS) {
      if (!line.startsWith('Mar 14 ')) continue;
      const host = id < 'H' ? 'worker-3' : 'worker-4';
      for (const c of CHATTER_LINES) lines.push(mono((s += 0.25), host, kubelet(c)));
      lines.push(mono((s += 0.25), host, 'containerd[900]: time="2026-03-14T09:21:07Z" level=info msg="StartContainer"'));
      lines.push(mono((s += 0.25), host, kubelet(line)));
      lines.push(mono((s += 0.25), host, 'systemd[1]: Started kubelet: The Kubernetes Node Agent.'));
      if (id === 'P1') {
        lines.push(`-- Boot ${'c1'.repeat(16)} --`);
        s = 3.5;
      }
    }
    const { fast, full, taken } = bothPaths(lines);
    expect(fast).toEqual(full);
    expect(fast.events.filter((e) => e.kind === 'kubelet-start').length).toBeGreaterThan(10);
    // the chatter and containerd's lines (4 of the 6 a row) are the fast path's (less a few: the
    // widest line so far waits a line, in case a terminal wrapped it)
    const rows = Math.floor(lines.length / 6);
    expect(taken).toBeGreaterThan(rows * 4 * 0.95);
  });

  it('every printf rule has an anchor (without one the prefilter must pass every line)', () => {
    expect(RULES.filter((r) => r.re && !r.systemd && !r.anchor).map((r) => r.id)).toEqual([]);
    const b = Buffer.from('SyncLoop (PLEG): event for pod');
    expect(mayMatchBytes(b, 0, b.length)).toBe(false);
  });

  it('finds every needle and message key in any ASCII case, and passes chatter by', () => {
    // Each needle with every letter re-cased at random, after some chatter: the scan folds
    // bytes like the classifier folds text, so no casing may hide a needle.
    const needles = [...new Set([...PREFILTER_NEEDLES, ...PREFILTER_KEYS])];
    expect(BYTESCAN_WINDOWS.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...needles), fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), fc.nat(40), (n, ups, pad) => {
        const v = [...n].map((c, i) => (ups[i % 64] ? c.toUpperCase() : c.toLowerCase())).join('');
        const b = Buffer.from(`"SyncLoop (PLEG): event for pod" ${'x'.repeat(pad)}${v} pod="ns/p"`);
        expect([v, mayMatchBytes(b, 0, b.length)]).toEqual([v, true]);
      }),
      { numRuns: 4000 },
    );
    for (const n of needles) {
      const b = Buffer.from(n.toUpperCase());
      expect([n, mayMatchBytes(b, 0, b.length)]).toEqual([n, true]);
    }
    const chatter = Buffer.from('"SyncLoop (PLEG): event for pod" pod="kube-system/calico-node-x2v9z" event={"Type":"ContainerStarted"}');
    expect(mayMatchBytes(chatter, 0, chatter.length)).toBe(false);
  });

  it('finds exactly the leftmost needle: a window hit without the rest of its needle is no match', () => {
    // Payloads assembled from the windows, pieces of needles (whole, cut short at either end,
    // with one character changed), chatter and bytes from 0x80, in random ASCII casings; the
    // reference lower-cases A-Z only (toLowerCase on ASCII) and looks for every needle. The scan
    // looks for the needles that hold no other one (one that does is found by the one it holds):
    // its answer is the leftmost of those, and it finds one exactly when any needle occurs.
    const all = [...new Set([...PREFILTER_NEEDLES, ...PREFILTER_KEYS].map((n) => n.toLowerCase()))];
    const needles = all.filter((n) => !all.some((m) => m !== n && n.includes(m)));
    const piece = fc.oneof(
      fc.constantFrom(...BYTESCAN_WINDOWS),
      fc.constantFrom(...needles),
      fc
        .tuple(fc.constantFrom(...needles), fc.nat(), fc.boolean())
        .map(([n, k, left]) => (left ? n.slice(1 + (k % n.length)) : n.slice(0, k % n.length))),
      fc.tuple(fc.constantFrom(...needles), fc.nat(), fc.constantFrom('x', ' ', ':', '\u00e9', '\u212a')).map(([n, k, c]) => {
        const i = k % n.length;
        return n.slice(0, i) + c + n.slice(i + 1);
      }),
      // one character with bit 5 flipped: another case of a letter, but `}` for `]`, NUL for a space
      fc.tuple(fc.constantFrom(...needles), fc.nat()).map(([n, k]) => {
        const i = k % n.length;
        return n.slice(0, i) + String.fromCharCode(n.charCodeAt(i) ^ 0x20) + n.slice(i + 1);
      }),
      fc.constantFrom('"SyncLoop (PLEG): event for pod" ', 'too old resource version: 3213 (3650)', ' pod="ns/p" ', 'é', '日本'),
    );
    const recase = (s: string, ups: boolean[]) =>
      [...s].map((c, i) => (/[a-z]/i.test(c) ? (ups[i % ups.length] ? c.toUpperCase() : c.toLowerCase()) : c)).join('');
    const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), (pieces, ups) => {
        const b = Buffer.from(recase(pieces.join(''), ups));
        const lower = asciiLower(b.toString('latin1'));
        const want = Math.min(...needles.map((n) => lower.indexOf(n)).filter((i) => i >= 0));
        expect(findNeedle(b, 0, b.length)).toBe(Number.isFinite(want) ? want : -1);
        expect(mayMatchBytes(b, 0, b.length)).toBe(all.some((n) => lower.includes(n)));
      }),
      { numRuns: 4000 },
    );
    // the issue's example, and a needle that only fits past either end of the range
    const reflector = Buffer.from(
      'k8s.io/client-go/informers/factory.go:150: watch of *v1.Pod ended with: too old resource version: 3213 (3650)',
    );
    expect(mayMatchBytes(reflector, 0, reflector.length)).toBe(false);
    const v = Buffer.from('xVersion: v1.29.4x');
    expect([findNeedle(v, 0, v.length), findNeedle(v, 2, v.length), findNeedle(v, 0, v.length - 8)]).toEqual([1, -1, -1]);
  });

  it('only U+0130 and U+212A lower-case to something holding ASCII (what FOLDS_TO_ASCII names)', () => {
    // the classifier compares `toLowerCase` text with ASCII needles; a non-`u` `/i` regex maps
    // nothing outside ASCII onto ASCII, so these are the only characters outside ASCII that can
    // make a payload hold a needle its bytes do not spell
    const found: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (/[\x00-\x7f]/.test(String.fromCodePoint(cp).toLowerCase())) found.push(String.fromCodePoint(cp));
    }
    expect(found).toEqual([...FOLDS_TO_ASCII]);
    for (const c of FOLDS_TO_ASCII) {
      const line = Buffer.from(
        `I0314 09:21:08.000001    2716 kubelet.go:1] "${PREFILTER_KEYS.find((k) => /[ik]/.test(k))!.replace(/[ik]/, c)}"\n`,
      );
      expect(clearedLines(line, 0, line.length)).toEqual(Uint8Array.of(0));
    }
  });

  it('a structured message is kept when its escapes could spell a key, cleared when its first escape is \\" or \\\\', () => {
    const line = (payload: string) => {
      const b = Buffer.from(`I0314 09:21:08.000001    2716 kubelet.go:1] ${payload}`);
      return mayWant(b, 30, 40, b.indexOf('] ') + 2, b.length);
    };
    expect(line('"Updated machine memory state"')).toBe(false);
    expect(line('"Updated \\e machine memory state"')).toBe(true); // \e reads e
    expect(line('"Updated \\u0065 machine"')).toBe(true);
    expect(line('"Updated \\"machine\\" memory state" x="\\e"')).toBe(false);
    expect(line('"C:\\\\kubelet\\e" x=1')).toBe(false);
    expect(line('not quoted \\e')).toBe(false);
    expect(line('"eviction manager: attempting to reclaim" resourceName="memory"')).toBe(true);
  });

  it('two journal lines glued by a lost newline read as the two lines, the same on both paths', () => {
    // (every catalog row that is a journal line with a klog header, glued after and before chatter)
    const journalRows = ROWS.map(([, , line]) => line).filter((l) => /^Mar 14 09:21:07 worker-3 kubelet\[2716\]: [IWEF]\d{4} /.test(l));
    expect(journalRows.length).toBeGreaterThan(40);
    const chatter = CHATTER_LINES[0]!;
    for (const row of journalRows) {
      const apart = bothPaths([chatter, row, chatter]).full;
      for (const glued of [
        [`${chatter}  ${row}`, chatter],
        [chatter, `${row}  ${chatter}`],
      ]) {
        const { fast, full } = bothPaths(glued);
        expect([row, fast]).toEqual([row, full]);
        // the row's events are the ones it makes on a line of its own
        expect([row, full.events.map((e) => e.kind)]).toEqual([row, apart.events.map((e) => e.kind)]);
      }
    }
  });

  it('a line of a run whose payload spells a needle only once lower-cased (the Kelvin sign) is the full path’s', () => {
    // (after a short chatter line, the line has its envelope: it is located as the run's, runLine;
    // a chunk that is not all ASCII has each payload checked there, as fastLine checks it)
    for (const m of ['"Kubelet version" kubeletVersion="v1.29.4"', '"Started kubelet"', '"Failed to run kubelet" err="x"']) {
      const short = J('I0314 09:21:07.418203    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/p-2"');
      const lines = [...CHATTER_LINES, short, short, J(`I0314 09:21:08.000001    2716 server.go:1] ${m.replace(/k/g, '\u212A')}`)];
      const { fast, full } = bothPaths(lines);
      expect([m, fast]).toEqual([m, full]);
      expect([m, full.events.length]).toEqual([m, 1]);
    }
  });

  it('a message key spelled with escapes, or behind an escaped quote, is decided by the full path', () => {
    // The byte scan sees `\u0063` where the message reads `c`: every key, with a letter of
    // the window the scan looks for written as an escape, must still be recognised.
    let spelledOut = 0;
    for (const key of PREFILTER_KEYS) {
      const w = BYTESCAN_WINDOWS.find((x) => key.includes(x));
      const at = w === undefined ? -1 : key.indexOf(w) + [...w].findIndex((c) => /[a-z]/.test(c));
      if (at < 0) continue;
      const spelled = key.slice(0, at) + '\\u00' + key.charCodeAt(at).toString(16) + key.slice(at + 1);
      const line = J(`I0314 09:21:08.000001    2716 eviction.go:1] "${spelled}" pod="ns/p-1"`);
      const { fast, full } = bothPaths([...CHATTER_LINES, line]);
      expect([key, fast]).toEqual([key, full]);
      spelledOut++;
    }
    expect(spelledOut).toBeGreaterThan(10);
    // `toLowerCase` maps the Kelvin sign to `k`: such a message equals a key the bytes do not spell
    for (const key of PREFILTER_KEYS.filter((k) => k.includes('k'))) {
      const line = J(`I0314 09:21:08.000001    2716 kubelet.go:1] "${key.replaceAll('k', '\u212A')}" pod="ns/p-1"`);
      const { fast, full } = bothPaths([...CHATTER_LINES, line]);
      expect([key, fast]).toEqual([key, full]);
    }
    const key = PREFILTER_KEYS[0]!;
    for (const payload of [`"say \\"${key}\\"" x=1`, `"${key.toUpperCase()}" pod="ns/p-1"`]) {
      const { fast, full } = bothPaths([...CHATTER_LINES, J(`I0314 09:21:08.000001    2716 eviction.go:1] ${payload}`)]);
      expect(fast).toEqual(full);
    }
  });

  it('a line the fast path drops is one the full path drops too, however it is mangled', () => {
    // Catalog lines with letters re-cased, characters replaced by look-alikes (the Kelvin
    // sign, which toLowerCase maps to `k`; dotted İ; fullwidth letters), cut or doubled.
    const payloads = ROWS.map(([, , line]) => {
      const j = decodeJournalLine(line);
      return decodeKlog(j.type === 'entry' ? j.message : line).text;
    }).filter((t) => !/[\r\n]/.test(t));
    const mangle = fc
      .tuple(
        fc.constantFrom(...payloads),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('upper', 'lower', 'kelvin', 'idot', 'wide', 'cut', 'drop')), { maxLength: 6 }),
      )
      .map(([t, ops]) => {
        let s = t;
        for (const [at, op] of ops) {
          const i = s.length === 0 ? 0 : at % s.length;
          const c = s[i] ?? '';
          const rep =
            op === 'upper'
              ? c.toUpperCase()
              : op === 'lower'
                ? c.toLowerCase()
                : op === 'kelvin'
                  ? /[kK]/.test(c)
                    ? '\u212A'
                    : c
                  : op === 'idot'
                    ? /[iI]/.test(c)
                      ? '\u0130'
                      : c
                    : op === 'wide'
                      ? String.fromCharCode(c.charCodeAt(0) + 0xfee0)
                      : op === 'drop'
                        ? ''
                        : c;
          s = op === 'cut' ? s.slice(0, i) : s.slice(0, i) + rep + s.slice(i + 1);
        }
        return s;
      });
    fc.assert(
      fc.property(mangle, fc.constantFrom('kubelet.go', 'eviction_manager.go'), (text, file) => {
        const line = J(`I0314 09:21:07.518203    2716 ${file}:1] ${text}`);
        const { fast, full } = bothPaths([CHATTER_LINES[0]!, line, CHATTER_LINES[1]!]);
        expect(fast).toEqual(full);
        // and as a line of a run: after a wider line, and a line of its envelope the fast path took
        const run = bothPaths([WIDE_CHATTER, CHATTER_LINES[0]!, line, CHATTER_LINES[1]!]);
        expect(run.fast).toEqual(run.full);
        // and what `clearedLines` clears, no rule reads and no watch flags
        const b = Buffer.from(line + '\n');
        if (clearedLines(b, 0, b.length)[0] === 1) {
          const rec = decodeKlog(line.slice(line.indexOf('I0314')));
          // (an inert rule, a `known` one below V3, may recognise it: that changes nothing; and a
          // watched word counts only in a line no rule reads: the PLEG loop's `threshold`)
          const c = classify(rec);
          expect([text, c && !isInert(c.rule) ? c.rule.id : undefined, isWatched(rec) && c === undefined]).toEqual([
            text,
            undefined,
            false,
          ]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a skipped line changes nothing: every row analysed with 200 chatter lines around it', () => {
    const chatter = Array.from({ length: 100 }, (_, i) =>
      J(`I0314 09:21:0${i % 10}.${String(100000 + i)}    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/p-${i}"`),
    );
    for (const [, , line, kind] of ROWS) {
      const { events } = eventsOf([...chatter, line, ...chatter].join('\n') + '\n');
      if (kind !== 'known') expect(events.map((e) => e.kind)).toContain(kind);
    }
  });
});

/** A `short` line of the catalog as `journalctl -o json` prints its entry (a realistic field set, in journalctl's varying order). */
function asRecord(line: string, extra: Record<string, unknown> = {}, order = 0): string {
  const j = decodeJournalLine(line);
  const message = j.type === 'entry' ? j.message : line;
  const fields: Record<string, unknown> = {
    __CURSOR: 's=cf60ce4e558242f1;i=1;b=0dcb5a98;m=1f0356b400;t=62f50b886e000;x=25d7d93bddc701d0',
    __REALTIME_TIMESTAMP: '1773480067118203',
    __MONOTONIC_TIMESTAMP: '133200000000',
    _BOOT_ID: '0dcb5a9839c0b0fb8fbd8d72a3e013b3',
    PRIORITY: '6',
    _TRANSPORT: 'stdout',
    _HOSTNAME: 'worker-3',
    SYSLOG_IDENTIFIER: 'kubelet',
    _COMM: 'kubelet',
    _PID: '2716',
    _CMDLINE: '/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --node-ip=10.0.0.21',
    _SYSTEMD_UNIT: 'kubelet.service',
    MESSAGE: message,
    ...extra,
  };
  const keys = Object.keys(fields);
  const k = order % keys.length;
  return JSON.stringify(Object.fromEntries([...keys.slice(k), ...keys.slice(0, k)].map((key) => [key, fields[key]])));
}

describe('the fast path of journal JSON records and of other programs’ lines (read in place, never parsed)', () => {
  const chatter = CHATTER_LINES.map((l, i) => asRecord(l, { __REALTIME_TIMESTAMP: String(1773480067118203 + i) }, i * 5));

  it.each(ROWS)('%s (%s), as a journal JSON record among chatter records', (_id, _era, line) => {
    const { fast, full, taken } = bothPaths([...chatter, asRecord(line), ...chatter]);
    expect(fast).toEqual(full);
    expect(taken).toBeGreaterThanOrEqual(chatter.length * 2 - 1);
  });

  it('takes chatter records and other programs’ entries, in JSON and in text', () => {
    const other = [
      asRecord('Mar 14 09:21:07 worker-3 containerd[900]: time="2026-03-14T09:21:07Z" level=info msg="StartContainer"', {
        SYSLOG_IDENTIFIER: 'containerd',
        _COMM: 'containerd',
        _PID: '900',
      }),
      'Mar 14 09:21:08 worker-3 containerd[900]: time="2026-03-14T09:21:08Z" level=info msg="StartContainer"',
      '2026-03-14T09:21:08+0000 worker-3 sshd[77]: Accepted publickey for root from 10.0.0.1',
    ];
    const { fast, full, taken } = bothPaths([...chatter, ...other, ...chatter]);
    expect(fast).toEqual(full);
    expect(fast.counters.otherLines).toBe(3);
    expect(taken).toBe(chatter.length * 2 + other.length);
  });

  it('a dated line on the fast path anchors the year as the full path does, after a year-less line of another month', () => {
    // (the year of `I0314 …` without a stamp is inferred from the lines before it: a fast line
    // must put the year state back where the full path's stampToMs puts it, every line)
    const bare = (k: string) => k.slice(k.indexOf(': ') + 2);
    for (const dated of [chatter, CHATTER_LINES.map((l, i) => `2026-03-14T09:21:0${i}.5+0000 ${l.slice(16)}`)]) {
      const november = bare(ROWS[0]![2]);
      expect(november).toMatch(/^I1119 /);
      const lines = [dated[0]!, november, dated[1]!, november.replace('I1119', 'I0314')];
      const { fast, full, taken } = bothPaths(lines);
      expect(fast).toEqual(full);
      expect(taken).toBeGreaterThanOrEqual(2);
    }
  });

  it('a record the fast path takes is one the full path reads the same, however it is mangled', () => {
    // Records of catalog lines, chatter and other programs' messages, with what other exporters
    // and damaged files do to them: keys re-ordered, doubled, lower-cased or missing; values of
    // other types; escapes (`\u0045viction`, `\"`, `\/`), a raw TAB, a bad escape; a time out of
    // range; whitespace; junk after the object. The fast path must take some and change nothing.
    const messages = [
      ...ROWS.map(([, , line]) => {
        const j = decodeJournalLine(line);
        return j.type === 'entry' ? j.message : line;
      }),
      ...CHATTER_LINES.map((l) => l.slice(l.indexOf(': ') + 2)),
      'time="2026-03-14T09:21:07Z" level=info msg="StartContainer for \\"abc\\""',
      'Flag --cgroup-driver has been deprecated, This parameter should be set via the config file',
      'error: failed to run Kubelet: running with swap on is not supported',
      '[61B blob data]',
      '{"ts":1773480067118.2,"msg":"Eviction manager: attempting to reclaim","resourceName":"memory"}',
      'Started kubelet: The Kubernetes Node Agent.',
    ];
    const cleared = [
      ...CHATTER_LINES.map((l) => l.slice(l.indexOf(': ') + 2)),
      'I0314 09:21:07.418203    2716 reflector.go:536] k8s.io/client-go/informers/factory.go:134: watch of *v1.Pod ended with: too old resource version: 3213 (3650)',
      'time="2026-03-14T09:21:07Z" level=info msg="StartContainer for \\"abc\\" returns successfully"',
    ];
    const op = fc.constantFrom(
      'ident-containerd',
      'ident-systemd',
      'ident-kube-proxy',
      'ident-unit',
      'ident-empty',
      'no-ident',
      'no-comm',
      'no-host',
      'no-time',
      'time-17',
      'time-number',
      'pid-number',
      'host-escape',
      'host-array',
      'message-array',
      'dup-message',
      'dup-host',
      'lower-key',
      'u-escape',
      'slash-escape',
      'tab',
      'bad-escape',
      'spaces',
      'junk-after',
      'message-key',
      'json-seq',
      'json-sse',
      // (the fields the entry of a record the prefilter keeps is made of, read from the scan: recordEntry)
      'pid-dup',
      'pid-escape',
      'pid-text',
      'syslog-pid',
      'syslog-pid-too',
      'no-pid',
      'unit-dup',
      'unit-escape',
      'unit-field',
      'no-unit',
      'message-newline',
    );
    const record = fc
      .tuple(
        // (chatter and other programs' lines most: those are what the fast path may take)
        fc.oneof({ arbitrary: fc.constantFrom(...messages), weight: 1 }, { arbitrary: fc.constantFrom(...cleared), weight: 2 }),
        fc.array(op, { maxLength: 3 }),
        fc.nat(20),
        fc.nat(1000),
      )
      .map(([message, ops, order, t]) => {
        const extra: Record<string, unknown> = { MESSAGE: message, __REALTIME_TIMESTAMP: String(1773480067118203 + t * 1000) };
        const drop: string[] = [];
        for (const o of ops) {
          if (o.startsWith('ident-')) {
            const id = (
              {
                'ident-containerd': 'containerd',
                'ident-systemd': 'systemd',
                'ident-kube-proxy': 'kube-proxy',
                'ident-unit': 'kubelet.service',
                'ident-empty': '',
              } as Record<string, string>
            )[o]!;
            extra['SYSLOG_IDENTIFIER'] = id;
            extra['_COMM'] = id;
          } else if (o === 'no-ident') drop.push('SYSLOG_IDENTIFIER');
          else if (o === 'no-comm') drop.push('_COMM');
          else if (o === 'no-host') drop.push('_HOSTNAME');
          else if (o === 'no-time') drop.push('__REALTIME_TIMESTAMP');
          else if (o === 'time-17') extra['__REALTIME_TIMESTAMP'] = '17734800671182030';
          else if (o === 'time-number') extra['__REALTIME_TIMESTAMP'] = 1773480067118203;
          else if (o === 'pid-number') extra['_PID'] = 2716;
          else if (o === 'host-array') extra['_HOSTNAME'] = ['worker-3', 'worker-4'];
          else if (o === 'message-array') extra['MESSAGE'] = [...Buffer.from(message)];
          else if (o === 'message-key') extra['message'] = message;
          else if (o === 'pid-text') extra['_PID'] = '27x6';
          else if (o === 'syslog-pid') {
            extra['SYSLOG_PID'] = '4411';
            drop.push('_PID');
          } else if (o === 'syslog-pid-too') extra['SYSLOG_PID'] = '4411';
          else if (o === 'no-pid') drop.push('_PID');
          else if (o === 'unit-field') {
            extra['UNIT'] = 'kubelet.service';
            drop.push('_SYSTEMD_UNIT');
          } else if (o === 'no-unit') drop.push('_SYSTEMD_UNIT');
          else if (o === 'message-newline') extra['MESSAGE'] = `${message}\n\tat main.go:1`;
        }
        const fields = Object.fromEntries(
          Object.entries(JSON.parse(asRecord(J('x'), extra, order)) as Record<string, unknown>).filter(([k]) => !drop.includes(k)),
        );
        let s = JSON.stringify(fields);
        for (const o of ops) {
          if (o === 'dup-message')
            s = s.replace(/\}$/, `,"MESSAGE":${JSON.stringify(message === messages[0] ? messages[messages.length - 1] : messages[0])}}`);
          else if (o === 'dup-host') s = s.replace(/\}$/, ',"_HOSTNAME":"worker-9"}');
          else if (o === 'pid-dup') s = s.replace(/\}$/, ',"_PID":"9999","SYSLOG_PID":"8888"}');
          else if (o === 'pid-escape') s = s.replace('"_PID":"2716"', '"_PID":"\\u0032716"');
          else if (o === 'unit-dup') s = s.replace(/\}$/, ',"_SYSTEMD_UNIT":"containerd.service"}');
          else if (o === 'unit-escape') s = s.replace('"_SYSTEMD_UNIT":"kubelet.service"', '"_SYSTEMD_UNIT":"\\u006bubelet.service"');
          else if (o === 'lower-key') s = s.replace('"PRIORITY"', '"priority"');
          else if (o === 'host-escape') s = s.replace('"_HOSTNAME":"worker-3"', '"_HOSTNAME":"\\u0077orker-3"');
          else if (o === 'u-escape')
            s = s.replace(/(Eviction|eviction|Pod|pod)/, (w) => `\\u00${w.charCodeAt(0).toString(16)}${w.slice(1)}`);
          else if (o === 'slash-escape') s = s.replace(/\//g, '\\/');
          else if (o === 'tab') s = s.replace('"PRIORITY":"6"', '"PRIORITY":"6\t"');
          else if (o === 'bad-escape') s = s.replace('"PRIORITY":"6"', '"PRIORITY":"\\x6"');
          else if (o === 'spaces') s = s.replace(/":"/g, '" : "').replace(/","/g, '", "');
          else if (o === 'junk-after') s += ' x';
          // (`-o json-seq`: a record separator before the record; twice, two)
          else if (o === 'json-seq') s = '\x1e' + s;
          // (`-o json-sse`: `data: ` before the record)
          else if (o === 'json-sse') s = 'data: ' + s;
        }
        return s;
      });
    const takenAny = sameOnBothPaths(
      fc.array(record, { minLength: 1, maxLength: 6 }).map((records) => [chatter[0]!, ...records, chatter[1]!]),
      1500,
    );
    expect(takenAny).toBeGreaterThan(1500);
  });

  it('a value with a quote, a backslash or a control byte anywhere in it is read as JSON reads it, at every length and place', () => {
    // (the record scan reads a string four bytes at a time until one of them may end it or be
    // wrong: such a byte in each of the four places of a word, in values of every length, and
    // in the message and the host too, which the scan keeps)
    const piece = fc.oneof(
      { arbitrary: fc.constantFrom('a', 'kubelet', 'eviction ', 'é', '日本'), weight: 4 },
      { arbitrary: fc.constantFrom('\\"', '\\\\', '\\/', '\\n', '\\t', '\\u0041', '\\u00e9'), weight: 2 },
      { arbitrary: fc.constantFrom('"', '\\', '\\x', '\\u00g1', '\t', '\x01', '\x1f', '\x7f', '\r'), weight: 1 },
    );
    const value = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    const record = fc
      .tuple(fc.constantFrom('X_VALUE', 'MESSAGE', '_HOSTNAME', 'SYSLOG_IDENTIFIER', '_PID'), value, fc.nat(20), fc.nat(3))
      .map(([key, raw, order, pad]) => {
        const s = asRecord(CHATTER_LINES[order % CHATTER_LINES.length]!, { X_PAD: 'p'.repeat(pad) }, order);
        // the value as it stands in the line, raw: JSON.stringify would escape what is wrong in it
        if (key === 'X_VALUE') return `${s.slice(0, -1)},"X_VALUE":"${raw}"}`;
        const from = s.indexOf(`"${key}":"`) + key.length + 4;
        return `${s.slice(0, from)}${raw}${s.slice(s.indexOf('"', from))}`;
      });
    const takenAny = sameOnBothPaths(
      fc.array(record, { minLength: 1, maxLength: 4 }).map((records) => [chatter[0]!, ...records, chatter[1]!]),
      1500,
    );
    expect(takenAny).toBeGreaterThan(1500);
  });
  it('a long message with escapes, around the room its escapes are undone in, is read as JSON reads it', () => {
    // (an event line whose quotes are `\\"` in the record, its length from 3 × SPLIT_AT − 9 to + 9:
    // the fast path's scratch room, filled four bytes at a time)
    const head = 'I0314 09:21:07.118203    2716 eviction_manager.go:349] "Eviction manager: attempting to reclaim" resourceName="';
    const room = 3 * SPLIT_AT;
    let events = 0;
    for (let len = room - 9; len <= room + 9; len++) {
      const message = `${head}${'x'.repeat(len - head.length - 1)}"`;
      const record = JSON.stringify({ ...JSON.parse(chatter[0]!), MESSAGE: message });
      const r = bothPaths([chatter[1]!, record, chatter[2]!]);
      expect(r.fast).toEqual(r.full);
      events += r.full.events.length;
    }
    expect(events).toBeGreaterThanOrEqual(19);
  });
});

describe('the fast path of log-store records (decoded, then their message read as a journal record’s)', () => {
  /** Go's encoding/json (Loki's logcli): `<`, `>` and `&` as \u escapes. */
  const goJson = (v: unknown) => JSON.stringify(v).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  const iso = (ms: number, digits: number) =>
    new Date(ms).toISOString().replace(
      /\.\d+Z$/,
      digits
        ? `.${String(ms % 1000)
            .padStart(3, '0')
            .padEnd(digits, '0')}Z`
        : 'Z',
    );
  interface Entry {
    message: string;
    ms: number;
    host?: string;
    unit?: string;
    ident?: string;
    pid?: number;
    wall?: boolean;
    seconds?: boolean;
  }
  const time = (e: Entry, digits: number) => {
    const t = iso(e.ms, e.seconds ? 0 : digits);
    return e.wall ? t.slice(0, -1) : t;
  };
  /** One record of each store's line-per-record export (docs/log-stores.md gives their sources). */
  const STORES: Record<string, (e: Entry) => string> = {
    logcli: (e) =>
      goJson({
        labels: { ...(e.host ? { host: e.host } : {}), job: 'systemd-journal', ...(e.unit ? { unit: e.unit } : {}) },
        line: e.message,
        timestamp: time(e, 6),
      }),
    vector: (e) =>
      JSON.stringify({
        ...(e.pid !== undefined ? { _PID: String(e.pid) } : {}),
        ...(e.unit ? { _SYSTEMD_UNIT: e.unit } : {}),
        ...(e.ident ? { SYSLOG_IDENTIFIER: e.ident } : {}),
        ...(e.host ? { host: e.host } : {}),
        message: e.message,
        source_type: 'journald',
        timestamp: time(e, 6),
      }),
    elasticdump: (e) =>
      JSON.stringify({
        _index: '.ds-filebeat-8.15.0-2026.03.14-000001',
        _type: '_doc',
        _id: 'eb000000000000000001',
        _score: 1,
        _source: {
          '@timestamp': time(e, 3),
          message: e.message,
          ...(e.host ? { host: { hostname: e.host } } : {}),
          ...(e.unit ? { systemd: { unit: e.unit } } : {}),
          ...(e.ident ? { syslog: { identifier: e.ident } } : {}),
          ...(e.pid !== undefined ? { process: { pid: e.pid } } : {}),
        },
      }),
    fluentd: (e) =>
      `${time({ ...e, seconds: true }, 0).replace('Z', '+00:00')}\tkubelet\t${JSON.stringify({
        ...(e.host ? { _HOSTNAME: e.host } : {}),
        ...(e.ident ? { SYSLOG_IDENTIFIER: e.ident } : {}),
        ...(e.unit ? { _SYSTEMD_UNIT: e.unit } : {}),
        ...(e.pid !== undefined ? { _PID: String(e.pid) } : {}),
        MESSAGE: e.message,
      })}`,
  };
  const T0 = Date.UTC(2026, 2, 14, 9, 21, 7, 118);
  const kubelet = (message: string, i = 0): Entry => ({
    message,
    ms: T0 + i,
    host: 'worker-3',
    unit: 'kubelet.service',
    ident: 'kubelet',
    pid: 2716,
  });
  const payload = (l: string) => l.slice(l.indexOf(': ') + 2);
  const chatterOf = (store: string) => CHATTER_LINES.map((l, i) => STORES[store]!(kubelet(payload(l), i)));

  it.each(Object.keys(STORES))('%s: every catalog row among chatter records, read as the full path reads it', (store) => {
    const chatter = chatterOf(store);
    for (const [, , line] of ROWS) {
      const j = decodeJournalLine(line);
      const { fast, full, taken } = bothPaths([...chatter, STORES[store]!(kubelet(j.type === 'entry' ? j.message : line, 9)), ...chatter]);
      expect(fast).toEqual(full);
      expect(taken).toBeGreaterThanOrEqual(chatter.length * 2 - 1);
    }
  });

  it('a store record the fast path takes is one the full path reads the same, however it is changed', () => {
    // what differs between stores, shippers and relabelling: no host, a wall time (no zone), whole
    // seconds (the header's fraction is borrowed), another unit or identifier (systemd's,
    // containerd's, none), a message that is not ASCII, that opens a klog block, that is long,
    // that is the JSON of the journal entry (promtail `json: true`)
    const messages = [
      ...ROWS.map(([, , line]) => payload(line)),
      ...CHATTER_LINES.map(payload),
      ...CHATTER_LINES.map(payload),
      'I0314 09:21:07.418203    2716 reflector.go:536] watch of *v1.Pod ended with: too old resource version: 3213 (3650) <nil> & more',
      'time="2026-03-14T09:21:07Z" level=info msg="StartContainer for \\"abc\\" returns successfully"',
      'Started kubelet: The Kubernetes Node Agent.',
      'Started libcontainer container 5f0c1d2e3a4b.',
    ];
    const op = fc.constantFrom(
      'no-host',
      'wall',
      'seconds',
      'systemd',
      'containerd',
      'no-unit',
      'no-ident',
      'no-pid',
      'other-host',
      'accent',
      'block',
      'long',
      'json-line',
      'earlier',
    );
    const entry = fc.tuple(fc.constantFrom(...messages), fc.array(op, { maxLength: 3 }), fc.nat(5000)).map(([message, ops, t]) => {
      let e: Entry = kubelet(message, t);
      for (const o of ops) {
        if (o === 'no-host') delete e.host;
        else if (o === 'wall') e.wall = true;
        else if (o === 'seconds') e.seconds = true;
        else if (o === 'systemd') e = { ...e, unit: 'init.scope', ident: 'systemd', pid: 1 };
        else if (o === 'containerd') e = { ...e, unit: 'containerd.service', ident: 'containerd', pid: 900 };
        else if (o === 'no-unit') delete e.unit;
        else if (o === 'no-ident') delete e.ident;
        else if (o === 'no-pid') delete e.pid;
        else if (o === 'other-host') e.host = 'worker-4';
        else if (o === 'accent') e.message = e.message.replace(/o/, 'ö');
        else if (o === 'block') e.message += ' pod=<';
        else if (o === 'long') e.message += ' x'.repeat(5000);
        else if (o === 'json-line')
          e.message = goJson({ MESSAGE: e.message, _HOSTNAME: e.host ?? 'worker-3', SYSLOG_IDENTIFIER: e.ident ?? 'kubelet' });
        else if (o === 'earlier') e.ms -= 3_600_000;
      }
      return e;
    });
    const takenAny = sameOnBothPaths(
      fc.tuple(fc.constantFrom(...Object.keys(STORES)), fc.array(entry, { minLength: 1, maxLength: 6 })).map(([store, entries]) => {
        const chatter = chatterOf(store);
        return [chatter[0]!, ...entries.map(STORES[store]!), chatter[1]!];
      }),
      1000,
    );
    // (the chatter records around each draw are taken, unless what was drawn holds the lines back)
    expect(takenAny).toBeGreaterThan(1500);
  });
});

describe('the fast path of Fluentd out_file lines (their journal record read in place)', () => {
  const payload = (l: string) => l.slice(l.indexOf(': ') + 2);
  const t0 = Date.UTC(2026, 2, 14, 9, 21, 7);
  /**
   * A Fluentd out_file line of journal fields (`time<TAB>tag<TAB>{record}`), changed as shippers,
   * relabelling and damaged files change them: values the record stage reads as none (`None`,
   * empty), a host with a port, an identifier in parentheses, `_COMM` in place of the identifier,
   * a time of the record's own, a message that is a record itself or holds escapes, no tag, a
   * time without a zone or with a fraction, other value types and keys, spaces, junk after it.
   */
  it('a line the fast path takes is one the full path reads the same, however it is changed', () => {
    const messages = RECORD_MESSAGES;
    const op = fc.constantFrom(
      'host-none',
      'host-port',
      'host-empty',
      'no-host',
      'ident-empty',
      'ident-none',
      'ident-paren',
      'no-ident',
      'comm',
      'comm-none',
      'containerd',
      'realtime',
      'source-time',
      'msg-record',
      'msg-u-escape',
      'accent',
      'no-tag',
      'empty-tag',
      'frac',
      'wall',
      'pid-number',
      'lower-key',
      'spaces',
      'trailing',
    );
    const line = fc.tuple(fc.constantFrom(...messages), fc.array(op, { maxLength: 3 }), fc.nat(5000)).map(([message, ops, t]) => {
      const rec: Record<string, unknown> = {
        _BOOT_ID: '0dcb5a9839c0b0fb8fbd8d72a3e013b3',
        _HOSTNAME: 'worker-3',
        SYSLOG_IDENTIFIER: 'kubelet',
        _PID: '2716',
        _SYSTEMD_UNIT: 'kubelet.service',
        MESSAGE: message,
      };
      let stamp = new Date(t0 + t * 1000).toISOString().replace('.000Z', '+00:00');
      let tag: string | undefined = 'kubelet';
      let after = '';
      for (const o of ops) {
        if (o === 'host-none') rec['_HOSTNAME'] = 'None';
        else if (o === 'host-port') rec['_HOSTNAME'] = 'worker-3:10250';
        else if (o === 'host-empty') rec['_HOSTNAME'] = '';
        else if (o === 'no-host') delete rec['_HOSTNAME'];
        else if (o === 'ident-empty') rec['SYSLOG_IDENTIFIER'] = '';
        else if (o === 'ident-none') rec['SYSLOG_IDENTIFIER'] = 'None';
        else if (o === 'ident-paren') rec['SYSLOG_IDENTIFIER'] = '(kubelet)';
        else if (o === 'no-ident') delete rec['SYSLOG_IDENTIFIER'];
        else if (o === 'comm') rec['_COMM'] = 'kubelet';
        else if (o === 'comm-none') rec['_COMM'] = 'None';
        else if (o === 'containerd')
          Object.assign(rec, { SYSLOG_IDENTIFIER: 'containerd', _COMM: 'containerd', _SYSTEMD_UNIT: 'containerd.service' });
        else if (o === 'realtime') rec['__REALTIME_TIMESTAMP'] = String((t0 + t * 1000 - 3_600_000) * 1000);
        else if (o === 'source-time') rec['_SOURCE_REALTIME_TIMESTAMP'] = String((t0 + t * 1000 - 3_600_000) * 1000);
        else if (o === 'msg-record')
          rec['MESSAGE'] = JSON.stringify({ MESSAGE: message, _HOSTNAME: 'worker-4', SYSLOG_IDENTIFIER: 'kubelet' });
        else if (o === 'accent') rec['MESSAGE'] = String(rec['MESSAGE']).replace(/o/, 'ö');
        else if (o === 'no-tag') tag = undefined;
        else if (o === 'empty-tag') tag = '';
        else if (o === 'frac') stamp = stamp.replace('+00:00', '.118203+00:00');
        else if (o === 'wall') stamp = stamp.replace('+00:00', '');
        else if (o === 'pid-number') rec['_PID'] = 2716;
        else if (o === 'lower-key') rec['message'] = message;
        else if (o === 'trailing') after = ' ';
      }
      let json = JSON.stringify(rec);
      if (ops.includes('msg-u-escape'))
        json = json.replace(/(Eviction|eviction|Pod|pod|Sync)/, (w) => `\\u00${w.charCodeAt(0).toString(16)}${w.slice(1)}`);
      if (ops.includes('spaces')) json = json.replace(/":"/g, '": "');
      return `${stamp}\t${tag === undefined ? '' : `${tag}\t`}${json}${after}`;
    });
    const chatter = CHATTER_LINES.map(
      (l, i) =>
        `${new Date(t0 - 60_000 + i * 1000).toISOString().replace('.000Z', '+00:00')}\tkubelet\t${JSON.stringify({
          _HOSTNAME: 'worker-3',
          SYSLOG_IDENTIFIER: 'kubelet',
          MESSAGE: payload(l),
        })}`,
    );
    const takenAny = sameOnBothPaths(
      fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => [chatter[0]!, ...lines, chatter[1]!]),
      1500,
    );
    expect(takenAny).toBeGreaterThan(2000);
  });
});

describe('the fast path of Vector journald records (read in place)', () => {
  const payload = (l: string) => l.slice(l.indexOf(': ') + 2);
  const t0 = Date.UTC(2026, 2, 14, 9, 21, 7);
  /**
   * A record of Vector's journald source (the journal's fields without MESSAGE and _HOSTNAME, and
   * `message`, `host`, `source_type`, `timestamp` of its own), changed as configurations,
   * versions and damaged files change it: values the record stage reads as none (`None`, empty),
   * a host with a port or only as _HOSTNAME, an identifier in parentheses or only as _COMM, the
   * journal's time of every length or none, `timestamp` as a wall time, in whole seconds or
   * missing, another `source_type` or none, MESSAGE beside `message`, a message that is a record
   * itself or holds escapes, a key twice, another lower-case key, other value types, spaces.
   */
  it('a record the fast path takes is one the full path reads the same, however it is changed', () => {
    const op = fc.constantFrom(
      'host-none',
      'host-port',
      'host-empty',
      'no-host',
      'hostname',
      'hostname-only',
      'ident-empty',
      'ident-none',
      'ident-paren',
      'no-ident',
      'comm-only',
      'containerd',
      'no-realtime',
      'realtime-ms',
      'realtime-ns',
      'realtime-15',
      'realtime-bad',
      'no-timestamp',
      'wall',
      'seconds',
      'source-other',
      'no-source',
      'upper-message',
      'msg-record',
      'msg-u-escape',
      'accent',
      'host-twice',
      'other-key',
      'pid-number',
      'spaces',
    );
    const record = fc.tuple(fc.constantFrom(...RECORD_MESSAGES), fc.array(op, { maxLength: 3 }), fc.nat(5000)).map(([message, ops, t]) => {
      const ms = t0 + t * 1000;
      const rec: Record<string, unknown> = {
        PRIORITY: '6',
        SYSLOG_IDENTIFIER: 'kubelet',
        _BOOT_ID: '0dcb5a9839c0b0fb8fbd8d72a3e013b3',
        _COMM: 'kubelet',
        _PID: '2716',
        _SYSTEMD_UNIT: 'kubelet.service',
        __REALTIME_TIMESTAMP: String(ms * 1000 + 118203),
        host: 'worker-3',
        message,
        source_type: 'journald',
        timestamp: new Date(ms).toISOString().replace('.000Z', '.118203Z'),
      };
      let json: string | undefined;
      for (const o of ops) {
        if (o === 'host-none') rec['host'] = 'None';
        else if (o === 'host-port') rec['host'] = 'worker-3:10250';
        else if (o === 'host-empty') rec['host'] = '';
        else if (o === 'no-host') delete rec['host'];
        else if (o === 'hostname') rec['_HOSTNAME'] = 'worker-4';
        else if (o === 'hostname-only') {
          delete rec['host'];
          rec['_HOSTNAME'] = 'worker-4';
        } else if (o === 'ident-empty') rec['SYSLOG_IDENTIFIER'] = '';
        else if (o === 'ident-none') rec['SYSLOG_IDENTIFIER'] = 'None';
        else if (o === 'ident-paren') rec['SYSLOG_IDENTIFIER'] = '(kubelet)';
        else if (o === 'no-ident') delete rec['SYSLOG_IDENTIFIER'];
        else if (o === 'comm-only') {
          delete rec['SYSLOG_IDENTIFIER'];
          rec['_COMM'] = 'kubelet';
        } else if (o === 'containerd')
          Object.assign(rec, { SYSLOG_IDENTIFIER: 'containerd', _COMM: 'containerd', _SYSTEMD_UNIT: 'containerd.service' });
        else if (o === 'no-realtime') delete rec['__REALTIME_TIMESTAMP'];
        else if (o === 'realtime-ms') rec['__REALTIME_TIMESTAMP'] = String(ms - 3_600_000);
        else if (o === 'realtime-ns') rec['__REALTIME_TIMESTAMP'] = `${ms - 3_600_000}118203000`;
        else if (o === 'realtime-15') rec['__REALTIME_TIMESTAMP'] = String(ms * 1000 + 118203).slice(1);
        else if (o === 'realtime-bad') rec['__REALTIME_TIMESTAMP'] = '1773480067118203x';
        else if (o === 'no-timestamp') delete rec['timestamp'];
        else if (o === 'wall') rec['timestamp'] = String(rec['timestamp']).replace('Z', '');
        else if (o === 'seconds') rec['timestamp'] = new Date(ms).toISOString().replace('.000Z', 'Z');
        else if (o === 'source-other') rec['source_type'] = 'file';
        else if (o === 'no-source') delete rec['source_type'];
        else if (o === 'upper-message') rec['MESSAGE'] = message;
        else if (o === 'msg-record')
          rec['message'] = JSON.stringify({ MESSAGE: message, _HOSTNAME: 'worker-4', SYSLOG_IDENTIFIER: 'kubelet' });
        else if (o === 'accent') rec['message'] = String(rec['message']).replace(/o/, 'ö');
        else if (o === 'other-key') rec['source_id'] = 'journald-1';
        else if (o === 'pid-number') rec['_PID'] = 2716;
      }
      json ??= JSON.stringify(rec);
      if (ops.includes('host-twice')) json = json.replace('"host":', '"host":"worker-5","host":');
      if (ops.includes('msg-u-escape'))
        json = json.replace(/(Eviction|eviction|Pod|pod|Sync)/, (w) => `\\u00${w.charCodeAt(0).toString(16)}${w.slice(1)}`);
      if (ops.includes('spaces')) json = json.replace(/":"/g, '": "');
      return json;
    });
    const chatter = CHATTER_LINES.map((l, i) =>
      JSON.stringify({
        SYSLOG_IDENTIFIER: 'kubelet',
        _PID: '2716',
        __REALTIME_TIMESTAMP: String((t0 - 60_000 + i * 1000) * 1000 + 118203),
        host: 'worker-3',
        message: payload(l),
        source_type: 'journald',
        timestamp: new Date(t0 - 60_000 + i * 1000).toISOString(),
      }),
    );
    const takenAny = sameOnBothPaths(
      fc.array(record, { minLength: 1, maxLength: 6 }).map((records) => [chatter[0]!, ...records, chatter[1]!]),
      1500,
    );
    expect(takenAny).toBeGreaterThan(2000);
  });
});

describe('the fast path of Filebeat records as Elasticsearch hits (read in place)', () => {
  const payload = (l: string) => l.slice(l.indexOf(': ') + 2);
  const t0 = Date.UTC(2026, 2, 14, 9, 21, 7);
  const hit = (source: Record<string, unknown>, outer: Record<string, unknown> = {}) => ({
    _index: '.ds-filebeat-8.15.0-2026.03.14-000001',
    _type: '_doc',
    _id: 'eb000000000000000001',
    _score: 1,
    ...outer,
    _source: source,
  });
  /**
   * An elasticdump line of Filebeat's journald input (ECS fields under `_source`), changed as
   * Filebeat versions, pipelines and damaged files change it: the host under `host.name`, null,
   * `None`, empty, with a port, a string, a number or gone; the identifier under
   * `process.name` or `journald.process.name`, null, `None`, in parentheses or gone (the unit
   * names the entry then); the PID as a string, a float, negative, too long, null or gone; the
   * time whole seconds, a wall time, an offset, a number or gone; the hit's own `fields`; a key
   * with a dot or an escape where paths are looked up; an object twice; a key another shape knows
   * a record by; a message that is a record itself or holds escapes; numbers of every JSON form
   * in fields nobody reads; spaces; junk after it.
   */
  it('a hit the fast path takes is one the full path reads the same, however it is changed', () => {
    const op = fc.constantFrom(
      'host-name',
      'host-null',
      'host-none',
      'host-empty',
      'host-port',
      'host-string',
      'host-number',
      'no-host',
      'ident-null',
      'ident-none',
      'ident-paren',
      'no-syslog-ident',
      'no-ident',
      'journald-name',
      'pid-string',
      'pid-float',
      'pid-negative',
      'pid-long',
      'pid-null',
      'no-pid',
      'ts-seconds',
      'ts-wall',
      'ts-offset',
      'ts-number',
      'no-ts',
      'fields',
      'no-index',
      'dotted-key',
      'escaped-key',
      'syslog-twice',
      'foreign',
      'msg-record',
      'msg-u-escape',
      'accent',
      'numbers',
      'deep',
      'bad-literal',
      'bad-number',
      'spaces',
      'trailing',
    );
    const line = fc.tuple(fc.constantFrom(...RECORD_MESSAGES), fc.array(op, { maxLength: 3 }), fc.nat(5000)).map(([message, ops, t]) => {
      const ms = t0 + t * 1000;
      const host: Record<string, unknown> = { hostname: 'worker-3', id: 'b2b9206633b63703c4e939b29eb49d27' };
      const syslog: Record<string, unknown> = { identifier: 'kubelet', priority: 6, facility: 3 };
      const process: Record<string, unknown> = { pid: 2716, name: 'kubelet', args: ['/usr/bin/kubelet'] };
      const journald: Record<string, unknown> = { pid: 2716, uid: 0, host: { boot_id: '0dcb5a98' }, process: { name: 'kubelet' } };
      const src: Record<string, unknown> = {
        '@timestamp': new Date(ms).toISOString(),
        message,
        host,
        systemd: { unit: 'kubelet.service', transport: 'stdout' },
        syslog,
        log: { syslog: { priority: 6, facility: { code: 3 } } },
        journald,
        process,
        input: { type: 'journald' },
      };
      const outer: Record<string, unknown> = {};
      for (const o of ops) {
        if (o === 'host-name') {
          delete host['hostname'];
          host['name'] = 'worker-4';
        } else if (o === 'host-null') {
          host['hostname'] = null;
          host['name'] = 'worker-4';
        } else if (o === 'host-none') host['hostname'] = 'None';
        else if (o === 'host-empty') host['hostname'] = '';
        else if (o === 'host-port') host['hostname'] = 'worker-3:10250';
        else if (o === 'host-string') src['host'] = 'worker-3';
        else if (o === 'host-number') host['hostname'] = 3;
        else if (o === 'no-host') delete src['host'];
        else if (o === 'ident-null') syslog['identifier'] = null;
        else if (o === 'ident-none') syslog['identifier'] = 'None';
        else if (o === 'ident-paren') syslog['identifier'] = '(kubelet)';
        else if (o === 'no-syslog-ident') delete syslog['identifier'];
        else if (o === 'no-ident') {
          delete syslog['identifier'];
          delete process['name'];
          delete journald['process'];
        } else if (o === 'journald-name') {
          delete syslog['identifier'];
          delete process['name'];
        } else if (o === 'pid-string') process['pid'] = '2716';
        else if (o === 'pid-float') process['pid'] = 2716.5;
        else if (o === 'pid-negative') process['pid'] = -1;
        else if (o === 'pid-long') process['pid'] = 12345678901;
        else if (o === 'pid-null') process['pid'] = null;
        else if (o === 'no-pid') {
          delete process['pid'];
          delete journald['pid'];
        } else if (o === 'ts-seconds') src['@timestamp'] = new Date(ms).toISOString().replace('.000Z', 'Z');
        else if (o === 'ts-wall') src['@timestamp'] = new Date(ms).toISOString().replace('Z', '');
        else if (o === 'ts-offset') src['@timestamp'] = new Date(ms).toISOString().replace('Z', '+00:00');
        else if (o === 'ts-number') src['@timestamp'] = ms;
        else if (o === 'no-ts') delete src['@timestamp'];
        else if (o === 'fields') outer['fields'] = { '@timestamp': [new Date(ms - 3_600_000).toISOString()] };
        else if (o === 'no-index') {
          outer['_index'] = undefined;
          outer['_id'] = undefined;
        } else if (o === 'dotted-key') src['host.hostname'] = 'worker-5';
        // (Vector's key: the record is Vector's to the record stage, its host the `host` object, which is no text)
        else if (o === 'foreign') src['source_type'] = 'journald';
        else if (o === 'msg-record')
          src['message'] = JSON.stringify({ MESSAGE: message, _HOSTNAME: 'worker-4', SYSLOG_IDENTIFIER: 'kubelet' });
        else if (o === 'accent') src['message'] = String(src['message']).replace(/o/, 'ö');
        else if (o === 'numbers') src['event'] = { a: 0, b: -0.5, c: 1e3, d: 2.5e-3, e: true, f: false, g: null, h: [1, [2, {}], []] };
        else if (o === 'deep') src['deep'] = Array.from({ length: 10 }).reduce<unknown>((inner) => ({ a: inner }), 1);
      }
      // (the identifier `syslog.identifier` hides, unless JSON.parse reads that key as the scan does)
      if (ops.includes('escaped-key') || ops.includes('syslog-twice')) {
        process['name'] = 'containerd';
        journald['process'] = { name: 'containerd' };
      }
      let json = JSON.stringify(hit(src, outer));
      if (ops.includes('escaped-key')) json = json.replace('"syslog":', '"sysl\\u006fg":');
      if (ops.includes('syslog-twice')) json = json.replace('"input":', '"syslog":{"priority":6},"input":');
      if (ops.includes('msg-u-escape'))
        json = json.replace(/(Eviction|eviction|Pod|pod|Sync)/, (w) => `\\u00${w.charCodeAt(0).toString(16)}${w.slice(1)}`);
      if (ops.includes('spaces')) json = json.replace(/":/g, '" : ').replace(/,"/g, ' , "');
      if (ops.includes('trailing')) json += ' x';
      // (not JSON: what JSON.parse refuses, the scan must too)
      if (ops.includes('bad-literal')) json = json.replace('"input":{', '"input":nulx,"x":{');
      if (ops.includes('bad-number')) json = json.replace('"uid":0', '"uid":1e');
      return json;
    });
    const chatter = CHATTER_LINES.map((l, i) =>
      JSON.stringify(
        hit({
          '@timestamp': new Date(t0 - 60_000 + i * 1000).toISOString(),
          message: payload(l),
          host: { hostname: 'worker-3' },
          syslog: { identifier: 'kubelet' },
          process: { pid: 2716 },
        }),
      ),
    );
    const takenAny = sameOnBothPaths(
      fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => [chatter[0]!, ...lines, chatter[1]!]),
      1500,
    );
    expect(takenAny).toBeGreaterThan(2000);
  });
  it('the hits of every Filebeat layout it reads plainly are taken (not only read the same)', () => {
    const base = {
      '@timestamp': new Date(t0).toISOString(),
      message: payload(CHATTER_LINES[0]!),
      host: { hostname: 'worker-3' },
      syslog: { identifier: 'kubelet' },
      process: { pid: 2716 },
    };
    const layouts: Array<Record<string, unknown>> = [
      base,
      { ...base, host: { hostname: null, name: 'worker-3' } },
      { ...base, host: { name: 'worker-3' }, systemd: { unit: 'kubelet.service' } },
      { ...base, syslog: { identifier: null }, process: { name: 'kubelet', pid: '2716' } },
      { ...base, syslog: {}, journald: { pid: 2716, process: { name: 'kubelet' } } },
      { ...base, process: { pid: null }, journald: { pid: 2716 } },
      { ...base, '@timestamp': new Date(t0).toISOString().replace('Z', '+00:00') },
      { ...base, event: { a: 0, b: -0.5, c: 1e3, d: [true, false, null, [{}]] } },
    ];
    for (const source of layouts) {
      const lines = [JSON.stringify(hit(source)), JSON.stringify({ ...hit(source), _id: undefined })];
      expect(bothPaths(lines).fast).toEqual(bothPaths(lines).full);
      // (read where they are: not parsed, then taken by the record stage's fast path)
      const a = new LineAnalyzer('-', opts());
      const b = Buffer.from(lines.join('\n') + '\n');
      a.pushBytes(b, 0, b.length, 1, []);
      expect([source, a.inPlaceRecords]).toEqual([source, 2]);
    }
  });
});

describe('the fast path of Loki logcli records (read in place)', () => {
  const payload = (l: string) => l.slice(l.indexOf(': ') + 2);
  const t0 = Date.UTC(2026, 2, 14, 9, 21, 7);
  const goJson = (v: unknown) => JSON.stringify(v).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1118Z');
  const record = (labels: Record<string, unknown>, line: unknown, timestamp: unknown) => goJson({ labels, line, timestamp });
  /**
   * A `logcli --output=jsonl` record, changed as relabelling, other logcli versions and damaged
   * files change it: the host under another of the labels the record stage reads (an
   * `instance` with a port, two of them), values it reads as none (`None`, empty), the
   * identifier from a label or the unit (with and without `.service`, none), labels that are no
   * strings, escaped, doubled or missing, keys of other shapes, times of every form the record
   * stage reads (a zone, whole seconds, none, digits, a number, null, no time, a bad one), a
   * message that is a record itself or holds escapes, spaces, other key orders, junk after it.
   */
  it('a record the fast path takes is one the full path reads the same, however it is changed', () => {
    const messages = RECORD_MESSAGES;
    const op = fc.constantFrom(
      'hostname',
      'instance-port',
      'host-and-hostname',
      'hostname-then-host',
      'host-none',
      'host-empty',
      'no-host',
      'host-twice',
      'ident-label',
      'ident-empty',
      'ident-none',
      'ident-paren',
      'ident-other',
      'unit-plain',
      'unit-none',
      'unit-empty',
      'no-unit',
      'systemd-unit',
      'service-name',
      'containerd',
      'systemd',
      'label-number',
      'label-escape',
      'no-labels',
      'empty-labels',
      'extra-key',
      'ts-seconds',
      'ts-offset',
      'ts-wall',
      'ts-digits',
      'ts-number',
      'ts-null',
      'no-ts',
      'ts-bad',
      'msg-record',
      'msg-u-escape',
      'accent',
      'spaces',
      'key-order',
      'line-twice',
      'trailing',
    );
    const line = fc.tuple(fc.constantFrom(...messages), fc.array(op, { maxLength: 3 }), fc.nat(5000)).map(([message, ops, t]) => {
      let labels: Record<string, unknown> = { host: 'worker-3', job: 'systemd-journal', unit: 'kubelet.service' };
      let msg: unknown = message;
      let ts: unknown = stamp(t0 + t * 1000);
      let noTs = false;
      let noLabels = false;
      let extra = false;
      for (const o of ops) {
        if (o === 'hostname') labels = { hostname: 'worker-3', ...labels, host: undefined };
        else if (o === 'instance-port') labels = { ...labels, host: undefined, instance: 'worker-3:9100' };
        else if (o === 'host-and-hostname') labels = { ...labels, hostname: 'worker-4' };
        else if (o === 'hostname-then-host') labels = { hostname: 'worker-4', ...labels };
        else if (o === 'host-none') labels['host'] = 'None';
        else if (o === 'host-empty') labels['host'] = '';
        else if (o === 'no-host') delete labels['host'];
        else if (o === 'ident-label') labels['syslog_identifier'] = 'kubelet';
        else if (o === 'ident-empty') labels['syslog_identifier'] = '';
        else if (o === 'ident-none') labels['syslog_identifier'] = 'None';
        else if (o === 'ident-paren') labels['syslog_identifier'] = '(kubelet)';
        else if (o === 'ident-other') labels['__journal_syslog_identifier'] = 'containerd';
        else if (o === 'unit-plain') labels['unit'] = 'kubelet';
        else if (o === 'unit-none') labels['unit'] = 'None';
        else if (o === 'unit-empty') labels['unit'] = '';
        else if (o === 'no-unit') delete labels['unit'];
        else if (o === 'systemd-unit') labels = { ...labels, unit: undefined, systemd_unit: 'kubelet.service' };
        else if (o === 'service-name') labels = { service_name: 'kubelet', ...labels };
        else if (o === 'containerd') labels['unit'] = 'containerd.service';
        else if (o === 'systemd') labels['unit'] = 'init.scope';
        else if (o === 'label-number') labels['host'] = 7;
        else if (o === 'label-escape') labels['host'] = 'worker-\u00e9';
        else if (o === 'no-labels') noLabels = true;
        else if (o === 'empty-labels') labels = {};
        else if (o === 'extra-key') extra = true;
        else if (o === 'ts-seconds') ts = new Date(t0 + t * 1000).toISOString().replace('.000Z', 'Z');
        else if (o === 'ts-offset') ts = String(ts).replace('Z', '+08:00');
        else if (o === 'ts-wall') ts = String(ts).replace('Z', '');
        else if (o === 'ts-digits') ts = String((t0 + t * 1000) * 1e6);
        else if (o === 'ts-number') ts = t0 + t * 1000;
        else if (o === 'ts-null') ts = null;
        else if (o === 'no-ts') noTs = true;
        else if (o === 'ts-bad') ts = '2026-13-40T09:21:07.118Z';
        else if (o === 'msg-record') msg = goJson({ MESSAGE: message, _HOSTNAME: 'worker-4', SYSLOG_IDENTIFIER: 'kubelet' });
        else if (o === 'accent') msg = String(msg).replace(/o/, 'ö');
      }
      let json = record(labels, msg, ts);
      if (noTs) json = json.replace(/,"timestamp":[^,}]*/, '');
      if (noLabels) json = json.replace(/^\{"labels":\{[^}]*\},/, '{');
      if (extra) json = json.replace(/\}$/, ',"stream":"stdout"}');
      if (ops.includes('label-escape')) json = json.replace('é', '\\u00e9');
      if (ops.includes('host-twice')) json = json.replace('"host":"worker-3"', '"host":"worker-4","host":"worker-3"');
      if (ops.includes('line-twice')) json = json.replace('"line":', '"line":"I0314 09:21:07.000001    2716 x.go:1] other","line":');
      if (ops.includes('msg-u-escape'))
        json = json.replace(/(Eviction|eviction|Pod|pod|Sync)/, (w) => `\\u00${w.charCodeAt(0).toString(16)}${w.slice(1)}`);
      if (ops.includes('key-order')) {
        const o = JSON.parse(json) as Record<string, unknown>;
        json = goJson(Object.fromEntries(Object.entries(o).reverse()));
      }
      if (ops.includes('spaces')) json = json.replace(/":/g, '": ').replace(/,"/g, ', "');
      return `${json}${ops.includes('trailing') ? ' x' : ''}`;
    });
    const chatter = CHATTER_LINES.map((l, i) =>
      record({ host: 'worker-3', job: 'systemd-journal', unit: 'kubelet.service' }, payload(l), stamp(t0 - 60_000 + i * 1000)),
    );
    const takenAny = sameOnBothPaths(
      fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => [chatter[0]!, ...lines, chatter[1]!]),
      1500,
    );
    expect(takenAny).toBeGreaterThan(2000);
  });

  it("gives a node's last line without a time the same last-seen time on both paths", () => {
    // (found by the property above: the look back at each node's last line (`lastSeen`) moved the
    // time a line without one takes from the line before it, so the order of the nodes and of
    // the paths that read their last lines changed what a later node's was)
    const [pleg, sync] = CHATTER_LINES.map(payload);
    const thresholds = ROWS.map(([, , line]) => payload(line)).find((l) => l.includes('Creating Container Manager object'))!;
    const lines = [
      record({ host: 'worker-3', job: 'systemd-journal', unit: 'kubelet.service' }, pleg, stamp(t0 - 60_000)),
      record({ host: 'worker-é', job: 'systemd-journal', unit: 'kubelet.service' }, thresholds, stamp(t0)).replace('é', '\\u00e9'),
      `${record({ host: 'worker-3', job: 'systemd-journal', unit: 'kubelet.service' }, 'Unexpected error while attempting to recover from admission failure: preemption: pod worker-async-ad-stitching-tracking-5f89bb489d-mvdq4_www(829b7759-7c9d-11e9-ac16-06903246ae0c) failed to evict timeout waiting to kill pod', stamp(t0))} x`,
      record({ host: 'worker-3', job: 'systemd-journal', unit: 'kubelet.service' }, sync, stamp(t0 - 59_000)),
    ];
    const { fast, full } = bothPaths(lines);
    expect(fast).toEqual(full);
  });

  it('takes the records of every host label the record stage reads, and the identifier from the unit', () => {
    const chatter = CHATTER_LINES.map(payload);
    for (const host of ['host', 'hostname', 'nodename', 'node_name', 'node', 'instance', '__journal__hostname']) {
      const lines = chatter.map((m, i) => record({ [host]: 'worker-3', unit: 'kubelet.service' }, m, stamp(t0 + i * 1000)));
      const { fast, full, taken } = bothPaths(lines);
      expect(fast).toEqual(full);
      expect(taken).toBe(lines.length);
    }
  });
});

describe('the fast path of `-o export` records (read in place)', () => {
  /** A record as journalctl -o export prints it: `FIELD=value` lines and a blank line. */
  const exportOf = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `${k}=${v}`);
  const rec = (line: string, extra: Record<string, unknown> = {}, order = 0) =>
    JSON.parse(asRecord(line, extra, order)) as Record<string, string>;

  it('reads an export message as written after a JSON record whose message had escapes (`\\t` there is no TAB)', () => {
    // (the two readers share where a record's fields are: the JSON record's escapes must not be the export's)
    const escaped = asRecord(
      J('I0314 09:21:07.118203    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/p-1" note="a \\"quoted\\" word"'),
    );
    const watched = rec(J('I0314 09:21:08.118203    2716 kubelet.go:1918] disk usage is over the \\threshold of 85%'));
    const { fast, full, taken } = bothPaths([escaped, ...exportOf(watched), '', escaped]);
    expect(fast).toEqual(full);
    expect(fast.counters.unrecognized).toBe(1);
    expect(taken).toBeGreaterThanOrEqual(1);
  });

  it('takes chatter records and reads every row as the full path does', () => {
    const chatter = CHATTER_LINES.flatMap((l, i) => [...exportOf(rec(l, { __REALTIME_TIMESTAMP: String(1773480067118203 + i) })), '']);
    for (const [, , line] of ROWS) {
      const { fast, full, taken } = bothPaths([...chatter, ...exportOf(rec(line)), '', ...chatter]);
      expect(fast).toEqual(full);
      expect(taken).toBeGreaterThanOrEqual(chatter.length * 2 - 1);
    }
  });

  it('a record the fast path takes is one the full path reads the same, however it is mangled', () => {
    const messages = [
      ...CHATTER_LINES.map((l) => l.slice(l.indexOf(': ') + 2)),
      ...ROWS.slice(0, 12).map(([, , line]) => line.slice(line.indexOf(': ') + 2)),
      'time="2026-03-14T09:21:07Z" level=info msg="StartContainer"',
      'Started kubelet: The Kubernetes Node Agent.',
    ];
    const op = fc.constantFrom(
      'no-blank',
      'binary-message',
      'dup-cursor',
      'dup-time',
      'dup-message',
      'start-other',
      'no-equals',
      'nul',
      'empty-time',
      'ident-containerd',
      'ident-systemd',
      'no-host',
      'lower-key',
      // (the fields the entry of a record the prefilter keeps is made of, read from the scan: the last one counts)
      'pid-dup',
      'pid-text',
      'syslog-pid',
      'syslog-pid-too',
      'unit-dup',
      'unit-field',
      'record-message',
      'bad-time',
    );
    const record = fc.tuple(fc.constantFrom(...messages), fc.array(op, { maxLength: 3 }), fc.nat(1000)).map(([message, ops, t]) => {
      const f = rec(J('x'), { MESSAGE: message, __REALTIME_TIMESTAMP: String(1773480067118203 + t * 1000) });
      if (ops.includes('ident-containerd')) f['SYSLOG_IDENTIFIER'] = f['_COMM'] = 'containerd';
      if (ops.includes('ident-systemd')) f['SYSLOG_IDENTIFIER'] = f['_COMM'] = 'systemd';
      if (ops.includes('no-host')) delete f['_HOSTNAME'];
      if (ops.includes('empty-time')) f['__REALTIME_TIMESTAMP'] = '';
      if (ops.includes('bad-time')) f['__REALTIME_TIMESTAMP'] = '99999999999999999999';
      if (ops.includes('pid-text')) f['_PID'] = '27x6';
      if (ops.includes('syslog-pid')) {
        delete f['_PID'];
        f['SYSLOG_PID'] = '4411';
      }
      if (ops.includes('syslog-pid-too')) f['SYSLOG_PID'] = '4411';
      if (ops.includes('unit-field')) {
        delete f['_SYSTEMD_UNIT'];
        f['UNIT'] = 'kubelet.service';
      }
      if (ops.includes('record-message'))
        f['MESSAGE'] = '{"ts":1773480067118.2,"msg":"Eviction manager: attempting to reclaim","resourceName":"memory"}';
      let lines = exportOf(f);
      if (ops.includes('pid-dup')) lines.push('_PID=9999');
      if (ops.includes('unit-dup')) lines.push('_SYSTEMD_UNIT=containerd.service');
      if (ops.includes('start-other')) lines = ['__MONOTONIC_TIMESTAMP=133200000001', ...lines];
      if (ops.includes('dup-cursor')) lines.push('__CURSOR=s=2');
      if (ops.includes('dup-time')) lines.push('__REALTIME_TIMESTAMP=1773480099000000');
      if (ops.includes('dup-message')) lines.push(`MESSAGE=${messages[messages.length - 2]!}`);
      if (ops.includes('no-equals')) lines.push('PRIORITY 6');
      if (ops.includes('lower-key')) lines.push('priority=6');
      if (ops.includes('nul')) lines.push('X=a\u0000b');
      if (ops.includes('binary-message')) {
        const m = Buffer.from(message + '\nsecond line');
        const size = Buffer.alloc(8);
        size.writeUInt32LE(m.length, 0);
        lines = lines.filter((l) => !l.startsWith('MESSAGE='));
        // (as the lines the reader splits it into: the payload's newline ends one)
        lines.push('MESSAGE', size.toString('latin1') + message, 'second line');
      }
      return ops.includes('no-blank') ? lines : [...lines, ''];
    });
    const takenAny = sameOnBothPaths(
      fc.array(record, { minLength: 1, maxLength: 5 }).map((records) => records.flat()),
      1000,
    );
    expect(takenAny).toBeGreaterThan(1000);
  });
});

describe('a line a rule reads, repeated (the 10 s loops), is read on the fast path after its first, as the full path reads it', () => {
  const KLOG = /^(\S+ +\d+ \d\d:\d\d:\d\d) (\S+) ([^:[]+)\[(\d+)\]: ([IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6} +(\d+) (\S+:\d+\]) (.*)$/;
  /** The row's line again `k` × 10 s later (the envelope and the header both), with PID `pid`. */
  const again = (line: string, k: number, pid?: string): string => {
    const m = KLOG.exec(line)!;
    const s = 7 + k * 10;
    const t = `09:${String(21 + Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    const p = pid ?? m[6]!;
    return `Mar 14 ${t} ${m[2]} ${m[3]}[${p}]: ${m[5]}0314 ${t}.${String(118203 + k).padStart(6, '0')} ${p.padStart(7)} ${m[7]} ${m[8]}`;
  };
  const rows = ROWS.filter(([, , line]) => KLOG.test(line) && /^[\x20-\x7e]*$/.test(line));
  const exportOf = (line: string) => [
    ...Object.entries(JSON.parse(asRecord(line)) as Record<string, string>).map(([k, v]) => `${k}=${v}`),
    '',
  ];
  const recordTime = (line: string, k: number) => ({ __REALTIME_TIMESTAMP: String(1773480067118203 + k * 10_000_000 + k) });
  const shapes: Array<[string, (line: string, k: number) => string[]]> = [
    ['journalctl -o short', (l) => [l]],
    ['journalctl -o short-iso', (l) => [l.replace(/^Mar 14 (\d\d:\d\d:\d\d)/, '2026-03-14T$1+0000')]],
    ['journalctl -o json', (l, k) => [asRecord(l, recordTime(l, k))]],
    [
      'journalctl -o export',
      (l, k) =>
        exportOf(l).map((f) =>
          f.startsWith('__REALTIME_TIMESTAMP=') ? `__REALTIME_TIMESTAMP=${recordTime(l, k).__REALTIME_TIMESTAMP}` : f,
        ),
    ],
  ];

  it('rows of the catalog with a whole klog header: most of them', () => {
    expect(rows.length).toBeGreaterThan(ROWS.length / 2);
  });

  it.each(shapes)('%s: each row four times among chatter, then with another PID and with a byte changed', (_shape, render) => {
    let repeatsTaken = 0;
    for (const [id, , line, kind] of rows) {
      const chatterAt = (k: number) => CHATTER_LINES.map((c) => again(c, k)).flatMap((c) => render(c, k));
      const copy = (k: number, pid?: string) => render(again(line, k, pid), k);
      const changed = again(line, 6).replace(/(\S)$/, (c) => (c === 'x' ? 'y' : 'x'));
      const lines = [
        ...chatterAt(0),
        ...copy(1),
        ...chatterAt(1),
        ...copy(2),
        ...copy(3),
        ...chatterAt(3),
        ...copy(4),
        ...copy(5, '4711'),
        ...render(changed, 6),
        ...chatterAt(6),
      ];
      const { fast, full, taken } = bothPaths(lines);
      expect([id, fast]).toEqual([id, full]);
      // copies 2–4 at least (the first, the one with another PID and the changed one are the full
      // path's; the chatter is the fast path's, but for the widest line so far, which waits)
      const base = bothPaths([...chatterAt(0), ...chatterAt(1), ...chatterAt(3), ...chatterAt(6)]).taken;
      const r = taken - base;
      if (kind !== 'observation' && fast.events.length > 0) {
        expect([id, kind, r >= 3]).toEqual([id, kind, true]);
        repeatsTaken += r;
      }
    }
    expect(repeatsTaken).toBeGreaterThan(rows.length);
  });
});

/** The kubelet's own lines without a klog header: ones no rule or watch wants (real: an OpenShift bootstrap node's kubelet.sh prints the API server's readiness checks), and ones the full path must read. */
const HEADERLESS_PLAIN = [
  '[+]poststarthook/start-apiextensions-informers ok',
  '[-]poststarthook/rbac/bootstrap-roles failed: reason withheld',
  'readyz check failed',
];
const HEADERLESS_WANTED = [
  "Flag --eviction-hard has been deprecated, This parameter should be set via the config file specified by the Kubelet's --config flag.",
  'error: failed to run Kubelet: failed to create kubelet: misconfiguration: kubelet cgroup driver: "systemd" is different from docker cgroup driver: "cgroupfs"',
  '{"ts":1710408067118.203,"caller":"eviction/eviction_manager.go:349","msg":"Eviction manager: attempting to reclaim","v":0,"resourceName":"memory"}',
  '[61B blob data]',
  'eviction manager: attempting to reclaim nodefs',
  // (the JSON logging format: its escapes may spell a key its bytes do not)
  `{"ts":1710408067118.203,"caller":"x.go:349","msg":"${'Eviction manager: attempting to reclaim'.replace(/[a-z]/gi, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)}","v":0,"resourceName":"memory"}`,
  `${'x'.repeat(9000)}`,
  'value=<',
];

describe('the kubelet’s own lines without a klog header (its stderr, a wrapper’s output) are the fast path’s when no rule or watch can want them', () => {
  const envelopes: Array<[string, (m: string, i: number) => string]> = [
    ['short', (m, i) => `Mar 14 09:21:${String(10 + i).padStart(2, '0')} worker-3 kubelet[2716]: ${m}`],
    ['short-iso', (m, i) => `2026-03-14T09:21:${String(10 + i).padStart(2, '0')}+0000 worker-3 kubelet[2716]: ${m}`],
    ['short-unix', (m, i) => `${1773480070 + i}.118203 worker-3 kubelet[2716]: ${m}`],
    ['with-unit', (m, i) => `Sat 2026-03-14 09:21:${String(10 + i).padStart(2, '0')} UTC worker-3 kubelet.service[2716]: ${m}`],
    ['no PID', (m, i) => `Mar 14 09:21:${String(10 + i).padStart(2, '0')} worker-3 kubelet: ${m}`],
    ['another wrapper', (m, i) => `Mar 14 09:21:${String(10 + i).padStart(2, '0')} worker-3 kubelet.sh[2473]: ${m}`],
    ['docker', (m, i) => `Mar 14 09:21:${String(10 + i).padStart(2, '0')} worker-3 dockerd-current[900]: ${m}`],
  ];
  it.each(envelopes)('%s: the same on both paths, the plain lines taken', (name, env) => {
    const lines = [...CHATTER_LINES, ...HEADERLESS_PLAIN, ...HEADERLESS_WANTED, ...HEADERLESS_PLAIN].map((m, i) =>
      CHATTER_LINES.includes(m) ? m : env(m, i),
    );
    const { fast, full, taken } = bothPaths(lines);
    expect(fast).toEqual(full);
    const chatterOnly = bothPaths(CHATTER_LINES).taken;
    if (name !== 'docker') expect(taken - chatterOnly).toBeGreaterThanOrEqual(HEADERLESS_PLAIN.length * 2 - 1);
  });

  it('a line of the JSON logging format in a run of the kubelet’s lines is the full path’s (its escapes may spell a key)', () => {
    const json = HEADERLESS_WANTED.find((m) => m.includes('x.go:349'))!;
    const { fast, full } = bothPaths([WIDE_CHATTER, CHATTER_LINES[0]!, J(json)]);
    expect(fast).toEqual(full);
    expect(full.events.length).toBe(1);
  });

  it('after klog lines of a program the tool does not know (taken as the kubelet’s), its lines without a header are other text', () => {
    // (a run of its envelope: its header-less lines are another program's, as fastLine counts them)
    const env = (m: string, i: number) => `Mar 14 09:21:${String(10 + i).padStart(2, '0')} worker-3 myagent[2716]: ${m}`;
    const klog = CHATTER_LINES.map((l) => l.slice(l.indexOf(': ') + 2));
    const lines = [...klog, ...klog, ...HEADERLESS_PLAIN, ...klog, ...HEADERLESS_PLAIN].map(env);
    const { fast, full } = bothPaths(lines);
    expect(fast).toEqual(full);
    expect(full.counters.otherLines).toBe(HEADERLESS_PLAIN.length * 2);
  });
});

describe('journal records of the kubelet’s own lines without a klog header: read in place when no rule or watch can want them', () => {
  const at = (i: number) => ({ __REALTIME_TIMESTAMP: String(1773480070118203 + i * 1_000_000) });
  const pids: Array<[string, Record<string, unknown>, boolean]> = [
    ['_PID', {}, true],
    ['SYSLOG_PID only', { _PID: undefined, SYSLOG_PID: '2716' }, true],
    ['no PID', { _PID: undefined }, true],
    ['a PID that is no number', { _PID: 'x27' }, false],
    ['docker', { SYSLOG_IDENTIFIER: 'dockerd-current', _COMM: 'dockerd-current' }, false],
  ];
  const exportOf = (json: string) => [...Object.entries(JSON.parse(json) as Record<string, string>).map(([k, v]) => `${k}=${v}`), ''];
  // (a key set to undefined is left out of the record: JSON.stringify drops it)
  it.each(pids)('%s: as JSON and as export records, the same on both paths', (_name, extra, taken) => {
    const messages = [...HEADERLESS_PLAIN, ...HEADERLESS_WANTED, ...HEADERLESS_PLAIN];
    const json = messages.map((m, i) => asRecord(`Mar 14 09:21:07 worker-3 kubelet[2716]: ${m}`, { ...at(i), ...extra }, i));
    const chatter = CHATTER_LINES.map((l, i) => asRecord(l, at(100 + i)));
    for (const lines of [[...chatter, ...json], [...chatter, ...json].flatMap(exportOf)]) {
      const r = bothPaths(lines);
      expect(r.fast).toEqual(r.full);
    }
    const r = bothPaths([...chatter, ...json]);
    const chatterOnly = bothPaths(chatter).taken;
    if (taken) expect(r.taken - chatterOnly).toBeGreaterThanOrEqual(HEADERLESS_PLAIN.length * 2);
    else expect(r.taken - chatterOnly).toBe(0);
  });
});
