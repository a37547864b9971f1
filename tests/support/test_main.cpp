#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <signal.h>

#include "shared/crypto/sodium.h"

int main(int argc, char* argv[]) {
  ::signal(SIGPIPE, SIG_IGN);  // tests cut connections on purpose
  if (!nastavnik::crypto::ensure_initialised().ok()) return 1;
  return Catch::Session().run(argc, argv);
}
