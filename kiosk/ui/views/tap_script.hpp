#pragma once
// A scripted finger for the real kiosk window: end-to-end tests and demos drive staff mode
// with it (`uketsuke-kiosk --script FILE`). One command per line, `#` starts a comment:
//
//   wait 1.5                 do nothing for 1.5 s
//   tap 検索                  tap the button labelled 検索 (waits up to 20 s for it to appear);
//   tap OK #2                the second button labelled OK on the screen
//   tap result.0             a button by its ImGui id (rows and fields have no single label)
//   hold 0.01 0.99 2.5       press at (1 %, 99 %) of the window for 2.5 s (a corner long press)
//   type やまだ               tap the keyboard key of each character in turn; a voiced kana
//                            is its plain kana and then the ゛゜ key (once, or twice for ぱ)
//   scan TEXT                as if a USB scanner read TEXT
//   shot staff-search        a screenshot named staff-search.png in the screenshot folder
//   exit                     close the kiosk
//
// The player is plain data: advance() gets the time and the buttons of the frame just drawn
// and says where the finger is, what to inject and whether it is waiting for another frame.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/ui/views/widgets.hpp"

namespace uketsuke::ui {

struct ScriptCommand {
    enum class Kind { Wait, Tap, Hold, Type, Scan, Shot, Exit };
    Kind kind = Kind::Wait;
    std::string text;               // Tap: label; Type, Scan: text; Shot: name
    std::vector<std::string> keys;  // Type: the key labels to tap (が is か then ゛゜)
    int occurrence = 1;
    double x = 0, y = 0;  // Hold: fractions of the window
    double seconds = 0;   // Wait, Hold
    int line = 0;
};

struct ScriptLoad {
    std::vector<ScriptCommand> commands;
    std::string error;  // "file:line: what" — the first problem found
};

ScriptLoad parse_tap_script(const std::string& text, const std::string& source_name);

struct ScriptPointer {
    float x = 0;
    float y = 0;
    bool down = false;
};

struct ScriptOutput {
    std::optional<ScriptPointer> pointer;  // nullopt: real input
    std::vector<std::string> scans;
    std::string screenshot;  // a name, or ""
    bool exit = false;
    bool finished = false;
    std::string error;  // a tap whose button never appeared; the script stops
    std::string log;    // the command just started, for the events log
};

class TapScript {
public:
    using Clock = std::chrono::steady_clock;
    explicit TapScript(std::vector<ScriptCommand> commands) : commands_(std::move(commands)) {}

    // Call once per drawn frame (and on wake-ups); `width`/`height` of the window.
    ScriptOutput advance(Clock::time_point now, const std::vector<DrawnButton>& buttons,
                         float width, float height);
    bool finished() const { return index_ >= commands_.size(); }

private:
    void next(Clock::time_point now);

    std::vector<ScriptCommand> commands_;
    std::size_t index_ = 0;
    bool started_ = false;
    int phase_ = 0;  // within a command: tap 0 find, 1 hover, 2 down, 3 up; type: per character
    std::size_t character_ = 0;
    Clock::time_point since_{};
    ScriptPointer pointer_;
    bool pointer_active_ = false;
};

}  // namespace uketsuke::ui
