#ifndef CFILES_H
#define CFILES_H

/// Swaps the files at `a` and `b` in one step (Linux's renameat2 with
/// RENAME_EXCHANGE): each path then names the other's file. Returns 0, or -1
/// with errno set: ENOENT when either is missing, EINVAL or ENOSYS where the
/// file system or the kernel cannot swap, and always ENOSYS off Linux.
int cfiles_exchange(const char *a, const char *b);

#endif
