#include "tests/fuzz/fuzz_entries.hpp"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include "common/config.hpp"
#include "common/error.hpp"
#include "common/lines.hpp"
#include "common/local_database.hpp"
#include "common/post_date.hpp"
#include "common/records.hpp"
#include "common/schema.hpp"
#include "common/utf8.hpp"
#include "indexer/author_names.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/front_matter.hpp"
#include "indexer/html_text.hpp"
#include "indexer/markdown.hpp"
#include "indexer/post_parser.hpp"
#include "indexer/shortcodes.hpp"
#include "query/query_builder.hpp"
#include "query/reader.hpp"
#include "query/search.hpp"
#include "tests/support/small_index.hpp"

namespace idx::fuzz {
namespace {

// A broken property: say which and abort, which both libFuzzer and the
// replay test report with the input that did it.
void check(bool holds, const char* property) {
    if (holds) return;
    std::fprintf(stderr, "idx fuzz: property broken: %s\n", property);
    std::abort();
}

// Valid UTF-8 (control characters allowed: that is not what this checks).
bool is_utf8(std::string_view text) {
    std::string without_controls(text);
    for (char& c : without_controls)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    return is_clean_utf8(without_controls);
}

// The last byte picks among variants of a target, so one target covers
// several paths; it stays part of the input, so whole files are good seeds.
unsigned char variant_of(std::string_view data) {
    return data.empty() ? 0 : static_cast<unsigned char>(data.back());
}

}  // namespace

void front_matter(std::string_view data) {
    // Raw bytes first (split is byte-level), then as parse_post sees them.
    (void)indexer::split_front_matter(data);
    const std::string text = repair_utf8(data);
    const auto split = indexer::split_front_matter(text);
    std::string_view yaml = text;
    if (const auto* block = std::get_if<indexer::FrontMatterBlock>(&split)) {
        check(block->yaml.data() >= text.data() && block->body.data() + block->body.size() <= text.data() + text.size(),
              "split_front_matter returns views into its input");
        yaml = block->yaml;
    }
    const auto parsed = indexer::parse_front_matter(yaml, KeyMapping{});
    if (const auto* fm = std::get_if<indexer::FrontMatter>(&parsed)) {
        check(fm->title.find('\n') == std::string::npos, "a front matter title is one line");
        for (const std::string& tag : fm->tags) check(!tag.empty(), "no empty tags");
    }
}

void html_text(std::string_view data) {
    const unsigned char variant = variant_of(data);
    const std::string html = repair_utf8(data);
    // Small depth limits send ordinary inputs down the tag-stripping path too.
    const indexer::HtmlLimits limits{variant % 2 ? std::size_t{4} : std::size_t{1000}};
    const indexer::HtmlText text = indexer::html_to_text(html, limits);
    check(is_utf8(text.text), "html_to_text of UTF-8 is UTF-8");
    check(is_utf8(indexer::decode_entities(html)), "decode_entities of UTF-8 is UTF-8");
}

void markdown(std::string_view data) {
    const std::string text = repair_utf8(data);
    const std::string stripped = indexer::strip_liquid(indexer::strip_shortcodes(text, {"extra_code"}));
    check(stripped.size() <= text.size(), "stripping markup never adds text");
    (void)indexer::is_mostly_html(stripped);
    const std::string html = indexer::markdown_to_html(stripped);
    check(is_utf8(html), "md4c output of UTF-8 is UTF-8");
    (void)indexer::html_to_text(html);
}

void post_date(std::string_view data) {
    if (const auto parsed = parse_post_date(data)) {
        const PostDate& d = parsed->date;
        check(d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days_in_month(d.year, d.month),
              "a parsed date is a real day");
        check(d.hour <= 23 && d.minute <= 59 && d.second <= 59, "a parsed time is a real time");
        const std::string key = to_sort_key(d);
        check(key.size() == 14 || d.year > 9999, "sort keys are fixed width for four-digit years");
        // What idx writes, it must read back as the same date.
        const auto again = parse_post_date(to_iso8601(d));
        check(again && again->date == d, "to_iso8601 round-trips");
        (void)to_year_month(d);
    }
    if (const auto from_name = date_from_file_name(data)) (void)to_iso8601(*from_name);
}

namespace {

// A small index built once per process in a temporary folder from the
// posts below (tests/support/small_index.hpp).
class QueryFixture {
public:
    QueryFixture() {
        const char* posts[] = {
            "---\ntitle: Ceasefire talks resume in Geneva\ndate: 2016-02-21 18:12:10 +0100\nauthor: Staff Writer\n"
            "categories: [topNews, world]\ntags: \"diplomacy, syria\"\nID: 1194\n---\n<p>Kerry and Lavrov agreed on "
            "a provisional ceasefire. Talks resume next week.</p>\n",
            "---\ntitle: Spring garden notes\ndate: 2016-03-15\nauthor: Sam Okafor\ncategories: gardening\n"
            "tags: [tomatoes, beans]\n---\nThe first *seedlings* are up. Tomatoes want warmth; beans want patience.\n",
            "---\ntitle: River cleanup draws volunteers\ndate: 2016-03-04 09:30:00\nauthor: [Maria Lopez, Li Wei]\n"
            "categories: [community]\n---\nTwo hundred volunteers pulled plastic out of the river.\n",
        };
        int n = 0;
        for (const char* post : posts) {
            const std::string path = "/posts/post" + std::to_string(n++) + ".md";
            m_index.add(indexer::parse_post(path, post, {}).post);
        }
        m_index.commit();
        m_db = open_for_reading(m_index.path());
        m_builder = std::make_unique<query::QueryBuilder>(m_db, query::read_index_language(m_db));
        m_searcher = std::make_unique<query::Searcher>(m_index.path());
    }

    query::QueryBuilder& builder() { return *m_builder; }
    query::Searcher& searcher() { return *m_searcher; }

private:
    test::SmallIndex m_index{"idx-fuzz-query"};
    Xapian::Database m_db;
    std::unique_ptr<query::QueryBuilder> m_builder;
    std::unique_ptr<query::Searcher> m_searcher;
};

// Lines after the first give filters: `a:`, `c:`, `t:`, `s:` (since), `u:` (until).
query::SearchRequest request_from(std::string_view data) {
    query::SearchRequest request;
    const unsigned char variant = variant_of(data);
    request.match = variant & 1 ? query::MatchMode::all : query::MatchMode::any;
    if (variant & 2) request.sort = variant & 4 ? query::SortOrder::newest : query::SortOrder::oldest;
    request.facet_limit = variant >> 5;
    const std::size_t nl = data.find('\n');
    request.query = std::string(data.substr(0, nl));
    for (std::size_t pos = nl; pos != std::string_view::npos && pos < data.size();) {
        const std::size_t end = data.find('\n', pos + 1);
        const std::string_view line = data.substr(pos + 1, end == std::string_view::npos ? end : end - pos - 1);
        pos = end;
        if (line.size() < 2 || line[1] != ':') continue;
        const std::string value(line.substr(2));
        switch (line[0]) {
            case 'a':
                request.authors.push_back(value);
                break;
            case 'c':
                request.categories.push_back(value);
                break;
            case 't':
                request.tags.push_back(value);
                break;
            case 's':
                request.since = value;
                break;
            case 'u':
                request.until = value;
                break;
            default:
                break;
        }
    }
    return request;
}

}  // namespace

void query(std::string_view data) {
    static QueryFixture fixture;
    // Queries reach idx as UTF-8 text (a terminal, a JSON line); raw bytes
    // are tried too, since argv is bytes.
    const query::SearchRequest request = request_from(data);
    try {
        const query::BuiltQuery built = fixture.builder().build(request);
        for (const std::string& term : built.terms) check(!term.empty(), "query terms are not empty");
    } catch (const Error& e) {
        check(e.code() == ExitCode::usage, "a bad query is a usage error");
        return;
    }
    try {
        const query::SearchResult result = fixture.searcher().search(request);
        check(result.hits.size() <= request.limit, "no more hits than the limit");
    } catch (const Error& e) {
        check(e.code() == ExitCode::usage, "a bad query is a usage error");
    }
}

void post_document(std::string_view data) {
    const unsigned char variant = variant_of(data);
    static constexpr const char* kPaths[] = {"/p/2016-02-21-post.md", "/p/post.html", "/p/post.markdown",
                                             "/p/2016-13-40-x.htm"};
    const std::string path = kPaths[variant % 4];
    indexer::ParseOptions options;
    options.html.max_depth = variant & 4 ? 16 : 1000;
    const indexer::ParseResult parsed = indexer::parse_post(path, data, options);
    if (parsed.status != indexer::ParseStatus::post && parsed.status != indexer::ParseStatus::draft) return;
    check(is_clean_utf8(parsed.post.title), "titles are clean UTF-8");

    static indexer::DocumentBuilder builder{IndexSettings{}};
    const SourceRecord source{path, 1, data.size(), std::string(16, 'h')};
    const indexer::BuiltDocument built = builder.build(parsed.post, source);
    for (auto it = built.document.termlist_begin(); it != built.document.termlist_end(); ++it)
        check((*it).size() <= 245, "no term is longer than Xapian's limit");
    const auto stored = decode_post(built.document.get_data(), built.document.get_value(schema::slot::text));
    check(stored.has_value(), "document data decodes");
    // "Ann Lee and Bo Li" is stored as two authors (IndexSettings::split_authors).
    check(stored->title == parsed.post.title && stored->authors == indexer::split_authors(parsed.post.authors),
          "document data round-trips");
    check(stored->text.size() <= indexer::DocumentBuilder::kMaxStoredText, "stored text is capped");
    check(parsed.post.text.compare(0, stored->text.size(), stored->text) == 0, "stored text is the start of the text");
    const auto decoded_source = decode_source(built.document.get_value(schema::slot::source));
    check(decoded_source && *decoded_source == source, "the source value round-trips");
}

}  // namespace idx::fuzz

// LeakSanitizer's hook for built-in suppressions (used only when it runs).
// Xapian 1.4.22's QueryParser leaks about 100 bytes on some syntax errors
// ("a AND( NEAR/3 b)", regressions/query/): upstream, not idx; see
// docs/RELIABILITY.md.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:Xapian::QueryParser::Internal::parse_query\n";
}
