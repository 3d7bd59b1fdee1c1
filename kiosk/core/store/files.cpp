#include "kiosk/core/store/files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kiosk/core/store/ids.hpp"

namespace uketsuke {

FileRead read_whole_file(const std::filesystem::path& path, std::size_t max_bytes) {
    FileRead result;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        result.error = fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno));
        return result;
    }
    struct stat info {};
    if (fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd);
        result.error = fmt::format("{}: is a folder, not a file", path.string());
        return result;
    }
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            result.error = fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno));
            break;
        }
        if (n == 0) break;
        if (result.bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
            result.error =
                fmt::format("{}: the file is larger than {} MB", path.string(), max_bytes >> 20);
            break;
        }
        result.bytes.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (!result.error.empty()) result.bytes.clear();
    return result;
}

WrittenTemporary write_temporary_beside(const std::filesystem::path& path, std::string_view bytes,
                                        unsigned mode, bool sync) {
    // Whoever can write into the folder could plant a symlink at a name we are about to open
    // and have us write (or truncate) the file it points at. So the temporary name is random,
    // and O_CREAT | O_EXCL | O_NOFOLLOW opens only a file this call created: a planted link
    // or someone else's half-written file makes it draw another name.
    std::filesystem::path temporary;
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 8; ++tries) {
        temporary = path.string() + ".partial-" + random_id().substr(0, 16);
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) {
        return {{}, fmt::format("{}: cannot create: {}", path.string(), std::strerror(errno))};
    }
    fchmod(fd, mode);  // the umask may have taken bits the caller asked for
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string error =
                fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno));
            ::close(fd);
            ::unlink(temporary.c_str());
            return {{}, error};
        }
        written += static_cast<std::size_t>(n);
    }
    // Closed whatever fsync says (a full disk must not leak a descriptor per failed write); the
    // first failure is the one reported.
    const int sync_error = sync && ::fsync(fd) != 0 ? errno : 0;
    const int close_error = ::close(fd) != 0 ? errno : 0;
    if (sync_error != 0 || close_error != 0) {
        const std::string error =
            fmt::format("{}: cannot finish writing: {}", path.string(),
                        std::strerror(sync_error != 0 ? sync_error : close_error));
        ::unlink(temporary.c_str());
        return {{}, error};
    }
    return {temporary, {}};
}

std::string write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                  unsigned mode) {
    // The target is never opened: rename() replaces a link planted there without following it.
    const WrittenTemporary written = write_temporary_beside(path, bytes, mode, true);
    if (!written.error.empty()) return written.error;
    const std::filesystem::path& temporary = written.path;
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string error =
            fmt::format("{}: cannot replace: {}", path.string(), std::strerror(errno));
        ::unlink(temporary.c_str());
        return error;
    }
    return {};
}

std::string create_private_folder(const std::filesystem::path& folder, bool tighten) {
    std::error_code error;
    if (std::filesystem::is_directory(folder, error)) {
        if (tighten && ::chmod(folder.c_str(), 0700) != 0) {
            return fmt::format("{}: cannot make the folder private: {}", folder.string(),
                               std::strerror(errno));
        }
        return {};
    }
    if (folder.has_parent_path()) std::filesystem::create_directories(folder.parent_path(), error);
    // mkdir with the mode, not a chmod after it: the folder is never open to others.
    if (!error && ::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST)
        error = std::error_code(errno, std::generic_category());
    if (error) {
        return fmt::format("{}: cannot create the folder: {}", folder.string(), error.message());
    }
    return {};
}

}  // namespace uketsuke
