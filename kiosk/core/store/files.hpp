#pragma once
// Whole-file reads and writes with the care personal data needs: new files are
// 0600 from their first byte, and a write replaces the old file atomically (a
// power cut leaves either the old file or the new one, never half of one).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace uketsuke {

struct [[nodiscard]] FileRead {
    std::string bytes;
    std::string error;  // empty when the read worked
    explicit operator bool() const { return error.empty(); }
};

FileRead read_whole_file(const std::filesystem::path& path, std::size_t max_bytes);

// A new file beside `path` holding `bytes`, with `mode` from its first byte: a random name
// ("PATH.partial-…") opened only if this call creates it (O_EXCL | O_NOFOLLOW), so a symlink
// planted in the folder is never followed. fsynced when `sync`. On an error nothing is left
// behind and `error` names `path`.
struct WrittenTemporary {
    std::filesystem::path path;
    std::string error;  // empty on success
};
WrittenTemporary write_temporary_beside(const std::filesystem::path& path, std::string_view bytes,
                                        unsigned mode, bool sync);

// Writes to a new temporary file beside `path` (write_temporary_beside, fsynced), renames
// over `path` (replacing a symlink there, never following it).
// Returns an error message, or empty on success.
std::string write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                  unsigned mode = 0600);

// A folder only its owner can enter (0700) for files with personal data, its missing parents
// made as usual. One that exists already is made 0700 too when `tighten`, else left as it is
// (a folder the organizer made is theirs to set). Returns an error message, or empty.
std::string create_private_folder(const std::filesystem::path& folder, bool tighten = false);

}  // namespace uketsuke
