#pragma once
// The part of an import that decides about rows whose key matches nobody: which are probably
// someone already in the event (or another row), which --merge-by takes into whom, which are
// refused. Internal to roster_import.cpp.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "kiosk/core/model/model.hpp"
#include "kiosk/core/roster/roster_import.hpp"
#include "kiosk/core/roster/roster_mapping.hpp"

namespace uketsuke::import_detail {

// The fields this file has a column for.
struct FileFields {
    bool reading = false, organization = false, role = false, email = false, status = false;
};

// Group names by id and ids by name, for the field-by-field changes.
struct GroupNames {
    std::map<std::string, std::string> by_id, id_by_name;
};

// Fills change.fields and change.details with what differs between before and after.
void compare(ImportChange& change, const Participant& before, const Participant& after,
             const GroupNames& groups);

// `existing` updated from a row matched to them by a rule or a remembered import key, not by
// their own id, so the two sources differ in spelling: an empty cell, and a value that folds
// to the stored one (高橋 for 髙橋, Taka@… for taka@…), leave the stored text; a column the
// file lacks leaves its field; the row's extras join the person's (the row's value wins for
// the same header). The group is the caller's (it may have to be created).
Participant merged_person(const Participant& existing, const ImportedPerson& row,
                          const FileFields& in_file);

struct SuspectPlan {
    // Per row of the file: the person a merge takes it into (nullptr: none), and whether it
    // is refused (not written; the import then changes nothing).
    std::vector<const Participant*> merge_into;
    std::vector<DuplicateRules> merge_rules;  // every rule the row and that person share
    std::vector<bool> refused;
    std::vector<ImportSuspect> suspects;  // in file order
    int refused_count = 0;
};

// `resolved`, per row: the person its key (id or import key) found, nullptr for a new row.
// `existing`: everyone in the event.
SuspectPlan plan_suspects(const std::vector<ImportedPerson>& rows,
                          const std::vector<const Participant*>& resolved,
                          const std::vector<const Participant*>& existing,
                          const ImportOptions& options, const FileFields& in_file,
                          const GroupNames& groups);

}  // namespace uketsuke::import_detail
