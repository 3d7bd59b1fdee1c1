#include "kiosk/core/sync/merge_input.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "kiosk/core/store/schema.hpp"

namespace uketsuke::merging {
namespace {

bool is_same_file(const std::string& a, const std::string& b) {
    std::error_code error;
    return b != ":memory:" && std::filesystem::equivalent(a, b, error);
}

}  // namespace

std::string naming(const std::string& path, const std::string& message) {
    if (message.find(path) != std::string::npos) return message;
    return fmt::format("{}: {}", path, message);
}

std::unique_ptr<OpenInput> open_input(const std::string& path, const EventInfo& target_event,
                                      const std::string& target_path,
                                      std::vector<MergeError>& errors) {
    if (!std::filesystem::is_regular_file(path)) {
        errors.push_back({path, fmt::format("{}: no such event file", path)});
        return nullptr;
    }
    if (is_same_file(path, target_path)) {
        errors.push_back(
            {path,
             fmt::format("{} is the file being merged into; give each kiosk's file once", path)});
        return nullptr;
    }
    try {
        auto input = std::make_unique<OpenInput>(path, EventStore::open(path, /*read_only=*/true));
        // BEGIN plus the first read below fixes the WAL snapshot every later read sees.
        input->snapshot.emplace(input->store.database(), sql::Transaction::Kind::Deferred);
        {
            // A truncated or overwritten file can open fine and fail only on the pages it
            // lost; check it whole before any of it reaches the target.
            auto check = input->store.database().prepare("PRAGMA quick_check");
            std::string verdict = check.step() ? check.text(0) : "no answer";
            if (verdict != "ok") {
                errors.push_back(
                    {path, fmt::format("{} is damaged ({}); it was not merged. Copy it from the "
                                       "kiosk again, or leave it out.",
                                       path, verdict)});
                return nullptr;
            }
        }
        const EventInfo event = input->store.event();
        if (event.id != target_event.id) {
            errors.push_back(
                {path, fmt::format("{} belongs to another event (\"{}\", {}, id {}), not to \"{}\" "
                                   "({}, id {}); it was not merged",
                                   path, event.name, event.date, event.id, target_event.name,
                                   target_event.date, target_event.id)});
            return nullptr;
        }
        return input;
    } catch (const SchemaError& error) {
        errors.push_back({path, naming(path, error.what())});
        return nullptr;
    } catch (const sql::DatabaseError& error) {
        // Also what a WAL file on a read-only stick without its -shm gives: say both.
        errors.push_back(
            {path, fmt::format("{} cannot be read ({}); it was not merged. It may be damaged: copy "
                               "it from the kiosk again, onto this computer, or leave it out.",
                               path, error.what())});
        return nullptr;
    } catch (const std::exception& error) {
        errors.push_back({path, naming(path, error.what())});
        return nullptr;
    }
}

}  // namespace uketsuke::merging
