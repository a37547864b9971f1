#pragma once
// The server side of the reliability scenarios, behind one small interface so the same
// scenario runs against the SyncService in this process (fast, for CI) or against the real
// nastavnik-server process over HTTP on 127.0.0.1 (the [.soak] variant).

#include <filesystem>
#include <memory>
#include <string>

#include "client/sync/sync_transport.h"

namespace nastavnik::testing {

class ServerWorld {
 public:
  virtual ~ServerWorld() = default;
  // A one-time enrollment code for a person of the Volosovo demo registry.
  virtual std::string code_for(const std::string& person, const std::string& role) = 0;
  // A new link from one device to the server.
  virtual std::unique_ptr<SyncTransport> connect() = 0;
  // The central store's address (sqlite:FILE or postgresql://...), read at the end through
  // a connection of its own.
  virtual std::string store_address() const = 0;
  virtual const char* name() const = 0;
};

// SyncService with the demo registry in this process (InProcessServer + InProcessTransport).
std::unique_ptr<ServerWorld> make_in_process_world();
// A real nastavnik-server process on a random port with the demo registry (ServerFixture).
std::unique_ptr<ServerWorld> make_http_world();

}  // namespace nastavnik::testing
