#pragma once
// The reliability suite's tools: run the real idx (and xapian-check) as child
// processes, kill them at chosen moments, cap their file size or drop their
// privileges, write generated posts, and read back what an index holds. No
// gtest here: the stress programs under tests/stress use it too.

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "common/records.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::test {

struct Command {
    std::vector<std::string> argv;
    std::string cwd;                                   // empty: the caller's
    std::optional<std::uint64_t> file_size_limit;      // RLIMIT_FSIZE in bytes, like `prlimit --fsize`
    std::optional<std::uint64_t> address_space_limit;  // RLIMIT_AS in bytes, like `prlimit --as` (not under ASan)
    std::optional<std::uint64_t> process_limit;        // RLIMIT_NPROC, like `prlimit --nproc`: no new threads past it
    std::optional<uid_t> run_as;                       // drop to this user and group (the caller must be root)
    std::vector<std::string> env;                      // extra NAME=VALUE entries
    bool pipe_stdin = false;                           // else stdin is /dev/null
    bool pipe_stdout = false;                          // read it line by line while the child runs
};

struct Exit {
    int code = -1;      // exit status; -1 when a signal ended the child
    int signal = 0;     // the signal that ended it; 0 when it exited
    bool hung = false;  // still running at the hang guard: killed
    std::string out;    // empty when pipe_stdout
    std::string err;
    long max_rss_kb = 0;  // peak resident set size of the child

    bool exited(int want) const { return signal == 0 && code == want; }
    std::string describe() const;  // "exit 2", "killed by signal 9", with stderr
};

// A child process. Its stdout and stderr go to memory files read at wait();
// the destructor kills and reaps a child still running.
class Child {
public:
    explicit Child(const Command& command);
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child();

    pid_t pid() const { return m_pid; }
    bool running();  // false once it ended (and then wait() returns at once)
    void kill(int signal);
    // Waits for the end; after `hang_guard_seconds` the child is killed and
    // the result says hung. The guard catches hangs; it is not a speed test.
    Exit wait(int hang_guard_seconds = 600);

    void write_stdin(std::string_view text);  // pipe_stdin only
    void close_stdin();
    std::optional<std::string> read_line();  // pipe_stdout only; nothing at EOF

private:
    bool reap(int options);

    pid_t m_pid = -1;
    int m_out = -1;
    int m_err = -1;
    int m_stdin = -1;
    bool m_pipe_stdout = false;
    bool m_done = false;
    int m_status = 0;
    long m_max_rss_kb = 0;
    std::string m_buffer;  // read_line(): bytes after the last line handed out
};

Exit run(const Command& command, int hang_guard_seconds = 600);

// The idx under test (IDX_BINARY, or $IDX_BINARY when set) with `args`.
Command idx_command(const std::string& idx_binary, std::vector<std::string> args);

void write_file(const std::string& path, std::string_view content);
std::string read_file(const std::string& path);

// A word no generated text contains except the post it names: `zq` and
// letters spelling n, so a search for it must return exactly that post.
std::string marker_word(std::size_t n);

// A small HTML post with front matter (title, date, author, categories,
// tags, permalink) and a few paragraphs of words, holding marker_word(n).
std::string generated_post(std::size_t n, std::mt19937& rng);

// Writes posts first..first+count-1 as `<dir>/YYYY-MM-DD-post-N.html`
// (under a few subfolders) and returns their paths.
std::vector<std::string> write_generated_posts(const std::string& dir, std::size_t first, std::size_t count,
                                               std::uint32_t seed);

// Canonical paths of the post files (by extension) under `root`, sorted.
std::vector<std::string> list_post_files(const std::string& root);

// What the index at `db` holds: one source record per document.
std::vector<SourceRecord> indexed_sources(const std::string& db);

// Empty when the index holds exactly one document per path in `expected`
// and no other, each recording the file's current size and mtime (so none
// is stale); otherwise what is wrong, a few lines at most.
std::string convergence_problems(const std::string& db, const std::vector<std::string>& expected);

// Empty when `xapian-check DB` finds no errors; otherwise its output.
std::string xapian_check_problems(const std::string& db);

// Empty when `idx search --json WORD` exits 0 with valid JSON listing
// `expected_path` (when given); otherwise what went wrong.
std::string search_problems(const std::string& idx_binary, const std::string& db, const std::string& word,
                            const std::string& expected_path = {});

// True when the JSON text parses and every string in it is valid UTF-8.
bool is_valid_json(const std::string& text);

}  // namespace idx::test
