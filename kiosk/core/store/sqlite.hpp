#pragma once
// Thin RAII over the SQLite C API: one owner per handle, prepared statements
// only, a Transaction that rolls back in its destructor unless committed.
// Errors throw DatabaseError: a broken database is exceptional, not routine.
// Its message names the file; for the failures a person can do something about
// (a damaged file, a folder that cannot be written, a failing or full disk) it
// says what happened and what to do, and problem() tells which it was, for a
// screen that says it in the participants' language.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace uketsuke::sql {

enum class Problem {
    Other,       // a bug, a busy file, a statement SQLite refused: the message has
                 // SQLite's words
    Damaged,     // SQLITE_CORRUPT, SQLITE_NOTADB: ask for a fresh copy
    CannotOpen,  // SQLITE_CANTOPEN, SQLITE_PERM: the file or its folder (-wal,
                 // -shm) is off-limits
    ReadOnly,    // SQLITE_READONLY: nothing can be saved
    DiskError,   // SQLITE_IOERR: the disk failed or went away
    DiskFull,    // SQLITE_FULL (also PRAGMA max_page_count reached)
};
std::string_view to_string(Problem problem);  // "damaged", "cannot-open", ...

class DatabaseError : public std::runtime_error {
public:
    explicit DatabaseError(const std::string& message, Problem problem = Problem::Other)
        : std::runtime_error(message), problem_(problem) {}
    Problem problem() const noexcept { return problem_; }

private:
    Problem problem_;
};

// The kind of an SQLite result code (primary or extended).
[[nodiscard]] Problem problem_of(int result_code);
// "<file> is damaged …; ask the organizer for a fresh copy", and so on for each
// kind; `what` is what was being done and `detail` SQLite's own words, both
// kept for the people who debug it.
[[nodiscard]] std::string describe_problem(Problem problem, std::string_view file,
                                           std::string_view what, std::string_view detail);

// Throws DatabaseError (Damaged) when the file at `path` is shorter than its own header says:
// a copy cut short. SQLite finds that only when it reads a missing page, which may be in the
// middle of the event rather than at the start; this costs one read of 100 bytes.
void check_not_cut_short(const std::string& path);

class Statement;

class Database {
public:
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly };

    // Opens (or creates) a file; ":memory:" works for tests. New files are
    // created 0600.
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void execute(std::string_view sql);  // one or more statements, no parameters
    // Whether the file takes a check-in, changing nothing: throws DatabaseError (ReadOnly,
    // CannotOpen, DiskFull …) when it would not. Writes that need new pages, rolled back, and a
    // look at the disk's free space, since a write rolled back never reaches a full disk.
    void check_writable();
    // Prepared statements are cached by their SQL text: hot paths (a check-in, an
    // import row) then cost no re-parse. The returned Statement resets itself
    // when it goes out of scope; a second live use of the same SQL gets its own
    // statement.
    Statement prepare(std::string_view sql);
    std::int64_t last_insert_id() const;
    int changes() const;
    const std::string& path() const { return path_; }
    sqlite3* handle() const { return db_; }

private:
    struct CachedStatement {
        sqlite3_stmt* statement = nullptr;
        bool in_use = false;
    };
    void finalize_cache() noexcept;

    sqlite3* db_ = nullptr;
    std::string path_;
    std::unordered_map<std::string, CachedStatement> cache_;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binds by 1-based index.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::optional<std::string>& text);
    Statement& bind_blob(int index, const void* data, std::size_t size);
    Statement& bind_null(int index);

    // Binds all values in order starting at 1.
    template <typename... Values>
    Statement& bind_all(const Values&... values) {
        int index = 1;
        (bind(index++, values), ...);
        return *this;
    }

    bool step();   // true while a row is available
    void run();    // steps to completion, for statements without rows
    void reset();  // ready to run again with new bindings

    bool is_null(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::vector<unsigned char> blob(int column) const;

private:
    friend class Database;
    Statement(sqlite3* db, sqlite3_stmt* borrowed, bool* in_use) noexcept
        : db_(db), statement_(borrowed), in_use_(in_use) {}

    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
    bool* in_use_ = nullptr;  // set when borrowed from the Database's cache
};

// Rolls back in its destructor unless commit() was called; never throws from
// the destructor.
class Transaction {
public:
    enum class Kind { Deferred, Immediate };
    explicit Transaction(Database& db, Kind kind = Kind::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool open_ = true;
};

// Raises the page cache for a big transaction and puts the old size back
// afterwards.
class CacheSizeScope {
public:
    CacheSizeScope(Database& db, std::int64_t bytes);
    ~CacheSizeScope();
    CacheSizeScope(const CacheSizeScope&) = delete;
    CacheSizeScope& operator=(const CacheSizeScope&) = delete;

private:
    Database& db_;
    std::int64_t previous_ = 0;
};

}  // namespace uketsuke::sql
