#include "kiosk/core/staff/attention.hpp"

#include <fmt/format.h>

#include "kiosk/core/model/staff.hpp"
#include "kiosk/core/model/utf8.hpp"
#include "kiosk/core/store/ids.hpp"

namespace uketsuke {
namespace {

constexpr std::string_view kSet = "attention";
constexpr std::string_view kAcknowledged = "attention_ack";

// Folds one person's log rows (stamp order) into the flag in force.
struct Fold {
    std::optional<Attention> current;
    void add(const PersonLogEntry& row) {
        if (row.action == kSet) {
            const std::string text = clean_attention_text(row.detail);
            if (text.empty()) {
                current.reset();
                return;
            }
            current = Attention{};
            current->text = text;
            current->set_by = utf8::safe_text(row.staff_name, utf8::Controls::Remove);
            current->set_ms = row.wall_ms;
            current->row_id = row.id;
        } else if (row.action == kAcknowledged && current && row.detail == current->row_id &&
                   !current->acknowledged) {
            current->acknowledged = true;
            current->acknowledged_by = utf8::safe_text(row.staff_name, utf8::Controls::Remove);
            current->acknowledged_by_id = row.staff;
            current->acknowledged_ms = row.wall_ms;
        }
    }
};

std::string not_found(const std::string& participant_id) {
    return fmt::format("no one with the id \"{}\" is registered at this event", participant_id);
}

}  // namespace

std::string clean_attention_text(std::string_view text) {
    // Line breaks become spaces before the controls go, so two lines do not run together.
    std::string flat(text);
    for (char& c : flat) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    const std::string safe = utf8::safe_text(flat, utf8::Controls::Remove);
    return std::string(utf8::trim(utf8::first(utf8::trim(safe), kAttentionMaxChars)));
}

std::optional<Attention> attention_of(const EventStore& store, const std::string& participant_id) {
    if (participant_id.empty()) return std::nullopt;  // "" holds the kiosk-wide rows
    Fold fold;
    for (const auto& row : store.person_log_of(participant_id)) fold.add(row);
    return fold.current;
}

std::map<std::string, Attention> attention_all(const EventStore& store) {
    std::map<std::string, Fold> folds;
    for (const auto& row : store.person_log()) {
        if (row.participant_id.empty()) continue;
        if (row.action != kSet && row.action != kAcknowledged) continue;
        folds[row.participant_id].add(row);
    }
    std::map<std::string, Attention> flags;
    for (auto& [id, fold] : folds) {
        if (fold.current) flags.emplace(id, std::move(*fold.current));
    }
    return flags;
}

int pending_attention_count(const EventStore& store) {
    int pending = 0;
    for (const auto& [id, flag] : attention_all(store)) {
        if (!flag.acknowledged && store.participant(id)) ++pending;
    }
    return pending;
}

namespace {

// Admits, opens the transaction, checks the person, appends the row `make` describes (or the
// refusal it returns), commits.
template <typename Make>
ActionResult log_attention(EventStore& store, const std::string& participant_id,
                           StaffContext context, std::optional<StaffAction> permission,
                           Make&& make) {
    ActionResult result;
    result.error = admit_staff(store, context, permission);
    if (!result.error.empty()) return result;
    sql::Transaction transaction(store.database());
    auto person = store.participant(participant_id);
    if (!person) {
        result.error = not_found(participant_id);
        return result;
    }
    std::string action;
    std::string detail;
    result.error = make(*person, attention_of(store, participant_id), action, detail);
    if (!result.error.empty()) return result;
    const std::string stamp = store.next_stamp(context.kiosk, context.wall_ms).to_string();
    store.append_person_log(PersonLogEntry{random_id(), person->id, action, detail, context.kiosk,
                                           context.staff_id, context.staff_name, context.wall_ms,
                                           stamp});
    transaction.commit();
    result.participant = std::move(person);
    return result;
}

}  // namespace

ActionResult set_attention(EventStore& store, const std::string& participant_id,
                           const std::string& text, const StaffContext& context) {
    const std::string cleaned = clean_attention_text(text);
    return log_attention(
        store, participant_id, context, StaffAction::Attention,
        [&](const Participant& person, const std::optional<Attention>& now, std::string& action,
            std::string& detail) -> std::string {
            if (cleaned.empty() && !now) {
                return fmt::format("{} has no attention flag to clear", person.name);
            }
            if (now && now->text == cleaned) {
                return fmt::format("{}'s attention flag already says that", person.name);
            }
            action = kSet;
            detail = cleaned;
            return "";
        });
}

ActionResult acknowledge_attention(EventStore& store, const std::string& participant_id,
                                   const StaffContext& context) {
    return log_attention(store, participant_id, context, std::nullopt,
                         [&](const Participant& person, const std::optional<Attention>& now,
                             std::string& action, std::string& detail) -> std::string {
                             if (!now) return fmt::format("{} has no attention flag", person.name);
                             if (now->acknowledged) {
                                 return fmt::format(
                                     "{}'s attention flag was already acknowledged by {}",
                                     person.name,
                                     now->acknowledged_by.empty() ? "staff" : now->acknowledged_by);
                             }
                             action = kAcknowledged;
                             detail = now->row_id;
                             return "";
                         });
}

}  // namespace uketsuke
