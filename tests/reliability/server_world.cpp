#include "tests/reliability/server_world.h"

#include <catch2/catch.hpp>

#include "client/sync/http_transport.h"
#include "tests/integration/server_fixture.h"
#include "tests/support/in_process_server.h"

namespace nastavnik::testing {
namespace {

class InProcessWorld : public ServerWorld {
 public:
  std::string code_for(const std::string& person, const std::string& role) override {
    return server_.code_for(person, role);
  }
  std::unique_ptr<SyncTransport> connect() override { return std::make_unique<InProcessTransport>(server_); }
  std::string store_address() const override { return server_.store_address(); }
  const char* name() const override { return "in-process"; }

 private:
  InProcessServer server_;
};

class HttpWorld : public ServerWorld {
 public:
  std::string code_for(const std::string& person, const std::string& role) override {
    return fixture_.code_for(person, role);
  }
  std::unique_ptr<SyncTransport> connect() override {
    auto t = HttpTransport::connect(fixture_.url(), {2, 10, true, ""});
    REQUIRE(t.ok());
    return std::move(t).value();
  }
  std::string store_address() const override { return fixture_.store_address(); }
  const char* name() const override { return "nastavnik-server over HTTP"; }

 private:
  ServerFixture fixture_;
};

}  // namespace

std::unique_ptr<ServerWorld> make_in_process_world() { return std::make_unique<InProcessWorld>(); }
std::unique_ptr<ServerWorld> make_http_world() { return std::make_unique<HttpWorld>(); }

}  // namespace nastavnik::testing
