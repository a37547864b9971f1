#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "shared/crypto/sodium.h"

int main(int argc, char* argv[]) {
  if (!nastavnik::crypto::ensure_initialised().ok()) return 1;
  return Catch::Session().run(argc, argv);
}
