#include "syncserver/cli/listen_address.h"

#include <charconv>

namespace nastavnik::server::cli {

std::string ListenAddress::with_port(int bound_port) const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(bound_port);
}

Result<ListenAddress> parse_listen_address(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("--listen " + text + ": " + why +
                                   " (expected HOST:PORT, e.g. 0.0.0.0:8443)");
  };
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) return bad("missing port");
  ListenAddress out;
  out.host = text.substr(0, colon);
  if (out.host.size() >= 2 && out.host.front() == '[' && out.host.back() == ']')
    out.host = out.host.substr(1, out.host.size() - 2);
  if (out.host.empty()) return bad("missing host");
  const std::string port = text.substr(colon + 1);
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size())
    return bad("the port is not a number");
  if (out.port < 0 || out.port > 65535) return bad("the port must be between 0 and 65535");
  return out;
}

}  // namespace nastavnik::server::cli
