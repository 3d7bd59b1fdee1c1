#include "platform/window.hpp"

#include <GL/gl.h>
#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>
#include <vector>

#include "platform/fonts.hpp"
#include "platform/gl_probe.hpp"

namespace uketsuke::platform {
namespace {

// What wake() pushes. Any event ends the wait, so the type only has to be one that nothing
// else handles. The kiosk has no other user events, so the first user number serves as it is:
// registering one would mean keeping it somewhere every thread can read.
constexpr std::uint32_t kWakeEvent = SDL_USEREVENT;

// Kana, punctuation and ASCII are always in the atlas, whatever the event's names hold.
constexpr char kAlwaysShown[] =
    " !\"#$%&'()*+,-./"
    "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    "ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのは"
    "ばぱひびぴふぶぷへべぺほぼぽ"
    "まみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ"
    "ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハ"
    "バパヒビピフブプヘベペホボポ"
    "マミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶー・、。「」『』（）！？：〜　…"
    "受付済様名前番号回月日時分";

}  // namespace

struct Window::GlyphRanges {
    ImVector<ImWchar> text;  // body, small and large: everything the kiosk can show
    ImVector<ImWchar> huge;  // the huge size: ASCII and the table labels
};

Window::Window() : glyph_ranges_(std::make_unique<GlyphRanges>()) {}

Result<std::unique_ptr<Window>> Window::open(const WindowOptions& options) {
    std::unique_ptr<Window> window(new Window());
    Renderer renderer = options.renderer;
    if (renderer == Renderer::Automatic) {
        window->choice_ = known_software_gl();
        if (!window->choice_.empty()) {
            renderer = Renderer::Software;
        } else {
            // Asked before SDL's video starts here (the probe forks); a driver that has not
            // answered in 3 s is not one to draw a kiosk with.
            const std::optional<std::string> probed = probe_gl_renderer(std::chrono::seconds(3));
            window->gl_renderer_ = probed.value_or("");
            renderer = probed && !is_software_gl(*probed) ? Renderer::OpenGL : Renderer::Software;
            window->choice_ = !probed                        ? "no OpenGL 3.3"
                              : renderer == Renderer::OpenGL ? "a GPU's OpenGL"
                                                             : "OpenGL is a software one";
        }
    } else {
        window->choice_ = "display.renderer";
    }
    if (renderer == Renderer::Software) {
        // SDL must not look at OpenGL at all: without these it would draw the software
        // renderer's window surface through an OpenGL texture ("framebuffer acceleration"),
        // loading the very driver the software renderer is there to avoid.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    // Fingers arrive as mouse clicks, so every ImGui button is a touch target.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        return Failure{std::string("cannot start SDL video: ") + SDL_GetError()};
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    ImGui::StyleColorsLight();
    window->imgui_ready_ = true;
    if (renderer == Renderer::OpenGL) {
        Result<> opened = window->open_opengl(options);
        if (opened) return window;
        if (options.renderer == Renderer::OpenGL) {
            window->notice_ = opened.error().message + "; drawing with the software renderer";
        } else {
            window->notice_ = opened.error().message + " (the probe found " + window->gl_renderer_ +
                              "); drawing with the software renderer";
        }
        window->gl_renderer_.clear();
        if (window->gl_context_ != nullptr) SDL_GL_DeleteContext(window->gl_context_);
        window->gl_context_ = nullptr;
        if (window->window_ != nullptr) SDL_DestroyWindow(window->window_);
        window->window_ = nullptr;
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    Result<> opened = window->open_software(options);
    if (opened) return window;
    // SDL 2.26 has no window surface under Wayland (only X11 and the console drivers have
    // one), so its software renderer cannot draw there: OpenGL then, as before there was a
    // choice. Under cage, SDL_VIDEODRIVER=x11 (Xwayland) gives the software renderer.
    const std::string why = opened.error().message;
    if (window->renderer_ != nullptr) SDL_DestroyRenderer(window->renderer_);
    window->renderer_ = nullptr;
    if (window->window_ != nullptr) SDL_DestroyWindow(window->window_);
    window->window_ = nullptr;
    if (Result<> gl = window->open_opengl(options); !gl) {
        return Failure{why + "; " + gl.error().message};
    }
    window->notice_ = why + "; drawing with OpenGL (" + window->gl_renderer_ + ")";
    return window;
}

SDL_Window* Window::create_window(const WindowOptions& options, std::uint32_t renderer_flag) {
    Uint32 flags = renderer_flag | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED,
                               SDL_WINDOWPOS_CENTERED, options.width, options.height, flags);
    if (window_ != nullptr && options.fullscreen) SDL_ShowCursor(SDL_DISABLE);
    return window_;
}

Result<> Window::open_opengl(const WindowOptions& options) {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    if (create_window(options, SDL_WINDOW_OPENGL) == nullptr) {
        return Failure{std::string("cannot open an OpenGL window: ") + SDL_GetError()};
    }
    gl_context_ = SDL_GL_CreateContext(window_);
    if (gl_context_ == nullptr) {
        return Failure{std::string("no OpenGL 3.3 context: ") + SDL_GetError()};
    }
    SDL_GL_MakeCurrent(window_, gl_context_);
    SDL_GL_SetSwapInterval(1);
    if (const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER)))
        gl_renderer_ = name;
    ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
    ImGui_ImplOpenGL3_Init("#version 330");
    // The shaders now, not at the first frame: ImGui 1.86 makes the font texture again with
    // them, which would build the atlas a second time from inputs that are gone by then.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    return {};
}

Result<> Window::open_software(const WindowOptions& options) {
    if (create_window(options, 0) == nullptr) {
        return Failure{std::string("cannot open a window: ") + SDL_GetError()};
    }
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (renderer_ == nullptr) {
        return Failure{std::string("cannot start SDL's software renderer: ") + SDL_GetError()};
    }
    ImGui_ImplSDL2_InitForSDLRenderer(window_);
    ImGui_ImplSDLRenderer_Init(renderer_);
    return {};
}

Window::~Window() {
    if (imgui_ready_) {
        if (gl_context_ != nullptr) {
            glDeleteTextures(4, textures_);
            ImGui_ImplOpenGL3_Shutdown();
            ImGui_ImplSDL2_Shutdown();
        } else if (renderer_ != nullptr) {
            for (SDL_Texture* texture : software_textures_) {
                if (texture != nullptr) SDL_DestroyTexture(texture);
            }
            ImGui_ImplSDLRenderer_Shutdown();
            ImGui_ImplSDL2_Shutdown();
        }
        ImGui::DestroyContext();
    }
    if (renderer_ != nullptr) SDL_DestroyRenderer(renderer_);
    if (gl_context_ != nullptr) SDL_GL_DeleteContext(gl_context_);
    if (window_ != nullptr) SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

const char* Window::renderer_name() const { return renderer_ != nullptr ? "software" : "opengl"; }

void Window::wake() {
    SDL_Event event{};
    event.type = kWakeEvent;
    // Thread-safe in SDL; before SDL's events start or after they stop it is refused.
    SDL_PushEvent(&event);
}

bool Window::wait_and_process_events(int timeout_ms) {
    SDL_Event event;
    bool open = true;
    auto handle = [&](const SDL_Event& e) {
        ImGui_ImplSDL2_ProcessEvent(&e);
        if (e.type == SDL_QUIT) open = false;
        if (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_FINGERDOWN || e.type == SDL_KEYDOWN)
            input_seen_ = true;
        if (e.type == SDL_TEXTINPUT)
            key_inputs_.push_back(KeyInput{e.text.text, false, e.text.timestamp});
        if (e.type == SDL_KEYDOWN &&
            (e.key.keysym.sym == SDLK_RETURN || e.key.keysym.sym == SDLK_KP_ENTER)) {
            key_inputs_.push_back(KeyInput{"", true, e.key.timestamp});
        }
    };
    if (SDL_WaitEventTimeout(&event, timeout_ms < 0 ? 1000 * 3600 : std::max(timeout_ms, 1)) != 0)
        handle(event);
    while (SDL_PollEvent(&event) != 0) handle(event);
    return open;
}

bool Window::take_input_seen() { return std::exchange(input_seen_, false); }

std::vector<Window::KeyInput> Window::take_key_inputs() { return std::exchange(key_inputs_, {}); }

int Window::width() const {
    int w = 0, h = 0;
    if (renderer_ != nullptr)
        SDL_GetRendererOutputSize(renderer_, &w, &h);
    else
        SDL_GL_GetDrawableSize(window_, &w, &h);
    return w;
}

int Window::height() const {
    int w = 0, h = 0;
    if (renderer_ != nullptr)
        SDL_GetRendererOutputSize(renderer_, &w, &h);
    else
        SDL_GL_GetDrawableSize(window_, &w, &h);
    return h;
}

bool Window::fonts_need_rebuild() const {
    return font_scale_ != static_cast<float>(std::min(width(), height()));
}

Result<> Window::build_fonts(const std::string& font_path, int face_index, const std::string& text,
                             const std::string& huge_text) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas& atlas = *io.Fonts;
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.TexDesiredWidth = 4096;
    // Only the glyphs the kiosk can show: all of Japanese would take over a second
    // and a 4096×16384 texture on this class of machine.
    ImFontGlyphRangesBuilder builder;
    builder.AddText(kAlwaysShown);
    builder.AddText(text.c_str());
    ImVector<ImWchar>& ranges = glyph_ranges_->text;
    ranges.clear();
    builder.BuildRanges(&ranges);
    // Text sizes follow the short side of the screen so the layout reads from a metre
    // on any resolution and orientation.
    const float side = static_cast<float>(std::min(width(), height()));
    font_scale_ = side;
    // One mapping of the font file for all sizes, for this build only (a rebuild maps it
    // again): nothing of the file stays once the texture is made.
    Result<MappedFont> mapped = MappedFont::open(font_path);
    ImFontConfig config;
    config.FontNo = face_index;
    config.OversampleH = 1;
    config.OversampleV = 1;
    // ImGui 1.86 copies font data the atlas does not own, once per size (AddFont): so each
    // size is added as owned, which shares the one mapping, and then marked not owned again
    // before anything could free it, so that neither Clear() nor ClearInputData() frees the
    // mapping (the atlas holds no pointer into it after ClearInputData below).
    config.FontDataOwnedByAtlas = true;
    auto load = [&](float pixels, const ImWchar* glyphs) -> ImFont* {
        if (!mapped) return nullptr;
        ImFont* font = atlas.AddFontFromMemoryTTF(mapped.value().data(),
                                                  static_cast<int>(mapped.value().size()), pixels,
                                                  &config, glyphs);
        if (font != nullptr) atlas.ConfigData.back().FontDataOwnedByAtlas = false;
        return font;
    };
    // The huge size only ever shows table labels: ASCII and what the tables are called.
    ImFontGlyphRangesBuilder huge_builder;
    huge_builder.AddRanges(atlas.GetGlyphRangesDefault());
    huge_builder.AddText(huge_text.c_str());
    ImVector<ImWchar>& huge_ranges = glyph_ranges_->huge;
    huge_ranges.clear();
    huge_builder.BuildRanges(&huge_ranges);
    fonts_.body = load(std::max(18.0f, side * 0.045f), ranges.Data);
    fonts_.small = load(std::max(14.0f, side * 0.030f), ranges.Data);
    fonts_.large = load(std::max(24.0f, side * 0.075f), ranges.Data);
    fonts_.huge = load(std::max(32.0f, side * 0.14f), huge_ranges.Data);
    if (fonts_.body == nullptr || fonts_.large == nullptr || fonts_.huge == nullptr ||
        fonts_.small == nullptr || !atlas.Build()) {
        atlas.Clear();
        atlas.AddFontDefault();
        fonts_ = Fonts{};
        recreate_fonts_texture();
        atlas.ClearInputData();
        atlas.ClearTexData();
        return Failure{mapped ? "cannot load the font " + font_path : mapped.error().message};
    }
    io.FontDefault = fonts_.body;
    recreate_fonts_texture();
    // The texture is with the renderer now: the atlas's inputs (the font configurations, the
    // glyph ranges and the pointers into the mapping) and its CPU-side pixels are not needed
    // until the next rebuild, which starts from the glyph text again.
    atlas.ClearInputData();
    atlas.ClearTexData();
    return {};
}

void Window::recreate_fonts_texture() {
    if (renderer_ != nullptr) {
        ImGui_ImplSDLRenderer_DestroyFontsTexture();
        ImGui_ImplSDLRenderer_CreateFontsTexture();
    } else {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

void Window::begin_frame() {
    if (renderer_ != nullptr)
        ImGui_ImplSDLRenderer_NewFrame();
    else
        ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    if (scripted_pointer_) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(scripted_pointer_->x, scripted_pointer_->y);
        io.MouseDown[0] = scripted_pointer_->down;
    }
    ImGui::NewFrame();
}

void Window::end_frame() {
    ImGui::Render();
    if (renderer_ != nullptr) {
        SDL_SetRenderDrawColor(renderer_, 255, 255, 255, 255);
        SDL_RenderClear(renderer_);
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    } else {
        glViewport(0, 0, width(), height());
        glClearColor(1, 1, 1, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }
    if (!screenshot_path_.empty()) {
        // A requested screenshot that cannot be written costs the picture, not the frame.
        [[maybe_unused]] const Result<> written = screenshot(screenshot_path_);
        screenshot_path_.clear();
    }
    if (renderer_ != nullptr)
        SDL_RenderPresent(renderer_);
    else
        SDL_GL_SwapWindow(window_);
}

Result<> Window::screenshot(const std::string& path) const {
    const int w = width();
    const int h = height();
    const std::size_t row = static_cast<std::size_t>(w) * 4;
    std::vector<unsigned char> pixels(row * static_cast<std::size_t>(h));
    if (renderer_ != nullptr) {
        // Before the present: the renderer's target holds the finished frame, top row first.
        if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, pixels.data(),
                                 static_cast<int>(row)) != 0) {
            return Failure{"cannot read the frame back for " + path + ": " + SDL_GetError()};
        }
        // The window's surface has no alpha; say opaque, as the OpenGL frame does.
        for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;
    } else {
        // Called between rendering and the swap: the back buffer holds the finished frame.
        std::vector<unsigned char> bottom_up(pixels.size());
        glReadBuffer(GL_BACK);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
        // OpenGL rows start at the bottom.
        for (int y = 0; y < h; ++y) {
            std::copy_n(bottom_up.data() + static_cast<std::size_t>(h - 1 - y) * row, row,
                        pixels.data() + static_cast<std::size_t>(y) * row);
        }
    }
    if (stbi_write_png(path.c_str(), w, h, 4, pixels.data(), static_cast<int>(row)) == 0) {
        return Failure{"cannot write " + path};
    }
    return {};
}

namespace {
void* upload(unsigned& texture, GLint format, const std::uint8_t* pixels, int width, int height) {
    if (texture == 0) glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (format == GL_RED) {
        // Gray frames: replicate the red channel so the shader sees gray, not red.
        const GLint swizzle[] = {GL_RED, GL_RED, GL_RED, GL_ONE};
        glTexParameteriv(GL_TEXTURE_2D, 0x8E46 /* GL_TEXTURE_SWIZZLE_RGBA */, swizzle);
    }
    glTexImage2D(GL_TEXTURE_2D, 0, format == GL_RED ? GL_R8 : GL_RGBA, width, height, 0, format,
                 GL_UNSIGNED_BYTE, pixels);
    return reinterpret_cast<void*>(static_cast<std::intptr_t>(texture));
}
}  // namespace

// One streaming texture per slot, made again only when the picture's size changes (a camera
// preview at 30 fps reuses its texture).
void* Window::upload_software(int slot, const std::uint8_t* rgba, int width, int height) {
    SDL_Texture*& texture = software_textures_[slot & 3];
    if (texture != nullptr) {
        int w = 0, h = 0;
        SDL_QueryTexture(texture, nullptr, nullptr, &w, &h);
        if (w != width || h != height) {
            SDL_DestroyTexture(texture);
            texture = nullptr;
        }
    }
    if (texture == nullptr) {
        texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING,
                                    width, height);
        if (texture == nullptr) return nullptr;
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
        // As OpenGL's GL_LINEAR: pictures drawn smaller or larger than they are stay smooth.
        SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
    }
    SDL_UpdateTexture(texture, nullptr, rgba, width * 4);
    return texture;
}

void* Window::upload_gray_texture(int slot, const std::uint8_t* pixels, int width, int height) {
    if (renderer_ == nullptr) return upload(textures_[slot & 3], GL_RED, pixels, width, height);
    // SDL's renderers have no one-channel texture: widen to opaque RGBA.
    const std::size_t count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    gray_as_rgba_.resize(count * 4);
    for (std::size_t i = 0; i < count; ++i) {
        std::uint8_t* out = gray_as_rgba_.data() + i * 4;
        out[0] = out[1] = out[2] = pixels[i];
        out[3] = 255;
    }
    return upload_software(slot, gray_as_rgba_.data(), width, height);
}

void* Window::upload_rgba_texture(int slot, const std::uint8_t* pixels, int width, int height) {
    if (renderer_ == nullptr) return upload(textures_[slot & 3], GL_RGBA, pixels, width, height);
    return upload_software(slot, pixels, width, height);
}

}  // namespace uketsuke::platform
