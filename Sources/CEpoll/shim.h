// Glibc's epoll and eventfd headers, which Swift's Glibc module does not import. Header only: no
// C code is compiled, nothing outside the C library is linked.
#include <sys/epoll.h>
#include <sys/eventfd.h>
