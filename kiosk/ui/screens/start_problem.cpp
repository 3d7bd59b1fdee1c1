#include "kiosk/ui/screens/start_problem.hpp"

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke::ui {

std::string_view to_string(StartProblemKind kind) {
    switch (kind) {
        case StartProblemKind::Missing:
            return "missing";
        case StartProblemKind::Damaged:
            return "damaged";
        case StartProblemKind::NotAnEvent:
            return "not_an_event";
        case StartProblemKind::CannotOpen:
            return "cannot_open";
        case StartProblemKind::DiskError:
            return "disk_error";
        case StartProblemKind::Other:
            return "other";
    }
    return "other";
}

StartProblemView build_start_problem_view(const StartProblem& problem, const Strings& strings) {
    StartProblemView view;
    const std::string key = "start_problem." + std::string(to_string(problem.kind));
    // A path or an error message can hold anything; shown, it must not carry control characters.
    const std::string file = utf8::safe_text(problem.file, utf8::Controls::Remove);
    for (const Language language : kLanguages) {
        view.languages.push_back(
            StartProblemText{std::string(strings.get(language, key + ".title")),
                             std::string(strings.get(language, key + ".next"))});
    }
    view.file = strings.format(Language::Ja, "start_problem.file", {{"file", file}}) + " / " +
                strings.format(Language::En, "start_problem.file", {{"file", file}});
    view.detail = utf8::safe_text(problem.detail, utf8::Controls::Remove);
    view.retrying = std::string(strings.get(Language::Ja, "start_problem.retrying")) + " / " +
                    std::string(strings.get(Language::En, "start_problem.retrying"));
    return view;
}

std::vector<std::string> all_texts(const StartProblemView& view) {
    std::vector<std::string> texts;
    for (const auto& language : view.languages) {
        texts.push_back(language.title);
        texts.push_back(language.next);
    }
    texts.push_back(view.file);
    texts.push_back(view.detail);
    texts.push_back(view.retrying);
    return texts;
}

}  // namespace uketsuke::ui
