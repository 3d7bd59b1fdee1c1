#pragma once
// A small event built in code for core tests: a temporary file (WAL needs a real
// file), a key pair, two groups and a handful of people.

#include <string>

#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke::testing {

inline constexpr std::int64_t kNineAm = 1795996800000;  // 2026-11-30 09:00 Asia/Tokyo (00:00 UTC)

struct EventFixture {
    TempDir dir;
    std::string path = (dir / "event.db").string();
    KeyPair keys = generate_key_pair();
    EventId event_id = random_event_id();
    EventStore store = make();

    EventStore make() {
        EventStore created = EventStore::create(
            path, EventInfo{to_hex(event_id), "Workshop", "2026-11-30", "Hall", "Asia/Tokyo"});
        created.add_public_key(public_key_to_text(keys.public_key), 0);
        return created;
    }

    Participant& add(Participant& p) {
        store.upsert_participant(p, static_cast<int>(store.participant_count()));
        return p;
    }

    Participant person(const std::string& id, const std::string& name,
                       const std::string& organization, const std::string& group_id = "") {
        Participant p;
        p.id = id;
        p.name = name;
        p.organization = organization;
        p.group_id = group_id;
        store.upsert_participant(p, static_cast<int>(store.participant_count()));
        return p;
    }

    std::string ticket(const std::string& participant_id, std::uint32_t generation = 1) const {
        return issue_ticket(keys.secret_key, event_id, participant_id, generation);
    }
};

}  // namespace uketsuke::testing
