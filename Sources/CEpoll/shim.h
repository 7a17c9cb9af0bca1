// Glibc's epoll and eventfd headers, which Swift's Glibc module does not import. Header only: no
// C code is compiled, nothing outside the C library is linked.
#include <sys/epoll.h>
#include <sys/eventfd.h>

// Declared by <sched.h> only under _GNU_SOURCE, which Swift's Glibc module is built without:
// the processors this process may run on (taskset, cgroups), to size the event loops.
extern int sched_getaffinity(int pid, unsigned long size, void *mask);
