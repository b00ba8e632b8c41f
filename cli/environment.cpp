#include "cli/environment.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
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

std::optional<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

Config load_config(const std::optional<std::string>& explicit_path) {
    if (explicit_path) {
        const auto text = read_text(*explicit_path);
        if (!text) throw Error("cannot read the configuration file " + *explicit_path);
        return parse_config(*text, *explicit_path);
    }
    for (const std::string& candidate : {std::string("idx.yaml"), xdg_dir("XDG_CONFIG_HOME", ".config") + "/idx/idx.yaml"}) {
        if (const auto text = read_text(candidate)) return parse_config(*text, candidate);
    }
    return Config{};
}

std::string database_path(const std::optional<std::string>& db_option, const Config& config) {
    if (db_option && !db_option->empty()) return *db_option;
    if (const char* env = std::getenv("IDX_DB"); env && *env) return env;
    if (config.db) return expand_home(*config.db);
    return xdg_dir("XDG_DATA_HOME", ".local/share") + "/idx/db";
}

void add_location_options(cxxopts::Options& options) {
    options.add_options("Location")
        ("db", "database folder (default: $IDX_DB, db: in idx.yaml, $XDG_DATA_HOME/idx/db)",
         cxxopts::value<std::string>(), "DIR")
        ("config", "configuration file (default: ./idx.yaml, then $XDG_CONFIG_HOME/idx/idx.yaml)",
         cxxopts::value<std::string>(), "FILE");
}

Location resolve_location(const cxxopts::ParseResult& args) {
    std::optional<std::string> config_path;
    if (args.count("config")) config_path = args["config"].as<std::string>();
    Location location;
    location.config = load_config(config_path);
    std::optional<std::string> db;
    if (args.count("db")) db = args["db"].as<std::string>();
    location.db = database_path(db, location.config);
    return location;
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace idx::cli
