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
