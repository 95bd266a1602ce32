#!/usr/bin/env python3
"""Side-by-side tables of one bench/sip-bridge.sh run (Markdown on stdout).

Reads OUT/<side>/results/<run>/runs.jsonl (the peer harness's records, one per SIPp run) and, for
the bridge, what BridgeUnderLoad wrote into OUT/bridge-work: relay-counters.csv (the relay's own
packet counters), setup-times.csv (INVITE -> agent INVITE -> agent's 200, from call.events) and
thread-cpu.jsonl (CPU per Java thread group). Each SIPp run's window comes from the harness's files:
<tag>.udp0.json is written just before the UAC starts, <tag>.ipt.json just after it ends, and
<tag>.cpu0/.cpu1.json bound the steady window the harness measures CPU over.
"""
import csv, glob, json, os, statistics, sys

OUT = sys.argv[1]
PEER_GOALS = {'media_cps': 300, 'conc': 1250, 'nomedia_cps': 9600}


def mtime(path):
    try:
        return os.path.getmtime(path)
    except OSError:
        return None


def runs(side):
    out = []
    for d in sorted(glob.glob(f'{OUT}/{side}/results/*/')):
        out.extend(runs_in(d))
    return out


def runs_in(d):
    out = []
    for line in open(d + 'runs.jsonl'):
        if not line.strip():
            continue
        r = json.loads(line)
        tag = f"{r['test']}-r{r['rep']}-{r['rate']}-{r['calls']}"
        r['tag'] = tag
        r['t_start'] = mtime(f'{d}{tag}.udp0.json')
        r['t_end'] = mtime(f'{d}{tag}.ipt.json')
        r['t_w0'] = mtime(f'{d}{tag}.cpu0.json')
        r['t_w1'] = mtime(f'{d}{tag}.cpu1.json')
        out.append(r)
    return out


def pct(values, p):
    if not values:
        return None
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def fmt(x, nd=0):
    if x is None:
        return '-'
    if isinstance(x, float):
        return f'{x:,.{nd}f}'
    return f'{x:,}'


# ---------- the bridge's own files ----------
WORK = f'{OUT}/bridge-work'


def read_counters():
    rows = []
    try:
        with open(f'{WORK}/relay-counters.csv') as f:
            for row in csv.DictReader(f):
                rows.append({k: int(v) for k, v in row.items()})
    except OSError:
        pass
    return rows


def read_setup():
    ok, failed = [], []
    try:
        for line in open(f'{WORK}/setup-times.csv'):
            p = line.strip().split(',')
            if p[0] == 'F':
                failed.append((int(p[1]) / 1000.0, ','.join(p[2:])))
            elif len(p) == 3:
                ok.append((int(p[0]) / 1000.0, int(p[1]) if p[1] else None, int(p[2])))
    except OSError:
        pass
    return ok, failed


def read_threads():
    rows = []
    try:
        for line in open(f'{WORK}/thread-cpu.jsonl'):
            if line.strip():
                r = json.loads(line)
                cpu = dict(r['cpu'])
                cpu['(GC pauses, wall)'] = r.get('gc_ms', 0) * 1e6
                cpu['(JIT compiling, wall)'] = r.get('jit_ms', 0) * 1e6
                rows.append((r['t'] / 1000.0, cpu))
    except OSError:
        pass
    return rows


def read_samples():
    rows = []
    try:
        for line in open(f'{OUT}/samples.jsonl'):
            if line.strip():
                rows.append(json.loads(line))
    except OSError:
        pass
    return rows


COUNTERS, (SETUP_OK, SETUP_FAILED), THREADS, SAMPLES = read_counters(), read_setup(), read_threads(), read_samples()


def counters_delta(t0, t1):
    if not COUNTERS or t0 is None or t1 is None:
        return None
    before = [r for r in COUNTERS if r['epoch_ms'] / 1000.0 <= t0]
    after = [r for r in COUNTERS if r['epoch_ms'] / 1000.0 >= t1]
    if not before or not after:
        return None
    a, b = before[-1], after[0]
    return {k: b[k] - a[k] for k in a}


def setup_in(t0, t1):
    if t0 is None or t1 is None:
        return None
    sel = [s for s in SETUP_OK if t0 <= s[0] <= t1]
    if not sel:
        return None
    ring = [s[1] for s in sel if s[1] is not None]
    ans = [s[2] for s in sel]
    return {'n': len(sel), 'ring50': pct(ring, 50), 'ring99': pct(ring, 99), 'ans50': pct(ans, 50),
            'ans99': pct(ans, 99)}


def threads_in(t0, t1):
    if not THREADS or t0 is None or t1 is None:
        return None
    a = min(THREADS, key=lambda r: abs(r[0] - t0))
    b = min(THREADS, key=lambda r: abs(r[0] - t1))
    dt = b[0] - a[0]
    if dt <= 0:
        return None
    d = {k: (v - a[1].get(k, 0)) / 1e9 / dt * 100 for k, v in b[1].items()}
    return dict(sorted(((k, v) for k, v in d.items() if v >= 0.5), key=lambda kv: -kv[1]))


def load_at(t):
    if not SAMPLES or t is None:
        return None
    return min(SAMPLES, key=lambda r: abs(r['t'] - t))['load'][0]


def relay_queue_ms(r):
    """Little's law on the relay's socket queues (median over the steady window), per round trip:
    a packet crosses the relay twice; the relay's sockets take 2 x N x 50 packets a second."""
    if r['test'] != 'conc_rtp' or r['t_w0'] is None or r['t_w1'] is None:
        return None
    qs = [s['relay_rxq_bytes'] / max(1, s['truesize']) for s in SAMPLES if r['t_w0'] <= s['t'] <= r['t_w1']]
    if not qs:
        return None
    return 2 * 1000.0 * statistics.median(qs) / (2 * r['calls'] * 50)


# ---------- per run ----------
def enrich(side, r):
    r['server_cpu'] = r.get('cpu_peer') if side == 'bridge' else \
        (r.get('cpu_kamailio') or 0) + (r.get('cpu_rtpengine') or 0)
    sipp = (r.get('cpu_sipp_uac') or 0) + (r.get('cpu_sipp_uas') or 0)
    busy = r.get('cpu_busy_cores')
    r['rest_cpu'] = None if busy is None else busy * 100 - (r['server_cpu'] or 0) - sipp
    r['load1'] = load_at(r['t_end'])
    r['relay_q_ms'] = relay_queue_ms(r)
    r['loss'] = r.get('loss_pct')
    if side == 'bridge' and r['test'] != 'cps_nomedia':
        d = counters_delta(r['t_start'], r['t_end'])
        tx = r.get('pk_uac_tx') or 0
        if d and tx:
            # Only what the relay forwarded from the agent's leg: the queue's ringback is not an echo.
            r['loss'] = round(100.0 * (tx - d['rtp_b_to_a']) / tx, 4)
            r['ringback_pkts'] = (r.get('pk_uac_rx') or 0) - d['rtp_b_to_a']
            r['relay_dropped'] = d['dropped']
    if r['test'] != 'cps_nomedia':
        r['media_ok'] = r['loss'] is not None and r['loss'] < 0.1 and (r.get('tx_shortfall_pct') or 0) < 1.0
    r['ok'] = bool(r.get('pass')) and (r['test'] == 'cps_nomedia' or r['media_ok'])
    if side == 'bridge':
        r['setup'] = setup_in(r['t_w0'], r['t_w1'])
        r['failed_bridge'] = sum(1 for f in SETUP_FAILED if r['t_start'] and r['t_start'] <= f[0] <= r['t_end'] + 60)
        r['threads'] = threads_in(r['t_w0'], r['t_w1'])
    return r


SIDES = {s: [enrich(s, r) for r in runs(s)] for s in ('bridge', 'peer')}


def best(side, test, key):
    ok = [r for r in SIDES[side] if r['test'] == test and r['ok']]
    return max(ok, key=lambda r: r[key]) if ok else None


def first_fail(side, test, key):
    bad = [r for r in SIDES[side] if r['test'] == test and not r['ok']]
    return min(bad, key=lambda r: r[key]) if bad else None


def read_probe(side):
    d = f'{OUT}/{side}/probe'
    vals = []
    for f in glob.glob(f'{d}/*_rtt.csv'):
        for line in open(f):
            p = line.strip().split(';')
            try:
                vals.append(float(p[1]))
            except (IndexError, ValueError):
                pass
    res = {'n': len(vals), 'p50': pct(vals, 50), 'p90': pct(vals, 90), 'p99': pct(vals, 99),
           'max': max(vals) if vals else None}
    try:
        t0 = float(open(f'{d}/start').read()); t1 = float(open(f'{d}/end').read())
    except (OSError, ValueError):
        t0 = t1 = None
    if side == 'bridge':
        res['setup'] = setup_in(t0, t1)
    try:
        txt = open(f'{d}/uac.out', encoding='latin-1').read()
        import re
        m = re.findall(r'Successful call\s*\|\s*\d+\s*\|\s*(\d+)', txt)
        n = re.findall(r'Failed call\s*\|\s*\d+\s*\|\s*(\d+)', txt)
        res['successful'] = int(m[-1]) if m else None
        res['failed'] = int(n[-1]) if n else None
    except OSError:
        pass
    return res


PROBES = {s: read_probe(s) for s in ('bridge', 'peer')}


def rate_cell(r, key):
    return '-' if r is None else fmt(r[key])


def cpu_cell(side, r):
    if r is None:
        return '-'
    sipp = f"SIPp {fmt(r.get('cpu_sipp_uac'), 0)} + {fmt(r.get('cpu_sipp_uas'), 0)}"
    if side == 'bridge':
        return f"bridge JVM {fmt(r.get('cpu_peer'), 0)}, {sipp}, box {fmt(r.get('cpu_busy_pct'), 0)} %"
    return (f"kamailio {fmt(r.get('cpu_kamailio'), 0)}, rtpengine {fmt(r.get('cpu_rtpengine'), 0)}, {sipp}, "
            f"box {fmt(r.get('cpu_busy_pct'), 0)} %")


def fail_cell(r, key):
    if r is None:
        return 'none failed'
    return f"{fmt(r.get('failed', 0))} failed of {fmt(r['calls'])} at {fmt(r[key])}" + \
        ('' if r.get('pass') else '') + (f", loss {fmt(r['loss'], 3)} %" if r.get('loss') is not None else '')


def met(value, goal):
    if value is None:
        return 'not met'
    return 'met' if value >= goal else 'not met'


print(open(f'{OUT}/settings.txt').read().strip().replace('\n', '  \n'))
print()
bm, pm = best('bridge', 'cps_rtpe', 'rate'), best('peer', 'cps_rtpe', 'rate')
bc, pc = best('bridge', 'conc_rtp', 'calls'), best('peer', 'conc_rtp', 'calls')
bn, pn = best('bridge', 'cps_nomedia', 'rate'), best('peer', 'cps_nomedia', 'rate')
peer_nomedia = pn['rate'] if pn else PEER_GOALS['nomedia_cps']
print('| figure | bridge (routing, Kafka, relay) | Kamailio + rtpengine | goal | bridge meets it |')
print('|---|---:|---:|---|---|')
print(f"| call rate with media, 3 s RTP a call: highest with 0 failed calls and < 0.1 % loss | {rate_cell(bm, 'rate')} | "
      f"{rate_cell(pm, 'rate')} | ≥ {PEER_GOALS['media_cps']} | {met(bm and bm['rate'], PEER_GOALS['media_cps'])} |")
print(f"| concurrent 60 s calls, RTP both ways, 0 failed, < 0.1 % loss | {rate_cell(bc, 'calls')} | {rate_cell(pc, 'calls')} | "
      f"≥ {PEER_GOALS['conc']:,} | {met(bc and bc['calls'], PEER_GOALS['conc'])} |")
print(f"| signalling-only call rate, 1 s calls, 0 failed | {rate_cell(bn, 'rate')} | {rate_cell(pn, 'rate')} | "
      f"≥ 0.25 × peer = {peer_nomedia // 4:,} | {met(bn and bn['rate'], peer_nomedia // 4)} |")
print(f"| RTP loss at the highest concurrency passed | {fmt(bc and bc['loss'], 4)} % | {fmt(pc and pc['loss'], 4)} % | < 0.1 % | - |")
print(f"| relay socket queueing per round trip at the highest concurrency passed (Little's law) | "
      f"{fmt(bc and bc['relay_q_ms'], 1)} ms | {fmt(pc and pc['relay_q_ms'], 1)} ms | - | - |")
print(f"| first failing step, media call rate | {fail_cell(first_fail('bridge', 'cps_rtpe', 'rate'), 'rate')} | "
      f"{fail_cell(first_fail('peer', 'cps_rtpe', 'rate'), 'rate')} | 0 failed | - |")
print(f"| first failing step, concurrency | {fail_cell(first_fail('bridge', 'conc_rtp', 'calls'), 'calls')} | "
      f"{fail_cell(first_fail('peer', 'conc_rtp', 'calls'), 'calls')} | 0 failed | - |")
print(f"| first failing step, signalling only | {fail_cell(first_fail('bridge', 'cps_nomedia', 'rate'), 'rate')} | "
      f"{fail_cell(first_fail('peer', 'cps_nomedia', 'rate'), 'rate')} | 0 failed | - |")
for side in ('bridge', 'peer'):
    pr = PROBES[side]
    PROBES[side]['cell'] = '-' if not pr['n'] else \
        f"{fmt(pr['p50'], 1)} / {fmt(pr['p90'], 1)} / {fmt(pr['p99'], 1)} ms ({pr['n']:,} calls, {fmt(pr.get('failed'))} failed)"
print(f"| INVITE → 200 at the caller, p50 / p90 / p99, {open(OUT + '/settings.txt').read().split('probe=')[1].split()[0]} with media "
      f"| {PROBES['bridge']['cell']} | {PROBES['peer']['cell']} | - | - |")
s = PROBES['bridge'].get('setup')
if s:
    print(f"| bridge: INVITE in → agent's phone INVITEd (CallQueued, routing's offer), p50 / p99, same probe | "
          f"{fmt(s['ring50'])} / {fmt(s['ring99'])} ms | - | - | - |")
    print(f"| bridge: INVITE in → agent's 200, p50 / p99, same probe | {fmt(s['ans50'])} / {fmt(s['ans99'])} ms | - | - | - |")
print(f"| CPU at the highest media call rate passed (% of one core) | {cpu_cell('bridge', bm)} | {cpu_cell('peer', pm)} | - | - |")
print(f"| CPU at the highest concurrency passed | {cpu_cell('bridge', bc)} | {cpu_cell('peer', pc)} | - | - |")
print(f"| CPU at the highest signalling-only rate passed | {cpu_cell('bridge', bn)} | {cpu_cell('peer', pn)} | - | - |")
print()

print('Every SIPp run (CPU: % of one core over the harness\'s steady window; box: % of both cores busy; '
      'rest: box minus the server and SIPp, i.e. loopback softirq and anything else running; load: 1-min load average '
      'at the run\'s end; relay queue: Little\'s-law socket queueing in the relay per round trip, concurrent runs; set-up: the bridge\'s INVITE → agent INVITE and INVITE → agent 200, p50/p99 ms, calls created '
      'in the steady window)')
print()
print('| side | test | rate / N | calls ok | failed | retrans | loss % | server CPU | SIPp uac+uas | box % | rest | load | relay queue ms | set-up ms | pass |')
print('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|')
names = {'cps_nomedia': 'signalling only', 'cps_rtpe': 'rate, media', 'conc_rtp': 'concurrent'}
for side in ('bridge', 'peer'):
    for r in SIDES[side]:
        n = r['rate'] if r['test'] != 'conc_rtp' else r['calls']
        st = r.get('setup')
        setup = '-' if not st else f"{fmt(st['ring50'])}/{fmt(st['ring99'])} → {fmt(st['ans50'])}/{fmt(st['ans99'])}"
        print(f"| {side} | {names[r['test']]} | {fmt(n)} | {fmt(r.get('successful'))} | {fmt(r.get('failed'))} | "
              f"{fmt(r.get('retrans'))} | {fmt(r.get('loss'), 3)} | {fmt(r.get('server_cpu'), 0)} | "
              f"{fmt(r.get('cpu_sipp_uac'), 0)}+{fmt(r.get('cpu_sipp_uas'), 0)} | {fmt(r.get('cpu_busy_pct'), 0)} | "
              f"{fmt(r.get('rest_cpu'), 0)} | {fmt(r.get('load1'), 1)} | {fmt(r.get('relay_q_ms'), 1)} | {setup} | {'yes' if r['ok'] else 'no'} |")
print()
print('Bridge JVM by thread group, % of one core over the steady window (groups ≥ 0.5 %; the JVM\'s own GC and JIT '
      'threads are the process total minus these):')
print()
picked = []
for test, key in (('cps_rtpe', 'rate'), ('conc_rtp', 'calls'), ('cps_nomedia', 'rate')):
    for r in (best('bridge', test, key), first_fail('bridge', test, key)):
        if r is not None and r.get('threads'):
            picked.append(r)
for r in picked:
    th = r['threads']
    total = sum(v for k, v in th.items() if not k.startswith('('))
    top = ', '.join(f'{k} {v:.0f}' for k, v in list(th.items())[:10])
    n = r['rate'] if r['test'] != 'conc_rtp' else r['calls']
    print(f"- {names[r['test']]} {fmt(n)}{'' if r['ok'] else ' (failing)'}: process {fmt(r.get('cpu_peer'), 0)}, "
          f"Java threads {total:.0f} — {top}")
