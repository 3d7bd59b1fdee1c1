#pragma once
// The organizer's side of tickets: keys kept beside the event file, ticket
// images for every participant, a mail-merge list, re-issue and key rotation.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/model/result.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/staged_files.hpp"
#include "kiosk/core/tickets/ticket.hpp"

namespace uketsuke {

struct [[nodiscard]] SecretKeyLoad {
    std::optional<SecretKey> key;
    std::string error;
    explicit operator bool() const { return error.empty(); }
};

// Writes a new key pair: the secret half to `secret_path` (0600, never overwritten),
// the public half into the event file.
std::string create_event_keys(EventStore& store, const std::filesystem::path& secret_path,
                              std::int64_t wall_ms);
// Reads the secret key and checks it belongs to this event and to a public key it accepts.
SecretKeyLoad load_secret_key(const EventStore& store, const std::filesystem::path& secret_path);
// A new key pair replaces the secret key file (the old one is kept as .previous);
// the old public key stays accepted, so tickets already sent keep working.
std::string rotate_event_keys(EventStore& store, const std::filesystem::path& secret_path,
                              std::int64_t wall_ms);

// The ticket text for one participant at their current generation.
std::string ticket_for(const EventStore& store, const SecretKey& key,
                       const Participant& participant);
// Bumps the participant's ticket generation and revokes the old one; returns the new ticket.
std::string reissue_ticket(EventStore& store, const SecretKey& key,
                           const std::string& participant_id, const std::string& editor,
                           std::int64_t wall_ms);

struct TicketFilesOptions {
    std::filesystem::path out_dir;
    int module_pixels = 8;
    int quiet_zone = 4;
    bool include_cancelled = false;
    // The caller draws a ticket page per person (paper/: ID.pdf and ID.phone.png): name them in
    // tickets.csv. Without it those two columns are empty.
    bool page_files = false;
    // Where given, every file goes through it and nothing is visible until the caller commits
    // it (staged_files.hpp: one sync for the run, not one a file). Otherwise each file is
    // written and synced on its own.
    StagedFiles* staging = nullptr;
};

struct IssuedTicket {
    std::string participant_id;
    std::string name;
    std::string email;
    std::string payload;
    std::string png_file;  // relative to out_dir
    std::string svg_file;
    std::string group;          // the group's name, "" when not seated
    std::string table;          // its table label
    std::string page_pdf_file;  // "" unless options.page_files
    std::string page_png_file;
};

struct TicketFiles {
    std::vector<IssuedTicket> tickets;
    // One line for each person who got no ticket, naming them and saying why; everyone else's
    // files were still written.
    std::vector<std::string> problems;
};

// A PNG and an SVG per participant plus tickets.csv for a mail merge, UTF-8 with BOM: name,
// email, organization, code, image_file, svg_file, then id, group, table, page_pdf, page_png
// (new columns only ever go last: people's mail merges name columns by their place); the
// tickets written, or why the files could not be.
Result<TicketFiles, std::string> write_ticket_files(const EventStore& store, const SecretKey& key,
                                                    const TicketFilesOptions& options);

}  // namespace uketsuke
