#pragma once
// The core's errors as values: Result<Value> holds what was asked for or a SourceError that
// says what is wrong and where (base/expected.hpp has the template every layer shares).

#include <cstddef>
#include <string>

#include "base/expected.hpp"

namespace uketsuke {

// What is wrong and where in the text it was read from; line and column are 1-based, 0 when
// the problem has no place (an empty file). message already names the place for a person:
// "line 3, column 7: …".
struct SourceError {
    std::string message;
    std::size_t line = 0;
    std::size_t column = 0;
};

template <class Value, class Error = SourceError>
using Result = Expected<Value, Error>;

}  // namespace uketsuke
