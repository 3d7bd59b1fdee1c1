#pragma once
// The desk roster (受付名簿): the list an organizer keeps at the desk in case the kiosk dies.
// A4 portrait, one row per person in 五十音順 (by the caller's sort key: the reading folded as
// search folds it), optionally under headings (organization or group), with columns 受付番号,
// name, reading, organization, group/table, a check box and a signature space; the event,
// date and session in every page's header, "1 / 3" at its foot. Text is 10.5 pt; a long
// name shrinks, then is cut with "…", never leaving its cell (text_box.hpp).

#include <string>
#include <vector>

#include "paper/paper_error.hpp"
#include "paper/text_box.hpp"

namespace uketsuke::paper {

struct RosterEntry {
    std::string number;  // 受付番号
    std::string name;
    std::string reading;
    std::string organization;
    std::string group_table;  // "A班　テーブル 1"
    bool arrived = false;     // checked in already: its box is ticked
    // Where the row goes: under the heading `section` (sections in `section_key` order), then
    // by `sort_key` (search_key of the reading, else of the name), then name and number.
    std::string section;
    std::string section_key;
    std::string sort_key;
};

struct RosterHeader {
    std::string event;    // the event's name
    std::string date;     // 2026年3月14日
    std::string session;  // the session's name, "" for an event of one
    std::string note;     // what the list holds: "所属別・五十音順　未受付のみ"
    std::string printed;  // "2026-03-14 08:30 作成"
};

enum class RosterColumn { Number, Name, Reading, Organization, Group, Section, Header };

struct RosterPlaced {
    int page = 0;
    RosterColumn column = RosterColumn::Name;
    std::string text;
    SetText set;
};

struct RosterNote {
    std::string number;  // whose
    RosterColumn column = RosterColumn::Name;
    bool cut = false;
    int unknown_glyphs = 0;
};

struct RosterPdf {
    std::string pdf;
    int pages = 0;
    int rows = 0;
    std::vector<RosterNote> notes;  // texts cut with "…" or with characters no font draws
    std::vector<RosterPlaced> placed;
};

struct RosterOptions {
    std::string font = "Noto Sans CJK JP";
    bool keep_placements = false;  // fill RosterPdf::placed (tests)
};

// Entries in any order; they are sorted here. An empty list is a page saying nobody is listed.
[[nodiscard]] PaperResult<RosterPdf> render_desk_roster(const RosterHeader& header,
                                                        std::vector<RosterEntry> entries,
                                                        const RosterOptions& options = {});

[[nodiscard]] const char* to_string(RosterColumn column);

}  // namespace uketsuke::paper
