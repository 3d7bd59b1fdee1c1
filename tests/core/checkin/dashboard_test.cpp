#include "kiosk/core/checkin/dashboard.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <numeric>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/store/sqlite.hpp"
#include "support/event_fixture.hpp"

namespace uketsuke {
namespace {

using testing::EventFixture;
using testing::kNineAm;

constexpr std::int64_t kMinute = 60'000;

CheckinContext self_at(const std::string& kiosk, std::int64_t ms) {
    return CheckinContext{kiosk, "", CheckinMethod::Camera, ms};
}

CheckinContext staff_at(const std::string& kiosk, std::int64_t ms) {
    return CheckinContext{kiosk, "Sato", CheckinMethod::Manual, ms};
}

// A check-in row written as if it came from another kiosk's file in a merge.
CheckinRecord row_from(EventFixture& f, const std::string& id, const std::string& participant,
                       const std::string& kiosk, std::int64_t ms) {
    CheckinRecord row;
    row.id = id;
    row.participant_id = participant;
    row.kiosk = kiosk;
    row.method = CheckinMethod::Camera;
    row.wall_ms = ms;
    row.stamp = f.store.next_stamp(kiosk, ms).to_string();
    return row;
}

const GroupTurnout* group_named(const Dashboard& d, const std::string& name) {
    for (const auto& g : d.groups) {
        if (g.name == name) return &g;
    }
    return nullptr;
}

const OrganizationTurnout* organization_named(const Dashboard& d, const std::string& name) {
    for (const auto& o : d.organizations) {
        if (o.name == name) return &o;
    }
    return nullptr;
}

TEST(DashboardCounts, OverallGroupsOrganizationsAndKiosks) {
    EventFixture f;
    f.store.upsert_group(Group{"g1", "Aoba", "T1", 4, "", std::nullopt, std::nullopt}, 0);
    f.store.upsert_group(Group{"g2", "Kohnan", "T2", 0, "", std::nullopt, std::nullopt}, 1);
    f.store.upsert_group(Group{"g3", "Empty", "T3", 6, "", std::nullopt, std::nullopt}, 2);
    f.person("p1", "self at K1", "City", "g1");
    f.person("p2", "staff at K2", "City", "g2");
    f.person("p3", "undone", "Town", "g1");
    f.person("p4", "no group, no organization", "");
    Participant gone = f.person("p5", "cancelled after arriving", "Town", "g2");
    Participant walk_in = f.person("p6", "walk-in", "Village", "g1");
    walk_in.source = "walk-in";
    f.add(walk_in);
    Participant unsynced = f.person("p7", "walk-in whose row is elsewhere", "");
    unsynced.source = "walk-in";
    f.add(unsynced);
    f.person("p8", "not here either", "Town", "g2");
    f.person("p9", "not here", "City");

    CheckinService service(f.store);
    EXPECT_TRUE(is_success(
        service.check_in_participant("p1", self_at("K1", kNineAm + 1 * kMinute)).outcome));
    EXPECT_TRUE(is_success(
        service.check_in_participant("p2", staff_at("K2", kNineAm + 2 * kMinute)).outcome));
    EXPECT_TRUE(is_success(
        service.check_in_participant("p3", self_at("K1", kNineAm + 3 * kMinute)).outcome));
    EXPECT_EQ(service.undo_participant("p3", staff_at("K1", kNineAm + 4 * kMinute)).outcome,
              UndoOutcome::Undone);
    CheckinContext scanner{"K2", "", CheckinMethod::Scanner, kNineAm + 5 * kMinute};
    EXPECT_TRUE(is_success(service.check_in_participant("p4", scanner).outcome));
    EXPECT_TRUE(is_success(
        service.check_in_participant("p5", self_at("K1", kNineAm + 6 * kMinute)).outcome));
    gone.status = RegistrationStatus::Cancelled;
    f.add(gone);
    CheckinContext door{"K2", "Sato", CheckinMethod::WalkIn, kNineAm + 7 * kMinute};
    EXPECT_TRUE(is_success(service.check_in_participant("p6", door).outcome));
    EXPECT_EQ(
        service.check_in_code(f.ticket("not-in-this-file"), self_at("K1", kNineAm + 8 * kMinute))
            .outcome,
        CheckinOutcome::DetailsPending);
    // p1 was also checked in at K2 later, offline: the first check-in in force decides.
    EXPECT_TRUE(f.store.append_checkin(row_from(f, "later-k2", "p1", "K2", kNineAm + 9 * kMinute)));

    const Dashboard d = build_dashboard(f.store, kNineAm + 10 * kMinute);
    EXPECT_EQ(d.built_at_ms, kNineAm + 10 * kMinute);
    EXPECT_EQ(d.time_zone, "Asia/Tokyo");
    // Expected: p1 p2 p3 p4 p6 p7 p8 p9; arrived: p1 p2 p4 p6 p7.
    EXPECT_EQ(d.overall.expected, 8);
    EXPECT_EQ(d.overall.arrived, 5);
    EXPECT_EQ(d.cancelled, 1);
    EXPECT_EQ(d.walk_ins, 2);
    EXPECT_EQ(d.details_pending, 1);

    ASSERT_EQ(d.groups.size(), 3u);
    EXPECT_EQ(d.groups[0].name, "Aoba");
    EXPECT_EQ(d.groups[0].table, "T1");
    EXPECT_EQ(d.groups[0].capacity, 4);
    EXPECT_EQ(d.groups[0].expected, 3);  // p1 p3 p6
    EXPECT_EQ(d.groups[0].arrived, 2);   // p1 p6
    EXPECT_EQ(d.groups[1].expected, 2);  // p2 p8; cancelled p5 left out
    EXPECT_EQ(d.groups[1].arrived, 1);
    EXPECT_EQ(d.groups[2].name, "Empty");
    EXPECT_EQ(d.groups[2].expected, 0);
    EXPECT_EQ(d.groups[2].capacity, 6);
    EXPECT_EQ(d.ungrouped.expected, 3);  // p4 p7 p9
    EXPECT_EQ(d.ungrouped.arrived, 2);   // p4 p7

    // Most still to come first, ties by name: City 1 (of 3), Town 2 (of 2), "" 0, Village 0.
    ASSERT_EQ(d.organizations.size(), 4u);
    EXPECT_EQ(d.organizations[0].name, "Town");
    EXPECT_EQ(d.organizations[1].name, "City");
    EXPECT_EQ(d.organizations[2].name, "");
    EXPECT_EQ(d.organizations[3].name, "Village");
    ASSERT_NE(organization_named(d, "City"), nullptr);
    EXPECT_EQ(organization_named(d, "City")->expected, 3);
    EXPECT_EQ(organization_named(d, "City")->arrived, 2);
    EXPECT_EQ(organization_named(d, "")->expected, 2);
    EXPECT_EQ(organization_named(d, "")->arrived, 2);

    // K1: p1 (self). K2: p2 (staff), p4 (scanner, self), p6 (walk-in, staff). p7 has no row.
    ASSERT_EQ(d.kiosks.size(), 2u);
    EXPECT_EQ(d.kiosks[0].kiosk, "K1");
    EXPECT_EQ(d.kiosks[0].arrivals, 1);
    EXPECT_EQ(d.kiosks[0].self, 1);
    EXPECT_EQ(d.kiosks[0].by_staff, 0);
    EXPECT_EQ(d.kiosks[1].kiosk, "K2");
    EXPECT_EQ(d.kiosks[1].arrivals, 3);
    EXPECT_EQ(d.kiosks[1].self, 1);
    EXPECT_EQ(d.kiosks[1].by_staff, 2);

    EXPECT_EQ(d.latest_arrival_ms, kNineAm + 7 * kMinute);
    EXPECT_EQ(d.latest_arrival, "09:07");
    EXPECT_EQ(d.not_arrived_total, 3);

    // Undo p1's K1 row: the K2 row is now the first in force, so K2 gets p1.
    ASSERT_EQ(
        service.undo(service.attendance("p1").first->id, staff_at("K1", kNineAm + 11 * kMinute))
            .outcome,
        UndoOutcome::Undone);
    const Dashboard after = build_dashboard(f.store, kNineAm + 12 * kMinute);
    EXPECT_EQ(after.overall.arrived, 5);
    ASSERT_EQ(after.kiosks.size(), 1u);
    EXPECT_EQ(after.kiosks[0].kiosk, "K2");
    EXPECT_EQ(after.kiosks[0].arrivals, 4);
    EXPECT_EQ(after.latest_arrival, "09:09");
    ASSERT_NE(group_named(after, "Aoba"), nullptr);
    EXPECT_EQ(group_named(after, "Aoba")->arrived, 2);
}

TEST(DashboardCounts, EmptyEvent) {
    EventFixture f;
    const Dashboard d = build_dashboard(f.store, kNineAm);
    EXPECT_EQ(d.overall.expected, 0);
    EXPECT_EQ(d.overall.arrived, 0);
    EXPECT_TRUE(d.groups.empty());
    EXPECT_TRUE(d.organizations.empty());
    EXPECT_TRUE(d.kiosks.empty());
    EXPECT_TRUE(d.not_arrived.empty());
    EXPECT_TRUE(d.arrivals.empty());
    EXPECT_FALSE(d.latest_arrival_ms.has_value());
    EXPECT_EQ(d.latest_arrival, "");
}

TEST(DashboardTimeline, BucketBoundariesAndNow) {
    EventFixture f;
    for (const char* id : {"a", "b", "c", "d"}) f.person(id, id, "");
    CheckinService service(f.store);
    (void)service.check_in_participant("a", self_at("K1", kNineAm));
    (void)service.check_in_participant("b", self_at("K1", kNineAm + 5 * kMinute - 1));
    (void)service.check_in_participant("c", self_at("K1", kNineAm + 5 * kMinute));
    (void)service.check_in_participant("d", self_at("K1", kNineAm + 15 * kMinute - 1));

    // Now at 09:27: the chart runs on to the bucket of now, quiet ones included.
    const Dashboard d = build_dashboard(f.store, kNineAm + 27 * kMinute);
    ASSERT_EQ(d.arrivals.size(), 6u);
    const std::vector<int> counts{2, 1, 1, 0, 0, 0};
    for (std::size_t i = 0; i < counts.size(); ++i) {
        EXPECT_EQ(d.arrivals[i].arrivals, counts[i]) << i;
        EXPECT_EQ(d.arrivals[i].start_ms, kNineAm + static_cast<std::int64_t>(i) * 5 * kMinute);
    }
    EXPECT_EQ(d.arrivals[0].label, "09:00");
    EXPECT_EQ(d.arrivals[1].label, "09:05");
    EXPECT_EQ(d.arrivals[5].label, "09:25");
    EXPECT_EQ(d.latest_arrival, "09:14");

    // A kiosk clock behind the last arrival, or days ahead of it, stops the chart there.
    EXPECT_EQ(build_dashboard(f.store, kNineAm).arrivals.size(), 3u);
    EXPECT_EQ(build_dashboard(f.store, kNineAm + 3 * 24 * 60 * kMinute).arrivals.size(), 3u);
}

TEST(DashboardTimeline, AClockYearsOffKeepsTheLatestBuckets) {
    EventFixture f;
    f.person("early", "early", "");
    f.person("on-time", "on time", "");
    CheckinService service(f.store);
    (void)service.check_in_participant("early", self_at("K9", kNineAm - 365LL * 24 * 60 * kMinute));
    (void)service.check_in_participant("on-time", self_at("K1", kNineAm + 2 * kMinute));
    const Dashboard d = build_dashboard(f.store, kNineAm + 2 * kMinute);
    EXPECT_EQ(d.overall.arrived, 2);  // off the chart, still counted
    ASSERT_EQ(d.arrivals.size(), kDashboardBuckets);
    EXPECT_EQ(d.arrivals.back().label, "09:00");
    EXPECT_EQ(d.arrivals.back().arrivals, 1);
    const int charted =
        std::accumulate(d.arrivals.begin(), d.arrivals.end(), 0,
                        [](int sum, const ArrivalBucket& b) { return sum + b.arrivals; });
    EXPECT_EQ(charted, 1);
}

TEST(DashboardTimeline, SharedBucketsMatchTheReportsWhenUncapped) {
    const std::vector<std::int64_t> times{kNineAm + 12 * kMinute, kNineAm + 1 * kMinute};
    const auto buckets = arrivals_per_five_minutes(times, "Asia/Tokyo");
    ASSERT_EQ(buckets.size(), 3u);
    EXPECT_EQ(buckets[0].label, "09:00");
    EXPECT_EQ(buckets[1].arrivals, 0);
    EXPECT_EQ(buckets[2].label, "09:10");
    EXPECT_EQ(arrivals_per_five_minutes(times, "Asia/Tokyo", std::nullopt, 2).front().label,
              "09:05");
    EXPECT_TRUE(arrivals_per_five_minutes({}, "Asia/Tokyo", kNineAm).empty());
}

TEST(DashboardNotArrived, RosterOrderAndCap) {
    EventFixture f;
    f.store.upsert_group(Group{"g1", "Aoba", "T1", 0, "", std::nullopt, std::nullopt}, 0);
    // Names out of alphabetical order, so roster order is what the list must follow.
    const std::vector<std::string> names{"Mori", "Abe",  "Sato", "Ito",
                                         "Kato", "Baba", "Ueda", "Endo"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        Participant p =
            f.person("n" + std::to_string(i), names[i], i % 2 ? "City" : "", i % 3 ? "g1" : "");
        p.reading = "reading-" + names[i];
        f.add(p);
    }
    CheckinService service(f.store);
    (void)service.check_in_participant("n1", self_at("K1", kNineAm));  // Abe
    (void)service.check_in_participant("n4", self_at("K1", kNineAm));  // Kato

    const Dashboard all = build_dashboard(f.store, kNineAm);
    EXPECT_EQ(all.not_arrived_total, 6);
    ASSERT_EQ(all.not_arrived.size(), 6u);
    std::vector<std::string> order;
    for (const auto& p : all.not_arrived) order.push_back(p.name);
    EXPECT_EQ(order, (std::vector<std::string>{"Mori", "Sato", "Ito", "Baba", "Ueda", "Endo"}));
    EXPECT_EQ(all.not_arrived[0].id, "n0");
    EXPECT_EQ(all.not_arrived[0].reading, "reading-Mori");
    EXPECT_EQ(all.not_arrived[0].organization, "");
    EXPECT_EQ(all.not_arrived[0].group_name, "");
    EXPECT_EQ(all.not_arrived[2].name, "Ito");
    EXPECT_EQ(all.not_arrived[2].organization, "City");
    EXPECT_EQ(all.not_arrived[2].group_name, "");  // n3: 3 % 3 == 0
    EXPECT_EQ(all.not_arrived[1].group_name, "Aoba");

    const Dashboard capped = build_dashboard(f.store, kNineAm, 4);
    EXPECT_EQ(capped.not_arrived_total, 6);
    ASSERT_EQ(capped.not_arrived.size(), 4u);
    EXPECT_EQ(capped.not_arrived.back().name, "Baba");
    EXPECT_TRUE(build_dashboard(f.store, kNineAm, 0).not_arrived.empty());
}

// Not a pass/fail timing: logs what a refresh costs, for the few-seconds refresh budget.
TEST(DashboardSpeed, FiveThousandPeople) {
    EventFixture f;
    constexpr int kPeople = 5000;
    {
        sql::Transaction transaction(f.store.database());
        for (int g = 0; g < 40; ++g) {
            f.store.upsert_group(Group{"g" + std::to_string(g), "Group " + std::to_string(g),
                                       std::to_string(g + 1), 130, "", std::nullopt, std::nullopt},
                                 g);
        }
        for (int i = 0; i < kPeople; ++i) {
            Participant p;
            p.id = "p" + std::to_string(i);
            p.name = "Person " + std::to_string(i);
            p.reading = "person " + std::to_string(i);
            p.organization = "Organization " + std::to_string(i % 300);
            p.group_id = i % 50 == 0 ? "" : "g" + std::to_string(i % 40);
            f.store.upsert_participant(p, i);
            if (i % 10 < 7) {  // 70% here, over two hours, from four kiosks
                const std::string kiosk = "K" + std::to_string(i % 4);
                f.store.append_checkin(row_from(f, "c" + std::to_string(i), p.id, kiosk,
                                                kNineAm + (i * 7919LL) % (120 * kMinute)));
            }
        }
        transaction.commit();
    }
    (void)build_dashboard(f.store, kNineAm + 130 * kMinute);  // warm the page cache
    constexpr int kRuns = 5;
    Dashboard d;
    const auto start = std::chrono::steady_clock::now();
    for (int run = 0; run < kRuns; ++run) d = build_dashboard(f.store, kNineAm + 130 * kMinute);
    const auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
    std::printf("[ dashboard ] build_dashboard on %d people, %d check-ins: %.1f ms a refresh\n",
                kPeople, d.overall.arrived, elapsed.count() / kRuns);
    EXPECT_EQ(d.overall.expected, kPeople);
    EXPECT_EQ(d.overall.arrived, kPeople * 7 / 10);
    EXPECT_EQ(d.not_arrived_total, kPeople * 3 / 10);
    EXPECT_EQ(d.not_arrived.size(), kNotArrivedCap);
    EXPECT_EQ(d.groups.size(), 40u);
    EXPECT_EQ(d.organizations.size(), 300u);
    EXPECT_EQ(d.kiosks.size(), 4u);
    EXPECT_EQ(d.arrivals.size(), 27u);  // 09:00 to 11:10
}

}  // namespace
}  // namespace uketsuke
