#ifndef CMALLOC_H
#define CMALLOC_H

/// Sets how much more memory the allocator asks the system for each time
/// its heap must grow (glibc's M_TOP_PAD), in bytes; also the first size
/// of the heap each new thread's arena starts with. Returns 1 when set, 0
/// where the C library has no such setting (it is then left alone).
int cmalloc_set_top_pad(int bytes);

#endif
