#pragma once
// Fixtures for the end-to-end tests of `uketsuke`: events made with the real
// binary, rosters in every encoding built byte by byte, and small readers for
// what the tool writes (CSV, PNG headers, report JSON). Nothing here calls core
// code, so a bug in core cannot hide itself by also being in the fixture.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke::testing::cli {

inline const std::string kBom = "\xEF\xBB\xBF";

// gmock is not linked into cli_tests: a substring check with a readable failure instead.
inline ::testing::AssertionResult contains_text(const char* haystack_expression,
                                                const char* needle_expression,
                                                std::string_view haystack,
                                                std::string_view needle) {
    if (haystack.find(needle) != std::string_view::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << haystack_expression << " does not contain " << needle_expression << " (\"" << needle
           << "\")\n--- it is ---\n"
           << haystack;
}
inline ::testing::AssertionResult lacks_text(const char* haystack_expression,
                                             const char* needle_expression,
                                             std::string_view haystack, std::string_view needle) {
    if (haystack.find(needle) == std::string_view::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << haystack_expression << " contains " << needle_expression
                                         << " (\"" << needle << "\")\n--- it is ---\n"
                                         << haystack;
}
#define EXPECT_CONTAINS(haystack, needle) \
    EXPECT_PRED_FORMAT2(::uketsuke::testing::cli::contains_text, haystack, needle)
#define ASSERT_CONTAINS(haystack, needle) \
    ASSERT_PRED_FORMAT2(::uketsuke::testing::cli::contains_text, haystack, needle)
#define EXPECT_LACKS(haystack, needle) \
    EXPECT_PRED_FORMAT2(::uketsuke::testing::cli::lacks_text, haystack, needle)

// Runs `uketsuke --event DB args...`.
inline CommandOutput on_event(const std::filesystem::path& db, std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {"--event", db.string()});
    return uketsuke(arguments);
}

// Everything a failed expectation needs to say what the tool did.
inline std::string describe(const CommandOutput& output) {
    return "exit " + std::to_string(output.exit_code) + "\n--- stdout ---\n" + output.out +
           "\n--- stderr ---\n" + output.err;
}

// A fresh event in its own folder: DIR/event.db and DIR/event.secret-key.
class EventFixture {
public:
    explicit EventFixture(const std::string& name = "テスト勉強会") : db_(dir_ / "event.db") {
        const CommandOutput init = uketsuke({"--event", db_.string(), "init", "--name", name,
                                             "--date", "2026-03-14", "--venue", "会議室"});
        init_ok_ = init.exit_code == 0;
        EXPECT_EQ(init.exit_code, 0) << describe(init);
    }

    const std::filesystem::path& db() const { return db_; }
    const TempDir& dir() const { return dir_; }
    std::filesystem::path operator/(const std::string& name) const { return dir_ / name; }

    CommandOutput run(std::vector<std::string> arguments) const {
        return on_event(db_, std::move(arguments));
    }

    // Writes `bytes` to DIR/name and imports it; the import must succeed.
    CommandOutput import_ok(const std::string& name, std::string_view bytes,
                            std::vector<std::string> extra = {}) const {
        const auto path = dir_ / name;
        write_file(path, bytes);
        std::vector<std::string> arguments{"import", path.string()};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        CommandOutput output = run(arguments);
        EXPECT_EQ(output.exit_code, 0) << describe(output);
        return output;
    }

    // The attendance export as bytes (written to a fresh file each time).
    std::string export_bytes(const std::string& file_name = "export.csv",
                             std::vector<std::string> extra = {}) const {
        const auto path = dir_ / file_name;
        std::filesystem::remove(path);
        std::vector<std::string> arguments{"export", path.string()};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        const CommandOutput output = run(arguments);
        EXPECT_EQ(output.exit_code, 0) << describe(output);
        return std::filesystem::exists(path) ? read_file(path) : std::string();
    }

    nlohmann::json report_json() const {
        const CommandOutput output = run({"report", "--json"});
        EXPECT_EQ(output.exit_code, 0) << describe(output);
        auto parsed = nlohmann::json::parse(output.out, nullptr, false);
        EXPECT_FALSE(parsed.is_discarded()) << output.out;
        return parsed;
    }

    bool initialized() const { return init_ok_; }

private:
    TempDir dir_;
    std::filesystem::path db_;
    bool init_ok_ = false;
};

// ---- rosters ----------------------------------------------------------------

// Lines joined with CRLF, as Excel and the registration sites write them.
inline std::string crlf_lines(std::initializer_list<std::string_view> lines) {
    std::string text;
    for (std::string_view line : lines) {
        text += line;
        text += "\r\n";
    }
    return text;
}

// A small generic roster: three people of two organizations, ids 1..3.
inline std::string generic_roster() {
    return crlf_lines({
        "ID,氏名,フリガナ,所属,メールアドレス",
        "1,山田 太郎,ヤマダ タロウ,青葉市,taro@example.jp",
        "2,佐藤 花子,サトウ ハナコ,港南市,hanako@example.jp",
        "3,鈴木 一郎,スズキ イチロウ,青葉市,ichiro@example.jp",
    });
}

// A connpass participant export: a survey column, a cancellation, 受付番号 as ticket number.
inline std::string connpass_roster() {
    return crlf_lines({
        "参加枠名,ユーザー名,表示名,利用されているサービス,参加ステータス,出欠ステータス,受付番号,"
        "アンケート：今日いちばん聞きたいこと",
        "一般参加,yamada_t,山田 太郎,connpass,参加,未設定,1234567,庁内DXの進め方",
        "一般参加,sato_h,佐藤 花子,connpass,参加,未設定,2345678,\"データ連携, 標準化\"",
        "一般参加,suzuki_i,鈴木 一郎,connpass,キャンセル,未設定,3456789,",
    });
}

// UTF-8 → UTF-16LE with a BOM, written here rather than through ICU so the fixture does
// not share code with the decoder under test.
inline std::string utf16le_with_bom(std::string_view utf8) {
    std::string out = "\xFF\xFE";
    auto put = [&out](std::uint32_t unit) {
        out += static_cast<char>(unit & 0xFF);
        out += static_cast<char>((unit >> 8) & 0xFF);
    };
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        std::uint32_t code = 0;
        std::size_t length = 1;
        if (c < 0x80) {
            code = c;
        } else if ((c & 0xE0) == 0xC0) {
            code = c & 0x1F;
            length = 2;
        } else if ((c & 0xF0) == 0xE0) {
            code = c & 0x0F;
            length = 3;
        } else {
            code = c & 0x07;
            length = 4;
        }
        for (std::size_t k = 1; k < length; ++k) {
            code = (code << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
        i += length;
        if (code >= 0x10000) {
            code -= 0x10000;
            put(0xD800 + (code >> 10));
            put(0xDC00 + (code & 0x3FF));
        } else {
            put(code);
        }
    }
    return out;
}

// ---- reading what the tool writes ---------------------------------------------

// RFC 4180 records (quotes, "" and embedded line breaks); accepts CRLF or LF.
inline std::vector<std::vector<std::string>> parse_csv_records(std::string_view text) {
    if (text.substr(0, 3) == kBom) text.remove_prefix(3);
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
    }
    return records;
}

// A CSV with a header, as rows of header → value.
struct CsvDocument {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    std::ptrdiff_t column(const std::string& name) const {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (header[i] == name) return static_cast<std::ptrdiff_t>(i);
        }
        return -1;
    }
    // The value of `name` in the row whose `key_column` is `key`; "<missing>" when absent.
    std::string value(const std::string& key_column, const std::string& key,
                      const std::string& name) const {
        const auto k = column(key_column);
        const auto c = column(name);
        if (k < 0 || c < 0) return "<missing>";
        for (const auto& row : rows) {
            if (static_cast<std::size_t>(k) < row.size() &&
                row[static_cast<std::size_t>(k)] == key &&
                static_cast<std::size_t>(c) < row.size()) {
                return row[static_cast<std::size_t>(c)];
            }
        }
        return "<missing>";
    }
};

inline CsvDocument parse_csv_document(std::string_view text) {
    CsvDocument document;
    auto records = parse_csv_records(text);
    if (records.empty()) return document;
    document.header = std::move(records.front());
    document.rows.assign(std::make_move_iterator(records.begin() + 1),
                         std::make_move_iterator(records.end()));
    return document;
}

inline unsigned file_mode(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return 0xFFFF;
    return static_cast<unsigned>(info.st_mode) & 07777;
}

struct PngSize {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

inline bool has_png_signature(std::string_view bytes) {
    return bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8);
}

// From the IHDR chunk, which a PNG must start with (after the signature).
inline PngSize png_size(std::string_view bytes) {
    if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR") return {};
    auto be32 = [&bytes](std::size_t at) {
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < 4; ++i)
            value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
        return value;
    };
    return {be32(16), be32(20)};
}

// Issues tickets into DIR/name and returns tickets.csv (name → code).
inline CsvDocument issue_tickets(const EventFixture& event, const std::string& name = "tickets") {
    const CommandOutput output = event.run({"tickets", "--out", (event / name).string()});
    EXPECT_EQ(output.exit_code, 0) << describe(output);
    const auto csv = event / name / "tickets.csv";
    return std::filesystem::exists(csv) ? parse_csv_document(read_file(csv)) : CsvDocument{};
}

// The text between the last '[' and ']' of `checkin`'s output: the check-in id.
inline std::string bracketed_id(const std::string& text) {
    const auto open = text.rfind('[');
    const auto close = text.rfind(']');
    if (open == std::string::npos || close == std::string::npos || close < open) return {};
    return text.substr(open + 1, close - open - 1);
}

}  // namespace uketsuke::testing::cli
