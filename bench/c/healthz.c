/* The no-database limit: the least a libmicrohttpd program can do to answer the service's no-database
 * route with the same bytes (status, headers, body). Same daemon flags and options as
 * Sources/HTTPServer/DaemonOptions.swift (epoll thread pool, turbo, ITC, no-op unescaper, timeouts,
 * limits); answers on the second access-handler call, as the service does (an answer in the first call
 * turns keep-alive off in MHD 0.9.75). X-Request-Id is a fresh 32-hex-digit id per request, as the
 * service generates one.
 *
 * usage: healthz PORT THREADS STATUS BODY [HEADER VALUE]...
 * build: gcc -O2 -o healthz healthz.c $(pkg-config --cflags --libs libmicrohttpd)
 */
#include <microhttpd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <arpa/inet.h>

static unsigned int status;
static const char *body;
static size_t body_len;
static int nheaders;
static char **headers; /* name, value, name, value, ... */

static size_t keep_escaped(void *cls, struct MHD_Connection *c, char *s) {
  (void)cls; (void)c;
  return strlen(s);
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                               const char *version, const char *upload, size_t *upload_size, void **con_cls) {
  static int marker;
  (void)cls; (void)url; (void)method; (void)version; (void)upload;
  if (*con_cls == NULL) { *con_cls = &marker; return MHD_YES; }
  if (*upload_size != 0) { *upload_size = 0; return MHD_YES; }
  struct MHD_Response *r = MHD_create_response_from_buffer(body_len, (void *)body, MHD_RESPMEM_MUST_COPY);
  if (r == NULL) return MHD_NO;
  for (int i = 0; i < nheaders; i++) MHD_add_response_header(r, headers[2 * i], headers[2 * i + 1]);
  unsigned char raw[16];
  char id[33];
  if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw) memset(raw, 0, sizeof raw);
  for (int i = 0; i < 16; i++) { id[2 * i] = "0123456789abcdef"[raw[i] >> 4]; id[2 * i + 1] = "0123456789abcdef"[raw[i] & 15]; }
  id[32] = 0;
  MHD_add_response_header(r, "X-Request-Id", id);
  enum MHD_Result ret = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  return ret;
}

int main(int argc, char **argv) {
  if (argc < 5 || (argc - 5) % 2 != 0) {
    fprintf(stderr, "usage: %s PORT THREADS STATUS BODY [HEADER VALUE]...\n", argv[0]);
    return 2;
  }
  int port = atoi(argv[1]);
  unsigned int threads = (unsigned int)atoi(argv[2]);
  status = (unsigned int)atoi(argv[3]);
  body = argv[4];
  body_len = strlen(body);
  nheaders = (argc - 5) / 2;
  headers = argv + 5;

  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL); /* MHD's threads inherit the mask; main waits below */
  signal(SIGPIPE, SIG_IGN);

  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ITC |
                       MHD_USE_ERROR_LOG;
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, (uint16_t)port, NULL, NULL, handler, NULL,
      MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1024,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
      MHD_OPTION_THREAD_POOL_SIZE, threads > 1 ? threads : 0,
      MHD_OPTION_END);
  if (d == NULL) { fprintf(stderr, "cannot start on port %d\n", port); return 1; }
  int sig;
  sigwait(&set, &sig);
  MHD_stop_daemon(d);
  return 0;
}
