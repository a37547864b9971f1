#pragma once
// The listening socket's backlog. cpp-httplib (the Debian build, 0.11) listens with a
// backlog of 5 and does not expose its socket. When many devices connect at once (every
// laptop of a district after a meeting, nastavnik-load's 1000 devices) the kernel's accept
// queue overflows: connections wait for SYN retransmissions, and with SYN cookies some of
// them are reset ("cannot reach the server"). listen() on a socket that already listens
// only changes its backlog, so the server finds its own listening socket and enlarges it.

namespace nastavnik::server::http {

inline constexpr int kListenBacklog = 1024;  // capped by the kernel's net.core.somaxconn

// Sets the backlog of this process's listening TCP socket(s) bound to `port`. Returns how
// many sockets were changed (0 if none was found: the server still works, with httplib's
// backlog).
int enlarge_listen_backlog(int port, int backlog = kListenBacklog);

}  // namespace nastavnik::server::http
