// `serve --store ADDRESS --listen HOST:PORT [...]`: opens the store and the server key and
// serves the HTTP API until SIGTERM or SIGINT. With port 0 the system picks a free port;
// the chosen port is announced on stdout ("listening on http://HOST:PORT") and written to
// --port-file before the first request is accepted, so a test or a supervisor can wait
// for it instead of guessing a fixed port.

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "syncserver/cli/atomic_file.h"
#include "syncserver/cli/commands.h"
#include "syncserver/cli/listen_address.h"
#include "syncserver/cli/stop_signals.h"

#include <signal.h>
#include "syncserver/cli/store_access.h"
#include "syncserver/http/error_mapping.h"
#include "syncserver/http/http_server.h"

namespace nastavnik::server::cli {
namespace {

struct Options {
  StoreChoice store;
  std::string listen, tls_cert, tls_key, port_file, log_level = "info";
  int max_body_mb = 16;
  int workers = 64, max_queued = 256, header_timeout_s = 10, keep_alive_s = 2;
  std::vector<std::string> trusted_proxies;
};

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// The embedded server bounds every phase of a connection, but it keeps a thread per
// connection: facing the network it needs the nginx front (docs/OPERATIONS.md §6).
void warn_if_exposed(const std::string& host, const Options& o) {
  if (is_loopback(host)) return;
  spdlog::warn(
      "listening on {}, reachable from the network without the nginx front. This server holds {} connections at "
      "once ({} waiting, more are refused with 503); it cuts slow headers after {} s and stalled uploads, but a "
      "client that downloads slowly keeps its thread until done, and one address may take every thread. Put "
      "nginx in front of it and listen on 127.0.0.1 (docs/OPERATIONS.md, \"The nginx front\").",
      host, o.workers, o.max_queued, o.header_timeout_s);
}

void setup_logging(const std::string& level) {
  // Log lines go to stderr; stdout carries only the "listening on" announcement.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("nastavnik-server"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  spdlog::set_level(spdlog::level::from_str(level));
}

CommandStatus run_serve(const Options& o) {
  if (CommandStatus s = require_store(o.store); !s.ok()) return s;
  auto address = parse_listen_address(o.listen);
  if (!address.ok()) return CommandStatus::Usage(address.status().message());
  setup_logging(o.log_level);
  StopOnSignals::block();

  // A store that cannot take a write would accept requests only to fail them all.
  constexpr const char* kNotWritable =
      "the store cannot take a write (read-only, full or failing disk, or a folder this user may not write "
      "in): fix that and start again";
  auto store = open_store(o.store);
  if (!store.ok() && store.status().code() == StatusCode::kIoError)
    return store.status().with_context(kNotWritable);
  if (!store.ok()) return store.status();
  NASTAVNIK_ASSIGN_OR_RETURN(auto key, open_server_key(o.store));
  if (Status writable = (*store)->probe_write(system_wall_clock_ms()); !writable.ok())
    return writable.with_context(kNotWritable);
  SyncService service(**store, key, system_wall_clock_ms);

  http::HttpServerOptions options;
  options.max_body_bytes = static_cast<size_t>(o.max_body_mb) * 1024 * 1024;
  options.tls_cert_file = o.tls_cert;
  options.tls_key_file = o.tls_key;
  options.workers = static_cast<size_t>(o.workers);
  options.max_queued = static_cast<size_t>(o.max_queued);
  options.limits.header_timeout = std::chrono::seconds(o.header_timeout_s);
  options.limits.keep_alive_idle = std::chrono::seconds(o.keep_alive_s);
  options.trusted_proxies = o.trusted_proxies;
  NASTAVNIK_ASSIGN_OR_RETURN(auto server, http::SyncHttpServer::create(service, options));

  // A client that hangs up mid-answer must cost one failed write, not the server:
  // cpp-httplib writes to sockets without MSG_NOSIGNAL.
  ::signal(SIGPIPE, SIG_IGN);
  // A file size limit must fail a write with an error the store reports, not end the server.
  ::signal(SIGXFSZ, SIG_IGN);
  // Before any other thread exists, so that every thread inherits the blocked signals.
  std::atomic<bool> serving_ended{false};
  StopOnSignals signals([&] {
    spdlog::info("stopping: finishing requests in progress");
    // A signal that arrives between bind and listen must still stop the server.
    while (!server->is_running() && !serving_ended) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server->stop();
  });
  // Whichever way this function returns, the signal thread must not keep waiting for a
  // server that will never run (declared after `signals`, so it is destroyed first).
  struct MarkEnded {
    std::atomic<bool>& flag;
    ~MarkEnded() { flag = true; }
  } mark_ended{serving_ended};

  NASTAVNIK_ASSIGN_OR_RETURN(int port, server->bind(address->host, address->port));
  const std::string url = std::string(server->uses_tls() ? "https://" : "http://") + address->with_port(port);
  std::cout << "listening on " << url << std::endl;
  if (!o.port_file.empty())
    NASTAVNIK_RETURN_IF_ERROR(write_file_atomically(o.port_file, std::to_string(port) + "\n"));
  spdlog::info("serving {} with server key {}, store {}, body limit {}, TLS {}, {} workers, {} queued at most",
               url, key.id(), chosen_address(o.store)->display(), http::size_text(options.max_body_bytes), server->uses_tls() ? "on" : "off",
               o.workers, o.max_queued);
  warn_if_exposed(address->host, o);

  Status served = server->serve();
  if (!served.ok()) return served;
  spdlog::info("stopped");
  return Status::Ok();
}

}  // namespace

void add_serve_command(CLI::App& root, Commands& out) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = add_command(
      root, "serve", "Serve the sync API over HTTP or HTTPS until SIGTERM/SIGINT",
      "  nastavnik-server serve --store central.db --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key "
      "key.pem\n"
      "  nastavnik-server serve --store central.db --listen 127.0.0.1:0 --port-file /tmp/nastavnik.port\n"
      "  nastavnik-server serve --store central.db --listen 127.0.0.1:8480 --trusted-proxy 127.0.0.1   # behind "
      "nginx\n");
  add_store_option(cmd, opts->store);
  cmd->add_option("--listen", opts->listen, "HOST:PORT to listen on; port 0 picks a free port")
      ->required()
      ->type_name("HOST:PORT");
  CLI::Option* cert = cmd->add_option("--tls-cert", opts->tls_cert, "PEM certificate (chain) for HTTPS")
                          ->check(CLI::ExistingFile);
  CLI::Option* tls_key = cmd->add_option("--tls-key", opts->tls_key, "PEM private key of the certificate")
                             ->check(CLI::ExistingFile);
  cert->needs(tls_key);
  tls_key->needs(cert);
  cmd->add_option("--max-body-mb", opts->max_body_mb,
                  "Largest request body in MiB, also after decompression (default 16)")
      ->type_name("N")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--workers", opts->workers,
                  "Threads serving connections, one connection each (default 64)")
      ->type_name("N")
      ->check(CLI::Range(1, 512));
  cmd->add_option("--max-queued", opts->max_queued,
                  "Connections that may wait for a thread; more are answered 503 with Retry-After (default 256)")
      ->type_name("N")
      ->check(CLI::Range(0, 512));
  cmd->add_option("--header-timeout", opts->header_timeout_s,
                  "Seconds a client has to send its whole request line and headers (default 10)")
      ->type_name("S")
      ->check(CLI::Range(1, 300));
  cmd->add_option("--keep-alive", opts->keep_alive_s,
                  "Seconds an idle connection is kept open for the next request (default 2)")
      ->type_name("S")
      ->check(CLI::Range(1, 300));
  cmd->add_option("--trusted-proxy", opts->trusted_proxies,
                  "Address of the reverse proxy in front (repeatable): for its requests the client address is "
                  "taken from X-Real-IP")
      ->type_name("ADDR");
  cmd->add_option("--port-file", opts->port_file, "Write the port number here once listening")
      ->type_name("FILE");
  cmd->add_option("--log-level", opts->log_level, "trace, debug, info, warn, error or off (default info)")
      ->type_name("LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  out.push_back({cmd, [opts] { return run_serve(*opts); }});
}

}  // namespace nastavnik::server::cli
