#include "kiosk/core/roster/export.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kiosk/core/checkin/checkin.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

class ExportTest : public ::testing::Test {
protected:
    EventFixture f;
    void SetUp() override {
        f.store.upsert_group(Group{"g", "A", "1", 0, "", std::nullopt, std::nullopt}, 0);
        Participant p = f.person("1", "山田 花子", "青葉市", "g");
        p.extras = {{"経験年数", "3"}};
        f.add(p);
        f.person("2", "=HYPERLINK(\"x\")", "港南市, 企画課");
        CheckinService service(f.store);
        (void)service.check_in_participant(
            "1", CheckinContext{"B", "", CheckinMethod::Camera, kNineAm + 42 * 60'000});
    }
};

TEST_F(ExportTest, CsvIsExcelReady) {
    auto result = export_attendance(f.store, ExportOptions{});
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(result.value().rows, 2);
    const std::string& csv = result.value().bytes;
    ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.find("\r\n"), std::string::npos);
    EXPECT_NE(csv.find("id,name,reading,organization,role,group,table,email,registration,attended,"
                       "checked_in_at,kiosk,method,session,notes,経験年数\r\n"),
              std::string::npos);
    EXPECT_NE(csv.find("1,山田 花子,,青葉市,participant,A,1,,registered,yes,2026-11-30 "
                       "09:42:00,B,camera,s1,,3\r\n"),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << csv;
    EXPECT_NE(csv.find("\"港南市, 企画課\""), std::string::npos);
}

TEST_F(ExportTest, Cp932OnRequest) {
    auto result = export_attendance(f.store, ExportOptions{ExportFormat::Csv, Encoding::Cp932});
    ASSERT_TRUE(result) << result.error();
    EXPECT_NE(result.value().bytes.substr(0, 3), "\xEF\xBB\xBF");
    auto back = decode_to_utf8(result.value().bytes, Encoding::Cp932);
    ASSERT_TRUE(back);
    EXPECT_NE(back.text.find("山田 花子"), std::string::npos);
}

TEST_F(ExportTest, Cp932RefusesWhatItCannotHold) {
    f.person("3", "😀 Emoji", "X");
    auto result = export_attendance(f.store, ExportOptions{ExportFormat::Csv, Encoding::Cp932});
    EXPECT_FALSE(result);
    EXPECT_NE(result.error().find("UTF-8"), std::string::npos);
}

TEST_F(ExportTest, JsonHasEveryone) {
    auto result = export_attendance(f.store, ExportOptions{ExportFormat::Json, Encoding::Utf8});
    ASSERT_TRUE(result);
    auto json = nlohmann::json::parse(result.value().bytes);
    ASSERT_EQ(json["participants"].size(), 2u);
    EXPECT_EQ(json["participants"][0]["name"], "山田 花子");
    EXPECT_EQ(json["participants"][0]["attended"], true);
    EXPECT_EQ(json["participants"][0]["kiosk"], "B");
    EXPECT_EQ(json["participants"][0]["extras"]["経験年数"], "3");
    EXPECT_EQ(json["participants"][1]["attended"], false);
    EXPECT_EQ(json["event"]["time_zone"], "Asia/Tokyo");
}

TEST(CsvField, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field(""), "");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csv_field("+81 90"), "'+81 90");
    EXPECT_EQ(csv_field("+819012345678"), "+819012345678");
    EXPECT_EQ(csv_field("-5"), "-5");
    EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
}

}  // namespace
}  // namespace uketsuke
