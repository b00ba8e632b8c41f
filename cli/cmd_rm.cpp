// idx rm: remove the documents of files (or of everything under folders).

#include <iostream>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/exit_status.hpp"
#include "cli/text_printer.hpp"
#include "common/error.hpp"
#include "indexer/database.hpp"
#include "indexer/removal.hpp"

namespace idx::cli {

int run_rm(int argc, char** argv) {
    cxxopts::Options options("idx rm",
                             "Remove from the index the documents of the given files, or of every file under the\n"
                             "given folders. The files themselves are not touched. (A file still under an indexed\n"
                             "folder comes back with the next idx add.) A recorded folder given whole is forgotten\n"
                             "too (as idx roots rm does). A path with nothing indexed under it is named and the exit\n"
                             "status is 1; without an index, nothing is created and the exit status is 1.\n");
    options.positional_help("PATH...").show_positional_help();
    // clang-format off: one option a line, as --help lists them
    options.add_options()("wait", "wait for a running idx add instead of exiting with 75")("h,help", "show this help");
    // clang-format on
    options.add_options(kPositionalGroup)("paths", "files or folders", cxxopts::value<std::vector<std::string>>());
    add_location_options(options);
    options.parse_positional({"paths"});
    const cxxopts::ParseResult args = options.parse(argc, argv);
    if (args.count("help")) {
        std::cout << help_text(options) << "\n" << exit_status_help("rm");
        return 0;
    }
    if (!args.count("paths")) throw Error("name the files or folders whose documents should go: idx rm PATH...");
    const std::vector<std::string> paths = args["paths"].as<std::vector<std::string>>();
    // An empty argument (`idx rm "$FILE"` with FILE unset) would name the
    // current folder, i.e. every document under it.
    for (const std::string& path : paths)
        if (path.empty()) throw Error("an empty path was given; name the files or folders whose documents should go");
    const Location location = resolve_location(args);
    indexer::keep_changesets(location.config.changesets);  // a replica follows removals too
    const indexer::RemoveReport report =
        indexer::remove_paths(location.db_to_change("rm"), paths, args.count("wait") > 0);
    print_rm_report(std::cerr, report, stderr_is_terminal());
    return static_cast<int>(report.not_indexed.empty() ? ExitCode::ok : ExitCode::partial);
}

}  // namespace idx::cli
