#include "client/sync/http_transport.h"

#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <mutex>

#include "shared/core/gzip.h"

namespace nastavnik {

struct HttpTransport::Impl {
  std::unique_ptr<httplib::Client> client;
  std::string base_url;
  bool compress = true;
};

HttpTransport::HttpTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpTransport::~HttpTransport() = default;

Result<std::unique_ptr<HttpTransport>> HttpTransport::connect(const std::string& base_url, HttpTransportOptions o) {
  // A server that goes away mid-request must give this process an error to report, not a
  // SIGPIPE that ends it: cpp-httplib writes to sockets without MSG_NOSIGNAL.
  static std::once_flag ignore_sigpipe;
  std::call_once(ignore_sigpipe, [] { ::signal(SIGPIPE, SIG_IGN); });
  if (base_url.rfind("http://", 0) != 0 && base_url.rfind("https://", 0) != 0)
    return Status::InvalidArgument("the server address must start with http:// or https:// (got '" + base_url + "')");
  auto impl = std::make_unique<Impl>();
  impl->base_url = base_url;
  impl->client = std::make_unique<httplib::Client>(base_url);
  if (!impl->client->is_valid()) return Status::InvalidArgument("cannot use server address '" + base_url + "'");
  impl->client->set_connection_timeout(o.connect_timeout_s, 0);
  impl->client->set_read_timeout(o.read_timeout_s, 0);
  impl->client->set_write_timeout(o.read_timeout_s, 0);
  impl->compress = o.compress_requests;
  impl->client->set_compress(false);  // bodies are compressed here, then streamed
  impl->client->set_decompress(true);
  impl->client->set_keep_alive(true);
  if (!o.ca_cert_file.empty()) impl->client->set_ca_cert_path(o.ca_cert_file.c_str());
  return std::unique_ptr<HttpTransport>(new HttpTransport(std::move(impl)));
}

namespace {

// gzip only. cpp-httplib's server compresses brotli at the encoder's default quality (11,
// the slowest), which cost the server about a second of CPU per megabyte of pull page
// and made pulls server-bound (nastavnik-bench P5: docs/PERFORMANCE.md); gzip answers are
// a few per cent larger and many times cheaper to produce.
constexpr const char* kAcceptEncoding = "gzip";
// Bodies are streamed in slices, so that a slow upload reports its progress as it goes.
constexpr size_t kUploadSlice = 16 * 1024;

Result<HttpReply> to_reply(const httplib::Result& res, const std::string& base_url) {
  if (!res)
    return Status::Unavailable("cannot reach the server at " + base_url + " (" + httplib::to_string(res.error()) + ")");
  HttpReply reply;
  reply.status = res->status;
  reply.body = res->body;
  reply.server_time = res->get_header_value("X-Nastavnik-Server-Time");
  reply.retry_after = res->get_header_value("Retry-After");
  return reply;
}

}  // namespace

Result<HttpReply> HttpTransport::post(const std::string& path, const std::string& content_type, const std::string& body,
                                      const HttpHeaders& headers) {
  httplib::Headers h{{"Accept-Encoding", kAcceptEncoding}};
  for (const auto& [k, v] : headers) h.emplace(k, v);
  std::string compressed;
  if (impl_->compress) {
    auto gz = gzip(body);
    if (!gz.ok()) return gz.status();
    compressed = std::move(gz).value();
    h.emplace("Content-Encoding", "gzip");
  }
  const std::string& wire = impl_->compress ? compressed : body;
  auto provider = [this, &wire](size_t offset, size_t length, httplib::DataSink& sink) {
    const size_t n = std::min(length, kUploadSlice);
    if (!sink.write(wire.data() + offset, n)) return false;
    if (progress_) progress_(offset + n, wire.size());
    return true;
  };
  auto res = impl_->client->Post(path.c_str(), h, wire.size(), provider, content_type.c_str());
  sent_ += wire.size();
  if (res) received_ += res->body.size();
  return to_reply(res, impl_->base_url);
}

Result<HttpReply> HttpTransport::get(const std::string& path) {
  auto res = impl_->client->Get(path.c_str(), httplib::Headers{{"Accept-Encoding", kAcceptEncoding}});
  if (res) received_ += res->body.size();
  return to_reply(res, impl_->base_url);
}

}  // namespace nastavnik
