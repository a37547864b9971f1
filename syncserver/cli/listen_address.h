#pragma once
// The --listen value of `serve`: HOST:PORT, with IPv6 hosts in brackets ([::1]:8443).
// Port 0 asks the system for any free port.

#include <string>

#include "shared/core/status.h"

namespace nastavnik::server::cli {

struct ListenAddress {
  std::string host;
  int port = 0;
  // "host:port", or "[host]:port" for IPv6, as a URL needs it.
  std::string with_port(int bound_port) const;
};

// InvalidArgument naming what is wrong ("missing port", "port above 65535", ...).
Result<ListenAddress> parse_listen_address(const std::string& text);

}  // namespace nastavnik::server::cli
