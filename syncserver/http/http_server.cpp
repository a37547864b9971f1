#include "syncserver/http/http_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <string>

#include "syncserver/http/error_mapping.h"
#include "syncserver/http/guarded_server.h"
#include "syncserver/http/json_response.h"
#include "syncserver/http/printable_text.h"
#include "syncserver/http/request_guard.h"
#include "syncserver/http/request_log.h"
#include "syncserver/http/routes.h"

namespace nastavnik::server::http {
namespace {

// Keeps every descriptor httplib may still pass to select() below FD_SETSIZE (1024):
// the Debian build of cpp-httplib 0.11 uses select() for some waits.
constexpr size_t kMaxConnections = 768;

}  // namespace

Result<std::unique_ptr<SyncHttpServer>> SyncHttpServer::create(SyncService& service, HttpServerOptions options) {
  if (options.workers == 0 || options.workers + options.max_queued > kMaxConnections)
    return Status::InvalidArgument("workers plus queued connections must be between 1 and " +
                                   std::to_string(kMaxConnections));
  std::unique_ptr<TlsContext> tls;
  if (!options.tls_cert_file.empty() || !options.tls_key_file.empty()) {
    if (options.tls_cert_file.empty() || options.tls_key_file.empty())
      return Status::InvalidArgument("TLS needs both a certificate and its private key");
    NASTAVNIK_ASSIGN_OR_RETURN(tls, TlsContext::load(options.tls_cert_file, options.tls_key_file));
  }
  GuardedServerOptions guarded;
  guarded.workers = options.workers;
  guarded.max_queued = options.max_queued;
  guarded.limits = options.limits;
  auto server = std::make_unique<GuardedServer>(guarded, std::move(tls));
  std::unique_ptr<SyncHttpServer> out(new SyncHttpServer(service, std::move(server), std::move(options)));
  out->configure();
  return out;
}

SyncHttpServer::SyncHttpServer(SyncService& service, std::unique_ptr<GuardedServer> server, HttpServerOptions options)
    : service_(service), server_(std::move(server)), options_(std::move(options)),
      enroll_limiter_(std::make_unique<EnrollLimiter>(options_.enroll_limits)) {}

SyncHttpServer::~SyncHttpServer() = default;

bool SyncHttpServer::uses_tls() const { return server_->uses_tls(); }

void SyncHttpServer::configure() {
  GuardedServer& s = *server_;
  const size_t max_body = options_.max_body_bytes;
  // httplib's default socket options add SO_REUSEPORT, which lets a second server bind the
  // same port and silently take half of the requests. Only SO_REUSEADDR: a restart can
  // rebind at once, a second instance fails with "port in use".
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // Backstop for any body path the checks below do not see (e.g. chunked uploads).
  s.set_payload_max_length(max_body);

  s.set_pre_routing_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    note_request_start(req);
    return guard_request(req, res, max_body);
  });
  s.set_expect_100_continue_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    return answer_expect_continue(req, res, max_body);
  });
  RouteContext routes{service_, max_body, *enroll_limiter_, options_.trusted_proxies};
  register_routes(s, routes);

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
  int bound = port;
  if (port == 0) {
    bound = server_->bind_to_any_port(host);
    if (bound <= 0) return Status::Unavailable("cannot listen on " + host + ": the address is not available here");
  } else if (!server_->bind_to_port(host, port)) {
    return Status::Unavailable("cannot listen on " + host + ":" + std::to_string(port) +
                               ": the port is in use or not permitted");
  }
  server_->tune_listening_socket();
  return bound;
}

Status SyncHttpServer::serve() {
  if (!server_->listen_after_bind()) return Status::IoError("the listening socket failed");
  return Status::Ok();
}

void SyncHttpServer::stop() { server_->stop_serving(); }

bool SyncHttpServer::is_running() const { return server_->is_running(); }

}  // namespace nastavnik::server::http
