#pragma once
// What the CLI tests share: running the real `idx` (or a helper) as a child
// process with its own folder, environment and pipes, temporary folders, post
// files, and masking of the parts of output that change from run to run.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace idx::cli_test {

namespace fs = std::filesystem;

// Every run gets a clean environment: IDX_DB unset and HOME and the XDG
// folders pointing into the test's own folder, so no idx.yaml or database of
// the machine can leak in.
struct RunOptions {
    fs::path cwd;                                          // empty: the test's folder
    fs::path home;                                         // HOME and XDG_* live under it
    std::vector<std::pair<std::string, std::string>> env;  // set after the clean-up
    std::optional<std::string> stdin_text;                 // nothing: /dev/null
};

struct RunResult {
    int status = -1;  // exit status; 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

// Runs argv[0] (a path) with the arguments and waits for it.
RunResult run(const std::vector<std::string>& argv, const RunOptions& options);

// A child whose stdin and stdout are pipes this side drives line by line;
// stderr is collected into a file and read at the end.
class Child {
public:
    Child(const std::vector<std::string>& argv, const RunOptions& options);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    void write(const std::string& text);
    // One line without its '\n'; nothing at end of output, or when no line
    // came within `timeout_ms` (a guard against hanging, not a speed check).
    std::optional<std::string> read_line(int timeout_ms = 120000);
    void close_stdin();
    bool running();
    int wait();  // exit status, as RunResult::status
    std::string stderr_text() const;

private:
    pid_t m_pid = -1;
    int m_in = -1;
    int m_out = -1;
    fs::path m_err_file;
    std::string m_buffer;
    std::optional<int> m_status;
};

// A test's temporary folder: posts/ for post files, db for the index, and
// home/ for HOME, so no idx.yaml or database of the machine leaks in.
class TempDir : public test::TempDir {
public:
    TempDir() : test::TempDir("idx-cli") { fs::create_directories(path() / "home"); }

    fs::path dir() const { return path(); }
    fs::path posts() const { return path() / "posts"; }
    std::string db() const { return (path() / "db").string(); }
    // Runs in this folder, with its home.
    RunOptions options() const {
        RunOptions o;
        o.cwd = path();
        o.home = path() / "home";
        return o;
    }
};

void write_file(const fs::path& path, const std::string& content);
std::string read_file(const fs::path& path);

// A post with YAML front matter; `front_matter` lines go between the `---`s.
void write_post(const fs::path& path, const std::string& front_matter, const std::string& body);

// Replaces `12.34 s` durations, ISO UTC times and every occurrence of `dir`
// with fixed marks, so outputs can be compared whole.
std::string mask(std::string text, const fs::path& dir = {});

// The lines of `text`, without their '\n'.
std::vector<std::string> lines(const std::string& text);

// Copies a folder tree (regular files and folders).
void copy_tree(const fs::path& from, const fs::path& to);

}  // namespace idx::cli_test
