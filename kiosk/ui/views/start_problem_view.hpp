#pragma once
// Draws the screen of a kiosk that cannot run (screens/start_problem.hpp): the whole display,
// Japanese above English, the file and the technical detail small at the bottom. No buttons:
// nothing a participant could tap would help.

#include "kiosk/ui/screens/start_problem.hpp"
#include "kiosk/ui/views/view.hpp"

namespace uketsuke::ui {

void draw_start_problem(const StartProblemView& view, const ViewFonts& fonts);

}  // namespace uketsuke::ui
