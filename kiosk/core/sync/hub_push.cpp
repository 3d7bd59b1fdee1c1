#include "kiosk/core/sync/hub_push.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "kiosk/core/model/utf8.hpp"

namespace uketsuke::hub {
namespace {

constexpr std::size_t kBatch = 5000;

// A PostgreSQL array literal of text: every element quoted, so any content is safe. A UTF-8
// database refuses the whole batch for one element that is not UTF-8 (or holds NUL), and the
// same rows would be sent again at every sync: a local row of arbitrary bytes (a file written
// before the kiosk cleaned what it stores) goes as utf8::safe_text of itself.
class ArrayLiteral {
public:
    void add(std::string_view raw) {
        const std::string text = utf8::safe_text(raw);
        out_ += out_.empty() ? "{" : ",";
        out_ += '"';
        for (char c : text) {
            if (c == '"' || c == '\\') out_ += '\\';
            out_ += c;
        }
        out_ += '"';
    }
    void add(const std::optional<double>& number) {
        if (!number) {
            out_ += out_.empty() ? "{NULL" : ",NULL";
            return;
        }
        add(std::string_view(fmt::format("{}", *number)));
    }
    std::string take() {
        std::string done = out_.empty() ? "{}" : out_ + "}";
        out_.clear();
        return done;
    }

private:
    std::string out_;
};

// One array per column of the table; $1..$n of its hub_upsert.
class Batch {
public:
    Batch(Connection& conn, const HubTable& table)
        : conn_(conn), table_(table), columns_(table.columns.size()) {}

    // The table's columns of `row`, from `first_column` on, in the spec's order.
    void add(const sql::Statement& row, int first_column) {
        for (std::size_t c = 0; c < columns_.size(); ++c) {
            const int at = first_column + static_cast<int>(c);
            if (table_.columns[c].type == "float8") {
                // As a double, not SQLite's text of it (15 digits): the hub compares values.
                columns_[c].add(row.is_null(at) ? std::optional<double>{}
                                                : std::optional<double>{row.real(at)});
            } else {
                columns_[c].add(row.text(at));
            }
        }
        if (++pending_ >= kBatch) flush();
    }

    std::int64_t finish() {
        flush();
        return affected_;
    }

private:
    void flush() {
        if (pending_ == 0) return;
        std::vector<std::optional<std::string>> params;
        for (auto& column : columns_) params.emplace_back(column.take());
        auto result = conn_.exec(table_.hub_upsert, params);
        affected_ += std::stoll(PQcmdTuples(result.get()));
        pending_ = 0;
    }

    Connection& conn_;
    const HubTable& table_;
    std::vector<ArrayLiteral> columns_;
    std::size_t pending_ = 0;
    std::int64_t affected_ = 0;
};

}  // namespace

std::int64_t push_all(Connection& conn, sql::Database& db, const HubTable& table) {
    Batch batch(conn, table);
    auto query = db.prepare(fmt::format("SELECT {} FROM {}", table.local_select, table.name));
    while (query.step()) batch.add(query, 0);
    return batch.finish();
}

std::int64_t push_log(Connection& conn, sql::Database& db, const HubTable& table,
                      std::int64_t after_rowid, std::int64_t& last_rowid) {
    Batch batch(conn, table);
    auto query = db.prepare(fmt::format("SELECT rowid, {} FROM {} WHERE rowid > ? ORDER BY rowid",
                                        table.local_select, table.name));
    query.bind(1, after_rowid);
    last_rowid = after_rowid;
    while (query.step()) {
        last_rowid = query.integer(0);
        batch.add(query, 1);
    }
    return batch.finish();
}

std::int64_t push_changed(Connection& conn, sql::Database& db, const HubTable& table,
                          const std::string& after_stamp, std::string& last_stamp) {
    const int stamp = static_cast<int>(table.stamp_column());
    Batch batch(conn, table);
    auto query = db.prepare(
        fmt::format("SELECT {} FROM {} WHERE changed_stamp > ?", table.local_select, table.name));
    query.bind(1, after_stamp);
    last_stamp = after_stamp;
    while (query.step()) {
        last_stamp = std::max(last_stamp, query.text(stamp));
        batch.add(query, 0);
    }
    return batch.finish();
}

std::int64_t push_codes_of_changed_people(Connection& conn, sql::Database& db,
                                          const std::string& after_stamp) {
    const HubTable& table = hub_table("codes");
    static const std::string select = fmt::format(
        "SELECT {} FROM codes WHERE participant_id IN (SELECT id FROM participants WHERE "
        "changed_stamp > ?)",
        table.local_select);
    Batch batch(conn, table);
    auto query = db.prepare(select);
    query.bind(1, after_stamp);
    while (query.step()) batch.add(query, 0);
    return batch.finish();
}

}  // namespace uketsuke::hub
