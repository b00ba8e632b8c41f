#include "tests/reliability/harness.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "common/schema.hpp"
#include "indexer/post_parser.hpp"
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

// The parent's environment without anything that would point idx at a
// database or configuration other than the one a test names.
std::vector<std::string> child_environment(const std::vector<std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        if (entry.rfind("IDX_DB=", 0) == 0 || entry.rfind("XDG_CONFIG_HOME=", 0) == 0) continue;
        const std::string_view name = entry.substr(0, entry.find('=') + 1);
        if (std::any_of(extra.begin(), extra.end(), [&](const std::string& x) { return x.rfind(name, 0) == 0; }))
            continue;
        env.emplace_back(entry);
    }
    env.emplace_back("XDG_CONFIG_HOME=/nonexistent/idx-reliability-test");
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
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
    // Everything the child needs is made before fork(): after it, the child
    // of a threaded test may only make async-signal-safe calls.
    std::vector<char*> argv;
    for (const std::string& arg : command.argv) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const std::vector<std::string> env_strings = child_environment(command.env);
    std::vector<char*> envp;
    for (const std::string& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
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
    const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);

    m_pid = ::fork();
    if (m_pid < 0) fail("fork");
    if (m_pid == 0) {
        ::dup2(command.pipe_stdin ? in_pipe[0] : null_fd, STDIN_FILENO);
        ::dup2(command.pipe_stdout ? out_pipe[1] : m_out, STDOUT_FILENO);
        ::dup2(m_err, STDERR_FILENO);
        if (!command.cwd.empty() && ::chdir(command.cwd.c_str()) != 0) ::_exit(126);
        if (command.file_size_limit) {
            const rlimit limit{*command.file_size_limit, *command.file_size_limit};
            if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(126);
        }
        if (command.address_space_limit) {
            const rlimit limit{*command.address_space_limit, *command.address_space_limit};
            if (::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(126);
        }
        if (command.process_limit) {
            const rlimit limit{*command.process_limit, *command.process_limit};
            if (::setrlimit(RLIMIT_NPROC, &limit) != 0) ::_exit(126);
        }
        if (command.run_as) {
            if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(*command.run_as) != 0) ::_exit(126);
        }
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    close_fd(in_pipe[0]);
    close_fd(out_pipe[1]);
    if (null_fd >= 0) ::close(null_fd);
    m_stdin = in_pipe[1];
    if (command.pipe_stdout) {
        // Reuse m_out's slot for the pipe: stdout then never reaches the memfd.
        close_fd(m_out);
        m_out = out_pipe[0];
    }
    m_pipe_stdout = command.pipe_stdout;
}

Child::~Child() {
    if (!m_done && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        reap(0);
    }
    close_fd(m_out);
    close_fd(m_err);
    close_fd(m_stdin);
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
    static const bool ignore_sigpipe = [] { return std::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
    (void)ignore_sigpipe;
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

std::optional<std::string> Child::read_line() {
    for (;;) {
        if (std::optional<std::string> line = test::take_line(m_buffer)) return line;
        char chunk[4096];
        const ssize_t n = ::read(m_out, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return std::nullopt;
        m_buffer.append(chunk, static_cast<std::size_t>(n));
    }
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

void write_file(const std::string& path, std::string_view content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string marker_word(std::size_t n) {
    // Consonants other than s and y: no stemmer suffix rule can touch a word
    // without vowels, so every marker stays its own term.
    static constexpr std::string_view kLetters = "bcdfghjkmnpqrtvwxz";
    std::string word = "zq";
    for (int k = 0; k < 4; ++k) {
        word += kLetters[n % kLetters.size()];
        n /= kLetters.size();
    }
    return word;
}

std::string generated_post(std::size_t n, std::mt19937& rng) {
    static constexpr std::string_view kWords[] = {
        "river",   "garden", "market",  "council", "harbour", "festival", "weather", "library",  "bridge",
        "school",  "train",  "museum",  "orchard", "village", "concert",  "storm",   "lantern",  "volunteer",
        "meeting", "budget", "ferry",   "meadow",  "bakery",  "cyclist",  "theatre", "election", "harvest",
        "science", "river",  "evening", "morning", "summer",  "winter",   "island",  "valley",   "quarter"};
    static constexpr std::string_view kAuthors[] = {"Maria Lopez", "Sam Okafor", "Staff Writer",
                                                    "Ada Byrne",   "Li Wei",     "Jonas Berg"};
    static constexpr std::string_view kCategories[] = {"news", "community", "science", "culture", "sport"};
    const auto pick = [&](const auto& list) {
        return list[std::uniform_int_distribution<std::size_t>(0, std::size(list) - 1)(rng)];
    };
    std::ostringstream post;
    post << "---\ntitle: \"Post " << n << ": " << pick(kWords) << " and " << pick(kWords) << "\"\n"
         << "date: " << 2010 + (n / 336) % 10 << "-" << (n / 28) % 12 + 1 << "-" << n % 28 + 1 << " 10:" << n % 60 / 10
         << n % 10 << ":00\n"
         << "author: " << pick(kAuthors) << "\ncategories: [" << pick(kCategories) << ", " << pick(kCategories)
         << "]\ntags: \"" << pick(kWords) << ", " << pick(kWords) << "\"\npermalink: /posts/" << n << "/\n---\n";
    const int paragraphs = std::uniform_int_distribution<int>(3, 6)(rng);
    const int marker_at = std::uniform_int_distribution<int>(0, paragraphs - 1)(rng);
    for (int p = 0; p < paragraphs; ++p) {
        post << "<p>";
        const int words = std::uniform_int_distribution<int>(15, 40)(rng);
        for (int w = 0; w < words; ++w) post << (w ? " " : "") << pick(kWords);
        if (p == marker_at) post << " " << marker_word(n);
        post << ".</p>\n";
    }
    return post.str();
}

std::vector<std::string> write_generated_posts(const std::string& dir, std::size_t first, std::size_t count,
                                               std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<std::string> paths;
    for (std::size_t n = first; n < first + count; ++n) {
        const std::string folder = dir + "/" + static_cast<char>('a' + n % 4);
        fs::create_directories(folder);
        char name[64];
        std::snprintf(name, sizeof name, "%04zu-%02zu-%02zu-post-%zu.html", 2010 + (n / 336) % 10, (n / 28) % 12 + 1,
                      n % 28 + 1, n);
        paths.push_back(folder + "/" + name);
        write_file(paths.back(), generated_post(n, rng));
    }
    return paths;
}

std::vector<std::string> list_post_files(const std::string& root) {
    std::vector<std::string> out;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        const std::string name = it->path().filename().string();
        if (name.front() == '.') {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && !it->is_symlink() && indexer::is_post_extension(name))
            out.push_back(fs::canonical(it->path()).string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<SourceRecord> indexed_sources(const std::string& db_path) {
    const Xapian::Database db(db_path);
    std::vector<SourceRecord> out;
    for (auto it = db.valuestream_begin(schema::slot::source); it != db.valuestream_end(schema::slot::source); ++it) {
        auto source = decode_source(*it);
        out.push_back(source ? std::move(*source) : SourceRecord{"(undecodable source value)", 0, 0, {}});
    }
    return out;
}

std::string convergence_problems(const std::string& db_path, const std::vector<std::string>& expected) {
    std::vector<std::string> problems;
    std::size_t documents = 0;
    std::vector<SourceRecord> sources;
    try {
        documents = Xapian::Database(db_path).get_doccount();
        sources = indexed_sources(db_path);
    } catch (const Xapian::Error& e) {
        return "cannot read the index: " + e.get_description();
    }
    if (documents != expected.size())
        problems.push_back(std::to_string(documents) + " documents for " + std::to_string(expected.size()) +
                           " post files");
    if (sources.size() != documents)
        problems.push_back(std::to_string(documents - sources.size()) + " documents have no source value");
    std::map<std::string, const SourceRecord*> by_path;
    for (const SourceRecord& source : sources) {
        if (!by_path.emplace(source.path, &source).second) problems.push_back(source.path + " is indexed twice");
    }
    for (const std::string& path : expected) {
        const auto it = by_path.find(path);
        if (it == by_path.end()) {
            problems.push_back(path + " is not indexed");
            continue;
        }
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            problems.push_back(path + " is expected but gone from disk");
        } else if (it->second->size != static_cast<std::uint64_t>(st.st_size) ||
                   it->second->mtime_ns != st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec) {
            problems.push_back(path + " is indexed with an older size or mtime");
        }
        by_path.erase(it);
    }
    for (const auto& [path, source] : by_path) problems.push_back(path + " is indexed but not expected");
    if (problems.empty()) return {};
    std::string out = std::to_string(problems.size()) + " problems:";
    for (std::size_t i = 0; i < problems.size() && i < 6; ++i) out += "\n  " + problems[i];
    return out;
}

std::string xapian_check_problems(const std::string& db) {
    Command command;
    command.argv = {"/usr/bin/xapian-check", db};
    const Exit check = run(command);
    if (check.exited(0) && check.out.find("No errors found") != std::string::npos) return {};
    return "xapian-check " + db + ": " + check.describe() + "\n" + check.out.substr(0, 4000);
}

std::string search_problems(const std::string& idx_binary, const std::string& db, const std::string& word,
                            const std::string& expected_path) {
    const Exit search = run(idx_command(idx_binary, {"search", "--db", db, "--json", "--", word}));
    if (!search.exited(0)) return "idx search " + word + ": " + search.describe();
    if (!is_valid_json(search.out)) return "idx search " + word + ": not valid JSON: " + search.out.substr(0, 500);
    if (expected_path.empty()) return {};
    const nlohmann::json answer = nlohmann::json::parse(search.out);
    for (const nlohmann::json& hit : answer["results"]) {
        if (hit["path"] == expected_path) return {};
    }
    return "idx search " + word + " does not list " + expected_path + ": " + search.out.substr(0, 500);
}

bool is_valid_json(const std::string& text) {
    return nlohmann::json::accept(text);  // false for ill-formed UTF-8 in strings, too
}

}  // namespace idx::test
