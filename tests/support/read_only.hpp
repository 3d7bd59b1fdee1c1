#pragma once
// Makes a file or a folder read-only for the test, and writable again when it ends (or when
// undone). Permission bits do not stop root, who runs the tests on CI: as root the
// immutable attribute (FS_IMMUTABLE_FL, what `chattr +i` sets) is set as well, which stops
// every writer. `why_not` says when neither could be set; the test should then skip.

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace uketsuke::testing {

class ReadOnly {
public:
    explicit ReadOnly(std::filesystem::path path) : path_(std::move(path)) {
        struct stat info {};
        if (::stat(path_.c_str(), &info) != 0) {
            why_not = path_.string() + ": " + std::strerror(errno);
            return;
        }
        mode_ = info.st_mode & 07777;
        const bool folder = S_ISDIR(info.st_mode);
        ::chmod(path_.c_str(), folder ? 0555 : 0444);
        if (::geteuid() == 0 && !set_immutable(true)) {
            why_not = "cannot set the immutable attribute on " + path_.string() + ": " +
                      std::strerror(errno);
            ::chmod(path_.c_str(), mode_);
            return;
        }
        active_ = true;
    }
    ~ReadOnly() { undo(); }
    ReadOnly(const ReadOnly&) = delete;
    ReadOnly& operator=(const ReadOnly&) = delete;

    void undo() {
        if (!active_) return;
        if (::geteuid() == 0) set_immutable(false);
        ::chmod(path_.c_str(), mode_);
        active_ = false;
    }

    std::string why_not;  // empty when it worked

private:
    bool set_immutable(bool on) {
        const int fd = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) return false;
        int flags = 0;
        bool done = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
        if (done) {
            flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
            done = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
        }
        const int saved = errno;
        ::close(fd);
        errno = saved;
        return done;
    }

    std::filesystem::path path_;
    mode_t mode_ = 0;
    bool active_ = false;
};

}  // namespace uketsuke::testing
