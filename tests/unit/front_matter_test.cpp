#include "indexer/front_matter.hpp"

#include <gtest/gtest.h>

#include "tests/support/param_name.hpp"

namespace idx::indexer {
namespace {

using Strings = std::vector<std::string>;

// ---- split_front_matter ----

struct SplitCase {
    const char* name;
    std::string content;
    std::string yaml;
    std::string body;
};

class SplitFound : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitFound, FindsTheBlock) {
    const auto split = split_front_matter(GetParam().content);
    const auto* block = std::get_if<FrontMatterBlock>(&split);
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(block->yaml, GetParam().yaml);
    EXPECT_EQ(block->body, GetParam().body);
    EXPECT_EQ(block->yaml_first_line, 2);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SplitFound,
    ::testing::Values(
        SplitCase{"plain", "---\ntitle: a\n---\nbody\n", "title: a\n", "body\n"},
        SplitCase{"bom", "\xEF\xBB\xBF---\ntitle: a\n---\nbody", "title: a\n", "body"},
        SplitCase{"crlf", "---\r\ntitle: a\r\n---\r\nbody\r\n", "title: a\r\n", "body\r\n"},
        SplitCase{"trailing_blanks_on_markers", "---  \ntitle: a\n--- \t\nbody", "title: a\n", "body"},
        SplitCase{"dots_closer", "---\ntitle: a\n...\nbody", "title: a\n", "body"},
        SplitCase{"empty_block", "---\n---\nbody", "", "body"},
        SplitCase{"closer_at_end_of_file", "---\ntitle: a\n---", "title: a\n", ""},
        SplitCase{"first_closer_wins", "---\na: 1\n---\nbody\n---\nmore\n", "a: 1\n", "body\n---\nmore\n"},
        SplitCase{"dashes_inside_values", "---\ntitle: a --- b\n---\nx", "title: a --- b\n", "x"},
        SplitCase{"longer_dash_line_is_not_a_closer", "---\nrule: x\n----\n---\nbody", "rule: x\n----\n", "body"}),
    test::param_name);

struct ProblemCase {
    const char* name;
    std::string content;
    SplitProblem problem;
};

class SplitProblems : public ::testing::TestWithParam<ProblemCase> {};

TEST_P(SplitProblems, Reports) {
    const auto split = split_front_matter(GetParam().content);
    const auto* problem = std::get_if<SplitProblem>(&split);
    ASSERT_NE(problem, nullptr);
    EXPECT_EQ(*problem, GetParam().problem);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SplitProblems,
    ::testing::Values(ProblemCase{"empty", "", SplitProblem::no_front_matter},
                      ProblemCase{"plain_text", "title: a\nbody\n", SplitProblem::no_front_matter},
                      ProblemCase{"dashes_on_second_line", "\n---\ntitle: a\n---\n", SplitProblem::no_front_matter},
                      ProblemCase{"indented_dashes", " ---\ntitle: a\n---\n", SplitProblem::no_front_matter},
                      ProblemCase{"four_dashes", "----\ntitle: a\n----\n", SplitProblem::no_front_matter},
                      ProblemCase{"text_after_dashes", "--- title\nx\n---\n", SplitProblem::no_front_matter},
                      ProblemCase{"html", "<p>---</p>\n", SplitProblem::no_front_matter},
                      ProblemCase{"unterminated", "---\ntitle: a\nbody\n", SplitProblem::unterminated},
                      ProblemCase{"only_opener", "---", SplitProblem::unterminated},
                      ProblemCase{"only_opener_newline", "---\n", SplitProblem::unterminated}),
    test::param_name);

// ---- parse_front_matter ----

struct Expected {
    std::string title;
    std::string date;
    Strings authors;
    Strings categories;
    Strings tags;
    std::string url;
    std::string id;
    bool draft = false;
};

struct FieldCase {
    const char* name;
    std::string yaml;
    Expected expected;
};

FrontMatter parse_ok(std::string_view yaml, const KeyMapping& keys = {}) {
    auto parsed = parse_front_matter(yaml, keys);
    if (const auto* error = std::get_if<FileMessage>(&parsed)) {
        ADD_FAILURE() << "line " << error->line << ": " << error->message;
        return {};
    }
    return std::get<FrontMatter>(parsed);
}

class ParseFields : public ::testing::TestWithParam<FieldCase> {};

// Every field is compared, so a value landing in the wrong field shows too.
TEST_P(ParseFields, Maps) {
    const FrontMatter fm = parse_ok(GetParam().yaml);
    const Expected& e = GetParam().expected;
    EXPECT_EQ(fm.title, e.title);
    EXPECT_EQ(fm.date, e.date);
    EXPECT_EQ(fm.authors, e.authors);
    EXPECT_EQ(fm.categories, e.categories);
    EXPECT_EQ(fm.tags, e.tags);
    EXPECT_EQ(fm.url, e.url);
    EXPECT_EQ(fm.id, e.id);
    EXPECT_EQ(fm.draft, e.draft);
}

Expected title(std::string t) {
    Expected e;
    e.title = std::move(t);
    return e;
}
Expected date(std::string d) {
    Expected e;
    e.date = std::move(d);
    return e;
}
Expected authors(Strings a) {
    Expected e;
    e.authors = std::move(a);
    return e;
}
Expected categories(Strings c) {
    Expected e;
    e.categories = std::move(c);
    return e;
}
Expected tags(Strings t) {
    Expected e;
    e.tags = std::move(t);
    return e;
}
Expected url(std::string u) {
    Expected e;
    e.url = std::move(u);
    return e;
}
Expected id(std::string i) {
    Expected e;
    e.id = std::move(i);
    return e;
}
Expected draft(bool d) {
    Expected e;
    e.draft = d;
    return e;
}

INSTANTIATE_TEST_SUITE_P(
    DefaultKeys, ParseFields,
    ::testing::Values(
        FieldCase{"post_title", "post_title: Hello\n", title("Hello")},
        FieldCase{"title", "title: Hello\n", title("Hello")},
        FieldCase{"title_any_case", "Title: Hello\n", title("Hello")},
        FieldCase{"post_title_beats_title", "title: Second\npost_title: First\n", title("First")},
        FieldCase{"null_post_title_falls_through", "post_title:\ntitle: Kept\n", title("Kept")},
        FieldCase{"number_title", "title: 2016\n", title("2016")},
        FieldCase{"post_date", "post_date: 2016-02-21 18:12:10\n", date("2016-02-21 18:12:10")},
        FieldCase{"date", "date: 2016-02-21\n", date("2016-02-21")},
        FieldCase{"post_date_beats_date", "date: 2015-01-01\npost_date: 2016-02-21 18:12:10 +0100\n",
                  date("2016-02-21 18:12:10 +0100")},
        FieldCase{"author", "author: Staff Writer\n", authors({"Staff Writer"})},
        FieldCase{"Author", "Author: Staff Writer\n", authors({"Staff Writer"})},
        FieldCase{"AUTHOR", "AUTHOR: Staff Writer\n", authors({"Staff Writer"})},
        FieldCase{"post_author", "post_author: jdoe\n", authors({"jdoe"})},
        FieldCase{"author_beats_post_author", "post_author: jdoe\nauthor: Jane Doe\n", authors({"Jane Doe"})},
        FieldCase{"author_list", "author:\n  - Ana\n  - Ben\n", authors({"Ana", "Ben"})},
        // Names such as "Smith, John" hold commas: authors are not split.
        FieldCase{"author_with_comma", "author: Smith, John\n", authors({"Smith, John"})},
        FieldCase{"original_cats", "original_cats:\n  - World\n  - Top Stories\n",
                  categories({"World", "Top Stories"})},
        FieldCase{"categories", "categories: [culture, music]\n", categories({"culture", "music"})},
        FieldCase{"category", "category: Top Stories\n", categories({"Top Stories"})},
        FieldCase{"original_cats_beat_categories", "categories: [b]\noriginal_cats: [a]\ncategory: c\n",
                  categories({"a"})},
        FieldCase{"categories_beat_category", "category: c\ncategories: [b]\n", categories({"b"})},
        FieldCase{"comma_list", "original_cats:\n  - Culture,Game of Thrones\n",
                  categories({"Culture", "Game of Thrones"})},
        FieldCase{"comma_list_trimmed", "categories: ' World ,  Top Stories ,, '\n",
                  categories({"World", "Top Stories"})},
        FieldCase{"categories_repeated", "categories: [a, 'a', 'b,a']\n", categories({"a", "b"})},
        FieldCase{"nested_list_flattened", "tags: [[x, y], z]\n", tags({"x", "y", "z"})},
        FieldCase{"tags", "tags: [geneva, talks]\n", tags({"geneva", "talks"})},
        FieldCase{"tags_comma_string", "tags: geneva, talks\n", tags({"geneva", "talks"})},
        FieldCase{"original_tags", "original_tags: [Spring Bulbs]\n", tags({"Spring Bulbs"})},
        FieldCase{"tags_beat_original_tags", "original_tags: [b]\ntags: [a]\n", tags({"a"})},
        FieldCase{"permalink", "permalink: https://example.org/a/\n", url("https://example.org/a/")},
        FieldCase{"canonical_url", "canonical_url: https://example.org/b/\n", url("https://example.org/b/")},
        FieldCase{"link", "link: https://example.org/c/\n", url("https://example.org/c/")},
        FieldCase{"permalink_beats_others",
                  "link: https://example.org/c/\ncanonical_url: https://example.org/b/\npermalink: /a/\n", url("/a/")},
        FieldCase{"canonical_url_beats_link", "link: /c/\ncanonical_url: /b/\n", url("/b/")},
        FieldCase{"folded_url", "permalink: >\n  https://news.example.org/a-very-\n  long-slug/\n",
                  url("https://news.example.org/a-very-long-slug/")},
        FieldCase{"ID", "ID: 101\n", id("101")}, FieldCase{"wordpress_id", "wordpress_id: 55\n", id("55")},
        FieldCase{"id", "id: 7\n", id("7")},
        FieldCase{"ID_beats_wordpress_id", "wordpress_id: 55\nID: 101\n", id("101")},
        FieldCase{"published_false", "published: false\n", draft(true)},
        FieldCase{"published_False", "published: False\n", draft(true)},
        FieldCase{"published_true", "published: true\n", draft(false)},
        FieldCase{"published_absent", "title: x\n", title("x")},
        FieldCase{"map_values_ignored", "author:\n  name: Jane\n", Expected{}}, FieldCase{"empty_yaml", "", Expected{}},
        FieldCase{"comment_only", "# nothing here\n", Expected{}}),
    test::param_name);

INSTANTIATE_TEST_SUITE_P(
    TextCleaning, ParseFields,
    ::testing::Values(FieldCase{"title_entities",
                                "post_title: 'Talks resume &#8211; envoys&#039; &quot;last chance&quot; &amp; more'\n",
                                title("Talks resume \xE2\x80\x93 envoys' \"last chance\" & more")},
                      FieldCase{"named_entity", "title: Caf&eacute; culture\n", title("Caf\xC3\xA9 culture")},
                      FieldCase{"tag_literal_in_title", "title: 'Why &lt;b&gt; is bold'\n", title("Why <b> is bold")},
                      FieldCase{"category_entities", "categories: ['Arts &amp; Culture']\n",
                                categories({"Arts & Culture"})},
                      FieldCase{"author_entities", "author: O&#039;Brien\n", authors({"O'Brien"})},
                      FieldCase{"folded_title", "title: >\n  A long title\n  folded over lines\n",
                                title("A long title folded over lines")},
                      FieldCase{"literal_title_collapsed", "title: |\n  Two\n  lines\n", title("Two lines")},
                      FieldCase{"blanks_collapsed", "title: \"  spaced   out\\ttitle  \"\n", title("spaced out title")},
                      FieldCase{"empty_values_dropped", "tags: ['', ' ', real]\n", tags({"real"})}),
    test::param_name);

TEST(ParseFrontMatter, WordPressExportAllFields) {
    const FrontMatter fm = parse_ok(R"(ID: 101
post_title: 'Ceasefire talks resume in Geneva &#8211; envoys&#039; &quot;last chance&quot;'
author: Staff Writer
post_date: 2016-02-21 18:12:10
post_excerpt: ""
layout: post
permalink: >
  https://news.example.org/ceasefire-talks-resume-in-geneva/
published: true
original_cats:
  - World,Top Stories
original_tags:
  - geneva
)");
    EXPECT_EQ(fm.id, "101");
    EXPECT_EQ(fm.title, "Ceasefire talks resume in Geneva \xE2\x80\x93 envoys' \"last chance\"");
    EXPECT_EQ(fm.authors, (Strings{"Staff Writer"}));
    EXPECT_EQ(fm.date, "2016-02-21 18:12:10");
    EXPECT_EQ(fm.date_line, 4);
    EXPECT_EQ(fm.url, "https://news.example.org/ceasefire-talks-resume-in-geneva/");
    EXPECT_FALSE(fm.draft);
    EXPECT_EQ(fm.categories, (Strings{"World", "Top Stories"}));
    EXPECT_EQ(fm.tags, (Strings{"geneva"}));
}

TEST(ParseFrontMatter, DateLineIsTheLineOfTheValue) {
    EXPECT_EQ(parse_ok("title: a\n\ndate: 2016-02-21\n").date_line, 3);
    EXPECT_EQ(parse_ok("date: 2016-02-21\n").date_line, 1);
}

struct ErrorCase {
    const char* name;
    std::string yaml;
    int line;
};

class ParseErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ParseErrors, ReportLine) {
    const auto parsed = parse_front_matter(GetParam().yaml, KeyMapping{});
    const auto* error = std::get_if<FileMessage>(&parsed);
    ASSERT_NE(error, nullptr) << GetParam().yaml;
    EXPECT_EQ(error->line, GetParam().line) << error->message;
    EXPECT_FALSE(error->message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseErrors,
    ::testing::Values(ErrorCase{"bad_indent_line_3", "title: a\nauthor: b\n  nested: c\n", 3},
                      ErrorCase{"stray_bracket_line_4", "title: a\nauthor: b\nc: d\ntags: [x]]\n", 4},
                      ErrorCase{"tab_indent_line_2", "title: a\n\tauthor: b\n", 2},
                      ErrorCase{"list_not_map", "- a\n- b\n", 1}, ErrorCase{"scalar_not_map", "just a sentence\n", 1},
                      // Quotes and brackets left open are reported where they open (issue 9).
                      ErrorCase{"unclosed_quote_runs_into_keys",
                                "layout: post\ntitle: \"Unclosed quote\ndate: 2020-01-01\nauthor: X\n", 2},
                      ErrorCase{"unclosed_quote_closed_later", "a: 1\ntitle: \"Unclosed\ndate: 2020\nauthor: \"X\"\n",
                                2},
                      ErrorCase{"unclosed_single_quote", "a: 1\ntitle: 'Unclosed\ndate: x\n", 2},
                      ErrorCase{"unclosed_quote_at_the_end", "a: 1\nb: 2\ntitle: \"Unclosed\n", 3},
                      ErrorCase{"unclosed_quote_in_a_list", "tags:\n  - \"one\n  - two\ndate: x\n", 2},
                      ErrorCase{"unclosed_list", "a: 1\ntags: [x, y\ndate: 2020-01-01\n", 2},
                      ErrorCase{"unclosed_flow_map", "a: 1\nb: 2\nmeta: {k: v\ndate: 2020-01-01\n", 3},
                      ErrorCase{"line_eight", "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ntitle: \"broken\ng: 1\n", 7}),
    test::param_name);

// What YAML allows stays allowed: quotes spanning lines, quotes inside
// values, quotes and brackets inside block scalars and comments.
TEST(ParseFrontMatter, ValidQuotesAndBracketsAreNoError) {
    EXPECT_EQ(parse_ok("title: \"A long\n  title: with a colon\"\n").title, "A long title: with a colon");
    EXPECT_EQ(parse_ok("title: \"multi\nline\"\nauthor: x\n").title, "multi line");
    EXPECT_EQ(parse_ok("title: 'It''s fine'\n").title, "It's fine");
    EXPECT_EQ(parse_ok("title: \"say \\\"hi\\\"\"\n").title, "say \"hi\"");
    EXPECT_EQ(parse_ok("title: It's \"fine\"\n").title, "It's \"fine\"");
    EXPECT_EQ(parse_ok("tags: [a,\n  b]\ntitle: t\n").tags, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(parse_ok("excerpt: |\n  a \"quote\n  [x\ntitle: t\n").title, "t");
    EXPECT_EQ(parse_ok("title: t # a \"comment\n").title, "t");
    EXPECT_EQ(parse_ok("post_excerpt: \"\"\ntitle: t\n").title, "t");
}

TEST(ParseFrontMatter, CustomKeyMapping) {
    KeyMapping keys;
    keys.title = {"headline"};
    keys.author = {"writer"};
    keys.categories = {"section"};
    keys.published = {"visible"};
    const FrontMatter fm = parse_ok(
        "title: Ignored\nheadline: Used\nauthor: Nobody\nWriter: Ana\n"
        "section: 'News, Local'\ncategories: [ignored]\nvisible: no\n",
        keys);
    EXPECT_EQ(fm.title, "Used");
    EXPECT_EQ(fm.authors, (Strings{"Ana"}));
    EXPECT_EQ(fm.categories, (Strings{"News", "Local"}));
    EXPECT_TRUE(fm.draft);
    EXPECT_TRUE(fm.tags.empty());  // default keys still apply to fields not remapped
}

TEST(ParseFrontMatter, EmptyMappingReadsNothing) {
    KeyMapping keys;
    keys.title.clear();
    EXPECT_EQ(parse_ok("title: x\npost_title: y\n", keys).title, "");
}

TEST(SplitCommas, SplitsTrimsAndDropsRepeats) {
    EXPECT_EQ(split_commas({"a, b", " c ", "b"}), (Strings{"a", "b", "c"}));
    EXPECT_EQ(split_commas({",,", "", " "}), Strings{});
    EXPECT_EQ(split_commas({"Culture,Game of Thrones"}), (Strings{"Culture", "Game of Thrones"}));
}

}  // namespace
}  // namespace idx::indexer
