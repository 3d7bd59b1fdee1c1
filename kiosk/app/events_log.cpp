#include "kiosk/app/events_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <exception>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/store/hlc.hpp"

namespace uketsuke::app {

namespace {

// The log holds participants' ids and whatever their codes said: personal data, 0600 from its
// first byte like the event file, whatever the umask. A log an earlier kiosk left readable by
// others is closed to them too; a pipe or a terminal (--events-out /dev/stdout) is left as it is.
std::FILE* open_private_log(const std::string& path) {
    if (path.empty()) return nullptr;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return nullptr;
    struct stat status {};
    if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && (status.st_mode & 077) != 0 &&
        ::fchmod(fd, status.st_mode & 0700) != 0) {
        std::fprintf(stderr, "uketsuke-kiosk: events log %s stays readable by others\n",
                     path.c_str());
    }
    std::FILE* file = ::fdopen(fd, "a");
    if (file == nullptr) ::close(fd);
    return file;
}

}  // namespace

EventsLog::EventsLog(const std::string& path) : file_(open_private_log(path)) {}

EventsLog::~EventsLog() {
    if (file_ != nullptr) std::fclose(file_);
}

namespace {

// Scanned codes, tickets' ids and error messages are arbitrary bytes; dump() throws on text that
// is not UTF-8.
void make_safe(nlohmann::json& value) {
    if (value.is_string()) {
        value = utf8::safe_text(value.get_ref<const std::string&>());
    } else if (value.is_structured()) {
        for (auto& item : value) make_safe(item);
    }
}

}  // namespace

void EventsLog::write(nlohmann::json line) noexcept {
    if (file_ == nullptr) return;
    // A log line is never worth the kiosk: whatever goes wrong here is said on stderr instead.
    try {
        make_safe(line);
        line["t"] = wall_clock_ms();
        const std::string text = line.dump() + "\n";
        std::fwrite(text.data(), 1, text.size(), file_);
        std::fflush(file_);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "uketsuke-kiosk: events log: %s\n", error.what());
    } catch (...) {
        std::fputs("uketsuke-kiosk: events log: a line could not be written\n", stderr);
    }
}

}  // namespace uketsuke::app
