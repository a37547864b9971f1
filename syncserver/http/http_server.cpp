#include "syncserver/http/http_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <exception>
#include <string>

#include "syncserver/http/error_mapping.h"
#include "syncserver/http/json_response.h"
#include "syncserver/http/listen_backlog.h"
#include "syncserver/http/printable_text.h"
#include "syncserver/http/request_guard.h"
#include "syncserver/http/request_log.h"
#include "syncserver/http/routes.h"

namespace nastavnik::server::http {

Result<std::unique_ptr<SyncHttpServer>> SyncHttpServer::create(SyncService& service,
                                                               HttpServerOptions options) {
  const bool tls = !options.tls_cert_file.empty() || !options.tls_key_file.empty();
  std::unique_ptr<httplib::Server> server;
  if (tls) {
    if (options.tls_cert_file.empty() || options.tls_key_file.empty())
      return Status::InvalidArgument("TLS needs both a certificate and its private key");
    server =
        std::make_unique<httplib::SSLServer>(options.tls_cert_file.c_str(), options.tls_key_file.c_str());
    if (!server->is_valid())
      return Status::InvalidArgument("cannot load the TLS certificate " + options.tls_cert_file +
                                     " with the key " + options.tls_key_file +
                                     ": both must be PEM files, readable, and belong together");
  } else {
    server = std::make_unique<httplib::Server>();
  }
  std::unique_ptr<SyncHttpServer> out(
      new SyncHttpServer(service, std::move(server), std::move(options), tls));
  out->configure();
  return out;
}

SyncHttpServer::SyncHttpServer(SyncService& service, std::unique_ptr<httplib::Server> server,
                               HttpServerOptions options, bool tls)
    : service_(service), server_(std::move(server)), options_(std::move(options)), tls_(tls) {}

SyncHttpServer::~SyncHttpServer() = default;

void SyncHttpServer::configure() {
  httplib::Server& s = *server_;
  const size_t max_body = options_.max_body_bytes;
  // httplib's default socket options add SO_REUSEPORT, which lets a second server bind the
  // same port and silently take half of the requests. Only SO_REUSEADDR: a restart can
  // rebind at once, a second instance fails with "port in use".
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  s.set_read_timeout(options_.read_timeout);
  s.set_write_timeout(options_.write_timeout);
  // Backstop for any body path the checks below do not see (e.g. chunked uploads).
  s.set_payload_max_length(max_body);

  s.set_pre_routing_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    note_request_start(req);
    return guard_request(req, res, max_body);
  });
  s.set_expect_100_continue_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    return answer_expect_continue(req, res, max_body);
  });
  register_routes(s, service_, max_body);

  // Responses httplib produced itself (unknown path, unreadable request, body over
  // payload_max_length) get the same JSON error body as ours.
  s.set_error_handler(
      httplib::Server::HandlerWithResponse([max_body](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        send_error(res, res.status == 413 ? payload_too_large(max_body)
                                          : http_error_for_status(res.status, req.method, req.path));
        return httplib::Server::HandlerResponse::Handled;
      }));
  s.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    spdlog::error("unhandled exception in {} {}: {}", printable(req.method, 10), printable(req.path), what);
    send_error(res, internal_error());
  });
  s.set_post_routing_handler([this](const httplib::Request&, httplib::Response& res) {
    res.set_header(kServerTimeHeader, std::to_string(service_.now()));
  });
  s.set_logger(log_request);
}

Result<int> SyncHttpServer::bind(const std::string& host, int port) {
  if (port == 0) {
    const int bound = server_->bind_to_any_port(host);
    if (bound <= 0)
      return Status::Unavailable("cannot listen on " + host + ": the address is not available here");
    if (enlarge_listen_backlog(bound) == 0) spdlog::warn("could not enlarge the listen backlog of port {}", bound);
    return bound;
  }
  if (!server_->bind_to_port(host, port))
    return Status::Unavailable("cannot listen on " + host + ":" + std::to_string(port) +
                               ": the port is in use or not permitted");
  if (enlarge_listen_backlog(port) == 0) spdlog::warn("could not enlarge the listen backlog of port {}", port);
  return port;
}

Status SyncHttpServer::serve() {
  if (!server_->listen_after_bind()) return Status::IoError("the listening socket failed");
  return Status::Ok();
}

void SyncHttpServer::stop() { server_->stop(); }

bool SyncHttpServer::is_running() const { return server_->is_running(); }

}  // namespace nastavnik::server::http
