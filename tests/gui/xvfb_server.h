#pragma once
// A private Xvfb (virtual X server) for the GUI test and the frame benchmark. Xvfb picks a
// free display itself (-displayfd), so parallel runs never share or steal a display, which
// `xvfb-run -a` cannot promise. The server is stopped (SIGTERM, then waited for) on
// destruction.

#include <sys/types.h>

#include <string>

namespace nastavnik::testing {

class XvfbServer {
 public:
  XvfbServer() = default;
  ~XvfbServer();
  XvfbServer(const XvfbServer&) = delete;
  XvfbServer& operator=(const XvfbServer&) = delete;

  // True when an `Xvfb` executable is on PATH.
  static bool installed();

  // Starts Xvfb with one screen of `width`x`height`x24 and waits (at most `timeout_s`)
  // until it reports its display. False with `error()` set when it cannot start.
  bool start(int width, int height, int timeout_s = 30);
  // ":<n>", the value for $DISPLAY.
  const std::string& display() const { return display_; }
  const std::string& error() const { return error_; }

 private:
  pid_t pid_ = -1;
  std::string display_, error_;
};

}  // namespace nastavnik::testing
