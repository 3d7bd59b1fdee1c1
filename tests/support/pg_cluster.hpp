#pragma once
// A throwaway PostgreSQL cluster for tests and benchmarks (tools/pg_cluster.sh): started once,
// one fresh database per test, destroyed at the end. Header-only so benchmarks can use it.

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace uketsuke::testing {

inline const std::filesystem::path kPgBin = "/usr/lib/postgresql/15/bin";

struct ShellOutput {
    int exit_code = -1;
    std::string text;  // stdout and stderr together
};

// Our own arguments only (paths under /tmp, fixed SQL), quoted for the shell.
inline std::string shell_quoted(const std::string& argument) {
    std::string out = "'";
    for (char c : argument) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline ShellOutput run_shell(const std::vector<std::string>& argv) {
    std::string command;
    for (const auto& argument : argv) command += shell_quoted(argument) + " ";
    command += "2>&1";
    ShellOutput output;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return output;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.text.append(buffer, n);
    const int status = pclose(pipe);
    output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return output;
}

class PgCluster {
public:
    explicit PgCluster(std::filesystem::path script) : script_(std::move(script)) {}
    ~PgCluster() { destroy(); }
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    // Empty on success, else why not (PostgreSQL missing, the cluster would not start).
    std::string start() {
        if (!std::filesystem::exists(kPgBin / "initdb") ||
            !std::filesystem::exists(kPgBin / "psql")) {
            return "PostgreSQL 15 is not installed (apt-get install postgresql)";
        }
        const ShellOutput started = run_shell({script_.string(), "start"});
        if (started.exit_code != 0) return "could not start a PostgreSQL cluster: " + started.text;
        std::istringstream lines(started.text);
        std::string line;
        while (std::getline(lines, line)) {
            if (line.rfind("dir=", 0) == 0) dir_ = line.substr(4);
            if (const auto at = line.find("@127.0.0.1:"); at != std::string::npos) {
                port_ = line.substr(at + 11, line.find('/', at) - at - 11);
            }
        }
        if (dir_.empty() || port_.empty())
            return "unexpected pg_cluster.sh output: " + started.text;
        return "";
    }
    bool stop() { return run_shell({script_.string(), "stop", dir_}).exit_code == 0; }
    bool restart() { return run_shell({script_.string(), "start", dir_}).exit_code == 0; }
    void destroy() {
        if (!dir_.empty()) run_shell({script_.string(), "destroy", dir_});
        dir_.clear();
    }

    ShellOutput psql(const std::string& sql, const std::string& db = "postgres") const {
        return run_shell({(kPgBin / "psql").string(), "-h", "127.0.0.1", "-p", port_, "-U",
                          "postgres", "-d", db, "-Atq", "-v", "ON_ERROR_STOP=1", "-c", sql});
    }
    // A new empty database; returns its connection string ("" if it failed).
    std::string new_database(const std::string& name) const {
        if (psql("CREATE DATABASE " + name).exit_code != 0) return "";
        return conninfo(name);
    }
    std::string conninfo(const std::string& db) const {
        return "postgresql://postgres@127.0.0.1:" + port_ + "/" + db;
    }
    const std::string& port() const { return port_; }
    const std::string& dir() const { return dir_; }
    const std::filesystem::path& script() const { return script_; }

private:
    std::filesystem::path script_;
    std::string dir_;
    std::string port_;
};

}  // namespace uketsuke::testing
