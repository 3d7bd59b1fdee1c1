#include "kiosk/core/model/session.hpp"

#include <array>
#include <utility>

namespace uketsuke {
namespace {

struct MarkName {
    SessionMark mark;
    std::string_view name;
    std::string_view symbol;
};

constexpr std::array marks{
    MarkName{SessionMark::Present, "present", "○"},
    MarkName{SessionMark::Late, "late", "遅"},
    MarkName{SessionMark::EarlyLeave, "early-leave", "早"},
    MarkName{SessionMark::Absent, "absent", "×"},
    MarkName{SessionMark::MadeUp, "made-up", "振"},
    MarkName{SessionMark::NotExpected, "not-expected", ""},
};

const MarkName& find(SessionMark mark) {
    for (const auto& entry : marks) {
        if (entry.mark == mark) return entry;
    }
    return marks.back();
}

}  // namespace

std::string_view to_string(SessionMark mark) { return find(mark).name; }
std::string_view session_mark_symbol(SessionMark mark) { return find(mark).symbol; }
std::optional<SessionMark> session_mark_from_string(std::string_view text) {
    for (const auto& entry : marks) {
        if (entry.name == text) return entry.mark;
    }
    return std::nullopt;
}

}  // namespace uketsuke
