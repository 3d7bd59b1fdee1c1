#include "kiosk/ui/views/tap_script.hpp"

#include <fmt/format.h>

#include <sstream>

namespace uketsuke::ui {
namespace {

constexpr auto kFindTimeout = std::chrono::seconds(5);
// A tap is a hover frame, a press frame and a release frame, each shown at least this long
// so the loop draws them one by one.
constexpr auto kTapStep = std::chrono::milliseconds(40);

std::string trim(std::string text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return {};
    const auto end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

std::vector<std::string> code_points(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        out.push_back(text.substr(i, n));
        i += n;
    }
    return out;
}

// The keys that type one character on the kana keyboard: voiced kana (が, ぱ, ガ) have no key of
// their own; they are the plain kana and one or two presses of the voicing key.
std::vector<std::string> keys_for(const std::string& character) {
    static const std::string voiced =
        "がぎぐげござじずぜぞだぢづでどばびぶべぼガギグゲゴザジズゼゾダヂヅデドバビブベボ";
    static const std::string half_voiced = "ぱぴぷぺぽパピプペポ";
    const auto base_of = [&](unsigned back) {
        // Kana are 3 bytes in UTF-8; the plain form is 1 (voiced) or 2 (ぱ) code points before.
        const auto byte = [&](std::size_t i) {
            return static_cast<unsigned>(static_cast<unsigned char>(character[i]));
        };
        const unsigned code =
            ((byte(0) & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F)) - back;
        return std::string{static_cast<char>(0xE0 | (code >> 12)),
                           static_cast<char>(0x80 | ((code >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (code & 0x3F))};
    };
    if (character.size() == 3 && voiced.find(character) != std::string::npos)
        return {base_of(1), "゛゜"};
    if (character.size() == 3 && half_voiced.find(character) != std::string::npos) {
        return {base_of(2), "゛゜", "゛゜"};
    }
    return {character};
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
                for (const auto& character : code_points(rest)) {
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
