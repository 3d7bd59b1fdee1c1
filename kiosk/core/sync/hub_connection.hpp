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

    // The hub's address without its password, for messages.
    const std::string& where() const { return where_; }

private:
    std::string where_;
    ConnPtr conn_;
};

std::string value(const ResultPtr& result, int row, int column);
bool is_null(const ResultPtr& result, int row, int column);
std::int64_t integer(const ResultPtr& result, int row, int column);
int rows(const ResultPtr& result);

}  // namespace uketsuke::hub
