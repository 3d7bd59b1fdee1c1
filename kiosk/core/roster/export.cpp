#include "kiosk/core/roster/export.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/model/local_time.hpp"

namespace uketsuke {
namespace {

struct Row {
    std::vector<std::pair<std::string, std::string>> fixed;
    const Participant* person = nullptr;
};

}  // namespace

std::string csv_field(std::string_view text) {
    std::string value(text);
    if (value.empty()) return value;
    {
        // Excel runs a cell starting with = + - @ as a formula; only plain numbers are safe.
        const char first = value.front();
        const bool signed_number = (first == '+' || first == '-') && value.size() > 1 &&
                                   value.find_first_not_of("0123456789.", 1) == std::string::npos;
        const bool formula = first == '=' || first == '@' || first == '\t' || first == '\r' ||
                             ((first == '+' || first == '-') && !signed_number);
        if (formula) value.insert(value.begin(), '\'');
    }
    if (value.find_first_of(",\"\r\n") == std::string::npos && value.front() != ' ' &&
        value.back() != ' ') {
        return value;
    }
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

Result<AttendanceExport, std::string> export_attendance(const EventStore& store,
                                                        const ExportOptions& options) {
    AttendanceExport result;
    const EventInfo event = store.event();
    const auto attendance = load_attendance(store, options.session_id);
    std::map<std::string, Group> groups;
    for (auto& group : store.groups()) groups[group.id] = group;
    const auto people = store.participants();

    // Imported columns we keep as extras, in order of first appearance.
    std::vector<std::string> extra_headers;
    for (const auto& person : people) {
        for (const auto& [header, value] : person.extras) {
            if (std::find(extra_headers.begin(), extra_headers.end(), header) ==
                extra_headers.end()) {
                extra_headers.push_back(header);
            }
        }
    }
    const std::vector<std::string> headers{
        "id",     "name",    "reading",      "organization", "role",          "group",
        "table",  "email",   "registration", "attended",     "checked_in_at", "kiosk",
        "method", "session", "notes"};

    nlohmann::json json_rows = nlohmann::json::array();
    std::string csv;
    auto add_line = [&csv](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i > 0) csv += ',';
            csv += csv_field(fields[i]);
        }
        csv += "\r\n";
    };
    std::vector<std::string> header_line = headers;
    header_line.insert(header_line.end(), extra_headers.begin(), extra_headers.end());
    add_line(header_line);

    for (const auto& person : people) {
        const auto found = attendance.find(person.id);
        const bool came = found != attendance.end() && found->second.checked_in;
        const auto group = groups.find(person.group_id);
        std::vector<std::string> fields{
            person.id,
            person.name,
            person.reading,
            person.organization,
            std::string(to_string(person.role)),
            group != groups.end() ? group->second.name : "",
            group != groups.end() ? group->second.table_label : "",
            person.email,
            std::string(to_string(person.status)),
            came ? "yes" : "no",
            came ? local_date_time(found->second.first->wall_ms, event.time_zone) : "",
            came ? found->second.first->kiosk : "",
            came ? std::string(to_string(found->second.first->method)) : "",
            came ? found->second.first->session_id : "",
            person.notes,
        };
        for (const auto& header : extra_headers) {
            std::string value;
            for (const auto& [key, v] : person.extras) {
                if (key == header) value = v;
            }
            fields.push_back(value);
        }
        if (options.format == ExportFormat::Csv) {
            add_line(fields);
        } else {
            nlohmann::json row = nlohmann::json::object();
            for (std::size_t i = 0; i < headers.size(); ++i) row[headers[i]] = fields[i];
            row["attended"] = came;
            nlohmann::json extras = nlohmann::json::object();
            for (std::size_t i = 0; i < extra_headers.size(); ++i)
                extras[extra_headers[i]] = fields[headers.size() + i];
            row["extras"] = extras;
            json_rows.push_back(row);
        }
        ++result.rows;
    }

    if (options.format == ExportFormat::Json) {
        nlohmann::json document = {
            {"event",
             {{"id", event.id},
              {"name", event.name},
              {"date", event.date},
              {"venue", event.venue},
              {"time_zone", event.time_zone}}},
            {"participants", json_rows},
        };
        result.bytes = document.dump(2) + "\n";
        return result;
    }
    if (options.encoding == Encoding::Cp932) {
        auto encoded = encode_from_utf8(csv, Encoding::Cp932);
        if (!encoded) {
            return encoded.error().message + " (export as UTF-8 instead: it keeps every character)";
        }
        result.bytes = std::move(encoded).value();
    } else {
        result.bytes = "\xEF\xBB\xBF" + csv;  // the BOM tells Excel this is UTF-8
    }
    return result;
}

}  // namespace uketsuke
