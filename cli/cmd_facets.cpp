// idx facets: only the facet counts of a query (every post when none).

#include <iostream>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/exit_status.hpp"
#include "cli/json_printer.hpp"
#include "cli/search_options.hpp"
#include "cli/text_printer.hpp"
#include "common/error.hpp"
#include "query/search.hpp"

namespace idx::cli {

int run_facets(int argc, char** argv) {
    cxxopts::Options options("idx facets",
                             "Count posts per author, category, tag, year and month, over every post or over\n"
                             "what QUERY matches (same syntax and filters as idx search). Counts are exact.\n");
    options.positional_help("[QUERY]").show_positional_help();
    // clang-format off: one option a line, as --help lists them
    options.add_options()("json", "print JSON (version 1, see docs/json.md)")("h,help", "show this help");
    // clang-format on
    add_query_options(options);
    const cxxopts::ParseResult args = options.parse(argc, argv);
    if (args.count("help")) {
        std::cout << help_text(options) << "\n" << exit_status_help("facets");
        return 0;
    }
    const Location location = resolve_location(args);
    query::SearchRequest request = request_from_args(args);
    request.want_hits = false;
    query::Searcher searcher(location.databases);
    const query::SearchResult result = searcher.search(request);
    if (args.count("json")) {
        print_json_line(std::cout, facets_json(result));
    } else {
        print_facets(std::cout, *result.facets, text_style(stdout_is_terminal()));
        print_facet_total(std::cout, result);
        print_partial_notice(std::cerr, result);
    }
    return static_cast<int>(result.total > 0 ? ExitCode::ok : ExitCode::partial);
}

}  // namespace idx::cli
