#pragma once
// How a signed changeset frame is kept in a SQLite file (the replica's outbox and the
// central store's audit archive): gzipped. A frame is up to a thousand ops of JSON whose
// keys and words repeat; kept as it travels it was a fifth of each store. Frames written
// before they were kept gzipped start with the frame magic and are read as they are.

#include <string>
#include <string_view>

#include "shared/core/status.h"

namespace nastavnik {

// The bytes to store for `frame` (as ChangesetCodec::frame made it).
Result<std::string> pack_stored_frame(std::string_view frame);

// The frame back from its stored bytes; Corruption when they are neither form.
Result<std::string> unpack_stored_frame(std::string_view stored);

}  // namespace nastavnik
