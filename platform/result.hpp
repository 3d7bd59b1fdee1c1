#pragma once
// Errors as values in platform: what was asked for, or a message a person can act on ("cannot
// open a window: …"). The shape of the core's Result (kiosk/core/model/result.hpp), which
// platform does not include: it tests false on failure, value() and error(), never ignored by
// accident. Result<> is for work that gives nothing back but may fail.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace uketsuke::platform {

// How a function says it failed: return Failure{"cannot …: " + why}.
struct Failure {
    std::string message;
};

template <class Value = void>
class [[nodiscard]] Result {
public:
    Result(Value value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure)) {}

    explicit operator bool() const { return state_.index() == 0; }
    const Value& value() const& { return std::get<0>(state_); }
    Value& value() & { return std::get<0>(state_); }
    Value&& value() && { return std::get<0>(std::move(state_)); }
    const std::string& error() const { return std::get<1>(state_).message; }

private:
    std::variant<Value, Failure> state_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;  // done
    Result(Failure failure) : failure_(std::move(failure)) {}

    explicit operator bool() const { return !failure_; }
    const std::string& error() const { return failure_.value().message; }

private:
    std::optional<Failure> failure_;
};

}  // namespace uketsuke::platform
