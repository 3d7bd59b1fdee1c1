#include "paper/certificates.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>

#include "kiosk/core/model/utf8.hpp"
#include "paper/fonts.hpp"
#include "paper/handles.hpp"
#include "paper/name_tags.hpp"
#include "paper/tag_layout.hpp"

namespace uketsuke::paper {
namespace {

constexpr std::array<const char*, 8> kPlaceholders = {
    "name", "organization", "programme", "event", "serial", "date", "attended", "sessions"};
constexpr std::size_t kMaxSessionLines = 10;

std::string where(const std::string& source, const toml::source_region& region) {
    return fmt::format("{}:{}:{}", source, region.begin.line, region.begin.column);
}

// The first {…} in `text` that is not a known placeholder, or "" when all are known.
std::string unknown_placeholder(const std::string& text) {
    for (std::size_t open = text.find('{'); open != std::string::npos;
         open = text.find('{', open + 1)) {
        const std::size_t close = text.find('}', open);
        if (close == std::string::npos) return text.substr(open);
        const std::string name = text.substr(open + 1, close - open - 1);
        if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end())
            return "{" + name + "}";
    }
    return {};
}

std::string fill(const std::string& text, const std::map<std::string, std::string>& values) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t open = text.find('{', at);
        if (open == std::string::npos) {
            out.append(text, at);
            break;
        }
        out.append(text, at, open - at);
        const std::size_t close = text.find('}', open);
        const auto value = close == std::string::npos
                               ? values.end()
                               : values.find(text.substr(open + 1, close - open - 1));
        if (value == values.end()) {
            out += '{';
            at = open + 1;
            continue;
        }
        out += value->second;
        at = close + 1;
    }
    return out;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

TextField text_field(Box box, double max_pt, double min_pt, int lines = 1, bool bold = false,
                     Align align = Align::Center) {
    TextField field;
    field.box = box;
    field.max_pt = max_pt;
    field.min_pt = min_pt;
    field.lines = lines;
    field.bold = bold;
    field.align = align;
    return field;
}

// The page, in mm from its top left: A4 portrait inside a double frame.
struct Page {
    TextBox serial, title, organization, name, body, heading, date, issuer;
    std::vector<TextBox> sessions;
    Page(PangoContext* context, const std::string& font)
        : serial(context, font, text_field({120, 24, 68, 7}, 10.5, 7, 1, false, Align::End)),
          title(context, font, text_field({25, 40, 160, 22}, 40, 20, 1, true)),
          organization(context, font, text_field({30, 78, 150, 10}, 15, 8, 1)),
          name(context, font, text_field({30, 89, 150, 16}, 28, 12, 1, true)),
          body(context, font, text_field({32, 115, 146, 34}, 16, 9, 3, false, Align::Start)),
          heading(context, font, text_field({40, 156, 130, 7}, 11, 8, 1, true)),
          date(context, font, text_field({32, 232, 146, 8}, 13, 8, 1)),
          issuer(context, font, text_field({32, 244, 146, 12}, 17, 8, 1, true)) {
        for (std::size_t i = 0; i < kMaxSessionLines; ++i) {
            sessions.emplace_back(
                context, font,
                text_field({40, 164 + 6.0 * static_cast<double>(i), 130, 6}, 10.5, 7));
        }
    }
};

void frame(cairo_t* cairo) {
    cairo_set_source_rgb(cairo, 0.45, 0.36, 0.18);
    cairo_set_line_width(cairo, 2.2);
    cairo_rectangle(cairo, points(12), points(12), points(186), points(273));
    cairo_stroke(cairo);
    cairo_set_line_width(cairo, 0.6);
    cairo_rectangle(cairo, points(15), points(15), points(180), points(267));
    cairo_stroke(cairo);
}

}  // namespace

PaperResult<CertificateTemplate> parse_certificate_template(const std::string& text,
                                                            const std::string& source_name) {
    toml::table table;
    try {
        table = toml::parse(text, source_name);
    } catch (const toml::parse_error& error) {
        return PaperError{
            fmt::format("{}: {}", where(source_name, error.source()), error.description())};
    }
    CertificateTemplate wording;
    wording.name = std::filesystem::path(source_name).stem().string();
    std::map<std::string, std::string*> texts = {
        {"title", &wording.title},         {"serial", &wording.serial},
        {"honorific", &wording.honorific}, {"programme", &wording.programme},
        {"body", &wording.body},           {"sessions_heading", &wording.sessions_heading},
        {"date", &wording.date},           {"issuer", &wording.issuer},
        {"font", &wording.font},
    };
    for (const auto& [key, node] : table) {
        const std::string name(key.str());
        const std::string at = where(source_name, node.source());
        if (name == "serial_digits") {
            const auto digits = node.value<std::int64_t>();
            if (!node.is_integer() || !digits || *digits < 1 || *digits > 9)
                return PaperError{
                    fmt::format("{}: serial_digits should be a whole number from 1 to 9", at)};
            wording.serial_digits = static_cast<int>(*digits);
            continue;
        }
        const auto found = texts.find(name);
        if (found == texts.end()) {
            const std::string key_at = where(source_name, key.source());
            return PaperError{fmt::format(
                "{}: unknown key \"{}\" (known: title, serial, serial_digits, honorific, "
                "programme, body, sessions_heading, date, issuer, font)",
                key_at, name)};
        }
        const auto value = node.value<std::string>();
        if (!node.is_string() || !value)
            return PaperError{fmt::format("{}: {} should be text in quotes", at, name)};
        if (name == "font" && value->empty())
            return PaperError{fmt::format("{}: font should name a font family", at)};
        if (auto unknown = unknown_placeholder(*value); !unknown.empty()) {
            return PaperError{fmt::format(
                "{}: {} has {}, which is not one of {{name}} {{organization}} {{programme}} "
                "{{event}} {{serial}} {{date}} {{attended}} {{sessions}}",
                at, name, unknown)};
        }
        if (name == "programme" && value->find("{programme}") != std::string::npos)
            return PaperError{fmt::format("{}: programme cannot name itself", at)};
        *found->second = *value;
    }
    if (wording.body.empty())
        return PaperError{fmt::format("{}: the template needs a body = \"…\"", source_name)};
    return wording;
}

PaperResult<CertificateTemplate> load_certificate_template(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error))
        return PaperError{fmt::format("{}: no such certificate template", file.string())};
    std::string text;
    FILE* handle = std::fopen(file.c_str(), "rb");
    if (!handle) return PaperError{fmt::format("{}: cannot read it", file.string())};
    char buffer[8192];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, handle)) > 0 && text.size() < (1u << 20))
        text.append(buffer, n);
    std::fclose(handle);
    return parse_certificate_template(text, file.string());
}

std::filesystem::path shipped_certificates_directory() {
    return shipped_layouts_directory().parent_path() / "certificates";
}

PaperResult<CertificateTemplate> find_certificate_template(const std::string& name_or_path) {
    const bool is_path = name_or_path.find('/') != std::string::npos ||
                         std::filesystem::path(name_or_path).extension() == ".toml";
    if (is_path) return load_certificate_template(name_or_path);
    const auto file = shipped_certificates_directory() / (name_or_path + ".toml");
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
        return PaperError{fmt::format(
            "no certificate template \"{}\": the shipped ones are completion (修了証) and "
            "participation (参加証明書), in {}; or give a file path",
            name_or_path, shipped_certificates_directory().string())};
    }
    return load_certificate_template(file);
}

PaperResult<CertificatesPdf> render_certificates(const CertificateTemplate& wording,
                                                 const CertificateRun& run,
                                                 const std::vector<CertificatePerson>& people,
                                                 bool keep_placements) {
    if (auto font = check_font(wording.font); !font) return font.error();
    if (people.empty()) return PaperError{"no certificates to draw: nobody meets the rule"};
    CertificatesPdf out;
    Surface surface(
        cairo_pdf_surface_create_for_stream(append, &out.pdf, points(210), points(297)));
    const std::string title =
        utf8::safe_text(run.event, utf8::Controls::Remove) + " " + fill(wording.title, {});
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Uketsuke");
    Cairo cairo(cairo_create(surface.get()));
    PangoContextHandle context = make_text_context(cairo.get());
    Page page(context.get(), wording.font);
    auto safe = [](const std::string& text) {
        return utf8::safe_text(text, utf8::Controls::Remove);
    };
    for (std::size_t index = 0; index < people.size(); ++index) {
        const CertificatePerson& person = people[index];
        if (index > 0) cairo_show_page(cairo.get());
        frame(cairo.get());
        std::map<std::string, std::string> values = {
            {"name", spaced_name(person.name)},
            {"organization", safe(person.organization)},
            {"event", safe(run.event)},
            {"serial", fmt::format("{:0{}}", run.first_serial + static_cast<int>(index),
                                   wording.serial_digits)},
            {"date", safe(run.date)},
            {"attended", std::to_string(person.attended)},
            {"sessions", std::to_string(person.of_sessions)},
        };
        values["programme"] =
            run.programme.empty() ? fill(wording.programme, values) : safe(run.programme);
        out.serials.push_back(fill(wording.serial, values));
        bool cut = false;
        auto show = [&](TextBox& box, CertificateField field, const std::string& text,
                        double shade) {
            if (utf8::trim(text).empty()) return;
            const SetText set = box.set(text, 0, 0);
            if (set.cut &&
                (field == CertificateField::Name || field == CertificateField::Organization))
                cut = true;
            if (keep_placements) out.placed.push_back({index, field, text, set});
            cairo_set_source_rgb(cairo.get(), shade, shade, shade);
            box.draw(cairo.get());
        };
        show(page.serial, CertificateField::Serial, out.serials.back(), 0.2);
        show(page.title, CertificateField::Title, fill(wording.title, values), 0);
        show(page.organization, CertificateField::Organization, values["organization"], 0.1);
        const std::string name = values["name"];
        show(page.name, CertificateField::Name,
             wording.honorific.empty() ? name : name + "　" + fill(wording.honorific, values), 0);
        show(page.body, CertificateField::Body, fill(wording.body, values), 0);
        if (!person.sessions.empty()) {
            show(page.heading, CertificateField::Sessions, fill(wording.sessions_heading, values),
                 0.25);
            const std::size_t shown = std::min(person.sessions.size(), kMaxSessionLines);
            for (std::size_t i = 0; i < shown; ++i) {
                std::string line = safe(person.sessions[i]);
                if (i + 1 == kMaxSessionLines && person.sessions.size() > kMaxSessionLines)
                    line = fmt::format("ほか {} 回", person.sessions.size() - i);
                show(page.sessions[i], CertificateField::Sessions, line, 0.15);
            }
        }
        show(page.date, CertificateField::Date, fill(wording.date, values), 0);
        show(page.issuer, CertificateField::Issuer, fill(wording.issuer, values), 0);
        if (cut) out.cut.push_back(index);
    }
    cairo_show_page(cairo.get());
    out.pages = static_cast<int>(people.size());
    cairo.reset();
    cairo_surface_finish(surface.get());
    if (const auto status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
        return PaperError{
            fmt::format("cairo could not write the PDF: {}", cairo_status_to_string(status))};
    }
    return out;
}

}  // namespace uketsuke::paper
