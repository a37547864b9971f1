// nastavnik-make-demo-replica --data DIR [--sessions N]: writes the demo replica
// (tests/support/demo_replica.h) into a new data directory, for the GUI test, the demo
// script and the frame benchmark. N extra mentoring sessions make a large replica.
// With --add-school-year, DIR is the demo methodologist's enrolled laptop instead: the
// school year of work is added to it as changes its next sync sends (scripts/demo).

#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>

#include "shared/crypto/sodium.h"
#include "tests/support/demo_replica.h"

int main(int argc, char** argv) {
  CLI::App app{"Writes the Volosovo demo replica into a new data directory"};
  std::string data;
  int64_t sessions = 0;
  app.add_option("--data", data, "data directory to create (must not hold a replica)")->required();
  app.add_option("--sessions", sessions, "extra mentoring sessions for a large replica")->check(CLI::NonNegativeNumber);
  bool add_school_year = false;
  app.add_flag("--add-school-year", add_school_year,
               "add the demo's school year of work to the demo methodologist's existing, enrolled replica in DIR");
  CLI11_PARSE(app, argc, argv);

  if (!nastavnik::crypto::ensure_initialised().ok()) {
    std::cerr << "error: libsodium could not be initialised\n";
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  const nastavnik::DataDir dir(std::filesystem::absolute(data));
  const nastavnik::Status status =
      add_school_year ? nastavnik::testing::add_demo_school_year(dir)
                      : nastavnik::testing::build_demo_replica(dir, nastavnik::testing::DemoSize::kLarge(sessions));
  if (!status.ok()) {
    std::cerr << "error: " << status.message() << "\n";
    return 1;
  }
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  if (add_school_year) std::cout << "the demo's school year added to " << data << " (" << ms << " ms)\n";
  else std::cout << "demo replica written to " << data << " (" << sessions << " extra sessions, " << ms << " ms)\n";
  return 0;
}
