#include "kiosk/core/roster/schedule_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/roster/csv.hpp"
#include "kiosk/core/roster/search_key.hpp"
#include "kiosk/core/roster/table_file.hpp"
#include "kiosk/core/store/schema.hpp"
#include "kiosk/core/store/session_rules.hpp"

namespace uketsuke {
namespace {

enum class Column { Id, Name, Date, Start, End, Room, Opens, Grace, Leave, Makeup };

struct ColumnName {
    Column column;
    std::string_view field;  // the Session member a problem names
    std::string_view shown;  // in the summary
    std::array<std::string_view, 8> headers;
};

constexpr std::array kColumns{
    ColumnName{Column::Id, "id", "id", {"id", "session id", "session_id", "セッションid", "回id"}},
    ColumnName{Column::Name,
               "name",
               "name",
               {"name", "session", "title", "名称", "回", "名前", "セッション", "タイトル"}},
    ColumnName{Column::Date, "date", "date", {"date", "day", "日付", "開催日", "日にち"}},
    ColumnName{Column::Start,
               "starts_at",
               "start",
               {"start", "starts", "starts at", "from", "開始", "開始時刻", "開始時間"}},
    ColumnName{Column::End,
               "ends_at",
               "end",
               {"end", "ends", "ends at", "until", "終了", "終了時刻", "終了時間"}},
    ColumnName{
        Column::Room, "room", "room", {"room", "venue", "place", "会場", "部屋", "教室", "場所"}},
    ColumnName{Column::Opens,
               "opens_minutes_before",
               "opens",
               {"opens", "check-in opens", "受付開始", "受付"}},
    ColumnName{
        Column::Grace, "late_grace_minutes", "grace", {"grace", "late grace", "遅刻猶予", "猶予"}},
    ColumnName{
        Column::Leave, "records_leave", "leave", {"leave", "records leave", "退出記録", "退出"}},
    ColumnName{Column::Makeup,
               "makeup_of",
               "makeup_of",
               {"makeup_of", "makeup", "make-up of", "振替", "振替元"}},
};

std::optional<Column> column_for_header(std::string_view header) {
    const std::string key = search_key(utf8::trim(header));
    for (const auto& entry : kColumns) {
        for (const auto alias : entry.headers) {
            if (!alias.empty() && search_key(alias) == key) return entry.column;
        }
    }
    return std::nullopt;
}

const ColumnName& named(Column column) {
    for (const auto& entry : kColumns) {
        if (entry.column == column) return entry;
    }
    return kColumns.front();
}

std::optional<int> parse_minutes(std::string_view text) {
    text = utf8::trim(text);
    if (text.ends_with("分")) text.remove_suffix(std::string_view("分").size());
    if (text.ends_with("min")) text.remove_suffix(3);
    text = utf8::trim(text);
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

struct Parsed {
    Session session;
    std::size_t line = 0;
    std::map<std::string, std::size_t> column_of_field;  // where each field's cell starts
    bool named_default = false;
};

}  // namespace

std::optional<bool> parse_yes_no(std::string_view text) {
    const std::string key = search_key(utf8::trim(text));
    for (std::string_view yes : {"yes", "y", "true", "1", "○", "はい", "あり", "有"})
        if (key == search_key(yes)) return true;
    for (std::string_view no : {"", "no", "n", "false", "0", "×", "いいえ", "なし", "無"})
        if (key == search_key(no)) return false;
    return std::nullopt;
}

bool is_untouched_default(const EventStore& store) {
    const std::vector<Session> all = store.sessions();
    if (all.size() != 1 || all.front().id != kDefaultSessionId) return false;
    if (!all.front().changed_stamp.empty()) return false;
    for (const auto& row : store.checkins())
        if (row.session_id == kDefaultSessionId) return false;
    return store.session_expected_list(kDefaultSessionId).empty();
}

std::string next_session_id(EventStore& store, const std::vector<std::string>& taken) {
    std::set<std::string> used(taken.begin(), taken.end());
    auto query = store.database().prepare("SELECT id FROM sessions");
    while (query.step()) used.insert(query.text(0));
    for (int n = 1;; ++n) {
        std::string id = fmt::format("s{}", n);
        if (!used.contains(id)) return id;
    }
}

ScheduleImportResult import_schedule(EventStore& store, std::string_view bytes,
                                     const ScheduleImportOptions& options) {
    ScheduleImportResult result;
    const std::string& source = options.source_name;
    auto file = read_table(bytes, options.encoding, source);
    if (!file) {
        result.error = file.error();
        return result;
    }
    result.summary.encoding = file.value().encoding;
    const CsvTable& table = file.value().table;
    const CsvRow& header = table.rows.front();
    std::map<Column, std::size_t> column_of;
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
        const CsvField& cell = header.fields[c];
        const auto column = column_for_header(cell.text);
        if (!column) {
            result.summary.warnings.push_back(fmt::format(
                "column \"{}\" is not a session field; ignored", utf8::trim(cell.text)));
            continue;
        }
        if (const auto [previous, added] = column_of.emplace(*column, c); !added) {
            result.error =
                located(source, header.line, cell.column,
                        fmt::format("\"{}\" is a second {} column (the first is \"{}\")", cell.text,
                                    named(*column).shown, header.fields[previous->second].text));
            return result;
        }
        result.summary.columns.emplace_back(std::string(named(*column).shown),
                                            std::string(utf8::trim(cell.text)));
    }
    for (const Column required : {Column::Name, Column::Date, Column::Start, Column::End}) {
        if (!column_of.contains(required)) {
            result.error = located(
                source, header.line, 0,
                fmt::format("no {} column; the schedule needs name (名称), date (日付), start "
                            "(開始) and end (終了)",
                            named(required).shown));
            return result;
        }
    }

    // All of it in one transaction; an error or a dry run never commits.
    sql::Transaction transaction(store.database());
    const bool replace_default = is_untouched_default(store);
    std::vector<Session> existing = store.sessions();
    if (replace_default) {
        // Out of the way before anything is written, with a stamp older than the schedule's:
        // nothing on the event's date overlaps it any more, and a row that takes its id
        // brings it back as that row.
        existing.clear();
        const std::string stamp = store.next_stamp(options.changed_by, options.now_ms).to_string();
        auto gone = store.database().prepare(
            "UPDATE sessions SET removed = 1, changed_stamp = ?, changed_by = ? WHERE id = ?");
        gone.bind_all(stamp, options.changed_by, kDefaultSessionId);
        gone.run();
    }

    std::vector<Parsed> rows;
    std::set<std::string> ids_in_file;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        const CsvRow& row = table.rows[r];
        Parsed parsed;
        parsed.line = row.line;
        auto cell = [&](Column column) -> const CsvField* {
            const auto found = column_of.find(column);
            if (found == column_of.end()) return nullptr;
            parsed.column_of_field[std::string(named(column).field)] =
                row.fields[found->second].column;
            return &row.fields[found->second];
        };
        auto fail = [&](const CsvField& at, const std::string& message) {
            result.error = located(source, row.line, at.column, message);
            return result;
        };
        Session& s = parsed.session;
        const CsvField* id_cell = cell(Column::Id);
        s.name = std::string(utf8::trim(cell(Column::Name)->text));
        s.date = std::string(utf8::trim(cell(Column::Date)->text));
        s.starts_at = std::string(utf8::trim(cell(Column::Start)->text));
        s.ends_at = std::string(utf8::trim(cell(Column::End)->text));
        if (const CsvField* room = cell(Column::Room)) s.room = std::string(utf8::trim(room->text));
        if (id_cell) s.id = std::string(utf8::trim(id_cell->text));
        // Matching what the file leaves out: a session with this name on this date.
        const Session* held = nullptr;
        const auto date = parse_session_date(s.date);
        for (const auto& other : existing) {
            if (s.id.empty()
                    ? (other.name == s.name && date && parse_session_date(other.date) == date)
                    : other.id == s.id)
                held = &other;
        }
        if (held) {
            const Session edited = s;
            s = *held;
            s.name = edited.name;
            s.date = edited.date;
            s.starts_at = edited.starts_at;
            s.ends_at = edited.ends_at;
            if (column_of.contains(Column::Room)) s.room = edited.room;
        }
        if (const CsvField* opens = cell(Column::Opens);
            opens && !utf8::trim(opens->text).empty()) {
            // Minutes before the start (60), or the time check-in opens (8:30).
            const auto minutes = parse_minutes(opens->text);
            const auto at = parse_clock_time(opens->text);
            const auto starts = parse_clock_time(s.starts_at);
            if (minutes) {
                s.opens_minutes_before = *minutes;
            } else if (at && starts) {
                s.opens_minutes_before = *starts - *at;
            } else {
                return fail(*opens, fmt::format("\"{}\" is neither minutes before the start (60) "
                                                "nor a time (8:30)",
                                                utf8::trim(opens->text)));
            }
        }
        if (const CsvField* grace = cell(Column::Grace);
            grace && !utf8::trim(grace->text).empty()) {
            const auto minutes = parse_minutes(grace->text);
            if (!minutes) {
                return fail(*grace, fmt::format("\"{}\" is not a number of minutes",
                                                utf8::trim(grace->text)));
            }
            s.late_grace_minutes = *minutes;
        }
        if (const CsvField* leave = cell(Column::Leave)) {
            const auto yes = parse_yes_no(leave->text);
            if (!yes) {
                return fail(*leave, fmt::format("\"{}\" is not yes or no (はい/いいえ, ○/×)",
                                                utf8::trim(leave->text)));
            }
            s.records_leave = *yes;
        }
        if (const CsvField* makeup = cell(Column::Makeup))
            s.makeup_of = std::string(utf8::trim(makeup->text));
        if (!s.id.empty() && !ids_in_file.insert(s.id).second) {
            return fail(*id_cell, fmt::format("session id \"{}\" appears twice", s.id));
        }
        parsed.named_default = held != nullptr;
        rows.push_back(std::move(parsed));
    }

    // Ids for the new rows, then every row checked against the rest of the event.
    std::vector<std::string> taken(ids_in_file.begin(), ids_in_file.end());
    bool default_taken = ids_in_file.contains(kDefaultSessionId);
    for (auto& row : rows) {
        if (!row.session.id.empty()) continue;
        if (replace_default && !default_taken) {
            row.session.id = kDefaultSessionId;
            default_taken = true;
        } else {
            row.session.id = next_session_id(store, taken);
        }
        taken.push_back(row.session.id);
    }
    for (auto& row : rows) {
        std::vector<Session> others;
        for (const auto& other : existing)
            if (!ids_in_file.contains(other.id)) others.push_back(other);
        for (const auto& other : rows)
            if (&other != &row) others.push_back(other.session);
        auto checked = check_session(row.session, others, options.now_ms);
        if (!checked) {
            const auto at = row.column_of_field.find(checked.error().field);
            result.error =
                located(source, row.line, at == row.column_of_field.end() ? 0 : at->second,
                        checked.error().message);
            return result;
        }
        row.session = checked.value();
        const auto held = std::find_if(existing.begin(), existing.end(),
                                       [&](const Session& s) { return s.id == row.session.id; });
        auto same = [](Session a, Session b) {
            a.changed_stamp = b.changed_stamp = a.changed_by = b.changed_by = "";
            return std::tie(a.id, a.name, a.date, a.starts_at, a.ends_at, a.room,
                            a.opens_minutes_before, a.late_grace_minutes, a.records_leave,
                            a.makeup_of) == std::tie(b.id, b.name, b.date, b.starts_at, b.ends_at,
                                                     b.room, b.opens_minutes_before,
                                                     b.late_grace_minutes, b.records_leave,
                                                     b.makeup_of);
        };
        if (held == existing.end()) {
            ++result.summary.added;
        } else if (same(*held, row.session)) {
            ++result.summary.unchanged;
            result.summary.sessions.push_back(row.session);
            continue;
        } else {
            ++result.summary.changed;
        }
        row.session.changed_by = options.changed_by;
        row.session.changed_stamp =
            store.next_stamp(options.changed_by, options.now_ms).to_string();
        result.summary.sessions.push_back(row.session);
    }
    if (rows.empty()) {
        result.error = located(source, header.line, 0, "the schedule has no sessions");
        return result;
    }
    // Written in order so make-ups find their session (put_session checks each again).
    std::vector<const Parsed*> order;
    for (const auto& row : rows) order.push_back(&row);
    std::stable_sort(order.begin(), order.end(), [](const Parsed* a, const Parsed* b) {
        return a->session.makeup_of.empty() && !b->session.makeup_of.empty();
    });
    std::map<std::string, Session> to_write;
    for (const auto& s : result.summary.sessions) to_write[s.id] = s;
    for (const Parsed* row : order) {
        const Session& s = to_write.at(row->session.id);
        if (s.changed_stamp.empty()) continue;  // unchanged
        auto written = store.put_session(s, options.now_ms);
        if (!written) {
            result.error = located(source, row->line, 0, written.error().message);
            return result;
        }
    }
    result.summary.replaced_default = replace_default;
    if (!options.dry_run) transaction.commit();
    return result;
}

}  // namespace uketsuke
