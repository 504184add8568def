/*
 * nfq-delay: delay and reorder packets from an iptables NFQUEUE, because this lab's kernel
 * has no netem qdisc. Every packet is held for BASE_MS; in addition every EVERY-th packet is
 * held EXTRA_MS longer, so it overtakes nothing but is overtaken (reordering). Delays may have
 * a fraction (0.5 = 500 us); EVERY 0 turns reordering off. Runs for at most SECONDS, then
 * releases everything it holds and exits (iptables' --queue-bypass then lets packets through);
 * SIGTERM or SIGINT end it the same way at once.
 *
 *   nfq-delay QUEUE BASE_MS EVERY EXTRA_MS SECONDS
 *
 * Build: cc -O2 -o nfq-delay nfq-delay.c -lnetfilter_queue
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netfilter.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define MAX_HELD 8192

struct held { uint32_t id; uint64_t due_ns; };

static struct held held[MAX_HELD];
static int held_count;
static long every, seen;
static uint64_t base_ns, extra_ns;
static struct nfq_q_handle *queue;
static volatile sig_atomic_t stopping;

static void on_signal(int sig) { (void)sig; stopping = 1; }

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
    uint64_t delay = base_ns + ((every > 0 && seen % every == 0) ? extra_ns : 0);
    if (delay == 0 || held_count >= MAX_HELD)
        return nfq_set_verdict(qh, id, NF_ACCEPT, 0, NULL);
    held[held_count].id = id;
    held[held_count].due_ns = now_ns() + delay;
    held_count++;
    return 0;
}

/* Releases due packets in the order they fall due; returns ns until the next one (at most 100 ms). */
static uint64_t release_due(int all) {
    uint64_t t = now_ns();
    uint64_t next = 100000000ull;
    for (;;) {
        int best = -1;
        for (int i = 0; i < held_count; i++)
            if ((all || held[i].due_ns <= t) && (best < 0 || held[i].due_ns < held[best].due_ns)) best = i;
        if (best < 0) break;
        nfq_set_verdict(queue, held[best].id, NF_ACCEPT, 0, NULL);
        held[best] = held[--held_count];
    }
    t = now_ns();
    for (int i = 0; i < held_count; i++) {
        uint64_t left = held[i].due_ns > t ? held[i].due_ns - t : 0;
        if (left < next) next = left;
    }
    return next;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: nfq-delay QUEUE BASE_MS EVERY EXTRA_MS SECONDS\n");
        return 2;
    }
    int queue_num = atoi(argv[1]);
    base_ns = (uint64_t)(atof(argv[2]) * 1e6);
    every = atol(argv[3]);
    extra_ns = (uint64_t)(atof(argv[4]) * 1e6);
    uint64_t stop = now_ns() + (uint64_t)atol(argv[5]) * 1000000000ull;

    struct sigaction sa = { .sa_handler = on_signal };
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    struct nfq_handle *h = nfq_open();
    if (!h) { perror("nfq_open"); return 1; }
    queue = nfq_create_queue(h, (uint16_t)queue_num, &on_packet, NULL);
    if (!queue) { perror("nfq-delay: nfq_create_queue (is another nfq-delay bound to this queue?)"); return 1; }
    if (nfq_set_mode(queue, NFQNL_COPY_META, 0) < 0) { perror("nfq_set_mode"); return 1; }
    int fd = nfq_fd(h);
    char buf[65536] __attribute__((aligned));
    while (!stopping && now_ns() < stop) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        uint64_t wait = release_due(0);
        struct timespec ts = { .tv_sec = (time_t)(wait / 1000000000ull), .tv_nsec = (long)(wait % 1000000000ull) };
        int r = ppoll(&p, 1, &ts, NULL);
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
