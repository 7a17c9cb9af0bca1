// Glibc headers and declarations that Swift's Glibc module leaves out. Header only: no C code is
// compiled, nothing beyond the C library is linked.

// The HTTP server's event loops.
#include <sys/epoll.h>
#include <sys/eventfd.h>

// mallopt, to keep the server to one malloc arena (see ProcessMemory.swift).
#include <malloc.h>

// Declared by <sched.h> only under _GNU_SOURCE, which Swift's Glibc module is built without:
// the processors this process may run on (taskset, cgroups), to size the event loops.
extern int sched_getaffinity(int pid, unsigned long size, void *mask);
