#ifndef CSYSTEM_H
#define CSYSTEM_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__linux__)
/// BoringSSL's one-shot SHA-256 (its `SHA256`), as swift-crypto builds it
/// into every binary that uses swift-crypto on Linux, under the prefix it
/// gives BoringSSL's symbols. Declared here because swift-crypto does not
/// export its C module; `OverviewCore`'s `SHA256Input` says why it is
/// called directly, and its tests hold the digests to `Crypto.SHA256`'s.
uint8_t *CCryptoBoringSSL_SHA256(const uint8_t *data, size_t len, uint8_t out[32]);
#endif

/// Sets how much more memory the allocator asks the system for each time
/// its heap must grow (glibc's M_TOP_PAD), in bytes; also the first size
/// of the heap each new thread's arena starts with. Returns 1 when set, 0
/// where the C library has no such setting (it is then left alone).
int csystem_set_top_pad(int bytes);

/// The CPU the calling thread runs on now, or -1 where that cannot be told.
int csystem_current_cpu(void);

/// How many CPUs the calling thread may run on; -1 where that cannot be told.
int csystem_allowed_cpu_count(void);

/// When the calling thread runs on `cpu` and may run on another, moves it
/// to another and leaves it free to run anywhere again, as it was: a hint,
/// for a thread started to work beside the one on `cpu`. Returns 1 when it
/// moved, 0 when it did not (also off Linux).
int csystem_move_off_cpu(int cpu);

/// Starts `start(argument)` on a new thread, as `pthread_create` does, but
/// on a CPU other than the caller's when it may run on another, and then
/// free to run anywhere the caller may. Linux put a new thread on its
/// creator's CPU, where it waited for the creator to block before it ran.
/// Returns `pthread_create`'s result.
int csystem_start_thread_apart(pthread_t *thread, void *(*start)(void *), void *argument);

#endif
