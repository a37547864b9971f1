#pragma once
// The embedded server's TLS settings (OpenSSL): a certificate chain and its private key,
// loaded once at start, TLS 1.2 or newer. Connections are wrapped in socket_channel.cpp.

#include <memory>
#include <string>

#include "shared/core/status.h"

typedef struct ssl_ctx_st SSL_CTX;

namespace nastavnik::server::http {

class TlsContext {
 public:
  // InvalidArgument naming both files when they cannot be loaded, are not PEM, or do not
  // belong together.
  static Result<std::unique_ptr<TlsContext>> load(const std::string& cert_file, const std::string& key_file);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;
  SSL_CTX* get() const { return ctx_; }

 private:
  explicit TlsContext(SSL_CTX* ctx) : ctx_(ctx) {}
  SSL_CTX* ctx_;
};

}  // namespace nastavnik::server::http
