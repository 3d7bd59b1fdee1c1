#include "kiosk/ui/views/tap_script.hpp"

#include <fmt/format.h>

#include <sstream>
#include <string_view>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke::ui {
namespace {

// Long enough for a PIN check (Argon2id) or a search on a loaded CI machine under the sanitizers:
// a script waits for the screen it expects rather than guessing how long work takes.
constexpr auto kFindTimeout = std::chrono::seconds(20);
// A tap is a hover frame, a press frame and a release frame, each shown at least this long
// so the loop draws them one by one.
constexpr auto kTapStep = std::chrono::milliseconds(40);

std::string trim(std::string_view text) { return std::string(utf8::trim_ascii(text)); }

// The keys that type one character on the kana keyboard: voiced kana (が, ぱ, ガ) have no key of
// their own; they are the plain kana, which sits one (voiced) or two (ぱ) code points before,
// and one or two presses of the voicing key.
std::vector<std::string> keys_for(char32_t character) {
    static constexpr std::u32string_view voiced =
        U"がぎぐげござじずぜぞだぢづでどばびぶべぼガギグゲゴザジズゼゾダヂヅデドバビブベボ";
    static constexpr std::u32string_view half_voiced = U"ぱぴぷぺぽパピプペポ";
    if (voiced.find(character) != std::u32string_view::npos)
        return {utf8::encode(character - 1), "゛゜"};
    if (half_voiced.find(character) != std::u32string_view::npos)
        return {utf8::encode(character - 2), "゛゜", "゛゜"};
    return {utf8::encode(character)};
}

const DrawnButton* find(const std::vector<DrawnButton>& buttons, const std::string& label,
                        int occurrence) {
    int seen = 0;
    for (const auto& button : buttons) {
        if ((button.label == label || button.id == label) && ++seen == occurrence) return &button;
    }
    return nullptr;
}

}  // namespace

ScriptLoad parse_tap_script(const std::string& text, const std::string& source_name) {
    ScriptLoad load;
    std::istringstream lines(text);
    std::string raw;
    int line_number = 0;
    while (std::getline(lines, raw)) {
        ++line_number;
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#') continue;  // "tap OK #2" keeps its #
        const auto space = line.find(' ');
        const std::string verb = line.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : trim(line.substr(space + 1));
        ScriptCommand command;
        command.line = line_number;
        auto fail = [&](const std::string& why) {
            if (load.error.empty())
                load.error = fmt::format("{}:{}: {}", source_name, line_number, why);
        };
        try {
            if (verb == "wait") {
                command.kind = ScriptCommand::Kind::Wait;
                command.seconds = std::stod(rest);
            } else if (verb == "tap") {
                command.kind = ScriptCommand::Kind::Tap;
                command.text = rest;
                if (const auto hash = rest.rfind(" #"); hash != std::string::npos) {
                    command.text = trim(rest.substr(0, hash));
                    command.occurrence = std::stoi(rest.substr(hash + 2));
                }
                if (command.text.empty()) fail("tap needs a button label");
            } else if (verb == "hold") {
                command.kind = ScriptCommand::Kind::Hold;
                std::istringstream numbers(rest);
                if (!(numbers >> command.x >> command.y >> command.seconds))
                    fail("hold needs X Y SECONDS");
            } else if (verb == "type" || verb == "scan" || verb == "shot") {
                for (const char32_t character : utf8::decode(rest)) {
                    for (auto& key : keys_for(character)) command.keys.push_back(std::move(key));
                }
                command.kind = verb == "type"   ? ScriptCommand::Kind::Type
                               : verb == "scan" ? ScriptCommand::Kind::Scan
                                                : ScriptCommand::Kind::Shot;
                command.text = rest;
                if (rest.empty()) fail(verb + " needs text");
            } else if (verb == "exit") {
                command.kind = ScriptCommand::Kind::Exit;
            } else {
                fail("unknown command \"" + verb + "\" (wait, tap, hold, type, scan, shot, exit)");
            }
        } catch (const std::exception&) {
            fail("\"" + rest + "\" is not a number");
        }
        load.commands.push_back(std::move(command));
    }
    return load;
}

void TapScript::next(Clock::time_point now) {
    ++index_;
    started_ = false;
    phase_ = 0;
    character_ = 0;
    since_ = now;
}

ScriptOutput TapScript::advance(Clock::time_point now, const std::vector<DrawnButton>& buttons,
                                float width, float height) {
    ScriptOutput out;
    // Several commands may finish in one call (a shot, then a wait); a tap or hold needs frames.
    for (int guard = 0; guard < 64 && index_ < commands_.size(); ++guard) {
        const ScriptCommand& command = commands_[index_];
        if (!started_) {
            started_ = true;
            since_ = now;
            phase_ = 0;
            out.log += (out.log.empty() ? "" : "; ") + fmt::format("line {}", command.line);
        }
        using Kind = ScriptCommand::Kind;
        bool wait_for_frame = false;
        switch (command.kind) {
            case Kind::Wait:
                if (now - since_ < std::chrono::duration<double>(command.seconds))
                    wait_for_frame = true;
                else
                    next(now);
                break;
            case Kind::Scan:
                out.scans.push_back(command.text);
                next(now);
                break;
            case Kind::Shot:
                if (!out.screenshot.empty()) {
                    wait_for_frame = true;  // one screenshot per frame
                    break;
                }
                out.screenshot = command.text;
                next(now);
                break;
            case Kind::Exit:
                if (!out.screenshot.empty()) {
                    wait_for_frame = true;  // the screenshot first
                    break;
                }
                out.exit = true;
                next(now);
                break;
            case Kind::Hold:
                pointer_active_ = true;
                pointer_ = ScriptPointer{static_cast<float>(command.x * width),
                                         static_cast<float>(command.y * height), true};
                if (now - since_ < std::chrono::duration<double>(command.seconds)) {
                    wait_for_frame = true;
                } else {
                    pointer_.down = false;
                    next(now);
                    wait_for_frame = true;  // the release must be seen in a frame
                }
                break;
            case Kind::Tap:
            case Kind::Type: {
                std::string label = command.text;
                int occurrence = command.occurrence;
                if (command.kind == Kind::Type) {
                    if (character_ >= command.keys.size()) {
                        next(now);
                        break;
                    }
                    label = command.keys[character_];
                    occurrence = 1;
                }
                if (phase_ == 0) {
                    const DrawnButton* button = find(buttons, label, occurrence);
                    if (button == nullptr) {
                        if (now - since_ > kFindTimeout) {
                            out.error =
                                fmt::format("line {}: no button labelled \"{}\" on the screen",
                                            command.line, label);
                            index_ = commands_.size();
                            break;
                        }
                        wait_for_frame = true;
                        break;
                    }
                    pointer_active_ = true;
                    pointer_ = ScriptPointer{(button->min.x + button->max.x) / 2,
                                             (button->min.y + button->max.y) / 2, false};
                    phase_ = 1;
                    since_ = now;
                    wait_for_frame = true;
                } else if (now - since_ < kTapStep) {
                    wait_for_frame = true;
                } else if (phase_ == 1) {
                    pointer_.down = true;
                    phase_ = 2;
                    since_ = now;
                    wait_for_frame = true;
                } else {
                    pointer_.down = false;
                    since_ = now;
                    if (command.kind == Kind::Type) {
                        ++character_;
                        phase_ = 0;
                        since_ = now;
                        wait_for_frame = true;  // the release frame, then the next key
                    } else {
                        next(now);
                        wait_for_frame = true;
                    }
                }
                break;
            }
        }
        if (wait_for_frame || !out.error.empty()) break;
    }
    if (pointer_active_) out.pointer = pointer_;
    out.finished = index_ >= commands_.size();
    return out;
}

}  // namespace uketsuke::ui
