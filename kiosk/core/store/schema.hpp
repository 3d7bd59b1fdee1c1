#pragma once
#include "kiosk/core/store/sqlite.hpp"

namespace uketsuke {

// The schema version this build writes. Files from a newer build are refused,
// older ones are migrated forward inside one transaction.
// 2 added the person log; 3 dropped participants.search_key; 4 the staff attempt log.
inline constexpr int kSchemaVersion = 4;

class SchemaError : public sql::DatabaseError {
public:
    using sql::DatabaseError::DatabaseError;
};

// Brings an opened database to kSchemaVersion. `create` is true for a new file.
void migrate(sql::Database& db, bool create);

}  // namespace uketsuke
