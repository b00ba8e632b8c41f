#include "tests/support/child_process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "tests/support/take_line.hpp"

extern char** environ;

namespace idx::test {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

std::string read_all(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return {};
    std::string out(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = ::pread(fd, out.data() + got, out.size() - got, static_cast<off_t>(got));
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// The parent's environment without anything that would point idx at a
// database, configuration or colours other than the ones a test names.
std::vector<std::string> child_environment(const Command& command) {
    const fs::path home = command.home.empty() ? fs::path("/nonexistent/idx-test-home") : command.home;
    std::vector<std::pair<std::string, std::string>> set = {{"HOME", home.string()},
                                                            {"XDG_CONFIG_HOME", (home / ".config").string()},
                                                            {"XDG_DATA_HOME", (home / ".local/share").string()}};
    set.insert(set.end(), command.env.begin(), command.env.end());
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        const std::string_view name = entry.substr(0, entry.find('='));
        if (name == "IDX_DB" || name == "HOME" || name == "NO_COLOR" || starts_with(name, "XDG_")) continue;
        if (std::any_of(set.begin(), set.end(), [&](const auto& s) { return s.first == name; })) continue;
        env.emplace_back(entry);
    }
    for (const auto& [name, value] : set) env.push_back(name + "=" + value);
    return env;
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// A memory file holding `text`, positioned at its start: a child's whole stdin.
int text_file(const std::string& text) {
    const int fd = ::memfd_create("idx-test-stdin", MFD_CLOEXEC);
    if (fd < 0) fail("memfd_create");
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("write the child's stdin");
        done += static_cast<std::size_t>(n);
    }
    ::lseek(fd, 0, SEEK_SET);
    return fd;
}

void set_limit(int resource, const std::optional<std::uint64_t>& value) {
    if (!value) return;
    const rlimit limit{*value, *value};
    if (::setrlimit(resource, &limit) != 0) ::_exit(126);
}

}  // namespace

std::string Exit::describe() const {
    std::string text = hung          ? "hung (killed by the hang guard)"
                       : signal != 0 ? "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")"
                                     : "exit " + std::to_string(code);
    if (!err.empty()) text += "; stderr: " + err.substr(0, 2000);
    return text;
}

Child::Child(const Command& command) {
    if (command.argv.empty()) throw std::invalid_argument("Child: no command");
    // A child that stops reading must not kill the test with SIGPIPE.
    static const bool ignore_sigpipe = [] { return std::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
    (void)ignore_sigpipe;
    // Everything the child needs is made before fork(): after it, the child
    // of a threaded test may only make async-signal-safe calls.
    std::vector<char*> argv;
    for (const std::string& arg : command.argv) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const std::vector<std::string> env_strings = child_environment(command);
    std::vector<char*> envp;
    for (const std::string& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    const std::string cwd = command.cwd.string();
    gid_t gid = 0;
    if (command.run_as) {
        const passwd* pw = ::getpwuid(*command.run_as);
        gid = pw ? pw->pw_gid : static_cast<gid_t>(*command.run_as);
    }

    m_out = ::memfd_create("idx-test-stdout", MFD_CLOEXEC);
    m_err = ::memfd_create("idx-test-stderr", MFD_CLOEXEC);
    if (m_out < 0 || m_err < 0) fail("memfd_create");
    int in_pipe[2] = {-1, -1};
    int out_pipe[2] = {-1, -1};
    if (command.pipe_stdin && ::pipe2(in_pipe, O_CLOEXEC) != 0) fail("pipe2");
    if (command.pipe_stdout && ::pipe2(out_pipe, O_CLOEXEC) != 0) fail("pipe2");
    int in_fd = in_pipe[0];
    if (!command.pipe_stdin)
        in_fd = command.stdin_text ? text_file(*command.stdin_text) : ::open("/dev/null", O_RDONLY | O_CLOEXEC);

    m_pid = ::fork();
    if (m_pid < 0) fail("fork");
    if (m_pid == 0) {
        if (::dup2(in_fd, STDIN_FILENO) < 0 || ::dup2(command.pipe_stdout ? out_pipe[1] : m_out, STDOUT_FILENO) < 0 ||
            ::dup2(m_err, STDERR_FILENO) < 0)
            ::_exit(126);
        for (int fd = 3; fd < 1024; ++fd) ::close(fd);  // nothing of another thread's leaks in
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
        if (command.own_process_group && ::setpgid(0, 0) != 0) ::_exit(126);
        set_limit(RLIMIT_FSIZE, command.file_size_limit);
        set_limit(RLIMIT_AS, command.address_space_limit);
        set_limit(RLIMIT_NPROC, command.process_limit);
        if (command.run_as) {
            if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(*command.run_as) != 0) ::_exit(126);
        }
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    if (command.pipe_stdin)
        close_fd(in_pipe[0]);
    else
        close_fd(in_fd);
    close_fd(out_pipe[1]);
    m_stdin = in_pipe[1];
    if (command.pipe_stdout) {
        // Reuse m_out's slot for the pipe: stdout then never reaches the memfd.
        close_fd(m_out);
        m_out = out_pipe[0];
    }
    m_pipe_stdout = command.pipe_stdout;
}

Child::~Child() {
    close_fd(m_stdin);
    if (!m_done && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        reap(0);
    }
    close_fd(m_out);
    close_fd(m_err);
}

bool Child::reap(int options) {
    if (m_done) return true;
    int status = 0;
    rusage usage{};
    pid_t got = 0;
    do {
        got = ::wait4(m_pid, &status, options, &usage);
    } while (got < 0 && errno == EINTR);
    if (got != m_pid) return false;
    m_done = true;
    m_status = status;
    m_max_rss_kb = usage.ru_maxrss;
    return true;
}

bool Child::running() {
    return !reap(WNOHANG);
}

void Child::kill(int signal) {
    if (!m_done) ::kill(m_pid, signal);
}

Exit Child::wait(int hang_guard_seconds) {
    Exit exit;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(hang_guard_seconds);
    while (!reap(WNOHANG)) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(m_pid, SIGKILL);
            reap(0);
            exit.hung = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (WIFEXITED(m_status)) exit.code = WEXITSTATUS(m_status);
    if (WIFSIGNALED(m_status)) exit.signal = WTERMSIG(m_status);
    if (!m_pipe_stdout) exit.out = read_all(m_out);
    exit.err = read_all(m_err);
    exit.max_rss_kb = m_max_rss_kb;
    return exit;
}

void Child::write_stdin(std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(m_stdin, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("write to the child's stdin");
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

void Child::close_stdin() {
    close_fd(m_stdin);
}

std::optional<std::string> Child::read_line(int hang_guard_seconds) {
    for (;;) {
        if (std::optional<std::string> line = take_line(m_buffer)) return line;
        pollfd ready{m_out, POLLIN, 0};
        const int polled = ::poll(&ready, 1, hang_guard_seconds * 1000);
        if (polled < 0 && errno == EINTR) continue;
        if (polled <= 0) return std::nullopt;
        char chunk[4096];
        const ssize_t n = ::read(m_out, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return std::nullopt;
        m_buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

std::string Child::stderr_text() const {
    return read_all(m_err);
}

Exit run(const Command& command, int hang_guard_seconds) {
    Child child(command);
    return child.wait(hang_guard_seconds);
}

Command idx_command(const std::string& idx_binary, std::vector<std::string> args) {
    Command command;
    command.argv.push_back(idx_binary);
    command.argv.insert(command.argv.end(), args.begin(), args.end());
    return command;
}

}  // namespace idx::test
