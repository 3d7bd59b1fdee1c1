#include "kiosk/core/roster/import_suspects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "kiosk/core/roster/search_key.hpp"

namespace uketsuke::import_detail {
namespace {

std::string extras_text(const std::vector<std::pair<std::string, std::string>>& extras) {
    std::string text;
    for (const auto& [header, value] : extras) {
        text += fmt::format("{}{}={}", text.empty() ? "" : "; ", header, value);
    }
    return text;
}

// The stored spelling stays when the cell says the same thing another way.
void take_unless_same(std::string& field, const std::string& cell) {
    if (cell.empty() || cell == field || search_key(cell) == search_key(field)) return;
    field = cell;
}

struct Target {
    const Participant* into = nullptr;
    std::string why_not;
};

}  // namespace

void compare(ImportChange& change, const Participant& before, const Participant& after,
             const GroupNames& groups) {
    auto add = [&change](std::string field, std::string was, std::string is) {
        change.fields.push_back(field);
        change.details.push_back({std::move(field), std::move(was), std::move(is)});
    };
    auto group_name = [&groups](const std::string& id) {
        const auto found = groups.by_id.find(id);
        return found == groups.by_id.end() ? id : found->second;
    };
    if (before.name != after.name) add("name", before.name, after.name);
    if (before.reading != after.reading) add("reading", before.reading, after.reading);
    if (before.organization != after.organization) {
        add("organization", before.organization, after.organization);
    }
    if (before.role != after.role) {
        add("role", std::string(to_string(before.role)), std::string(to_string(after.role)));
    }
    if (before.group_id != after.group_id) {
        add("group", group_name(before.group_id), group_name(after.group_id));
    }
    if (before.email != after.email) add("email", before.email, after.email);
    if (before.extras != after.extras) {
        // Header by header: a survey answer changed reads as that answer, not as all of them.
        change.fields.push_back("extras");
        auto value_in = [](const auto& extras, const std::string& header) {
            for (const auto& [name, value] : extras) {
                if (name == header) return value;
            }
            return std::string();
        };
        const std::size_t details_before = change.details.size();
        std::vector<std::string> headers;
        for (const auto* extras : {&before.extras, &after.extras}) {
            for (const auto& extra : *extras) {
                if (std::find(headers.begin(), headers.end(), extra.first) == headers.end()) {
                    headers.push_back(extra.first);
                }
            }
        }
        for (const std::string& header : headers) {
            std::string was = value_in(before.extras, header), is = value_in(after.extras, header);
            if (was != is) change.details.push_back({header, std::move(was), std::move(is)});
        }
        if (change.details.size() == details_before) {
            // Only the order differs.
            change.details.push_back(
                {"extras", extras_text(before.extras), extras_text(after.extras)});
        }
    }
}

Participant merged_person(const Participant& existing, const ImportedPerson& row,
                          const FileFields& in_file) {
    Participant out = existing;
    take_unless_same(out.name, row.name);
    if (in_file.reading) take_unless_same(out.reading, row.reading);
    if (in_file.organization) take_unless_same(out.organization, row.organization);
    if (in_file.email && !row.email.empty() && email_key(row.email) != email_key(out.email)) {
        out.email = row.email;
    }
    if (in_file.role && row.role_given) {
        out.role = role_from_string(row.role).value_or(out.role);
    }
    if (in_file.status) {
        out.status = row.cancelled ? RegistrationStatus::Cancelled : RegistrationStatus::Registered;
    }
    for (const auto& extra : row.extras) {
        const std::string& header = extra.first;
        const auto same =
            std::find_if(out.extras.begin(), out.extras.end(),
                         [&header](const auto& kept) { return kept.first == header; });
        if (same == out.extras.end()) {
            out.extras.emplace_back(header, extra.second);
        } else {
            same->second = extra.second;
        }
    }
    return out;
}

SuspectPlan plan_suspects(const std::vector<ImportedPerson>& rows,
                          const std::vector<const Participant*>& resolved,
                          const std::vector<const Participant*>& existing,
                          const ImportOptions& options, const FileFields& in_file,
                          const GroupNames& groups) {
    SuspectPlan plan;
    plan.merge_into.assign(rows.size(), nullptr);
    plan.merge_rules.assign(rows.size(), 0);
    plan.refused.assign(rows.size(), false);
    std::vector<std::size_t> fresh;  // the rows no key found
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!resolved[i]) fresh.push_back(i);
    }
    if (fresh.empty()) return plan;

    std::vector<DuplicateFields> existing_fields, fresh_fields;
    existing_fields.reserve(existing.size());
    for (const Participant* person : existing) {
        existing_fields.push_back(
            {person->name, person->reading, person->organization, person->email});
    }
    fresh_fields.reserve(fresh.size());
    for (std::size_t i : fresh) {
        const ImportedPerson& row = rows[i];
        fresh_fields.push_back({row.name, row.reading, row.organization, row.email});
    }
    const DuplicateCheck check = find_duplicates(existing_fields, fresh_fields);

    // A person some row's key found is that row's; a merge must not update them twice.
    std::unordered_map<const Participant*, std::size_t> line_of_key;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (resolved[i]) line_of_key.emplace(resolved[i], rows[i].line);
    }
    auto targets_by = [&](DuplicateRules rules, const char* what) {
        std::vector<Target> targets(fresh.size());
        std::unordered_map<const Participant*, std::vector<std::size_t>> claims;
        for (std::size_t k = 0; k < fresh.size(); ++k) {
            const auto& matches = check.matches[k];
            if (matches.empty()) {
                targets[k].why_not = "it looks like no one in the event, only another row";
                continue;
            }
            std::vector<std::size_t> by_rule;
            for (const DuplicateMatch& match : matches) {
                if (match.rules & rules) by_rule.push_back(match.index);
            }
            if (by_rule.empty()) {
                targets[k].why_not = fmt::format("no one in the event has the same {}", what);
                continue;
            }
            if (by_rule.size() > 1 || check.match_count[k] > matches.size()) {
                targets[k].why_not =
                    fmt::format("{} people in the event match; which one is for you to say",
                                std::max(by_rule.size(), check.match_count[k]));
                continue;
            }
            const Participant* person = existing[by_rule.front()];
            if (const auto at = line_of_key.find(person); at != line_of_key.end()) {
                targets[k].why_not =
                    fmt::format("{} is line {}'s, by its key", person->id, at->second);
                continue;
            }
            targets[k].into = person;
            claims[person].push_back(k);
        }
        for (const auto& [person, claimed] : claims) {
            if (claimed.size() < 2) continue;
            std::vector<std::size_t> lines;
            for (std::size_t k : claimed) lines.push_back(rows[fresh[k]].line);
            for (std::size_t k : claimed) {
                targets[k].into = nullptr;
                targets[k].why_not =
                    fmt::format("lines {} all look like {}", fmt::join(lines, ", "), person->id);
            }
        }
        return targets;
    };
    const std::vector<Target> by_email = targets_by(kSameEmail, "e-mail");
    const std::vector<Target> by_name = targets_by(kNameRules, "name and reading or organization");
    const std::vector<Target>* chosen = options.merge_by == MergeBy::Email  ? &by_email
                                        : options.merge_by == MergeBy::Name ? &by_name
                                                                            : nullptr;

    std::vector<const DuplicateGroup*> group_of(fresh.size(), nullptr);
    for (const DuplicateGroup& group : check.groups) {
        for (std::size_t k : group.rows) group_of[k] = &group;
    }
    auto choice = [&](const Target& target, const ImportedPerson& row) {
        ImportSuspect::Choice out;
        out.why_not = target.why_not;
        if (!target.into) return out;
        out.into = target.into->id;
        Participant after = merged_person(*target.into, row, in_file);
        if (!row.group.empty()) {
            const auto id = groups.id_by_name.find(row.group);
            after.group_id = id == groups.id_by_name.end() ? row.group : id->second;
        }
        ImportChange change;
        compare(change, *target.into, after, groups);
        out.details = std::move(change.details);
        return out;
    };
    for (std::size_t k = 0; k < fresh.size(); ++k) {
        const auto& matches = check.matches[k];
        const DuplicateGroup* group = group_of[k];
        if (matches.empty() && !group) continue;
        const std::size_t i = fresh[k];
        const ImportedPerson& row = rows[i];
        ImportSuspect suspect;
        suspect.line = row.line;
        suspect.id = row.id;
        suspect.name = row.name;
        suspect.match_count = check.match_count[k];
        for (const DuplicateMatch& match : matches) {
            const Participant& person = *existing[match.index];
            suspect.matches.push_back({person.id, person.name, person.organization, match.rules});
        }
        if (group) {
            for (std::size_t other : group->rows) {
                if (other != k) suspect.same_file_lines.push_back(rows[fresh[other]].line);
            }
            suspect.same_file_rules = group->rules;
        }
        suspect.by_email = choice(by_email[k], row);
        suspect.by_name = choice(by_name[k], row);
        if (chosen && (*chosen)[k].into) {
            suspect.outcome = ImportSuspect::Outcome::Merged;
            plan.merge_into[i] = (*chosen)[k].into;
            for (const DuplicateMatch& match : matches) {
                if (existing[match.index] == plan.merge_into[i]) plan.merge_rules[i] = match.rules;
            }
        } else if (options.allow_duplicates) {
            suspect.outcome = ImportSuspect::Outcome::Added;
        } else {
            suspect.outcome = ImportSuspect::Outcome::Refused;
            plan.refused[i] = true;
            ++plan.refused_count;
        }
        plan.suspects.push_back(std::move(suspect));
    }
    return plan;
}

}  // namespace uketsuke::import_detail
