// idx stats: what the index holds.

#include <iostream>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/exit_status.hpp"
#include "cli/json_printer.hpp"
#include "cli/text_printer.hpp"
#include "query/stats.hpp"

namespace idx::cli {

int run_stats(int argc, char** argv) {
    cxxopts::Options options("idx stats",
                             "Show what the index holds: documents, size, folders, last run, and the post files\n"
                             "that fail now, with their reasons (as the last idx add that looked at them saw them).\n");
    options.add_options()("json", "print JSON")("h,help", "show this help");
    add_location_options(options);
    const cxxopts::ParseResult args = options.parse(argc, argv);
    if (args.count("help")) {
        std::cout << options.help() << "\n" << exit_status_help("stats");
        return 0;
    }
    const Location location = resolve_location(args);
    const query::IndexStats stats = query::read_stats(location.databases);
    if (args.count("json"))
        print_json_line(std::cout, stats_json(stats));
    else
        print_stats(std::cout, stats);
    return 0;
}

}  // namespace idx::cli
