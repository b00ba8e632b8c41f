#pragma once
// The command table: one row per subcommand, one file per subcommand.
// `idx --help` lists the rows; each subcommand prints its own --help.

#include <string_view>

namespace idx::cli {

struct Command {
    std::string_view name;
    std::string_view summary;
    int (*run)(int argc, char** argv);  // argv[0] is the subcommand's name; null for serve
};

int run_add(int argc, char** argv);
int run_search(int argc, char** argv);
int run_facets(int argc, char** argv);
int run_stats(int argc, char** argv);
int run_rm(int argc, char** argv);
int run_roots(int argc, char** argv);
using CommandRun = int (*)(int argc, char** argv);

// idx serve itself, in the idx-serve program; and, in idx, the step that
// replaces the process with idx-serve found beside it. The HTTP server's
// libraries stay out of every other idx process (cli/serve_program.cpp).
int run_serve(int argc, char** argv);
int run_serve_program(int argc, char** argv);

// Runs the whole tool: dispatch, the one catch for idx::Error, exit codes;
// `serve` runs with `serve`.
int main_entry(int argc, char** argv, CommandRun serve);

}  // namespace idx::cli
