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
