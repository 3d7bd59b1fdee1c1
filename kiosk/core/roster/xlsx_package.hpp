#pragma once
// The two layers under xlsx.cpp: the zip archive (libzip, read from memory, every part inflated
// against one byte budget so a zip bomb stops at the cap) and streaming XML (expat, fed chunk by
// chunk, no DTD accepted, element names without their namespace prefix). Internal to the
// roster's .xlsx reader.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/model/result.hpp"

struct zip;
struct XML_ParserStruct;

namespace uketsuke::xlsx {

class Package {
public:
    // The error says what is wrong for a person ("not a zip archive: …").
    static Result<Package, std::string> open(std::string_view bytes,
                                             std::size_t max_inflated_bytes);

    bool has(const std::string& part) const;
    // Inflates the part and hands it over in chunks; sink returns false to stop early. The error
    // names the part. Every part read counts against the one budget given to open.
    std::optional<std::string> read(const std::string& part,
                                    const std::function<bool(std::string_view)>& sink);
    std::optional<std::string> read_all(const std::string& part, std::string& out);

private:
    struct Close {
        void operator()(zip* archive) const;
    };
    explicit Package(zip* archive, std::size_t budget) : archive_(archive), budget_(budget) {}
    std::unique_ptr<zip, Close> archive_;
    std::size_t budget_ = 0;
    std::size_t inflated_ = 0;
};

// A SAX reader: subclasses see elements by local name ("c", not "x:c") and the text inside.
class XmlReader {
public:
    virtual ~XmlReader() = default;
    virtual void start(std::string_view name, const char** attributes) = 0;
    virtual void end(std::string_view /*name*/) {}
    virtual void text(std::string_view /*text*/) {}

    // Stops the parse; the message is what parse_part returns.
    void fail(std::string message);
    const std::string& part() const { return part_; }
    const std::optional<std::string>& failure() const { return failure_; }

    // The value of the attribute with this local name ("id" finds r:id), or empty.
    static std::string_view attribute(const char** attributes, std::string_view name);

private:
    friend std::optional<std::string> parse_part(Package&, const std::string&, XmlReader&);
    XML_ParserStruct* parser_ = nullptr;
    std::string part_;  // while parsing, for messages
    std::optional<std::string> failure_;
};

// A failure of the reader, or "part line L, column C: expat's message; the workbook is damaged…",
// or the package's error reading the part (the inflated-size cap).
std::optional<std::string> parse_part(Package& package, const std::string& part, XmlReader& reader);

// The part a relationship's target names, from the part that holds the relationship:
// ("xl/workbook.xml", "worksheets/sheet1.xml") → "xl/worksheets/sheet1.xml"; "/xl/x.xml" is
// from the root. Empty when it climbs out of the package.
std::string resolve_target(std::string_view from_part, std::string_view target);
// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
std::string relationships_part(std::string_view part);

}  // namespace uketsuke::xlsx
