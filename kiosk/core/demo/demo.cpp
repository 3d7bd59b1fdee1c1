#include "kiosk/core/demo/demo.hpp"

#include <fmt/format.h>
#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <system_error>
#include <utility>
#include <vector>

#include "kiosk/core/attendance/session_times.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/groups/floor_map.hpp"
#include "kiosk/core/groups/group_planning.hpp"
#include "kiosk/core/model/local_time.hpp"
#include "kiosk/core/roster/export.hpp"
#include "kiosk/core/roster/roster_import.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/store/files.hpp"
#include "kiosk/core/store/schema.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "kiosk/core/tickets/ticket_issuer.hpp"

namespace uketsuke {
namespace {

struct DemoPerson {
    const char* name;
    const char* reading;
    const char* organization;
    const char* role;
    const char* years;  // years of service, a survey column to spread
    bool cancelled;
};

// Invented people: common family names with common given names, no real person meant.
constexpr std::array<DemoPerson, 30> kPeople{{
    {"佐藤 健太", "サトウ ケンタ", "青葉市", "ファシリテーター", "15", false},
    {"鈴木 陽子", "スズキ ヨウコ", "青葉市", "参加者", "3", false},
    {"高橋 大輔", "タカハシ ダイスケ", "青葉市", "参加者", "8", false},
    {"田中 美咲", "タナカ ミサキ", "青葉市", "参加者", "2", false},
    {"伊藤 翔", "イトウ ショウ", "青葉市", "参加者", "5", false},
    {"渡辺 由美", "ワタナベ ユミ", "青葉市", "参加者", "12", false},
    {"山本 誠", "ヤマモト マコト", "青葉市", "参加者", "20", false},
    {"中村 恵", "ナカムラ メグミ", "青葉市", "参加者", "1", false},
    {"小林 拓也", "コバヤシ タクヤ", "港南市", "ファシリテーター", "10", false},
    {"加藤 直子", "カトウ ナオコ", "港南市", "参加者", "4", false},
    {"吉田 剛", "ヨシダ ツヨシ", "港南市", "参加者", "7", false},
    {"山田 花子", "ヤマダ ハナコ", "港南市", "参加者", "2", false},
    {"佐々木 亮", "ササキ リョウ", "桜川町", "ファシリテーター", "18", false},
    {"山口 彩", "ヤマグチ アヤ", "桜川町", "参加者", "6", false},
    {"松本 悠斗", "マツモト ユウト", "桜川町", "参加者", "1", false},
    {"井上 真理子", "イノウエ マリコ", "北山村", "参加者", "9", false},
    {"木村 智也", "キムラ トモヤ", "北山村", "参加者", "3", true},
    {"林 さくら", "ハヤシ サクラ", "北山村", "参加者", "5", false},
    {"清水 浩二", "シミズ コウジ", "東浜市", "ファシリテーター", "22", false},
    {"森 千尋", "モリ チヒロ", "東浜市", "参加者", "4", false},
    {"池田 航", "イケダ ワタル", "東浜市", "参加者", "2", false},
    {"橋本 美穂", "ハシモト ミホ", "西原町", "ファシリテーター", "11", false},
    {"阿部 隆", "アベ タカシ", "西原町", "参加者", "6", false},
    {"石川 葵", "イシカワ アオイ", "西原町", "参加者", "1", false},
    {"山崎 修", "ヤマザキ オサム", "南台市", "参加者", "14", false},
    {"中島 結衣", "ナカジマ ユイ", "南台市", "参加者", "3", true},
    {"前田 和也", "マエダ カズヤ", "川辺町", "参加者", "8", false},
    {"藤田 明美", "フジタ アケミ", "川辺町", "参加者", "5", false},
    {"岡田 俊介", "オカダ シュンスケ", "総務省 自治行政局", "ファシリテーター", "7", false},
    {"後藤 麻衣", "ゴトウ マイ", "総務省 自治行政局", "参加者", "4", false},
}};

constexpr int kDemoGroups = 6;

// Where the six tables stand in the hall, as fractions of the floor plan.
constexpr std::array<std::pair<double, double>, kDemoGroups> kTablePositions{
    {{0.22, 0.42}, {0.50, 0.42}, {0.78, 0.42}, {0.22, 0.74}, {0.50, 0.74}, {0.78, 0.74}}};

// A plain floor plan: walls, a stage, the entrance and six round tables.
std::string demo_floor_plan_png() {
    constexpr int w = 960;
    constexpr int h = 640;
    std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3);
    auto fill = [&](int x0, int y0, int x1, int y1, unsigned char r, unsigned char g,
                    unsigned char b) {
        for (int y = std::max(0, y0); y < std::min(h, y1); ++y) {
            for (int x = std::max(0, x0); x < std::min(w, x1); ++x) {
                unsigned char* p = &rgb[(static_cast<std::size_t>(y) * w + x) * 3];
                p[0] = r;
                p[1] = g;
                p[2] = b;
            }
        }
    };
    fill(0, 0, w, h, 120, 120, 120);              // walls
    fill(12, 12, w - 12, h - 12, 246, 243, 236);  // floor
    fill(260, 30, 700, 90, 200, 190, 170);        // stage
    fill(430, h - 12, 530, h, 246, 243, 236);     // entrance
    for (const auto& [fx, fy] : kTablePositions) {
        const int cx = static_cast<int>(fx * w);
        const int cy = static_cast<int>(fy * h);
        for (int y = cy - 60; y <= cy + 60; ++y) {
            for (int x = cx - 60; x <= cx + 60; ++x) {
                const int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                if (d2 <= 60 * 60)
                    fill(x, y, x + 1, y + 1, d2 >= 56 * 56 ? 150 : 222, d2 >= 56 * 56 ? 140 : 214,
                         d2 >= 56 * 56 ? 120 : 196);
            }
        }
    }
    std::string png;
    stbi_write_png_to_func(
        [](void* context, void* data, int size) {
            static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                                       static_cast<std::size_t>(size));
        },
        &png, w, h, 3, rgb.data(), w * 3);
    return png;
}
constexpr std::int64_t kRushMs = 20 * 60 * 1000;
constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;
constexpr const char* kZone = "Asia/Tokyo";
constexpr const char* kDemoTool = "demo";

std::string local_date(std::int64_t wall_ms) {
    return local_date_time(wall_ms, kZone).substr(0, 10);
}

std::string hour_minute(int minutes) {
    return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60);
}

// The demo is a small series: the two days of a meeting (yesterday, today) and a make-up day
// in two weeks for those who missed day 1. Day 1 and 2 record leaving. Run again on a demo
// made on an earlier day, it moves the series to today (check-ins stay with their session).
Result<bool> put_demo_sessions(EventStore& store, std::int64_t wall_ms) {
    const auto [start, end] = demo_today_window(wall_ms);
    auto session = [](const char* id, const char* name, std::string date, std::string starts,
                      std::string ends, const char* room) {
        Session s;
        s.id = id;
        s.name = name;
        s.date = std::move(date);
        s.starts_at = std::move(starts);
        s.ends_at = std::move(ends);
        s.room = room;
        return s;
    };
    std::vector<Session> sessions{
        session(kDemoDayOne, "第3回研究会 1日目", local_date(wall_ms - kDayMs), "09:30", "16:30",
                "大会議室"),
        session(kDemoDayTwo, "第3回研究会 2日目", local_date(wall_ms), start, end, "大会議室"),
        session(kDemoMakeUp, "第3回研究会 振替日", local_date(wall_ms + 14 * kDayMs), "13:30",
                "16:30", "研修室")};
    sessions[0].records_leave = sessions[1].records_leave = true;
    sessions[2].makeup_of = kDemoDayOne;
    // Day 2 first: moved on by a day, day 1 lands where day 2 was (same room, same hours).
    std::swap(sessions[0], sessions[1]);
    for (Session& session : sessions) {
        session.changed_stamp = store.next_stamp(kDemoTool, wall_ms).to_string();
        session.changed_by = kDemoTool;
        if (auto put = store.put_session(session, wall_ms); !put) return put.error();
    }
    // The session every new file starts with gives way to the series.
    if (!store.session(kDefaultSessionId)) return true;
    const std::string stamp = store.next_stamp(kDemoTool, wall_ms).to_string();
    if (auto removed = store.remove_session(kDefaultSessionId, false, stamp, kDemoTool); !removed)
        return removed.error();
    return true;
}

// Yesterday, day 1: most came on time, a few late, some left early, three missed it.
// Fixed by position in the ticket list so the demo's 出席簿 looks the same every time.
void attend_day_one(EventStore& store, const std::vector<IssuedTicket>& tickets) {
    CheckinService service(store);
    const Session day = resolve_session(store, kDemoDayOne);
    auto at = [&](const char* time) {
        auto instant = local_instant_ms(day.date, time, kZone);
        return instant ? instant.value() : 0;
    };
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        if (i % 9 == 4) continue;  // absent
        CheckinContext context;
        context.kiosk = i % 3 == 0 ? "B" : "A";
        context.session_id = day.id;
        context.wall_ms =
            (i % 7 == 3 ? at("09:52") : at("08:55")) + static_cast<std::int64_t>(i) * 60'000;
        const auto arrived = service.check_in_code(tickets[i].payload, context);
        if (arrived.outcome != CheckinOutcome::CheckedIn || i % 11 != 6) continue;
        context.wall_ms = at("14:40");
        (void)service.leave(arrived.participant_id, context);
    }
}

}  // namespace

std::pair<std::string, std::string> demo_today_window(std::int64_t wall_ms) {
    const std::string now = local_hour_minute(wall_ms, kZone);
    const int minutes = std::stoi(now.substr(0, 2)) * 60 + std::stoi(now.substr(3, 2));
    if (minutes >= 8 * 60 + 50 && minutes < 16 * 60) return {"09:30", "16:30"};
    const int start = std::min((minutes / 10 + 1) * 10 + 10, 23 * 60);
    return {hour_minute(start), hour_minute(std::min(start + 180, 23 * 60 + 59))};
}

std::string demo_registrations_csv() {
    std::string csv = "受付番号,氏名,フリガナ,所属,役割,メールアドレス,経験年数,状態\r\n";
    for (std::size_t i = 0; i < kPeople.size(); ++i) {
        const DemoPerson& p = kPeople[i];
        csv += fmt::format("WS-{:03d},{},{},{},{},ws{:03d}@example.jp,{},{}\r\n", i + 1, p.name,
                           p.reading, p.organization, p.role, i + 1, p.years,
                           p.cancelled ? "キャンセル" : "参加");
    }
    return csv;
}

DemoResult create_demo_event(const DemoOptions& options) {
    DemoResult result;
    std::error_code error;
    std::filesystem::create_directories(options.dir, error);
    if (error) {
        result.error =
            fmt::format("{}: cannot create the folder: {}", options.dir.string(), error.message());
        return result;
    }
    result.event_file = options.dir / "event.db";
    result.secret_key_file = secret_key_path_for(result.event_file.string());
    result.registrations_file = options.dir / "registrations.csv";
    result.tickets_dir = options.dir / "tickets";

    const bool fresh = !std::filesystem::exists(result.event_file);
    EventStore store =
        fresh ? EventStore::create(
                    result.event_file.string(),
                    EventInfo{to_hex(random_event_id()), "自治体DX推進ワークショップ 2026",
                              local_date(options.wall_ms - kDayMs), "青葉市民会館", kZone})
              : EventStore::open(result.event_file.string());
    if (fresh) {
        if (auto key_error = create_event_keys(store, result.secret_key_file, options.wall_ms);
            !key_error.empty()) {
            result.error = key_error;
            return result;
        }
        const std::string csv = demo_registrations_csv();
        if (auto write_error = write_file_atomically(result.registrations_file, csv);
            !write_error.empty()) {
            result.error = write_error;
            return result;
        }
        ImportOptions import;
        import.source_name = result.registrations_file.string();
        import.wall_ms = options.wall_ms;
        if (auto imported = import_roster(store, csv, import); !imported) {
            result.error = imported.error;
            return result;
        }
        auto groups = create_groups(store, kDemoGroups, 0);
        for (std::size_t i = 0; i < groups.size(); ++i) {
            groups[i].map_x = kTablePositions[i].first;
            groups[i].map_y = kTablePositions[i].second;
            store.upsert_group(groups[i], static_cast<int>(i));
        }
        if (auto map = attach_floor_map(store, demo_floor_plan_png(), "floor-plan.png"); !map) {
            result.error = map.error;
            return result;
        }
        GroupPlanOptions plan;
        plan.wall_ms = options.wall_ms;
        plan.spread_column = "経験年数";
        if (auto planned = plan_groups(store, plan); !planned) {
            result.error = planned.error;
            return result;
        }
        if (auto sessions = put_demo_sessions(store, options.wall_ms); !sessions) {
            result.error = sessions.error().message;
            return result;
        }
        // Two staff members to try staff mode with (README: PINs 1111 and 2222).
        add_staff(store, kDemoDoorStaff, StaffRole::Door, "1111");
        add_staff(store, kDemoSupervisor, StaffRole::Supervisor, "2222");
    }
    SecretKeyLoad key = load_secret_key(store, result.secret_key_file);
    if (!key) {
        result.error = key.error;
        return result;
    }
    TicketFilesOptions files;
    files.out_dir = result.tickets_dir;
    auto tickets = write_ticket_files(store, *key.key, files);
    if (!tickets) {
        result.error = tickets.error();
        return result;
    }
    result.tickets = static_cast<int>(tickets.value().tickets.size());
    result.participants = static_cast<int>(store.participant_count());
    if (fresh) attend_day_one(store, tickets.value().tickets);
    // A demo made on an earlier day has no session open now: the kiosk would record nothing.
    if (!fresh && !kiosk_session(store, options.wall_ms)) {
        if (auto sessions = put_demo_sessions(store, options.wall_ms); !sessions) {
            result.error = sessions.error().message;
            return result;
        }
    }

    if (options.arrivals > 0) {
        // People arrive in a rush ending now; the spread is fixed so the demo report
        // looks the same every time.
        CheckinService service(store);
        const int issued = static_cast<int>(tickets.value().tickets.size());
        const int count = std::min(options.arrivals, issued);
        for (int i = 0; i < count; ++i) {
            // Stepping by a number coprime to the roster size picks people from every organization.
            int step = 11;
            while (std::gcd(step, issued) != 1) ++step;
            const auto& ticket =
                tickets.value().tickets[static_cast<std::size_t>((i * step) % issued)];
            CheckinContext context;
            context.kiosk = i % 3 == 0 ? "B" : "A";
            context.method = CheckinMethod::Camera;
            context.session_id = kDemoDayTwo;
            const std::int64_t offset =
                kRushMs - (kRushMs * ((i * 7919) % count + 1)) / (count + 1);
            context.wall_ms = options.wall_ms - offset;
            const auto outcome = service.check_in_code(ticket.payload, context);
            if (outcome.outcome == CheckinOutcome::CheckedIn) ++result.arrivals;
        }
    }
    return result;
}

}  // namespace uketsuke
