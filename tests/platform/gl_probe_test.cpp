// Choosing the renderer: which GL_RENDERER strings are software ones, what is known without
// asking OpenGL, and that the probe comes back (with nothing) where there is no display.

#include "platform/gl_probe.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>

namespace uketsuke::platform {
namespace {

// Sets an environment variable for one test and puts the old value back.
class ScopedEnvironment {
public:
    ScopedEnvironment(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value != nullptr)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnvironment() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(GlProbe, TellsSoftwareRasterizersFromGpus) {
    EXPECT_TRUE(is_software_gl("llvmpipe (LLVM 15.0.6, 256 bits)"));
    EXPECT_TRUE(is_software_gl("softpipe"));
    EXPECT_TRUE(is_software_gl("Software Rasterizer"));
    EXPECT_TRUE(is_software_gl("Mesa X11 swrast"));
    EXPECT_TRUE(is_software_gl("Google SwiftShader"));
    EXPECT_FALSE(is_software_gl("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
    EXPECT_FALSE(is_software_gl("AMD Radeon Vega 8 Graphics (raven, LLVM 15.0.6, DRM 3.49)"));
    EXPECT_FALSE(is_software_gl("V3D 4.2"));  // a Raspberry Pi 4
    EXPECT_FALSE(is_software_gl(""));
}

TEST(GlProbe, KnowsSoftwareGlFromMesasOwnSwitches) {
    ScopedEnvironment gallium("GALLIUM_DRIVER", nullptr);
    {
        ScopedEnvironment always("LIBGL_ALWAYS_SOFTWARE", "1");
        EXPECT_EQ(known_software_gl(), "LIBGL_ALWAYS_SOFTWARE is set");
    }
    ScopedEnvironment always("LIBGL_ALWAYS_SOFTWARE", nullptr);
    {
        ScopedEnvironment llvmpipe("GALLIUM_DRIVER", "llvmpipe");
        EXPECT_EQ(known_software_gl(), "GALLIUM_DRIVER=llvmpipe");
    }
    {
        ScopedEnvironment iris("GALLIUM_DRIVER", "iris");
        // Then only the GPU devices decide: none here means software, one means ask.
        const std::string known = known_software_gl();
        EXPECT_TRUE(known.empty() || known == "no GPU device in /dev/dri") << known;
    }
}

TEST(GlProbe, ComesBackWithNothingWhereThereIsNoDisplay) {
    ScopedEnvironment display("DISPLAY", nullptr);
    ScopedEnvironment wayland("WAYLAND_DISPLAY", nullptr);
    ScopedEnvironment driver("SDL_VIDEODRIVER", "x11");
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(probe_gl_renderer(std::chrono::seconds(10)), std::nullopt);
    // It ended because the child did, not because the time ran out.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

}  // namespace
}  // namespace uketsuke::platform
