#pragma once
// Running a program under test, the real idx above all, as a child process:
// its own folder, a clean environment, stdin from text or a pipe, stdout and
// stderr kept whole or stdout read line by line, optional resource limits or
// another user, and a hang guard. The one way the CLI and reliability tests
// and the stress programs start idx. No gtest here: tests/stress uses it too.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace idx::test {

// Long enough for the slowest run under ASan on a loaded machine: it catches
// a hang, it does not check speed.
inline constexpr int kHangGuardSeconds = 600;

// What to run and how. The child's environment is the parent's without
// IDX_DB, HOME, XDG_* and NO_COLOR, so no idx.yaml or database of the machine
// can leak in; HOME and XDG_CONFIG_HOME/XDG_DATA_HOME point under `home`
// (a folder that does not exist when `home` is empty); `env` is set last.
struct Command {
    std::vector<std::string> argv;  // argv[0] is a path
    std::filesystem::path cwd;      // empty: the caller's
    std::filesystem::path home;
    std::vector<std::pair<std::string, std::string>> env;
    std::optional<std::string> stdin_text;             // the child's whole stdin; else /dev/null or a pipe
    bool pipe_stdin = false;                           // write_stdin() feeds it while the child runs
    bool pipe_stdout = false;                          // read_line() reads it while the child runs
    std::optional<std::uint64_t> file_size_limit;      // RLIMIT_FSIZE in bytes, like `prlimit --fsize`
    std::optional<std::uint64_t> address_space_limit;  // RLIMIT_AS in bytes, like `prlimit --as` (not under ASan)
    std::optional<std::uint64_t> process_limit;        // RLIMIT_NPROC, like `prlimit --nproc`: no new threads past it
    std::optional<uid_t> run_as;                       // drop to this user and group (the caller must be root)
    // A process group of its own: xapian-replicate-server and xapian-tcpsrv
    // end by sending SIGTERM to their whole group, which would take the test with them.
    bool own_process_group = false;
};

// How a child ended and what it wrote.
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

// A child process. Its stdout (unless piped) and stderr go to memory files
// read at wait(); the destructor kills and reaps a child still running.
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
    // the result says hung.
    Exit wait(int hang_guard_seconds = kHangGuardSeconds);

    void write_stdin(std::string_view text);  // pipe_stdin only
    void close_stdin();
    // One line of stdout without its '\n' (pipe_stdout only); nothing at end
    // of output or when no line came within the hang guard.
    std::optional<std::string> read_line(int hang_guard_seconds = kHangGuardSeconds);
    std::string stderr_text() const;  // what it has written to stderr so far

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

// Runs the command to its end.
Exit run(const Command& command, int hang_guard_seconds = kHangGuardSeconds);

// `idx_binary` with `args`.
Command idx_command(const std::string& idx_binary, std::vector<std::string> args);

}  // namespace idx::test
