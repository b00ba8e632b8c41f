// idx roots: the folders `idx add` reindexes when given none, with their post
// counts; `idx roots rm DIR...` forgets folders and their documents.

#include <iostream>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/exit_status.hpp"
#include "cli/json_printer.hpp"
#include "cli/text_printer.hpp"
#include "common/error.hpp"
#include "indexer/database.hpp"
#include "indexer/roots.hpp"

namespace idx::cli {
namespace {

int list(const Location& location, bool json) {
    const std::vector<indexer::RootInfo> roots = indexer::list_roots(location.db_to_change("roots"));
    if (json) {
        print_json_line(std::cout, roots_json(roots));
        return 0;
    }
    if (roots.empty()) std::cerr << "no folders recorded yet: `idx add FOLDER` records one\n";
    print_roots(std::cout, roots);
    return 0;
}

}  // namespace

int run_roots(int argc, char** argv) {
    cxxopts::Options options("idx roots",
                             "List the folders idx add reindexes when given none (those of earlier runs), each with\n"
                             "the number of posts the index holds under it; `gone` marks a folder that is no longer\n"
                             "there (its posts are kept, and idx add warns once a run). `idx roots rm DIR...` forgets\n"
                             "folders: they leave the list and their posts leave the index (posts under another\n"
                             "recorded folder stay).\n");
    options.positional_help("[rm DIR...]").show_positional_help();
    // clang-format off: one option a line, as --help lists them
    options.add_options()("json", "print JSON (version 1, see docs/json.md)")(
        "wait", "rm: wait for a running idx add instead of exiting with 75")("h,help", "show this help")(
        "args", "rm and folders", cxxopts::value<std::vector<std::string>>());
    // clang-format on
    add_location_options(options);
    options.parse_positional({"args"});
    const cxxopts::ParseResult parsed = options.parse(argc, argv);
    if (parsed.count("help")) {
        std::cout << options.help() << "\n" << exit_status_help("roots");
        return 0;
    }
    const Location location = resolve_location(parsed);
    indexer::keep_changesets(location.config.changesets);  // a replica follows removals too
    const std::vector<std::string> args =
        parsed.count("args") ? parsed["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (args.empty()) return list(location, parsed.count("json") > 0);
    if (args.front() != "rm") throw Error("idx roots takes no argument but rm DIR...; see idx roots --help");
    if (args.size() < 2) throw Error("name the folders to forget: idx roots rm DIR...");
    // An empty argument (`idx roots rm "$DIR"` with DIR unset) would name the current folder.
    for (std::size_t i = 1; i < args.size(); ++i)
        if (args[i].empty()) throw Error("an empty folder name was given; idx roots lists the recorded folders");
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::size_t removed =
            indexer::drop_root(location.db_to_change("roots"), args[i], parsed.count("wait") > 0);
        if (stderr_is_terminal()) print_root_forgotten(std::cerr, args[i], removed);
    }
    return 0;
}

}  // namespace idx::cli
