#include "kiosk/core/sync/merge.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "core/store/old_schema.hpp"
#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/checkin/report.hpp"
#include "kiosk/core/staff/staff.hpp"
#include "kiosk/core/staff/staff_actions.hpp"
#include "kiosk/core/store/ids.hpp"
#include "kiosk/core/store/print_log.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

using testing::TempDir;

constexpr std::int64_t kNineAm = 1795996800000;  // 2026-11-30 09:00 Asia/Tokyo
constexpr std::int64_t kHour = 3'600'000;
const std::vector<std::string> kGroups{"g1", "g2", "g3"};

// Kiosk files in tests need not survive a power cut; FULL would make every step an fsync.
void relax(EventStore& store) { store.database().execute("PRAGMA synchronous = OFF"); }

EventInfo new_event_info(const std::string& name = "Workshop") {
    return EventInfo{to_hex(random_event_id()), name, "2026-11-30", "Hall", "Asia/Tokyo"};
}

// The organizer's file before the event: groups, people with a platform code each.
void make_base(const std::string& path, const EventInfo& info, int people, bool two_days = false) {
    EventStore store = EventStore::create(path, info);
    relax(store);
    for (std::size_t i = 0; i < kGroups.size(); ++i) {
        Group group;
        group.id = kGroups[i];
        group.name = "Group " + std::to_string(i + 1);
        group.table_label = "T" + std::to_string(i + 1);
        store.upsert_group(group, static_cast<int>(i));
    }
    for (int i = 0; i < people; ++i) {
        Participant p;
        p.id = "p" + std::to_string(i);
        p.name = "Person " + std::to_string(i);
        p.organization = "Org " + std::to_string(i % 4);
        p.group_id = kGroups[static_cast<std::size_t>(i) % kGroups.size()];
        p.changed_stamp = store.next_stamp("organizer", kNineAm - 24 * kHour).to_string();
        p.changed_by = "organizer";
        store.upsert_participant(p, i);
        store.set_code("C" + std::to_string(i), p.id, "platform");
    }
    if (!two_days) return;
    // A second day that records leaving: the histories check in at both.
    Session day_two;
    day_two.id = "s2";
    day_two.name = "Day 2";
    day_two.date = "2026-12-01";
    day_two.starts_at = "09:00";
    day_two.ends_at = "17:00";
    day_two.records_leave = true;
    day_two.changed_stamp = store.next_stamp("organizer", kNineAm - 24 * kHour).to_string();
    day_two.changed_by = "organizer";
    if (!store.put_session(day_two, kNineAm)) ADD_FAILURE() << "day two refused";
}

// Every row of every merged table, sorted, with every column: two files hold the same
// event record exactly when their dumps are equal.
std::string dump(EventStore& store) {
    static const std::vector<std::pair<std::string, int>> kQueries{
        {"SELECT id, participant_id, kind, undoes, method, kiosk, staff, wall_ms, stamp, "
         "session_id FROM checkins ORDER BY id",
         10},
        {"SELECT id, code, reason, kiosk, wall_ms, stamp, session_id FROM rejected_scans ORDER BY "
         "id",
         7},
        {"SELECT id, name, date, starts_at, ends_at, room, opens_minutes_before, "
         "late_grace_minutes, records_leave, makeup_of, removed, changed_stamp, changed_by FROM "
         "sessions ORDER BY id",
         13},
        {"SELECT session_id, participant_ids, changed_stamp, changed_by FROM session_expected "
         "ORDER BY session_id",
         4},
        {"SELECT session_id, participant_id, group_id, table_label, changed_stamp, changed_by FROM "
         "session_seating ORDER BY session_id, participant_id",
         6},
        {"SELECT id, name, reading, organization, role, coalesce(group_id, '-'), email, status, "
         "notes, extras, "
         "ticket_generation, source, position, changed_stamp, changed_by FROM "
         "participants ORDER BY id",
         15},
        {"SELECT code, participant_id, kind FROM codes ORDER BY code", 3},
        {"SELECT id, name, table_label, capacity, facilitator, coalesce(map_x, -1), "
         "coalesce(map_y, -1), position "
         "FROM groups ORDER BY id",
         8},
        {"SELECT participant_id, generation FROM revoked_tickets ORDER BY 1, 2", 2},
        {"SELECT public_key, added_at FROM ticket_keys ORDER BY 1", 2},
        {"SELECT id, name, role, pin_hash FROM staff ORDER BY id", 4},
        {"SELECT id, participant_id, action, detail, kiosk, staff, staff_name, wall_ms, stamp FROM "
         "person_log "
         "ORDER BY id",
         9},
        {"SELECT id, staff_id, outcome, kiosk, wall_ms, stamp FROM staff_attempts ORDER BY id", 6},
        {"SELECT id, participant_id, layout, reason, printer, job_id, error, kiosk, staff, "
         "staff_name, wall_ms, stamp FROM print_log ORDER BY id",
         12},
        {"SELECT key, value FROM settings WHERE key LIKE 'hlc.%' ORDER BY key", 2},
    };
    std::string text;
    for (const auto& [sql, columns] : kQueries) {
        auto query = store.database().prepare(sql);
        text += "--\n";
        while (query.step()) {
            for (int column = 0; column < columns; ++column) {
                text += query.text(column);
                text += '|';
            }
            text += '\n';
        }
    }
    return text;
}

std::set<std::string> checkin_ids(const EventStore& store) {
    std::set<std::string> ids;
    for (const auto& row : store.checkins()) ids.insert(row.id);
    return ids;
}

// ---- random kiosk histories --------------------------------------------------------

struct Kiosk {
    std::string name;
    std::string path;
    std::int64_t clock_offset = 0;  // this kiosk's wall clock is off by this much
};

class History {
public:
    History(const TempDir& dir, int kiosks, std::uint64_t seed) : random_(seed) {
        info_ = new_event_info();
        base_ = (dir / "base.db").string();
        make_base(base_, info_, 12, /*two_days=*/true);
        for (int k = 0; k < kiosks; ++k) {
            Kiosk kiosk{"kiosk-" + std::to_string(k),
                        (dir / ("kiosk-" + std::to_string(k) + ".db")).string(),
                        (k - 1) * 3 * kHour + static_cast<std::int64_t>(random_() % 60'000)};
            std::filesystem::copy_file(base_, kiosk.path);
            kiosks_.push_back(kiosk);
        }
    }

    // Round-robin steps so kiosks can sync with each other part-way through.
    void run(int steps) {
        std::vector<std::unique_ptr<EventStore>> stores;
        for (const auto& kiosk : kiosks_) {
            stores.push_back(std::make_unique<EventStore>(EventStore::open(kiosk.path)));
            relax(*stores.back());
        }
        for (int step = 0; step < steps; ++step) {
            for (std::size_t k = 0; k < kiosks_.size(); ++k) {
                wall_ += 1 + static_cast<std::int64_t>(random_() % 5000);
                one_step(*stores[k], kiosks_[k], k);
            }
        }
    }

    const std::vector<Kiosk>& kiosks() const { return kiosks_; }
    std::vector<std::string> paths() const {
        std::vector<std::string> result;
        for (const auto& kiosk : kiosks_) result.push_back(kiosk.path);
        return result;
    }
    const EventInfo& info() const { return info_; }

private:
    std::string pick(const std::vector<std::string>& from) { return from[random_() % from.size()]; }

    void one_step(EventStore& store, const Kiosk& kiosk, std::size_t index) {
        const std::int64_t wall = kNineAm + wall_ + kiosk.clock_offset;
        CheckinService service(store);
        const std::string session = random_() % 2 == 0 ? "s1" : "s2";
        const CheckinContext context{kiosk.name, "", CheckinMethod::Camera, wall, session};
        std::vector<std::string> people;
        for (const auto& p : store.participants()) people.push_back(p.id);
        const auto roll = random_() % 100;
        if (roll < 30) {
            const std::string who = pick(people);
            (void)service.check_in_participant(who, context);
            // A name tag now and then, chosen by the clock, not the random stream, so the
            // histories stay what they were before the print log.
            if (wall % 3 == 0) {
                PrintLogEntry tag;
                tag.participant_id = who;
                tag.layout = "ql-62";
                tag.reason = kPrintOnCheckin;
                tag.printer = "QL";
                tag.job_id = wall % 1000;
                tag.kiosk = kiosk.name;
                tag.wall_ms = wall;
                ASSERT_TRUE(append_print(store, tag));
            }
        } else if (roll < 35) {
            // Leaving day two, and now and then the organizer's edits of it from this file:
            // its name (last writer wins), who is expected there and where they sit.
            const auto what = random_() % 4;
            if (what < 2) {
                (void)service.leave(pick(people),
                                    {kiosk.name, "", CheckinMethod::Camera, wall, "s2"});
            } else if (what == 2) {
                Session day_two = *store.session("s2");
                day_two.name = "Day 2 as " + kiosk.name + " has it";
                day_two.changed_stamp = store.next_stamp(kiosk.name, wall).to_string();
                day_two.changed_by = kiosk.name;
                ASSERT_TRUE(store.put_session(day_two, wall));
            } else {
                const std::vector<std::string> list{pick(people), pick(people)};
                ASSERT_TRUE(store.set_session_expected(
                    "s2", list, store.next_stamp(kiosk.name, wall).to_string(), kiosk.name));
                // The same two people seated at day two's own tables; the table comes from the
                // clock, not the random stream, so the histories stay what they were before.
                const std::string stamp = store.next_stamp(kiosk.name, wall).to_string();
                const std::string& group = kGroups[static_cast<std::size_t>(wall) % kGroups.size()];
                ASSERT_TRUE(
                    store.put_session_seating("s2", {{list[0], group, "T9", stamp, kiosk.name},
                                                     {list[1], group, "", stamp, kiosk.name}}));
            }
        } else if (roll < 45) {
            (void)service.check_in_code("C" + std::to_string(random_() % 14),
                                        context);  // C12, C13: unknown
        } else if (roll < 55) {
            std::vector<std::string> rows;
            for (const auto& row : store.checkins()) {
                if (row.kind == CheckinKind::CheckIn) rows.push_back(row.id);
            }
            if (!rows.empty()) (void)service.undo(pick(rows), context);
        } else if (roll < 62) {
            Participant walk_in;
            walk_in.id = random_id();
            walk_in.name = "Walk-in at " + kiosk.name;
            walk_in.source = "walk-in";
            walk_in.group_id = pick(kGroups);
            walk_in.changed_stamp = store.next_stamp(kiosk.name, wall).to_string();
            walk_in.changed_by = kiosk.name;
            store.upsert_participant(walk_in, static_cast<int>(store.participant_count()));
            (void)service.check_in_participant(
                walk_in.id, CheckinContext{kiosk.name, "s", CheckinMethod::WalkIn, wall, session});
        } else if (roll < 85) {
            Participant p = *store.participant(pick(people));
            const auto edit = random_() % 4;
            if (edit == 0) {
                p.status = p.status == RegistrationStatus::Cancelled
                               ? RegistrationStatus::Registered
                               : RegistrationStatus::Cancelled;
            } else if (edit == 1) {
                p.notes = "note from " + kiosk.name;
            } else if (edit == 2) {
                ++p.ticket_generation;
                store.revoke_ticket(p.id, p.ticket_generation - 1);
            } else {
                p.group_id = pick(kGroups);
            }
            p.changed_stamp = store.next_stamp(kiosk.name, wall).to_string();
            p.changed_by = kiosk.name;
            store.upsert_participant(p, 0);
        } else if (roll < 92) {
            // A sync with another kiosk part-way through: histories become causally linked.
            const std::size_t other =
                (index + 1 + random_() % (kiosks_.size() - 1)) % kiosks_.size();
            const MergeResult result = merge_into(store, {kiosks_[other].path});
            ASSERT_TRUE(result.ok()) << result.errors.front().message;
        } else {
            (void)service.check_in_code("https://example.com/" + std::to_string(random_() % 1000),
                                        context);
        }
    }

    std::mt19937_64 random_;
    EventInfo info_;
    std::string base_;
    std::vector<Kiosk> kiosks_;
    std::int64_t wall_ = 0;
};

std::string merged_dump(const TempDir& dir, const std::string& name, const EventInfo& info,
                        const std::vector<std::string>& inputs, MergeCounts* counts = nullptr) {
    EventStore target = EventStore::create((dir / name).string(), info);
    relax(target);
    const MergeResult result = merge_into(target, inputs);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.errors.front().message);
    if (counts != nullptr) *counts = result.total;
    return dump(target);
}

// What the merged file must hold, worked out from the kiosk files without the merge.
void expect_nothing_lost(EventStore& merged, const std::vector<std::string>& inputs) {
    std::map<std::string, CheckinRecord> union_rows;
    std::map<std::string, std::string> newest_stamp;
    std::map<std::string, std::uint32_t> newest_generation;
    for (const auto& path : inputs) {
        EventStore kiosk = EventStore::open(path, true);
        for (const auto& row : kiosk.checkins()) union_rows.emplace(row.id, row);
        for (const auto& p : kiosk.participants()) {
            newest_stamp[p.id] = std::max(newest_stamp[p.id], p.changed_stamp);
            newest_generation[p.id] = std::max(newest_generation[p.id], p.ticket_generation);
        }
    }
    const auto rows = merged.checkins();
    ASSERT_EQ(rows.size(), union_rows.size()) << "rows lost or duplicated";
    for (const auto& row : rows) EXPECT_TRUE(union_rows.contains(row.id)) << row.id;

    std::map<std::pair<std::string, std::string>, std::vector<CheckinRecord>> by_person;
    for (const auto& entry : union_rows)
        by_person[{entry.second.participant_id, entry.second.session_id}].push_back(entry.second);
    for (const auto& entry : by_person) {
        const Attendance expected = fold_attendance(entry.second);
        const Attendance actual =
            fold_attendance(merged.checkins_of(entry.first.first, entry.first.second));
        EXPECT_EQ(actual.left.has_value(), expected.left.has_value()) << entry.first.first;
        EXPECT_EQ(actual.checked_in, expected.checked_in) << entry.first.first;
        if (expected.first && actual.first) {
            EXPECT_EQ(actual.first->id, expected.first->id) << entry.first.first;
        }
    }
    ASSERT_EQ(static_cast<std::size_t>(merged.participant_count()), newest_stamp.size());
    for (const auto& p : merged.participants()) {
        EXPECT_EQ(p.changed_stamp, newest_stamp[p.id]) << "the last writer must win for " << p.id;
        EXPECT_EQ(p.ticket_generation, newest_generation[p.id]) << p.id;
    }
}

// ---- properties ----------------------------------------------------------------------

TEST(MergeProperty, EveryOrderOfThreeKiosksGivesTheSameRecord) {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        TempDir dir;
        History history(dir, 3, seed);
        history.run(30);
        std::vector<std::string> order = history.paths();
        std::sort(order.begin(), order.end());
        std::string first;
        int permutation = 0;
        do {
            const std::string merged = merged_dump(
                dir, "merged-" + std::to_string(permutation++) + ".db", history.info(), order);
            if (first.empty()) first = merged;
            EXPECT_EQ(merged, first)
                << "order " << order[0] << ", " << order[1] << ", " << order[2];
        } while (std::next_permutation(order.begin(), order.end()));
        EXPECT_EQ(permutation, 6);

        EventStore merged = EventStore::open((dir / "merged-0.db").string(), true);
        expect_nothing_lost(merged, history.paths());
    }
}

TEST(MergeProperty, ManyKiosksAnyOrderAnyGroupingAnyRepetition) {
    for (int kiosks : {4, 5}) {
        SCOPED_TRACE(std::to_string(kiosks) + " kiosks");
        TempDir dir;
        History history(dir, kiosks, 100 + static_cast<std::uint64_t>(kiosks));
        history.run(25);
        const std::vector<std::string> paths = history.paths();
        MergeCounts counts;
        const std::string expected = merged_dump(dir, "all.db", history.info(), paths, &counts);
        // The histories exercise every kind of row and edit.
        EXPECT_GT(counts.checkins, 0);
        EXPECT_GT(counts.undos, 0);
        EXPECT_GT(counts.rejected_scans, 0);
        EXPECT_GT(counts.walk_ins, 0);
        EXPECT_GT(counts.edits, 0);
        EXPECT_GT(counts.conflicts, 0);
        EXPECT_GT(counts.leaves, 0);
        EXPECT_GT(counts.sessions, 0) << "day two's name and list, last writer wins";
        {
            EventStore all = EventStore::open((dir / "all.db").string(), true);
            expect_nothing_lost(all, paths);
        }

        std::mt19937_64 random(static_cast<std::uint64_t>(kiosks));
        for (int round = 0; round < 3; ++round) {
            std::vector<std::string> shuffled = paths;
            std::shuffle(shuffled.begin(), shuffled.end(), random);
            EXPECT_EQ(merged_dump(dir, "shuffled-" + std::to_string(round) + ".db", history.info(),
                                  shuffled),
                      expected);
        }

        // Associativity: merge pairs first, then the partial results.
        const std::string left = (dir / "left.db").string();
        const std::string right = (dir / "right.db").string();
        merged_dump(dir, "left.db", history.info(), {paths[0], paths[1]});
        merged_dump(dir, "right.db", history.info(),
                    std::vector<std::string>(paths.begin() + 2, paths.end()));
        EXPECT_EQ(merged_dump(dir, "tree.db", history.info(), {right, left}), expected);

        // Idempotence: the same files again, twice in one run, and a merged file again.
        {
            EventStore all = EventStore::open((dir / "all.db").string());
            const MergeResult again =
                merge_into(all, {paths[0], paths[0], left, (dir / "tree.db").string()});
            ASSERT_TRUE(again.ok());
            EXPECT_EQ(again.total, MergeCounts{});
            EXPECT_EQ(dump(all), expected);
        }

        // A kiosk that takes the merged file back holds the whole record too.
        {
            EventStore kiosk = EventStore::open(paths[0]);
            ASSERT_TRUE(merge_into(kiosk, {(dir / "all.db").string()}).ok());
            EXPECT_EQ(dump(kiosk), expected);
        }
    }
}

// ---- two kiosks, one person ------------------------------------------------------------

class MergeTwoKiosks : public ::testing::Test {
protected:
    TempDir dir;
    EventInfo info = new_event_info();
    std::string a = (dir / "a.db").string();
    std::string b = (dir / "b.db").string();
    std::string target_path = (dir / "event.db").string();

    void SetUp() override {
        make_base((dir / "base.db").string(), info, 3);
        std::filesystem::copy_file(dir / "base.db", a);
        std::filesystem::copy_file(dir / "base.db", b);
    }

    EventStore target() {
        if (!std::filesystem::exists(target_path)) return EventStore::create(target_path, info);
        return EventStore::open(target_path);
    }

    static Participant edited(EventStore& store, const std::string& kiosk, std::int64_t wall,
                              const std::string& group) {
        Participant p = *store.participant("p0");
        p.group_id = group;
        p.changed_stamp = store.next_stamp(kiosk, wall).to_string();
        p.changed_by = kiosk;
        store.upsert_participant(p, 0);
        return p;
    }
};

TEST_F(MergeTwoKiosks, SamePersonWithinASecondKeepsBothRowsAndCountsOnce) {
    std::string first_id;
    {
        EventStore kiosk = EventStore::open(a);
        CheckinService service(kiosk);
        first_id = service.check_in_participant("p0", {"A", "", CheckinMethod::Camera, kNineAm})
                       .recorded->id;
    }
    {
        EventStore kiosk = EventStore::open(b);
        CheckinService service(kiosk);
        ASSERT_EQ(
            service.check_in_participant("p0", {"B", "", CheckinMethod::Camera, kNineAm + 400})
                .outcome,
            CheckinOutcome::CheckedIn);
    }
    for (const auto& order : {std::vector<std::string>{a, b}, std::vector<std::string>{b, a}}) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(target_path + suffix);
        EventStore merged = target();
        const MergeResult result = merge_into(merged, order);
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(result.total.checkins, 2);
        EXPECT_EQ(merged.checkins_of("p0").size(), 2u);
        const Attendance attendance = fold_attendance(merged.checkins_of("p0"));
        ASSERT_TRUE(attendance.first);
        EXPECT_EQ(attendance.first->id, first_id);
        EXPECT_EQ(attendance.first->kiosk, "A");
        const Report report = build_report(merged);
        EXPECT_EQ(report.attended, 1);
        EXPECT_EQ(report.registered, 3);
    }
}

TEST_F(MergeTwoKiosks, UndoAtOneKioskOfACheckinMadeAtTheOther) {
    std::string row;
    {
        EventStore kiosk = EventStore::open(a);
        CheckinService service(kiosk);
        row = service.check_in_participant("p1", {"A", "", CheckinMethod::Camera, kNineAm})
                  .recorded->id;
    }
    {
        EventStore kiosk = EventStore::open(b);
        ASSERT_TRUE(merge_into(kiosk, {a}).ok());
        CheckinService service(kiosk);
        ASSERT_TRUE(service.attendance("p1").checked_in);
        ASSERT_EQ(
            service.undo(row, {"B", "staff-1", CheckinMethod::Manual, kNineAm + 60'000}).outcome,
            UndoOutcome::Undone);
    }
    for (const auto& order : {std::vector<std::string>{a, b}, std::vector<std::string>{b, a}}) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(target_path + suffix);
        EventStore merged = target();
        const MergeResult result = merge_into(merged, order);
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(result.total.checkins, 1);
        EXPECT_EQ(result.total.undos, 1);
        EXPECT_FALSE(fold_attendance(merged.checkins_of("p1")).checked_in);
    }
    EventStore kiosk = EventStore::open(a);
    ASSERT_TRUE(merge_into(kiosk, {b}).ok());
    EXPECT_FALSE(fold_attendance(kiosk.checkins_of("p1")).checked_in);
}

TEST_F(MergeTwoKiosks, ConcurrentEditsAreConflictsSequentialOnesAreNot) {
    {
        EventStore kiosk = EventStore::open(a);
        edited(kiosk, "A", kNineAm, "g2");
    }
    {
        // B's clock runs two hours fast: its edit is the newer one although made at the same
        // moment.
        EventStore kiosk = EventStore::open(b);
        edited(kiosk, "B", kNineAm + 2 * kHour, "g3");
    }
    for (const auto& order : {std::vector<std::string>{a, b}, std::vector<std::string>{b, a}}) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(target_path + suffix);
        EventStore merged = target();
        const MergeResult result = merge_into(merged, order);
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(merged.participant("p0")->group_id, "g3");
        EXPECT_EQ(result.total.conflicts, 1);
        EXPECT_EQ(result.total.participants, 3);
    }
    // A takes B's file, then edits again: its edit follows B's, no conflict.
    {
        EventStore kiosk = EventStore::open(a);
        const MergeResult taken = merge_into(kiosk, {b});
        ASSERT_TRUE(taken.ok());
        EXPECT_EQ(taken.total.edits, 1);
        EXPECT_EQ(taken.total.conflicts, 1);
        edited(kiosk, "A", kNineAm + 60'000, "g1");  // its clock is behind, its stamp is not
    }
    EventStore merged = target();  // holds B's version from the last loop
    const MergeResult result = merge_into(merged, {a});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.total.edits, 1);
    EXPECT_EQ(result.total.conflicts, 0);
    EXPECT_EQ(merged.participant("p0")->group_id, "g1");
}

TEST_F(MergeTwoKiosks, WalkInsAtBothKiosksBothSurvive) {
    for (const auto& [path, kiosk_name] : {std::pair{a, "A"}, std::pair{b, "B"}}) {
        EventStore kiosk = EventStore::open(path);
        Participant walk_in;
        walk_in.id = random_id();
        walk_in.name = "田中 一郎";  // the same person registered twice: two ids, both kept
        walk_in.source = "walk-in";
        walk_in.changed_stamp = kiosk.next_stamp(kiosk_name, kNineAm).to_string();
        walk_in.changed_by = kiosk_name;
        kiosk.upsert_participant(walk_in, 3);
        CheckinService service(kiosk);
        ASSERT_EQ(
            service
                .check_in_participant(walk_in.id, {kiosk_name, "", CheckinMethod::WalkIn, kNineAm})
                .outcome,
            CheckinOutcome::CheckedIn);
    }
    EventStore merged = target();
    const MergeResult result = merge_into(merged, {a, b});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.total.participants, 5);
    EXPECT_EQ(result.total.walk_ins, 2);
    EXPECT_EQ(result.files[1].counts.participants, 1);
    EXPECT_EQ(merged.participant_count(), 5);
    EXPECT_EQ(build_report(merged).walk_ins, 2);
}

TEST_F(MergeTwoKiosks, PersonLogsAreAUnionInAnyOrderOnce) {
    {
        EventStore ka = EventStore::open(a);
        EventStore kb = EventStore::open(b);
        ASSERT_TRUE(set_note(ka, "p0", "from A", StaffContext{"A", "", "", kNineAm}));
        ASSERT_TRUE(move_person(ka, "p1", "g3", StaffContext{"A", "", "", kNineAm + 1000}));
        // B's note on the same person, without seeing A's: the row keeps one, the log both.
        ASSERT_TRUE(set_note(kb, "p0", "from B", StaffContext{"B", "", "", kNineAm + 2000}));
    }
    std::string first;
    for (const auto& order : {std::vector<std::string>{a, b}, std::vector<std::string>{b, a}}) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(target_path + suffix);
        EventStore merged = target();
        const MergeResult result = merge_into(merged, order);
        ASSERT_TRUE(result.ok()) << result.errors.front().message;
        EXPECT_EQ(result.total.person_log, 3);
        const auto log = merged.person_log();
        ASSERT_EQ(log.size(), 3u);
        std::set<std::string> ids;
        for (const auto& row : log) ids.insert(row.id);
        EXPECT_EQ(ids.size(), 3u) << "no row doubled";
        EXPECT_EQ(merged.person_log_of("p0").size(), 2u);
        EXPECT_EQ(merged.participant("p0")->notes, "from B");
        const MergeResult again = merge_into(merged, {a, b});
        EXPECT_EQ(again.total, MergeCounts{});
        if (first.empty()) first = dump(merged);
        EXPECT_EQ(dump(merged), first);
        // Every clock in the file ends at or past the newest log stamp (B's note): the next
        // edit here, by either kiosk's clock, comes after all of them.
        const auto newest = HlcStamp::parse(log.back().stamp);
        ASSERT_TRUE(newest);
        EXPECT_EQ(newest->node, "B");
        const auto clock_a = HlcStamp::parse(merged.setting("hlc.A").value_or(""));
        ASSERT_TRUE(clock_a);
        EXPECT_GE(std::pair(clock_a->physical_ms, clock_a->logical),
                  std::pair(newest->physical_ms, newest->logical));
    }
}

TEST_F(MergeTwoKiosks, TheTargetClockEndsAheadOfEverythingMerged) {
    std::string fast_stamp;
    {
        EventStore kiosk = EventStore::open(b);
        fast_stamp = edited(kiosk, "B", kNineAm + 5 * kHour, "g2").changed_stamp;
    }
    EventStore merged = target();
    ASSERT_TRUE(merge_into(merged, {a, b}).ok());
    // The organizer's tool, with a correct clock, edits after the merge: its edit must win.
    EXPECT_GT(merged.next_stamp("organizer", kNineAm).to_string(), fast_stamp);
    EXPECT_GT(merged.next_stamp("B", kNineAm).to_string(), fast_stamp);
}

TEST_F(MergeTwoKiosks, DryRunChangesNothing) {
    {
        EventStore kiosk = EventStore::open(a);
        CheckinService service(kiosk);
        (void)service.check_in_participant("p0", {"A", "", CheckinMethod::Camera, kNineAm});
    }
    EventStore merged = target();
    const std::string before = dump(merged);
    const MergeResult result = merge_into(merged, {a}, MergeOptions{.dry_run = true});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.total.checkins, 1);
    EXPECT_EQ(dump(merged), before);
}

TEST_F(MergeTwoKiosks, GroupsKeepTheGreatestContentWhateverTheOrder) {
    {
        EventStore kiosk = EventStore::open(a);
        Group changed = *kiosk.group("g1");
        changed.capacity = 8;
        kiosk.upsert_group(changed, 0);
        kiosk.upsert_group(Group{"g9", "Group 9", "", 0, "", {}, {}}, 9);
    }
    {
        EventStore kiosk = EventStore::open(b);
        Group renamed = *kiosk.group("g2");
        renamed.name = "Group 2 (renamed)";
        kiosk.upsert_group(renamed, 1);
        kiosk.upsert_group(Group{"g0", "Group 2", "", 0, "", {}, {}}, 5);  // takes g2's old name
    }
    std::string first;
    for (const auto& order : {std::vector<std::string>{a, b}, std::vector<std::string>{b, a}}) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(target_path + suffix);
        EventStore merged = target();
        ASSERT_TRUE(merge_into(merged, order).ok());
        EXPECT_EQ(merged.group("g1")->capacity, 8);
        EXPECT_EQ(merged.group("g2")->name, "Group 2 (renamed)");
        EXPECT_EQ(merged.group("g0")->name, "Group 2");
        EXPECT_TRUE(merged.group("g9"));
        if (first.empty()) first = dump(merged);
        EXPECT_EQ(dump(merged), first);
    }
}

// ---- refused inputs ----------------------------------------------------------------------

class MergeRefused : public MergeTwoKiosks {
protected:
    void SetUp() override {
        MergeTwoKiosks::SetUp();
        EventStore kiosk = EventStore::open(a);
        CheckinService service(kiosk);
        (void)service.check_in_participant("p0", {"A", "", CheckinMethod::Camera, kNineAm});
    }

    // Merges a good file and `bad`: the bad one is named, nothing reaches the target.
    void expect_refused(const std::string& bad, const std::string& words) {
        EventStore merged = target();
        const std::string before = dump(merged);
        const MergeResult result = merge_into(merged, {a, bad});
        ASSERT_FALSE(result.ok());
        ASSERT_EQ(result.errors.size(), 1u);
        EXPECT_EQ(result.errors[0].path, bad);
        EXPECT_NE(result.errors[0].message.find(bad), std::string::npos)
            << result.errors[0].message;
        EXPECT_NE(result.errors[0].message.find(words), std::string::npos)
            << result.errors[0].message;
        EXPECT_TRUE(result.files.empty());
        EXPECT_EQ(dump(merged), before);
        EXPECT_TRUE(merged.checkins().empty());
    }
};

TEST_F(MergeRefused, AnotherEventsFile) {
    const std::string other = (dir / "other.db").string();
    make_base(other, new_event_info("Another workshop"), 3);
    expect_refused(other, "another event");
}

TEST_F(MergeRefused, NotAnSqliteFile) {
    const std::string bad = (dir / "photo.db").string();
    testing::write_file(bad, std::string(4096, 'x'));
    expect_refused(bad, "not an SQLite database");
}

TEST_F(MergeRefused, ATruncatedFile) {
    const std::string bad = (dir / "cut.db").string();
    std::filesystem::copy_file(b, bad);
    {
        EventStore kiosk = EventStore::open(bad);  // grow it past a few pages, then cut it
        relax(kiosk);
        CheckinService service(kiosk);
        for (int i = 0; i < 300; ++i) {
            (void)service.check_in_code(
                "https://example.com/" + std::string(200, 'a') + std::to_string(i),
                {"B", "", CheckinMethod::Camera, kNineAm + i});
        }
    }
    std::filesystem::resize_file(bad, std::filesystem::file_size(bad) / 2);
    expect_refused(bad, "cut.db");
}

TEST_F(MergeRefused, ANewerSchema) {
    const std::string bad = (dir / "newer.db").string();
    std::filesystem::copy_file(b, bad);
    {
        sql::Database raw(bad, sql::Database::Mode::ReadWrite);
        raw.execute("PRAGMA user_version = 99");
    }
    expect_refused(bad, "newer version");
}

TEST_F(MergeRefused, AMissingFileAndTheTargetItself) {
    expect_refused((dir / "nowhere.db").string(), "no such");
    EventStore merged = target();
    const MergeResult result = merge_into(merged, {target_path});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.errors[0].path, target_path);
}

TEST_F(MergeRefused, EveryBadFileIsNamedInOneRun) {
    const std::string garbage = (dir / "garbage.db").string();
    testing::write_file(garbage, "hello");
    const std::string other = (dir / "other.db").string();
    make_base(other, new_event_info("Another workshop"), 1);
    EventStore merged = target();
    const MergeResult result = merge_into(merged, {garbage, a, other});
    ASSERT_EQ(result.errors.size(), 2u);
    EXPECT_EQ(result.errors[0].path, garbage);
    EXPECT_EQ(result.errors[1].path, other);
}

// ---- inputs in use -------------------------------------------------------------------------

TEST_F(MergeTwoKiosks, AKioskFileOfSchemaTwoMergesLikeACurrentOne) {
    // The same edits and check-ins in a current file and in one still at schema 2 (a kiosk
    // not yet updated, which still has participants.search_key) give the same record.
    {
        EventStore kiosk = EventStore::open(a);
        CheckinService service(kiosk);
        (void)service.check_in_participant("p1", {"A", "", CheckinMethod::Camera, kNineAm});
        edited(kiosk, "A", kNineAm + 1000, "g2");
    }
    std::filesystem::copy_file(a, b, std::filesystem::copy_options::overwrite_existing);
    testing::make_schema_2(b);
    std::string records[2];
    for (int i = 0; i < 2; ++i) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(target_path + suffix);
        EventStore merged = target();
        const MergeResult result = merge_into(merged, {i == 0 ? a : b});
        ASSERT_TRUE(result) << result.errors.front().message;
        EXPECT_EQ(result.total.checkins, 1);
        EXPECT_EQ(result.total.participants, 3);
        EXPECT_EQ(merged.participant("p0")->group_id, "g2");
        records[i] = dump(merged);
    }
    EXPECT_EQ(records[0], records[1]);
    EXPECT_EQ(EventStore::open(b, /*read_only=*/true).schema_version(), 2)
        << "inputs are never written";
}

TEST_F(MergeTwoKiosks, ASessionsSeatingMergesByTheNewestStampInEitherOrder) {
    // p0 is seated at g2 in one file and, later, at g3 in the other; p1 only in the first.
    {
        EventStore kiosk = EventStore::open(a);
        ASSERT_TRUE(kiosk.put_session_seating(
            "s1", {{"p0", "g2", "", kiosk.next_stamp("A", kNineAm).to_string(), "A"},
                   {"p1", "g1", "T7", kiosk.next_stamp("A", kNineAm).to_string(), "A"}}));
    }
    {
        EventStore kiosk = EventStore::open(b);
        ASSERT_TRUE(kiosk.put_session_seating(
            "s1", {{"p0", "g3", "", kiosk.next_stamp("B", kNineAm + 1000).to_string(), "B"}}));
    }
    std::string records[2];
    for (int i = 0; i < 2; ++i) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(target_path + suffix);
        EventStore merged = target();
        const MergeResult result =
            merge_into(merged, i == 0 ? std::vector{a, b} : std::vector{b, a});
        ASSERT_TRUE(result) << result.errors.front().message;
        EXPECT_EQ(result.total.seats, i == 0 ? 3 : 2) << "an older row never replaces a newer";
        EXPECT_TRUE(merged.has_own_seating("s1"));
        EXPECT_EQ(merged.seat_at("s1", "p0")->group_id, "g3");
        EXPECT_EQ(merged.seat_at("s1", "p1")->table_label, "T7");
        EXPECT_FALSE(merged.seat_at("s1", "p2")) << "left out of the session's own seating";
        EXPECT_EQ(merged.participant("p0")->group_id, "g1") << "the event's seating is untouched";
        records[i] = dump(merged);
        EXPECT_EQ(merge_into(merged, {a, b}).total.seats, 0) << "merging again changes nothing";
    }
    EXPECT_EQ(records[0], records[1]);
}

TEST_F(MergeTwoKiosks, AKioskFileOfSchemaFiveMergesWithoutSeatingRows) {
    {
        EventStore kiosk = EventStore::open(a);
        CheckinService service(kiosk);
        (void)service.check_in_participant("p1", {"A", "", CheckinMethod::Camera, kNineAm});
    }
    testing::make_schema_5(a);
    EventStore merged = target();
    const MergeResult result = merge_into(merged, {a});
    ASSERT_TRUE(result) << result.errors.front().message;
    EXPECT_EQ(result.total.checkins, 1);
    EXPECT_EQ(result.total.seats, 0);
    EXPECT_FALSE(merged.has_own_seating("s1"));
    EXPECT_EQ(EventStore::open(a, /*read_only=*/true).schema_version(), 5);
}

TEST_F(MergeTwoKiosks, NameTagsPrintedAtEitherKioskMergeOnceEach) {
    const auto print_at = [](const std::string& path, const std::string& kiosk,
                             const std::string& who, const std::string& error) {
        EventStore store = EventStore::open(path);
        PrintLogEntry row;
        row.participant_id = who;
        row.layout = "ql-62";
        row.reason = kPrintOnCheckin;
        row.printer = "QL";
        row.error = error;
        row.kiosk = kiosk;
        row.wall_ms = kNineAm;
        ASSERT_TRUE(append_print(store, row));
    };
    print_at(a, "A", "p1", "");
    print_at(b, "B", "p2", "");
    print_at(b, "B", "p3", "the printer \"QL\" is out of labels");
    EventStore merged = target();
    ASSERT_TRUE(merge_into(merged, {a, b}).ok());
    EXPECT_EQ(print_log(merged).size(), 3u);
    EXPECT_EQ(people_with_printed_tag(merged), (std::set<std::string>{"p1", "p2"}));
    const std::string once = dump(merged);
    ASSERT_TRUE(merge_into(merged, {b, a}).ok());
    EXPECT_EQ(dump(merged), once) << "merging again adds no row";
    // Kiosk A meets B's file: it now knows p2 has a tag (print "once" holds across kiosks).
    EventStore kiosk_a = EventStore::open(a);
    EXPECT_FALSE(has_printed_tag(kiosk_a, "p2"));
    ASSERT_TRUE(merge_into(kiosk_a, {b}).ok());
    EXPECT_TRUE(has_printed_tag(kiosk_a, "p2"));
    EXPECT_FALSE(has_printed_tag(kiosk_a, "p3")) << "a failed print is no tag";
}

TEST_F(MergeTwoKiosks, AKioskFileOfSchemaSevenMergesWithoutPrintRows) {
    {
        EventStore kiosk = EventStore::open(a);
        CheckinService service(kiosk);
        (void)service.check_in_participant("p1", {"A", "", CheckinMethod::Camera, kNineAm});
    }
    testing::make_schema_7(a);
    EventStore merged = target();
    const MergeResult result = merge_into(merged, {a});
    ASSERT_TRUE(result) << result.errors.front().message;
    EXPECT_EQ(result.total.checkins, 1);
    EXPECT_TRUE(print_log(merged).empty());
    EXPECT_EQ(EventStore::open(a, /*read_only=*/true).schema_version(), 7);
}

TEST_F(MergeTwoKiosks, InputsAreNeverWritten) {
    {
        EventStore kiosk = EventStore::open(a);
        CheckinService service(kiosk);
        (void)service.check_in_participant("p2", {"A", "", CheckinMethod::Camera, kNineAm});
        edited(kiosk, "A", kNineAm, "g3");
    }
    const std::string bytes = testing::read_file(a);
    EventStore merged = target();
    ASSERT_TRUE(merge_into(merged, {a}).ok());
    EXPECT_EQ(testing::read_file(a), bytes);
}

TEST_F(MergeTwoKiosks, AKioskWritingDuringTheMergeIsReadAtOneMoment) {
    // The kiosk writes a check-in and a rejected scan in one transaction, again and again;
    // a merge that saw half of one would hold more of one than of the other.
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread writer([this, &stop, &written] {
        EventStore kiosk = EventStore::open(a);
        relax(kiosk);
        for (int i = 0; !stop; ++i) {
            sql::Transaction transaction(kiosk.database());
            const std::string stamp = kiosk.next_stamp("W", kNineAm + i).to_string();
            CheckinRecord row;
            row.id = random_id();
            row.participant_id = "p" + std::to_string(i % 3);
            row.kiosk = "W";
            row.wall_ms = kNineAm + i;
            row.stamp = stamp;
            kiosk.append_checkin(row);
            kiosk.record_rejected_scan(
                RejectedScan{random_id(), "x", "unknown-code", "W", kNineAm + i, stamp});
            transaction.commit();
            ++written;
        }
    });
    while (written < 20) std::this_thread::yield();
    EventStore merged = target();
    for (int round = 0; round < 5; ++round) {
        const int before = written;
        const MergeResult result = merge_into(merged, {a});
        ASSERT_TRUE(result.ok()) << result.errors.front().message;
        EXPECT_EQ(merged.checkins().size(), merged.rejected_scans().size());
        EXPECT_GE(static_cast<int>(merged.checkins().size()), before);
    }
    stop = true;
    writer.join();

    // Everything merged came from the kiosk, and the kiosk got nothing from the merge.
    EventStore kiosk = EventStore::open(a, true);
    const auto kiosk_rows = checkin_ids(kiosk);
    for (const auto& id : checkin_ids(merged)) EXPECT_TRUE(kiosk_rows.contains(id));
    EXPECT_EQ(static_cast<int>(kiosk_rows.size()), written.load());
    EXPECT_EQ(static_cast<int>(kiosk.rejected_scans().size()), written.load());
}

// With N kiosks each keeping its own count of wrong PINs, someone guessing gets N times the
// guesses. The attempts travel with the files: wrong PINs at two kiosks add up after a merge
// (2 at A and 2 at B lock the member, as 4 at one kiosk would), whatever the order.
TEST_F(MergeTwoKiosks, WrongPinsAtTwoKiosksAddUpToALockout) {
    std::string staff_id;
    {
        EventStore base = EventStore::open((dir / "base.db").string());
        staff_id = add_staff(base, "Door", StaffRole::Door, "135790", test_pin_cost()).id;
    }
    for (const auto& path : {a, b}) {
        std::filesystem::remove(path);
        std::filesystem::copy_file(dir / "base.db", path);
    }
    {
        EventStore ka = EventStore::open(a);
        EventStore kb = EventStore::open(b);
        for (int i = 0; i < 2; ++i) {
            (void)attempt_pin(ka, staff_id, "000000", kNineAm + i);
            (void)attempt_pin(kb, staff_id, "111111", kNineAm + 10 + i);
        }
        EXPECT_EQ(find_staff(ka, staff_id)->failed_attempts, 2);
        EXPECT_FALSE(find_staff(kb, staff_id)->locked_until_ms > kNineAm);
    }
    std::string first;
    for (const auto& order : {std::vector<std::string>{a, b}, std::vector<std::string>{b, a}}) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(target_path + suffix);
        EventStore merged = target();
        ASSERT_TRUE(merge_into(merged, order).ok());
        const auto member = find_staff(merged, staff_id);
        ASSERT_TRUE(member);
        EXPECT_EQ(member->failed_attempts, 4);
        // The 4th wrong PIN (B's second, at 09:00:00.011) locked for twice the first lockout.
        EXPECT_EQ(member->locked_until_ms, kNineAm + 11 + 60'000);
        EXPECT_TRUE(std::holds_alternative<PinLocked>(
            attempt_pin(merged, staff_id, "135790", kNineAm + 30'000)));
        ASSERT_TRUE(merge_into(merged, order).ok());
        if (first.empty()) first = dump(merged);
        EXPECT_EQ(dump(merged), first) << "the order of the files changed the record";
    }
    // A kiosk that takes the other's file in is locked too, not only the organizer's copy.
    {
        EventStore kb = EventStore::open(b);
        ASSERT_TRUE(merge_into(kb, {a}).ok());
        EXPECT_TRUE(
            std::holds_alternative<PinLocked>(attempt_pin(kb, staff_id, "135790", kNineAm + 1000)));
    }
}

}  // namespace
}  // namespace uketsuke
