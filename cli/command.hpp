#pragma once
// The command table: one row per subcommand, one file per subcommand.
// `idx --help` lists the rows; each subcommand prints its own --help.

#include <string_view>

namespace idx::cli {

struct Command {
    std::string_view name;
    std::string_view summary;
    int (*run)(int argc, char** argv);  // argv[0] is the subcommand's name
};

int run_add(int argc, char** argv);
int run_search(int argc, char** argv);
int run_facets(int argc, char** argv);
int run_stats(int argc, char** argv);
int run_rm(int argc, char** argv);
int run_roots(int argc, char** argv);

// The exit status table shared by every --help.
inline constexpr std::string_view kExitStatusHelp =
    "Exit status:\n"
    "  0   success (search: something matched)\n"
    "  1   add: files failed that no earlier run reported (the rest were indexed; a failure is\n"
    "      reported once per change to its file); rm, roots rm: a path is not in the index, or\n"
    "      there is no index; search: nothing matched\n"
    "  2   usage, configuration or query error\n"
    "  70  internal error in idx (a bug: please report the message)\n"
    "  71  the system refused memory or a thread\n"
    "  74  the database could not be read or written (disk full, damaged, permissions), or the output\n"
    "  75  the database is locked by another idx add (retry, or use --wait)\n";

// Each subcommand's --help lists only the exit codes it can give.
inline constexpr std::string_view kAddExitStatusHelp =
    "Exit status:\n"
    "  0   success\n"
    "  1   files failed that no earlier run reported (named on stderr); the rest were indexed.\n"
    "      A failure is reported once per change to its file: `idx stats` lists what fails now\n"
    "  2   usage or configuration error\n"
    "  70  internal error in idx (a bug: please report the message)\n"
    "  71  the system refused memory or a thread\n"
    "  74  the database could not be read or written (disk full, damaged, permissions), or the output\n"
    "  75  the database is locked by another idx add (retry, or use --wait)\n";
inline constexpr std::string_view kRmExitStatusHelp =
    "Exit status:\n"
    "  0   success\n"
    "  1   a path is not in the index (named on stderr), or there is no index (none is created)\n"
    "  2   usage or configuration error\n"
    "  70  internal error in idx (a bug: please report the message)\n"
    "  74  the database could not be read or written (disk full, damaged, permissions)\n"
    "  75  the database is locked by idx add (retry, or use --wait)\n";
inline constexpr std::string_view kStatsExitStatusHelp =
    "Exit status:\n"
    "  0   success\n"
    "  2   usage or configuration error\n"
    "  70  internal error in idx (a bug: please report the message)\n"
    "  74  the database could not be read, or the output written\n";

// Runs the whole tool: dispatch, the one catch for idx::Error, exit codes.
int main_entry(int argc, char** argv);

}  // namespace idx::cli
