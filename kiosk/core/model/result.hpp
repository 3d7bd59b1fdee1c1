#pragma once
// Errors as values for routine failures (a bad roster cell, an unknown ticket): a result holds
// either what was asked for or why not, tests false on failure, and is never ignored by
// accident. Exceptions stay for the truly exceptional.

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

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
class [[nodiscard]] Result {
public:
    Result(Value value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    explicit operator bool() const { return state_.index() == 0; }
    const Value& value() const& { return std::get<0>(state_); }
    Value& value() & { return std::get<0>(state_); }
    Value&& value() && { return std::get<0>(std::move(state_)); }
    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<Value, Error> state_;
};

}  // namespace uketsuke
