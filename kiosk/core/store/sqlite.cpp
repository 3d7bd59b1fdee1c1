#include "kiosk/core/store/sqlite.hpp"

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

namespace uketsuke::sql {
namespace {

// The file a connection is on, as SQLite resolved it.
std::string file_of(sqlite3* db) {
    const char* name = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
    return name != nullptr && *name != '\0' ? std::string(name) : "an in-memory database";
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    // SQLite's message first: anything below may overwrite it.
    const std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    const Problem problem = problem_of(rc);
    throw DatabaseError(describe_problem(problem, file_of(db), what, detail), problem);
}

}  // namespace

std::string_view to_string(Problem problem) {
    switch (problem) {
        case Problem::Other:
            return "other";
        case Problem::Damaged:
            return "damaged";
        case Problem::CannotOpen:
            return "cannot-open";
        case Problem::ReadOnly:
            return "read-only";
        case Problem::DiskError:
            return "disk-error";
        case Problem::DiskFull:
            return "disk-full";
    }
    return "other";
}

Problem problem_of(int result_code) {
    switch (result_code & 0xFF) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return Problem::Damaged;
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
            return Problem::CannotOpen;
        case SQLITE_READONLY:
            return Problem::ReadOnly;
        case SQLITE_IOERR:
            return Problem::DiskError;
        case SQLITE_FULL:
            return Problem::DiskFull;
        default:
            return Problem::Other;
    }
}

std::string describe_problem(Problem problem, std::string_view file, std::string_view what,
                             std::string_view detail) {
    const std::string sqlite_said = std::string(what) + ": " + std::string(detail);
    const std::string f(file);
    switch (problem) {
        case Problem::Damaged:
            return f + " is damaged or is not an SQLite database (" + sqlite_said +
                   "). Ask the organizer for a fresh copy of the event file.";
        case Problem::CannotOpen:
            return "cannot open " + f + " (" + sqlite_said +
                   "): the file or its folder cannot be read and written by this user "
                   "(SQLite "
                   "also creates " +
                   f + "-wal and " + f +
                   "-shm beside it). Make both writable, or copy the file to a folder "
                   "that is.";
        case Problem::ReadOnly:
            return f + " is read-only (" + sqlite_said +
                   "): nothing can be saved to it. Make the file and its folder "
                   "writable for "
                   "this user (SQLite also writes " +
                   f + "-wal and " + f + "-shm beside it).";
        case Problem::DiskError:
            return "reading or writing " + f + " failed (" + sqlite_said +
                   "): the disk or USB stick may be failing or was removed. Check it, "
                   "or copy "
                   "the file to another disk.";
        case Problem::DiskFull:
            return "the disk holding " + f + " is full (" + sqlite_said +
                   "): nothing more was saved. Free some space and try again.";
        case Problem::Other:
            break;
    }
    return sqlite_said + " (" + f + ")";
}

void check_not_cut_short(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char header[100] = {};
    if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return;  // SQLite will say
    if (std::memcmp(header, "SQLite format 3", 16) != 0) return;
    const auto big_endian = [&](int at) {
        return (std::uint32_t{header[at]} << 24) | (std::uint32_t{header[at + 1]} << 16) |
               (std::uint32_t{header[at + 2]} << 8) | std::uint32_t{header[at + 3]};
    };
    const std::uint32_t page_field = (std::uint32_t{header[16]} << 8) | header[17];
    const std::uint64_t page_size = page_field == 1 ? 65536 : page_field;
    const std::uint32_t pages = big_endian(28);
    // The header's page count holds only when the change counter matches "version valid for".
    if (pages == 0 || page_size < 512 || big_endian(24) != big_endian(92)) return;
    std::error_code error;
    const std::uint64_t size = std::filesystem::file_size(path, error);
    if (error || size >= pages * page_size) return;
    throw DatabaseError(
        describe_problem(Problem::Damaged, path, "checking its size",
                         "cut short: its header counts " + std::to_string(pages) + " pages of " +
                             std::to_string(page_size) + " bytes, the file has " +
                             std::to_string(size) + " bytes"),
        Problem::Damaged);
}

Database::Database(const std::string& path, Mode mode) : path_(path) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
        case Mode::ReadWrite:
            flags |= SQLITE_OPEN_READWRITE;
            break;
        case Mode::ReadWriteCreate:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
            break;
        case Mode::ReadOnly:
            flags |= SQLITE_OPEN_READONLY;
            break;
    }
    const bool in_memory = path == ":memory:" || path.empty();
    const bool creating =
        mode == Mode::ReadWriteCreate && !in_memory && !std::filesystem::exists(path);
    // SQLite creates files with the process umask; personal data must be 0600
    // from the first byte.
    mode_t old_mask = 0;
    if (creating) old_mask = umask(077);
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (creating) umask(old_mask);
    if (rc != SQLITE_OK) {
        const std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        const Problem problem = problem_of(rc);
        throw DatabaseError(describe_problem(problem, path, "cannot open database", detail),
                            problem);
    }
    sqlite3_extended_result_codes(db_, 1);
}

void Database::finalize_cache() noexcept {
    for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.statement);
    cache_.clear();
}

Database::~Database() {
    finalize_cache();
    if (db_ != nullptr) sqlite3_close_v2(db_);
}

// unordered_map keeps its nodes on move, so borrowed statements stay valid.
Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      cache_(std::move(other.cache_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        finalize_cache();
        if (db_ != nullptr) sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
        cache_ = std::move(other.cache_);
    }
    return *this;
}

void Database::execute(std::string_view sql) {
    std::string owned(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        const std::string detail = error != nullptr ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        const Problem problem = problem_of(rc);
        throw DatabaseError(describe_problem(problem, file_of(db_), "SQL failed", detail), problem);
    }
}

void Database::check_writable() {
    // Less than this and a check-in with its WAL frames may not fit.
    constexpr std::uint64_t kRoomNeeded = 256 * 1024;
    if (path_ != ":memory:" && !path_.empty()) {
        struct statvfs disk {};
        const std::string folder = std::filesystem::absolute(path_).parent_path().string();
        if (statvfs(folder.c_str(), &disk) == 0) {
            // Root may write into the blocks the file system keeps back for it.
            const std::uint64_t blocks = geteuid() == 0 ? disk.f_bfree : disk.f_bavail;
            const std::uint64_t room = blocks * disk.f_frsize;
            if (room < kRoomNeeded) {
                throw DatabaseError(
                    describe_problem(Problem::DiskFull, file_of(db_), "checking free space",
                                     std::to_string(room) + " bytes free"),
                    Problem::DiskFull);
            }
        }
    }
    Transaction probe(*this);
    // Sixteen pages of 4 KiB: a file at its page limit (or quota) refuses them as it would a
    // check-in that needs a new page.
    execute(
        "CREATE TABLE uketsuke_write_check (x BLOB); "
        "INSERT INTO uketsuke_write_check VALUES (zeroblob(65536))");
}  // rolled back: nothing changed

Statement Database::prepare(std::string_view sql) {
    auto [entry, inserted] = cache_.try_emplace(std::string(sql));
    if (entry->second.in_use) return Statement(db_, sql);
    if (inserted) {
        try {
            Statement fresh(db_, sql);
            entry->second.statement = std::exchange(fresh.statement_, nullptr);
        } catch (...) {
            cache_.erase(entry);
            throw;
        }
    }
    entry->second.in_use = true;
    return Statement(db_, entry->second.statement, &entry->second.in_use);
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const { return sqlite3_changes(db_); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc =
        sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, "cannot prepare statement");
}

Statement::~Statement() {
    if (statement_ == nullptr) return;
    if (in_use_ != nullptr) {
        // Back to the cache: a reset statement holds no read snapshot open.
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
        *in_use_ = false;
    } else {
        sqlite3_finalize(statement_);
    }
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      statement_(std::exchange(other.statement_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)) {}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK)
        fail(db_, sqlite3_errcode(db_), "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK)
        fail(db_, sqlite3_errcode(db_), "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8) != SQLITE_OK) {
        fail(db_, sqlite3_errcode(db_), "bind");
    }
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind_blob(int index, const void* data, std::size_t size) {
    if (sqlite3_bind_blob64(statement_, index, data, size, SQLITE_TRANSIENT) != SQLITE_OK) {
        fail(db_, sqlite3_errcode(db_), "bind");
    }
    return *this;
}

Statement& Statement::bind_null(int index) {
    if (sqlite3_bind_null(statement_, index) != SQLITE_OK) fail(db_, sqlite3_errcode(db_), "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, "statement failed");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(statement_, column);
}

double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

std::string Statement::text(int column) const {
    const auto* data = sqlite3_column_text(statement_, column);
    if (data == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(data),
                       static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::vector<unsigned char> Statement::blob(int column) const {
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(statement_, column));
    const int size = sqlite3_column_bytes(statement_, column);
    if (data == nullptr || size <= 0) return {};
    return std::vector<unsigned char>(data, data + size);
}

Transaction::Transaction(Database& db, Kind kind) : db_(db) {
    db_.execute(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.execute("COMMIT");
    open_ = false;
}

CacheSizeScope::CacheSizeScope(Database& db, std::int64_t bytes) : db_(db) {
    auto query = db_.prepare("PRAGMA cache_size");
    if (query.step()) previous_ = query.integer(0);
    // A negative cache_size is in KiB.
    db_.execute("PRAGMA cache_size = " + std::to_string(-(bytes / 1024)));
}

CacheSizeScope::~CacheSizeScope() {
    const std::string restore = "PRAGMA cache_size = " + std::to_string(previous_);
    sqlite3_exec(db_.handle(), restore.c_str(), nullptr, nullptr, nullptr);
}

}  // namespace uketsuke::sql
