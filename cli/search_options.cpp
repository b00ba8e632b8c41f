#include "cli/search_options.hpp"

#include "cli/environment.hpp"
#include "common/error.hpp"

namespace idx::cli {
namespace {

query::SortOrder parse_sort(const std::string& value) {
    if (value == "relevance") return query::SortOrder::relevance;
    if (value == "date" || value == "newest") return query::SortOrder::newest;
    if (value == "oldest") return query::SortOrder::oldest;
    throw Error("--sort takes relevance, date (newest first) or oldest, not '" + value + "'");
}

query::MatchMode parse_match(const std::string& value) {
    if (value == "any" || value == "OR" || value == "or") return query::MatchMode::any;
    if (value == "all" || value == "AND" || value == "and") return query::MatchMode::all;
    throw Error("--match takes any or all, not '" + value + "'");
}

std::vector<std::string> strings(const nlohmann::json& value, const char* field) {
    if (value.is_string()) return {value.get<std::string>()};
    if (!value.is_array()) throw Error(std::string("\"") + field + "\" should be a string or a list of strings");
    // An empty list would read as "no filter", i.e. every post: leave the
    // field out for that.
    if (value.empty())
        throw Error(std::string("\"") + field + "\" is an empty list; leave it out to match posts of any " + field);
    std::vector<std::string> out;
    for (const auto& item : value) {
        if (!item.is_string()) throw Error(std::string("\"") + field + "\" should hold strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

// A date bound as given; empty would read as an open end, so it is refused.
std::string date_text(const std::string& value, const char* name) {
    if (value.find_first_not_of(" \t") == std::string::npos)
        throw Error(std::string(name) + " needs a date (2016-03-01, 2016-03 or 2016); leave it out for an open end");
    return value;
}

std::size_t count(const nlohmann::json& value, const char* field) {
    if (!value.is_number_unsigned()) throw Error(std::string("\"") + field + "\" should be a whole number");
    return value.get<std::size_t>();
}

}  // namespace

void add_query_options(cxxopts::Options& options) {
    options.add_options(kPositionalGroup)("query", "the query", cxxopts::value<std::vector<std::string>>());
    // clang-format off: one option a line, as --help lists them
    options.add_options("Filters")("author", "only posts by this author (repeat for any of several)",
                                   cxxopts::value<std::vector<std::string>>(), "A")(
        "category", "only posts in this category (repeatable)", cxxopts::value<std::vector<std::string>>(), "C")(
        "tag", "only posts with this tag (repeatable)", cxxopts::value<std::vector<std::string>>(), "T")(
        "lang",
        "only posts in this language (en, ja, zh_cn; repeatable); with one, the query's words are\n"
        "read as that language's (else as the language of their script, else the index's)",
        cxxopts::value<std::vector<std::string>>(),
        "L")("since", "only posts on or after DATE (2016-03-01, 2016-03, 2016)", cxxopts::value<std::string>(), "DATE")(
        "until", "only posts on or before DATE (the whole day, month or year)", cxxopts::value<std::string>(), "DATE")(
        "match",
        "any: rank posts with any of the words; all: require every word (default: any, but all\n"
        "with --sort date or oldest)",
        cxxopts::value<std::string>(), "any|all")("facet-limit", "values shown per facet field (0: all)",
                                                  cxxopts::value<std::size_t>()->default_value("20"), "N");
    // clang-format on
    add_location_options(options);
    add_partial_option(options);
    options.parse_positional({"query"});
}

query::SearchRequest request_from_args(const cxxopts::ParseResult& args) {
    query::SearchRequest request;
    // `idx search Kerry Lavrov` and `idx search "Kerry Lavrov"` ask the same.
    if (args.count("query")) {
        for (const std::string& word : args["query"].as<std::vector<std::string>>())
            request.query += (request.query.empty() ? "" : " ") + word;
    }
    if (args.count("author")) request.authors = args["author"].as<std::vector<std::string>>();
    if (args.count("category")) request.categories = args["category"].as<std::vector<std::string>>();
    if (args.count("tag")) request.tags = args["tag"].as<std::vector<std::string>>();
    if (args.count("lang")) request.langs = args["lang"].as<std::vector<std::string>>();
    if (args.count("since")) request.since = date_text(args["since"].as<std::string>(), "--since");
    if (args.count("until")) request.until = date_text(args["until"].as<std::string>(), "--until");
    if (args.count("match")) request.match = parse_match(args["match"].as<std::string>());
    // Read whole as size_t (4294967296 stays itself); query/limits.hpp
    // refuses what is too large, with the rest of the request.
    request.facet_limit = args["facet-limit"].as<std::size_t>();
    if (args.count("limit")) request.limit = args["limit"].as<std::size_t>();
    if (args.count("offset")) request.offset = args["offset"].as<std::size_t>();
    if (args.count("sort")) request.sort = parse_sort(args["sort"].as<std::string>());
    return request;
}

query::SearchRequest request_from_json(const nlohmann::json& line, const query::SearchRequest& defaults) {
    query::SearchRequest request = defaults;
    for (const auto& [key, value] : line.items()) {
        if (key == "query") {
            if (!value.is_string()) throw Error("\"query\" should be a string");
            request.query = value.get<std::string>();
        } else if (key == "author")
            request.authors = strings(value, "author");
        else if (key == "category")
            request.categories = strings(value, "category");
        else if (key == "tag")
            request.tags = strings(value, "tag");
        else if (key == "lang")
            request.langs = strings(value, "lang");
        else if (key == "since" && value.is_string())
            request.since = date_text(value.get<std::string>(), "\"since\"");
        else if (key == "until" && value.is_string())
            request.until = date_text(value.get<std::string>(), "\"until\"");
        else if (key == "limit")
            request.limit = count(value, "limit");
        else if (key == "offset")
            request.offset = count(value, "offset");
        else if (key == "facet_limit")
            request.facet_limit = count(value, "facet_limit");
        else if (key == "sort" && value.is_string())
            request.sort = parse_sort(value.get<std::string>());
        else if (key == "match" && value.is_string())
            request.match = parse_match(value.get<std::string>());
        else if (key == "partial" && value.is_boolean())
            request.partial = value.get<bool>();
        else
            throw Error("unknown or mistyped field \"" + key + "\" in the request");
    }
    return request;
}

}  // namespace idx::cli
