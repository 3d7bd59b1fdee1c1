#include "kiosk/core/tickets/staged_files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kiosk/core/store/files.hpp"

namespace uketsuke {
namespace {

// fsync of one file by its name (opened read-only, never through a symlink): the fallback that
// names the file when syncfs reports an error.
int sync_one(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return errno;
    const int result = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return result;
}

}  // namespace

StagedFiles::StagedFiles(std::filesystem::path folder) : folder_(std::move(folder)) {}

StagedFiles::~StagedFiles() { remove_staged(); }

void StagedFiles::remove_staged() {
    for (const auto& each : staged_) ::unlink(each.temporary.c_str());
    staged_.clear();
}

std::string StagedFiles::write(const std::string& name, std::string_view bytes, unsigned mode) {
    const std::filesystem::path path = folder_ / name;
    // Not synced here: commit() syncs them all at once.
    WrittenTemporary written = write_temporary_beside(path, bytes, mode, false);
    if (!written.error.empty()) return written.error;
    staged_.push_back({std::move(written.path), path});
    return {};
}

std::string StagedFiles::commit() {
    if (staged_.empty()) return {};
    const int folder = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0) {
        const std::string error = fmt::format("{}: cannot open the folder to sync it: {}",
                                              folder_.string(), std::strerror(errno));
        remove_staged();
        return error;
    }
    // One sync for every file's data; where it reports an error, a sync per file finds which.
    if (::syncfs(folder) != 0) {
        for (const auto& each : staged_) {
            if (const int error = sync_one(each.temporary); error != 0) {
                ::close(folder);
                remove_staged();
                return fmt::format("{}: cannot finish writing: {}", each.target.string(),
                                   std::strerror(error));
            }
        }
    }
    for (std::size_t i = 0; i < staged_.size(); ++i) {
        if (::rename(staged_[i].temporary.c_str(), staged_[i].target.c_str()) != 0) {
            const std::string error = fmt::format("{}: cannot replace: {}",
                                                  staged_[i].target.string(), std::strerror(errno));
            staged_.erase(staged_.begin(), staged_.begin() + static_cast<std::ptrdiff_t>(i));
            ::close(folder);
            remove_staged();
            return error;
        }
    }
    staged_.clear();
    const int synced = ::fsync(folder) == 0 ? 0 : errno;
    ::close(folder);
    if (synced != 0)
        return fmt::format("{}: cannot sync the folder: {}", folder_.string(),
                           std::strerror(synced));
    return {};
}

}  // namespace uketsuke
