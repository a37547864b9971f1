#pragma once
// The records of a replica the monitoring indicators are computed from
// (shared/monitoring/indicator_engine.h), read once: the registry and every kind of work.

#include "client/store/local_store.h"
#include "shared/monitoring/indicator_engine.h"

namespace nastavnik::model {

Result<monitoring::MonitoringSource> load_monitoring_source(const LocalStore& store);

}  // namespace nastavnik::model
