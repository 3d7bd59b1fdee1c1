#pragma once
// The paper library's errors as values: a message a person can act on, naming the file, font or
// printer and what to do ("…: install it (apt-get install fonts-noto-cjk)").

#include <string>

#include "base/expected.hpp"

namespace uketsuke::paper {

struct PaperError {
    std::string message;
};

template <class Value>
using PaperResult = Expected<Value, PaperError>;

}  // namespace uketsuke::paper
