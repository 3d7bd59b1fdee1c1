#pragma once
// Groups in the event file: creating them, and seating the roster with the
// assignment scorer (kiosk/core/groups/assignment.hpp). Applying a plan is recorded like
// any other edit: a hybrid-clock stamp and an editor on every moved person.
// On the day, the same scorer places walk-ins and evens out tables after no-shows.
//
// Every refusal names groups and people as the organizer knows them (not by internal
// ids), says what to do about it, and leaves the event file as it was.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/groups/assignment.hpp"
#include "kiosk/core/model/group_plan_move.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// Adds `count` groups named A, B, C, … (tables 1, 2, 3, …) after any existing ones.
std::vector<Group> create_groups(EventStore& store, int count, int capacity);

struct GroupPlanOptions {
    AssignmentOptions assignment;
    bool keep_current = false;  // people already in a group stay there
    // An imported column naming each person's group (by name, else by table label); people
    // with a value there stay in that group, whatever keep_current says. "" for none.
    std::string pin_column;
    std::string spread_column;  // an imported column to spread evenly, "" for none
    bool dry_run = false;
    std::string editor = "organizer";
    std::int64_t wall_ms = 0;
};

struct [[nodiscard]] GroupPlanResult {
    AssignmentQuality quality;
    std::vector<GroupPlanMove> moves;
    bool applied = false;
    std::string error;
    explicit operator bool() const { return error.empty(); }
};

// Seats every registered (not cancelled) participant; staff and guests are left out.
// Refused, with nothing changed: no groups; a pin or spread column no one has; a pin to a
// group that does not exist; more facilitators than groups; fewer seats than people; a group
// with more people pinned to it than it seats; two facilitators pinned to one group.
GroupPlanResult plan_groups(EventStore& store, const GroupPlanOptions& options);

// The group (its id) for a walk-in or a late registration: a free seat, the fewest people of
// the newcomer's organization, a facilitator to a group without one (best_group_for). Everyone
// registered and placed holds a seat, whether or not they have arrived; with
// only_checked_in, only people checked in do (for late in the day, when no-shows are known).
// The newcomer's own row, if already stored, is not counted. A newcomer already in a group is
// pinned there. nullopt when every group is full, or for staff, guests and cancelled people,
// who get no seat. `session_id`: the seating and check-ins of that session (its own seating
// when it draws one, schema 6; the event's otherwise); "" the event's, check-ins anywhere.
[[nodiscard]] std::optional<std::string> place_walk_in(const EventStore& store,
                                                       const Participant& newcomer,
                                                       bool only_checked_in = false,
                                                       const std::string& session_id = "");

// Moves that even out the tables of the people checked in (propose_rebalance): after no-shows,
// the fewest moves that bring group sizes within one, each adding as few same-organization
// pairs as possible. Facilitators never move. Nothing is written. `session_id` as for
// place_walk_in: the people checked in there, seated as that session seats them.
[[nodiscard]] std::vector<GroupPlanMove> propose_rebalance_moves(
    const EventStore& store, const std::string& session_id = "");

// Applies moves (from propose_rebalance_moves, or a staff member's choice) in one transaction,
// stamped and attributed to `editor` (the kiosk, or "organizer"), each with a "move" row in the
// person log naming the staff member ("" for the organizer's tools). Refused, with nothing
// changed, when a person or group is unknown or someone is no longer in the group the move
// starts from (the proposal is stale). The quality is that of the checked-in people afterwards.
// With a `session_id` whose seating is its own, the moves are of that session's seats (rows of
// session_seating, the log's detail naming the session) and the event's groups stay.
GroupPlanResult apply_moves(EventStore& store, const std::vector<GroupPlanMove>& moves,
                            const std::string& editor, std::int64_t wall_ms,
                            const std::string& staff_id = "", const std::string& staff_name = "",
                            const std::string& session_id = "");

}  // namespace uketsuke
