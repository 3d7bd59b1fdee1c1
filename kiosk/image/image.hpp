#pragma once
// Reading images: a PNG or JPEG file, or its bytes, decoded by stb_image into one owned value.
// Does: the image's own channels or a conversion (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA); the
// size from the header alone, before paying for a decode; a failure as a value that names the
// file and gives stb's reason. Doesn't: write images (stb_image_write, where they are made) or
// check that a file is a PNG or JPEG rather than another format stb happens to read.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/expected.hpp"

namespace uketsuke::image {

// Decoded pixels, rows top to bottom, width * channels bytes each. The one owner of stb's
// buffer: moving hands it on, and it is freed with stb's own allocator.
class Image {
public:
    Image() = default;
    // A moved-from image is empty (0 x 0, no pixels), not a size without pixels.
    Image(Image&& other) noexcept
        : pixels_(std::move(other.pixels_)),
          width_(std::exchange(other.width_, 0)),
          height_(std::exchange(other.height_, 0)),
          channels_(std::exchange(other.channels_, 0)),
          channels_in_file_(std::exchange(other.channels_in_file_, 0)) {}
    Image& operator=(Image&& other) noexcept {
        pixels_ = std::move(other.pixels_);
        width_ = std::exchange(other.width_, 0);
        height_ = std::exchange(other.height_, 0);
        channels_ = std::exchange(other.channels_, 0);
        channels_in_file_ = std::exchange(other.channels_in_file_, 0);
        return *this;
    }

    [[nodiscard]] int width() const noexcept { return width_; }
    [[nodiscard]] int height() const noexcept { return height_; }
    // Bytes per pixel in pixels(): what was asked for, or the file's own when 0 was asked.
    [[nodiscard]] int channels() const noexcept { return channels_; }
    // What the file holds, whatever was asked for.
    [[nodiscard]] int channels_in_file() const noexcept { return channels_in_file_; }
    [[nodiscard]] std::span<const std::uint8_t> pixels() const noexcept {
        return {pixels_.get(), static_cast<std::size_t>(width_) *
                                   static_cast<std::size_t>(height_) *
                                   static_cast<std::size_t>(channels_)};
    }

private:
    struct StbFree {
        void operator()(std::uint8_t* pixels) const noexcept;
    };
    friend struct Decoding;

    std::unique_ptr<std::uint8_t, StbFree> pixels_;
    int width_ = 0;
    int height_ = 0;
    int channels_ = 0;
    int channels_in_file_ = 0;
};

// What the header says, without decoding the pixels.
struct ImageSize {
    int width = 0;
    int height = 0;
    int channels_in_file = 0;
};

struct ImageError {
    std::string message;  // for a person: "cannot read image photo.png: bad png sig"
    std::string reason;   // stb's words alone, for callers that phrase their own message
};

// Either the image (or its size) or why not; tests false on failure.
template <class Value>
using ImageResult = Expected<Value, ImageError>;

// `channels`: 0 keeps the image's own, 1 to 4 converts (grey by stb's luma weights).
ImageResult<Image> read_image(const std::filesystem::path& file, int channels = 0);
// The same from bytes in memory; `name` is what a failure calls them (usually the file name).
ImageResult<Image> decode_image(std::string_view bytes, std::string_view name, int channels = 0);
ImageResult<ImageSize> read_image_size(std::string_view bytes, std::string_view name);

}  // namespace uketsuke::image
