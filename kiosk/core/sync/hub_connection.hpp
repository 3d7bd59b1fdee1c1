#pragma once
// One connection to the hub, owned: libpq's handle and results under RAII, parameterized
// queries only, timeouts and TCP keepalives so a hub that stops answering cannot hang a
// sync, and errors that name the hub without its password. Internal to kiosk/core/sync.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "kiosk/core/sync/hub.hpp"

namespace uketsuke::hub {

struct ConnCloser {
    void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
struct ResultClearer {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;
using ResultPtr = std::unique_ptr<PGresult, ResultClearer>;

// Thrown inside kiosk/core/sync only; every public hub function turns it into a HubError.
struct HubFailure : std::runtime_error {
    HubFailure(HubErrorKind failure_kind, const std::string& message)
        : std::runtime_error(message), kind(failure_kind) {}
    HubErrorKind kind;
};

class Connection {
public:
    // Connects or throws HubFailure (Unreachable).
    explicit Connection(const std::string& conninfo);

    // Parameterized only; values travel as text (nullopt is NULL).
    ResultPtr exec(const std::string& sql,
                   const std::vector<std::optional<std::string>>& params = {});
    // From now on each statement is prepared on its first use and run as prepared after: worth
    // it on a connection held for many syncs (the hub then parses and plans it once), not on
    // one used for a single sync (preparing costs a round trip of its own).
    void keep_prepared() { keep_prepared_ = true; }

    // The hub's address without its password, for messages.
    const std::string& where() const { return where_; }

private:
    [[noreturn]] void fail(const PGresult* result) const;

    std::string where_;
    ConnPtr conn_;
    bool keep_prepared_ = false;
    std::unordered_map<std::string, std::string> prepared_;  // SQL → statement name
};

std::string value(const ResultPtr& result, int row, int column);
bool is_null(const ResultPtr& result, int row, int column);
std::int64_t integer(const ResultPtr& result, int row, int column);
int rows(const ResultPtr& result);

}  // namespace uketsuke::hub
