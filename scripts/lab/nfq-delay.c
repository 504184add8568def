/*
 * nfq-delay: delay and reorder packets from an iptables NFQUEUE, because this lab's kernel
 * has no netem qdisc. Every packet is held for BASE_MS; in addition every EVERY-th packet is
 * held EXTRA_MS longer, so it overtakes nothing but is overtaken (reordering). Runs for at
 * most SECONDS, then releases everything it holds and exits.
 *
 *   nfq-delay QUEUE BASE_MS EVERY EXTRA_MS SECONDS
 *
 * Build: cc -O2 -o nfq-delay nfq-delay.c -lnetfilter_queue
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netfilter.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define MAX_HELD 8192

struct held { uint32_t id; uint64_t due_ns; };

static struct held held[MAX_HELD];
static int held_count;
static long base_ms, every, extra_ms, seen;
static struct nfq_q_handle *queue;

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data) {
    (void)msg; (void)data;
    struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
    if (!ph) return 0;
    uint32_t id = ntohl(ph->packet_id);
    seen++;
    long delay = base_ms + ((every > 0 && seen % every == 0) ? extra_ms : 0);
    if (delay <= 0 || held_count >= MAX_HELD)
        return nfq_set_verdict(qh, id, NF_ACCEPT, 0, NULL);
    held[held_count].id = id;
    held[held_count].due_ns = now_ns() + (uint64_t)delay * 1000000ull;
    held_count++;
    return 0;
}

/* Releases due packets in the order they fall due; returns ms until the next one (or 100). */
static int release_due(int all) {
    uint64_t t = now_ns();
    int next_ms = 100;
    for (;;) {
        int best = -1;
        for (int i = 0; i < held_count; i++)
            if ((all || held[i].due_ns <= t) && (best < 0 || held[i].due_ns < held[best].due_ns)) best = i;
        if (best < 0) break;
        nfq_set_verdict(queue, held[best].id, NF_ACCEPT, 0, NULL);
        held[best] = held[--held_count];
    }
    for (int i = 0; i < held_count; i++) {
        int ms = (int)((held[i].due_ns - t) / 1000000ull);
        if (ms < next_ms) next_ms = ms < 1 ? 1 : ms;
    }
    return next_ms;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: nfq-delay QUEUE BASE_MS EVERY EXTRA_MS SECONDS\n");
        return 2;
    }
    int queue_num = atoi(argv[1]);
    base_ms = atol(argv[2]);
    every = atol(argv[3]);
    extra_ms = atol(argv[4]);
    uint64_t stop = now_ns() + (uint64_t)atol(argv[5]) * 1000000000ull;

    struct nfq_handle *h = nfq_open();
    if (!h) { perror("nfq_open"); return 1; }
    queue = nfq_create_queue(h, (uint16_t)queue_num, &on_packet, NULL);
    if (!queue) { perror("nfq_create_queue"); return 1; }
    if (nfq_set_mode(queue, NFQNL_COPY_META, 0) < 0) { perror("nfq_set_mode"); return 1; }
    int fd = nfq_fd(h);
    char buf[65536] __attribute__((aligned));
    while (now_ns() < stop) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        int wait = release_due(0);
        int r = poll(&p, 1, wait);
        if (r > 0) {
            int n = recv(fd, buf, sizeof buf, 0);
            if (n >= 0) nfq_handle_packet(h, buf, n);
            else if (errno != ENOBUFS && errno != EINTR) { perror("recv"); break; }
        }
    }
    release_due(1);
    nfq_destroy_queue(queue);
    nfq_close(h);
    fprintf(stderr, "nfq-delay: %ld packets seen\n", seen);
    return 0;
}
