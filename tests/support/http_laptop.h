#pragma once
// A laptop of the tests that talk to real server processes: the product's client library,
// its own replica and key, enrolled over HTTP with a one-time code (REQUIREs that it works),
// on a link that can be pointed at another server instance.

#include <string>

#include <catch2/catch.hpp>

#include "tests/support/client_device.h"
#include "tests/support/switchable_transport.h"

namespace nastavnik::testing {

struct HttpLaptop {
  SwitchableTransport link;
  ClientDevice device;
  HttpLaptop(const std::string& url, const std::string& code) : link(url), device(link) {
    auto enrolled = device.enroll(code);
    INFO(enrolled.status().to_string());
    REQUIRE(enrolled.ok());
  }
};

}  // namespace nastavnik::testing
