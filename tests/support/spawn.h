#pragma once
// Starting child programs and opening loopback connections, for the tests and the
// benchmarks (no Catch2 inside: the benchmarks and the test tools link it too).

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace nastavnik::testing {

// Starts `argv` (argv[0] is a path) with standard input from `in`, standard output and
// error into the files `out` and `err` (the same file for both is fine), and this
// process's environment plus `env`. Throws std::runtime_error when it cannot start.
pid_t spawn_process(const std::vector<std::string>& argv, const std::filesystem::path& out,
                    const std::filesystem::path& err, const std::map<std::string, std::string>& env = {},
                    const std::filesystem::path& in = "/dev/null");

// A TCP socket connected to 127.0.0.1:`port`, from the loopback address `from` when it is
// not empty (127.0.0.2, say: a client of its own for per-address limits). Non-blocking
// sockets may still be connecting when returned. -1 when it cannot be opened or connected.
int connect_loopback(int port, const std::string& from = "", bool nonblocking = false);

}  // namespace nastavnik::testing
