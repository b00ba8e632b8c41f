// idx search: ranked results with snippets and facets; --json for scripts;
// --queries-from for a long-lived process answering one query a line.

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/result_json.hpp"
#include "cli/result_text.hpp"
#include "cli/search_options.hpp"
#include "common/error.hpp"
#include "query/search.hpp"

namespace idx::cli {
namespace {

bool use_color() {
    const char* no_color = std::getenv("NO_COLOR");
    return stdout_is_terminal() && (no_color == nullptr || *no_color == '\0');
}

// One answer a line, flushed at once, so another program can drive it over a pipe.
int run_batch(query::Searcher& searcher, const query::SearchRequest& defaults, const std::string& source) {
    std::ifstream file;
    if (source != "-") {
        file.open(source);
        if (!file) throw Error("cannot read queries from " + source);
    }
    std::istream& in = source == "-" ? std::cin : file;
    bool any_error = false;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string shown = line;
        try {
            query::SearchRequest request = defaults;
            if (!line.empty() && line.front() == '{') {
                const nlohmann::json parsed = nlohmann::json::parse(line);
                if (!parsed.is_object()) throw Error("a JSON request should be an object");
                request = request_from_json(parsed, defaults);
                shown = request.query;
            } else {
                request.query = line;
            }
            std::cout << dump_line(result_json(searcher.search(request))) << "\n";
        } catch (const Error& e) {
            any_error = true;
            std::cout << dump_line(error_json(shown, e.what())) << "\n";
        } catch (const nlohmann::json::exception& e) {
            any_error = true;
            std::cout << dump_line(error_json(shown, std::string("not a JSON request: ") + e.what())) << "\n";
        }
        std::cout.flush();
    }
    return static_cast<int>(any_error ? ExitCode::usage : ExitCode::ok);
}

}  // namespace

int run_search(int argc, char** argv) {
    cxxopts::Options options("idx search",
                             "Search the index. Words are ranked with BM25 and any of them may match (--match all\n"
                             "requires every one). Query syntax: \"exact phrase\", a NEAR b, AND, OR, NOT, -word,\n"
                             "+word, (groups), ceasef* (wildcard), title:word, author:\"Staff Writer\",\n"
                             "category:topNews, tag:x, id:1194, year:2016, month:2016-03, date:2016-03-01,\n"
                             "date:2016-03-01..2016-03-31, date:2016-03.., date:..2016-02-15.\n"
                             "An empty query (\"\") lists every post, newest first. Put -- before a query that\n"
                             "starts with '-'.\n");
    options.positional_help("QUERY").show_positional_help();
    options.add_options()
        ("n,limit", "results to show", cxxopts::value<std::size_t>()->default_value("10"), "N")
        ("offset", "skip this many results first", cxxopts::value<std::size_t>()->default_value("0"), "N")
        ("sort", "relevance, date (newest first) or oldest", cxxopts::value<std::string>(), "ORDER")
        ("json", "print JSON (version 1, see docs/json.md)")
        ("no-facets", "do not count facets")
        ("queries-from", "answer one query a line from FILE (- for stdin), one JSON object a line",
         cxxopts::value<std::string>(), "FILE")
        ("h,help", "show this help")
        ("query", "the query", cxxopts::value<std::vector<std::string>>());
    add_filter_options(options);
    add_location_options(options);
    options.parse_positional({"query"});
    const cxxopts::ParseResult args = options.parse(argc, argv);
    if (args.count("help")) {
        std::cout << options.help() << "\nExit status: 0 something matched, 1 nothing matched, 2 error "
                                       "(bad query or options), 74 the index could not be read.\n"
                                       "With --queries-from: 0, or 2 when some line was bad (it got an error object).\n";
        return 0;
    }
    const Location location = resolve_location(args);
    query::SearchRequest request = request_from_args(args);
    request.want_facets = !args.count("no-facets");
    query::Searcher searcher(location.db);

    if (args.count("queries-from")) return run_batch(searcher, request, args["queries-from"].as<std::string>());

    const query::SearchResult result = searcher.search(request);
    if (args.count("json")) {
        std::cout << dump_line(result_json(result)) << "\n";
    } else {
        const TextStyle style{use_color()};
        print_hits(std::cout, result, style);
        if (result.facets && result.total > 0) {
            print_facets(std::cout, *result.facets, style);
            std::cout << "\n";
        }
        print_totals(std::cout, result);
    }
    return static_cast<int>(result.total > 0 ? ExitCode::ok : ExitCode::partial);
}

}  // namespace idx::cli
