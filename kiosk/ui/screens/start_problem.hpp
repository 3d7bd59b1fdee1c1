#pragma once
// The screen of a kiosk that cannot run: the event file is missing, damaged, not an event file
// or cannot be opened. Shown full-screen in both languages at once (nobody can switch languages
// on a kiosk that does nothing else), with the file and the technical detail small at the
// bottom for whoever fixes it, and kept up: under systemd a kiosk that exits is restarted every
// two seconds with nothing on screen. Plain data, drawn by views/start_problem_view.hpp.

#include <string>
#include <vector>

#include "kiosk/ui/screens/strings.hpp"

namespace uketsuke::ui {

enum class StartProblemKind {
    Missing,     // no file where the configuration says
    Damaged,     // SQLite says corrupt, or not a database at all
    NotAnEvent,  // an SQLite file, but not one of ours, or from a newer Uketsuke
    CannotOpen,  // the file or its folder cannot be read or written
    DiskError,   // reading the disk failed
    Other,       // anything else; the detail says what
};

std::string_view to_string(StartProblemKind kind);  // "damaged", … (the strings key's middle)

struct StartProblem {
    StartProblemKind kind = StartProblemKind::Other;
    std::string file;    // as configured
    std::string detail;  // the error's own words (English), for the organizer
};

// One language's part of the screen.
struct StartProblemText {
    std::string title;
    std::string next;  // what to do
};

struct StartProblemView {
    std::vector<StartProblemText> languages;  // Japanese first, then English
    std::string file;                         // "イベントファイル: … / Event file: …"
    std::string detail;                       // shown small; no control characters
    std::string retrying;                     // "starts by itself once fixed", both languages
};

[[nodiscard]] StartProblemView build_start_problem_view(const StartProblem& problem,
                                                        const Strings& strings);
// Every string in the view, for the font atlas.
[[nodiscard]] std::vector<std::string> all_texts(const StartProblemView& view);

}  // namespace uketsuke::ui
