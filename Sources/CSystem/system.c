// mallopt (<malloc.h>) and sched_getcpu and the CPU_ macros (<sched.h>,
// under _GNU_SOURCE) are left out of Swift's view of the C library: this
// file calls them for the Swift code.
#define _GNU_SOURCE
#include "CSystem.h"
#include <stdlib.h> // defines __GLIBC__ on glibc
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sched.h>
#endif

int csystem_set_top_pad(int bytes) {
#if defined(__GLIBC__) && defined(M_TOP_PAD)
    return mallopt(M_TOP_PAD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}

int csystem_current_cpu(void) {
#if defined(__linux__)
    return sched_getcpu();
#else
    return -1;
#endif
}

int csystem_allowed_cpu_count(void) {
#if defined(__linux__) && defined(CPU_COUNT)
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
    return CPU_COUNT(&allowed);
#else
    return -1;
#endif
}

int csystem_move_off_cpu(int cpu) {
#if defined(__linux__) && defined(CPU_COUNT)
    if (cpu < 0 || cpu >= CPU_SETSIZE || sched_getcpu() != cpu) return 0;
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return 0;
    cpu_set_t others = allowed;
    CPU_CLR(cpu, &others);
    if (CPU_COUNT(&others) == 0) return 0;
    // Linux moves the calling thread at once when its CPU is taken out of its set.
    if (sched_setaffinity(0, sizeof others, &others) != 0) return 0;
    sched_setaffinity(0, sizeof allowed, &allowed);
    return 1;
#else
    (void)cpu;
    return 0;
#endif
}

#if defined(__linux__) && defined(CPU_COUNT)
/// What the new thread runs, and the CPUs it may run on once started.
struct csystem_apart {
    void *(*start)(void *);
    void *argument;
    cpu_set_t allowed;
};

static void *csystem_apart_main(void *context) {
    struct csystem_apart apart = *(struct csystem_apart *)context;
    free(context);
    sched_setaffinity(0, sizeof apart.allowed, &apart.allowed);
    return apart.start(apart.argument);
}
#endif

int csystem_start_thread_apart(pthread_t *thread, void *(*start)(void *), void *argument) {
#if defined(__linux__) && defined(CPU_COUNT)
    struct csystem_apart *apart = malloc(sizeof *apart);
    if (apart == NULL) return pthread_create(thread, NULL, start, argument);
    apart->start = start;
    apart->argument = argument;
    int cpu = sched_getcpu();
    if (cpu < 0 || cpu >= CPU_SETSIZE || sched_getaffinity(0, sizeof apart->allowed, &apart->allowed) != 0) goto anywhere;
    cpu_set_t others = apart->allowed;
    CPU_CLR(cpu, &others);
    if (CPU_COUNT(&others) == 0) goto anywhere;
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) goto anywhere;
    int result = pthread_attr_setaffinity_np(&attributes, sizeof others, &others);
    if (result == 0) result = pthread_create(thread, &attributes, csystem_apart_main, apart);
    pthread_attr_destroy(&attributes);
    if (result == 0) return 0;
anywhere:
    free(apart);
#endif
    return pthread_create(thread, NULL, start, argument);
}

// MARK: - Output gathered, then written in one piece

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

/// Makes `to` a close-on-exec copy of `from`.
static int csystem_point(int from, int to) {
    for (;;) {
#if defined(__linux__)
        if (dup3(from, to, O_CLOEXEC) >= 0) return 0;
#else
        if (dup2(from, to) >= 0) return fcntl(to, F_SETFD, FD_CLOEXEC) == -1 ? -1 : 0;
#endif
        // EBUSY: Linux's answer while another thread opens a descriptor.
        if (errno != EINTR && errno != EBUSY) return -1;
    }
}

static int csystem_write_all(int fd, const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t written = write(fd, bytes, count);
        if (written > 0) {
            bytes += written;
            count -= (size_t)written;
        } else if (written < 0 && errno == EINTR) {
            continue;
        } else if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd ready = {.fd = fd, .events = POLLOUT, .revents = 0};
            poll(&ready, 1, -1);
        } else {
            if (written == 0) errno = EIO;
            return -1;
        }
    }
    return 0;
}

int csystem_spool_open(csystem_spool *spool, int destination) {
    spool->destination = destination;
    spool->output = fcntl(destination, F_DUPFD_CLOEXEC, 0);
    spool->file = -1;
    spool->gathering = 0;
    sigemptyset(&spool->mask);
    if (spool->output < 0) return -1;
#if defined(__linux__) && defined(MFD_CLOEXEC)
    spool->file = memfd_create("security-overview-frame", MFD_CLOEXEC);
#endif
    if (spool->file < 0) {
        FILE *temporary = tmpfile();
        if (temporary != NULL) {
            spool->file = fcntl(fileno(temporary), F_DUPFD_CLOEXEC, 0);
            fclose(temporary);
        }
    }
    return spool->output;
}

int csystem_spool_begin(csystem_spool *spool) {
    if (spool->file < 0 || spool->output < 0 || spool->gathering) return 0;
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTSTP);
    if (pthread_sigmask(SIG_BLOCK, &stop, &spool->mask) != 0) return 0;
    // The file stands at its start: made so, and put back so by every end.
    if (csystem_point(spool->file, spool->output) != 0) {
        pthread_sigmask(SIG_SETMASK, &spool->mask, NULL);
        return 0;
    }
    spool->gathering = 1;
    return 1;
}

int csystem_spool_end(csystem_spool *spool) {
    if (!spool->gathering) return 0;
    spool->gathering = 0;
    int failure = 0;
    if (csystem_point(spool->destination, spool->output) != 0) failure = errno;
    // `output` shared the file's offset: it stands at the end of what was written.
    off_t length = lseek(spool->file, 0, SEEK_CUR);
    // In pieces of 64 KiB: the review's frame at 80x24 is under 2 KiB.
    char bytes[65536];
    for (off_t done = 0; length > 0 && done < length;) {
        size_t want = (size_t)(length - done) < sizeof bytes ? (size_t)(length - done) : sizeof bytes;
        ssize_t got = pread(spool->file, bytes, want, done);
        if (got <= 0) {
            if (got < 0 && errno == EINTR) continue;
            if (!failure) failure = got < 0 ? errno : EIO;
            break;
        }
        if (csystem_write_all(spool->destination, bytes, (size_t)got) != 0) {
            if (!failure) failure = errno;
            break;
        }
        done += got;
    }
    // For the next gathering (what follows this length is never read).
    lseek(spool->file, 0, SEEK_SET);
    pthread_sigmask(SIG_SETMASK, &spool->mask, NULL);
    if (!failure) return 0;
    errno = failure;
    return -1;
}

void csystem_spool_close(csystem_spool *spool) {
    if (spool->file >= 0) close(spool->file);
    spool->file = -1;
}
