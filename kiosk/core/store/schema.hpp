#pragma once
#include "kiosk/core/store/sqlite.hpp"

namespace uketsuke {

// The schema version this build writes. Files from a newer build are refused,
// older ones are migrated forward inside one transaction.
// 2 added the person log; 3 dropped participants.search_key; 4 added sessions (each check-in
// row belongs to one), their own expected lists, and leave rows in the check-in log; 5 the
// staff attempt log (failed PINs and lockouts that travel between kiosks); 6 seating per
// session (a session drawn anew; one without rows of its own keeps the event's); 7 the live
// count of each session's arrivals, kept by triggers on the check-in log; 8 the print log (every
// name tag printed, at a kiosk or by the organizer's tool).
inline constexpr int kSchemaVersion = 8;

class SchemaError : public sql::DatabaseError {
public:
    using sql::DatabaseError::DatabaseError;
};

// Brings an opened database to kSchemaVersion. `create` is true for a new file.
void migrate(sql::Database& db, bool create);

// The session every file of schema 3 or earlier migrates to, and the one a new event starts
// with: the whole of the event's date, so no arrival is late (the grace spans the day).
inline constexpr const char* kDefaultSessionId = "s1";

}  // namespace uketsuke
