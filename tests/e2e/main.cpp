// Catch2 v2 main for the end-to-end tests of nastavnik-cli.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
