#pragma once
// The organizations a walk-in is offered as buttons before the keyboard: the event's own, as the
// roster spells them, so a walk-in from 港区 joins 港区 instead of becoming 「みなとく」 and an
// eleventh organization in the report.

#include <string>
#include <vector>

#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

struct OrganizationCount {
    std::string name;  // cleaned (no controls or bidi overrides), trimmed, never empty
    int people = 0;    // registered (not cancelled) people with it
};

// Most people first, then by name; registrations that are cancelled do not count, and a name
// only they carry is left out. At most `limit`.
[[nodiscard]] std::vector<OrganizationCount> walk_in_organizations(const EventStore& store,
                                                                   std::size_t limit = 200);

}  // namespace uketsuke
