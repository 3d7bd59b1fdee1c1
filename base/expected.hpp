#pragma once
// Errors as values for routine failures (a bad roster cell, a camera that will not open, an
// image stb cannot read): either what was asked for or why not. It tests false on failure and
// is never ignored by accident ([[nodiscard]]); exceptions stay for the truly exceptional.
//
// The one template every layer shares, in the shape of C++23's std::expected (which GCC 12's
// library lacks): header-only and dependency-free, so platform/ — a leaf that links no core —
// and kiosk/image use it as the core does. Each layer names its own error type:
// kiosk/core/model/result.hpp (SourceError, a place in a file), platform/result.hpp (Failure),
// kiosk/image/image.hpp (ImageError). Expected<void, Error> is for work that gives nothing back.

#include <optional>
#include <utility>
#include <variant>

namespace uketsuke {

template <class Value, class Error>
class [[nodiscard]] Expected {
public:
    Expected(Value value) : state_(std::in_place_index<0>, std::move(value)) {}
    Expected(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    explicit operator bool() const { return state_.index() == 0; }
    const Value& value() const& { return std::get<0>(state_); }
    Value& value() & { return std::get<0>(state_); }
    Value&& value() && { return std::get<0>(std::move(state_)); }
    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<Value, Error> state_;
};

template <class Error>
class [[nodiscard]] Expected<void, Error> {
public:
    Expected() = default;  // done
    Expected(Error error) : error_(std::move(error)) {}

    explicit operator bool() const { return !error_; }
    const Error& error() const { return error_.value(); }

private:
    std::optional<Error> error_;
};

}  // namespace uketsuke
