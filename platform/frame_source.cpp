#include "platform/frame_source.hpp"

namespace uketsuke::platform {

FrameSource::~FrameSource() = default;

}  // namespace uketsuke::platform
