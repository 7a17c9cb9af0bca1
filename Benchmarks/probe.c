/*
 * probe: the small native helper behind Benchmarks/run, compiled at run time with `cc`.
 *
 *   probe startup N BINARY [EXTRA-ARGS...]
 *       N times (after one unreported warm-up start): fork, exec
 *       BINARY --port 0 --ready-file F --quiet EXTRA-ARGS..., wait for F, then send
 *       GET /_sandbox/health to the port written in F until the answer is 200. The time
 *       from just before fork to that 200 (CLOCK_MONOTONIC) is one sample. The sandbox is
 *       stopped with SIGTERM and reaped before the next start.
 *       Prints one "sample_ms X" line per start, then "median_ms X min_ms X max_ms X".
 *
 *   probe freeport
 *       Binds 127.0.0.1:0, prints the port the kernel chose and closes it.
 *
 * Only 127.0.0.1 is ever bound or contacted.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const double start_timeout_ms = 10000.0;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static void pause_us(long microseconds) {
  struct timespec t = {microseconds / 1000000, (microseconds % 1000000) * 1000};
  while (nanosleep(&t, &t) != 0 && errno == EINTR) {}
}

/* Reads the "port" number out of the ready file; 0 while it is absent or incomplete. */
static int read_ready_port(const char *path) {
  char text[512];
  int fd = open(path, O_RDONLY);
  if (fd < 0) return 0;
  ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  if (n <= 0) return 0;
  text[n] = 0;
  const char *key = strstr(text, "\"port\"");
  if (!key) return 0;
  key = strchr(key, ':');
  if (!key) return 0;
  long port = strtol(key + 1, NULL, 10);
  return (port > 0 && port < 65536) ? (int)port : 0;
}

/* One GET /_sandbox/health on a fresh connection; returns the HTTP status or -1. */
static int health_status(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = htons((unsigned short)port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int status = -1;
  if (connect(fd, (struct sockaddr *)&address, sizeof address) == 0) {
    static const char request[] =
        "GET /_sandbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (write(fd, request, sizeof request - 1) == (ssize_t)(sizeof request - 1)) {
      char reply[64];
      size_t have = 0;
      while (have < 12) {
        ssize_t n = read(fd, reply + have, sizeof reply - 1 - have);
        if (n <= 0) break;
        have += (size_t)n;
      }
      reply[have] = 0;
      if (have >= 12 && strncmp(reply, "HTTP/1.", 7) == 0) status = atoi(reply + 9);
    }
  }
  close(fd);
  return status;
}

static void stop_child(pid_t child) {
  kill(child, SIGTERM);
  double deadline = now_ms() + 5000.0;
  int wstatus;
  while (waitpid(child, &wstatus, WNOHANG) == 0) {
    if (now_ms() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &wstatus, 0);
      return;
    }
    pause_us(1000);
  }
}

static volatile pid_t current_child = 0;

static void on_signal(int signal_number) {
  if (current_child > 0) kill(current_child, SIGKILL);
  _exit(128 + signal_number);
}

/* Starts the sandbox once; returns milliseconds to the first 200, or a negative number on failure. */
static double one_start(char **argv, const char *ready_path) {
  unlink(ready_path);
  double started = now_ms();
  pid_t child = fork();
  if (child < 0) return -1;
  if (child == 0) {
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);
    }
    execv(argv[0], argv);
    _exit(127);
  }
  current_child = child;
  double result = -1;
  int port = 0;
  while (now_ms() - started < start_timeout_ms) {
    int wstatus;
    if (waitpid(child, &wstatus, WNOHANG) == child) {
      fprintf(stderr, "probe: the sandbox exited before answering (status %d)\n", wstatus);
      current_child = 0;
      return -2;
    }
    if (port == 0) port = read_ready_port(ready_path);
    if (port != 0 && health_status(port) == 200) {
      result = now_ms() - started;
      break;
    }
    pause_us(200);
  }
  if (result < 0) fprintf(stderr, "probe: no 200 on /_sandbox/health within %.0f ms\n", start_timeout_ms);
  stop_child(child);
  current_child = 0;
  unlink(ready_path);
  return result;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int startup(int count, int extra_count, char **extra) {
  char directory[] = "/tmp/sandbox-probe-XXXXXX";
  if (!mkdtemp(directory)) {
    perror("probe: mkdtemp");
    return 1;
  }
  char ready_path[sizeof directory + 16];
  snprintf(ready_path, sizeof ready_path, "%s/ready.json", directory);

  /* argv: BINARY --port 0 --ready-file F --quiet EXTRA... NULL */
  char **argv = calloc((size_t)extra_count + 7, sizeof *argv);
  int a = 0;
  argv[a++] = extra[0];
  argv[a++] = "--port";
  argv[a++] = "0";
  argv[a++] = "--ready-file";
  argv[a++] = ready_path;
  argv[a++] = "--quiet";
  for (int i = 1; i < extra_count; i++) argv[a++] = extra[i];
  argv[a] = NULL;

  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  signal(SIGPIPE, SIG_IGN);

  double *samples = calloc((size_t)count, sizeof *samples);
  int failed = 0;
  if (one_start(argv, ready_path) < 0) failed = 1; /* warm-up: page cache, dynamic loader */
  for (int i = 0; i < count && !failed; i++) {
    samples[i] = one_start(argv, ready_path);
    if (samples[i] < 0) failed = 1;
    else printf("sample_ms %.3f\n", samples[i]);
  }
  rmdir(directory);
  if (failed) return 1;
  qsort(samples, (size_t)count, sizeof *samples, compare_doubles);
  double median = count % 2 ? samples[count / 2] : (samples[count / 2 - 1] + samples[count / 2]) / 2.0;
  printf("median_ms %.3f min_ms %.3f max_ms %.3f\n", median, samples[0], samples[count - 1]);
  return 0;
}

static int freeport(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, (struct sockaddr *)&address, sizeof address) != 0 ||
      getsockname(fd, (struct sockaddr *)&address, &length) != 0) {
    perror("probe: freeport");
    return 1;
  }
  printf("%d\n", ntohs(address.sin_port));
  close(fd);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "freeport") == 0) return freeport();
  if (argc >= 4 && strcmp(argv[1], "startup") == 0) {
    int count = atoi(argv[2]);
    if (count < 1) count = 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    return startup(count, argc - 3, argv + 3);
  }
  fprintf(stderr, "usage: probe startup N BINARY [ARGS...] | probe freeport\n");
  return 64;
}
