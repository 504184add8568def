/*
 * nfq-path: the router's path impairments for the two-point captures, an iptables NFQUEUE
 * program that logs every change it makes to the traffic as JSON lines, so the captures' ground
 * truth comes from the router itself. It sees IPv4 TCP only (the lab queues nothing else) and,
 * for each packet, in this order:
 *
 *   -s PORT:PATTERN  drops client SYNs to PORT by a fixed pattern over connection attempts: the
 *                    k-th new attempt (client 4-tuple and ISN) loses its first PATTERN[k mod n]
 *                    SYN transmissions, "A" all of them; e.g. 8081:0,1,A (none, the first, all)
 *   -p PROB          drops packets with payload at random, in the directions of -D c2s|s2c|both
 *   -r c2s|both      sequence number randomisation (as a Cisco ASA does): each new connection
 *                    attempt gets random offsets; the client's sequence numbers (and with "both"
 *                    the server's) are shifted on the way through, the acknowledgement numbers
 *                    and SACK blocks going the other way shifted back, checksums recomputed
 *   -d MS [-e N -x MS] holds every packet MS milliseconds, every N-th (over all packets) MS longer
 *   -o PROB          holds a packet the -x MS longer at random (in both directions, each packet
 *                    on its own): the packets of its connection and direction that arrive within
 *                    those MS overtake it
 *   -u PROB          sends an extra copy of a packet with payload (a raw socket), at random
 *
 * "Client" is the side in -c NET/LEN (default 10.77.1.0/24). The queue is read in the router's
 * FORWARD chain, so addresses are always the client-side ones (source NAT comes later, in
 * POSTROUTING, and is undone earlier, in PREROUTING). Log events (-l FILE, one JSON object a line):
 *   drop       a dropped packet, fields as it arrived at the router; reason syn-pattern|random
 *   syn        every SYN and SYN/ACK as it arrived (isn_after: its sequence number as forwarded)
 *   seqrand    a connection attempt's offsets (seq_offset_c2s, seq_offset_s2c)
 *   duplicate  a packet sent twice, fields as forwarded
 *   overtaken  a packet released after a later packet of the same connection and direction
 *   summary    counters per direction, at exit
 * Packet fields: t (Unix seconds: arrival at the router, for overtaken the release), dir, src,
 * sport, dst, dport, seq, ack, len (TCP payload bytes), ipid, ttl, flags (tcpdump letters
 * F S R P . U E W).
 *
 *   nfq-path -q QUEUE -t SECONDS -l LOG [-d MS] [-e N -x MS] [-o PROB] [-p PROB] [-D DIR]
 *            [-s PORT:PATTERN] [-u PROB] [-r c2s|both] [-S SEED] [-c NET/LEN]
 *
 * Runs for at most SECONDS (then releases what it holds and exits; iptables' --queue-bypass
 * then lets packets through); SIGTERM or SIGINT end it the same way at once.
 * Build: cc -O2 -o nfq-path nfq-path.c -lnetfilter_queue -lnfnetlink
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <linux/netfilter.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <libnfnetlink/libnfnetlink.h>

#define MAX_HELD 16384
#define MAX_FLOWS 4096
#define MAX_PATTERN 32
#define ALL_SYNS (-1)

enum { C2S = 0, S2C = 1 };
static const char *dir_name[2] = { "c2s", "s2c" };

struct pkt {             /* a parsed IPv4/TCP packet */
    uint8_t *ip, *tcp;
    int len, ihl, thl, payload;
    uint32_t src, dst, seq, ack;
    uint16_t sport, dport, ipid;
    uint8_t flags, ttl;
};

struct flow {            /* keyed by the client-side 4-tuple */
    int used;
    uint32_t caddr, saddr;
    uint16_t cport, sport;
    int attempt;         /* a client SYN was seen */
    uint32_t isn;        /* the client's SYN sequence number of the current attempt */
    int syn_drops_left;  /* ALL_SYNS: every one */
    int seqrand;
    uint32_t off[2];     /* added to the sequence numbers of each direction */
    uint32_t arrived[2], max_released[2];
};

struct held {
    uint32_t id;
    uint64_t due_ns;
    uint8_t *buf;        /* the packet when changed or to be duplicated, else NULL */
    int len, changed, dup, flow, dir;
    uint32_t arrival;    /* per flow and direction, from 1 */
};

static struct held held[MAX_HELD];
static int held_count;
static struct flow flows[MAX_FLOWS];
static int flow_next;
static struct nfq_q_handle *queue;
static volatile sig_atomic_t stopping;
static FILE *logf;
static int raw_fd = -1;

static uint64_t base_ns, extra_ns;
static long every, seen_all;
static double drop_prob, dup_prob, late_prob;
static int drop_dirs = 3;           /* bit 0 c2s, bit 1 s2c */
static int syn_port = -1, pattern[MAX_PATTERN], pattern_len, syn_attempts;
static int seqrand_mode;            /* 0 off, 1 c2s, 2 both */
static uint32_t client_net, client_mask;
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static long n_seen[2], n_dropped[2], n_dup[2], n_overtaken[2], n_changed[2], n_hold_full, n_enobufs;

static void on_signal(int sig) { (void)sig; stopping = 1; }

static uint64_t now_ns(int clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static uint64_t rng(void) {     /* xorshift64*: reproducible from -S */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}
static double rng_unit(void) { return (double)(rng() >> 11) / 9007199254740992.0; }

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }

static int parse(uint8_t *b, int n, struct pkt *p) {
    if (n < 20 || (b[0] >> 4) != 4 || b[9] != IPPROTO_TCP) return 0;
    p->ip = b;
    p->ihl = (b[0] & 15) * 4;
    p->len = get16(b + 2);
    if (p->len > n) p->len = n;
    if (p->ihl < 20 || p->len < p->ihl + 20) return 0;
    p->tcp = b + p->ihl;
    p->thl = (p->tcp[12] >> 4) * 4;
    if (p->thl < 20 || p->ihl + p->thl > p->len) return 0;
    p->payload = p->len - p->ihl - p->thl;
    p->ipid = get16(b + 4);
    p->ttl = b[8];
    p->src = get32(b + 12);
    p->dst = get32(b + 16);
    p->sport = get16(p->tcp);
    p->dport = get16(p->tcp + 2);
    p->seq = get32(p->tcp + 4);
    p->ack = get32(p->tcp + 8);
    p->flags = p->tcp[13];
    return 1;
}

static void log_packet(const char *event, const struct pkt *p, int dir, const char *extra) {
    if (!logf) return;
    char src[16], dst[16], fl[10];
    uint32_t s = htonl(p->src), d = htonl(p->dst);
    inet_ntop(AF_INET, &s, src, sizeof src);
    inet_ntop(AF_INET, &d, dst, sizeof dst);
    int k = 0;
    static const char letters[] = "FSRP.UEW";  /* bits 0..7, in tcpdump's order */
    for (int i = 0; i < 8; i++)
        if (p->flags & (1 << i)) fl[k++] = letters[i];
    fl[k] = 0;
    uint64_t t = now_ns(CLOCK_REALTIME);
    fprintf(logf, "{\"event\":\"%s\",\"t\":%llu.%06llu,\"dir\":\"%s\",\"src\":\"%s\",\"sport\":%u,"
                  "\"dst\":\"%s\",\"dport\":%u,\"seq\":%u,\"ack\":%u,\"len\":%d,\"ipid\":%u,\"ttl\":%u,"
                  "\"flags\":\"%s\"%s%s}\n",
            event, (unsigned long long)(t / 1000000000ull), (unsigned long long)(t % 1000000000ull / 1000),
            dir_name[dir], src, p->sport, dst, p->dport, p->seq, p->ack, p->payload, p->ipid, p->ttl,
            fl, extra ? "," : "", extra ? extra : "");
}

static int find_flow(uint32_t ca, uint16_t cp, uint32_t sa, uint16_t sp, int create) {
    for (int i = 0; i < MAX_FLOWS; i++)
        if (flows[i].used && flows[i].caddr == ca && flows[i].cport == cp && flows[i].saddr == sa && flows[i].sport == sp)
            return i;
    if (!create) return -1;
    int i = flow_next;                 /* the oldest entry makes way when the table is full */
    flow_next = (flow_next + 1) % MAX_FLOWS;
    memset(&flows[i], 0, sizeof flows[i]);
    flows[i].used = 1;
    flows[i].caddr = ca; flows[i].cport = cp; flows[i].saddr = sa; flows[i].sport = sp;
    return i;
}

/* Recomputes the TCP checksum over the pseudo-header, header and payload. */
static void tcp_checksum(struct pkt *p) {
    int n = p->len - p->ihl;
    uint32_t sum = 0;
    put16(p->tcp + 16, 0);
    sum += (p->src >> 16) + (p->src & 0xffff) + (p->dst >> 16) + (p->dst & 0xffff);
    sum += IPPROTO_TCP + (uint32_t)n;
    for (int i = 0; i + 1 < n; i += 2) sum += get16(p->tcp + i);
    if (n & 1) sum += (uint32_t)p->tcp[n - 1] << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    put16(p->tcp + 16, (uint16_t)~sum);
}

/* Shifts seq by the packet's own direction's offset, ack and SACK blocks back by the other's. */
static int rewrite(struct pkt *p, const struct flow *f, int dir) {
    uint32_t own = f->off[dir], other = f->off[1 - dir];
    if (!own && !other) return 0;
    put32(p->tcp + 4, p->seq + own);
    if (p->flags & 0x10) put32(p->tcp + 8, p->ack - other);
    for (int i = 20; i < p->thl;) {      /* options */
        uint8_t kind = p->tcp[i];
        if (kind == 0) break;
        if (kind == 1) { i++; continue; }
        if (i + 1 >= p->thl) break;
        int olen = p->tcp[i + 1];
        if (olen < 2 || i + olen > p->thl) break;
        if (kind == 5)                     /* SACK: left and right edges in the other side's space */
            for (int j = i + 2; j + 4 <= i + olen; j += 4) put32(p->tcp + j, get32(p->tcp + j) - other);
        i += olen;
    }
    tcp_checksum(p);
    return 1;
}

static void send_copy(const uint8_t *buf, int len) {
    struct sockaddr_in to = { .sin_family = AF_INET };
    memcpy(&to.sin_addr, buf + 16, 4);
    if (sendto(raw_fd, buf, (size_t)len, 0, (struct sockaddr *)&to, sizeof to) < 0) perror("nfq-path: sendto");
}

static void release(int i) {
    struct held *h = &held[i];
    if (h->flow >= 0) {
        struct flow *f = &flows[h->flow];
        if (h->arrival < f->max_released[h->dir]) {
            struct pkt p;
            char extra[64];
            n_overtaken[h->dir]++;
            if (h->buf && parse(h->buf, h->len, &p)) {
                snprintf(extra, sizeof extra, "\"arrivals_ahead\":%u", f->max_released[h->dir] - h->arrival);
                log_packet("overtaken", &p, h->dir, extra);
            }
        } else {
            f->max_released[h->dir] = h->arrival;
        }
    }
    if (h->dup) send_copy(h->buf, h->len);
    nfq_set_verdict(queue, h->id, NF_ACCEPT, h->changed ? (uint32_t)h->len : 0, h->changed ? h->buf : NULL);
    free(h->buf);
    held[i] = held[--held_count];
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data) {
    (void)msg; (void)data;
    struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
    if (!ph) return 0;
    uint32_t id = ntohl(ph->packet_id);
    unsigned char *raw;
    int n = nfq_get_payload(nfa, &raw);
    struct pkt p;
    seen_all++;
    if (n <= 0 || !parse(raw, n, &p)) return nfq_set_verdict(qh, id, NF_ACCEPT, 0, NULL);
    int dir = (p.src & client_mask) == client_net ? C2S : S2C;
    n_seen[dir]++;
    int fi = dir == C2S ? find_flow(p.src, p.sport, p.dst, p.dport, 1) : find_flow(p.dst, p.dport, p.src, p.sport, 1);
    struct flow *f = &flows[fi];
    int syn = (p.flags & 0x12) == 0x02;
    if (dir == C2S && syn && (!f->attempt || f->isn != p.seq)) {
        /* a new connection attempt (a retransmitted SYN keeps its ISN, and the attempt) */
        f->attempt = 1;
        f->isn = p.seq;
        f->arrived[0] = f->arrived[1] = f->max_released[0] = f->max_released[1] = 0;
        f->off[0] = f->off[1] = 0;
        f->syn_drops_left = 0;
        if (syn_port >= 0 && p.dport == syn_port && pattern_len > 0)
            f->syn_drops_left = pattern[syn_attempts++ % pattern_len];
        if (seqrand_mode) {
            do f->off[C2S] = (uint32_t)rng(); while (f->off[C2S] == 0);
            if (seqrand_mode == 2) do f->off[S2C] = (uint32_t)rng(); while (f->off[S2C] == 0);
            char extra[160];
            snprintf(extra, sizeof extra, "\"seq_offset_c2s\":%u,\"seq_offset_s2c\":%u,\"isn_after\":%u",
                     f->off[C2S], f->off[S2C], p.seq + f->off[C2S]);
            log_packet("seqrand", &p, dir, extra);
        }
    }
    if (p.flags & 0x02) {   /* every SYN and SYN/ACK, with its sequence number after the router */
        char extra[64];
        snprintf(extra, sizeof extra, "\"isn_after\":%u", p.seq + f->off[dir]);
        log_packet("syn", &p, dir, extra);
    }
    if (dir == C2S && syn && f->syn_drops_left != 0) {
        if (f->syn_drops_left > 0) f->syn_drops_left--;
        n_dropped[dir]++;
        log_packet("drop", &p, dir, "\"reason\":\"syn-pattern\"");
        return nfq_set_verdict(qh, id, NF_DROP, 0, NULL);
    }
    if (p.payload > 0 && (drop_dirs & (1 << dir)) && drop_prob > 0 && rng_unit() < drop_prob) {
        n_dropped[dir]++;
        log_packet("drop", &p, dir, "\"reason\":\"random\"");
        return nfq_set_verdict(qh, id, NF_DROP, 0, NULL);
    }
    int changed = rewrite(&p, f, dir);
    if (changed) n_changed[dir]++;
    int dup = p.payload > 0 && dup_prob > 0 && rng_unit() < dup_prob;
    if (dup) {
        struct pkt q;
        parse(raw, n, &q);
        n_dup[dir]++;
        log_packet("duplicate", &q, dir, NULL);
    }
    f->arrived[dir]++;
    int late = (every > 0 && seen_all % every == 0) || (late_prob > 0 && rng_unit() < late_prob);
    uint64_t delay = base_ns + (late ? extra_ns : 0);
    if ((delay == 0 && !dup) || held_count >= MAX_HELD) {
        if (held_count >= MAX_HELD) n_hold_full++;
        if (f->arrived[dir] > f->max_released[dir]) f->max_released[dir] = f->arrived[dir];
        if (dup) send_copy(raw, n);
        return nfq_set_verdict(qh, id, NF_ACCEPT, changed ? (uint32_t)n : 0, changed ? raw : NULL);
    }
    struct held *h = &held[held_count++];
    h->id = id;
    h->due_ns = now_ns(CLOCK_MONOTONIC) + delay;
    h->changed = changed;
    h->dup = dup;
    h->flow = fi;
    h->dir = dir;
    h->arrival = f->arrived[dir];
    h->len = n;
    h->buf = malloc((size_t)n);   /* kept for every held packet: the overtaken log prints it */
    if (!h->buf) { perror("malloc"); exit(1); }
    memcpy(h->buf, raw, (size_t)n);
    return 0;
}

/* Releases due packets in the order they fall due; returns ns until the next one (at most 100 ms). */
static uint64_t release_due(int all) {
    uint64_t t = now_ns(CLOCK_MONOTONIC), next = 100000000ull;
    for (;;) {
        int best = -1;
        for (int i = 0; i < held_count; i++)
            if ((all || held[i].due_ns <= t) && (best < 0 || held[i].due_ns < held[best].due_ns)) best = i;
        if (best < 0) break;
        release(best);
    }
    t = now_ns(CLOCK_MONOTONIC);
    for (int i = 0; i < held_count; i++) {
        uint64_t left = held[i].due_ns > t ? held[i].due_ns - t : 0;
        if (left < next) next = left;
    }
    return next;
}

static void usage(void) {
    fprintf(stderr, "usage: nfq-path -q QUEUE -t SECONDS -l LOG [-d MS] [-e N -x MS] [-o PROB] [-p PROB]\n"
                    "                [-D c2s|s2c|both] [-s PORT:PATTERN] [-u PROB] [-r c2s|both] [-S SEED] [-c NET/LEN]\n");
    exit(2);
}

int main(int argc, char **argv) {
    int queue_num = -1, opt;
    long seconds = 0;
    const char *log_path = NULL, *net = "10.77.1.0/24";
    while ((opt = getopt(argc, argv, "q:t:l:d:e:x:o:p:D:s:u:r:S:c:")) != -1) {
        switch (opt) {
        case 'q': queue_num = atoi(optarg); break;
        case 't': seconds = atol(optarg); break;
        case 'l': log_path = optarg; break;
        case 'd': base_ns = (uint64_t)(atof(optarg) * 1e6); break;
        case 'e': every = atol(optarg); break;
        case 'x': extra_ns = (uint64_t)(atof(optarg) * 1e6); break;
        case 'o': late_prob = atof(optarg); break;
        case 'p': drop_prob = atof(optarg); break;
        case 'D': drop_dirs = !strcmp(optarg, "c2s") ? 1 : !strcmp(optarg, "s2c") ? 2 : 3; break;
        case 'u': dup_prob = atof(optarg); break;
        case 'r': seqrand_mode = !strcmp(optarg, "both") ? 2 : 1; break;
        case 'S': rng_state ^= strtoull(optarg, NULL, 0) * 0x2545f4914f6cdd1dull; if (!rng_state) rng_state = 1; break;
        case 's': {
            char *colon = strchr(optarg, ':');
            if (!colon) usage();
            syn_port = atoi(optarg);
            for (char *tok = strtok(colon + 1, ","); tok && pattern_len < MAX_PATTERN; tok = strtok(NULL, ","))
                pattern[pattern_len++] = (tok[0] == 'A' || tok[0] == 'a') ? ALL_SYNS : atoi(tok);
            break;
        }
        case 'c': net = optarg; break;
        default: usage();
        }
    }
    if (queue_num < 0 || seconds <= 0 || !log_path) usage();
    char netbuf[64];
    snprintf(netbuf, sizeof netbuf, "%s", net);
    char *slash = strchr(netbuf, '/');
    int bits = slash ? atoi(slash + 1) : 32;
    if (slash) *slash = 0;
    struct in_addr a;
    if (inet_pton(AF_INET, netbuf, &a) != 1 || bits < 0 || bits > 32) usage();
    client_mask = bits ? 0xffffffffu << (32 - bits) : 0;
    client_net = ntohl(a.s_addr) & client_mask;

    logf = fopen(log_path, "w");
    if (!logf) { perror(log_path); return 1; }
    setvbuf(logf, NULL, _IOLBF, 0);
    if (dup_prob > 0 && (raw_fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW)) < 0) { perror("nfq-path: raw socket"); return 1; }
    uint64_t stop = now_ns(CLOCK_MONOTONIC) + (uint64_t)seconds * 1000000000ull;
    struct sigaction sa = { .sa_handler = on_signal };
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    struct nfq_handle *h = nfq_open();
    if (!h) { perror("nfq_open"); return 1; }
    queue = nfq_create_queue(h, (uint16_t)queue_num, &on_packet, NULL);
    if (!queue) { perror("nfq-path: nfq_create_queue (is another program bound to this queue?)"); return 1; }
    if (nfq_set_mode(queue, NFQNL_COPY_PACKET, 0xffff) < 0) { perror("nfq_set_mode"); return 1; }
    nfq_set_queue_maxlen(queue, MAX_HELD * 2);
    nfnl_rcvbufsiz(nfq_nfnlh(h), 16u << 20);
    int fd = nfq_fd(h);
    static char buf[262144] __attribute__((aligned));
    while (!stopping && now_ns(CLOCK_MONOTONIC) < stop) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        uint64_t wait = release_due(0);
        struct timespec ts = { .tv_sec = (time_t)(wait / 1000000000ull), .tv_nsec = (long)(wait % 1000000000ull) };
        if (ppoll(&pfd, 1, &ts, NULL) > 0) {
            int r = (int)recv(fd, buf, sizeof buf, 0);
            if (r >= 0) nfq_handle_packet(h, buf, r);
            else if (errno == ENOBUFS) n_enobufs++;
            else if (errno != EINTR) { perror("recv"); break; }
        }
    }
    release_due(1);
    nfq_destroy_queue(queue);
    nfq_close(h);
    fprintf(logf, "{\"event\":\"summary\"");
    for (int d = 0; d < 2; d++)
        fprintf(logf, ",\"%s\":{\"seen\":%ld,\"dropped\":%ld,\"duplicated\":%ld,\"overtaken\":%ld,\"rewritten\":%ld}",
                dir_name[d], n_seen[d], n_dropped[d], n_dup[d], n_overtaken[d], n_changed[d]);
    fprintf(logf, ",\"hold_overflow\":%ld,\"queue_overflow\":%ld}\n", n_hold_full, n_enobufs);
    fclose(logf);
    fprintf(stderr, "nfq-path: %ld packets seen, %ld+%ld dropped, %ld+%ld duplicated, %ld+%ld overtaken%s\n",
            seen_all, n_dropped[0], n_dropped[1], n_dup[0], n_dup[1], n_overtaken[0], n_overtaken[1],
            n_enobufs ? " (netlink buffer overflowed: packets lost in the queue)" : "");
    return 0;
}
