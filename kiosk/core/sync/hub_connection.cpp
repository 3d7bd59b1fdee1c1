#include "kiosk/core/sync/hub_connection.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke {
namespace hub {
namespace {

// libpq's messages end in a newline.
std::string trimmed(const char* message) { return std::string(utf8::trim_ascii(message)); }

}  // namespace

Connection::Connection(const std::string& conninfo) : where_(redact_conninfo(conninfo)) {
    // A hub that does not answer must not freeze a kiosk's sync: 5 s to connect, and TCP
    // keepalives plus a 20 s user timeout so a pulled cable mid-query is noticed instead of
    // waited on forever; the string may override any of them (keywords after the expanded
    // dbname win, so ours go first).
    const std::array<const char*, 7> keys{"connect_timeout",
                                          "keepalives_idle",
                                          "keepalives_interval",
                                          "keepalives_count",
                                          "tcp_user_timeout",
                                          "dbname",
                                          nullptr};
    const std::array<const char*, 7> values{"5",    "10", "5", "3", "20000", conninfo.c_str(),
                                            nullptr};
    conn_.reset(PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1));
    if (!conn_) throw HubFailure(HubErrorKind::Unreachable, "out of memory connecting to the hub");
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
        throw HubFailure(HubErrorKind::Unreachable,
                         fmt::format("cannot connect to the hub at {}: {}", where_,
                                     trimmed(PQerrorMessage(conn_.get()))));
    }
    PQsetNoticeProcessor(
        conn_.get(), [](void*, const char*) {}, nullptr);
    exec("SET client_min_messages = warning");
}

ResultPtr Connection::exec(const std::string& sql,
                           const std::vector<std::optional<std::string>>& params) {
    std::vector<const char*> raw;
    raw.reserve(params.size());
    for (const auto& p : params) raw.push_back(p ? p->c_str() : nullptr);
    const auto ok = [](const ResultPtr& result) {
        const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    };
    ResultPtr result;
    if (keep_prepared_) {
        auto found = prepared_.find(sql);
        if (found == prepared_.end()) {
            const std::string name = fmt::format("uketsuke_{}", prepared_.size() + 1);
            ResultPtr made(PQprepare(conn_.get(), name.c_str(), sql.c_str(),
                                     static_cast<int>(raw.size()), nullptr));
            if (!ok(made)) fail(made.get());
            found = prepared_.emplace(sql, name).first;
        }
        result.reset(PQexecPrepared(conn_.get(), found->second.c_str(),
                                    static_cast<int>(raw.size()),
                                    raw.empty() ? nullptr : raw.data(), nullptr, nullptr, 0));
    } else {
        result.reset(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(raw.size()), nullptr,
                                  raw.empty() ? nullptr : raw.data(), nullptr, nullptr, 0));
    }
    if (!ok(result)) fail(result.get());
    return result;
}

void Connection::fail(const PGresult* result) const {
    const bool lost = PQstatus(conn_.get()) != CONNECTION_OK;
    const std::string detail =
        trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_.get()));
    throw HubFailure(lost ? HubErrorKind::Unreachable : HubErrorKind::Failed,
                     lost ? fmt::format("lost the connection to the hub at {}: {}", where_, detail)
                          : fmt::format("the hub at {} refused a query: {}", where_, detail));
}

std::string value(const ResultPtr& result, int row, int column) {
    return PQgetvalue(result.get(), row, column);
}
bool is_null(const ResultPtr& result, int row, int column) {
    return PQgetisnull(result.get(), row, column) != 0;
}
std::int64_t integer(const ResultPtr& result, int row, int column) {
    return std::stoll(value(result, row, column));
}
int rows(const ResultPtr& result) { return PQntuples(result.get()); }

}  // namespace hub

std::string redact_conninfo(const std::string& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (error) PQfreemem(error);  // may quote the string itself: not shown
    if (!options) return "(unreadable connection string)";
    std::string out;
    for (const PQconninfoOption* option = options; option->keyword; ++option) {
        if (!option->val || !*option->val) continue;
        const std::string_view keyword = option->keyword;
        if (keyword == "password" || keyword == "sslpassword") continue;
        std::string quoted;
        for (const char* c = option->val; *c; ++c) {
            if (*c == '\'' || *c == '\\') quoted += '\\';
            quoted += *c;
        }
        const bool plain = !quoted.empty() && quoted.find_first_of(" '\\") == std::string::npos;
        out += fmt::format("{}{}={}", out.empty() ? "" : " ", keyword,
                           plain ? quoted : "'" + quoted + "'");
    }
    PQconninfoFree(options);
    return out.empty() ? "(default connection)" : out;
}

}  // namespace uketsuke
