#include "kiosk/core/tickets/ticket_issuer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

#include "kiosk/core/roster/export.hpp"
#include "kiosk/core/store/files.hpp"
#include "kiosk/core/tickets/qr.hpp"

namespace uketsuke {
namespace {

constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

// Participant ids come from registration sites; keep file names portable. An id that
// had to be changed gets a hash of the original, so 受付1 and 会員1 stay two files.
std::string file_stem_for(const std::string& participant_id) {
    std::string stem;
    bool changed = false;
    for (unsigned char c : participant_id) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_';
        stem += safe ? static_cast<char>(c) : '_';
        changed = changed || !safe;
    }
    if (!changed && !stem.empty()) return stem;
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : participant_id) hash = (hash ^ c) * 1099511628211ull;
    return fmt::format("{}-{:08x}", stem.empty() ? "ticket" : stem, hash & 0xffffffffu);
}

EventId event_id_of(const EventStore& store) {
    return event_id_from_hex(store.event().id).value_or(EventId{});
}

}  // namespace

std::string create_event_keys(EventStore& store, const std::filesystem::path& secret_path,
                              std::int64_t wall_ms) {
    if (std::filesystem::exists(secret_path)) {
        return fmt::format("{} already exists; not overwriting a secret key", secret_path.string());
    }
    const KeyPair pair = generate_key_pair();
    if (auto error = write_file_atomically(
            secret_path, secret_key_file_text(pair.secret_key, event_id_of(store)));
        !error.empty()) {
        return error;
    }
    store.add_public_key(public_key_to_text(pair.public_key), wall_ms);
    return {};
}

SecretKeyLoad load_secret_key(const EventStore& store, const std::filesystem::path& secret_path) {
    SecretKeyLoad result;
    FileRead file = read_whole_file(secret_path, kMaxKeyFileBytes);
    if (!file) {
        result.error =
            file.error + " (tickets are signed with the secret key created by `uketsuke init`)";
        return result;
    }
    SecretKeyFileResult parsed = parse_secret_key_file(file.bytes);
    if (!parsed) {
        result.error = fmt::format("{}: {}", secret_path.string(), parsed.error);
        return result;
    }
    if (parsed.event_id != event_id_of(store)) {
        result.error = fmt::format("{}: this secret key belongs to another event (event id {})",
                                   secret_path.string(), to_hex(parsed.event_id));
        return result;
    }
    const auto accepted = store.public_keys();
    if (std::find(accepted.begin(), accepted.end(), public_key_to_text(parsed.public_key)) ==
        accepted.end()) {
        result.error = fmt::format("{}: the event file does not accept this key (was it rotated?)",
                                   secret_path.string());
        return result;
    }
    result.key = std::move(parsed.secret_key);
    return result;
}

std::string rotate_event_keys(EventStore& store, const std::filesystem::path& secret_path,
                              std::int64_t wall_ms) {
    const KeyPair pair = generate_key_pair();
    std::error_code ignored;
    if (std::filesystem::exists(secret_path)) {
        std::filesystem::path previous = secret_path;
        previous += ".previous";
        std::filesystem::rename(secret_path, previous, ignored);
        if (ignored)
            return fmt::format("cannot keep the old key as {}: {}", previous.string(),
                               ignored.message());
    }
    if (auto error = write_file_atomically(
            secret_path, secret_key_file_text(pair.secret_key, event_id_of(store)));
        !error.empty()) {
        return error;
    }
    store.add_public_key(public_key_to_text(pair.public_key), wall_ms);
    return {};
}

std::string ticket_for(const EventStore& store, const SecretKey& key,
                       const Participant& participant) {
    return issue_ticket(key, event_id_of(store), participant.id, participant.ticket_generation);
}

std::string reissue_ticket(EventStore& store, const SecretKey& key,
                           const std::string& participant_id, const std::string& editor,
                           std::int64_t wall_ms) {
    sql::Transaction transaction(store.database());
    auto participant = store.participant(participant_id);
    if (!participant) return {};
    store.revoke_ticket(participant->id, participant->ticket_generation);
    ++participant->ticket_generation;
    participant->changed_stamp = store.next_stamp(editor, wall_ms).to_string();
    participant->changed_by = editor;
    store.upsert_participant(*participant, 0);
    transaction.commit();
    return ticket_for(store, key, *participant);
}

Result<std::vector<IssuedTicket>, std::string> write_ticket_files(
    const EventStore& store, const SecretKey& key, const TicketFilesOptions& options) {
    std::vector<IssuedTicket> tickets;
    std::error_code error;
    std::filesystem::create_directories(options.out_dir, error);
    if (error) {
        return fmt::format("{}: cannot create the folder: {}", options.out_dir.string(),
                           error.message());
    }
    std::string merge = "\xEF\xBB\xBFname,email,organization,code,image_file,svg_file\r\n";
    for (const auto& person : store.participants()) {
        if (person.status == RegistrationStatus::Cancelled && !options.include_cancelled) continue;
        IssuedTicket ticket;
        ticket.participant_id = person.id;
        ticket.name = person.name;
        ticket.email = person.email;
        ticket.payload = ticket_for(store, key, person);
        const std::string stem = file_stem_for(person.id);
        ticket.png_file = stem + ".png";
        ticket.svg_file = stem + ".svg";
        const auto matrix = make_qr(ticket.payload, QrLevel::M);
        if (!matrix) {
            return fmt::format("cannot make a QR code for participant {}", person.id);
        }
        if (auto png = write_png(*matrix, options.out_dir / ticket.png_file, options.module_pixels,
                                 options.quiet_zone);
            !png) {
            return png.error();
        }
        if (auto svg_error = write_file_atomically(options.out_dir / ticket.svg_file,
                                                   to_svg(*matrix, options.quiet_zone), 0644);
            !svg_error.empty()) {
            return svg_error;
        }
        merge += fmt::format("{},{},{},{},{},{}\r\n", csv_field(person.name),
                             csv_field(person.email), csv_field(person.organization),
                             csv_field(ticket.payload), ticket.png_file, ticket.svg_file);
        tickets.push_back(std::move(ticket));
    }
    // Names and e-mail addresses: personal data, so 0600.
    if (auto merge_error = write_file_atomically(options.out_dir / "tickets.csv", merge);
        !merge_error.empty()) {
        return merge_error;
    }
    return tickets;
}

}  // namespace uketsuke
