#include "kiosk/core/groups/floor_map.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <charconv>
#include <filesystem>

#include "kiosk/image/image.hpp"

namespace uketsuke {
namespace {

constexpr std::string_view kImageKey = "map.image";
constexpr std::string_view kFormatKey = "map.format";
constexpr std::string_view kWidthKey = "map.width";
constexpr std::string_view kHeightKey = "map.height";
constexpr std::string_view kNameKey = "map.name";
constexpr std::string_view kBytesKey = "map.bytes";

bool starts_with(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

// What a file that is not a PNG or JPEG most likely is, so the message can say how to fix it.
std::string_view other_format(std::string_view bytes) {
    if (starts_with(bytes, "GIF87a") || starts_with(bytes, "GIF89a")) return "a GIF image";
    if (starts_with(bytes, "BM")) return "a BMP image";
    if (starts_with(bytes, "%PDF")) return "a PDF document";
    if (starts_with(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP") return "a WebP image";
    if (bytes.substr(4, 4) == "ftyp") return "an HEIC/HEIF image (iPhone photo)";
    if (starts_with(bytes, "<svg") || starts_with(bytes, "<?xml")) return "an SVG drawing";
    if (starts_with(bytes, "PK\x03\x04")) return "a ZIP or Office document";
    return "";
}

std::string to_base64(std::string_view bytes) {
    std::string text(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(),
                      reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    text.pop_back();  // the terminating NUL sodium writes
    return text;
}

std::optional<std::string> from_base64(std::string_view text) {
    std::string bytes(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                          text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    bytes.resize(length);
    return bytes;
}

long long to_number(const std::optional<std::string>& text) {
    long long value = 0;
    if (!text) return 0;
    const auto parsed = std::from_chars(text->data(), text->data() + text->size(), value);
    return parsed.ec == std::errc() ? value : 0;
}

}  // namespace

FloorMapResult inspect_floor_map(std::string_view bytes, const std::string& source_name) {
    FloorMapResult result;
    result.info.source_name = std::filesystem::path(source_name).filename().string();
    result.info.bytes = bytes.size();
    if (bytes.empty()) {
        result.error = fmt::format("{}: the file is empty, not an image", source_name);
        return result;
    }
    if (bytes.size() > kMaxFloorMapBytes) {
        result.error = fmt::format(
            "{}: the image is larger than {} MB; save it smaller (a floor plan needs no "
            "more than about 4000 pixels across)",
            source_name, kMaxFloorMapBytes >> 20);
        return result;
    }
    if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) {
        result.info.format = "png";
    } else if (starts_with(bytes, "\xFF\xD8\xFF")) {
        result.info.format = "jpeg";
    } else {
        const std::string_view what = other_format(bytes);
        result.error =
            what.empty()
                ? fmt::format("{}: not an image: the floor map must be a PNG or JPEG file",
                              source_name)
                : fmt::format(
                      "{}: this is {}, not a PNG or JPEG; export or save the floor map as PNG",
                      source_name, what);
        return result;
    }

    const auto size = image::read_image_size(bytes, source_name);
    if (!size) {
        result.error =
            fmt::format("{}: not a readable {} image ({})", source_name,
                        result.info.format == "png" ? "PNG" : "JPEG", size.error().reason);
        return result;
    }
    const int width = size.value().width;
    const int height = size.value().height;
    // Checked before decoding: a small file can claim an enormous picture.
    if (width > kMaxFloorMapSide || height > kMaxFloorMapSide ||
        static_cast<long long>(width) * height > kMaxFloorMapPixels) {
        result.error = fmt::format(
            "{}: the image is {}×{} pixels; the kiosk takes at most {}×{} (or {} on a side); "
            "scale it down",
            source_name, width, height, 4096, 4096, kMaxFloorMapSide);
        return result;
    }
    // Decoding it all is the only way to know a truncated or damaged file before the event.
    const auto decoded = image::decode_image(bytes, source_name);
    if (!decoded) {
        result.error =
            fmt::format("{}: the {} image is damaged and cannot be shown ({})", source_name,
                        result.info.format == "png" ? "PNG" : "JPEG", decoded.error().reason);
        return result;
    }
    result.info.width = decoded.value().width();
    result.info.height = decoded.value().height();
    return result;
}

FloorMapResult attach_floor_map(EventStore& store, std::string_view bytes,
                                const std::string& source_name) {
    FloorMapResult result = inspect_floor_map(bytes, source_name);
    if (!result) return result;
    sql::Transaction transaction(store.database());
    store.set_setting(std::string(kImageKey), to_base64(bytes));
    store.set_setting(std::string(kFormatKey), result.info.format);
    store.set_setting(std::string(kWidthKey), std::to_string(result.info.width));
    store.set_setting(std::string(kHeightKey), std::to_string(result.info.height));
    store.set_setting(std::string(kNameKey), result.info.source_name);
    store.set_setting(std::string(kBytesKey), std::to_string(result.info.bytes));
    transaction.commit();
    return result;
}

void remove_floor_map(EventStore& store) {
    sql::Transaction transaction(store.database());
    for (std::string_view key :
         {kImageKey, kFormatKey, kWidthKey, kHeightKey, kNameKey, kBytesKey}) {
        store.set_setting(std::string(key), "");
    }
    transaction.commit();
}

std::optional<FloorMapInfo> floor_map_info(const EventStore& store) {
    // The format, not the image, says whether there is a map: no need to read 20 MB to know.
    FloorMapInfo info;
    info.format = store.setting(std::string(kFormatKey)).value_or("");
    if (info.format.empty()) return std::nullopt;
    info.width = static_cast<int>(to_number(store.setting(std::string(kWidthKey))));
    info.height = static_cast<int>(to_number(store.setting(std::string(kHeightKey))));
    info.bytes = static_cast<std::size_t>(to_number(store.setting(std::string(kBytesKey))));
    info.source_name = store.setting(std::string(kNameKey)).value_or("");
    return info;
}

std::optional<FloorMap> load_floor_map(const EventStore& store) {
    auto info = floor_map_info(store);
    if (!info) return std::nullopt;
    auto bytes = from_base64(store.setting(std::string(kImageKey)).value_or(""));
    if (!bytes || bytes->empty()) return std::nullopt;  // only a hand-edited file gets here
    FloorMap map;
    map.info = std::move(*info);
    map.info.bytes = bytes->size();
    map.bytes = std::move(*bytes);
    return map;
}

}  // namespace uketsuke
