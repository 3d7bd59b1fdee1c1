// Power cuts, the way SQLite tests itself (its crash tests): kill -9 keeps the page cache, so it
// never tests an fsync. Here check-ins run through CheckinService on an event file opened through
// a recording VFS that wraps the default one and writes a trace of every write, truncate and sync
// of the event file and its -wal, and every -shm map, lock and barrier. Then, for each cut point
// (an index into the trace), the files are rebuilt as a disk would hold them after losing power
// there: what was synced survives; writes not yet synced are dropped, kept, torn (a prefix of the
// write) or kept in part and in any order; the -shm is left as a stale copy or not at all. The
// rebuilt file must open, pass PRAGMA integrity_check, hold every check-in and rejected scan whose
// call had returned (the screen confirmed it) exactly once, and take a check-in again.
//
// One recorded run serves every cut point: the trace is the disk's whole history, so a cut needs
// no re-run. Cut points are seeded and spread over WAL writes, checkpoints (writes and syncs of
// the event file itself), -shm operations, the moment before each sync and the whole trace.
// A longer run: UKETSUKE_POWER_CUTS=5000 build/tests/core_tests --gtest_filter='PowerCut.*'
// (UKETSUKE_POWER_CUT_SEED picks another seed).

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "kiosk/core/checkin/checkin.hpp"
#include "kiosk/core/store/event_store.hpp"
#include "kiosk/core/tickets/ticket.hpp"
#include "support/temp_dir.hpp"

namespace uketsuke {
namespace {

constexpr std::int64_t kNineAm = 1795996800000;  // 2026-11-30 09:00 Asia/Tokyo

// What the files saw, in order.
struct Operation {
    enum class Kind { Write, Truncate, Sync, Delete, ShmMap, ShmLock, ShmBarrier };
    Kind kind = Kind::Write;
    int file = 0;             // index into Trace::names
    std::int64_t offset = 0;  // Write: where; Truncate: the new size
    std::string bytes;        // Write: the data; ShmBarrier: region 0 of the -shm as it was
};

// A scan as the test drove it: its operations are [begin, end) of the trace.
struct Scan {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string participant_id;  // a first check-in; "" for a repeat or a rejected scan
    std::string code;            // what was scanned
    std::string row_id;          // the check-in row the call returned
    bool confirmed = false;      // the call returned CheckedIn or UnknownCode
};

struct Trace {
    std::vector<std::string> names;  // full paths, as SQLite opened them
    std::vector<Operation> operations;
    int file_index(const std::string& name) {
        const auto found = std::find(names.begin(), names.end(), name);
        if (found != names.end()) return static_cast<int>(found - names.begin());
        names.push_back(name);
        return static_cast<int>(names.size()) - 1;
    }
};

// ---- the recording VFS ----------------------------------------------------------------------

struct RecordingFile {
    sqlite3_file base;  // first: SQLite sees this
    Trace* trace;
    int file;
    const char* shm_region;  // region 0 of the -shm, once mapped
    int shm_region_size;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

RecordingFile* recording(sqlite3_file* file) { return reinterpret_cast<RecordingFile*>(file); }

void record(RecordingFile* f, Operation::Kind kind, std::int64_t offset = 0,
            std::string bytes = {}) {
    f->trace->operations.push_back(Operation{kind, f->file, offset, std::move(bytes)});
}

int file_close(sqlite3_file* file) {
    return recording(file)->real()->pMethods->xClose(recording(file)->real());
}
int file_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
    sqlite3_file* real = recording(file)->real();
    return real->pMethods->xRead(real, out, amount, offset);
}
int file_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    RecordingFile* f = recording(file);
    const int rc = f->real()->pMethods->xWrite(f->real(), data, amount, offset);
    if (rc == SQLITE_OK) {
        record(f, Operation::Kind::Write, offset,
               std::string(static_cast<const char*>(data), static_cast<std::size_t>(amount)));
    }
    return rc;
}
int file_truncate(sqlite3_file* file, sqlite3_int64 size) {
    RecordingFile* f = recording(file);
    const int rc = f->real()->pMethods->xTruncate(f->real(), size);
    if (rc == SQLITE_OK) record(f, Operation::Kind::Truncate, size);
    return rc;
}
int file_sync(sqlite3_file* file, int flags) {
    RecordingFile* f = recording(file);
    const int rc = f->real()->pMethods->xSync(f->real(), flags);
    if (rc == SQLITE_OK) record(f, Operation::Kind::Sync);
    return rc;
}
int file_size(sqlite3_file* file, sqlite3_int64* size) {
    return recording(file)->real()->pMethods->xFileSize(recording(file)->real(), size);
}
int file_lock(sqlite3_file* file, int level) {
    return recording(file)->real()->pMethods->xLock(recording(file)->real(), level);
}
int file_unlock(sqlite3_file* file, int level) {
    return recording(file)->real()->pMethods->xUnlock(recording(file)->real(), level);
}
int file_check_reserved(sqlite3_file* file, int* out) {
    return recording(file)->real()->pMethods->xCheckReservedLock(recording(file)->real(), out);
}
int file_control(sqlite3_file* file, int op, void* arg) {
    return recording(file)->real()->pMethods->xFileControl(recording(file)->real(), op, arg);
}
int file_sector_size(sqlite3_file* file) {
    return recording(file)->real()->pMethods->xSectorSize(recording(file)->real());
}
int file_device(sqlite3_file* file) {
    return recording(file)->real()->pMethods->xDeviceCharacteristics(recording(file)->real());
}
int shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
    RecordingFile* f = recording(file);
    const int rc = f->real()->pMethods->xShmMap(f->real(), region, size, extend, out);
    if (rc == SQLITE_OK && *out != nullptr) {
        if (region == 0) {
            f->shm_region = const_cast<const char*>(static_cast<volatile char*>(*out));
            f->shm_region_size = size;
        }
        record(f, Operation::Kind::ShmMap, region);
    }
    return rc;
}
int shm_lock(sqlite3_file* file, int offset, int n, int flags) {
    RecordingFile* f = recording(file);
    const int rc = f->real()->pMethods->xShmLock(f->real(), offset, n, flags);
    if (rc == SQLITE_OK) record(f, Operation::Kind::ShmLock, offset);
    return rc;
}
void shm_barrier(sqlite3_file* file) {
    RecordingFile* f = recording(file);
    f->real()->pMethods->xShmBarrier(f->real());
    // What a stale -shm would hold after a cut here.
    std::string region;
    if (f->shm_region != nullptr) {
        region.assign(f->shm_region, static_cast<std::size_t>(f->shm_region_size));
    }
    record(f, Operation::Kind::ShmBarrier, 0, std::move(region));
}
int shm_unmap(sqlite3_file* file, int delete_flag) {
    RecordingFile* f = recording(file);
    f->shm_region = nullptr;
    return f->real()->pMethods->xShmUnmap(f->real(), delete_flag);
}
int fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
    return recording(file)->real()->pMethods->xFetch(recording(file)->real(), offset, amount, out);
}
int unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
    return recording(file)->real()->pMethods->xUnfetch(recording(file)->real(), offset, page);
}

const sqlite3_io_methods kRecordingMethods = {
    3,           file_close, file_read,   file_write,          file_truncate, file_sync,
    file_size,   file_lock,  file_unlock, file_check_reserved, file_control,  file_sector_size,
    file_device, shm_map,    shm_lock,    shm_barrier,         shm_unmap,     fetch,
    unfetch,
};

// Registered as the default VFS for its lifetime, so EventStore::open goes through it; the
// previous default comes back when it goes.
class RecordingVfs {
public:
    explicit RecordingVfs(Trace& trace) : real_(sqlite3_vfs_find(nullptr)) {
        vfs_ = *real_;
        vfs_.szOsFile = static_cast<int>(sizeof(RecordingFile)) + real_->szOsFile;
        vfs_.zName = "uketsuke-power-cut";
        vfs_.pNext = nullptr;
        vfs_.pAppData = this;
        trace_ = &trace;
        vfs_.xOpen = [](sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags,
                        int* out_flags) {
            auto* self = static_cast<RecordingVfs*>(vfs->pAppData);
            RecordingFile* f = recording(file);
            f->trace = self->trace_;
            f->file = name != nullptr ? self->trace_->file_index(name) : -1;
            f->shm_region = nullptr;
            f->shm_region_size = 0;
            const int rc = self->real_->xOpen(self->real_, name, f->real(), flags, out_flags);
            f->base.pMethods = rc == SQLITE_OK ? &kRecordingMethods : nullptr;
            return rc;
        };
        vfs_.xDelete = [](sqlite3_vfs* vfs, const char* name, int sync_directory) {
            auto* self = static_cast<RecordingVfs*>(vfs->pAppData);
            const int rc = self->real_->xDelete(self->real_, name, sync_directory);
            if (rc == SQLITE_OK) {
                self->trace_->operations.push_back(
                    Operation{Operation::Kind::Delete, self->trace_->file_index(name), 0, {}});
            }
            return rc;
        };
        vfs_.xAccess = [](sqlite3_vfs* vfs, const char* name, int flags, int* out) {
            auto* self = static_cast<RecordingVfs*>(vfs->pAppData);
            return self->real_->xAccess(self->real_, name, flags, out);
        };
        vfs_.xFullPathname = [](sqlite3_vfs* vfs, const char* name, int size, char* out) {
            auto* self = static_cast<RecordingVfs*>(vfs->pAppData);
            return self->real_->xFullPathname(self->real_, name, size, out);
        };
        // The rest (randomness, sleep, time, dlopen, system calls) stays the real VFS's: the
        // unix VFS's take no notice of which sqlite3_vfs they are called through.
        sqlite3_vfs_register(&vfs_, 1);
    }
    ~RecordingVfs() {
        sqlite3_vfs_unregister(&vfs_);
        sqlite3_vfs_register(real_, 1);
    }
    RecordingVfs(const RecordingVfs&) = delete;
    RecordingVfs& operator=(const RecordingVfs&) = delete;

private:
    sqlite3_vfs* real_;
    sqlite3_vfs vfs_{};
    Trace* trace_ = nullptr;
};

// ---- rebuilding the files after a cut -------------------------------------------------------

void apply_write(std::string& image, std::int64_t offset, std::string_view bytes) {
    const auto at = static_cast<std::size_t>(offset);
    if (image.size() < at + bytes.size()) image.resize(at + bytes.size(), '\0');
    std::copy(bytes.begin(), bytes.end(), image.begin() + static_cast<std::ptrdiff_t>(at));
}

void apply(std::string& image, const Operation& op) {
    if (op.kind == Operation::Kind::Write) apply_write(image, op.offset, op.bytes);
    if (op.kind == Operation::Kind::Truncate) image.resize(static_cast<std::size_t>(op.offset));
}

// How the writes not yet synced fare.
enum class Loss { DropAll, KeepAll, TearLast, Scramble };
std::string_view to_string(Loss loss) {
    switch (loss) {
        case Loss::DropAll:
            return "dropped";
        case Loss::KeepAll:
            return "kept";
        case Loss::TearLast:
            return "last torn";
        case Loss::Scramble:
            return "some kept, reordered, torn";
    }
    return "?";
}

struct FileImage {
    bool exists = false;
    std::string synced;
    std::vector<const Operation*> pending;  // writes and truncates since the last sync
};

// The disk as the trace left it at each cut, for cut points visited in increasing order.
class Disk {
public:
    Disk(const Trace& trace, std::map<int, std::string> initial) : trace_(trace) {
        files_.resize(trace.names.size());
        for (auto& [file, bytes] : initial)
            files_[static_cast<std::size_t>(file)] = {true, bytes, {}};
    }

    void advance_to(std::size_t cut) {
        for (; done_ < cut; ++done_) {
            const Operation& op = trace_.operations[done_];
            if (op.file < 0) continue;
            FileImage& image = files_[static_cast<std::size_t>(op.file)];
            switch (op.kind) {
                case Operation::Kind::Write:
                case Operation::Kind::Truncate:
                    image.exists = true;
                    image.pending.push_back(&op);
                    break;
                case Operation::Kind::Sync:
                    for (const Operation* pending : image.pending) apply(image.synced, *pending);
                    image.pending.clear();
                    break;
                case Operation::Kind::Delete:
                    image = FileImage{};
                    break;
                case Operation::Kind::ShmBarrier:
                    if (!op.bytes.empty()) stale_shm_ = &op;
                    break;
                case Operation::Kind::ShmMap:
                case Operation::Kind::ShmLock:
                    break;
            }
        }
    }

    bool has_pending(int file) const {
        return file >= 0 && !files_[static_cast<std::size_t>(file)].pending.empty();
    }

    // Writes the files as they are after losing power now into `dir`, named as the originals.
    void write_after_cut(const std::filesystem::path& dir, Loss loss, bool keep_stale_shm,
                         std::mt19937& random) const {
        for (std::size_t file = 0; file < files_.size(); ++file) {
            const FileImage& image = files_[file];
            const auto name = dir / std::filesystem::path(trace_.names[file]).filename();
            if (!image.exists) continue;
            std::string bytes = image.synced;
            std::vector<const Operation*> pending = image.pending;
            if (loss == Loss::DropAll) pending.clear();
            if (loss == Loss::Scramble) {
                std::shuffle(pending.begin(), pending.end(), random);
                pending.resize(random() % (pending.size() + 1));
            }
            for (std::size_t i = 0; i < pending.size(); ++i) {
                const Operation& op = *pending[i];
                const bool last = i + 1 == pending.size();
                const bool tear = op.kind == Operation::Kind::Write && !op.bytes.empty() &&
                                  ((loss == Loss::TearLast && last) ||
                                   (loss == Loss::Scramble && random() % 4 == 0));
                if (tear) {
                    apply_write(bytes, op.offset,
                                std::string_view(op.bytes).substr(0, random() % op.bytes.size()));
                } else {
                    apply(bytes, op);
                }
            }
            testing::write_file(name, bytes);
        }
        if (keep_stale_shm && stale_shm_ != nullptr) {
            testing::write_file(dir / (std::filesystem::path(
                                           trace_.names[static_cast<std::size_t>(stale_shm_->file)])
                                           .filename()
                                           .string() +
                                       "-shm"),
                                stale_shm_->bytes);
        }
    }

private:
    const Trace& trace_;
    std::vector<FileImage> files_;
    std::size_t done_ = 0;
    const Operation* stale_shm_ = nullptr;
};

// ---- the test --------------------------------------------------------------------------------

std::size_t from_environment(const char* name, std::size_t fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::stoul(value) : fallback;
}

struct Event {
    testing::TempDir dir;
    std::string path = (dir / "event.db").string();
    KeyPair keys = generate_key_pair();
    EventId event_id = random_event_id();
    std::vector<std::string> codes;  // one per participant: signed tickets and imported codes
    int people = 0;

    explicit Event(int count) : people(count) {
        EventStore store = EventStore::create(
            path, EventInfo{to_hex(event_id), "Workshop", "2026-11-30", "Hall", "Asia/Tokyo"});
        store.add_public_key(public_key_to_text(keys.public_key), 0);
        for (int i = 0; i < count; ++i) {
            Participant p;
            p.id = "p" + std::to_string(i);
            p.name = "参加者 " + std::to_string(i);
            p.organization = "青葉市";
            store.upsert_participant(p, i);
            if (i % 3 == 0) {
                codes.push_back("00" + std::to_string(100000 + i));
                store.set_code(codes.back(), p.id, "platform");
            } else {
                codes.push_back(issue_ticket(keys.secret_key, event_id, p.id, 1));
            }
        }
    }  // closed: checkpointed, the -wal gone; what a kiosk starts from
};

// Drives the check-ins through the recording VFS: a new check-in per person, people scanning
// again, and unknown codes, as they come at a door. Returns the scans in order.
// `weakening` runs on the connection after the store configured it: the control test's way of
// breaking durability.
std::vector<Scan> record_checkins(const Event& event, Trace& trace, int checkins,
                                  const std::string& weakening) {
    std::vector<Scan> scans;
    RecordingVfs vfs(trace);
    EventStore store = EventStore::open(event.path);
    // Checkpoints every few check-ins rather than every thousand pages, so cuts fall in them
    // (how often it checkpoints is not what makes a check-in durable).
    store.database().execute("PRAGMA wal_autocheckpoint = 24");
    if (!weakening.empty()) store.database().execute(weakening);
    CheckinService service(store);
    std::mt19937 random(7);
    int next = 0;
    for (int i = 0; next < checkins; ++i) {
        Scan scan;
        const unsigned pick = random() % 10;
        if (pick == 0) {
            scan.code = std::to_string(99000000 + i);  // a ticket number nobody has
        } else if (pick == 1 && next > 0) {
            scan.code = event.codes[random() % static_cast<unsigned>(next)];  // scanning again
        } else {
            scan.participant_id = "p" + std::to_string(next);
            scan.code = event.codes[static_cast<std::size_t>(next++)];
        }
        scan.begin = trace.operations.size();
        const CheckinResult result = service.check_in_code(
            scan.code, CheckinContext{"A", "", CheckinMethod::Camera, kNineAm + i * 1000});
        scan.end = trace.operations.size();
        if (result.outcome == CheckinOutcome::CheckedIn) {
            EXPECT_EQ(result.participant_id, scan.participant_id);
            scan.row_id = result.recorded->id;
            scan.confirmed = true;
        } else if (result.outcome == CheckinOutcome::UnknownCode) {
            scan.confirmed = true;
        } else {
            EXPECT_EQ(result.outcome, CheckinOutcome::AlreadyChecked);
        }
        scans.push_back(std::move(scan));
        // The organizer's CLI or the kiosk's closing checkpoint truncates the -wal: a cut there
        // too.
        if (i % 60 == 59) store.database().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    return scans;
}

// What must hold after a cut at `cut`; "" when it does, else what is wrong.
std::string check_after_cut(const std::string& path, const std::vector<Scan>& scans,
                            std::size_t cut, const std::string& spare_code) {
    try {
        EventStore store = EventStore::open(path);
        {
            auto integrity = store.database().prepare("PRAGMA integrity_check");
            if (!integrity.step() || integrity.text(0) != "ok") {
                return "integrity_check: " + integrity.text(0);
            }
        }
        std::map<std::string, int> rows;  // check-in rows by participant
        std::map<std::string, int> row_ids;
        for (const CheckinRecord& row : store.checkins()) {
            ++rows[row.participant_id];
            ++row_ids[row.id];
        }
        std::map<std::string, int> rejected;
        for (const RejectedScan& scan : store.rejected_scans()) ++rejected[scan.code];
        std::map<std::string, int> allowed;  // confirmed rows, plus the one in flight at the cut
        std::map<std::string, int> allowed_rejected;
        for (const Scan& scan : scans) {
            if (scan.begin >= cut) break;
            const bool returned = scan.end <= cut;
            if (returned && scan.confirmed && !scan.participant_id.empty()) {
                if (row_ids[scan.row_id] != 1) return "confirmed check-in " + scan.row_id + " lost";
                if (rows[scan.participant_id] != 1) {
                    return scan.participant_id + " has " +
                           std::to_string(rows[scan.participant_id]) + " check-in rows";
                }
            }
            if (returned && scan.confirmed && scan.participant_id.empty() &&
                rejected[scan.code] != 1) {
                return "confirmed rejected scan " + scan.code + " lost (there " +
                       std::to_string(rejected[scan.code]) + " times)";
            }
            if (!scan.participant_id.empty()) ++allowed[scan.participant_id];
            if (scan.participant_id.empty() && scan.confirmed) ++allowed_rejected[scan.code];
        }
        for (const auto& [participant, count] : rows) {
            if (count > allowed[participant]) return participant + " checked in but never scanned";
        }
        for (const auto& [code, count] : rejected) {
            if (count > allowed_rejected[code]) return "rejected scan " + code + " never made";
        }
        // The kiosk goes on after the power comes back.
        CheckinService service(store);
        const CheckinResult after = service.check_in_code(
            spare_code, CheckinContext{"A", "", CheckinMethod::Camera, kNineAm + 3'600'000});
        if (after.outcome != CheckinOutcome::CheckedIn) {
            return "a check-in after the cut: " + std::string(to_string(after.outcome));
        }
    } catch (const std::exception& error) {
        return std::string("opening after the cut: ") + error.what();
    }
    return "";
}

struct CutReport {
    std::vector<std::string> failures;  // one line per cut that broke a rule
    std::size_t cuts = 0;
    std::size_t operations = 0;
    int mid_checkpoint = 0;             // cuts with writes to the event file itself pending
    int mid_wal = 0;                    // cuts with writes to the -wal pending
    std::size_t confirmed_checked = 0;  // confirmed scans looked for, over all cuts
};

// Records `checkins` check-ins, then cuts the power at `cut_count` seeded points.
CutReport cut_power(int checkins, std::size_t cut_count, unsigned seed,
                    const std::string& weakening = "") {
    CutReport report;
    Event event(checkins + 1);  // the last one checks in after each cut
    std::map<int, std::string> initial;
    Trace trace;
    initial[trace.file_index(std::filesystem::canonical(event.path).string())] =
        testing::read_file(event.path);
    EXPECT_FALSE(std::filesystem::exists(event.path + "-wal"));
    const std::vector<Scan> scans = record_checkins(event, trace, checkins, weakening);
    EXPECT_EQ(trace.names.size(), 2u) << "the event file and its -wal, nothing else";
    const int main_file = 0;
    const int wal_file = 1;
    EXPECT_NE(trace.names[wal_file].find("-wal"), std::string::npos);

    // Cut points: a fifth each at WAL writes, at writes and syncs of the event file itself
    // (checkpoints), at -shm operations, just before a sync, and anywhere.
    const std::size_t total = trace.operations.size();
    std::vector<std::size_t> wal_writes, checkpoint, shm, before_sync;
    for (std::size_t i = 0; i < total; ++i) {
        const Operation& op = trace.operations[i];
        const bool write =
            op.kind == Operation::Kind::Write || op.kind == Operation::Kind::Truncate;
        if (write && op.file == wal_file) wal_writes.push_back(i);
        if ((write || op.kind == Operation::Kind::Sync) && op.file == main_file)
            checkpoint.push_back(i);
        if (op.kind >= Operation::Kind::ShmMap) shm.push_back(i);
        if (op.kind == Operation::Kind::Sync) before_sync.push_back(i);
    }
    EXPECT_FALSE(wal_writes.empty());
    EXPECT_FALSE(checkpoint.empty());
    EXPECT_FALSE(shm.empty());
    std::mt19937 random(seed);
    std::vector<std::size_t> cuts;
    const std::vector<std::size_t>* kinds[] = {&wal_writes, &checkpoint, &shm, &before_sync};
    for (std::size_t i = 0; i < cut_count; ++i) {
        const std::vector<std::size_t>* from = i % 5 < 4 ? kinds[i % 5] : nullptr;
        if (from == nullptr || from->empty()) {  // anywhere (also a file that never syncs)
            cuts.push_back(random() % (total + 1));
            continue;
        }
        const std::size_t at = (*from)[random() % from->size()];
        // Before or just after it; just before a sync, so that everything since the last is
        // pending.
        cuts.push_back(from == &before_sync ? at : at + random() % 2);
    }
    std::sort(cuts.begin(), cuts.end());

    Disk disk(trace, initial);
    const std::filesystem::path after = event.dir / "after";
    for (std::size_t i = 0; i < cuts.size(); ++i) {
        const std::size_t cut = std::min(cuts[i], total);
        disk.advance_to(cut);
        if (disk.has_pending(main_file)) ++report.mid_checkpoint;
        if (disk.has_pending(wal_file)) ++report.mid_wal;
        const Loss loss = static_cast<Loss>(random() % 4);
        const bool stale_shm = random() % 4 != 0;
        std::filesystem::remove_all(after);
        std::filesystem::create_directory(after);
        disk.write_after_cut(after, loss, stale_shm, random);
        const std::string problem =
            check_after_cut((after / "event.db").string(), scans, cut, event.codes.back());
        if (!problem.empty()) {
            report.failures.push_back("cut " + std::to_string(i) + " at operation " +
                                      std::to_string(cut) + " of " + std::to_string(total) +
                                      ", unsynced writes " + std::string(to_string(loss)) + ": " +
                                      problem);
        }
        for (const Scan& scan : scans)
            report.confirmed_checked += scan.end <= cut && scan.confirmed;
    }
    report.cuts = cuts.size();
    report.operations = total;
    return report;
}

TEST(PowerCut, ConfirmedCheckinsSurviveAndTheFileStaysWhole) {
    const std::size_t cut_count = from_environment("UKETSUKE_POWER_CUTS", 240);
    const auto seed = static_cast<unsigned>(from_environment("UKETSUKE_POWER_CUT_SEED", 14));
    const CutReport report = cut_power(150, cut_count, seed);
    EXPECT_TRUE(report.failures.empty())
        << report.failures.size() << " of " << report.cuts << " cuts failed (seed " << seed
        << "), the first: " << (report.failures.empty() ? "" : report.failures.front());
    // The cuts did land where the trouble is.
    EXPECT_GE(report.cuts, 200u);
    EXPECT_GE(report.mid_checkpoint, static_cast<int>(cut_count / 10));
    EXPECT_GE(report.mid_wal, static_cast<int>(cut_count / 10));
    EXPECT_GT(report.confirmed_checked, cut_count * 20);
    RecordProperty("operations", static_cast<int>(report.operations));
    RecordProperty("cuts_mid_checkpoint", report.mid_checkpoint);
}

// The control: the same cuts on a connection that does not sync each commit (WAL with
// synchronous=NORMAL syncs only at checkpoints) must lose a confirmed check-in somewhere, or the
// test above could not fail.
TEST(PowerCut, ACommitThatIsNotSyncedIsCaught) {
    const CutReport report = cut_power(60, 40, 14, "PRAGMA synchronous = NORMAL");
    ASSERT_FALSE(report.failures.empty());
    EXPECT_NE(report.failures.front().find("lost"), std::string::npos) << report.failures.front();
}

}  // namespace
}  // namespace uketsuke
