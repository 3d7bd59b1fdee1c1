#pragma once
// The kiosk's window: SDL2 + Dear ImGui 1.86 with the SDL2 platform backend and the FreeType
// rasterizer, drawn by one of two renderers chosen at start: an OpenGL 3 context (ImGui's
// OpenGL3 backend), for a machine with a GPU, or SDL's own software renderer (SDL_Renderer and
// ImGui's SDL_Renderer backend), which on a machine without one takes a third of the memory
// and less CPU than OpenGL through Mesa's llvmpipe.
// Does: fullscreen or windowed, sleeping until an event or a deadline, a wake-up
// any thread may call, touch as taps (SDL turns fingers into mouse events),
// font atlas (re)builds from the text the kiosk can show, PNG screenshots in either renderer.
// Doesn't: decide what to draw (kiosk/ui) or read cameras (the scanners).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/result.hpp"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
struct ImFont;

namespace uketsuke::platform {

enum class Renderer {
    Automatic,  // OpenGL where the GL driver is a GPU's; software where it is a CPU's or absent
    OpenGL,
    Software,  // SDL's software renderer; OpenGL is never loaded
};

struct WindowOptions {
    std::string title = "Uketsuke";
    Renderer renderer = Renderer::Automatic;
    bool fullscreen = true;
    int width = 1280;  // windowed size; fullscreen uses the display's
    int height = 800;
};

struct Fonts {
    ImFont* body = nullptr;   // readable from a metre
    ImFont* large = nullptr;  // names, headings
    ImFont* huge = nullptr;   // the group / table
    ImFont* small = nullptr;  // status lines
};

class Window {
public:
    // Fails with a message when there is no display. OpenGL asked for but not to be had (no
    // OpenGL 3.3) falls back to the software renderer, and notice() says so.
    static Result<std::unique_ptr<Window>> open(const WindowOptions& options);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    // Sleeps until input, a wake() from another thread, or `timeout_ms` (-1: forever).
    // Returns false when the window was asked to close.
    bool wait_and_process_events(int timeout_ms);
    // Thread-safe: makes wait_and_process_events return now.
    static void wake();

    // Builds the font atlas with glyphs for `text` (plus ASCII and kana) at sizes
    // scaled to the window; the huge size gets only ASCII and `huge_text` (table labels).
    // Call between frames whenever new names arrive. On failure ImGui's default font is left
    // in the atlas and fonts() is empty.
    Result<> build_fonts(const std::string& font_path, int face_index, const std::string& text,
                         const std::string& huge_text);
    const Fonts& fonts() const { return fonts_; }
    bool fonts_need_rebuild() const;

    void begin_frame();
    void end_frame();  // renders and presents

    int width() const;
    int height() const;
    // "opengl" or "software": what draws this window.
    const char* renderer_name() const;
    // GL_RENDERER of the OpenGL in use or probed (automatic choice), "" when none was asked.
    const std::string& gl_renderer() const { return gl_renderer_; }
    // Why this renderer: "display.renderer" when asked for, else what the automatic choice saw.
    const std::string& renderer_choice() const { return choice_; }
    // Why the renderer is not the one asked for, "" when it is.
    const std::string& notice() const { return notice_; }
    // Writes the frame just rendered (before it is shown) to a PNG: glReadPixels or
    // SDL_RenderReadPixels.
    Result<> screenshot(const std::string& path) const;
    // Uploads an 8-bit gray image as a texture (reused between calls) for ImGui::Image.
    void* upload_gray_texture(int slot, const std::uint8_t* pixels, int width, int height);
    void* upload_rgba_texture(int slot, const std::uint8_t* pixels, int width, int height);
    // Whether a touch or click happened since the last call (for idle timers).
    bool take_input_seen();
    // Typed text and Enter presses since the last call, for keyboard-mode barcode scanners
    // read through SDL (the fallback when there is no evdev device).
    struct KeyInput {
        std::string text;  // empty for Enter
        bool enter = false;
        std::int64_t time_ms = 0;
    };
    std::vector<KeyInput> take_key_inputs();
    // The next presented frame is also written to this PNG (read back before the swap).
    void request_screenshot(std::string path) { screenshot_path_ = std::move(path); }

    // A finger driven by a script (end-to-end tests, demos) instead of the mouse or touch:
    // while set, every frame sees the pointer here, pressed or not (ImGui's io.MousePos /
    // io.MouseDown, after the SDL backend's own update). nullopt gives input back.
    struct ScriptedPointer {
        float x = 0;
        float y = 0;
        bool down = false;
    };
    void set_scripted_pointer(std::optional<ScriptedPointer> pointer) {
        scripted_pointer_ = pointer;
    }

private:
    // The glyphs of each size, defined in window.cpp (ImGui's types): the atlas points into
    // them while it is built.
    struct GlyphRanges;

    Window();
    Result<> open_opengl(const WindowOptions& options);
    Result<> open_software(const WindowOptions& options);
    SDL_Window* create_window(const WindowOptions& options, std::uint32_t renderer_flag);
    void recreate_fonts_texture();
    void* upload_software(int slot, const std::uint8_t* rgba, int width, int height);

    SDL_Window* window_ = nullptr;
    void* gl_context_ = nullptr;        // OpenGL
    SDL_Renderer* renderer_ = nullptr;  // software
    std::string gl_renderer_;
    std::string notice_;
    std::string choice_;
    Fonts fonts_;
    std::unique_ptr<GlyphRanges> glyph_ranges_;
    float font_scale_ = 0;
    unsigned textures_[4] = {0, 0, 0, 0};  // OpenGL
    SDL_Texture* software_textures_[4] = {nullptr, nullptr, nullptr, nullptr};
    std::vector<std::uint8_t> gray_as_rgba_;  // software: gray frames widened, reused
    bool input_seen_ = false;
    std::vector<KeyInput> key_inputs_;
    std::string screenshot_path_;
    std::optional<ScriptedPointer> scripted_pointer_;
    bool imgui_ready_ = false;
};

}  // namespace uketsuke::platform
