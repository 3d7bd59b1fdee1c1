#pragma once
// The event's staff key: 32 random bytes mixed into every new staff PIN hash (a pepper), kept
// in a file of its own beside the organizer's event file (`event.staff-key`, 0600) and copied
// to each kiosk, never into the event file. The event file goes to every kiosk and onto USB
// sticks for the merge; with its Argon2id hashes alone, the 10,000 values of a 4-digit PIN
// fell in about half an hour on one core. With the key the hash is of BLAKE2b(key, PIN), so a
// copy of the event file without the key file is no help in guessing a PIN.

#include <array>
#include <filesystem>
#include <string>

#include "kiosk/core/model/result.hpp"
#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

struct StaffKey {
    std::array<unsigned char, 32> bytes{};
    // 8 hex digits that name the key without giving it away; stored with each hash made with
    // it, so a kiosk holding another event's key (or none) can say so instead of "wrong PIN".
    [[nodiscard]] std::string id() const;
};

// <event>.staff-key beside the event file, as the secret ticket key is <event>.secret-key.
std::string staff_key_path_for(const std::string& event_path);

// A new key for this event, written 0600; refuses to replace an existing file (PINs made with
// it would stop working).
Result<StaffKey, std::string> create_staff_key(const EventStore& store,
                                               const std::filesystem::path& path);
// Reads the key file and checks it belongs to this event.
Result<StaffKey, std::string> load_staff_key(const EventStore& store,
                                             const std::filesystem::path& path);
// The key beside the event file, made if there is none yet; `created` tells which.
Result<StaffKey, std::string> load_or_create_staff_key(const EventStore& store,
                                                       const std::filesystem::path& path,
                                                       bool* created);

}  // namespace uketsuke
