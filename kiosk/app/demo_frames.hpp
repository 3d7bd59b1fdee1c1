#pragma once
// Camera frames for the demo without a camera: 1280×720 gray pictures of a few
// demo tickets held up at slight angles, with empty frames between arrivals, so a
// newcomer sees check-ins happen (and one already-checked-in and one problem).

#include <filesystem>
#include <string>
#include <vector>

namespace uketsuke::app {

// Writes frames into `dir` (once; existing frames are kept). Returns an error or "".
std::string write_demo_frames(const std::filesystem::path& dir,
                              const std::vector<std::string>& payloads);

}  // namespace uketsuke::app
