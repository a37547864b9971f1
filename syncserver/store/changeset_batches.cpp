#include "syncserver/store/changeset_batches.h"

namespace nastavnik::server {

Status for_each_in_batches(int64_t batch_size, const std::function<Result<ChangesetBatch>(int64_t)>& read_after,
                           const std::function<Status(const ArchivedChangeset&)>& each) {
  int64_t after = 0;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(ChangesetBatch batch, read_after(after));
    for (const auto& [place, cs] : batch) {
      NASTAVNIK_RETURN_IF_ERROR(each(cs));
      after = place;
    }
    if (static_cast<int64_t>(batch.size()) < batch_size) return Status::Ok();
  }
}

}  // namespace nastavnik::server
