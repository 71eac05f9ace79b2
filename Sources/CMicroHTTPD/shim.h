/*
 * CMicroHTTPD shim: the libmicrohttpd (0.9.75) header plus `static inline` wrappers for the variadic
 * calls that Swift cannot import (MHD_start_daemon, MHD_get_connection_info, MHD_get_daemon_info).
 * Reference: https://www.gnu.org/software/libmicrohttpd/manual/libmicrohttpd.html
 */
#ifndef STREAMJOBS_CMICROHTTPD_SHIM_H
#define STREAMJOBS_CMICROHTTPD_SHIM_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

/*
 * Starts a daemon with every option given as an array of `struct MHD_OptionItem` terminated by
 * `{MHD_OPTION_END, 0, NULL}` (MHD_OPTION_ARRAY). Options that take two pointers put the first in
 * `value` (cast to intptr_t) and the second in `ptr_value`. Returns NULL on failure.
 */
static inline struct MHD_Daemon *
sj_mhd_start_daemon(unsigned int flags, uint16_t port, MHD_AccessHandlerCallback handler,
                    void *handler_cls, struct MHD_OptionItem *options)
{
  return MHD_start_daemon(flags, port, NULL, NULL, handler, handler_cls,
                          MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

/* The peer address of a connection (MHD_CONNECTION_INFO_CLIENT_ADDRESS), or NULL if unknown. */
static inline const struct sockaddr *
sj_mhd_client_address(struct MHD_Connection *connection)
{
  const union MHD_ConnectionInfo *info =
    MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  return (NULL == info) ? NULL : info->client_addr;
}

/* Open connections of the daemon, summed over its thread pool (MHD_DAEMON_INFO_CURRENT_CONNECTIONS),
 * or -1 if MHD cannot tell. */
static inline int64_t
sj_mhd_current_connections(struct MHD_Daemon *daemon)
{
  const union MHD_DaemonInfo *info =
    MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
  return (NULL == info) ? -1 : (int64_t) info->num_connections;
}

/* The port the daemon listens on (MHD_DAEMON_INFO_BIND_PORT), 0 if MHD cannot tell. */
static inline uint16_t
sj_mhd_bind_port(struct MHD_Daemon *daemon)
{
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
  return (NULL == info) ? 0 : info->port;
}

/* The listening socket (MHD_DAEMON_INFO_LISTEN_FD), or -1 if there is none. */
static inline int
sj_mhd_listen_fd(struct MHD_Daemon *daemon)
{
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_LISTEN_FD);
  return (NULL == info) ? -1 : info->listen_fd;
}

/* The socket of a connection (MHD_CONNECTION_INFO_CONNECTION_FD), or -1 if unknown. */
static inline int
sj_mhd_connection_fd(struct MHD_Connection *connection)
{
  const union MHD_ConnectionInfo *info =
    MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  return (NULL == info) ? -1 : info->connect_fd;
}

/* The socket context set in MHD_OPTION_NOTIFY_CONNECTION (MHD_CONNECTION_INFO_SOCKET_CONTEXT), or NULL. */
static inline void *
sj_mhd_socket_context(struct MHD_Connection *connection)
{
  const union MHD_ConnectionInfo *info =
    MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return (NULL == info) ? NULL : info->socket_context;
}

/* Formats an MHD log message (printf format + va_list from MHD_LogCallback) into `buffer`. */
static inline int
sj_mhd_format_log(char *buffer, size_t size, const char *format, va_list args)
{
  return vsnprintf(buffer, size, format, args);
}

#endif /* STREAMJOBS_CMICROHTTPD_SHIM_H */
