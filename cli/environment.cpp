#include "cli/environment.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/error.hpp"

namespace idx::cli {
namespace {

std::string home() {
    const char* h = std::getenv("HOME");
    return h && *h ? h : ".";
}

std::string xdg_dir(const char* variable, const char* fallback_under_home) {
    const char* v = std::getenv(variable);
    if (v && *v == '/') return v;
    return home() + "/" + fallback_under_home;
}

std::string expand_home(const std::string& path) {
    if (path == "~" || path.rfind("~/", 0) == 0) return home() + path.substr(1);
    return path;
}

// The file's text; nothing when there is no file at `path`. A folder, or a
// file that exists but cannot be read, is an error: silently running with the
// defaults would index with the wrong settings into the wrong database.
std::optional<std::string> read_config_text(const std::string& path, bool must_exist) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT && !must_exist) return std::nullopt;
        throw Error("cannot read the configuration file " + path + ": " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) throw Error("the configuration file " + path + " is a folder; give a YAML file");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad()) throw Error("cannot read the configuration file " + path);
    return text.str();
}

// A db: from ./idx.yaml must stay inside the current folder: no `..` out of
// it, and, `~` expanded and links resolved, still under it.
std::string confined_database(const std::string& db) {
    const auto refuse = [&] {
        return Error("./idx.yaml names the database " + db +
                     ", outside the current folder: a configuration found in the current folder may only name a "
                     "database inside it (use --db, $IDX_DB, or --config idx.yaml to trust it)");
    };
    namespace fs = std::filesystem;
    const fs::path path(expand_home(db));
    const fs::path normal = path.lexically_normal();
    if (!normal.empty() && *normal.begin() == "..") throw refuse();
    std::error_code ec;
    const fs::path here = fs::canonical(fs::current_path(ec), ec);
    const fs::path resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
    if (ec) throw refuse();
    const fs::path relative = resolved.lexically_relative(here);
    if (relative.empty() || *relative.begin() == "..") throw refuse();
    return path.string();
}

}  // namespace

LoadedConfig load_config(const std::optional<std::string>& explicit_path) {
    if (explicit_path) {
        if (explicit_path->empty()) throw Error("--config needs a file name");
        return {parse_config(*read_config_text(*explicit_path, true), *explicit_path), ConfigSource::explicit_file};
    }
    if (const auto text = read_config_text("idx.yaml", false))
        return {parse_config(*text, "idx.yaml"), ConfigSource::current_folder};
    const std::string user_file = xdg_dir("XDG_CONFIG_HOME", ".config") + "/idx/idx.yaml";
    if (const auto text = read_config_text(user_file, false))
        return {parse_config(*text, user_file), ConfigSource::user_folder};
    return {};
}

std::vector<std::string> database_list(const std::vector<std::string>& db_options, const LoadedConfig& loaded) {
    if (!db_options.empty()) {
        // `idx add --db "$DB"` with DB unset must not fall back to another database.
        for (const std::string& db : db_options)
            if (db.empty()) throw Error("--db needs a folder name (it was given an empty one)");
        return db_options;
    }
    if (const char* env = std::getenv("IDX_DB"); env && *env) return {env};
    if (!loaded.config.db.empty()) {
        std::vector<std::string> out;
        for (const std::string& db : loaded.config.db) {
            if (db.empty())
                throw Error("db: in the configuration file names an empty folder; name a folder, or remove it");
            const bool remote = parse_database_spec(db).remote();
            if (loaded.source != ConfigSource::current_folder)
                out.push_back(remote ? db : expand_home(db));
            else if (remote)
                throw Error("./idx.yaml names the remote database " + db +
                            ": a configuration found in the current folder may only name a database inside it "
                            "(use --db, or --config idx.yaml to trust it)");
            else
                out.push_back(confined_database(db));
        }
        return out;
    }
    return {xdg_dir("XDG_DATA_HOME", ".local/share") + "/idx/db"};
}

void add_location_options(cxxopts::Options& options) {
    // clang-format off: one option a line, as --help lists them
    options.add_options("Location")("db",
                                    "database folder, or tcp:HOST:PORT (xapian-tcpsrv); commands that only read take\n"
                                    "several (repeat it) and read them as one\n"
                                    "(default: $IDX_DB, db: in idx.yaml, $XDG_DATA_HOME/idx/db)",
                                    cxxopts::value<std::vector<std::string>>(), "DIR")(
        "connect-timeout", "seconds to wait for a tcp: database to answer (default: 2)", cxxopts::value<std::string>(),
        "S")("config", "configuration file (default: ./idx.yaml, then $XDG_CONFIG_HOME/idx/idx.yaml)",
             cxxopts::value<std::string>(), "FILE");
    // clang-format on
}

void add_partial_option(cxxopts::Options& options) {
    options.add_options("Location")(
        "allow-partial",
        "when some of several databases cannot be reached, answer from the others and say which\n"
        "are missing (default: exit 74 naming them; allow_partial: in idx.yaml)");
}

Location resolve_location(const cxxopts::ParseResult& args) {
    std::optional<std::string> config_path;
    if (args.count("config")) config_path = args["config"].as<std::string>();
    const LoadedConfig loaded = load_config(config_path);
    std::vector<std::string> db;
    if (args.count("db")) db = args["db"].as<std::vector<std::string>>();
    Location location;
    location.config = loaded.config;
    for (const std::string& entry : database_list(db, loaded))
        location.databases.members.push_back(parse_database_spec(entry));
    if (loaded.config.connect_timeout_ms) location.databases.connect_timeout_ms = *loaded.config.connect_timeout_ms;
    // count() is 0 for an option a command does not have; and only a
    // Searcher (search, facets, serve) leaves a member out: stats reads the
    // whole set or fails.
    location.databases.allow_partial = loaded.config.allow_partial || args.count("allow-partial") > 0;
    if (args.count("connect-timeout")) {
        const std::string text = args["connect-timeout"].as<std::string>();
        const std::optional<unsigned> ms = parse_timeout_ms(text);
        if (!ms) throw Error("--connect-timeout takes seconds from 0.001 to 600, such as 2 or 0.5, not '" + text + "'");
        location.databases.connect_timeout_ms = *ms;
    }
    return location;
}

const std::string& Location::db_to_change(std::string_view command) const {
    if (databases.members.size() != 1)
        throw Error("idx " + std::string(command) + " changes one database, and " +
                    std::to_string(databases.members.size()) + " were given (" + databases.name() + "): give one --db");
    const DatabaseSpec& only = databases.members.front();
    if (only.remote())
        throw Error("idx " + std::string(command) + " changes a local database folder, not the remote " + only.name() +
                    ": run it where the database is");
    return only.path;
}

void protect_standard_descriptors() {
    for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        // Read-only: a write to it fails with EBADF, as on the closed descriptor.
        const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null >= 0 && null != fd) {
            ::dup2(null, fd);
            ::close(null);
        }
    }
}

bool stdout_is_terminal() {
    return ::isatty(STDOUT_FILENO) == 1;
}
bool stderr_is_terminal() {
    return ::isatty(STDERR_FILENO) == 1;
}

OutputCheck flush_stdout() {
    static OutputCheck first_failure;  // later checks report the first one, with its errno
    if (first_failure.state != OutputState::ok) return first_failure;
    std::cout.flush();
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    int error = errno;
    if (!flushed || std::ferror(stdout) || !std::cout.good()) {
        // stdio drops its buffer after a failed write, and errno may have been
        // reused since: one more byte, written directly, says what is wrong.
        if (error == 0 && ::write(STDOUT_FILENO, "\n", 1) < 0) error = errno;
    }
    if (flushed && !std::ferror(stdout) && std::cout.good()) return {};
    // The write end of a pipe whose reader has gone reports POLLERR.
    pollfd out{STDOUT_FILENO, 0, 0};
    if (error == EPIPE || (::poll(&out, 1, 0) == 1 && (out.revents & (POLLERR | POLLHUP)) != 0))
        first_failure = {OutputState::reader_gone, EPIPE};
    else
        first_failure = {OutputState::failed, error != 0 ? error : EIO};
    return first_failure;
}

}  // namespace idx::cli
