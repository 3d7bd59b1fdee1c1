#include "kiosk/core/tickets/ticket_issuer.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <set>
#include <system_error>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/export.hpp"
#include "kiosk/core/store/files.hpp"
#include "kiosk/core/tickets/qr.hpp"

namespace uketsuke {
namespace {

constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

// Participant ids come from registration sites; file names must be portable, and unique also
// where letter case does not count (FAT and exFAT sticks, macOS). An id made only of letters,
// digits, '-' and '_', that no other id equals ignoring case, is its own name. Any other id is
// escaped: its portable characters, a '~' and a hash of the whole id. No kept name has a '~',
// so an escaped name never equals a kept one ("a/b" once became "a_b-0d0f158b", which is
// itself someone's id), and 受付1 and 会員1 stay two files.
constexpr std::size_t kMaxKeptName = 100;  // well inside the 255 bytes a file name may have
constexpr std::size_t kMaxEscapedStem = 60;

bool portable(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

std::string folded(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

// Names Windows will not open as files, whatever the extension.
bool reserved_on_windows(const std::string& lower) {
    static const std::set<std::string> reserved = {
        "con",  "prn",  "aux",  "nul",  "com1", "com2", "com3", "com4", "com5", "com6", "com7",
        "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"};
    return reserved.contains(lower);
}

bool keeps_own_name(const std::string& id, const std::map<std::string, int>& ids_by_folded) {
    if (id.empty() || id.size() > kMaxKeptName) return false;
    if (!std::all_of(id.begin(), id.end(),
                     [](char c) { return portable(static_cast<unsigned char>(c)); }))
        return false;
    const std::string lower = folded(id);
    return !reserved_on_windows(lower) && ids_by_folded.at(lower) == 1;
}

std::string escaped_name(const std::string& id) {
    std::string stem;
    for (unsigned char c : id) {
        if (stem.size() == kMaxEscapedStem) break;
        stem += portable(c) ? static_cast<char>(c) : '_';
    }
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a, 64 bits: stable across builds
    for (unsigned char c : id) hash = (hash ^ c) * 1099511628211ull;
    return fmt::format("{}~{:016x}", stem.empty() ? "ticket" : stem, hash);
}

// A shortened id for messages: the whole id may be hundreds of bytes.
std::string shown_id(const std::string& id) {
    constexpr std::size_t kShown = 40;
    if (id.size() <= kShown) return id;
    return std::string(utf8::cut(id, kShown)) + "…";
}

// The folder of a run's tickets is private when the tool makes it (one the organizer made
// already is theirs to set).
std::string make_private_folder(const std::filesystem::path& folder) {
    std::error_code error;
    if (std::filesystem::is_directory(folder, error)) return {};
    if (folder.has_parent_path()) std::filesystem::create_directories(folder.parent_path(), error);
    if (!error && ::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
        error = std::error_code(errno, std::generic_category());
    }
    if (error) {
        return fmt::format("{}: cannot create the folder: {}", folder.string(), error.message());
    }
    return {};
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

Result<TicketFiles, std::string> write_ticket_files(const EventStore& store, const SecretKey& key,
                                                    const TicketFilesOptions& options) {
    TicketFiles files;
    if (auto error = make_private_folder(options.out_dir); !error.empty()) return error;

    // First every ticket and QR code, so a person whose id no ticket can carry is named and
    // left out, rather than stopping the run half-way through the folder.
    struct Pending {
        const Participant* person;
        std::string payload;
        QrMatrix matrix;
    };
    const std::vector<Participant> people = store.participants();
    std::vector<Pending> pending;
    for (const auto& person : people) {
        if (person.status == RegistrationStatus::Cancelled && !options.include_cancelled) continue;
        if (person.id.empty() || person.id.size() > max_participant_id_bytes) {
            files.problems.push_back(fmt::format(
                "{} ({}): the id is {} bytes long; a ticket holds an id of 1 to {} bytes, so no "
                "ticket was written",
                shown_id(person.id), person.name, person.id.size(), max_participant_id_bytes));
            continue;
        }
        std::string payload = ticket_for(store, key, person);
        auto matrix = make_qr(payload, QrLevel::M);
        if (!matrix) {
            files.problems.push_back(fmt::format("{} ({}): the ticket does not fit a QR code",
                                                 shown_id(person.id), person.name));
            continue;
        }
        pending.push_back(Pending{&person, std::move(payload), std::move(*matrix)});
    }

    std::map<std::string, int> ids_by_folded;
    for (const auto& p : pending) ++ids_by_folded[folded(p.person->id)];
    // Two people must never be given one file: checked before anything is written, also
    // ignoring case, and whatever the naming above would let through.
    std::map<std::string, const Participant*> owner_of_name;
    std::vector<std::string> stems;
    for (const auto& p : pending) {
        std::string stem =
            keeps_own_name(p.person->id, ids_by_folded) ? p.person->id : escaped_name(p.person->id);
        const auto [at, fresh] = owner_of_name.emplace(folded(stem), p.person);
        if (!fresh) {
            return fmt::format(
                "participants {} and {} would share the ticket file {}.png; no tickets were "
                "written",
                shown_id(at->second->id), shown_id(p.person->id), stem);
        }
        stems.push_back(std::move(stem));
    }

    std::map<std::string, Group> groups;
    for (auto& group : store.groups()) groups.emplace(group.id, std::move(group));
    std::string merge =
        "\xEF\xBB\xBFname,email,organization,code,image_file,svg_file,id,group,table,page_pdf,"
        "page_png\r\n";
    for (std::size_t i = 0; i < pending.size(); ++i) {
        const Participant& person = *pending[i].person;
        IssuedTicket ticket;
        ticket.participant_id = person.id;
        ticket.name = person.name;
        ticket.email = person.email;
        ticket.payload = std::move(pending[i].payload);
        ticket.png_file = stems[i] + ".png";
        ticket.svg_file = stems[i] + ".svg";
        if (const auto group = groups.find(person.group_id); group != groups.end()) {
            ticket.group = group->second.name;
            ticket.table = group->second.table_label;
        }
        if (options.page_files) {
            // No stem has a '.', so STEM.phone.png is never another person's STEM.png.
            ticket.page_pdf_file = stems[i] + ".pdf";
            ticket.page_png_file = stems[i] + ".phone.png";
        }
        // A ticket image is a bearer credential: both files are 0600 (write_png and
        // write_file_atomically), never written through a planted symlink.
        if (options.staging) {
            const std::string png =
                encode_png(pending[i].matrix, options.module_pixels, options.quiet_zone);
            if (png.empty())
                return fmt::format("cannot draw or encode the QR code for {}",
                                   (options.out_dir / ticket.png_file).string());
            for (const auto& [name, bytes] :
                 {std::pair{ticket.png_file, png},
                  std::pair{ticket.svg_file, to_svg(pending[i].matrix, options.quiet_zone)}}) {
                if (auto error = options.staging->write(name, bytes); !error.empty())
                    return fmt::format("{} ({}): {}", shown_id(person.id), person.name, error);
            }
        } else {
            if (auto png = write_png(pending[i].matrix, options.out_dir / ticket.png_file,
                                     options.module_pixels, options.quiet_zone);
                !png) {
                return png.error();
            }
            if (auto svg_error =
                    write_file_atomically(options.out_dir / ticket.svg_file,
                                          to_svg(pending[i].matrix, options.quiet_zone));
                !svg_error.empty()) {
                return svg_error;
            }
        }
        merge += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\r\n", csv_field(person.name),
                             csv_field(person.email), csv_field(person.organization),
                             csv_field(ticket.payload), ticket.png_file, ticket.svg_file,
                             csv_field(person.id), csv_field(ticket.group), csv_field(ticket.table),
                             ticket.page_pdf_file, ticket.page_png_file);
        files.tickets.push_back(std::move(ticket));
    }
    // Names and e-mail addresses: personal data, so 0600.
    if (auto merge_error = options.staging
                               ? options.staging->write("tickets.csv", merge)
                               : write_file_atomically(options.out_dir / "tickets.csv", merge);
        !merge_error.empty()) {
        return merge_error;
    }
    return files;
}

}  // namespace uketsuke
