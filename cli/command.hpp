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
int run_serve(int argc, char** argv);

// Runs the whole tool: dispatch, the one catch for idx::Error, exit codes.
int main_entry(int argc, char** argv);

}  // namespace idx::cli
