#include "kiosk/core/staff/staff_key.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <stdexcept>
#include <string_view>
#include <system_error>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/store/files.hpp"

namespace uketsuke {
namespace {

constexpr std::string_view kHeader = "uketsuke staff key 1";
constexpr std::size_t kMaxFileBytes = 4096;

void require_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

std::string file_text(const StaffKey& key, const std::string& event_id) {
    char base64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(base64, sizeof base64, key.bytes.data(), key.bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    std::string text = fmt::format(
        "{}\n# Copy this file to every kiosk of the event (beside its event file, mode 0600).\n"
        "# Never put it on the stick that carries the event file.\nevent: {}\nkey: {}\n",
        kHeader, event_id, base64);
    sodium_memzero(base64, sizeof base64);
    return text;
}

}  // namespace

std::string StaffKey::id() const {
    require_sodium();
    static constexpr std::string_view context = "uketsuke staff key id";
    unsigned char digest[crypto_generichash_BYTES_MIN];
    crypto_generichash(digest, sizeof digest,
                       reinterpret_cast<const unsigned char*>(context.data()), context.size(),
                       bytes.data(), bytes.size());
    char hex[9];
    sodium_bin2hex(hex, sizeof hex, digest, 4);
    return std::string(hex, 8);
}

std::string staff_key_path_for(const std::string& event_path) {
    std::filesystem::path path(event_path);
    path.replace_extension(".staff-key");
    return path.string();
}

Result<StaffKey, std::string> create_staff_key(const EventStore& store,
                                               const std::filesystem::path& path) {
    std::error_code ignored;
    if (std::filesystem::exists(std::filesystem::symlink_status(path, ignored))) {
        return fmt::format(
            "{} already exists; not replacing a staff key (PINs made with it "
            "would stop working)",
            path.string());
    }
    require_sodium();
    StaffKey key;
    randombytes_buf(key.bytes.data(), key.bytes.size());
    std::string text = file_text(key, store.event().id);
    std::string error = write_file_atomically(path, text);
    sodium_memzero(text.data(), text.size());
    if (!error.empty()) return error;
    return key;
}

Result<StaffKey, std::string> load_staff_key(const EventStore& store,
                                             const std::filesystem::path& path) {
    FileRead file = read_whole_file(path, kMaxFileBytes);
    if (!file) return file.error;
    const std::string where = path.string();
    std::string_view text = file.bytes;
    StaffKey key;
    bool event_seen = false;
    bool key_seen = false;
    int line_number = 0;
    std::string error;
    while (!text.empty() && error.empty()) {
        const std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        ++line_number;
        line = utf8::trim_ascii(line);
        if (line_number == 1) {
            if (line != kHeader)
                error = fmt::format("{}:1:1: not an Uketsuke staff key file", where);
            continue;
        }
        if (line.empty() || line.front() == '#') continue;
        const std::size_t colon = line.find(':');
        const std::string_view name =
            utf8::trim_ascii(line.substr(0, colon == std::string_view::npos ? 0 : colon));
        const std::string_view value = colon == std::string_view::npos
                                           ? std::string_view{}
                                           : utf8::trim_ascii(line.substr(colon + 1));
        if (name == "event" && !event_seen) {
            event_seen = true;
            if (value != store.event().id) {
                error =
                    fmt::format("{}:{}:1: this staff key belongs to another event (event id {})",
                                where, line_number, value);
            }
        } else if (name == "key" && !key_seen) {
            key_seen = true;
            std::size_t length = 0;
            if (sodium_base642bin(key.bytes.data(), key.bytes.size(), value.data(), value.size(),
                                  nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
                length != key.bytes.size()) {
                error =
                    fmt::format("{}:{}:1: the key is not 32 bytes of base64", where, line_number);
            }
        } else {
            error = fmt::format("{}:{}:1: expected \"event: ID\" or \"key: BASE64\" once each",
                                where, line_number);
        }
    }
    sodium_memzero(file.bytes.data(), file.bytes.size());
    if (error.empty() && (!event_seen || !key_seen)) {
        error = fmt::format("{}: the {} line is missing", where, event_seen ? "key" : "event");
    }
    if (!error.empty()) {
        sodium_memzero(key.bytes.data(), key.bytes.size());
        return error;
    }
    return key;
}

Result<StaffKey, std::string> load_or_create_staff_key(const EventStore& store,
                                                       const std::filesystem::path& path,
                                                       bool* created) {
    if (created != nullptr) *created = false;
    std::error_code ignored;
    if (std::filesystem::exists(std::filesystem::symlink_status(path, ignored))) {
        return load_staff_key(store, path);
    }
    auto made = create_staff_key(store, path);
    if (made && created != nullptr) *created = true;
    return made;
}

}  // namespace uketsuke
