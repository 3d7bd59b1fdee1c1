#pragma once
// Errors as values in platform: what was asked for, or a message a person can act on ("cannot
// open a window: …"). The template is the one every layer shares (base/expected.hpp, no core
// in it, so platform stays a leaf). Result<> is for work that gives nothing back but may fail.

#include <string>

#include "base/expected.hpp"

namespace uketsuke::platform {

// How a function says it failed: return Failure{"cannot …: " + why}.
struct Failure {
    std::string message;
};

template <class Value = void>
using Result = Expected<Value, Failure>;

}  // namespace uketsuke::platform
