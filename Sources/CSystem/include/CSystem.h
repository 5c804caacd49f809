#ifndef CSYSTEM_H
#define CSYSTEM_H

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

#endif
