#pragma once
// Where the CLI meets the machine: the config file, the database location
// and whether output goes to a terminal. Only cli/ reads the environment.

#include <optional>
#include <string>

#include "cli/options.hpp"
#include "common/config.hpp"
#include "common/database_set.hpp"

namespace idx::cli {

// Where the configuration came from: a file the user named or keeps in their
// own config folder is trusted; one found in the current folder may come with
// a cloned site, so it may only name a database inside that folder.
enum class ConfigSource { defaults, explicit_file, current_folder, user_folder };
struct LoadedConfig {
    Config config;
    ConfigSource source = ConfigSource::defaults;
};

// --config FILE when given; else ./idx.yaml; else $XDG_CONFIG_HOME/idx/idx.yaml
// (~/.config/idx/idx.yaml); else the built-in defaults. A configuration path
// that is a folder or cannot be read is an error (idx::Error, usage).
LoadedConfig load_config(const std::optional<std::string>& explicit_path);

// Every --db given (DIR or tcp:HOST:PORT), else $IDX_DB, else db: in
// idx.yaml (a folder or a list), else $XDG_DATA_HOME/idx/db
// (~/.local/share/idx/db). `--db ""` is an error, and so is a db: in
// ./idx.yaml that leads out of the current folder (absolute, `~`, `..`, a
// link, or a remote database): a cloned site cannot point idx at the user's
// other databases.
std::vector<std::string> database_list(const std::vector<std::string>& db_options, const LoadedConfig& config);

// Adds --db, --connect-timeout and --config to a subcommand's options.
void add_location_options(cxxopts::Options& options);

// Adds --allow-partial to a command that searches (search, facets, serve).
void add_partial_option(cxxopts::Options& options);

// Reads --db, --connect-timeout, --allow-partial (where the command has it)
// and --config, loads the config and picks the databases, as named: a
// sharded folder (common/shards.hpp) is one member, which the readers (a
// Searcher, read_stats) replace by its shards as they are when they open it,
// so a long-lived one (batch mode, serve) finds them anew when `idx add
// --shards` changes their number.
struct Location {
    Config config;
    DatabaseSet databases;
    // The one local folder a command that changes the index (add, rm,
    // roots) works on. Throws idx::Error (usage) naming `command` when the
    // location is several databases or a remote one.
    const std::string& db_to_change(std::string_view command) const;
};
Location resolve_location(const cxxopts::ParseResult& args);

// Run first: a standard descriptor the caller closed (`idx add >&-`) gets
// /dev/null opened read-only in its place. Otherwise the next file opened
// (a database table) would take its number, and what idx prints to stdout
// would be written into the database; this way such a write fails instead.
void protect_standard_descriptors();

bool stdout_is_terminal();
bool stderr_is_terminal();

// Flushes stdout and says whether everything written reached it: a reader
// that went away (a closed pipe, as with `| head`) is told apart from a
// failed write (disk full, closed descriptor), whose errno comes back.
enum class OutputState { ok, reader_gone, failed };
struct OutputCheck {
    OutputState state = OutputState::ok;
    int error = 0;
};
OutputCheck flush_stdout();

}  // namespace idx::cli
