#include "platform/gl_probe.hpp"

#include <GL/gl.h>
#include <SDL.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "platform/file_descriptor.hpp"

namespace uketsuke::platform {
namespace {

// In the child: everything it prints goes to `out`; it never returns.
[[noreturn]] void probe_in_child(int out) {
    if (SDL_Init(SDL_INIT_VIDEO) == 0) {
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
        SDL_Window* window =
            SDL_CreateWindow("", 0, 0, 1, 1, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
        SDL_GLContext context = window != nullptr ? SDL_GL_CreateContext(window) : nullptr;
        if (context != nullptr) {
            const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
            if (name != nullptr) {
                [[maybe_unused]] const ssize_t written = ::write(out, name, std::strlen(name));
            }
        }
    }
    // No atexit handlers, no stdio flushes and no X11 teardown of the parent's copies.
    ::_exit(0);
}

}  // namespace

std::optional<std::string> probe_gl_renderer(std::chrono::milliseconds timeout) {
    int ends[2] = {-1, -1};
    if (::pipe2(ends, O_CLOEXEC) != 0) return std::nullopt;
    FileDescriptor read_end(ends[0]);
    FileDescriptor write_end(ends[1]);
    const pid_t child = ::fork();
    if (child < 0) return std::nullopt;
    if (child == 0) {
        read_end.reset();
        probe_in_child(write_end.get());
    }
    write_end.reset();
    std::string renderer;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool finished = false;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) break;
        pollfd ready{read_end.get(), POLLIN, 0};
        const int polled = ::poll(&ready, 1, static_cast<int>(left));
        if (polled < 0 && errno == EINTR) continue;
        if (polled <= 0) break;
        char buffer[256];
        const ssize_t got = ::read(read_end.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {  // the child closed its end: done
            finished = true;
            break;
        }
        renderer.append(buffer, static_cast<std::size_t>(got));
        if (renderer.size() > 4096) break;  // no driver names itself at that length
    }
    if (!finished) ::kill(child, SIGKILL);  // a driver that hangs must not hang the kiosk
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!finished || renderer.empty()) return std::nullopt;
    return renderer;
}

std::string known_software_gl() {
    const char* always = std::getenv("LIBGL_ALWAYS_SOFTWARE");
    if (always != nullptr && *always != '\0' && std::string_view(always) != "0" &&
        std::string_view(always) != "false") {
        return "LIBGL_ALWAYS_SOFTWARE is set";
    }
    const char* gallium = std::getenv("GALLIUM_DRIVER");
    if (gallium != nullptr && is_software_gl(gallium)) {
        return std::string("GALLIUM_DRIVER=") + gallium;
    }
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", error)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("card", 0) == 0 || name.rfind("renderD", 0) == 0) return {};
    }
    return "no GPU device in /dev/dri";
}

bool is_software_gl(std::string_view renderer) {
    std::string lower(renderer);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* word :
         {"llvmpipe", "softpipe", "swrast", "software rasterizer", "swiftshader"}) {
        if (lower.find(word) != std::string::npos) return true;
    }
    return false;
}

}  // namespace uketsuke::platform
