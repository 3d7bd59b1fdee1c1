#include "kiosk/core/roster/roster_values.hpp"

#include <gtest/gtest.h>

namespace uketsuke::roster_values {
namespace {

TEST(RosterValues, ConnpassDatesAreParsed) {
    EXPECT_EQ(parse_japanese_date("2026年4月19日 17時22分"), "2026-04-19 17:22");
    EXPECT_EQ(parse_japanese_date("２０２６年４月１９日　９時０５分"), "2026-04-19 09:05");
    EXPECT_EQ(parse_japanese_date("2026年4月19日"), "2026-04-19");
    EXPECT_EQ(parse_japanese_date("2026/04/19 17:22"), "2026-04-19 17:22");
    EXPECT_EQ(parse_japanese_date("2026/4/19"), "2026-04-19");
    EXPECT_EQ(parse_japanese_date("2026-04-19 17:22:05"), "2026-04-19 17:22");
}

TEST(RosterValues, OtherTextIsNotADate) {
    EXPECT_EQ(parse_japanese_date(""), "");
    EXPECT_EQ(parse_japanese_date("未設定"), "");
    EXPECT_EQ(parse_japanese_date("2026年13月1日"), "");
    EXPECT_EQ(parse_japanese_date("2026年4月19日 25時00分"), "");
    EXPECT_EQ(parse_japanese_date("第3回 4月19日"), "");
    EXPECT_EQ(parse_japanese_date("03-1234-5678"), "");
    EXPECT_EQ(parse_japanese_date("99999999999999999999年1月1日"), "");
}

TEST(RosterValues, WaitingListIsNotACancellation) {
    EXPECT_TRUE(is_waiting_list("補欠"));
    EXPECT_TRUE(is_waiting_list("キャンセル待ち"));
    EXPECT_TRUE(is_waiting_list("Waitlist"));
    EXPECT_FALSE(is_waiting_list("参加"));
    EXPECT_FALSE(is_cancelled("補欠"));
    EXPECT_FALSE(is_cancelled("キャンセル待ち"));
    EXPECT_TRUE(is_cancelled("参加キャンセル"));
}

TEST(RosterValues, RolesFromTicketTypes) {
    EXPECT_EQ(role_of("ファシリテーター"), "facilitator");
    EXPECT_EQ(role_of("ファシリテーター枠"), "facilitator");
    EXPECT_EQ(role_of("進行役"), "facilitator");
    EXPECT_EQ(role_of("講師"), "facilitator");
    EXPECT_EQ(role_of("スタッフ"), "staff");
    EXPECT_EQ(role_of("運営"), "staff");
    EXPECT_EQ(role_of("来賓"), "guest");
    EXPECT_EQ(role_of("Guest"), "guest");
    EXPECT_EQ(role_of("一般"), "participant");
    EXPECT_EQ(role_of(""), "participant");
    EXPECT_EQ(role_of("一般参加枠"), "");
}

}  // namespace
}  // namespace uketsuke::roster_values
