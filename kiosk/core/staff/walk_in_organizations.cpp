#include "kiosk/core/staff/walk_in_organizations.hpp"

#include <algorithm>
#include <map>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke {

std::vector<OrganizationCount> walk_in_organizations(const EventStore& store, std::size_t limit) {
    std::map<std::string, int> counts;
    for (const Participant& person : store.participants()) {
        if (person.status == RegistrationStatus::Cancelled) continue;
        // Untrusted bytes from the file: cleaned before they reach a button.
        const std::string name(
            utf8::trim(utf8::safe_text(person.organization, utf8::Controls::Remove)));
        if (!name.empty()) ++counts[name];
    }
    std::vector<OrganizationCount> out;
    out.reserve(counts.size());
    for (auto& [name, people] : counts) out.push_back(OrganizationCount{name, people});
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.people > b.people;  // the map's order (by name) breaks ties
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace uketsuke
