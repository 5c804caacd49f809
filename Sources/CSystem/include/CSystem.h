#ifndef CSYSTEM_H
#define CSYSTEM_H

#include <pthread.h>
#include <signal.h>
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

/// A descriptor whose output can be gathered in a file in memory and then
/// written to where it goes in one piece. Made by `csystem_spool_open`.
typedef struct {
    /// Where the output goes.
    int destination;
    /// What to write to: a copy of `destination`, and of `file` while
    /// gathering. -1 when no copy could be made.
    int output;
    /// The file output is gathered in; -1 when there is none.
    int file;
    /// Whether `output` is gathering in `file` now.
    int gathering;
    /// The signal mask from before the gathering began.
    sigset_t mask;
} csystem_spool;

/// Makes `spool` for `destination`: its `output` (close-on-exec), and the
/// file to gather in, in memory on Linux (memfd), an unnamed temporary file
/// elsewhere. Returns `output`, or -1 when no copy of `destination` could
/// be made. Without a file, `csystem_spool_begin` gathers nothing and what
/// is written to `output` goes straight on.
int csystem_spool_open(csystem_spool *spool, int destination);

/// From now on, what is written to `output` is gathered in the file, with
/// SIGTSTP held back until `csystem_spool_end`: a stop's handler that
/// writes to `output`, or sets its terminal's modes, must find the
/// terminal. Returns 1, or 0 when `output` was left as it was (no file, or
/// it could not be pointed at it).
int csystem_spool_begin(csystem_spool *spool);

/// Points `output` at `destination` again, writes what was gathered to
/// `destination` in one piece (on until all of it is written), and lets
/// SIGTSTP through. Returns 0, or -1 with errno when something failed (the
/// rest is done still). Does nothing when not gathering.
int csystem_spool_end(csystem_spool *spool);

/// Closes the file (not `output`: whoever writes to it owns it).
void csystem_spool_close(csystem_spool *spool);

#endif
