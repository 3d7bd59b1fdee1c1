#include "kiosk/core/roster/export.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/model/local_time.hpp"

namespace uketsuke {
namespace {

// Where each person sits at a session that draws its own seating: participant → seat.
using Seating = std::map<std::string, SessionSeat>;

struct Place {
    std::string group;
    std::string table;
};

Place place_of(const Participant& person, const Seating* own,
               const std::map<std::string, Group>& groups) {
    std::string group_id = person.group_id;
    std::string table;
    if (own) {
        const auto seat = own->find(person.id);
        group_id = seat == own->end() ? "" : seat->second.group_id;
        if (seat != own->end()) table = seat->second.table_label;
    }
    const auto group = groups.find(group_id);
    if (group == groups.end()) return {};
    return {group->second.name, table.empty() ? group->second.table_label : table};
}

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
    // Where people sit: at the exported session when there is one, else the event's seating;
    // an export of a series also gets each session's check-in and, where a session draws its
    // own seating, its group and table.
    const std::vector<Session> sessions = store.sessions();
    std::map<std::string, Seating> own_seating;
    for (const auto& session : sessions) {
        if (!store.has_own_seating(session.id)) continue;
        Seating& seating = own_seating[session.id];
        for (auto& seat : store.session_seating(session.id)) {
            seating.emplace(seat.participant_id, std::move(seat));
        }
    }
    const auto own_of = [&own_seating](const std::string& session_id) -> const Seating* {
        const auto found = own_seating.find(session_id);
        return found == own_seating.end() ? nullptr : &found->second;
    };
    const bool per_session = options.session_id.empty() && sessions.size() > 1;
    std::map<std::string, std::map<std::string, Attendance>> by_session;
    if (per_session) {
        for (const auto& session : sessions)
            by_session[session.id] = load_attendance(store, session.id);
    }
    std::vector<std::string> session_headers;
    if (per_session) {
        for (const auto& session : sessions) {
            session_headers.push_back(session.id + " checked_in_at");
            if (own_of(session.id)) {
                session_headers.push_back(session.id + " group");
                session_headers.push_back(session.id + " table");
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
    header_line.insert(header_line.end(), session_headers.begin(), session_headers.end());
    header_line.insert(header_line.end(), extra_headers.begin(), extra_headers.end());
    add_line(header_line);

    for (const auto& person : people) {
        const auto found = attendance.find(person.id);
        const bool came = found != attendance.end() && found->second.checked_in;
        const Place place = place_of(person, own_of(options.session_id), groups);
        std::vector<std::string> fields{
            person.id,
            person.name,
            person.reading,
            person.organization,
            std::string(to_string(person.role)),
            place.group,
            place.table,
            person.email,
            std::string(to_string(person.status)),
            came ? "yes" : "no",
            came ? local_date_time(found->second.first->wall_ms, event.time_zone) : "",
            came ? found->second.first->kiosk : "",
            came ? std::string(to_string(found->second.first->method)) : "",
            came ? found->second.first->session_id : "",
            person.notes,
        };
        nlohmann::json session_json = nlohmann::json::object();
        for (const auto& session : sessions) {
            if (!per_session) break;
            const auto& there = by_session[session.id];
            const auto found_there = there.find(person.id);
            const bool came_there = found_there != there.end() && found_there->second.checked_in;
            const std::string at =
                came_there ? local_date_time(found_there->second.first->wall_ms, event.time_zone)
                           : "";
            fields.push_back(at);
            nlohmann::json entry = {{"checked_in_at", at}};
            if (const Seating* own = own_of(session.id)) {
                const Place seated = place_of(person, own, groups);
                fields.push_back(seated.group);
                fields.push_back(seated.table);
                entry["group"] = seated.group;
                entry["table"] = seated.table;
            }
            session_json[session.id] = std::move(entry);
        }
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
                extras[extra_headers[i]] = fields[headers.size() + session_headers.size() + i];
            row["extras"] = extras;
            if (per_session) row["sessions"] = std::move(session_json);
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
