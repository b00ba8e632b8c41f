// Every post of the two real corpora in ../shared, when they are there
// (issue 9): each ruby-lang post's URL is its live URL (the rule in
// ../shared/corpus/README.md), every post has a URL, and no stored text or
// title holds Markdown, kramdown or Liquid syntax a reader never sees. Posts
// are parsed as `idx add` parses them, without building an index, so the
// whole of both corpora takes a few seconds.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "indexer/post_parser.hpp"
#include "indexer/site_finder.hpp"

namespace idx::indexer {
namespace {

namespace fs = std::filesystem;

fs::path corpus(const char* name) {
    return fs::path(IDX_SHARED_DIR) / "corpus" / name;
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<fs::path> posts_under(const fs::path& root) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file() && is_post_extension(entry.path().string())) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

// Syntax that Markdown, kramdown or Liquid turn into something else on the
// page: none of it may reach a snippet or a title.
constexpr const char* kMarkup[] = {
    "](",    // a link or image not rendered
    "![",    // an image not rendered
    "{:",    // a kramdown attribute list or extension
    "{%",    // a Liquid tag
    "{{",    // a Liquid output
    "[^",    // a footnote marker
    "```",   // a code fence
    "<!--",  // an HTML comment
    "*[",    // an abbreviation definition
    "://",   // a URL (never words)
};

// A kramdown attribute list or extension: `{: .x}`, `{:#id}`, `{:toc}`,
// `{:target="_blank"}`, `{::options`, `{:/}`; not Ruby's `{:k=>1}`, which
// code blocks show.
const std::regex kAttributeList(R"(\{:(:|/|\s*[.#][A-Za-z_-]|\s*[A-Za-z_][\w-]*(=["']|\}| )))");

// A link reference definition (`[1]: /download`) shown as a line of text.
constexpr const char* kDefinition = "[label]: at the start of a line";
const std::regex kReferenceDefinition(R"((^|\n) {0,3}\[[^\]\n]+\]:[ \t])");

// The first piece of syntax in `text`, or null.
const char* markup_in(const std::string& text) {
    for (const char* m : kMarkup) {
        const std::size_t at = text.find(m);
        if (at == std::string::npos) continue;
        if (std::string_view(m) != "{:") return m;
        if (std::regex_search(text, kAttributeList)) return m;
    }
    if (text.find("]:") != std::string::npos && std::regex_search(text, kReferenceDefinition)) return kDefinition;
    return nullptr;
}

// Where the syntax `m` (from markup_in) is in `text`.
std::size_t markup_at(const std::string& text, const char* m) {
    std::smatch match;
    if (std::string_view(m) == "{:" && std::regex_search(text, match, kAttributeList))
        return static_cast<std::size_t>(match.position(0));
    if (m == kDefinition && std::regex_search(text, match, kReferenceDefinition))
        return static_cast<std::size_t>(match.position(0));
    return text.find(m);
}

struct Tally {
    std::size_t posts = 0;
    std::size_t without_url = 0;
    std::map<std::string, std::vector<std::string>> markup;  // syntax -> posts showing it

    void check(const std::string& path, const Post& post) {
        ++posts;
        if (post.url.empty()) ++without_url;
        for (const std::string* text : {&post.text, &post.title}) {
            if (const char* m = markup_in(*text)) {
                const std::size_t at = markup_at(*text, m);
                markup[m].push_back(path + ": ..." + text->substr(at < 40 ? 0 : at - 40, 100) + "...");
            }
        }
    }

    void report_markup() const {
        for (const auto& [syntax, where] : markup) {
            std::string examples;
            for (std::size_t i = 0; i < where.size() && i < 5; ++i) examples += "\n  " + where[i];
            ADD_FAILURE() << where.size() << " posts show '" << syntax << "':" << examples;
        }
    }
};

// `en/news/_posts/2024-12-25-ruby-3-4-0-released.md` ->
// `https://www.ruby-lang.org/en/news/2024/12/25/ruby-3-4-0-released/`
std::string live_url(const fs::path& relative) {
    const std::string name = relative.stem().string();
    const std::string lang = relative.begin()->string();
    return "https://www.ruby-lang.org/" + lang + "/news/" + name.substr(0, 4) + "/" + name.substr(5, 2) + "/" +
           name.substr(8, 2) + "/" + name.substr(11) + "/";
}

TEST(RubyLangCorpus, EveryUrlIsTheLiveUrlAndNoTextShowsMarkup) {
    const fs::path root = corpus("ruby-lang");
    if (!fs::is_directory(root)) GTEST_SKIP() << "the ruby-lang corpus is absent: " << root;
    const Site site = find_site(root.string(), {});
    ASSERT_EQ(site.root, root.string());
    ParseOptions options;
    options.site = &site;
    Tally tally;
    std::size_t wrong_urls = 0;
    std::size_t warnings = 0;  // every front matter field read as Jekyll reads it: no warning
    for (const fs::path& path : posts_under(root)) {
        const ParseResult result = parse_post(path.string(), read_all(path), options);
        ASSERT_EQ(result.status, ParseStatus::post) << path << ": " << result.error.message;
        tally.check(path.string(), result.post);
        for (const FileMessage& warning : result.warnings)
            if (++warnings <= 5) ADD_FAILURE() << path << ":" << warning.line << ": " << warning.message;
        const std::string expected = live_url(fs::relative(path, root));
        if (result.post.url != expected && ++wrong_urls <= 5)
            ADD_FAILURE() << path << ": url " << result.post.url << ", live " << expected;
    }
    std::cout << "ruby-lang: " << tally.posts << " posts, " << tally.without_url << " without a URL, " << wrong_urls
              << " with a URL other than the live one, " << warnings << " warnings, " << tally.markup.size()
              << " kinds of markup shown\n";
    EXPECT_EQ(tally.posts, 4723u);
    EXPECT_EQ(wrong_urls, 0u);
    EXPECT_EQ(warnings, 0u);
    EXPECT_EQ(tally.without_url, 0u);
    tally.report_markup();
}

TEST(WhenitsonCorpus, EveryPostHasAUrlAndNoTextShowsMarkup) {
    const fs::path root = corpus("whenitson") / "_posts";
    if (!fs::is_directory(root)) GTEST_SKIP() << "the whenitson corpus is absent: " << root;
    const Site site = find_site(root.string(), {});
    ParseOptions options;
    options.site = &site;
    Tally tally;
    for (const fs::path& path : posts_under(root)) {
        const ParseResult result = parse_post(path.string(), read_all(path), options);
        ASSERT_EQ(result.status, ParseStatus::post) << path << ": " << result.error.message;
        tally.check(path.string(), result.post);
    }
    std::cout << "whenitson: " << tally.posts << " posts, " << tally.without_url << " without a URL, "
              << tally.markup.size() << " kinds of markup shown\n";
    EXPECT_EQ(tally.posts, 4374u);
    EXPECT_EQ(tally.without_url, 0u);
    tally.report_markup();
}

}  // namespace
}  // namespace idx::indexer
