#!/usr/bin/env python3
"""bench/sip-bridge.sh's sampler: every 2 s one JSON line with the machine's load average and the
receive queues of the relay's UDP sockets (ports RELAY_MIN..RELAY_MAX, IPv4 and IPv6: the bridge's
Java sockets are dual-stack and listed in /proc/net/udp6, which the peer harness's own queue
sampler does not read), plus the kernel's bytes per queued 172-byte RTP datagram to count packets.

usage: sip-bridge-sample.py RELAY_MIN RELAY_MAX > samples.jsonl   (runs until killed)
"""
import json, socket, sys, time

lo, hi = int(sys.argv[1]), int(sys.argv[2])


def truesize():
    r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    r.bind(('127.0.0.1', 0))
    port = r.getsockname()[1]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for _ in range(50):
        s.sendto(b'\x80' * 172, ('127.0.0.1', port))
    time.sleep(0.05)
    with open('/proc/net/udp') as f:
        for line in f:
            parts = line.split()
            if parts[1].endswith(':%04X' % port):
                return int(parts[4].split(':')[1], 16) // 50
    return 0


def queues():
    total = socks = 0
    for name in ('/proc/net/udp', '/proc/net/udp6'):
        with open(name) as f:
            next(f)
            for line in f:
                parts = line.split()
                port = int(parts[1].rsplit(':', 1)[1], 16)
                if lo <= port <= hi:
                    total += int(parts[4].split(':')[1], 16)
                    socks += 1
    return total, socks


ts = truesize()
while True:
    q, n = queues()
    with open('/proc/loadavg') as f:
        load = [float(x) for x in f.read().split()[:3]]
    print(json.dumps({'t': time.time(), 'load': load, 'relay_rxq_bytes': q, 'relay_socks': n, 'truesize': ts}),
          flush=True)
    time.sleep(2)
