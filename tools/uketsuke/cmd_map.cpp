// map: the floor plan the welcome screen lights the participant's table on.

#include <fmt/format.h>

#include <string>
#include <vector>

#include "kiosk/core/groups/floor_map.hpp"
#include "kiosk/core/store/files.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

std::string format_label(const std::string& format) { return format == "png" ? "PNG" : "JPEG"; }

std::string size_text(std::size_t bytes) {
    if (bytes < 1024 * 1024) return fmt::format("{} KB", (bytes + 1023) / 1024);
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

// Which tables the kiosk can light, and which it cannot yet.
void print_positions(const EventStore& store) {
    const auto groups = store.groups();
    if (groups.empty()) {
        fmt::print("No groups yet (uketsuke groups create or groups import)\n");
        return;
    }
    std::vector<std::string> missing;
    int placed = 0;
    for (const auto& group : groups) {
        if (!group.map_x || !group.map_y) {
            missing.push_back(group.name);
            continue;
        }
        if (placed++ == 0) fmt::print("Tables on the map (x, y from the top left):\n");
        fmt::print("  {:<10} table {:<8} {:>5.1f}%, {:>5.1f}%\n", group.name, group.table_label,
                   *group.map_x * 100, *group.map_y * 100);
    }
    if (!missing.empty()) {
        fmt::print(
            "Not on the map: {} (place them with uketsuke groups set NAME --x X --y Y, or a groups "
            "file "
            "with x and y columns)\n",
            fmt::join(missing, ", "));
    }
}

int run_set(const Context& context, const std::string& file) {
    EventStore store = context.open_event();
    const FileRead read = read_whole_file(file, kMaxFloorMapBytes);
    if (!read) throw UserError(kBadInput, read.error + "\nNothing was changed.");
    const FloorMapResult result = attach_floor_map(store, read.bytes, file);
    if (!result) throw UserError(kBadInput, result.error + "\nNothing was changed.");
    fmt::print("Floor map: {} ({}, {}×{} pixels, {})\n", result.info.source_name,
               format_label(result.info.format), result.info.width, result.info.height,
               size_text(result.info.bytes));
    print_positions(store);
    return kOk;
}

int run_show(const Context& context) {
    EventStore store = context.open_event(true);
    if (const auto info = floor_map_info(store)) {
        fmt::print("Floor map: {} ({}, {}×{} pixels, {})\n", info->source_name,
                   format_label(info->format), info->width, info->height, size_text(info->bytes));
    } else {
        fmt::print("No floor map yet (uketsuke map set IMAGE)\n");
    }
    print_positions(store);
    return kOk;
}

int run_remove(const Context& context) {
    EventStore store = context.open_event();
    if (!floor_map_info(store)) {
        fmt::print("There was no floor map\n");
        return kOk;
    }
    remove_floor_map(store);
    fmt::print("Floor map removed; tables keep their positions for the next one\n");
    return kOk;
}

}  // namespace

void add_map_commands(CLI::App& app, Context& context) {
    auto* map = app.add_subcommand("map", "The floor plan the kiosk shows, with each table lit");
    map->require_subcommand(1);

    auto file = std::make_shared<std::string>();
    auto* set = map->add_subcommand(
        "set", "Attach a floor plan (PNG or JPEG, up to 20 MB and 4096×4096 pixels)");
    set->add_option("image", *file, "The image file")->required();
    on_run(set, context, [&context, file] { return run_set(context, *file); });

    auto* show =
        map->add_subcommand("show", "The floor plan's size and format, and which tables are on it");
    on_run(show, context, [&context] { return run_show(context); });

    auto* remove = map->add_subcommand("remove", "Take the floor plan out of the event");
    on_run(remove, context, [&context] { return run_remove(context); });
}

}  // namespace uketsuke::cli
