#include "kiosk/core/roster/xlsx_package.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <array>
#include <vector>

namespace uketsuke::xlsx {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

std::string size_text(std::size_t bytes) {
    constexpr std::size_t mib = std::size_t{1} << 20;
    if (bytes >= mib && bytes % mib == 0) return fmt::format("{} MiB", bytes / mib);
    return fmt::format("{} bytes", bytes);
}

std::string_view local_name(const char* name) {
    const std::string_view full(name);
    const std::size_t colon = full.rfind(':');
    return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

void on_start(void* user, const XML_Char* name, const XML_Char** attributes) {
    auto* reader = static_cast<XmlReader*>(user);
    if (!reader->failure()) reader->start(local_name(name), attributes);
}

void on_end(void* user, const XML_Char* name) {
    auto* reader = static_cast<XmlReader*>(user);
    if (!reader->failure()) reader->end(local_name(name));
}

void on_text(void* user, const XML_Char* text, int length) {
    auto* reader = static_cast<XmlReader*>(user);
    if (!reader->failure()) reader->text(std::string_view(text, static_cast<std::size_t>(length)));
}

// Office Open XML has no DTDs; one is either another kind of file or an entity attack.
void on_doctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* reader = static_cast<XmlReader*>(user);
    reader->fail(
        fmt::format("{} has a document type declaration (DTD), which .xlsx files never "
                    "have; the file is not a workbook Excel wrote",
                    reader->part()));
}

struct ParserFree {
    void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        const std::size_t slash = path.find('/');
        const std::string_view part = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
        parts.push_back(part);
    }
    return parts;
}

}  // namespace

void Package::Close::operator()(zip* archive) const { zip_discard(archive); }

Result<Package, std::string> Package::open(std::string_view bytes, std::size_t max_inflated_bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    if (!archive) {
        std::string message = fmt::format("not a readable zip archive ({}), so not an .xlsx file",
                                          zip_error_strerror(&error));
        if (source) zip_source_free(source);
        zip_error_fini(&error);
        return message;
    }
    zip_error_fini(&error);
    return Package(archive, max_inflated_bytes);
}

bool Package::has(const std::string& part) const {
    return zip_name_locate(archive_.get(), part.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::optional<std::string> Package::read(const std::string& part,
                                         const std::function<bool(std::string_view)>& sink) {
    const zip_int64_t index = zip_name_locate(archive_.get(), part.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return fmt::format("the workbook has no part {}", part);
    zip_file_t* file = zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0);
    if (!file) {
        return fmt::format("cannot open {} in the archive ({})", part,
                           zip_strerror(archive_.get()));
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> owner(file, zip_fclose);
    std::array<char, kChunkBytes> buffer;
    for (;;) {
        const zip_int64_t got = zip_fread(file, buffer.data(), buffer.size());
        if (got < 0) {
            return fmt::format("{} is damaged in the archive ({})", part, zip_file_strerror(file));
        }
        if (got == 0) return std::nullopt;
        inflated_ += static_cast<std::size_t>(got);
        if (inflated_ > budget_) {
            return fmt::format(
                "the workbook inflates to more than {} (a zip bomb, or a sheet too large to "
                "import); save the sheet as CSV instead",
                size_text(budget_));
        }
        if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(got)))) {
            return std::nullopt;
        }
    }
}

std::optional<std::string> Package::read_all(const std::string& part, std::string& out) {
    return read(part, [&out](std::string_view chunk) {
        out.append(chunk);
        return true;
    });
}

void XmlReader::fail(std::string message) {
    if (failure_) return;
    failure_ = std::move(message);
    if (parser_) XML_StopParser(parser_, XML_FALSE);
}

std::string_view XmlReader::attribute(const char** attributes, std::string_view name) {
    for (const char** at = attributes; at && at[0]; at += 2) {
        if (local_name(at[0]) == name) return at[1];
    }
    return {};
}

std::optional<std::string> parse_part(Package& package, const std::string& part,
                                      XmlReader& reader) {
    std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate(nullptr));
    if (!parser) return fmt::format("{}: out of memory for the XML parser", part);
    XML_SetUserData(parser.get(), &reader);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
    reader.parser_ = parser.get();
    reader.part_ = part;
    struct Detach {
        XmlReader& reader;
        ~Detach() {
            reader.parser_ = nullptr;
            reader.part_.clear();
        }
    } detach{reader};

    auto xml_error = [&]() -> std::string {
        if (reader.failure()) return *reader.failure();
        return fmt::format("{} line {}, column {}: {}; the workbook is damaged or not really .xlsx",
                           part, XML_GetCurrentLineNumber(parser.get()),
                           XML_GetCurrentColumnNumber(parser.get()) + 1,
                           XML_ErrorString(XML_GetErrorCode(parser.get())));
    };
    std::optional<std::string> failed;
    auto read_error = package.read(part, [&](std::string_view chunk) {
        if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(chunk.size()), XML_FALSE) ==
            XML_STATUS_ERROR) {
            failed = xml_error();
            return false;
        }
        return true;
    });
    if (read_error) return read_error;
    if (failed) return failed;
    if (XML_Parse(parser.get(), nullptr, 0, XML_TRUE) == XML_STATUS_ERROR) return xml_error();
    return reader.failure();
}

std::string resolve_target(std::string_view from_part, std::string_view target) {
    std::vector<std::string_view> parts;
    if (!target.starts_with('/')) {
        parts = split_path(from_part);
        if (!parts.empty()) parts.pop_back();  // the part's own name
    }
    for (std::string_view piece : split_path(target)) {
        if (piece.empty() || piece == ".") continue;
        if (piece == "..") {
            if (parts.empty()) return {};
            parts.pop_back();
        } else {
            parts.push_back(piece);
        }
    }
    std::string path;
    for (std::string_view piece : parts) {
        if (!path.empty()) path += '/';
        path += piece;
    }
    return path;
}

std::string relationships_part(std::string_view part) {
    const std::size_t slash = part.rfind('/');
    const std::string_view folder =
        slash == std::string_view::npos ? "" : part.substr(0, slash + 1);
    const std::string_view name = slash == std::string_view::npos ? part : part.substr(slash + 1);
    return fmt::format("{}_rels/{}.rels", folder, name);
}

}  // namespace uketsuke::xlsx
