#pragma once
// Which OpenGL the machine would give the kiosk, asked without loading it into the kiosk.
// Does: opens a hidden 1×1 OpenGL window in a child process and reads GL_RENDERER back.
// Doesn't: choose the renderer (window.cpp does, from display.renderer) or draw anything.
//
// Why a child: loading a GL driver cannot be undone in a process. Mesa's llvmpipe brings LLVM
// (55 MB of library) and buffers of its own that stay mapped after the context is gone, so a
// kiosk that looked at GL and then chose the software renderer would carry GL's memory anyway.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace uketsuke::platform {

// The GL_RENDERER string of an OpenGL 3.3 core context on the current display, or nullopt when
// there is none (no GL, no display, a driver that fails or takes longer than `timeout`).
// Must be called before SDL's video starts in this process and while it has one thread: it
// forks.
std::optional<std::string> probe_gl_renderer(std::chrono::milliseconds timeout);

// Why OpenGL here would certainly be a software one, without asking it: "" when only the probe
// can tell. No GPU device (/dev/dri/card* or renderD*) means Mesa's llvmpipe at best, and
// LIBGL_ALWAYS_SOFTWARE or GALLIUM_DRIVER=llvmpipe|softpipe ask Mesa for it. Saves the probe's
// start-up cost (0.3–0.4 s for llvmpipe on a busy 2-core machine) where the answer is known.
std::string known_software_gl();

// True for Mesa's software rasterizers (llvmpipe, softpipe, swrast) and other CPU renderers:
// OpenGL there costs memory and CPU and buys nothing over SDL's own software renderer.
bool is_software_gl(std::string_view renderer);

}  // namespace uketsuke::platform
