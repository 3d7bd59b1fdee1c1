#include "platform/window.hpp"

#include <GL/gl.h>
#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include <stb_image_write.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

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
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    // Fingers arrive as mouse clicks, so every ImGui button is a touch target.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        return Failure{std::string("cannot start SDL video: ") + SDL_GetError()};
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    std::unique_ptr<Window> window(new Window());
    window->window_ =
        SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                         options.width, options.height, flags);
    if (window->window_ == nullptr) {
        return Failure{std::string("cannot open a window: ") + SDL_GetError()};
    }
    window->gl_context_ = SDL_GL_CreateContext(window->window_);
    if (window->gl_context_ == nullptr) {
        return Failure{std::string("no OpenGL 3.3 context: ") + SDL_GetError()};
    }
    SDL_GL_MakeCurrent(window->window_, window->gl_context_);
    SDL_GL_SetSwapInterval(1);
    if (options.fullscreen) SDL_ShowCursor(SDL_DISABLE);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    ImGui::StyleColorsLight();
    ImGui_ImplSDL2_InitForOpenGL(window->window_, window->gl_context_);
    ImGui_ImplOpenGL3_Init("#version 330");
    window->imgui_ready_ = true;
    return window;
}

Window::~Window() {
    if (imgui_ready_) {
        glDeleteTextures(4, textures_);
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (gl_context_ != nullptr) SDL_GL_DeleteContext(gl_context_);
    if (window_ != nullptr) SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

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
    SDL_GL_GetDrawableSize(window_, &w, &h);
    return w;
}

int Window::height() const {
    int w = 0, h = 0;
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
    // One copy of the font file for all sizes: Noto Sans CJK is a 20 MB collection, and
    // AddFontFromFileTTF would read it once per size.
    {
        std::ifstream in(font_path, std::ios::binary);
        font_file_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    ImFontConfig config;
    config.FontNo = face_index;
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.FontDataOwnedByAtlas = false;
    auto load = [&](float pixels, const ImWchar* glyphs) -> ImFont* {
        if (font_file_.empty()) return nullptr;
        return atlas.AddFontFromMemoryTTF(font_file_.data(), static_cast<int>(font_file_.size()),
                                          pixels, &config, glyphs);
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
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        return Failure{"cannot load the font " + font_path};
    }
    io.FontDefault = fonts_.body;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    // The texture is on the GPU now: neither the CPU copies nor the font file are needed
    // until the next rebuild, which reads the file again (20 MB we need not keep).
    atlas.ClearTexData();
    font_file_.clear();
    font_file_.shrink_to_fit();
    return {};
}

void Window::begin_frame() {
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
    glViewport(0, 0, width(), height());
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!screenshot_path_.empty()) {
        // A requested screenshot that cannot be written costs the picture, not the frame.
        [[maybe_unused]] const Result<> written = screenshot(screenshot_path_);
        screenshot_path_.clear();
    }
    SDL_GL_SwapWindow(window_);
}

Result<> Window::screenshot(const std::string& path) const {
    const int w = width();
    const int h = height();
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 4);
    // Called between rendering and the swap: the back buffer holds the finished frame.
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL rows start at the bottom.
    std::vector<unsigned char> flipped(pixels.size());
    const std::size_t row = static_cast<std::size_t>(w) * 4;
    for (int y = 0; y < h; ++y) {
        std::copy_n(pixels.data() + static_cast<std::size_t>(h - 1 - y) * row, row,
                    flipped.data() + static_cast<std::size_t>(y) * row);
    }
    if (stbi_write_png(path.c_str(), w, h, 4, flipped.data(), static_cast<int>(row)) == 0) {
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

void* Window::upload_gray_texture(int slot, const std::uint8_t* pixels, int width, int height) {
    return upload(textures_[slot & 3], GL_RED, pixels, width, height);
}

void* Window::upload_rgba_texture(int slot, const std::uint8_t* pixels, int width, int height) {
    return upload(textures_[slot & 3], GL_RGBA, pixels, width, height);
}

}  // namespace uketsuke::platform
