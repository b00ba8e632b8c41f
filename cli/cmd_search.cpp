// idx search: ranked results with snippets and facets; --json for scripts;
// --queries-from for a long-lived process answering one query a line.

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/exit_status.hpp"
#include "cli/json_printer.hpp"
#include "cli/search_options.hpp"
#include "cli/text_printer.hpp"
#include "common/error.hpp"
#include "query/limits.hpp"
#include "query/search.hpp"

namespace idx::cli {
namespace {

std::string limits_help() {
    using namespace query::limits;
    return std::to_string(kQueryBytes) + " bytes and " + std::to_string(kTerms) + " words or terms a query, " +
           std::to_string(kWildcards) + " wildcards\nof at most " + std::to_string(kWildcardExpansion) +
           " words each, " + std::to_string(kNesting) + " levels of parentheses, --limit " + std::to_string(kResults) +
           ", --offset " + std::to_string(kOffset) + ",\n" + std::to_string(kBatchLineBytes) +
           " bytes a --queries-from line";
}

enum class LineRead { line, too_long, end };

// One line of `in` without its '\n' (and '\r'), at most kBatchLineBytes of
// it: a longer line is reported as soon as it passes the limit, so input
// without newlines (`--queries-from /dev/zero`) cannot grow memory.
LineRead read_line(std::streambuf& in, std::string& line) {
    line.clear();
    for (;;) {
        const int c = in.sbumpc();
        if (c == std::char_traits<char>::eof()) return line.empty() ? LineRead::end : LineRead::line;
        if (c == '\n') break;
        if (line.size() == query::limits::kBatchLineBytes) return LineRead::too_long;
        line.push_back(static_cast<char>(c));
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return LineRead::line;
}

void skip_rest_of_line(std::streambuf& in) {
    for (int c = in.sbumpc(); c != std::char_traits<char>::eof() && c != '\n'; c = in.sbumpc()) {
    }
}

// The request a batch line asks for; throws idx::Error (or a JSON error)
// for a line that is not one. `shown` becomes the query to echo in an error.
query::SearchRequest batch_request(const std::string& line, const query::SearchRequest& defaults, std::string& shown) {
    query::SearchRequest request = defaults;
    if (line.find_first_not_of(" \t") == std::string::npos)
        throw Error("the line is blank; to list every post, send {\"query\": \"\"}");
    if (line.front() == '{') {
        const nlohmann::json parsed = nlohmann::json::parse(line);
        if (!parsed.is_object()) throw Error("a JSON request should be an object");
        request = request_from_json(parsed, defaults);
        shown = request.query;
    } else {
        request.query = line;
    }
    return request;
}

// One answer a line, flushed at once, so another program can drive it over a pipe.
int run_batch(query::Searcher& searcher, const query::SearchRequest& defaults, const std::string& source) {
    std::ifstream file;
    if (source != "-") {
        std::error_code ec;
        if (std::filesystem::is_directory(source, ec))
            throw Error("--queries-from " + source + " is a folder; give a file, or - for stdin");
        file.open(source, std::ios::binary);
        if (!file) throw Error("cannot read queries from " + source);
    }
    std::streambuf& in = *(source == "-" ? std::cin.rdbuf() : file.rdbuf());
    bool any_error = false;
    bool any_unavailable = false;  // a line the index could not answer (a database down): worse than a bad line
    std::string line;
    for (LineRead read; (read = read_line(in, line)) != LineRead::end;) {
        std::string shown = line;
        try {
            if (read == LineRead::too_long) {
                shown = line.substr(0, 80);
                throw Error("the line is longer than " + std::to_string(query::limits::kBatchLineBytes) +
                            " bytes; the rest of the line is skipped");
            }
            const query::SearchRequest request = batch_request(line, defaults, shown);
            print_json_line(std::cout, search_json(searcher.search(request)));
        } catch (const query::IndexUnavailable& e) {
            // The session goes on: the next line connects again (query/search.hpp).
            any_unavailable = true;
            print_json_line(std::cout, error_json(shown, e.what()));
        } catch (const Error& e) {
            any_error = true;
            print_json_line(std::cout, error_json(shown, e.what()));
        } catch (const nlohmann::json::exception& e) {
            any_error = true;
            print_json_line(std::cout, error_json(shown, std::string("not a JSON request: ") + e.what()));
        }
        // A reader that went away (or a failed write) ends the batch; the
        // caller reports a failed write, and a closed pipe ends it quietly.
        if (flush_stdout().state != OutputState::ok) break;
        if (read == LineRead::too_long) skip_rest_of_line(in);
    }
    if (any_unavailable) return static_cast<int>(ExitCode::io);
    return static_cast<int>(any_error ? ExitCode::usage : ExitCode::ok);
}

}  // namespace

int run_search(int argc, char** argv) {
    cxxopts::Options options("idx search",
                             "Search the index. Words are ranked with BM25 and any of them may match (--match all\n"
                             "requires every one; so does --sort date or oldest, unless --match any is given).\n"
                             "Query syntax: \"exact phrase\", a NEAR b, AND, OR, NOT, -word,\n"
                             "+word, (groups), ceasef* (wildcard), title:word, author:\"Staff Writer\",\n"
                             "category:topNews, tag:x, id:1194, year:2016, month:2016-03, date:2016-03-01,\n"
                             "date:2016-03-01..2016-03-31, date:2016-03.., date:..2016-02-15.\n"
                             "An empty query (\"\") lists every post, newest first. Put -- before a query that\n"
                             "starts with '-'. A reversed date range (date:2020..2019, --since after --until) is\n"
                             "an error. Limits: " +
                                 limits_help() + ".\n");
    options.positional_help("QUERY").show_positional_help();
    // clang-format off: one option a line, as --help lists them
    options.add_options()("n,limit", "results to show", cxxopts::value<std::size_t>()->default_value("10"), "N")(
        "offset", "skip this many results first", cxxopts::value<std::size_t>()->default_value("0"), "N")(
        "sort", "relevance, date (newest first) or oldest", cxxopts::value<std::string>(), "ORDER")(
        "json", "print JSON (version 1, see docs/json.md)")("no-facets", "do not count facets")(
        "queries-from", "answer one query a line from FILE (- for stdin), one JSON object a line",
        cxxopts::value<std::string>(), "FILE")("h,help", "show this help");
    // clang-format on
    add_query_options(options);
    const cxxopts::ParseResult args = options.parse(argc, argv);
    if (args.count("help")) {
        std::cout << help_text(options) << "\n"
                  << exit_status_help("search")
                  << "With --queries-from: 0; 2 when some line was bad; 74 when some line could not be\n"
                     "answered because a database could not be read or reached (each got an error object).\n";
        return 0;
    }
    if (args.count("queries-from") && args.count("query"))
        throw Error("--queries-from reads the queries from a file; give no query ('" +
                    args["query"].as<std::vector<std::string>>().front() + "') with it");
    const Location location = resolve_location(args);
    query::SearchRequest request = request_from_args(args);
    request.want_facets = !args.count("no-facets");
    query::Searcher searcher(location.databases);

    if (args.count("queries-from")) return run_batch(searcher, request, args["queries-from"].as<std::string>());

    const query::SearchResult result = searcher.search(request);
    if (args.count("json")) {
        print_json_line(std::cout, search_json(result));
    } else {
        const TextStyle style = text_style(stdout_is_terminal());
        print_hits(std::cout, result, style);
        if (result.facets && result.total > 0) {
            print_facets(std::cout, *result.facets, style);
            std::cout << "\n";
        }
        print_totals(std::cout, result);
        print_partial_notice(std::cerr, result);
    }
    return static_cast<int>(result.total > 0 ? ExitCode::ok : ExitCode::partial);
}

}  // namespace idx::cli
