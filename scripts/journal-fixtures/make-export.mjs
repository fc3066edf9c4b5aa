#!/usr/bin/env node
// Writes a systemd "Journal Export Format" stream of the kubelet fixture
// entries to stdout. Plain Node ESM, no dependencies.
//
//   node scripts/journal-fixtures/make-export.mjs > /tmp/kubelet.export
//   node scripts/journal-fixtures/make-export.mjs --entries-json   # ground truth JSON
//   node scripts/journal-fixtures/make-export.mjs --boot-change    # worker-3 entries get a 2nd _BOOT_ID
//
// The main fixtures use one _BOOT_ID for every entry (as specified). --boot-change
// only exists so render.sh can show the "-- Boot <id> --" marker journalctl prints
// when _BOOT_ID changes between consecutive entries (test/fixtures/journalctl/extras/).
//
// Format (https://systemd.io/JOURNAL_EXPORT_FORMATS/): one `FIELD=value\n`
// line per field, a blank line after each entry. A field whose value is not
// valid UTF-8 or contains a newline is written in the binary form:
// `FIELD\n` + 64-bit little-endian length + raw bytes + `\n`.
// __CURSOR is omitted: systemd-journal-remote ignores it and assigns its own.

const BOOT_ID = '5e1f0c3ad2b94a6f8c7e0b1d2a3f4c5d';
const SECOND_BOOT_ID = '0123456789abcdef0123456789abcdef'; // only with --boot-change
// Pretend the machine booted at this instant; monotonic = realtime - boot.
const BOOT_REALTIME_USEC = Date.UTC(2017, 9, 16, 0, 0, 0) * 1000; // 2017-10-16T00:00:00Z

/** Parse an ISO instant with up to microsecond precision into BigInt microseconds. */
function usec(iso) {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z$/.exec(iso);
  if (!m) throw new Error(`bad instant ${iso}`);
  const whole = BigInt(Date.parse(`${m[1]}Z`)) * 1000n;
  const frac = BigInt((m[2] ?? '').padEnd(6, '0'));
  return whole + frac;
}

const kubelet = (at, pid, message, hostname = 'ubuntu-k8s-3') => ({
  at,
  hostname,
  identifier: 'kubelet',
  pid,
  comm: 'kubelet',
  systemdUnit: 'kubelet.service',
  unit: 'kubelet.service',
  userUnitField: null,
  transport: 'stdout',
  message,
});

export const ENTRIES = [
  kubelet(
    '2017-10-16T01:50:55.056703Z',
    17144,
    'W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',
  ),
  kubelet(
    '2017-10-16T01:50:55.057322Z',
    17144,
    'I1016 09:50:55.057322   17144 eviction_manager.go:345] eviction manager: must evict pod(s) to reclaim nodefs',
  ),
  kubelet(
    '2017-10-16T01:50:55.058307Z',
    17144,
    'E1016 09:50:55.058307   17144 eviction_manager.go:356] eviction manager: eviction thresholds have been met, but no pods are active to evict',
  ),
  {
    at: '2017-10-16T01:54:09.100000Z',
    hostname: 'ubuntu-k8s-3',
    identifier: 'systemd',
    pid: 1,
    comm: 'systemd',
    systemdUnit: 'init.scope',
    unit: 'kubelet.service',
    userUnitField: 'kubelet.service',
    transport: 'journal',
    message: 'Started kubelet: The Kubernetes Node Agent.',
  },
  kubelet(
    '2017-10-16T01:54:09.616263Z',
    12844,
    'I1016 09:54:09.616263   12844 container_manager_linux.go:251] Creating Container Manager object based on Node Config: {RuntimeCgroupsName: SystemCgroupsName: KubeletCgroupsName: ContainerRuntime:docker CgroupsPerQOS:true CgroupRoot:/ CgroupDriver:cgroupfs ProtectKernelDefaults:false NodeAllocatableConfig:{KubeReservedCgroupName: SystemReservedCgroupName: EnforceNodeAllocatable:map[pods:{}] KubeReserved:map[] SystemReserved:map[] HardEvictionThresholds:[{Signal:memory.available Operator:LessThan Value:{Quantity:100Mi Percentage:0} GracePeriod:0s MinReclaim:<nil>} {Signal:nodefs.available Operator:LessThan Value:{Quantity:<nil> Percentage:0.1} GracePeriod:0s MinReclaim:<nil>} {Signal:nodefs.inodesFree Operator:LessThan Value:{Quantity:<nil> Percentage:0.05} GracePeriod:0s MinReclaim:<nil>}]} ExperimentalQOSReserved:map[]}',
  ),
  kubelet(
    '2017-10-16T01:54:14.823152Z',
    12844,
    'W1016 09:54:14.823152   12844 eviction_manager.go:142] Failed to admit pod weave-net-3svfg_kube-system(e5a5d474-b214-11e7-a98b-0650cc001a5b) - node has conditions: [DiskPressure]',
  ),
  kubelet(
    '2017-10-16T01:54:15.001000Z',
    12844,
    Buffer.concat([
      Buffer.from('I1016 09:54:15.001000   12844 kubelet.go:1234] bad byte ', 'ascii'),
      Buffer.from([0xff]),
      Buffer.from('here', 'ascii'),
    ]),
  ),
  kubelet(
    '2018-06-03T12:00:01.123456Z',
    812,
    'I0603 12:00:01.123456     812 eviction_manager.go:338] "Eviction manager: attempting to reclaim" resourceName="memory"',
    'worker-3',
  ),
  kubelet(
    '2018-06-03T12:00:01.200000Z',
    812,
    'I0603 12:00:01.200000     812 eviction_manager.go:367] "Eviction manager: pods ranked for eviction" pods=["default/memhog-7c9d8b6f5-x2x7l","kube-system/kube-proxy-778cb"]',
    'worker-3',
  ),
];

function isTextSafe(buf) {
  if (buf.includes(0x0a)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

function field(name, value) {
  const buf = Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8');
  if (isTextSafe(buf)) return Buffer.concat([Buffer.from(`${name}=`, 'utf8'), buf, Buffer.from('\n')]);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(buf.length));
  return Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), len, buf, Buffer.from('\n')]);
}

export function exportStream({ bootChange = false } = {}) {
  const parts = [];
  for (const e of ENTRIES) {
    const rt = usec(e.at);
    const mono = rt - BigInt(BOOT_REALTIME_USEC);
    const bootId = bootChange && e.hostname === 'worker-3' ? SECOND_BOOT_ID : BOOT_ID;
    const fields = [
      ['__REALTIME_TIMESTAMP', rt],
      ['__MONOTONIC_TIMESTAMP', mono],
      ['_BOOT_ID', bootId],
      ['_HOSTNAME', e.hostname],
      ['_TRANSPORT', e.transport],
      ['PRIORITY', 6],
      ['SYSLOG_FACILITY', 3],
      ['SYSLOG_IDENTIFIER', e.identifier],
      ['_PID', e.pid],
      ['_UID', 0],
      ['_GID', 0],
      ['_COMM', e.comm],
      ['_SYSTEMD_UNIT', e.systemdUnit],
    ];
    if (e.userUnitField) fields.push(['UNIT', e.userUnitField]);
    fields.push(['MESSAGE', e.message]);
    for (const [k, v] of fields) parts.push(field(k, v));
    parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

export function groundTruth() {
  return ENTRIES.map((e) => {
    const o = {
      realtimeUsec: usec(e.at).toString(),
      hostname: e.hostname,
      identifier: e.identifier,
      pid: e.pid,
      unit: e.unit,
    };
    if (Buffer.isBuffer(e.message)) o.messageBytesHex = e.message.toString('hex');
    else o.message = e.message;
    return o;
  });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  if (process.argv.includes('--entries-json')) {
    process.stdout.write(`${JSON.stringify(groundTruth(), null, 2)}\n`);
  } else {
    process.stdout.write(exportStream({ bootChange: process.argv.includes('--boot-change') }));
  }
}
