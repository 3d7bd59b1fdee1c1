#include "kiosk/image/image.hpp"

#include <stb_image.h>

#include <climits>

namespace uketsuke::image {

void Image::StbFree::operator()(std::uint8_t* pixels) const noexcept { stbi_image_free(pixels); }

namespace {

ImageError failure(std::string_view name, std::string reason) {
    return ImageError{"cannot read image " + std::string(name) + ": " + reason, std::move(reason)};
}

// stb keeps its reason in a (thread-local) static; it is null when stb recorded none.
ImageError stb_failure(std::string_view name) {
    const char* reason = stbi_failure_reason();
    return failure(name, reason != nullptr ? reason : "unknown format");
}

}  // namespace

// Puts stb's results into an Image; the only code that sees Image's insides.
struct Decoding {
    static ImageResult<Image> finish(stbi_uc* pixels, int width, int height, int channels_in_file,
                                     int channels, std::string_view name) {
        if (pixels == nullptr) return stb_failure(name);
        Image image;
        image.pixels_.reset(pixels);
        image.width_ = width;
        image.height_ = height;
        image.channels_in_file_ = channels_in_file;
        image.channels_ = channels == 0 ? channels_in_file : channels;
        return image;
    }
};

ImageResult<Image> read_image(const std::filesystem::path& file, int channels) {
    if (channels < 0 || channels > 4) return failure(file.string(), "channels must be 0 to 4");
    int width = 0, height = 0, channels_in_file = 0;
    stbi_uc* pixels = stbi_load(file.c_str(), &width, &height, &channels_in_file, channels);
    return Decoding::finish(pixels, width, height, channels_in_file, channels, file.string());
}

ImageResult<Image> decode_image(std::string_view bytes, std::string_view name, int channels) {
    if (channels < 0 || channels > 4) return failure(name, "channels must be 0 to 4");
    // stb takes an int length.
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return failure(name, "too large");
    int width = 0, height = 0, channels_in_file = 0;
    stbi_uc* pixels = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                            static_cast<int>(bytes.size()), &width, &height,
                                            &channels_in_file, channels);
    return Decoding::finish(pixels, width, height, channels_in_file, channels, name);
}

ImageResult<ImageSize> read_image_size(std::string_view bytes, std::string_view name) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return failure(name, "too large");
    ImageSize size;
    if (stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                              static_cast<int>(bytes.size()), &size.width, &size.height,
                              &size.channels_in_file) == 0) {
        return stb_failure(name);
    }
    return size;
}

}  // namespace uketsuke::image
