#pragma once
#include <string>
#include <vector>

namespace uketsuke::testing {

struct CommandOutput {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs a program with arguments (no shell), capturing stdout and stderr.
// `environment` entries are "NAME=value" added to the current environment.
CommandOutput run_command(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment = {});

// Runs the `uketsuke` binary under test.
CommandOutput uketsuke(const std::vector<std::string>& arguments,
                       const std::vector<std::string>& environment = {});

}  // namespace uketsuke::testing
