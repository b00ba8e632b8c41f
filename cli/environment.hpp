#pragma once
// Where the CLI meets the machine: the config file, the database location
// and whether output goes to a terminal. Only cli/ reads the environment.

#include <optional>
#include <string>

#include "cli/options.hpp"
#include "common/config.hpp"

namespace idx::cli {

// --config FILE when given; else ./idx.yaml; else $XDG_CONFIG_HOME/idx/idx.yaml
// (~/.config/idx/idx.yaml); else the built-in defaults.
Config load_config(const std::optional<std::string>& explicit_path);

// --db DIR, else $IDX_DB, else db: in idx.yaml, else $XDG_DATA_HOME/idx/db
// (~/.local/share/idx/db).
std::string database_path(const std::optional<std::string>& db_option, const Config& config);

// Adds --db and --config to a subcommand's options.
void add_location_options(cxxopts::Options& options);

// Reads --db and --config, loads the config and picks the database.
struct Location {
    Config config;
    std::string db;
};
Location resolve_location(const cxxopts::ParseResult& args);

bool stdout_is_terminal();
bool stderr_is_terminal();

}  // namespace idx::cli
