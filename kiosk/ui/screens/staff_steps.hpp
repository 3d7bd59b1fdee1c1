#pragma once
// What staff_step (staff.cpp) is made of, private to the staff screens: taps and keys
// (staff_taps.cpp), the worker's replies (staff_replies.cpp) and the pieces both use.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/ui/screens/staff.hpp"

namespace uketsuke::ui::staff_steps {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

inline std::int64_t ms_of(Instant instant) { return instant.time_since_epoch().count(); }

[[nodiscard]] KeyboardState pin_pad();
// The keyboard staff see first: kana for Japanese (readings are how names are looked up),
// Latin for English.
[[nodiscard]] KeyboardState text_keyboard(Language language, std::string text = {});
// The message line: a [staff.done] key and the core's own words, if any.
void say(StaffState& state, std::string key, std::string detail = {}, bool error = false);

void enter_page(StaffState& state, StaffPage page, Instant now,
                std::vector<StaffRequest>& requests);
void on_tap(StaffState& state, const StaffIntent& intent, Instant now,
            std::vector<StaffRequest>& requests);
void on_reply(StaffState& state, const StaffReply& reply, Instant now,
              std::vector<StaffRequest>& requests);

}  // namespace uketsuke::ui::staff_steps
