#include "platform/result.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace uketsuke::platform {
namespace {

Result<std::unique_ptr<int>> open_number(bool works) {
    if (!works) return Failure{"cannot open the number: none left"};
    return std::make_unique<int>(42);
}

Result<> write_number(bool works) {
    if (!works) return Failure{"cannot write the number"};
    return {};
}

TEST(PlatformResult, HoldsAMoveOnlyValueOrTheMessage) {
    auto opened = open_number(true);
    ASSERT_TRUE(opened);
    const std::unique_ptr<int> number = std::move(opened).value();
    ASSERT_NE(number, nullptr);
    EXPECT_EQ(*number, 42);

    const auto refused = open_number(false);
    EXPECT_FALSE(refused);
    EXPECT_EQ(refused.error().message, "cannot open the number: none left");
}

TEST(PlatformResult, VoidResultIsDoneOrTheMessage) {
    EXPECT_TRUE(write_number(true));
    const Result<> refused = write_number(false);
    EXPECT_FALSE(refused);
    EXPECT_EQ(refused.error().message, "cannot write the number");
}

}  // namespace
}  // namespace uketsuke::platform
