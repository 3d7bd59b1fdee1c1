#pragma once
// The event's floor plan: one PNG or JPEG kept inside the event file, so a kiosk that has the
// file has the map, and the welcome screen can light the participant's table on it (tables'
// positions are fractions of the image, see group_import.hpp).
//
// Stored in the settings table (the schema has no table for it, and a one-off image does not
// earn a migration): "map.image" holds the file's bytes in standard base64, beside
// "map.format" (png | jpeg), "map.width", "map.height" and "map.name". An empty "map.image"
// means no map.
//
// An image is accepted only after it decodes completely (a renamed PDF or a truncated
// download is refused with the file's name), within the limits below.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/store/event_store.hpp"

namespace uketsuke {

// 20 MB keeps the event file easy to copy to every kiosk; the pixel limit keeps a decoded
// map (4 bytes a pixel) at 64 MB or less, inside the kiosk's 100 MB memory budget.
inline constexpr std::size_t kMaxFloorMapBytes = std::size_t{20} << 20;
inline constexpr int kMaxFloorMapSide = 8192;
inline constexpr long long kMaxFloorMapPixels = 4096LL * 4096;

struct FloorMapInfo {
    std::string format;  // "png" or "jpeg"
    int width = 0;
    int height = 0;
    std::size_t bytes = 0;
    std::string source_name;  // the file name it was attached from, without folders
};

struct FloorMap {
    FloorMapInfo info;
    std::string bytes;  // the image file as attached
};

struct [[nodiscard]] FloorMapResult {
    FloorMapInfo info;
    std::string error;  // names the file; empty on success
    explicit operator bool() const { return error.empty(); }
};

// Checks that `bytes` are a PNG or JPEG within the limits, decoding them completely.
// `source_name` is used in messages and kept as the map's name.
FloorMapResult inspect_floor_map(std::string_view bytes, const std::string& source_name);

// inspect_floor_map, then stores the image (replacing any earlier map) in one transaction.
FloorMapResult attach_floor_map(EventStore& store, std::string_view bytes,
                                const std::string& source_name);

// Removes the map; tables keep their positions for the next one.
void remove_floor_map(EventStore& store);

std::optional<FloorMapInfo> floor_map_info(const EventStore& store);
// The image for the kiosk to decode and draw; nullopt when the event has none.
std::optional<FloorMap> load_floor_map(const EventStore& store);

}  // namespace uketsuke
