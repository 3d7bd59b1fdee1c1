// groups: discussion groups and tables, and seating people so organizations mix.

#include <fmt/format.h>

#include <map>

#include "kiosk/core/group_planning.hpp"
#include "tools/uketsuke/cli.hpp"

namespace uketsuke::cli {
namespace {

int run_create(const Context& context, int count, int capacity) {
    if (count < 1 || count > 1000) throw UserError(kUsage, "--count: give a number of groups from 1 to 1000");
    if (capacity < 0) throw UserError(kUsage, "--capacity: give 0 (no limit) or more");
    EventStore store = context.open_event();
    const auto created = create_groups(store, count, capacity);
    fmt::print("Created {} groups: {} … {}\n", created.size(), created.front().name, created.back().name);
    return kOk;
}

int run_list(const Context& context) {
    EventStore store = context.open_event(true);
    std::map<std::string, int> sizes;
    for (const auto& person : store.participants()) {
        if (person.status == RegistrationStatus::Registered && !person.group_id.empty()) ++sizes[person.group_id];
    }
    fmt::print("{:<10} {:<8} {:>6} {:>8}  {}\n", "group", "table", "people", "capacity", "facilitator");
    for (const auto& group : store.groups()) {
        fmt::print("{:<10} {:<8} {:>6} {:>8}  {}\n", group.name, group.table_label, sizes[group.id],
                   group.capacity == 0 ? std::string("-") : std::to_string(group.capacity), group.facilitator);
    }
    return kOk;
}

struct AssignCommand {
    std::uint64_t seed = 1;
    bool keep = false;
    bool dry_run = false;
    std::string spread;
};

int run_assign(const Context& context, const AssignCommand& command) {
    EventStore store = context.open_event();
    GroupPlanOptions options;
    options.assignment.seed = command.seed;
    options.keep_current = command.keep;
    options.dry_run = command.dry_run;
    options.spread_column = command.spread;
    options.wall_ms = now_ms();
    const GroupPlanResult result = plan_groups(store, options);
    if (!result) throw UserError(kBadInput, result.error + "\nNothing was changed.");
    for (const auto& move : result.moves) {
        fmt::print("  {:<12} {:<16} {:<14} {} → {}\n", move.participant_id, move.name, move.organization,
                   move.from_group.empty() ? "-" : move.from_group, move.to_group);
    }
    const AssignmentQuality& q = result.quality;
    fmt::print("Same-organization pairs: {} (the best possible is at least {})\n", q.same_org_pairs, q.lower_bound);
    fmt::print("Group sizes: {} to {}{}\n", q.min_size, q.max_size, q.sizes_balanced ? "" : " (capacities differ)");
    fmt::print("Facilitators sitting with their own organization: {}\n", q.facilitators_with_own_org);
    fmt::print("{} people {}\n", result.moves.size(), command.dry_run ? "would move (dry run: nothing changed)" : "placed");
    return kOk;
}

}  // namespace

void add_group_commands(CLI::App& app, Context& context) {
    auto* groups = app.add_subcommand("groups", "Discussion groups and tables");
    groups->require_subcommand(1);

    auto count = std::make_shared<int>(0);
    auto capacity = std::make_shared<int>(0);
    auto* create = groups->add_subcommand("create", "Add N groups named A, B, C, … at tables 1, 2, 3, …");
    create->add_option("--count,-n", *count, "How many groups")->required();
    create->add_option("--capacity", *capacity, "Seats per group (0: no limit)");
    on_run(create, context, [&context, count, capacity] { return run_create(context, *count, *capacity); });

    auto* list = groups->add_subcommand("list", "Groups, tables, sizes and facilitators");
    on_run(list, context, [&context] { return run_list(context); });

    auto assign = std::make_shared<AssignCommand>();
    auto* sub = groups->add_subcommand("assign", "Seat everyone so each group mixes organizations");
    sub->add_option("--seed", assign->seed, "Same seed, same seating (default 1)");
    sub->add_flag("--keep", assign->keep, "People already in a group stay there");
    sub->add_option("--spread", assign->spread, "Also spread this imported column evenly (e.g. 経験年数)");
    sub->add_flag("--dry-run", assign->dry_run, "Show the proposal and its quality; change nothing");
    on_run(sub, context, [&context, assign] { return run_assign(context, *assign); });
}

}  // namespace uketsuke::cli
