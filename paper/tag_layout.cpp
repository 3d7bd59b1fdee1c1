#include "paper/tag_layout.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <system_error>

namespace uketsuke::paper {
namespace {

constexpr double kMaxMillimetres = 1000;  // a metre of label roll: anything past it is a typo
constexpr double kSlack = 0.01;           // mm: rounding in hand-written numbers

std::string place(const std::string& source, const toml::source_region& region) {
    return fmt::format("{}:{}:{}", source, region.begin.line, region.begin.column);
}

// A setter checks one value and stores it; it returns what is wrong, "" when fine.
using Setter = std::function<std::string(const toml::node&)>;

Setter millimetres(double& target, double low) {
    return [&target, low](const toml::node& node) -> std::string {
        const auto value = node.value<double>();
        if (!value || *value < low || *value > kMaxMillimetres)
            return fmt::format("should be a number from {} to {} (mm)", low, kMaxMillimetres);
        target = *value;
        return {};
    };
}

Setter points(double& target) {
    return [&target](const toml::node& node) -> std::string {
        const auto value = node.value<double>();
        if (!value || *value < 2 || *value > 400) return "should be a number from 2 to 400 (pt)";
        target = *value;
        return {};
    };
}

Setter whole(int& target, int low, int high) {
    return [&target, low, high](const toml::node& node) -> std::string {
        const auto value = node.value<std::int64_t>();
        if (!value || *value < low || *value > high)
            return fmt::format("should be a whole number from {} to {}", low, high);
        target = static_cast<int>(*value);
        return {};
    };
}

Setter flag(bool& target) {
    return [&target](const toml::node& node) -> std::string {
        const auto value = node.value<bool>();
        if (!value) return "should be true or false";
        target = *value;
        return {};
    };
}

Setter text(std::string& target, bool may_be_empty = true) {
    return [&target, may_be_empty](const toml::node& node) -> std::string {
        const auto value = node.value<std::string>();
        if (!value) return "should be text in quotes";
        if (!may_be_empty && value->empty()) return "should not be empty";
        target = *value;
        return {};
    };
}

Setter box(Box& target) {
    return [&target](const toml::node& node) -> std::string {
        const auto* array = node.as_array();
        constexpr const char* kShape =
            "should be [x, y, width, height] in mm from the tag's top left";
        if (!array || array->size() != 4) return kShape;
        double values[4];
        for (std::size_t i = 0; i < 4; ++i) {
            const auto value = (*array)[i].value<double>();
            if (!value || *value < 0 || *value > kMaxMillimetres) return kShape;
            values[i] = *value;
        }
        if (values[2] <= 0 || values[3] <= 0) return "should have a width and height above 0 mm";
        target = {values[0], values[1], values[2], values[3]};
        return {};
    };
}

Setter align(Align& target) {
    return [&target](const toml::node& node) -> std::string {
        const auto value = node.value<std::string>();
        if (value == "start")
            target = Align::Start;
        else if (value == "center")
            target = Align::Center;
        else if (value == "end")
            target = Align::End;
        else
            return "should be \"start\", \"center\" or \"end\"";
        return {};
    };
}

std::optional<Colour> parse_colour(std::string_view hex) {
    if (hex.size() != 7 || hex[0] != '#') return std::nullopt;
    int channels[3];
    for (int i = 0; i < 3; ++i) {
        int value = 0;
        for (int j = 0; j < 2; ++j) {
            const char c = hex[1 + i * 2 + j];
            int digit = -1;
            if (c >= '0' && c <= '9') digit = c - '0';
            if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
            if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
            if (digit < 0) return std::nullopt;
            value = value * 16 + digit;
        }
        channels[i] = value;
    }
    return Colour{channels[0] / 255.0, channels[1] / 255.0, channels[2] / 255.0};
}

Setter colours(std::vector<Colour>& target) {
    return [&target](const toml::node& node) -> std::string {
        const auto* array = node.as_array();
        constexpr const char* kShape =
            "should be a list of colours like [\"#1b9e77\", \"#d95f02\"]";
        if (!array || array->empty()) return kShape;
        std::vector<Colour> parsed;
        for (const auto& element : *array) {
            const auto value = element.value<std::string>();
            const auto colour = value ? parse_colour(*value) : std::nullopt;
            if (!colour) return kShape;
            parsed.push_back(*colour);
        }
        target = std::move(parsed);
        return {};
    };
}

// Everything a layout file may say, and where each thing it said was.
struct Reader {
    TagLayout layout;
    std::map<std::string, Setter> setters;
    std::map<std::string, std::string> places;  // key → "file:line:column"
    std::map<std::string, TextField> texts;
    std::map<std::string, Box> boxes;

    void text_field(const std::string& table) {
        TextField& field = texts[table];
        setters[table + ".box"] = box(field.box);
        setters[table + ".max_pt"] = points(field.max_pt);
        setters[table + ".min_pt"] = points(field.min_pt);
        setters[table + ".lines"] = whole(field.lines, 1, 4);
        setters[table + ".bold"] = flag(field.bold);
        setters[table + ".align"] = align(field.align);
    }

    Reader() {
        TagLayout& l = layout;
        setters = {
            {"description", text(l.description)},
            {"font", text(l.font, false)},
            {"media", text(l.media)},
            {"page.width_mm", millimetres(l.page_width, 10)},
            {"page.height_mm", millimetres(l.page_height, 10)},
            {"tag.width_mm", millimetres(l.tag_width, 10)},
            {"tag.height_mm", millimetres(l.tag_height, 10)},
            {"tag.padding_mm", millimetres(l.padding, 0)},
            {"tag.outline", flag(l.outline)},
            {"sheet.columns", whole(l.columns, 1, 20)},
            {"sheet.rows", whole(l.rows, 1, 40)},
            {"sheet.left_mm", millimetres(l.left, 0)},
            {"sheet.top_mm", millimetres(l.top, 0)},
            {"sheet.pitch_x_mm", millimetres(l.pitch_x, 1)},
            {"sheet.pitch_y_mm", millimetres(l.pitch_y, 1)},
            {"band.box", box(boxes["band"])},
            {"qr.box", box(boxes["qr"])},
            {"qr.quiet_modules", whole(l.qr_quiet_modules, 0, 8)},
            {"colours.groups", colours(l.group_colours)},
            {"labels.facilitator", text(l.facilitator_label, false)},
            {"labels.staff", text(l.staff_label, false)},
            {"labels.guest", text(l.guest_label, false)},
            {"labels.group", text(l.group_label)},
            {"labels.table", text(l.table_label)},
        };
        for (const char* table : {"reading", "name", "organization", "role", "group", "event"})
            text_field(table);
    }

    bool known_table(const std::string& name) const {
        const std::string prefix = name + ".";
        return std::any_of(setters.begin(), setters.end(),
                           [&](const auto& entry) { return entry.first.rfind(prefix, 0) == 0; });
    }

    std::string walk(const toml::table& table, const std::string& prefix,
                     const std::string& source) {
        for (const auto& [key, node] : table) {
            const std::string name =
                prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
            const std::string where = place(source, node.source());
            if (const auto* inner = node.as_table()) {
                if (!known_table(name)) {
                    return fmt::format(
                        "{}: unknown table [{}] (known: page, tag, sheet, band, "
                        "reading, name, organization, role, group, event, qr, "
                        "colours, labels)",
                        where, name);
                }
                if (auto problem = walk(*inner, name, source); !problem.empty()) return problem;
                continue;
            }
            const auto setter = setters.find(name);
            if (setter == setters.end()) {
                return fmt::format("{}: unknown key \"{}\"", where, name);
            }
            if (auto problem = setter->second(node); !problem.empty()) {
                return fmt::format("{}: {} {}", where, name, problem);
            }
            places[name] = where;
        }
        return {};
    }

    bool said(const std::string& key) const { return places.count(key) != 0; }
    std::string where(const std::string& key, const std::string& source) const {
        const auto found = places.find(key);
        return found == places.end() ? source : found->second;
    }
};

bool inside(const Box& box, double width, double height) {
    return box.x + box.width <= width + kSlack && box.y + box.height <= height + kSlack;
}

}  // namespace

PaperResult<TagLayout> parse_tag_layout(const std::string& text, const std::string& source_name) {
    toml::table parsed;
    try {
        parsed = toml::parse(text, source_name);
    } catch (const toml::parse_error& error) {
        // Debian's toml++ reports syntax errors by exception.
        return PaperError{
            fmt::format("{}: {}", place(source_name, error.source()), error.description())};
    }
    Reader reader;
    if (auto problem = reader.walk(parsed, "", source_name); !problem.empty())
        return PaperError{problem};
    TagLayout layout = std::move(reader.layout);
    for (const char* key : {"tag.width_mm", "tag.height_mm"}) {
        if (!reader.said(key))
            return PaperError{fmt::format("{}: [tag] needs {}", source_name, key + 4)};
    }
    const bool sheet = reader.said("sheet.columns") || reader.said("sheet.rows");
    if (!reader.said("page.width_mm")) layout.page_width = layout.tag_width;
    if (!reader.said("page.height_mm")) layout.page_height = layout.tag_height;
    if (!reader.said("sheet.pitch_x_mm")) layout.pitch_x = layout.tag_width;
    if (!reader.said("sheet.pitch_y_mm")) layout.pitch_y = layout.tag_height;
    if (layout.pitch_x + kSlack < layout.tag_width && layout.columns > 1) {
        return PaperError{fmt::format(
            "{}: sheet.pitch_x_mm {} is less than the tag's width {}: tags would "
            "overlap",
            reader.where("sheet.pitch_x_mm", source_name), layout.pitch_x, layout.tag_width)};
    }
    if (layout.pitch_y + kSlack < layout.tag_height && layout.rows > 1) {
        return PaperError{fmt::format(
            "{}: sheet.pitch_y_mm {} is less than the tag's height {}: tags would "
            "overlap",
            reader.where("sheet.pitch_y_mm", source_name), layout.pitch_y, layout.tag_height)};
    }
    const double right = layout.left + (layout.columns - 1) * layout.pitch_x + layout.tag_width;
    const double bottom = layout.top + (layout.rows - 1) * layout.pitch_y + layout.tag_height;
    if (right > layout.page_width + kSlack || bottom > layout.page_height + kSlack) {
        const std::string key = sheet ? "sheet.columns" : "tag.width_mm";
        return PaperError{fmt::format(
            "{}: {} × {} tags of {} × {} mm end at {} × {} mm, past the {} × {} mm "
            "page",
            reader.where(key, source_name), layout.columns, layout.rows, layout.tag_width,
            layout.tag_height, right, bottom, layout.page_width, layout.page_height)};
    }
    if (layout.padding * 2 >= std::min(layout.tag_width, layout.tag_height)) {
        return PaperError{fmt::format("{}: tag.padding_mm {} leaves no room on a {} × {} mm tag",
                                      reader.where("tag.padding_mm", source_name), layout.padding,
                                      layout.tag_width, layout.tag_height)};
    }
    auto take_text = [&](const char* table,
                         std::optional<TextField>& target) -> std::optional<PaperError> {
        const std::string box_key = std::string(table) + ".box";
        bool any = false;
        for (const auto& [key, place] : reader.places)
            any |= key.rfind(std::string(table) + ".", 0) == 0;
        if (!any) return std::nullopt;
        if (!reader.said(box_key)) {
            return PaperError{
                fmt::format("{}: [{}] needs box = [x, y, width, height]", source_name, table)};
        }
        const TextField& field = reader.texts[table];
        if (!inside(field.box, layout.tag_width, layout.tag_height)) {
            return PaperError{fmt::format("{}: {} [{}, {}, {}, {}] leaves the {} × {} mm tag",
                                          reader.where(box_key, source_name), box_key, field.box.x,
                                          field.box.y, field.box.width, field.box.height,
                                          layout.tag_width, layout.tag_height)};
        }
        if (field.min_pt > field.max_pt) {
            return PaperError{fmt::format("{}: {}.min_pt {} is larger than max_pt {}",
                                          reader.where(std::string(table) + ".min_pt", source_name),
                                          table, field.min_pt, field.max_pt)};
        }
        target = field;
        return std::nullopt;
    };
    const std::pair<const char*, std::optional<TextField>*> texts[] = {
        {"reading", &layout.reading},
        {"name", &layout.name_text},
        {"organization", &layout.organization},
        {"role", &layout.role},
        {"group", &layout.group},
        {"event", &layout.event},
    };
    for (const auto& [table, target] : texts) {
        if (auto problem = take_text(table, *target)) return *problem;
    }
    for (const char* table : {"band", "qr"}) {
        const std::string key = std::string(table) + ".box";
        if (!reader.said(key)) continue;
        const Box& found = reader.boxes[table];
        if (!inside(found, layout.tag_width, layout.tag_height)) {
            return PaperError{fmt::format("{}: {} [{}, {}, {}, {}] leaves the {} × {} mm tag",
                                          reader.where(key, source_name), key, found.x, found.y,
                                          found.width, found.height, layout.tag_width,
                                          layout.tag_height)};
        }
        (std::string(table) == "band" ? layout.band : layout.qr) = found;
    }
    if (!layout.name_text) {
        return PaperError{fmt::format("{}: a name tag needs a [name] box", source_name)};
    }
    if (layout.group_colours.empty()) {
        // ColorBrewer's Dark2 and Set1, dark enough for white text on every one.
        for (const char* hex : {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d",
                                "#377eb8", "#e41a1c", "#4d4d4d", "#984ea3"})
            layout.group_colours.push_back(*parse_colour(hex));
    }
    if (layout.name.empty()) layout.name = std::filesystem::path(source_name).stem().string();
    return layout;
}

PaperResult<TagLayout> load_tag_layout(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
        return PaperError{fmt::format("{}: no such layout file", file.string())};
    }
    std::string text;
    {
        FILE* handle = std::fopen(file.c_str(), "rb");
        if (!handle) return PaperError{fmt::format("{}: cannot read it", file.string())};
        char buffer[8192];
        std::size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, handle)) > 0) text.append(buffer, n);
        std::fclose(handle);
    }
    auto layout = parse_tag_layout(text, file.string());
    if (layout && layout.value().name.empty()) layout.value().name = file.stem().string();
    return layout;
}

std::filesystem::path shipped_layouts_directory() {
    if (const char* dir = std::getenv("UKETSUKE_PAPER_DIR"); dir && *dir) {
        return std::filesystem::path(dir) / "tags";
    }
    std::error_code ignored;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ignored);
    if (!ignored) {
        const auto installed =
            self.parent_path().parent_path() / "share" / "uketsuke" / "paper" / "tags";
        if (std::filesystem::is_directory(installed, ignored)) return installed;
    }
    return std::filesystem::path(UKETSUKE_SOURCE_ASSETS) / "paper" / "tags";
}

PaperResult<TagLayout> ticket_page_layout() {
    return load_tag_layout(shipped_layouts_directory().parent_path() / "tickets" / "a4.toml");
}

std::vector<std::string> shipped_layout_names() {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry :
         std::filesystem::directory_iterator(shipped_layouts_directory(), error)) {
        if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

PaperResult<TagLayout> find_tag_layout(const std::string& name_or_path) {
    const bool is_path =
        name_or_path.find('/') != std::string::npos ||
        (name_or_path.size() > 5 && name_or_path.compare(name_or_path.size() - 5, 5, ".toml") == 0);
    if (is_path) return load_tag_layout(name_or_path);
    const auto file = shipped_layouts_directory() / (name_or_path + ".toml");
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
        const auto names = shipped_layout_names();
        return PaperError{fmt::format(
            "no layout \"{}\": the shipped layouts are {} (in {}); or give a file "
            "path",
            name_or_path, names.empty() ? "missing" : fmt::format("{}", fmt::join(names, ", ")),
            shipped_layouts_directory().string())};
    }
    return load_tag_layout(file);
}

}  // namespace uketsuke::paper
