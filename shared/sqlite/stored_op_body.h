#pragma once
// How an op's JSON body is kept in an op log row (replica and central store): deflated, with
// a preset dictionary of what every op shares (op_body_dictionary.h), behind a version byte.
// Bodies were half of a store and the record beside them holds the same values again; kept
// this way they take under half the room. Bodies kept as text by earlier versions are read
// as they are, so no migration rewrites them.

#include <string>
#include <string_view>

#include "shared/core/status.h"

namespace nastavnik {

// The bytes to store (bind as a blob) for an op's body.
Result<std::string> pack_op_body(std::string_view body);

// The body back from its stored bytes (a JSON object as text, or the version byte and the
// deflated text); Corruption when they are neither, or damaged.
Result<std::string> unpack_op_body(std::string_view stored);

}  // namespace nastavnik
