#pragma once
// The files of one `uketsuke tickets` run, made durable together. Writing each with its own
// fsync (write_file_atomically) cost 5 fsyncs a person, 10,000 for a 2,000-person event, and on
// a busy disk those were most of the run's wall time. Here each file is written to a temporary
// file beside its name (a random name, O_CREAT | O_EXCL | O_NOFOLLOW, the mode from its first
// byte, as files.hpp does), nothing is renamed until commit(): one syncfs makes every
// temporary durable, then each is renamed over its name and the folder is synced. A power cut
// at any point leaves each name with its old file or the whole new one, and the command says
// it succeeded only after commit(). Temporaries not committed are removed by the destructor.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace uketsuke {

class StagedFiles {
public:
    explicit StagedFiles(std::filesystem::path folder);
    ~StagedFiles();
    StagedFiles(const StagedFiles&) = delete;
    StagedFiles& operator=(const StagedFiles&) = delete;

    // Writes `bytes` for the file `name` in the folder; an error message naming the file, or
    // empty. Nothing is visible under `name` before commit().
    [[nodiscard]] std::string write(const std::string& name, std::string_view bytes,
                                    unsigned mode = 0600);
    // Syncs, renames every staged file over its name, syncs the folder; an error message
    // naming the file (or the folder), or empty. After an error the rest stay unrenamed and
    // are removed.
    [[nodiscard]] std::string commit();
    std::size_t size() const { return staged_.size(); }

private:
    struct Staged {
        std::filesystem::path temporary;
        std::filesystem::path target;
    };
    void remove_staged();

    std::filesystem::path folder_;
    std::vector<Staged> staged_;
};

}  // namespace uketsuke
