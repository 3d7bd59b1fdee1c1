#pragma once
// One kiosk file as the merge reads it: opened read-only, held at one read snapshot, and
// checked whole (damage, another event, a newer schema, the target itself) before any of it
// reaches the target. Internal to kiosk/core/sync.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/sync/merge.hpp"

namespace uketsuke::merging {

// One input, held open at one read snapshot from its check until the target commits:
// a kiosk still writing the file cannot show the merge half of a transaction.
struct OpenInput {
    std::string path;
    EventStore store;
    std::optional<sql::Transaction> snapshot;

    OpenInput(std::string input_path, EventStore opened)
        : path(std::move(input_path)), store(std::move(opened)) {}
};

// Core errors mostly name their file already; the rest get the name in front.
std::string naming(const std::string& path, const std::string& message);

// Opens, snapshots and checks one input; a refusal is added to `errors` (and gives null).
// Nothing is written anywhere.
std::unique_ptr<OpenInput> open_input(const std::string& path, const EventInfo& target_event,
                                      const std::string& target_path,
                                      std::vector<MergeError>& errors);

}  // namespace uketsuke::merging
