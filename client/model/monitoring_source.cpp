#include "client/model/monitoring_source.h"

namespace nastavnik::model {

Result<monitoring::MonitoringSource> load_monitoring_source(const LocalStore& store) {
  monitoring::MonitoringSource source;
  for (const char* entity : monitoring::kSourceEntities) {
    RecordQuery query;
    query.entity = entity;
    query.limit = 0;
    NASTAVNIK_ASSIGN_OR_RETURN(std::vector<Record> records, store.reader().list(query));
    for (Record& r : records)
      if (!r.deleted) source.add(entity, std::move(r.id), std::move(r.data));
  }
  return source;
}

}  // namespace nastavnik::model
