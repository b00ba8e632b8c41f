#include "tests/cli/cli_support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "tests/support/take_line.hpp"

extern char** environ;

namespace idx::cli_test {
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

bool starts_with(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}

std::vector<std::string> child_environment(const RunOptions& options) {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry(*e);
        if (starts_with(entry, "IDX_DB=") || starts_with(entry, "HOME=") || starts_with(entry, "XDG_") ||
            starts_with(entry, "NO_COLOR="))
            continue;
        env.push_back(entry);
    }
    const fs::path home = options.home.empty() ? fs::temp_directory_path() / "idx-cli-no-home" : options.home;
    env.push_back("HOME=" + home.string());
    env.push_back("XDG_CONFIG_HOME=" + (home / ".config").string());
    env.push_back("XDG_DATA_HOME=" + (home / ".local/share").string());
    for (const auto& [name, value] : options.env) env.push_back(name + "=" + value);
    return env;
}

int decode_status(int raw) {
    if (WIFEXITED(raw)) return WEXITSTATUS(raw);
    if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
    return -1;
}

// fork + exec with the given descriptors as stdin, stdout and stderr.
pid_t spawn(const std::vector<std::string>& argv, const RunOptions& options, int in, int out, int err) {
    std::vector<std::string> env = child_environment(options);
    std::vector<char*> env_ptrs;
    for (std::string& e : env) env_ptrs.push_back(e.data());
    env_ptrs.push_back(nullptr);
    std::vector<std::string> args = argv;
    std::vector<char*> arg_ptrs;
    for (std::string& a : args) arg_ptrs.push_back(a.data());
    arg_ptrs.push_back(nullptr);
    const std::string cwd = options.cwd.string();

    const pid_t pid = ::fork();
    if (pid < 0) fail("fork");
    if (pid == 0) {
        // Only async-signal-safe calls from here on.
        if (::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) ::_exit(126);
        for (int fd = 3; fd < 1024; ++fd) ::close(fd);
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
        ::execve(arg_ptrs[0], arg_ptrs.data(), env_ptrs.data());
        ::_exit(127);
    }
    return pid;
}

void make_pipe(int fds[2]) {
    if (::pipe2(fds, O_CLOEXEC) != 0) fail("pipe");
}

}  // namespace

RunResult run(const std::vector<std::string>& argv, const RunOptions& options) {
    ::signal(SIGPIPE, SIG_IGN);  // a child that stops reading must not kill the test
    int out[2], err[2], in[2];
    make_pipe(out);
    make_pipe(err);
    make_pipe(in);
    ::fcntl(in[1], F_SETFL, O_NONBLOCK);
    int child_in = in[0];
    int null_fd = -1;
    if (!options.stdin_text) {
        null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        child_in = null_fd;
    }
    const pid_t pid = spawn(argv, options, child_in, out[1], err[1]);
    ::close(out[1]);
    ::close(err[1]);
    ::close(in[0]);
    if (null_fd >= 0) ::close(null_fd);

    // Feed stdin while draining stdout and stderr, so no pipe fills up.
    const std::string input = options.stdin_text.value_or("");
    std::size_t written = 0;
    int in_fd = in[1];
    if (written == input.size()) {
        ::close(in_fd);
        in_fd = -1;
    }
    RunResult result;
    bool out_open = true, err_open = true;
    while (out_open || err_open) {
        pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {in_fd, POLLOUT, 0}};
        if (!out_open) fds[0].fd = -1;
        if (!err_open) fds[1].fd = -1;
        if (::poll(fds, 3, -1) < 0) {
            if (errno == EINTR) continue;
            fail("poll");
        }
        char buf[65536];
        for (int k = 0; k < 2; ++k) {
            if (fds[k].fd < 0 || fds[k].revents == 0) continue;
            const ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
            if (n > 0)
                (k == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
            else
                (k == 0 ? out_open : err_open) = false;
        }
        if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
            const ssize_t n =
                (fds[2].revents & POLLOUT) != 0 ? ::write(in_fd, input.data() + written, input.size() - written) : -1;
            if (n > 0) written += static_cast<std::size_t>(n);
            const bool retry = n < 0 && (errno == EAGAIN || errno == EINTR);
            if ((n <= 0 && !retry) || written == input.size()) {
                ::close(in_fd);
                in_fd = -1;
            }
        }
    }
    if (in_fd >= 0) ::close(in_fd);
    ::close(out[0]);
    ::close(err[0]);
    int raw = 0;
    while (::waitpid(pid, &raw, 0) < 0 && errno == EINTR) {
    }
    result.status = decode_status(raw);
    return result;
}

Child::Child(const std::vector<std::string>& argv, const RunOptions& options) {
    ::signal(SIGPIPE, SIG_IGN);
    int in[2], out[2];
    make_pipe(in);
    make_pipe(out);
    m_err_file = fs::temp_directory_path() / ("idx-cli-stderr-" + std::to_string(::getpid()) + "-" +
                                              std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    const int err = ::open(m_err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (err < 0) fail("open stderr file");
    m_pid = spawn(argv, options, in[0], out[1], err);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err);
    m_in = in[1];
    m_out = out[0];
}

Child::~Child() {
    close_stdin();
    if (running()) ::kill(m_pid, SIGKILL);
    wait();
    if (m_out >= 0) ::close(m_out);
    std::error_code ec;
    fs::remove(m_err_file, ec);
}

void Child::write(const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(m_in, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("write to child");
        done += static_cast<std::size_t>(n);
    }
}

std::optional<std::string> Child::read_line(int timeout_ms) {
    for (;;) {
        if (std::optional<std::string> line = test::take_line(m_buffer)) return line;
        pollfd fd{m_out, POLLIN, 0};
        const int ready = ::poll(&fd, 1, timeout_ms);
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return std::nullopt;
        char buf[4096];
        const ssize_t n = ::read(m_out, buf, sizeof buf);
        if (n <= 0) return std::nullopt;
        m_buffer.append(buf, static_cast<std::size_t>(n));
    }
}

void Child::close_stdin() {
    if (m_in >= 0) ::close(m_in);
    m_in = -1;
}

bool Child::running() {
    if (m_status) return false;
    int raw = 0;
    const pid_t done = ::waitpid(m_pid, &raw, WNOHANG);
    if (done == m_pid) m_status = decode_status(raw);
    return !m_status;
}

int Child::wait() {
    if (!m_status) {
        int raw = 0;
        while (::waitpid(m_pid, &raw, 0) < 0 && errno == EINTR) {
        }
        m_status = decode_status(raw);
    }
    return *m_status;
}

std::string Child::stderr_text() const {
    return read_file(m_err_file);
}

void write_file(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_post(const fs::path& path, const std::string& front_matter, const std::string& body) {
    write_file(path, "---\n" + front_matter + (front_matter.empty() || front_matter.back() == '\n' ? "" : "\n") +
                         "---\n" + body);
}

std::string mask(std::string text, const fs::path& dir) {
    if (!dir.empty()) {
        const std::string from = dir.string();
        for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
            text.replace(at, from.size(), "$DIR");
    }
    static const std::regex seconds(R"(\b[0-9]+\.[0-9]+ s\b)");
    static const std::regex iso_time(R"(\b[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)");
    text = std::regex_replace(text, seconds, "<t> s");
    return std::regex_replace(text, iso_time, "<time>");
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

void copy_tree(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

}  // namespace idx::cli_test
